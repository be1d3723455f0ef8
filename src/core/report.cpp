#include "core/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>

#include "unicode/utf8.hpp"
#include "unicode/width.hpp"

namespace somepost::core {
namespace {

namespace uc = somepost::unicode;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kOverflow = "\x1b[41;97m";  // white on red, like X's composer

void append_number(std::string& out, std::size_t n) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void append_signed(std::string& out, std::ptrdiff_t n) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

// Pads `cell` with spaces to `width` terminal columns (left or right aligned); the last
// column is not padded on the right, so lines carry no trailing blanks.
void append_cell(std::string& out, std::string_view cell, std::size_t width, bool right, bool last = false) {
  const std::size_t used = uc::display_width(cell);
  const std::size_t pad = used < width ? width - used : 0;
  if (right) out.append(pad, ' ');
  out.append(cell);
  if (!right && !last) out.append(pad, ' ');
}

void paint(std::string& out, bool color, std::string_view code, std::string_view text) {
  if (color) out.append(code);
  out.append(text);
  if (color) out.append(kReset);
}

// True when one of the 8 bytes of `w` needs escaping in JSON: below 0x20, '"', '\\' or
// DEL. SWAR (the "has less" and "has zero byte" tests): exact about whether any byte
// does, which is all the caller needs.
constexpr bool any_json_special(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool control = ((w - kOnes * 0x20) & ~w & kHighs) != 0;
  return control || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\')) || has_zero(w ^ (kOnes * 0x7F));
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    // Skip 8 bytes at a time while none needs escaping (nearly all text).
    while (i + 8 <= text.size()) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, sizeof w);
      if (any_json_special(w)) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(text.substr(run));
  out.push_back('"');
}

std::string_view unit_name(CountingUnit unit) noexcept {
  switch (unit) {
    case CountingUnit::x_weighted: return "weighted";
    case CountingUnit::graphemes: return "graphemes";
    case CountingUnit::emoji_bytes: return "emoji-bytes";
  }
  return "graphemes";
}

void append_count_json(std::string& out, const CountResult& result) {
  out.append("{\"bytes\":");
  append_number(out, result.stats.bytes);
  out.append(",\"code_points\":");
  append_number(out, result.stats.code_points);
  out.append(",\"graphemes\":");
  append_number(out, result.stats.graphemes);
  out.append(",\"platforms\":[");
  bool first = true;
  for (const PlatformCount& p : result.platforms) {
    if (!first) out.push_back(',');
    first = false;
    out.append("{\"id\":");
    append_json_string(out, p.profile->id);
    out.append(",\"length\":");
    append_number(out, p.length);
    out.append(",\"limit\":");
    append_number(out, p.limit);
    out.append(",\"remaining\":");
    append_signed(out, p.remaining);
    out.append(p.fits ? ",\"fits\":true" : ",\"fits\":false");
    out.append(",\"unit\":\"");
    out.append(unit_name(p.profile->unit));
    out.append("\",\"bytes\":");
    append_number(out, p.bytes);
    if (p.byte_limit) {
      out.append(",\"byte_limit\":");
      append_number(out, *p.byte_limit);
    }
    if (p.overflow_at) {
      out.append(",\"overflow_at\":");
      append_number(out, *p.overflow_at);
    }
    out.append(",\"hashtags\":");
    append_number(out, p.hashtags);
    out.append(",\"links\":");
    append_number(out, p.links);
    out.append(",\"warnings\":[");
    for (std::size_t i = 0; i < p.warnings.size(); ++i) {
      if (i) out.push_back(',');
      append_json_string(out, p.warnings[i]);
    }
    out.append("]}");
  }
  out.append("]}");
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void append_line_error_json(std::string& out, std::size_t line, std::string_view message) {
  out.append("{\"line\":");
  append_number(out, line);
  out.append(",\"error\":");
  append_json_string(out, message);
  out.push_back('}');
}

std::string neutralize_controls(std::string_view text, bool keep_newlines) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const uc::Decoded d = uc::decode_lenient(p, end);
    const char32_t cp = d.code_point;
    if (cp == '\n' && keep_newlines) {
      out.push_back('\n');
    } else if (cp < 0x20) {
      uc::append_utf8(out, 0x2400 + cp);  // U+2400 SYMBOL FOR NULL and the rest of the C0 block
    } else if (cp == 0x7F) {
      uc::append_utf8(out, 0x2421);  // SYMBOL FOR DELETE
    } else if (cp >= 0x80 && cp < 0xA0) {
      uc::append_utf8(out, uc::kReplacementCharacter);  // C1 controls (CSI, OSC, ...)
    } else {
      out.append(reinterpret_cast<const char*>(p), d.length);
    }
    p += d.length;
  }
  return out;
}

