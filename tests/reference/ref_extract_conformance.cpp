// Conformance of the reference extraction (ref_extract.cpp, reference.hpp):
//   1. twitter-text's extract.yml (and tlds.yml), the URL and hashtag sections, against
//      reference::urls(UrlRule::twitter) and reference::hashtags(HashtagRule::x), with
//      indices: the same cases tests/conformance/twitter_text_conformance.cpp runs there;
//   2. Mastodon reproductions (docs/platforms.md §2, issue 10): URLs, hashtags, mentions;
//   3. a smoke comparison with src/core/extract.hpp on hand-picked and simple random texts,
//      printing every difference (informational: the differential test is the real check);
//   4. the reference's speed on ~100-code-point texts (informational).
// Prints "N/M passed" per group and names each failing file line; exits 1 on a failure in
// groups 1 and 2.
//
// Usage: reference_extract_conformance REPO_ROOT [--quick]
#include <chrono>
#include <cstdio>
#include <exception>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.hpp"
#include "core/extract.hpp"
#include "ref_regex.hpp"
#include "reference.hpp"
#include "yaml_subset.hpp"

namespace {

using somepost::conformance::Reporter;
namespace yaml = somepost::conformance::yaml;
namespace core = somepost::core;
namespace ref = somepost::reference;
namespace rx = somepost::reference::rx;

const std::string kExtract = "tests/data/twitter-text/extract.yml";
const std::string kTlds = "tests/data/twitter-text/tlds.yml";

/// A JSON string literal of UTF-8 `s`, non-ASCII as \u escapes (UTF-16).
std::string json(std::string_view s) {
  std::string out = "\"";
  char buf[16];
  for (char32_t c : rx::utf8_to_u32(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else if (c >= 0x10000) {
      std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + ((c - 0x10000) >> 10),
                    0xDC00 + ((c - 0x10000) & 0x3FF));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out + "\"";
}

struct Entity {
  std::string value;
  long long begin = -1;
  long long end = -1;
  bool operator==(const Entity&) const = default;
};

std::string show(const std::vector<Entity>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ", ";
    out += json(v[i].value);
    if (v[i].begin >= 0) out += " [" + std::to_string(v[i].begin) + ", " + std::to_string(v[i].end) + "]";
  }
  return out + "]";
}

std::string slice(const std::u32string& t, std::size_t b, std::size_t e) {
  return rx::u32_to_utf8(t.substr(b, e - b));
}

std::vector<Entity> ref_urls(const std::string& text, core::UrlRule rule, bool indices) {
  const std::u32string t = rx::utf8_to_u32(text);
  std::vector<Entity> out;
  for (const ref::Url& u : ref::urls(t, rule)) {
    Entity e{slice(t, u.begin, u.end)};
    if (indices) e.begin = static_cast<long long>(u.begin), e.end = static_cast<long long>(u.end);
    out.push_back(e);
  }
  return out;
}

/// Hashtags as extract.yml gives them: the name without the #, and indices from the #.
std::vector<Entity> ref_hashtags(const std::string& text, core::HashtagRule rule, bool indices) {
  const std::u32string t = rx::utf8_to_u32(text);
  std::vector<Entity> out;
  for (const ref::Hashtag& h : ref::hashtags(t, rule)) {
    Entity e{slice(t, h.begin + 1, h.end)};
    if (indices) e.begin = static_cast<long long>(h.begin), e.end = static_cast<long long>(h.end);
    out.push_back(e);
  }
  return out;
}

std::vector<Entity> expected_strings(const yaml::Node& expected) {
  std::vector<Entity> out;
  if (!expected.is_sequence()) throw yaml::Error(expected.line, "expected a list");
  for (const auto& item : expected.items) out.push_back({item.str()});
  return out;
}

std::vector<Entity> expected_with_indices(const yaml::Node& expected, const std::string& key) {
  std::vector<Entity> out;
  if (!expected.is_sequence()) throw yaml::Error(expected.line, "expected a list");
  for (const auto& item : expected.items) {
    const yaml::Node& idx = item.at("indices");
    if (!idx.is_sequence() || idx.items.size() != 2) throw yaml::Error(idx.line, "indices must be [b, e]");
    out.push_back({item.at(key).str(), idx.items[0].as_int(), idx.items[1].as_int()});
  }
  return out;
}

void check_case(Reporter& r, const std::string& file, const yaml::Node& c, const std::vector<Entity>& got,
                const std::vector<Entity>& want) {
  r.check(got == want, file, c.line,
          c.at("description").str() + ": got " + show(got) + ", expected " + show(want) + " for " +
              json(c.at("text").str()));
}

void run_extract(Reporter& urls, Reporter& tags, const std::string& root) {
  const yaml::Node doc = yaml::parse_file(root + "/" + kExtract);
  for (const auto& [section, cases] : doc.at("tests").entries) {
    for (const auto& c : cases.items) {
      const std::string& text = c.at("text").str();
      const yaml::Node& expected = c.at("expected");
      if (section == "urls" || section == "tco_urls_with_params") {
        check_case(urls, kExtract, c, ref_urls(text, core::UrlRule::twitter, false),
                   expected_strings(expected));
      } else if (section == "urls_with_indices" || section == "urls_with_directional_markers") {
        check_case(urls, kExtract, c, ref_urls(text, core::UrlRule::twitter, true),
                   expected_with_indices(expected, "url"));
      } else if (section == "hashtags" || section == "hashtags_from_astral") {
        check_case(tags, kExtract, c, ref_hashtags(text, core::HashtagRule::x, false),
                   expected_strings(expected));
      } else if (section == "hashtags_with_indices") {
        check_case(tags, kExtract, c, ref_hashtags(text, core::HashtagRule::x, true),
                   expected_with_indices(expected, "hashtag"));
      }
    }
  }
}

void run_tlds(Reporter& r, const std::string& root) {
  const yaml::Node doc = yaml::parse_file(root + "/" + kTlds);
  for (const char* section : {"country", "generic"})
    for (const auto& c : doc.at("tests").at(section).items)
      check_case(r, kTlds, c, ref_urls(c.at("text").str(), core::UrlRule::twitter, false),
                 expected_strings(c.at("expected")));
}

// ---- 2. Mastodon reproductions ----------------------------------------------------------

struct Repro {
  std::size_t line;  // of this file, for the report
  std::string text;
  std::vector<Entity> want;
};

void run_mastodon(Reporter& r) {
  const std::string file = "tests/reference/ref_extract_conformance.cpp";
  auto url_case = [&](std::size_t line, const std::string& text, std::vector<Entity> want) {
    const std::vector<Entity> got = ref_urls(text, core::UrlRule::mastodon, true);
    r.check(got == want, file, line,
            "mastodon URLs of " + json(text) + ": got " + show(got) + ", expected " + show(want));
  };
  // Not URLs: libidn refuses the host (U+A66E and U+1F600 are unassigned in Unicode 3.2;
  // "\u05d0a" breaks the bidi rule).
  url_case(__LINE__, "http://\uA66E.ao", {});
  url_case(__LINE__, "http://\U0001F600.com", {});
  url_case(__LINE__, "http://\u05D0a.com", {});
  // Onigmo's /i folds fully: ß = ss, ſ = s, ﬁ = fi, K (Kelvin) = k.
  url_case(__LINE__, "ipfs://a.\u00DF", {{"ipfs://a.\u00DF", 0, 10}});
  url_case(__LINE__, "\u017Fsb://a.com", {{"\u017Fsb://a.com", 0, 11}});
  url_case(__LINE__, "https://mieli.\uFB01/x", {{"https://mieli.\uFB01/x", 0, 17}});
  url_case(__LINE__, "http://a.\u212Ar", {{"http://a.\u212Ar", 0, 11}});
  // docs/platforms.md §2
  url_case(__LINE__, "mieli.fi/x", {});
  url_case(__LINE__, "see https://mieli.fi/x.", {{"https://mieli.fi/x", 4, 22}});
  url_case(__LINE__, "(https://mieli.fi/x)", {{"https://mieli.fi/x", 1, 19}});
  url_case(__LINE__, "https://fi.wikipedia.org/wiki/Primer_(film)",
           {{"https://fi.wikipedia.org/wiki/Primer_(film)", 0, 43}});
  url_case(__LINE__, "foohttps://mieli.fi/x #https://mieli.fi", {});
  url_case(__LINE__, "\u201Chttps://mieli.fi\u201D", {{"https://mieli.fi", 1, 17}});
  url_case(__LINE__, "https://t.co/abc/def", {{"https://t.co/abc", 0, 16}});
  url_case(__LINE__, "https://t.co/" + std::string(41, 'a'), {});
  url_case(__LINE__, "gemini://a.fi/x dat://b.com", {{"gemini://a.fi/x", 0, 15}, {"dat://b.com", 16, 27}});
  url_case(__LINE__, "https://a.fi/?q=1!", {{"https://a.fi/?q=1", 0, 17}});
  url_case(__LINE__, "https://a.fi/x" + std::string(4082, 'b'),
           {{"https://a.fi/x" + std::string(4082, 'b'), 0, 4096}});
  url_case(__LINE__, "https://a.fi/x" + std::string(4083, 'b'), {});

  auto tag_case = [&](std::size_t line, const std::string& text, core::HashtagRule rule,
                      std::vector<Entity> want) {
    const std::vector<Entity> got = ref_hashtags(text, rule, true);
    r.check(got == want, file, line,
            "hashtags of " + json(text) + ": got " + show(got) + ", expected " + show(want));
  };
  // docs/platforms.md "Hashtag rules" and its table
  const std::string measured = "#Mieli\u2019s #2024 #a\u00B7b #x_ #1a foo#bar";
  tag_case(__LINE__, measured, core::HashtagRule::mastodon,
           {{"Mieli", 0, 6}, {"a\u00B7b", 15, 19}, {"x_", 20, 23}, {"1a", 24, 27}});
  tag_case(__LINE__, "#1_2 #12\u00B734 #_1 #1_", core::HashtagRule::mastodon,
           {{"1_2", 0, 4}, {"12\u00B734", 5, 11}});
  tag_case(__LINE__, "(#paren \"#quoted\" \u00A1#hola", core::HashtagRule::mastodon, {});
  tag_case(__LINE__, "#tag://x #ahttps://x", core::HashtagRule::mastodon, {{"tag", 0, 4}, {"a", 9, 11}});
  tag_case(__LINE__, "#Mieli\u2019s (#paren #\U0001F389", core::HashtagRule::x,
           {{"Mieli", 0, 6}, {"paren", 10, 16}});
  tag_case(__LINE__, "#Mieli\u2019s (#paren #\U0001F389 #2024 foo#bar", core::HashtagRule::bluesky,
           {{"Mieli\u2019s", 0, 8}, {"\U0001F389", 17, 19}});
  tag_case(__LINE__, "#a!!! #" + std::string(64, 'a') + " #" + std::string(65, 'b'),
           core::HashtagRule::bluesky, {{"a", 0, 2}, {std::string(64, 'a'), 6, 71}});

  auto mention_case = [&](std::size_t line, const std::string& text, std::vector<Entity> want) {
    const std::u32string t = rx::utf8_to_u32(text);
    std::vector<Entity> got;
    for (const ref::Mention& m : ref::mastodon_mentions(t))
      got.push_back({slice(t, m.begin, m.end) + (m.has_domain ? "" : " (local)") +
                         " user=" + slice(t, m.begin + 1, m.username_end),
                     static_cast<long long>(m.begin), static_cast<long long>(m.end)});
    r.check(got == want, file, line,
            "mentions of " + json(text) + ": got " + show(got) + ", expected " + show(want));
  };
  mention_case(__LINE__, "@alice@mastodon.social hi @bob",
               {{"@alice@mastodon.social user=alice", 0, 22}, {"@bob (local) user=bob", 26, 30}});
  mention_case(__LINE__, "a@b =@c /@d x@e", {});
  mention_case(__LINE__, "@no\u00EBl@example.com @x@y@z @a://", {});
  mention_case(__LINE__, "@a.b-c_d.@e",
               {{"@a.b-c_d (local) user=a.b-c_d", 0, 8}, {"@e (local) user=e", 9, 11}});
  mention_case(__LINE__, "@a@" + std::string(253, 'd') + " @b@" + std::string(254, 'd'),
               {{"@a@" + std::string(253, 'd') + " user=a", 0, 256}});
  mention_case(__LINE__, "@\u212Aate", {{"@\u212Aate (local) user=\u212Aate", 0, 5}});
}

// ---- 3. smoke comparison with src/ ------------------------------------------------------

struct SrcView {
  const std::string& text;
  std::size_t cp(std::size_t byte) const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i)
      n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return n;
  }
};

