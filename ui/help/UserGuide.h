#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

namespace dopool::ui {

// Where Help -> User Guide leads. The first of these that exists wins:
//   1. the guide installed with the package, found relative to the executable (bin/ ->
//      share/doc/dopool/user-guide.md; in a macOS bundle three levels further up);
//   2. the guide in the source tree the program was built from (a build that is not installed);
//   3. the online copy (always "exists").
struct UserGuideLocations
{
    QString applicationDir;    // QCoreApplication::applicationDirPath()
    QStringList installedDirs; // relative to applicationDir
    QString sourceDocsDir;     // absolute; empty: none
    QUrl online;               // may be empty
    QString fileName = QStringLiteral("user-guide.md");

    // What this build was configured with (ui/CMakeLists.txt).
    static UserGuideLocations forThisBuild();
};

// A file URL of the first guide found on disk, else the online URL (empty when there is none).
QUrl resolveUserGuide(const UserGuideLocations &where);

} // namespace dopool::ui
