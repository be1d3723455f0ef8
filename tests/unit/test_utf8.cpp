// Unit tests for src/unicode/utf8.hpp: validate_utf8 (offset and kind of the first bad
// sequence), describe, decode_lenient and append_utf8.

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "unicode/utf8.hpp"

namespace {

using somepost::unicode::append_utf8;
using somepost::unicode::decode_lenient;
using somepost::unicode::describe;
using somepost::unicode::kReplacementCharacter;
using somepost::unicode::Utf8Error;
using somepost::unicode::Utf8ErrorKind;
using somepost::unicode::validate_utf8;

/// Builds a string from byte values (so that NUL and non-ASCII bytes need no escapes).
std::string bytes(std::initializer_list<unsigned> values) {
  std::string s;
  for (const unsigned v : values) s.push_back(static_cast<char>(v));
  return s;
}

const unsigned char* ubegin(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

struct KindCase {
  std::string text;
  std::size_t offset;
  Utf8ErrorKind kind;
};

}  // namespace

TEST_CASE("validate_utf8: each error kind with its offset") {
  const KindCase cases[] = {
      // overlong: C0/C1 leads, E0 80..9F, F0 80..8F
      {bytes({0xC0, 0xAF}), 0, Utf8ErrorKind::overlong},
      {bytes({0x41, 0xC1, 0xBF}), 1, Utf8ErrorKind::overlong},
      {bytes({0x41, 0x42, 0xE0, 0x80, 0xAF}), 2, Utf8ErrorKind::overlong},
      {bytes({0xC3, 0xA4, 0xF0, 0x8F, 0xBF, 0xBF}), 2, Utf8ErrorKind::overlong},
      {bytes({0xE0, 0x80}), 0, Utf8ErrorKind::overlong},  // the 2nd byte already proves it
      // surrogate: ED A0..BF
      {bytes({0xED, 0xA0, 0x80}), 0, Utf8ErrorKind::surrogate},
      {bytes({0x61, 0x62, 0x63, 0xED, 0xBF, 0xBF}), 3, Utf8ErrorKind::surrogate},
      {bytes({0xED, 0xA0}), 0, Utf8ErrorKind::surrogate},
      // above_max: F4 90..BF, leads F5..FD
      {bytes({0xF4, 0x90, 0x80, 0x80}), 0, Utf8ErrorKind::above_max},
      {bytes({0xE2, 0x82, 0xAC, 0xF5, 0x80, 0x80, 0x80}), 3, Utf8ErrorKind::above_max},
      {bytes({0x20, 0xF8, 0x88, 0x80, 0x80, 0x80}), 1, Utf8ErrorKind::above_max},
      {bytes({0xFD}), 0, Utf8ErrorKind::above_max},
      // truncated: end of text or a non-continuation byte where one is needed
      {bytes({0xC3}), 0, Utf8ErrorKind::truncated},
      {bytes({0x41, 0xE2, 0x82}), 1, Utf8ErrorKind::truncated},
      {bytes({0x41, 0xE2, 0x82, 0x41}), 1, Utf8ErrorKind::truncated},
      {bytes({0xF0, 0x9F, 0x97, 0xB3, 0xF0, 0x9F, 0x97}), 4, Utf8ErrorKind::truncated},
      {bytes({0xE0}), 0, Utf8ErrorKind::truncated},
      {bytes({0xC3, 0xC3, 0xA4}), 0, Utf8ErrorKind::truncated},
      // stray_continuation: 80..BF where a lead is expected
      {bytes({0x80}), 0, Utf8ErrorKind::stray_continuation},
      {bytes({0xC3, 0xA4, 0xA4}), 2, Utf8ErrorKind::stray_continuation},
      {bytes({0x41, 0x42, 0xBF, 0x41}), 2, Utf8ErrorKind::stray_continuation},
      // invalid_byte: FE, FF
      {bytes({0xFE}), 0, Utf8ErrorKind::invalid_byte},
      {bytes({0x41, 0xFF, 0xFE}), 1, Utf8ErrorKind::invalid_byte},
  };
  for (const KindCase& c : cases) {
    CAPTURE(c.offset);
    CAPTURE(describe(c.kind));
    const auto err = validate_utf8(c.text);
    REQUIRE(err.has_value());
    CHECK(err->offset == c.offset);
    CHECK(err->kind == c.kind);
  }
}

TEST_CASE("validate_utf8: valid text") {
  // "Hyvinvointialueiden äänestys 🗳️" (U+1F5F3 BALLOT BOX WITH BALLOT, U+FE0F).
  const std::string finnish = "Hyvinvointialueiden " + bytes({0xC3, 0xA4, 0xC3, 0xA4}) + "nestys " +
                              bytes({0xF0, 0x9F, 0x97, 0xB3, 0xEF, 0xB8, 0x8F});
  CHECK(finnish == std::string_view("Hyvinvointialueiden äänestys 🗳️"));
  CHECK_FALSE(validate_utf8(finnish).has_value());
  CHECK_FALSE(validate_utf8("").has_value());
  CHECK_FALSE(validate_utf8("plain ASCII, long enough to take the fast path twice over").has_value());

  // Boundaries of Table 3-7 and noncharacters are valid.
  CHECK_FALSE(validate_utf8(bytes({0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80})).has_value());
  CHECK_FALSE(validate_utf8(bytes({0xED, 0x9F, 0xBF, 0xEE, 0x80, 0x80})).has_value());
  CHECK_FALSE(validate_utf8(bytes({0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF})).has_value());
  CHECK_FALSE(validate_utf8(bytes({0xEF, 0xBF, 0xBE, 0xEF, 0xBF, 0xBF, 0xEF, 0xB7, 0x90})).has_value());
}

TEST_CASE("validate_utf8: U+0000 is valid, also inside a string_view") {
  CHECK_FALSE(validate_utf8(std::string_view("a\0b", 3)).has_value());
  CHECK_FALSE(validate_utf8(std::string_view("\0", 1)).has_value());
  const std::string zeros(40, '\0');
  CHECK_FALSE(validate_utf8(zeros).has_value());
  // Bytes after a NUL are still checked, and its overlong form C0 80 is not valid.
  const auto err = validate_utf8(bytes({0x00, 0x41, 0x00, 0xC0, 0x80}));
  REQUIRE(err.has_value());
  CHECK(err->offset == 3);
  CHECK(err->kind == Utf8ErrorKind::overlong);
}

TEST_CASE("validate_utf8: errors after a long ASCII run, at every alignment") {
  const std::string bad[] = {
      bytes({0x80}),       bytes({0xC0, 0xAF}), bytes({0xED, 0xA0, 0x80}), bytes({0xF4, 0x90, 0x80, 0x80}),
      bytes({0xE2, 0x82}), bytes({0xFF}),
  };
  const Utf8ErrorKind kinds[] = {Utf8ErrorKind::stray_continuation, Utf8ErrorKind::overlong,
                                 Utf8ErrorKind::surrogate,          Utf8ErrorKind::above_max,
                                 Utf8ErrorKind::truncated,          Utf8ErrorKind::invalid_byte};
  // A heap buffer with an offset of 0..15 from its start, so the 8/16-byte loads of the
  // fast path start at every alignment.
  for (std::size_t align = 0; align < 16; ++align) {
    for (std::size_t run = 17; run <= 70; ++run) {
      for (std::size_t k = 0; k < std::size(bad); ++k) {
        for (const std::size_t tail : {std::size_t{0}, std::size_t{1}, std::size_t{9}, std::size_t{20}}) {
          std::string buffer(align, '#');
          buffer.append(run, 'a');
          buffer += bad[k];
          buffer.append(tail, 'z');
          const std::string_view text = std::string_view(buffer).substr(align);
          const auto err = validate_utf8(text);
          CAPTURE(align);
          CAPTURE(run);
          CAPTURE(k);
          REQUIRE(err.has_value());
          CHECK(err->offset == run);
          CHECK(err->kind == kinds[k]);
        }
      }
    }
  }
  // Valid multi-byte text mixed into the run does not hide a later error.
  std::string mixed;
  for (int i = 0; i < 10; ++i) mixed += "abcdefghij" + bytes({0xC3, 0xA4, 0xE2, 0x82, 0xAC});
  CHECK_FALSE(validate_utf8(mixed).has_value());
  const std::size_t where = mixed.size();
  mixed += bytes({0xED, 0xBF, 0xBF});
  const auto err = validate_utf8(mixed);
  REQUIRE(err.has_value());
  CHECK(err->offset == where);
  CHECK(err->kind == Utf8ErrorKind::surrogate);
}

TEST_CASE("describe: a short phrase for every kind") {
  CHECK(describe(Utf8ErrorKind::overlong) == "overlong encoding");
  CHECK(describe(Utf8ErrorKind::surrogate) == "encoded surrogate (U+D800..U+DFFF)");
  CHECK(describe(Utf8ErrorKind::above_max) == "code point above U+10FFFF");
  CHECK(describe(Utf8ErrorKind::truncated) == "truncated sequence");
  CHECK(describe(Utf8ErrorKind::stray_continuation) == "unexpected continuation byte");
  CHECK(describe(Utf8ErrorKind::invalid_byte) == "byte 0xFE or 0xFF");
}

TEST_CASE("append_utf8 and decode_lenient round-trip every scalar value") {
  std::string s;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    s.clear();
    append_utf8(s, cp);
    const std::size_t expected_length = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const auto d = decode_lenient(ubegin(s), ubegin(s) + s.size());
    if (s.size() != expected_length || d.code_point != cp || d.length != s.size() ||
        validate_utf8(s).has_value()) {
      CAPTURE(static_cast<std::uint32_t>(cp));
      FAIL("round trip failed");
    }
  }
}

