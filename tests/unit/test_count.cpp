// Per-platform counting rules (docs/platforms.md), at and around every limit.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/count.hpp"
#include "core/extract.hpp"
#include "core/platforms.hpp"
#include "support.hpp"
#include "unicode/grapheme.hpp"

using namespace somepost::core;

namespace {

const Profile& profile(std::string_view id) {
  const Profile* p = find_profile(builtin_profiles(), id);
  REQUIRE(p != nullptr);
  return *p;
}

PlatformCount count_on(std::string_view id, std::string_view text, std::string_view cw = {}) {
  Counter counter;
  CountResult result;
  CountOptions options;
  options.content_warning = cw;
  counter.count(text, {&profile(id)}, options, result);
  REQUIRE(result.platforms.size() == 1);
  return result.platforms[0];
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

}  // namespace

TEST_CASE("every platform: limit-1 and limit fit, limit+1 does not, with overflow_at") {
  for (const Profile& p : builtin_profiles()) {
    CAPTURE(p.id);
    const std::size_t limit = p.limit;
    for (std::size_t n : {limit - 1, limit, limit + 1}) {
      CAPTURE(n);
      const std::string text = repeat("a", n);
      const PlatformCount c = count_on(p.id, text);
      CHECK(c.length == n);
      CHECK(c.limit == limit);
      CHECK(c.remaining == static_cast<std::ptrdiff_t>(limit) - static_cast<std::ptrdiff_t>(n));
      CHECK(c.fits == (n <= limit));
      if (n > limit) {
        REQUIRE(c.overflow_at.has_value());
        CHECK(*c.overflow_at == limit);  // one byte per 'a'
      } else {
        CHECK_FALSE(c.overflow_at.has_value());
      }
    }
  }
}

TEST_CASE("x: weights, emoji as 2, URLs as 23, NFC first") {
  CHECK(count_on("x", "ääkköset ÄÖ").length == 11);
  CHECK(count_on("x", "“quotes” — dash…").length == 17);  // … and — weigh 2, “ ” weigh 1
  CHECK(count_on("x", "你好").length == 4);
  CHECK(count_on("x", "café").length == 4);
  CHECK(count_on("x", "cafe\xCC\x81").length == 4);       // NFD counts as its NFC
  CHECK(count_on("x", "🧑‍🎄").length == 2);              // Emoji 13 ZWJ sequence: 2, as X documents
  CHECK(count_on("x", "🏳️‍⚧️").length == 2);
  CHECK(count_on("x", "1\xE2\x83\xA3").length == 2);      // keycap without VS16
  CHECK(count_on("x", "mieli.fi/mielenterveysvaalit").length == 23);
  CHECK(count_on("x", "Lue: https://mieli.fi/mielenterveysvaalit").length == 5 + 23);
  // 140 emoji are 280 and fit; 141 are 282 and overflow at the 141st emoji.
  CHECK(count_on("x", repeat("😷", 140)).fits);
  const PlatformCount over = count_on("x", repeat("😷", 141));
  CHECK(over.length == 282);
  CHECK_FALSE(over.fits);
  CHECK(over.overflow_at == 140 * 4);
}

TEST_CASE("x: an NFD text over the limit reports overflow_at in the caller's bytes") {
  const std::string nfd = repeat("e\xCC\x81", 281);  // 281 × é decomposed: 3 bytes each
  const PlatformCount c = count_on("x", nfd);
  CHECK(c.length == 281);
  REQUIRE(c.overflow_at.has_value());
  CHECK(*c.overflow_at == 280 * 3);
}

TEST_CASE("x: U+FEFF, U+FFFE and U+FFFF make the text invalid") {
  const PlatformCount c = count_on("x", "ABC\xEF\xBB\xBF");
  CHECK_FALSE(c.fits);
  CHECK(c.warnings.size() == 1);
  // Each of the three, anywhere, also after other U+Fxxx characters such as VS16 (EF B8 8F).
  for (const char* bad : {"\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF"}) {
    for (const std::string& text : {std::string(bad) + "a", "\xE2\x9D\xA4\xEF\xB8\x8F " + std::string(bad),
                                     "\xEF\xBC\x83x" + std::string(bad) + "y"}) {
      CAPTURE(text);
      CHECK_FALSE(count_on("x", text).fits);
    }
  }
  CHECK(count_on("x", "\xE2\x9D\xA4\xEF\xB8\x8F \xEF\xBC\x83 \xEF\xBF\xBD").fits);  // VS16, ＃, U+FFFD are fine
}

TEST_CASE("mastodon: graphemes, schemed URLs 23, bare domains in full, remote mentions, blank, CW") {
  CHECK(count_on("mastodon", "mieli.fi/mielenterveysvaalit").length == 28);
  CHECK(count_on("mastodon", "https://mieli.fi/mielenterveysvaalit").length == 23);
  CHECK(count_on("mastodon", "gemini://example.com/x").length == 23);
  CHECK(count_on("mastodon", "@alice@mastodon.social hei").length == 6 + 4);
  CHECK(count_on("mastodon", "   \n\t ").length == 0);
  CHECK(count_on("mastodon", "क्षत्रिय").length == 3);           // GB9c conjuncts
  CHECK(count_on("mastodon", "cafe\xCC\x81").length == 4);        // no NFC, but é is one cluster
  CHECK(count_on("mastodon", "hei", "CW: vaalit").length == 13);  // CW counts in the same budget
  CHECK(count_on("mastodon", "   ", "CW").length == 2);
  // 499 letters + a CW of 2 is over; the overflow starts inside the text.
  const PlatformCount c = count_on("mastodon", repeat("a", 499), "CW");
  CHECK(c.length == 501);
  CHECK_FALSE(c.fits);
  CHECK(c.overflow_at == 498);
}

TEST_CASE("mastodon: a long text with URLs overflows at the right byte") {
  // 480 letters, then a URL that counts 23: over at the URL's start.
  const std::string text = repeat("a", 480) + " https://mieli.fi/mielenterveysvaalit";
  const PlatformCount c = count_on("mastodon", text);
  CHECK(c.length == 481 + 23);
  CHECK(c.overflow_at == 481);
}

TEST_CASE("bluesky: graphemes and UTF-8 bytes both bind") {
  const std::string family = "👨‍👩‍👧‍👦";  // 25 bytes, 1 grapheme
  const PlatformCount ok = count_on("bluesky", repeat(family, 120));
  CHECK(ok.length == 120);
  CHECK(ok.bytes == 3000);
  CHECK(ok.fits);
  const PlatformCount over = count_on("bluesky", repeat(family, 121));
  CHECK(over.length == 121);
  CHECK(over.bytes == 3025);
  CHECK_FALSE(over.fits);
  CHECK(over.overflow_at == 3000);  // the 121st emoji is the first past 3000 bytes
}

TEST_CASE("threads: an emoji counts its UTF-8 bytes, other clusters 1") {
  CHECK(count_on("threads", "😀").length == 4);
  CHECK(count_on("threads", "👨‍👩‍👧‍👦").length == 25);
  CHECK(count_on("threads", "ä\r\n中").length == 3);
  CHECK(count_on("threads", repeat("😀", 125)).fits);
  const PlatformCount over = count_on("threads", repeat("😀", 126));
  CHECK(over.length == 504);
  CHECK_FALSE(over.fits);
  CHECK(over.overflow_at == 125 * 4);
}

TEST_CASE("caps: Threads one topic tag, five links; Instagram five hashtags and unclickable links") {
  const PlatformCount tags = count_on("threads", "#yksi #kaksi");
  CHECK(tags.hashtags == 2);
  CHECK_FALSE(tags.warnings.empty());
  const PlatformCount links =
      count_on("threads", "a.fi b.fi c.fi d.fi e.fi f.fi a.fi");  // 6 unique links
  CHECK(links.links == 6);
  CHECK_FALSE(links.fits);
  CHECK(count_on("threads", "a.fi b.fi c.fi d.fi e.fi a.fi").fits);  // 5 unique
  const PlatformCount insta = count_on("instagram", "#a1 #b2 #c3 #d4 #e5 #f6");
  CHECK(insta.hashtags == 6);
  CHECK_FALSE(insta.warnings.empty());
  const PlatformCount link = count_on("instagram", "Lue lisää: mieli.fi/mielenterveysvaalit");
  CHECK(link.links == 1);
  CHECK(link.fits);
  CHECK_FALSE(link.warnings.empty());
}

TEST_CASE("text stats") {
  const TextStats s = text_stats("ä👍🏽");
  CHECK(s.bytes == 10);
  CHECK(s.code_points == 3);
  CHECK(s.graphemes == 2);
  CHECK(text_stats("").graphemes == 0);
}

TEST_CASE("a profile's url_length is honoured beyond 64 (e.g. a --platforms instance)") {
  Profile instance = profile("mastodon");
  instance.id = "big-urls";
  instance.url_length = 100;
  Counter counter;
  CountResult result;
  counter.count("Lue https://mieli.fi/mielenterveysvaalit", {&instance}, {}, result);
  CHECK(result.platforms[0].length == 4 + 100);
}

namespace {

// Mastodon's countable text built the plain way (StatusLengthValidator#countable_text):
// URLs with a scheme become 23 'x', remote mentions keep "@user", overlapping entities
// after the first are dropped; then its clusters are counted.
std::size_t mastodon_reference_length(std::string_view text) {
  std::vector<UrlMatch> urls;
  std::vector<MentionMatch> mentions;
  extract_urls(text, UrlRule::mastodon, urls);
  extract_mentions(text, MentionRule::mastodon, mentions);
  struct Entity {
    Span span;
    std::string with;
  };
  std::vector<Entity> entities;
  for (const UrlMatch& u : urls) entities.push_back({u.span, std::string(23, 'x')});
  for (const MentionMatch& m : mentions) {
    entities.push_back({m.span, std::string(text.substr(m.span.begin, m.username.end - m.span.begin))});
  }
  std::stable_sort(entities.begin(), entities.end(),
                   [](const Entity& a, const Entity& b) { return a.span.begin < b.span.begin; });
  std::string countable;
  std::size_t pos = 0;
  for (const Entity& e : entities) {
    if (e.span.begin < pos) continue;
    countable.append(text.substr(pos, e.span.begin - pos));
    countable += e.with;
    pos = e.span.end;
  }
  countable.append(text.substr(pos));
  return somepost::unicode::count_graphemes(countable);
}

}  // namespace

TEST_CASE("mastodon: the spliced count equals counting the substituted text, at every junction") {
  // Pieces chosen to sit next to URLs and mentions: ASCII, Finnish letters, combining
  // marks (which join the cluster before them), emoji with modifiers and ZWJ, flags,
  // CR LF, Prepend (U+0600) and an Indic conjunct.
  const std::vector<std::string> pieces = {
      "https://mieli.fi/mielenterveysvaalit", "@mieli@mastodon.social", "@yle", " ", "\r\n", "ä",
      "e\xCC\x81", "\xCC\x81", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "\xE2\x80\x8D",
      "\xF0\x9F\x87\xAB\xF0\x9F\x87\xAE", "\xD8\x80", "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", "x", ".", "#tag",
      "http://example.com/ä"};
  Counter counter;
  CountResult result;
  const Profile& mastodon = profile("mastodon");
  std::size_t checked = 0;
  std::uint32_t seed = 12345;
  for (int round = 0; round < 4000; ++round) {
    std::string text;
    const int n = 1 + round % 9;
    for (int k = 0; k < n; ++k) {
      seed = seed * 1664525u + 1013904223u;
      text += pieces[(seed >> 8) % pieces.size()];
    }
    CAPTURE(text);
    counter.count(text, {&mastodon}, {}, result);
    if (text.find_first_not_of(" \r\n") == std::string::npos) continue;  // blank counts 0
    CHECK(result.platforms[0].length == mastodon_reference_length(text));
    ++checked;
  }
  CHECK(checked > 3500);
}

TEST_CASE("mastodon: overflow_at is the first cluster or entity past 500") {
  const Profile& mastodon = profile("mastodon");
  for (const std::string& filler : {std::string("a"), std::string("ä"), std::string("e\xCC\x81")}) {
    for (std::size_t before = 470; before < 500; before += 7) {
      // `before` clusters, a URL (23), then more clusters: the URL or a cluster after it
      // passes 500.
      const std::string text = repeat(filler, before) + " https://mieli.fi/x " + repeat(filler, 40);
      CAPTURE(filler);
      CAPTURE(before);
      Counter counter;
      CountResult result;
      counter.count(text, {&mastodon}, {}, result);
      const PlatformCount& c = result.platforms[0];
      REQUIRE(c.overflow_at.has_value());
      const std::size_t url_at = text.find("https://");
      const std::size_t used_before_url = before + 1;  // the clusters and the space
      if (used_before_url + 23 > 500) {
        CHECK(*c.overflow_at == url_at);
      } else {
        // After the URL: " " then fillers; the cluster that makes 501.
        const std::size_t after_url = text.find(' ', url_at);
        const std::size_t left = 500 - used_before_url - 23;  // clusters still allowed
        CHECK(*c.overflow_at == after_url + (left == 0 ? 0 : 1 + (left - 1) * filler.size()));
      }
    }
  }
}

TEST_CASE("mastodon: overflow_at is found in the countable text's own clusters") {
  // A cluster that spans the CW and the text, or the text and a URL's placeholder, is one
  // cluster: counting the pieces apart found the overflow one cluster early (issue 10's
  // differential test).
  somepost::core::Profile p = somepost::test::profile("mastodon");
  somepost::core::Counter counter;
  somepost::core::CountResult r;
  const auto over = [&](std::string_view text, std::string_view cw, std::size_t limit) {
    p.limit = limit;
    somepost::core::CountOptions options;
    options.content_warning = cw;
    counter.count(text, {&p}, options, r);
    return r.platforms[0].overflow_at;
  };
  CHECK(over("\u0301bcd", "a", 3) == 4u);                        // "a\u0301" is one cluster: "d" is past
  CHECK(over("\u0600https://mieli.fi/x abc", "", 24) == 21u);    // U+0600 + the placeholder's first x
  CHECK(over("https://mieli.fi\u200d abc", "", 24) == 20u);      // the last x + ZWJ, then the space
  CHECK(over("\u0323!", "\U0001F1F4\U0001F551", 2) == 2u);       // CW 2 clusters + "\u0323" joins it
  CHECK(over("abc", "abcd", 3) == 0u);                           // past within the CW
  CHECK(over("ab https://mieli.fi/x", "", 10) == 3u);            // inside the placeholder: the URL's start
}

TEST_CASE("byte limit: the content warning's bytes come first") {
  somepost::core::Profile p = somepost::test::profile("bluesky");
  p.counts_content_warning = true;
  p.byte_limit = 5;
  somepost::core::Counter counter;
  somepost::core::CountResult r;
  somepost::core::CountOptions options;
  options.content_warning = "abcd";
  counter.count("xyz", {&p}, options, r);
  CHECK_FALSE(r.platforms[0].fits);
  CHECK(r.platforms[0].overflow_at == 1u);  // 4 + "x" = 5 bytes fit; "y" is past
}
