// Platform profiles: parsing and validating the profiles document (data/platforms.json
// and `--platforms FILE`), the built-in set, merging and `--limit ID=N`.
//
// The document is read with nlohmann::json through a SAX handler of our own, which
// builds the DOM like json::parse does but also (a) keeps the byte position of a syntax
// error for every kind of error (json::parse loses it for out_of_range errors such as
// number overflow) and (b) reports duplicate object keys, which json::parse silently
// resolves to the last value. Validation then walks the DOM and reports every problem
// it finds, each with a JSON path ("profiles[2].limit"); nothing throws on bad input.
//
// Positions of syntax errors are "line:column", both 1-based; lines are separated by
// LF, and the column counts code points (not bytes) from the start of the line.

#include "core/platforms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <type_traits>
#include <utility>

#include "core/embedded.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

using nlohmann::json;
using Errors = std::vector<ProfileError>;

/// The only schema version this code reads (the document's "schema" key).
constexpr std::uint64_t kSchemaVersion = 1;

/// Where a problem with the document as a whole (not one of its keys) is reported.
constexpr const char* kRootWhere = "(root)";

/// Longest excerpt of a user value quoted in a message, in code points.
constexpr std::size_t kQuoteMaxCodePoints = 40;

// ---------------------------------------------------------------------------------------
// Keys and enum spellings of the schema (docs/platforms.md, "Profiles file schema").

constexpr std::array<std::string_view, 2> kRootKeys = {"schema", "profiles"};
// clang-format off
constexpr std::array<std::string_view, 18> kProfileKeys = {
    "id", "name", "unit", "limit", "byte_limit", "nfc", "url_rule", "url_length",
    "mention_local_part", "blank_counts_zero", "counts_content_warning", "hashtag_rule",
    "max_hashtags", "max_links", "warnings", "sources", "checked", "notes"};
// clang-format on
constexpr std::array<std::string_view, 2> kCapKeys = {"max", "severity"};
constexpr std::array<std::string_view, 2> kWarningKeys = {"when", "message"};

/// One spelling of an enum value in the document.
template <class E>
struct Spelling {
  std::string_view name;
  E value;
};

constexpr std::array<Spelling<CountingUnit>, 3> kUnits = {{
    {"x-weighted", CountingUnit::x_weighted},
    {"graphemes", CountingUnit::graphemes},
    {"emoji-bytes", CountingUnit::emoji_bytes},
}};
constexpr std::array<Spelling<UrlRule>, 2> kUrlRules = {{
    {"twitter", UrlRule::twitter},
    {"mastodon", UrlRule::mastodon},
}};
constexpr std::array<Spelling<HashtagRule>, 3> kHashtagRules = {{
    {"x", HashtagRule::x},
    {"mastodon", HashtagRule::mastodon},
    {"bluesky", HashtagRule::bluesky},
}};
constexpr std::array<Spelling<Severity>, 2> kSeverities = {{
    {"warning", Severity::warning},
    {"error", Severity::error},
}};
constexpr std::array<Spelling<WarningWhen>, 3> kWarningWhens = {{
    {"always", WarningWhen::always},
    {"has_links", WarningWhen::has_links},
    {"has_hashtags", WarningWhen::has_hashtags},
}};

// ---------------------------------------------------------------------------------------
// Text helpers for messages.

/// Appends `s` to `out` in a form safe to print: ill-formed UTF-8 bytes as \xHH, control
/// characters as \n, \t, \r or \u00XX, and (when `escape_quotes`) `"` and `\` with a
/// backslash; stops after `max_code_points` code points, appending "...".
void append_printable(std::string& out, std::string_view s, bool escape_quotes,
                      std::size_t max_code_points = std::numeric_limits<std::size_t>::max()) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  for (std::size_t code_points = 0; p < end; ++code_points) {
    if (code_points == max_code_points) {
      out += "...";
      return;
    }
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    if (d.code_point == unicode::kReplacementCharacter && d.length == 1) {
      out += fmt::format("\\x{:02X}", static_cast<unsigned>(*p));
    } else if (escape_quotes && (d.code_point == '"' || d.code_point == '\\')) {
      out += '\\';
      out += static_cast<char>(d.code_point);
    } else if (d.code_point == '\n') {
      out += "\\n";
    } else if (d.code_point == '\t') {
      out += "\\t";
    } else if (d.code_point == '\r') {
      out += "\\r";
    } else if (d.code_point < 0x20 || d.code_point == 0x7F) {
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(d.code_point));
    } else {
      out.append(reinterpret_cast<const char*>(p), d.length);
    }
    p += d.length;
  }
}

