#pragma once

#include "ReplyHeaders.h"

#include <QByteArray>
#include <QString>
#include <algorithm>

namespace dopool::api {

// Reads one HTTP/1.1 response as it arrives: status line, headers (names compared
// case-insensitively later, see ReplyHeaders.h), then a Content-Length, chunked or
// until-close body. Interim 1xx answers are skipped. Sizes are capped so a misbehaving peer
// cannot make us buffer without end.
class HttpResponseParser
{
public:
    enum class Progress
    {
        NeedMore,
        Complete,
        Failed
    };

    Progress feed(const QByteArray &data);
    // The peer closed the connection: a body delimited by the close is complete now, anything
    // else still unfinished is a truncated answer.
    Progress finishAtEof();

    bool headersDone() const { return m_headersDone; }
    int status() const { return m_status; }
    const RawHeaders &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    const QString &problem() const { return m_problem; } // why Failed

    static constexpr qsizetype MaxHeaderBytes = 64 * 1024;
    static constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;
    // The body's limit for this answer (at most MaxBodyBytes): the endpoint's, see ReplyLimit.
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = std::min<qint64>(bytes, MaxBodyBytes); }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    // Failed because the body is over maxBodyBytes() (declared or counted).
    bool tooLarge() const { return m_tooLarge; }

private:
    enum class Stage
    {
        StatusLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
        Error
    };

    Progress parse();
    Progress fail(QString problem);
    bool takeLine(QByteArray &line);
    bool parseStatusLine(const QByteArray &line);
    bool endOfHeaders();
    bool appendBody(qsizetype count);

    QByteArray m_buffer;
    qsizetype m_pos = 0; // parsed up to here
    Stage m_stage = Stage::StatusLine;
    qsizetype m_headerBytes = 0;
    qsizetype m_remaining = 0; // of the fixed body or the current chunk
    bool m_headersDone = false;
    int m_status = 0;
    RawHeaders m_headers;
    QByteArray m_body;
    QString m_problem;
    qint64 m_maxBodyBytes = MaxBodyBytes;
    bool m_tooLarge = false;
};

} // namespace dopool::api
