// A small, strict reader for the subset of YAML that the twitter-text conformance files
// (tests/data/twitter-text/*.yml) use. Test code only.
//
// Supported: one document (an optional leading `---`), block mappings and block sequences
// by indentation (spaces only; a sequence may sit at its parent key's indentation), `#`
// comments, plain scalars on one line, double-quoted scalars on one line with the escapes
// \0 \a \b \t \n \v \f \r \e \" \/ \\ \  \N \_ \L \P \xXX \uXXXX (surrogate pairs joined)
// and \UXXXXXXXX, single-quoted scalars on one line ('' for a quote), flow sequences
// `[a, "b", [c]]` and flow mappings `{a: b}` on one line, and empty values (null).
// Anything else (block scalars, anchors, aliases, tags, multi-line scalars, tabs in the
// indentation, duplicate keys) throws yaml::Error naming the line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace somepost::conformance::yaml {

/// A parse error; what() starts with "line N: ".
class Error : public std::runtime_error {
 public:
  Error(std::size_t line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  std::size_t line() const { return line_; }

 private:
  std::size_t line_;
};

/// One node of the document. Scalars keep their text (plain scalars are not typed: "true"
/// and "12" stay strings; as_int/as_bool convert on request).
struct Node {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string scalar;                                 ///< Kind::scalar: the value (UTF-8)
  bool quoted = false;                                ///< the scalar was quoted
  std::vector<Node> items;                            ///< Kind::sequence
  std::vector<std::pair<std::string, Node>> entries;  ///< Kind::mapping, in file order
  std::size_t line = 0;                               ///< 1-based line where the node starts

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }

  /// The value of `key` in a mapping, or nullptr.
  const Node* find(std::string_view key) const {
    for (const auto& [k, v] : entries)
      if (k == key) return &v;
    return nullptr;
  }
  /// The value of `key`; throws if this is not a mapping or the key is missing.
  const Node& at(std::string_view key) const {
    if (!is_mapping())
      throw Error(line, "expected a mapping with the key '" + std::string(key) + "'");
    if (const Node* n = find(key)) return *n;
    throw Error(line, "missing key '" + std::string(key) + "'");
  }
  const std::string& str() const {
    if (!is_scalar()) throw Error(line, "expected a scalar");
    return scalar;
  }
  long long as_int() const {
    const std::string& s = str();
    std::size_t used = 0;
    long long v = 0;
    try {
      v = std::stoll(s, &used, 10);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size() || s.empty()) throw Error(line, "expected an integer, got '" + s + "'");
    return v;
  }
  bool as_bool() const {
    const std::string& s = str();
    if (s == "true") return true;
    if (s == "false") return false;
    throw Error(line, "expected true or false, got '" + s + "'");
  }
};

namespace detail {

struct Line {
  std::size_t number;  // 1-based
  std::size_t indent;  // columns of leading spaces
  std::string text;    // content after the indentation, comment and trailing blanks removed
};

inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Removes a comment (a '#' at the start or after a blank, outside quotes) and trailing
/// blanks. Quotes only count where a quoted scalar may start.
inline std::string strip_comment(const std::string& s, std::size_t number) {
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quote == '"') {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        quote = 0;
      }
    } else if (quote == '\'') {
      if (c == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          ++i;
        } else {
          quote = 0;
        }
      }
    } else if (c == '#' && (i == 0 || s[i - 1] == ' ')) {
      std::string kept = s.substr(0, i);
      while (!kept.empty() && kept.back() == ' ') kept.pop_back();
      return kept;
    } else if ((c == '"' || c == '\'') && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[' ||
                                           s[i - 1] == '{' || s[i - 1] == ',')) {
      quote = c;
    }
  }
  if (quote) throw Error(number, "a quoted scalar does not end on its line");
  std::string kept = s;
  while (!kept.empty() && (kept.back() == ' ' || kept.back() == '\r')) kept.pop_back();
  return kept;
}

inline unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return 16;
}

/// Parses one inline value (a scalar or a flow collection) of `s` starting at `i`;
/// `in_flow` stops plain scalars at ',', ']' and '}'.
class InlineParser {
 public:
  InlineParser(const std::string& s, std::size_t number) : s_(s), number_(number) {}