/// `s` double-quoted and printable (see append_printable), cut after
/// `max_code_points` code points.
std::string quote(std::string_view s, std::size_t max_code_points = kQuoteMaxCodePoints) {
  std::string out = "\"";
  append_printable(out, s, /*escape_quotes=*/true, max_code_points);
  out += '"';
  return out;
}

/// A short description of a JSON value for "(got ...)": scalars as written (strings
/// quoted and cut), containers by kind only (never dumped: they may be huge or deep).
std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::string:
      return quote(v.get_ref<const std::string&>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return v.dump();
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::binary:
    case json::value_t::discarded:
      break;
  }
  return "a value of another kind";
}

/// "a, b, c" from the names of `table`.
template <class Table>
std::string names_of(const Table& table) {
  std::string out;
  for (const auto& entry : table) {
    if (!out.empty()) out += ", ";
    if constexpr (std::is_convertible_v<decltype(entry), std::string_view>) {
      out += entry;
    } else {
      out += entry.name;
    }
  }
  return out;
}

/// True when `key` can follow a dot in a path as is.
bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

/// The path of member `key` of the value at `path` ("" is the root): `path.key`, or
/// `path["odd key"]` when the key is not made of [A-Za-z0-9_-].
std::string member_path(const std::string& path, std::string_view key) {
  if (!is_plain_key(key))
    return path + "[" + quote(key, std::numeric_limits<std::size_t>::max()) + "]";
  if (path.empty()) return std::string(key);
  std::string out = path;
  out += '.';
  out += key;
  return out;
}

/// The path of element `index` of the array at `path`.
std::string element_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

/// Levenshtein distance, for "did you mean" (both strings are short).
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

/// 1-based line and column of byte `offset` in `text` (clamped to its size). Lines end
/// at LF; the column counts code points (bytes that are not UTF-8 continuation bytes).
std::string line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  std::size_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return fmt::format("{}:{}", line, column);
}

/// nlohmann's exception text without its "[json.exception.parse_error.101] parse error
/// at line 1, column 2: " prefix (we compute the position ourselves), made printable.
std::string parse_error_message(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  if (what.substr(0, 11) == "parse error") {
    const std::size_t colon = what.find(": ");
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  // Escape what nlohmann leaves raw: a "last read" token can end inside a multi-byte
  // character.
  std::string out;
  append_printable(out, what, /*escape_quotes=*/false);
  return out;
}

// ---------------------------------------------------------------------------------------
// Reading the document.

/// Deepest nesting of objects and arrays accepted. The schema needs 4 levels; the cap
/// keeps error paths short and memory linear on hostile input.
constexpr std::size_t kMaxDepth = 64;

/// The byte offset of the first `[` or `{` (outside strings) that opens nesting level
/// `depth` + 1, or text.size(). Only called on text nlohmann has accepted up to there.
std::size_t offset_beyond_depth(std::string_view text, std::size_t depth) {
  std::size_t level = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++level > depth) return i;
    } else if ((c == ']' || c == '}') && level > 0) {
      --level;
    }
  }
  return text.size();
}

/// SAX handler that builds the DOM (as json::parse would) and records duplicate keys,
/// nesting deeper than kMaxDepth, and the first syntax error with its byte offset.
class DocumentBuilder final : public nlohmann::json_sax<json> {
 public:
  explicit DocumentBuilder(Errors& errors) : errors_(errors) {}

  /// The first syntax error: the byte offset it is reported at, and nlohmann's message.
  struct Failure {
    std::size_t offset = 0;
    std::string what;
  };

