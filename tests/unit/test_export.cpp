// Platform records: Bluesky facets by UTF-8 byte range and the record checked against
// the app.bsky.feed.post lexicon, the Mastodon status body, LinkedIn's little text.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "core/export.hpp"
#include "core/language.hpp"
#include "unicode/grapheme.hpp"

using namespace somepost::core;
using nlohmann::json;

namespace {

// The constraints of app.bsky.feed.post (lexicons/app/bsky/feed/post.json) and
// app.bsky.richtext.facet (lexicons/app/bsky/richtext/facet.json) that a record made
// by somepost can touch. Returns "" when `record` is valid, else the first problem.
std::string lexicon_problem(const json& record) {
  static const std::set<std::string> kProperties = {"$type",  "text",  "entities", "facets", "reply",
                                                    "embed",  "langs", "labels",   "tags",   "createdAt"};
  if (!record.is_object()) return "not an object";
  for (const auto& [key, value] : record.items()) {
    if (!kProperties.count(key)) return "unknown property " + key;
  }
  if (record.value("$type", "") != "app.bsky.feed.post") return "$type";
  if (!record.contains("text") || !record["text"].is_string()) return "text is required";
  if (!record.contains("createdAt") || !record["createdAt"].is_string()) return "createdAt is required";
  const std::string text = record["text"];
  if (text.size() > 3000) return "text maxLength 3000";
  if (somepost::unicode::count_graphemes(text) > 300) return "text maxGraphemes 300";
  if (!is_atproto_datetime(record["createdAt"].get<std::string>())) return "createdAt format datetime";
  if (record.contains("langs")) {
    const json& langs = record["langs"];
    if (!langs.is_array() || langs.size() > 3) return "langs maxLength 3";
    for (const auto& l : langs) {
      if (!l.is_string() || !is_language_tag(l.get<std::string>())) return "langs format language";
    }
  }
  if (record.contains("facets")) {
    if (!record["facets"].is_array()) return "facets is an array";
    for (const json& facet : record["facets"]) {
      if (facet.value("$type", "app.bsky.richtext.facet") != "app.bsky.richtext.facet") return "facet $type";
      if (!facet.contains("index") || !facet.contains("features")) return "facet requires index and features";
      const json& index = facet["index"];
      if (!index["byteStart"].is_number_unsigned() || !index["byteEnd"].is_number_unsigned()) return "byteSlice";
      if (index["byteStart"].get<std::size_t>() >= index["byteEnd"].get<std::size_t>() ||
          index["byteEnd"].get<std::size_t>() > text.size()) {
        return "byteSlice out of the text";
      }
      if (!facet["features"].is_array() || facet["features"].empty()) return "features";
      for (const json& feature : facet["features"]) {
        const std::string type = feature.value("$type", "");
        if (type == "app.bsky.richtext.facet#link") {
          const std::string uri = feature.value("uri", "");
          if (uri.rfind("https://", 0) != 0 && uri.rfind("http://", 0) != 0) return "link uri format uri";
        } else if (type == "app.bsky.richtext.facet#tag") {
          const std::string tag = feature.value("tag", "");
          if (tag.empty() || tag.size() > 640 || somepost::unicode::count_graphemes(tag) > 64) return "tag limits";
        } else {
          return "unknown feature " + type;
        }
      }
    }
  }
  return {};
}

json record_of(std::string_view text, std::string_view lang = "fi",
               std::string_view created_at = "2026-05-04T09:00:00.000Z") {
  std::string out;
  append_bluesky_record(out, text, lang, created_at);
  return json::parse(out);
}

}  // namespace

TEST_CASE("bluesky facets: byte ranges slice exactly the tag and the URL") {
  // Multi-byte text before every facet: ä (2 bytes), 👋🏽 (8).
  const std::string text =
      "Hyvää päivää 👋🏽 tänään! Lue mieli.fi/mielenterveysvaalit ja https://mieli.fi/äänestä?a=1 #mielenterveysvaalit "
      "#terapiatakuu’lla #äänestä";
  const auto facets = bluesky_facets(text);
  std::size_t links = 0, tags = 0;
  for (const BlueskyFacet& f : facets) {
    const std::string_view slice = std::string_view(text).substr(f.bytes.begin, f.bytes.size());
    if (f.kind == BlueskyFacet::Kind::tag) {
      ++tags;
      CHECK(slice == "#" + f.value);  // the tag value is the slice without '#'
    } else {
      ++links;
      CHECK((f.value == slice || f.value == "https://" + std::string(slice)));
    }
  }
  CHECK(links == 2);
  CHECK(tags == 3);
  // Worked out by hand: "Hyvää päivää " is 18 bytes, 👋🏽 8, " tänään! Lue " 16; the
  // link is 28 ASCII bytes.
  REQUIRE(facets.size() == 5);
  CHECK(facets[0].bytes.begin == 42);
  CHECK(facets[0].bytes.end == 42 + 28);
  CHECK(facets[0].value == "https://mieli.fi/mielenterveysvaalit");
  CHECK(facets[1].value == "https://mieli.fi/äänestä?a=1");
  CHECK(facets[3].value == "terapiatakuu’lla");  // Bluesky's rule: an apostrophe does not end a tag
  CHECK(facets[4].value == "äänestä");
}

