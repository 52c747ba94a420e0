#pragma once

#include "model/Account.h"

#include <QColor>
#include <QIcon>

namespace dopool::ui {

// The one palette for state: table, footer, banner and tray agree on what green means.
namespace StatusColours {
inline constexpr QRgb ok = 0xff2e9d4f;       // green: room left, healthy
inline constexpr QRgb warning = 0xffe0a000;  // amber: over the threshold, degraded
inline constexpr QRgb critical = 0xffd13b3b; // red: full, unhealthy
inline constexpr QRgb unknown = 0xff8a8f98;  // grey: not checked yet
} // namespace StatusColours

QColor healthColour(AccountHealth health);
// An order's state in the same palette: created green, failed red, waiting for capacity and
// uncertain amber, the rest (queued, in progress, cancelled) grey.
QColor taskStatusColour(TaskStatus status);
// A small filled circle in the health's colour (cached per health).
QIcon statusDot(AccountHealth health);
// A round icon in the given colour, for the tray (size px, cached per colour).
QIcon roundIcon(QColor colour, int size = 64);

} // namespace dopool::ui
