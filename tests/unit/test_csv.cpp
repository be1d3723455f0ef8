// RFC 4180 CSV: the writer's quoting and the incremental reader, and the two together.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/csv.hpp"

using namespace somepost::core;

namespace {

std::string field(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

// Feeds `document` line by line (split at '\n') and collects the records; an error is
// recorded as a record holding "ERROR: " + the message.
std::vector<std::vector<std::string>> read_all(std::string_view document) {
  CsvReader reader;
  std::vector<std::vector<std::string>> records;
  std::size_t pos = 0;
  while (pos < document.size()) {
    const std::size_t newline = document.find('\n', pos);
    const std::size_t end = newline == std::string_view::npos ? document.size() : newline;
    const auto status = reader.feed_line(document.substr(pos, end - pos));
    if (status == CsvReader::Status::record) records.push_back(reader.fields());
    if (status == CsvReader::Status::error) records.push_back({std::string("ERROR: ") + reader.error()});
    pos = end + 1;
  }
  if (reader.finish() == CsvReader::Status::error) records.push_back({std::string("ERROR: ") + reader.error()});
  return records;
}

}  // namespace

TEST_CASE("append_csv_field quotes exactly when RFC 4180 needs it") {
  CHECK(field("plain text") == "plain text");
  CHECK(field("ääkköset 👋") == "ääkköset 👋");
  CHECK(field("") == "");
  CHECK(field(" leading space") == " leading space");
  CHECK(field("a,b") == "\"a,b\"");
  CHECK(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(field("line\nbreak") == "\"line\nbreak\"");
  CHECK(field("cr\rhere") == "\"cr\rhere\"");
  CHECK(field("\"") == "\"\"\"\"");
}

TEST_CASE("guard_formulas: a field a spreadsheet would take for a formula is quoted text") {
  struct Case {
    std::string_view field;
    std::string_view guarded;  // with guard_formulas; without it the field is written as before
  };
  static constexpr Case kCases[] = {
      // OWASP's first characters: '=', '+', '-', '@', TAB and CR.
      {"=HYPERLINK(\"https://evil.example\",\"klikkaa\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klikkaa\"\")\""},
      {"=1+2", "\"'=1+2\""},
      {"+358 40 123", "\"'+358 40 123\""},
      {"-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""},
      {"@SUM(1+1)*cmd|' /C calc'!A0", "\"'@SUM(1+1)*cmd|' /C calc'!A0\""},
      {"\t=1+2", "\"'\t=1+2\""},
      {"\r=1+2", "\"'\r=1+2\""},
      {"-", "\"'-\""},
      {"--", "\"'--\""},
      {"-1.5", "\"'-1.5\""},  // not an integer
      // Integers are numbers to a spreadsheet, not formulas: remaining -12 stays a number.
      {"-12", "-12"},
      {"280", "280"},
      // Anything else is written as without the guard.
      {"Äänestä! =ei kaava", "Äänestä! =ei kaava"},
      {" =1+2", " =1+2"},
      {"#mieli", "#mieli"},
      {"a,b", "\"a,b\""},
      {"", ""},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.field);
    std::string out;
    append_csv_field(out, c.field, CsvOptions{true});
    CHECK(out == c.guarded);
    // Without the option the field is plain RFC 4180 and reads back byte for byte.
    const std::string plain = field(c.field);
    const auto records = read_all(plain + "\n");
    REQUIRE(records.size() == 1);
    CHECK(records[0] == std::vector<std::string>{std::string(c.field)});
  }
}

TEST_CASE("guard_formulas: a guarded record reads back as the field with a quote in front") {
  std::string out;
  append_csv_record(out, {"=1+2", "-3", "x,\"y\"", "@a\nb"}, CsvOptions{true});
  CHECK(out == "\"'=1+2\",-3,\"x,\"\"y\"\"\",\"'@a\nb\"\r\n");
  const auto records = read_all(out);
  REQUIRE(records.size() == 1);
  CHECK(records[0] == std::vector<std::string>{"'=1+2", "-3", "x,\"y\"", "'@a\nb"});
}

TEST_CASE("append_csv_record separates with commas and ends with CRLF") {
  std::string out;
  append_csv_record(out, {"1", "x", "Hei, maailma!\n#mieli", ""});
  CHECK(out == "1,x,\"Hei, maailma!\n#mieli\",\r\n");
}

TEST_CASE("CsvReader: plain, quoted, empty fields, CRLF and LF line ends") {
  const auto records = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n1,,3\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0] == std::vector<std::string>{"a", "b", "c"});
  CHECK(records[1] == std::vector<std::string>{"x, y", "say \"hi\"", ""});
  CHECK(records[2] == std::vector<std::string>{"1", "", "3"});
}

TEST_CASE("CsvReader: a quoted field spans lines and keeps CRLF inside it") {
  const auto records = read_all("\"first\r\nsecond\nthird\",end\r\nnext\r\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0] == std::vector<std::string>{"first\r\nsecond\nthird", "end"});
  CHECK(records[1] == std::vector<std::string>{"next"});
}

TEST_CASE("CsvReader: a BOM before the first record is skipped, not later") {
  const auto records = read_all("\xEF\xBB\xBFmessage,platforms\n\xEF\xBB\xBFx,y\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0][0] == "message");
  CHECK(records[1][0] == "\xEF\xBB\xBFx");
}

TEST_CASE("CsvReader: errors name the column and the reader recovers on the next line") {
  auto records = read_all("ab\"c,d\nok\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0][0] == "ERROR: column 3: a quote inside an unquoted field (quote the whole field)");
  CHECK(records[1] == std::vector<std::string>{"ok"});

  records = read_all("\"abc\"d,e\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0][0].rfind("ERROR: column 6: text after a closing quote", 0) == 0);

  records = read_all("\"never closed\nstill open");
  REQUIRE(records.size() == 1);
  CHECK(records[0][0] == "ERROR: the input ends inside a quoted field (a closing quote is missing)");
}

TEST_CASE("CSV round trip: whatever the writer writes, the reader reads back unchanged") {
  std::mt19937 random(4180);
  const std::vector<std::string> pieces = {"a", ",", "\"", "\n", "\r\n", " ", "ä", "👋🏽", "#mieli", "\r", "x,y"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> record(1 + random() % 5);
    for (auto& f : record) {
      const std::size_t n = random() % 6;
      for (std::size_t i = 0; i < n; ++i) f += pieces[random() % pieces.size()];
    }
    // A lone CR at the end of an unquoted last field would be read as the line end; the
    // writer quotes any field with a CR, so that cannot happen.
    std::string document;
    append_csv_record(document, record);
    append_csv_record(document, {"after"});
    const auto back = read_all(document);
    REQUIRE(back.size() == 2);
    CHECK(back[0] == record);
    CHECK(back[1] == std::vector<std::string>{"after"});
  }
}