  Node parse_all() {
    Node n = parse_value(false);
    skip_blanks();
    if (i_ != s_.size()) fail("unexpected text after the value: '" + s_.substr(i_) + "'");
    return n;
  }

  /// Parses a mapping key at the start; returns it and leaves i_ after the ':'.
  std::string parse_key() {
    std::string key;
    if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
      key = s_[i_] == '"' ? double_quoted() : single_quoted();
    } else {
      const std::size_t start = i_;
      while (i_ < s_.size() && !(s_[i_] == ':' && (i_ + 1 == s_.size() || s_[i_ + 1] == ' '))) ++i_;
      key = s_.substr(start, i_ - start);
      while (!key.empty() && key.back() == ' ') key.pop_back();
      if (key.empty()) fail("empty mapping key");
    }
    skip_blanks();
    if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':' after the key");
    ++i_;
    return key;
  }

  std::size_t position() const { return i_; }
  bool at_end() {
    skip_blanks();
    return i_ == s_.size();
  }
  Node rest_value() {
    Node n = parse_value(false);
    skip_blanks();
    if (i_ != s_.size()) fail("unexpected text after the value: '" + s_.substr(i_) + "'");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const { throw Error(number_, message); }

  void skip_blanks() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }

  Node scalar(std::string value, bool quoted) const {
    Node n;
    n.kind = Node::Kind::scalar;
    n.scalar = std::move(value);
    n.quoted = quoted;
    n.line = number_;
    return n;
  }

  Node parse_value(bool in_flow) {
    skip_blanks();
    if (i_ >= s_.size()) fail("missing value");
    const char c = s_[i_];
    if (c == '"') return scalar(double_quoted(), true);
    if (c == '\'') return scalar(single_quoted(), true);
    if (c == '[') return flow_sequence();
    if (c == '{') return flow_mapping();
    if (c == '|' || c == '>' || c == '&' || c == '*' || c == '!' || c == '%' || c == '@' ||
        c == '`')
      fail(std::string("unsupported YAML construct starting with '") + c + "'");
    const std::size_t start = i_;
    while (i_ < s_.size()) {
      const char d = s_[i_];
      if (in_flow && (d == ',' || d == ']' || d == '}')) break;
      if (d == ':' && (i_ + 1 == s_.size() || s_[i_ + 1] == ' '))
        fail("unexpected ': ' in a plain scalar");
      ++i_;
    }
    std::string value = s_.substr(start, i_ - start);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    if (value.empty()) fail("empty plain scalar");
    return scalar(value, false);
  }

  Node flow_sequence() {
    Node n;
    n.kind = Node::Kind::sequence;
    n.line = number_;
    ++i_;  // '['
    skip_blanks();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return n;
    }
    for (;;) {
      n.items.push_back(parse_value(true));
      skip_blanks();
      if (i_ >= s_.size()) fail("unterminated flow sequence");
      if (s_[i_] == ']') {
        ++i_;
        return n;
      }
      if (s_[i_] != ',') fail("expected ',' or ']' in a flow sequence");
      ++i_;
    }
  }

  Node flow_mapping() {
    Node n;
    n.kind = Node::Kind::mapping;
    n.line = number_;
    ++i_;  // '{'
    skip_blanks();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return n;
    }
    for (;;) {
      skip_blanks();
      std::string key;
      if (i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'')) {
        key = s_[i_] == '"' ? double_quoted() : single_quoted();
      } else {
        const std::size_t start = i_;
        while (i_ < s_.size() && s_[i_] != ':' && s_[i_] != ',' && s_[i_] != '}') ++i_;
        key = s_.substr(start, i_ - start);
        while (!key.empty() && key.back() == ' ') key.pop_back();
      }
      skip_blanks();
      if (i_ >= s_.size() || s_[i_] != ':') fail("expected ':' in a flow mapping");
      ++i_;
      for (const auto& e : n.entries)
        if (e.first == key) fail("duplicate key '" + key + "'");
      n.entries.emplace_back(key, parse_value(true));
      skip_blanks();
      if (i_ >= s_.size()) fail("unterminated flow mapping");
      if (s_[i_] == '}') {
        ++i_;
        return n;
      }
      if (s_[i_] != ',') fail("expected ',' or '}' in a flow mapping");
      ++i_;
    }
  }

  std::string single_quoted() {
    std::string out;
    ++i_;  // '
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated single-quoted scalar");
      const char c = s_[i_++];
      if (c == '\'') {
        if (i_ < s_.size() && s_[i_] == '\'') {
          out.push_back('\'');
          ++i_;
          continue;
        }
        return out;
      }
      out.push_back(c);
    }
  }

  std::uint32_t hex(std::size_t digits) {
    if (s_.size() - i_ < digits) fail("truncated escape");
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < digits; ++k) {
      const unsigned h = hex_value(s_[i_++]);
      if (h > 15) fail("bad hex digit in an escape");
      v = v * 16 + h;
    }
    return v;
  }

  std::string double_quoted() {
    std::string out;
    ++i_;  // "
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated double-quoted scalar");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) fail("unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '0': out.push_back('\0'); break;
        case 'a': out.push_back('\a'); break;
        case 'b': out.push_back('\b'); break;
        case 't':
        case '\t': out.push_back('\t'); break;
        case 'n': out.push_back('\n'); break;
        case 'v': out.push_back('\v'); break;
        case 'f': out.push_back('\f'); break;
        case 'r': out.push_back('\r'); break;
        case 'e': out.push_back('\x1B'); break;
        case ' ': out.push_back(' '); break;
        case '"': out.push_back('"'); break;
        case '/': out.push_back('/'); break;
        case '\\': out.push_back('\\'); break;
        case 'N': append_utf8(out, 0x85); break;
        case '_': append_utf8(out, 0xA0); break;
        case 'L': append_utf8(out, 0x2028); break;
        case 'P': append_utf8(out, 0x2029); break;
        case 'x': append_utf8(out, hex(2)); break;
        case 'u': {
          std::uint32_t cp = hex(4);
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.compare(i_, 2, "\\u") != 0) fail("a high surrogate escape without its low half");
            i_ += 2;
            const std::uint32_t low = hex(4);
            if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate escape without its low half");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("a lone low surrogate escape");
          }
          append_utf8(out, cp);
          break;
        }
        case 'U': {
          const std::uint32_t cp = hex(8);
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("\\U escape out of range");
          append_utf8(out, cp);
          break;
        }
        default: fail(std::string("unknown escape \\") + e);
      }
    }
  }

  const std::string& s_;
  std::size_t number_;
  std::size_t i_ = 0;
};

