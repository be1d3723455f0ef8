// Seeded texts, profiles and tag lists for the differential tests of thread splitting and
// --fit (test_split_differential.cpp, test_fit_differential.cpp). Header-only. The same
// seed gives the same case on every platform and standard library: the generator is
// splitmix64 with plain modulo, not <random>'s distributions, whose output the standard
// leaves to each implementation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/compose.hpp"
#include "core/platforms.hpp"

namespace somepost::test {

/// splitmix64 (Steele, Lea, Flood 2014): a tiny generator with a well-mixed output.
class SplitRandom {
 public:
  explicit SplitRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// 0 .. n-1 (n > 0).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// True with probability `percent` / 100.
  bool percent(std::size_t percent) { return below(100) < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  std::uint64_t state_;
};

/// How many generated cases a differential test runs: `fallback`, or the number in the
/// environment variable `name` (for a longer run by hand, e.g. SOMEPOST_SPLIT_CASES=200000).
inline std::size_t case_count(const char* name, std::size_t fallback) {
  const char* value = std::getenv(name);
  if (!value || !*value) return fallback;
  return static_cast<std::size_t>(std::strtoull(value, nullptr, 10));
}

namespace split_texts {

inline constexpr std::string_view kWords[] = {
    "sana", "ja", "on", "mielenterveys", "Äänestä", "hyvinvointialueiden", "järjestöt", "tukea",
    "kuntien", "Åland", "väliinputoajiksi", "日本語", "한국어", "नमस्ते", "क्षत्र", "مرحبا", "Ελλάδα",
    "e\u0301te\u0301", "a\u0301\u0302\u0303\u0304", "ﬁ", "Ａｂｃ", "2022", "2–3", "ry:n", "e.g.",
    "x.y", "a/b", "C++", "“Mieli”,", "(läpikäynti", "t).", "\u00A0", "\u200B", "\u2028"};
inline constexpr std::string_view kEnds[] = {".", "!", "?", "…", ".”", "!)", "?'", ".»", ","};
inline constexpr std::string_view kUrls[] = {
    "https://mieli.fi/mielenterveysvaalit", "mieli.fi/x", "www.yle.fi", "http://example.com/",
    "https://www.mieli.fi/fi/vaikuttaminen?utm_source=x&utm_medium=y", "https://t.co/AbCdEf1234",
    "gemini://example.org/a", "https://xn--mli-5ka8l.fi/", "example.co", "https://例え.jp/パス",
    "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.fi/", "ftp://example.com", "https://a.b"};
inline constexpr std::string_view kTags[] = {"#mieli", "#äänestä", "#日本", "#tag_2022", "#123", "＃full",
                                             "#a", "#x_y", "#mielenterveysvaalit", "#🙂", "#ää\u0301"};
inline constexpr std::string_view kMentions[] = {"@mieliry", "@user@mastodon.social", "@a", "@x_y@some.yle.fi",
                                                 "＠full", "@user@", "user@example.com"};
inline constexpr std::string_view kEmoji[] = {"👍🏽", "👨‍👩‍👧‍👦", "🇫🇮", "🇫🇮🇸", "1️⃣", "#️⃣", "🏳️‍🌈", "❤️", "☺",
                                              "🧑🏽‍💻", "😮‍💨", "❤️‍🩹", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©", "🫨"};
inline constexpr std::string_view kSpaces[] = {" ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n",
                                               " \u0301", "\n---\n", "\n  ---\t\n", " \u200D", "\u3000"};
inline constexpr std::string_view kLetters[] = {"a", "b", "ä", "ö", "x", "日", "e\u0301", "👍", "1", "_", "-",
                                                ".", "/", "#", "@", ":", "\u0301", "\u200D", "\uFE0F", "🇫"};

/// A long "word": letters, marks and symbols with no whitespace, up to ~600 bytes.
inline std::string long_word(SplitRandom& random) {
  std::string out;
  const std::size_t n = 20 + random.below(random.percent(20) ? 500 : 120);
  const std::size_t kinds = 1 + random.below(std::size(kLetters));  // some words use few kinds
  for (std::size_t i = 0; i < n; ++i) out += kLetters[random.below(kinds)];
  return out;
}

/// One piece of text: a word, a URL, a tag, a mention, an emoji or a long word.
inline std::string piece(SplitRandom& random) {
  const std::size_t r = random.below(100);
  std::string out;
  if (r < 50) {
    out = random.pick(kWords);
    if (random.percent(15)) out += random.pick(kEnds);
  } else if (r < 60) {
    out = random.pick(kUrls);
    if (random.percent(30)) {  // a longer path
      const std::size_t n = random.below(random.percent(8) ? 400 : 40);
      for (std::size_t i = 0; i < n; ++i) out += "abcdefghij/-_.?=&%"[random.below(18)];
    }
  } else if (r < 70) {
    out = random.pick(kTags);
    if (random.percent(8)) out += std::string(random.below(200), 'a');
  } else if (r < 77) {
    out = random.pick(kMentions);
  } else if (r < 90) {
    out = random.pick(kEmoji);
  } else {
    out = long_word(random);
  }
  return out;
}

}  // namespace split_texts

/// A text for splitting: pieces separated by spaces, line breaks, paragraphs and manual
/// breaks, or (a quarter of the texts) run together with no whitespace at all.
inline std::string split_text(SplitRandom& random, std::size_t max_pieces) {
  using namespace split_texts;
  const bool no_spaces = random.percent(25);
  const std::size_t n = random.below(max_pieces + 1);
  std::string out;
  if (random.percent(10)) out += random.pick(kSpaces);  // leading whitespace
  for (std::size_t i = 0; i < n; ++i) {
    if (i && !no_spaces) out += random.pick(kSpaces);
    out += piece(random);
  }
  if (random.percent(10)) out += random.pick(kSpaces);  // trailing whitespace
  return out;
}

/// `base` with a small random limit (in its unit; the byte limit, if any, four times it),
/// so that short texts make many parts; now and then the real limit.
inline core::Profile small_profile(SplitRandom& random, const core::Profile& base) {
  core::Profile p = base;
  if (random.percent(90)) {
    p.limit = 8 + random.below(random.percent(50) ? 40 : 150);
    if (p.byte_limit) p.byte_limit = p.limit * (2 + random.below(4));
  }
  return p;
}

/// A tag list for --fit: catalogue-style tags (with '#') with priorities 0-3, and
/// sometimes the same tag twice.
inline std::vector<core::ChosenTag> fit_tags(SplitRandom& random, std::size_t max_tags) {
  static constexpr std::string_view kFitTags[] = {
      "#mielenterveys", "#aluevaalit2022", "#Äänestä", "#terapiatakuu", "#mielenterveysvaalit", "#日本", "#a",
      "#x_y", "#tag2022", "#ääni", "#mieli", "#hyvinvointialueet", "#välittäminen", "#ＭＩＥＬＩ"};
  std::vector<core::ChosenTag> tags;
  const std::size_t n = random.below(max_tags + 1);
  for (std::size_t i = 0; i < n; ++i) {
    std::string tag(random.pick(kFitTags));
    if (random.percent(30)) tag += std::to_string(random.below(1000));
    tags.push_back({tag, static_cast<int>(random.below(4)), nullptr});
  }
  return tags;
}

}  // namespace somepost::test
