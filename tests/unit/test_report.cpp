// The pure serializers and the --jsonl line decoder.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/count.hpp"
#include "core/jsonl.hpp"
#include "core/platforms.hpp"
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

TEST_CASE("append_count_json: every field, in a fixed order; byte_limit and overflow_at only when set") {
  const auto& profiles = builtin_profiles();
  REQUIRE(profiles.size() >= 2);
  CountResult r;
  r.stats = {9, 7, 6};
  PlatformCount over;
  over.profile = &profiles[0];
  over.length = 300;
  over.limit = 280;
  over.remaining = -20;
  over.bytes = 9;
  over.byte_limit = 3000;
  over.overflow_at = 4;
  over.hashtags = 2;
  over.links = 1;
  over.fits = false;
  over.warnings = {"one \"quoted\"", "two\nlines"};
  PlatformCount fits;
  fits.profile = &profiles[1];
  fits.length = 6;
  fits.limit = 500;
  fits.remaining = 494;
  fits.bytes = 9;
  r.platforms = {over, fits};
  std::string out = "prefix:";  // appended, not replaced
  append_count_json(out, r);
  const std::string expected =
      "prefix:{\"bytes\":9,\"code_points\":7,\"graphemes\":6,\"platforms\":["
      "{\"id\":\"" + profiles[0].id + "\",\"length\":300,\"limit\":280,\"remaining\":-20,\"fits\":false,\"unit\":\"" +
      std::string(unit_name(profiles[0].unit)) +
      "\",\"bytes\":9,\"byte_limit\":3000,\"overflow_at\":4,\"hashtags\":2,\"links\":1,"
      "\"warnings\":[\"one \\\"quoted\\\"\",\"two\\nlines\"]},"
      "{\"id\":\"" + profiles[1].id + "\",\"length\":6,\"limit\":500,\"remaining\":494,\"fits\":true,\"unit\":\"" +
      std::string(unit_name(profiles[1].unit)) + "\",\"bytes\":9,\"hashtags\":0,\"links\":0,\"warnings\":[]}]}";
  CHECK(out == expected);

  std::string empty;
  append_count_json(empty, CountResult{});
  CHECK(empty == "{\"bytes\":0,\"code_points\":0,\"graphemes\":0,\"platforms\":[]}");
}
