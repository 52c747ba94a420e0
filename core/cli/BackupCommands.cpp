// backup, restore and db check: the pool's database as it is, without the migrations and
// checks every other command runs on open (a backup never changes the pool; a restore makes
// the schema itself).
#include "CommandSupport.h"
#include "Commands.h"
#include "OptionParser.h"
#include "backup/BackupWriter.h"
#include "backup/Restore.h"
#include "pool/PoolKeyResolver.h"
#include "store/SchemaCheck.h"

#include <QJsonObject>
#include <QLocale>

namespace dopool::cli {

namespace {

using SessionThen = std::function<void(SqlSession &)>;

// Opens the pool's database as it is. A PostgreSQL password libpq did not find (PGPASSWORD,
// ~/.pgpass) comes from the keychain, as PoolSession does it.
void withDatabase(CommandContext &ctx, const SessionThen &then, const QString &password = {})
{
    const PoolSession::Options &pool = ctx.sessionOptions();
    StoreOptions options;
    options.url = pool.url;
    options.clock = pool.clock;
    options.password = password;
    const auto timeouts = PgTimeouts::resolve(pool.env, pool.url.timeouts);
    if (!succeeded(ctx, timeouts))
        return;
    options.pgTimeouts = *timeouts;
    SessionResult opened = openSession(options);
    if (opened.session) {
        then(*opened.session);
        return;
    }
    const bool tryKeychain = opened.failure.isAuthFailure && password.isEmpty() &&
                             !pool.env.contains(QStringLiteral("PGPASSWORD"));
    if (!tryKeychain) {
        ctx.fail(opened.failure.error);
        return;
    }
    const Error original = opened.failure.error;
    pool.secrets->read(pool.url.passwordKey(), ctx.lifetime(),
                       [&ctx, then, original](Result<std::optional<QString>> secret) {
                           if (!secret || !secret->has_value() || (*secret)->isEmpty()) {
                               ctx.fail(original);
                               return;
                           }
                           withDatabase(ctx, then, **secret);
                       });
}

QString countsText(const QList<backup::TableCount> &tables)
{
    QStringList lines;
    for (const backup::TableCount &t : tables)
        lines << QStringLiteral("  %1 %2").arg(t.table, -26).arg(t.rows);
    return lines.join(u'\n');
}

// The --to / --from FILE of backup and restore: given, and not "-".
Result<QString> fileOption(const ParsedOptions &opts, const QString &option, const QString &usage)
{
    const QString path = opts.value(option);
    if (!opts.has(option) || path.trimmed().isEmpty() || path.trimmed() == QLatin1String("-"))
        return makeError(ErrorKind::Usage, usage);
    return path;
}

void backupCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().valued(QStringLiteral("to")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto path = fileOption(
        *opts, QStringLiteral("to"),
        CliTr::tr("backup needs --to FILE: a new file (written with mode 0600, never over an "
                  "existing file)"));
    if (!succeeded(ctx, path))
        return;
    withDatabase(ctx, [&ctx, path = *path](SqlSession &session) {
        const auto written = backup::writeBackup(session, path);
        if (!succeeded(ctx, written))
            return;
        const QString fingerprint = written->header.keyFingerprint.isEmpty()
                                        ? CliTr::tr("none (the pool has no key yet)")
                                        : written->header.keyFingerprint;
        const QString text =
            CliTr::tr("Backed up %1 (schema version %2) to %3 (mode 0600): %4 rows, %5 bytes, "
                      "in %6 ms.\nKey fingerprint: %7 (the key is not in the backup; keep it "
                      "apart)\n%8")
                .arg(session.target())
                .arg(written->header.schemaVersion)
                .arg(path)
                .arg(written->rows())
                .arg(written->bytes)
                .arg(written->elapsedMs)
                .arg(fingerprint, countsText(written->tables));
        ctx.succeed(written->toJson(), text);
    });
}

void runRestore(CommandContext &ctx, const QString &path, const backup::RestoreOptions &options)
{
    withDatabase(ctx, [&ctx, path, options](SqlSession &session) {
        const auto restored = backup::restoreBackup(session, path, options);
        if (!succeeded(ctx, restored))
            return;
        QString text = CliTr::tr("Restored %1 (a %2 backup of schema version %3) into %4: %5 rows. "
                                 "Schema version %6, complete.\n%7")
                           .arg(path, restored->header.source)
                           .arg(restored->header.schemaVersion)
                           .arg(session.target())
                           .arg(restored->rows())
                           .arg(restored->schemaVersion)
                           .arg(countsText(restored->restored));
        if (!restored->skipped.isEmpty()) {
            text +=
                u'\n' +
                CliTr::tr("Not restored (they describe the instances online at backup time): %1")
                    .arg(restored->skipped.join(QStringLiteral(", ")));
        }
        ctx.succeed(restored->toJson(), text);
    });
}

void restoreCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser()
                          .valued(QStringLiteral("from"))
                          .flag(QStringLiteral("replace"))
                          .parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const auto path = fileOption(*opts, QStringLiteral("from"),
                                 CliTr::tr("restore needs --from FILE: a backup that "
                                           "'dopool-cli backup' wrote"));
    if (!succeeded(ctx, path))
        return;
    // The header names the key the backup's tokens need: found before the database is opened.
    const auto header = backup::readBackupHeader(*path);
    if (!succeeded(ctx, header))
        return;
    backup::RestoreOptions options;
    options.replace = opts->has(QStringLiteral("replace"));
    if (header->keyFingerprint.isEmpty()) {
        runRestore(ctx, *path, options);
        return;
    }
    auto provider = std::make_shared<KeyProvider>(ctx.sessionOptions().secrets, ctx.env());
    findPoolKey(*provider, header->keyFingerprint, ctx.lifetime(),
                [&ctx, provider, path = *path, options](Result<KeyProvider::Resolved> key) mutable {
                    if (!succeeded(ctx, key))
                        return;
                    options.keyFingerprint = key->key.fingerprint();
                    runRestore(ctx, path, options);
                });
}

void dbCheck(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    withDatabase(ctx, [&ctx](SqlSession &session) {
        const auto report = SchemaCheck::ensure(session);
        if (!succeeded(ctx, report))
            return;
        QString text = CliTr::tr("Schema version %1 of %2: complete.")
                           .arg(report->version)
                           .arg(session.target());
        if (report->version == 0)
            text = CliTr::tr("%1 holds no dopool pool yet.").arg(session.target());
        if (!report->repaired.isEmpty()) {
            text +=
                u'\n' + CliTr::tr("Repaired: %1.").arg(report->repaired.join(QStringLiteral(", ")));
        }
        ctx.succeed(report->toJson(), text);
    });
}

} // namespace

QList<Command> backupCommands()
{
    return {
        {QStringLiteral("backup"), QStringLiteral("--to FILE"),
         CliTr::tr("write every table of the pool to a new file (0600), tokens encrypted"),
         backupCommand},
        {QStringLiteral("restore"), QStringLiteral("--from FILE [--replace]"),
         CliTr::tr("restore a backup into an empty pool (SQLite or PostgreSQL)"), restoreCommand},
        {QStringLiteral("db check"), QString(),
         CliTr::tr("check that the schema has every table, column, index and trigger; repair "
                   "what is safe"),
         dbCheck},
    };
}

} // namespace dopool::cli
