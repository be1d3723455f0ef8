// Helper of the JSON readers (platforms.cpp, catalogue.cpp, plan.cpp, jsonl.cpp): reading a
// document or a JSON Lines line so that every problem can be reported with a position,
// never with an escaping nlohmann exception, and the pieces their validators share (JSON
// paths, quoting user values, "unknown key; did you mean"). Not part of the public API:
// src/core/*.cpp include it, and src/cli only for excerpt() and quote(), so that every
// message quotes a user value the same way, cut to kQuoteMaxCodePoints. Pure: no I/O.
//
// Positions: a problem inside the document has a JSON path ("profiles[2].limit",
// "messages[0].text.fi", `x["odd key"]`); a syntax error has "line:column", both 1-based,
// lines separated by LF and the column counting code points (not bytes).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "unicode/utf8.hpp"

namespace somepost::core::json_problems {

/// One problem: where (a JSON path or "line:column") and what, in English.
struct JsonProblem {
  std::string where;
  std::string message;
};

/// Where a problem with the document as a whole (not one of its keys) is reported.
inline constexpr const char* kRootWhere = "(root)";

/// Longest excerpt of a user value (a key, a value, a token) quoted in a message, in code
/// points: a 100 KB key or a 1 MB number is shown as its first 40 code points and "...".
inline constexpr std::size_t kQuoteMaxCodePoints = 40;

/// Deepest nesting of objects and arrays accepted by read_json and parse_json_line. The
/// documents need at most 5 levels and a plan row 2; the cap keeps error paths short and
/// memory small on hostile input (the reader stops at the first opener past it).
inline constexpr std::size_t kMaxDepth = 64;

// ---------------------------------------------------------------------------------------
// Text for messages.

/// Appends `s` to `out` in a form safe to print: ill-formed UTF-8 bytes as \xHH, control
/// characters as \n, \t, \r or \uXXXX (every unicode::is_terminal_control code point:
/// C0, DEL, C1 and the bidi controls), and (when `escape_quotes`) `"` and `\` with a
/// backslash; stops after `max_code_points` code points, appending "...".
void append_printable(std::string& out, std::string_view s, bool escape_quotes,
                      std::size_t max_code_points = std::numeric_limits<std::size_t>::max());

/// `s` double-quoted and printable (see append_printable), cut after `max_code_points`
/// code points.
[[nodiscard]] std::string quote(std::string_view s,
                                std::size_t max_code_points = kQuoteMaxCodePoints);

/// What quote() puts between the quotes: `s` printable, `"` and `\` escaped, cut after
/// kQuoteMaxCodePoints code points. For messages whose text already holds the quotes
/// (a translated "unknown platform \"{}\"").
[[nodiscard]] std::string excerpt(std::string_view s);

/// A short description of a JSON value for "(got ...)": scalars as written (strings
/// quoted and cut), containers by kind only (never dumped: they may be huge or deep).
[[nodiscard]] std::string describe(const nlohmann::json& v);

/// "a, b, c" from a table of names: string_views, or entries with a `name` member.
template <class Table>
[[nodiscard]] std::string names_of(const Table& table) {
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

// ---------------------------------------------------------------------------------------
// Paths and positions.

/// The path of member `key` of the value at `path` ("" is the root): `path.key`, or
/// `path["odd key"]` when the key is not made of [A-Za-z0-9_-] or is longer than
/// kQuoteMaxCodePoints (then quoted and cut, like any user value in a message).
[[nodiscard]] std::string member_path(const std::string& path, std::string_view key);

/// The path of element `index` of the array at `path`: `path[index]`.
[[nodiscard]] std::string element_path(const std::string& path, std::size_t index);

/// Levenshtein distance between two sequences (bytes for keys, code points for tags),
/// for "did you mean". O(|a|·|b|) time, O(|b|) memory.
template <class Sequence>
[[nodiscard]] std::size_t edit_distance(const Sequence& a, const Sequence& b) {
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

/// "line:column" (1-based) of byte `offset` in `text` (clamped to its size). Lines end at
/// LF; the column counts code points (bytes that are not UTF-8 continuation bytes).
[[nodiscard]] std::string line_column(std::string_view text, std::size_t offset);

// ---------------------------------------------------------------------------------------
// Reading a document.

/// A document as read by read_json.
struct JsonDocument {
  /// The value. Complete only when `parsed`; otherwise what was read before the problem.
  nlohmann::json root;
  /// True when the whole text is one well-formed JSON value (duplicate keys aside).
  bool parsed = false;
  /// The first ill-formed UTF-8 sequence, if any. Then nothing else was looked at
  /// (`problems` is empty, `parsed` false): the caller words and places this problem.
  std::optional<unicode::Utf8Error> invalid_utf8;
  /// In document order: each duplicate object key (at its JSON path, "duplicate key
  /// (only the last value would be used)"), then, when not `parsed`, the one syntax error
  /// ("line:column", nlohmann's message without its prefix, the text it quotes cut to
  /// kQuoteMaxCodePoints; a number too large for a double is one, at its first byte) or
  /// nesting deeper than kMaxDepth (at the opener that is too deep).
  std::vector<JsonProblem> problems;
};

/// Reads `text` as one JSON value (RFC 8259, as nlohmann::json does; the last of
/// duplicate keys wins in `root`). UTF-8 is validated first, over the whole text. Never
/// throws on bad input (only std::bad_alloc).
[[nodiscard]] JsonDocument read_json(std::string_view text);

/// Parses one JSON Lines line (without its "\n"; callers have validated its UTF-8) as one
/// JSON value, with read_json's reader, so the same rules hold: no exception escapes on
/// bad input (only std::bad_alloc), nesting stops at kMaxDepth and duplicate keys are
/// refused. Returns nothing and sets `error` to one English sentence when the line is not
/// one such value:
///   - "invalid JSON: " + nlohmann's syntax error without its "[json.exception...]" tag
///     ("parse error at line 1, column C: ..."), the text it quotes cut to
///     kQuoteMaxCodePoints;
///   - "invalid JSON: number overflow parsing '1e999' at column C" (too large for a double);
///   - "invalid JSON: objects and arrays nested deeper than 64 levels at column C";
///   - "PATH: duplicate key (only the last value would be used)", the first one only.
/// Columns count code points from 1. Used by `count --jsonl` and batch plans, so both
/// word errors alike.
[[nodiscard]] std::optional<nlohmann::json> parse_json_line(std::string_view line, std::string& error);

// ---------------------------------------------------------------------------------------
// Validating a document.

/// Access to the members of one JSON object at `path`, reporting problems as `Problem`
/// values (any aggregate {std::string where; std::string message;}) into `problems`.
template <class Problem>
class ObjectReader {
 public:
  ObjectReader(const nlohmann::json& object, std::string path, std::vector<Problem>& problems)
      : object_(object), path_(std::move(path)), problems_(problems) {}

  [[nodiscard]] std::string path_of(std::string_view key) const { return member_path(path_, key); }

  /// The member `key`; reports "missing required key" and returns nullptr when missing.
  const nlohmann::json* required(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    if (it == object_.end()) {
      problems_.push_back({path_of(key), "missing required key"});
      return nullptr;
    }
    return &*it;
  }

  /// The member `key`, or nullptr when it is absent or null (optional keys may be null).
  const nlohmann::json* optional(std::string_view key) const {
    const auto it = object_.find(std::string(key));
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  /// Reports every key not in `allowed` ("unknown key; did you mean \"x\"?" when one is
  /// within an edit distance of 2, else "unknown key; expected one of a, b, c").
  template <std::size_t N>
  void reject_unknown_keys(const std::array<std::string_view, N>& allowed) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      const std::string& key = it.key();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      problems_.push_back({path_of(key), unknown_key_message(key, allowed)});
    }
  }

 private:
  template <std::size_t N>
  static std::string unknown_key_message(std::string_view key,
                                         const std::array<std::string_view, N>& allowed) {
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
    return best.empty() ? fmt::format("unknown key; expected one of {}", names_of(allowed))
                        : fmt::format("unknown key; did you mean \"{}\"?", best);
  }

  const nlohmann::json& object_;
  std::string path_;
  std::vector<Problem>& problems_;
};

/// Checks the document root's "schema" member: it must be the integer `version`.
/// Reports "missing required key", a type problem or an unsupported version.
template <class Problem>
void check_schema_version(const ObjectReader<Problem>& root, std::vector<Problem>& problems,
                          std::uint64_t version) {
  const nlohmann::json* s = root.required("schema");
  if (!s) return;
  if (!s->is_number_unsigned()) {
    problems.push_back({"schema", fmt::format("must be the integer {} (got {})", version, describe(*s))});
  } else if (s->template get<std::uint64_t>() != version) {
    problems.push_back({"schema", fmt::format("unsupported schema version {}; this somepost reads schema {}",
                                              s->template get<std::uint64_t>(), version)});
  }
}

}  // namespace somepost::core::json_problems
