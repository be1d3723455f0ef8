// The invariants of a count result and its two renderings (src/core/report.*), shared by
// the harnesses that count: count, profiles, export. Each holds for any valid UTF-8 text
// on any valid profile, whatever the platform's rules.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/count.hpp"
#include "core/report.hpp"
#include "fuzz_common.hpp"

namespace somepost::fuzz {

/// The figures of `result`, for `text` (valid UTF-8) counted with `options`, are
/// consistent: the text's own figures, and for each platform remaining = limit - length,
/// fits only within the limits, and overflow_at (only when over) at a code point boundary
/// of the text.
inline void check_count_result(std::string_view text, const core::CountResult& result) {
  FUZZ_CHECK(result.stats.bytes == text.size());
  FUZZ_CHECK(result.stats.code_points == code_points(text));
  FUZZ_CHECK(result.stats.graphemes <= result.stats.code_points);
  FUZZ_CHECK((result.stats.graphemes == 0) == text.empty());
  bool all = true;
  for (const core::PlatformCount& c : result.platforms) {
    FUZZ_CHECK(c.profile != nullptr);
    FUZZ_CHECK(c.limit == c.profile->limit);
    FUZZ_CHECK(c.remaining == static_cast<std::ptrdiff_t>(c.limit) - static_cast<std::ptrdiff_t>(c.length));
    FUZZ_CHECK(c.bytes >= text.size());  // the content warning may add to it, never take away
    FUZZ_CHECK(c.byte_limit == c.profile->byte_limit);
    const bool over_length = c.length > c.limit;
    const bool over_bytes = c.byte_limit && c.bytes > *c.byte_limit;
    if (c.fits) FUZZ_CHECK(!over_length && !over_bytes);
    if (c.overflow_at) {
      FUZZ_CHECK(over_length || over_bytes);
      FUZZ_CHECK(*c.overflow_at <= text.size());
      FUZZ_CHECK(*c.overflow_at <= c.bytes);
      FUZZ_CHECK(on_code_point_boundary(text, *c.overflow_at));
    }
    for (const std::string& w : c.warnings) FUZZ_CHECK_MSG(!w.empty() && valid_utf8(w), w);
    all = all && c.fits;
  }
  FUZZ_CHECK(result.all_fit() == all);
}

/// Parses `text` with nlohmann; a failure aborts, showing the text.
inline nlohmann::json parse_json_or_fail(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail(__FILE__, __LINE__, e.what(), text);
  }
}

/// `j` is the JSON of `result` as append_count_json writes it (`out`: the JSON text, shown
/// when a check fails).
inline void check_count_json_value(const nlohmann::json& j, const core::CountResult& result, const std::string& out) {
  FUZZ_CHECK_MSG(j.is_object(), out);
  FUZZ_CHECK_MSG(j.at("bytes") == result.stats.bytes, out);
  FUZZ_CHECK_MSG(j.at("code_points") == result.stats.code_points, out);
  FUZZ_CHECK_MSG(j.at("graphemes") == result.stats.graphemes, out);
  const nlohmann::json& platforms = j.at("platforms");
  FUZZ_CHECK_MSG(platforms.is_array() && platforms.size() == result.platforms.size(), out);
  for (std::size_t i = 0; i < result.platforms.size(); ++i) {
    const core::PlatformCount& c = result.platforms[i];
    const nlohmann::json& p = platforms[i];
    FUZZ_CHECK_MSG(p.at("id") == c.profile->id, out);
    FUZZ_CHECK_MSG(p.at("length") == c.length, out);
    FUZZ_CHECK_MSG(p.at("limit") == c.limit, out);
    FUZZ_CHECK_MSG(p.at("remaining") == c.remaining, out);
    FUZZ_CHECK_MSG(p.at("fits") == c.fits, out);
    FUZZ_CHECK_MSG(p.at("unit") == core::unit_name(c.profile->unit), out);
    FUZZ_CHECK_MSG(p.at("bytes") == c.bytes, out);
    FUZZ_CHECK_MSG(p.contains("byte_limit") == c.byte_limit.has_value(), out);
    if (c.byte_limit) FUZZ_CHECK_MSG(p.at("byte_limit") == *c.byte_limit, out);
    FUZZ_CHECK_MSG(p.contains("overflow_at") == c.overflow_at.has_value(), out);
    if (c.overflow_at) FUZZ_CHECK_MSG(p.at("overflow_at") == *c.overflow_at, out);
    FUZZ_CHECK_MSG(p.at("hashtags") == c.hashtags, out);
    FUZZ_CHECK_MSG(p.at("links") == c.links, out);
    FUZZ_CHECK_MSG(p.at("warnings") == nlohmann::json(c.warnings), out);
  }
}

/// append_count_json's output is one line of JSON that nlohmann reads back to the same
/// figures.
inline void check_count_json(const core::CountResult& result) {
  std::string out;
  core::append_count_json(out, result);
  FUZZ_CHECK_MSG(out.find('\n') == std::string::npos, out);
  check_count_json_value(parse_json_or_fail(out), result, out);
}

/// Every ESC of `s` starts an SGR sequence ESC [ digits/semicolons m: colour, nothing that
/// moves the cursor, retitles the window or writes to the clipboard.
inline bool only_sgr_escapes(std::string_view s) noexcept {
  for (std::size_t i = s.find('\x1b'); i != std::string_view::npos; i = s.find('\x1b', i + 1)) {
    std::size_t j = i + 1;
    if (j >= s.size() || s[j] != '[') return false;
    ++j;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == ';')) ++j;
    if (j >= s.size() || s[j] != 'm') return false;
  }
  return true;
}

/// The table, plain and in colour, is valid UTF-8 in which the text's control characters
/// cannot reach the terminal: no C0 control but newline, no DEL or C1 control, and ESC
/// only in colour mode and only as SGR colour codes.
inline void check_count_table(std::string_view text, const core::CountResult& result) {
  for (const bool color : {false, true}) {
    const std::string table = core::render_count_table(result, text, core::TableStyle{color});
    FUZZ_CHECK_MSG(valid_utf8(table), table);
    std::string without_sgr;  // the table with its SGR codes taken out
    if (color) {
      FUZZ_CHECK_MSG(only_sgr_escapes(table), table);
      for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i] == '\x1b') {
          i = table.find('m', i);
          continue;
        }
        without_sgr.push_back(table[i]);
      }
    } else {
      without_sgr = table;
    }
    const auto* p = reinterpret_cast<const unsigned char*>(without_sgr.data());
    const auto* end = p + without_sgr.size();
    while (p < end) {
      const unicode::Decoded d = unicode::decode_lenient(p, end);
      const char32_t cp = d.code_point;
      FUZZ_CHECK_MSG(cp == '\n' || (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0x9F)), table);
      p += d.length;
    }
  }
}

}  // namespace somepost::fuzz
