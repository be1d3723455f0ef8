#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "core/wizard.hpp"

namespace somepost::cli {

Terminal detect_terminal() {
  Terminal t;
  t.stdin_tty = ::isatty(STDIN_FILENO) == 1;
  t.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  t.stderr_tty = ::isatty(STDERR_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  // https://no-color.org: NO_COLOR counts when "present and not an empty string".
  const bool no_color_set = no_color != nullptr && *no_color != '\0';
  const bool colour_allowed = !no_color_set && !(term && std::string_view(term) == "dumb");
  t.color_stdout = t.stdout_tty && colour_allowed;
  t.color_stderr = t.stderr_tty && colour_allowed;
  if (const char* columns = std::getenv("COLUMNS")) {
    if (const auto n = core::parse_number(columns, 100000)) t.columns = *n;
  }
  return t;
}

std::size_t current_columns(const Terminal& terminal) {
  if (terminal.columns > 0) return terminal.columns;  // POSIX: COLUMNS overrides the terminal's own width
  if (terminal.stdout_tty) {
    winsize size{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  }
  return 80;
}

}  // namespace somepost::cli
