// The plain thread splitter and --fit: the simple implementations that src/core had before
// issue 11 made them fast, kept as the reference the fast ones must equal exactly
// (test_split_differential.cpp, test_fit_differential.cpp). They count the whole rest of
// the text for every part and rebuild the post for every dropped tag, so they are
// quadratic: for test-sized inputs only.
#pragma once

#include <string_view>
#include <vector>

#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"

namespace somepost::test::plain {

/// core::split_thread as it was: the same contract, the same parts, the same problem.
[[nodiscard]] core::ThreadResult split_thread(std::string_view text, const core::Profile& profile,
                                              const core::CountOptions& options, core::Counter& counter);

/// core::fit_post as it was: drops tags one at a time in drop order and counts each post.
[[nodiscard]] core::FitResult fit_post(std::string_view post_template, std::string_view body, std::string_view link,
                                       const std::vector<core::ChosenTag>& tags, const core::Profile& profile,
                                       core::Counter& counter, const core::CountOptions& options = {});

}  // namespace somepost::test::plain
