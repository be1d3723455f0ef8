#include "cli/error.hpp"

#include "core/report.hpp"

namespace somepost::cli {

void print_diagnostic(std::ostream& err, std::string_view kind, std::string_view message) {
  do {
    const std::size_t end = message.find('\n');
    const std::string_view line = message.substr(0, end);
    err << "somepost: " << kind << ": " << core::neutralize_controls(line, false) << '\n';
    message = end == std::string_view::npos ? std::string_view() : message.substr(end + 1);
  } while (!message.empty());
}

void warn(std::ostream& err, std::string_view message) { print_diagnostic(err, "warning", message); }

}  // namespace somepost::cli
