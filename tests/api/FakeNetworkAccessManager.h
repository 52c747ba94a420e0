#pragma once

// Test-only, header-only (the tests' CMake builds one tst_*.cpp per executable): a
// QNetworkAccessManager whose replies come from a script instead of the network, in the
// manner of Nextcloud desktop's FakeQNAM. No Q_OBJECT, so no moc is needed.

#include <QIODevice>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPair>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>

namespace dopool::testing {

// One scripted answer.
struct Response
{
    int status = 200; // 0: no HTTP answer (use `error`)
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // -1: never answers, only abort() ends it
    QNetworkReply::NetworkError error = QNetworkReply::NoError; // transport error
    QString errorString;
};

inline Response json(int status, const QByteArray &body,
                     QList<QPair<QByteArray, QByteArray>> headers = {})
{
    headers.append({QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")});
    return Response{status, std::move(headers), body, 0, QNetworkReply::NoError, {}};
}

inline Response transportError(QNetworkReply::NetworkError error, const QString &text)
{
    return Response{0, {}, {}, 0, error, text};
}

inline Response never()
{
    return Response{0, {}, {}, -1, QNetworkReply::NoError, {}};
}

struct RecordedRequest
{
    QNetworkAccessManager::Operation operation;
    QUrl url;
    QNetworkRequest request;
    QByteArray body;
    int managerIndex = -1;
};

// Shared by every fake manager of one client: the queue of answers and what was sent.
struct Script
{
    std::deque<Response> queue;                                 // used first, in order
    std::function<Response(const RecordedRequest &)> responder; // then this
    QList<RecordedRequest> requests;
    int aborted = 0;  // replies ended by abort() before their answer
    int finished = 0; // replies that delivered their answer

    void enqueue(Response response) { queue.push_back(std::move(response)); }
};

class FakeReply final : public QNetworkReply
{
public:
    FakeReply(std::shared_ptr<Script> script, const QNetworkRequest &request,
              QNetworkAccessManager::Operation operation, Response response, QObject *parent)
        : QNetworkReply(parent)
        , m_script(std::move(script))
        , m_response(std::move(response))
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(operation);
        open(QIODevice::ReadOnly);
        if (m_response.delayMs >= 0)
            QTimer::singleShot(m_response.delayMs, this, [this] { deliver(); });
    }

    void abort() override
    {
        if (isFinished())
            return;
        ++m_script->aborted;
        setError(OperationCanceledError, QStringLiteral("Operation canceled"));
        setFinished(true);
        emit errorOccurred(OperationCanceledError);
        emit finished();
    }

    qint64 bytesAvailable() const override
    {
        return (m_data.size() - m_offset) + QIODevice::bytesAvailable();
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_offset);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        std::memcpy(data, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }

private:
    // What Qt itself sets for an HTTP error status, so the client sees the same pairs.
    static NetworkError errorForStatus(int status)
    {
        switch (status) {
        case 401:
            return AuthenticationRequiredError;
        case 403:
            return ContentAccessDenied;
        case 404:
            return ContentNotFoundError;
        case 409:
            return ContentConflictError;
        case 500:
            return InternalServerError;
        case 503:
            return ServiceUnavailableError;
        default:
            break;
        }
        if (status >= 400 && status <= 499)
            return UnknownContentError;
        if (status >= 500)
            return UnknownServerError;
        return NoError;
    }

    void deliver()
    {
        if (isFinished())
            return;
        ++m_script->finished;
        if (m_response.status > 0)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
        for (const auto &header : std::as_const(m_response.headers))
            setRawHeader(header.first, header.second);
        m_data = m_response.body;
        NetworkError error = m_response.error;
        QString text = m_response.errorString;
        if (error == NoError && m_response.status > 0) {
            error = errorForStatus(m_response.status);
            text = QStringLiteral("Error transferring %1 - server replied: %2")
                       .arg(url().toString())
                       .arg(m_response.status);
        }
        if (error != NoError)
            setError(error, text);
        setFinished(true);
        emit metaDataChanged();
        if (!m_data.isEmpty())
            emit readyRead();
        if (error != NoError)
            emit errorOccurred(error);
        emit finished();
    }

    std::shared_ptr<Script> m_script;
    Response m_response;
    QByteArray m_data;
    qint64 m_offset = 0;
};

class FakeNetworkAccessManager final : public QNetworkAccessManager
{
public:
    FakeNetworkAccessManager(std::shared_ptr<Script> script, int index, QObject *parent)
        : QNetworkAccessManager(parent)
        , m_script(std::move(script))
        , m_index(index)
    {}

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        RecordedRequest recorded{operation, request.url(), request,
                                 outgoingData ? outgoingData->readAll() : QByteArray(), m_index};
        m_script->requests.append(recorded);
        Response response;
        if (!m_script->queue.empty()) {
            response = m_script->queue.front();
            m_script->queue.pop_front();
        } else if (m_script->responder) {
            response = m_script->responder(recorded);
        } else {
            response = Response{599,
                                {},
                                QByteArray("{\"id\":\"test\",\"message\":\"unscripted\"}"),
                                0,
                                QNetworkReply::NoError,
                                {}};
        }
        return new FakeReply(m_script, request, operation, std::move(response), this);
    }

private:
    std::shared_ptr<Script> m_script;
    int m_index;
};

// A factory for DoApiClient that numbers the managers it makes.
inline std::function<QNetworkAccessManager *(QObject *)> factory(std::shared_ptr<Script> script)
{
    auto counter = std::make_shared<int>(0);
    return [script, counter](QObject *parent) {
        return new FakeNetworkAccessManager(script, (*counter)++, parent);
    };
}

} // namespace dopool::testing
