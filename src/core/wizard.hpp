// The pure half of `somepost interactive`, the volunteers' line-based wizard: reading
// the answers typed at its prompts and rendering its menus and summary as strings. The
// terminal dialogue itself (prompts, reading lines, Ctrl-C, files) is src/cli/interactive.
// Every text that comes from a catalogue is shown with its control characters made
// visible (neutralize_controls), so a catalogue cannot drive the terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/count.hpp"

namespace somepost::core {

// ---- answers ----------------------------------------------------------------------------

/// What a toggle answer did.
enum class ToggleStatus {
  keep,     ///< blank answer (Enter): accept the selection as it is
  changed,  ///< the selection was changed; ask again to confirm it
  invalid,  ///< a word that is not a number in range, "a" or "0": nothing changed
};

struct ToggleResult {
  ToggleStatus status = ToggleStatus::keep;
  std::string bad_word;  ///< the first word not understood, when invalid
};

/// Applies an answer such as "1 3", "a", "0" or "0 2" to `selected` (one flag per listed
/// item). Words are separated by blanks or commas and applied left to right: a number
/// 1..N toggles that item, "a" (or "A") selects all, "0" clears all. All or nothing: when
/// any word is not understood, `selected` is left as it was.
[[nodiscard]] ToggleResult apply_toggle_answer(std::string_view answer, std::vector<bool>& selected);

/// The number 1..`max` that `answer` is (blanks around it allowed), else nothing.
[[nodiscard]] std::optional<std::size_t> parse_number(std::string_view answer, std::size_t max);

/// A choice offered with a key letter in brackets, e.g. "[k]opioi", "skriv [u]t", "[j]son".
struct KeyedLabel {
  int value = 0;      ///< what the choice means to the caller (an enum value)
  std::string label;  ///< the label as shown, with exactly one "[key]" in it
};

/// The key of a label: what stands between its first '[' and the next ']' ("k" for
/// "[k]opioi"); empty when there is none.
[[nodiscard]] std::string_view label_key(std::string_view label);

/// The label's word without the brackets ("kopioi" for "[k]opioi").
[[nodiscard]] std::string label_word(std::string_view label);

/// The value of the label whose key or word `answer` is (blanks around it ignored,
/// compared without case, ä and å included), searching `preferred` before `fallback` so
/// that the UI language's keys win over English ones. Nothing when none matches or the
/// answer is blank.
[[nodiscard]] std::optional<int> match_label(std::string_view answer, const std::vector<KeyedLabel>& preferred,
                                             const std::vector<KeyedLabel>& fallback);

/// The labels joined by two spaces, e.g. "[k]opioi  [t]ulosta  [l]opeta".
[[nodiscard]] std::string join_labels(const std::vector<KeyedLabel>& labels);

// ---- menus ------------------------------------------------------------------------------

/// `text` as one terminal line of at most `width` columns (display width, so ä, emoji and
/// CJK are measured right): control characters made visible (a newline too), and, when
/// it is wider, cut at a grapheme cluster boundary and ended with "…". A width below 1
/// gives "".
[[nodiscard]] std::string fit_line(std::string_view text, std::size_t width);

/// A numbered list, one line per label: "  1  label", numbers right-aligned, each line
/// within `width` columns (labels cut by fit_line).
[[nodiscard]] std::string render_numbered(const std::vector<std::string>& labels, std::size_t width);

/// A numbered list of toggles: "  1 [x] label" for selected items, "  1 [ ] label" for
/// the others, each line within `width` columns.
[[nodiscard]] std::string render_toggles(const std::vector<std::string>& labels, const std::vector<bool>& selected,
                                         std::size_t width);

/// The first line of each message in `lang` (else the catalogue's default language),
/// for the message menu.
[[nodiscard]] std::vector<std::string> message_first_lines(const Catalogue& catalogue, std::string_view lang);

// ---- hashtags ---------------------------------------------------------------------------

/// One hashtag the wizard offers for a message.
struct TagOption {
  ChosenTag tag;          ///< spelled as the message spells it, else as the catalogue does
  bool is_default = false;  ///< one of the message's default hashtags (pre-selected)
  bool in_body = false;   ///< the message's body already has it, so the post will not repeat it
};

/// The hashtags to offer for a message whose body is `body`: its `defaults` first, in
/// their order, then every other catalogue hashtag in catalogue order. Choosing the
/// defaults and dropping or adding others gives the same post as `somepost compose`
/// with the same tags.
[[nodiscard]] std::vector<TagOption> tag_options(const Catalogue& catalogue, const std::vector<ChosenTag>& defaults,
                                                 std::string_view body);

/// The tags of `tags` that every one of `fits` kept, in the order of `tags`: the one
/// selection that makes the post fit all the platforms fitted (dropping a tag never
/// makes a post longer).
[[nodiscard]] std::vector<ChosenTag> tags_kept_by_all(const std::vector<ChosenTag>& tags,
                                                      const std::vector<FitResult>& fits);

// ---- summary ----------------------------------------------------------------------------

/// Why a post does or does not fit one platform, and by how much.
enum class VerdictKind {
  fits,
  over_limit,         ///< longer than the limit: `amount` over, in the platform's unit
  over_bytes,         ///< more UTF-8 bytes than the byte limit (Bluesky): `amount` bytes over
  too_many_hashtags,  ///< more than an error-severity hashtag cap: `amount` of `max`
  too_many_links,     ///< more than an error-severity link cap: `amount` of `max`
  rejected,           ///< a character the platform rejects (X: U+FFFE, U+FEFF, U+FFFF)
  fits_many_hashtags, ///< fits, but more hashtags (`amount`) than the platform advises (`max`)
  fits_many_links,    ///< fits, but more links (`amount`) than the platform advises (`max`)
};

struct Verdict {
  VerdictKind kind = VerdictKind::fits;
  std::size_t amount = 0;
  std::size_t max = 0;
};

/// The first reason, in the order above, that `count` does not fit; else whether a
/// warning-severity cap is exceeded (Threads links one hashtag); else fits.
[[nodiscard]] Verdict verdict_of(const PlatformCount& count);

/// One row of the summary table: already worded in the UI language by the caller.
struct SummaryRow {
  std::string platform;  ///< "Mastodon"
  std::string length;    ///< "250/500"
  std::string status;    ///< "fits", "over by 12", ...
  bool fits = true;
};

/// The summary table: the three `headers` and the rows, columns aligned by display width
/// (the length right-aligned), two spaces apart, no trailing blanks. With `color` the
/// headers are bold and the status green when it fits, red when not; without it the
/// text has no escape sequences at all.
[[nodiscard]] std::string render_summary_table(const std::vector<std::string>& headers,
                                               const std::vector<SummaryRow>& rows, bool color);

// ---- remembered platforms ---------------------------------------------------------------

/// The largest remembered-platforms file read, in bytes (64 KiB): a file of ids, one a
/// line, is a few hundred bytes; anything larger is not one (docs/cli.md, "Input bounds").
inline constexpr std::size_t kRememberedPlatformsMaxBytes = 64 * 1024;

/// The platform ids of a remembered-platforms file: one id per line, blank lines and
/// lines starting with '#' skipped, surrounding blanks trimmed, duplicates dropped.
[[nodiscard]] std::vector<std::string> parse_remembered_platforms(std::string_view text);

/// The file text that parse_remembered_platforms reads back as `ids`, with a comment
/// line saying what the file is.
[[nodiscard]] std::string format_remembered_platforms(const std::vector<std::string>& ids);

}  // namespace somepost::core