TEST_CASE("bluesky facets: a tag over 64 graphemes gets none; facets are ordered and disjoint") {
  const std::string long_tag = "#" + std::string(65, 'a');
  const std::string ok_tag = "#" + std::string(64, 'b');
  const auto facets = bluesky_facets(long_tag + " " + ok_tag + " mieli.fi");
  REQUIRE(facets.size() == 2);
  CHECK(facets[0].kind == BlueskyFacet::Kind::tag);
  CHECK(facets[0].value == std::string(64, 'b'));
  CHECK(facets[1].kind == BlueskyFacet::Kind::link);
  CHECK(facets[0].bytes.end <= facets[1].bytes.begin);
}

TEST_CASE("bluesky record: valid against the lexicon, with $type, langs and createdAt") {
  const std::string text = "Äänestä 🗳️ mielenterveyden puolesta! mieli.fi/mielenterveysvaalit\n\n#mielenterveysvaalit";
  const json record = record_of(text);
  CHECK(lexicon_problem(record) == "");
  CHECK(record["$type"] == "app.bsky.feed.post");
  CHECK(record["text"] == text);
  CHECK(record["langs"] == json::array({"fi"}));
  CHECK(record["createdAt"] == "2026-05-04T09:00:00.000Z");
  REQUIRE(record["facets"].size() == 2);
  for (const json& facet : record["facets"]) {
    const std::size_t start = facet["index"]["byteStart"];
    const std::size_t end = facet["index"]["byteEnd"];
    const std::string slice = text.substr(start, end - start);
    const json& feature = facet["features"][0];
    if (feature["$type"] == "app.bsky.richtext.facet#tag") {
      CHECK(slice == "#" + feature["tag"].get<std::string>());
    } else {
      CHECK(feature["uri"] == "https://" + slice);
    }
  }
  // No facets, no lang: those keys are left out.
  const json plain = record_of("Hei", "");
  CHECK(lexicon_problem(plain) == "");
  CHECK_FALSE(plain.contains("facets"));
  CHECK_FALSE(plain.contains("langs"));
}

TEST_CASE("bluesky_text_problem: the lexicon's 300 graphemes and 3000 bytes, whatever a profile allows") {
  CHECK(bluesky_text_problem(std::string(300, 'a')).empty());
  CHECK(bluesky_text_problem(std::string(301, 'a')) ==
        "the text is 301 grapheme clusters, over the 300 the app.bsky.feed.post lexicon allows");
  // 👨‍👩‍👧‍👦 is one grapheme cluster of 25 bytes: 121 of them are 3025 bytes.
  std::string family;
  for (int i = 0; i < 120; ++i) family += "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6";
  CHECK(bluesky_text_problem(family).empty());  // 3000 bytes exactly
  family += " ";
  family += family.substr(0, 25);
  CHECK(bluesky_text_problem(family) ==
        "the text is 3026 UTF-8 bytes, over the 3000 the app.bsky.feed.post lexicon allows");
}

