#include "AccountItemDelegate.h"

#include "AccountTableModel.h"
#include "CapacityBarPainter.h"
#include "StatusColours.h"

#include <QApplication>
#include <QPainter>

namespace dopool::ui {

AccountItemDelegate::AccountItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void AccountItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    const int column = index.column();
    if (column != AccountTableModel::CapacityColumn && column != AccountTableModel::HealthColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background and selection from the style, then our drawing on top.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    if (column == AccountTableModel::CapacityColumn) {
        CapacityBarPainter::paint(painter, option.rect,
                                  index.data(AccountTableModel::DropletsRole).toInt(),
                                  index.data(AccountTableModel::LimitRole).toInt(), m_threshold,
                                  option.palette, index.data(Qt::DisplayRole).toString());
        return;
    }
    paintHealthBadge(painter, option, index);
}

void AccountItemDelegate::paintHealthBadge(QPainter *painter, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    const auto health = AccountHealth(index.data(AccountTableModel::HealthRole).toInt());
    const QString text = index.data(Qt::DisplayRole).toString();
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 16;
    const int height = metrics.height() + 4;
    QRectF badge(option.rect.left() + 4, option.rect.center().y() - height / 2.0 + 0.5, width,
                 height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = healthColour(health);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(option.font);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize AccountItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == AccountTableModel::CapacityColumn)
        size.setWidth(qMax(size.width() + 24, 140));
    if (index.column() == AccountTableModel::HealthColumn)
        size.setWidth(size.width() + 24);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 10));
    return size;
}

} // namespace dopool::ui
