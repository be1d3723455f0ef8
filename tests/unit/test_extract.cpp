// Unit tests of URL, hashtag and mention extraction per platform (core/extract.hpp): the
// Finnish campaign texts, each platform's differences, and hostile input. The twitter-text
// conformance files run in tests/conformance/twitter_text_conformance.cpp.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/extract.hpp"

using somepost::core::extract_hashtags;
using somepost::core::extract_mentions;
using somepost::core::extract_urls;
using somepost::core::HashtagMatch;
using somepost::core::HashtagRule;
using somepost::core::MentionMatch;
using somepost::core::MentionRule;
using somepost::core::Span;
using somepost::core::UrlMatch;
using somepost::core::UrlRule;

namespace {

std::vector<std::string> urls(std::string_view text, UrlRule rule) {
  std::vector<UrlMatch> found;
  extract_urls(text, rule, found);
  std::vector<std::string> out;
  for (const auto& m : found) out.emplace_back(m.span.of(text));
  return out;
}

std::vector<std::string> tags(std::string_view text, HashtagRule rule) {
  std::vector<HashtagMatch> found;
  extract_hashtags(text, rule, found);
  std::vector<std::string> out;
  for (const auto& m : found) {
    CHECK(m.span.end == m.name.end);
    CHECK(m.name.begin > m.span.begin);
    out.emplace_back(m.name.of(text));
  }
  return out;
}

std::vector<std::string> mentions(std::string_view text, MentionRule rule) {
  std::vector<MentionMatch> found;
  extract_mentions(text, rule, found);
  std::vector<std::string> out;
  for (const auto& m : found) out.emplace_back(m.span.of(text));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a bare domain is a URL for X, not for Mastodon") {
  const std::string_view text = "Lue lisää: mieli.fi/mielenterveysvaalit";
  CHECK(urls(text, UrlRule::twitter) == Strings{"mieli.fi/mielenterveysvaalit"});
  CHECK(urls(text, UrlRule::mastodon).empty());

  std::vector<UrlMatch> found;
  extract_urls(text, UrlRule::twitter, found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].span == Span{13, 41});  // byte offsets: each ä is two bytes
  CHECK_FALSE(found[0].has_scheme);
}

TEST_CASE("a URL with a scheme is a URL for both") {
  const std::string_view text = "Lue lisää: https://mieli.fi/mielenterveysvaalit.";
  CHECK(urls(text, UrlRule::twitter) == Strings{"https://mieli.fi/mielenterveysvaalit"});
  CHECK(urls(text, UrlRule::mastodon) == Strings{"https://mieli.fi/mielenterveysvaalit"});
  std::vector<UrlMatch> found;
  extract_urls(text, UrlRule::mastodon, found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].has_scheme);
}

TEST_CASE("Mastodon's extra schemes and wider paths") {
  CHECK(urls("gemini://mieli.fi/x", UrlRule::mastodon) == Strings{"gemini://mieli.fi/x"});
  CHECK(urls("gemini://mieli.fi/x", UrlRule::twitter).empty());  // preceded by "/"
  CHECK(urls("ipfs://example.com dat://example.com", UrlRule::mastodon) ==
        Strings{"ipfs://example.com", "dat://example.com"});
  // Mastodon's path takes any non-space character; X's stops at a non-Latin letter.
  CHECK(urls("https://mieli.fi/ääkköset/日本 x", UrlRule::mastodon) ==
        Strings{"https://mieli.fi/ääkköset/日本"});
  CHECK(urls("https://mieli.fi/ääkköset/日本 x", UrlRule::twitter) ==
        Strings{"https://mieli.fi/ääkköset/"});
  // Unknown TLDs are no URLs on either.
  CHECK(urls("https://localhost/x http://example.local/x", UrlRule::mastodon).empty());
  CHECK(urls("https://localhost/x example.local/x foo.baz", UrlRule::twitter).empty());
}

