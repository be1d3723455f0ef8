// Unit tests for src/core/catalogue.hpp: the default kit (data/catalogues/
// mielenterveysvaalit-2022.json as embedded) against the campaign page it was built from
// (tests/data/seed/mieli-aluevaalit-2022.txt, parsed here independently), every kind of
// problem parse_catalogue reports with its path, and the look-ups (find_message,
// find_hashtag, closest_hashtags, pick_language).

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <random>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/catalogue.hpp"
#include "core/embedded.hpp"

namespace {

using nlohmann::json;
using somepost::core::Catalogue;
using somepost::core::CatalogueResult;
using somepost::core::closest_hashtags;
using somepost::core::default_catalogue;
using somepost::core::embedded_default_catalogue;
using somepost::core::find_hashtag;
using somepost::core::find_message;
using somepost::core::Hashtag;
using somepost::core::kDefaultTemplate;
using somepost::core::LocalizedText;
using somepost::core::Message;
using somepost::core::parse_catalogue;
using somepost::core::pick_language;
using somepost::core::pick_language_key;

// ---------------------------------------------------------------------------------------
// Reading the seed: the campaign page as plain text, one paragraph or list item a line.

std::vector<std::string> seed_lines() {
  const std::string path =
      std::string(SOMEPOST_SOURCE_DIR) + "/tests/data/seed/mieli-aluevaalit-2022.txt";
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The index of the line that is exactly `heading`.
std::size_t line_index(const std::vector<std::string>& lines, std::string_view heading) {
  const auto it = std::find(lines.begin(), lines.end(), heading);
  REQUIRE_MESSAGE(it != lines.end(), "the seed has no line " << heading);
  return static_cast<std::size_t>(it - lines.begin());
}

/// One item of a numbered list on the page: " 3. text", maybe followed by indented
/// continuation lines ("  more text").
struct SeedItem {
  int number = 0;                  // as printed on the page
  std::vector<std::string> lines;  // the first line's text after "N. ", then continuations
};

/// The numbered list that follows the line `heading` (after any intro lines), up to the
/// first line that is neither a list item nor a continuation.
std::vector<SeedItem> numbered_list_after(const std::vector<std::string>& lines,
                                          std::string_view heading) {
  std::vector<SeedItem> items;
  for (std::size_t i = line_index(lines, heading) + 1; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool numbered = line.size() > 4 && line[0] == ' ' && line[1] >= '1' && line[1] <= '9' &&
                          line.substr(2, 2) == ". ";
    if (numbered) {
      items.push_back({line[1] - '0', {line.substr(4)}});
    } else if (!items.empty() && line.substr(0, 2) == "  " && line.size() > 2 && line[2] != ' ') {
      items.back().lines.push_back(line.substr(2));
    } else if (!items.empty()) {
      break;
    }
  }
  return items;
}

/// A post split into its body and its trailing block of hashtags (the longest run of
/// space-separated words at the end that all start with '#').
std::pair<std::string, std::vector<std::string>> split_trailing_hashtags(const std::string& post) {
  std::vector<std::string> words;
  std::istringstream in(post);
  for (std::string word; std::getline(in, word, ' ');) words.push_back(word);
  std::size_t body_words = words.size();
  while (body_words > 0 && words[body_words - 1].starts_with('#')) --body_words;
  std::string body;
  for (std::size_t i = 0; i < body_words; ++i) body += (i == 0 ? "" : " ") + words[i];
  return {body, std::vector<std::string>(words.begin() + static_cast<std::ptrdiff_t>(body_words),
                                         words.end())};
}

std::string fi(const LocalizedText& text) {
  const auto it = text.find("fi");
  return it == text.end() ? std::string() : it->second;
}

// ---------------------------------------------------------------------------------------
// Problems.

std::string listing(const CatalogueResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += "\n  " + p.where + ": " + p.message;
  return out;
}

/// True when `r` has a problem at `where` whose message starts with `message`.
bool has_problem(const CatalogueResult& r, std::string_view where, std::string_view message) {
  return std::any_of(r.problems.begin(), r.problems.end(), [&](const auto& p) {
    return p.where == where && std::string_view(p.message).substr(0, message.size()) == message;
  });
}

/// A small valid catalogue, in two languages, using every key.
json valid_document() {
  return json::parse(R"({
    "schema": 1,
    "campaign": {
      "id": "demo-2026",
      "name": {"fi": "Demokampanja", "sv": "Demokampanj"},
      "slogan": {"fi": "Äänestä"},
      "default_language": "fi",
      "link": "example.org/demo",
      "template": "{body}\n{link}\n{hashtags}"
    },
    "messages": [
      {"id": "toka", "number": 2, "text": {"fi": "Toinen viesti."},
       "hashtags": ["#Demo2026", "#ÄÄNESTÄ"],
       "variants": {"x": {"fi": "Lyhyt."}, "my-server": {"fi": "Pitkä.", "sv": "Lång."}}},
      {"id": "eka", "number": 1, "text": {"fi": "Ensimmäinen viesti.", "sv": "Första."},
       "hashtags": ["#demo"]}
    ],
    "hashtags": [
      {"tag": "#demo", "description": {"fi": "Kampanja."}, "priority": 100, "group": "campaign",
       "alternatives": ["#demo2026"]},
      {"tag": "#äänestä", "priority": -5},
      {"tag": "#terapiatakuu", "description": {}, "group": "topic", "alternatives": []}
    ],
    "images": [
      {"id": "kuva-1", "file": "kuva 1.jpg", "alt": {"fi": "Kuvaus."}},
      {"id": "kuva-2", "file": "kuva-2.png", "alt": {}}
    ],
    "goals": [{"number": 1, "text": {"fi": "Tavoite."}}],
    "tips": [{"number": 2, "text": {"fi": "Toinen vinkki."}}, {"number": 1, "text": {"fi": "Vinkki."}}]
  })");
}

CatalogueResult parse(const json& doc) { return parse_catalogue(doc.dump()); }

}  // namespace

// ---------------------------------------------------------------------------------------
// The default kit.

TEST_CASE("default catalogue: the embedded file is valid and parsed once") {
  const CatalogueResult r = parse_catalogue(embedded_default_catalogue());
  INFO("problems:" << listing(r));
  CHECK(r.problems.empty());
  REQUIRE(r.catalogue.has_value());
  CHECK_NOTHROW((void)default_catalogue());
  CHECK(&default_catalogue() == &default_catalogue());
}

