#pragma once

// `--check` mode shared by the benchmarks: each documented target is a named check; in check
// mode a missed target makes the benchmark exit 1. Figures go to stdout and, with
// `--figures FILE`, are appended to FILE (CI collects them into one file the README quotes).

#include <QFile>
#include <QString>
#include <QStringList>
#include <cstdio>

namespace dopool::bench {

class BenchCheck
{
public:
    BenchCheck(int argc, char **argv)
    {
        for (int i = 1; i < argc; ++i) {
            const QString arg = QString::fromLocal8Bit(argv[i]);
            if (arg == QLatin1String("--check"))
                m_checkMode = true;
            else if (arg == QLatin1String("--figures") && i + 1 < argc)
                m_figuresPath = QString::fromLocal8Bit(argv[++i]);
        }
    }

    bool checkMode() const { return m_checkMode; }

    // One figure line: printed, and appended to the figures file when one was given.
    void figure(const QString &line)
    {
        std::printf("%s\n", qPrintable(line));
        std::fflush(stdout);
        if (m_figuresPath.isEmpty())
            return;
        QFile f(m_figuresPath);
        if (f.open(QIODevice::Append | QIODevice::Text))
            f.write(line.toUtf8() + '\n');
    }

    // A documented target: `ok` says whether it was met; `what` names target and figure.
    void expect(bool ok, const QString &what)
    {
        figure(QStringLiteral("  [%1] %2")
                   .arg(ok ? QStringLiteral("ok") : QStringLiteral("MISSED"), what));
        if (!ok)
            m_missed << what;
    }

    // The process exit code: 1 when a target was missed in check mode, else 0.
    int exitCode() const
    {
        if (m_missed.isEmpty())
            return 0;
        std::fprintf(stderr, "%d benchmark target(s) missed:\n", int(m_missed.size()));
        for (const QString &m : m_missed)
            std::fprintf(stderr, "  %s\n", qPrintable(m));
        return m_checkMode ? 1 : 0;
    }

private:
    bool m_checkMode = false;
    QString m_figuresPath;
    QStringList m_missed;
};

} // namespace dopool::bench
