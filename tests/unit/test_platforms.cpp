// Unit tests for src/core/platforms.hpp: the built-in profiles (data/platforms.json as
// embedded), parse_profiles' validation (each kind of problem with its JSON path, all
// reported at once; syntax errors and invalid UTF-8 with line:column), merge_profiles,
// find_profile, apply_limit_override and known_ids.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/embedded.hpp"
#include "core/platforms.hpp"

namespace {

using nlohmann::json;
using somepost::core::apply_limit_override;
using somepost::core::builtin_profiles;
using somepost::core::CountingUnit;
using somepost::core::embedded_platforms_json;
using somepost::core::find_profile;
using somepost::core::HashtagRule;
using somepost::core::known_ids;
using somepost::core::merge_profiles;
using somepost::core::parse_profiles;
using somepost::core::Profile;
using somepost::core::ProfilesResult;
using somepost::core::Severity;
using somepost::core::UrlRule;
using somepost::core::WarningWhen;

constexpr std::string_view kBuiltinIds =
    "x, mastodon, bluesky, threads, instagram, linkedin, facebook";

/// A profile object with every required key, valid as is.
json valid_profile(const std::string& id) {
  return {{"id", id},
          {"name", "Demo " + id},
          {"unit", "graphemes"},
          {"limit", 100},
          {"nfc", false},
          {"url_rule", nullptr},
          {"url_length", 23},
          {"mention_local_part", false},
          {"blank_counts_zero", false},
          {"counts_content_warning", false},
          {"hashtag_rule", "x"},
          {"warnings", json::array()},
          {"sources", json::array({"https://example.com/rules"})},
          {"checked", "2026-11-23"},
          {"notes", ""}};
}

json document(json profiles) { return {{"schema", 1}, {"profiles", std::move(profiles)}}; }

/// All errors as "where: message" lines, for failure messages.
std::string listing(const ProfilesResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += "\n  " + e.where + ": " + e.message;
  return out;
}

/// True when `r` has an error at `where` whose message starts with `message`.
bool has_error(const ProfilesResult& r, std::string_view where, std::string_view message) {
  return std::any_of(r.errors.begin(), r.errors.end(), [&](const auto& e) {
    return e.where == where && std::string_view(e.message).substr(0, message.size()) == message;
  });
}

}  // namespace

TEST_CASE("builtin_profiles: the embedded data/platforms.json is valid") {
  // Guards builtin_profiles(), which throws std::logic_error on an invalid embedded file.
  const ProfilesResult r = parse_profiles(embedded_platforms_json());
  INFO("errors:" << listing(r));
  CHECK(r.errors.empty());
  CHECK_NOTHROW((void)builtin_profiles());
}

