// The reference counter's Unicode layer (ref_unicode.cpp) against the official Unicode 17.0
// test files: every line of data/ucd/GraphemeBreakTest.txt (the boundaries) and of
// data/ucd/NormalizationTest.txt (the NFC column: c2 == NFC(c1) == NFC(c2) == NFC(c3) and
// c4 == NFC(c4) == NFC(c5)). Prints "N/M passed" per file, names each failing line, and
// exits 1 on any failure. Usage: reference_unicode_conformance [REPO_ROOT] (default: the
// source directory it was built from).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reference.hpp"

namespace {

namespace ref = somepost::reference;

/// Counts cases and prints each failure as "FAIL file:line: detail" (the first 50).
class Tally {
 public:
  explicit Tally(std::string file) : file_(std::move(file)) {}
  void check(bool ok, std::size_t line, const std::string& detail) {
    ++total_;
    if (ok) {
      ++passed_;
    } else if (++failed_ <= 50) {
      std::printf("FAIL %s:%zu: %s\n", file_.c_str(), line, detail.c_str());
    }
  }
  /// Prints "FILE: N/M passed"; true when every case (at least one) passed.
  bool finish() const {
    std::printf("%s: %zu/%zu passed\n", file_.c_str(), passed_, total_);
    return total_ > 0 && passed_ == total_;
  }

 private:
  std::string file_;
  std::size_t total_ = 0;
  std::size_t passed_ = 0;
  std::size_t failed_ = 0;
};

std::string hex(const std::u32string& text) {
  std::string out;
  char buf[16];
  for (const char32_t cp : text) {
    std::snprintf(buf, sizeof buf, out.empty() ? "%04X" : " %04X", static_cast<unsigned>(cp));
    out += buf;
  }
  return out.empty() ? "(empty)" : out;
}

std::string join(const std::vector<std::size_t>& values) {
  std::string out;
  for (const std::size_t v : values) out += (out.empty() ? "" : ",") + std::to_string(v);
  return out;
}

/// Parses hex code points separated by spaces ("0041 0301").
std::u32string parse_code_points(const std::string& field) {
  std::u32string out;
  std::istringstream in(field);
  std::string token;
  while (in >> token) out.push_back(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
  return out;
}

// GraphemeBreakTest.txt: "÷ 0020 × 0308 ÷ 0020 ÷  # comment": ÷ (U+00F7) marks a
// boundary, × (U+00D7) none. The expected boundaries are code point indices, 0 and the
// end included, as grapheme_boundaries returns them.
bool run_grapheme_test(const std::string& root) {
  const std::string file = "GraphemeBreakTest.txt";
  std::ifstream in(root + "/data/ucd/" + file);
  if (!in) {
    std::printf("cannot open %s/data/ucd/%s\n", root.c_str(), file.c_str());
    return false;
  }
  Tally tally(file);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line.substr(0, line.find('#')));
    std::u32string text;
    std::vector<std::size_t> expected;
    std::string token;
    while (fields >> token) {
      if (token == "\xC3\xB7") {
        expected.push_back(text.size());
      } else if (token != "\xC3\x97") {
        text.push_back(static_cast<char32_t>(std::stoul(token, nullptr, 16)));
      }
    }
    if (text.empty()) continue;
    const std::vector<std::size_t> got = ref::grapheme_boundaries(text);
    tally.check(got == expected, number,
                hex(text) + ": expected boundaries [" + join(expected) + "], got [" + join(got) + "]");
  }
  return tally.finish();
}

// NormalizationTest.txt: "c1;c2;c3;c4;c5; # comment" under "@PartN" headers.
bool run_normalization_test(const std::string& root) {
  const std::string file = "NormalizationTest.txt";
  std::ifstream in(root + "/data/ucd/" + file);
  if (!in) {
    std::printf("cannot open %s/data/ucd/%s\n", root.c_str(), file.c_str());
    return false;
  }
  Tally tally(file);
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::string data = line.substr(0, line.find('#'));
    if (data.find_first_not_of(" \r") == std::string::npos || data[0] == '@') continue;
    std::u32string c[5];
    std::size_t start = 0;
    bool parsed = true;
    for (auto& column : c) {
      const std::size_t semicolon = data.find(';', start);
      if (semicolon == std::string::npos) {
        parsed = false;
        break;
      }
      column = parse_code_points(data.substr(start, semicolon - start));
      start = semicolon + 1;
    }
    if (!parsed) {
      tally.check(false, number, "cannot parse the line");
      continue;
    }
    std::string errors;
    const auto expect = [&](const std::u32string& input, const std::u32string& want, const char* name) {
      const std::u32string got = ref::nfc(input);
      if (got != want) errors += std::string("NFC(") + name + ") = " + hex(got) + "; ";
    };
    expect(c[0], c[1], "c1");
    expect(c[1], c[1], "c2");
    expect(c[2], c[1], "c3");
    expect(c[3], c[3], "c4");
    expect(c[4], c[3], "c5");
    tally.check(errors.empty(), number, "c1 = " + hex(c[0]) + ", c2 = " + hex(c[1]) + ": " + errors);
  }
  return tally.finish();
}

}  // namespace

int main(int argc, char** argv) {
#ifdef SOMEPOST_SOURCE_DIR
  std::string root = SOMEPOST_SOURCE_DIR;
#else
  std::string root = ".";
#endif
  if (argc > 1) root = argv[1];
  const bool graphemes_ok = run_grapheme_test(root);
  const bool nfc_ok = run_normalization_test(root);
  return graphemes_ok && nfc_ok ? 0 : 1;
}
