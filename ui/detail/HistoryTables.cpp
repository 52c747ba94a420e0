#include "HistoryTables.h"

#include "AccountDetailView.h"
#include "DetailFormat.h"
#include "model/StatusColours.h"

namespace dopool::ui {

using namespace DetailFormat;

HealthHistoryTable::HealthHistoryTable(QWidget *parent)
    : QTableWidget(parent)
{
    setUpTable(this, "healthTable", AccountDetailView::tr("Health history"),
               {AccountDetailView::tr("Time"), AccountDetailView::tr("Change"),
                AccountDetailView::tr("Reason")},
               2);
}

void HealthHistoryTable::setEvents(const QList<HealthEvent> &events)
{
    setRowCount(0);
    setRowCount(int(events.size()));
    for (int row = 0; row < events.size(); ++row) {
        const HealthEvent &e = events.at(row);
        setItem(row, 0, cell(timeText(e.at)));
        setItem(row, 1,
                cell(AccountDetailView::tr("%1 → %2").arg(healthLabel(e.from), healthLabel(e.to)),
                     healthTone(e.to)));
        setItem(row, 2, cell(e.reason));
    }
}

TasksTable::TasksTable(QWidget *parent)
    : QTableWidget(parent)
{
    setUpTable(this, "tasksTable", AccountDetailView::tr("Provisioning tasks"),
               {AccountDetailView::tr("Created"), AccountDetailView::tr("Order ID"),
                AccountDetailView::tr("Status"), AccountDetailView::tr("Droplet ID"),
                AccountDetailView::tr("Error")},
               4);
}

void TasksTable::setTasks(const QList<ProvisioningTask> &tasks)
{
    setRowCount(0);
    setRowCount(int(tasks.size()));
    for (int row = 0; row < tasks.size(); ++row) {
        const ProvisioningTask &t = tasks.at(row);
        setItem(row, 0, cell(timeText(t.createdAt)));
        setItem(row, 1, cell(t.orderId));
        setItem(row, 2, cell(taskStatus(t.status), taskTone(t.status)));
        setItem(row, 3, t.dropletId ? numberCell(t.dropletId) : cell(noValue()));
        setItem(row, 4,
                cell(t.error, t.status == TaskStatus::Failed ? Tone::Error : Tone::Neutral));
    }
}

} // namespace dopool::ui