TEST_CASE("builtin_profiles: seven profiles in file order with their rules") {
  const auto& profiles = builtin_profiles();
  REQUIRE(profiles.size() == 7);
  CHECK(known_ids(profiles) == kBuiltinIds);
  CHECK(&builtin_profiles() == &profiles);  // parsed once

  struct Expected {
    std::string_view id;
    CountingUnit unit;
    std::size_t limit;
    std::optional<std::size_t> byte_limit;
    bool nfc;
    std::optional<UrlRule> url_rule;
    bool mention_local_part;
    bool mastodon_quirks;  // blank_counts_zero and counts_content_warning
    HashtagRule hashtag_rule;
  };
  const Expected expected[] = {
      {"x", CountingUnit::x_weighted, 280, std::nullopt, true, UrlRule::twitter, false, false,
       HashtagRule::x},
      {"mastodon", CountingUnit::graphemes, 500, std::nullopt, false, UrlRule::mastodon, true, true,
       HashtagRule::mastodon},
      {"bluesky", CountingUnit::graphemes, 300, 3000, false, std::nullopt, false, false,
       HashtagRule::bluesky},
      {"threads", CountingUnit::emoji_bytes, 500, std::nullopt, false, std::nullopt, false, false,
       HashtagRule::x},
      {"instagram", CountingUnit::graphemes, 2200, std::nullopt, false, std::nullopt, false, false,
       HashtagRule::x},
      {"linkedin", CountingUnit::graphemes, 3000, std::nullopt, false, std::nullopt, false, false,
       HashtagRule::x},
      {"facebook", CountingUnit::graphemes, 63206, std::nullopt, false, std::nullopt, false, false,
       HashtagRule::x},
  };
  for (std::size_t i = 0; i < 7; ++i) {
    const Profile& p = profiles[i];
    const Expected& e = expected[i];
    CAPTURE(p.id);
    CHECK(p.id == e.id);
    CHECK(!p.name.empty());
    CHECK(p.unit == e.unit);
    CHECK(p.limit == e.limit);
    CHECK(p.byte_limit == e.byte_limit);
    CHECK(p.nfc == e.nfc);
    CHECK(p.url_rule == e.url_rule);
    CHECK(p.url_length == 23);
    CHECK(p.mention_local_part == e.mention_local_part);
    CHECK(p.blank_counts_zero == e.mastodon_quirks);
    CHECK(p.counts_content_warning == e.mastodon_quirks);
    CHECK(p.hashtag_rule == e.hashtag_rule);
    CHECK(!p.sources.empty());
    CHECK(p.checked == "2026-11-23");
    CHECK(!p.notes.empty());
  }

  const Profile& threads = profiles[3];
  REQUIRE(threads.max_hashtags.has_value());
  CHECK(threads.max_hashtags->max == 1);
  CHECK(threads.max_hashtags->severity == Severity::warning);
  REQUIRE(threads.max_links.has_value());
  CHECK(threads.max_links->max == 5);
  CHECK(threads.max_links->severity == Severity::error);

  const Profile& instagram = profiles[4];
  REQUIRE(instagram.max_hashtags.has_value());
  CHECK(instagram.max_hashtags->max == 5);
  CHECK(instagram.max_hashtags->severity == Severity::error);
  CHECK_FALSE(instagram.max_links.has_value());
  REQUIRE(instagram.warnings.size() == 1);
  CHECK(instagram.warnings[0].when == WarningWhen::has_links);
  CHECK(instagram.warnings[0].message == "Links in Instagram captions are not clickable.");

  for (const std::size_t i : {0, 1, 2, 5, 6}) {
    CAPTURE(profiles[i].id);
    CHECK_FALSE(profiles[i].max_hashtags.has_value());
    CHECK_FALSE(profiles[i].max_links.has_value());
  }
}

