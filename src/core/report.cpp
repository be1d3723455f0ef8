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

}  // namespace

namespace {

// The longest JSON form of one input byte: a control character as \u00XX.
constexpr std::size_t kMaxEscapedBytes = 6;

// Writes `text` as a JSON string literal at `p`, which has room for
// 2 + kMaxEscapedBytes * text.size() bytes; returns the end. Runs of bytes that need no
// escape (the common case) are found 8 bytes at a time and copied whole.
char* write_json_string(char* p, std::string_view text) noexcept {
  *p++ = '"';
  const char* s = text.data();
  const char* const end = s + text.size();
  while (s < end) {
    const char* run = s;
    // SWAR: a byte needs an escape when < 0x20, == '"', == '\\' or == 0x7F.
    while (end - s >= 8) {
      std::uint64_t v;
      std::memcpy(&v, s, sizeof v);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      const std::uint64_t lt20 = (v - kOnes * 0x20) & ~v;
      const std::uint64_t q = v ^ (kOnes * '"');
      const std::uint64_t bs = v ^ (kOnes * '\\');
      const std::uint64_t del = v ^ (kOnes * 0x7F);
      const std::uint64_t hits = (lt20 | ((q - kOnes) & ~q) | ((bs - kOnes) & ~bs) | ((del - kOnes) & ~del)) & kHigh;
      if (hits) break;
      s += 8;
    }
    while (s < end) {
      const auto c = static_cast<unsigned char>(*s);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) break;
      ++s;
    }
    std::memcpy(p, run, static_cast<std::size_t>(s - run));
    p += s - run;
    if (s == end) break;
    const auto c = static_cast<unsigned char>(*s++);
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default: {
        constexpr char kHex[] = "0123456789abcdef";
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 0xF];
      }
    }
  }
  *p++ = '"';
  return p;
}

// Copies a literal; the compiler turns the fixed-size memcpy into a few moves.
template <std::size_t N>
char* write_literal(char* p, const char (&literal)[N]) noexcept {
  std::memcpy(p, literal, N - 1);
  return p + (N - 1);
}

// Writes `n` in decimal; at most 20 digits.
char* write_number(char* p, std::size_t n) noexcept {
  return std::to_chars(p, p + 20, n).ptr;
}

char* write_signed(char* p, std::ptrdiff_t n) noexcept {
  return std::to_chars(p, p + 21, n).ptr;
}

// A JSON writer over a std::string: reserve() makes room for a bounded amount of output,
// which is then written through a raw pointer without per-append capacity checks, and
// commit() trims the string to what was written.
class RawWriter {
 public:
  RawWriter(std::string& out, std::size_t max_bytes) : out_(out), start_(out.size()) {
    out_.resize(start_ + max_bytes);
    p_ = out_.data() + start_;
  }
  RawWriter(const RawWriter&) = delete;
  RawWriter& operator=(const RawWriter&) = delete;
  ~RawWriter() { out_.resize(static_cast<std::size_t>(p_ - out_.data())); }
  char*& p() noexcept { return p_; }

