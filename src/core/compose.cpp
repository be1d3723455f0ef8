#include "core/compose.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/extract.hpp"
#include "unicode/case.hpp"

namespace somepost::core {
namespace {

constexpr std::array<std::string_view, 3> kPlaceholders = {"{body}", "{link}", "{hashtags}"};

std::string join_tags(const std::vector<ChosenTag>& tags) {
  std::string out;
  for (const ChosenTag& t : tags) {
    if (!out.empty()) out.push_back(' ');
    out += t.tag;
  }
  return out;
}

// Within a profile's cap (any severity: --fit keeps to warnings too).
bool within_cap(const Profile& profile, const PlatformCount& count) {
  return !profile.max_hashtags || count.hashtags <= profile.max_hashtags->max;
}

}  // namespace

std::string assemble_post(std::string_view post_template, std::string_view body, std::string_view link,
                          const std::vector<ChosenTag>& tags) {
  const std::string hashtags = join_tags(tags);
  const std::array<std::string_view, 3> values = {body, link, hashtags};
  std::string out;
  bool any_part = false;        // has a non-empty part been written yet?
  bool first_placeholder = true;
  std::size_t pos = 0;
  while (pos <= post_template.size()) {
    // The next placeholder at or after pos.
    std::size_t found = std::string_view::npos;
    std::size_t which = 0;
    for (std::size_t i = 0; i < kPlaceholders.size(); ++i) {
      const std::size_t at = post_template.find(kPlaceholders[i], pos);
      if (at < found) {
        found = at;
        which = i;
      }
    }
    if (found == std::string_view::npos) {
      if (any_part) out.append(post_template.substr(pos));  // trailing literal text
      break;
    }
    // Text before the first placeholder leads the post; text between placeholders is a
    // separator, written only between two parts that are both present.
    const std::string_view literal = post_template.substr(pos, found - pos);
    if (first_placeholder) out.append(literal);
    const std::string_view value = values[which];
    if (!value.empty()) {
      if (any_part) out.append(literal);
      out.append(value);
      any_part = true;
    }
    first_placeholder = false;
    pos = found + kPlaceholders[which].size();
  }
  return out;
}

std::vector<ChosenTag> drop_tags_in_body(const HashtagIndex& index, std::string_view body,
                                         std::vector<ChosenTag>& tags) {
  std::vector<HashtagMatch> found;
  extract_hashtags(body, HashtagRule::x, found);
  std::vector<std::string> body_tags;         // folded, with '#'
  std::vector<const Hashtag*> body_entries;   // catalogue entries the body already names
  for (const HashtagMatch& m : found) {
    std::string tag = "#";  // built by appending: GCC 12 warns falsely on "#" + string (-Wrestrict)
    tag += m.name.of(body);
    body_tags.push_back(unicode::fold_case(tag));
    if (const Hashtag* entry = index.find(tag)) body_entries.push_back(entry);
  }
  std::vector<ChosenTag> removed;
  std::vector<ChosenTag> kept;
  // The kept tags, folded, and their catalogue entries: hashed, so that n tags cost O(n)
  // look-ups, not n^2 comparisons (a 40,000-tag catalogue message took seconds).
  std::unordered_set<std::string> kept_folded;
  std::unordered_set<const Hashtag*> kept_entries;
  for (ChosenTag& t : tags) {
    std::string folded = unicode::fold_case(t.tag);
    const bool in_body =
        std::find(body_tags.begin(), body_tags.end(), folded) != body_tags.end() ||
        (t.entry && std::find(body_entries.begin(), body_entries.end(), t.entry) != body_entries.end());
    const bool duplicate = (t.entry && kept_entries.count(t.entry) != 0) || kept_folded.count(folded) != 0;
    if (in_body || duplicate) {
      removed.push_back(std::move(t));
    } else {
      if (t.entry) kept_entries.insert(t.entry);
      kept_folded.insert(std::move(folded));
      kept.push_back(std::move(t));
    }
  }
  tags = std::move(kept);
  return removed;
}

FitResult fit_post(std::string_view post_template, std::string_view body, std::string_view link,
                   const std::vector<ChosenTag>& tags, const Profile& profile, Counter& counter,
                   const CountOptions& options) {
  // Drop order: ascending priority; among equals, the later-listed first. dropped_at[i]:
  // how many tags are dropped before tag i goes.
  const std::size_t n = tags.size();
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (tags[a].priority != tags[b].priority) return tags[a].priority < tags[b].priority;
    return a > b;
  });
  std::vector<std::size_t> dropped_at(n);
  for (std::size_t step = 0; step < n; ++step) dropped_at[order[step]] = step;

  // The post with the first `dropped` tags of the drop order left out, counted.
  const std::vector<const Profile*> profiles = {&profile};
  const auto attempt = [&](std::size_t dropped, FitResult& out) {
    out.kept.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (dropped_at[i] >= dropped) out.kept.push_back(tags[i]);
    }
    out.text = assemble_post(post_template, body, link, out.kept);
    counter.count(out.text, profiles, options, out.count);
    const PlatformCount& c = out.count.platforms.front();
    out.fits = c.fits && within_cap(profile, c);
    return out.fits;
  };

  // The answer is the fewest drops that make the post fit (all n, not fitting, when even
  // no tags do not fit). Trying 0, 1, 2, ... drops, as the plain fit did, rebuilds and
  // counts a post of up to n tags n times: quadratic. A post fits with d drops whenever it
  // fits with fewer, because dropping a tag takes one space-separated "#tag" out of the
  // post and lengthens nothing (every platform counts a catalogue hashtag whole, on its
  // own), nor adds a hashtag or a link. So: no drops first (the common case, one count),
  // then all n, then gallop down from n (1, 3, 7, ... tags kept: posts about as long as
  // the answer) and bisect: O(log n) posts, none longer than the one with no drops.
  FitResult result;
  FitResult trial;
  std::size_t fitting = n;  // fewest drops known to fit (n: not known yet)
  if (attempt(0, result) || n == 0) {
    fitting = 0;
  } else if (attempt(n, result)) {
    std::size_t failing = 0;  // most drops known not to fit
    for (std::size_t step = 1; fitting - failing > 1; step *= 2) {
      const std::size_t probe = fitting - failing > step ? fitting - step : failing + 1;
      if (attempt(probe, trial)) {
        fitting = probe;
        std::swap(result, trial);
      } else {
        failing = probe;
        break;
      }
    }
    while (fitting - failing > 1) {
      const std::size_t mid = failing + (fitting - failing) / 2;
      if (attempt(mid, trial)) {
        fitting = mid;
        std::swap(result, trial);
      } else {
        failing = mid;
      }
    }
  }
  for (std::size_t step = 0; step < fitting; ++step) result.dropped.push_back(tags[order[step]].tag);
  return result;
}

PlatformPost compose_for_platform(const PostInput& input, const Profile& profile, Counter& counter) {
  PlatformPost post;
  post.profile = &profile;
  if (input.fit) {
    FitResult fitted = fit_post(input.post_template, input.body, input.link, input.tags, profile, counter,
                                input.options);
    post.text = std::move(fitted.text);
    post.kept = std::move(fitted.kept);
    post.dropped = std::move(fitted.dropped);
    post.count = std::move(fitted.count);
    post.fits = fitted.fits;
  } else {
    post.text = assemble_post(input.post_template, input.body, input.link, input.tags);
    post.kept = input.tags;
    counter.count(post.text, {&profile}, input.options, post.count);
    post.fits = post.count.all_fit();
  }
  if (input.thread) {
    post.thread = true;
    ThreadResult thread = split_thread(post.text, profile, input.options, counter);
    post.parts = std::move(thread.parts);
    post.fits = thread.fits;
    post.problem = std::move(thread.problem);
  }
  return post;
}

}  // namespace somepost::core
