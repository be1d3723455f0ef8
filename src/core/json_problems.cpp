// Reading JSON documents and JSON Lines lines with a position for every problem (see
// json_problems.hpp).
//
// Both are read with nlohmann::json through a SAX handler of our own, which builds the
// DOM like json::parse does but also (a) keeps the byte position of a syntax error for
// every kind of error (json::parse loses it for out_of_range errors such as number
// overflow, and throws them as another exception type than parse_error), (b) reports
// duplicate object keys, which json::parse silently resolves to the last value, and
// (c) stops at nesting deeper than kMaxDepth, so 10 MB of "[" costs no more than 64
// levels of DOM. sax_parse reports every error of the text to the handler and never
// throws for one.

#include "core/json_problems.hpp"
#include "unicode/width.hpp"

namespace somepost::core::json_problems {
namespace {

using nlohmann::json;

/// True when `key` can follow a dot in a path as is.
bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

/// nlohmann's exception text without its "[json.exception.parse_error.101] " tag.
std::string_view without_tag(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return what;
}

/// nlohmann's exception text without its "[json.exception.parse_error.101] parse error
/// at line 1, column 2: " prefix (we compute the position ourselves), made printable.
std::string parse_error_message(std::string_view what) {
  what = without_tag(what);
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

/// nlohmann's exception text with the token it quotes ("last read: '...'", "number
/// overflow parsing '...'": the whole token, however long, raw bytes and all) cut to
/// kQuoteMaxCodePoints and made printable. `token` is the token as nlohmann quotes it.
std::string cut_token(std::string_view what, std::string_view token) {
  std::string quoted = "'";
  quoted += token;
  quoted += '\'';
  const std::size_t at = what.find(quoted);
  if (at == std::string_view::npos) return std::string(what);
  std::string out(what.substr(0, at + 1));
  append_printable(out, token, /*escape_quotes=*/false, kQuoteMaxCodePoints);
  out.append(what.substr(at + 1 + token.size()));
  return out;
}

/// The 1-based column of byte `offset` of a line: code points, as line_column counts.
std::size_t column_of(std::string_view line, std::size_t offset) {
  offset = std::min(offset, line.size());
  return 1 + static_cast<std::size_t>(std::count_if(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(offset),
                                                    [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// SAX handler that builds the DOM (as json::parse would) and records duplicate keys,
/// nesting deeper than kMaxDepth, and the first syntax error with its byte offset.
class DocumentBuilder final : public nlohmann::json_sax<json> {
 public:
  /// With `stop_at_duplicate`, the first duplicate key stops the parser (a line needs
  /// one reason; a document reports them all).
  explicit DocumentBuilder(std::vector<JsonProblem>& problems, bool stop_at_duplicate = false)
      : problems_(problems), stop_at_duplicate_(stop_at_duplicate) {}

  /// nlohmann's id of a number too large for a double (out_of_range.406).
  static constexpr int kNumberOverflow = 406;

  /// The first syntax error: the byte offset it is reported at, nlohmann's id and
  /// message (the token it quotes cut, see cut_token).
  struct Failure {
    std::size_t offset = 0;
    int id = 0;
    std::string what;
  };

  [[nodiscard]] json take_root() noexcept { return std::move(root_); }
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
      problems_.push_back(
          {member_path(path_of_top(), key), "duplicate key (only the last value would be used)"});
      if (stop_at_duplicate_) return false;  // stops the parser
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
    std::size_t offset = position > 0 ? position - 1 : 0;
    if (error.id == kNumberOverflow && position >= last_token.size())
      offset = position - last_token.size();
    failure_ = Failure{offset, error.id, cut_token(error.what(), last_token)};
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

  std::vector<JsonProblem>& problems_;
  json root_;
  std::vector<Frame> frames_;
  std::optional<Failure> failure_;
  bool too_deep_ = false;
  bool stop_at_duplicate_;
};

}  // namespace

void append_printable(std::string& out, std::string_view s, bool escape_quotes,
                      std::size_t max_code_points) {
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
    } else if (unicode::is_terminal_control(d.code_point)) {  // C0, DEL, C1, bidi controls
      out += fmt::format("\\u{:04X}", static_cast<unsigned>(d.code_point));
    } else {
      out.append(reinterpret_cast<const char*>(p), d.length);
    }
    p += d.length;
  }
}

std::string quote(std::string_view s, std::size_t max_code_points) {
  std::string out = "\"";
  append_printable(out, s, /*escape_quotes=*/true, max_code_points);
  out += '"';
  return out;
}

std::string excerpt(std::string_view s) {
  std::string out;
  append_printable(out, s, /*escape_quotes=*/true, kQuoteMaxCodePoints);
  return out;
}

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

std::string member_path(const std::string& path, std::string_view key) {
  if (!is_plain_key(key) || key.size() > kQuoteMaxCodePoints) return path + "[" + quote(key) + "]";
  if (path.empty()) return std::string(key);
  std::string out = path;
  out += '.';
  out += key;
  return out;
}

std::string element_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

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

JsonDocument read_json(std::string_view text) {
  JsonDocument doc;
  // Ill-formed UTF-8 anywhere (nlohmann only checks inside strings): the exact offset
  // and kind of the first bad sequence; nothing after it can be trusted.
  if (const auto bad = unicode::validate_utf8(text)) {
    doc.invalid_utf8 = *bad;
    return doc;
  }
  DocumentBuilder builder(doc.problems);
  doc.parsed = json::sax_parse(text.begin(), text.end(), &builder);
  if (!doc.parsed) {
    if (builder.too_deep()) {
      doc.problems.push_back(
          {line_column(text, offset_beyond_depth(text, kMaxDepth)),
           fmt::format("objects and arrays nested deeper than {} levels", kMaxDepth)});
    } else {
      const auto& failure = builder.failure();
      doc.problems.push_back({line_column(text, failure ? failure->offset : 0),
                              failure ? parse_error_message(failure->what) : "syntax error"});
    }
  }
  doc.root = builder.take_root();
  return doc;
}

std::optional<nlohmann::json> parse_json_line(std::string_view line, std::string& error) {
  std::vector<JsonProblem> duplicates;
  DocumentBuilder builder(duplicates, /*stop_at_duplicate=*/true);
  if (json::sax_parse(line.begin(), line.end(), &builder)) return builder.take_root();
  if (!duplicates.empty()) {
    error = duplicates.front().where + ": " + duplicates.front().message;
  } else if (builder.too_deep()) {
    error = fmt::format("invalid JSON: objects and arrays nested deeper than {} levels at column {}", kMaxDepth,
                        column_of(line, offset_beyond_depth(line, kMaxDepth)));
  } else if (const auto& failure = builder.failure(); failure && failure->id == DocumentBuilder::kNumberOverflow) {
    error = fmt::format("invalid JSON: {} at column {}", parse_error_message(failure->what),
                        column_of(line, failure->offset));
  } else {
    // nlohmann's own words, position included, as count --jsonl has always given them.
    error = "invalid JSON: ";
    append_printable(error, failure ? without_tag(failure->what) : "syntax error", /*escape_quotes=*/false);
  }
  return std::nullopt;
}

}  // namespace somepost::core::json_problems
