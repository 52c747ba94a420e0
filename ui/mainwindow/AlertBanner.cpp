#include "AlertBanner.h"

#include "model/RelativeTime.h"
#include "model/StatusColours.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace dopool::ui {

AlertBanner::AlertBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("alertBanner"));
    setAccessibleName(tr("Pool alerts"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("alertText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setAccessibleName(tr("Alert text"));
    layout->addWidget(m_label, 1);
    m_dismiss = new QToolButton(this);
    m_dismiss->setText(tr("Dismiss"));
    m_dismiss->setAccessibleName(tr("Dismiss notifications"));
    m_dismiss->setToolTip(tr("Clear the notifications (the pool's state stays shown)"));
    layout->addWidget(m_dismiss, 0, Qt::AlignTop);
    connect(m_dismiss, &QToolButton::clicked, this, [this] {
        m_notices.clear();
        m_noticeCritical = false;
        refresh();
    });
    refresh();
}

void AlertBanner::setSummary(const desktop::PoolSummary &summary, double threshold)
{
    m_stateLines.clear();
    if (summary.accounts > 0 && summary.allUsableFull) {
        m_stateLines
            << (summary.usableAccounts == 0
                    ? tr("No usable account: every account is inactive, unhealthy or degraded. "
                         "New droplets cannot be provisioned.")
                    : tr("All %n usable account(s) are full. New droplets cannot be "
                         "provisioned.",
                         nullptr, summary.usableAccounts));
    }
    if (summary.overThreshold) {
        m_stateLines << tr("The pool is %1% full (%2/%3 droplets), over the %4% threshold.")
                            .arg(summary.percent())
                            .arg(summary.droplets)
                            .arg(summary.limit)
                            .arg(qRound(threshold * 100));
    }
    if (summary.unhealthyAccounts > 0)
        m_stateLines << tr("%n account(s) unhealthy.", nullptr, summary.unhealthyAccounts);
    m_stateCritical = summary.accounts > 0 && summary.allUsableFull;
    refresh();
}

QString AlertBanner::queueCounts(const desktop::QueueCounts &queue)
{
    QStringList parts;
    if (queue.queued > 0)
        parts << tr("%1 queued").arg(queue.queued);
    if (queue.waiting > 0)
        parts << tr("%1 waiting for capacity").arg(queue.waiting);
    return parts.join(QStringLiteral(", "));
}

void AlertBanner::setOrderQueue(const desktop::QueueCounts &queue, const QDateTime &now)
{
    QString line;
    const bool stale =
        queue.oldestCreatedAt.isValid() && queue.oldestCreatedAt.secsTo(now) >= kQueueNoticeSecs;
    if (queue.waiting > 0 || (queue.queued > 0 && stale))
        line = tr("Orders: %1; the oldest came in %2 (View → Orders).")
                   .arg(queueCounts(queue), relativeTime(queue.oldestCreatedAt, now));
    if (line == m_queueLine)
        return;
    m_queueLine = line;
    refresh();
}

void AlertBanner::setDatabaseOutage(const QString &message)
{
    m_outage = message;
    refresh();
}

void AlertBanner::setKeyProblem(const QString &message)
{
    m_keyProblem = message;
    refresh();
}

void AlertBanner::addNotice(const QString &title, const QString &message, bool critical)
{
    m_notices << tr("%1: %2").arg(title, message);
    while (m_notices.size() > 5) // the newest few; the rest is in the alerts list
        m_notices.removeFirst();
    m_noticeCritical = m_noticeCritical || critical;
    refresh();
}

QString AlertBanner::text() const
{
    return m_label->text();
}

void AlertBanner::refresh()
{
    QStringList lines;
    if (!m_keyProblem.isEmpty())
        lines << tr("This desktop's pool key is out of date: nothing can be saved and no rounds "
                    "run until it has the new key (Pool → Pool Key… → Import). (%1)")
                     .arg(m_keyProblem);
    if (!m_outage.isEmpty())
        lines << tr("The database is unreachable; retrying. Changes cannot be saved until it is "
                    "back. (%1)")
                     .arg(m_outage);
    lines << m_stateLines;
    if (!m_queueLine.isEmpty())
        lines << m_queueLine;
    lines << m_notices;
    m_critical =
        m_stateCritical || m_noticeCritical || !m_outage.isEmpty() || !m_keyProblem.isEmpty();
    m_label->setText(lines.join(QLatin1Char('\n')));
    m_dismiss->setVisible(!m_notices.isEmpty());
    const QColor colour(m_critical ? StatusColours::critical : StatusColours::warning);
    setStyleSheet(QStringLiteral("QFrame#alertBanner { background: %1; border: 1px solid %2; "
                                 "border-radius: 4px; } QLabel { color: %3; font-weight: 600; }")
                      .arg(colour.lighter(m_critical ? 170 : 160).name(), colour.name(),
                           colour.darker(m_critical ? 160 : 220).name()));
    setVisible(!lines.isEmpty());
}

} // namespace dopool::ui
