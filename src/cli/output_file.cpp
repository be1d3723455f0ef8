#include "cli/output_file.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <mutex>
#include <utility>

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

// Where the link `link` with the contents `target` points: a relative target is taken
// from the link's folder, as the kernel takes it.
std::string link_destination(const std::string& link, std::string target) {
  if (!target.empty() && target.front() == '/') return target;
  std::string joined = directory_of(link);
  joined += '/';
  joined += target;
  return joined;
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
    p = link_destination(p, std::string(target.data(), static_cast<std::size_t>(n)));
  }
  return -1;
}

// `path` with the symbolic links of its last component followed (a chain of at most 40,
// the kernel's own limit, MAXSYMLINKS), relative targets taken from the link's folder:
// the file a write to `path` should change, whether it exists yet or not. A rename over
// the link itself would replace it with a plain file (a dotfiles setup that links
// ~/.config/somepost/platforms into a repository would be broken by the first run).
// The links are followed here, not by the kernel, so its guard against the /tmp link
// attack (fs.protected_symlinks) is applied here too: a link in a sticky, world-writable
// folder (/tmp) is followed only when it belongs to us or to the folder's owner; else
// EACCES, as open(2) would say. Sets `error` (EACCES, ELOOP, or readlink's errno) and
// returns "" when the chain cannot be followed.
std::string resolve_final_links(const std::string& path, int& error) {
  std::string current = path;
  for (int hop = 0; hop <= 40; ++hop) {
    struct stat info {};
    if (::lstat(current.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return current;
    struct stat folder {};
    if (info.st_uid != ::geteuid() && ::stat(directory_of(current).c_str(), &folder) == 0 &&
        (folder.st_mode & S_ISVTX) != 0 && (folder.st_mode & S_IWOTH) != 0 && info.st_uid != folder.st_uid) {
      error = EACCES;
      return {};
    }
    std::string target(static_cast<std::size_t>(info.st_size > 0 ? info.st_size : 255) + 1, '\0');
    for (;;) {
      const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
      if (n < 0) {
        error = errno;
        return {};
      }
      if (static_cast<std::size_t>(n) < target.size()) {
        target.resize(static_cast<std::size_t>(n));
        break;
      }
      target.resize(target.size() * 2);  // the link changed meanwhile and grew
    }
    if (target.empty()) {
      error = ENOENT;
      return {};
    }
    current = link_destination(current, std::move(target));
  }
  error = ELOOP;
  return {};
}

// ---- Temporary files and fatal signals --------------------------------------------------
//
// A signal that ends the process skips every destructor, so an interrupted `-o FILE`
// would leave its temporary file behind. While one exists, its path sits in a static
// slot that a handler can read without allocating: the handler unlinks each armed path
// (unlink is async-signal-safe), restores the default action and raises the signal
// again, so the process still ends as the signal says (status 128+N, a core dump for
// SIGQUIT). The handler is installed only over the default action: a signal the process
// ignores (nohup, a background job) stays ignored, and one another part of somepost
// handles (the wizard's InterruptGuard) is left to it, the destructors then running as
// usual. SIGKILL and SIGSTOP cannot be caught; nothing can clean up after them.

constexpr std::size_t kTemporarySlots = 4;       // Outputs alive at once (compose, batch: one)
constexpr std::size_t kTemporaryPathMax = 4096;  // PATH_MAX
// The signals whose default action ends the process and that arrive from outside: blocked
// while a temporary file is created and armed.
constexpr int kAsynchronousSignals[] = {SIGINT,  SIGTERM,   SIGHUP,  SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE,
                                        SIGXCPU, SIGVTALRM, SIGPROF, SIGPOLL, SIGPWR,  SIGSYS,  SIGTRAP};
// The crashes: handled too (a bug must not leave a file behind either), never blocked,
// because blocking a fault makes the kernel end the process without running any handler.
constexpr int kFaultSignals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr std::size_t kAsynchronousCount = std::size(kAsynchronousSignals);
constexpr std::size_t kCleanupSignalCount = kAsynchronousCount + std::size(kFaultSignals);

constexpr int cleanup_signal(std::size_t i) {
  return i < kAsynchronousCount ? kAsynchronousSignals[i] : kFaultSignals[i - kAsynchronousCount];
}

struct TemporarySlot {
  bool used = false;               // claimed by an Output (under g_temporary_mutex)
  std::atomic<bool> armed{false};  // `path` is complete: the handler may unlink it
  char path[kTemporaryPathMax] = {};
};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads the flag");

TemporarySlot g_temporaries[kTemporarySlots];
std::mutex g_temporary_mutex;     // guards `used`, the count and the installed handlers
std::size_t g_temporary_count = 0;
bool g_handler_installed[kCleanupSignalCount] = {};

extern "C" void remove_temporaries_and_end(int signal) {
  const int saved_errno = errno;
  for (TemporarySlot& slot : g_temporaries) {
    if (slot.armed.load()) ::unlink(slot.path);
  }
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  ::sigaction(signal, &default_action, nullptr);
  // The signal is blocked while its handler runs: it is delivered again, with the default
  // action, as soon as the handler returns (a fault also recurs at its instruction).
  ::raise(signal);
  errno = saved_errno;
}

void install_cleanup_handlers() {
  for (std::size_t i = 0; i < kCleanupSignalCount; ++i) {
    const int signal = cleanup_signal(i);
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) continue;  // ignored or handled
    struct sigaction action {};
    action.sa_handler = remove_temporaries_and_end;
    sigemptyset(&action.sa_mask);
    for (const int other : kAsynchronousSignals) sigaddset(&action.sa_mask, other);  // one cleanup at a time
    action.sa_flags = SA_RESTART;
    g_handler_installed[i] = ::sigaction(signal, &action, nullptr) == 0;
  }
}

void remove_cleanup_handlers() {
  for (std::size_t i = 0; i < kCleanupSignalCount; ++i) {
    if (!g_handler_installed[i]) continue;
    g_handler_installed[i] = false;
    const int signal = cleanup_signal(i);
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != remove_temporaries_and_end) continue;
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    ::sigaction(signal, &default_action, nullptr);
  }
}