  [[nodiscard]] const json& root() const noexcept { return root_; }
  [[nodiscard]] const std::optional<Failure>& failure() const noexcept { return failure_; }
  /// True when parsing stopped because of nesting deeper than kMaxDepth.
  [[nodiscard]] bool too_deep() const noexcept { return too_deep_; }

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool value) override { return add(json(value)); }
  bool number_integer(number_integer_t value) override { return add(json(value)); }
  bool number_unsigned(number_unsigned_t value) override { return add(json(value)); }
  bool number_float(number_float_t value, const string_t& /*text*/) override {
    return add(json(value));
  }
  bool string(string_t& value) override { return add(json(std::move(value))); }
  bool binary(binary_t& value) override { return add(json(std::move(value))); }  // not in JSON text
  bool start_object(std::size_t /*elements*/) override { return open(json::object()); }
  bool key(string_t& key) override {
    Frame& top = frames_.back();
    if (top.value->contains(key)) {
      errors_.push_back(
          {member_path(path_of_top(), key), "duplicate key (only the last value would be used)"});
    }
    top.key = std::move(key);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*elements*/) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const json::exception& error) override {
    // nlohmann's position counts the bytes read, the offending one included (and one
    // more at the end of input), so the offending byte is at position - 1. A number
    // too large for a double (out_of_range 406) is reported after the whole number has
    // been read: point at its first byte instead.
    constexpr int kNumberOverflow = 406;
    std::size_t offset = position > 0 ? position - 1 : 0;
    if (error.id == kNumberOverflow && position >= last_token.size())
      offset = position - last_token.size();
    failure_ = Failure{offset, error.what()};
    return false;
  }

 private:
  /// An open object or array: where it is in the DOM and (objects) the key the next
  /// value belongs to.
  struct Frame {
    json* value;
    std::string key;
  };

  /// The path of the innermost open container, rebuilt from the stack (only needed
  /// for error messages, so not kept per frame): a container on the stack is the last
  /// element of its parent array, or the value of its parent object's current key.
  [[nodiscard]] std::string path_of_top() const {
    std::string path;
    for (std::size_t i = 1; i < frames_.size(); ++i) {
      const Frame& parent = frames_[i - 1];
      path = parent.value->is_array() ? element_path(path, parent.value->size() - 1)
                                      : member_path(path, parent.key);
    }
    return path;
  }

  /// Puts `value` where the parser is (the root, the end of the open array, or the
  /// current key of the open object) and returns it. Pointers to values on the frame
  /// stack stay valid: only the innermost container grows.
  json* place(json value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    json& top = *frames_.back().value;
    if (top.is_array()) {
      top.push_back(std::move(value));
      return &top.back();
    }
    json& slot = top[frames_.back().key];
    slot = std::move(value);
    return &slot;
  }

  bool add(json value) {
    place(std::move(value));
    return true;
  }

  bool open(json container) {
    if (frames_.size() == kMaxDepth) {
      too_deep_ = true;
      return false;  // stops the parser
    }
    json* value = place(std::move(container));
    frames_.push_back({value, {}});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  Errors& errors_;
  json root_;
  std::vector<Frame> frames_;
  std::optional<Failure> failure_;
  bool too_deep_ = false;
};

// ---------------------------------------------------------------------------------------
// Validation. Every reader reports its own problems into `errors` and returns nothing
// (or a partial value) on failure, so that one pass finds every problem.

/// Access to the members of one JSON object at `path`.
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, Errors& errors)
      : object_(object), path_(std::move(path)), errors_(errors) {}

  [[nodiscard]] std::string path_of(std::string_view key) const { return member_path(path_, key); }

  /// The member `key`; reports it and returns nullptr when missing.
  const json* required(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    if (it == object_.end()) {
      errors_.push_back({path_of(key), "missing required key"});
      return nullptr;
    }
    return &*it;
  }

  /// The member `key`, or nullptr when it is absent or null (optional keys may be null).
  const json* optional(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  /// Reports every key not in `allowed`, with a suggestion when one is close.
  template <std::size_t N>
  void reject_unknown_keys(const std::array<std::string_view, N>& allowed) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string_view best;
      std::size_t best_distance = 3;  // suggest only within an edit distance of 2
      if (key.size() <= 64) {
        for (const std::string_view candidate : allowed) {
          const std::size_t d = edit_distance(key, candidate);
          if (d < best_distance && d < candidate.size()) {
            best = candidate;
            best_distance = d;
          }
        }
      }
      errors_.push_back(
          {path_of(key), best.empty()
                             ? fmt::format("unknown key; expected one of {}", names_of(allowed))
                             : fmt::format("unknown key; did you mean \"{}\"?", best)});
    }
  }

 private:
  const json& object_;
  std::string path_;
  Errors& errors_;
};

