#pragma once

#include "AccountStore.h"
#include "SqlSession.h"
#include "common/Clock.h"

#include <memory>

namespace dopool {

// AccountStore on QtSql, shared by SQLite and PostgreSQL: the SQL is written once in the
// subset both understand and SqlDialect covers the rest. Constructed by openSqliteStore() /
// openPostgresStore() on an open, migrated session.
class SqlStore final : public AccountStore
{
public:
    SqlStore(std::unique_ptr<SqlSession> session, const Clock *clock, QString location);
    ~SqlStore() override;

    QString backendName() const override;
    QString location() const override { return m_location; }

    Result<QList<Account>> listAccounts() override;
    Result<Account> findAccount(const QString &idOrName) override;
    Result<Account> insertAccount(const Account &account) override;
    Result<Account> updateAccount(const Account &account, int expectedVersion = -1) override;
    Result<void> deleteAccount(const QString &id) override;

    Result<QString> metaValue(const QString &key) override;
    Result<QString> setMetaIfAbsent(const QString &key, const QString &value) override;

    Result<int> rewriteAllTokens(const TokenTransform &transform,
                                 const QString &newFingerprint) override;

private:
    Result<std::optional<Account>> selectAccount(const QString &where, const QVariantList &values);
    Result<bool> nameTaken(const QString &name, const QString &exceptId);
    Result<void> clearOtherPrimaries(const QString &keepId);
    Result<void> writeAccount(const Account &account, bool insert, int expectedVersion);
    Error uniqueViolation(const Account &account) const;

    std::unique_ptr<SqlSession> m_session;
    const Clock *m_clock;
    QString m_location;
};

} // namespace dopool
