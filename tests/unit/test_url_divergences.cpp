// Unit tests of three divergences between the URL recognizers (core/extract.hpp) and the
// platforms' reference implementations, each reproduction with its neighbours
// (docs/platforms.md §1 and §2):
//   class 5, X: a scheme-less URL whose domain goes on past its last ASCII domain; parseTweet
//     skips the UTF-16 length of the url string twitter-text built, not the entity's span
//     (UrlMatch::x_resume, x_resume_low_half). Expected values from node with
//     twitter-text 3.1.0's extractUrlsWithIndices and parseTweet.
//   class 6, Mastodon: the host must pass GNU libidn's IDNA2003 toASCII (idn-ruby,
//     flags 0), else the whole regex match is no URL.
//   class 7, Mastodon: TLDs and schemes match under Onigmo's /i full case folding.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract.hpp"
#include "core/generated/js_case.hpp"
#include "core/generated/tlds.hpp"
#include "support.hpp"
#include "unicode/utf8.hpp"

using somepost::core::extract_urls;
using somepost::core::Span;
using somepost::core::UrlMatch;
using somepost::core::UrlRule;

namespace {

std::vector<UrlMatch> found(std::string_view text, UrlRule rule) {
  std::vector<UrlMatch> out;
  extract_urls(text, rule, out);
  return out;
}

std::vector<std::string> urls(std::string_view text, UrlRule rule) {
  std::vector<std::string> out;
  for (const UrlMatch& m : found(text, rule)) out.emplace_back(m.span.of(text));
  return out;
}

using Strings = std::vector<std::string>;

/// Mastodon's length of `text` (grapheme clusters, each URL 23).
std::size_t mastodon_length(std::string_view text) {
  return somepost::test::count_on("mastodon", text).platforms[0].length;
}

/// Byte length of a UTF-8 literal, for readable offsets.
constexpr std::size_t bytes(std::string_view s) { return s.size(); }

}  // namespace

// ---------------------------------------------------------------------------------------
// Class 5: X, where parseTweet resumes after a scheme-less URL
// ---------------------------------------------------------------------------------------

TEST_CASE("X: a domain that goes on past its last ASCII domain resumes early") {
  // Reproduction: entity url "a.рф/x" (6 units), indices [0,9]; parseTweet = 23 + "ф/x" = 26.
  const std::string_view text = "a.рф.рф/x";
  const auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{0, text.size()});
  CHECK_FALSE(m[0].has_scheme);
  // skip 6 units: "a.рф" (4) + 2 units of the tail ".рф": resume at its "ф"
  CHECK(m[0].x_resume == bytes("a.рф.р"));
  CHECK_FALSE(m[0].x_resume_low_half);
}

TEST_CASE("X: without a path the entity is the ASCII domain alone") {
  // "a.рф.рф": entity "a.рф" [0,4]; the tail ".рф" is plain text (parseTweet 26).
  const std::string_view text = "a.рф.рф";
  const auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{0, bytes("a.рф")});
  CHECK(m[0].x_resume == m[0].span.end);
  CHECK_FALSE(m[0].x_resume_low_half);
  // A query without a path is not added either: "a.com" only (parseTweet 34).
  const std::string_view query = "a.com.дом.рф?q=1";
  const auto q = found(query, UrlRule::twitter);
  REQUIRE(q.size() == 1);
  CHECK(q[0].span == Span{0, 5});
  CHECK(q[0].x_resume == 5);
}

TEST_CASE("X: the url string holds the port, path and query after the domain") {
  // "a.com:80/x" (10 units) over [0,17]: "a.com" + ".дом." then "рф:80/x" again (30).
  const std::string_view text = "a.com.дом.рф:80/x";
  const auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{0, text.size()});
  CHECK(m[0].x_resume == bytes("a.com.дом."));
  CHECK_FALSE(m[0].x_resume_low_half);
  // "a.com.中文.рф/xx?q=1": url "a.com/xx?q=1" (12 units) over 18: the last 6 units
  // (as many as the tail ".中文.рф" holds), "xx?q=1", are weighed again (parseTweet 29).
  const std::string_view query = "a.com.中文.рф/xx?q=1";
  const auto q = found(query, UrlRule::twitter);
  REQUIRE(q.size() == 1);
  CHECK(q[0].span == Span{0, query.size()});
  CHECK(q[0].x_resume == bytes("a.com.中文.рф/"));
}

