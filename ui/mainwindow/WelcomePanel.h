#pragma once

#include <QWidget>

class QPushButton;

namespace dopool::ui {

// What a first run shows instead of an empty table: how to add an account, and a one-click
// import of DO_ACCESS_TOKEN (docs/operations.md#migration-plan-phases-ae: the single-token
// setup becomes the primary account) when that variable is set.
class WelcomePanel : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePanel(QWidget *parent = nullptr);

    // Whether DO_ACCESS_TOKEN is set (known once the pool is open): enables the import.
    void setEnvTokenAvailable(bool available);

Q_SIGNALS:
    void addAccountRequested();
    void importEnvRequested();
    void restoreRequested();

private:
    QPushButton *m_import = nullptr;
};

} // namespace dopool::ui
