#pragma once

#include <QList>

class QWidget;

namespace dopool::ui {

// Stacks a field and what belongs under it (inline message, note) into one widget for the
// field column of a QFormLayout. Why: QFormLayout sizes a word-wrapped label added as a row
// of its own by its size hint, not by its height for the real width, which leaves gaps or
// clips the text; a QVBoxLayout inside the field column gets it right. Widgets that do not
// expand horizontally (spin boxes, combo boxes) keep their size, aligned left.
QWidget *fieldStack(const QList<QWidget *> &widgets, QWidget *parent);

} // namespace dopool::ui