/// An integer >= 1 (or >= 0 when `allow_zero`) that fits std::size_t.
std::optional<std::size_t> read_count(const json& v, const std::string& where, bool allow_zero,
                                      Errors& errors) {
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if ((n > 0 || allow_zero) && n <= std::numeric_limits<std::size_t>::max()) {
      return static_cast<std::size_t>(n);
    }
  }
  errors.push_back({where, fmt::format("must be a {} integer (got {})",
                                       allow_zero ? "non-negative" : "positive", describe(v))});
  return std::nullopt;
}

std::optional<bool> read_bool(const json& v, const std::string& where, Errors& errors) {
  if (v.is_boolean()) return v.get<bool>();
  errors.push_back({where, fmt::format("must be true or false (got {})", describe(v))});
  return std::nullopt;
}

/// A string; non-empty unless `allow_empty`.
std::optional<std::string> read_string(const json& v, const std::string& where, bool allow_empty,
                                       Errors& errors) {
  if (v.is_string() && (allow_empty || !v.get_ref<const std::string&>().empty())) {
    return v.get<std::string>();
  }
  errors.push_back({where, fmt::format("must be a {}string (got {})",
                                       allow_empty ? "" : "non-empty ", describe(v))});
  return std::nullopt;
}

template <class E, std::size_t N>
std::optional<E> read_enum(const json& v, const std::string& where,
                           const std::array<Spelling<E>, N>& spellings, Errors& errors,
                           std::string_view also_allowed = {}) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    for (const auto& spelling : spellings) {
      if (s == spelling.name) return spelling.value;
    }
  }
  std::string allowed = names_of(spellings);
  if (!also_allowed.empty()) {
    allowed += ", ";
    allowed += also_allowed;
  }
  errors.push_back({where, fmt::format("must be one of {} (got {})", allowed, describe(v))});
  return std::nullopt;
}

/// A profile id: non-empty, only a-z, 0-9 and '-'.
std::optional<std::string> read_id(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (ok) return s;
  }
  errors.push_back(
      {where, fmt::format("must be a non-empty string of a-z, 0-9 and '-' (got {})", describe(v))});
  return std::nullopt;
}

bool is_leap_year(unsigned year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/// A calendar date written "YYYY-MM-DD" (year 0001..9999, proleptic Gregorian).
std::optional<std::string> read_date(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const bool shaped =
        s.size() == 10 && s[4] == '-' && s[7] == '-' &&
        std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (shaped) {
      const auto number = [&s](std::size_t at, std::size_t n) {
        unsigned value = 0;
        for (std::size_t i = at; i < at + n; ++i)
          value = value * 10 + static_cast<unsigned>(s[i] - '0');
        return value;
      };
      const unsigned year = number(0, 4);
      const unsigned month = number(5, 2);
      const unsigned day = number(8, 2);
      constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool real = year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
                        day <= kDays[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
      if (real) return s;
      errors.push_back({where, fmt::format("is not a calendar date (got {})", describe(v))});
      return std::nullopt;
    }
  }
  errors.push_back({where, fmt::format("must be a date written YYYY-MM-DD (got {})", describe(v))});
  return std::nullopt;
}

/// An absolute http:// or https:// URL without spaces or control characters.
std::optional<std::string> read_url(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const std::string_view s = v.get_ref<const std::string&>();
    const std::size_t scheme = s.substr(0, 8) == "https://"  ? 8
                               : s.substr(0, 7) == "http://" ? 7
                                                             : 0;
    const bool ok =
        scheme != 0 && s.size() > scheme && std::none_of(s.begin(), s.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return u <= 0x20 || u == 0x7F;
        });
    if (ok) return std::string(s);
  }
  errors.push_back(
      {where, fmt::format("must be an http:// or https:// URL (got {})", describe(v))});
  return std::nullopt;
}

