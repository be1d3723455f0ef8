// Decoding one line of `somepost count --jsonl` input: a JSON string, or an object with a
// "text" string field. Pure; a fast path handles the two common shapes without a DOM.
#pragma once

#include <string>
#include <string_view>

namespace somepost::core {

/// Decodes `line` (one input line without its "\n"; surrounding JSON whitespace allowed)
/// into `text`, exactly as decoded, nothing stripped. Returns an empty string on success,
/// else a one-line English reason: invalid UTF-8 (with the byte offset in the line),
/// invalid JSON (with the column), a lone surrogate escape, or no "text" string field.
/// `text` is overwritten (its capacity reused).
[[nodiscard]] std::string decode_jsonl_text(std::string_view line, std::string& text);

}  // namespace somepost::core
