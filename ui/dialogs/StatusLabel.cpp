#include "StatusLabel.h"

#include "model/StatusColours.h"

namespace dopool::ui {

StatusLabel::StatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    // Take the whole width of a form's field column: a wrapped message sized to its own hint
    // becomes a narrow column of short lines.
    QSizePolicy policy = sizePolicy();
    policy.setHorizontalPolicy(QSizePolicy::Expanding);
    setSizePolicy(policy);
    setTextFormat(Qt::PlainText); // messages come from servers and users: never markup
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void StatusLabel::showMessage(const QString &text, Tone tone)
{
    m_tone = tone;
    QPalette p = palette();
    p.setColor(QPalette::WindowText, colour(tone, QPalette()));
    setPalette(p);
    setText(text);
    setVisible(!text.isEmpty());
}

void StatusLabel::clearMessage()
{
    showMessage(QString());
}

QColor StatusLabel::colour(Tone tone, const QPalette &palette)
{
    switch (tone) {
    case Tone::Success:
        return QColor(StatusColours::okText);
    case Tone::Warning:
        return QColor(StatusColours::warningText);
    case Tone::Error:
        return QColor(StatusColours::criticalText);
    case Tone::Neutral:
        break;
    }
    return palette.color(QPalette::WindowText);
}

} // namespace dopool::ui
