// Fuzz harness: a `--platforms FILE` profiles document (core::parse_profiles), merged with
// the built-in profiles, explained (`count --explain`) and counted with: a profile that
// passed validation must count any text without failing. Input: DOCUMENT [0x1E TEXT
// [0x1E LIMIT_OVERRIDE]]; TEXT defaults to a post with a link, a hashtag and a mention.
#include <cstddef>
#include <cstdint>
#include <optional>
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
  const std::vector<std::string_view> fields = fuzz::split_fields(fuzz::as_view(data, size), 3, 3);
  const core::ProfilesResult result = core::parse_profiles(fields[0]);
  FUZZ_CHECK(result.errors.empty() || result.profiles.empty());
  for (const core::ProfileError& e : result.errors) {
    FUZZ_CHECK_PATH(e.where);
    FUZZ_CHECK_MESSAGE(e.message);
  }
  if (!result.errors.empty()) return 0;

  for (const core::Profile& p : result.profiles) {
    // The documented bounds hold for whatever passed.
    FUZZ_CHECK_MSG(!p.id.empty() && p.limit <= core::kMaxLimit, p.id);
    FUZZ_CHECK_MSG(!p.byte_limit || *p.byte_limit <= core::kMaxLimit, p.id);
    FUZZ_CHECK_MSG(p.url_length <= core::kMaxUrlLength, p.id);
    for (const char c : p.id) FUZZ_CHECK_MSG((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-', p.id);
    FUZZ_CHECK(fuzz::valid_utf8(core::render_profile_explanation(p)));
  }
  std::vector<core::Profile> merged = core::builtin_profiles();
  core::merge_profiles(merged, result.profiles);
  for (const core::Profile& p : result.profiles) FUZZ_CHECK(core::find_profile(merged, p.id) != nullptr);

  std::string_view text = fields[1];
  if (text.empty()) text = "Hei @maija@example.social! Katso https://mieli.fi/x #mielenterveys 🧠❤️";
  if (!fuzz::valid_utf8(text)) return 0;
  if (!fields[2].empty() && fuzz::valid_utf8(fields[2])) {
    const std::optional<std::string> error = core::apply_limit_override(merged, fields[2]);
    if (error) FUZZ_CHECK_MESSAGE(*error);
    for (const core::Profile& p : merged) FUZZ_CHECK_MSG(p.limit <= core::kMaxLimit, p.id);
  }

  std::vector<const core::Profile*> all;
  for (const core::Profile& p : merged) all.push_back(&p);
  core::Counter counter;
  core::CountResult count;
  counter.count(text, all, core::CountOptions{"cw"}, count);
  fuzz::check_count_result(text, count);
  fuzz::check_count_json(count);
  (void)core::render_count_table(count, text, core::TableStyle{true});
  return 0;
}
