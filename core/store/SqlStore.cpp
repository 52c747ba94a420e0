#include "SqlStore.h"

#include "AccountRow.h"
#include "AuditDetails.h"
#include "EngineRows.h"
#include "StoreRules.h"
#include "common/Logging.h"
#include "common/Translate.h"
#include "common/Validation.h"

#include <QSqlQuery>
#include <QUuid>

namespace dopool {

using EngineRows::canonicalUuid;
using StoreRules::noSuchAccountId;

SqlStore::SqlStore(std::unique_ptr<SqlSession> session, const Clock *clock, QString location)
    : m_session(std::move(session))
    , m_clock(clock)
    , m_location(std::move(location))
{}

SqlStore::~SqlStore() = default;

QString SqlStore::backendName() const
{
    return m_session->dialect().backendName();
}

Result<std::optional<Account>> SqlStore::selectAccount(const QString &where,
                                                       const QVariantList &values)
{
    auto query = m_session->exec(QStringLiteral("SELECT %1 FROM do_accounts WHERE %2")
                                     .arg(AccountRow::selectList(m_session->dialect()), where),
                                 values, QStringLiteral("reading an account"));
    if (!query)
        return query.error();
    if (!query->next())
        return std::optional<Account>();
    return std::optional<Account>(AccountRow::read(*query));
}

Result<QList<Account>> SqlStore::listAccounts()
{
    auto query =
        m_session->exec(QStringLiteral("SELECT %1 FROM do_accounts ORDER BY created_at, name, id")
                            .arg(AccountRow::selectList(m_session->dialect())),
                        {}, QStringLiteral("listing accounts"));
    if (!query)
        return query.error();
    QList<Account> accounts;
    while (query->next())
        accounts << AccountRow::read(*query);
    return accounts;
}

Result<Account> SqlStore::findAccount(const QString &idOrName)
{
    // An id only in its exact stored form, and first: an old name that looks like a uuid
    // never wins over the account whose id it is (new names cannot be uuids at all).
    if (EngineRows::isCanonicalUuid(idOrName)) {
        auto byId = selectAccount(QStringLiteral("id = ?"), {idOrName});
        if (!byId)
            return byId.error();
        if (byId->has_value())
            return **byId;
    }
    auto byName = selectAccount(QStringLiteral("name = ?"), {requiredText(idOrName)});
    if (!byName)
        return byName.error();
    if (byName->has_value())
        return **byName;
    return StoreRules::noAccountNamed(idOrName);
}

Result<bool> SqlStore::nameTaken(const QString &name, const QString &exceptId)
{
    auto query = m_session->exec(
        QStringLiteral("SELECT 1 FROM do_accounts WHERE name = ? AND id <> ?"),
        {requiredText(name), exceptId}, QStringLiteral("checking the account name"));
    if (!query)
        return query.error();
    return query->next();
}

Result<void> SqlStore::clearOtherPrimaries(const QString &keepId)
{
    const SqlDialect &dialect = m_session->dialect();
    // A changed row is a new version, so a stale editor of the old primary gets a conflict.
    auto cleared = m_session->exec(
        QStringLiteral(
            "UPDATE do_accounts SET is_primary = ?, updated_at = ?, version = version + 1 "
            "WHERE is_primary = ? AND id <> ?"),
        {dialect.boolValue(false), timestampParam(m_clock->now()), dialect.boolValue(true), keepId},
        QStringLiteral("clearing the previous primary account"));
    if (!cleared)
        return cleared.error();
    return {};
}

Error SqlStore::uniqueViolation(const Account &account) const
{
    // The index name (message) or the key columns (DETAIL) say which unique rule was hit.
    const QString &text = m_session->lastFailureText();
    if (text.contains(QLatin1String("single_primary")) ||
        text.contains(QLatin1String("is_primary"))) {
        return makeError(
            ErrorKind::Conflict,
            QStringLiteral("another account was made primary at the same time; try again"));
    }
    return StoreRules::nameTaken(account.name);
}

Result<QString> SqlStore::lockedKeyFingerprint(const QString &lockSuffix)
{
    auto query = m_session->exec(
        QStringLiteral("SELECT value FROM dopool_meta WHERE key = ?") + lockSuffix,
        {keyFingerprintMeta()}, QStringLiteral("reading the pool's key check value"));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toString() : QString();
}

Result<void> SqlStore::checkWriterKey()
{
    if (!m_writerKey)
        return {};
    if (m_writerKey->isEmpty())
        return makeError(ErrorKind::KeyMismatch,
                         CoreTr::tr("this process opened the pool without its key, so it cannot "
                                    "write accounts; nothing was written"));
    const auto pool = lockedKeyFingerprint(m_session->dialect().shareRowsSuffix());
    if (!pool)
        return pool.error();
    if (*pool == *m_writerKey)
        return {};
    qCWarning(lcStore) << "refused an account write: this process's key" << *m_writerKey
                       << "is not the pool's key" << *pool;
    return makeError(ErrorKind::KeyMismatch,
                     CoreTr::tr("this process's pool key (fingerprint %1) is out of date: the "
                                "pool's key is now %2 (rotated by another process); nothing was "
                                "written. Use the new key: ENCRYPTION_KEY, or dopool-cli key "
                                "import")
                         .arg(*m_writerKey, pool->isEmpty() ? CoreTr::tr("unset") : *pool));
}

// Body of insert/update, run inside the caller's transaction.
Result<void> SqlStore::writeAccount(const Account &row, bool insert, int expectedVersion)
{
    // First: a token written with a key the pool no longer uses would be lost to everyone else.
    if (auto fenced = checkWriterKey(); !fenced)
        return fenced;
    auto taken = nameTaken(row.name, row.id);
    if (!taken)
        return taken.error();
    if (*taken)
        return StoreRules::nameTaken(row.name);
    if (row.isPrimary) {
        if (auto cleared = clearOtherPrimaries(row.id); !cleared)
            return cleared;
    }

    const QStringList &columns = AccountRow::writableColumns();
    QVariantList values = AccountRow::writableValues(row, m_session->dialect());
    QString sql;
    if (insert) {
        sql = QStringLiteral(
                  "INSERT INTO do_accounts (id, created_at, version, %1) VALUES (?, ?, 1%2)")
                  .arg(columns.join(QLatin1String(", ")),
                       QStringLiteral(", ?").repeated(columns.size()));
        values.prepend(timestampParam(row.createdAt));
        values.prepend(row.id);
    } else {
        sql = QStringLiteral("UPDATE do_accounts SET %1 = ?, version = version + 1 WHERE id = ?")
                  .arg(columns.join(QLatin1String(" = ?, ")));
        values << row.id;
        if (expectedVersion >= 0) {
            sql += QStringLiteral(" AND version = ?");
            values << expectedVersion;
        }
    }
    auto written = m_session->exec(sql, values, QStringLiteral("saving account %1").arg(row.name));
    if (!written) {
        if (m_session->lastFailure() == SqlFailure::UniqueViolation)
            return uniqueViolation(row);
        return written.error();
    }
    if (insert || written->numRowsAffected() > 0)
        return {};

    auto current = m_session->exec(QStringLiteral("SELECT version FROM do_accounts WHERE id = ?"),
                                   {row.id}, QStringLiteral("reading account %1").arg(row.name));
    if (!current)
        return current.error();
    if (!current->next())
        return noSuchAccountId(row.id);
    return StoreRules::changedBySomeoneElse(row.name, current->value(0).toInt());
}

Result<Account> SqlStore::insertAccount(const Account &account)
{
    if (auto valid = StoreRules::checkAccountLimits(account); !valid)
        return valid.error();
    Account row = account;
    row.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    row.createdAt = EngineRows::toStoredTime(m_clock->now());
    row.updatedAt = row.createdAt;
    row.version = 1;

    std::optional<Account> stored;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            if (auto written = writeAccount(row, true, -1); !written)
                return written;
            auto readBack = selectAccount(QStringLiteral("id = ?"), {row.id});
            if (!readBack)
                return readBack.error();
            stored = *readBack;
            return writeAudit(QStringLiteral("account.add"), row.id, row.name,
                              AuditDetails::describeNew(row));
        },
        QStringLiteral("adding account %1").arg(account.name));
    if (!done)
        return done.error();
    if (!stored)
        return makeError(
            ErrorKind::Store,
            QStringLiteral("account %1 vanished right after it was added").arg(row.name));
    qCDebug(lcStore) << "inserted account" << row.id;
    return *stored;
}