TEST_CASE("default catalogue: campaign, slogan and link as on the page") {
  const std::vector<std::string> lines = seed_lines();
  const Catalogue& c = default_catalogue();
  CHECK(c.campaign.id == "mielenterveysvaalit-2022");
  CHECK(c.campaign.default_language == "fi");
  const std::string slogan_line =
      lines[line_index(lines, "Slogan: Aluevaalit 2022 ovat mielenterveysvaalit")];
  CHECK(fi(c.campaign.slogan) == slogan_line.substr(std::string_view("Slogan: ").size()));
  CHECK(fi(c.campaign.name) == "MIELI ry: Aluevaalit 2022 ovat mielenterveysvaalit");
  // "Niiden loppuun voi linkittää osoitteen: mieli.fi/mielenterveysvaalit"
  const std::string intro =
      lines[line_index(lines, "Ehdotukset someviestinnän jakoteksteiksi") + 2];
  CHECK(intro.substr(intro.rfind(' ') + 1) == c.campaign.link);
  CHECK(c.campaign.link == "mieli.fi/mielenterveysvaalit");
  CHECK(c.campaign.post_template == kDefaultTemplate);
}

TEST_CASE("default catalogue: the six ready posts equal the page's, hashtag blocks split off") {
  const std::vector<std::string> lines = seed_lines();
  const std::vector<SeedItem> posts =
      numbered_list_after(lines, "Ehdotukset someviestinnän jakoteksteiksi");
  REQUIRE(posts.size() == 6);
  // The page's own numbering is broken; the catalogue numbers them 1..6.
  std::vector<int> page_numbers;
  for (const SeedItem& p : posts) page_numbers.push_back(p.number);
  CHECK(page_numbers == std::vector<int>{1, 1, 1, 2, 3, 4});

  const Catalogue& c = default_catalogue();
  REQUIRE(c.messages.size() == 6);
  for (std::size_t i = 0; i < posts.size(); ++i) {
    CAPTURE(i);
    REQUIRE(posts[i].lines.size() == 1);
    const auto [body, hashtags] = split_trailing_hashtags(posts[i].lines[0]);
    const Message& m = c.messages[i];
    CHECK(m.number == static_cast<int>(i) + 1);
    CHECK(fi(m.text) == body);
    CHECK(m.hashtags == hashtags);
    CHECK(m.text.size() == 1);  // Finnish only
    CHECK(m.variants.empty());
    for (const std::string& tag : m.hashtags) CHECK(find_hashtag(c, tag) != nullptr);
  }
  // Post 5 keeps its inline tag as written; post 4 has only #aluevaalit.
  CHECK(fi(c.messages[4].text).ends_with("palveluilla ja #terapiatakuu ’lla."));
  CHECK(c.messages[4].hashtags == std::vector<std::string>{"#aluevaalit2022",
                                                           "#mielenterveysvaalit", "#mielenterveys",
                                                           "#terapiatakuu", "#mieli"});
  CHECK(c.messages[3].hashtags == std::vector<std::string>{"#aluevaalit"});
  CHECK(c.messages[2].id == "lasten-ja-nuorten-mieli");
}

TEST_CASE("default catalogue: the hashtag list of the page, plus #aluevaalit") {
  const std::vector<std::string> lines = seed_lines();
  // "#mielenterveysvaalit tai #mielenterveysvaalit2022": a tag and its alternative.
  std::vector<std::vector<std::string>> page;
  for (std::size_t i = line_index(lines, "Aihetunnisteet sosiaaliseen mediaan") + 1;
       i < lines.size() && lines[i] != "Ehdotukset someviestinnän jakoteksteiksi"; ++i) {
    if (lines[i].empty() || lines[i].front() != '#') continue;
    std::vector<std::string> spellings;
    std::string rest = lines[i];
    for (std::size_t sep; (sep = rest.find(" tai ")) != std::string::npos;) {
      spellings.push_back(rest.substr(0, sep));
      rest = rest.substr(sep + 5);
    }
    spellings.push_back(rest);
    page.push_back(spellings);
  }
  REQUIRE(page.size() == 5);

  const Catalogue& c = default_catalogue();
  REQUIRE(c.hashtags.size() == 6);
  for (std::size_t i = 0; i < page.size(); ++i) {
    CAPTURE(i);
    CHECK(c.hashtags[i].tag == page[i][0]);
    CHECK(c.hashtags[i].alternatives ==
          std::vector<std::string>(page[i].begin() + 1, page[i].end()));
  }
  CHECK(c.hashtags[5].tag == "#aluevaalit");
  for (const Hashtag& h : c.hashtags) {
    CAPTURE(h.tag);
    CHECK(!fi(h.description).empty());
    CHECK(!h.group.empty());
  }
  // Priorities (docs/catalogue.md): the campaign tags first.
  const auto priority = [&](std::string_view tag) { return find_hashtag(c, tag)->priority; };
  CHECK(priority("#mielenterveysvaalit") == 100);
  CHECK(priority("#aluevaalit2022") == 90);
  CHECK(priority("#aluevaalit") == 85);
  CHECK(priority("#terapiatakuu") == 60);
  CHECK(priority("#mielenterveys") == 50);
  CHECK(priority("#mieli") == 40);
}

TEST_CASE("default catalogue: the six goals, with the page's typo fixed") {
  const std::vector<std::string> lines = seed_lines();
  const std::vector<SeedItem> goals = numbered_list_after(lines, "MIELI ry:n aluevaalitavoitteet");
  REQUIRE(goals.size() == 6);
  const Catalogue& c = default_catalogue();
  REQUIRE(c.goals.size() == 6);
  for (std::size_t i = 0; i < goals.size(); ++i) {
    CAPTURE(i);
    REQUIRE(goals[i].lines.size() == 1);
    std::string expected = goals[i].lines[0];
    if (i == 5) {
      CHECK(expected.starts_with("tHyvinvointialueiden "));  // the typo on the page
      expected.erase(0, 1);
    }
    CHECK(c.goals[i].number == goals[i].number);
    CHECK(fi(c.goals[i].text) == expected);
  }
  CHECK(fi(c.goals[5].text).starts_with("Hyvinvointialueiden tulee vahvistaa resursseja"));
}