/// A cap object {"max": N >= 0, "severity": "warning"|"error"}.
std::optional<Cap> read_cap(const json& v, const std::string& where, Errors& errors) {
  if (!v.is_object()) {
    errors.push_back(
        {where,
         fmt::format(
             "must be an object {{\"max\": N, \"severity\": \"warning\" or \"error\"}} (got {})",
             describe(v))});
    return std::nullopt;
  }
  const ObjectReader r(v, where, errors);
  const std::size_t before = errors.size();
  Cap cap;
  if (const json* m = r.required("max")) {
    if (auto n = read_count(*m, r.path_of("max"), /*allow_zero=*/true, errors)) cap.max = *n;
  }
  if (const json* s = r.required("severity")) {
    if (auto sev = read_enum(*s, r.path_of("severity"), kSeverities, errors)) cap.severity = *sev;
  }
  r.reject_unknown_keys(kCapKeys);
  if (errors.size() != before) return std::nullopt;
  return cap;
}

std::vector<ProfileWarning> read_warnings(const json& v, const std::string& where, Errors& errors) {
  std::vector<ProfileWarning> warnings;
  if (!v.is_array()) {
    errors.push_back(
        {where, fmt::format("must be an array of {{\"when\", \"message\"}} objects (got {})",
                            describe(v))});
    return warnings;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& item = v[i];
    const std::string path = element_path(where, i);
    if (!item.is_object()) {
      errors.push_back({path, fmt::format("must be an object {{\"when\", \"message\"}} (got {})",
                                          describe(item))});
      continue;
    }
    const ObjectReader r(item, path, errors);
    ProfileWarning warning;
    if (const json* w = r.required("when")) {
      if (auto when = read_enum(*w, r.path_of("when"), kWarningWhens, errors)) warning.when = *when;
    }
    if (const json* m = r.required("message")) {
      if (auto message = read_string(*m, r.path_of("message"), /*allow_empty=*/false, errors)) {
        warning.message = std::move(*message);
      }
    }
    r.reject_unknown_keys(kWarningKeys);
    warnings.push_back(std::move(warning));
  }
  return warnings;
}

std::vector<std::string> read_sources(const json& v, const std::string& where, Errors& errors) {
  std::vector<std::string> sources;
  if (!v.is_array()) {
    errors.push_back({where, fmt::format("must be an array of URLs (got {})", describe(v))});
    return sources;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (auto url = read_url(v[i], element_path(where, i), errors))
      sources.push_back(std::move(*url));
  }
  return sources;
}

