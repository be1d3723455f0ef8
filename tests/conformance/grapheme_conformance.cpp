// Runs every line of the official GraphemeBreakTest.txt (Unicode 17.0) against somepost's
// segmenter: the exact boundaries (GraphemeIterator / next_grapheme_boundary) and the fast
// counter (count_graphemes), alone and between runs of ASCII that exercise its fast path.
// Usage: grapheme_conformance REPO_ROOT
#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "conformance.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/utf8.hpp"

namespace {

using somepost::conformance::Reporter;
namespace uc = somepost::unicode;

struct Case {
  std::string text;                    // UTF-8
  std::vector<std::size_t> boundaries;  // expected byte offsets of cluster ends
};

// Parses "÷ 0020 × 0308 ÷ 0020 ÷" into the text and its expected cluster ends.
bool parse_line(const std::string& line, Case& out) {
  const std::string data = line.substr(0, line.find('#'));
  std::istringstream in(data);
  std::string token;
  bool any = false;
  while (in >> token) {
    if (token == "\xC3\xB7") {  // ÷ U+00F7: a boundary here
      if (any) out.boundaries.push_back(out.text.size());
    } else if (token == "\xC3\x97") {  // × U+00D7: no boundary
    } else {
      uc::append_utf8(out.text, static_cast<char32_t>(std::stoul(token, nullptr, 16)));
      any = true;
    }
  }
  return any;
}

std::string join(const std::vector<std::size_t>& v) {
  return fmt::format("{}", fmt::join(v, ","));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: grapheme_conformance REPO_ROOT\n");
    return 2;
  }
  const std::string file = "data/ucd/GraphemeBreakTest.txt";
  std::ifstream in(std::string(argv[1]) + "/" + file);
  if (!in) {
    fmt::print(stderr, "cannot open {}\n", file);
    return 2;
  }
  Reporter boundaries("GraphemeBreakTest.txt boundaries");
  Reporter counts("GraphemeBreakTest.txt count_graphemes");
  Reporter offsets("GraphemeBreakTest.txt offset_after_graphemes");
  const std::string pad(16, 'a');
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    Case c;
    if (!parse_line(line, c)) continue;
    std::vector<std::size_t> got;
    for (std::size_t pos = 0; pos < c.text.size();) {
      pos = uc::next_grapheme_boundary(c.text, pos);
      got.push_back(pos);
    }
    std::vector<std::size_t> iterated;
    uc::GraphemeIterator it(c.text);
    for (std::string_view cluster; it.next(cluster);) {
      iterated.push_back(static_cast<std::size_t>(cluster.data() + cluster.size() - c.text.data()));
    }
    boundaries.check(got == c.boundaries && iterated == c.boundaries, file, number,
                     fmt::format("expected ends [{}], got [{}] / iterator [{}]", join(c.boundaries),
                                 join(got), join(iterated)));
    // U+0001 (Control) breaks on both sides (GB4, GB5), so padding adds exactly its clusters.
    const std::string padded = pad + "\x01" + c.text + "\x01" + pad;
    const std::size_t want = c.boundaries.size();
    const std::size_t alone = uc::count_graphemes(c.text);
    const std::size_t in_context = uc::count_graphemes(padded);
    // offset_after_graphemes(text, n) is where cluster n+1 starts, for every n, alone and
    // after the padding (whose 17 clusters shift n and the offsets).
    bool offsets_ok = uc::offset_after_graphemes(c.text, 0) == 0;
    std::string offset_detail;
    for (std::size_t n = 1; n <= want + 1; ++n) {
      const std::size_t expected = n <= want ? c.boundaries[n - 1] : c.text.size();
      const std::size_t got_alone = uc::offset_after_graphemes(c.text, n);
      // In the padded text cluster want+1 is the U+0001 after the text: one byte on.
      const std::size_t expected_padded = pad.size() + 1 + expected + (n > want ? 1 : 0);
      const std::size_t got_padded = uc::offset_after_graphemes(padded, pad.size() + 1 + n);
      if (got_alone != expected || got_padded != expected_padded) {
        offsets_ok = false;
        offset_detail = fmt::format("n={}: expected {}, got {} alone, {} padded (want {})", n, expected,
                                    got_alone, got_padded, expected_padded);
      }
    }
    offsets.check(offsets_ok, file, number, offset_detail);
    counts.check(alone == want && in_context == want + 2 * pad.size() + 2, file, number,
                 fmt::format("expected {} clusters, counted {} alone and {} padded (want {})", want,
                             alone, in_context, want + 2 * pad.size() + 2));
  }
  const int a = boundaries.finish();
  const int b = counts.finish();
  const int c = offsets.finish();
  return (a || b || c) ? 1 : 0;
}