TEST_CASE("parse_profiles: a minimal valid document, optional keys omitted or null") {
  json doc = document({valid_profile("a"), valid_profile("b")});
  doc["profiles"][1]["byte_limit"] = nullptr;
  doc["profiles"][1]["max_links"] = nullptr;
  doc["profiles"][1]["url_rule"] = "mastodon";
  doc["profiles"][1]["max_hashtags"] = {{"max", 0}, {"severity", "warning"}};
  doc["profiles"][1]["warnings"] = json::array({{{"when", "has_hashtags"}, {"message", "Tags!"}}});
  doc["profiles"][1]["checked"] = "2024-02-29";  // a leap day
  const ProfilesResult r = parse_profiles(doc.dump());
  INFO("errors:" << listing(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.profiles.size() == 2);
  CHECK(r.profiles[0].id == "a");
  CHECK_FALSE(r.profiles[0].url_rule.has_value());
  CHECK_FALSE(r.profiles[1].byte_limit.has_value());
  CHECK_FALSE(r.profiles[1].max_links.has_value());
  CHECK(r.profiles[1].url_rule == UrlRule::mastodon);
  REQUIRE(r.profiles[1].max_hashtags.has_value());
  CHECK(r.profiles[1].max_hashtags->max == 0);
  REQUIRE(r.profiles[1].warnings.size() == 1);
  CHECK(r.profiles[1].warnings[0].when == WarningWhen::has_hashtags);
  CHECK(r.profiles[1].warnings[0].message == "Tags!");
}

TEST_CASE("parse_profiles: each kind of problem in a profile, with its path") {
  // Each case changes (or, with no value, removes) one key of the third profile of an
  // otherwise valid document and expects exactly one error.
  struct Case {
    std::string key;
    std::optional<json> value;
    std::string where;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"limit", json(0), "profiles[2].limit", "must be a positive integer (got 0)"},
      {"limit", json(-5), "profiles[2].limit", "must be a positive integer (got -5)"},
      {"limit", json(2.5), "profiles[2].limit", "must be a positive integer (got 2.5)"},
      {"limit", json("500"), "profiles[2].limit", "must be a positive integer (got \"500\")"},
      {"limit", std::nullopt, "profiles[2].limit", "missing required key"},
      {"byte_limit", json(0), "profiles[2].byte_limit", "must be a positive integer (got 0)"},
      {"url_length", json(-1), "profiles[2].url_length", "must be a non-negative integer (got -1)"},
      {"unit", json("grapheme"), "profiles[2].unit",
       "must be one of x-weighted, graphemes, emoji-bytes (got \"grapheme\")"},
      {"url_rule", json("bluesky"), "profiles[2].url_rule",
       "must be one of twitter, mastodon, null"},
      {"url_rule", std::nullopt, "profiles[2].url_rule", "missing required key"},
      {"hashtag_rule", json(1), "profiles[2].hashtag_rule",
       "must be one of x, mastodon, bluesky (got 1)"},
      {"nfc", json("true"), "profiles[2].nfc", "must be true or false (got \"true\")"},
      {"mention_local_part", json(nullptr), "profiles[2].mention_local_part",
       "must be true or false (got null)"},
      {"blank_counts_zero", json(0), "profiles[2].blank_counts_zero",
       "must be true or false (got 0)"},
      {"counts_content_warning", std::nullopt, "profiles[2].counts_content_warning",
       "missing required key"},
      {"id", json("Mastodon"), "profiles[2].id", "must be a non-empty string of a-z, 0-9 and '-'"},
      {"id", json("my_site"), "profiles[2].id", "must be a non-empty string of a-z, 0-9 and '-'"},
      {"id", json(""), "profiles[2].id", "must be a non-empty string"},
      {"id", json(7), "profiles[2].id", "must be a non-empty string"},
      {"id", json("a"), "profiles[2].id", "duplicate id \"a\" (first used by profiles[0])"},
      {"name", json(""), "profiles[2].name", "must be a non-empty string (got \"\")"},
      {"name", std::nullopt, "profiles[2].name", "missing required key"},
      {"notes", json(false), "profiles[2].notes", "must be a string (got false)"},
      {"checked", json("23.11.2026"), "profiles[2].checked", "must be a date written YYYY-MM-DD"},
      {"checked", json("2026-11-23T10:00"), "profiles[2].checked",
       "must be a date written YYYY-MM-DD"},
      {"checked", json("2026-13-01"), "profiles[2].checked", "is not a calendar date"},
      {"checked", json("2025-02-29"), "profiles[2].checked", "is not a calendar date"},
      {"sources", json("https://example.com"), "profiles[2].sources", "must be an array of URLs"},
      {"sources", json::array({"https://ok.example", "example.com/x"}), "profiles[2].sources[1]",
       "must be an http:// or https:// URL (got \"example.com/x\")"},
      {"sources", json::array({"https://a b"}), "profiles[2].sources[0]",
       "must be an http:// or https:// URL"},
      {"warnings", json::array({{{"when", "sometimes"}, {"message", "m"}}}),
       "profiles[2].warnings[0].when",
       "must be one of always, has_links, has_hashtags (got \"sometimes\")"},
      {"warnings", json::array({{{"when", "always"}, {"message", ""}}}),
       "profiles[2].warnings[0].message", "must be a non-empty string"},
      {"warnings", json::array({{{"when", "always"}}}), "profiles[2].warnings[0].message",
       "missing required key"},
      {"warnings", json::array({"always"}), "profiles[2].warnings[0]", "must be an object"},
      {"warnings", json::array({{{"when", "always"}, {"message", "m"}, {"level", 1}}}),
       "profiles[2].warnings[0].level", "unknown key"},
      {"max_links", json(5), "profiles[2].max_links", "must be an object"},
      {"max_links", json{{"max", 5}}, "profiles[2].max_links.severity", "missing required key"},
      {"max_links", json{{"max", 5}, {"severity", "fatal"}}, "profiles[2].max_links.severity",
       "must be one of warning, error (got \"fatal\")"},
      {"max_hashtags", json{{"max", -1}, {"severity", "error"}}, "profiles[2].max_hashtags.max",
       "must be a non-negative integer (got -1)"},
      {"max_hashtags", json{{"max", 1}, {"severity", "error"}, {"maxx", 2}},
       "profiles[2].max_hashtags.maxx", "unknown key; did you mean \"max\"?"},
      {"limt", json(5), "profiles[2].limt", "unknown key; did you mean \"limit\"?"},
      {"colour", json("blue"), "profiles[2].colour",
       "unknown key; expected one of id, name, unit, limit"},
      {"odd key", json(1), "profiles[2][\"odd key\"]", "unknown key"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.key);
    CAPTURE(c.where);
    json doc = document({valid_profile("a"), valid_profile("b"), valid_profile("c")});
    if (c.value) {
      doc["profiles"][2][c.key] = *c.value;
    } else {
      doc["profiles"][2].erase(c.key);
    }
    const ProfilesResult r = parse_profiles(doc.dump());
    INFO("errors:" << listing(r));
    CHECK(r.errors.size() == 1);
    CHECK(has_error(r, c.where, c.message));
    CHECK(r.profiles.empty());  // no profiles unless the document is valid
  }
}

