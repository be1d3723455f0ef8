// Fuzz harness: counting one text for all 7 built-in profiles, with a content warning,
// and both renderings of the result (src/core/count.*, src/core/report.*).
// Input: TEXT [0x1E CONTENT_WARNING]. Invalid UTF-8 stops after validation, as the CLI does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/report.hpp"
#include "count_checks.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> fields = fuzz::split_fields(fuzz::as_view(data, size), 2, 2);
  const std::string_view text = fields[0];
  const std::string_view warning = fields[1];
  if (!fuzz::valid_utf8(text) || !fuzz::valid_utf8(warning)) return 0;

  static const std::vector<const core::Profile*> profiles = [] {
    std::vector<const core::Profile*> all;
    for (const core::Profile& p : core::builtin_profiles()) all.push_back(&p);
    return all;
  }();
  FUZZ_CHECK(profiles.size() == 7);

  static core::Counter counter;  // reused, as count --jsonl reuses it: stale state would show
  core::CountResult result;
  counter.count(text, profiles, core::CountOptions{warning}, result);
  FUZZ_CHECK(result.platforms.size() == profiles.size());
  fuzz::check_count_result(text, result);
  for (std::size_t i = 0; i < profiles.size(); ++i) FUZZ_CHECK(result.platforms[i].profile == profiles[i]);

  // A fresh counter gives the same figures (the scratch buffers carry nothing over).
  core::Counter fresh;
  core::CountResult again;
  fresh.count(text, profiles, core::CountOptions{warning}, again);
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    FUZZ_CHECK(again.platforms[i].length == result.platforms[i].length);
    FUZZ_CHECK(again.platforms[i].fits == result.platforms[i].fits);
    FUZZ_CHECK(again.platforms[i].overflow_at == result.platforms[i].overflow_at);
  }

  fuzz::check_count_json(result);
  fuzz::check_count_table(text, result);

  // The display helpers make any text safe to show.
  for (const bool keep_newlines : {false, true}) {
    const std::string shown = core::neutralize_controls(text, keep_newlines);
    FUZZ_CHECK_MSG(fuzz::valid_utf8(shown), shown);
    FUZZ_CHECK_MSG(!fuzz::has_terminal_controls(shown, keep_newlines ? "\n" : ""), shown);
  }
  std::size_t at = result.platforms.front().overflow_at.value_or(text.size() / 2);
  while (!fuzz::on_code_point_boundary(text, at)) --at;
  const std::string painted = core::highlight_overflow(text, at);
  FUZZ_CHECK_MSG(fuzz::valid_utf8(painted), painted);
  FUZZ_CHECK_MSG(fuzz::only_sgr_escapes(painted), painted);
  return 0;
}
