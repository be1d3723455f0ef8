// Unit tests for src/unicode/normalization.cpp (NFC, UAX #15). The full conformance run
// over NormalizationTest.txt is tests/conformance/nfc_conformance.cpp.
#include <doctest/doctest.h>

#include <ios>
#include <string>
#include <string_view>

#include "unicode/normalization.hpp"
#include "unicode/utf8.hpp"

namespace {

using somepost::unicode::is_nfc_quick;
using somepost::unicode::nfc;
using somepost::unicode::to_nfc;

/// The UTF-8 encoding of `text`, to keep the UTF-8 cases readable.
std::string utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t cp : text) somepost::unicode::append_utf8(out, cp);
  return out;
}

/// NFC of `text` through to_nfc, as an owned string.
std::string nfc_of(std::string_view text) {
  std::string storage;
  return std::string(to_nfc(text, storage));
}

}  // namespace

TEST_CASE("already-NFC text is returned as a view of the input, not copied") {
  const std::string texts[] = {
      "plain ASCII text",
      "Hyvää päivää, miten menee? Öljyä ja särkeä.",  // precomposed ä, ö
      "\xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4",         // 한국어 (precomposed syllables)
      "e\xCC\x81",                                    // e + U+0301: not NFC, composes to é
  };
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(texts[i]);
    std::string storage = "untouched";
    const std::string_view result = to_nfc(texts[i], storage);
    CHECK(result.data() == texts[i].data());
    CHECK(result.size() == texts[i].size());
    CHECK(storage == "untouched");
    CHECK(is_nfc_quick(texts[i]));
  }
  std::string storage;
  const std::string_view changed = to_nfc(texts[3], storage);
  CHECK(changed.data() == storage.data());
  CHECK(changed == "\xC3\xA9");  // é U+00E9
}

TEST_CASE("to_nfc accepts a view of its own storage") {
  std::string storage = "e\xCC\x81 and a\xCC\x88";
  const std::string_view first = to_nfc(storage, storage);
  CHECK(first == "\xC3\xA9 and \xC3\xA4");
  CHECK(first.data() == storage.data());
  std::string_view part = std::string_view(storage).substr(0, 2);  // "é", already NFC
  CHECK(to_nfc(part, storage).data() == part.data());
  storage = "o\xCC\x88o\xCC\x88";
  part = std::string_view(storage).substr(3);  // "o" + U+0308
  CHECK(to_nfc(part, storage) == "\xC3\xB6");
  CHECK(storage == "\xC3\xB6");
}

TEST_CASE("empty string") {
  std::string storage = "old";
  const std::string_view empty;
  CHECK(to_nfc(empty, storage).empty());
  CHECK(nfc(std::string_view()).empty());
  CHECK(nfc(std::u32string_view()).empty());
  CHECK(is_nfc_quick(""));
}

TEST_CASE("NFD Finnish a/o + U+0308 compose to U+00E4 / U+00F6") {
  CHECK(nfc_of("a\xCC\x88") == "\xC3\xA4");                   // ä
  CHECK(nfc_of("o\xCC\x88") == "\xC3\xB6");                   // ö
  CHECK(nfc_of("A\xCC\x88O\xCC\x88") == "\xC3\x84\xC3\x96");  // ÄÖ
  CHECK(nfc_of(utf8(U"Hyva\u0308a\u0308 pa\u0308iva\u0308a\u0308, o\u0308ljya\u0308")) ==
        utf8(U"Hyv\u00E4\u00E4 p\u00E4iv\u00E4\u00E4, \u00F6ljy\u00E4"));
  CHECK(nfc(std::string_view("tyo\xCC\x88")) == "ty\xC3\xB6");  // työ
  CHECK(nfc(std::u32string_view(U"a\u0308")) == U"\u00E4");
  CHECK_FALSE(is_nfc_quick("a\xCC\x88"));
}