class BlockParser {
 public:
  explicit BlockParser(std::vector<Line> lines) : lines_(std::move(lines)) {}

  Node parse_document() {
    if (lines_.empty()) return Node{};
    std::size_t li = 0;
    Node n = parse_block(li, lines_[0].indent);
    if (li != lines_.size()) throw Error(lines_[li].number, "unexpected indentation");
    return n;
  }

 private:
  static bool is_item(const std::string& t) { return t == "-" || t.rfind("- ", 0) == 0; }

  static bool is_entry(const Line& l) {
    // a key followed by ':' and a blank or the end, outside quotes
    const std::string& t = l.text;
    if (is_item(t)) return false;
    std::size_t i = 0;
    if (!t.empty() && (t[0] == '"' || t[0] == '\'')) {
      const char q = t[0];
      for (i = 1; i < t.size(); ++i) {
        if (q == '"' && t[i] == '\\') {
          ++i;
        } else if (t[i] == q) {
          if (q == '\'' && i + 1 < t.size() && t[i + 1] == '\'') {
            ++i;
            continue;
          }
          break;
        }
      }
      ++i;
      while (i < t.size() && t[i] == ' ') ++i;
      return i < t.size() && t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ');
    }
    if (!t.empty() && (t[0] == '[' || t[0] == '{')) return false;
    for (; i < t.size(); ++i)
      if (t[i] == ':' && (i + 1 == t.size() || t[i + 1] == ' ')) return true;
    return false;
  }

