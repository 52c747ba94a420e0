#include "ActionIcons.h"

#include <QFile>

namespace dopool::ui {

QIcon bundledActionIcon(const QString &bundled)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        const QString path = QStringLiteral(":/icons/actions/%1-%2.png").arg(bundled).arg(size);
        if (QFile::exists(path))
            icon.addFile(path, QSize(size, size));
    }
    return icon;
}

QIcon actionIcon(const QString &themeName, const QString &bundled)
{
    return QIcon::fromTheme(themeName, bundledActionIcon(bundled));
}

} // namespace dopool::ui
