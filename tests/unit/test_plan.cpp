// Batch plans: CSV with a header and JSON Lines, rows and errors with their line numbers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/plan.hpp"

using namespace somepost::core;

namespace {

// What reading a whole plan gives: rows, and errors as "line N: message".
struct Read {
  std::vector<PlanRow> rows;
  std::vector<std::string> errors;
  bool fatal = false;
};

Read read_plan(PlanFormat format, std::string_view document) {
  PlanReader reader(format);
  Read out;
  const auto take = [&](PlanReader::Status status) {
    if (status == PlanReader::Status::row) out.rows.push_back(reader.row());
    if (status == PlanReader::Status::error) {
      out.errors.push_back("line " + std::to_string(reader.error_line()) + ": " + reader.error());
    }
  };
  std::size_t pos = 0;
  while (pos < document.size() && !reader.fatal()) {
    const std::size_t newline = document.find('\n', pos);
    const std::size_t end = newline == std::string_view::npos ? document.size() : newline;
    take(reader.feed_line(document.substr(pos, end - pos)));
    pos = end + 1;
  }
  if (!reader.fatal()) take(reader.finish());
  out.fatal = reader.fatal();
  return out;
}

}  // namespace

TEST_CASE("detect_plan_format: extension first, then content") {
  CHECK(detect_plan_format("viikko.csv", "{") == PlanFormat::csv);
  CHECK(detect_plan_format("viikko.CSV", "") == PlanFormat::csv);
  CHECK(detect_plan_format("viikko.jsonl", "message") == PlanFormat::jsonl);
  CHECK(detect_plan_format("viikko.ndjson", "") == PlanFormat::jsonl);
  CHECK(detect_plan_format("-", "  {\"message\": 1}") == PlanFormat::jsonl);
  CHECK(detect_plan_format("-", "\xEF\xBB\xBF{\"message\": 1}") == PlanFormat::jsonl);
  CHECK(detect_plan_format("-", "message,platforms") == PlanFormat::csv);
  CHECK(detect_plan_format("plan.txt", "") == PlanFormat::csv);
}

TEST_CASE("is_blank_plan_line: whitespace only, after a BOM") {
  CHECK(is_blank_plan_line(""));
  CHECK(is_blank_plan_line(" \t\r"));
  CHECK(is_blank_plan_line("\xEF\xBB\xBF"));
  CHECK(is_blank_plan_line("\xEF\xBB\xBF  "));
  CHECK_FALSE(is_blank_plan_line("{"));
  CHECK_FALSE(is_blank_plan_line("  message"));
  CHECK_FALSE(is_blank_plan_line("\xEF\xBB"));
}

TEST_CASE("CSV plan: header in any order and case, cells parsed, defaults for empty cells") {
  const Read r = read_plan(PlanFormat::csv,
                           "\xEF\xBB\xBF Platforms ,MESSAGE,hashtags,link,lang,utm_campaign\r\n"
                           "\"x,bluesky\",3,#mieli terapiatakuu,no,sv,kevat\r\n"
                           "\r\n"
                           ",lasten-ja-nuorten-mieli,,,,\r\n"
                           "x mastodon,1,-,Yes\r\n");
  CHECK(r.errors.empty());
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].line == 2);
  CHECK(r.rows[0].message == "3");
  CHECK(r.rows[0].platforms == std::vector<std::string>{"x", "bluesky"});
  REQUIRE(r.rows[0].hashtags.has_value());
  CHECK(*r.rows[0].hashtags == std::vector<std::string>{"#mieli", "terapiatakuu"});
  CHECK_FALSE(r.rows[0].link);
  CHECK(r.rows[0].lang == "sv");
  CHECK(r.rows[0].utm_campaign == "kevat");

  CHECK(r.rows[1].line == 4);  // the blank line 3 is skipped but counted
  CHECK(r.rows[1].message == "lasten-ja-nuorten-mieli");
  CHECK(r.rows[1].platforms.empty());
  CHECK_FALSE(r.rows[1].hashtags.has_value());  // empty: the message's defaults
  CHECK(r.rows[1].link);
  CHECK(r.rows[1].lang.empty());

  CHECK(r.rows[2].line == 5);  // fewer fields than the header: the rest are empty
  REQUIRE(r.rows[2].hashtags.has_value());
  CHECK(r.rows[2].hashtags->empty());  // "-": no tags at all
  CHECK(r.rows[2].link);
}

