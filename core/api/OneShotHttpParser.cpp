#include "OneShotHttpParser.h"

#include "common/Translate.h"

#include <QCoreApplication>
#include <algorithm>
#include <optional>

namespace dopool::api {

namespace {

bool isHexDigits(const QByteArray &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

bool isDigits(const QByteArray &text)
{
    return !text.isEmpty() &&
           std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

HttpResponseParser::Progress HttpResponseParser::feed(const QByteArray &data)
{
    if (m_stage == Stage::Done)
        return Progress::Complete; // anything after the answer is not ours to read
    if (m_stage == Stage::Error)
        return Progress::Failed;
    m_buffer.append(data);
    return parse();
}

HttpResponseParser::Progress HttpResponseParser::finishAtEof()
{
    switch (m_stage) {
    case Stage::UntilClose:
        m_stage = Stage::Done;
        return Progress::Complete;
    case Stage::Done:
        return Progress::Complete;
    case Stage::Error:
        return Progress::Failed;
    default:
        break;
    }
    return fail(m_headersDone ? CoreTr::tr("the connection closed before the whole answer arrived")
                              : CoreTr::tr("the connection closed before an answer arrived"));
}

HttpResponseParser::Progress HttpResponseParser::fail(QString problem)
{
    m_stage = Stage::Error;
    m_problem = std::move(problem);
    return Progress::Failed;
}

bool HttpResponseParser::takeLine(QByteArray &line)
{
    const qsizetype newline = m_buffer.indexOf('\n', m_pos);
    if (newline < 0)
        return false;
    qsizetype end = newline;
    if (end > m_pos && m_buffer.at(end - 1) == '\r')
        --end;
    line = m_buffer.mid(m_pos, end - m_pos);
    m_pos = newline + 1;
    return true;
}

bool HttpResponseParser::parseStatusLine(const QByteArray &line)
{
    // "HTTP/1.1 202 Accepted" (the reason phrase may be empty or missing)
    if (!line.startsWith("HTTP/1."))
        return false;
    const qsizetype space = line.indexOf(' ');
    if (space < 0)
        return false;
    const QByteArray code = line.mid(space + 1, 3);
    if (code.size() != 3 || !isDigits(code))
        return false;
    if (line.size() > space + 4 && line.at(space + 4) != ' ')
        return false;
    m_status = code.toInt();
    return m_status >= 100 && m_status <= 599;
}

bool HttpResponseParser::endOfHeaders()
{
    if (m_status == 101) {
        fail(CoreTr::tr("the server switched protocols, which was never asked for"));
        return false;
    }
    if (m_status < 200) { // interim answer (100 Continue, 103 Early Hints): the real one follows
        m_headers.clear();
        m_status = 0;
        m_headerBytes = 0;
        m_stage = Stage::StatusLine;
        return true;
    }
    m_headersDone = true;
    if (m_status == 204 || m_status == 304) {
        m_stage = Stage::Done;
        return true;
    }
    const QByteArray encoding = headerValue(m_headers, "transfer-encoding").trimmed().toLower();
    if (!encoding.isEmpty()) {
        // We send no Accept-Encoding, so chunked is the only coding an answer may carry.
        if (encoding != "chunked") {
            fail(CoreTr::tr("unsupported transfer-encoding '%1'")
                     .arg(QString::fromLatin1(encoding)));
            return false;
        }
        m_stage = Stage::ChunkSize;
        return true;
    }
    std::optional<qint64> length;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (name.compare("content-length", Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray text = value.trimmed();
        if (!isDigits(text) || text.size() > 15 || (length && *length != text.toLongLong())) {
            fail(CoreTr::tr("invalid or conflicting content-length"));
            return false;
        }
        length = text.toLongLong();
    }
    if (!length) {
        m_stage = Stage::UntilClose; // "Connection: close" answers may end at the close
        return true;
    }
    if (*length > m_maxBodyBytes) {
        m_tooLarge = true;
        fail(CoreTr::tr("the answer is too large (%1 bytes)").arg(*length));
        return false;
    }
    m_remaining = *length;
    m_stage = m_remaining > 0 ? Stage::FixedBody : Stage::Done;
    return true;
}

bool HttpResponseParser::appendBody(qsizetype count)
{
    if (m_body.size() + count > m_maxBodyBytes) {
        m_tooLarge = true;
        fail(CoreTr::tr("the answer is too large (over %1 bytes)").arg(m_maxBodyBytes));
        return false;
    }
    m_body.append(m_buffer.constData() + m_pos, count);
    m_pos += count;
    return true;
}

HttpResponseParser::Progress HttpResponseParser::parse()
{
    for (;;) {
        const qsizetype available = m_buffer.size() - m_pos;
        QByteArray line;
        switch (m_stage) {
        case Stage::StatusLine:
        case Stage::Headers:
        case Stage::Trailers:
            if (!takeLine(line)) {
                if (m_headerBytes + available > MaxHeaderBytes)
                    return fail(CoreTr::tr("the answer's header block is too large"));
                m_buffer.remove(0, m_pos);
                m_pos = 0;
                return Progress::NeedMore;
            }
            m_headerBytes += line.size() + 2;
            if (m_headerBytes > MaxHeaderBytes)
                return fail(CoreTr::tr("the answer's header block is too large"));
            if (m_stage == Stage::StatusLine) {
                if (!parseStatusLine(line))
                    return fail(CoreTr::tr("not an HTTP answer"));
                m_stage = Stage::Headers;
            } else if (m_stage == Stage::Trailers) {
                if (line.isEmpty()) {
                    m_stage = Stage::Done;
                    return Progress::Complete;
                }
            } else if (line.isEmpty()) {
                if (!endOfHeaders())
                    return Progress::Failed;
            } else if (line.startsWith(' ') || line.startsWith('\t')) {
                // Obsolete line folding: the value goes on.
                if (m_headers.isEmpty())
                    return fail(CoreTr::tr("malformed header line"));
                m_headers.last().second.append(' ').append(line.trimmed());
            } else {
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon);
                if (colon <= 0 || name.contains(' ') || name.contains('\t'))
                    return fail(CoreTr::tr("malformed header line"));
                m_headers.append({name, line.mid(colon + 1).trimmed()});
            }
            break;
        case Stage::FixedBody:
        case Stage::ChunkData: {
            const qsizetype count = std::min(m_remaining, available);
            if (!appendBody(count))
                return Progress::Failed;
            m_remaining -= count;
            if (m_remaining > 0) {
                m_buffer.remove(0, m_pos);
                m_pos = 0;
                return Progress::NeedMore;
            }
            if (m_stage == Stage::FixedBody) {
                m_stage = Stage::Done;
                return Progress::Complete;
            }
            m_stage = Stage::ChunkDataEnd;
            break;
        }
        case Stage::ChunkSize: {
            if (!takeLine(line)) {
                if (available > 1024)
                    return fail(CoreTr::tr("malformed chunk size"));
                return Progress::NeedMore;
            }
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions: ignored
            const QByteArray hex = (semicolon >= 0 ? line.left(semicolon) : line).trimmed();
            if (!isHexDigits(hex) || hex.size() > 15)
                return fail(CoreTr::tr("malformed chunk size"));
            const qint64 size = hex.toLongLong(nullptr, 16);
            if (size > m_maxBodyBytes - m_body.size()) {
                m_tooLarge = true;
                return fail(
                    CoreTr::tr("the answer is too large (over %1 bytes)").arg(m_maxBodyBytes));
            }
            m_remaining = size;
            m_stage = size == 0 ? Stage::Trailers : Stage::ChunkData;
            break;
        }
        case Stage::ChunkDataEnd:
            if (!takeLine(line))
                return available > 2 ? fail(CoreTr::tr("malformed chunk")) : Progress::NeedMore;
            if (!line.isEmpty())
                return fail(CoreTr::tr("malformed chunk"));
            m_stage = Stage::ChunkSize;
            break;
        case Stage::UntilClose:
            if (!appendBody(available))
                return Progress::Failed;
            m_buffer.clear();
            m_pos = 0;
            return Progress::NeedMore;
        case Stage::Done:
            return Progress::Complete;
        case Stage::Error:
            return Progress::Failed;
        }
    }
}

} // namespace dopool::api
