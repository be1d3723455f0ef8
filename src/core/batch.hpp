// The serializers of `somepost batch` (docs/cli.md): one JSON Lines object or CSV rows per
// message × platform, and the safe file name of `-o DIR`. Pure: values in, strings out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/csv.hpp"

namespace somepost::core {

/// Where a batch row comes from.
struct BatchSource {
  std::size_t line = 0;            ///< the plan line; 0 when the batch has no plan
  const Message* message = nullptr;
};

/// What a batch row's output holds besides the post.
struct BatchFields {
  bool dropped = false;  ///< --fit: "dropped_hashtags"
};

/// Appends one JSON object (no newline): {"line" (plan only),"message","number",
/// "platform","text","fits","count" (the `count --format json` object for this
/// platform),"dropped_hashtags" (with fields.dropped),"parts":[{"text","count"}] and
/// "problem" (when the post was split or could not be, as in compose --format json)}.
void append_batch_json(std::string& out, const BatchSource& source, const PlatformPost& post,
                       const BatchFields& fields);

/// The CSV header record (CRLF-terminated): line, message, number, platform, part, text,
/// fits, length, limit, remaining, unit, bytes, hashtags, links, warnings,
/// dropped_hashtags.
void append_batch_csv_header(std::string& out);

/// Appends the CSV records of one post: one record, or with a thread one per part ("part"
/// is "2/3", empty for a thread of one part; the text and counts are the part's). "line" is empty without a plan, "warnings" are
/// joined by "; ", "dropped_hashtags" by spaces. `csv.guard_formulas` (batch --excel)
/// guards every field against formula injection (CsvOptions).
void append_batch_csv(std::string& out, const BatchSource& source, const PlatformPost& post,
                      const CsvOptions& csv = {});

/// `text` made safe as a file name part: ASCII letters lowercased, digits kept, every
/// other run of bytes one '-', no '-' at either end, at most 60 bytes; "message" when
/// nothing is left. Never contains '/', '.', or anything but [a-z0-9-].
[[nodiscard]] std::string sanitize_file_part(std::string_view text);

/// The file name of a post in `batch -o DIR`: "03-lasten-ja-nuorten-mieli.x.txt" (the
/// message number, at least two digits, the sanitized id and platform id), with
/// "line12-" in front for a plan row (two rows may name the same message and platform).
/// Only numbers and sanitized ids: never a path from catalogue text.
[[nodiscard]] std::string batch_file_name(const BatchSource& source, std::string_view platform_id);

/// The text of a post's file: the post, or a thread's parts separated by lines "---"
/// (a manual break, so the file splits the same way again); newline-terminated.
[[nodiscard]] std::string batch_file_text(const PlatformPost& post);

}  // namespace somepost::core
