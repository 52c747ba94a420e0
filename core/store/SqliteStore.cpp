#include "SqliteStore.h"

#include "Migrations.h"
#include "SchemaCheck.h"
#include "SqlStore.h"
#include "common/Logging.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <filesystem>
#include <system_error>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace dopool {

namespace {

constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

OpenResult failed(QString message)
{
    OpenResult result;
    result.failure.error = makeError(ErrorKind::Store, std::move(message));
    return result;
}

// Creates every missing folder above the database, each private to the user (0700): the pool
// holds encrypted tokens and its folder listing is nobody else's business either.
Result<void> createParentFolders(const QString &folder)
{
    namespace fs = std::filesystem;
    const fs::path target = fs::path(folder.toStdString());
    std::error_code ec;
    if (fs::is_directory(target, ec))
        return {};
    QList<fs::path> missing;
    for (fs::path p = target; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        missing.prepend(p);
        if (p == p.parent_path())
            break;
    }
    for (const fs::path &p : missing) {
        if (!fs::create_directory(p, ec) && ec) {
            return makeError(
                ErrorKind::Store,
                QStringLiteral("cannot create the folder %1 for the SQLite database: %2")
                    .arg(QString::fromStdString(p.string()),
                         QString::fromLocal8Bit(ec.message().c_str())));
        }
        fs::permissions(p, fs::perms::owner_all, fs::perm_options::replace, ec);
    }
    if (!fs::is_directory(target, ec)) {
        return makeError(
            ErrorKind::Store,
            QStringLiteral("cannot create the SQLite database in %1: it is not a folder")
                .arg(folder));
    }
    return {};
}

// An existing pool file that others may read (0644 from a copy, 0666 from a umask) holds the
// encrypted tokens: made private (and said once, the next open finds it private), or refused
// with the command to run when it belongs to someone else.
Result<void> tightenExistingFile(const QString &path)
{
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeOther;
    const QFileInfo info(path);
    if (!(info.permissions() & others))
        return {};
#ifdef Q_OS_UNIX
    if (info.ownerId() != uint(::getuid())) {
        return makeError(ErrorKind::Store,
                         QStringLiteral("the SQLite database %1 can be read by other users and "
                                        "belongs to someone else; have its owner run: chmod 600 "
                                        "'%1'")
                             .arg(path));
    }
#endif
    if (!QFile::setPermissions(path, kOwnerOnly)) {
        return makeError(ErrorKind::Store,
                         QStringLiteral("the SQLite database %1 can be read by other users and "
                                        "its mode cannot be changed; run: chmod 600 '%1'")
                             .arg(path));
    }
    // Critical, not a warning: the command line shows no warnings, and this must be seen.
    qCCritical(lcStore).noquote()
        << QStringLiteral("the SQLite database %1 could be read by other users; its mode is "
                          "now 0600 (owner only)")
               .arg(path);
    return {};
}

// The file exists (mode 0600) before SQLite sees it, so it is never readable by others, not
// even for a moment.
Result<void> prepareFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return makeError(
            ErrorKind::Store,
            QStringLiteral("the SQLite database path %1 is a folder, not a file").arg(path));
    if (auto folders = createParentFolders(info.absolutePath()); !folders)
        return folders;
    if (info.exists()) {
        if (!info.isWritable())
            return makeError(ErrorKind::Store,
                             QStringLiteral("the SQLite database %1 is not writable").arg(path));
        return tightenExistingFile(path);
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly) &&
        !QFileInfo::exists(path)) {
        return makeError(ErrorKind::Store,
                         QStringLiteral("cannot create the SQLite database %1: %2")
                             .arg(path, file.errorString()));
    }
    return {};
}

// SQLite creates these with the database file's mode; make sure anyway.
void restrictSideFiles(const QString &path)
{
    for (const auto *suffix : {"-wal", "-shm", "-journal"}) {
        const QString side = path + QLatin1String(suffix);
        if (QFileInfo::exists(side) && !QFile::setPermissions(side, kOwnerOnly))
            qCWarning(lcStore) << "cannot make" << side << "private to the user";
    }
}

} // namespace

SessionResult openSqliteSession(const StoreOptions &options)
{
    SessionResult result;
    auto fail = [&result](const QString &message) {
        result.failure.error = makeError(ErrorKind::Store, message);
        return std::move(result);
    };
    const QString path = options.url.path;
    if (path.isEmpty()) {
        result.failure.error = makeError(ErrorKind::Validation,
                                         QStringLiteral("the SQLite database needs a file path"));
        return result;
    }
    if (auto prepared = prepareFile(path); !prepared)
        return fail(prepared.error().message);

    const QString name = SqlSession::uniqueConnectionName(QStringLiteral("sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(
            QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, options.busyTimeoutMs)));
    }
    // From here on the session owns the connection and removes it on every path out.
    auto session =
        std::make_unique<SqlSession>(name, SqlDialect::create(SqlDialect::Kind::Sqlite), path);
    if (!session->database().isValid())
        return fail(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
    if (!session->database().open()) {
        return fail(QStringLiteral("cannot open the SQLite database %1: %2")
                        .arg(path, session->database().lastError().text()));
    }
    if (auto setUp = session->setUp(); !setUp)
        return fail(setUp.error().message);
    // WAL: readers never block the writer and a crash cannot leave a hot journal behind.
    {
        auto wal = session->exec(QStringLiteral("PRAGMA journal_mode = WAL"), {},
                                 QStringLiteral("enabling WAL"));
        if (!wal)
            return fail(wal.error().message);
        if (wal->next() &&
            wal->value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            qCWarning(lcStore) << "SQLite kept journal mode" << wal->value(0).toString() << "for"
                               << path;
    }
    result.session = std::move(session);
    return result;
}

OpenResult openSqliteStore(const StoreOptions &options)
{
    SessionResult opened = openSqliteSession(options);
    if (!opened.session) {
        OpenResult result;
        result.failure = opened.failure;
        return result;
    }
    if (auto migrated = migrateSchema(*opened.session); !migrated)
        return failed(migrated.error().message);
    if (auto checked = SchemaCheck::ensure(*opened.session); !checked)
        return failed(checked.error().message);
    restrictSideFiles(options.url.path);

    OpenResult result;
    result.store = std::make_unique<SqlStore>(std::move(opened.session), options.clock,
                                              options.url.displayString());
    return result;
}

} // namespace dopool