TEST_CASE("X: several ASCII domains inside one domain; only the last takes the path") {
  // [{"url":"a.com","indices":[0,5]},{"url":"b.com.рф/x","indices":[10,23]}], parseTweet 54.
  const std::string_view text = "a.com.дом.b.com.рф.рф/x";
  const auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 2);
  CHECK(m[0].span == Span{0, 5});
  CHECK(m[0].x_resume == 5);
  CHECK(m[1].span == Span{bytes("a.com.дом."), text.size()});
  CHECK(m[1].x_resume == bytes("a.com.дом.b.com.рф.р"));
  CHECK_FALSE(m[1].x_resume_low_half);
  // Two such URLs in one text: "x a.рф.рф/x y.рф.рф/abc" (parseTweet 55).
  const std::string_view two = "x a.рф.рф/x y.рф.рф/abc";
  const auto t = found(two, UrlRule::twitter);
  REQUIRE(t.size() == 2);
  CHECK(t[0].x_resume == bytes("x a.рф.р"));
  CHECK(t[1].span == Span{bytes("x a.рф.рф/x "), two.size()});
  CHECK(t[1].x_resume == bytes("x a.рф.рф/x y.рф.рф/"));  // "abc" again
}

TEST_CASE("X: the skip can end inside a surrogate pair of the domain's tail") {
  // twitter-text's validDomain takes 😀 as a label character (a UTF-16 unit at a time).
  // "a.com.😀.рф/x": url "a.com/x" (7 units) over [0,13]: the skip ends after the high
  // surrogate; parseTweet weighs the lone low half 2, then ".рф/x": 23 + 2 + 5 = 30.
  const std::string_view text = "a.com.😀.рф/x";
  auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{0, text.size()});
  CHECK(m[0].x_resume == bytes("a.com."));  // the start of 😀
  CHECK(m[0].x_resume_low_half);

  // One more path unit: the skip ends after the whole 😀 (29).
  m = found("a.com.😀.рф/xy", UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].x_resume == bytes("a.com.😀"));
  CHECK_FALSE(m[0].x_resume_low_half);

  // One fewer: the skip ends just before 😀, which is then an emoji (29).
  m = found("a.com.😀.рф/", UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].x_resume == bytes("a.com."));
  CHECK_FALSE(m[0].x_resume_low_half);

  // Two astral characters: "a.com.😀😀.рф/x" ends mid-pair in the first;
  // "a.com.😀😀.рф/xyz" (9 units) mid-pair in the second.
  m = found("a.com.😀😀.рф/x", UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].x_resume == bytes("a.com."));
  CHECK(m[0].x_resume_low_half);
  m = found("a.com.😀😀.рф/xyz", UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].x_resume == bytes("a.com.😀"));
  CHECK(m[0].x_resume_low_half);

  // A URL after an astral character: the match starts at its low surrogate, the entity at
  // "a": indices [2,15], url "a.com/x" (parseTweet 2 + 23 + 2 + 5 = 32).
  const std::string_view after = "😀a.com.😀.рф/x";
  m = found(after, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{bytes("😀"), after.size()});
  CHECK(m[0].x_resume == bytes("😀a.com."));
  CHECK(m[0].x_resume_low_half);
}

TEST_CASE("X: x_resume is span.end for every other URL; Mastodon leaves it at span.end") {
  for (std::string_view text : {"mieli.fi/mielenterveysvaalit", "https://a.рф.рф/x", "a.рф/x",
                                "ä.com/x", "http://t.co/abc/def", "https://mieli.fi/x?y=1"}) {
    CAPTURE(text);
    for (const UrlMatch& m : found(text, UrlRule::twitter)) {
      CHECK(m.x_resume == m.span.end);
      CHECK_FALSE(m.x_resume_low_half);
    }
  }
  for (std::string_view text :
       {"https://a.рф.рф/x", "gemini://mieli.fi/x", "http://a.com.ä.рф/x"}) {
    CAPTURE(text);
    const auto m = found(text, UrlRule::mastodon);
    REQUIRE(m.size() == 1);
    CHECK(m[0].x_resume == m[0].span.end);
    CHECK_FALSE(m[0].x_resume_low_half);
  }
}

// ---------------------------------------------------------------------------------------
// Class 6: Mastodon, hosts through libidn's IDNA2003 toASCII
// ---------------------------------------------------------------------------------------

