#include "CatalogPickers.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QStandardItemModel>
#include <algorithm>

namespace dopool::ui {

namespace {

struct Entry
{
    QString label;
    QString slug;
    bool separatorBefore = false;
};

// Replaces the combo's entries, keeping what the admin had chosen or typed: the entry with
// that slug if there is one, else the text as it was.
void fill(QComboBox *combo, const QList<Entry> &entries, const QString &keepSlug)
{
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const Entry &entry : entries) {
        if (entry.separatorBefore && combo->count() > 0)
            combo->insertSeparator(combo->count());
        combo->addItem(entry.label, entry.slug);
    }
    const int index = combo->findData(keepSlug);
    if (index >= 0)
        combo->setCurrentIndex(index);
    else
        combo->setEditText(keepSlug);
}

// The chosen entry's slug when the text is an entry's label, else the text itself.
QString slugOf(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    const int index = combo->findText(text, Qt::MatchExactly);
    if (index >= 0 && !combo->itemData(index).toString().isEmpty())
        return combo->itemData(index).toString();
    return text;
}

QString sizeLabel(const desktop::Size &size)
{
    return CatalogPickers::tr("%1 — %2 vCPU, %3, %4 GB — %5/mo")
        .arg(size.slug)
        .arg(size.vcpus)
        .arg(desktop::memoryText(size.memoryMb))
        .arg(size.diskGb)
        .arg(desktop::priceText(size.priceMonthly));
}

QString imageLabel(const desktop::Image &image, const QString &slug)
{
    // DO names some images with their distribution ("AlmaLinux 9"), most without ("12 x64").
    const QString name = image.name.startsWith(image.distribution) || image.distribution.isEmpty()
                             ? image.name
                             : image.distribution + QLatin1Char(' ') + image.name;
    return CatalogPickers::tr("%1 — %2").arg(name, slug);
}

} // namespace

CatalogPickers::CatalogPickers(const dopool::desktop::EngineSettings &defaults, QWidget *parent)
    : QObject(parent)
{
    m_region = makeCombo("region", tr("Region"), defaults.defaultRegion, parent);
    m_size = makeCombo("size", tr("Size"), defaults.defaultSize, parent);
    m_image = makeCombo("image", tr("Image"), defaults.defaultImage, parent);
    connect(m_region, &QComboBox::currentTextChanged, this, &CatalogPickers::onRegionEdited);
}

QComboBox *CatalogPickers::makeCombo(const char *name, const QString &accessibleName,
                                     const QString &value, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert); // typed text is a slug, not a new entry
    combo->setObjectName(QLatin1String(name) + QStringLiteral("Combo"));
    combo->lineEdit()->setObjectName(QLatin1String(name) + QStringLiteral("Edit"));
    combo->setAccessibleName(accessibleName);
    combo->lineEdit()->setAccessibleName(accessibleName);
    combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    combo->setMaxVisibleItems(12);
    auto *completer = new QCompleter(combo->model(), combo);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    combo->setCompleter(completer);
    combo->setEditText(value);
    connect(combo, &QComboBox::currentTextChanged, this, &CatalogPickers::changed);
    return combo;
}

void CatalogPickers::setCatalog(const dopool::desktop::Catalog &catalog)
{
    m_catalog = catalog;
    QList<Entry> regions;
    for (const desktop::Region &region : catalog.regions) {
        if (region.available)
            regions.append({tr("%1 — %2").arg(region.slug, region.name), region.slug});
    }
    fill(m_region, regions, regionSlug());

    // Grouped by distribution, in the order DO lists the distributions.
    QStringList distributions;
    for (const desktop::Image &image : catalog.images) {
        if (!distributions.contains(image.distribution))
            distributions.append(image.distribution);
    }
    QList<Entry> images;
    for (const QString &distribution : std::as_const(distributions)) {
        bool first = true;
        for (const desktop::Image &image : catalog.images) {
            if (image.distribution != distribution)
                continue;
            const QString slug = image.slug.isEmpty() ? QString::number(image.id) : image.slug;
            images.append({imageLabel(image, slug), slug, first});
            first = false;
        }
    }
    fill(m_image, images, imageSlug());
    fillSizes();
    Q_EMIT changed();
}

void CatalogPickers::fillSizes()
{
    if (!m_catalog)
        return;
    m_sizesRegion = regionSlug();
    QList<Entry> sizes;
    for (const desktop::Size &size : m_catalog->sizes) {
        if (desktop::sizeOfferedIn(size, m_sizesRegion))
            sizes.append({sizeLabel(size), size.slug});
    }
    fill(m_size, sizes, sizeSlug());
}

void CatalogPickers::onRegionEdited()
{
    if (m_catalog && regionSlug() != m_sizesRegion) {
        fillSizes();
        Q_EMIT changed();
    }
}

QString CatalogPickers::regionSlug() const
{
    return slugOf(m_region);
}

QString CatalogPickers::sizeSlug() const
{
    return slugOf(m_size);
}

QString CatalogPickers::imageSlug() const
{
    return slugOf(m_image);
}

QString CatalogPickers::mismatch() const
{
    if (!m_catalog)
        return {};
    const QString region = regionSlug();
    const QString size = sizeSlug();
    const QString image = imageSlug();
    if (!region.isEmpty() && m_region->findData(region) < 0)
        return tr("DigitalOcean does not list %1 as a region open for new droplets.").arg(region);
    if (!size.isEmpty() && !region.isEmpty() && m_size->findData(size) < 0)
        return tr("DigitalOcean does not offer size %1 in %2.").arg(size, region);
    if (!image.isEmpty() && m_image->findData(image) < 0)
        return tr("%1 is not one of DigitalOcean's distribution images (a snapshot or custom "
                  "image id works too).")
            .arg(image);
    return {};
}

void CatalogPickers::setEditable(bool editable)
{
    for (QComboBox *combo : {m_region, m_size, m_image}) {
        combo->lineEdit()->setReadOnly(!editable);
        combo->setEnabled(editable);
    }
}

} // namespace dopool::ui
