// The wizard's pure half: answers, menus trimmed to the terminal, hashtag options, the
// summary and the remembered platforms.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/platforms.hpp"
#include "core/wizard.hpp"
#include "unicode/width.hpp"

using namespace somepost::core;

namespace {

std::vector<bool> flags(std::initializer_list<int> bits) {
  std::vector<bool> out;
  for (const int b : bits) out.push_back(b != 0);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const std::vector<KeyedLabel> kEnglish = {{0, "[c]opy"}, {1, "[p]rint"}, {2, "[q]uit"}};
const std::vector<KeyedLabel> kFinnish = {{0, "[k]opioi"}, {1, "[t]ulosta"}, {2, "[l]opeta"}};

}  // namespace

TEST_CASE("apply_toggle_answer: numbers toggle, a all, 0 none, Enter keeps") {
  std::vector<bool> s = flags({1, 1, 0, 0});
  CHECK(apply_toggle_answer("", s).status == ToggleStatus::keep);
  CHECK(apply_toggle_answer("  \t", s).status == ToggleStatus::keep);
  CHECK(s == flags({1, 1, 0, 0}));
  CHECK(apply_toggle_answer("1 3", s).status == ToggleStatus::changed);
  CHECK(s == flags({0, 1, 1, 0}));
  CHECK(apply_toggle_answer("2,4", s).status == ToggleStatus::changed);
  CHECK(s == flags({0, 0, 1, 1}));
  CHECK(apply_toggle_answer("a", s).status == ToggleStatus::changed);
  CHECK(s == flags({1, 1, 1, 1}));
  CHECK(apply_toggle_answer("0", s).status == ToggleStatus::changed);
  CHECK(s == flags({0, 0, 0, 0}));
  CHECK(apply_toggle_answer("0 2", s).status == ToggleStatus::changed);  // left to right
  CHECK(s == flags({0, 1, 0, 0}));
  CHECK(apply_toggle_answer("1 3 A 0", s).status == ToggleStatus::changed);
  CHECK(s == flags({0, 0, 0, 0}));
  CHECK(apply_toggle_answer("3 3", s).status == ToggleStatus::changed);  // toggled twice: as before
  CHECK(s == flags({0, 0, 0, 0}));
}

TEST_CASE("apply_toggle_answer: all or nothing when a word is not understood") {
  std::vector<bool> s = flags({1, 0, 1});
  for (const char* bad : {"4", "1 x", "-1", "1.5", "kaikki", "01a"}) {
    CAPTURE(bad);
    const ToggleResult r = apply_toggle_answer(bad, s);
    CHECK(r.status == ToggleStatus::invalid);
    CHECK(s == flags({1, 0, 1}));
  }
  CHECK(apply_toggle_answer("1 x 2", s).bad_word == "x");
  CHECK(apply_toggle_answer("9", s).bad_word == "9");
}

TEST_CASE("parse_number: 1..max only") {
  CHECK(parse_number("3", 6) == 3u);
  CHECK(parse_number(" 6 ", 6) == 6u);
  CHECK(parse_number("03", 6) == 3u);
  CHECK_FALSE(parse_number("0", 6));
  CHECK_FALSE(parse_number("7", 6));
  CHECK_FALSE(parse_number("", 6));
  CHECK_FALSE(parse_number("3a", 6));
  CHECK_FALSE(parse_number("99999999999999999999", 6));
}

TEST_CASE("keyed labels: key, word and matching with the UI language first") {
  CHECK(label_key("[k]opioi") == "k");
  CHECK(label_key("skriv [u]t") == "u");
  CHECK(label_key("no key") == "");
  CHECK(label_key("[open") == "");
  CHECK(label_word("[k]opioi") == "kopioi");
  CHECK(label_word("skriv [u]t") == "skriv ut");
  CHECK(match_label("k", kFinnish, kEnglish) == 0);
  CHECK(match_label(" K ", kFinnish, kEnglish) == 0);
  CHECK(match_label("kopioi", kFinnish, kEnglish) == 0);
  CHECK(match_label("KOPIOI", kFinnish, kEnglish) == 0);
  CHECK(match_label("c", kFinnish, kEnglish) == 0);    // English keys work too
  CHECK(match_label("quit", kFinnish, kEnglish) == 2);
  CHECK(match_label("t", kFinnish, kEnglish) == 1);
  CHECK_FALSE(match_label("x", kFinnish, kEnglish));
  CHECK_FALSE(match_label("", kFinnish, kEnglish));
  CHECK_FALSE(match_label("kopio", kFinnish, kEnglish));
  // The UI language's keys win where they overlap an English key of another choice.
  const std::vector<KeyedLabel> swedish = {{5, "[p]osta"}};
  CHECK(match_label("p", swedish, kEnglish) == 5);
  CHECK(match_label("KYLLÄ", {{1, "[k]yllä"}}, {}) == 1);  // caseless beyond ASCII
  CHECK(join_labels(kFinnish) == "[k]opioi  [t]ulosta  [l]opeta");
}

TEST_CASE("fit_line: within the width by display columns, cut with an ellipsis") {
  CHECK(fit_line("Hyvää päivää", 20) == "Hyvää päivää");
  CHECK(fit_line("Hyvää päivää", 12) == "Hyvää päivää");
  CHECK(fit_line("Hyvää päivää", 8) == "Hyvää p…");
  CHECK(fit_line("日本語のテキスト", 7) == "日本語…");  // wide characters count 2
  CHECK(fit_line("👋👋👋", 4) == "👋…");
  CHECK(fit_line("abc", 1) == "…");
  CHECK(fit_line("abc", 0) == "");
  CHECK(fit_line("a\x1b[2Jb\nc", 80) == "a\xE2\x90\x9B[2Jb\xE2\x90\x8A" "c");  // ESC and newline visible
  for (std::size_t w = 0; w < 30; ++w) {
    CHECK(somepost::unicode::display_width(fit_line("Mielenterveysjärjestöt 👋 ovat mukana 日本", w)) <= w);
  }
}

TEST_CASE("render_numbered and render_toggles keep every line within the width") {
  const std::vector<std::string> labels = {"Aikamme kansanterveyshaaste ovat mielenterveyden ongelmat.",
                                           "Lyhyt", "Kolmas\x1b]2;pwned\x07 rivi"};
  const std::string numbered = render_numbered(labels, 30);
  const auto lines = lines_of(numbered);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "  1  Aikamme kansanterveyshaa…");  // 30 columns exactly
  CHECK(lines[1] == "  2  Lyhyt");
  CHECK(numbered.find('\x1b') == std::string::npos);
  for (const auto& l : lines) CHECK(somepost::unicode::display_width(l) <= 30);

