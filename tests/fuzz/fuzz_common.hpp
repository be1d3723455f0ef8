// Shared by the libFuzzer harnesses of tests/fuzz (docs/testing.md, "Fuzzing"): splitting
// one fuzz input into fields, and the checks every harness makes. A failed check prints
// what was wrong and calls abort(), which libFuzzer reports as a crash (and saves the
// input), and which fails the corpus-replay ctest test in an ordinary GCC build. assert()
// is not used: RelWithDebInfo defines NDEBUG.
//
// Input layout: fields separated by the byte 0x1E (ASCII RECORD SEPARATOR), so that the
// seed files stay readable texts; a harness with numeric parameters reads them from a
// field of decimal numbers ("3 40 1"), anything else in that field is ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "unicode/utf8.hpp"

namespace somepost::fuzz {

/// Prints `what` (and `detail`, its first 400 bytes escaped) to stderr and aborts.
[[noreturn]] inline void fail(const char* file, int line, const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "\nFUZZ CHECK FAILED %s:%d: %s\n", file, line, what);
  if (!detail.empty()) {
    // Escaped, so that what is wrong (a control character) shows and reaches no terminal.
    std::string shown;
    for (const char c : detail.substr(0, 400)) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x20 && b < 0x7F && b != '\\') {
        shown += c;
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", b);
        shown += hex;
      }
    }
    std::fprintf(stderr, "  detail (%zu bytes, non-ASCII as \\xHH): %s\n", detail.size(), shown.c_str());
  }
  std::abort();
}

}  // namespace somepost::fuzz