TEST_CASE("Mastodon: a host that toASCII refuses is no URL") {
  // U+A66E is unassigned in Unicode 3.2 (nameprep refuses unassigned code points).
  CHECK(urls("http://\uA66E.ao", UrlRule::mastodon).empty());
  CHECK(mastodon_length("http://\uA66E.ao") == 11);
  CHECK(urls("http://ä.ao", UrlRule::mastodon) == Strings{"http://ä.ao"});
  // U+1F600 is unassigned in 3.2 too; U+263A is assigned and allowed.
  CHECK(urls("http://😀.com", UrlRule::mastodon).empty());
  CHECK(mastodon_length("http://😀.com") == 12);
  CHECK(urls("http://☺.com", UrlRule::mastodon) == Strings{"http://☺.com"});
  // RFC 3454 §6: a label with a right-to-left character may hold no left-to-right one, and
  // must start and end with right-to-left characters.
  CHECK(urls("http://\u05D0a.com", UrlRule::mastodon).empty());
  CHECK(mastodon_length("http://\u05D0a.com") == 13);
  CHECK(urls("http://a\u05D0.com", UrlRule::mastodon).empty());
  CHECK(urls("http://\u05D0\u05D1.com", UrlRule::mastodon) == Strings{"http://\u05D0\u05D1.com"});
  CHECK(mastodon_length("http://\u05D0\u05D1.com") == 23);
  // Prohibited: private use, U+FFFD, U+06DD.
  CHECK(urls("http://\uE000.com", UrlRule::mastodon).empty());
  CHECK(urls("http://\uFFFD.com", UrlRule::mastodon).empty());
  CHECK(urls("http://\u06DD.com", UrlRule::mastodon).empty());
  // A label that nameprep maps to nothing (U+00AD) is empty: refused.
  CHECK(urls("http://\u00AD.com", UrlRule::mastodon).empty());
  CHECK(urls("http://a\u00AD.com", UrlRule::mastodon) == Strings{"http://a\u00AD.com"});
  // The ACE prefix on a label that needs encoding is refused; on an ASCII label it is not.
  CHECK(urls("http://xn--ä.com", UrlRule::mastodon).empty());
  CHECK(urls("http://XN--ä.com", UrlRule::mastodon).empty());
  CHECK(urls("http://xn--4ca.com", UrlRule::mastodon) == Strings{"http://xn--4ca.com"});
  // Other dots separate labels (U+3002) and NFKC maps compatibility characters.
  CHECK(urls("http://a\u3002b.com", UrlRule::mastodon) == Strings{"http://a\u3002b.com"});
  CHECK(urls("http://\u3392.com", UrlRule::mastodon) == Strings{"http://\u3392.com"});  // ㎒ -> mhz
  // X (punycode.js, no nameprep) is not affected.
  CHECK(urls("http://\uA66E.ao", UrlRule::twitter) == Strings{"http://\uA66E.ao"});
  CHECK(urls("http://\u05D0a.com", UrlRule::twitter) == Strings{"http://\u05D0a.com"});
}

TEST_CASE("Mastodon: labels of 63 and 64 octets after nameprep and punycode") {
  auto url = [](const std::string& label) { return "http://" + label + ".com/x"; };
  // "a"*55 + "ä" -> xn--aaa…aaa-uve, 63 octets; one more "a" makes 64.
  CHECK(urls(url(std::string(55, 'a') + "ä"), UrlRule::mastodon).size() == 1);
  CHECK(urls(url(std::string(56, 'a') + "ä"), UrlRule::mastodon).empty());
  // NFKC shortens: "a" + U+0308 composes to "ä" before encoding.
  CHECK(urls(url(std::string(55, 'a') + "a\u0308"), UrlRule::mastodon).size() == 1);
  CHECK(urls(url(std::string(56, 'a') + "a\u0308"), UrlRule::mastodon).empty());
  // Fullwidth letters map to ASCII: 63 of them make a 63-octet ASCII label (189 octets
  // of UTF-8), 64 are too many.
  std::string fullwidth63;
  for (int i = 0; i < 63; ++i) fullwidth63 += "\uFF41";  // ａ
  CHECK(urls(url(fullwidth63), UrlRule::mastodon).size() == 1);
  CHECK(urls(url(fullwidth63 + "\uFF41"), UrlRule::mastodon).empty());
  // ASCII labels: 63 and 64 characters.
  CHECK(urls(url(std::string(63, 'a')), UrlRule::mastodon).size() == 1);
  CHECK(urls(url(std::string(64, 'a')), UrlRule::mastodon).empty());
  CHECK(urls(url(std::string(63, 'a') + ".b." + std::string(64, 'c')), UrlRule::mastodon).empty());
}

TEST_CASE("Mastodon: the growth from encoding counts toward 4096") {
  // "ä.com" (5) encodes to "xn--4ca.com" (11): 6 more.
  auto with_path = [](std::string_view head, std::size_t total) {
    std::string s(head);
    std::size_t cps = 0;
    for (unsigned char c : s) cps += (c & 0xC0) != 0x80;
    s += std::string(total - cps, 'a');
    return s;
  };
  const std::string fits = with_path("http://ä.com/", 4090);
  const std::string over = with_path("http://ä.com/", 4091);
  CHECK(urls(fits, UrlRule::mastodon).size() == 1);
  CHECK(urls(over, UrlRule::mastodon).empty());
  CHECK(mastodon_length(fits) == 23);
  CHECK(mastodon_length(over) == 4091);
  // ASCII hosts: 4096 code points and no more.
  CHECK(urls(with_path("http://a.com/", 4096), UrlRule::mastodon).size() == 1);
  CHECK(urls(with_path("http://a.com/", 4097), UrlRule::mastodon).empty());
  // A non-ASCII path does not grow: only the domain is encoded.
  CHECK(urls(with_path("http://a.com/ä", 4096), UrlRule::mastodon).size() == 1);
  // A domain longer than 4096 code points is no URL whatever toASCII would say.
  std::string long_domain = "http://";
  for (int i = 0; i < 2100; ++i) long_domain += "ä.";
  CHECK(urls(long_domain + "com", UrlRule::mastodon).empty());
}

