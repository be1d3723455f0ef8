#include "cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <string_view>

namespace somepost::cli {

Terminal detect_terminal() {
  Terminal t;
  t.stdin_tty = ::isatty(STDIN_FILENO) == 1;
  t.stdout_tty = ::isatty(STDOUT_FILENO) == 1;
  t.stderr_tty = ::isatty(STDERR_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool colour_allowed = no_color == nullptr && !(term && std::string_view(term) == "dumb");
  t.color_stdout = t.stdout_tty && colour_allowed;
  t.color_stderr = t.stderr_tty && colour_allowed;
  return t;
}

}  // namespace somepost::cli
