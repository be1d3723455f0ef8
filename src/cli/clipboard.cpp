#include "cli/clipboard.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ostream>
#include <thread>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "core/clipboard.hpp"

extern char** environ;

namespace somepost::cli {
namespace {

std::string_view env(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string_view(value) : std::string_view();
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// Ignores SIGPIPE while it lives, so that a tool exiting before reading everything makes
// write() fail with EPIPE instead of killing somepost.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &previous_, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
};

// Writes all of `bytes` to `fd`; false on any error (EPIPE included).
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

enum class WriteOutcome { done, failed, timed_out };

// Writes all of `bytes` to the non-blocking `fd`, waiting with poll() for room until
// `deadline`. failed on any error, EPIPE included (the reader has gone).
WriteOutcome write_until(int fd, std::string_view bytes, std::chrono::steady_clock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n >= 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return WriteOutcome::failed;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return WriteOutcome::timed_out;
    pollfd waiting{fd, POLLOUT, 0};
    // Rounded up, so that poll() does not spin with 0 in the last millisecond.
    const int ready = ::poll(&waiting, 1, static_cast<int>(std::min<std::int64_t>(left.count() + 1, 60000)));
    if (ready < 0 && errno != EINTR) return WriteOutcome::failed;
    // On POLLERR (no reader left) the next write() says EPIPE.
  }
  return WriteOutcome::done;
}

// The process environment with `overrides` applied ("NAME=VALUE" replaces NAME, "NAME="
// removes it), as the strings posix_spawn takes; they live in `storage`.
std::vector<char*> environment_with(const std::vector<std::string>& overrides, std::vector<std::string>& storage) {
  const auto name_of = [](std::string_view entry) { return entry.substr(0, entry.find('=')); };
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const bool replaced = std::any_of(overrides.begin(), overrides.end(),
                                      [&](const std::string& o) { return name_of(o) == name_of(entry); });
    if (!replaced) storage.emplace_back(entry);
  }
  for (const std::string& o : overrides) {
    if (o.size() > name_of(o).size() + 1) storage.push_back(o);
  }
  std::vector<char*> pointers;
  for (std::string& entry : storage) pointers.push_back(entry.data());
  pointers.push_back(nullptr);
  return pointers;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return trf("exit status {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return trf("killed by signal {}", WTERMSIG(status));
  return std::string(tr("stopped"));
}

// Writes the OSC 52 escape for `text` to the user's terminal; false when there is none.
bool send_osc52(std::string_view text, Streams io) {
  if (env("TERM") == "dumb") return false;
  const std::string sequence = core::osc52_sequence(text);
  Fd tty(::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC));
  if (tty.get() >= 0) return write_all(tty.get(), sequence);
  if (!io.terminal.stderr_tty) return false;
  io.err << sequence;
  io.err.flush();
  return static_cast<bool>(io.err);
}

}  // namespace

std::optional<std::string> find_on_path(std::string_view name, std::string_view path_variable) {
  if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
  std::size_t pos = 0;
  while (pos <= path_variable.size()) {
    std::size_t end = path_variable.find(':', pos);
    if (end == std::string_view::npos) end = path_variable.size();
    const std::string_view dir = path_variable.substr(pos, end - pos);
    pos = end + 1;
    if (dir.empty()) continue;
    std::string candidate(dir);
    candidate += '/';
    candidate += name;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return std::nullopt;
}

ToolOutcome run_clipboard_tool(const std::vector<std::string>& argv, std::string_view bytes, int timeout_ms,
                               const std::vector<std::string>& environment) {
  if (argv.empty()) return {false, std::string(tr("no program given"))};
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return {false, std::strerror(errno)};
  Fd read_end(pipe_fds[0]);
  Fd write_end(pipe_fds[1]);
  // Only somepost's end: the two ends are separate open files, so the tool still reads
  // a blocking stdin.
  if (::fcntl(write_end.get(), F_SETFL, O_NONBLOCK) != 0) return {false, std::strerror(errno)};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, read_end.get(), STDIN_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // The tool starts with default signal handling and nothing blocked, whatever the wizard
  // has installed for Ctrl-C.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  // SIGXFSZ too: somepost ignores it (ignore_file_size_signal), and an ignored signal is
  // inherited across exec.
  for (const int s : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGXFSZ}) sigaddset(&defaults, s);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &none);
  // xclip and wl-copy leave a child behind that holds the clipboard until another program
  // takes it. In somepost's process group that child would get the terminal's signals:
  // Ctrl-C in the wizard after [c]opy, or closing the terminal (SIGHUP), would kill it and
  // empty the clipboard. In a session (or at least a process group) of its own it gets
  // none of them.
