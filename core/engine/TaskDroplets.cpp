#include "TaskDroplets.h"

#include "EngineLogging.h"
#include "common/Translate.h"
#include "store/TaskLog.h"

#include <QCryptographicHash>
#include <QSet>
#include <algorithm>

namespace dopool::engine {

namespace {

const QString TaskTagPrefix = QStringLiteral("dopool-task-");
const QString OrderTagPrefix = QStringLiteral("dopool-order-");
constexpr qsizetype MaxTagLength = 255; // DO's limit
constexpr int PerPage = 200;            // DO's maximum: one page holds any order's droplets

bool isTagChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u':' || c == u'-' || c == u'_';
}

} // namespace

QString taskTag(const QString &taskId)
{
    return TaskTagPrefix + taskId;
}

QString orderTag(const QString &orderId)
{
    const QString id = orderId.trimmed();
    const qsizetype room = MaxTagLength - OrderTagPrefix.size();
    if (std::all_of(id.cbegin(), id.cend(), isTagChar) && id.size() <= room)
        return OrderTagPrefix + id;
    QString readable = id;
    for (QChar &c : readable) {
        if (!isTagChar(c))
            c = u'_';
    }
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(id.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
    return OrderTagPrefix + readable.left(room - hash.size() - 1) + u'-' + hash;
}

void findTaskDroplet(const EngineContext &context, const QString &token,
                     const ProvisioningTask &task, QObject *callContext,
                     std::function<void(DropletSearch)> done)
{
    api::DropletQuery query;
    query.tagName = orderTag(task.orderId);
    query.perPage = PerPage;
    TaskLog *tasks = context.tasks;
    Q_ASSERT(tasks);
    context.api->listDroplets(
        token, query, callContext,
        [tasks, task, done = std::move(done)](api::ApiResult<api::DropletPage> page) {
            DropletSearch search;
            if (!page.ok()) {
                search.error = page.error().message;
                done(search);
                return;
            }
            const QString ownTag = taskTag(task.id);
            for (const api::Droplet &d : page->droplets) {
                if (d.tags.contains(ownTag)) {
                    search.droplet = d;
                    done(search);
                    return;
                }
            }
            if (task.extra || page->droplets.isEmpty()) {
                done(search);
                return;
            }
            // Droplets of the order that no live task stands for: one that landed after its
            // task was given up belongs to the order all the same.
            const Result<QList<ProvisioningTask>> siblings = tasks->orderTasks(task.orderId);
            if (!siblings) {
                search.error = siblings.error().message;
                done(search);
                return;
            }
            QSet<QString> claimedTags;
            QSet<qint64> claimedIds;
            for (const ProvisioningTask &other : *siblings) {
                if (other.id == task.id)
                    continue;
                if (other.dropletId > 0)
                    claimedIds.insert(other.dropletId);
                if (isOpenTaskStatus(other.status))
                    claimedTags.insert(taskTag(other.id));
            }
            for (const api::Droplet &d : page->droplets) {
                const bool claimed =
                    claimedIds.contains(d.id) ||
                    std::any_of(d.tags.cbegin(), d.tags.cend(), [&claimedTags](const QString &t) {
                        return claimedTags.contains(t);
                    });
                if (!claimed) {
                    qCInfo(lcEngine).noquote()
                        << CoreTr::tr("task %1: droplet %2 (id %3) of order %4 belongs to no "
                                      "other task; taking it as this order's droplet")
                               .arg(task.id, d.name, QString::number(d.id), task.orderId);
                    search.droplet = d;
                    break;
                }
            }
            done(search);
        });
}

} // namespace dopool::engine
