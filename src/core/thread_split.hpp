// Splitting a post that is over a platform's limit into a numbered thread ("1/3", "2/3",
// ...), each part fitting the platform. Pure: values in, values out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/count.hpp"
#include "core/platforms.hpp"

namespace somepost::core {

/// One post of a thread.
struct ThreadPart {
  std::string text;    ///< the part as posted, its number (" 2/3") included
  CountResult count;   ///< `text` counted on the platform
};

/// A thread, or why a post cannot become one.
struct ThreadResult {
  std::vector<ThreadPart> parts;  ///< in order; one unnumbered part when the post fits as is
  bool fits = false;              ///< every part fits the platform
  /// When !fits: one English sentence naming what cannot fit and its byte offset in the
  /// text, e.g. "the URL at byte 120 does not fit in one X post even alone".
  std::string problem;
};

/// True when `line` (without its line break) is a manual thread break: "---" with
/// optional spaces or tabs around it (a trailing CR is ignored too).
[[nodiscard]] bool is_thread_break(std::string_view line) noexcept;

/// Splits `text` (valid UTF-8) into parts that each fit `profile` (limits, byte limit
/// and error caps, counted by `counter` with `options`, e.g. a content warning repeated on
/// every part).
///
/// - A line that is a manual break (is_thread_break) always ends a part.
/// - When the text has no manual break and fits, it is returned unchanged as one
///   unnumbered part. Otherwise every part ends in " N/TOTAL", and that numbering counts
///   toward the part's length, except that a thread of one part (a text whose only
///   manual breaks are at its start or end) is that part unnumbered: no "1/1".
/// - Breaks fall at whitespace: the strongest kind that still fills at least half of the
///   part (paragraph, i.e. a blank line; then a sentence end or a line break; then any
///   space). The whitespace at a break is dropped; parts keep their inner text as is.
///   Whitespace that belongs to a grapheme cluster (a space as the base of U+0301, a ZWJ
///   or VS16) is no break: both ends of a dropped run are cluster boundaries.
/// - A single word longer than a part is cut at grapheme cluster boundaries as a last
///   resort, never inside a URL, a hashtag or a mention (any platform's recognizer).
/// - When a URL, hashtag or mention cannot fit in a part even alone, returns fits ==
///   false with the problem and, as the only part, the whole text unsplit (counted), so a
///   caller can still show the post: a thread is all or nothing. So is a text of only
///   whitespace over the limit, with the problem "the text at byte 0 is only whitespace".
/// - Time: a few counts of each part's own length (a gallop and a bisection over the
///   places it may end), so O(n log n) in the text's length n, however many parts.
///
/// Throws only std::bad_alloc.
[[nodiscard]] ThreadResult split_thread(std::string_view text, const Profile& profile, const CountOptions& options,
                                        Counter& counter);

}  // namespace somepost::core
