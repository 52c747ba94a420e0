#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace dopool::fakedo {

// One fake DigitalOcean account as a test or the demo sets it up. The token is deliberately
// not a member: the server keys accounts by token and never hands a token back out.
struct FakeAccount
{
    QString uuid; // generated (40 hex chars, like DO's) when empty
    QString email;
    int dropletLimit = 25;
    QString status = QStringLiteral("active"); // "active" | "warning" | "locked"
    QString statusMessage;
    int droplets = 0; // droplets the account already has (seeded as active)
    int floatingIpLimit = 3;
    int volumeLimit = 100;
    bool emailVerified = true;
    QString teamUuid;
    QString teamName;
};

struct FakeDroplet
{
    qint64 id = 0;
    QString name;
    QString region;
    QString size;
    QString image;
    QStringList tags;
    QString status; // "new" until its create action completes, then "active"
    QDateTime createdAt;
    qint64 createActionId = 0; // 0 for seeded droplets
};

struct FakeAction
{
    qint64 id = 0;
    QString type = QStringLiteral("create");
    QString status = QStringLiteral("in-progress"); // then "completed"
    QDateTime startedAt;
    QDateTime completedAt; // null while in progress
    qint64 resourceId = 0;
    QString regionSlug;
    int reads = 0; // GET /v2/actions/{id} answered so far
};

// The API operations a fault can be restricted to.
enum class Endpoint
{
    Any, // in a Fault: every endpoint; in a record: never used
    Account,
    DropletsList,
    DropletCreate,
    DropletGet,
    DropletDelete,
    Action,
    Regions, // GET /v2/regions
    Sizes,   // GET /v2/sizes
    Images,  // GET /v2/images
    Unknown, // path or method the fake does not serve (answered 404)
};

enum class FaultKind
{
    Unauthorized,    // 401 {"id":"Unauthorized",...}
    Forbidden,       // 403 {"id":"forbidden",...}
    TooManyRequests, // 429 with retry-after
    ServerError,     // 500 {"id":"server_error",...}
    Hang,            // never answer; the connection stays open
    GarbageBody,     // 200 with a body that is not JSON
    ConnectionReset, // TCP reset without any answer
    CreateThenHang,  // POST /v2/droplets creates (and counts) the droplet, then never answers
    CreateThenReset, // POST /v2/droplets creates (and counts) the droplet, then resets
    // POST /v2/droplets answers 504 Gateway Timeout at once (what DO's load balancer sends
    // while its backend is still working) and the droplet appears Fault::createDelayMs later,
    // or never when createDelayMs < 0.
    LateCreate504,
    // POST /v2/droplets never answers (the client times out) and the droplet appears
    // Fault::createDelayMs after the request arrived, or never when createDelayMs < 0.
    LateCreateHang,
    // Hostile replies (HostileReplies.h): what a compromised proxy or a broken server sends.
    HostileEscapes,   // the endpoint's strings carry ESC/BEL, a CR/LF-forged log line, U+202E
    HostileOverlong,  // its strings far over any sane length (an email of 300+ characters)
    HostileTokenEcho, // its strings echo the request's bearer token
    HostileHugeBody,  // a 200 answer of Fault::bodyBytes bytes, streamed
};

struct Fault
{
    FaultKind kind = FaultKind::ServerError;
    Endpoint endpoint = Endpoint::Any;      // CreateThen* / LateCreate* always mean DropletCreate
    int times = -1;                         // the next N matching requests; -1 until cleared
    int retryAfterSeconds = 1;              // TooManyRequests only
    int createDelayMs = -1;                 // LateCreate*: when the create lands; < 0: never
    qint64 bodyBytes = 200LL * 1024 * 1024; // HostileHugeBody: the answer's size
    // HostileHugeBody: with a Content-Length (refusable before reading), or chunked (only
    // counting while reading can stop it).
    bool declareLength = true;
};

enum class Outcome
{
    Answered,   // a full HTTP response was written
    Hung,       // deliberately never answered
    Reset,      // connection reset without an answer
    ClientGone, // the client disconnected before the (delayed) answer was due
};

// One request as the fake saw it. Holds the fake account's uuid, never the token.
struct RequestRecord
{
    QString method;  // "GET", "POST", ...
    QString path;    // "/v2/droplets"
    QString query;   // "per_page=1&tag_name=x", without '?'
    QString account; // the fake account's uuid, or "unknown"
    Endpoint endpoint = Endpoint::Unknown;
    int status = 0; // HTTP status written; 0 unless Outcome::Answered
    Outcome outcome = Outcome::Answered;
    QDateTime time; // arrival, by the server's clock
};

// Empty members match everything.
struct RequestFilter
{
    QString method;
    QString pathPrefix;
    QString account; // uuid, or "unknown"
};

QString faultKindName(FaultKind kind);
QString outcomeName(Outcome outcome);

} // namespace dopool::fakedo

Q_DECLARE_METATYPE(dopool::fakedo::RequestRecord)
