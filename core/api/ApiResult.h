#pragma once

#include "ApiError.h"
#include "ApiTypes.h"

#include <functional>
#include <utility>
#include <variant>

namespace dopool::api {

// The outcome of one client call: the value or the ApiError, plus what every reply tells
// about the token's rate limit and how many HTTP requests the call took (retries included).
template <typename T> class [[nodiscard]] ApiResult
{
public:
    ApiResult(T value, RateLimit rateLimit, int attempts)
        : m_data(std::move(value))
        , m_rateLimit(std::move(rateLimit))
        , m_attempts(attempts)
    {}
    ApiResult(ApiError error, RateLimit rateLimit, int attempts)
        : m_data(std::move(error))
        , m_rateLimit(std::move(rateLimit))
        , m_attempts(attempts)
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

    const ApiError &error() const { return std::get<1>(m_data); }

    // The rate limit from the last reply that carried the headers (unknown if none did).
    const RateLimit &rateLimit() const { return m_rateLimit; }
    // HTTP requests sent for this call; 0 when it was refused before sending.
    int attempts() const { return m_attempts; }

private:
    std::variant<T, ApiError> m_data;
    RateLimit m_rateLimit;
    int m_attempts = 0;
};

template <typename T> using ApiCallback = std::function<void(ApiResult<T>)>;

} // namespace dopool::api