std::string show_spans(const std::vector<std::pair<std::size_t, std::size_t>>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i)
    out += (i ? ", [" : "[") + std::to_string(v[i].first) + ", " + std::to_string(v[i].second) + "]";
  return out + "]";
}

/// Compares reference and src/ on `text`; prints and counts differences.
std::size_t compare_with_src(const std::string& text, std::size_t& printed) {
  const std::u32string t = rx::utf8_to_u32(text);
  const SrcView v{text};
  std::size_t differences = 0;
  auto report = [&](const char* what, const std::string& ref, const std::string& src) {
    ++differences;
    if (++printed <= 60)
      std::printf("DIFF %s %s: reference %s, src %s\n", what, json(text).c_str(), ref.c_str(), src.c_str());
  };
  using Spans = std::vector<std::pair<std::size_t, std::size_t>>;
  for (core::UrlRule rule : {core::UrlRule::twitter, core::UrlRule::mastodon}) {
    Spans a, b;
    std::string a_skip, b_skip;
    for (const ref::Url& u : ref::urls(t, rule)) a.emplace_back(u.begin, u.end);
    std::vector<core::UrlMatch> found;
    core::extract_urls(text, rule, found);
    for (const auto& m : found) b.emplace_back(v.cp(m.span.begin), v.cp(m.span.end));
    if (a != b)
      report(rule == core::UrlRule::twitter ? "urls/twitter" : "urls/mastodon", show_spans(a), show_spans(b));
  }
  for (core::HashtagRule rule :
       {core::HashtagRule::x, core::HashtagRule::mastodon, core::HashtagRule::bluesky}) {
    Spans a, b;
    for (const ref::Hashtag& h : ref::hashtags(t, rule)) a.emplace_back(h.begin, h.end);
    std::vector<core::HashtagMatch> found;
    core::extract_hashtags(text, rule, found);
    for (const auto& m : found) b.emplace_back(v.cp(m.span.begin), v.cp(m.span.end));
    const char* name = rule == core::HashtagRule::x          ? "hashtags/x"
                       : rule == core::HashtagRule::mastodon ? "hashtags/mastodon"
                                                             : "hashtags/bluesky";
    if (a != b) report(name, show_spans(a), show_spans(b));
  }
  {
    Spans a, b;
    for (const ref::Mention& m : ref::mastodon_mentions(t)) {
      a.emplace_back(m.begin, m.end);
      a.emplace_back(m.begin + 1, m.username_end);
    }
    std::vector<core::MentionMatch> found;
    core::extract_mentions(text, core::MentionRule::mastodon, found);
    for (const auto& m : found) {
      b.emplace_back(v.cp(m.span.begin), v.cp(m.span.end));
      b.emplace_back(v.cp(m.username.begin), v.cp(m.username.end));
    }
    if (a != b) report("mentions/mastodon", show_spans(a), show_spans(b));
  }
  return differences;
}

