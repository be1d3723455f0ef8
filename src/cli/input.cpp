#include "cli/input.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <iterator>
#include <sstream>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "unicode/utf8.hpp"

namespace somepost::cli {

std::string read_all(const std::string& path, std::istream& in) {
  if (path == "-") {
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw CliError(fmt::format("{}: {}", tr("standard input"), tr("read error")));
    return data;
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) throw CliError(fmt::format("{}: {}", path, std::strerror(errno)));
  std::ostringstream buffer;
  buffer << file.rdbuf();
  if (file.bad()) throw CliError(fmt::format("{}: {}", path, tr("read error")));
  return std::move(buffer).str();
}

std::string_view strip_one_newline(std::string_view text) noexcept {
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\r\n") return text.substr(0, text.size() - 2);
  if (!text.empty() && text.back() == '\n') return text.substr(0, text.size() - 1);
  return text;
}

void require_utf8(std::string_view text, std::string_view source) {
  if (const auto error = unicode::validate_utf8(text)) {
    throw CliError(trf("{}: invalid UTF-8 at byte offset {} ({})", source, error->offset,
                       unicode::describe(error->kind)));
  }
}

}  // namespace somepost::cli