TEST_CASE("default catalogue: the six tips are the page's \"Yleisiä vinkkejä vaikuttamiseen\"") {
  const std::vector<std::string> lines = seed_lines();
  const std::vector<SeedItem> tips = numbered_list_after(lines, "Yleisiä vinkkejä vaikuttamiseen");
  REQUIRE(tips.size() == 6);
  const Catalogue& c = default_catalogue();
  REQUIRE(c.tips.size() == 6);
  for (std::size_t i = 0; i < tips.size(); ++i) {
    CAPTURE(i);
    std::string expected;
    for (const std::string& line : tips[i].lines) expected += (expected.empty() ? "" : "\n") + line;
    CHECK(tips[i].lines.size() == 2);  // a heading and its text, or text and the course key
    CHECK(c.tips[i].number == tips[i].number);
    CHECK(fi(c.tips[i].text) == expected);
  }
}

TEST_CASE("default catalogue: six images, alt text only where the page gives it") {
  const std::vector<std::string> lines = seed_lines();
  // "Kuva N." (or "Kuva N"), then the alt text if any, then "Lataa kuva täältä:".
  std::vector<std::string> page_alts;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].starts_with("Kuva ")) continue;
    std::string alt;
    for (std::size_t j = i + 1; j < lines.size() && lines[j] != "Lataa kuva täältä:"; ++j) {
      if (!lines[j].empty()) alt = lines[j];
    }
    page_alts.push_back(alt);
  }
  REQUIRE(page_alts.size() == 6);
  CHECK(page_alts[0] == "Miesterapeutti kohtaa käsiinsä nojaavan miesasiakkaan");
  CHECK(page_alts[5] == "Nuorempi nainen maskissa näyttää kännykältään kuvaa vanhemmalle naiselle");

  const Catalogue& c = default_catalogue();
  REQUIRE(c.images.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) {
    CAPTURE(i);
    CHECK(c.images[i].id == fmt::format("kuva-{}", i + 1));
    CHECK(c.images[i].file == fmt::format("mielenterveysvaalit-kuva-{}.jpg", i + 1));
    if (page_alts[i].empty()) {
      CHECK(c.images[i].alt.empty());
    } else {
      CHECK(c.images[i].alt == LocalizedText{{"fi", page_alts[i]}});
    }
  }
  for (std::size_t i = 1; i <= 4; ++i) CHECK(c.images[i].alt.empty());
}

// ---------------------------------------------------------------------------------------
// parse_catalogue: a valid document.

TEST_CASE("parse_catalogue: a valid document, every key") {
  const CatalogueResult r = parse(valid_document());
  INFO("problems:" << listing(r));
  REQUIRE(r.problems.empty());
  REQUIRE(r.catalogue.has_value());
  const Catalogue& c = *r.catalogue;
  CHECK(c.campaign.id == "demo-2026");
  CHECK(c.campaign.name.at("sv") == "Demokampanj");
  CHECK(c.campaign.post_template == "{body}\n{link}\n{hashtags}");
  // Messages come out in number order whatever the document's order.
  REQUIRE(c.messages.size() == 2);
  CHECK(c.messages[0].id == "eka");
  CHECK(c.messages[1].id == "toka");
  CHECK(c.messages[1].hashtags == std::vector<std::string>{"#Demo2026", "#ÄÄNESTÄ"});  // as written
  CHECK(c.messages[1].variants.at("my-server").at("sv") == "Lång.");
  CHECK(c.hashtags[0].alternatives == std::vector<std::string>{"#demo2026"});
  CHECK(c.hashtags[0].group == "campaign");
  CHECK(c.hashtags[1].priority == -5);
  CHECK(c.hashtags[1].description.empty());
  CHECK(c.hashtags[2].priority == 0);
  CHECK(c.images[0].file == "kuva 1.jpg");
  CHECK(c.images[1].alt.empty());
  REQUIRE(c.tips.size() == 2);
  CHECK(c.tips[0].number == 1);
  CHECK(fi(c.tips[0].text) == "Vinkki.");
}

TEST_CASE("parse_catalogue: optional parts may be absent or null") {
  json doc = valid_document();
  doc["campaign"].erase("template");
  for (const char* key : {"hashtags", "images", "goals", "tips"}) doc.erase(key);
  doc["messages"][0].erase("hashtags");
  doc["messages"][0]["variants"] = nullptr;
  doc["messages"][1]["hashtags"] = nullptr;
  CatalogueResult r = parse(doc);
  INFO("problems:" << listing(r));
  REQUIRE(r.catalogue.has_value());
  CHECK(r.catalogue->campaign.post_template == kDefaultTemplate);
  CHECK(r.catalogue->hashtags.empty());
  CHECK(r.catalogue->messages[0].hashtags.empty());
  CHECK(r.catalogue->goals.empty());

  doc = valid_document();
  doc["hashtags"][0] =
      json::parse(R"({"tag": "#demo", "alternatives": ["#demo2026"], "priority": null,
                                        "group": null, "description": null})");
  r = parse(doc);
  INFO("problems:" << listing(r));
  CHECK(r.catalogue.has_value());
}

// ---------------------------------------------------------------------------------------
// parse_catalogue: each kind of problem, alone, at its path.

