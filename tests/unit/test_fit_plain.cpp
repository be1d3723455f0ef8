// The plain --fit: core::fit_post as it was before issue 11 (commit a006661), unchanged
// but for its namespace. It rebuilds and counts the post once for every tag it drops, so
// n tags cost n posts of up to n tags: quadratic, and the reference the fast fit_post must
// equal. Do not optimize it.
#include <algorithm>

#include "test_split_plain.hpp"

namespace somepost::test::plain {

using namespace somepost::core;

namespace {

// Within a profile's cap (any severity: --fit keeps to warnings too).
bool within_cap(const Profile& profile, const PlatformCount& count) {
  return !profile.max_hashtags || count.hashtags <= profile.max_hashtags->max;
}

}  // namespace

FitResult fit_post(std::string_view post_template, std::string_view body, std::string_view link,
                   const std::vector<ChosenTag>& tags, const Profile& profile, Counter& counter,
                   const CountOptions& options) {
  FitResult result;
  result.kept = tags;
  // Drop order: ascending priority; among equals, the later-listed first.
  std::vector<std::size_t> order(tags.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (tags[a].priority != tags[b].priority) return tags[a].priority < tags[b].priority;
    return a > b;
  });
  std::vector<bool> dropped(tags.size(), false);
  const std::vector<const Profile*> profiles = {&profile};
  for (std::size_t step = 0;; ++step) {
    result.text = assemble_post(post_template, body, link, result.kept);
    counter.count(result.text, profiles, options, result.count);
    const PlatformCount& c = result.count.platforms.front();
    result.fits = c.fits && within_cap(profile, c);
    if (result.fits || step == order.size()) break;
    dropped[order[step]] = true;
    result.dropped.push_back(tags[order[step]].tag);
    result.kept.clear();
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (!dropped[i]) result.kept.push_back(tags[i]);
    }
  }
  return result;
}

}  // namespace somepost::test::plain