TEST_CASE("append_utf8: non-scalar values become U+FFFD") {
  const std::string replacement = bytes({0xEF, 0xBF, 0xBD});
  for (const char32_t cp : {char32_t{0xD800}, char32_t{0xDBFF}, char32_t{0xDC00}, char32_t{0xDFFF},
                            char32_t{0x110000}, char32_t{0x7FFFFFFF}}) {
    std::string s = "x";
    append_utf8(s, cp);
    CHECK(s == "x" + replacement);
  }
}

TEST_CASE("decode_lenient: ill-formed input yields U+FFFD of length 1, within bounds") {
  const std::string inputs[] = {
      bytes({0x80}),             bytes({0xC0, 0xAF}),       bytes({0xC3}),
      bytes({0xE0, 0x80, 0x80}), bytes({0xED, 0xA0, 0x80}), bytes({0xE2, 0x82}),
      bytes({0xF4, 0x90, 0x80, 0x80}), bytes({0xF0, 0x9F, 0x97}), bytes({0xF5, 0x80, 0x80, 0x80}),
      bytes({0xFE}),             bytes({0xFF}),             bytes({0xC3, 0x41}),
  };
  for (const std::string& in : inputs) {
    // A heap copy of exactly in.size() bytes, so that reading past the end is caught by
    // AddressSanitizer.
    const auto copy = std::make_unique<unsigned char[]>(in.size());
    std::memcpy(copy.get(), in.data(), in.size());
    const auto d = decode_lenient(copy.get(), copy.get() + in.size());
    CHECK(d.code_point == kReplacementCharacter);
    CHECK(d.length == 1);
  }
  // A real U+FFFD decodes as itself with length 3.
  const std::string fffd = bytes({0xEF, 0xBF, 0xBD});
  const auto d = decode_lenient(ubegin(fffd), ubegin(fffd) + 3);
  CHECK(d.code_point == kReplacementCharacter);
  CHECK(d.length == 3);
}