TEST_CASE("parse_profiles: problems with the document itself") {
  SUBCASE("root not an object") {
    const ProfilesResult r = parse_profiles("[1, 2]");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, "(root)", "must be an object"));
  }
  SUBCASE("schema and profiles missing") {
    const ProfilesResult r = parse_profiles("{}");
    CHECK(r.errors.size() == 2);
    CHECK(has_error(r, "schema", "missing required key"));
    CHECK(has_error(r, "profiles", "missing required key"));
  }
  SUBCASE("unsupported schema version") {
    json doc = document({valid_profile("a")});
    doc["schema"] = 2;
    const ProfilesResult r = parse_profiles(doc.dump());
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, "schema", "unsupported schema version 2; this somepost reads schema 1"));
  }
  SUBCASE("schema of the wrong type") {
    json doc = document({valid_profile("a")});
    doc["schema"] = "1";
    const ProfilesResult r = parse_profiles(doc.dump());
    CHECK(has_error(r, "schema", "must be the integer 1 (got \"1\")"));
  }
  SUBCASE("profiles not an array, or empty") {
    CHECK(has_error(parse_profiles(R"({"schema": 1, "profiles": {}})"), "profiles",
                    "must be an array"));
    CHECK(has_error(parse_profiles(R"({"schema": 1, "profiles": []})"), "profiles",
                    "must list at least one"));
  }
  SUBCASE("a profile that is not an object") {
    const ProfilesResult r = parse_profiles(R"({"schema": 1, "profiles": ["x"]})");
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, "profiles[0]", "must be a profile object (got \"x\")"));
  }
  SUBCASE("unknown top-level key") {
    json doc = document({valid_profile("a")});
    doc["profile"] = json::array();
    const ProfilesResult r = parse_profiles(doc.dump());
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, "profile", "unknown key; did you mean \"profiles\"?"));
  }
  SUBCASE("duplicate keys are reported, not resolved silently") {
    const std::string text = R"({"schema": 1, "profiles": [)" + valid_profile("a").dump() + "," +
                             valid_profile("b").dump().insert(1, R"("limit": 5, )") + "]}";
    const ProfilesResult r = parse_profiles(text);
    INFO("errors:" << listing(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(has_error(r, "profiles[1].limit", "duplicate key"));
  }
}

TEST_CASE("parse_profiles: every problem is reported at once") {
  json doc = document({valid_profile("a"), valid_profile("a"), valid_profile("c")});
  doc["schema"] = 3;
  doc["profiles"][0]["limit"] = 0;
  doc["profiles"][0]["unit"] = "chars";
  doc["profiles"][2].erase("notes");
  doc["profiles"][2]["nfc"] = 1;
  doc["extra"] = true;
  const ProfilesResult r = parse_profiles(doc.dump());
  INFO("errors:" << listing(r));
  CHECK(r.errors.size() == 7);
  CHECK(has_error(r, "schema", "unsupported schema version 3"));
  CHECK(has_error(r, "profiles[0].limit", "must be a positive integer"));
  CHECK(has_error(r, "profiles[0].unit", "must be one of x-weighted, graphemes, emoji-bytes"));
  CHECK(has_error(r, "profiles[1].id", "duplicate id \"a\""));
  CHECK(has_error(r, "profiles[2].notes", "missing required key"));
  CHECK(has_error(r, "profiles[2].nfc", "must be true or false"));
  CHECK(has_error(r, "extra", "unknown key"));
  CHECK(r.profiles.empty());
}

TEST_CASE("parse_profiles: syntax errors give line:column") {
  struct Case {
    std::string text;
    std::string where;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", "1:1", "syntax error while parsing value - unexpected end of input"},
      {"{", "1:2", "syntax error while parsing object key - unexpected end of input"},
      {"{\n  \"schema\": 1,\n  \"profiles\": [,]\n}", "3:16", "syntax error while parsing value"},
      {"{\"schema\": 1,\n \"profiles\": tru}", "2:17",
       "syntax error while parsing value - invalid literal"},
      {"{\"schema\": 1} x", "1:15", "syntax error while parsing value - invalid literal"},
      {"{\"schema\": 1,}", "1:14", "syntax error while parsing object key"},
      // The column counts code points: "ä" and "€" are one column each.
      {"{\"ä€\": x}", "1:8", "syntax error while parsing value - invalid literal"},
      // A number too large for a double: reported at its first byte.
      {"{\"schema\": 1e999}", "1:12", "number overflow parsing '1e999'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const ProfilesResult r = parse_profiles(c.text);
    INFO("errors:" << listing(r));
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].where == c.where);
    CHECK(std::string_view(r.errors[0].message).substr(0, c.message.size()) == c.message);
    CHECK(r.errors[0].message.find("json.exception") == std::string::npos);
    CHECK(r.profiles.empty());
  }
}

