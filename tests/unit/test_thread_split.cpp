// Thread splitting: every part fits with its number, breaks fall at the strongest
// boundary, and no URL, hashtag, mention or grapheme cluster is ever cut.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/count.hpp"
#include "core/extract.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"
#include "unicode/grapheme.hpp"
#include "support.hpp"

using namespace somepost::core;
using somepost::test::profile;

namespace {

ThreadResult split(std::string_view text, std::string_view id, std::string_view cw = {}) {
  Counter counter;
  CountOptions options;
  options.content_warning = cw;
  return split_thread(text, profile(id), options, counter);
}

// The part without its " N/TOTAL" label; checks that the label is there and right.
std::string_view body_of(const ThreadPart& part, std::size_t number, std::size_t total) {
  const std::string label = " " + std::to_string(number) + "/" + std::to_string(total);
  REQUIRE(part.text.size() > label.size());
  CHECK(part.text.substr(part.text.size() - label.size()) == label);
  return std::string_view(part.text).substr(0, part.text.size() - label.size());
}

// Recounts a part with a fresh counter (not the splitter's) on the platform.
bool fits_on(std::string_view id, std::string_view text, std::string_view cw = {}) {
  return somepost::test::count_on(id, text, cw).all_fit();
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

// Entities found by the recognizers, as text.
std::vector<std::string> entities(std::string_view text) {
  std::vector<std::string> out;
  std::vector<UrlMatch> urls;
  extract_urls(text, UrlRule::twitter, urls);
  for (const auto& u : urls) out.emplace_back(u.span.of(text));
  std::vector<HashtagMatch> tags;
  extract_hashtags(text, HashtagRule::x, tags);
  for (const auto& t : tags) out.emplace_back(t.span.of(text));
  std::vector<MentionMatch> mentions;
  extract_mentions(text, MentionRule::mastodon, mentions);
  for (const auto& m : mentions) out.emplace_back(m.span.of(text));
  std::sort(out.begin(), out.end());
  return out;
}

// A long Finnish text with URLs, hashtags and mentions in it, from a fixed seed.
std::string campaign_text(unsigned seed, std::size_t paragraphs) {
  std::mt19937 random(seed);
  const std::vector<std::string> words = {
      "hyvinvointialueiden", "mielenterveys", "palvelut", "lasten", "nuorten", "ja", "on", "tukea",
      "järjestöt", "👋🏽", "#terapiatakuu", "@mieliry", "https://mieli.fi/mielenterveysvaalit?utm_source=x",
      "mieli.fi/kampanja", "@joku@mastodon.social", "#mielenterveysvaalit", "kuntien", "yhdessä"};
  std::string text;
  for (std::size_t p = 0; p < paragraphs; ++p) {
    if (p) text += "\n\n";
    const std::size_t sentences = 2 + random() % 4;
    for (std::size_t s = 0; s < sentences; ++s) {
      if (s) text += ' ';
      const std::size_t n = 4 + random() % 14;
      for (std::size_t w = 0; w < n; ++w) {
        if (w) text += ' ';
        text += words[random() % words.size()];
      }
      text += '.';
    }
  }
  return text;
}

}  // namespace

TEST_CASE("a post that fits is returned unchanged, unnumbered") {
  const std::string text = "Äänestä mielenterveyden puolesta!\n\n#mielenterveysvaalit";
  const ThreadResult r = split(text, "x");
  CHECK(r.fits);
  REQUIRE(r.parts.size() == 1);
  CHECK(r.parts[0].text == text);
  CHECK(r.parts[0].count.all_fit());
}

TEST_CASE("long texts: every part fits with its number, and nothing is lost or cut") {
  for (const char* id : {"x", "bluesky", "mastodon", "threads"}) {
    for (unsigned seed = 1; seed <= 12; ++seed) {
      CAPTURE(id);
      CAPTURE(seed);
      const std::string text = campaign_text(seed, 3 + seed % 5);
      const ThreadResult r = split(text, id);
      REQUIRE_MESSAGE(r.fits, r.problem);
      const bool over = !fits_on(id, text);
      if (!over) continue;
      REQUIRE(r.parts.size() >= 2);
      std::string bodies;
      for (std::size_t i = 0; i < r.parts.size(); ++i) {
        CHECK(fits_on(id, r.parts[i].text));  // numbering included
        CHECK(r.parts[i].count.all_fit());
        const std::string_view body = body_of(r.parts[i], i + 1, r.parts.size());
        // No part starts or ends with whitespace.
        CHECK(body.find_first_of(" \n") != 0);
        CHECK(body.back() != ' ');
        if (i) bodies += ' ';
        bodies += body;
      }
      // The words, in order, are those of the text: no break fell inside a word here
      // (every word is shorter than a part), so no URL, hashtag or mention was cut.
      CHECK(words_of(bodies) == words_of(text));
      CHECK(entities(bodies) == entities(text));
    }
  }
}

TEST_CASE("paragraphs are preferred to sentences, sentences to words") {
  const std::string a(150, 'a');
  const std::string b(100, 'b');
  // Two paragraphs that together are over 280; the break falls at the blank line.
  std::string text = a + " one.\n\n" + b + " two. " + a + " three.";
  ThreadResult r = split(text, "x");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].text == a + " one. 1/2");
  CHECK(r.parts[1].text == b + " two. " + a + " three. 2/2");

  // One paragraph: the break falls after a sentence, not at the last space that fits.
  text = a + " one. " + std::string(120, 'b') + " two three four five";
  r = split(text, "x");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].text == a + " one. 1/2");

  // A paragraph break that would leave the part less than half full is not preferred.
  text = "Hei.\n\n" + a + " " + a;
  r = split(text, "x");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[0].text == "Hei.\n\n" + a + " 1/2");
}

