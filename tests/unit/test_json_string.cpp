// append_json_string's 8-bytes-at-a-time path against a byte-at-a-time reference, with
// every escaped byte at every offset of a word.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "core/report.hpp"

using somepost::core::append_json_string;

namespace {

// The escaping rules as documented, one byte at a time.
std::string reference(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace

TEST_CASE("append_json_string escapes every special byte wherever it falls") {
  const std::string specials = std::string("\"\\\n\r\t\b\f\x01\x1f\x7f", 10) + std::string(1, '\0');
  const std::string plain = "Hyvää päivää 👋🏽 mieli.fi ";  // bytes >= 0x80 and ASCII, none special
  for (const char special : specials) {
    for (std::size_t length = 0; length <= 24; ++length) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text = plain.substr(0, length);
        while (text.size() < length) text += 'x';
        text[at] = special;
        std::string out;
        append_json_string(out, text);
        REQUIRE(out == reference(text));
      }
    }
  }
  std::string out;
  append_json_string(out, plain + plain);
  CHECK(out == "\"" + plain + plain + "\"");
  CHECK(nlohmann::json::parse(out).get<std::string>() == plain + plain);
}
