// Unit tests of the grapheme segmenter beyond the official test file: the fast path's
// seams, ill-formed input, and the cases the counts of later features depend on.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "unicode/grapheme.hpp"

using somepost::unicode::count_graphemes;
using somepost::unicode::GraphemeIterator;
using somepost::unicode::next_grapheme_boundary;

namespace {
std::vector<std::string> clusters(std::string_view text) {
  std::vector<std::string> out;
  GraphemeIterator it(text);
  for (std::string_view c; it.next(c);) out.emplace_back(c);
  return out;
}
}  // namespace

TEST_CASE("empty and ASCII text") {
  CHECK(count_graphemes("") == 0);
  CHECK(clusters("").empty());
  CHECK(count_graphemes("a") == 1);
  CHECK(count_graphemes("Aluevaalit 2022 ovat mielenterveysvaalit") == 40);
}

TEST_CASE("CR LF is one cluster at every alignment of the 8-byte fast path") {
  for (std::size_t lead = 0; lead < 20; ++lead) {
    const std::string text = std::string(lead, 'x') + "\r\n" + std::string(17, 'y') + "\r\r\n\n";
    CAPTURE(lead);
    // lead + CRLF + 17 + CR + CRLF + LF
    CHECK(count_graphemes(text) == lead + 1 + 17 + 3);
    CHECK(clusters(text).size() == lead + 1 + 17 + 3);
  }
}

TEST_CASE("a combining mark after a long ASCII run joins the last letter") {
  for (std::size_t lead = 1; lead < 20; ++lead) {
    const std::string text = std::string(lead, 'a') + "\xCC\x88" + "bcdefghij";  // a + U+0308
    CAPTURE(lead);
    CHECK(count_graphemes(text) == lead + 9);
    CHECK(clusters(text)[lead - 1] == "a\xCC\x88");
  }
}

TEST_CASE("Prepend before ASCII keeps the fast path honest (GB9b)") {
  // U+0600 ARABIC NUMBER SIGN is Prepend: it joins the following digit.
  const std::string text = "\xD8\x80" "12345678901234567890";
  CHECK(count_graphemes(text) == 20);
  CHECK(clusters(text)[0] == "\xD8\x80" "1");
}

TEST_CASE("Finnish text precomposed and decomposed counts the same") {
  CHECK(count_graphemes("ääkköset ÄÖ") == 11);
  CHECK(count_graphemes("a\xCC\x88" "a\xCC\x88kko\xCC\x88set") == 8);
}

TEST_CASE("emoji sequences are single clusters (GB11, GB12/13, GB9)") {
  CHECK(count_graphemes("👨‍👩‍👧‍👦") == 1);          // ZWJ family
  CHECK(count_graphemes("🏳️‍🌈") == 1);             // flag + VS16 + ZWJ + rainbow
  CHECK(count_graphemes("🇫🇮🇸🇪") == 2);            // two flags
  CHECK(count_graphemes("🇫🇮🇸") == 2);              // a flag and a lone RI
  CHECK(count_graphemes("👍🏽") == 1);               // modifier sequence
  CHECK(count_graphemes("🧑‍🎄") == 1);              // Emoji 13 ZWJ sequence
  CHECK(count_graphemes("1️⃣") == 1);                // keycap
  CHECK(count_graphemes("\xE2\x9C\x81\xE2\x80\x8D\xE2\x9C\x81") == 2);  // U+2701 no longer ExtPict in 17.0
}

TEST_CASE("Indic conjuncts stay together (GB9c)") {
  CHECK(count_graphemes("क्ष") == 1);   // KA VIRAMA SSA
  CHECK(count_graphemes("क्\u200Dष") == 1);  // with ZWJ between (InCB Extend)
  CHECK(count_graphemes("कष") == 2);
}

TEST_CASE("Hangul syllables and conjoining jamo (GB6-GB8)") {
  CHECK(count_graphemes("한국어") == 3);
  CHECK(count_graphemes("\u1112\u1161\u11AB") == 1);  // L V T
}

TEST_CASE("ill-formed bytes are single clusters and never read past the end") {
  CHECK(count_graphemes(std::string_view("\xFF\xFE", 2)) == 2);
  CHECK(count_graphemes(std::string_view("a\xE2\x82", 3)) == 3);  // truncated sequence: 2 x U+FFFD
  CHECK(count_graphemes(std::string_view("\0\0", 2)) == 2);        // U+0000 is a Control
  const std::string truncated_emoji = std::string("\xF0\x9F\x98", 3);
  CHECK(clusters(truncated_emoji).size() == 3);
}

TEST_CASE("next_grapheme_boundary walks the clusters") {
  const std::string text = "e\xCC\x81" "🇫🇮x";
  CHECK(next_grapheme_boundary(text, 0) == 3);
  CHECK(next_grapheme_boundary(text, 3) == 11);
  CHECK(next_grapheme_boundary(text, 11) == 12);
  CHECK(next_grapheme_boundary(text, 12) == 12);
  CHECK(next_grapheme_boundary(text, 99) == 12);
}

TEST_CASE("offset_after_graphemes stops at the n-th boundary, also inside ASCII chunks") {
  const std::string text = std::string(40, 'x') + "\r\n" + "e\xCC\x81" + std::string(20, 'y') + "🇫🇮";
  std::size_t pos = 0;
  for (std::size_t n = 0; n <= 70; ++n) {
    CAPTURE(n);
    CHECK(somepost::unicode::offset_after_graphemes(text, n) == pos);
    pos = next_grapheme_boundary(text, pos);
  }
  CHECK(somepost::unicode::offset_after_graphemes("", 3) == 0);
}

TEST_CASE("count_graphemes_marking equals count_graphemes plus offset_after_graphemes") {
  const std::vector<std::string> texts = {
      "",
      "abc",
      "a\r\nb",
      "Hyvää päivää! 👍🏽 e\xCC\x81 \xF0\x9F\x87\xAB\xF0\x9F\x87\xAE\xF0\x9F\x87\xB8",
      std::string(40, 'x') + "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7" + std::string(20, 'y') + "\xD8\x80" + "z",
      "👩‍👩‍👧‍👦👩‍👩‍👧‍👦 \xCC\x81\xCC\x81 " + std::string(33, '\n')};
  for (const std::string& text : texts) {
    const std::size_t total = somepost::unicode::count_graphemes(text);
    for (std::size_t n = 0; n <= total + 2; ++n) {
      CAPTURE(text);
      CAPTURE(n);
      std::size_t offset = 12345;
      CHECK(somepost::unicode::count_graphemes_marking(text, n, offset) == total);
      CHECK(offset == somepost::unicode::offset_after_graphemes(text, n));
    }
  }
}
