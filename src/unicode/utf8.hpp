// UTF-8 validation and decoding. Pure functions: no I/O, no allocation, no exceptions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace somepost::unicode {

/// Why a byte sequence is not UTF-8 (RFC 3629 / Unicode ch. 3, D92).
enum class Utf8ErrorKind : std::uint8_t {
  overlong,            ///< a code point encoded in more bytes than needed (C0, C1, E0 80.., F0 80..)
  surrogate,           ///< an encoded U+D800..U+DFFF (ED A0..ED BF)
  above_max,           ///< a code point above U+10FFFF (F4 90.., leads F5..FD)
  truncated,           ///< a lead byte whose continuation bytes are missing or cut short
  stray_continuation,  ///< a continuation byte (80..BF) where a lead byte was expected
  invalid_byte,        ///< FE or FF, which never occur in UTF-8
};

/// The first invalid sequence in a text: its byte offset from the start and its kind.
struct Utf8Error {
  std::size_t offset;  ///< bytes from the start of the text to the first byte of the bad sequence
  Utf8ErrorKind kind;
};

/// Validates `text` as UTF-8. Returns nothing when every byte belongs to a well-formed
/// sequence (U+0000 is valid text), else the offset (bytes) and kind of the first bad
/// sequence. Never throws; O(n) with an ASCII fast path.
[[nodiscard]] std::optional<Utf8Error> validate_utf8(std::string_view text) noexcept;

/// A short English phrase for `kind`, e.g. "overlong encoding", for error messages.
[[nodiscard]] std::string_view describe(Utf8ErrorKind kind) noexcept;

/// One decoded code point and the number of bytes (1..4) it took.
struct Decoded {
  char32_t code_point;
  std::uint32_t length;
};

/// The replacement character that lenient decoding yields for each ill-formed byte.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// Decodes the code point starting at `p` (requires p < end). Lenient: an ill-formed or
/// truncated sequence yields U+FFFD with length 1, so the caller always advances and never
/// reads past `end`. Callers that need strictness call validate_utf8 first.
[[nodiscard]] inline Decoded decode_lenient(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned b0 = p[0];
  if (b0 < 0x80) return {b0, 1};
  const std::ptrdiff_t avail = end - p;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (avail >= 2 && (p[1] & 0xC0) == 0x80) return {char32_t(((b0 & 0x1F) << 6) | (p[1] & 0x3F)), 2};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
      const char32_t cp = ((b0 & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (avail >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
      const char32_t cp = ((b0 & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
    }
  }
  return {kReplacementCharacter, 1};
}

/// Appends the UTF-8 encoding (1..4 bytes) of `cp` to `out`. `cp` must be a scalar value
/// (not a surrogate, at most U+10FFFF); other values are encoded as U+FFFD.
template <class String>
inline void append_utf8(String& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = kReplacementCharacter;
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    append_utf8(out, kReplacementCharacter);
  }
}

}  // namespace somepost::unicode
