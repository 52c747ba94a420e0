#pragma once

// The one check that a Result holds a value: DOPOOL_VERIFY_OK(expression). The expression is
// evaluated exactly once (it is often a call that writes), and a failure names the expression
// and prints the error's kind and message. It takes a Result<T> (or an api::ApiResult<T>), or a
// std::optional of one filled by a callback (empty: the answer never arrived, also a failure). Like
// QVERIFY, it returns from the calling test function on failure. Header-only: the support library
// links dopool_common, where Result lives.

#include "common/Error.h"

#include <QString>
#include <QTest>

namespace dopool::testing {

// Records the check with QtTest; false when it failed (the caller returns).
template <typename R>
bool verifyOk(const R &result, const char *expression, const char *file, int line)
{
    if constexpr (requires { result.has_value(); }) {
        if (!result.has_value())
            return QTest::qVerify(false, expression, "no result: the answer never arrived", file,
                                  line);
        return verifyOk(*result, expression, file, line);
    } else {
        if (result.ok())
            return QTest::qVerify(true, expression, "", file, line);
        // An api::ApiResult's ApiError says its kind as the Error it maps to.
        Error error;
        if constexpr (requires { result.error().toError(); })
            error = result.error().toError();
        else
            error = result.error();
        const QString why =
            QStringLiteral("%1 error: %2").arg(errorKindName(error.kind), error.message);
        return QTest::qVerify(false, expression, qPrintable(why), file, line);
    }
}

} // namespace dopool::testing

#define DOPOOL_VERIFY_OK(expression)                                                               \
    do {                                                                                           \
        if (!::dopool::testing::verifyOk((expression), #expression, __FILE__, __LINE__))           \
            return;                                                                                \
    } while (false)
