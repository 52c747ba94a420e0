#include "WelcomePanel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace dopool::ui {

WelcomePanel::WelcomePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePanel"));
    setAccessibleName(tr("Welcome"));
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);

    auto *title = new QLabel(tr("Welcome to DO Account Pool"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);

    auto *text = new QLabel(
        tr("The pool is empty. Add the DigitalOcean accounts your droplets should go to: each "
           "needs a name and a personal access token with read and write scope. The token is "
           "checked with DigitalOcean, then stored encrypted; it is never shown again.\n\n"
           "Coming from the single-token setup? If DO_ACCESS_TOKEN is set in this program's "
           "environment, import it as the primary account (the same as "
           "`dopool-cli import-env`)."),
        this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(560);
    text->setObjectName(QStringLiteral("welcomeText"));
    layout->addWidget(text, 0, Qt::AlignHCenter);

    auto *buttons = new QHBoxLayout();
    buttons->addStretch(1);
    auto *add = new QPushButton(tr("&Add account…"), this);
    add->setAccessibleName(tr("Add account"));
    add->setDefault(true);
    buttons->addWidget(add);
    m_import = new QPushButton(tr("&Import DO_ACCESS_TOKEN"), this);
    m_import->setObjectName(QStringLiteral("importEnvButton"));
    m_import->setAccessibleName(tr("Import DO_ACCESS_TOKEN as the primary account"));
    setEnvTokenAvailable(false);
    buttons->addWidget(m_import);
    auto *restore = new QPushButton(tr("&Restore from a backup…"), this);
    restore->setObjectName(QStringLiteral("restoreButton"));
    restore->setAccessibleName(tr("Restore the pool from a backup file"));
    restore->setToolTip(tr("Load a backup that dopool-cli backup or Pool → Back Up… wrote into "
                           "this empty pool (it needs the backup's pool key)"));
    buttons->addWidget(restore);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(2);

    connect(add, &QPushButton::clicked, this, &WelcomePanel::addAccountRequested);
    connect(m_import, &QPushButton::clicked, this, &WelcomePanel::importEnvRequested);
    connect(restore, &QPushButton::clicked, this, &WelcomePanel::restoreRequested);
}

void WelcomePanel::setEnvTokenAvailable(bool available)
{
    m_import->setEnabled(available);
    m_import->setToolTip(available ? tr("Verify the token with DigitalOcean and add it as the "
                                        "primary account")
                                   : tr("DO_ACCESS_TOKEN is not set"));
}

} // namespace dopool::ui
