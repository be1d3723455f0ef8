// Reading GNU gettext's compiled message catalogues (.mo files), so that somepost's UI
// can be translated without relying on the C library's locales (a machine with only the
// C and POSIX locales, such as CI, would make glibc's gettext() ignore fi_FI). Pure:
// bytes in, a lookup table out; no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

  /// The msgids whose translation parse_mo left out as unsafe (see there), in file
  /// order; find() has no translation for them, so they stay English.
  [[nodiscard]] const std::vector<std::string>& rejected() const noexcept { return rejected_; }

 private:
  friend struct MoParser;
  std::map<std::string, std::string, std::less<>> messages_;
  std::string header_;
  std::vector<std::string> rejected_;
};

/// The fmt replacement fields of `text` in order, each with its braces ("{}", "{:>5}",
/// "{0:{1}}"); "{{" and "}}" are literal braces, not fields. A brace that opens or closes
/// no field is listed too (an unmatched "{" with the rest of the text), so that two texts
/// have the same list exactly when fmt would take the same arguments the same way.
[[nodiscard]] std::vector<std::string_view> replacement_fields(std::string_view text);

/// Whether `text` (valid UTF-8) is safe to show and to use as `msgid`'s translation:
/// the same replacement_fields, in the same order, as `msgid` (the translation is an fmt
/// format string: "{:>50000000}" would write 50 MB, "{} {}" for one argument throws),
/// and no control character (C0, DEL, C1) but "\n" and "\t" (an escape sequence in a
/// message would drive the terminal).
[[nodiscard]] bool is_safe_translation(std::string_view msgid, std::string_view text);

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
/// a context ("ctx\x04msgid") is kept under that key. A translation that is not
/// is_safe_translation for its msgid is left out (listed in MoCatalog::rejected()), so
/// that message stays English: a tampered file cannot make a message write megabytes or
/// send escape sequences to the terminal. Never throws on bad input (only
/// std::bad_alloc).
[[nodiscard]] MoParseResult parse_mo(std::string_view bytes);

}  // namespace somepost::core
