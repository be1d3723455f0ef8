// Hostile JSON (issue 11): no nlohmann exception escapes a JSON Lines line or a document,
// nesting stops at kMaxDepth, duplicate keys are refused in a line as in a document, and
// every user value an error quotes (a key, a token, a number) is cut to 40 code points.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/json_problems.hpp"
#include "core/jsonl.hpp"

namespace jp = somepost::core::json_problems;
using somepost::core::decode_jsonl_text;

namespace {

// parse_json_line's error for `line`, or "parsed" when it parsed.
std::string line_error(std::string_view line) {
  std::string error;
  const auto value = jp::parse_json_line(line, error);
  return value ? std::string("parsed") : error;
}

// The quoted excerpt of a long run of `c`: its first 40 code points and "...".
std::string cut_run(char c) { return std::string(jp::kQuoteMaxCodePoints, c) + "..."; }

}  // namespace

TEST_CASE("parse_json_line: a number too large for a double is the line's error, not an exception") {
  CHECK(line_error(R"({"text":"a","n":1e999})") == "invalid JSON: number overflow parsing '1e999' at column 17");
  CHECK(line_error("-1e999") == "invalid JSON: number overflow parsing '-1e999' at column 1");
  CHECK(line_error(R"([1, [2, {"ä": 1E+400}]])") ==
        "invalid JSON: number overflow parsing '1E+400' at column 15");  // "ä" is one column
  // Within range, at both ends: parsed.
  CHECK(line_error("[1e308, -1e308, 18446744073709551615, -9223372036854775808, 1e-999]") == "parsed");
}

TEST_CASE("decode_jsonl_text: every kind of bad line is an error string, never an exception") {
  std::string text;
  CHECK(decode_jsonl_text(R"({"text":"a","n":1e999})", text) ==
        "invalid JSON: number overflow parsing '1e999' at column 17");
  CHECK(decode_jsonl_text(R"({"n":1e999,"text":"a"})", text).starts_with("invalid JSON: number overflow"));
  CHECK(decode_jsonl_text(std::string(100000, '['), text) ==
        "invalid JSON: objects and arrays nested deeper than 64 levels at column 65");
  CHECK(decode_jsonl_text(R"({"text":"a","text":"b"})", text) ==
        "text: duplicate key (only the last value would be used)");
  // A string with an escaped control character and a lone surrogate still decode or
  // fail as before.
  CHECK(decode_jsonl_text(R"({"text":"a\u0001","x":[1]})", text).empty());
  CHECK(text == "a\x01");
}

