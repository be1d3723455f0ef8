#include "cli/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/error.hpp"

namespace somepost::cli {
namespace {

constexpr std::size_t kBufferBytes = 64 * 1024;

std::string directory_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool same_file(const struct stat& a, const struct stat& b) noexcept {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// The file descriptor that `path` stands for when it names one of this process's open
// descriptors: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N (an entry of
// /proc/PID/fd or the thread's, reached directly or through symbolic links); else -1.
// Such a path must be written through the descriptor itself: resolving the link and
// renaming a temporary file over what it points to would replace a log that the shell
// opened for appending (`>> log.txt`), and opening it anew would start at offset 0.
int descriptor_of(const std::string& path) {
  struct stat fd_dir {};
  struct stat thread_fd_dir {};
  const bool have_fd_dir = ::stat("/proc/self/fd", &fd_dir) == 0;
  const bool have_thread_fd_dir = ::stat("/proc/thread-self/fd", &thread_fd_dir) == 0;
  if (!have_fd_dir && !have_thread_fd_dir) return -1;  // no /proc: nothing to recognise
  std::string p = path;
  // 40 links at most, as the kernel follows (MAXSYMLINKS): a loop of links ends too.
  for (int hop = 0; hop < 40; ++hop) {
    const std::string base = base_of(p);
    if (!base.empty() && base.size() <= 9 && base.find_first_not_of("0123456789") == std::string::npos) {
      struct stat dir {};
      if (::stat(directory_of(p).c_str(), &dir) == 0 &&
          ((have_fd_dir && same_file(dir, fd_dir)) || (have_thread_fd_dir && same_file(dir, thread_fd_dir)))) {
        return std::stoi(base);
      }
    }
    std::array<char, 4096> target{};
    const ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
    if (n <= 0 || static_cast<std::size_t>(n) >= target.size()) return -1;  // not a link: an ordinary path
    std::string next(target.data(), static_cast<std::size_t>(n));
    if (next.front() != '/') {
      std::string joined = directory_of(p);
      joined += '/';
      joined += next;
      next = std::move(joined);
    }
    p = std::move(next);
  }
  return -1;
}

}  // namespace

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Output::Output(const std::string& path, bool force, std::ostream& out) : force_(force) {
  buffer_.reserve(kBufferBytes);
  if (path == "-") {
    name_ = "standard output";
    if (&out == &std::cout) {
      out.flush();  // anything queued in the stream goes first
      fd_ = STDOUT_FILENO;
    } else {
      stream_ = &out;
    }
    return;
  }
  name_ = path;
  if (path.empty()) throw CliError("an output path is empty");
  if (const int fd = descriptor_of(path); fd >= 0) {
    // An open descriptor (/dev/stdout, /dev/fd/3): written in place, as `-o -` is.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) throw CliError(fmt::format("{}: {}", path, std::strerror(errno)));
    if ((flags & O_ACCMODE) == O_RDONLY) throw CliError(fmt::format("{}: {}", path, std::strerror(EBADF)));
    if (fd == STDOUT_FILENO && &out != &std::cout) {
      stream_ = &out;  // standard output is this stream (tests)
    } else {
      if (fd == STDOUT_FILENO) out.flush();  // anything queued in the stream goes first
      fd_ = fd;
    }
    return;
  }
  // A symbolic link is followed, so the file it names is replaced, not the link itself.
  std::string real = path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    if (char* resolved = ::realpath(path.c_str(), nullptr)) {
      real = resolved;
      std::free(resolved);
    }
  }
  if (::stat(real.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw CliError(fmt::format("{} is a directory", path));
    if (!S_ISREG(st.st_mode)) {
      // A device or a FIFO cannot be replaced by a rename: write to it in place.
      fd_ = ::open(real.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) throw CliError(fmt::format("{}: {}", path, std::strerror(errno)));
      own_fd_ = true;
      return;
    }
    if (!force) throw CliError(fmt::format("{} exists; add --force to overwrite it", path));
  }
  target_ = real;
  const std::string dir = directory_of(real);
  const std::string base = base_of(real);
  for (unsigned attempt = 0;; ++attempt) {
    temp_ = fmt::format("{}/.{}.somepost-{}-{}.tmp", dir, base, ::getpid(), attempt);
    // 0666 and the umask, as any new file; O_EXCL never reuses someone else's file.
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) break;
    const int error = errno;
    temp_.clear();
    if (error != EEXIST || attempt >= 100) {
      throw CliError(fmt::format("{}: cannot create a temporary file in {}: {}", path, dir, std::strerror(error)));
    }
  }
  own_fd_ = true;
}

Output::~Output() { discard(); }

void Output::discard() noexcept {
  if (own_fd_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
  own_fd_ = false;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

void Output::fail(const std::string& what, int error) {
  discard();
  const std::string reason = error ? std::string(std::strerror(error)) : std::string("write error");
  throw CliError(fmt::format("{}: {}: {}", name_, what, reason));
}

bool Output::send(std::string_view bytes) {
  if (closed_) return false;
  if (stream_) {
    stream_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream_->flush();
    if (!*stream_) fail("cannot write", 0);
    return true;
  }
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE && target_.empty() && !own_fd_) {
        closed_ = true;  // the reader has gone: stop quietly
        return false;
      }
      fail("cannot write", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool Output::write(std::string_view bytes) {
  if (closed_) return false;
  if (buffer_.size() + bytes.size() < kBufferBytes) {
    buffer_.append(bytes);
    return true;
  }
  if (!flush()) return false;
  if (bytes.size() >= kBufferBytes) return send(bytes);
  buffer_.append(bytes);
  return true;
}

bool Output::flush() {
  if (buffer_.empty()) return !closed_;
  const bool ok = send(buffer_);
  buffer_.clear();
  return ok;
}

void Output::commit() {
  if (!flush()) return;
  if (!own_fd_) return;  // stdout
  const int fd = fd_;
  fd_ = -1;
  own_fd_ = false;
  if (::close(fd) != 0) fail("cannot write", errno);
  if (temp_.empty()) return;  // written in place
  int status;
  if (force_) {
    status = std::rename(temp_.c_str(), target_.c_str());
  } else {
    status = ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE);
    if (status != 0 && (errno == EINVAL || errno == ENOSYS)) {
      // A file system without RENAME_NOREPLACE: link(2) refuses an existing name too.
      status = ::link(temp_.c_str(), target_.c_str());
      if (status == 0) ::unlink(temp_.c_str());
    }
  }
  if (status != 0) {
    const int error = errno;
    if (error == EEXIST) {
      discard();
      throw CliError(fmt::format("{} exists; add --force to overwrite it", name_));
    }
    fail("cannot rename the temporary file", error);
  }
  temp_.clear();
}

}  // namespace somepost::cli
