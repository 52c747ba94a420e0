// Help -> About (ui/help/AboutDialog): versions, licence, the pool's database without a
// password, the key fingerprint, and Copy.
#include "help/AboutDialog.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSslSocket>
#include <QTest>

using namespace dopool;
using namespace dopool::ui;

class TestAboutDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void currentReadsTheRunningVersions();
    void showsThePool();
    void redactsLocations_data();
    void redactsLocations();
    void withoutAPool();
    void showsTheLicence();
};

void TestAboutDialog::currentReadsTheRunningVersions()
{
    const AboutInfo info = AboutInfo::current(std::nullopt);
    QCOMPARE(info.version, QStringLiteral(DOPOOL_VERSION));
    QCOMPARE(info.qtVersion, QString::fromLatin1(qVersion()));
    QCOMPARE(info.sslVersion, QSslSocket::sslLibraryVersionString());
    QVERIFY(!info.sslVersion.isEmpty()); // the test environment has OpenSSL
}

void TestAboutDialog::showsThePool()
{
    desktop::PoolInfo pool;
    pool.backend = QStringLiteral("postgresql");
    pool.location = QStringLiteral("postgresql://dopool:s3cret-pw@db.internal:5432/pool");
    pool.keyFingerprint = QStringLiteral("2c9f-4dc4-d716-3c69");
    AboutInfo info = AboutInfo::current(pool);
    AboutDialog dialog(info);
    QStringList shown;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        shown << label->text();
    const QString all = shown.join(QLatin1Char('\n'));
    for (const QString &expected :
         {info.version, info.qtVersion, info.sslVersion, pool.keyFingerprint,
          QStringLiteral("postgresql: postgresql://dopool@db.internal:5432/pool")})
        QVERIFY2(all.contains(expected), qPrintable(expected + QStringLiteral(" in\n") + all));
    QVERIFY(!all.contains(QStringLiteral("s3cret-pw")));
    QVERIFY(!dialog.plainText().contains(QStringLiteral("s3cret-pw")));
    QVERIFY(dialog.plainText().contains(pool.keyFingerprint));

    auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyButton"));
    QVERIFY(copy);
    QGuiApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), dialog.plainText());
}

void TestAboutDialog::redactsLocations_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no password") << QStringLiteral("postgresql://dopool@db:5432/pool")
                                 << QStringLiteral("postgresql://dopool@db:5432/pool");
    QTest::newRow("password") << QStringLiteral("postgresql://dopool:pw@db:5432/pool")
                              << QStringLiteral("postgresql://dopool@db:5432/pool");
    QTest::newRow("password parameter")
        << QStringLiteral("postgresql://dopool@db/pool?sslmode=require&password=pw")
        << QStringLiteral("postgresql://dopool@db/pool?sslmode=require");
    QTest::newRow("a file path") << QStringLiteral("/home/admin/.local/share/dopool/pool.sqlite")
                                 << QStringLiteral("/home/admin/.local/share/dopool/pool.sqlite");
}

void TestAboutDialog::redactsLocations()
{
    QFETCH(QString, location);
    QFETCH(QString, expected);
    QCOMPARE(redactedLocation(location), expected);
}

void TestAboutDialog::withoutAPool()
{
    AboutDialog dialog(AboutInfo::current(std::nullopt));
    QVERIFY(dialog.plainText().contains(QStringLiteral("not open")));
}

void TestAboutDialog::showsTheLicence()
{
    AboutDialog dialog(AboutInfo::current(std::nullopt));
    QVERIFY(dialog.plainText().contains(QStringLiteral("MIT License")));
    const auto *terms = dialog.findChild<QPlainTextEdit *>(QStringLiteral("licenceText"));
    QVERIFY(terms);
    QVERIFY(terms->isReadOnly());
    // The root LICENSE file, word for word.
    QFile licence(QStringLiteral(DOPOOL_TEST_SOURCE_DIR "/../LICENSE"));
    QVERIFY(licence.open(QIODevice::ReadOnly));
    QCOMPARE(terms->toPlainText(), QString::fromUtf8(licence.readAll()));
}

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