// Arms the handler for `path`, a temporary file that now exists. Returns the slot, or -1
// when none is free or the path is too long (the destructor still removes the file).
int arm_temporary(const std::string& path) {
  if (path.size() >= kTemporaryPathMax) return -1;
  const std::lock_guard<std::mutex> lock(g_temporary_mutex);
  for (std::size_t i = 0; i < kTemporarySlots; ++i) {
    TemporarySlot& slot = g_temporaries[i];
    if (slot.used) continue;
    slot.used = true;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.armed.store(true);
    if (g_temporary_count++ == 0) install_cleanup_handlers();
    return static_cast<int>(i);
  }
  return -1;
}

// Disarms a slot of arm_temporary once its file is renamed into place or removed.
void disarm_temporary(int index) noexcept {
  if (index < 0) return;
  const std::lock_guard<std::mutex> lock(g_temporary_mutex);
  TemporarySlot& slot = g_temporaries[static_cast<std::size_t>(index)];
  slot.armed.store(false);
  slot.used = false;
  if (--g_temporary_count == 0) remove_cleanup_handlers();
}

// Blocks the asynchronous cleanup signals while it lives, so that a temporary file is
// never created without being armed (a signal in between would leave it behind).
class BlockCleanupSignals {
 public:
  BlockCleanupSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (const int signal : kAsynchronousSignals) sigaddset(&set, signal);
    ::pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~BlockCleanupSignals() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockCleanupSignals(const BlockCleanupSignals&) = delete;
  BlockCleanupSignals& operator=(const BlockCleanupSignals&) = delete;

 private:
  sigset_t previous_;
};

// fsync of the folder `dir`, so that a rename in it survives a crash. 0, or the errno of
// the failure; a file system that cannot flush a folder (EINVAL) counts as done.
int sync_folder(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int error = 0;
  if (::fsync(fd) != 0 && errno != EINVAL) error = errno;
  ::close(fd);
  return error;
}

}  // namespace

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void ignore_file_size_signal() noexcept {
  struct sigaction current {};
  if (::sigaction(SIGXFSZ, nullptr, &current) != 0) return;
  if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) return;  // already decided
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGXFSZ, &ignore, nullptr);
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

Output::Output(const std::string& path, bool force, std::ostream& out) : force_(force) { open(path, out); }

Output::Output(const std::string& path, bool force, std::ostream& out, std::string& error)
    : error_(&error), force_(force) {
  open(path, out);
}

