// Helpers shared by the unit tests (header-only; include after doctest).
#pragma once

#include <doctest/doctest.h>

#include <string_view>

#include "core/count.hpp"
#include "core/platforms.hpp"

namespace somepost::test {

/// The built-in profile `id`; fails the test when there is none.
inline const core::Profile& profile(std::string_view id) {
  const core::Profile* p = core::find_profile(core::builtin_profiles(), id);
  REQUIRE(p != nullptr);
  return *p;
}

/// `text` counted on the built-in profile `id` by a fresh Counter, with a content warning.
inline core::CountResult count_on(std::string_view id, std::string_view text, std::string_view cw = {}) {
  core::Counter counter;
  core::CountResult result;
  core::CountOptions options;
  options.content_warning = cw;
  counter.count(text, {&profile(id)}, options, result);
  REQUIRE(result.platforms.size() == 1);
  return result;
}

}  // namespace somepost::test
