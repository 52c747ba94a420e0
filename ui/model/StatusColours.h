#pragma once

#include "model/Account.h"

#include <QColor>
#include <QIcon>

namespace dopool::ui {

// The one palette for state: table, footer, banner, tray, detail view and dialog messages
// agree on what green means. Every colour of a state is named here, nowhere else.
namespace StatusColours {
// Fills (dots, bars, icons): bright enough to tell apart at a glance.
inline constexpr QRgb ok = 0xff2e9d4f;       // green: room left, healthy
inline constexpr QRgb warning = 0xffe0a000;  // amber: over the threshold, degraded
inline constexpr QRgb critical = 0xffd13b3b; // red: full, unhealthy
inline constexpr QRgb unknown = 0xff8a8f98;  // grey: not checked yet
// The same states as text on the window's light background (StatusLabel, the detail view's
// values and cells): darker shades of the fills, because text needs a contrast of 4.5:1
// (WCAG AA) that the fills' green (3.3:1) and amber do not reach.
inline constexpr QRgb okText = 0xff1a7f37;
inline constexpr QRgb warningText = 0xff9a6700;
inline constexpr QRgb criticalText = 0xffcf222e;
} // namespace StatusColours

// What a field shows when it has no value ("—"), the same in every view.
QString noValue();

QColor healthColour(AccountHealth health);
// An order's state in the same palette: created green, failed red, waiting for capacity and
// uncertain amber, the rest (queued, in progress, cancelled) grey.
QColor taskStatusColour(TaskStatus status);
// A small filled circle in the health's colour (cached per health).
QIcon statusDot(AccountHealth health);
// A round icon in the given colour, for the tray (size px, cached per colour).
QIcon roundIcon(QColor colour, int size = 64);

} // namespace dopool::ui