TEST_CASE("parse_catalogue: each problem with its JSON path") {
  struct Case {
    std::string name;
    void (*mutate)(json&);
    std::string where;
    std::string message;  // prefix
  };
  // clang-format off
  const std::vector<Case> cases = {
      // Required keys, types, unknown keys.
      {"schema missing", [](json& d) { d.erase("schema"); }, "schema", "missing required key"},
      {"schema as string", [](json& d) { d["schema"] = "1"; }, "schema", "must be the integer 1 (got \"1\")"},
      {"schema version", [](json& d) { d["schema"] = 2; }, "schema", "unsupported schema version 2; this somepost reads schema 1"},
      {"campaign missing", [](json& d) { d.erase("campaign"); }, "campaign", "missing required key"},
      {"campaign not an object", [](json& d) { d["campaign"] = json::array(); }, "campaign", "must be an object (got an array)"},
      {"messages missing", [](json& d) { d.erase("messages"); }, "messages", "missing required key"},
      {"messages not an array", [](json& d) { d["messages"] = json::object(); }, "messages", "must be an array of message objects (got an object)"},
      {"messages empty", [](json& d) { d["messages"] = json::array(); }, "messages", "must list at least one message"},
      {"unknown root key", [](json& d) { d["tip"] = json::array(); }, "tip", "unknown key; did you mean \"tips\"?"},
      {"unknown key, no suggestion", [](json& d) { d["campaign"]["colour"] = "red"; }, "campaign.colour", "unknown key; expected one of id, name, slogan, default_language, link, template"},
      {"unknown message key", [](json& d) { d["messages"][1]["numbr"] = 1; }, "messages[1].numbr", "unknown key; did you mean \"number\"?"},
      {"unknown hashtag key", [](json& d) { d["hashtags"][0]["prio"] = 1; }, "hashtags[0].prio", "unknown key"},
      {"unknown image key", [](json& d) { d["images"][0]["alts"] = 1; }, "images[0].alts", "unknown key; did you mean \"alt\"?"},
      {"unknown goal key", [](json& d) { d["goals"][0]["title"] = "x"; }, "goals[0].title", "unknown key"},
      {"odd key is quoted in the path", [](json& d) { d["campaign"]["a b"] = 1; }, "campaign[\"a b\"]", "unknown key"},
      {"message not an object", [](json& d) { d["messages"][0] = "toka"; }, "messages[0]", "must be a message object (got \"toka\")"},
      {"message id missing", [](json& d) { d["messages"][0].erase("id"); }, "messages[0].id", "missing required key"},
      {"message number missing", [](json& d) { d["messages"][0].erase("number"); d["messages"][1]["number"] = 1; }, "messages[0].number", "missing required key"},
      {"message text missing", [](json& d) { d["messages"][0].erase("text"); }, "messages[0].text", "missing required key"},
      {"message text not an object", [](json& d) { d["messages"][0]["text"] = "Toinen"; }, "messages[0].text", "must be an object of texts by language"},
      {"message text empty object", [](json& d) { d["messages"][0]["text"] = json::object(); }, "messages[0].text", "must give the text in at least one language"},
      {"message text empty string", [](json& d) { d["messages"][1]["text"]["sv"] = ""; }, "messages[1].text.sv", "must be a non-empty string (got \"\")"},
      {"message hashtags not an array", [](json& d) { d["messages"][0]["hashtags"] = "#demo"; }, "messages[0].hashtags", "must be an array of hashtags (got \"#demo\")"},
      {"message hashtag without #", [](json& d) { d["messages"][1]["hashtags"][0] = "demo"; }, "messages[1].hashtags[0]", "must be a hashtag starting with '#' (got \"demo\")"},
      {"message hashtag not a string", [](json& d) { d["messages"][1]["hashtags"][0] = 7; }, "messages[1].hashtags[0]", "must be a hashtag starting with '#' (got 7)"},
      {"hashtags not an array", [](json& d) { d["hashtags"] = "#demo"; for (auto& m : d["messages"]) m.erase("hashtags"); }, "hashtags", "must be an array of hashtag objects"},
      {"hashtag not an object", [](json& d) { d["hashtags"][2] = "#terapiatakuu"; }, "hashtags[2]", "must be a hashtag object (got \"#terapiatakuu\")"},
      {"hashtag tag missing", [](json& d) { d["hashtags"][2].erase("tag"); }, "hashtags[2].tag", "missing required key"},
      {"hashtag priority not an integer", [](json& d) { d["hashtags"][0]["priority"] = 1.5; }, "hashtags[0].priority", "must be an integer from -2147483648 to 2147483647 (got 1.5)"},
      {"hashtag priority too large", [](json& d) { d["hashtags"][0]["priority"] = 3000000000u; }, "hashtags[0].priority", "must be an integer"},
      {"hashtag group empty", [](json& d) { d["hashtags"][0]["group"] = ""; }, "hashtags[0].group", "must be a non-empty string"},
      {"hashtag description not text", [](json& d) { d["hashtags"][0]["description"] = "Kampanja."; }, "hashtags[0].description", "must be an object of texts by language"},
      {"hashtag alternatives not an array", [](json& d) { d["hashtags"][2]["alternatives"] = "#tt"; }, "hashtags[2].alternatives", "must be an array of hashtags"},
      {"image not an object", [](json& d) { d["images"][1] = 2; }, "images[1]", "must be an image object (got 2)"},
      {"image alt missing", [](json& d) { d["images"][1].erase("alt"); }, "images[1].alt", "missing required key"},
      {"image file with a folder", [](json& d) { d["images"][1]["file"] = "kuvat/kuva-2.png"; }, "images[1].file", "must be a file name without folders"},
      {"image file empty", [](json& d) { d["images"][1]["file"] = ""; }, "images[1].file", "must be a file name without folders"},
      {"goal not an object", [](json& d) { d["goals"][0] = "Tavoite."; }, "goals[0]", "must be a goal object"},
      {"tip text missing", [](json& d) { d["tips"][0].erase("text"); }, "tips[0].text", "missing required key"},
      // Ids and numbers.
      {"campaign id not a slug", [](json& d) { d["campaign"]["id"] = "Demo 2026"; }, "campaign.id", "must be a slug"},
      {"message id with double hyphen", [](json& d) { d["messages"][0]["id"] = "toka--viesti"; }, "messages[0].id", "must be a slug"},
      {"message id only digits", [](json& d) { d["messages"][0]["id"] = "2"; }, "messages[0].id", "must be a slug: a-z and 0-9 in runs joined by single hyphens, with at least one letter"},
      {"image id uppercase", [](json& d) { d["images"][0]["id"] = "Kuva-1"; }, "images[0].id", "must be a slug"},
      {"message number zero", [](json& d) { d["messages"][0]["number"] = 0; d["messages"][1]["number"] = 1; }, "messages[0].number", "must be a positive integer (got 0)"},
      {"message number as string", [](json& d) { d["messages"][0]["number"] = "2"; }, "messages[0].number", "must be a positive integer (got \"2\")"},
      {"message number float", [](json& d) { d["messages"][0]["number"] = 2.0; }, "messages[0].number", "must be a positive integer (got 2.0)"},
      {"duplicate message id", [](json& d) { d["messages"][1]["id"] = "toka"; }, "messages[1].id", "duplicate id \"toka\" (first used at messages[0].id)"},
      {"duplicate message number", [](json& d) { d["messages"][0]["number"] = 1; }, "messages[1].number", "duplicate number 1 (first used at messages[0].number)"},
      {"gap in message numbers", [](json& d) { d["messages"][0]["number"] = 3; }, "messages", "numbers must run 1, 2, 3, ... without gaps; missing 2"},
      {"messages not starting at 1", [](json& d) { d["messages"][0]["number"] = 3; d["messages"][1]["number"] = 2; }, "messages", "numbers must run 1, 2, 3, ... without gaps; missing 1"},
      {"duplicate image id", [](json& d) { d["images"][1]["id"] = "kuva-1"; }, "images[1].id", "duplicate id \"kuva-1\" (first used at images[0].id)"},
      {"duplicate tip number", [](json& d) { d["tips"][0]["number"] = 1; }, "tips[1].number", "duplicate number 1 (first used at tips[0].number)"},
      {"gap in goal numbers", [](json& d) { d["goals"][0]["number"] = 2; }, "goals", "numbers must run 1, 2, 3, ... without gaps; missing 1"},
      // Languages.
      {"language tag uppercase", [](json& d) { d["campaign"]["name"]["FI"] = "x"; }, "campaign.name.FI", "invalid language tag \"FI\"; expected a BCP 47 tag such as \"fi\", \"sv\" or \"en-GB\""},
      {"language tag too long", [](json& d) { d["messages"][0]["text"]["finnish"] = "x"; }, "messages[0].text.finnish", "invalid language tag"},
      {"language tag with underscore", [](json& d) { d["images"][0]["alt"]["en_GB"] = "x"; }, "images[0].alt.en_GB", "invalid language tag"},
      {"default language not a tag", [](json& d) { d["campaign"]["default_language"] = "Finnish"; }, "campaign.default_language", "must be a BCP 47 language tag such as \"fi\", \"sv\" or \"en-GB\" (got \"Finnish\")"},
      {"no text in the default language", [](json& d) { d["messages"][1]["text"].erase("fi"); }, "messages[1].text", "has no text in the default language \"fi\" (campaign.default_language)"},
      // Template and link.
      {"template without {body}", [](json& d) { d["campaign"]["template"] = "{link} {hashtags}"; }, "campaign.template", "must contain {body} (got \"{link} {hashtags}\")"},
      {"template with an unknown placeholder", [](json& d) { d["campaign"]["template"] = "{body} {url}"; }, "campaign.template", "unknown placeholder {url}; expected {body}, {link}, {hashtags}"},
      {"template not a string", [](json& d) { d["campaign"]["template"] = 1; }, "campaign.template", "must be a string with {body}"},
      {"link empty", [](json& d) { d["campaign"]["link"] = ""; }, "campaign.link", "must be a non-empty link without spaces"},
      {"link with a space", [](json& d) { d["campaign"]["link"] = "example.org/ demo"; }, "campaign.link", "must be a non-empty link without spaces"},
      {"link with a no-break space", [](json& d) { d["campaign"]["link"] = "example.org/\u00A0demo"; }, "campaign.link", "must be a non-empty link without spaces"},
      {"link with a newline", [](json& d) { d["campaign"]["link"] = "example.org/demo\n"; }, "campaign.link", "must be a non-empty link without spaces, e.g. \"mieli.fi/mielenterveysvaalit\" (got \"example.org/demo\\n\")"},
      // Variants.
      {"variants not an object", [](json& d) { d["messages"][0]["variants"] = json::array(); }, "messages[0].variants", "must be an object of texts by platform id"},
      {"variant platform id uppercase", [](json& d) { d["messages"][0]["variants"]["X"] = d["messages"][0]["variants"]["x"]; }, "messages[0].variants.X", "invalid platform id \"X\"; expected a-z, 0-9 and '-'"},
      {"variant platform id with a dot", [](json& d) { d["messages"][0]["variants"]["x.com"] = d["messages"][0]["variants"]["x"]; }, "messages[0].variants[\"x.com\"]", "invalid platform id \"x.com\""},
      {"variant empty", [](json& d) { d["messages"][0]["variants"]["x"] = json::object(); }, "messages[0].variants.x", "must give the text in at least one language"},
      {"variant text not a string", [](json& d) { d["messages"][0]["variants"]["x"]["fi"] = 1; }, "messages[0].variants.x.fi", "must be a non-empty string (got 1)"},
      // Hashtags: unknown, duplicate, cut short.
      {"unknown hashtag", [](json& d) { d["messages"][1]["hashtags"][0] = "#terapiatakuu2"; }, "messages[1].hashtags[0]", "unknown hashtag \"#terapiatakuu2\""},
      {"hashtag twice in a message", [](json& d) { d["messages"][1]["hashtags"].push_back("#DEMO"); }, "messages[1].hashtags[1]", "duplicate hashtag \"#DEMO\" (also at messages[1].hashtags[0])"},
      {"tag and its alternative in a message", [](json& d) { d["messages"][1]["hashtags"].push_back("#demo2026"); }, "messages[1].hashtags[1]", "\"#demo2026\" is another spelling of \"#demo\" at messages[1].hashtags[0] (catalogue hashtag \"#demo\")"},
      {"tag without #", [](json& d) { d["hashtags"][2]["tag"] = "terapiatakuu"; }, "hashtags[2].tag", "must be a hashtag starting with '#' (got \"terapiatakuu\")"},
      {"tag not a string", [](json& d) { d["hashtags"][2]["tag"] = json::array(); }, "hashtags[2].tag", "must be a hashtag starting with '#' (got an array)"},
      {"duplicate tag, other case", [](json& d) { d["hashtags"][2]["tag"] = "#DEMO"; }, "hashtags[2].tag", "duplicate hashtag \"#DEMO\" (same as \"#demo\" at hashtags[0].tag)"},
      {"duplicate tag, Ä and Ö case-folded", [](json& d) { d["hashtags"][2]["tag"] = "#ÄÄNESTÄ"; }, "hashtags[2].tag", "duplicate hashtag \"#ÄÄNESTÄ\" (same as \"#äänestä\" at hashtags[1].tag)"},
      {"alternative duplicates a tag", [](json& d) { d["hashtags"][2]["alternatives"].push_back("#Äänestä"); }, "hashtags[2].alternatives[0]", "duplicate hashtag \"#Äänestä\" (same as \"#äänestä\" at hashtags[1].tag)"},
      {"alternative duplicates an alternative", [](json& d) { d["hashtags"][2]["alternatives"].push_back("#Demo2026"); }, "hashtags[2].alternatives[0]", "duplicate hashtag \"#Demo2026\" (same as \"#demo2026\" at hashtags[0].alternatives[0])"},
      {"tag cut at a hyphen", [](json& d) { d["hashtags"][2]["tag"] = "#mielenterveys-vaalit"; }, "hashtags[2].tag", "\"#mielenterveys-vaalit\" would be cut to \"#mielenterveys\" on x, mastodon"},
      {"tag cut at an apostrophe", [](json& d) { d["hashtags"][2]["tag"] = "#terapiatakuu’lla"; }, "hashtags[2].tag", "\"#terapiatakuu’lla\" would be cut to \"#terapiatakuu\" on x, mastodon"},
      {"tag cut at a space everywhere", [](json& d) { d["hashtags"][2]["tag"] = "#terapia takuu"; }, "hashtags[2].tag", "\"#terapia takuu\" would be cut to \"#terapia\" on x, mastodon, bluesky"},
      {"tag that is no hashtag anywhere", [](json& d) { d["hashtags"][2]["tag"] = "#2022"; }, "hashtags[2].tag", "\"#2022\" would not be recognized as a hashtag on x, mastodon, bluesky"},
      {"tag read as many hashtags: two shown, the rest counted", [](json& d) { d["hashtags"][2]["tag"] = "#a #b #c #d"; }, "hashtags[2].tag", "\"#a #b #c #d\" would be read as \"#a\", \"#b\" and 2 more on x, mastodon, bluesky"},
      {"tag with trailing punctuation", [](json& d) { d["hashtags"][2]["tag"] = "#tt."; }, "hashtags[2].tag", "\"#tt.\" would be cut to \"#tt\" on x, mastodon, bluesky"},
      {"tag ending in a hash", [](json& d) { d["hashtags"][2]["tag"] = "#a#b"; }, "hashtags[2].tag", "\"#a#b\" would not be recognized as a hashtag on x; would be cut to \"#a\" on mastodon"},
      {"alternative cut short", [](json& d) { d["hashtags"][0]["alternatives"].push_back("#demo-2026"); }, "hashtags[0].alternatives[1]", "\"#demo-2026\" would be cut to \"#demo\" on x, mastodon"},
      {"alternative without #", [](json& d) { d["hashtags"][0]["alternatives"][0] = "demo2026"; }, "hashtags[0].alternatives[0]", "must be a hashtag starting with '#'"},
  };
  // clang-format on
  for (const Case& c : cases) {
    CAPTURE(c.name);
    json doc = valid_document();
    c.mutate(doc);
    const CatalogueResult r = parse(doc);
    INFO("problems:" << listing(r));
    CHECK(r.problems.size() == 1);
    CHECK(has_problem(r, c.where, c.message));
    CHECK_FALSE(r.catalogue.has_value());  // no catalogue unless the document is valid
  }
}