const std::vector<std::string> kHandPicked = {
    "Hyv\u00E4\u00E4 p\u00E4iv\u00E4\u00E4 \U0001F44B mieli.fi/mielenterveysvaalit",
    "https://mieli.fi/x. (https://mieli.fi/y) https://fi.wikipedia.org/wiki/Primer_(film)",
    "a.\u0440\u0444.\u0440\u0444/x",
    "https://a.com/\u0280",
    "https://a.com/x\u1C82",
    "http://a.\u1C82\u0440\u0433 x",
    "http://a.\u03F5\u03BB x",
    "https://a.com/\u03B9",
    "https://a.com/\u212B",
    "a.com/\u0280",
    "http://a.\u1C92\u1C94",
    "http://a.\u212Ar",
    "http://a.\u017Fs",
    "ipfs://a.\u00DF",
    "\u017Fsb://a.com",
    "https://mieli.\uFB01/x",
    "\u00DFb://a.com",
    "https://a.fi/(\u02BCn)",
    "https://a.fi/(a\u02BE)",
    "https://a.fi/(\u0280)",
    "https://a.fi/(\u03B9)",
    "https://t.co/\u017F",
    "\U0001F600a.com",
    "\U0001F600.com",
    "@\u212Aate @\u017Fam",
    "#\u2160 #\u24B6",
    "x\u212Ahttps://a.com",
    "https://a.com\u212A",
    "https://oﬃce.com",
    "#tag \U0001F600#tag \u00AD#tag",
    "#a\u0301 #\u0301a",
    "\uFE0F#tag \uFE0E#tag",
    "https://a.com/#x #y",
    "foo.com#bar a.co#tag",
    "#foo.com #a.b.c",
    "@a.b@c.d-e.f @x_y.z",
    "http://a.b.c.d.e.f.com/g",
    "xn--p1ai.com xn--a.com",
    "http://xn--p1ai xn--p1ai.ru",
    "WWW.EXAMPLE.COM/ABC",
    "http://\u0430.\u0440\u0444/\u0444",
    "HTTPS://A.FI",
};

