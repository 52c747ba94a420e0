#include "FieldStack.h"

#include <QLayout>
#include <QVBoxLayout>
#include <QWidget>

namespace dopool::ui {

QWidget *fieldStack(const QList<QWidget *> &widgets, QWidget *parent)
{
    auto *stack = new QWidget(parent);
    auto *layout = new QVBoxLayout(stack);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QWidget *widget : widgets) {
        // A row of widgets (a QWidget with a layout) expands when its layout does.
        const bool expands =
            (widget->sizePolicy().horizontalPolicy() & QSizePolicy::ExpandFlag) ||
            (widget->layout() && (widget->layout()->expandingDirections() & Qt::Horizontal));
        layout->addWidget(widget, 0, expands ? Qt::Alignment() : Qt::AlignLeft);
    }
    return stack;
}

} // namespace dopool::ui
