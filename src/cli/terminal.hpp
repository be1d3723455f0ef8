// What the CLI knows about where its output goes. Detected once in cli::run from the
// process (isatty, NO_COLOR, TERM); tests construct it directly.
#pragma once

#include <cstddef>

namespace somepost::cli {

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  bool color_stdout = false;  ///< stdout is a TTY, NO_COLOR is unset and TERM is not "dumb"
  bool color_stderr = false;  ///< the same for stderr
  std::size_t columns = 0;    ///< $COLUMNS when it is a positive number, else 0
};

/// Detects the process's terminal: colour only on a TTY, never with NO_COLOR set to a
/// non-empty value (https://no-color.org: an empty NO_COLOR does not count) or TERM=dumb.
[[nodiscard]] Terminal detect_terminal();

/// The width to lay lines out in, in columns: `terminal.columns` ($COLUMNS, which POSIX
/// lets override the terminal's width), else the terminal's current width when stdout is
/// one (TIOCGWINSZ, asked at each call so a resized window is followed), else 80.
[[nodiscard]] std::size_t current_columns(const Terminal& terminal);

}  // namespace somepost::cli
