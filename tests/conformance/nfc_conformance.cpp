// NFC conformance against the Unicode 17.0 NormalizationTest.txt (UAX #15, Conformance
// Testing). Usage: nfc_conformance REPOSITORY_ROOT. Reads data/ucd/NormalizationTest.txt and
// checks, for every line of every part, through both the UTF-8 and the UTF-32 API:
//   c2 == NFC(c1) == NFC(c2) == NFC(c3)   and   c4 == NFC(c4) == NFC(c5);
// then Part 1's rule that every scalar value not listed in Part 1's c1 column is its own NFC;
// and that is_nfc_quick never says Yes for a string that NFC changes. Prints "N/M passed"
// per suite, names each failing file line, and exits nonzero on any failure.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.hpp"
#include "unicode/normalization.hpp"
#include "unicode/utf8.hpp"

namespace {

using somepost::conformance::Reporter;
namespace unicode = somepost::unicode;

constexpr std::string_view kFile = "NormalizationTest.txt";

/// One data line: its number, its part (0..5) and its five columns.
struct TestLine {
  std::size_t number = 0;
  int part = -1;
  std::u32string columns[5];
};

/// Parses "0041 0301" into code points; false on anything that is not hex.
bool parse_sequence(std::string_view field, std::u32string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < field.size()) {
    while (i < field.size() && field[i] == ' ') ++i;
    if (i == field.size()) break;
    char32_t cp = 0;
    std::size_t digits = 0;
    for (; i < field.size() && field[i] != ' '; ++i, ++digits) {
      const char c = field[i];
      unsigned value = 0;
      if (c >= '0' && c <= '9')
        value = unsigned(c - '0');
      else if (c >= 'A' && c <= 'F')
        value = unsigned(c - 'A' + 10);
      else if (c >= 'a' && c <= 'f')
        value = unsigned(c - 'a' + 10);
      else
        return false;
      cp = cp * 16 + value;
    }
    if (digits == 0 || digits > 6) return false;
    out.push_back(cp);
  }
  return !out.empty();
}

std::string to_utf8(std::u32string_view text) {
  std::string out;
  for (const char32_t cp : text) unicode::append_utf8(out, cp);
  return out;
}

std::string hex(std::u32string_view text) {
  std::string out;
  char buf[16];
  for (const char32_t cp : text) {
    std::snprintf(buf, sizeof buf, out.empty() ? "%04X" : " %04X", unsigned(cp));
    out += buf;
  }
  return out.empty() ? "(empty)" : out;
}

/// Decodes well-formed UTF-8 (the API's output) for failure messages.
std::u32string from_utf8(std::string_view text) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unicode::Decoded decoded = unicode::decode_lenient(p, end);
    out.push_back(decoded.code_point);
    p += decoded.length;
  }
  return out;
}

/// Checks NFC(input) == expected through every API; on failure appends what went wrong.
void check_nfc(std::u32string_view input, std::u32string_view expected, const char* column,
               std::string& errors) {
  const std::u32string got32 = unicode::nfc(input);
  if (got32 != expected) {
    errors += std::string("nfc(u32 ") + column + ") = " + hex(got32) + "; ";
  }
  const std::string input8 = to_utf8(input);
  const std::string expected8 = to_utf8(expected);
  std::string storage;
  const std::string_view got8 = unicode::to_nfc(input8, storage);
  if (got8 != expected8) {
    errors += std::string("to_nfc(") + column + ") = " + hex(from_utf8(got8)) + "; ";
  }
  if (unicode::nfc(std::string_view(input8)) != expected8) {
    errors += std::string("nfc(utf8 ") + column + ") differs; ";
  }
  // The same inside context, so the region logic must copy the text around it: the space
  // and the letters are boundaries that compose with nothing before them.
  const std::string wrapped = "Xy| " + input8 + " |" + input8 + " end";
  const std::string wrapped_expected = "Xy| " + expected8 + " |" + expected8 + " end";
  if (unicode::to_nfc(wrapped, storage) != wrapped_expected) {
    errors += std::string("to_nfc(context + ") + column + " + context) differs; ";
  }
}

