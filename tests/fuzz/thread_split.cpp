// Fuzz harness: splitting a post into a thread (core::split_thread, src/core/thread_split.*)
// on a built-in profile given a small random limit, so that most inputs need many parts.
// Input: PARAMS 0x1E TEXT [0x1E CONTENT_WARNING], PARAMS being decimal numbers:
// profile index (0-6, built-in order), limit (1-300), byte limit for profiles that have
// one (1-600).
//
// Checks the header's contract: every part fits the platform (counted again here); a
// post that fits and has no manual break comes back unchanged as one part; otherwise
// every part ends in " N/TOTAL" and the parts, without their numbers, are the text's
// own pieces in order, separated only by whitespace and manual break lines ("---"); a
// post that cannot be split comes back whole, with a problem.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"
#include "count_checks.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

namespace {

bool is_gap_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The end of the run of whitespace and manual break lines starting at `at`.
std::size_t skip_gap(std::string_view text, std::size_t at) {
  while (at < text.size()) {
    if (at == 0 || text[at - 1] == '\n') {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      if (core::is_thread_break(text.substr(at, end - at))) {
        at = end == text.size() ? end : end + 1;
        continue;
      }
    }
    if (!is_gap_space(text[at])) break;
    ++at;
  }
  return at;
}

std::string label(std::size_t n, std::size_t total) {
  return " " + std::to_string(n) + "/" + std::to_string(total);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> fields = fuzz::split_fields(fuzz::as_view(data, size), 3, 3);
  const std::string_view text = fields[1];
  const std::string_view warning = fields[2];
  if (!fuzz::valid_utf8(text) || !fuzz::valid_utf8(warning)) return 0;

  fuzz::Numbers numbers(fields[0]);
  const std::vector<core::Profile>& builtin = core::builtin_profiles();
  core::Profile profile = builtin[numbers.next_in(0, builtin.size() - 1, 0)];
  profile.limit = numbers.next_in(1, 300, profile.limit);
  if (profile.byte_limit) profile.byte_limit = numbers.next_in(1, 600, *profile.byte_limit);
  const core::CountOptions options{warning};

  core::Counter counter;
  const core::ThreadResult result = core::split_thread(text, profile, options, counter);
  FUZZ_CHECK(!result.parts.empty());

  if (!result.fits) {
    // All or nothing: the whole text, unsplit, and why.
    FUZZ_CHECK_MESSAGE(result.problem);
    FUZZ_CHECK(result.parts.size() == 1);
    FUZZ_CHECK(result.parts[0].text == text);
    return 0;
  }
  FUZZ_CHECK_MSG(result.problem.empty(), result.problem);

  // Every part fits, as counted here, and its own count says so.
  core::Counter recount;
  core::CountResult c;
  for (const core::ThreadPart& part : result.parts) {
    FUZZ_CHECK(fuzz::valid_utf8(part.text));
    recount.count(part.text, {&profile}, options, c);
    FUZZ_CHECK_MSG(c.platforms.front().fits, part.text);
    FUZZ_CHECK(part.count.platforms.size() == 1);
    FUZZ_CHECK(part.count.platforms.front().length == c.platforms.front().length);
    FUZZ_CHECK(part.count.platforms.front().fits);
    fuzz::check_count_result(part.text, part.count);
  }

  // A text that fits and has no manual break is returned unchanged.
  bool manual_break = false;
  for (const std::string_view line : fuzz::split_lines(text)) manual_break = manual_break || core::is_thread_break(line);
  recount.count(text, {&profile}, options, c);
  if (c.platforms.front().fits && !manual_break) {
    FUZZ_CHECK(result.parts.size() == 1);
    FUZZ_CHECK(result.parts[0].text == text);
  }
  // One unnumbered part: the text as it was.
  if (result.parts.size() == 1 && result.parts[0].text == text) return 0;

  // Numbered parts: the text's pieces in order, with only whitespace and manual break
  // lines between them.
  const std::size_t total = result.parts.size();
  std::size_t at = 0;
  for (std::size_t i = 0; i < total; ++i) {
    // A thread of one part is not numbered (thread_split.hpp): its piece is all of it.
    const std::string number = total == 1 ? std::string() : label(i + 1, total);
    const std::string_view part = result.parts[i].text;
    FUZZ_CHECK_MSG(part.size() >= number.size() && part.substr(part.size() - number.size()) == number, part);
    const std::string_view piece = part.substr(0, part.size() - number.size());
    // The piece starts after the gap, or inside it when it begins with whitespace that
    // belongs to a cluster (a space carrying U+0301): take the latest start that matches.
    const std::size_t gap_end = skip_gap(text, at);
    std::size_t start = gap_end + 1;
    while (start-- > at) {
      if (text.substr(start, piece.size()) == piece) break;
    }
    FUZZ_CHECK_MSG(start != static_cast<std::size_t>(-1) && start >= at, part);
    at = start + piece.size();
  }
  FUZZ_CHECK_MSG(skip_gap(text, at) == text.size(), text.substr(at));
  return 0;
}
