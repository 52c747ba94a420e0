// dopool-cli catalog regions|sizes|images: DigitalOcean's catalogue as the pool's primary
// account sees it, for picking --region/--size/--image of provision.
#include "AccountFormat.h"
#include "CommandSupport.h"
#include "Commands.h"
#include "EngineRuntime.h"
#include "OptionParser.h"
#include "common/Translate.h"
#include "engine/CatalogService.h"

#include <QJsonArray>
#include <QJsonObject>

namespace dopool::cli {

namespace {

QString yesNoText(bool yes)
{
    return yes ? CliTr::tr("yes") : CliTr::tr("no");
}

// Reads the catalogue with the pool's catalogue account, then hands it to show.
void withCatalog(CommandContext &ctx, std::function<void(const engine::Catalog &)> show)
{
    ctx.withPool(PoolSession::KeyUse::Verify, [&ctx, show](PoolSession &pool) {
        auto runtime = EngineRuntime::create(ctx, pool);
        if (!succeeded(ctx, runtime))
            return;
        auto *service = new engine::CatalogService((*runtime)->context(), *runtime);
        service->catalog(engine::CatalogService::Freshness::Refresh,
                         [&ctx, show](Result<engine::Catalog> catalog) {
                             if (succeeded(ctx, catalog))
                                 show(*catalog);
                         });
    });
}

QJsonObject catalogDocument(const engine::Catalog &catalog, const QString &key,
                            const QJsonArray &items)
{
    return QJsonObject{{key, items},
                       {QStringLiteral("account"), catalog.accountName},
                       {QStringLiteral("fetchedAt"), timeToJson(catalog.fetchedAt)}};
}

void regionsCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    withCatalog(ctx, [&ctx](const engine::Catalog &catalog) {
        QJsonArray items;
        QList<QStringList> rows;
        for (const api::Region &r : catalog.regions) {
            items.append(
                QJsonObject{{QStringLiteral("slug"), r.slug},
                            {QStringLiteral("name"), r.name},
                            {QStringLiteral("available"), r.available},
                            {QStringLiteral("sizes"), QJsonArray::fromStringList(r.sizes)}});
            rows << QStringList{r.slug, r.name, yesNoText(r.available),
                                QString::number(r.sizes.size())};
        }
        const QString text = rows.isEmpty()
                                 ? CliTr::tr("DigitalOcean listed no regions.")
                                 : textTable({CliTr::tr("SLUG"), CliTr::tr("NAME"),
                                              CliTr::tr("AVAILABLE"), CliTr::tr("SIZES")},
                                             rows);
        ctx.succeed(catalogDocument(catalog, QStringLiteral("regions"), items), text);
    });
}

void sizesCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().valued(QStringLiteral("region")).parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    const QString region = opts->value(QStringLiteral("region")).trimmed();
    if (opts->has(QStringLiteral("region")) && region.isEmpty()) {
        ctx.fail(makeError(ErrorKind::Usage, CliTr::tr("--region needs a region slug")));
        return;
    }
    withCatalog(ctx, [&ctx, region](const engine::Catalog &catalog) {
        if (!region.isEmpty()) {
            const bool known =
                std::any_of(catalog.regions.cbegin(), catalog.regions.cend(),
                            [&region](const api::Region &r) { return r.slug == region; });
            if (!known) {
                ctx.fail(makeError(ErrorKind::Validation,
                                   CliTr::tr("DigitalOcean has no region '%1' (see dopool-cli "
                                             "catalog regions)")
                                       .arg(region)));
                return;
            }
        }
        QJsonArray items;
        QList<QStringList> rows;
        for (const api::Size &s : catalog.sizes) {
            if (!region.isEmpty() && !engine::sizeOfferedIn(s, region))
                continue;
            items.append(
                QJsonObject{{QStringLiteral("slug"), s.slug},
                            {QStringLiteral("vcpus"), s.vcpus},
                            {QStringLiteral("memoryMb"), s.memoryMb},
                            {QStringLiteral("diskGb"), s.diskGb},
                            {QStringLiteral("priceMonthly"), s.priceMonthly},
                            {QStringLiteral("available"), s.available},
                            {QStringLiteral("description"), s.description},
                            {QStringLiteral("regions"), QJsonArray::fromStringList(s.regions)}});
            rows << QStringList{s.slug,
                                QString::number(s.vcpus),
                                engine::memoryText(s.memoryMb),
                                CliTr::tr("%1 GB").arg(s.diskGb),
                                engine::priceText(s.priceMonthly),
                                s.description};
        }
        QString text;
        if (rows.isEmpty())
            text = region.isEmpty() ? CliTr::tr("DigitalOcean listed no sizes.")
                                    : CliTr::tr("No size is offered in %1.").arg(region);
        else
            text = textTable({CliTr::tr("SLUG"), CliTr::tr("VCPUS"), CliTr::tr("MEMORY"),
                              CliTr::tr("DISK"), CliTr::tr("PER MONTH"), CliTr::tr("CLASS")},
                             rows);
        QJsonObject doc = catalogDocument(catalog, QStringLiteral("sizes"), items);
        if (!region.isEmpty())
            doc.insert(QStringLiteral("region"), region);
        ctx.succeed(doc, text);
    });
}

void imagesCommand(CommandContext &ctx, const QStringList &args)
{
    const auto opts = OptionParser().parse(args, 0);
    if (!succeeded(ctx, opts))
        return;
    withCatalog(ctx, [&ctx](const engine::Catalog &catalog) {
        QJsonArray items;
        QList<QStringList> rows;
        for (const api::Image &i : catalog.images) {
            items.append(QJsonObject{{QStringLiteral("id"), double(i.id)},
                                     {QStringLiteral("slug"), i.slug},
                                     {QStringLiteral("distribution"), i.distribution},
                                     {QStringLiteral("name"), i.name},
                                     {QStringLiteral("public"), i.isPublic}});
            rows << QStringList{i.slug.isEmpty() ? QString::number(i.id) : i.slug, i.distribution,
                                i.name};
        }
        const QString text =
            rows.isEmpty()
                ? CliTr::tr("DigitalOcean listed no images.")
                : textTable({CliTr::tr("SLUG"), CliTr::tr("DISTRIBUTION"), CliTr::tr("NAME")},
                            rows);
        ctx.succeed(catalogDocument(catalog, QStringLiteral("images"), items), text);
    });
}

} // namespace

QList<Command> catalogCommands()
{
    return {
        {QStringLiteral("catalog regions"), QString(),
         CliTr::tr("list DigitalOcean's regions (for provision --region)"), regionsCommand},
        {QStringLiteral("catalog sizes"), QStringLiteral("[--region SLUG]"),
         CliTr::tr("list droplet sizes with prices (--region: those offered there)"), sizesCommand},
        {QStringLiteral("catalog images"), QString(),
         CliTr::tr("list DigitalOcean's distribution images (for provision --image)"),
         imagesCommand},
    };
}

} // namespace dopool::cli