TEST_CASE("Hangul LV / LVT composition and decomposition round-trip (Unicode 3.12)") {
  // U+1100 U+1161 -> U+AC00 (LV); U+1100 U+1161 U+11A8 -> U+AC01 (LVT).
  CHECK(nfc(std::u32string_view(U"\u1100\u1161")) == U"\uAC00");
  CHECK(nfc(std::u32string_view(U"\u1100\u1161\u11A8")) == U"\uAC01");
  // LV syllable + T jamo -> LVT syllable.
  CHECK(nfc(std::u32string_view(U"\uAC00\u11A8")) == U"\uAC01");
  // U+D55C 한 = U+1112 U+1161 U+11AB; U+AE00 글 = U+1100 U+1173 U+11AF.
  CHECK(nfc(std::u32string_view(U"\u1112\u1161\u11AB\u1100\u1173\u11AF")) == U"\uD55C\uAE00");
  CHECK(nfc_of("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == "\xED\x95\x9C");
  // An LVT syllable takes no further T, and U+11A7 (just below the first T) is no T.
  CHECK(nfc(std::u32string_view(U"\uAC01\u11A8")) == U"\uAC01\u11A8");
  CHECK(nfc(std::u32string_view(U"\uAC00\u11A7")) == U"\uAC00\u11A7");
  // Every syllable is NFC and survives a round trip through its jamo.
  for (char32_t s = 0xAC00; s <= 0xD7A3; ++s) {
    const char32_t s_index = s - 0xAC00;
    std::u32string jamo{char32_t(0x1100 + s_index / 588), char32_t(0x1161 + (s_index % 588) / 28)};
    if (s_index % 28 != 0) jamo.push_back(char32_t(0x11A7 + s_index % 28));
    if (nfc(std::u32string_view(jamo)) != std::u32string(1, s)) {
      FAIL("jamo of U+" << std::hex << unsigned(s) << " do not compose to it");
    }
    const std::u32string single(1, s);
    if (nfc(std::u32string_view(single)) != single)
      FAIL("U+" << std::hex << unsigned(s) << " changed");
  }
}

TEST_CASE("composition exclusions stay decomposed") {
  // U+0958 DEVANAGARI LETTER QA is excluded: NFC = U+0915 U+093C, which does not recompose.
  CHECK(nfc(std::u32string_view(U"\u0958")) == U"\u0915\u093C");
  CHECK(nfc(std::u32string_view(U"\u0915\u093C")) == U"\u0915\u093C");
  CHECK(nfc_of("\xE0\xA5\x98") == "\xE0\xA4\x95\xE0\xA4\xBC");
  CHECK_FALSE(is_nfc_quick("\xE0\xA5\x98"));
  // U+0344 (non-starter decomposition) -> U+0308 U+0301.
  CHECK(nfc(std::u32string_view(U"\u0344")) == U"\u0308\u0301");
}

TEST_CASE("blocking (D115)") {
  // a + U+0316 (ccc 220) + U+0301 (ccc 230): U+0316 does not block, so á + U+0316.
  CHECK(nfc(std::u32string_view(U"a\u0316\u0301")) == U"\u00E1\u0316");
  // Canonical ordering first: a + U+0301 + U+0316 gives the same.
  CHECK(nfc(std::u32string_view(U"a\u0301\u0316")) == U"\u00E1\u0316");
  // a + U+0301 + U+0301: the first composes; the second is then adjacent to á, but there
  // is no primary composite á + U+0301, so it stays.
  CHECK(nfc(std::u32string_view(U"a\u0301\u0301")) == U"\u00E1\u0301");
  // A starter in between blocks: U+0301 cannot reach the a past b (and b + U+0301 has no
  // primary composite), so nothing changes.
  CHECK(nfc(std::u32string_view(U"ab\u0301")) == U"ab\u0301");
  // Same class blocks: a + U+0300 (230) + U+0301 (230) -> à + U+0301.
  CHECK(nfc(std::u32string_view(U"a\u0300\u0301")) == U"\u00E0\u0301");
  CHECK(nfc_of("a\xCC\x96\xCC\x81") == "\xC3\xA1\xCC\x96");
}

TEST_CASE("singletons: U+212B ANGSTROM SIGN -> U+00C5") {
  CHECK(nfc(std::u32string_view(U"\u212B")) == U"\u00C5");
  CHECK(nfc_of("\xE2\x84\xAB") == "\xC3\x85");
  CHECK(nfc(std::u32string_view(U"\u2126")) == U"\u03A9");  // OHM SIGN -> OMEGA
  CHECK_FALSE(is_nfc_quick("\xE2\x84\xAB"));
}

TEST_CASE("canonical ordering across a precomposed character") {
  // U+1EAC (Ậ) + U+0323: decomposes to A U+0323 U+0302 U+0323 -> U+1EAC U+0323.
  CHECK(nfc(std::u32string_view(U"\u1EAC\u0323")) == U"\u1EAC\u0323");
  // Å (QC=Yes) + dot below: A U+0323 U+030A -> U+1EA0 U+030A.
  CHECK(nfc(std::u32string_view(U"\u00C5\u0323")) == U"\u1EA0\u030A");
  CHECK(nfc_of("x\xC3\x85\xCC\xA3y") == "x\xE1\xBA\xA0\xCC\x8Ay");
}

TEST_CASE("ill-formed bytes become U+FFFD") {
  // Each ill-formed byte is one U+FFFD (decode_lenient), even when the text is otherwise NFC.
  CHECK(nfc_of("a\xFF"
               "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(nfc_of("\x80") == "\xEF\xBF\xBD");
  CHECK(nfc_of("\xC3") == "\xEF\xBF\xBD");                                  // truncated
  CHECK(nfc_of("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(nfc_of("a\xCC\x88\xFE") == "\xC3\xA4\xEF\xBF\xBD");  // with a composition nearby
  CHECK(nfc(std::string_view("\xC0\xAF")) == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  // The u32 API replaces values that are not scalar values.
  CHECK(nfc(std::u32string_view(U"a\xD800"
                                "b")) ==
        U"a\uFFFD"
        "b");
  const char32_t too_big[] = {0x110000, 0};
  CHECK(nfc(std::u32string_view(too_big)) == U"\uFFFD");
  // A real U+FFFD is NFC and is kept as it is.
  const std::string replacement = "x\xEF\xBF\xBDy";
  std::string storage;
  CHECK(to_nfc(replacement, storage).data() == replacement.data());
}

TEST_CASE("is_nfc_quick answers") {
  CHECK(is_nfc_quick("ASCII only"));
  CHECK(is_nfc_quick("\xC3\xA4\xC3\xB6"));                // ä ö
  CHECK(is_nfc_quick("\xEA\xB0\x80"));                    // U+AC00
  CHECK(is_nfc_quick("a\xCC\x96"));                       // a + U+0316 (QC Yes, no composite)
  CHECK_FALSE(is_nfc_quick("a\xCC\x81"));                 // U+0301 is QC Maybe
  CHECK_FALSE(is_nfc_quick("\xE1\x84\x80\xE1\x85\xA1"));  // L + V jamo: V is QC Maybe
  CHECK_FALSE(is_nfc_quick("\xE2\x84\xAB"));              // U+212B is QC No
  // Non-starters out of canonical order: U+0301 (230) then U+0316 (220) - but U+0301 is
  // Maybe anyway; use two QC=Yes marks: U+0315 (232) then U+0316 (220).
  CHECK_FALSE(is_nfc_quick("a\xCC\x95\xCC\x96"));
  CHECK(is_nfc_quick("a\xCC\x96\xCC\x95"));
  // Ill-formed bytes count as U+FFFD, which is NFC (to_nfc still replaces them).
  CHECK(
      is_nfc_quick("a\xFF"
                   "b"));
}
