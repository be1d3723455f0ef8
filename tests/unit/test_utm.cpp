// UTM tagging: merging parameters into a link, schemes per platform, and how a tagged
// link counts.
#include <doctest/doctest.h>

#include <string>

#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/utm.hpp"
#include "support.hpp"

using namespace somepost::core;
using somepost::test::profile;

namespace {

UtmSpec spec(std::string_view text) {
  std::string error;
  const auto parsed = parse_utm_spec(text, error);
  REQUIRE_MESSAGE(parsed.has_value(), error);
  return *parsed;
}

std::size_t length_on(std::string_view id, std::string_view text) {
  return somepost::test::count_on(id, text).platforms.front().length;
}

}  // namespace

TEST_CASE("merge_query: a link without a query gets one") {
  CHECK(merge_query("mieli.fi/mielenterveysvaalit", {{"utm_source", "x"}, {"utm_medium", "social"}}) ==
        "mieli.fi/mielenterveysvaalit?utm_source=x&utm_medium=social");
  CHECK(merge_query("https://mieli.fi/", {{"a", "1"}}) == "https://mieli.fi/?a=1");
}

TEST_CASE("merge_query: parameters the link has are never overwritten") {
  CHECK(merge_query("mieli.fi/x?utm_source=newsletter&id=7", {{"utm_source", "x"}, {"utm_campaign", "kevat"}}) ==
        "mieli.fi/x?utm_source=newsletter&id=7&utm_campaign=kevat");
  // An empty value is still the link's own value.
  CHECK(merge_query("mieli.fi/x?utm_medium=", {{"utm_medium", "social"}}) == "mieli.fi/x?utm_medium=");
  // A name is compared whole: utm_source_x is another parameter.
  CHECK(merge_query("mieli.fi/x?utm_source_x=1", {{"utm_source", "x"}}) == "mieli.fi/x?utm_source_x=1&utm_source=x");
}

TEST_CASE("merge_query: the fragment stays last") {
  CHECK(merge_query("mieli.fi/x#osa-2", {{"utm_source", "x"}}) == "mieli.fi/x?utm_source=x#osa-2");
  CHECK(merge_query("mieli.fi/x?a=1#top", {{"b", "2"}}) == "mieli.fi/x?a=1&b=2#top");
  // A '?' inside the fragment is not the query.
  CHECK(merge_query("mieli.fi/x#kysy?", {{"b", "2"}}) == "mieli.fi/x?b=2#kysy?");
}

TEST_CASE("merge_query: a trailing ? or & gets no extra separator") {
  CHECK(merge_query("mieli.fi/x?", {{"a", "1"}, {"b", "2"}}) == "mieli.fi/x?a=1&b=2");
  CHECK(merge_query("mieli.fi/x?a=1&", {{"b", "2"}}) == "mieli.fi/x?a=1&b=2");
}

TEST_CASE("merge_query: values are percent-encoded as UTF-8 bytes") {
  CHECK(merge_query("m.fi", {{"utm_campaign", "kevät 2026"}}) == "m.fi?utm_campaign=kev%C3%A4t%202026");
  CHECK(merge_query("m.fi", {{"c", "a&b=c/d?e#f+g"}}) == "m.fi?c=a%26b%3Dc%2Fd%3Fe%23f%2Bg");
  CHECK(merge_query("m.fi", {{"c", "A-z_0.9~"}}) == "m.fi?c=A-z_0.9~");
}

TEST_CASE("merge_query: nothing to add leaves the link as it is") {
  CHECK(merge_query("mieli.fi/x", {}) == "mieli.fi/x");
  CHECK(merge_query("mieli.fi/x?utm_source=a", {{"utm_source", "x"}}) == "mieli.fi/x?utm_source=a");
}