TEST_CASE("Mastodon: a refused match is skipped whole, the scan resumes after it") {
  // Ruby's scan block says `next`: the path of the refused match is not scanned again.
  CHECK(urls("http://\uA66E.ao/https://mieli.fi", UrlRule::mastodon).empty());
  CHECK(urls("http://😀.com/x https://mieli.fi", UrlRule::mastodon) == Strings{"https://mieli.fi"});
  CHECK(mastodon_length("http://😀.com/x https://mieli.fi") == 14 + 1 + 23);
}

// ---------------------------------------------------------------------------------------
// Class 7: Mastodon, TLDs and schemes under Onigmo's /i full case folding
// ---------------------------------------------------------------------------------------

TEST_CASE("Mastodon: TLDs match under full case folding") {
  // ß folds to "ss" (South Sudan), and nameprep maps it the same way.
  CHECK(urls("ipfs://a.\u00DF", UrlRule::mastodon) == Strings{"ipfs://a.\u00DF"});
  CHECK(mastodon_length("ipfs://a.\u00DF") == 23);
  CHECK(urls("ipfs://a.ss", UrlRule::mastodon).size() == 1);
  CHECK(urls("ipfs://a.SS", UrlRule::mastodon).size() == 1);
  CHECK(urls("gemini://a.\u00DF", UrlRule::mastodon).size() == 1);
  // ﬁ folds to "fi", also in the middle of a TLD ("fish").
  CHECK(urls("https://mieli.\uFB01/x", UrlRule::mastodon) == Strings{"https://mieli.\uFB01/x"});
  CHECK(mastodon_length("https://mieli.\uFB01/x") == 23);
  CHECK(urls("https://mieli.FI/x", UrlRule::mastodon).size() == 1);
  CHECK(urls("https://mieli.\uFB01sh/x", UrlRule::mastodon).size() == 1);
  // K KELVIN SIGN folds to k: "kr".
  CHECK(urls("http://a.\u212Ar", UrlRule::mastodon) == Strings{"http://a.\u212Ar"});
  CHECK(mastodon_length("http://a.\u212Ar") == 23);
  CHECK(urls("http://a.KR", UrlRule::mastodon).size() == 1);
  // ϵ folds to ε (not a lowercase mapping): ".ελ".
  CHECK(urls("http://a.\u03F5\u03BB", UrlRule::mastodon).size() == 1);
  // The regex matches these, but nameprep (Unicode 3.2) has no ẞ (5.1) or ᲂ (9.0).
  CHECK(urls("http://a.\u1E9E", UrlRule::mastodon).empty());
  CHECK(urls("http://a.\u1C82\u0440\u0433", UrlRule::mastodon).empty());
  // A TLD ends after a whole character: "ssx" is no TLD and "ss" is followed by x.
  CHECK(urls("gopher://a.\u00DFx", UrlRule::mastodon).empty());
  // ß after a TLD does not fail the lookahead [^0-9a-z@+-] (it folds to two letters);
  // ſ and K do (they fold to one).
  CHECK(urls("http://a.co\u00DF", UrlRule::mastodon) == Strings{"http://a.co"});
  CHECK(urls("http://a.com\u017F", UrlRule::mastodon).empty());
  CHECK(urls("http://a.com\u212A", UrlRule::mastodon).empty());
  // The punycode TLD's [0-9a-z] takes ſ and K too.
  CHECK(urls("http://a.xn--\u017F", UrlRule::mastodon).size() == 1);
}

