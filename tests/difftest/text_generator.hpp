// The differential test's texts (issue 10): a seeded, deterministic generator biased
// toward the places where counting bugs live. Text number i of seed s is always the same
// (each text has its own generator state), so a failure is reproduced by its seed and
// index alone, and threads can share the work in any split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace somepost::difftest {

/// One generated case: the text and the knobs the harness varies with it.
struct GeneratedText {
  std::string text;             ///< valid UTF-8 (may hold NUL and every control)
  std::string content_warning;  ///< valid UTF-8, often empty (Mastodon counts it)
  std::size_t small_limit = 0;  ///< 1..80: the limit of the small-limit copies of the profiles
  std::uint64_t knob = 0;       ///< more random bits for the harness (thread limits, tags)
};

/// Text number `index` of `seed`. Deterministic across runs, platforms and threads.
[[nodiscard]] GeneratedText generate_text(std::uint64_t seed, std::uint64_t index);

}  // namespace somepost::difftest
