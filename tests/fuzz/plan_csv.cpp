// Fuzz harness: reading a batch plan as CSV (core::PlanReader, src/core/plan.*),
// line by line as `somepost batch --plan` does. Input: a plan file (any bytes).
#include <cstddef>
#include <cstdint>

#include "core/plan.hpp"
#include "plan_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  somepost::fuzz::run_plan(somepost::core::PlanFormat::csv, somepost::fuzz::as_view(data, size));
  return 0;
}