TEST_CASE("Mastodon: schemes match under full case folding") {
  // ſ LONG S folds to s: "ssb".
  CHECK(urls("\u017Fsb://a.com", UrlRule::mastodon) == Strings{"\u017Fsb://a.com"});
  CHECK(mastodon_length("\u017Fsb://a.com") == 23);
  CHECK(urls("SSB://a.com", UrlRule::mastodon).size() == 1);
  CHECK(urls("\u00DFb://a.com", UrlRule::mastodon).size() == 1);    // ß = "ss"
  CHECK(urls("\u1E9EB://a.com", UrlRule::mastodon).size() == 1);    // ẞ = "ss"
  CHECK(urls("s\u017F\u017Fb://a.com", UrlRule::mastodon).empty());  // "sssb"
  CHECK(urls("http\u017F://a.com", UrlRule::mastodon) == Strings{"http\u017F://a.com"});
  CHECK(urls("HTTP\u017F://a.com", UrlRule::mastodon).size() == 1);
  CHECK(urls("ipf\u017F://a.com", UrlRule::mastodon).size() == 1);
  // `https?` is "http" and a separate `s?`: ß cannot be its "s".
  CHECK(urls("http\u00DF://a.com", UrlRule::mastodon).empty());
  CHECK(mastodon_length("http\u00DF://a.com") == 13);
  CHECK(urls("HTTPS://MIELI.FI/x", UrlRule::mastodon).size() == 1);
  // t.co: the scheme may be spelled with ſ and the slug's [a-z0-9] takes ſ and K.
  CHECK(urls("http\u017F://t.co/abc/d", UrlRule::mastodon) == Strings{"http\u017F://t.co/abc"});
  CHECK(urls("http://t.co/ab\u017F", UrlRule::mastodon) == Strings{"http://t.co/ab\u017F"});
  // valid_url_preceding_chars [^A-Z0-9...]/i leaves out ſ and K.
  CHECK(urls("\u017Fhttps://a.com", UrlRule::mastodon).empty());
  CHECK(urls("x \u212Ahttps://a.com", UrlRule::mastodon).empty());
  CHECK(urls("\u00DFhttps://a.com", UrlRule::mastodon) == Strings{"https://a.com"});
}

TEST_CASE("Mastodon: the original path class of a closing group folds too") {
  // twitter-text's class inside the balanced parens that may end a Mastodon path is /i:
  // ʀ is the fold partner of Ʀ U+01A6, K of k, and ŉ U+0149 folds to "ʼn", ẚ to "aʾ".
  CHECK(urls("https://a.fi/(\u0280)", UrlRule::mastodon) == Strings{"https://a.fi/(\u0280)"});
  CHECK(urls("https://a.fi/(\u212A)", UrlRule::mastodon) == Strings{"https://a.fi/(\u212A)"});
  CHECK(urls("https://a.fi/(\u02BCn)", UrlRule::mastodon) == Strings{"https://a.fi/(\u02BCn)"});
  CHECK(urls("https://a.fi/(\u02BCN)", UrlRule::mastodon) == Strings{"https://a.fi/(\u02BCN)"});
  CHECK(urls("https://a.fi/(a\u02BE)", UrlRule::mastodon) == Strings{"https://a.fi/(a\u02BE)"});
  CHECK(urls("https://a.fi/(\u02BCx)", UrlRule::mastodon) == Strings{"https://a.fi/"});
  CHECK(urls("https://a.fi/(\u02BEa)", UrlRule::mastodon) == Strings{"https://a.fi/"});
}

TEST_CASE("X: TLDs and schemes stay ASCII-case-insensitive only") {
  // JavaScript's /i without /u never folds a non-ASCII character to an ASCII one.
  CHECK(urls("ipfs://a.\u00DF", UrlRule::twitter).empty());
  CHECK(urls("https://mieli.\uFB01/x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u212Ar", UrlRule::twitter).empty());  // NFC makes it K before counting
  CHECK(urls("http\u017F://a.com", UrlRule::twitter).empty());
  CHECK(urls("\u017Fhttps://a.com", UrlRule::twitter) == Strings{"https://a.com"});
  CHECK(urls("http://a.com\u017F", UrlRule::twitter) == Strings{"http://a.com"});
  CHECK(urls("HTTPS://MIELI.FI/x", UrlRule::twitter).size() == 1);
}

TEST_CASE("Mastodon: a username's [a-z] matches U+017F and U+212A under /i") {
  using somepost::core::extract_mentions;
  using somepost::core::MentionMatch;
  using somepost::core::MentionRule;
  std::vector<MentionMatch> found;
  extract_mentions("@p\u212a", MentionRule::mastodon, found);  // KELVIN SIGN folds to k
  REQUIRE(found.size() == 1);
  CHECK(found[0].span == Span{0, 5});
  extract_mentions("@\u017fam@mieli.fi x", MentionRule::mastodon, found);  // LONG S folds to s
  REQUIRE(found.size() == 1);
  CHECK(found[0].username == Span{1, 5});
  CHECK(found[0].span == Span{0, 14});
  extract_mentions("@\u00dfam", MentionRule::mastodon, found);  // ß folds to "ss": no class match
  CHECK(found.empty());
  // @user@domain counts as @user: "@ſam" + " x" = 6 on Mastodon.
  CHECK(somepost::test::count_on("mastodon", "@\u017fam@mieli.fi x").platforms[0].length == 6);
}

// ---------------------------------------------------------------------------------------
// X: JavaScript's /i without /u folds non-ASCII case by ECMA-262 Canonicalize
// ---------------------------------------------------------------------------------------
// twitter-text's URL regexes are /i without /u: a character matches whatever has the same
// canonical form (its toUpperCase when that is one code unit and does not take a non-ASCII
// character to ASCII). Expected values from node 20 (Unicode 17) with twitter-text 3.1.0's
// extractUrlsWithIndices, extractHashtagsWithIndices and parseTweet.

