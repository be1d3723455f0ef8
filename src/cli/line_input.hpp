// Reading the answers of the interactive wizard one line at a time, so that Ctrl-C and
// end of input leave it cleanly at any prompt: a signal handler only sets a flag, and
// reads from a file descriptor wait with poll() so that they notice the flag.
#pragma once

#include <csignal>
#include <iosfwd>
#include <string>

namespace somepost::cli {

/// How a read ended.
enum class ReadStatus {
  line,         ///< a line was read (without its "\n" or "\r\n")
  end,          ///< end of input (Ctrl-D on a terminal, the end of a pipe or file)
  interrupted,  ///< Ctrl-C (SIGINT), SIGTERM or SIGHUP arrived while an InterruptGuard lives
};

/// While it lives, SIGINT, SIGTERM and SIGHUP no longer end the process: the handler
/// only records that one arrived (async-signal-safe; no exit() in it), and reads return
/// ReadStatus::interrupted so the wizard can leave by its normal path, removing
/// temporary files. The previous handlers are restored when it is destroyed. A signal
/// that is ignored when the guard is made stays ignored: `nohup somepost` (SIGHUP) or a
/// background job of a shell without job control (SIGINT) asked for it not to end the
/// program. One at a time (not nested), on the main thread.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// True once a signal has arrived since the guard was made.
  [[nodiscard]] static bool interrupted() noexcept;

 private:
  struct sigaction previous_[3];
  bool installed_[3] = {false, false, false};  // the handler replaced previous_[i]
};

/// A source of answer lines.
class LineInput {
 public:
  virtual ~LineInput() = default;
  /// Reads the next line into `line` (cleared first). Throws CliError on a read error.
  virtual ReadStatus read_line(std::string& line) = 0;
};

/// Lines from a file descriptor (the process's stdin: a terminal, a pipe or a file),
/// read with poll() and read() so that an InterruptGuard's signal is noticed within
/// 100 ms even when no key is pressed. A last line without "\n" is still a line.
/// A line longer than kMaxLineBytes (not counting its "\r\n") throws CliError: no
/// answer is that long (a terminal's own line editor stops at 4 KiB), so the input is
/// not made of answers (`< /dev/zero`, a binary file), and reading on would only grow
/// memory or, skipping to the next "\n", never end. Memory stays bounded and each byte
/// is looked at once.
class FdLineInput final : public LineInput {
 public:
  /// The longest line read_line accepts, in bytes.
  static constexpr std::size_t kMaxLineBytes = 64 * 1024;

  explicit FdLineInput(int fd) : fd_(fd) {}
  ReadStatus read_line(std::string& line) override;

 private:
  int fd_;
  std::string buffer_;
  std::size_t scanned_ = 0;  // the first bytes of buffer_ already known to hold no '\n'
  bool at_end_ = false;
};

/// Lines from a C++ stream (tests, with a std::istringstream). Checks the interrupt
/// flag before and after each line.
class StreamLineInput final : public LineInput {
 public:
  explicit StreamLineInput(std::istream& in) : in_(in) {}
  ReadStatus read_line(std::string& line) override;

 private:
  std::istream& in_;
};

}  // namespace somepost::cli