/// Reads one profile object; problems go to `errors` (the result is then incomplete).
Profile read_profile(const json& v, const std::string& path, Errors& errors) {
  Profile p;
  if (!v.is_object()) {
    errors.push_back({path, fmt::format("must be a profile object (got {})", describe(v))});
    return p;
  }
  const ObjectReader r(v, path, errors);
  if (const json* x = r.required("id")) {
    if (auto id = read_id(*x, r.path_of("id"), errors)) p.id = std::move(*id);
  }
  if (const json* x = r.required("name")) {
    if (auto name = read_string(*x, r.path_of("name"), /*allow_empty=*/false, errors))
      p.name = std::move(*name);
  }
  if (const json* x = r.required("unit")) {
    if (auto unit = read_enum(*x, r.path_of("unit"), kUnits, errors)) p.unit = *unit;
  }
  if (const json* x = r.required("limit")) {
    if (auto n = read_count(*x, r.path_of("limit"), /*allow_zero=*/false, errors)) p.limit = *n;
  }
  if (const json* x = r.optional("byte_limit")) {
    if (auto n = read_count(*x, r.path_of("byte_limit"), /*allow_zero=*/false, errors))
      p.byte_limit = *n;
  }
  if (const json* x = r.required("nfc")) {
    if (auto b = read_bool(*x, r.path_of("nfc"), errors)) p.nfc = *b;
  }
  if (const json* x = r.required("url_rule"); x != nullptr && !x->is_null()) {
    if (auto rule = read_enum(*x, r.path_of("url_rule"), kUrlRules, errors, "null"))
      p.url_rule = *rule;
  }
  if (const json* x = r.required("url_length")) {
    if (auto n = read_count(*x, r.path_of("url_length"), /*allow_zero=*/true, errors))
      p.url_length = *n;
  }
  if (const json* x = r.required("mention_local_part")) {
    if (auto b = read_bool(*x, r.path_of("mention_local_part"), errors)) p.mention_local_part = *b;
  }
  if (const json* x = r.required("blank_counts_zero")) {
    if (auto b = read_bool(*x, r.path_of("blank_counts_zero"), errors)) p.blank_counts_zero = *b;
  }
  if (const json* x = r.required("counts_content_warning")) {
    if (auto b = read_bool(*x, r.path_of("counts_content_warning"), errors)) {
      p.counts_content_warning = *b;
    }
  }
  if (const json* x = r.required("hashtag_rule")) {
    if (auto rule = read_enum(*x, r.path_of("hashtag_rule"), kHashtagRules, errors))
      p.hashtag_rule = *rule;
  }
  if (const json* x = r.optional("max_hashtags"))
    p.max_hashtags = read_cap(*x, r.path_of("max_hashtags"), errors);
  if (const json* x = r.optional("max_links"))
    p.max_links = read_cap(*x, r.path_of("max_links"), errors);
  if (const json* x = r.required("warnings"))
    p.warnings = read_warnings(*x, r.path_of("warnings"), errors);
  if (const json* x = r.required("sources"))
    p.sources = read_sources(*x, r.path_of("sources"), errors);
  if (const json* x = r.required("checked")) {
    if (auto date = read_date(*x, r.path_of("checked"), errors)) p.checked = std::move(*date);
  }
  if (const json* x = r.required("notes")) {
    if (auto notes = read_string(*x, r.path_of("notes"), /*allow_empty=*/true, errors))
      p.notes = std::move(*notes);
  }
  r.reject_unknown_keys(kProfileKeys);
  return p;
}

/// Validates the whole document; fills `result.profiles` in file order.
void read_document(const json& doc, ProfilesResult& result) {
  Errors& errors = result.errors;
  if (!doc.is_object()) {
    errors.push_back(
        {kRootWhere,
         fmt::format("must be an object {{\"schema\": 1, \"profiles\": [...]}} (got {})",
                     describe(doc))});
    return;
  }
  const ObjectReader r(doc, "", errors);
  if (const json* s = r.required("schema")) {
    if (!s->is_number_unsigned()) {
      errors.push_back(
          {"schema", fmt::format("must be the integer {} (got {})", kSchemaVersion, describe(*s))});
    } else if (s->get<std::uint64_t>() != kSchemaVersion) {
      errors.push_back(
          {"schema", fmt::format("unsupported schema version {}; this somepost reads schema {}",
                                 s->get<std::uint64_t>(), kSchemaVersion)});
    }
  }
  if (const json* list = r.required("profiles")) {
    if (!list->is_array()) {
      errors.push_back({"profiles", fmt::format("must be an array of profile objects (got {})",
                                                describe(*list))});
    } else if (list->empty()) {
      errors.push_back({"profiles", "must list at least one profile"});
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        result.profiles.push_back(read_profile((*list)[i], element_path("profiles", i), errors));
      }
      // Duplicate ids (among the profiles whose id was readable).
      for (std::size_t i = 0; i < result.profiles.size(); ++i) {
        const std::string& id = result.profiles[i].id;
        if (id.empty()) continue;
        for (std::size_t j = 0; j < i; ++j) {
          if (result.profiles[j].id == id) {
            errors.push_back(
                {element_path("profiles", i) + ".id",
                 fmt::format("duplicate id {} (first used by profiles[{}])", quote(id), j)});
            break;
          }
        }
      }
    }
  }
  r.reject_unknown_keys(kRootKeys);
}

}  // namespace