TEST_CASE("parse_catalogue: problems with the document itself") {
  SUBCASE("root not an object") {
    const CatalogueResult r = parse_catalogue("[1, 2]");
    REQUIRE(r.problems.size() == 1);
    CHECK(has_problem(r, "(root)", "must be an object"));
  }
  SUBCASE("empty object: the three required keys") {
    const CatalogueResult r = parse_catalogue("{}");
    CHECK(r.problems.size() == 3);
    CHECK(has_problem(r, "schema", "missing required key"));
    CHECK(has_problem(r, "campaign", "missing required key"));
    CHECK(has_problem(r, "messages", "missing required key"));
  }
  SUBCASE("duplicate keys are reported, not resolved silently") {
    std::string text = valid_document().dump(2);
    const std::string key = "\"link\": ";
    text.insert(text.find(key), "\"link\": \"example.org/other\", ");
    const CatalogueResult r = parse_catalogue(text);
    INFO("problems:" << listing(r));
    REQUIRE(r.problems.size() == 1);
    CHECK(has_problem(r, "campaign.link", "duplicate key (only the last value would be used)"));
  }
  SUBCASE("syntax errors give line:column") {
    const CatalogueResult r = parse_catalogue("{\n  \"schema\": 1,\n  \"messages\": [,]\n}");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "3:16");
    CHECK(r.problems[0].message.starts_with("syntax error while parsing value"));
    CHECK(r.problems[0].message.find("json.exception") == std::string::npos);
    CHECK_FALSE(r.catalogue.has_value());
  }
  SUBCASE("the column counts code points") {
    const CatalogueResult r = parse_catalogue("{\"ä€\": x}");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "1:8");
  }
  SUBCASE("empty document") {
    const CatalogueResult r = parse_catalogue("");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "1:1");
  }
  SUBCASE("invalid UTF-8 gives the byte offset") {
    const std::string text = "{\"schema\": 1,\n \"campaign\": \"\xC3\x28\"}";
    const CatalogueResult r = parse_catalogue(text);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "byte 28");
    CHECK(r.problems[0].message == "invalid UTF-8 (truncated sequence) at line 2, column 15");
    CHECK_FALSE(r.catalogue.has_value());
  }
  SUBCASE("invalid UTF-8 outside strings") {
    const CatalogueResult r = parse_catalogue("{\"schema\": \xFF}");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].where == "byte 11");
  }
  SUBCASE("nesting deeper than 64 levels") {
    const std::string text =
        R"({"campaign": )" + std::string(1000, '[') + std::string(1000, ']') + "}";
    const CatalogueResult r = parse_catalogue(text);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message == "objects and arrays nested deeper than 64 levels");
  }
}

