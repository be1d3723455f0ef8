// A batch plan (docs/cli.md, "somepost batch"): rows of message × hashtags × platforms,
// read from CSV with a header row or from JSON Lines, one physical line at a time so a
// plan of any length is read in constant memory. Pure: lines in, rows or errors out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.hpp"

namespace somepost::core {

enum class PlanFormat { csv, jsonl };

/// The plan format of a file: by extension (.csv; .jsonl, .ndjson, .json), else by the
/// first bytes of its content (after a UTF-8 BOM and whitespace, `{` is JSON Lines,
/// anything else CSV). `path` may be "-" (stdin: content only). `first_bytes` is the
/// first line that is not blank (is_blank_plan_line), or "" when there is none.
[[nodiscard]] PlanFormat detect_plan_format(std::string_view path, std::string_view first_bytes) noexcept;

/// True when `line` holds nothing but whitespace (space, tab, CR, LF), possibly after a
/// UTF-8 BOM: a line that shows no format to detect_plan_format. A caller reading ahead
/// past such lines feeds each to PlanReader as an empty line, which both formats skip.
[[nodiscard]] bool is_blank_plan_line(std::string_view line) noexcept;

/// One row of a plan, as written (resolved against the catalogue by the caller).
struct PlanRow {
  std::size_t line = 0;     ///< 1-based plan line where the row starts
  std::string message;      ///< a message number or id, trimmed
  /// The tags as written (with or without '#'); nullopt when the cell is empty (the
  /// message's default tags); an empty list for "-" (no tags at all).
  std::optional<std::vector<std::string>> hashtags;
  std::vector<std::string> platforms;  ///< platform ids; empty: the batch's --platform selection
  bool link = true;                    ///< the campaign link (link: yes/no; empty is yes)
  std::string lang;                    ///< a BCP 47 tag; empty: --lang or the catalogue's
  std::string utm_campaign;            ///< empty: --utm's campaign, if any
};

/// Reads a plan line by line. CSV: the first non-blank record is the header, naming
/// columns message (required), hashtags, platforms, link, lang, utm_campaign in any
/// order (case-insensitive, surrounding spaces ignored); a row may have fewer fields
/// than the header (the missing ones are empty), not more. JSON Lines: each line an
/// object with the same keys; hashtags and platforms as arrays of strings or one string;
/// link as true/false or "yes"/"no"; message as a string or an integer. In both, list
/// cells split at commas and whitespace, blank lines are skipped, and every line must be
/// valid UTF-8. A CSV record with invalid UTF-8 (on any of its lines) is read to its end
/// all the same, so that a quoted field spanning lines does not throw the reader out of
/// step, and is then reported once, at the line where it starts, and skipped. A JSON
/// Lines line is read as json_problems::parse_json_line reads it: nesting deeper than 64
/// levels and duplicate keys are errors. Values quoted in errors are cut to 40 code
/// points. Memory: the current line, and for CSV the current record, at most
/// `max_record_bytes` (a longer record is a fatal error: its quote was probably left open).
class PlanReader {
 public:
  enum class Status {
    none,   ///< nothing to do yet (a blank line, the header, a record continuing)
    row,    ///< row() holds the next row
    error,  ///< error() and error_line() say what is wrong; reading may go on unless fatal()
  };

  /// `max_record_bytes`: the longest CSV record (all its lines and the line breaks
  /// between them).
  explicit PlanReader(PlanFormat format, std::size_t max_record_bytes = static_cast<std::size_t>(-1))
      : format_(format), max_record_bytes_(max_record_bytes) {}

  /// Feeds the next physical line (without "\n"; a trailing "\r" is a CRLF line end).
  Status feed_line(std::string_view line);

  /// Counts the next physical line as one the caller did not read (it was longer than
  /// the caller's bound) and reports `message` as its error. JSON Lines: reading goes on
  /// with the next line. CSV: the error is fatal, since a quoted field may run through
  /// the skipped line and no later record could be trusted.
  Status skip_line(std::string message);

  /// Call once at the end of the input: an error for an unterminated quoted CSV field
  /// or a CSV plan without a header, else `none`.
  Status finish();

  [[nodiscard]] const PlanRow& row() const noexcept { return row_; }
  [[nodiscard]] std::size_t error_line() const noexcept { return error_line_; }
  /// One English sentence, without the line number, e.g. "unknown column \"tags\"; ...".
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  /// True after a header error: no later row can be read, so the caller should stop.
  [[nodiscard]] bool fatal() const noexcept { return fatal_; }

 private:
  Status fail(std::size_t line, std::string message);
  Status csv_line(std::string_view line);
  Status json_line(std::string_view line);
  Status csv_header(const std::vector<std::string>& fields);
  Status csv_row(const std::vector<std::string>& fields);
  std::string utf8_error(std::size_t offset, std::string_view kind, std::size_t line) const;

  PlanFormat format_;
  std::size_t max_record_bytes_;
  std::size_t record_bytes_ = 0;  // bytes of the current CSV record so far, line ends included
  CsvReader csv_;
  std::size_t line_ = 0;         // physical lines fed so far
  std::size_t record_line_ = 0;  // where the current CSV record started
  bool continuing_ = false;      // the current CSV record goes on past its first line
  std::string record_utf8_error_;  // the current CSV record's first invalid UTF-8, if any
  bool have_header_ = false;
  // Column index of each key in the CSV header (npos when absent).
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t columns_[6] = {kNone, kNone, kNone, kNone, kNone, kNone};
  std::size_t column_count_ = 0;
  PlanRow row_;
  std::size_t error_line_ = 0;
  std::string error_;
  bool fatal_ = false;
};

}  // namespace somepost::core
