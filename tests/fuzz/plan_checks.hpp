// The batch plan reader (core::PlanReader) fed a whole fuzz input line by line, the way
// `somepost batch --plan FILE` feeds it, with its checks; shared by the plan_csv and
// plan_jsonl harnesses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan.hpp"
#include "fuzz_common.hpp"

namespace somepost::fuzz {

/// Longest line fed to the reader: a longer one goes to skip_line, as the CLI does with
/// lines past its bound. Small, so that fuzz inputs reach it.
inline constexpr std::size_t kPlanMaxLine = 512;
/// The reader's CSV record bound, likewise small.
inline constexpr std::size_t kPlanMaxRecord = 1024;

inline void check_plan_status(const core::PlanReader& reader, core::PlanReader::Status status,
                              std::size_t lines_fed, std::size_t& last_row_line) {
  using Status = core::PlanReader::Status;
  if (status == Status::row) {
    const core::PlanRow& row = reader.row();
    // A row starts at a line already fed, after the previous row's.
    FUZZ_CHECK(row.line >= 1 && row.line <= lines_fed);
    FUZZ_CHECK(row.line > last_row_line);
    last_row_line = row.line;
    FUZZ_CHECK_MSG(valid_utf8(row.message), row.message);
    FUZZ_CHECK_MSG(valid_utf8(row.lang), row.lang);
    FUZZ_CHECK_MSG(valid_utf8(row.utm_campaign), row.utm_campaign);
    if (row.hashtags) {
      for (const std::string& tag : *row.hashtags) FUZZ_CHECK_MSG(!tag.empty() && valid_utf8(tag), tag);
    }
    for (const std::string& id : row.platforms) FUZZ_CHECK_MSG(!id.empty() && valid_utf8(id), id);
  } else if (status == Status::error) {
    FUZZ_CHECK_PATH(reader.error());  // may start with a duplicate key's path
    FUZZ_CHECK(reader.error_line() >= 1 && reader.error_line() <= lines_fed + 1);
  } else {
    FUZZ_CHECK(!reader.fatal());
  }
}

/// Feeds `data` to a PlanReader of `format` one physical line at a time, then finish().
inline void run_plan(core::PlanFormat format, std::string_view data) {
  core::PlanReader reader(format, kPlanMaxRecord);
  std::size_t lines_fed = 0;
  std::size_t last_row_line = 0;
  for (const std::string_view line : split_lines(data)) {
    ++lines_fed;
    const core::PlanReader::Status status =
        line.size() > kPlanMaxLine ? reader.skip_line("line longer than the fuzz bound") : reader.feed_line(line);
    check_plan_status(reader, status, lines_fed, last_row_line);
    if (reader.fatal()) return;  // the CLI stops here too
  }
  const core::PlanReader::Status status = reader.finish();
  FUZZ_CHECK(status != core::PlanReader::Status::row);
  check_plan_status(reader, status, lines_fed, last_row_line);
}

}  // namespace somepost::fuzz
