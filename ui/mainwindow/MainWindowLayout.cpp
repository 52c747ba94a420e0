// MainWindow: the layout remembered between runs, and column widths that fit the headers.
#include "MainWindow.h"
#include "model/AccountTableModel.h"

#include <QHeaderView>
#include <QSettings>
#include <QTableView>

namespace dopool::ui {

namespace {
// Bump when the table's columns change meaning: an old header state is then ignored.
constexpr int kLayoutVersion = 1;
const QString kGroup = QStringLiteral("mainWindow");
} // namespace

void MainWindow::fitColumnsToHeaders()
{
    // Widths that suit the data, but never narrower than the header text in the running
    // language (Indonesian headers are longer than English ones), sort arrow included.
    const QList<std::pair<int, int>> widths = {
        {AccountTableModel::NameColumn, 170},     {AccountTableModel::EmailColumn, 190},
        {AccountTableModel::CapacityColumn, 150}, {AccountTableModel::HealthColumn, 110},
        {AccountTableModel::LastSyncColumn, 110}, {AccountTableModel::LastHealthCheckColumn, 130},
        {AccountTableModel::ActiveColumn, 80},
    };
    QHeaderView *header = m_table->horizontalHeader();
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, std::max(width, header->sectionSizeHint(column)));
}

void MainWindow::restoreLayout(QSettings *settings)
{
    m_layoutSettings = settings;
    if (!settings)
        return;
    settings->beginGroup(kGroup);
    if (settings->value(QStringLiteral("version")).toInt() == kLayoutVersion) {
        restoreGeometry(settings->value(QStringLiteral("geometry")).toByteArray());
        restoreState(settings->value(QStringLiteral("state")).toByteArray(), kLayoutVersion);
        QHeaderView *header = m_table->horizontalHeader();
        if (header->restoreState(settings->value(QStringLiteral("accountTable")).toByteArray())) {
            // The header only remembers the indicator; the view sorts by it.
            m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
            // Columns saved in another language may be too narrow for this one's headers.
            for (int column = 0; column < header->count(); ++column) {
                if (header->sectionSize(column) < header->sectionSizeHint(column) &&
                    column != header->count() - 1)
                    header->resizeSection(column, header->sectionSizeHint(column));
            }
        }
    }
    settings->endGroup();
}

void MainWindow::saveLayout() const
{
    if (!m_layoutSettings)
        return;
    m_layoutSettings->beginGroup(kGroup);
    m_layoutSettings->setValue(QStringLiteral("version"), kLayoutVersion);
    m_layoutSettings->setValue(QStringLiteral("geometry"), saveGeometry());
    m_layoutSettings->setValue(QStringLiteral("state"), saveState(kLayoutVersion));
    m_layoutSettings->setValue(QStringLiteral("accountTable"),
                               m_table->horizontalHeader()->saveState());
    m_layoutSettings->endGroup();
    m_layoutSettings->sync();
}

} // namespace dopool::ui
