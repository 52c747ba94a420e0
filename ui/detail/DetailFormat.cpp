#include "DetailFormat.h"

#include "AccountDetailView.h"
#include "model/StatusColours.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>

namespace dopool::ui::DetailFormat {

QString timeText(const QDateTime &time)
{
    if (!time.isValid())
        return noValue();
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? noValue() : text;
}

QString limitText(int limit)
{
    return limit < 0 ? noValue() : QString::number(limit);
}

void setTone(QLabel *label, Tone tone)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, StatusLabel::colour(tone, QPalette()));
    label->setPalette(p);
}

Tone doStatusTone(const QString &status)
{
    if (status == QLatin1String("active"))
        return Tone::Success;
    if (status == QLatin1String("warning"))
        return Tone::Warning;
    if (status == QLatin1String("locked"))
        return Tone::Error;
    return Tone::Neutral;
}

Tone healthTone(AccountHealth health)
{
    switch (health) {
    case AccountHealth::Healthy:
        return Tone::Success;
    case AccountHealth::Degraded:
        return Tone::Warning;
    case AccountHealth::Unhealthy:
        return Tone::Error;
    case AccountHealth::Unknown:
        break;
    }
    return Tone::Neutral;
}

Tone taskTone(TaskStatus status)
{
    return status == TaskStatus::Created     ? Tone::Success
           : status == TaskStatus::Failed    ? Tone::Error
           : status == TaskStatus::Uncertain ? Tone::Warning
                                             : Tone::Neutral;
}

QString taskStatus(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return AccountDetailView::tr("Pending");
    case TaskStatus::InProgress:
        return AccountDetailView::tr("In progress");
    case TaskStatus::Created:
        return AccountDetailView::tr("Created");
    case TaskStatus::Failed:
        return AccountDetailView::tr("Failed");
    case TaskStatus::Uncertain:
        return AccountDetailView::tr("Uncertain");
    case TaskStatus::Waiting:
        return AccountDetailView::tr("Waiting for capacity");
    case TaskStatus::Cancelled:
        return AccountDetailView::tr("Cancelled");
    case TaskStatus::Unknown:
        break;
    }
    return QString();
}

void setUpTable(QTableWidget *table, const char *objectName, const QString &accessibleName,
                const QStringList &headers, int stretchColumn)
{
    table->setColumnCount(int(headers.size()));
    table->setObjectName(QLatin1String(objectName));
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(false);
    if (stretchColumn >= 0)
        table->horizontalHeader()->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
}

QTableWidgetItem *cell(const QString &text, Tone tone)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text); // long errors and reasons are cut in the cell
    if (tone != Tone::Neutral)
        item->setForeground(StatusLabel::colour(tone, QPalette()));
    return item;
}

QTableWidgetItem *numberCell(qint64 number)
{
    auto *item = new QTableWidgetItem(QString::number(number));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace dopool::ui::DetailFormat
