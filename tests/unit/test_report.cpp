// The pure serializers and the --jsonl line decoder.
#include <doctest/doctest.h>

#include <string>
#include <utility>

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

TEST_CASE("neutralize_controls names the bidirectional controls instead of letting them reorder the line") {
  // An override would show "Mieli fi.evil" as something else; each control is named.
  CHECK(neutralize_controls("a\u202Eevil\u202Cb", false) == "a\u27E8U+202E\u27E9evil\u27E8U+202C\u27E9b");
  const std::pair<const char*, const char*> named[] = {
      {"\u202A", "U+202A"}, {"\u202B", "U+202B"}, {"\u202C", "U+202C"}, {"\u202D", "U+202D"},
      {"\u202E", "U+202E"}, {"\u2066", "U+2066"}, {"\u2067", "U+2067"}, {"\u2068", "U+2068"},
      {"\u2069", "U+2069"}, {"\u200E", "U+200E"}, {"\u200F", "U+200F"}, {"\u061C", "U+061C"}};
  for (const auto& [raw, name] : named) {
    CAPTURE(name);
    CHECK(neutralize_controls(raw, true) == std::string("\u27E8") + name + "\u27E9");
  }
  // Their neighbours are ordinary text and pass: ZWJ (emoji sequences), U+2029, U+2065
  // (unassigned), U+2070, Arabic letters.
  for (const char* kept : {"\u200D", "\u2029", "\u2065", "\u2070", "\u0645\u0631\u062D\u0628\u0627", "👩\u200D💻"}) {
    CAPTURE(kept);
    CHECK(neutralize_controls(kept, false) == kept);
  }
  CHECK(highlight_overflow("ab\u202Ecd", 2) == "ab\x1b[41;97m\u27E8U+202E\u27E9cd\x1b[0m");
}

TEST_CASE("unit names") {
  CHECK(unit_name(CountingUnit::x_weighted) == "weighted");
  CHECK(unit_name(CountingUnit::graphemes) == "graphemes");
  CHECK(unit_name(CountingUnit::emoji_bytes) == "emoji-bytes");
}