namespace {

/// X's weighted length of `text`.
std::size_t x_length(std::string_view text) {
  return somepost::test::count_on("x", text).platforms[0].length;
}

/// The names of the hashtags X links in `text`.
Strings x_tags(std::string_view text) {
  std::vector<somepost::core::HashtagMatch> found;
  somepost::core::extract_hashtags(text, somepost::core::HashtagRule::x, found);
  Strings out;
  for (const auto& tag : found) out.emplace_back(tag.name.of(text));
  return out;
}

}  // namespace

TEST_CASE("X: the path classes match what canonicalizes like a Latin accent") {
  // ʀ U+0280 uppercases to Ʀ U+01A6, which is in latinAccentChars.
  CHECK(urls("https://a.com/\u0280", UrlRule::twitter) == Strings{"https://a.com/\u0280"});
  CHECK(urls("a.com/\u0280", UrlRule::twitter) == Strings{"a.com/\u0280"});
  CHECK(urls("https://a.com/\u0280ab", UrlRule::twitter) == Strings{"https://a.com/\u0280ab"});
  CHECK(urls("https://a.com/\u0280\u0280", UrlRule::twitter) == Strings{"https://a.com/\u0280\u0280"});
  CHECK(urls("https://a.com/\u0280\u0280.", UrlRule::twitter) ==
        Strings{"https://a.com/\u0280\u0280"});
  CHECK(urls("https://a.com/\u0280?x=1", UrlRule::twitter) == Strings{"https://a.com/\u0280?x=1"});
  // U+0345 (in U+0300..U+036F) uppercases to Ι U+0399, as ι U+03B9 and ι U+1FBE do.
  CHECK(urls("https://a.com/\u03B9", UrlRule::twitter) == Strings{"https://a.com/\u03B9"});
  CHECK(urls("https://a.com/\u0399", UrlRule::twitter) == Strings{"https://a.com/\u0399"});
  CHECK(urls("https://a.com/\u1FBE", UrlRule::twitter) == Strings{"https://a.com/\u1FBE"});
  CHECK(urls("https://a.com/\u0345", UrlRule::twitter) == Strings{"https://a.com/\u0345"});
  // Ȿ U+2C7E and Ɀ U+2C7F are the uppercase of ȿ ɀ; ⱥ U+2C65 uppercases to Ⱥ U+023A;
  // Ƛ U+A7DC (Unicode 16) is the uppercase of ƛ U+019B.
  CHECK(urls("https://a.com/\u2C7E", UrlRule::twitter) == Strings{"https://a.com/\u2C7E"});
  CHECK(urls("https://a.com/\u2C7F", UrlRule::twitter) == Strings{"https://a.com/\u2C7F"});
  CHECK(urls("https://a.com/\u2C65", UrlRule::twitter) == Strings{"https://a.com/\u2C65"});
  CHECK(urls("https://a.com/\uA7DC", UrlRule::twitter) == Strings{"https://a.com/\uA7DC"});
  CHECK(x_length("https://a.com/\u0280") == 23);
  CHECK(x_length("https://a.com/\u03B9") == 23);
  // Neighbours that do not fold in: Å U+212B and K U+212A uppercase to themselves (not to
  // Å, k's K); µ U+00B5 uppercases to Μ U+039C, no member's; ɐ U+0250 to Ɐ U+2C6F.
  CHECK(urls("https://a.com/\u212B", UrlRule::twitter) == Strings{"https://a.com/"});
  CHECK(urls("https://a.com/\u212A", UrlRule::twitter) == Strings{"https://a.com/"});
  CHECK(urls("https://a.com/\u00B5", UrlRule::twitter) == Strings{"https://a.com/"});
  CHECK(urls("https://a.com/\u0250", UrlRule::twitter) == Strings{"https://a.com/"});
  CHECK(x_length("https://a.com/\u00B5") == 24);
  // An astral character is two code units without /u: none folds (𐐀 U+10400).
  CHECK(urls("https://a.com/\U00010400", UrlRule::twitter) == Strings{"https://a.com/"});
  // ſ U+017F is a member itself (U+0100..U+024F).
  CHECK(urls("https://a.com/\u017F", UrlRule::twitter) == Strings{"https://a.com/\u017F"});
  // The query classes are ASCII: nothing folds into them.
  CHECK(urls("https://a.com/?q=\u0280", UrlRule::twitter) == Strings{"https://a.com/?q="});
  CHECK(urls("https://t.co/abc?\u0280", UrlRule::twitter) == Strings{"https://t.co/abc"});
}