  const std::string toggles = render_toggles(labels, flags({1, 0, 1}), 25);
  const auto t = lines_of(toggles);
  REQUIRE(t.size() == 3);
  CHECK(t[0] == "  1 [x] Aikamme kansante…");
  CHECK(t[1] == "  2 [ ] Lyhyt");
  CHECK(t[2].rfind("  3 [x] Kolmas", 0) == 0);
  for (const auto& l : t) CHECK(somepost::unicode::display_width(l) <= 25);
  CHECK(toggles.find('\x1b') == std::string::npos);

  std::vector<std::string> ten(10, "x");
  CHECK(lines_of(render_numbered(ten, 80))[0] == "   1  x");  // numbers right-aligned
  CHECK(lines_of(render_numbered(ten, 80))[9] == "  10  x");
}

TEST_CASE("message_first_lines: the first line in the language asked, else the default") {
  const Catalogue& c = default_catalogue();
  const auto lines = message_first_lines(c, "sv");
  REQUIRE(lines.size() == c.messages.size());
  CHECK(lines[2].rfind("Hyvinvointialueiden kaikkein tärkein", 0) == 0);
  for (const auto& l : lines) CHECK(l.find('\n') == std::string::npos);
}

TEST_CASE("tag_options: the message's defaults first, then the rest of the catalogue") {
  const Catalogue& c = default_catalogue();
  const Message& m4 = *find_message(c, "4");
  std::vector<ChosenTag> defaults;
  for (const auto& t : m4.hashtags) {
    const Hashtag* h = find_hashtag(c, t);
    REQUIRE(h);
    defaults.push_back({t, h->priority, h});
  }
  const auto options = tag_options(c, defaults, m4.text.at("fi"));
  REQUIRE(options.size() == c.hashtags.size());
  CHECK(options[0].tag.tag == "#aluevaalit");
  CHECK(options[0].is_default);
  CHECK(options[1].tag.tag == "#aluevaalit2022");
  CHECK_FALSE(options[1].is_default);
  for (const auto& o : options) CHECK_FALSE(o.in_body);

  // Message 5's body has #terapiatakuu inline: offered, but marked as already there.
  const Message& m5 = *find_message(c, "5");
  std::vector<ChosenTag> d5;
  for (const auto& t : m5.hashtags) d5.push_back({t, find_hashtag(c, t)->priority, find_hashtag(c, t)});
  const auto o5 = tag_options(c, d5, m5.text.at("fi"));
  std::size_t in_body = 0;
  for (const auto& o : o5) {
    if (o.in_body) {
      ++in_body;
      CHECK(o.tag.tag == "#terapiatakuu");
    }
  }
  CHECK(in_body == 1);
}