std::string random_text(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "http://",
      "https://",
      "gemini://",
      "ipfs://",
      "t.co/",
      "a",
      "b",
      "x",
      "com",
      "fi",
      "co",
      "org",
      "xn--p1ai",
      ".",
      ".",
      ".",
      "/",
      "//",
      ":",
      "?",
      "=",
      "&",
      "#",
      "#",
      "\uFF03",
      "@",
      "@",
      "\uFF20",
      " ",
      " ",
      "\n",
      "(",
      ")",
      "-",
      "_",
      "'",
      "\u2019",
      "!",
      ",",
      "\u00E4",
      "\u00DF",
      "\u017F",
      "\u212A",
      "\u0440\u0444",
      "\u043E\u0440\u0433",
      "\u1C82",
      "\U0001F600",
      "\U0001F389",
      "\u200D",
      "\u200C",
      "\uFE0F",
      "\u00B7",
      "1",
      "2",
      "\u0301",
      "\u05D0",
      "\u4E2D\u56FD",
      "\u00A0",
      "\u3000",
      "\u00AD",
      "mieli",
      "Mieli",
      "\u0280",
      "\u03B9",
      "$",
      "%",
      "[",
      "]",
      "~",
      "\u300C",
      "<",
      ">",
      "\"",
      "\u201C",
  };
  std::uniform_int_distribution<std::size_t> count(1, 40), pick(0, pieces.size() - 1);
  std::string out;
  for (std::size_t n = count(rng), k = 0; k < n; ++k) out += pieces[pick(rng)];
  return out;
}