/// Aborts with the condition's text when `cond` is false.
#define FUZZ_CHECK(cond) \
  do { \
    if (!(cond)) ::somepost::fuzz::fail(__FILE__, __LINE__, #cond); \
  } while (0)
/// The same, also printing `detail` (a string) to show what was wrong.
#define FUZZ_CHECK_MSG(cond, detail) \
  do { \
    if (!(cond)) ::somepost::fuzz::fail(__FILE__, __LINE__, #cond, (detail)); \
  } while (0)

namespace somepost::fuzz {

inline constexpr char kFieldSeparator = '\x1e';

/// The fields of `data` separated by kFieldSeparator: always at least `min_fields` (the
/// missing ones empty, pointing at the end of `data`, as any text the CLI passes points
/// into a string). The last wanted field keeps any further separators when `max_fields`
/// is reached, so a text field may contain the byte itself.
inline std::vector<std::string_view> split_fields(std::string_view data, std::size_t min_fields,
                                                  std::size_t max_fields) {
  static constexpr char kNothing[] = "";
  if (data.data() == nullptr) data = std::string_view(kNothing, 0);
  std::vector<std::string_view> fields;
  while (fields.size() + 1 < max_fields) {
    const std::size_t at = data.find(kFieldSeparator);
    if (at == std::string_view::npos) break;
    fields.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  fields.push_back(data);
  while (fields.size() < min_fields) fields.push_back(data.substr(data.size()));
  return fields;
}

/// The decimal numbers in `field` in order (each capped at 10^9), e.g. "3 40 x7" -> 3, 40, 7.
class Numbers {
 public:
  explicit Numbers(std::string_view field) {
    bool in_number = false;
    for (const char c : field) {
      if (c >= '0' && c <= '9') {
        if (!in_number) values_.push_back(0);
        in_number = true;
        std::uint64_t& v = values_.back();
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
        if (v > 1'000'000'000) v = 1'000'000'000;
      } else {
        in_number = false;
      }
    }
  }
  /// The next number, or `fallback` when they are used up.
  std::uint64_t next(std::uint64_t fallback = 0) noexcept {
    return at_ < values_.size() ? values_[at_++] : fallback;
  }
  /// The next number in [lo, hi] (wrapped into the range), or `fallback`.
  std::uint64_t next_in(std::uint64_t lo, std::uint64_t hi, std::uint64_t fallback) noexcept {
    if (at_ >= values_.size()) return fallback;
    return lo + values_[at_++] % (hi - lo + 1);
  }

 private:
  std::vector<std::uint64_t> values_;
  std::size_t at_ = 0;
};

/// The bytes of a fuzz input as a string_view.
inline std::string_view as_view(const std::uint8_t* data, std::size_t size) noexcept {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool valid_utf8(std::string_view s) noexcept { return !unicode::validate_utf8(s).has_value(); }

/// Number of code points of valid UTF-8 `s` (bytes that are not continuation bytes).
inline std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

/// True when `at` is the start of a code point of `s` (or its end).
inline bool on_code_point_boundary(std::string_view s, std::size_t at) noexcept {
  return at == s.size() || (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) != 0x80);
}

/// True when `s` (valid UTF-8) holds a code point that can drive a terminal or reorder
/// what it shows: C0 controls (except those in `allowed`), DEL, C1 controls
/// (U+0080-009F) or the bidirectional controls (U+061C, U+200E, U+200F, U+202A-202E,
/// U+2066-2069).
inline bool has_terminal_controls(std::string_view s, std::string_view allowed = {}) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    const char32_t cp = d.code_point;
    if (cp < 0x20 && allowed.find(static_cast<char>(cp)) == std::string_view::npos) return true;
    if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069)) {
      return true;
    }
    p += d.length;
  }
  return false;
}

/// Longest message (an error or a problem) that any input may produce: its own words, a
/// few values quoted and cut to 40 code points (json_problems::kQuoteMaxCodePoints, each
/// at most 6 bytes escaped), a list of names. A message quoting a whole value of the
/// input would pass it.
inline constexpr std::size_t kMaxMessageBytes = 1500;
/// Longest JSON path in a problem, or a message that starts with one (a duplicate key of
/// a JSON Lines line): up to json_problems::kMaxDepth levels, each a key cut to 40 code
/// points, quoted and escaped.
inline constexpr std::size_t kMaxPathBytes = 64 * (6 * 40 + 4) + kMaxMessageBytes;

/// Checks a message meant for a person (an error or a problem) as the core returns it:
/// one non-empty line (no LF or CR) of valid UTF-8 (it goes into JSON error objects, whose
/// writer needs valid UTF-8), at most `max_bytes`. Control characters of quoted user
/// text may remain: src/cli makes every diagnostic safe for the terminal when it prints
/// it (cli::print_diagnostic, with core::neutralize_controls, which the count harness
/// checks on any text).
#define FUZZ_CHECK_MESSAGE_WITHIN(text, max_bytes) \
  do { \
    const std::string_view fuzz_message_ = (text); \
    FUZZ_CHECK_MSG(!fuzz_message_.empty(), fuzz_message_); \
    FUZZ_CHECK_MSG(fuzz_message_.size() <= (max_bytes), fuzz_message_); \
    FUZZ_CHECK_MSG(::somepost::fuzz::valid_utf8(fuzz_message_), fuzz_message_); \
    FUZZ_CHECK_MSG(fuzz_message_.find_first_of("\r\n") == std::string_view::npos, fuzz_message_); \
  } while (0)
#define FUZZ_CHECK_MESSAGE(text) FUZZ_CHECK_MESSAGE_WITHIN(text, ::somepost::fuzz::kMaxMessageBytes)
#define FUZZ_CHECK_PATH(text) FUZZ_CHECK_MESSAGE_WITHIN(text, ::somepost::fuzz::kMaxPathBytes)

/// The physical lines of `data` split at "\n" (without it); a final line without "\n" is
/// a line too, an empty input none.
inline std::vector<std::string_view> split_lines(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty()) {
    const std::size_t at = data.find('\n');
    if (at == std::string_view::npos) {
      lines.push_back(data);
      break;
    }
    lines.push_back(data.substr(0, at));
    data.remove_prefix(at + 1);
  }
  return lines;
}

}  // namespace somepost::fuzz