TEST_CASE("is_atproto_datetime follows the atproto datetime rules") {
  CHECK(is_atproto_datetime("2026-05-04T09:00:00Z"));
  CHECK(is_atproto_datetime("2026-05-04T09:00:00.123Z"));
  CHECK(is_atproto_datetime("2026-05-04T12:00:00+03:00"));
  CHECK(is_atproto_datetime("2026-05-04T12:00:00.5-05:30"));
  CHECK_FALSE(is_atproto_datetime("2026-05-04T09:00:00"));       // no time zone
  CHECK_FALSE(is_atproto_datetime("2026-05-04 09:00:00Z"));      // no T
  CHECK_FALSE(is_atproto_datetime("2026-05-04t09:00:00z"));      // lowercase
  CHECK_FALSE(is_atproto_datetime("2026-13-04T09:00:00Z"));      // month 13
  CHECK_FALSE(is_atproto_datetime("2026-05-04T24:00:00Z"));      // hour 24
  CHECK_FALSE(is_atproto_datetime("2026-05-04T09:00:00-00:00")); // refused by atproto
  CHECK_FALSE(is_atproto_datetime("2026-05-04T09:00:00.Z"));     // empty fraction
  CHECK_FALSE(is_atproto_datetime("2026-05-04"));
  // Days the month has, leap years by the Gregorian rule; minutes and seconds 00-59.
  CHECK_FALSE(is_atproto_datetime("2026-02-31T00:00:00Z"));
  CHECK_FALSE(is_atproto_datetime("2026-02-29T00:00:00Z"));
  CHECK(is_atproto_datetime("2028-02-29T00:00:00Z"));
  CHECK(is_atproto_datetime("2000-02-29T00:00:00Z"));
  CHECK_FALSE(is_atproto_datetime("2100-02-29T00:00:00Z"));
  CHECK(is_atproto_datetime("2026-04-30T23:59:59Z"));
  CHECK_FALSE(is_atproto_datetime("2026-04-31T00:00:00Z"));
  CHECK(is_atproto_datetime("2026-12-31T00:00:00Z"));
  CHECK_FALSE(is_atproto_datetime("2026-05-04T09:60:00Z"));
  CHECK_FALSE(is_atproto_datetime("2016-12-31T23:59:60Z"));  // a leap second: refused
  CHECK_FALSE(is_atproto_datetime("0000-01-01T00:00:00Z"));
}

TEST_CASE("mastodon status: status, visibility, language, spoiler_text only when given") {
  std::string out;
  append_mastodon_status(out, {"Hei \"kaikki\"\n#mieli", "fi-FI", "unlisted", ""});
  CHECK(out == R"({"status":"Hei \"kaikki\"\n#mieli","visibility":"unlisted","language":"fi"})");
  out.clear();
  append_mastodon_status(out, {"Hei", "sv", "public", "vaalit"});
  const json body = json::parse(out);
  CHECK(body["spoiler_text"] == "vaalit");
  CHECK(body["language"] == "sv");
  CHECK(body["visibility"] == "public");
}

TEST_CASE("linkedin little text: every reserved character is escaped") {
  const std::string reserved = "|{}@[]()<>#\\*_~";
  std::string expected;
  for (const char c : reserved) {
    expected += '\\';
    expected += c;
  }
  CHECK(linkedin_little_text(reserved) == expected);
  CHECK(linkedin_little_text("Tavallinen teksti, ääkköset ja 👋.") == "Tavallinen teksti, ääkköset ja 👋.");
  CHECK(linkedin_little_text("Tärkeää (todella): a_b *c* ~d~ <e> [f] {g} x|y @joku \\") ==
        "Tärkeää \\(todella\\): a\\_b \\*c\\* \\~d\\~ \\<e\\> \\[f\\] \\{g\\} x\\|y \\@joku \\\\");
}

TEST_CASE("linkedin little text: hashtags become {hashtag|\\#|tag} templates") {
  CHECK(linkedin_little_text("Äänestä! #mielenterveysvaalit #terapia_takuu") ==
        "Äänestä! {hashtag|\\#|mielenterveysvaalit} {hashtag|\\#|terapia\\_takuu}");
  CHECK(linkedin_little_text("＃mieli") == "{hashtag|＃|mieli}");
  // A '#' that is not a hashtag is escaped like any reserved character.
  CHECK(linkedin_little_text("sivu#2 ja # yksin") == "sivu\\#2 ja \\# yksin");
}

TEST_CASE("linkedin post: commentary in little text, the Posts API fields, no author") {
  std::string out;
  append_linkedin_post(out, "Hei (kaikki) #mieli");
  const json body = json::parse(out);
  CHECK(body["commentary"] == "Hei \\(kaikki\\) {hashtag|\\#|mieli}");
  CHECK(body["visibility"] == "PUBLIC");
  CHECK(body["lifecycleState"] == "PUBLISHED");
  CHECK(body["distribution"]["feedDistribution"] == "MAIN_FEED");
  CHECK(body["isReshareDisabledByAuthor"] == false);
  CHECK_FALSE(body.contains("author"));
}
