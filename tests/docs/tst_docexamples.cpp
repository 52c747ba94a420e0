// Runs every dopool-cli example in docs/*.md, as a reader would type it, and checks its exit
// code and its output. The convention (docs/cli.md, "About the examples"; the placeholders in
// CONTRIBUTING.md):
//   - examples live in ```console blocks; a line starting with "$ " is a command (a trailing
//     backslash continues it), the lines under it are what it prints (stdout, then stderr),
//     compared line by line; {{id}}, {{time}}, {{fingerprint}}, {{port}}, {{n}}, {{path}} and
//     {{...}} stand for what differs on every run, a line "..." for any number of lines;
//   - a command ends with "# exit N" when it is meant to fail with exit code N (default 0);
//     "# until SIGTERM" marks a daemon: it runs until it logs that it serves, then gets
//     SIGTERM and must exit 0;
//   - each block is a session of its own: a fresh SQLite pool (DOPOOL_DB), a fresh fake DO API
//     (DOPOOL_API_BASE) and the environment described in docs/cli.md. An HTML comment
//     "<!-- doc-example: WORDS -->" right before the block changes that:
//       demo-pool  the pool already holds the three demo accounts (Primary 20/25,
//                  Account 2 5/25, Account 3 25/25)
//       postgres   the pool is a throwaway PostgreSQL database (DOPOOL_TEST_PG_URL)
//       keychain   ENCRYPTION_KEY is unset and the OS keychain is empty (with demo-pool: the
//                  pool was made with the key in POOL_KEY - someone else's pool, to join)
//       skip REASON  not run (the reason is printed)
// DOPOOL_DOC_EXAMPLES_VERBOSE=1 prints every command's output; DOPOOL_DOC_EXAMPLES_ACTUAL=FILE
// writes the full output of each example that differs to FILE, for refreshing the samples.
// The test fails when an exit code or an output differs, when the docs hold no examples, or when a
// dopool-cli command (from dopool-cli --help) has no example in docs/cli.md.
#include "CliRunner.h"
#include "TestKeychain.h"
#include "TestPostgres.h"
#include "crypto/KeyProvider.h"
#include "crypto/QtKeychainSecretStore.h"
#include "fakedo/AccountsFile.h"
#include "fakedo/FakeDoServer.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace dopool;

namespace {

struct Example
{
    int line = 0;
    QString command;
    int expectedExit = 0;
    bool untilSigterm = false;
    QStringList shown; // the sample output the docs show under the command
};

struct Block
{
    QString file;
    int line = 0;
    QStringList modes;
    QString skipReason;
    QList<Example> examples;

    QString label() const { return QStringLiteral("%1:%2").arg(file).arg(line); }
};

QList<Block> parseDoc(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("cannot read %s", qPrintable(path));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    static const QRegularExpression marker(
        QStringLiteral("^<!--\\s*doc-example:\\s*(.*?)\\s*-->\\s*$"));
    static const QRegularExpression exitCode(QStringLiteral("#\\s*exit\\s+(\\d+)\\s*$"));
    static const QRegularExpression untilSigterm(QStringLiteral("#\\s*until SIGTERM\\s*$"));

    QList<Block> blocks;
    QString pendingMarker;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        if (const auto m = marker.match(line); m.hasMatch()) {
            pendingMarker = m.captured(1);
            continue;
        }
        if (!line.startsWith(QLatin1String("```"))) {
            if (!line.trimmed().isEmpty())
                pendingMarker.clear();
            continue;
        }
        const bool console = line.trimmed() == QLatin1String("```console");
        Block block;
        block.file = QFileInfo(path).fileName();
        block.line = int(i) + 1;
        if (pendingMarker.startsWith(QLatin1String("skip"))) {
            block.skipReason = pendingMarker.mid(4).trimmed();
            if (block.skipReason.isEmpty())
                qFatal("%s: a skipped example needs a reason", qPrintable(block.label()));
        } else {
            block.modes = pendingMarker.split(u' ', Qt::SkipEmptyParts);
        }
        pendingMarker.clear();
        // The block's body, up to the closing fence.
        for (++i; i < lines.size() && !lines.at(i).startsWith(QLatin1String("```")); ++i) {
            if (!console)
                continue;
            if (!lines.at(i).startsWith(QLatin1String("$ "))) {
                if (!block.examples.isEmpty())
                    block.examples.last().shown << lines.at(i);
                continue;
            }
            Example example;
            example.line = int(i) + 1;
            QString command = lines.at(i).mid(2);
            while (command.endsWith(u'\\') && i + 1 < lines.size()) {
                command.chop(1);
                command += lines.at(++i).trimmed().prepend(u' ');
            }
            if (const auto m = exitCode.match(command); m.hasMatch())
                example.expectedExit = m.captured(1).toInt();
            example.untilSigterm = untilSigterm.match(command).hasMatch();
            example.command = command;
            block.examples << example;
        }
        if (console)
            blocks << block;
    }
    return blocks;
}

