// Batch serializers: JSON Lines objects, CSV rows that read back, safe file names.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "core/batch.hpp"
#include "core/csv.hpp"
#include "support.hpp"

using namespace somepost::core;
using somepost::test::profile;
using nlohmann::json;

namespace {

Message message(int number, std::string id) {
  Message m;
  m.number = number;
  m.id = std::move(id);
  return m;
}

PlatformPost post_of(std::string_view text, std::string_view id, bool thread = false) {
  Counter counter;
  PostInput input{"{body}", text, "", {}, false, thread, {}};
  return compose_for_platform(input, profile(id), counter);
}

std::vector<std::vector<std::string>> read_csv(std::string_view document) {
  CsvReader reader;
  std::vector<std::vector<std::string>> records;
  std::size_t pos = 0;
  while (pos < document.size()) {
    const std::size_t newline = document.find('\n', pos);
    REQUIRE(newline != std::string_view::npos);  // every record ends with CRLF
    const auto status = reader.feed_line(document.substr(pos, newline - pos));
    REQUIRE(status != CsvReader::Status::error);
    if (status == CsvReader::Status::record) records.push_back(reader.fields());
    pos = newline + 1;
  }
  return records;
}

}  // namespace

TEST_CASE("sanitize_file_part keeps [a-z0-9-] only") {
  CHECK(sanitize_file_part("lasten-ja-nuorten-mieli") == "lasten-ja-nuorten-mieli");
  CHECK(sanitize_file_part("../../etc/passwd") == "etc-passwd");
  CHECK(sanitize_file_part("Äänestä Nyt!") == "nest-nyt");
  CHECK(sanitize_file_part("a/b\\c.d e") == "a-b-c-d-e");
  CHECK(sanitize_file_part("") == "message");
  CHECK(sanitize_file_part("...") == "message");
  const std::string long_id(100, 'a');
  CHECK(sanitize_file_part(long_id).size() == 60);
  const std::string words = std::string(59, 'a') + "-b";
  CHECK(sanitize_file_part(words) == std::string(59, 'a'));  // no dangling '-'
}

TEST_CASE("batch_file_name: number, sanitized id and platform; the plan line when there is one") {
  const Message m3 = message(3, "lasten-ja-nuorten-mieli");
  CHECK(batch_file_name({0, &m3}, "x") == "03-lasten-ja-nuorten-mieli.x.txt");
  CHECK(batch_file_name({12, &m3}, "bluesky") == "line12-03-lasten-ja-nuorten-mieli.bluesky.txt");
  const Message evil = message(123, "../../.ssh/authorized_keys");
  const std::string name = batch_file_name({0, &evil}, "../x");
  CHECK(name == "123-ssh-authorized-keys.x.txt");
  CHECK(name.find('/') == std::string::npos);
}

TEST_CASE("append_batch_json: the message, the platform, the text and the count") {
  const Message m = message(2, "jarjestot");
  const PlatformPost post = post_of("Hei \"kaikki\" #mieli", "x");
  std::string out;
  append_batch_json(out, {7, &m}, post, {true});
  const json row = json::parse(out);
  CHECK(row["line"] == 7);
  CHECK(row["message"] == "jarjestot");
  CHECK(row["number"] == 2);
  CHECK(row["platform"] == "x");
  CHECK(row["text"] == "Hei \"kaikki\" #mieli");
  CHECK(row["fits"] == true);
  CHECK(row["count"]["platforms"][0]["id"] == "x");
  CHECK(row["count"]["platforms"][0]["length"] == 19);
  CHECK(row["dropped_hashtags"] == json::array());
  CHECK_FALSE(row.contains("parts"));

  out.clear();
  append_batch_json(out, {0, &m}, post, {false});
  const json bare = json::parse(out);
  CHECK_FALSE(bare.contains("line"));
  CHECK_FALSE(bare.contains("dropped_hashtags"));
}

TEST_CASE("append_batch_json and CSV with a thread list the parts") {
  const Message m = message(1, "pitka");
  std::string text;
  for (int i = 0; i < 80; ++i) text += "sana ";
  text.pop_back();
  const PlatformPost post = post_of(text, "x", true);
  REQUIRE(post.parts.size() == 2);
  std::string out;
  append_batch_json(out, {0, &m}, post, {false});
  const json row = json::parse(out);
  REQUIRE(row["parts"].size() == 2);
  CHECK(row["parts"][1]["text"] == post.parts[1].text);
  CHECK(row["fits"] == true);

  std::string csv;
  append_batch_csv(csv, {0, &m}, post);
  const auto records = read_csv(csv);
  REQUIRE(records.size() == 2);
  CHECK(records[0][4] == "1/2");
  CHECK(records[1][4] == "2/2");
  CHECK(records[1][5] == post.parts[1].text);
}