TEST_CASE("trailing punctuation is not part of a URL") {
  CHECK(urls("Katso mieli.fi.", UrlRule::twitter) == Strings{"mieli.fi"});
  CHECK(urls("(https://mieli.fi/vaalit), jee!", UrlRule::twitter) ==
        Strings{"https://mieli.fi/vaalit"});
  CHECK(urls("(https://mieli.fi/vaalit), jee!", UrlRule::mastodon) ==
        Strings{"https://mieli.fi/vaalit"});
  CHECK(urls("https://mieli.fi/vaalit?x=1&y=2.", UrlRule::twitter) ==
        Strings{"https://mieli.fi/vaalit?x=1&y=2"});
  CHECK(urls("https://fi.wikipedia.org/wiki/Mieli_(yhdistys).", UrlRule::twitter) ==
        Strings{"https://fi.wikipedia.org/wiki/Mieli_(yhdistys)"});
  CHECK(urls("https://fi.wikipedia.org/wiki/Mieli_(yhdistys).", UrlRule::mastodon) ==
        Strings{"https://fi.wikipedia.org/wiki/Mieli_(yhdistys)"});
}

TEST_CASE("emails are not URLs") {
  CHECK(urls("Kirjoita info@mieli.fi tai etu.suku@mieli.fi", UrlRule::twitter).empty());
  CHECK(urls("Kirjoita info@mieli.fi tai etu.suku@mieli.fi", UrlRule::mastodon).empty());
  CHECK(urls("john.doe.gov@mail.com name.al-lastname@foo.com", UrlRule::twitter).empty());
}

TEST_CASE("URLs longer than 4096 characters or with labels over 63 are no URLs") {
  const std::string long_path = "https://mieli.fi/" + std::string(4100, 'a');
  CHECK(urls(long_path, UrlRule::twitter).empty());
  CHECK(urls(long_path, UrlRule::mastodon).empty());
  const std::string ok_path = "https://mieli.fi/" + std::string(4000, 'a');
  CHECK(urls(ok_path, UrlRule::twitter).size() == 1);
  CHECK(urls(ok_path, UrlRule::mastodon).size() == 1);
  const std::string label64 = "https://" + std::string(64, 'a') + ".fi/x";
  CHECK(urls(label64, UrlRule::twitter).empty());
  CHECK(urls(label64, UrlRule::mastodon).empty());
  const std::string label63 = "https://" + std::string(63, 'a') + ".fi/x";
  CHECK(urls(label63, UrlRule::twitter).size() == 1);
  CHECK(urls(label63, UrlRule::mastodon).size() == 1);
}

TEST_CASE("t.co slugs") {
  CHECK(urls("https://t.co/abc?amp=1 x", UrlRule::twitter) == Strings{"https://t.co/abc?amp=1"});
  CHECK(urls("http://t.co/abcdefghijklmnopqrstuvwxyz012345678901234", UrlRule::twitter).empty());
  // Ruby's t.co rule ends the URL after the slug.
  CHECK(urls("https://t.co/abc?amp=1 x", UrlRule::mastodon) == Strings{"https://t.co/abc"});
}

TEST_CASE("Finnish campaign hashtags") {
  const std::string_view text =
      "#mielenterveysvaalit #aluevaalit2022 #hyvä_olo #terapiatakuu ’lla #Mieli’s #2024";
  CHECK(tags(text, HashtagRule::x) ==
        Strings{"mielenterveysvaalit", "aluevaalit2022", "hyvä_olo", "terapiatakuu", "Mieli"});
  CHECK(tags(text, HashtagRule::mastodon) ==
        Strings{"mielenterveysvaalit", "aluevaalit2022", "hyvä_olo", "terapiatakuu", "Mieli"});
  CHECK(tags(text, HashtagRule::bluesky) ==
        Strings{"mielenterveysvaalit", "aluevaalit2022", "hyvä_olo", "terapiatakuu", "Mieli’s"});
  CHECK(tags("#terapiatakuu’lla", HashtagRule::x) == Strings{"terapiatakuu"});
  CHECK(tags("#terapiatakuu’lla", HashtagRule::bluesky) == Strings{"terapiatakuu’lla"});
  CHECK(tags("#Mieli's", HashtagRule::x) == Strings{"Mieli"});
  CHECK(tags("#Mieli's", HashtagRule::mastodon) == Strings{"Mieli"});
  CHECK(tags("#Mieli's", HashtagRule::bluesky) == Strings{"Mieli's"});
}

TEST_CASE("hashtag spans are byte offsets from the hash sign") {
  const std::string_view text = "Ääni: ＃hyvä_olo!";
  for (const auto rule : {HashtagRule::x, HashtagRule::mastodon, HashtagRule::bluesky}) {
    std::vector<HashtagMatch> found;
    extract_hashtags(text, rule, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].span == Span{8, 20});
    CHECK(found[0].name == Span{11, 20});
  }
}