TEST_CASE("parse_profiles: nesting deeper than 64 levels stops at the 65th opener") {
  // The schema needs 4 levels; the cap keeps hostile input linear.
  const std::string text = R"({"schema": 1, "profiles": [{"notes": )" + std::string(100000, '[') +
                           std::string(100000, ']') + "}]}";
  const ProfilesResult r = parse_profiles(text);
  REQUIRE(r.errors.size() == 1);
  // 3 levels open before "notes"; the 62nd '[' after it opens level 65.
  CHECK(r.errors[0].where ==
        fmt::format("1:{}",
                    std::string_view(R"({"schema": 1, "profiles": [{"notes": )").size() + 62));
  CHECK(r.errors[0].message == "objects and arrays nested deeper than 64 levels");
}

TEST_CASE("parse_profiles: invalid UTF-8 is reported with its byte offset") {
  // Inside a string (nlohmann would also notice) and outside one (it would call it an
  // invalid literal); either way the first bad sequence, its kind and its offset.
  const std::string in_string = "{\"schema\": 1,\n \"profiles\": [\"\xC3\x28\"]}";
  ProfilesResult r = parse_profiles(in_string);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].where == "2:16");
  CHECK(r.errors[0].message == "invalid UTF-8 (truncated sequence) at byte offset 29");

  const std::string outside = "{\"schema\": \xFF}";
  r = parse_profiles(outside);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].where == "1:12");
  CHECK(r.errors[0].message.find("at byte offset 11") != std::string::npos);

  // A message that quotes a partial multi-byte character escapes its bytes.
  r = parse_profiles("{\"schema\": \xC3\xA4}");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].where == "1:12");
  CHECK(r.errors[0].message.find("\\xC3") != std::string::npos);
}

