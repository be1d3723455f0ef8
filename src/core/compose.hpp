// Assembling a post from a body, the campaign link and hashtags, and fitting it to a
// platform by dropping hashtags. Pure: values in, values out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"

namespace somepost::core {

/// A hashtag chosen for a post: its catalogue spelling and its --fit priority.
struct ChosenTag {
  std::string tag;   ///< with '#', as the catalogue spells it (the tag or the alternative named)
  int priority = 0;  ///< the catalogue entry's priority (higher is dropped later)
  const Hashtag* entry = nullptr;  ///< the catalogue entry, nullptr for a tag not in it
};

/// `post_template` with {body}, {link} and {hashtags} replaced. Text before the first
/// placeholder and after the last is kept; text between two placeholders is a separator,
/// written only between two non-empty parts, so an empty part leaves no stray separator
/// (no link: "body\n\n#tags"; no tags: "body link"). Tags are joined with single spaces.
[[nodiscard]] std::string assemble_post(std::string_view post_template, std::string_view body,
                                        std::string_view link, const std::vector<ChosenTag>& tags);

/// Removes from `tags` the ones `body` already contains as a hashtag (X's rule), compared
/// without case, counting a catalogue tag's alternatives as the same tag (looked up in
/// `index`, built from the catalogue the tags come from), and later duplicates of an
/// earlier tag. Returns the removed tags, in order. O(body bytes + tags).
std::vector<ChosenTag> drop_tags_in_body(const HashtagIndex& index, std::string_view body,
                                         std::vector<ChosenTag>& tags);

/// The result of fitting a post to one platform.
struct FitResult {
  std::string text;                   ///< the post as fitted
  std::vector<ChosenTag> kept;        ///< tags kept, in their original order
  std::vector<std::string> dropped;   ///< tags dropped, in the order they were dropped
  CountResult count;                  ///< the fitted text counted on the platform
  bool fits = false;                  ///< within the limits and the hashtag cap
};

/// --fit: drops tags in ascending priority (among equal priorities the later-listed
/// first) until the assembled post fits `profile` and its hashtag cap holds (Threads 1,
/// Instagram 5). When even no tags do not fit, returns the post without tags and
/// fits == false: the body and link alone are too long. `options` (a content warning)
/// are counted as `count` does. Time: O(log n) posts assembled and counted for n tags,
/// none longer than the post with every tag (O(n log n) in all).
[[nodiscard]] FitResult fit_post(std::string_view post_template, std::string_view body, std::string_view link,
                                 const std::vector<ChosenTag>& tags, const Profile& profile, Counter& counter,
                                 const CountOptions& options = {});

/// What to compose for one platform (compose's per-platform path and every batch row).
struct PostInput {
  std::string_view post_template;
  std::string_view body;
  std::string_view link;        ///< as posted on this platform (UTM-tagged, scheme added)
  std::vector<ChosenTag> tags;  ///< the tags to append (drop_tags_in_body already applied)
  bool fit = false;             ///< drop tags by priority until the post fits (fit_post)
  bool thread = false;          ///< split a post that does not fit into numbered parts
  CountOptions options;         ///< e.g. a content warning, counted where the platform does
};

/// One platform's post.
struct PlatformPost {
  const Profile* profile = nullptr;
  std::string text;                  ///< the whole post (with `thread`: before splitting)
  std::vector<ChosenTag> kept;       ///< tags in the post
  std::vector<std::string> dropped;  ///< tags --fit dropped, in the order dropped
  CountResult count;                 ///< `text` counted on the platform
  bool fits = false;                 ///< the post fits; with `thread`, every part does
  bool thread = false;               ///< `parts` holds the thread
  std::vector<ThreadPart> parts;     ///< with `thread`: split_thread's parts (one if it fit)
  std::string problem;               ///< why no thread could be made (split_thread), else empty
};

/// Assembles `input` for `profile` and counts it; with `fit`, fit_post first; with
/// `thread`, then split_thread on what does not fit. Never fails on any valid UTF-8
/// input (a post over the limit has fits == false); throws only std::bad_alloc.
[[nodiscard]] PlatformPost compose_for_platform(const PostInput& input, const Profile& profile, Counter& counter);

}  // namespace somepost::core