TEST_CASE("per-platform hashtag differences") {
  // Digits only: no tag on X or Mastodon; Bluesky needs one non-digit, non-punctuation char.
  CHECK(tags("#2024 #1_2 #12·34 #_1", HashtagRule::x).empty());
  CHECK(tags("#2024 #1_2 #12·34 #_1", HashtagRule::mastodon) == Strings{"1_2", "12·34"});
  CHECK(tags("#2024 #1_2 #12·34 #_1", HashtagRule::bluesky).empty());
  CHECK(tags("#x_ #a·b #1a", HashtagRule::mastodon) == Strings{"x_", "a·b", "1a"});
  // What may precede the hash sign.
  CHECK(tags("foo#bar (#paren \"#quoted\" ¡#hola", HashtagRule::x) ==
        Strings{"paren", "quoted", "hola"});
  CHECK(tags("foo#bar (#paren \"#quoted\" ¡#hola", HashtagRule::mastodon).empty());
  CHECK(tags("foo#bar (#paren \"#quoted\" ¡#hola", HashtagRule::bluesky).empty());
  CHECK(tags("alku\n#rivi", HashtagRule::mastodon) == Strings{"rivi"});
  // X drops a tag followed by '#' or "://", and one inside a URL.
  CHECK(tags("#a#b #https://mieli.fi", HashtagRule::x).empty());
  CHECK(tags("https://mieli.fi/#vaalit mieli.fi/#vaalit #vaalit", HashtagRule::x) ==
        Strings{"vaalit"});
  // Mastodon keeps a tag before "://" without its trailing scheme name.
  CHECK(tags("#vaalithttps://mieli.fi", HashtagRule::mastodon) == Strings{"vaalit"});
  // Emoji tags exist only on Bluesky.
  CHECK(tags("#🎉 #🎉juhla", HashtagRule::bluesky) == Strings{"🎉", "🎉juhla"});
  CHECK(tags("#🎉", HashtagRule::x).empty());
  CHECK(tags("#🎉", HashtagRule::mastodon).empty());
}

TEST_CASE("Bluesky strips trailing punctuation and skips tags over 64 graphemes") {
  CHECK(tags("#vaalit!!! #vaalit.", HashtagRule::bluesky) == Strings{"vaalit", "vaalit"});
  CHECK(tags("#a.b.c.", HashtagRule::bluesky) == Strings{"a.b.c"});
  const std::string tag64(64, 'a');
  const std::string tag65(65, 'a');
  CHECK(tags("#" + tag64, HashtagRule::bluesky) == Strings{tag64});
  CHECK(tags("#" + tag65, HashtagRule::bluesky).empty());
  // 64 clusters of two code points each still fit.
  std::string accented;
  for (int i = 0; i < 64; ++i) accented += "a\xCC\x88";  // a + U+0308
  CHECK(tags("#" + accented, HashtagRule::bluesky) == Strings{accented});
}

TEST_CASE("mentions") {
  CHECK(mentions("Kiitos @alice ja @bob_2!", MentionRule::x) == Strings{"@alice", "@bob_2"});
  CHECK(mentions("Kiitos @alice ja @bob_2!", MentionRule::mastodon) == Strings{"@alice", "@bob_2"});
  const std::string_view fedi = "Moi @alice@mastodon.social ja @bob@example.fi.";
  CHECK(mentions(fedi, MentionRule::mastodon) ==
        Strings{"@alice@mastodon.social", "@bob@example.fi"});
  CHECK(mentions(fedi, MentionRule::x).empty());  // too close to an email

  std::vector<MentionMatch> found;
  extract_mentions(fedi, MentionRule::mastodon, found);
  REQUIRE(found.size() == 2);
  CHECK(found[0].username.of(fedi) == "alice");
  CHECK(found[0].domain.of(fedi) == "mastodon.social");
  CHECK(found[1].username.of(fedi) == "bob");
  extract_mentions("@alice", MentionRule::mastodon, found);
  REQUIRE(found.size() == 1);
  CHECK(found[0].domain.size() == 0);

  // X: 1-20 characters, not after a word character or after !#$%&*@.
  CHECK(mentions("a@b f!@kn RT:@uutiset", MentionRule::x) == Strings{"@uutiset"});
  CHECK(mentions("@aliceìnheiro", MentionRule::x).empty());
  CHECK(mentions("@aliceìnheiro", MentionRule::mastodon).empty());
  CHECK(mentions("＠alice", MentionRule::x) == Strings{"＠alice"});
  CHECK(mentions("＠alice", MentionRule::mastodon).empty());
  // Mastodon: not after '=', '/' or a word character.
  CHECK(mentions("x=@a /@b ä@c (@d", MentionRule::mastodon) == Strings{"@d"});
}

