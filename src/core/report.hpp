// Pure serializers of count results: the JSON contract of `somepost count` and the
// human-readable table. They build strings; the CLI decides where the bytes go.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/count.hpp"
#include "core/platforms.hpp"

namespace somepost::core {

/// Appends `text` as a JSON string literal (quotes included) to `out`. `text` must be
/// valid UTF-8; control characters, `"` and `\` are escaped, everything else is copied.
void append_json_string(std::string& out, std::string_view text);

/// The name of a counting unit as JSON and the table show it: "weighted", "graphemes",
/// "emoji-bytes".
[[nodiscard]] std::string_view unit_name(CountingUnit unit) noexcept;

/// Appends the one-line JSON object of `result` (no trailing newline):
/// {"bytes":N,"code_points":N,"graphemes":N,"platforms":[{"id":"x","length":N,
///  "limit":N,"remaining":N,"fits":B,"unit":"...","bytes":N,"byte_limit":N?,
///  "overflow_at":N?,"hashtags":N,"links":N,"warnings":[...]}, ...]}
/// `byte_limit` and `overflow_at` appear only when set. Deterministic key order.
void append_count_json(std::string& out, const CountResult& result);

/// `items` joined by `separator` ("#a, #b"); empty for no items.
[[nodiscard]] std::string join(const std::vector<std::string>& items, std::string_view separator);

/// Appends {"line":N,"error":"..."} (no newline): a bad `--jsonl` input line.
void append_line_error_json(std::string& out, std::size_t line, std::string_view message);

/// How the table is drawn.
struct TableStyle {
  bool color = false;  ///< ANSI colours and the highlighted overflow (TTY only)
};

/// The readable report of `result` for `text`: a header with the text's figures, one row
/// per platform (length/limit, remaining, fits), warnings under the table, and, in colour
/// mode only, for each platform that is over, the text with the part past its limit
/// highlighted (JSON's overflow_at gives the same offset). Columns are aligned by display
/// width. Control characters of `text` and of the profiles' names and warnings are shown
/// as visible symbols (neutralize_controls), never sent raw.
[[nodiscard]] std::string render_count_table(const CountResult& result, std::string_view text,
                                             const TableStyle& style);

/// The `count --explain ID` text: the profile's unit, limits, rules, caps, warnings,
/// notes, sources and the date they were checked, each made terminal-safe
/// (neutralize_controls): a --platforms FILE supplies them.
[[nodiscard]] std::string render_profile_explanation(const Profile& profile);

/// `text` with the part from byte `at` on (the overflow_at of a count) painted white on
/// red, the way X's composer paints what is past the limit, and control characters made
/// visible (newlines kept). Always has ANSI escapes: call it only when colour is on. An
/// `at` past the end is taken as the end.
[[nodiscard]] std::string highlight_overflow(std::string_view text, std::size_t at);

/// `text` with C0/C1 controls, DEL and ESC made visible (U+2400 block symbols or
/// U+FFFD) and each invalid UTF-8 byte shown as U+FFFD, so that printing it cannot drive
/// a terminal, and the bidirectional controls
/// (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C) named in brackets, "⟨U+202E⟩", so
/// that they cannot reorder what the terminal shows. Newlines are kept when
/// `keep_newlines`. For display only: what is copied or written keeps the exact bytes.
[[nodiscard]] std::string neutralize_controls(std::string_view text, bool keep_newlines);

}  // namespace somepost::core
