// Errors are values in pantau's library: every fallible call returns a Status or a Result<T>.
// The library never prints, exits or aborts; tools decide what to say and which exit code to use.
// (GCC 12 in C++20 mode has no std::expected, hence this small type.)
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace pantau {

// What went wrong, in words a user can act on: lowercase, no trailing period, naming the
// field or value at fault. The input name and line are added by whoever knows them.
struct Error {
  enum class Code {
    kInvalid,      // bad data: a malformed record, a value of the wrong type
    kIo,           // an operating-system call failed (open, read, write)
    kBrokenPipe,   // the reader of our output went away: not a failure for a filter
    kTooLong,      // a line exceeded the configured maximum length
    kNotFound,     // a file, key or account that does not exist
    kUnsupported,  // input we recognise but cannot handle
    kInterrupted   // a blocking call was interrupted by a signal (the caller decides what it means)
  };
  Code code = Code::kInvalid;
  std::string message;

  static Error invalid(std::string m) { return {Code::kInvalid, std::move(m)}; }
  static Error io(std::string m) { return {Code::kIo, std::move(m)}; }
  static Error not_found(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Error unsupported(std::string m) { return {Code::kUnsupported, std::move(m)}; }
};

// Result<T>: a T or an Error. Check ok() before value(); value() on an error is a bug.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const Error& error() const { return std::get<1>(v_); }
  Error& error() { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status: success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // REQUIRES: !ok()
  const Error& error() const { return error_; }
  const std::string& message() const { return error_.message; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace pantau

// TRY(expr): evaluates a Status expression and returns it from the enclosing function (which
// returns Status or Result<T>) when it failed.
#define TRY(expr)                            \
  do {                                       \
    ::pantau::Status try_s_ = (expr);        \
    if (!try_s_.ok()) return try_s_.error(); \
  } while (0)
