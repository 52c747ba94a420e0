#include "TokenVerification.h"

#include "CommandSupport.h"
#include "api/DoApiClient.h"
#include "common/Translate.h"
#include "common/Validation.h"

#include <memory>

namespace dopool::cli {

namespace {
struct Pending
{
    std::optional<api::ApiResult<api::AccountInfo>> account;
    std::optional<api::ApiResult<int>> count;
};

Error verificationError(const api::ApiError &error)
{
    Error e = error.toError();
    e.message = CliTr::tr("token verification failed: %1").arg(e.message);
    return e;
}
} // namespace

void verifyToken(CommandContext &ctx, const QString &token,
                 std::function<void(Result<VerifiedToken>)> done)
{
    auto *client = new api::DoApiClient(ctx.apiBase(), {}, {}, ctx.lifetime());
    auto pending = std::make_shared<Pending>();
    auto finishIfReady = [pending, done]() {
        if (!pending->account || !pending->count)
            return;
        if (!pending->account->ok()) {
            done(verificationError(pending->account->error()));
            return;
        }
        if (!pending->count->ok()) {
            done(verificationError(pending->count->error()));
            return;
        }
        done(VerifiedToken{pending->account->value(), pending->count->value()});
    };
    client->getAccount(token, ctx.lifetime(),
                       [pending, finishIfReady](api::ApiResult<api::AccountInfo> r) {
                           pending->account.emplace(std::move(r));
                           finishIfReady();
                       });
    client->countDroplets(token, ctx.lifetime(), [pending, finishIfReady](api::ApiResult<int> r) {
        pending->count.emplace(std::move(r));
        finishIfReady();
    });
}

void applyVerification(Account &account, const VerifiedToken &verified, bool keepEmail)
{
    if (!keepEmail || account.email.isEmpty())
        account.email = verified.info.email;
    account.dropletLimit = verified.info.dropletLimit;
    account.activeDroplets = verified.activeDroplets;
    account.doUuid = verified.info.uuid;
    account.doStatus = verified.info.status;
    account.doStatusMessage = verified.info.statusMessage;
}

void prepareNewAccount(CommandContext &ctx, Account account, const QString &token, bool verify,
                       std::function<void(Account)> then)
{
    if (!verify) {
        if (account.email.isEmpty()) {
            ctx.fail(makeError(ErrorKind::Usage,
                               CliTr::tr("--no-verify needs --email EMAIL (nothing asks "
                                         "DigitalOcean for it)")));
            return;
        }
        then(std::move(account));
        return;
    }
    const bool keepEmail = !account.email.isEmpty();
    verifyToken(
        ctx, token,
        [&ctx, account, keepEmail, then = std::move(then)](Result<VerifiedToken> verified) mutable {
            if (!succeeded(ctx, verified))
                return;
            applyVerification(account, *verified, keepEmail);
            // An email DO sent that cannot be stored (over-long, control characters) is DO's
            // fault, not a usage error: exit 4, and --email is the way around it.
            if (const auto email = validateEmail(account.email); !email) {
                ctx.fail(makeError(keepEmail ? ErrorKind::Validation : ErrorKind::Api,
                                   keepEmail ? email.error().message
                                             : CliTr::tr("DigitalOcean gave this account an "
                                                         "email dopool cannot store (%1); give "
                                                         "one with --email")
                                                   .arg(email.error().message)));
                return;
            }
            then(std::move(account));
        });
}

} // namespace dopool::cli
