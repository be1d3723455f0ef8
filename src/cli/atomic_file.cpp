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

// The folder part of `path` with its final '/', or "" for a bare name.
std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// `path` with the symbolic links of its last component followed: the file a write to
// `path` should change. rename() over a link would replace the link itself with a plain
// file (a dotfiles setup that links ~/.config/somepost/platforms into a repository would
// be broken by the first run). A path that is not a link is returned as it is.
std::string resolve_final_links(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops <= 40; ++hops) {  // 40: the kernel's own limit (MAXSYMLINKS)
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
    std::vector<char> target(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 255) + 1);
    for (;;) {
      const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
      if (n < 0) fail(path, errno);
      if (static_cast<std::size_t>(n) < target.size()) {
        target.resize(static_cast<std::size_t>(n));
        break;
      }
      target.resize(target.size() * 2);  // the link changed meanwhile and grew
    }
    std::string next(target.begin(), target.end());
    if (next.empty()) fail(path, ENOENT);
    if (next.front() != '/') next.insert(0, folder_of(current));  // relative to the link's folder
    current = std::move(next);
  }
  fail(path, ELOOP);
}

}  // namespace

WriteResult write_file_atomically(const std::string& path, std::string_view bytes, bool replace,
                                  const std::function<bool()>& cancelled) {
  if (path.empty() || path.back() == '/') fail(path, EISDIR);
  // The temporary file goes beside the file really written, so that the rename stays
  // within one file system and replaces that file, not the link to it.
  const std::string target = resolve_final_links(path);
  const std::string folder = folder_of(target);
  const std::string name = target.substr(folder.size());
  if (name.empty()) fail(path, EISDIR);
  struct stat existing {};
  const bool exists = ::stat(target.c_str(), &existing) == 0;
  if (!replace && exists) return WriteResult::exists;
  // A replaced file keeps its permissions: a user who made it private (0600) or shared
  // it (0664) meant it, and a rename would otherwise reset them to the umask's.
  const mode_t mode = exists && S_ISREG(existing.st_mode) ? static_cast<mode_t>(existing.st_mode & 07777) : file_mode();

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
  if (::fchmod(fd, mode) != 0) fail(path, errno);
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
    if (::rename(temporary.path_.c_str(), target.c_str()) != 0) fail(path, errno);
    temporary.path_.clear();
    return WriteResult::written;
  }
  if (::link(temporary.path_.c_str(), target.c_str()) == 0) return WriteResult::written;  // the temporary goes
  if (errno == EEXIST) return WriteResult::exists;
  // A file system without hard links (some FUSE and FAT mounts): check, then rename.
  if (errno == EPERM || errno == EOPNOTSUPP) {
    if (::access(target.c_str(), F_OK) == 0) return WriteResult::exists;
    if (::rename(temporary.path_.c_str(), target.c_str()) != 0) fail(path, errno);
    temporary.path_.clear();
    return WriteResult::written;
  }
  fail(path, errno);
}

bool create_private_directories(const std::string& path) {
  // Each prefix ending before a '/', then the whole path: the ones that exist say EEXIST.
  std::size_t at = 0;
  while (at != std::string::npos) {
    at = path.find('/', at + 1);
    const std::string prefix = path.substr(0, at);
    if (prefix.empty() || prefix.back() == '/') continue;  // "//" or a trailing '/'
    if (::mkdir(prefix.c_str(), 0700) == 0 || errno == EEXIST) continue;
    // Some file systems say EACCES or EROFS before they say EEXIST: an existing folder
    // is still fine.
    const int error = errno;
    struct stat info {};
    if (::stat(prefix.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
      errno = error;
      return false;
    }
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  if (!S_ISDIR(info.st_mode)) {
    errno = ENOTDIR;
    return false;
  }
  return true;
}

}  // namespace somepost::cli
