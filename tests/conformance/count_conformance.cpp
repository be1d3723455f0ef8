// Counting conformance: every case of tests/data/twitter-text/validate-cases.jsonl (the
// texts of twitter-text's validate.yml with the bytes, code points, graphemes and the X,
// Mastodon and Bluesky lengths somepost must report), and the weightedLength/valid of
// every v3 case of validate.yml (WeightedTweetsWithDiscountedEmojiCounterTest and
// UnicodeDirectionalMarkerCounterTest). Usage: count_conformance REPO_ROOT
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

#include "conformance.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "yaml_subset.hpp"

namespace {

using somepost::conformance::Reporter;
namespace core = somepost::core;

std::vector<const core::Profile*> profiles_for(std::initializer_list<std::string_view> ids) {
  std::vector<const core::Profile*> out;
  for (auto id : ids) out.push_back(core::find_profile(core::builtin_profiles(), id));
  return out;
}

int run_jsonl(const std::string& root, Reporter& report) {
  const std::string file = "tests/data/twitter-text/validate-cases.jsonl";
  std::ifstream in(root + "/" + file);
  if (!in) {
    fmt::print(stderr, "cannot open {}\n", file);
    return 2;
  }
  const auto profiles = profiles_for({"x", "mastodon", "bluesky"});
  core::Counter counter;
  core::CountResult result;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const auto c = nlohmann::json::parse(line);
    const std::string text = c.at("text");
    const auto& want = c.at("expect");
    counter.count(text, profiles, {}, result);
    const std::size_t got[6] = {result.stats.bytes, result.stats.code_points, result.stats.graphemes,
                                result.platforms[0].length, result.platforms[1].length,
                                result.platforms[2].length};
    const std::size_t expected[6] = {want.at("bytes"), want.at("code_points"), want.at("graphemes"),
                                     want.at("x"), want.at("mastodon"), want.at("bluesky")};
    const bool ok = std::equal(std::begin(got), std::end(got), std::begin(expected));
    report.check(ok, file, number,
                 fmt::format("{}: expected bytes/cp/graphemes/x/mastodon/bluesky {}, got {}",
                             c.at("id").get<std::string>(), fmt::join(expected, "/"), fmt::join(got, "/")));
  }
  return 0;
}

int run_validate_yml(const std::string& root, Reporter& report) {
  const std::string file = "tests/data/twitter-text/validate.yml";
  const auto doc = somepost::conformance::yaml::parse_file(root + "/" + file);
  const auto profiles = profiles_for({"x"});
  core::Counter counter;
  core::CountResult result;
  for (const char* group : {"WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest"}) {
    for (const auto& c : doc.at("tests").at(group).items) {
      const std::string& text = c.at("text").str();
      const auto& expected = c.at("expected");
      counter.count(text, profiles, {}, result);
      const auto& x = result.platforms[0];
      const auto want_length = static_cast<std::size_t>(expected.at("weightedLength").as_int());
      // twitter-text's valid: 0 < weightedLength <= 280 and no invalid character.
      const bool want_valid = expected.at("valid").as_bool();
      const bool got_valid = x.length > 0 && x.fits;
      report.check(x.length == want_length && got_valid == want_valid, file, c.line,
                   fmt::format("{}: {}: expected weightedLength {} valid {}, got {} valid {}", group,
                               c.at("description").str(), want_length, want_valid, x.length, got_valid));
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: count_conformance REPO_ROOT\n");
    return 2;
  }
  Reporter jsonl("validate-cases.jsonl (bytes, code points, graphemes, x, mastodon, bluesky)");
  Reporter yml("validate.yml v3 weighted length");
  if (run_jsonl(argv[1], jsonl) || run_validate_yml(argv[1], yml)) return 2;
  const int a = jsonl.finish();
  const int b = yml.finish();
  return (a || b) ? 1 : 0;
}