TEST_CASE("X: the path classes match what canonicalizes like a Cyrillic letter") {
  // ᲂ U+1C82 CYRILLIC SMALL LETTER WIDE O uppercases to О U+041E; ᲀ..ᲇ likewise.
  CHECK(urls("https://a.com/x\u1C82", UrlRule::twitter) == Strings{"https://a.com/x\u1C82"});
  CHECK(urls("https://a.com/\u1C80", UrlRule::twitter) == Strings{"https://a.com/\u1C80"});
  CHECK(urls("https://a.com/\u1C87", UrlRule::twitter) == Strings{"https://a.com/\u1C87"});
  // ᲈ U+1C88 uppercases to Ꙋ U+A64A, outside U+0400..U+04FF.
  CHECK(urls("https://a.com/\u1C88", UrlRule::twitter) == Strings{"https://a.com/"});
  CHECK(x_length("https://a.com/\u1C88") == 25);
}

TEST_CASE("X: balanced parentheses in the path fold too") {
  CHECK(urls("https://a.fi/(\u0280)", UrlRule::twitter) == Strings{"https://a.fi/(\u0280)"});
  CHECK(urls("https://a.fi/(\u03B9)", UrlRule::twitter) == Strings{"https://a.fi/(\u03B9)"});
  CHECK(urls("https://a.fi/(\u1C82)", UrlRule::twitter) == Strings{"https://a.fi/(\u1C82)"});
  CHECK(urls("https://a.fi/(x(\u0280)y)", UrlRule::twitter) ==
        Strings{"https://a.fi/(x(\u0280)y)"});
  CHECK(urls("https://a.com/(\u212B)", UrlRule::twitter) == Strings{"https://a.com/"});
}

TEST_CASE("X: TLDs match what canonicalizes like their letters") {
  // ϵ U+03F5 uppercases to Ε U+0395, as ε does: ".ελ". ᲂ U+1C82 as о: ".орг".
  CHECK(urls("http://a.\u03F5\u03BB x", UrlRule::twitter) == Strings{"http://a.\u03F5\u03BB"});
  CHECK(urls("http://a.\u1C82\u0440\u0433 x", UrlRule::twitter) ==
        Strings{"http://a.\u1C82\u0440\u0433"});
  CHECK(x_length("http://a.\u1C82\u0440\u0433 x") == 25);
  CHECK(x_length("http://a.\u03F5\u03BB x") == 25);
  // Uppercase spellings, as before: ".ΕΛ", ".САЙТ", Georgian Mtavruli ".Გე".
  CHECK(urls("http://a.\u0395\u039B x", UrlRule::twitter) == Strings{"http://a.\u0395\u039B"});
  CHECK(urls("http://a.\u0421\u0410\u0419\u0422 x", UrlRule::twitter) ==
        Strings{"http://a.\u0421\u0410\u0419\u0422"});
  CHECK(urls("http://a.\u1C92\u10D4 x", UrlRule::twitter) == Strings{"http://a.\u1C92\u10D4"});
  // Neighbours: ϴ U+03F4 uppercases to itself, not to Θ; ᲀ is в, not д (".ᲀети");
  // ᲃᲂᲁ is "сод"; Ε is Greek, not Cyrillic Е; ᲈ is no о.
  CHECK(urls("http://a.\u03F4 x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u1C80\u0435\u0442\u0438 x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u1C83\u1C82\u1C81 x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u0415\u03BB x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u03B5\u03F5 x", UrlRule::twitter).empty());
  CHECK(urls("http://a.\u1C88\u0440\u0433/#tag", UrlRule::twitter).empty());
  // Without a scheme the ASCII domain ends in such a TLD too.
  CHECK(urls("a.\u1C82\u0440\u0433 x", UrlRule::twitter) == Strings{"a.\u1C82\u0440\u0433"});
  CHECK(urls("a.com.\u1C82\u0440\u0433/x", UrlRule::twitter) ==
        Strings{"a.com.\u1C82\u0440\u0433/x"});
}

TEST_CASE("X: validAsciiDomain's labels fold like latinAccentChars") {
  // ".@,xn--p1aiιt.co/＠/": the ASCII domain is the whole "xn--p1aiιt.co" with its path.
  const std::string_view text = ".@,xn--p1ai\u03B9t.co/\uFF20/";
  const auto m = found(text, UrlRule::twitter);
  REQUIRE(m.size() == 1);
  CHECK(m[0].span == Span{3, bytes(".@,xn--p1ai\u03B9t.co/")});
  CHECK(x_length(text) == 29);
  CHECK(urls("\u0280.com x", UrlRule::twitter) == Strings{"\u0280.com"});
  CHECK(urls("x\u0280y.com/a", UrlRule::twitter) == Strings{"x\u0280y.com/a"});
  CHECK(urls("\u2C7E.com", UrlRule::twitter) == Strings{"\u2C7E.com"});
  CHECK(urls("a.\u03B9.com", UrlRule::twitter) == Strings{"a.\u03B9.com"});
  CHECK(urls("http://\u03B9.xn--p1ai", UrlRule::twitter) == Strings{"http://\u03B9.xn--p1ai"});
  // A leading Ι is taken as the preceding character ([^A-Za-z0-9@...] is tried before ^).
  CHECK(urls("\u0399a.com", UrlRule::twitter) == Strings{"a.com"});
  // The label class has no Cyrillic: ᲂ splits "aᲂb.com" and "aᲂ.com" has no ASCII domain.
  CHECK(urls("a\u1C82b.com/x", UrlRule::twitter) == Strings{"b.com/x"});
  CHECK(urls("a\u1C82.com", UrlRule::twitter).empty());
  CHECK(urls("\u00B5.com", UrlRule::twitter).empty());
  // A scheme-less URL found after a CJK run: its path takes ʀ.
  const std::string_view cjk = "a\u4E2D\u56FDt.co/orgcomhttps://b\u0280x% ";
  const auto c = found(cjk, UrlRule::twitter);
  REQUIRE(c.size() == 1);
  CHECK(c[0].span.of(cjk) == "t.co/orgcomhttps://b\u0280x");
  CHECK(x_length(cjk) == 30);
}