 private:
  std::string& out_;
  std::size_t start_;
  char* p_;
};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  RawWriter w(out, 2 + kMaxEscapedBytes * text.size());
  w.p() = write_json_string(w.p(), text);
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
  // An upper bound of the line's size: the fixed text and numbers (< 384 bytes per
  // platform, 20 digits each), plus every string at its longest escaped form.
  std::size_t bound = 128;
  for (const PlatformCount& pc : result.platforms) {
    bound += 384 + kMaxEscapedBytes * pc.profile->id.size();
    for (const std::string& w : pc.warnings) bound += 3 + kMaxEscapedBytes * w.size();
  }
  RawWriter w(out, bound);
  char* p = w.p();
  p = write_literal(p, "{\"bytes\":");
  p = write_number(p, result.stats.bytes);
  p = write_literal(p, ",\"code_points\":");
  p = write_number(p, result.stats.code_points);
  p = write_literal(p, ",\"graphemes\":");
  p = write_number(p, result.stats.graphemes);
  p = write_literal(p, ",\"platforms\":[");
  bool first = true;
  for (const PlatformCount& pc : result.platforms) {
    if (!first) *p++ = ',';
    first = false;
    p = write_literal(p, "{\"id\":");
    p = write_json_string(p, pc.profile->id);
    p = write_literal(p, ",\"length\":");
    p = write_number(p, pc.length);
    p = write_literal(p, ",\"limit\":");
    p = write_number(p, pc.limit);
    p = write_literal(p, ",\"remaining\":");
    p = write_signed(p, pc.remaining);
    p = pc.fits ? write_literal(p, ",\"fits\":true") : write_literal(p, ",\"fits\":false");
    p = write_literal(p, ",\"unit\":\"");
    const std::string_view unit = unit_name(pc.profile->unit);  // < 16 bytes
    std::memcpy(p, unit.data(), unit.size());
    p += unit.size();
    p = write_literal(p, "\",\"bytes\":");
    p = write_number(p, pc.bytes);
    if (pc.byte_limit) {
      p = write_literal(p, ",\"byte_limit\":");
      p = write_number(p, *pc.byte_limit);
    }
    if (pc.overflow_at) {
      p = write_literal(p, ",\"overflow_at\":");
      p = write_number(p, *pc.overflow_at);
    }
    p = write_literal(p, ",\"hashtags\":");
    p = write_number(p, pc.hashtags);
    p = write_literal(p, ",\"links\":");
    p = write_number(p, pc.links);
    p = write_literal(p, ",\"warnings\":[");
    for (std::size_t i = 0; i < pc.warnings.size(); ++i) {
      if (i) *p++ = ',';
      p = write_json_string(p, pc.warnings[i]);
    }
    p = write_literal(p, "]}");
  }
  p = write_literal(p, "]}");
  w.p() = p;
}

void append_line_error_json(std::string& out, std::size_t line, std::string_view message) {
  out.append("{\"line\":");
  append_number(out, line);
  out.append(",\"error\":");
  append_json_string(out, message);
  out.push_back('}');
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

namespace {

// Appends "⟨U+202E⟩": the code point named, between brackets that no text near it
// is likely to have.
void append_code_point_name(std::string& out, char32_t cp) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += "\u27E8U+";  // ⟨
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(cp >> shift) & 0xF]);
  out += "\u27E9";  // ⟩
}

}  // namespace

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
    } else if (uc::is_bidi_control(cp)) {  // else the volunteer would see another order than is copied
      append_code_point_name(out, cp);
    } else if (cp == uc::kReplacementCharacter && d.length == 1) {
      uc::append_utf8(out, uc::kReplacementCharacter);  // an invalid byte, shown as U+FFFD
    } else {
      out.append(reinterpret_cast<const char*>(p), d.length);
    }
    p += d.length;
  }
  return out;
}

std::string highlight_overflow(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  std::string out = neutralize_controls(text.substr(0, at), true);
  paint(out, true, kOverflow, neutralize_controls(text.substr(at), true));
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
    // A profile from --platforms FILE is outside input: its name and warnings are shown
    // terminal-safe, like every other text in this human-readable report.
    rows.push_back({neutralize_controls(p.profile->name, false), std::move(length), fmt::format("{}", p.remaining),
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
      fmt::format_to(std::back_inserter(out), "{}: {}\n", neutralize_controls(p.profile->name, false),
                     neutralize_controls(w, false));
    }
  }
  if (style.color) {
    for (const PlatformCount& p : result.platforms) {
      if (!p.overflow_at) continue;
      const std::size_t at = std::min(*p.overflow_at, text.size());
      fmt::format_to(std::back_inserter(out), "\n{} over the limit from byte {}:\n",
                     neutralize_controls(p.profile->name, false), at);
      out.append(highlight_overflow(text, at));
      out.push_back('\n');
    }
  }
  return out;
}

std::string render_profile_explanation(const Profile& profile) {
  std::string out;
  // Values may come from a --platforms FILE (name, warnings, notes, sources): shown
  // terminal-safe.
  auto line = [&out](std::string_view key, std::string_view value) {
    fmt::format_to(std::back_inserter(out), "{:<16}{}\n", key, neutralize_controls(value, false));
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
