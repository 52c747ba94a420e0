#pragma once

#include <QLabel>

namespace dopool::ui {

// A label for inline feedback under a field or in a result area: the text in a tone colour
// (success green, warning amber, error red). It hides itself while empty, so a form shows
// no blank rows until there is something to say.
class StatusLabel : public QLabel
{
    Q_OBJECT
public:
    enum class Tone
    {
        Neutral,
        Success,
        Warning,
        Error
    };

    explicit StatusLabel(QWidget *parent = nullptr);

    void showMessage(const QString &text, Tone tone = Tone::Neutral);
    void clearMessage();
    Tone tone() const { return m_tone; }

    // The colour used for a tone, shared with other widgets that colour a value the same way.
    static QColor colour(Tone tone, const QPalette &palette);

private:
    Tone m_tone = Tone::Neutral;
};

} // namespace dopool::ui
