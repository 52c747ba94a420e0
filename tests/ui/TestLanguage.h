#pragma once

// Test-only, header-only: a test row in another language.

#include "common/Translate.h"

#include <QLocale>
#include <QObject>
#include <QTranslator>
#include <optional>

namespace dopool::testing {

// The Indonesian translation (and month names) for one test row; English again afterwards.
class Language
{
public:
    explicit Language(const QString &name)
    {
        if (name == QLatin1String("en"))
            return;
        m_previous = QLocale();
        QLocale::setDefault(QLocale(name));
        m_translator = installTranslations(QLocale(name), &m_owner);
    }
    ~Language()
    {
        delete m_translator;
        if (m_previous)
            QLocale::setDefault(*m_previous);
    }
    bool loaded() const { return m_translator != nullptr; }

private:
    QObject m_owner;
    QTranslator *m_translator = nullptr;
    std::optional<QLocale> m_previous;
};

} // namespace dopool::testing