TEST_CASE("parse_json_line: nesting deeper than 64 levels stops at the 65th opener") {
  CHECK(line_error(std::string(64, '[') + std::string(64, ']')) == "parsed");
  CHECK(line_error(std::string(65, '[') + std::string(65, ']')) ==
        "invalid JSON: objects and arrays nested deeper than 64 levels at column 65");
  // Ten million openers: stopped after 65, whatever follows.
  CHECK(line_error(std::string(10'000'000, '[')) ==
        "invalid JSON: objects and arrays nested deeper than 64 levels at column 65");
  CHECK(line_error(R"({"a": "[[[[", "b": )" + std::string(70, '[')) ==
        "invalid JSON: objects and arrays nested deeper than 64 levels at column 83");
}

TEST_CASE("parse_json_line: a duplicate key is refused with its path, the first one only") {
  CHECK(line_error(R"({"message":"1","message":"2"})") == "message: duplicate key (only the last value would be used)");
  CHECK(line_error(R"({"a":{"b":1,"b":2},"a":3})") == "a.b: duplicate key (only the last value would be used)");
  CHECK(line_error(R"([{"x y":1,"x y":1}])") == "[0][\"x y\"]: duplicate key (only the last value would be used)");
  CHECK(line_error(R"({"a":1,"b":{"a":2}})") == "parsed");  // the same key in two objects
}

TEST_CASE("parse_json_line: syntax errors keep nlohmann's words, with the token it quotes cut") {
  CHECK(line_error("no") ==
        "invalid JSON: parse error at line 1, column 2: syntax error while parsing value - invalid literal; "
        "last read: 'no'");
  // A 1 MB bad token (a string never closed) is quoted as its first 40 code points.
  const std::string open_string = line_error("\"" + std::string(1'000'000, 's'));
  CHECK(open_string.starts_with("invalid JSON: parse error at line 1, column "));
  CHECK(open_string.ends_with(": syntax error while parsing value - invalid string: missing closing quote; "
                              "last read: '\"" + std::string(39, 's') + "...'"));
  CHECK(open_string.size() < 200);
  // A 1 MB number too large for a double, likewise.
  CHECK(line_error("[" + std::string(1'000'000, '9') + "]") ==
        "invalid JSON: number overflow parsing '" + cut_run('9') + "' at column 2");
  // A token that ends inside a multi-byte character, or holds bytes that are not UTF-8,
  // is escaped: the error is valid UTF-8 with no control character.
  const std::string bad = line_error("[\"\xC3\xA4\xFF\"]");
  CHECK(bad.find("\\xFF") != std::string::npos);
  CHECK(bad.find('\xFF') == std::string::npos);
}

TEST_CASE("read_json: a 1 MB number or token in a document is quoted cut") {
  const jp::JsonDocument doc = jp::read_json("{\"schema\": " + std::string(1'000'000, '9') + "}");
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].where == "1:12");
  CHECK(doc.problems[0].message == "number overflow parsing '" + cut_run('9') + "'");
  const jp::JsonDocument tokens = jp::read_json("[\"" + std::string(500'000, 't'));
  REQUIRE(tokens.problems.size() == 1);
  CHECK(tokens.problems[0].message == "syntax error while parsing value - invalid string: missing closing quote; "
                                      "last read: '\"" + std::string(39, 't') + "...'");
}

TEST_CASE("member_path and excerpt: a long key or value is cut to 40 code points") {
  CHECK(jp::member_path("a", "b") == "a.b");
  const std::string long_key(100'000, 'k');
  CHECK(jp::member_path("a", long_key) == "a[\"" + cut_run('k') + "\"]");
  CHECK(jp::member_path("", std::string(40, 'k')) == std::string(40, 'k'));  // 40 is not cut
  const jp::JsonDocument doc = jp::read_json("{\"" + long_key + "\": 1, \"" + long_key + "\": 2}");
  REQUIRE(doc.problems.size() == 1);
  CHECK(doc.problems[0].where == "[\"" + cut_run('k') + "\"]");
  std::string fifty, forty;
  for (int i = 0; i < 50; ++i) fifty += "ä";  // 100 bytes, 50 code points
  for (int i = 0; i < 40; ++i) forty += "ä";
  CHECK(jp::excerpt(fifty) == forty + "...");
  CHECK(jp::excerpt("a\"b\\c\x1b") == "a\\\"b\\\\c\\u001B");
}

TEST_CASE("line_column: 1-based lines at LF, columns in code points, offsets clamped") {
  CHECK(jp::line_column("", 0) == "1:1");
  CHECK(jp::line_column("abc", 0) == "1:1");
  CHECK(jp::line_column("abc", 2) == "1:3");
  CHECK(jp::line_column("abc", 3) == "1:4");   // the end of the text
  CHECK(jp::line_column("abc", 99) == "1:4");  // clamped
  CHECK(jp::line_column("a\nbc", 1) == "1:2");  // the LF itself is on line 1
  CHECK(jp::line_column("a\nbc", 2) == "2:1");
  CHECK(jp::line_column("a\n\nbc", 4) == "3:2");
  CHECK(jp::line_column("a\r\nb", 3) == "2:1");  // CR is an ordinary character
  // "ää" is 4 bytes, 2 code points: the byte after them is column 3; inside one, the
  // offset counts only the code points begun before it.
  CHECK(jp::line_column("\xC3\xA4\xC3\xA4x", 4) == "1:3");
  CHECK(jp::line_column("\xC3\xA4\xC3\xA4x", 3) == "1:3");
  CHECK(jp::line_column("x\n\xF0\x9F\x91\x8D!", 6) == "2:2");  // after a 4-byte emoji
}

TEST_CASE("member_path and element_path: plain keys dotted, others quoted, indices bracketed") {
  CHECK(jp::member_path("", "messages") == "messages");
  CHECK(jp::member_path("campaign", "default_language") == "campaign.default_language");
  CHECK(jp::member_path("a", "with-dash_1") == "a.with-dash_1");
  CHECK(jp::member_path("a", "two words") == "a[\"two words\"]");
  CHECK(jp::member_path("a", "") == "a[\"\"]");
  CHECK(jp::member_path("a", "\xC3\xA4") == "a[\"\xC3\xA4\"]");
  CHECK(jp::member_path("", "x.y") == "[\"x.y\"]");
  CHECK(jp::element_path("messages", 0) == "messages[0]");
  CHECK(jp::element_path(jp::element_path("m", 3), 12) == "m[3][12]");
  CHECK(jp::member_path(jp::element_path("hashtags", 2), "tag") == "hashtags[2].tag");
}
