// Status and StatusOr: the one error type at module boundaries.
//
// Every fallible step of the pipeline (reading configuration, compiling rules,
// opening inputs) returns a Status or a StatusOr<T>. Library errors are
// converted at the edge (yaml-cpp and CLI11 throw, ICU sets UErrorCode, RE2 has
// ok(), Hunspell returns bools). A broken precondition is a bug and is asserted
// instead. The message of a user-facing error says where (file:line:col when
// known) and what.
//
// Thread-safety: values; safe to copy between threads.
#ifndef REPLYLINT_STATUS_H_
#define REPLYLINT_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace replylint {

class Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kIoError, kInternal };

  Status() = default;  // OK
  static Status Ok() { return Status(); }
  // Bad user input: configuration, rule files, command-line values.
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status. REQUIRES for value(): ok().
template <typename T>
class StatusOr {
 public:
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT
  StatusOr(T value) : value_(std::move(value)) {}                                  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace replylint

#endif  // REPLYLINT_STATUS_H_
