#pragma once

#include "AppSettings.h"
#include "common/Error.h"

#include <QDialog>
#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace dopool::ui {

class StatusLabel;

// Edits AppSettings. Passive: settings() is what the user chose; the caller saves and applies
// it. A changed database must pass the injected DatabaseTester before Save is enabled, so a
// typo never leaves the app pointing at a database it cannot open. No secret is ever entered
// here: PostgreSQL passwords come from PGPASSWORD, ~/.pgpass or the keychain.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // Opens the database at url (trimmed; empty = the default SQLite file) and calls done once,
    // in context's thread. A result arriving after the URL was edited again is ignored.
    using DatabaseTester = std::function<void(const QString &url, QObject *context,
                                              std::function<void(dopool::Result<void>)> done)>;

    explicit SettingsDialog(const AppSettings &current, QWidget *parent = nullptr);

    AppSettings settings() const;
    void setDatabaseTester(DatabaseTester tester);

    bool canSave() const;

private:
    void buildUi();
    void load(const AppSettings &s);
    void onDatabaseChanged();
    void testDatabase();
    void takeTestResult(quint64 generation, const dopool::Result<void> &result);
    void updateState();
    bool databaseChanged() const;

    AppSettings m_current;
    DatabaseTester m_tester;
    quint64 m_generation = 0; // bumped by every edit of the URL: stale test results are dropped
    bool m_testing = false;
    bool m_databaseTestedOk = false;

    QSpinBox *m_syncInterval = nullptr;
    QSpinBox *m_healthInterval = nullptr;
    QSpinBox *m_threshold = nullptr;
    QComboBox *m_policy = nullptr;
    QLineEdit *m_database = nullptr;
    QPushButton *m_testButton = nullptr;
    StatusLabel *m_databaseStatus = nullptr;
    QLineEdit *m_webhook = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_provisionOrders = nullptr;
    QComboBox *m_language = nullptr;
    StatusLabel *m_validation = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace dopool::ui