TEST_CASE("a line with only --- is a manual break, even when the text fits") {
  const ThreadResult r = split("Ensimmäinen osa.\n---\nToinen osa.\n  ---  \r\nKolmas.", "x");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 3);
  CHECK(r.parts[0].text == "Ensimmäinen osa. 1/3");
  CHECK(r.parts[1].text == "Toinen osa. 2/3");
  CHECK(r.parts[2].text == "Kolmas. 3/3");
  CHECK(is_thread_break("---"));
  CHECK(is_thread_break(" --- \r"));
  CHECK_FALSE(is_thread_break("----"));
  CHECK_FALSE(is_thread_break("--- x"));
}

TEST_CASE("the numbering counts: labels grow to two digits and every part still fits") {
  std::string text;
  for (int i = 0; i < 400; ++i) text += "sana" + std::to_string(i) + " ";
  text.pop_back();
  const ThreadResult r = split(text, "bluesky");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() >= 10);
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    CHECK(fits_on("bluesky", r.parts[i].text));
    body_of(r.parts[i], i + 1, r.parts.size());
  }
  // Filled close to the limit: the label is what keeps a part from being longer.
  CHECK(r.parts[0].count.platforms[0].length > 280);
}

TEST_CASE("a word longer than a part is cut at grapheme clusters, never inside one") {
  std::string word;
  for (int i = 0; i < 400; ++i) word += "👍🏽";  // one cluster of two code points, 8 bytes
  const ThreadResult r = split(word, "bluesky");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 2);
  std::size_t clusters = 0;
  for (std::size_t i = 0; i < r.parts.size(); ++i) {
    const std::string_view body = body_of(r.parts[i], i + 1, r.parts.size());
    CHECK(body.size() % 8 == 0);
    CHECK(somepost::unicode::count_graphemes(body) == body.size() / 8);
    clusters += body.size() / 8;
    CHECK(fits_on("bluesky", r.parts[i].text));
  }
  CHECK(clusters == 400);
}

