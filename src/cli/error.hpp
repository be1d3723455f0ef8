// The CLI's failure type. Thrown anywhere in src/cli for a user-facing error and caught
// only at the one catch site (cli::run), which prints each line of the message as
// `somepost: error: LINE` and exits with status 2.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace somepost::cli {

/// A user-facing error: bad usage, unreadable or invalid input, a failed write. The
/// message has no "somepost: error:" prefix; several problems go on separate lines.
class CliError : public std::runtime_error {
 public:
  explicit CliError(const std::string& message) : std::runtime_error(message) {}
};

/// Writes `message` to `err` as diagnostics: each of its lines as `somepost: KIND: LINE`.
/// Every line is made safe for a terminal first (core::neutralize_controls: C0 and C1
/// controls, ESC, DEL, bidi controls and invalid UTF-8 made visible), since diagnostics
/// quote file names, command-line values and catalogue text that must not drive the
/// terminal. `kind` is "error" or "warning", in English so that scripts can match it.
void print_diagnostic(std::ostream& err, std::string_view kind, std::string_view message);

/// print_diagnostic(err, "warning", message): a problem that does not stop the command.
void warn(std::ostream& err, std::string_view message);

}  // namespace somepost::cli
