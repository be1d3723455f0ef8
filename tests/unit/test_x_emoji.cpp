// X's emoji rule (docs/platforms.md §1, issue 10 classes 1-4): the longest member of RGI
// Emoji 17.0 ∪ twemoji-parser 11.0.2's forms weighs 2, wherever it starts, including
// right after an 8-byte ASCII chunk. Expected values are twitter-text 3.1.0's parseTweet
// (measured with node) or, for RGI sequences newer than twemoji 11, the documented 2.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "support.hpp"
#include "unicode/emoji.hpp"
#include "unicode/utf8.hpp"

namespace {

using somepost::test::count_on;

std::size_t x_length(const std::string& text) { return count_on("x", text).platforms[0].length; }

std::string utf8(std::u32string_view cps) {
  std::string out;
  for (const char32_t c : cps) somepost::unicode::append_utf8(out, c);
  return out;
}

// The code points of emoji-data.txt with property `property` (ranges expanded).
std::vector<char32_t> with_property(const std::string& property) {
  std::ifstream in(std::string(SOMEPOST_SOURCE_DIR) + "/data/ucd/emoji-data.txt");
  REQUIRE(in);
  std::vector<char32_t> out;
  for (std::string line; std::getline(in, line);) {
    const auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    const auto semi = line.find(';');
    if (semi == std::string::npos) continue;
    std::string range = line.substr(0, semi);
    std::string prop = line.substr(semi + 1);
    prop.erase(0, prop.find_first_not_of(' '));
    prop.erase(prop.find_last_not_of(' ') + 1);
    if (prop != property) continue;
    const auto dots = range.find("..");
    const auto lo = static_cast<char32_t>(std::stoul(range.substr(0, dots), nullptr, 16));
    const auto hi = dots == std::string::npos ? lo : static_cast<char32_t>(std::stoul(range.substr(dots + 2), nullptr, 16));
    for (char32_t c = lo; c <= hi; ++c) out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("x: a keycap weighs 2 at every offset of an ASCII run (class 1)") {
  for (const char base : std::string("#*0123456789")) {
    for (std::size_t k = 0; k <= 24; ++k) {
      const std::string run(k, 'a');
      for (const char* tail : {"\xEF\xB8\x8F\xE2\x83\xA3", "\xE2\x83\xA3"}) {  // U+FE0F U+20E3, U+20E3
        const std::string keycap = std::string(1, base) + tail;
        CAPTURE(k);
        CAPTURE(keycap);
        CHECK(x_length(run + keycap) == k + 2);
        CHECK(x_length(run + keycap + run) == 2 * k + 2);
        // After a URL, where the run's offsets shift: 23 + space + run + keycap.
        CHECK(x_length("mieli.fi/x " + run + keycap) == 23 + 1 + k + 2);
        // A space before the keycap, as in the reproduction "aaaaaaa #\ufe0f\u20e3".
        CHECK(x_length(run + " " + keycap) == k + 3);
      }
    }
  }
  CHECK(x_length("aaaaaaa #\xEF\xB8\x8F\xE2\x83\xA3") == 10);  // was 13
  CHECK(x_length("aaaaaaaa#\xE2\x83\xA3") == 10);              // was 11
  CHECK(x_length("mieli.fi/x #\xEF\xB8\x8F\xE2\x83\xA3") == 26);
}

TEST_CASE("x: an Emoji_Presentation code point weighs 2 with or without U+FE0F (class 2)") {
  std::size_t tested = 0;
  for (const char32_t cp : with_property("Emoji_Presentation")) {
    if (cp > 0xFFFF) continue;  // the BMP ones: ⌚ ⭐ ⚡ ☕ ♈ ...
    ++tested;
    CAPTURE(static_cast<unsigned>(cp));
    // twemoji 11's regex has no U+FE0F form of these 21 (measured: parseTweet gives 4,
    // the code point and a lone U+FE0F), and RGI lists none either.
    static const std::u32string kNoVs16Form = U"\u23e9\u23ea\u23eb\u23ec\u23f0\u23f3\u26ce\u2705\u270a\u270b"
                                              U"\u2728\u274c\u274e\u2753\u2754\u2755\u2795\u2796\u2797\u27b0\u27bf";
    const std::size_t with_vs16 = kNoVs16Form.find(cp) == std::u32string::npos ? 2 : 4;
    CHECK(x_length(utf8(std::u32string{cp})) == 2);
    CHECK(x_length(utf8(std::u32string{cp, 0xFE0F})) == with_vs16);  // was 4 for all
    CHECK(x_length("abc" + utf8(std::u32string{cp, 0xFE0F}) + "abc") == 6 + with_vs16);
  }
  CHECK(tested == 60);  // every BMP Emoji_Presentation code point (the 42 of issue 10 among them)
  // A base, U+FE0F and a skin tone: twemoji matches it as one emoji.
  CHECK(x_length("\u261d\ufe0f\U0001F3FB") == 2);
  CHECK(x_length("\u270c\ufe0f\U0001F3FB") == 2);
  CHECK(x_length("\u26f9\ufe0f\U0001F3FB") == 2);
  CHECK(x_length("\U0001F575\ufe0f\U0001F3FB") == 2);
  CHECK(x_length("\u26f7\U0001F3FB") == 2);
  CHECK(x_length("\U0001F574\ufe0f\u200d\u2642\ufe0f") == 2);
  // U+FE0E asks for text style: the star and the selector weigh 2 each.
  CHECK(x_length("\u2b50\ufe0e") == 4);
}

TEST_CASE("x: regional indicators pair from the left, across clusters (class 3)") {
  CHECK(x_length("\U0001F1E9\U0001F1F3\U0001F1EB") == 4);  // 🇩 + 🇳🇫 (was 6)
  CHECK(x_length("\U0001F1EB\U0001F1EE") == 2);            // 🇫🇮
  CHECK(x_length("\U0001F1EB") == 2);                      // a lone letter is a twemoji form
  CHECK(x_length("\U0001F1EB\U0001F1EE\U0001F1EB") == 4);
  CHECK(x_length("\U0001F1EB\U0001F1EE\U0001F1EB\U0001F1EE") == 4);
}

TEST_CASE("x: non-fully-qualified forms that neither list holds weigh per part (class 4)") {
  CHECK(x_length("\U0001F3C3\u200d\u27a1") == 5);   // 🏃‍➡ without U+FE0F (was 2)
  CHECK(x_length("\u2764\u200d\U0001F525") == 5);   // ❤‍🔥 without U+FE0F (was 2)
  CHECK(x_length("\u2764\ufe0f\u200d\U0001F525") == 2);  // the RGI form (parseTweet: 5)
  CHECK(x_length("\U0001F9D1\u200d\U0001F384") == 2);    // 🧑‍🎄, RGI newer than twemoji 11
  CHECK(somepost::unicode::x_emoji_length("\u2764\u200d\U0001F525") == 3);  // ❤ alone
  CHECK(somepost::unicode::x_emoji_length("abc") == 0);
  CHECK(somepost::unicode::x_emoji_length("\ufe0f") == 3);  // twemoji's lone U+FE0F
}
