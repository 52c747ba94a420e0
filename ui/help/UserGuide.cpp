#include "UserGuide.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace dopool::ui {

UserGuideLocations UserGuideLocations::forThisBuild()
{
    UserGuideLocations where;
    where.applicationDir = QCoreApplication::applicationDirPath();
    const QString fromBin = QStringLiteral(DOPOOL_DOCDIR_FROM_BINDIR);
    // bin/dopool, or dopool.app/Contents/MacOS/dopool next to share/ in the DMG.
    where.installedDirs = {fromBin, QStringLiteral("../../../") + fromBin};
    where.sourceDocsDir = QStringLiteral(DOPOOL_SOURCE_DOCS_DIR);
    where.online = QUrl(QStringLiteral(DOPOOL_USER_GUIDE_URL));
    return where;
}

QUrl resolveUserGuide(const UserGuideLocations &where)
{
    QStringList candidates;
    if (!where.applicationDir.isEmpty()) {
        const QDir app(where.applicationDir);
        for (const QString &dir : where.installedDirs)
            candidates << app.filePath(dir + QLatin1Char('/') + where.fileName);
    }
    if (!where.sourceDocsDir.isEmpty())
        candidates << QDir(where.sourceDocsDir).filePath(where.fileName);
    for (const QString &candidate : std::as_const(candidates)) {
        const QFileInfo file(candidate);
        if (file.isFile() && file.isReadable())
            return QUrl::fromLocalFile(file.canonicalFilePath());
    }
    return where.online;
}

} // namespace dopool::ui
