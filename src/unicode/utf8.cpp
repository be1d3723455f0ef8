// UTF-8 validation: an ASCII fast path in front of utfcpp's sequence checker, then a
// precise classification of the first ill-formed sequence.
//
// References:
//   RFC 3629 §3 (UTF-8 definition) and §4 (syntax of UTF-8 byte sequences, the ABNF that
//   excludes overlongs, surrogates and code points above U+10FFFF);
//   The Unicode Standard, ch. 3, D92 and Table 3-7 "Well-Formed UTF-8 Byte Sequences":
//
//     Code points         1st byte  2nd byte  3rd byte  4th byte
//     U+0000..U+007F      00..7F
//     U+0080..U+07FF      C2..DF    80..BF
//     U+0800..U+0FFF      E0        A0..BF    80..BF
//     U+1000..U+CFFF      E1..EC    80..BF    80..BF
//     U+D000..U+D7FF      ED        80..9F    80..BF
//     U+E000..U+FFFF      EE..EF    80..BF    80..BF
//     U+10000..U+3FFFF    F0        90..BF    80..BF    80..BF
//     U+40000..U+FFFFF    F1..F3    80..BF    80..BF    80..BF
//     U+100000..U+10FFFF  F4        80..8F    80..BF    80..BF
//
// Noncharacters (U+FFFE, U+FFFF, U+FDD0.., U+nFFFE/F) and U+0000 are scalar values and so
// well-formed; they are accepted.

#include "unicode/utf8.hpp"

#include <bit>
#include <cstring>

#include <utf8.h>

namespace somepost::unicode {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

/// Loads 8 bytes from `p` (no alignment requirement) in native byte order.
inline std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

/// Given a word whose high-bit mask `high` (word & kHighBits) is nonzero, returns the index
/// (0..7, in memory order) of the first byte with its high bit set.
inline std::size_t first_high_byte(std::uint64_t high) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    return static_cast<std::size_t>(std::countr_zero(high)) / 8;
  } else {
    return static_cast<std::size_t>(std::countl_zero(high)) / 8;
  }
}

inline bool is_continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

/// Classifies the ill-formed sequence that starts at `p` (p < end). Precondition: the bytes
/// from `p` do not begin with a well-formed sequence of Table 3-7 (utfcpp rejected them).
///
/// Rule: the bytes are examined in order, starting at the lead, and the FIRST byte that
/// proves the sequence ill-formed decides the kind:
///   lead byte:   80..BF -> stray_continuation; C0, C1 -> overlong; F5..FD -> above_max;
///                FE, FF -> invalid_byte (these need no further bytes);
///   2nd byte:    missing (end of text) or not 80..BF -> truncated;
///                a continuation byte outside the lead's Table 3-7 range decides by lead:
///                E0 80..9F -> overlong, ED A0..BF -> surrogate, F0 80..8F -> overlong,
///                F4 90..BF -> above_max;
///   3rd/4th:     missing or not 80..BF -> truncated.
/// Hence "E0 80" at end of text is overlong (the 2nd byte already proves it) while "E0" at
/// end of text is truncated (E0 A0 80 would have been valid), and "F8 88 80 80" is
/// above_max (the lead F8 proves it).
Utf8ErrorKind classify(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned lead = p[0];
  if (lead >= 0x80 && lead <= 0xBF) return Utf8ErrorKind::stray_continuation;
  if (lead == 0xC0 || lead == 0xC1) return Utf8ErrorKind::overlong;
  if (lead >= 0xF5 && lead <= 0xFD) return Utf8ErrorKind::above_max;
  if (lead >= 0xFE) return Utf8ErrorKind::invalid_byte;

  // Lead is C2..F4: a multi-byte sequence of `length` bytes whose 2nd byte must lie in
  // [lo, hi] (Table 3-7); the outcome of a 2nd byte outside it depends on the side.
  std::size_t length = 2;
  unsigned lo = 0x80, hi = 0xBF;
  Utf8ErrorKind below = Utf8ErrorKind::truncated;  // 80..lo-1
  Utf8ErrorKind above = Utf8ErrorKind::truncated;  // hi+1..BF
  if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) {
      lo = 0xA0;
      below = Utf8ErrorKind::overlong;
    } else if (lead == 0xED) {
      hi = 0x9F;
      above = Utf8ErrorKind::surrogate;
    }
  } else if (lead >= 0xF0) {
    length = 4;
    if (lead == 0xF0) {
      lo = 0x90;
      below = Utf8ErrorKind::overlong;
    } else if (lead == 0xF4) {
      hi = 0x8F;
      above = Utf8ErrorKind::above_max;
    }
  }

  const auto avail = static_cast<std::size_t>(end - p);
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= avail || !is_continuation(p[i])) return Utf8ErrorKind::truncated;
    if (i == 1 && p[1] < lo) return below;
    if (i == 1 && p[1] > hi) return above;
  }
  // Unreachable while the precondition holds (utfcpp and Table 3-7 agree on every
  // sequence; the conformance test cross-checks this). Stay on the rejecting side: the
  // text is still reported as invalid.
  return Utf8ErrorKind::invalid_byte;
}

}  // namespace

std::optional<Utf8Error> validate_utf8(std::string_view text) noexcept {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  const auto* p = begin;

  while (p != end) {
    // ASCII fast path: 16 bytes, then 8 bytes, per step; on a word with a high bit set,
    // skip straight to its first non-ASCII byte. Must equal the Table 3-7 decoder of
    // tests/conformance/utf8_conformance.cpp, which checks every offset of 44M inputs.
    if (end - p >= 16) {
      const std::uint64_t a = load64(p);
      const std::uint64_t b = load64(p + 8);
      if (((a | b) & kHighBits) == 0) {
        p += 16;
        continue;
      }
      if ((a & kHighBits) == 0) {
        p += 8 + first_high_byte(b & kHighBits);
      } else {
        p += first_high_byte(a & kHighBits);
      }
    } else if (end - p >= 8) {
      const std::uint64_t a = load64(p);
      if ((a & kHighBits) == 0) {
        p += 8;
        continue;
      }
      p += first_high_byte(a & kHighBits);
    } else if (*p < 0x80) {
      ++p;
      continue;
    }

    // Two-byte sequences (Latin letters such as ä, ö, å): C2..DF 80..BF, Table 3-7 row 2.
    if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && is_continuation(p[1])) {
      p += 2;
      continue;
    }
    // Any other sequence through utfcpp, which on success advances `p` past it and
    // on failure leaves `p` at the sequence's first byte.
    if (utf8::internal::validate_next(p, end) != utf8::internal::UTF8_OK) {
      return Utf8Error{static_cast<std::size_t>(p - begin), classify(p, end)};
    }
  }
  return std::nullopt;
}

std::string_view describe(Utf8ErrorKind kind) noexcept {
  switch (kind) {
    case Utf8ErrorKind::overlong: return "overlong encoding";
    case Utf8ErrorKind::surrogate: return "encoded surrogate (U+D800..U+DFFF)";
    case Utf8ErrorKind::above_max: return "code point above U+10FFFF";
    case Utf8ErrorKind::truncated: return "truncated sequence";
    case Utf8ErrorKind::stray_continuation: return "unexpected continuation byte";
    case Utf8ErrorKind::invalid_byte: return "byte 0xFE or 0xFF";
  }
  return "invalid UTF-8";
}

}  // namespace somepost::unicode
