// --fit against the plain fit (test_fit_plain.cpp, the code before issue 11 made it
// n log n): on seeded generated bodies, links, templates and tag lists (priorities 0-3,
// repeated tags), on all seven platforms with small random limits and their real ones,
// the post, the tags kept and dropped and the count must be exactly the same. Run more
// cases by hand with SOMEPOST_FIT_CASES=N.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "test_split_plain.hpp"
#include "test_split_texts.hpp"

using namespace somepost::core;
namespace test = somepost::test;

namespace {

std::vector<std::string> spellings(const std::vector<ChosenTag>& tags) {
  std::vector<std::string> out;
  for (const ChosenTag& t : tags) out.push_back(t.tag);
  return out;
}

// Both fits of one case agree in every field.
void check_same(const FitResult& fast, const FitResult& plain) {
  CHECK(fast.text == plain.text);
  CHECK(fast.fits == plain.fits);
  CHECK(spellings(fast.kept) == spellings(plain.kept));
  CHECK(fast.dropped == plain.dropped);
  REQUIRE(fast.count.platforms.size() == 1);
  REQUIRE(plain.count.platforms.size() == 1);
  CHECK(fast.count.platforms[0].length == plain.count.platforms[0].length);
  CHECK(fast.count.platforms[0].hashtags == plain.count.platforms[0].hashtags);
  CHECK(fast.count.platforms[0].fits == plain.count.platforms[0].fits);
}

}  // namespace

TEST_CASE("fit_post equals the plain fit on generated posts on every platform") {
  static constexpr std::string_view kTemplates[] = {kDefaultTemplate, "{hashtags}\n{body}\n→ {link}",
                                                    "{body} {hashtags} {link}", "Lue: {body} ({link})\n{hashtags}"};
  static constexpr std::string_view kLinks[] = {"", "mieli.fi/mielenterveysvaalit", "https://mieli.fi/x?utm_source=x"};
  const std::size_t cases = test::case_count("SOMEPOST_FIT_CASES", 3000);
  const std::vector<Profile>& builtin = builtin_profiles();
  Counter fast_counter;
  Counter plain_counter;
  std::size_t some_dropped = 0;  // fit after dropping some but not all tags
  std::size_t all_dropped = 0;   // did not fit even without tags
  for (std::size_t i = 0; i < cases; ++i) {
    test::SplitRandom random(0xF17'0000ULL + i);
    const std::string body = test::split_text(random, 6);
    const std::vector<ChosenTag> tags = test::fit_tags(random, 14);
    const std::string_view tmpl = random.pick(kTemplates);
    const std::string_view link = random.pick(kLinks);
    const Profile profile = test::small_profile(random, builtin[i % builtin.size()]);
    CountOptions options;
    const std::string warning = random.percent(20) ? test::split_text(random, 2) : std::string();
    options.content_warning = warning;
    CAPTURE(i);
    CAPTURE(profile.id);
    CAPTURE(profile.limit);
    CAPTURE(body);
    const FitResult fast = fit_post(tmpl, body, link, tags, profile, fast_counter, options);
    const FitResult plain = test::plain::fit_post(tmpl, body, link, tags, profile, plain_counter, options);
    check_same(fast, plain);
    if (plain.fits && !plain.dropped.empty() && !plain.kept.empty()) ++some_dropped;
    if (!plain.fits && !tags.empty()) ++all_dropped;
  }
  MESSAGE(cases << " posts: " << some_dropped << " fit by dropping some tags, " << all_dropped
                << " did not fit without any");
  CHECK(some_dropped * 10 > cases);
  CHECK(all_dropped * 10 > cases);
}

TEST_CASE("fit_post equals the plain fit with hundreds of tags on every platform") {
  const std::vector<Profile>& builtin = builtin_profiles();
  Counter fast_counter;
  Counter plain_counter;
  for (std::size_t i = 0; i < 28; ++i) {
    test::SplitRandom random(0xF17'A000ULL + i);
    std::vector<ChosenTag> tags;
    const std::size_t n = 200 + random.below(400);
    for (std::size_t k = 0; k < n; ++k) {
      tags.push_back({"#tunniste" + std::to_string(k), static_cast<int>(random.below(100)), nullptr});
    }
    const Profile& profile = builtin[i % builtin.size()];
    const std::string body = test::split_text(random, 20);
    CAPTURE(i);
    CAPTURE(profile.id);
    const FitResult fast = fit_post(kDefaultTemplate, body, "mieli.fi/x", tags, profile, fast_counter);
    const FitResult plain = test::plain::fit_post(kDefaultTemplate, body, "mieli.fi/x", tags, profile, plain_counter);
    check_same(fast, plain);
    // 200 or more tags of 10-12 characters are over any limit of 500 or less: tags go.
    if (profile.limit <= 500) CHECK_FALSE(plain.dropped.empty());
  }
}
