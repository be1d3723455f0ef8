// Caseless comparison for hashtags ("#Mielenterveysvaalit" is "#mielenterveysvaalit"),
// by the Unicode simple lowercase mapping of UnicodeData.txt. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

namespace somepost::unicode {

/// The Simple_Lowercase_Mapping of one code point (itself when it has none), e.g.
/// U+00C4 Ä -> U+00E4 ä. One code point in, one out: no special casing.
[[nodiscard]] char32_t to_lower(char32_t cp) noexcept;

/// `text` (UTF-8) with every code point mapped by to_lower, for caseless comparison of
/// Finnish, Swedish and other tags. Ill-formed bytes become U+FFFD. Throws only
/// std::bad_alloc.
[[nodiscard]] std::string fold_case(std::string_view text);

/// True when fold_case(a) == fold_case(b), without allocating.
[[nodiscard]] bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept;

}  // namespace somepost::unicode
