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

/// True when `cp` has the Emoji property (emoji-data.txt). Every RGI sequence and every
/// listed variant starts with such a code point (the generator checks), so a cluster
/// whose first code point is not one is no emoji. O(1), never throws.
[[nodiscard]] bool is_emoji_code_point(char32_t cp) noexcept;

/// The number of RGI emoji sequences known to the tables (for tests and --version-like reports).
[[nodiscard]] std::size_t rgi_emoji_count() noexcept;

}  // namespace somepost::unicode
