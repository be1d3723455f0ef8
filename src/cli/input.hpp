// Reading the user's input: whole files or stdin, byte for byte.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace somepost::cli {

/// The exact bytes of `path`, or of `in` when `path` is "-". Throws CliError naming the
/// file and the system's reason when it cannot be read.
[[nodiscard]] std::string read_all(const std::string& path, std::istream& in);

/// `text` without exactly one trailing "\n" or "\r\n" (so `echo ... |` counts the text
/// typed, not the newline echo adds).
[[nodiscard]] std::string_view strip_one_newline(std::string_view text) noexcept;

/// Throws CliError "SOURCE: invalid UTF-8 at byte offset N (KIND)" unless `text` is
/// valid UTF-8.
void require_utf8(std::string_view text, std::string_view source);

}  // namespace somepost::cli
