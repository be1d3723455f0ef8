// Reading input one line at a time. The answers of the interactive wizard, so that
// Ctrl-C and end of input leave it cleanly at any prompt: a signal handler only sets a
// flag, and reads from a file descriptor wait with poll() so that they notice the flag.
// And the lines of a stream (`count --jsonl`, `batch --plan`), each with a bound on its
// length, so that memory follows the bound, not the input.
#pragma once

#include <csignal>
#include <cstddef>
#include <fstream>
#include <iosfwd>
#include <string>
#include <string_view>

namespace CLI {
class App;
}  // namespace CLI

namespace somepost::cli {

/// The default bound on one line of `count --jsonl` and `batch --plan` input, and on one
/// CSV plan record (--max-line-bytes): 4 MiB. No platform takes a post over 64k
/// characters (Facebook's 63,206), and even written entirely as JSON escapes ("\uD83D
/// \uDE00", 12 bytes for one code point) such a post takes under 800 KB, so a longer
/// line is not a post; the bound keeps memory at a few times 4 MiB per worker thread.
inline constexpr std::size_t kDefaultMaxLineBytes = std::size_t{4} << 20;

/// The largest --max-line-bytes accepted (1 GiB).
inline constexpr std::size_t kMaxMaxLineBytes = std::size_t{1} << 30;

/// How read_bounded_line ended.
enum class BoundedRead {
  line,      ///< `line` holds the next line
  too_long,  ///< the next line was longer than the bound; it was read to its end, not kept
  end,       ///< end of input
};

/// Reads the next line of `in` into `line` (cleared first), without its "\n" (a "\r"
/// before it is kept); a last line without "\n" is a line. A line of more than
/// `max_bytes` bytes is read on to its "\n" without being stored, and `too_long` is
/// returned with `line` empty, so memory stays within about 2 × `max_bytes` whatever the
/// line's length. Throws CliError "NAME: read error: REASON" when the stream fails (a
/// folder, an I/O error), `name` naming the input.
BoundedRead read_bounded_line(std::istream& in, std::string& line, std::size_t max_bytes, std::string_view name);

/// Adds --max-line-bytes N (1 to kMaxMaxLineBytes) to `command`, storing it in
/// `max_line_bytes`; `applies_to` names what it bounds in the help text.
void add_max_line_bytes_option(CLI::App& command, std::size_t& max_line_bytes, std::string_view applies_to);

/// The error for a line skipped by read_bounded_line, in English (it also goes into JSON
/// output): "the line is longer than N bytes (--max-line-bytes)".
[[nodiscard]] std::string long_line_error(std::size_t max_bytes);

/// Opens `path` for reading lines in binary mode. Throws CliError "PATH: REASON" when it
/// cannot be opened, and "PATH: Is a directory" for a folder (which Linux lets open(2)
/// open and only read(2) refuses).
void open_line_file(std::ifstream& file, const std::string& path);

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