TEST_CASE("a space that is the base of a grapheme cluster is no place to break") {
  // A space before U+0301 (combining acute), U+200D (ZWJ) or U+FE0F (VS16) forms one
  // cluster with it; breaking at that space would start the next part with an orphan mark.
  for (const char* mark : {"\u0301", "\u200D", "\uFE0F"}) {
    CAPTURE(mark);
    const std::string text = std::string(270, 'a') + " " + mark + std::string(20, 'b');
    const ThreadResult r = split(text, "x");
    REQUIRE_MESSAGE(r.fits, r.problem);
    REQUIRE(r.parts.size() == 2);
    std::string bodies;
    for (std::size_t i = 0; i < r.parts.size(); ++i) {
      const std::string_view body = body_of(r.parts[i], i + 1, r.parts.size());
      CHECK(body.rfind(mark, 0) != 0);  // no part starts with the mark
      CHECK(fits_on("x", r.parts[i].text));
      bodies += body;
    }
    // Cut inside the run of b's, at a cluster boundary: nothing dropped, nothing split.
    CHECK(bodies == text);
    CHECK(somepost::unicode::count_graphemes(body_of(r.parts[0], 1, 2)) +
              somepost::unicode::count_graphemes(body_of(r.parts[1], 2, 2)) ==
          somepost::unicode::count_graphemes(text));
  }
  // A space after the clustered one is still a break.
  const std::string text = std::string(270, 'a') + " \u0301 " + std::string(20, 'b');
  const ThreadResult r = split(text, "x");
  REQUIRE(r.parts.size() == 2);
  CHECK(body_of(r.parts[1], 2, 2) == std::string(20, 'b'));
  CHECK(body_of(r.parts[0], 1, 2) == std::string(270, 'a') + " \u0301");
  // Nor is such a space trimmed off the start of the text: the mark keeps its base.
  const std::string leading = " \u0301" + std::string(300, 'a');
  const ThreadResult l = split(leading, "x");
  REQUIRE(l.parts.size() == 2);
  CHECK(body_of(l.parts[0], 1, 2).substr(0, 3) == " \u0301");
}

TEST_CASE("a word with a URL inside is cut around the URL, not through it") {
  const std::string url = "https://mieli.fi/mielenterveysvaalit";
  const std::string word = std::string(270, 'x') + "(" + url + ")";
  const ThreadResult r = split(word, "bluesky");
  REQUIRE(r.fits);
  REQUIRE(r.parts.size() == 2);
  CHECK(r.parts[1].text.find(url) != std::string::npos);
  CHECK(r.parts[0].text.find("https") == std::string::npos);
}

TEST_CASE("a URL that cannot fit even alone makes no thread") {
  const std::string url = "https://mieli.fi/" + std::string(400, 'p');
  const std::string text = "Lue tämä: " + url + " kiitos.";
  const ThreadResult r = split(text, "bluesky");
  CHECK_FALSE(r.fits);
  CHECK(r.problem == "the URL at byte 12 does not fit in one Bluesky post even alone (with its part number)");
  REQUIRE(r.parts.size() == 1);
  CHECK(r.parts[0].text == text);
  // On X the same URL counts 23 and the text fits as it is.
  CHECK(split(text, "x").fits);
}

TEST_CASE("a hashtag that cannot fit even alone makes no thread") {
  const std::string text = "Alku #" + std::string(320, 'a');
  const ThreadResult r = split(text, "bluesky");
  CHECK_FALSE(r.fits);
  CHECK(r.problem.rfind("the hashtag at byte 5 ", 0) == 0);
}

TEST_CASE("a content warning counts on every Mastodon part") {
  const std::string cw(200, 'c');
  std::string text;
  for (int i = 0; i < 120; ++i) text += "sana ";
  text.pop_back();
  const ThreadResult without = split(text, "mastodon");
  const ThreadResult with = split(text, "mastodon", cw);
  REQUIRE(without.fits);
  REQUIRE(with.fits);
  CHECK(with.parts.size() > without.parts.size());
  for (const auto& part : with.parts) CHECK(fits_on("mastodon", part.text, cw));
}

TEST_CASE("a text of only whitespace over the limit makes no thread, and says why") {
  Counter counter;
  Profile small = profile("x");
  small.limit = 1;
  // Found by the thread_split fuzz harness (corpus crash-blank-over-limit-no-problem).
  for (const std::string text : {"\t\n", "   ", "\n---\n  \n"}) {
    CAPTURE(text);
    const ThreadResult r = split_thread(text, small, {}, counter);
    CHECK_FALSE(r.fits);
    CHECK(r.problem == "the text at byte 0 is only whitespace and does not fit in one X post");
    REQUIRE(r.parts.size() == 1);
    CHECK(r.parts[0].text == text);
  }
}
