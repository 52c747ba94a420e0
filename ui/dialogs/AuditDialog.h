#pragma once

#include "model/Audit.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;

namespace dopool::ui {

// The audit log: who (OS user and host) changed what in the pool and when, from every desktop
// and daemon on the same database. Never a token: the store does not write one. Passive: the
// window loads the entries (refreshRequested) and hands them over.
class AuditDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AuditDialog(QWidget *parent = nullptr);

    // Offers "only this account" besides "all accounts" (empty id: no account selected).
    void setAccountChoice(const QString &accountId, const QString &accountName);
    QString accountFilter() const; // empty: all accounts

    void setLoading();
    void setEntries(const QList<dopool::AuditEntry> &entries);
    void setError(const QString &message);
    int rowCount() const;

Q_SIGNALS:
    void refreshRequested();

private:
    QComboBox *m_filter = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace dopool::ui