TEST_CASE("merge_profiles: replaces by id in place and appends new ids") {
  std::vector<Profile> base = builtin_profiles();
  json extra_doc = document({valid_profile("mastodon"), valid_profile("my-instance")});
  extra_doc["profiles"][0]["limit"] = 5000;
  extra_doc["profiles"][0]["name"] = "Mastodon (my server)";
  const ProfilesResult extra = parse_profiles(extra_doc.dump());
  INFO("errors:" << listing(extra));
  REQUIRE(extra.errors.empty());

  merge_profiles(base, extra.profiles);
  REQUIRE(base.size() == 8);
  CHECK(known_ids(base) == std::string(kBuiltinIds) + ", my-instance");
  CHECK(base[1].id == "mastodon");
  CHECK(base[1].limit == 5000);
  CHECK(base[1].name == "Mastodon (my server)");
  CHECK(base[7].id == "my-instance");
  CHECK(builtin_profiles()[1].limit == 500);  // the built-in set is untouched

  merge_profiles(base, base);  // merging a set into itself changes nothing
  CHECK(base.size() == 8);
}

TEST_CASE("find_profile and known_ids") {
  const auto& profiles = builtin_profiles();
  REQUIRE(find_profile(profiles, "bluesky") != nullptr);
  CHECK(find_profile(profiles, "bluesky")->limit == 300);
  CHECK(find_profile(profiles, "Bluesky") == nullptr);
  CHECK(find_profile(profiles, "") == nullptr);
  CHECK(known_ids({}).empty());
}

TEST_CASE("apply_limit_override: ID=N sets that profile's limit") {
  std::vector<Profile> profiles = builtin_profiles();
  CHECK_FALSE(apply_limit_override(profiles, "mastodon=5000").has_value());
  CHECK(find_profile(profiles, "mastodon")->limit == 5000);
  CHECK_FALSE(apply_limit_override(profiles, "x=25000").has_value());
  CHECK(find_profile(profiles, "x")->limit == 25000);
  CHECK_FALSE(apply_limit_override(profiles, "bluesky=0300").has_value());
  CHECK(find_profile(profiles, "bluesky")->limit == 300);
  CHECK(find_profile(profiles, "bluesky")->byte_limit == 3000);  // only the main limit changes
  CHECK(find_profile(profiles, "threads")->limit == 500);
}

TEST_CASE("apply_limit_override: each error") {
  struct Case {
    std::string assignment;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"mastodon5000", "expected ID=N (for example mastodon=5000), got \"mastodon5000\""},
      {"", "expected ID=N (for example mastodon=5000), got \"\""},
      {"=5000",
       "expected ID=N (for example mastodon=5000), got \"=5000\": the platform id is missing"},
      {"mastodn=5000",
       "unknown platform \"mastodn\"; known: x, mastodon, bluesky, threads, instagram, linkedin, "
       "facebook"},
      {"Mastodon=5000",
       "unknown platform \"Mastodon\"; known: x, mastodon, bluesky, threads, instagram, linkedin, "
       "facebook"},
      {"mastodon=", "the limit for mastodon must be a positive integer, got \"\""},
      {"mastodon=5k", "the limit for mastodon must be a positive integer, got \"5k\""},
      {"mastodon=-5", "the limit for mastodon must be a positive integer, got \"-5\""},
      {"mastodon=+5", "the limit for mastodon must be a positive integer, got \"+5\""},
      {"mastodon= 5", "the limit for mastodon must be a positive integer, got \" 5\""},
      {"mastodon=5.0", "the limit for mastodon must be a positive integer, got \"5.0\""},
      {"mastodon=5=6", "the limit for mastodon must be a positive integer, got \"5=6\""},
      {"mastodon=0", "the limit for mastodon must be a positive integer, got \"0\""},
      {"mastodon=000", "the limit for mastodon must be a positive integer, got \"000\""},
      {"mastodon=99999999999999999999999",
       "the limit for mastodon is too large: \"99999999999999999999999\" (at most "},
  };
  for (const Case& c : cases) {
    CAPTURE(c.assignment);
    std::vector<Profile> profiles = builtin_profiles();
    const auto error = apply_limit_override(profiles, c.assignment);
    REQUIRE(error.has_value());
    CHECK(std::string_view(*error).substr(0, c.message.size()) == c.message);
    CHECK(find_profile(profiles, "mastodon")->limit == 500);  // unchanged on error
  }
}

