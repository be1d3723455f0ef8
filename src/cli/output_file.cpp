#include "cli/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

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
  // A symbolic link is followed, so the file it names is replaced, not the link itself
  // (and /dev/stdout reaches the file or pipe behind it).
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
