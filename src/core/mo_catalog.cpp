#include "core/mo_catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "core/json_problems.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {

namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint64_t kHeaderBytes = 28;  // magic, revision, N, O, T, S, H: 7 x 4 bytes

}  // namespace

// Reads the file's 32-bit words in its byte order; every read is bounds-checked by the
// caller against `bytes.size()` before it happens.
struct MoParser {
  std::string_view bytes;
  bool big_endian = false;

  [[nodiscard]] std::uint32_t word(std::uint64_t at) const {
    const auto b = [&](std::uint64_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
    return big_endian ? (b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3)) : (b(3) << 24 | b(2) << 16 | b(1) << 8 | b(0));
  }

  // The string that table entry `index` of the table at `table` describes, or an error.
  [[nodiscard]] std::optional<std::string_view> string_at(std::uint64_t table, std::uint64_t index,
                                                          std::string_view table_name, std::string& error) const {
    const std::uint64_t entry = table + index * 8;
    const std::uint64_t length = word(entry);
    const std::uint64_t offset = word(entry + 4);
    // The string and the NUL that terminates it must lie inside the file.
    if (offset > bytes.size() || length >= bytes.size() - offset) {
      error = fmt::format("{} entry {} points past the end of the file", table_name, index);
      return std::nullopt;
    }
    if (bytes[offset + length] != '\0') {
      error = fmt::format("{} entry {} is not NUL-terminated", table_name, index);
      return std::nullopt;
    }
    const std::string_view s = bytes.substr(offset, length);
    if (const auto bad = unicode::validate_utf8(s)) {
      error = fmt::format("{} entry {} is not valid UTF-8 (byte {} of the string)", table_name, index, bad->offset);
      return std::nullopt;
    }
    return s;
  }

  MoParseResult parse() {
    MoParseResult result;
    if (bytes.size() < kHeaderBytes) {
      result.error = fmt::format("too short for a .mo file ({} bytes)", bytes.size());
      return result;
    }
    big_endian = false;
    if (word(0) != kMagic) {
      big_endian = true;
      if (word(0) != kMagic) {
        result.error = "not a .mo file (wrong magic number)";
        return result;
      }
    }
    const std::uint32_t major = word(4) >> 16;
    if (major > 1) {
      result.error = fmt::format("unsupported .mo format revision {}", major);
      return result;
    }
    const std::uint64_t count = word(8);
    const std::uint64_t originals = word(12);
    const std::uint64_t translations = word(16);
    for (const std::uint64_t table : {originals, translations}) {
      if (table > bytes.size() || count > (bytes.size() - table) / 8) {
        result.error = fmt::format("the string tables ({} entries) do not fit in the file ({} bytes)", count,
                                   bytes.size());
        return result;
      }
    }
    MoCatalog catalog;
    bool have_header = false;
    for (std::uint64_t i = 0; i < count; ++i) {
      const auto original = string_at(originals, i, "original string table", result.error);
      if (!original) return result;
      const auto translation = string_at(translations, i, "translation table", result.error);
      if (!translation) return result;
      // Plural entries hold "singular\0plural" and "form0\0form1...": keep the first of each.
      const std::string_view msgid = original->substr(0, original->find('\0'));
      const std::string_view msgstr = translation->substr(0, translation->find('\0'));
      if (msgid.empty()) {
        catalog.header_ = std::string(msgstr);
        have_header = true;
      } else if (!msgstr.empty()) {
        if (is_safe_translation(msgid, msgstr)) {
          catalog.messages_.insert_or_assign(std::string(msgid), std::string(msgstr));
        } else {
          catalog.rejected_.emplace_back(msgid);
        }
      }
    }
    // Only UTF-8 catalogues: somepost writes UTF-8 to the terminal whatever the locale.
    if (have_header) {
      const std::string& header = catalog.header_;
      std::string lower = header;  // ASCII lowercase: the same length, so offsets carry over
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      const std::size_t at = lower.find("charset=");
      if (at != std::string::npos) {
        const std::size_t start = at + 8;
        const std::size_t end = std::min(lower.find_first_of(" ;\n", start), lower.size());
        if (std::string_view(lower).substr(start, end - start) != "utf-8") {
          const std::string_view charset = std::string_view(header).substr(start, end - start);
          result.error = fmt::format("the catalogue is in charset {}; somepost reads only UTF-8",
                                     json_problems::quote(charset));  // escaped and cut: one short line
          return result;
        }
      }
    }
    result.catalog = std::move(catalog);
    return result;
  }
};

std::vector<std::string_view> replacement_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      i += 2;  // "{{" or "}}": a literal brace
    } else if (c == '}') {
      fields.push_back(text.substr(i, 1));  // closes nothing: fmt rejects it
      ++i;
    } else if (c == '{') {
      // A field ends at its matching '}': a width or precision may be a nested field.
      std::size_t j = i + 1;
      int depth = 1;
      for (; j < text.size() && depth > 0; ++j) {
        if (text[j] == '{') ++depth;
        if (text[j] == '}') --depth;
      }
      fields.push_back(text.substr(i, j - i));  // unmatched: the rest of the text
      i = j;
    } else {
      ++i;
    }
  }
  return fields;
}

bool is_safe_translation(std::string_view msgid, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) return false;
    // C1 controls U+0080-U+009F are C2 80 - C2 9F in (valid) UTF-8.
    if (b == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return false;
  }
  return replacement_fields(msgid) == replacement_fields(text);
}

const std::string* MoCatalog::find(std::string_view msgid) const {
  const auto it = messages_.find(msgid);
  return it == messages_.end() ? nullptr : &it->second;
}

MoParseResult parse_mo(std::string_view bytes) { return MoParser{bytes}.parse(); }

}  // namespace somepost::core
