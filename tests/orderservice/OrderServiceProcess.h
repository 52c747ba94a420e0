#pragma once

// The TypeScript stand-in for the order-service (tests/orderservice/src/orderservice.ts, on
// Prisma Client 7) as a child process: one JSON command per line in, one JSON answer per
// command out, plus the dopool_orders notifications it receives as events. The npm packages
// and the generated client live in the build tree (DOPOOL_ORDERSERVICE_DIR, made by the
// build's `npm ci` + `prisma generate`).

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <memory>

namespace dopool::testing {

class OrderServiceProcess
{
public:
    static QString directory() { return QStringLiteral(DOPOOL_ORDERSERVICE_DIR); }
    // Empty when the stand-in can run; else what is missing.
    static QString missing()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            return QStringLiteral("node is not on PATH");
        for (const char *file :
             {"node_modules/.bin/tsx", "generated/prisma/client.ts", "src/orderservice.ts"}) {
            if (!QFileInfo::exists(directory() + u'/' + QLatin1String(file)))
                return QStringLiteral("%1/%2 is missing: build the orderservice_node target (npm "
                                      "ci + prisma generate)")
                    .arg(directory(), QLatin1String(file));
        }
        return {};
    }

    // databaseUrl: postgresql://user@host:port/db; the key travels in the environment, as the
    // order-service gets it.
    bool start(const QString &databaseUrl, const QString &keyHex, const QString &apiBase)
    {
        m_process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DATABASE_URL"), databaseUrl);
        env.insert(QStringLiteral("ENCRYPTION_KEY"), keyHex);
        env.insert(QStringLiteral("DO_API_BASE"), apiBase);
        env.insert(QStringLiteral("NODE_NO_WARNINGS"), QStringLiteral("1"));
        m_process->setProcessEnvironment(env);
        m_process->setWorkingDirectory(directory());
        QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, m_process.get(),
                         [this] { readLines(); });
        QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                         [this] { m_stderr += m_process->readAllStandardError(); });
        m_process->start(directory() + QStringLiteral("/node_modules/.bin/tsx"),
                         {QStringLiteral("src/orderservice.ts")});
        if (!m_process->waitForStarted(30000))
            return false;
        // tsx compiles the stand-in and the generated client first: give a loaded machine time.
        return QTest::qWaitFor([this] { return m_ready || !running(); }, 120000) && m_ready;
    }

    bool running() const { return m_process && m_process->state() == QProcess::Running; }
    QByteArray stderrText() const { return m_stderr; }

    // Sends one command and waits for its answer (the event loop runs meanwhile: the fake DO in
    // this process keeps serving). An empty object when none came in time or the child died.
    QJsonObject request(QJsonObject command, int timeoutMs = 60000)
    {
        const int seq = ++m_seq;
        command.insert(QStringLiteral("seq"), seq);
        m_process->write(QJsonDocument(command).toJson(QJsonDocument::Compact) + '\n');
        if (!QTest::qWaitFor([this, seq] { return m_answers.contains(seq) || !running(); },
                             timeoutMs)) {
            qWarning("order-service stand-in: no answer to %s in %d ms",
                     qPrintable(command.value(u"cmd").toString()), timeoutMs);
            return {};
        }
        if (!m_answers.contains(seq)) {
            qWarning("order-service stand-in exited: %s", m_stderr.constData());
            return {};
        }
        return m_answers.take(seq);
    }

    // The dopool_orders payloads received so far.
    QList<QJsonObject> notifications() const { return m_notifications; }

    // Closes its input and waits for a clean exit; a crash or a non-zero exit is a failure.
    bool stop(int timeoutMs = 30000)
    {
        if (!m_process)
            return true;
        m_process->closeWriteChannel();
        if (!QTest::qWaitFor([this] { return !running(); }, timeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
            qWarning("order-service stand-in did not exit");
            return false;
        }
        const bool clean =
            m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
        if (!clean)
            qWarning("order-service stand-in ended badly (%d): %s", m_process->exitCode(),
                     m_stderr.constData());
        m_process.reset();
        return clean;
    }

    ~OrderServiceProcess()
    {
        if (running()) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }

private:
    void readLines()
    {
        m_buffer += m_process->readAllStandardOutput();
        qsizetype end;
        while ((end = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 1);
            const QJsonObject message = QJsonDocument::fromJson(line).object();
            if (message.isEmpty()) {
                qWarning("order-service stand-in printed: %s", line.constData());
                continue;
            }
            const QString event = message.value(u"event").toString();
            if (event == u"ready")
                m_ready = true;
            else if (event == u"notify")
                m_notifications << message.value(u"payload").toObject();
            else
                m_answers.insert(message.value(u"seq").toInt(), message);
        }
    }

    std::unique_ptr<QProcess> m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
    bool m_ready = false;
    int m_seq = 0;
    QHash<int, QJsonObject> m_answers;
    QList<QJsonObject> m_notifications;
};

} // namespace dopool::testing