// ---------------------------------------------------------------------------------------

ProfilesResult parse_profiles(std::string_view json_text) {
  ProfilesResult result;
  // Ill-formed UTF-8 anywhere (nlohmann only checks inside strings): report the exact
  // offset and kind of the first bad sequence; nothing after it can be trusted.
  if (const auto bad = unicode::validate_utf8(json_text)) {
    result.errors.push_back({line_column(json_text, bad->offset),
                             fmt::format("invalid UTF-8 ({}) at byte offset {}",
                                         unicode::describe(bad->kind), bad->offset)});
    return result;
  }
  DocumentBuilder builder(result.errors);
  const bool parsed = json::sax_parse(json_text.begin(), json_text.end(), &builder);
  if (!parsed) {
    if (builder.too_deep()) {
      result.errors.push_back(
          {line_column(json_text, offset_beyond_depth(json_text, kMaxDepth)),
           fmt::format("objects and arrays nested deeper than {} levels", kMaxDepth)});
    } else {
      const auto& failure = builder.failure();
      result.errors.push_back({line_column(json_text, failure ? failure->offset : 0),
                               failure ? parse_error_message(failure->what) : "syntax error"});
    }
    return result;
  }
  read_document(builder.root(), result);
  if (!result.errors.empty()) result.profiles.clear();
  return result;
}

const std::vector<Profile>& builtin_profiles() {
  // Parsed once, on first use (thread-safe static initialization). The embedded file is
  // part of the program, so a problem in it is a programming error (a unit test checks
  // that it parses); if initialization throws, the next call tries again.
  static const std::vector<Profile> profiles = [] {
    ProfilesResult result = parse_profiles(embedded_platforms_json());
    if (!result.errors.empty()) {
      std::string message = "the built-in data/platforms.json is invalid:";
      for (const ProfileError& e : result.errors)
        message += fmt::format("\n  {}: {}", e.where, e.message);
      throw std::logic_error(message);
    }
    return std::move(result.profiles);
  }();
  return profiles;
}

void merge_profiles(std::vector<Profile>& base, const std::vector<Profile>& extra) {
  if (&base == &extra) return;  // every id is already there
  for (const Profile& profile : extra) {
    const auto it = std::find_if(base.begin(), base.end(),
                                 [&](const Profile& p) { return p.id == profile.id; });
    if (it != base.end()) {
      *it = profile;
    } else {
      base.push_back(profile);
    }
  }
}

const Profile* find_profile(const std::vector<Profile>& profiles, std::string_view id) noexcept {
  for (const Profile& p : profiles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::optional<std::string> apply_limit_override(std::vector<Profile>& profiles,
                                                std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return fmt::format("expected ID=N (for example mastodon=5000), got {}", quote(assignment));
  }
  const std::string_view id = assignment.substr(0, eq);
  const std::string_view number = assignment.substr(eq + 1);
  if (id.empty()) {
    return fmt::format(
        "expected ID=N (for example mastodon=5000), got {}: the platform id is missing",
        quote(assignment));
  }
  const Profile* known = find_profile(profiles, id);
  if (known == nullptr) {
    return fmt::format("unknown platform {}; known: {}", quote(id), known_ids(profiles));
  }
  const bool digits = !number.empty() && std::all_of(number.begin(), number.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return fmt::format("the limit for {} must be a positive integer, got {}", id, quote(number));
  }
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec == std::errc::result_out_of_range) {
    return fmt::format("the limit for {} is too large: {} (at most {})", id, quote(number),
                       std::numeric_limits<std::size_t>::max());
  }
  if (ec != std::errc{} || end != number.data() + number.size() || value == 0) {
    return fmt::format("the limit for {} must be a positive integer, got {}", id, quote(number));
  }
  // `known` points into `profiles`; find it again as a mutable element.
  profiles[static_cast<std::size_t>(known - profiles.data())].limit = value;
  return std::nullopt;
}

std::string known_ids(const std::vector<Profile>& profiles) {
  std::string out;
  for (const Profile& p : profiles) {
    if (!out.empty()) out += ", ";
    out += p.id;
  }
  return out;
}

}  // namespace somepost::core
