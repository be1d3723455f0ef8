// Recognition of emoji sequences (Unicode Emoji 17.0, UTS #51): the RGI sets listed in
// emoji-sequences.txt and emoji-zwj-sequences.txt, and the other forms of emoji-test.txt.
// Pure functions: no I/O.
#pragma once

#include <cstddef>
#include <string_view>

namespace somepost::unicode {

/// True when `cluster` (UTF-8, usually one grapheme cluster) is exactly one RGI emoji
/// sequence: a basic emoji, keycap, flag, modifier, tag or ZWJ sequence of Emoji 17.0.
/// Fully-qualified forms only (the ones the files list). Never throws.
[[nodiscard]] bool is_rgi_emoji(std::string_view cluster) noexcept;

/// True when `cluster` is an RGI emoji sequence or one of the non-fully-qualified
/// multi-code-point forms emoji-test.txt lists for one (a keycap without U+FE0F such as
/// `1⃣`, a ZWJ sequence missing a VS16): what a platform shows as a single emoji. Single
/// code points in their default text style (`©`, `☺`) are not included. Never throws.
[[nodiscard]] bool is_emoji_sequence(std::string_view cluster) noexcept;

/// X's emoji at the start of `text` (UTF-8): the length in bytes of the longest prefix of
/// `text` that belongs to X's emoji set, or 0 when none does. The set is every RGI Emoji
/// 17.0 sequence and every string twemoji-parser 11.0.2's regex matches (twitter-text
/// 3.1.0 weighs those 2; docs/platforms.md §1), e.g. `⭐️` (U+2B50 U+FE0F), `#⃣`, a
/// lone regional indicator, a lone U+FE0F. Non-fully-qualified forms that neither lists
/// (`❤‍🔥` without its U+FE0F) are not in it. Reads at most kEmojiLongestBytes (35) bytes.
/// Never throws.
[[nodiscard]] std::size_t x_emoji_length(std::string_view text) noexcept;

/// True when an X emoji (x_emoji_length) may start with `cp`: Emoji=Yes, U+FE0F or U+E50A.
[[nodiscard]] bool may_start_x_emoji(char32_t cp) noexcept;

/// True when `cp` has the Emoji property (emoji-data.txt). Every RGI sequence and every
/// listed variant starts with such a code point (the generator checks), so a cluster
/// whose first code point is not one is no emoji. O(1), never throws.
[[nodiscard]] bool is_emoji_code_point(char32_t cp) noexcept;

/// The number of RGI emoji sequences known to the tables (for tests and --version-like reports).
[[nodiscard]] std::size_t rgi_emoji_count() noexcept;

}  // namespace somepost::unicode