TEST_CASE("decode_lenient agrees with validate_utf8 on short inputs") {
  // Valid exactly when a lenient walk never needs an error replacement (U+FFFD of length 1).
  auto lenient_ok = [](std::string_view s) {
    const unsigned char* p = ubegin(s);
    const unsigned char* const end = p + s.size();
    while (p < end) {
      const auto d = decode_lenient(p, end);
      if (d.code_point == kReplacementCharacter && d.length == 1) return false;
      p += d.length;
    }
    return true;
  };
  std::string s;
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      s = bytes({a, b});
      if (lenient_ok(s) != !validate_utf8(s).has_value()) FAIL_CHECK("2-byte mismatch at " << a << " " << b);
      for (unsigned c = 0x7F; c <= 0xC0; ++c) {  // 3rd byte around the continuation range
        s = bytes({a, b, c});
        if (lenient_ok(s) != !validate_utf8(s).has_value()) FAIL_CHECK("3-byte mismatch at " << a << " " << b << " " << c);
      }
    }
  }
}

TEST_CASE("decode_lenient + append_utf8 re-encode valid text unchanged") {
  const std::string text = "Hyvinvointialueiden " + bytes({0xC3, 0xA4, 0xC3, 0xA4}) + "nestys " +
                           bytes({0xF0, 0x9F, 0x97, 0xB3, 0xEF, 0xB8, 0x8F}) + std::string(1, '\0') +
                           bytes({0xEF, 0xBF, 0xBF, 0xF4, 0x8F, 0xBF, 0xBF});
  REQUIRE_FALSE(validate_utf8(text).has_value());
  std::string out;
  const unsigned char* p = ubegin(text);
  const unsigned char* const end = p + text.size();
  std::size_t code_points = 0;
  while (p < end) {
    const auto d = decode_lenient(p, end);
    append_utf8(out, d.code_point);
    p += d.length;
    ++code_points;
  }
  CHECK(out == text);
  CHECK(code_points == 20 + 2 + 7 + 2 + 1 + 2);
}