TEST_CASE("CSV plan: bad rows are reported with their line and reading goes on") {
  const Read r = read_plan(PlanFormat::csv,
                           "message,platforms,link,lang\n"
                           "1,x,maybe,fi\n"
                           "2,x,yes,fi_FI\n"
                           ",x,yes,fi\n"
                           "3,x,yes,fi,extra\n"
                           "4,\"x,\n"
                           "bluesky\",no,fi\n"
                           "5,x\"y,no,fi\n"
                           "6,x,no,\xC3\n"
                           "7,x,no,fi\n"
                           "8,\"x");
  CHECK_FALSE(r.fatal);
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].message == "4");
  CHECK(r.rows[0].line == 6);  // a record spanning lines 6-7 has the line it starts on
  CHECK(r.rows[0].platforms == std::vector<std::string>{"x", "bluesky"});
  CHECK(r.rows[1].message == "7");
  CHECK(r.rows[1].line == 10);
  CHECK(r.errors == std::vector<std::string>{
                        "line 2: link must be yes or no, not \"maybe\"",
                        "line 3: lang \"fi_FI\" is not a language tag such as fi or sv-FI",
                        "line 4: no message (a message number or id)",
                        "line 5: 5 fields, but the header has 4 columns (quote a field that holds a comma)",
                        "line 8: column 4: a quote inside an unquoted field (quote the whole field)",
                        "line 9: invalid UTF-8 at byte offset 7 of the line (truncated sequence)",
                        "line 11: the input ends inside a quoted field (a closing quote is missing)",
                    });
}

TEST_CASE("CSV plan: invalid UTF-8 inside a multi-line quoted field skips that record only") {
  // The bad byte is on the record's first line: the reader must stay inside the quoted
  // field, so "2" is not a row of its own and message 3 on line 5 is read.
  Read r = read_plan(PlanFormat::csv, "message,hashtags\n1,\"mieli\xFF\n2\n\",x\n3\n");
  CHECK_FALSE(r.fatal);
  CHECK(r.errors == std::vector<std::string>{"line 2: invalid UTF-8 at byte offset 8 of the line (byte 0xFE or 0xFF)"});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].message == "3");
  CHECK(r.rows[0].line == 5);

  // On a later line of the record: reported once, at the record's first line, naming the line.
  r = read_plan(PlanFormat::csv, "message,hashtags\n1,\"mieli\n2\xFF\n\",x\n3\n");
  CHECK(r.errors == std::vector<std::string>{"line 2: invalid UTF-8 at byte offset 1 of line 3 (byte 0xFE or 0xFF)"});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].line == 5);

  // In the header (even one spanning lines): fatal.
  r = read_plan(PlanFormat::csv, "\"message\n\xFF\"\n1\n");
  CHECK(r.fatal);
  CHECK(r.rows.empty());
  CHECK(r.errors == std::vector<std::string>{"line 1: invalid UTF-8 at byte offset 0 of line 2 (byte 0xFE or 0xFF)"});
}

TEST_CASE("CSV plan: a bad header is fatal") {
  Read r = read_plan(PlanFormat::csv, "message,tags\n1,x\n");
  CHECK(r.fatal);
  CHECK(r.rows.empty());
  CHECK(r.errors == std::vector<std::string>{
                        "line 1: unknown column \"tags\" in the header; known: message, hashtags, platforms, link, "
                        "lang, utm_campaign"});
  r = read_plan(PlanFormat::csv, "platforms,platforms\n");
  CHECK(r.fatal);
  CHECK(r.errors == std::vector<std::string>{"line 1: column \"platforms\" appears twice in the header"});
  r = read_plan(PlanFormat::csv, "\n\nplatforms\n");
  CHECK(r.fatal);
  CHECK(r.errors.at(0).rfind("line 3: the header has no \"message\" column", 0) == 0);
  r = read_plan(PlanFormat::csv, "");
  CHECK(r.fatal);
  CHECK(r.errors.at(0).rfind("line 1: the plan has no header row", 0) == 0);
}

TEST_CASE("JSONL plan: value types, blank lines, errors per line") {
  const Read r = read_plan(PlanFormat::jsonl,
                           "{\"message\": 3, \"platforms\": [\"x\", \"bluesky\"], \"hashtags\": \"mieli, terapiatakuu\","
                           " \"link\": false, \"lang\": \"fi\", \"utm_campaign\": \"kevat\"}\n"
                           "\n"
                           "{\"message\": \"kipupiste\", \"hashtags\": [], \"link\": \"yes\"}\n"
                           "{\"message\": \"1\", \"hashtags\": null}\n"
                           "{\"message\": 1, \"tags\": []}\n"
                           "{\"message\": 1, \"platforms\": [1]}\n"
                           "{\"message\": true}\n"
                           "[1]\n"
                           "{\"message\": 1,\n"
                           "{\"platforms\": \"x\"}\n"
                           "{\"message\": 2, \"link\": 1}\n");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].line == 1);
  CHECK(r.rows[0].message == "3");
  CHECK(r.rows[0].platforms == std::vector<std::string>{"x", "bluesky"});
  CHECK(*r.rows[0].hashtags == std::vector<std::string>{"mieli", "terapiatakuu"});
  CHECK_FALSE(r.rows[0].link);
  CHECK(r.rows[0].utm_campaign == "kevat");
  CHECK(r.rows[1].line == 3);
  REQUIRE(r.rows[1].hashtags.has_value());
  CHECK(r.rows[1].hashtags->empty());  // [] means no tags
  CHECK(r.rows[1].link);
  CHECK(r.rows[2].line == 4);
  CHECK_FALSE(r.rows[2].hashtags.has_value());  // null means the defaults
  REQUIRE(r.errors.size() == 7);
  CHECK(r.errors[0] ==
        "line 5: unknown key \"tags\"; known: message, hashtags, platforms, link, lang, utm_campaign");
  CHECK(r.errors[1] == "line 6: \"platforms\" must be an array of strings");
  CHECK(r.errors[2] == "line 7: \"message\" must be a string or a number");
  CHECK(r.errors[3] ==
        "line 8: expected a JSON object with the keys message, hashtags, platforms, link, lang, utm_campaign");
  CHECK(r.errors[4].rfind("line 9: invalid JSON: ", 0) == 0);
  CHECK(r.errors[5] == "line 10: no \"message\" (a message number or id)");
  CHECK(r.errors[6] == "line 11: \"link\" must be true, false, \"yes\" or \"no\"");
}

