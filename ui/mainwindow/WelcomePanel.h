#pragma once

#include <QWidget>

class QPushButton;

namespace dopool::ui {

// What a first run shows instead of an empty table: how to add an account, and a one-click
// import of DO_ACCESS_TOKEN (the plan's migration: the single-token setup becomes the primary
// account) when that variable is set.
class WelcomePanel : public QWidget
{
    Q_OBJECT
public:
    WelcomePanel(bool hasEnvToken, QWidget *parent = nullptr);

Q_SIGNALS:
    void addAccountRequested();
    void importEnvRequested();

private:
    QPushButton *m_import = nullptr;
};

} // namespace dopool::ui