Result<Account> SqlStore::updateAccount(const Account &account, int expectedVersion)
{
    if (auto valid = StoreRules::checkAccountLimits(account); !valid)
        return valid.error();
    Account row = account;
    row.id = canonicalUuid(account.id);
    if (row.id.isEmpty())
        return noSuchAccountId(account.id);
    // When the caller's copy was read: the row's updated_at then.
    const QDateTime copyReadAt = EngineRows::toStoredTime(account.updatedAt);
    row.updatedAt = EngineRows::toStoredTime(m_clock->now());

    std::optional<Account> stored;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            // The row as it is now, locked until COMMIT, for the audit log's "what changed".
            auto before = selectAccount(
                QStringLiteral("id = ?") + m_session->dialect().lockRowsSuffix(), {row.id});
            if (!before)
                return before.error();
            // Written since the copy was read, without a version bump: a sync, a health check
            // or a confirmed droplet. Their numbers are newer than the copy's (known defect 7).
            if (before->has_value() && (**before).updatedAt != copyReadAt)
                StoreRules::keepNewerEngineState(row, **before);
            if (auto written = writeAccount(row, false, expectedVersion); !written)
                return written;
            auto readBack = selectAccount(QStringLiteral("id = ?"), {row.id});
            if (!readBack)
                return readBack.error();
            stored = *readBack;
            if (!before->has_value() || !stored)
                return {};
            const Account &old = **before;
            const bool madePrimary = stored->isPrimary && !old.isPrimary;
            return writeAudit(madePrimary ? QStringLiteral("account.primary")
                                          : QStringLiteral("account.update"),
                              row.id, stored->name, AuditDetails::describeChanges(old, *stored));
        },
        QStringLiteral("updating account %1").arg(account.name));
    if (!done)
        return done.error();
    if (!stored)
        return noSuchAccountId(row.id);
    return *stored;
}

