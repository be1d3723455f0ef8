// Runs twitter-text's extraction conformance cases (tests/data/twitter-text/extract.yml and
// tlds.yml, twitter-text 3.1.0) against somepost's X rules: extract_urls(UrlRule::twitter),
// extract_hashtags(HashtagRule::x) and extract_mentions(MentionRule::x).
//
// Every case of the sections below runs; replies, cashtags and lists are not extracted by
// somepost, so those cases are counted and printed as "not applicable". Indices in
// extract.yml count code points (the conformance convention: a UTF-16 implementation
// converts); somepost's byte spans are converted before comparing. validate.yml is parsed
// too (a check of the YAML reader); its cases belong to the counting conformance suites.
//
// Usage: twitter_text_conformance REPO_ROOT
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.hpp"
#include "core/extract.hpp"
#include "yaml_subset.hpp"

namespace {

using somepost::conformance::Reporter;
namespace yaml = somepost::conformance::yaml;
namespace core = somepost::core;

const std::string kExtract = "tests/data/twitter-text/extract.yml";
const std::string kTlds = "tests/data/twitter-text/tlds.yml";
const std::string kValidate = "tests/data/twitter-text/validate.yml";

/// Code point offset of byte offset `b` in `text`.
std::size_t cp_index(std::string_view text, std::size_t b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < b && i < text.size(); ++i)
    n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

/// An extracted or expected entity: its text and, when known, its code point indices.
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
    out += "\"" + v[i].value + "\"";
    if (v[i].begin >= 0) out += fmt::format(" [{}, {}]", v[i].begin, v[i].end);
  }
  return out + "]";
}

std::vector<Entity> urls(const std::string& text, bool indices) {
  std::vector<core::UrlMatch> found;
  core::extract_urls(text, core::UrlRule::twitter, found);
  std::vector<Entity> out;
  for (const auto& m : found) {
    Entity e{std::string(m.span.of(text))};
    if (indices) {
      e.begin = static_cast<long long>(cp_index(text, m.span.begin));
      e.end = static_cast<long long>(cp_index(text, m.span.end));
    }
    out.push_back(e);
  }
  return out;
}

std::vector<Entity> hashtags(const std::string& text, bool indices) {
  std::vector<core::HashtagMatch> found;
  core::extract_hashtags(text, core::HashtagRule::x, found);
  std::vector<Entity> out;
  for (const auto& m : found) {
    Entity e{std::string(m.name.of(text))};
    if (indices) {
      e.begin = static_cast<long long>(cp_index(text, m.span.begin));
      e.end = static_cast<long long>(cp_index(text, m.span.end));
    }
    out.push_back(e);
  }
  return out;
}

std::vector<Entity> mentions(const std::string& text, bool indices) {
  std::vector<core::MentionMatch> found;
  core::extract_mentions(text, core::MentionRule::x, found);
  std::vector<Entity> out;
  for (const auto& m : found) {
    Entity e{std::string(m.username.of(text))};
    if (indices) {
      e.begin = static_cast<long long>(cp_index(text, m.span.begin));
      e.end = static_cast<long long>(cp_index(text, m.span.end));
    }
    out.push_back(e);
  }
  return out;
}

/// `expected` as a list of strings (`[a, b]` or a block list).
std::vector<Entity> expected_strings(const yaml::Node& expected) {
  std::vector<Entity> out;
  if (!expected.is_sequence()) throw yaml::Error(expected.line, "expected a list");
  for (const auto& item : expected.items) out.push_back({item.str()});
  return out;
}

/// `expected` as a list of {key: value, indices: [b, e]} mappings.
std::vector<Entity> expected_with_indices(const yaml::Node& expected, const std::string& key) {
  std::vector<Entity> out;
  if (!expected.is_sequence()) throw yaml::Error(expected.line, "expected a list");
  for (const auto& item : expected.items) {
    const yaml::Node& idx = item.at("indices");
    if (!idx.is_sequence() || idx.items.size() != 2)
      throw yaml::Error(idx.line, "indices must be [b, e]");
    out.push_back({item.at(key).str(), idx.items[0].as_int(), idx.items[1].as_int()});
  }
  return out;
}

