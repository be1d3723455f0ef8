#include "core/jsonl.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>

#include "core/json_problems.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

namespace uc = somepost::unicode;

[[nodiscard]] constexpr bool is_json_space(char c) noexcept {  // RFC 8259 §2 ws
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

[[nodiscard]] int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[nodiscard]] bool read_hex4(std::string_view s, std::size_t at, char32_t& value) noexcept {
  if (at + 4 > s.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const int h = hex_value(s[at + i]);
    if (h < 0) return false;
    value = (value << 4) | static_cast<char32_t>(h);
  }
  return true;
}

enum class StringStatus { ok, not_simple, lone_surrogate };

// Decodes the JSON string starting at line[pos] == '"' (RFC 8259 §7) into `out`; on
// success `pos` is just past the closing quote. Anything unusual (a raw control char,
// a bad escape, no closing quote) is `not_simple`: the caller falls back to nlohmann for
// the exact error. A \u escape that leaves a surrogate unpaired is `lone_surrogate`.
StringStatus decode_string(std::string_view line, std::size_t& pos, std::string& out) {
  out.clear();
  std::size_t i = pos + 1;
  std::size_t run = i;
  while (i < line.size()) {
    // Skip 8 bytes at a time while none is '"', '\\' or a control character (SWAR: the
    // tests below are exact for "some byte of the word", which is all they decide).
    while (i + 8 <= line.size()) {
      std::uint64_t v;
      std::memcpy(&v, line.data() + i, sizeof v);
      constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
      constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
      const std::uint64_t q = v ^ (kOnes * '"');
      const std::uint64_t bs = v ^ (kOnes * '\\');
      const std::uint64_t special = (((v - kOnes * 0x20) & ~v) | ((q - kOnes) & ~q) | ((bs - kOnes) & ~bs)) & kHigh;
      if (special != 0) break;
      i += 8;
    }
    if (i >= line.size()) break;
    const char c = line[i];
    if (c == '"') {
      out.append(line.substr(run, i - run));
      pos = i + 1;
      return StringStatus::ok;
    }
    if (static_cast<unsigned char>(c) < 0x20) return StringStatus::not_simple;
    if (c != '\\') {
      ++i;
      continue;
    }
    out.append(line.substr(run, i - run));
    if (i + 1 >= line.size()) return StringStatus::not_simple;
    const char e = line[i + 1];
    i += 2;
    switch (e) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '/': out.push_back('/'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'u': {
        char32_t cp;
        if (!read_hex4(line, i, cp)) return StringStatus::not_simple;
        i += 4;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return StringStatus::lone_surrogate;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t low;
          if (i + 1 < line.size() && line[i] == '\\' && line[i + 1] == 'u' && read_hex4(line, i + 2, low) &&
              low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          } else {
            return StringStatus::lone_surrogate;
          }
        }
        uc::append_utf8(out, cp);
        break;
      }
      default:
        return StringStatus::not_simple;
    }
    run = i;
  }
  return StringStatus::not_simple;
}

[[nodiscard]] std::size_t skip_space(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && is_json_space(s[i])) ++i;
  return i;
}

constexpr std::string_view kLoneSurrogate = "invalid JSON: \\u escape leaves a lone surrogate";
constexpr std::string_view kShape = "expected a JSON string or an object with a \"text\" string field";

// The exact reason nlohmann gives, without its "[json.exception.parse_error.101] " tag.
std::string slow_path(std::string_view line, std::string& text) {
  std::string error;
  const std::optional<nlohmann::json> parsed = json_problems::parse_json_line(line, error);
  if (!parsed) return error;
  const nlohmann::json& value = *parsed;
  if (value.is_string()) {
    text = value.get<std::string>();
    return {};
  }
  if (value.is_object()) {
    const auto it = value.find("text");
    if (it != value.end() && it->is_string()) {
      text = it->get<std::string>();
      return {};
    }
    return "no \"text\" string field in the object";
  }
  return std::string(kShape);
}

}  // namespace

std::string decode_jsonl_text(std::string_view line, std::string& text) {
  if (const auto bad = uc::validate_utf8(line)) {
    return fmt::format("invalid UTF-8 at byte offset {} of the line ({})", bad->offset, uc::describe(bad->kind));
  }
  std::size_t i = skip_space(line, 0);
  if (i == line.size()) return "empty line: expected a JSON string or object";
  // Fast path 1: a bare JSON string.
  if (line[i] == '"') {
    const StringStatus status = decode_string(line, i, text);
    if (status == StringStatus::lone_surrogate) return std::string(kLoneSurrogate);
    if (status == StringStatus::ok && skip_space(line, i) == line.size()) return {};
    return slow_path(line, text);
  }
  // Fast path 2: {"text": "..."} with no other key.
  if (line[i] == '{') {
    std::size_t j = skip_space(line, i + 1);
    std::string key;
    if (j < line.size() && line[j] == '"' && decode_string(line, j, key) == StringStatus::ok && key == "text") {
      j = skip_space(line, j);
      if (j < line.size() && line[j] == ':') {
        j = skip_space(line, j + 1);
        if (j < line.size() && line[j] == '"') {
          const StringStatus status = decode_string(line, j, text);
          if (status == StringStatus::lone_surrogate) return std::string(kLoneSurrogate);
          if (status == StringStatus::ok) {
            j = skip_space(line, j);
            if (j < line.size() && line[j] == '}' && skip_space(line, j + 1) == line.size()) return {};
          }
        }
      }
    }
  }
  return slow_path(line, text);
}

}  // namespace somepost::core
