#pragma once

#include "desktop/EngineTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dopool::ui {

class StatusLabel;

// The detail view's Droplets tab: one page of the account's droplets from DigitalOcean, with
// Previous/Next (pageRequested) and what the list is doing (loading, empty, failed).
class DropletsTab : public QWidget
{
    Q_OBJECT
public:
    explicit DropletsTab(QWidget *parent = nullptr);

    void setPage(const desktop::DropletPage &page, int pageNumber, int perPage);
    void setLoading();
    void setError(const QString &message);
    // canPage: an account is shown (no account: Previous and Next stay off). Takes effect at
    // the next setPage, setLoading, setError or clear: a row's refresh never re-enables the
    // buttons while a page is loading.
    void setCanPage(bool canPage);
    void clear();

    int page() const { return m_page; }
    int pageCount() const { return m_pageCount; }

Q_SIGNALS:
    void pageRequested(int page);

private:
    void updatePager(bool loading);

    int m_page = 1;
    int m_pageCount = 1;
    bool m_canPage = false;
    QTableWidget *m_table = nullptr;
    QLabel *m_pageLabel = nullptr;
    QPushButton *m_previousButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    StatusLabel *m_status = nullptr;
};

} // namespace dopool::ui
