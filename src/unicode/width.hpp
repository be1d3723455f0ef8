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

/// The bidirectional formatting characters: embeddings and overrides (U+202A-202E),
/// isolates (U+2066-2069) and the marks LRM, RLM and ALM (U+200E, U+200F, U+061C). Shown
/// raw they make a terminal reorder what follows them (a "Trojan Source" display).
[[nodiscard]] constexpr bool is_bidi_control(char32_t cp) noexcept {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

/// Whether printing code point `cp` raw can drive or reorder a terminal: the C0 controls
/// (tab and newline included), DEL, the C1 controls (U+0080-009F: CSI, OSC, ...) and the
/// bidi controls. Every place that shows untrusted text escapes exactly these
/// (core::neutralize_controls for display, core::json_problems::append_printable in
/// messages).
[[nodiscard]] constexpr bool is_terminal_control(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || is_bidi_control(cp);
}

}  // namespace somepost::unicode
