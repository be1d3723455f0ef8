#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "cli/error.hpp"
#include "cli/i18n.hpp"

namespace somepost::cli {
namespace {

// Removes the temporary file unless it was put in place.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  std::string path_;
  int fd_ = -1;
};

[[noreturn]] void fail(const std::string& path, int error) {
  throw CliError(trf("{}: cannot write the file: {}", path, std::strerror(error)));
}

mode_t file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

WriteResult write_file_atomically(const std::string& path, std::string_view bytes, bool replace,
                                  const std::function<bool()>& cancelled) {
  const std::size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  if (name.empty()) fail(path, EISDIR);
  if (!replace && ::access(path.c_str(), F_OK) == 0) return WriteResult::exists;

  std::string pattern = folder;
  pattern += '.';
  pattern += name;
  pattern += ".somepost-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) fail(path, errno);
  TemporaryFile temporary(buffer.data());
  temporary.fd_ = fd;
  if (::fchmod(fd, file_mode()) != 0) fail(path, errno);
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) fail(path, errno);
  ::close(temporary.fd_);
  temporary.fd_ = -1;
  if (cancelled && cancelled()) return WriteResult::cancelled;

  if (replace) {
    if (::rename(temporary.path_.c_str(), path.c_str()) != 0) fail(path, errno);
    temporary.path_.clear();
    return WriteResult::written;
  }
  if (::link(temporary.path_.c_str(), path.c_str()) == 0) return WriteResult::written;  // the temporary goes
  if (errno == EEXIST) return WriteResult::exists;
  // A file system without hard links (some FUSE and FAT mounts): check, then rename.
  if (errno == EPERM || errno == EOPNOTSUPP) {
    if (::access(path.c_str(), F_OK) == 0) return WriteResult::exists;
    if (::rename(temporary.path_.c_str(), path.c_str()) != 0) fail(path, errno);
    temporary.path_.clear();
    return WriteResult::written;
  }
  fail(path, errno);
}

}  // namespace somepost::cli