TEST_CASE("X: a URL that folds longer covers the hashtags inside it") {
  CHECK(urls("https://a.com/\u0280/#tag", UrlRule::twitter) == Strings{"https://a.com/\u0280/#tag"});
  CHECK(x_tags("https://a.com/\u0280/#tag").empty());
  CHECK(x_tags("a.com/\u0280/#tag").empty());
  CHECK(x_tags("https://a.com/\u1C82-#tag x").empty());
  CHECK(x_tags("x http://a.\u1C82\u0440\u0433/#tag").empty());
  CHECK(x_tags("#tag https://a.com/\u0280#tag2") == Strings{"tag"});
  // No fold, no URL over the tag: Å U+212B, ᲈ U+1C88.
  CHECK(x_tags("https://a.com/\u212B/#tag") == Strings{"tag"});
  CHECK(x_tags("http://a.\u1C88\u0440\u0433/#tag") == Strings{"tag"});
  CHECK(x_length("https://a.com/\u0280/#tag") == 23);
}

TEST_CASE("X: every TLD character is its own key under JS /i") {
  // match_tld looks up the keys of the text's characters (js_case.hpp) in the lowercase TLD
  // list, so no TLD character may have another key: no ς, ϵ or ᲂ in tld_lib.yml.
  namespace tb = somepost::core::tables;
  std::size_t non_ascii = 0;
  for (std::string_view tld : tb::kTlds) {
    const auto* p = reinterpret_cast<const unsigned char*>(tld.data());
    const auto* end = p + tld.size();
    while (p < end) {
      const auto d = somepost::unicode::decode_lenient(p, end);
      p += d.length;
      if (d.code_point < 0x80) continue;
      ++non_ascii;
      if (d.code_point > 0xFFFF) continue;
      constexpr unsigned kShift = tb::kJsCaseShift;
      const std::size_t block = tb::kJsCaseStage1[d.code_point >> kShift];
      const std::size_t entry =
          tb::kJsCaseStage2[(block << kShift) | (d.code_point & ((1u << kShift) - 1))];
      INFO("TLD " << std::string(tld));
      CHECK(tb::kJsCaseKeyDeltas[entry & 0xFF] == 0);
    }
  }
  CHECK(non_ascii > 0);
}

TEST_CASE("X: each ASCII domain is placed where indexOf finds its text first") {
  // extractUrlsWithIndices: asciiStartPosition = domain.indexOf(asciiDomain, asciiEndPosition).
  // `a.org` matches at 8 (`org` is followed by `y` at 0), but indexOf finds the copy at 0.
  std::vector<UrlMatch> found;
  extract_urls("a.orgy\u05d0a.org", UrlRule::twitter, found);  // twitter-text: [0,5]
  REQUIRE(found.size() == 1);
  CHECK(found[0].span == Span{0, 5});
  extract_urls("a.orgy\u05d0a.org/x", UrlRule::twitter, found);  // url "a.org/x", [0,14] in UTF-16
  REQUIRE(found.size() == 1);
  CHECK(found[0].span == Span{0, 15});
  CHECK(somepost::test::count_on("x", "a.orgy\u05d0a.org").platforms[0].length == 30);  // parseTweet: 30
  CHECK(somepost::test::count_on("x", "a.orgy\u05d0a.org/x").platforms[0].length == 30);
}

TEST_CASE("X: an emoji of parseTweet's scan that covers a URL's resume point starts no emoji") {
  // twitter-text: url "u.Fi/" at [0,13]; the walk resumes at the low half of 💆 (2), then
  // ZWJ 1, ♂ 2, U+FE0F 2 and ".рф/" 4, since the scan's emoji [4,9] started before it.
  CHECK(somepost::test::count_on("x", "u.Fi\U0001F486\u200d\u2642\ufe0f.\u0440\u0444/").platforms[0].length == 34);
}