TEST_CASE("tags_kept_by_all keeps what every platform kept, in order") {
  const std::vector<ChosenTag> tags = {{"#a", 1, nullptr}, {"#b", 2, nullptr}, {"#c", 3, nullptr}};
  FitResult x, threads;
  x.kept = {tags[0], tags[1], tags[2]};
  threads.kept = {tags[1], tags[2]};
  const auto kept = tags_kept_by_all(tags, {x, threads});
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].tag == "#b");
  CHECK(kept[1].tag == "#c");
  CHECK(tags_kept_by_all(tags, {}).size() == 3);
}

TEST_CASE("verdict_of: over the limit, over bytes, caps, and fits") {
  const auto& profiles = builtin_profiles();
  Counter counter;
  CountResult r;
  const std::string long_text(290, 'a');
  counter.count(long_text, {find_profile(profiles, "x"), find_profile(profiles, "mastodon")}, {}, r);
  CHECK(verdict_of(r.platforms[0]).kind == VerdictKind::over_limit);
  CHECK(verdict_of(r.platforms[0]).amount == 10);
  CHECK(verdict_of(r.platforms[1]).kind == VerdictKind::fits);

  std::string bytes_heavy;
  for (int i = 0; i < 200; ++i) bytes_heavy += "𝕏";  // 4 bytes, 1 grapheme each: 800 bytes, 200 graphemes
  Profile small_bytes = *find_profile(profiles, "bluesky");
  small_bytes.byte_limit = 500;
  counter.count(bytes_heavy, {&small_bytes}, {}, r);
  CHECK(verdict_of(r.platforms[0]).kind == VerdictKind::over_bytes);
  CHECK(verdict_of(r.platforms[0]).amount == 300);

  counter.count("#a #b #c #d #e #f", {find_profile(profiles, "instagram"), find_profile(profiles, "threads")}, {}, r);
  const Verdict instagram = verdict_of(r.platforms[0]);
  CHECK(instagram.kind == VerdictKind::too_many_hashtags);
  CHECK(instagram.amount == 6);
  CHECK(instagram.max == 5);
  const Verdict threads = verdict_of(r.platforms[1]);  // a warning-severity cap: fits, with advice
  CHECK(threads.kind == VerdictKind::fits_many_hashtags);
  CHECK(threads.max == 1);
}

TEST_CASE("render_summary_table: aligned, coloured only when asked") {
  const std::vector<SummaryRow> rows = {{"X", "192/280", "fits", true}, {"Bluesky", "310/300", "over by 10", false}};
  const std::string plain = render_summary_table({"Platform", "Length/limit", "Result"}, rows, false);
  CHECK(plain ==
        "Platform  Length/limit  Result\n"
        "X              192/280  fits\n"
        "Bluesky        310/300  over by 10\n");
  const std::string coloured = render_summary_table({"Platform", "Length/limit", "Result"}, rows, true);
  CHECK(coloured.find("\x1b[31mover by 10\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[32mfits\x1b[0m") != std::string::npos);
}

TEST_CASE("remembered platforms: one id a line, comments and blanks skipped") {
  const std::vector<std::string> ids = {"x", "mastodon", "my-instance"};
  CHECK(parse_remembered_platforms(format_remembered_platforms(ids)) == ids);
  CHECK(parse_remembered_platforms("# c\n\n  x \r\nbluesky\nx\n") == std::vector<std::string>{"x", "bluesky"});
  CHECK(parse_remembered_platforms("").empty());
}
