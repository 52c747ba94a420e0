#include "PostgresServer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <csignal>
#include <unistd.h>

namespace dopool::testing {

PostgresServer::PostgresServer()
    : m_bin(qEnvironmentVariable("DOPOOL_TEST_PG_BIN"))
{
    m_data = m_dir.filePath(QStringLiteral("pg"));
    m_socket = m_dir.filePath(QStringLiteral("sock"));
}

PostgresServer::~PostgresServer()
{
    if (m_suspended)
        resume();
    if (m_running)
        stop();
}

bool PostgresServer::isAvailable()
{
    return !qEnvironmentVariableIsEmpty("DOPOOL_TEST_PG_BIN");
}

bool PostgresServer::run(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // The server refuses to run as root: as in scripts/test-env.sh, become postgres.
    if (geteuid() == 0)
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                  QStringLiteral("--"), m_bin + u'/' + program} +
                          args);
    else
        process.start(m_bin + u'/' + program, args);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = QStringLiteral("%1 failed: %2")
                      .arg(program, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PostgresServer::init()
{
    if (!m_dir.isValid() || m_bin.isEmpty()) {
        m_error = QStringLiteral("no temporary folder or no DOPOOL_TEST_PG_BIN");
        return false;
    }
    QFile::setPermissions(m_dir.path(), QFile::permissions(m_dir.path()) | QFile::ReadOther |
                                            QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup);
    QDir().mkpath(m_data);
    QDir().mkpath(m_socket);
    if (geteuid() == 0) {
        QProcess chown;
        chown.start(QStringLiteral("chown"),
                    {QStringLiteral("postgres:postgres"), m_data, m_socket});
        chown.waitForFinished();
    }
    {
        // A free port now; the server takes it a moment later.
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
    }
    return run(QStringLiteral("initdb"),
               {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("postgres"),
                QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                QStringLiteral("UTF8"), QStringLiteral("--no-instructions")});
}

bool PostgresServer::start()
{
    m_running =
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_data, QStringLiteral("-l"),
             m_socket + QStringLiteral("/pg.log"), QStringLiteral("-w"), QStringLiteral("-t"),
             QStringLiteral("60"), QStringLiteral("start"), QStringLiteral("-o"),
             QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off "
                            "-c full_page_writes=off")
                 .arg(m_port)
                 .arg(m_socket)});
    return m_running;
}

bool PostgresServer::stop()
{
    const bool stopped =
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("immediate"),
             QStringLiteral("-w"), QStringLiteral("stop")});
    if (stopped)
        m_running = false;
    return stopped;
}

bool PostgresServer::signalAll(int signalNumber)
{
    QFile pidFile(m_data + QStringLiteral("/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("no postmaster.pid: is the server running?");
        return false;
    }
    const qint64 postmaster = pidFile.readLine().trimmed().toLongLong();
    if (postmaster <= 0) {
        m_error = QStringLiteral("postmaster.pid holds no pid");
        return false;
    }
    // The postmaster's children (backends, checkpointer, walwriter...): PPid in /proc/N/status.
    QList<qint64> pids{postmaster};
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (!status.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("PPid:") && line.mid(5).trimmed().toLongLong() == postmaster)
                pids << pid;
        }
    }
    for (qint64 pid : pids) {
        if (::kill(pid_t(pid), signalNumber) != 0 && pid == postmaster) {
            m_error = QStringLiteral("cannot signal the postmaster (%1)").arg(pid);
            return false;
        }
    }
    return true;
}

bool PostgresServer::suspend()
{
    m_suspended = signalAll(SIGSTOP);
    return m_suspended;
}

bool PostgresServer::resume()
{
    const bool resumed = signalAll(SIGCONT);
    if (resumed)
        m_suspended = false;
    return resumed;
}

DatabaseUrl PostgresServer::url() const
{
    DatabaseUrl url;
    url.kind = DatabaseUrl::Kind::Postgres;
    url.host = QStringLiteral("127.0.0.1");
    url.port = m_port;
    url.user = QStringLiteral("postgres");
    url.database = QStringLiteral("postgres");
    return url;
}

} // namespace dopool::testing
