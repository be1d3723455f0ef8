// Reading the user's input: whole files or stdin, byte for byte, each with a bound
// (docs/cli.md, "Input bounds"), so that memory stays proportional to the bound and never
// to what a path happens to hold (/dev/zero, a 700 MB log).
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace somepost::cli {

/// The most bytes read_all takes by default (64 MiB): `count FILE`, `compose --text-file`,
/// `--platforms FILE`, from a file or stdin. Far beyond any post (no platform takes more
/// than 64k characters) or profile file, and small enough to count in well under a second.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// The most bytes of a campaign catalogue (16 MiB): `--catalogue`, $SOMEPOST_CATALOGUE,
/// `catalogue validate`. The built-in kit is a few dozen KiB.
inline constexpr std::size_t kMaxCatalogueBytes = std::size_t{16} << 20;

/// The exact bytes of `path`, or of `in` when `path` is "-" (the process's stdin is read
/// through file descriptor 0 when `in` is std::cin, so that its errors have the system's
/// reason). Any file that can be read is read, FIFOs and devices too (`<(cmd)`,
/// /dev/stdin), blocking as `cat` would. Every failure throws CliError, one line that
/// starts with the file's name ("standard input" for "-"): a file that cannot be opened
/// ("FILE: No such file or directory"), a folder ("FILE: Is a directory"), more than
/// `max_bytes` bytes ("FILE: larger than the limit of N bytes"), a read that fails part
/// way ("FILE: read error: Input/output error"), memory running out ("FILE: out of
/// memory"), or a regular file that ends before the size it had when opened ("FILE: the
/// file changed while it was read"). Never returns a truncated text.
[[nodiscard]] std::string read_all(const std::string& path, std::istream& in,
                                   std::size_t max_bytes = kMaxInputBytes);

/// The bytes of `path`, which must be a regular file (symbolic links followed) of at most
/// `max_bytes` bytes: for the files somepost looks for itself (the remembered platforms,
/// the .mo translations), where a folder, FIFO or device under the name is a damaged
/// setup, not the user's choice. It is opened with O_NONBLOCK, so a FIFO never blocks,
/// and checked with fstat before anything is read. Throws CliError as read_all does, and
/// "FILE: not a regular file" for anything else.
[[nodiscard]] std::string read_regular_file(const std::string& path, std::size_t max_bytes);

/// `text` without exactly one trailing "\n" or "\r\n" (so `echo ... |` counts the text
/// typed, not the newline echo adds).
[[nodiscard]] std::string_view strip_one_newline(std::string_view text) noexcept;

/// Throws CliError "SOURCE: invalid UTF-8 at byte offset N (KIND)" unless `text` is
/// valid UTF-8.
void require_utf8(std::string_view text, std::string_view source);

}  // namespace somepost::cli
