// The pure serializers and the --jsonl line decoder.
#include <doctest/doctest.h>

#include <string>

#include "core/jsonl.hpp"
#include "core/report.hpp"

using namespace somepost::core;

TEST_CASE("decode_jsonl_text: strings and objects, exactly as decoded") {
  std::string text;
  CHECK(decode_jsonl_text("\"abc\"", text).empty());
  CHECK(text == "abc");
  CHECK(decode_jsonl_text("  \"a\\n\\t\\\"\\\\\\/\\u00e4\\ud83d\\udc4d\"  \r", text).empty());
  CHECK(text == "a\n\t\"\\/ä👍");
  CHECK(decode_jsonl_text("{\"text\": \"hei \"}", text).empty());
  CHECK(text == "hei ");  // trailing space kept
  CHECK(decode_jsonl_text("{\"id\": 3, \"text\": \"x\"}", text).empty());  // slow path
  CHECK(text == "x");
  CHECK(decode_jsonl_text("\"\"", text).empty());
  CHECK(text.empty());
}

TEST_CASE("decode_jsonl_text: every kind of bad line has a reason") {
  std::string text;
  CHECK(decode_jsonl_text("", text).find("empty line") != std::string::npos);
  CHECK(decode_jsonl_text("nope", text).find("invalid JSON") != std::string::npos);
  CHECK(decode_jsonl_text("\"open", text).find("invalid JSON") != std::string::npos);
  CHECK(decode_jsonl_text("\"a\" \"b\"", text).find("invalid JSON") != std::string::npos);
  CHECK(decode_jsonl_text("\"\\ud800\"", text).find("lone surrogate") != std::string::npos);
  CHECK(decode_jsonl_text("\"\\udc00x\"", text).find("lone surrogate") != std::string::npos);
  CHECK(decode_jsonl_text("{\"id\": 1}", text).find("no \"text\"") != std::string::npos);
  CHECK(decode_jsonl_text("{\"text\": 5}", text).find("no \"text\"") != std::string::npos);
  CHECK(decode_jsonl_text("[\"a\"]", text).find("expected a JSON string") != std::string::npos);
  const std::string bad = decode_jsonl_text(std::string_view("\"ab\xC3\"", 5), text);
  CHECK(bad.find("invalid UTF-8 at byte offset 3") != std::string::npos);
}

TEST_CASE("append_json_string escapes controls, quotes and backslashes only") {
  std::string out;
  append_json_string(out, "a\"b\\c\n\x01\x7F ä👍");
  CHECK(out == "\"a\\\"b\\\\c\\n\\u0001\\u007f ä👍\"");
}

TEST_CASE("neutralize_controls makes escape sequences inert") {
  CHECK(neutralize_controls("a\x1b[31mb", false) == "a\xE2\x90\x9B[31mb");  // ESC -> U+241B
  CHECK(neutralize_controls("a\nb", true) == "a\nb");
  CHECK(neutralize_controls("a\nb", false) == "a\xE2\x90\x8A" "b");
  CHECK(neutralize_controls("\xC2\x9B" "2J", false) == "\xEF\xBF\xBD" "2J");  // C1 CSI
  CHECK(neutralize_controls("ääkköset", false) == "ääkköset");
}

TEST_CASE("unit names") {
  CHECK(unit_name(CountingUnit::x_weighted) == "weighted");
  CHECK(unit_name(CountingUnit::graphemes) == "graphemes");
  CHECK(unit_name(CountingUnit::emoji_bytes) == "emoji-bytes");
}
