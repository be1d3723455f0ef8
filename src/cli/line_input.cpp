#include "cli/line_input.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>
#include <limits>

#include "cli/error.hpp"
#include "cli/i18n.hpp"

namespace somepost::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void note_interrupt(int /*signal*/) { g_interrupted = 1; }

constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
constexpr int kPollMs = 100;

// Moves the first line of `buffer` (up to `newline`) into `line`, dropping "\r\n"/"\n".
void take_line(std::string& buffer, std::size_t newline, std::string& line) {
  line.assign(buffer, 0, newline);
  buffer.erase(0, newline + 1);
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

[[noreturn]] void line_too_long() {
  throw CliError(trf("an answer is longer than {} bytes", FdLineInput::kMaxLineBytes));
}

[[noreturn]] void stream_failed(std::string_view name, int error) {
  throw CliError(fmt::format("{}: read error: {}", name, error != 0 ? std::strerror(error) : "the stream failed"));
}

}  // namespace

BoundedRead read_bounded_line(std::istream& in, std::string& line, std::size_t max_bytes, std::string_view name) {
  line.clear();
  // istream::getline(char*, n) stores at most n - 1 bytes and sets failbit when the line
  // goes on past them; the room offered doubles, so that a short line costs little and a
  // long one is read in O(length). errno is cleared so that a failed read(2) is named.
  errno = 0;
  for (std::size_t room = 256;; room *= 2) {
    const std::size_t old = line.size();
    room = std::min(room, max_bytes - old);
    line.resize(old + room + 1);  // + 1 for the '\0' getline writes
    in.getline(line.data() + old, static_cast<std::streamsize>(room + 1));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.bad()) stream_failed(name, errno);
    if (!in.fail()) {  // a '\n' (counted in gcount, not stored) or the end of the input ended it
      line.resize(old + (in.eof() ? got : got - 1));
      return BoundedRead::line;
    }
    if (in.eof()) {  // nothing more to read
      line.resize(old);
      return old > 0 ? BoundedRead::line : BoundedRead::end;
    }
    // All the room was used and the line goes on.
    line.resize(old + got);
    in.clear();
    if (line.size() == max_bytes) {
      line.clear();
      in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
      if (in.bad()) stream_failed(name, errno);
      return BoundedRead::too_long;
    }
  }
}

void add_max_line_bytes_option(CLI::App& command, std::size_t& max_line_bytes, std::string_view applies_to) {
  command
      .add_option("--max-line-bytes", max_line_bytes,
                  fmt::format("The longest line of {} in bytes; a longer one is an error (default: {})", applies_to,
                              kDefaultMaxLineBytes))
      ->check(CLI::Range(std::size_t{1}, kMaxMaxLineBytes))
      ->type_name("N");
}

std::string long_line_error(std::size_t max_bytes) {
  return fmt::format("the line is longer than {} bytes (--max-line-bytes)", max_bytes);
}

void open_line_file(std::ifstream& file, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    throw CliError(fmt::format("{}: {}", path, std::strerror(EISDIR)));
  }
  file.open(path, std::ios::binary);
  if (!file) throw CliError(fmt::format("{}: {}", path, std::strerror(errno)));
}

InterruptGuard::InterruptGuard() {
  g_interrupted = 0;
  struct sigaction action {};
  action.sa_handler = note_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked call returns EINTR at once
  for (int i = 0; i < 3; ++i) {
    ::sigaction(kSignals[i], nullptr, &previous_[i]);
    // Ignored at start (nohup, a background job): whoever started somepost wants the
    // signal not to end it, so it is left ignored rather than turned into "interrupted".
    const bool ignored = (previous_[i].sa_flags & SA_SIGINFO) == 0 && previous_[i].sa_handler == SIG_IGN;
    if (!ignored) installed_[i] = ::sigaction(kSignals[i], &action, nullptr) == 0;
  }
}

InterruptGuard::~InterruptGuard() {
  for (int i = 0; i < 3; ++i) {
    if (installed_[i]) ::sigaction(kSignals[i], &previous_[i], nullptr);
  }
}

bool InterruptGuard::interrupted() noexcept { return g_interrupted != 0; }

ReadStatus FdLineInput::read_line(std::string& line) {
  line.clear();
  for (;;) {
    if (InterruptGuard::interrupted()) return ReadStatus::interrupted;
    // Only the bytes read since the last look can hold the '\n': searching the whole
    // buffer each time would be quadratic in the length of a long line.
    if (const std::size_t newline = buffer_.find('\n', scanned_); newline != std::string::npos) {
      take_line(buffer_, newline, line);
      scanned_ = 0;
      if (line.size() > kMaxLineBytes) line_too_long();
      return ReadStatus::line;
    }
    scanned_ = buffer_.size();
    // Allow for the '\r' of a "\r\n" still to come.
    if (buffer_.size() > kMaxLineBytes + 1) line_too_long();
    if (at_end_) {
      if (buffer_.empty()) return ReadStatus::end;
      take_line(buffer_, buffer_.size(), line);
      scanned_ = 0;
      if (line.size() > kMaxLineBytes) line_too_long();
      return ReadStatus::line;
    }
    pollfd waiting{fd_, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, kPollMs);
    if (ready < 0 && errno != EINTR) throw CliError(trf("cannot read the answer: {}", std::strerror(errno)));
    if (ready <= 0) continue;  // timeout or a signal: check the flag again
    char chunk[4096];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(n));
    } else if (n == 0) {
      at_end_ = true;
    } else if (errno == EIO) {
      at_end_ = true;  // the terminal went away (hang-up)
    } else if (errno != EINTR && errno != EAGAIN) {
      throw CliError(trf("cannot read the answer: {}", std::strerror(errno)));
    }
  }
}

ReadStatus StreamLineInput::read_line(std::string& line) {
  line.clear();
  if (InterruptGuard::interrupted()) return ReadStatus::interrupted;
  const bool got = static_cast<bool>(std::getline(in_, line));
  if (InterruptGuard::interrupted()) return ReadStatus::interrupted;  // a signal during the read
  if (!got) {
    if (in_.bad()) throw CliError(trf("cannot read the answer: {}", tr("read error")));
    return ReadStatus::end;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return ReadStatus::line;
}

}  // namespace somepost::cli
