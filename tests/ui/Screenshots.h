#pragma once

// Test-only, header-only: the app rendered to PNG files in <build>/tests/screenshots/, to be
// looked at (and used in the docs), each checked to be a real rendering.

#include <QCoreApplication>
#include <QDebug>
#include <QDir>
#include <QImage>
#include <QSet>
#include <QWidget>

namespace dopool::testing {

inline QString screenshotPath(const QString &name)
{
    QDir dir(QStringLiteral(QT_TESTCASE_BUILDDIR));
    dir.mkpath(QStringLiteral("screenshots"));
    return dir.filePath(QStringLiteral("screenshots/%1.png").arg(name));
}

// Saves widget's rendering; false unless it is written and shows more than a few colours.
inline bool save(QWidget *widget, const QString &name)
{
    // Pending layout requests (a label whose text just changed) first: render what a user sees.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QImage image = widget->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    if (colours.size() < 20) {
        qWarning() << name << "looks blank:" << colours.size() << "colours";
        return false;
    }
    return image.save(screenshotPath(name));
}

} // namespace dopool::testing
