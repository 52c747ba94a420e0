#include "AuditDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace dopool::ui {

AuditDialog::AuditDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(tr("Audit log"));
    setAccessibleName(tr("Audit log"));
    resize(900, 460);
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout();
    auto *filterLabel = new QLabel(tr("&Show:"), this);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(QStringLiteral("auditFilter"));
    m_filter->setAccessibleName(tr("Which changes to show"));
    m_filter->addItem(tr("All accounts"), QString());
    filterLabel->setBuddy(m_filter);
    top->addWidget(filterLabel);
    top->addWidget(m_filter);
    top->addStretch(1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_status->setTextFormat(Qt::PlainText);
    top->addWidget(m_status);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setAccessibleName(tr("Refresh the audit log"));
    top->addWidget(refresh);
    layout->addLayout(top);

    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setAccessibleName(tr("Audit entries"));
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("Action"), tr("Account"), tr("Details")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 150);
    m_table->setColumnWidth(1, 170);
    m_table->setColumnWidth(2, 130);
    m_table->setColumnWidth(3, 140);
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close the audit log"));
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refresh, &QPushButton::clicked, this, &AuditDialog::refreshRequested);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &AuditDialog::refreshRequested);
}

void AuditDialog::setAccountChoice(const QString &accountId, const QString &accountName)
{
    while (m_filter->count() > 1)
        m_filter->removeItem(1);
    if (!accountId.isEmpty())
        m_filter->addItem(tr("Only '%1'").arg(accountName), accountId);
}

QString AuditDialog::accountFilter() const
{
    return m_filter->currentData().toString();
}

void AuditDialog::setLoading()
{
    m_status->setText(tr("Loading…"));
}

void AuditDialog::setEntries(const QList<AuditEntry> &entries)
{
    m_table->setRowCount(int(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
        const AuditEntry &e = entries.at(row);
        const QStringList cells = {
            QLocale().toString(e.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            tr("%1@%2").arg(e.osUser, e.host), e.action, e.accountName, e.details};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            m_table->setItem(row, column, item);
        }
    }
    m_status->setText(tr("%n change(s)", nullptr, int(entries.size())));
}

void AuditDialog::setError(const QString &message)
{
    m_status->setText(tr("Could not load the audit log: %1").arg(message));
}

int AuditDialog::rowCount() const
{
    return m_table->rowCount();
}

} // namespace dopool::ui
