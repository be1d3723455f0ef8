#include "core/plan.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <utility>

#include "core/export.hpp"
#include "core/json_problems.hpp"
#include "core/language.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

namespace uc = somepost::unicode;

// The plan's columns (CSV header names and JSON keys), in the order of PlanReader::columns_.
enum Key : std::size_t { kMessage, kHashtags, kPlatforms, kLink, kLang, kUtmCampaign, kKeyCount };
constexpr std::array<std::string_view, kKeyCount> kKeys = {"message", "hashtags", "platforms",
                                                           "link",    "lang",     "utm_campaign"};
constexpr std::string_view kKnownKeys = "message, hashtags, platforms, link, lang, utm_campaign";

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::size_t key_index(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    if (kKeys[i] == name) return i;
  }
  return kKeyCount;
}

// Items of a list cell: split at commas and whitespace, empty items dropped.
void split_list(std::string_view cell, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < cell.size()) {
    while (i < cell.size() && (cell[i] == ',' || is_space(cell[i]))) ++i;
    const std::size_t start = i;
    while (i < cell.size() && cell[i] != ',' && !is_space(cell[i])) ++i;
    if (i > start) out.emplace_back(cell.substr(start, i - start));
  }
}

// Stores one cell's text in `row`; returns an error sentence or "".
std::string set_cell(std::size_t key, std::string_view raw, PlanRow& row) {
  const std::string_view cell = trim(raw);
  switch (key) {
    case kMessage:
      row.message.assign(cell);
      return {};
    case kHashtags:
      if (cell.empty()) {
        row.hashtags.reset();
      } else {
        row.hashtags.emplace();
        if (cell != "-") split_list(cell, *row.hashtags);
      }
      return {};
    case kPlatforms:
      split_list(cell, row.platforms);
      return {};
    case kLink: {
      const std::string value = ascii_lower(cell);
      if (value.empty() || value == "yes" || value == "true") {
        row.link = true;
      } else if (value == "no" || value == "false") {
        row.link = false;
      } else {
        return fmt::format("link must be yes or no, not {}", json_problems::quote(cell));
      }
      return {};
    }
    case kLang:
      if (!cell.empty() && !is_language_tag(cell)) {
        return fmt::format("lang {} is not a language tag such as fi or sv-FI", json_problems::quote(cell));
      }
      row.lang.assign(cell);
      return {};
    case kUtmCampaign:
      row.utm_campaign.assign(cell);
      return {};
    default:
      return {};
  }
}

void reset(PlanRow& row, std::size_t line) {
  row.line = line;
  row.message.clear();
  row.hashtags.reset();
  row.platforms.clear();
  row.link = true;
  row.lang.clear();
  row.utm_campaign.clear();
}

// The JSON value of a plan key as cell text ("" for null); false when its type is wrong.
bool json_cell(std::size_t key, const nlohmann::json& value, std::string& text, std::string& error) {
  text.clear();
  if (value.is_null()) return true;
  if (value.is_string()) {
    text = value.get<std::string>();
    return true;
  }
  if (key == kMessage && value.is_number_unsigned()) {
    text = std::to_string(value.get<std::uint64_t>());
    return true;
  }
  if (key == kLink && value.is_boolean()) {
    text = value.get<bool>() ? "yes" : "no";
    return true;
  }
  if ((key == kHashtags || key == kPlatforms) && value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) {
        error = fmt::format("\"{}\" must be an array of strings", kKeys[key]);
        return false;
      }
      if (!text.empty()) text.push_back(' ');
      text += item.get<std::string>();
    }
    if (key == kHashtags && value.empty()) text = "-";  // [] is "no tags", not "the defaults"
    return true;
  }
  static constexpr std::array<std::string_view, kKeyCount> kExpected = {
      "a string or a number", "an array of strings or a string", "an array of strings or a string",
      "true, false, \"yes\" or \"no\"", "a string", "a string"};
  error = fmt::format("\"{}\" must be {}", kKeys[key], kExpected[key]);
  return false;
}

}  // namespace

PlanFormat detect_plan_format(std::string_view path, std::string_view first_bytes) noexcept {
  const auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && ascii_lower(path.substr(path.size() - suffix.size())) == suffix;
  };
  if (ends_with(".csv")) return PlanFormat::csv;
  if (ends_with(".jsonl") || ends_with(".ndjson") || ends_with(".json")) return PlanFormat::jsonl;
  if (first_bytes.substr(0, 3) == "\xEF\xBB\xBF") first_bytes.remove_prefix(3);
  first_bytes = trim(first_bytes);
  return !first_bytes.empty() && first_bytes.front() == '{' ? PlanFormat::jsonl : PlanFormat::csv;
}

bool is_blank_plan_line(std::string_view line) noexcept {
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return trim(line).empty();
}

PlanReader::Status PlanReader::fail(std::size_t line, std::string message) {
  error_line_ = line;
  error_ = std::move(message);
  return Status::error;
}

PlanReader::Status PlanReader::skip_line(std::string message) {
  ++line_;
  if (format_ == PlanFormat::csv) fatal_ = true;
  return fail(line_, std::move(message));
}

