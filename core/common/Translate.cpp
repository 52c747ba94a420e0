#include "Translate.h"

#include <QTranslator>

namespace dopool {

QLocale translationLocale(const QString &language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

QTranslator *installTranslations(const QLocale &locale, QObject *parent)
{
    const QString name = QStringLiteral("dopool");
    const QString prefix = QStringLiteral("_");
    const QString folder = QStringLiteral(":/i18n");
    auto *translator = new QTranslator(parent);
    if (translator->load(locale, name, prefix, folder) ||
        translator->load(QLocale(QLocale::English), name, prefix, folder)) {
        QCoreApplication::installTranslator(translator);
        return translator;
    }
    delete translator;
    return nullptr;
}

} // namespace dopool
