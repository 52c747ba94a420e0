#pragma once

#include "dialogs/StatusLabel.h"
#include "model/Account.h"
#include "model/PoolRecords.h"

#include <QDateTime>
#include <QString>

class QLabel;
class QTableWidget;
class QTableWidgetItem;
class QWidget;

namespace dopool::ui {

// What the detail view's tabs share: how a value is written and coloured. Their strings are the
// detail view's (AccountDetailView::tr): one translation context for the one view.
namespace DetailFormat {

using Tone = StatusLabel::Tone;

// Absolute local time: the admin compares it with the clock on the wall, not with "ago".
QString timeText(const QDateTime &time);
QString orDash(const QString &text);
QString limitText(int limit); // DigitalOcean's -1: no value
QString taskStatus(TaskStatus status);
Tone doStatusTone(const QString &status);
Tone healthTone(AccountHealth health);
Tone taskTone(TaskStatus status);
void setTone(QLabel *label, Tone tone);

// Columns fit their contents; stretchColumn (a free-text one, cut with a tooltip) takes what
// is left, or with -1 nothing is cut and a narrow view scrolls sideways.
void setUpTable(QTableWidget *table, const char *objectName, const QString &accessibleName,
                const QStringList &headers, int stretchColumn);
QTableWidgetItem *cell(const QString &text, Tone tone = Tone::Neutral);
QTableWidgetItem *numberCell(qint64 number);

} // namespace DetailFormat

} // namespace dopool::ui
