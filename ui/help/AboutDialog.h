#pragma once

#include "desktop/DesktopTypes.h"

#include <QDialog>

class QLabel;

namespace dopool::ui {

// What Help -> About shows; current() reads the running program's versions.
struct AboutInfo
{
    QString version;    // DOPOOL_VERSION
    QString qtVersion;  // the Qt the program runs with (qVersion())
    QString sslVersion; // the TLS library Qt loaded (QSslSocket::sslLibraryVersionString())
    std::optional<desktop::PoolInfo> pool; // none while the pool is not open

    static AboutInfo current(std::optional<desktop::PoolInfo> pool);
};

// A pool location as About shows it: a URL's password and password parameters removed
// (PoolInfo::location has none, but this dialog is what a user copies into a bug report).
QString redactedLocation(const QString &location);

// Help -> About: the version, the Qt and OpenSSL versions, the licence, and the open pool's
// database and key fingerprint, with a button that copies it all as plain text for a report.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(const AboutInfo &info, QWidget *parent = nullptr);

    // What Copy puts on the clipboard.
    QString plainText() const { return m_plainText; }

private:
    QString m_plainText;
};

} // namespace dopool::ui
