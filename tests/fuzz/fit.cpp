// Fuzz harness: `--fit` (core::fit_post, src/core/compose.*): dropping tags by priority
// until a post fits a built-in profile given a random small limit.
// Input: PARAMS 0x1E TEMPLATE 0x1E BODY 0x1E LINK 0x1E TAGS [0x1E CONTENT_WARNING].
// PARAMS: profile index (0-6), limit (1-400), then one number per tag, its priority
// ((n mod 21) - 10). TAGS: separated by spaces or newlines. An empty TEMPLATE is the
// default one.
//
// Checks: the kept tags are the input's minus the dropped ones, in their order; tags are
// dropped in ascending priority, later-listed first among equals; the text is the post
// assembled from the kept tags, counted as it stands; a fitting post is within the limits
// and the hashtag cap, and putting back the last tag dropped makes it not fit (no tag is
// dropped needlessly); a post that cannot fit has no tags left.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "count_checks.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

namespace {

bool fits_with_cap(const core::Profile& profile, const core::PlatformCount& c) {
  return c.fits && (!profile.max_hashtags || c.hashtags <= profile.max_hashtags->max);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> fields = fuzz::split_fields(fuzz::as_view(data, size), 6, 6);
  for (const std::string_view field : fields) {
    if (!fuzz::valid_utf8(field)) return 0;
  }
  const std::string_view post_template = fields[1].empty() ? core::kDefaultTemplate : fields[1];
  const std::string_view body = fields[2];
  const std::string_view link = fields[3];
  const core::CountOptions options{fields[5]};

  fuzz::Numbers numbers(fields[0]);
  const std::vector<core::Profile>& builtin = core::builtin_profiles();
  core::Profile profile = builtin[numbers.next_in(0, builtin.size() - 1, 0)];
  profile.limit = numbers.next_in(1, 400, profile.limit);

  std::vector<core::ChosenTag> tags;
  std::string_view rest = fields[4];
  while (!rest.empty()) {
    const std::size_t end = rest.find_first_of(" \n");
    const std::string_view tag = rest.substr(0, end);
    if (!tag.empty()) {
      const int priority = static_cast<int>(numbers.next(10) % 21) - 10;
      tags.push_back({std::string(tag), priority, nullptr});
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }

  core::Counter counter;
  const core::FitResult result = core::fit_post(post_template, body, link, tags, profile, counter, options);

  // kept + dropped = tags: kept in input order, each input tag in exactly one of them.
  FUZZ_CHECK(result.kept.size() + result.dropped.size() == tags.size());
  std::vector<bool> is_kept(tags.size(), false);
  std::size_t k = 0;
  for (std::size_t i = 0; i < tags.size() && k < result.kept.size(); ++i) {
    if (tags[i].tag == result.kept[k].tag && tags[i].priority == result.kept[k].priority) {
      is_kept[i] = true;
      ++k;
    }
  }
  FUZZ_CHECK(k == result.kept.size());
  // The drop order: ascending priority, the later-listed first among equals. Replay it on
  // the tags not kept and compare.
  std::vector<std::size_t> dropped_order;
  for (std::size_t i = tags.size(); i-- > 0;) {
    if (!is_kept[i]) dropped_order.push_back(i);
  }
  std::stable_sort(dropped_order.begin(), dropped_order.end(),
                   [&](std::size_t a, std::size_t b) { return tags[a].priority < tags[b].priority; });
  FUZZ_CHECK(dropped_order.size() == result.dropped.size());
  for (std::size_t i = 0; i < dropped_order.size(); ++i) FUZZ_CHECK(tags[dropped_order[i]].tag == result.dropped[i]);
  // Only the lowest-priority tags go: a kept tag never ranks before a dropped one.
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (!is_kept[i]) continue;
    for (const std::size_t d : dropped_order) {
      FUZZ_CHECK(tags[i].priority > tags[d].priority || (tags[i].priority == tags[d].priority && i < d));
    }
  }

  // The text is the assembled post, and its count is its own.
  FUZZ_CHECK(result.text == core::assemble_post(post_template, body, link, result.kept));
  FUZZ_CHECK(result.count.platforms.size() == 1);
  fuzz::check_count_result(result.text, result.count);
  core::Counter recount;
  core::CountResult c;
  recount.count(result.text, {&profile}, options, c);
  FUZZ_CHECK(c.platforms.front().length == result.count.platforms.front().length);
  FUZZ_CHECK(result.fits == fits_with_cap(profile, c.platforms.front()));

  if (!result.fits) {
    FUZZ_CHECK(result.kept.empty());
    return 0;
  }
  if (!result.dropped.empty()) {
    // Putting back the last tag dropped gives a post that does not fit.
    std::vector<core::ChosenTag> one_more;
    const std::size_t last = dropped_order.back();
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (is_kept[i] || i == last) one_more.push_back(tags[i]);
    }
    recount.count(core::assemble_post(post_template, body, link, one_more), {&profile}, options, c);
    FUZZ_CHECK(!fits_with_cap(profile, c.platforms.front()));
  }
  return 0;
}
