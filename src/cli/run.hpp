// The command-line front end. Thin by design: it parses flags, does the I/O and prints;
// the logic lives in the pure layers (src/unicode, and later src/core).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "cli/terminal.hpp"

namespace somepost::cli {

/// Documented exit statuses (docs/cli.md): 0 ok, 1 a limit exceeded (a negative answer,
/// not an error), 2 an error (bad usage, bad input, I/O failure).
enum ExitStatus : int { kExitOk = 0, kExitOverLimit = 1, kExitError = 2 };

/// The streams a run talks to; tests pass string streams.
struct Streams {
  std::istream& in;
  std::ostream& out;  ///< results only (the post, the counts, the version)
  std::ostream& err;  ///< messages, reports, errors
  Terminal terminal{};  ///< TTY and colour facts (all false in tests unless set)
  /// The UI language the environment asks for (LC_ALL, LC_MESSAGES, LANG: "fi" for
  /// fi_FI.UTF-8), detected by run(args); empty, meaning English, in tests unless set.
  /// --lang overrides it.
  std::string language{};
};

/// Opens /dev/null on each of descriptors 0, 1 and 2 that is closed, as careful Unix
/// programs do at start-up: otherwise the next file opened would take the number, and
/// what is meant for stdout or stderr would land in it (`batch -o FILE 2>&-` wrote its
/// errors into FILE). It is opened in the direction that cannot be used (0 write-only,
/// 1 and 2 read-only), so reading or writing them still fails with EBADF exactly as on
/// the closed descriptor: a closed stdout stays an error, never output silently thrown
/// away. Descriptors that are open are left alone; when /dev/null cannot be opened, the
/// closed ones stay closed.
void open_standard_descriptors() noexcept;

/// Runs somepost with `args` (args[0] is the program name) on the process's stdin,
/// stdout and stderr, first calling open_standard_descriptors() and ignoring SIGXFSZ
/// (see ignore_file_size_signal in cli/output_file.hpp), with the terminal and the UI language detected from the process.
/// Returns the exit status. This is the program's only catch site: any error ends as one
/// line `somepost: error: ...` (the message after the prefix in the UI language) on
/// stderr and status 2. Without a command it starts the interactive wizard when stdin
/// and stdout are terminals, else prints the help on stderr and returns 2.
int run(const std::vector<std::string>& args);

/// As above, on the given streams.
int run(const std::vector<std::string>& args, Streams io);

}  // namespace somepost::cli
