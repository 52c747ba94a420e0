#pragma once

#include <QString>
#include <utility>
#include <variant>

namespace dopool {

// What went wrong, in the categories the CLI contract turns into exit codes.
enum class ErrorKind
{
    Usage,      // bad command line
    Validation, // bad input value (name, email, token, URL...)
    NotFound,   // no such account / task
    Conflict,   // unique name taken, concurrent edit
    NoAccount,  // no usable account at all
    AllFull,    // every usable account is full
    Api,        // DigitalOcean API failure
    Auth,       // DigitalOcean rejected the token
    Store,      // database failure (locked, down, schema too new...)
    Crypto,     // malformed key, tampered ciphertext, keychain failure
    KeyMismatch // the process's key is not the pool's key
};

// Exit codes of dopool-cli (docs/behaviour.md#exit-codes): 2 usage/validation, 3 no available
// account, 4 DO API/auth failure, 5 store failure, 6 key/crypto failure.
int exitCodeFor(ErrorKind kind);
QString errorKindName(ErrorKind kind);

struct Error
{
    ErrorKind kind = ErrorKind::Store;
    QString message; // one clear line for a human; never contains a token

    int exitCode() const { return exitCodeFor(kind); }
};

inline Error makeError(ErrorKind kind, QString message)
{
    return Error{kind, std::move(message)};
}

// A value or the reason there is none.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false)
    {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace dopool
