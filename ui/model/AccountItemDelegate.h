#pragma once

#include <QStyledItemDelegate>

namespace dopool::ui {

// Paints the columns that are more than text: capacity as a coloured bar, health as a badge.
// Every other column is left to the style.
class AccountItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit AccountItemDelegate(QObject *parent = nullptr);

    void setWarningThreshold(double threshold) { m_threshold = threshold; }
    double warningThreshold() const { return m_threshold; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintHealthBadge(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const;

    double m_threshold = 0.8;
};

} // namespace dopool::ui