TEST_CASE("parse_catalogue: every problem is reported at once") {
  json doc = valid_document();
  doc["schema"] = 3;
  doc["campaign"]["link"] = "";
  doc["messages"][0]["id"] = "eka";
  doc["messages"][1]["hashtags"] = json::array({"#terapiatakuu2"});
  doc["hashtags"][2]["tag"] = "#mielenterveys-vaalit";
  doc["images"][0].erase("file");
  doc["extra"] = true;
  const CatalogueResult r = parse(doc);
  INFO("problems:" << listing(r));
  CHECK(r.problems.size() == 7);
  CHECK(has_problem(r, "schema", "unsupported schema version 3"));
  CHECK(has_problem(r, "campaign.link", "must be a non-empty link"));
  CHECK(has_problem(r, "messages[1].id", "duplicate id \"eka\" (first used at messages[0].id)"));
  CHECK(has_problem(r, "messages[1].hashtags[0]", "unknown hashtag \"#terapiatakuu2\""));
  CHECK(has_problem(r, "hashtags[2].tag",
                    "\"#mielenterveys-vaalit\" would be cut to \"#mielenterveys\""));
  CHECK(has_problem(r, "images[0].file", "missing required key"));
  CHECK(has_problem(r, "extra", "unknown key"));
  CHECK_FALSE(r.catalogue.has_value());
}

