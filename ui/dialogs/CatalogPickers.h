#pragma once

#include "desktop/EngineTypes.h"

#include <QObject>
#include <optional>

class QComboBox;
class QWidget;

namespace dopool::ui {

// The Provision dialog's Region, Size and Image fields: editable combo boxes that offer
// DigitalOcean's catalogue once it is known (available regions; the sizes offered in the
// chosen region with vCPUs, memory, disk and monthly price; images by distribution), filter as
// the admin types (contains, any case), and still take any slug typed by hand - the catalogue
// may lack it, or may not load at all.
class CatalogPickers : public QObject
{
    Q_OBJECT
public:
    // The combos start with the defaults as text; their line edits are named regionEdit,
    // sizeEdit and imageEdit, the combos regionCombo, sizeCombo and imageCombo.
    CatalogPickers(const dopool::desktop::EngineSettings &defaults, QWidget *parent);

    QComboBox *region() const { return m_region; }
    QComboBox *size() const { return m_size; }
    QComboBox *image() const { return m_image; }

    void setCatalog(const dopool::desktop::Catalog &catalog);
    bool hasCatalog() const { return m_catalog.has_value(); }

    // The slug of each field: the chosen entry's, or the typed text, trimmed.
    QString regionSlug() const;
    QString sizeSlug() const;
    QString imageSlug() const;

    // What looks wrong against the catalogue (a region not open for droplets, a size not offered
    // in the region, an unknown image); empty when nothing does or no catalogue is loaded.
    // Only a hint: DigitalOcean decides.
    QString mismatch() const;

    void setEditable(bool editable);

Q_SIGNALS:
    void changed();

private:
    QComboBox *makeCombo(const char *name, const QString &accessibleName, const QString &value,
                         QWidget *parent);
    void fillSizes();
    void onRegionEdited();

    std::optional<dopool::desktop::Catalog> m_catalog;
    QString m_sizesRegion; // the region the size list was made for
    QComboBox *m_region = nullptr;
    QComboBox *m_size = nullptr;
    QComboBox *m_image = nullptr;
};

} // namespace dopool::ui