TEST_CASE("parse_utm_spec: keys, defaults and errors") {
  const UtmSpec s = spec("campaign=kevat");
  CHECK(s.campaign == "kevat");
  CHECK(s.medium == "social");
  CHECK(s.content.empty());
  const UtmSpec t = spec("medium=email,campaign=syksy,content=a,term=b");
  CHECK(t.medium == "email");
  CHECK(t.campaign == "syksy");
  CHECK(t.content == "a");
  CHECK(t.term == "b");

  std::string error;
  CHECK_FALSE(parse_utm_spec("medium=social", error));
  CHECK(error == "campaign=NAME is required");
  CHECK_FALSE(parse_utm_spec("campaign=a,sorce=x", error));
  CHECK(error == "unknown key \"sorce\"; known: campaign, medium, content, term");
  CHECK_FALSE(parse_utm_spec("campaign=a,campaign=b", error));
  CHECK(error == "\"campaign\" is given twice");
  CHECK_FALSE(parse_utm_spec("campaign=", error));
  CHECK(error == "\"campaign\" has no value");
  CHECK_FALSE(parse_utm_spec("kevat", error));
  CHECK(error.find("KEY=VALUE") != std::string::npos);
  // Found by the fuzzer (tests/fuzz/corpus/utm): what is quoted is escaped and cut, so the
  // message is one short line.
  CHECK_FALSE(parse_utm_spec("\x1e\x1e\r", error));
  CHECK(error == "expected KEY=VALUE pairs separated by commas, e.g. campaign=kevat,medium=social; got \"\\u001E\\u001E\\r\"");
  CHECK_FALSE(parse_utm_spec("campaign=a," + std::string(100, 'k') + "=1", error));
  CHECK(error == "unknown key \"" + std::string(40, 'k') + "...\"; known: campaign, medium, content, term");
}

TEST_CASE("has_scheme and links_bare_domains") {
  CHECK(has_scheme("https://mieli.fi"));
  CHECK(has_scheme("gemini://x.org/"));
  CHECK_FALSE(has_scheme("mieli.fi/x"));
  CHECK_FALSE(has_scheme("mieli.fi:8080/x"));
  CHECK_FALSE(has_scheme("://x"));
  CHECK(links_bare_domains(profile("x")));
  CHECK(links_bare_domains(profile("bluesky")));
  CHECK_FALSE(links_bare_domains(profile("mastodon")));
}

TEST_CASE("link_for_platform: a bare link stays bare where bare domains link") {
  const auto utm = std::optional<UtmSpec>(spec("campaign=kevat"));
  CHECK(link_for_platform("mieli.fi/mielenterveysvaalit", profile("x"), utm, LinkScheme::keep) ==
        "mieli.fi/mielenterveysvaalit?utm_source=x&utm_medium=social&utm_campaign=kevat");
  CHECK(link_for_platform("mieli.fi/mielenterveysvaalit", profile("bluesky"), utm, LinkScheme::keep) ==
        "mieli.fi/mielenterveysvaalit?utm_source=bluesky&utm_medium=social&utm_campaign=kevat");
  // Mastodon links only schemed URLs: the tagged link gets https://.
  CHECK(link_for_platform("mieli.fi/mielenterveysvaalit", profile("mastodon"), utm, LinkScheme::keep) ==
        "https://mieli.fi/mielenterveysvaalit?utm_source=mastodon&utm_medium=social&utm_campaign=kevat");
  // --link-scheme https everywhere.
  CHECK(link_for_platform("mieli.fi/x", profile("x"), utm, LinkScheme::https) ==
        "https://mieli.fi/x?utm_source=x&utm_medium=social&utm_campaign=kevat");
  // A schemed link keeps its scheme.
  CHECK(link_for_platform("http://mieli.fi/x", profile("mastodon"), utm, LinkScheme::https) ==
        "http://mieli.fi/x?utm_source=mastodon&utm_medium=social&utm_campaign=kevat");
}

TEST_CASE("link_for_platform: without --utm only --link-scheme changes the link") {
  CHECK(link_for_platform("mieli.fi/x", profile("mastodon"), std::nullopt, LinkScheme::keep) == "mieli.fi/x");
  CHECK(link_for_platform("mieli.fi/x", profile("x"), std::nullopt, LinkScheme::https) == "https://mieli.fi/x");
  CHECK(link_for_platform("", profile("x"), spec("campaign=a"), LinkScheme::https).empty());
}

TEST_CASE("a tagged link counts 23 on X and on Mastodon (schemed), in full elsewhere") {
  const std::string body = "Äänestä! ";
  const auto utm = std::optional<UtmSpec>(spec("campaign=kevat"));
  const std::string plain = "mieli.fi/mielenterveysvaalit";
  for (const char* id : {"x", "mastodon", "bluesky", "linkedin"}) {
    CAPTURE(id);
    const std::string untagged = link_for_platform(plain, profile(id), std::nullopt, LinkScheme::https);
    const std::string tagged = link_for_platform(plain, profile(id), utm, LinkScheme::keep);
    REQUIRE(tagged.size() > untagged.size());
    const std::size_t before = length_on(id, body + untagged);
    const std::size_t after = length_on(id, body + tagged);
    if (std::string_view(id) == "x" || std::string_view(id) == "mastodon") {
      CHECK(after == before);
      CHECK(after == length_on(id, body) + 23);
    } else {
      CHECK(after == length_on(id, body) + tagged.size());  // ASCII: one grapheme a byte
    }
  }
}
