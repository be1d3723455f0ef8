// The CLI's failure type. Thrown anywhere in src/cli for a user-facing error and caught
// only at the one catch site (cli::run), which prints each line of the message as
// `somepost: error: LINE` and exits with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace somepost::cli {

/// A user-facing error: bad usage, unreadable or invalid input, a failed write. The
/// message has no "somepost: error:" prefix; several problems go on separate lines.
class CliError : public std::runtime_error {
 public:
  explicit CliError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace somepost::cli