  /// The block node at lines_[li], whose indentation is `indent`.
  Node parse_block(std::size_t& li, std::size_t indent) {
    const Line& first = lines_[li];
    if (first.indent != indent) throw Error(first.number, "bad indentation");
    if (is_item(first.text)) return parse_sequence(li, indent);
    if (is_entry(first)) return parse_mapping(li, indent);
    Node n = InlineParser(first.text, first.number).parse_all();
    ++li;
    if (li < lines_.size() && lines_[li].indent > indent)
      throw Error(lines_[li].number, "multi-line scalars are not supported");
    return n;
  }

  /// The value after "key:" or "-" with nothing on the line: the indented block below,
  /// a sequence at the same indentation (only after a key), or null.
  Node parse_nested(std::size_t& li, std::size_t indent, std::size_t number, bool after_key) {
    if (li < lines_.size() && lines_[li].indent > indent) return parse_block(li, lines_[li].indent);
    if (after_key && li < lines_.size() && lines_[li].indent == indent && is_item(lines_[li].text))
      return parse_sequence(li, indent);
    Node n;
    n.line = number;
    return n;
  }

  Node parse_sequence(std::size_t& li, std::size_t indent) {
    Node n;
    n.kind = Node::Kind::sequence;
    n.line = lines_[li].number;
    while (li < lines_.size() && lines_[li].indent == indent && is_item(lines_[li].text)) {
      Line& l = lines_[li];
      if (l.text == "-") {
        ++li;
        n.items.push_back(parse_nested(li, indent, l.number, false));
        continue;
      }
      // "- rest": rest is a node whose indentation is the column after "- ".
      std::size_t skip = 2;
      while (skip < l.text.size() && l.text[skip] == ' ') ++skip;
      l.indent += skip;
      l.text.erase(0, skip);
      n.items.push_back(parse_block(li, l.indent));
    }
    if (li < lines_.size() && lines_[li].indent > indent)
      throw Error(lines_[li].number, "bad indentation in a sequence");
    return n;
  }

  Node parse_mapping(std::size_t& li, std::size_t indent) {
    Node n;
    n.kind = Node::Kind::mapping;
    n.line = lines_[li].number;
    while (li < lines_.size() && lines_[li].indent == indent) {
      const Line& l = lines_[li];
      if (!is_entry(l)) throw Error(l.number, "expected 'key: value'");
      InlineParser p(l.text, l.number);
      std::string key = p.parse_key();
      for (const auto& e : n.entries)
        if (e.first == key) throw Error(l.number, "duplicate key '" + key + "'");
      const std::size_t number = l.number;
      ++li;
      Node value = p.at_end() ? parse_nested(li, indent, number, true) : p.rest_value();
      if (!value.is_null() && value.line == 0) value.line = number;
      n.entries.emplace_back(std::move(key), std::move(value));
    }
    if (li < lines_.size() && lines_[li].indent > indent)
      throw Error(lines_[li].number, "bad indentation in a mapping");
    return n;
  }

  std::vector<Line> lines_;
};

}  // namespace detail

/// Parses a YAML document (the supported subset); throws yaml::Error.
inline Node parse(std::string_view text) {
  std::vector<detail::Line> lines;
  std::size_t number = 0;
  std::size_t start = 0;
  bool seen_content = false;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // byte order mark
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string raw(text.substr(start, end - start));
    ++number;
    start = end + 1;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::size_t indent = 0;
    while (indent < raw.size() && raw[indent] == ' ') ++indent;
    if (indent < raw.size() && raw[indent] == '\t') throw Error(number, "a tab in the indentation");
    const std::string content = detail::strip_comment(raw.substr(indent), number);
    if (content.empty()) {
      if (end == text.size()) break;
      continue;
    }
    if (indent == 0 && (content == "---" || content.rfind("--- ", 0) == 0)) {
      if (seen_content) throw Error(number, "only one document is supported");
      if (content != "---") throw Error(number, "content after '---' is not supported");
      continue;
    }
    if (indent == 0 && content == "...") break;
    seen_content = true;
    lines.push_back({number, indent, content});
    if (end == text.size()) break;
  }
  return detail::BlockParser(std::move(lines)).parse_document();
}

/// Reads and parses a file; throws yaml::Error or std::runtime_error.
inline Node parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse(buf.str());
}

}  // namespace somepost::conformance::yaml