PlanReader::Status PlanReader::feed_line(std::string_view line) {
  ++line_;
  const auto bad = uc::validate_utf8(line);
  if (format_ == PlanFormat::jsonl) {
    if (bad) return fail(line_, utf8_error(bad->offset, uc::describe(bad->kind), line_));
    return json_line(line);
  }
  // CSV: the line goes to the CSV reader even when it is not UTF-8, so that a quoted field
  // spanning lines keeps its quote state (the reader only looks at ASCII quotes, commas and
  // line ends); the record is refused once it is complete, as one error at its first line.
  if (!continuing_) {
    record_line_ = line_;
    record_utf8_error_.clear();
    record_bytes_ = line.size();
  } else {
    record_bytes_ += 1 + line.size();  // the line break is part of the quoted field
  }
  if (record_bytes_ > max_record_bytes_) {
    // Only an open quote makes a record this long; what follows cannot be read in step.
    fatal_ = true;
    return fail(record_line_, fmt::format("the record starting here is longer than {} bytes (a quote left open?)",
                                          max_record_bytes_));
  }
  if (bad && record_utf8_error_.empty()) {
    record_utf8_error_ = utf8_error(bad->offset, uc::describe(bad->kind), line_);
  }
  return csv_line(line);
}

std::string PlanReader::utf8_error(std::size_t offset, std::string_view kind, std::size_t line) const {
  // The error is reported at the record's first line; a later line of the record is named.
  if (line == record_line_ || format_ == PlanFormat::jsonl) {
    return fmt::format("invalid UTF-8 at byte offset {} of the line ({})", offset, kind);
  }
  return fmt::format("invalid UTF-8 at byte offset {} of line {} ({})", offset, line, kind);
}

PlanReader::Status PlanReader::finish() {
  if (format_ != PlanFormat::csv) return Status::none;
  if (csv_.finish() == CsvReader::Status::error) return fail(record_line_, csv_.error());
  if (!have_header_) {
    fatal_ = true;
    return fail(line_ == 0 ? 1 : line_, fmt::format("the plan has no header row (columns: {})", kKnownKeys));
  }
  return Status::none;
}

PlanReader::Status PlanReader::csv_line(std::string_view line) {
  const CsvReader::Status status = csv_.feed_line(line);
  continuing_ = status == CsvReader::Status::need_more;
  if (status == CsvReader::Status::need_more) return Status::none;
  if (!record_utf8_error_.empty()) {
    // The whole record is skipped, whatever else is wrong with it.
    if (!have_header_) fatal_ = true;
    return fail(record_line_, std::exchange(record_utf8_error_, std::string()));
  }
  if (status == CsvReader::Status::error) {
    if (!have_header_) fatal_ = true;
    return fail(line_, csv_.error());
  }
  const std::vector<std::string>& fields = csv_.fields();
  if (fields.size() == 1 && trim(fields[0]).empty()) return Status::none;  // a blank line
  return have_header_ ? csv_row(fields) : csv_header(fields);
}

PlanReader::Status PlanReader::csv_header(const std::vector<std::string>& fields) {
  fatal_ = true;  // until the header is known good
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string name = ascii_lower(trim(fields[i]));  // CsvReader already dropped a BOM
    const std::size_t key = key_index(name);
    if (key == kKeyCount) {
      return fail(record_line_, fmt::format("unknown column {} in the header; known: {}",
                                            json_problems::quote(trim(fields[i])), kKnownKeys));
    }
    if (columns_[key] != kNone) {
      return fail(record_line_, fmt::format("column \"{}\" appears twice in the header", kKeys[key]));
    }
    columns_[key] = i;
  }
  if (columns_[kMessage] == kNone) {
    return fail(record_line_, fmt::format("the header has no \"message\" column (columns: {})", kKnownKeys));
  }
  column_count_ = fields.size();
  have_header_ = true;
  fatal_ = false;
  return Status::none;
}

PlanReader::Status PlanReader::csv_row(const std::vector<std::string>& fields) {
  if (fields.size() > column_count_) {
    return fail(record_line_, fmt::format("{} fields, but the header has {} columns (quote a field that holds a comma)",
                                          fields.size(), column_count_));
  }
  reset(row_, record_line_);
  for (std::size_t key = 0; key < kKeyCount; ++key) {
    if (columns_[key] == kNone || columns_[key] >= fields.size()) continue;
    std::string error = set_cell(key, fields[columns_[key]], row_);
    if (!error.empty()) return fail(record_line_, std::move(error));
  }
  if (row_.message.empty()) return fail(record_line_, "no message (a message number or id)");
  return Status::row;
}

PlanReader::Status PlanReader::json_line(std::string_view line) {
  if (trim(line).empty()) return Status::none;
  std::string error;
  const std::optional<nlohmann::json> parsed = json_problems::parse_json_line(line, error);
  if (!parsed) return fail(line_, std::move(error));
  const nlohmann::json& value = *parsed;
  if (!value.is_object()) return fail(line_, fmt::format("expected a JSON object with the keys {}", kKnownKeys));
  reset(row_, line_);
  std::string text;
  for (const auto& [name, item] : value.items()) {
    const std::size_t key = key_index(name);
    if (key == kKeyCount) {
      return fail(line_, fmt::format("unknown key {}; known: {}", json_problems::quote(name), kKnownKeys));
    }
    if (!json_cell(key, item, text, error)) return fail(line_, std::move(error));
    error = set_cell(key, text, row_);
    if (!error.empty()) return fail(line_, std::move(error));
  }
  if (row_.message.empty()) return fail(line_, "no \"message\" (a message number or id)");
  return Status::row;
}

}  // namespace somepost::core