void check_case(Reporter& r, const std::string& file, const yaml::Node& c,
                const std::vector<Entity>& got, const std::vector<Entity>& want) {
  const std::string& description = c.at("description").str();
  r.check(got == want, file, c.line,
          fmt::format("{}: got {}, expected {}", description, show(got), show(want)));
}

struct Counts {
  std::size_t not_applicable = 0;
};

void run_extract(Reporter& r, Counts& counts, const std::string& root) {
  const yaml::Node doc = yaml::parse_file(root + "/" + kExtract);
  const yaml::Node& tests = doc.at("tests");
  if (!tests.is_mapping()) throw yaml::Error(tests.line, "tests must be a mapping");
  for (const auto& [section, cases] : tests.entries) {
    if (!cases.is_sequence()) throw yaml::Error(cases.line, "a section must be a list of cases");
    for (const auto& c : cases.items) {
      const std::string& text = c.at("text").str();
      const yaml::Node& expected = c.at("expected");
      if (section == "mentions") {
        check_case(r, kExtract, c, mentions(text, false), expected_strings(expected));
      } else if (section == "mentions_with_indices") {
        check_case(r, kExtract, c, mentions(text, true),
                   expected_with_indices(expected, "screen_name"));
      } else if (section == "mentions_or_lists_with_indices") {
        bool has_list = false;
        for (const auto& item : expected.items)
          has_list = has_list || !item.at("list_slug").str().empty();
        if (has_list) {
          ++counts.not_applicable;  // somepost extracts no lists
          continue;
        }
        check_case(r, kExtract, c, mentions(text, true),
                   expected_with_indices(expected, "screen_name"));
      } else if (section == "urls" || section == "tco_urls_with_params") {
        check_case(r, kExtract, c, urls(text, false), expected_strings(expected));
      } else if (section == "urls_with_indices" || section == "urls_with_directional_markers") {
        check_case(r, kExtract, c, urls(text, true), expected_with_indices(expected, "url"));
      } else if (section == "hashtags" || section == "hashtags_from_astral") {
        check_case(r, kExtract, c, hashtags(text, false), expected_strings(expected));
      } else if (section == "hashtags_with_indices") {
        check_case(r, kExtract, c, hashtags(text, true),
                   expected_with_indices(expected, "hashtag"));
      } else if (section == "replies" || section == "cashtags" ||
                 section == "cashtags_with_indices") {
        ++counts.not_applicable;  // somepost extracts no replies or cashtags
      } else {
        r.check(false, kExtract, cases.line, "unknown section " + section);
      }
    }
  }
}

void run_tlds(Reporter& r, const std::string& root) {
  const yaml::Node doc = yaml::parse_file(root + "/" + kTlds);
  const yaml::Node& tests = doc.at("tests");
  for (const char* section : {"country", "generic"}) {
    const yaml::Node& cases = tests.at(section);
    if (!cases.is_sequence() || cases.items.empty()) throw yaml::Error(cases.line, "no cases");
    for (const auto& c : cases.items)
      check_case(r, kTlds, c, urls(c.at("text").str(), false), expected_strings(c.at("expected")));
  }
  if (tests.entries.size() != 2)
    r.check(false, kTlds, tests.line, "unexpected sections in tlds.yml");
}

/// validate.yml is not an extraction suite; parsing it checks the YAML reader on it.
std::size_t count_validate_cases(const std::string& root) {
  const yaml::Node doc = yaml::parse_file(root + "/" + kValidate);
  std::size_t n = 0;
  for (const auto& [section, cases] : doc.at("tests").entries) {
    for (const auto& c : cases.items) {
      c.at("description").str();
      c.at("text").str();
      c.at("expected");
      ++n;
    }
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: twitter_text_conformance REPO_ROOT\n");
    return 2;
  }
  const std::string root = argv[1];
  Reporter extract("extract.yml");
  Reporter tlds("tlds.yml");
  Counts counts;
  try {
    run_extract(extract, counts, root);
    run_tlds(tlds, root);
    const std::size_t validate = count_validate_cases(root);
    std::printf("validate.yml: parsed, %zu cases (run by the counting suites)\n", validate);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  const int a = extract.finish();
  std::printf("extract.yml: %zu cases not applicable (replies, cashtags, lists)\n",
              counts.not_applicable);
  const int b = tlds.finish();
  return (a != 0 || b != 0) ? 1 : 0;
}
