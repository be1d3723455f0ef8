// What the CLI knows about where its output goes. Detected once in cli::run from the
// process (isatty, NO_COLOR, TERM); tests construct it directly.
#pragma once

namespace somepost::cli {

struct Terminal {
  bool stdin_tty = false;
  bool stdout_tty = false;
  bool stderr_tty = false;
  bool color_stdout = false;  ///< stdout is a TTY, NO_COLOR is unset and TERM is not "dumb"
  bool color_stderr = false;  ///< the same for stderr
};

/// Detects the process's terminal: colour only on a TTY, never with NO_COLOR set (any
/// value, https://no-color.org) or TERM=dumb.
[[nodiscard]] Terminal detect_terminal();

}  // namespace somepost::cli