TEST_CASE("texts without the trigger characters yield nothing") {
  std::vector<UrlMatch> u{UrlMatch{}};
  std::vector<HashtagMatch> h{HashtagMatch{}};
  std::vector<MentionMatch> m{MentionMatch{}};
  extract_urls("ei pisteitä", UrlRule::twitter, u);
  extract_hashtags("ei risuaitaa", HashtagRule::x, h);
  extract_mentions("ei ät-merkkiä", MentionRule::x, m);
  CHECK(u.empty());
  CHECK(h.empty());
  CHECK(m.empty());
  extract_urls("", UrlRule::mastodon, u);
  extract_hashtags("", HashtagRule::bluesky, h);
  extract_mentions("", MentionRule::mastodon, m);
  CHECK(u.empty());
  CHECK(h.empty());
  CHECK(m.empty());
}

TEST_CASE("ill-formed UTF-8 does not crash and is never matched inside") {
  const std::vector<std::string> texts = {"\xFF",
                                          "#\xC3",
                                          "@\xE2\x82",
                                          "mieli\xC3.fi",
                                          "mieli.f\xFF",
                                          "https://mieli.fi/\xC3\xA4\xC3",
                                          "#hyv\xC3 #ok",
                                          "\xF0\x9F\x98",
                                          "@a\xFF@b",
                                          "x.\xED\xA0\x80.fi",
                                          std::string("a\0b.fi #c @d", 12),
                                          "\xC0\xAF.com",
                                          "#\xEF\xBC",
                                          "＃\xFF"};
  for (const auto& text : texts) {
    CAPTURE(text);
    std::vector<UrlMatch> u;
    std::vector<HashtagMatch> h;
    std::vector<MentionMatch> m;
    for (const auto rule : {UrlRule::twitter, UrlRule::mastodon}) {
      extract_urls(text, rule, u);
      for (const auto& x : u) CHECK(x.span.end <= text.size());
    }
    for (const auto rule : {HashtagRule::x, HashtagRule::mastodon, HashtagRule::bluesky}) {
      extract_hashtags(text, rule, h);
      for (const auto& x : h) {
        CHECK(x.span.end <= text.size());
        CHECK(x.name.of(text).find('\xFF') == std::string_view::npos);
      }
    }
    for (const auto rule : {MentionRule::x, MentionRule::mastodon}) {
      extract_mentions(text, rule, m);
      for (const auto& x : m) CHECK(x.span.end <= text.size());
    }
  }
  CHECK(tags("#hyv\xC3 #ok", HashtagRule::bluesky) == Strings{"hyv", "ok"});
  CHECK(urls("https://mieli.fi/a\xFF", UrlRule::mastodon) == Strings{"https://mieli.fi/a"});
}

TEST_CASE("the output vector is cleared and reused") {
  std::vector<UrlMatch> u;
  extract_urls("a.fi b.fi", UrlRule::twitter, u);
  CHECK(u.size() == 2);
  extract_urls("c.fi", UrlRule::twitter, u);
  CHECK(u.size() == 1);
}

TEST_CASE("dots that end sentences are skipped without hiding the URLs around them") {
  // The scanner skips a '.' that no label can follow; URLs before, after and between
  // such dots must still be found, with their trailing dot left out.
  CHECK(urls("Lue lisää. mieli.fi/x. Kiitos.", UrlRule::twitter) == Strings{"mieli.fi/x"});
  CHECK(urls("Katso:mieli.fi.", UrlRule::twitter) == Strings{"mieli.fi"});
  CHECK(urls("a. b. c.com. d.", UrlRule::twitter) == Strings{"c.com"});
  CHECK(urls("(https://www.mieli.fi/fi.) Ja.", UrlRule::mastodon) == Strings{"https://www.mieli.fi/fi"});
  CHECK(urls("Loppu.", UrlRule::twitter).empty());
  CHECK(urls("...", UrlRule::twitter).empty());
  CHECK(urls("ei. ei.) ei.\n", UrlRule::mastodon).empty());
  CHECK(urls("Tässä. https://t.co/abc. Ja www.mieli.fi. Loppu.", UrlRule::twitter) ==
        Strings{"https://t.co/abc", "www.mieli.fi"});
}