void Output::open(const std::string& path, std::ostream& out) {
  ignore_file_size_signal();
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
  if (path.empty()) return refuse("an output path is empty");
  if (const int fd = descriptor_of(path); fd >= 0) {
    // An open descriptor (/dev/stdout, /dev/fd/3): written in place, as `-o -` is.
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) return refuse(fmt::format("{}: {}", path, std::strerror(errno)));
    if ((flags & O_ACCMODE) == O_RDONLY) return refuse(fmt::format("{}: {}", path, std::strerror(EBADF)));
    if (fd == STDOUT_FILENO && &out != &std::cout) {
      stream_ = &out;  // standard output is this stream (tests)
    } else {
      if (fd == STDOUT_FILENO) out.flush();  // anything queued in the stream goes first
      fd_ = fd;
    }
    return;
  }
  // A symbolic link is followed, so the file it names is written, not the link replaced;
  // a dangling one too: the file it names is created, as a shell's `>` would.
  int link_error = 0;
  const std::string real = resolve_final_links(path, link_error);
  if (real.empty()) return refuse(fmt::format("{}: {}", path, std::strerror(link_error)));
  struct stat st {};
  if (::stat(real.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return refuse(fmt::format("{} is a directory", path));
    if (!S_ISREG(st.st_mode)) {
      // A device or a FIFO cannot be replaced by a rename: write to it in place.
      fd_ = ::open(real.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) return refuse(fmt::format("{}: {}", path, std::strerror(errno)));
      own_fd_ = true;
      return;
    }
    if (!force_) return refuse(fmt::format("{} exists; add --force to overwrite it", path));
    replaced_mode_ = st.st_mode & 0777;
  }
  target_ = real;
  const std::string dir = directory_of(real);
  const std::string base = base_of(real);
  for (unsigned attempt = 0;; ++attempt) {
    temp_ = fmt::format("{}/.{}.somepost-{}-{}.tmp", dir, base, ::getpid(), attempt);
    const BlockCleanupSignals blocked;
    // 0666 and the umask, as any new file; O_EXCL never reuses someone else's file.
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      temp_slot_ = arm_temporary(temp_);
      // A file replaced keeps its permission bits (a private 0600 file stays private),
      // as an edit in place would. Where the file system cannot set them (FAT), the new
      // file keeps the default mode: still written, as before.
      if (replaced_mode_ >= 0) (void)::fchmod(fd_, static_cast<mode_t>(replaced_mode_));
      break;
    }
    const int error = errno;
    temp_.clear();
    if (error != EEXIST || attempt >= 100) {
      return refuse(fmt::format("{}: cannot create a temporary file in {}: {}", path, dir, std::strerror(error)));
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
  disarm_temporary(std::exchange(temp_slot_, -1));
}

void Output::refuse(const std::string& message) {
  discard();
  if (!error_) throw CliError(message);
  failed_ = true;
  if (error_->empty()) *error_ = message;
}

bool Output::fail(const std::string& what, int error) {
  const std::string reason = error ? std::string(std::strerror(error)) : std::string("write error");
  refuse(fmt::format("{}: {}: {}", name_, what, reason));
  return false;
}

bool Output::send(std::string_view bytes) {
  if (closed_ || failed_) return false;
  if (stream_) {
    stream_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream_->flush();
    if (!*stream_) return fail("cannot write", 0);
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
      return fail("cannot write", errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool Output::write(std::string_view bytes) {
  if (closed_ || failed_) return false;
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
  if (failed_) return false;
  if (buffer_.empty()) return !closed_;
  const bool ok = send(buffer_);
  buffer_.clear();
  return ok;
}

void Output::commit() {
  if (!flush()) return;
  if (!own_fd_) return;  // stdout
  // The bytes reach the disk before the name does: a crash after the rename must not
  // leave an empty or partial file under the target's name (ext4, XFS and btrfs may
  // write the rename first). A device or FIFO written in place has nothing to flush.
  if (!temp_.empty() && ::fsync(fd_) != 0) {
    fail("cannot write", errno);
    return;
  }
  const int fd = fd_;
  fd_ = -1;
  own_fd_ = false;
  if (::close(fd) != 0) {
    fail("cannot write", errno);
    return;
  }
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
    if (error == EEXIST) return refuse(fmt::format("{} exists; add --force to overwrite it", name_));
    fail("cannot rename the temporary file", error);
    return;
  }
  temp_.clear();
  disarm_temporary(std::exchange(temp_slot_, -1));
  if (const int error = sync_folder(directory_of(target_)); error != 0) fail("cannot sync the folder", error);
}

}  // namespace somepost::cli
