// The engine thread reaches the keychain, which lives in the GUI thread, through a thread hop:
// the call runs in the keychain's thread and the answer comes back in the caller's thread.
#include "TestKeychain.h"
#include "crypto/QtKeychainSecretStore.h"
#include "desktop/ThreadHopSecretStore.h"

#include <QDateTime>
#include <QMutex>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace dopool;
using namespace dopool::desktop;

namespace {

// A context object living in a thread of its own, like the engine's.
class EngineThread
{
public:
    EngineThread()
    {
        context.moveToThread(&thread);
        thread.start();
    }
    ~EngineThread()
    {
        thread.quit();
        thread.wait();
    }
    // Runs f in the engine thread.
    template <typename F> void run(F f)
    {
        QMetaObject::invokeMethod(&context, std::move(f), Qt::QueuedConnection);
    }
    QThread thread;
    QObject context;
};

struct Outcome
{
    std::atomic<bool> done{false};
    std::atomic<bool> inCallerThread{false};
    QMutex mutex;
    QString value;
    QString error;
};

void readVia(EngineThread &engine, SecretStore &hop, const QString &key, Outcome &outcome)
{
    engine.run([&engine, &hop, key, &outcome] {
        hop.read(key, &engine.context, [&engine, &outcome](Result<std::optional<QString>> r) {
            QMutexLocker lock(&outcome.mutex);
            outcome.inCallerThread = QThread::currentThread() == &engine.thread;
            if (!r)
                outcome.error = r.error().message;
            else
                outcome.value = r->value_or(QStringLiteral("<none>"));
            outcome.done = true;
        });
    });
}

void writeVia(EngineThread &engine, SecretStore &hop, const QString &key, const QString &value,
              Outcome &outcome)
{
    engine.run([&engine, &hop, key, value, &outcome] {
        hop.write(key, value, &engine.context, [&engine, &outcome](Result<void> r) {
            QMutexLocker lock(&outcome.mutex);
            outcome.inCallerThread = QThread::currentThread() == &engine.thread;
            if (!r)
                outcome.error = r.error().message;
            outcome.done = true;
        });
    });
}

} // namespace

class TestThreadHopSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripFromAnotherThread();
    void homeGoneIsAClearError();
    void realKeychainFromTheEngineThread();
};

void TestThreadHopSecretStore::roundTripFromAnotherThread()
{
    MemorySecretStore keychain; // lives here, in the "GUI" thread
    QObject home;
    ThreadHopSecretStore hop(&keychain, &home);
    EngineThread engine;

    Outcome written;
    writeVia(engine, hop, QStringLiteral("entry"), QStringLiteral("s3cret"), written);
    QTRY_VERIFY(written.done.load());
    QVERIFY2(written.error.isEmpty(), qPrintable(written.error));
    QVERIFY(written.inCallerThread.load());

    Outcome read;
    readVia(engine, hop, QStringLiteral("entry"), read);
    QTRY_VERIFY(read.done.load());
    QVERIFY(read.inCallerThread.load());
    QCOMPARE(read.value, QStringLiteral("s3cret"));

    Outcome missing;
    readVia(engine, hop, QStringLiteral("no-such-entry"), missing);
    QTRY_VERIFY(missing.done.load());
    QCOMPARE(missing.value, QStringLiteral("<none>"));
}

void TestThreadHopSecretStore::homeGoneIsAClearError()
{
    MemorySecretStore keychain;
    auto home = std::make_unique<QObject>();
    ThreadHopSecretStore hop(&keychain, home.get());
    home.reset();
    EngineThread engine;
    Outcome read;
    readVia(engine, hop, QStringLiteral("entry"), read);
    QTRY_VERIFY(read.done.load());
    QVERIFY(read.error.contains(QStringLiteral("keychain")));
}

void TestThreadHopSecretStore::realKeychainFromTheEngineThread()
{
    DOPOOL_REQUIRE_TEST_KEYCHAIN();
    QtKeychainSecretStore keychain(TestKeychain::service());
    QObject home;
    ThreadHopSecretStore hop(&keychain, &home);
    EngineThread engine;
    const QString entry = QStringLiteral("hop-%1-%2")
                              .arg(QCoreApplication::applicationPid())
                              .arg(QDateTime::currentMSecsSinceEpoch());
    Outcome written;
    writeVia(engine, hop, entry, QStringLiteral("value-from-engine"), written);
    QTRY_VERIFY_WITH_TIMEOUT(written.done.load(), 30000);
    QVERIFY2(written.error.isEmpty(), qPrintable(written.error));
    Outcome read;
    readVia(engine, hop, entry, read);
    QTRY_VERIFY_WITH_TIMEOUT(read.done.load(), 30000);
    QCOMPARE(read.value, QStringLiteral("value-from-engine"));
    bool removed = false;
    keychain.remove(entry, &home, [&removed](Result<void>) { removed = true; });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);
}

QTEST_MAIN(TestThreadHopSecretStore)
#include "tst_threadhopsecretstore.moc"