// ---- 4. speed -----------------------------------------------------------------------------

void measure_speed(std::size_t texts) {
  std::mt19937 rng(7);
  const std::string words[] = {"Mieli",
                               "ry",
                               "aluevaalit",
                               "#mielenterveys",
                               "https://mieli.fi/x",
                               "@alice@mastodon.social",
                               "\u00E4\u00E4ni",
                               "\U0001F44B",
                               "2022",
                               "vaalit.",
                               "(tuki)",
                               "mieli.fi"};
  std::vector<std::u32string> samples;
  for (std::size_t i = 0; i < 200; ++i) {
    std::string s;
    while (rx::utf8_to_u32(s).size() < 100) s += words[rng() % std::size(words)] + " ";
    samples.push_back(rx::utf8_to_u32(s));
  }
  std::size_t sink = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < texts; ++i) {
    const std::u32string& t = samples[i % samples.size()];
    sink += ref::urls(t, core::UrlRule::twitter).size() + ref::urls(t, core::UrlRule::mastodon).size();
    sink += ref::hashtags(t, core::HashtagRule::x).size() +
            ref::hashtags(t, core::HashtagRule::mastodon).size() +
            ref::hashtags(t, core::HashtagRule::bluesky).size();
    sink += ref::mastodon_mentions(t).size();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("speed: %zu texts of ~100 code points, all 6 extractions each, in %.2f s: %.0f texts/s (%zu)\n",
              texts, seconds, static_cast<double>(texts) / seconds, sink);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: reference_extract_conformance REPO_ROOT [--quick]\n");
    return 2;
  }
  const std::string root = argv[1];
  const bool quick = argc > 2 && std::string_view(argv[2]) == "--quick";
  Reporter urls("extract.yml URLs");
  Reporter tags("extract.yml hashtags");
  Reporter tlds("tlds.yml");
  Reporter mastodon("Mastodon reproductions");
  try {
    run_extract(urls, tags, root);
    run_tlds(tlds, root);
    run_mastodon(mastodon);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  const int a = urls.finish();
  const int b = tags.finish();
  const int c = tlds.finish();
  const int d = mastodon.finish();

  std::size_t printed = 0, texts = 0, differing = 0;
  for (const std::string& t : kHandPicked) {
    ++texts;
    differing += compare_with_src(t, printed) > 0;
  }
  std::mt19937 rng(20261123);
  for (std::size_t i = 0; i < (quick ? 100 : 400); ++i) {
    ++texts;
    differing += compare_with_src(random_text(rng), printed) > 0;
  }
  std::printf("src comparison (informational): %zu/%zu texts agree on all 6 extractions\n", texts - differing,
              texts);
  measure_speed(quick ? 500 : 3000);
  return (a || b || c || d) ? 1 : 0;
}
