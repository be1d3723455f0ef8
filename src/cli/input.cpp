#include "cli/input.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <new>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "unicode/utf8.hpp"

namespace somepost::cli {
namespace {

// The bytes asked of read(2) at a time once the size is not known beforehand (a pipe, a
// device, a regular file that grew).
constexpr std::size_t kChunkBytes = 64 * 1024;

[[noreturn]] void fail_with(const std::string& name, int error) {
  throw CliError(fmt::format("{}: {}", name, std::strerror(error)));
}

[[noreturn]] void too_large(const std::string& name, std::size_t max_bytes) {
  throw CliError(trf("{}: larger than the limit of {} bytes", name, max_bytes));
}

[[noreturn]] void read_failed(const std::string& name, int error) {
  throw CliError(fmt::format("{}: {}: {}", name, tr("read error"), std::strerror(error)));
}

// Closes the descriptor it holds.
class Descriptor {
 public:
  explicit Descriptor(int fd) noexcept : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

// read(2) that retries when a signal interrupts it; throws read_failed on any error.
std::size_t read_some(int fd, char* into, std::size_t size, const std::string& name) {
  for (;;) {
    const ssize_t n = ::read(fd, into, size);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) read_failed(name, errno);
  }
}

// Everything from `fd`'s offset to its end, at most `max_bytes`. A regular file is read
// straight into a string of its size (no copy, no growth); anything else in chunks.
std::string read_descriptor_unchecked(int fd, const std::string& name, std::size_t max_bytes, bool regular_only) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) fail_with(name, errno);
  if (S_ISDIR(info.st_mode)) fail_with(name, EISDIR);
  const bool regular = S_ISREG(info.st_mode);
  if (regular_only && !regular) throw CliError(fmt::format("{}: {}", name, tr("not a regular file")));
  std::string data;
  if (regular) {
    // Stdin may be a file that a shell already read part of: what is left is what counts.
    const off_t offset = ::lseek(fd, 0, SEEK_CUR);
    const off_t left = info.st_size - (offset > 0 ? offset : 0);
    if (left > 0 && static_cast<std::uintmax_t>(left) > max_bytes) too_large(name, max_bytes);
    const std::size_t expected = left > 0 ? static_cast<std::size_t>(left) : 0;
    data.resize(expected);
    std::size_t have = 0;
    while (have < expected) {
      const std::size_t n = read_some(fd, data.data() + have, expected - have, name);
      // A regular file ending early has been cut short by someone else meanwhile: what was
      // read is not the file the user named, so nothing of it is used.
      if (n == 0) throw CliError(fmt::format("{}: {}", name, tr("the file changed while it was read")));
      have += n;
    }
  }
  // The rest: all of a pipe or device, or what a regular file gained since fstat (and
  // the end of file).
  std::array<char, kChunkBytes> chunk;
  for (;;) {
    const std::size_t n = read_some(fd, chunk.data(), chunk.size(), name);
    if (n == 0) return data;
    if (n > max_bytes - data.size()) too_large(name, max_bytes);
    data.append(chunk.data(), n);
  }
}

// read_descriptor_unchecked, with memory running out made an error naming the file: the
// text read so far is dropped, never used as if it were the whole.
std::string read_descriptor(int fd, const std::string& name, std::size_t max_bytes, bool regular_only) {
  try {
    return read_descriptor_unchecked(fd, name, max_bytes, regular_only);
  } catch (const std::bad_alloc&) {
    throw CliError(fmt::format("{}: {}", name, tr("out of memory")));
  }
}

// The bytes of a stream that is not the process's stdin (tests): the same bound, and a
// stream error as a read error (a stream keeps no reason).
std::string read_stream(std::istream& in, const std::string& name, std::size_t max_bytes) {
  try {
    std::string data;
    std::array<char, kChunkBytes> chunk;
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto n = static_cast<std::size_t>(in.gcount());
      if (n > max_bytes - data.size()) too_large(name, max_bytes);
      data.append(chunk.data(), n);
    }
    if (in.bad()) throw CliError(fmt::format("{}: {}", name, tr("read error")));
    return data;
  } catch (const std::bad_alloc&) {
    throw CliError(fmt::format("{}: {}", name, tr("out of memory")));
  }
}

std::string read_path(const std::string& path, std::size_t max_bytes, bool regular_only) {
  // O_NONBLOCK only where a FIFO must not be waited for: it is then refused by fstat
  // before any read. O_NOCTTY: a terminal named as input must not become ours.
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0);
  int fd;
  do {
    fd = ::open(path.c_str(), flags);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) fail_with(path, errno);
  const Descriptor file(fd);
  return read_descriptor(file.get(), path, max_bytes, regular_only);
}

}  // namespace

std::string read_all(const std::string& path, std::istream& in, std::size_t max_bytes) {
  if (path != "-") return read_path(path, max_bytes, false);
  const std::string name(tr("standard input"));
  if (&in == &std::cin) return read_descriptor(STDIN_FILENO, name, max_bytes, false);
  return read_stream(in, name, max_bytes);
}

std::string read_regular_file(const std::string& path, std::size_t max_bytes) {
  return read_path(path, max_bytes, true);
}

std::string_view strip_one_newline(std::string_view text) noexcept {
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\r\n") return text.substr(0, text.size() - 2);
  if (!text.empty() && text.back() == '\n') return text.substr(0, text.size() - 1);
  return text;
}

void require_utf8(std::string_view text, std::string_view source) {
  if (const auto error = unicode::validate_utf8(text)) {
    throw CliError(trf("{}: invalid UTF-8 at byte offset {} ({})", source, error->offset,
                       unicode::describe(error->kind)));
  }
}

}  // namespace somepost::cli
