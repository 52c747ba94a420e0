#pragma once

#include "desktop/DesktopTypes.h"
#include "desktop/PoolSummary.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace dopool::ui {

// The strip above the table that says what needs the admin now: the pool over its threshold,
// every usable account full, unhealthy accounts - and, on desktops without a system tray, the
// alert notifications the tray would have shown. Hidden when there is nothing to say.
class AlertBanner : public QFrame
{
    Q_OBJECT
public:
    explicit AlertBanner(QWidget *parent = nullptr);

    void setSummary(const desktop::PoolSummary &summary, double threshold);
    // The order queue: said when orders wait for capacity, or sit queued for longer than
    // kQueueNoticeSecs (nobody provisioning them), with how many and the oldest's age.
    void setOrderQueue(const desktop::QueueCounts &queue, const QDateTime &now);
    static constexpr int kQueueNoticeSecs = 60;
    // "3 queued, 1 waiting for capacity" (the status bar says it the same way); empty: none.
    static QString queueCounts(const desktop::QueueCounts &queue);
    // The database is unreachable (message) or back (empty): shown first while it lasts.
    void setDatabaseOutage(const QString &message);
    // This desktop's pool key is out of date (message) or fine again (empty): nothing can be
    // saved until it has the new key. Shown first, in red, while it lasts.
    void setKeyProblem(const QString &message);
    // A notice that stays until dismissed (tray fallback).
    void addNotice(const QString &title, const QString &message, bool critical);

    QString text() const;
    bool isCritical() const { return m_critical; }

private:
    void refresh();

    QLabel *m_label = nullptr;
    QToolButton *m_dismiss = nullptr;
    QStringList m_stateLines;
    QString m_queueLine;
    QStringList m_notices;
    QString m_outage;
    QString m_keyProblem;
    bool m_stateCritical = false;
    bool m_noticeCritical = false;
    bool m_critical = false;
};

} // namespace dopool::ui