std::string render_count_table(const CountResult& result, std::string_view text, const TableStyle& style) {
  std::string out;
  fmt::format_to(std::back_inserter(out), "Text: {} bytes, {} code points, {} grapheme clusters\n\n",
                 result.stats.bytes, result.stats.code_points, result.stats.graphemes);
  const std::array<std::string_view, 5> headers = {"Platform", "Length/limit", "Remaining", "Fits", "Unit"};
  std::vector<std::array<std::string, 5>> rows;
  for (const PlatformCount& p : result.platforms) {
    std::string length = fmt::format("{}/{}", p.length, p.limit);
    if (p.byte_limit) length += fmt::format(" ({}/{} B)", p.bytes, *p.byte_limit);
    rows.push_back({p.profile->name, std::move(length), fmt::format("{}", p.remaining),
                    p.fits ? "yes" : "NO", std::string(unit_name(p.profile->unit))});
  }
  std::array<std::size_t, 5> widths{};
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = uc::display_width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], uc::display_width(row[c]));
  }
  for (std::size_t c = 0; c < headers.size(); ++c) {
    if (style.color) out.append(kBold);
    append_cell(out, headers[c], widths[c], c == 1 || c == 2, c + 1 == headers.size());
    if (style.color) out.append(kReset);
    out.append(c + 1 < headers.size() ? "  " : "\n");
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool fits = result.platforms[r].fits;
    for (std::size_t c = 0; c < headers.size(); ++c) {
      std::string cell;
      append_cell(cell, rows[r][c], widths[c], c == 1 || c == 2, c + 1 == headers.size());
      if (c == 3) {
        paint(out, style.color, fits ? kGreen : kRed, cell);
      } else {
        out.append(cell);
      }
      out.append(c + 1 < headers.size() ? "  " : "\n");
    }
  }
  bool any_warning = false;
  for (const PlatformCount& p : result.platforms) {
    for (const std::string& w : p.warnings) {
      if (!any_warning) out.push_back('\n');
      any_warning = true;
      paint(out, style.color, kYellow, "warning: ");
      fmt::format_to(std::back_inserter(out), "{}: {}\n", p.profile->name, w);
    }
  }
  if (style.color) {
    for (const PlatformCount& p : result.platforms) {
      if (!p.overflow_at) continue;
      const std::size_t at = std::min(*p.overflow_at, text.size());
      fmt::format_to(std::back_inserter(out), "\n{} over the limit from byte {}:\n", p.profile->name, at);
      out.append(neutralize_controls(text.substr(0, at), true));
      paint(out, true, kOverflow, neutralize_controls(text.substr(at), true));
      out.push_back('\n');
    }
  }
  return out;
}

std::string render_profile_explanation(const Profile& profile) {
  std::string out;
  auto line = [&out](std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{:<16}{}\n", key, value);
  };
  line("Platform:", fmt::format("{} ({})", profile.name, profile.id));
  std::string limit = fmt::format("{} {}", profile.limit, unit_name(profile.unit));
  if (profile.byte_limit) limit += fmt::format(", and {} UTF-8 bytes", *profile.byte_limit);
  line("Limit:", limit);
  switch (profile.unit) {
    case CountingUnit::x_weighted:
      line("Counting:", "twitter-text v3 weights: U+0000-10FF, U+2000-200D, U+2010-201F, U+2032-2037 weigh 1, "
                        "other code points 2; every emoji sequence 2");
      break;
    case CountingUnit::graphemes:
      line("Counting:", "extended grapheme clusters (UAX #29, Unicode 17.0)");
      break;
    case CountingUnit::emoji_bytes:
      line("Counting:", "grapheme clusters; an emoji counts its UTF-8 bytes");
      break;
  }
  line("Normalization:", profile.nfc ? "NFC before counting" : "none (counted as typed)");
  if (profile.url_rule) {
    line("URLs:", fmt::format("each URL counts {} ({})", profile.url_length,
                              *profile.url_rule == UrlRule::twitter
                                  ? "with or without http(s)://, host on twitter-text's TLD list"
                                  : "only with a scheme: http, https, dat, dweb, ipfs, ipns, ssb, gopher, gemini"));
  } else {
    line("URLs:", "counted as typed");
  }
  if (profile.mention_local_part) line("Mentions:", "@user@domain counts as @user");
  if (profile.blank_counts_zero) line("Blank text:", "whitespace-only text counts 0");
  if (profile.counts_content_warning) line("Content warning:", "counts in the same budget (--content-warning)");
  const char* hashtag_rule = profile.hashtag_rule == HashtagRule::x          ? "twitter-text"
                             : profile.hashtag_rule == HashtagRule::mastodon ? "Mastodon"
                                                                             : "Bluesky";
  line("Hashtags:", fmt::format("recognized by the {} rule", hashtag_rule));
  auto cap = [&](std::string_view key, const std::optional<Cap>& c, std::string_view what) {
    if (c) line(key, fmt::format("at most {} {} ({})", c->max, what, c->severity == Severity::error ? "error" : "warning"));
  };
  cap("Hashtag cap:", profile.max_hashtags, "hashtags");
  cap("Link cap:", profile.max_links, "unique links");
  for (const ProfileWarning& w : profile.warnings) line("Warning:", w.message);
  if (!profile.notes.empty()) line("Notes:", profile.notes);
  for (const std::string& s : profile.sources) line("Source:", s);
  if (!profile.checked.empty()) line("Checked:", profile.checked);
  return out;
}

}  // namespace somepost::core
