#pragma once

#include "CommandContext.h"
#include "api/ApiTypes.h"

namespace dopool::cli {

struct VerifiedToken
{
    api::AccountInfo info;
    int activeDroplets = 0;
};

// Asks DigitalOcean about a token before it enters the pool: GET /v2/account and
// GET /v2/droplets?per_page=1, concurrently. Errors keep DO's distinction between a rejected
// token (Auth, exit 4) and DO being unreachable (Api, exit 4, says so).
void verifyToken(CommandContext &ctx, const QString &token,
                 std::function<void(Result<VerifiedToken>)> done);

// Fills an account from a verified token: email unless given, limit, count, DO identity.
void applyVerification(Account &account, const VerifiedToken &verified, bool keepEmail);

// The shared start of `account add` and `import-env`, before anything is written: with verify,
// asks DO about the token and fills the account from the answer; without, an email must have
// been given. then() continues with the account ready to store; on any failure ctx has failed.
void prepareNewAccount(CommandContext &ctx, Account account, const QString &token, bool verify,
                       std::function<void(Account)> then);

} // namespace dopool::cli
