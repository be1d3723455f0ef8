// Terminal display width (UAX #11 East_Asian_Width plus emoji presentation), used to
// align tables. Pure functions: no I/O, no exceptions.
#pragma once

#include <cstddef>
#include <string_view>

namespace somepost::unicode {

/// Columns (0, 1 or 2) a terminal uses for one grapheme cluster (UTF-8):
/// 2 for an emoji presentation sequence (RGI emoji, Emoji_Presentation, or an Emoji
/// character followed by U+FE0F) and for East_Asian_Width Wide/Fullwidth; 0 for a cluster
/// made only of controls, format characters and combining marks; else 1. Ambiguous
/// characters count 1 (the width outside CJK locales).
[[nodiscard]] int cluster_width(std::string_view cluster) noexcept;

/// Sum of cluster_width over the grapheme clusters of `text`, in terminal columns.
[[nodiscard]] std::size_t display_width(std::string_view text) noexcept;

}  // namespace somepost::unicode
