#pragma once

#include "ApiJob.h"

#include <QPointer>

class QNetworkReply;

namespace dopool::api {

// A request to DO over the client's QNetworkAccessManagers (NamPool): what every GET goes
// through. The job base (ApiJob) times each try out, retries a retryable request and
// delivers the one outcome; this class only sends a try and reads its reply.
class ApiCall final : public ApiJob
{
    Q_OBJECT
public:
    ApiCall(const CallSettings &settings, Request request, QString token, QObject *context,
            Done done, QObject *parent);
    ~ApiCall() override;

private:
    void sendAttempt() override;
    void onAttemptTimedOut() override;
    void dropTransport() override;
    void onReplyFinished();
    void onMetaDataChanged();
    void onReadyRead();
    // Moves what arrived into m_body; false (and the call concluded) when that exceeds the
    // request's maxReplyBytes.
    bool takeArrived();
    void dropReply(bool abort);

    QPointer<QNetworkReply> m_reply;
    QByteArray m_body; // of the current try, read as it arrives
};

} // namespace dopool::api
