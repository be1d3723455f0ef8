// A tiny reporter shared by the conformance binaries: counts cases, prints each failure
// with its file and line, and ends with "N/M passed". Test code only.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace somepost::conformance {

class Reporter {
 public:
  /// `suite` names the suite in the summary line, e.g. "GraphemeBreakTest.txt".
  explicit Reporter(std::string suite) : suite_(std::move(suite)) {}

  /// Records one case; on failure prints "FAIL file:line: detail" to stdout.
  void check(bool ok, std::string_view file, std::size_t line, std::string_view detail) {
    ++total_;
    if (ok) {
      ++passed_;
    } else if (++printed_ <= kMaxPrinted) {
      std::printf("FAIL %.*s:%zu: %.*s\n", int(file.size()), file.data(), line,
                  int(detail.size()), detail.data());
    }
  }

  /// Prints the "N/M passed" line and returns the process exit code (0 only if all passed
  /// and at least one case ran).
  int finish() const {
    std::printf("%s: %zu/%zu passed\n", suite_.c_str(), passed_, total_);
    return (total_ > 0 && passed_ == total_) ? 0 : 1;
  }

  std::size_t total() const { return total_; }
  std::size_t passed() const { return passed_; }

 private:
  static constexpr std::size_t kMaxPrinted = 50;
  std::string suite_;
  std::size_t total_ = 0;
  std::size_t passed_ = 0;
  std::size_t printed_ = 0;
};

}  // namespace somepost::conformance