TEST_CASE("batch CSV: header and rows read back exactly, newlines and quotes included") {
  const Message m = message(5, "kipupiste");
  const PlatformPost post = post_of("Rivi, \"lainaus\"\n\n#mieli", "bluesky");
  std::string csv;
  append_batch_csv_header(csv);
  append_batch_csv(csv, {4, &m}, post);
  const auto records = read_csv(csv);
  REQUIRE(records.size() == 2);
  const std::vector<std::string> header = {"line",  "message", "number",    "platform", "part",     "text",
                                           "fits",  "length",  "limit",     "remaining", "unit",    "bytes",
                                           "hashtags", "links", "warnings", "dropped_hashtags"};
  CHECK(records[0] == header);
  CHECK(records[1] == std::vector<std::string>{"4", "kipupiste", "5", "bluesky", "", "Rivi, \"lainaus\"\n\n#mieli",
                                               "true", "23", "300", "277", "graphemes", "23", "1", "0", "", ""});
}

TEST_CASE("batch CSV for Excel: text and warnings that start a formula are quoted text") {
  const Message m = message(2, "kaava");
  const PlatformPost post = post_of("=HYPERLINK(\"https://evil.example\";\"klikkaa\")", "x");
  std::string plain;
  append_batch_csv(plain, {0, &m}, post);
  std::string excel;
  append_batch_csv(excel, {0, &m}, post, CsvOptions{true});
  const auto plain_records = read_csv(plain);
  const auto excel_records = read_csv(excel);
  REQUIRE(plain_records.size() == 1);
  REQUIRE(excel_records.size() == 1);
  CHECK(plain_records[0][5] == post.text);               // without --excel: the text as it is
  CHECK(excel_records[0][5] == "'" + post.text);         // with it: read as text by a spreadsheet
  CHECK(excel.find("\"'=HYPERLINK(") != std::string::npos);
  // The other fields are the same: numbers stay numbers.
  for (std::size_t i = 0; i < plain_records[0].size(); ++i) {
    if (i != 5) CHECK(excel_records[0][i] == plain_records[0][i]);
  }

  // A post over its limit: "remaining" is a negative number, which stays a number.
  const PlatformPost over = post_of(std::string(300, 'a'), "x");
  std::string over_csv;
  append_batch_csv(over_csv, {0, &m}, over, CsvOptions{true});
  const auto over_records = read_csv(over_csv);
  REQUIRE(over_records.size() == 1);
  CHECK(over_records[0][9] == "-20");

  // A thread's parts are guarded each.
  std::string text = "@mieliry";
  for (int i = 0; i < 80; ++i) text += " sana";
  text += "\n---\n-huomio";
  const PlatformPost thread = post_of(text, "x", true);
  REQUIRE(thread.parts.size() >= 2);
  std::string thread_csv;
  append_batch_csv(thread_csv, {0, &m}, thread, CsvOptions{true});
  const auto thread_records = read_csv(thread_csv);
  REQUIRE(thread_records.size() == thread.parts.size());
  CHECK(thread_records.front()[5] == "'" + thread.parts.front().text);
  CHECK(thread_records.back()[5] == "'" + thread.parts.back().text);
}

TEST_CASE("batch CSV of a one-part thread writes the part as posted, not the text") {
  // Found by the export fuzz harness (corpus crash-one-part-thread-csv-text): a manual
  // break with nothing before it leaves one part, without the "---" line.
  const Message m = message(1, "message");
  const PlatformPost post = post_of("---\n\nx", "threads", true);
  REQUIRE(post.parts.size() == 1);
  REQUIRE(post.parts[0].text == "x");
  std::string csv;
  append_batch_csv(csv, {0, &m}, post);
  const auto records = read_csv(csv);
  REQUIRE(records.size() == 1);
  CHECK(records[0][4] == "");  // a single part is unnumbered
  CHECK(records[0][5] == "x");
  CHECK(records[0][7] == std::to_string(post.parts[0].count.platforms[0].length));
}
