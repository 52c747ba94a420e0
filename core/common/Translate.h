#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>

class QTranslator;

namespace dopool {

// The translation contexts of core/. Write CoreTr::tr("...") for engine, store, API and other
// core messages (context "dopool") and CliTr::tr("...") for dopool-cli's (context
// "dopool::cli"). lupdate reads Q_DECLARE_TR_FUNCTIONS, so these calls are extracted with the
// right context wherever they are written; a free helper such as dtr("...") would not be:
// lupdate gives a tr()-like call the context of the class whose member it is written in.
struct CoreTr
{
    Q_DECLARE_TR_FUNCTIONS(dopool)
};

struct CliTr
{
    Q_DECLARE_TR_FUNCTIONS(dopool::cli)
};

// The locale to translate for: language "" follows the system (LANGUAGE, LC_ALL, LC_MESSAGES,
// LANG), anything else is a locale name such as "id" or "en_GB".
QLocale translationLocale(const QString &language);

// Installs the embedded :/i18n/dopool_<language>.qm best matching locale on the application
// (falling back to dopool_en.qm, which holds the English plural forms) and returns it (owned
// by parent), or nullptr when none loaded. Call it before any translated text is made.
QTranslator *installTranslations(const QLocale &locale, QObject *parent);

} // namespace dopool