TEST_CASE("parse_catalogue: follow-on problems are not invented") {
  SUBCASE("a tag the catalogue cannot read: message hashtags are not called unknown") {
    json doc = valid_document();
    doc["hashtags"][1]["tag"] = 5;
    const CatalogueResult r = parse(doc);
    INFO("problems:" << listing(r));
    REQUIRE(r.problems.size() == 1);
    CHECK(has_problem(r, "hashtags[1].tag", "must be a hashtag starting with '#'"));
  }
  SUBCASE("a tag cut short still names its hashtag") {
    json doc = valid_document();
    doc["hashtags"][1]["tag"] = "#ää-nestä";
    doc["messages"][0]["hashtags"][1] = "#Ää-nestä";
    const CatalogueResult r = parse(doc);
    INFO("problems:" << listing(r));
    REQUIRE(r.problems.size() == 1);
    CHECK(
        has_problem(r, "hashtags[1].tag", "\"#ää-nestä\" would be cut to \"#ää\" on x, mastodon"));
  }
  SUBCASE("an invalid default language: no per-message language problems") {
    json doc = valid_document();
    doc["campaign"]["default_language"] = "xx_YY";
    const CatalogueResult r = parse(doc);
    REQUIRE(r.problems.size() == 1);
    CHECK(has_problem(r, "campaign.default_language", "must be a BCP 47 language tag"));
  }
}

TEST_CASE("parse_catalogue: gaps in numbering are listed, briefly") {
  json doc = valid_document();
  doc["messages"][0]["number"] = 2147483647;  // the largest number; must not take long
  CatalogueResult r = parse(doc);
  INFO("problems:" << listing(r));
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].where == "messages");
  CHECK(r.problems[0].message ==
        "numbers must run 1, 2, 3, ... without gaps; missing 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and "
        "2147483635 more");

  doc = valid_document();
  doc["goals"] =
      json::parse(R"([{"number": 1, "text": {"fi": "a"}}, {"number": 3, "text": {"fi": "b"}},
                                 {"number": 6, "text": {"fi": "c"}}])");
  r = parse(doc);
  REQUIRE(r.problems.size() == 1);
  CHECK(has_problem(r, "goals", "numbers must run 1, 2, 3, ... without gaps; missing 2, 4, 5"));
}

TEST_CASE("parse_catalogue: language tags") {
  for (const char* tag : {"fi", "sv", "smn", "en-GB", "zh-Hant-TW", "es-419", "se-x-inari"}) {
    CAPTURE(tag);
    json doc = valid_document();
    doc["campaign"]["name"][tag] = "x";
    const CatalogueResult r = parse(doc);
    INFO("problems:" << listing(r));
    CHECK(r.problems.empty());
  }
  for (const char* tag :
       {"", "f", "FI", "fi-", "-fi", "fi--FI", "fi_FI", "fi-abcdefghi", "suomi", "fi FI"}) {
    CAPTURE(tag);
    json doc = valid_document();
    doc["campaign"]["name"][tag] = "x";
    const CatalogueResult r = parse(doc);
    CHECK(r.problems.size() == 1);
  }
}

// ---------------------------------------------------------------------------------------
// Look-ups.

TEST_CASE("find_message: by number or id") {
  const Catalogue& c = default_catalogue();
  REQUIRE(find_message(c, "3") != nullptr);
  CHECK(find_message(c, "3")->id == "lasten-ja-nuorten-mieli");
  CHECK(find_message(c, "lasten-ja-nuorten-mieli") == find_message(c, "3"));
  CHECK(find_message(c, "03") == find_message(c, "3"));
  CHECK(find_message(c, "1")->id == "kansanterveyshaaste");
  CHECK(find_message(c, "6")->number == 6);
  CHECK(find_message(c, "kansanterveyshaaste")->number == 1);
  CHECK(find_message(c, "0") == nullptr);
  CHECK(find_message(c, "7") == nullptr);
  CHECK(find_message(c, "99999999999999999999") == nullptr);
  CHECK(find_message(c, "-1") == nullptr);
  CHECK(find_message(c, "") == nullptr);
  CHECK(find_message(c, " 3") == nullptr);
  CHECK(find_message(c, "Kansanterveyshaaste") == nullptr);  // ids are exact
  CHECK(find_message(c, "ei-ole") == nullptr);
}

TEST_CASE("find_hashtag: with or without '#', case-insensitive, alternatives") {
  const Catalogue& c = default_catalogue();
  const Hashtag* h = find_hashtag(c, "#mielenterveysvaalit");
  REQUIRE(h != nullptr);
  CHECK(h->tag == "#mielenterveysvaalit");
  CHECK(find_hashtag(c, "mielenterveysvaalit") == h);
  CHECK(find_hashtag(c, "#MielenterveysVaalit") == h);
  CHECK(find_hashtag(c, "#mielenterveysvaalit2022") == h);
  CHECK(find_hashtag(c, "MIELENTERVEYSVAALIT2022") == h);
  CHECK(find_hashtag(c, "＃mieli") == find_hashtag(c, "#mieli"));  // fullwidth number sign
  CHECK(find_hashtag(c, "#aluevaalit")->tag == "#aluevaalit");
  CHECK(find_hashtag(c, "#aluevaalit2022")->tag == "#aluevaalit2022");
  CHECK(find_hashtag(c, "#terapiatakuu2") == nullptr);
  CHECK(find_hashtag(c, "#") == nullptr);
  CHECK(find_hashtag(c, "") == nullptr);
  CHECK(find_hashtag(c, "##mieli") == nullptr);

  // Ä and Ö fold like A..Z.
  const CatalogueResult r = parse(valid_document());
  REQUIRE(r.catalogue.has_value());
  const Hashtag* vote = find_hashtag(*r.catalogue, "#ÄÄNESTÄ");
  REQUIRE(vote != nullptr);
  CHECK(vote->tag == "#äänestä");
  CHECK(find_hashtag(*r.catalogue, "äÄnEsTä") == vote);
  CHECK(find_hashtag(*r.catalogue, "#aanesta") == nullptr);  // no accent stripping

  Catalogue custom;
  custom.hashtags.push_back({"#mielenterveysväalit", {}, 1, "", {"#Öljy"}});
  CHECK(find_hashtag(custom, "#MIELENTERVEYSVÄALIT") == &custom.hashtags[0]);
  CHECK(find_hashtag(custom, "öljy") == &custom.hashtags[0]);
}