Result<void> SqlStore::deleteAccount(const QString &id)
{
    const QString canonical = canonicalUuid(id);
    if (canonical.isEmpty())
        return noSuchAccountId(id);
    // provisioning_tasks rows stay: their FK sets do_account_id to NULL.
    return m_session->transaction(
        [&]() -> Result<void> {
            auto before = selectAccount(QStringLiteral("id = ?"), {canonical});
            if (!before)
                return before.error();
            auto deleted =
                m_session->exec(QStringLiteral("DELETE FROM do_accounts WHERE id = ?"), {canonical},
                                QStringLiteral("deleting account %1").arg(canonical));
            if (!deleted)
                return deleted.error();
            if (deleted->numRowsAffected() <= 0 || !before->has_value())
                return noSuchAccountId(id);
            return writeAudit(QStringLiteral("account.delete"), canonical, (*before)->name,
                              QStringLiteral("email %1").arg((*before)->email));
        },
        QStringLiteral("deleting account %1").arg(canonical));
}

Result<QString> SqlStore::metaValue(const QString &key)
{
    auto query =
        m_session->exec(QStringLiteral("SELECT value FROM dopool_meta WHERE key = ?"),
                        {requiredText(key)}, QStringLiteral("reading pool setting %1").arg(key));
    if (!query)
        return query.error();
    return query->next() ? query->value(0).toString() : QString();
}

Result<QString> SqlStore::setMetaIfAbsent(const QString &key, const QString &value)
{
    QString stored;
    const QString doing = QStringLiteral("saving pool setting %1").arg(key);
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            auto inserted = m_session->exec(m_session->dialect().insertMetaIfAbsent(),
                                            {requiredText(key), requiredText(value)}, doing);
            if (!inserted)
                return inserted.error();
            auto read =
                m_session->exec(QStringLiteral("SELECT value FROM dopool_meta WHERE key = ?"),
                                {requiredText(key)}, doing);
            if (!read)
                return read.error();
            stored = read->next() ? read->value(0).toString() : QString();
            return {};
        },
        doing);
    if (!done)
        return done.error();
    return stored;
}

Result<int> SqlStore::rewriteAllTokens(const TokenTransform &transform,
                                       const QString &oldFingerprint, const QString &newFingerprint)
{
    const SqlDialect &dialect = m_session->dialect();
    const QString doing = QStringLiteral("re-encrypting the access tokens");
    int rewritten = 0;
    auto done = m_session->transaction(
        [&]() -> Result<void> {
            // The key check value before the rows: every fenced writer holds it FOR SHARE, so
            // once we have it no writer is half-way, and rows added before now are all seen.
            const auto current = lockedKeyFingerprint(dialect.lockRowsSuffix());
            if (!current)
                return current.error();
            if (*current != oldFingerprint)
                return makeError(
                    ErrorKind::KeyMismatch,
                    CoreTr::tr("the pool's key changed meanwhile (now fingerprint "
                               "%1, not %2): another rotation won; nothing was "
                               "re-encrypted")
                        .arg(current->isEmpty() ? CoreTr::tr("unset") : *current, oldFingerprint));
            QList<Account> accounts;
            {
                auto rows = m_session->exec(
                    QStringLiteral("SELECT %1 FROM do_accounts ORDER BY created_at, name, id%2")
                        .arg(AccountRow::selectList(dialect), dialect.lockRowsSuffix()),
                    {}, doing);
                if (!rows)
                    return rows.error();
                while (rows->next())
                    accounts << AccountRow::read(*rows);
            }
            // Every transform first: one that fails must find nothing written yet.
            QStringList tokens;
            for (const Account &account : accounts) {
                auto token = transform(account);
                if (!token)
                    return token.error();
                tokens << *token;
            }
            const QVariant now = timestampParam(m_clock->now());
            for (qsizetype i = 0; i < accounts.size(); ++i) {
                auto updated =
                    m_session->exec(QStringLiteral("UPDATE do_accounts SET access_token = ?, "
                                                   "updated_at = ?, version = version + 1 "
                                                   "WHERE id = ?"),
                                    {requiredText(tokens.at(i)), now, accounts.at(i).id}, doing);
                if (!updated)
                    return updated.error();
            }
            auto meta = m_session->exec(
                dialect.upsertMeta(), {keyFingerprintMeta(), requiredText(newFingerprint)}, doing);
            if (!meta)
                return meta.error();
            rewritten = static_cast<int>(accounts.size());
            return writeAudit(QStringLiteral("key.rotate"), QString(), QString(),
                              QStringLiteral("re-encrypted %1 token(s); new key fingerprint %2")
                                  .arg(rewritten)
                                  .arg(newFingerprint));
        },
        doing);
    if (!done)
        return done.error();
    qCInfo(lcStore) << "re-encrypted" << rewritten << "access token(s) in" << m_location;
    return rewritten;
}

} // namespace dopool