TEST_CASE("JSONL plan: a duplicate key, a number too large for a double or deep nesting is one bad row") {
  const Read r = read_plan(PlanFormat::jsonl,
                           "{\"message\": \"1\", \"message\": \"2\"}\n"
                           "{\"message\": 1, \"platforms\": \"x\", \"platforms\": \"bluesky\"}\n"
                           "{\"message\":\"1\",\"platforms\":\"x\"}\n"
                           "{\"message\":\"2\",\"n\":1e999}\n"
                           "{\"message\":" + std::string(100, '[') + "}\n"
                           "{\"message\":\"3\"}\n");
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].line == 3);
  CHECK(r.rows[1].line == 6);
  REQUIRE(r.errors.size() == 4);
  CHECK(r.errors[0] == "line 1: message: duplicate key (only the last value would be used)");
  CHECK(r.errors[1] == "line 2: platforms: duplicate key (only the last value would be used)");
  CHECK(r.errors[2] == "line 4: invalid JSON: number overflow parsing '1e999' at column 20");
  CHECK(r.errors[3] == "line 5: invalid JSON: objects and arrays nested deeper than 64 levels at column 75");
}

TEST_CASE("plan errors quote a long key or value as its first 40 code points") {
  const std::string cut = std::string(40, 'k') + "...";
  Read r = read_plan(PlanFormat::jsonl, "{\"" + std::string(100'000, 'k') + "\": 1, \"message\": 1}\n"
                                        "{\"message\": 1, \"link\": \"" + std::string(1000, 'k') + "\"}\n"
                                        "{\"message\": 1, \"lang\": \"" + std::string(1000, 'k') + "\"}\n");
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0] == "line 1: unknown key \"" + cut + "\"; known: message, hashtags, platforms, link, lang, utm_campaign");
  CHECK(r.errors[1] == "line 2: link must be yes or no, not \"" + cut + "\"");
  CHECK(r.errors[2] == "line 3: lang \"" + cut + "\" is not a language tag such as fi or sv-FI");
  r = read_plan(PlanFormat::csv, "message," + std::string(100'000, 'k') + "\n");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].rfind("line 1: unknown column \"" + cut + "\" in the header; known: ", 0) == 0);
}

TEST_CASE("skip_line: a line too long to read is its own error; JSONL goes on, CSV stops") {
  PlanReader jsonl(PlanFormat::jsonl);
  CHECK(jsonl.feed_line("{\"message\": 1}") == PlanReader::Status::row);
  CHECK(jsonl.skip_line("too long") == PlanReader::Status::error);
  CHECK(jsonl.error_line() == 2);
  CHECK(jsonl.error() == "too long");
  CHECK_FALSE(jsonl.fatal());
  REQUIRE(jsonl.feed_line("{\"message\": 2}") == PlanReader::Status::row);
  CHECK(jsonl.row().line == 3);

  PlanReader csv(PlanFormat::csv);
  CHECK(csv.feed_line("message") == PlanReader::Status::none);
  CHECK(csv.skip_line("too long") == PlanReader::Status::error);
  CHECK(csv.error_line() == 2);
  CHECK(csv.fatal());
}

TEST_CASE("CSV plan: a record longer than the bound (a quote left open) stops the plan") {
  PlanReader reader(PlanFormat::csv, 20);
  CHECK(reader.feed_line("message,hashtags") == PlanReader::Status::none);
  CHECK(reader.feed_line("1,\"a") == PlanReader::Status::none);         // 4 bytes
  CHECK(reader.feed_line(std::string(10, 'b')) == PlanReader::Status::none);  // 4 + 1 + 10 = 15
  CHECK(reader.feed_line("cccc") == PlanReader::Status::none);          // 15 + 1 + 4 = 20: at the bound
  CHECK(reader.feed_line("d") == PlanReader::Status::error);            // 22
  CHECK(reader.fatal());
  CHECK(reader.error_line() == 2);
  CHECK(reader.error() == "the record starting here is longer than 20 bytes (a quote left open?)");
  // A single line as long as the bound is a record like any other.
  PlanReader exact(PlanFormat::csv, 20);
  CHECK(exact.feed_line("message,hashtags") == PlanReader::Status::none);
  CHECK(exact.feed_line("1," + std::string(18, 'h')) == PlanReader::Status::row);
}
