#pragma once

#include <QIcon>
#include <QString>

namespace dopool::ui {

// A toolbar icon: the icon theme's themeName where the desktop has one (Linux), else the
// bundled drawing :/icons/actions/<bundled>-<16|24|32|48>.png (resources/icons/actions/, PNGs
// so that no SVG plugin is needed). Null only when the resources are not linked in.
QIcon actionIcon(const QString &themeName, const QString &bundled);

// The bundled drawing alone (what Windows and macOS, which have no icon theme, show).
QIcon bundledActionIcon(const QString &bundled);

} // namespace dopool::ui