#ifdef POSIX_SPAWN_SETSID
  constexpr short kOwnGroup = POSIX_SPAWN_SETSID;
#else
  constexpr short kOwnGroup = POSIX_SPAWN_SETPGROUP;  // with the group 0: the child's own pid
  posix_spawnattr_setpgroup(&attributes, 0);
#endif
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | kOwnGroup);

  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> environment_storage;
  const std::vector<char*> tool_environment = environment_with(environment, environment_storage);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, argv.front().c_str(), &actions, &attributes, args.data(), tool_environment.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return {false, std::strerror(spawned)};
  read_end.reset();

  // The whole exchange, writing the post included, must end by the deadline: a tool that
  // never reads would otherwise block somepost in write() for ever once the post is
  // larger than the pipe's buffer (64 KiB on Linux). So the pipe is non-blocking and
  // poll() waits for room with what is left of the time.
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  const auto give_up = [&] {
    // The tool leads its own process group (see above): kill the group, so that a child it
    // has already forked goes too, then reap the tool.
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    int ignored = 0;
    while (::waitpid(pid, &ignored, 0) < 0 && errno == EINTR) {
    }
    return ToolOutcome{false, trf("did not finish within {} s", timeout_ms / 1000)};
  };

  WriteOutcome written = WriteOutcome::failed;
  {
    const IgnoreSigpipe ignore;
    written = write_until(write_end.get(), bytes, deadline);
  }
  write_end.reset();  // end of input: the tool may now finish
  if (written == WriteOutcome::timed_out) return give_up();

  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return {false, std::strerror(errno)};
    if (Clock::now() >= deadline) return give_up();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {false, describe_status(status)};
  if (written != WriteOutcome::done) return {false, std::string(tr("it did not read the whole post"))};
  return {true, {}};
}

void copy_to_clipboard(std::string_view text, Streams io) {
  io.out.flush();  // what the user sees comes in order
  core::ClipboardEnvironment environment;
  environment.wayland = !env("WAYLAND_DISPLAY").empty();
  environment.x11 = !env("DISPLAY").empty();
  environment.ssh = !env("SSH_CONNECTION").empty() || !env("SSH_TTY").empty();
  const std::string_view path = env("PATH");
  const auto tools = core::clipboard_tools(
      environment, [&](std::string_view name) { return find_on_path(name, path).has_value(); });
  for (const core::ClipboardTool& tool : tools) {
    std::vector<std::string> argv = tool.argv;
    const std::optional<std::string> full = find_on_path(argv.front(), path);
    if (!full) continue;
    argv.front() = *full;
    const ToolOutcome outcome = run_clipboard_tool(argv, core::clipboard_bytes(tool, text), 10000, tool.environment);
    if (outcome.ok) {
      io.err << "somepost: " << trf("copied the post to the clipboard with {}", tool.argv.front()) << '\n';
      io.err.flush();
      return;
    }
    warn(io.err, trf("{} failed ({})", tool.argv.front(), outcome.problem));
  }
  if (send_osc52(text, io)) {
    io.err << "somepost: "
           << (environment.ssh ? tr("sent the post to your terminal's clipboard with the OSC 52 escape (over SSH); "
                                   "if the terminal does not support OSC 52, nothing was copied")
                               : tr("no clipboard tool worked; sent the post to the terminal's clipboard with the "
                                    "OSC 52 escape; if the terminal does not support OSC 52, nothing was copied"))
           << '\n';
    io.err.flush();
    return;
  }
  throw CliError(std::string(tr("could not copy to the clipboard: no clipboard tool (wl-copy, xclip, xsel, pbcopy, "
                                "clip.exe) worked and there is no terminal for the OSC 52 escape")));
}

}  // namespace somepost::cli
