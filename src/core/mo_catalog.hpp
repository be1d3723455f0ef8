// Reading GNU gettext's compiled message catalogues (.mo files), so that somepost's UI
// can be translated without relying on the C library's locales (a machine with only the
// C and POSIX locales, such as CI, would make glibc's gettext() ignore fi_FI). Pure:
// bytes in, a lookup table out; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace somepost::core {

/// The translations of one compiled catalogue: English msgid -> translated msgstr.
class MoCatalog {
 public:
  /// The translation of `msgid`, or nullptr when the catalogue has none (an entry whose
  /// msgstr is empty counts as none). The pointer stays valid as long as the catalogue.
  [[nodiscard]] const std::string* find(std::string_view msgid) const;

  /// Number of translated entries (the header entry excluded).
  [[nodiscard]] std::size_t size() const noexcept { return messages_.size(); }

  /// The header entry's text (the msgstr of the empty msgid: "Content-Type: ...\n...").
  [[nodiscard]] const std::string& header() const noexcept { return header_; }

 private:
  friend struct MoParser;
  std::map<std::string, std::string, std::less<>> messages_;
  std::string header_;
};

/// A parsed catalogue, or why the bytes are not one (`catalog` is empty exactly when
/// `error` is not).
struct MoParseResult {
  std::optional<MoCatalog> catalog;
  std::string error;  ///< English, e.g. "string table entry 3 points past the end of the file"
};

/// Parses the bytes of a .mo file (https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html),
/// little- or big-endian, format revision 0 or 1 (revision 1's system-dependent strings
/// are ignored). Every offset and length is checked against the size, and every string
/// must be valid UTF-8 and the header must declare charset=UTF-8, so a truncated,
/// corrupt or hostile file gives an error and never reads out of bounds. For a plural
/// entry the key is the singular msgid and the value the first plural form; an entry with
/// a context ("ctx\x04msgid") is kept under that key. Never throws on bad input (only
/// std::bad_alloc).
[[nodiscard]] MoParseResult parse_mo(std::string_view bytes);

}  // namespace somepost::core