// One line of sample output as a pattern: the text as written, but for placeholders of what
// differs on every run (docs/cli.md, "About the examples").
QRegularExpression linePattern(const QString &shown)
{
    static const QList<std::pair<QString, QString>> placeholders{
        {QStringLiteral("{{id}}"), QStringLiteral("(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                                  "[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+)")},
        {QStringLiteral("{{time}}"),
         QStringLiteral(
             "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?"
             "(?:Z|[+-][0-9]{2}:?[0-9]{2}| UTC)?")},
        {QStringLiteral("{{port}}"), QStringLiteral("[0-9]{1,5}")},
        {QStringLiteral("{{fingerprint}}"), QStringLiteral("[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                                           "[0-9a-f]{4}")},
        {QStringLiteral("{{n}}"), QStringLiteral("[0-9]+(?:\\.[0-9]+)?")},
        {QStringLiteral("{{path}}"), QStringLiteral("\\S+")},
        {QStringLiteral("{{...}}"), QStringLiteral(".*")},
    };
    static const QRegularExpression any(
        QStringLiteral("\\{\\{(?:id|time|port|fingerprint|n|path|\\.\\.\\.)\\}\\}"));
    QString pattern;
    qsizetype from = 0;
    for (auto it = any.globalMatch(shown); it.hasNext();) {
        const auto m = it.next();
        pattern += QRegularExpression::escape(shown.mid(from, m.capturedStart() - from));
        for (const auto &[name, regex] : placeholders) {
            if (m.captured() == name)
                pattern += regex;
        }
        from = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(shown.mid(from));
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern));
}

// Whether the real output's lines are what the docs show: line by line, placeholders as above,
// a line "..." standing for any number of lines (none included).
bool outputMatches(const QStringList &shown, qsizetype s, const QStringList &real, qsizetype r)
{
    if (s == shown.size())
        return r == real.size();
    if (shown.at(s).trimmed() == QLatin1String("...")) {
        for (qsizetype skip = r; skip <= real.size(); ++skip) {
            if (outputMatches(shown, s + 1, real, skip))
                return true;
        }
        return false;
    }
    return r < real.size() && linePattern(shown.at(s)).match(real.at(r)).hasMatch() &&
           outputMatches(shown, s + 1, real, r + 1);
}

// The lines a command printed, standard output first, then standard error; trailing spaces
// and empty lines at the end do not count.
QStringList outputLines(const QByteArray &out, const QByteArray &err)
{
    QStringList lines;
    for (const QByteArray &channel : {out, err}) {
        QString text = QString::fromUtf8(channel);
        while (text.endsWith(u'\n'))
            text.chop(1);
        if (text.isEmpty())
            continue;
        for (const QString &line : text.split(u'\n')) {
            QString trimmed = line;
            while (trimmed.endsWith(u' '))
                trimmed.chop(1);
            lines << trimmed;
        }
    }
    return lines;
}

QStringList trimmedShown(QStringList shown)
{
    for (QString &line : shown) {
        while (line.endsWith(u' '))
            line.chop(1);
    }
    while (!shown.isEmpty() && shown.last().isEmpty())
        shown.removeLast();
    return shown;
}

QList<Block> allBlocks()
{
    QList<Block> blocks;
    const QDir docs(QStringLiteral(DOPOOL_DOCS_DIR));
    const QStringList files = docs.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
    for (const QString &name : files)
        blocks << parseDoc(docs.filePath(name));
    return blocks;
}

QString randomKeyHex()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

class TestDocExamples : public QObject
{
    Q_OBJECT

    // Sets up the environment, the pool and the fake DO API for one block.
    struct Session
    {
        QTemporaryDir dir;
        std::unique_ptr<fakedo::FakeDoServer> server;
        std::unique_ptr<testing::TestPostgres> postgres;
        QProcessEnvironment env;
    };

    // Runs one command as /bin/sh -c, keeping the event loop (the fake DO API) running.
    CliResult runShell(const Session &session, const QString &command, bool untilSigterm)
    {
        QProcess process;
        process.setProcessEnvironment(session.env);
        process.setWorkingDirectory(session.dir.path());
        // A daemon gets the signal itself, not a shell around it.
        process.start(
            QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), untilSigterm ? QStringLiteral("exec ") + command : command});
        CliResult result;
        if (!process.waitForStarted(30000))
            return result;
        process.closeWriteChannel();
        if (untilSigterm) {
            QByteArray err;
            const bool serving = QTest::qWaitFor(
                [&] {
                    err += process.readAllStandardError();
                    return err.contains("serving ") || process.state() == QProcess::NotRunning;
                },
                60000);
            if (serving && process.state() == QProcess::Running)
                process.terminate();
            result.err = err;
        }
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000)) {
            process.kill();
            process.waitForFinished();
            result.crashed = true;
        }
        result.crashed = result.crashed || process.exitStatus() != QProcess::NormalExit;
        result.exitCode = process.exitCode();
        result.out = process.readAllStandardOutput();
        result.err += process.readAllStandardError();
        return result;
    }

    void clearKeychain() { TestKeychain::clear(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_blocks = allBlocks();
        const QString cliDir = QFileInfo(QStringLiteral(DOPOOL_CLI_PATH)).absolutePath();
        m_path = cliDir + u':' + qEnvironmentVariable("PATH", QStringLiteral("/usr/bin:/bin"));
    }

    // The docs must hold examples, and docs/cli.md one for every command dopool-cli has.
    void everyCommandHasAnExample()
    {
        int examples = 0;
        QStringList cliCommands;
        for (const Block &b : std::as_const(m_blocks)) {
            examples += int(b.examples.size());
            if (b.file == QLatin1String("cli.md")) {
                for (const Example &e : b.examples)
                    cliCommands << e.command;
            }
        }
        QVERIFY2(examples > 0, "docs/*.md hold no ```console examples");

        const CliResult help = CliRunner().run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        static const QRegularExpression commandLine(
            QStringLiteral("^  ([a-z][a-z-]*(?: [a-z][a-z-]*)?)(?: |$)"),
            QRegularExpression::MultilineOption);
        QStringList names;
        for (auto it = commandLine.globalMatch(help.outText()); it.hasNext();)
            names << it.next().captured(1);
        QVERIFY2(names.size() >= 15, qPrintable(help.outText()));
        for (const QString &name : std::as_const(names)) {
            const QRegularExpression used(
                QStringLiteral("\\bdopool-cli\\b.* %1( |$)").arg(QRegularExpression::escape(name)));
            bool found = false;
            for (const QString &c : std::as_const(cliCommands))
                found = found || used.match(c).hasMatch();
            QVERIFY2(found, qPrintable(QStringLiteral("docs/cli.md has no example of "
                                                      "'dopool-cli %1'")
                                           .arg(name)));
        }
        // Every "$ dopool-cli --version"-style global option is there too.
        QVERIFY(std::any_of(cliCommands.cbegin(), cliCommands.cend(), [](const QString &c) {
            return c.contains(QLatin1String("--version"));
        }));
    }

    void examples_data()
    {
        QTest::addColumn<int>("index");
        for (qsizetype i = 0; i < m_blocks.size(); ++i) {
            if (!m_blocks.at(i).examples.isEmpty())
                QTest::newRow(qPrintable(m_blocks.at(i).label())) << int(i);
        }
    }

    void examples()
    {
        QFETCH(int, index);
        const Block &block = m_blocks.at(index);
        if (!block.skipReason.isEmpty())
            QSKIP(qPrintable(block.skipReason));
        for (const QString &mode : block.modes) {
            QVERIFY2(
                QStringList({QStringLiteral("demo-pool"), QStringLiteral("postgres"),
                             QStringLiteral("keychain")})
                    .contains(mode),
                qPrintable(
                    QStringLiteral("%1: unknown doc-example mode '%2'").arg(block.label(), mode)));
        }
        const bool keychain = block.modes.contains(QStringLiteral("keychain"));
        // Only the throwaway keyring of scripts/test-env.sh, never a developer's own.
        if (keychain)
            DOPOOL_REQUIRE_TEST_KEYCHAIN();

        Session session;
        QVERIFY(session.dir.isValid());
        session.server = std::make_unique<fakedo::FakeDoServer>();
        for (const fakedo::SeedAccount &seed : fakedo::demoAccounts())
            session.server->addAccount(seed.token, seed.account);
        // The order-service's old single token (migration phase B), a fourth account.
        fakedo::FakeAccount legacy;
        legacy.email = QStringLiteral("ops@webrana.example");
        legacy.droplets = 3;
        session.server->addAccount(fakedo::demoToken(4), legacy);
        session.server->setActionCompletionDelay(0); // provisioning examples need not wait
        QVERIFY(session.server->listen());

        QString db =
            QStringLiteral("sqlite:") + session.dir.filePath(QStringLiteral("pool.sqlite"));
        if (block.modes.contains(QStringLiteral("postgres"))) {
            if (!testing::TestPostgres::isConfigured()) {
                if (testing::TestPostgres::isRequired())
                    QFAIL("DOPOOL_REQUIRE_PG=1 but DOPOOL_TEST_PG_URL is not set");
                QSKIP("needs PostgreSQL: run through scripts/test-env.sh");
            }
            session.postgres = std::make_unique<testing::TestPostgres>();
            QVERIFY2(session.postgres->isValid(), qPrintable(session.postgres->errorString()));
            db = session.postgres->url().displayString();
        }

        const QString poolKey = randomKeyHex();
        session.env = CliRunner().env();
        session.env.insert(QStringLiteral("PATH"), m_path);
        session.env.insert(QStringLiteral("DOPOOL_DB"), db);
        session.env.insert(QStringLiteral("DOPOOL_API_BASE"), session.server->baseUrl().toString());
        session.env.insert(QStringLiteral("ENCRYPTION_KEY"), poolKey);
        session.env.insert(QStringLiteral("POOL_KEY"), poolKey);
        session.env.insert(QStringLiteral("NEW_KEY"), randomKeyHex());
        for (int n = 1; n <= 3; ++n)
            session.env.insert(QStringLiteral("DO_TOKEN_%1").arg(n), fakedo::demoToken(n));
        session.env.insert(QStringLiteral("DO_ACCESS_TOKEN"), fakedo::demoToken(4));
        session.env.insert(QStringLiteral("DO_TOKEN_REVOKED"),
                           fakedo::demoToken(9)); // unknown: 401
        session.env.insert(QStringLiteral("DB_PASSWORD"), QStringLiteral("doc-example-password"));
        session.env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        session.env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));

        if (block.modes.contains(QStringLiteral("demo-pool"))) {
            const QStringList names{QStringLiteral("Primary"), QStringLiteral("Account 2"),
                                    QStringLiteral("Account 3")};
            for (int n = 1; n <= 3; ++n) {
                QString command = QStringLiteral("dopool-cli account add --name '%1' "
                                                 "--token-env DO_TOKEN_%2")
                                      .arg(names.at(n - 1))
                                      .arg(n);
                if (n == 1)
                    command += QStringLiteral(" --primary");
                const CliResult r = runShell(session, command, false);
                QVERIFY2(r.exitCode == 0, r.err.constData());
            }
        }
        if (keychain) {
            clearKeychain();
            session.env.remove(QStringLiteral("ENCRYPTION_KEY"));
        }
        auto cleanup = qScopeGuard([&] {
            if (keychain)
                clearKeychain();
        });

        QStringList differences;
        for (const Example &example : block.examples) {
            const CliResult r = runShell(session, example.command, example.untilSigterm);
            const QString where =
                QStringLiteral("%1:%2: $ %3\nexit %4 (expected %5)%6\nstdout: "
                               "%7\nstderr: %8")
                    .arg(block.file)
                    .arg(example.line)
                    .arg(example.command)
                    .arg(r.exitCode)
                    .arg(example.expectedExit)
                    .arg(r.crashed ? QStringLiteral(", crashed or timed out") : QString())
                    .arg(r.outText(), r.errText());
            if (qEnvironmentVariableIntValue("DOPOOL_DOC_EXAMPLES_VERBOSE") == 1)
                qInfo("%s", qPrintable(where)); // for updating the docs' sample output
            QVERIFY2(!r.crashed && r.exitCode == example.expectedExit, qPrintable(where));
            // What the docs show under the command is what it printed. Every command of the
            // block runs on: all differences are reported at once.
            const QStringList shown = trimmedShown(example.shown);
            const QStringList real = outputLines(r.out, r.err);
            if (!outputMatches(shown, 0, real, 0) && !m_actualFile.isEmpty()) {
                QFile actual(m_actualFile);
                if (actual.open(QIODevice::Append | QIODevice::Text))
                    actual.write(QStringLiteral("=== %1:%2\n%3\n")
                                     .arg(block.file)
                                     .arg(example.line)
                                     .arg(real.join(u'\n'))
                                     .toUtf8());
            }
            if (!outputMatches(shown, 0, real, 0))
                differences << QStringLiteral("%1:%2: $ %3\nthe docs show:\n%4\nit printed:\n%5")
                                   .arg(block.file)
                                   .arg(example.line)
                                   .arg(example.command, shown.join(u'\n'), real.join(u'\n'));
            // No example may print a token in clear.
            for (int n : {1, 2, 3, 4, 9}) {
                const QByteArray token = fakedo::demoToken(n).toUtf8();
                QVERIFY2(!r.out.contains(token) && !r.err.contains(token), qPrintable(where));
            }
            ++m_ran;
        }
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join(QStringLiteral("\n\n"))));
    }

    void cleanupTestCase() { qInfo("ran %d documented commands", m_ran); }

private:
    QList<Block> m_blocks;
    QString m_path;
    // DOPOOL_DOC_EXAMPLES_ACTUAL=FILE: what each differing example really printed, in full,
    // appended to FILE ("=== cli.md:87" then the lines), for refreshing the samples.
    const QString m_actualFile = qEnvironmentVariable("DOPOOL_DOC_EXAMPLES_ACTUAL");
    int m_ran = 0;
};

QTEST_GUILESS_MAIN(TestDocExamples)
#include "tst_docexamples.moc"
