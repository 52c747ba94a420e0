#pragma once

#include "EngineContext.h"
#include "Provisioner.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QTimer>

namespace dopool::engine {

class AlertEvaluator;
class CatalogService;

// Provisions the orders the order-service queues in provisioning_tasks (the order-intake
// contract, docs/order-service.md), as `dopool-cli serve` does by default and the desktop
// when its setting says so. Claims queued rows atomically (OrderQueue::claimNextOrder), at
// most options.concurrency at once, and provisions each with the Provisioner (selection,
// reservation, failover, one droplet per order, the uncertain window); adopts the rows of an
// instance that stopped renewing its claims (its droplet is looked for by tags first).
// Wakes on orderQueued() (the dopool_orders notification) and capacityChanged() (a
// do_accounts change), and polls every options.pollMs as the fallback (SQLite: polling only).
// Bad rows fail alone: an order id no droplet name can be made of, a region/size/image the
// catalogue does not offer, an unknown or inactive account, a status dopool does not know.
class OrderIntake : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int concurrency = 4;     // DOPOOL_ORDER_CONCURRENCY
        int pollMs = 2000;       // DOPOOL_ORDER_POLL_MS
        int maxWaitSecs = 86400; // DOPOOL_ORDER_MAX_WAIT_SECS: WAITING -> FAILED after this
        int leaseSecs = 30;      // DOPOOL_ORDER_CLAIM_LEASE_SECS
        int waitRetrySecs = 60;  // a WAITING order is tried again after this at the latest
        // Validation error naming the variable for a value out of range.
        static Result<Options> fromEnvironment(const QProcessEnvironment &env);
    };

    OrderIntake(EngineContext context, Options options, QObject *parent = nullptr);

    // Checks region/size/image against it when it has a catalogue (else DO's 422 decides).
    void setCatalog(CatalogService *catalog) { m_catalog = catalog; }
    // Evaluated when an order waits for capacity, so the pool's critical alert fires at once.
    void setAlerts(AlertEvaluator *alerts) { m_alerts = alerts; }

    void start();
    // No more claims; orders under way finish (idle() once none is left).
    void stop();
    bool isRunning() const { return m_running; }
    int inFlight() const { return m_inFlight; }

    // A queued row may be there (notification): claim now.
    void orderQueued();
    // Accounts changed (sync, added, activated, droplet deleted): WAITING orders are tried at
    // once if an account has room now.
    void capacityChanged();
    // One round of claiming right now (the poll timer's work).
    void pump();

Q_SIGNALS:
    void taskUpdated(const dopool::ProvisioningTask &task);
    // An order left this instance's hands: CREATED, FAILED, WAITING, UNCERTAIN, or lost.
    void orderDone(const dopool::ProvisioningTask &task);
    void idle();

private:
    bool roomNow();
    void launch(const ProvisioningTask &task, Provisioner::Claim how);
    std::optional<QString> notOffered(const ProvisioningTask &task);
    void finished(const ProvisioningTask &task);

    EngineContext m_context;
    Options m_options;
    OrderQueue &m_orders;
    Provisioner *m_provisioner = nullptr; // child
    CatalogService *m_catalog = nullptr;
    AlertEvaluator *m_alerts = nullptr;
    QTimer m_poll;
    bool m_running = false;
    bool m_pumping = false;
    bool m_hadRoom = true; // edge: WAITING rows are all tried when room appears
    bool m_tryAllWaiting = false;
    int m_inFlight = 0;
};

} // namespace dopool::engine
