#include "core/csv.hpp"

namespace somepost::core {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string column_error(std::size_t index, std::string_view what) {
  std::string out = "column ";
  out += std::to_string(index + 1);
  out += ": ";
  out += what;
  return out;
}

// Appends `field` with each '"' doubled (the inside of a quoted field).
void append_doubling_quotes(std::string& out, std::string_view field) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '"') continue;
    out.append(field.substr(run, i + 1 - run));  // up to and including the quote ...
    out.push_back('"');                          // ... which is doubled
    run = i + 1;
  }
  out.append(field.substr(run));
}

// An optional '-' and one or more ASCII digits: a number to a spreadsheet, not a formula.
bool is_integer(std::string_view field) noexcept {
  const std::size_t digits_from = !field.empty() && field[0] == '-' ? 1 : 0;
  if (field.size() == digits_from) return false;
  for (std::size_t i = digits_from; i < field.size(); ++i) {
    if (field[i] < '0' || field[i] > '9') return false;
  }
  return true;
}

// Would a spreadsheet take the field for a formula? OWASP's list of first characters.
bool starts_formula(std::string_view field) noexcept {
  if (field.empty() || std::string_view("=+-@\t\r").find(field[0]) == std::string_view::npos) return false;
  return !is_integer(field);
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field, const CsvOptions& options) {
  if (options.guard_formulas && starts_formula(field)) {
    out.append("\"'");
    append_doubling_quotes(out, field);
    out.push_back('"');
    return;
  }
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  append_doubling_quotes(out, field);
  out.push_back('"');
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields, const CsvOptions& options) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    append_csv_field(out, fields[i], options);
  }
  out.append("\r\n");
}

CsvReader::Status CsvReader::feed_line(std::string_view line) {
  std::size_t offset = 0;  // bytes skipped at the start (a BOM), for error columns
  if (first_line_) {
    first_line_ = false;
    if (line.substr(0, kBom.size()) == kBom) {
      line.remove_prefix(kBom.size());
      offset = kBom.size();
    }
  }
  // A final CR is the CRLF line end, unless a quoted field runs past it (handled below).
  const bool cr_end = !line.empty() && line.back() == '\r';
  const std::size_t content_end = cr_end ? line.size() - 1 : line.size();

  bool at_field_start;
  if (in_quotes_) {
    fields_.back().push_back('\n');  // the line break inside the quoted field
    at_field_start = false;
  } else {
    fields_.clear();
    fields_.emplace_back();
    at_field_start = true;
  }
  std::size_t i = 0;
  while (true) {
    if (in_quotes_) {
      const std::size_t quote = line.find('"', i);
      if (quote == std::string_view::npos) {
        fields_.back().append(line.substr(i));  // a CR here is content: the field goes on
        return Status::need_more;
      }
      fields_.back().append(line.substr(i, quote - i));
      if (quote + 1 < line.size() && line[quote + 1] == '"') {
        fields_.back().push_back('"');
        i = quote + 2;
        continue;
      }
      in_quotes_ = false;
      i = quote + 1;
      if (i >= content_end) return Status::record;
      if (line[i] != ',') {
        error_ = column_error(offset + i, "text after a closing quote (a quote inside a quoted field is written \"\")");
        return Status::error;
      }
      fields_.emplace_back();
      ++i;
      at_field_start = true;
      continue;
    }
    if (at_field_start && i < content_end && line[i] == '"') {
      in_quotes_ = true;
      ++i;
      at_field_start = false;
      continue;
    }
    // An unquoted field: up to the next comma or the line end.
    std::size_t end = i;
    while (end < content_end && line[end] != ',' && line[end] != '"') ++end;
    if (end < content_end && line[end] == '"') {
      error_ = column_error(offset + end, "a quote inside an unquoted field (quote the whole field)");
      return Status::error;
    }
    fields_.back().append(line.substr(i, end - i));
    if (end >= content_end) return Status::record;
    fields_.emplace_back();
    i = end + 1;
    at_field_start = true;
  }
}

CsvReader::Status CsvReader::finish() {
  if (!in_quotes_) return Status::need_more;
  in_quotes_ = false;
  error_ = "the input ends inside a quoted field (a closing quote is missing)";
  return Status::error;
}

}  // namespace somepost::core