/// The quick check must never say Yes for a string that NFC changes, and when it says Yes
/// to_nfc must return the input itself.
void check_quick(std::u32string_view input, const char* column, std::string& errors) {
  const std::string input8 = to_utf8(input);
  if (!unicode::is_nfc_quick(input8)) return;
  std::string storage;
  const std::string_view got = unicode::to_nfc(input8, storage);
  if (got != input8) {
    errors += std::string("is_nfc_quick(") + column + ") is true but NFC differs; ";
  } else if (got.data() != input8.data()) {
    errors += std::string("is_nfc_quick(") + column + ") is true but to_nfc copied; ";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s REPOSITORY_ROOT\n", argc > 0 ? argv[0] : "nfc_conformance");
    return 2;
  }
  const std::string path = std::string(argv[1]) + "/data/ucd/NormalizationTest.txt";
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    return 2;
  }

  Reporter nfc_suite("NormalizationTest.txt NFC");
  Reporter invariance_suite("NormalizationTest.txt Part 1 invariance");
  Reporter quick_suite("NormalizationTest.txt quick-check consistency");

  std::vector<bool> listed_in_part1(0x110000, false);
  std::size_t part1_line = 0;
  int part = -1;
  std::string line;
  std::size_t number = 0;
  static const char* const kColumnNames[5] = {"c1", "c2", "c3", "c4", "c5"};
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view data = std::string_view(line).substr(0, line.find('#'));
    if (data.find_first_not_of(' ') == std::string_view::npos) continue;
    if (data[0] == '@') {
      if (data.rfind("@Part", 0) == 0) {
        part = std::atoi(std::string(data.substr(5)).c_str());
        if (part == 1) part1_line = number;
      }
      continue;
    }
    TestLine test;
    test.number = number;
    test.part = part;
    std::size_t start = 0;
    bool ok = true;
    for (int column = 0; column < 5 && ok; ++column) {
      const std::size_t semicolon = data.find(';', start);
      if (semicolon == std::string_view::npos) {
        ok = false;
        break;
      }
      ok = parse_sequence(data.substr(start, semicolon - start), test.columns[column]);
      start = semicolon + 1;
    }
    if (!ok) {
      nfc_suite.check(false, kFile, number, "cannot parse the line");
      continue;
    }
    if (part == 1 && test.columns[0].size() == 1 && test.columns[0][0] < 0x110000) {
      listed_in_part1[test.columns[0][0]] = true;
    }

    std::string errors;
    for (int column = 0; column < 3; ++column)
      check_nfc(test.columns[column], test.columns[1], kColumnNames[column], errors);
    for (int column = 3; column < 5; ++column)
      check_nfc(test.columns[column], test.columns[3], kColumnNames[column], errors);
    // All five columns in one text, so one call meets several regions.
    std::u32string all, all_expected;
    for (int column = 0; column < 5; ++column) {
      all += test.columns[column];
      all += U' ';
      all_expected += test.columns[column < 3 ? 1 : 3];
      all_expected += U' ';
    }
    std::string storage;
    if (unicode::to_nfc(to_utf8(all), storage) != to_utf8(all_expected))
      errors += "to_nfc(c1 c2 c3 c4 c5) differs; ";
    if (errors.size() > 300) errors = errors.substr(0, 300) + "...";
    nfc_suite.check(
        errors.empty(), kFile, number,
        errors.empty() ? std::string() : "c1 = " + hex(test.columns[0]) + ": " + errors);

    std::string quick_errors;
    for (int column = 0; column < 5; ++column)
      check_quick(test.columns[column], kColumnNames[column], quick_errors);
    quick_suite.check(quick_errors.empty(), kFile, number, quick_errors);
  }

  // Part 1: "All characters not explicitly occurring in c1 of Part 1 have identical NFC,
  // D, KC and KD forms" - so each is its own NFC. Reported against the @Part1 line.
  if (part1_line == 0) invariance_suite.check(false, kFile, number, "no @Part1 section found");
  std::u32string single(1, U'\0');
  std::string storage;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || listed_in_part1[cp]) continue;
    single[0] = cp;
    const std::string utf8 = to_utf8(single);
    const bool ok = unicode::nfc(std::u32string_view(single)) == single &&
                    unicode::to_nfc(utf8, storage) == utf8;
    if (ok) {
      invariance_suite.check(true, kFile, part1_line, {});
    } else {
      char detail[96];
      std::snprintf(detail, sizeof detail, "U+%04X is not in Part 1 but NFC changes it",
                    unsigned(cp));
      invariance_suite.check(false, kFile, part1_line, detail);
    }
  }

  const int a = nfc_suite.finish();
  const int b = invariance_suite.finish();
  const int c = quick_suite.finish();
  return (a | b | c) != 0 ? 1 : 0;
}
