// CSV (RFC 4180): a writer for `batch --format csv` and an incremental record reader for
// `batch --plan FILE.csv`. Pure: strings in, strings out; the CLI does the I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace somepost::core {

/// How CSV fields are written.
struct CsvOptions {
  /// For a file meant for a spreadsheet (`batch --excel`): guard against formula injection
  /// as OWASP's "CSV Injection" page describes. A field that starts with '=', '+', '-',
  /// '@', TAB or CR, which Excel, LibreOffice and Google Sheets would take for a formula
  /// (`=HYPERLINK(...)` in a post text would run when the file is opened), gets a single
  /// quote in front and is enclosed in double quotes, so it is read as text. A field
  /// that is only an integer ("-12", the `remaining` of a post over its limit) is left
  /// as it is: a spreadsheet reads it as that number, never as a formula. The field then
  /// no longer reads back byte for byte (it has the quote in front); that is the price.
  bool guard_formulas = false;
};

/// Appends `field` to `out` as one RFC 4180 field: as is, or enclosed in double quotes
/// with each `"` doubled when it holds a comma, a double quote, CR or LF (RFC 4180 §2.6,
/// 2.7), so any UTF-8 text, line breaks included, reads back unchanged (unless
/// `options.guard_formulas` guards it, see CsvOptions). Never fails.
void append_csv_field(std::string& out, std::string_view field, const CsvOptions& options = {});

/// Appends `fields` as one record, separated by commas and ended by CRLF (RFC 4180 §2.1),
/// each field written as append_csv_field does with `options`.
void append_csv_record(std::string& out, const std::vector<std::string>& fields, const CsvOptions& options = {});

/// Reads CSV records from physical lines fed one at a time, so a reader of a huge file
/// holds only the current record. A quoted field may span lines (the line break is kept
/// as "\n"; a CR before it is kept too, so CRLF inside a field reads back as CRLF).
/// Lenient where RFC 4180 is silent: LF or CRLF line ends, a UTF-8 BOM before the first
/// record is skipped. Strict where a guess would corrupt data: a `"` inside an unquoted
/// field and text after a closing quote are errors.
class CsvReader {
 public:
  enum class Status {
    need_more,  ///< inside a quoted field that continues on the next line
    record,     ///< fields() holds a complete record
    error,      ///< error() says what is wrong; the record is skipped
  };

  /// Feeds one physical line without its "\n" (a trailing "\r" is taken as part of the
  /// CRLF line end). After `record` or `error`, the next line starts a new record.
  Status feed_line(std::string_view line);

  /// Call at the end of the input: returns `error` if a quoted field was left open,
  /// else `need_more` (nothing pending).
  Status finish();

  /// The fields of the last complete record (valid until the next feed_line).
  [[nodiscard]] const std::vector<std::string>& fields() const noexcept { return fields_; }

  /// One English sentence for the last `error`, naming the 1-based column in code units
  /// (bytes) of the line where it was found, e.g. "column 7: a quote inside an unquoted field".
  [[nodiscard]] const std::string& error() const noexcept { return error_; }

 private:
  std::vector<std::string> fields_;
  std::string error_;
  bool in_quotes_ = false;  // a quoted field continues on the next line
  bool first_line_ = true;  // a BOM may start the input
};

}  // namespace somepost::core