TEST_CASE("HashtagIndex::find equals find_hashtag on generated catalogues and queries") {
  // The index is the fast path, find_hashtag's linear scan its reference. The pieces are
  // chosen to collide: case pairs (Ä/ä, K/U+212A KELVIN SIGN, I/U+0130), both number
  // signs, an ill-formed byte, and tags shared between entries, as tag and as alternative,
  // which only the first entry in catalogue order may win.
  const std::vector<std::string> pieces = {"a", "A", "\xC3\xA4", "\xC3\x84", "k", "K", "\xE2\x84\xAA", "i", "I",
                                           "\xC4\xB0", "\xC3\x9F", "\xCE\xA3", "\xCF\x82", "1", "_", "\xFF"};
  std::mt19937 random(20261206);
  const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
  const auto word = [&] {
    std::string w;
    for (std::size_t i = 0, n = pick(4); i < n; ++i) w += pieces[pick(pieces.size())];
    return w;
  };
  const auto with_sign = [&](const std::string& w) {
    switch (pick(3)) {
      case 0: return "#" + w;
      case 1: return "\xEF\xBC\x83" + w;  // U+FF03 FULLWIDTH NUMBER SIGN
      default: return w;
    }
  };
  std::size_t queries = 0, found = 0;
  for (int round = 0; round < 300; ++round) {
    Catalogue c;
    for (std::size_t i = 0, n = 1 + pick(12); i < n; ++i) {
      Hashtag h;
      h.tag = with_sign(word());
      for (std::size_t j = 0, m = pick(3); j < m; ++j) h.alternatives.push_back(with_sign(word()));
      c.hashtags.push_back(std::move(h));
    }
    const somepost::core::HashtagIndex index(c);
    std::vector<std::string> asked = {"", "#", "\xEF\xBC\x83", "##"};
    for (const Hashtag& h : c.hashtags) {
      asked.push_back(h.tag);
      asked.insert(asked.end(), h.alternatives.begin(), h.alternatives.end());
    }
    for (int k = 0; k < 20; ++k) asked.push_back(with_sign(word()));
    for (const std::string& q : asked) {
      const Hashtag* expected = find_hashtag(c, q);
      INFO("round ", round, ", query ", json(q).dump(-1, ' ', true, json::error_handler_t::replace));
      CHECK(index.find(q) == expected);
      ++queries;
      found += expected != nullptr;
    }
  }
  // Both outcomes are reached, and often.
  CHECK(found > queries / 4);
  CHECK(queries - found > queries / 10);

  const Catalogue& d = default_catalogue();
  const somepost::core::HashtagIndex index(d);
  for (const Hashtag& h : d.hashtags) {
    CHECK(index.find(h.tag) == &h);
    for (const std::string& a : h.alternatives) CHECK(index.find(a) == find_hashtag(d, a));
  }
}

TEST_CASE("closest_hashtags: edit distance on case-folded code points, best first") {
  const Catalogue& c = default_catalogue();
  std::vector<std::string> best = closest_hashtags(c, "#terapiatakuu2");
  REQUIRE(!best.empty());
  CHECK(best.size() == 1);  // only near misses: the others are far more than 4 edits away
  CHECK(best[0] == "#terapiatakuu");
  CHECK(closest_hashtags(c, "terapiatakuu2", 1) == std::vector<std::string>{"#terapiatakuu"});
  CHECK(closest_hashtags(c, "#TERAPIATAKUU2", 1) == std::vector<std::string>{"#terapiatakuu"});
  CHECK(closest_hashtags(c, "#mielenterveysvaalt", 1) ==
        std::vector<std::string>{"#mielenterveysvaalit"});
  // Alternatives are candidates too.
  CHECK(closest_hashtags(c, "#mielenterveysvaalit202", 1) ==
        std::vector<std::string>{"#mielenterveysvaalit2022"});
  // Ties keep catalogue order: #aluevaalit2022 (2 edits) before #aluevaalit (2 edits).
  CHECK(closest_hashtags(c, "#aluevaalit20", 2) ==
        std::vector<std::string>{"#aluevaalit2022", "#aluevaalit"});
  CHECK(closest_hashtags(c, "#mieli", 0).empty());
  CHECK(closest_hashtags(c, "#x", 100).empty());            // a wild guess suggests nothing
  CHECK(closest_hashtags(c, "#xyzzyplugh", 100).empty());
  CHECK(closest_hashtags(c, "#miel", 3) == std::vector<std::string>{"#mieli"});  // 1 edit

  // Code points, not bytes: "ä" vs "a" is one edit.
  const CatalogueResult r = parse(valid_document());
  REQUIRE(r.catalogue.has_value());
  CHECK(closest_hashtags(*r.catalogue, "#ÄÄnesta", 1) == std::vector<std::string>{"#äänestä"});
}

TEST_CASE("pick_language: the language, else the fallback, else the first") {
  const LocalizedText text = {{"fi", "suomeksi"}, {"sv", "på svenska"}};
  CHECK(pick_language(text, "sv", "fi") == "på svenska");
  CHECK(pick_language(text, "en", "fi") == "suomeksi");
  CHECK(pick_language(text, "en", "de") == "suomeksi");  // the first (map order: "fi")
  CHECK(pick_language(LocalizedText{{"sv", "x"}}, "en", "fi") == "x");
  CHECK(pick_language(LocalizedText{}, "fi", "fi").empty());
}

TEST_CASE("pick_language_key: the language of the text pick_language takes") {
  const LocalizedText text = {{"fi", "suomeksi"}, {"sv", "på svenska"}};
  CHECK(pick_language_key(text, "sv", "fi") == "sv");
  CHECK(pick_language_key(text, "en", "fi") == "fi");  // fell back: not "en"
  CHECK(pick_language_key(text, "en", "sv") == "sv");
  CHECK(pick_language_key(text, "en", "de") == "fi");  // the first
  CHECK(pick_language_key(LocalizedText{{"sv", "x"}}, "fi", "fi") == "sv");
  CHECK(pick_language_key(LocalizedText{}, "fi", "fi").empty());
}