TEST_CASE("apply_limit_override: the unknown-id message lists the ids of the set given") {
  std::vector<Profile> profiles = builtin_profiles();
  json extra = document({valid_profile("my-instance")});
  merge_profiles(profiles, parse_profiles(extra.dump()).profiles);
  const auto error = apply_limit_override(profiles, "nope=1");
  REQUIRE(error.has_value());
  CHECK(*error ==
        "unknown platform \"nope\"; known: " + std::string(kBuiltinIds) + ", my-instance");
  // Ill-formed bytes in the argument are escaped in the message.
  const auto bad = apply_limit_override(profiles, "\xFFx=1");
  REQUIRE(bad.has_value());
  CHECK(bad->substr(0, 24) == "unknown platform \"\\xFFx\"");
}

TEST_CASE("parse_profiles: every number has a range; past it, a clear error at its path") {
  struct Case {
    std::string key;
    json value;
    std::string where;
    std::string message;
  };
  const std::vector<Case> cases = {
      // url_length 2^30 cost 1 GB and 29 s; 2^64 - 1 ended in a libstdc++ message.
      {"url_length", json(std::uint64_t{1} << 30), "profiles[0].url_length", "must be at most 100 (got 1073741824)"},
      {"url_length", json(std::uint64_t{18446744073709551615u}), "profiles[0].url_length",
       "must be at most 100 (got 18446744073709551615)"},
      {"url_length", json(101), "profiles[0].url_length", "must be at most 100 (got 101)"},
      {"limit", json(10'000'001), "profiles[0].limit", "must be at most 10000000 (got 10000001)"},
      {"limit", json(std::uint64_t{18446744073709551615u}), "profiles[0].limit",
       "must be at most 10000000 (got 18446744073709551615)"},
      {"byte_limit", json(10'000'001), "profiles[0].byte_limit", "must be at most 10000000 (got 10000001)"},
      {"max_links", json{{"max", 10'000'001}, {"severity", "error"}}, "profiles[0].max_links.max",
       "must be at most 10000000 (got 10000001)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.where);
    json doc = document({valid_profile("a")});
    doc["profiles"][0][c.key] = c.value;
    const ProfilesResult r = parse_profiles(doc.dump());
    INFO("errors:" << listing(r));
    CHECK(r.errors.size() == 1);
    CHECK(has_error(r, c.where, c.message));
  }
  // The largest values are accepted.
  json doc = document({valid_profile("a")});
  doc["profiles"][0]["url_length"] = 100;
  doc["profiles"][0]["limit"] = 10'000'000;
  doc["profiles"][0]["byte_limit"] = 10'000'000;
  doc["profiles"][0]["max_hashtags"] = {{"max", 10'000'000}, {"severity", "warning"}};
  const ProfilesResult r = parse_profiles(doc.dump());
  INFO("errors:" << listing(r));
  REQUIRE(r.errors.empty());
  CHECK(r.profiles[0].url_length == 100);
  CHECK(r.profiles[0].limit == 10'000'000);
}

TEST_CASE("apply_limit_override: a limit past 10,000,000 is refused, never wrapped") {
  std::vector<Profile> profiles = builtin_profiles();
  // Once accepted, 2^64 - 1 made `remaining` -3 and `fits` true.
  for (const std::string n : {"18446744073709551615", "9223372036854775808", "10000001"}) {
    CAPTURE(n);
    const auto error = apply_limit_override(profiles, "x=" + n);
    REQUIRE(error.has_value());
    CHECK(*error == "the limit for x is too large: \"" + n + "\" (at most 10000000)");
    CHECK(find_profile(profiles, "x")->limit == 280);
  }
  CHECK_FALSE(apply_limit_override(profiles, "x=10000000").has_value());
  CHECK(find_profile(profiles, "x")->limit == 10'000'000);
  // A long value is quoted cut to 40 code points.
  const auto long_value = apply_limit_override(profiles, "x=" + std::string(1'000'000, '9'));
  REQUIRE(long_value.has_value());
  CHECK(*long_value == "the limit for x is too large: \"" + std::string(40, '9') + "...\" (at most 10000000)");
}
