#pragma once

#include "FakeDoTypes.h"
#include "common/Clock.h"

#include <QHash>
#include <optional>

namespace dopool::fakedo {

// The fake DigitalOcean world: accounts (keyed by token), their droplets and create actions,
// per-account rate-limit windows and over-limit counters. No HTTP here: ApiRouter turns
// requests into calls on it and FakeDoServer exposes it to tests. Tokens stay inside this
// class; everything it hands out identifies an account by its uuid.
class FakeDoState
{
public:
    explicit FakeDoState(const Clock &clock);

    // Adds (or replaces) the account for token; returns its uuid.
    QString addAccount(const QString &token, FakeAccount account);
    bool hasAccount(const QString &token) const;
    QString accountId(const QString &token) const; // uuid, or "unknown"
    // The account as configured, with `droplets` holding the current count.
    std::optional<FakeAccount> account(const QString &token) const;
    bool setDropletCount(const QString &token, int count);
    int dropletCount(const QString &token) const; // -1 for an unknown token
    bool setAccountStatus(const QString &token, const QString &status, const QString &message);
    bool setDropletLimit(const QString &token, int limit);

    QList<FakeDroplet> droplets(const QString &token) const; // current ones, oldest first
    // Every droplet created through POST /v2/droplets (deleted ones too), as created.
    QList<FakeDroplet> createdDroplets(const QString &token) const;
    // Names carried by more than one current droplet of the account.
    QStringList duplicateNames(const QString &token) const;

    struct CreateRequest
    {
        QString name;
        QString region;
        QString size;
        QString image;
        QStringList tags;
    };
    struct Created
    {
        FakeDroplet droplet;
        FakeAction action;
    };
    // nullopt: the account is at its droplet limit (the attempt is counted).
    std::optional<Created> createDroplet(const QString &token, const CreateRequest &request);
    std::optional<FakeDroplet> droplet(const QString &token, qint64 id) const;
    bool deleteDroplet(const QString &token, qint64 id);
    // Counts the read and reports the action as it is after that read.
    std::optional<FakeAction> readAction(const QString &token, qint64 id);

    int overLimitAttempts(const QString &token) const;
    int totalOverLimitAttempts() const;
    void clearOverLimitAttempts();

    // nullopt (default): an action completes once it has been read (the first GET says
    // "in-progress", the next "completed"). A value: it completes that long after it
    // started, by the injected clock (0 = at once).
    void setActionCompletionDelay(std::optional<qint64> msecs);

    struct RateLimit
    {
        int limit = 0;
        int remaining = 0;
        qint64 resetEpoch = 0;
        bool exceeded = false; // this request went over the hourly limit
    };
    // Counts one request against the token's hourly window (unknown tokens share one).
    RateLimit consumeRequest(const QString &token);
    void setRateLimit(int perHour);

private:
    struct RateWindow
    {
        QDateTime start;
        int used = 0;
    };
    struct AccountState
    {
        FakeAccount info;
        QList<FakeDroplet> droplets;
        QList<FakeDroplet> created;
        QHash<qint64, FakeAction> actions;
        int overLimitAttempts = 0;
        int seeded = 0;
        RateWindow rate;
    };

    AccountState *find(const QString &token);
    const AccountState *find(const QString &token) const;
    void seedDroplet(AccountState &state);
    bool actionDone(const FakeAction &action) const;
    FakeDroplet live(const AccountState &state, FakeDroplet droplet) const;

    const Clock &m_clock;
    QHash<QString, AccountState> m_accounts; // by token
    RateWindow m_anonymousRate;
    qint64 m_nextDropletId = 300000001;
    qint64 m_nextActionId = 1700000001;
    int m_accountsAdded = 0;
    std::optional<qint64> m_actionDelayMs;
    int m_rateLimit = 5000;
};

} // namespace dopool::fakedo
