// The one atomic writer (cli::Output) as the wizard's exports and remembered platforms
// use it, and what makes it atomic: modes of new and replaced files, symbolic links
// (chains, dangling ones, loops), the private folders made under $XDG_CONFIG_HOME, no
// temporary file left by any fatal signal, and `ulimit -f` as an ordinary write error.
// The signal cases run in a child process, as a user's somepost would be signalled.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>

#include "cli/error.hpp"
#include "cli/output_file.hpp"

using somepost::cli::CliError;
using somepost::cli::create_private_directories;
using somepost::cli::Output;

namespace {

namespace fs = std::filesystem;

// A fresh folder, removed at the end of the test, with the umask set to 022 meanwhile.
struct TempDir {
  fs::path path;
  mode_t old_mask;
  TempDir() : old_mask(::umask(022)) {
    std::string pattern = (fs::temp_directory_path() / "somepost-atomic-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    ::umask(old_mask);
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

mode_t mode_of(const fs::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// Every entry of `dir` (not recursive), to see that no temporary file is left.
std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

// Writes `bytes` to `path` as the wizard does: all, then commit.
void write_whole(const fs::path& path, const std::string& bytes, bool replace) {
  Output out(path.string(), replace, std::cout);
  out.write(bytes);
  out.commit();
}

}  // namespace

namespace somepost::test {

// Declared where used (test_input.cpp too): runs `body` in a child process with every
// signal at its default action and none blocked, as in a fresh somepost (the test runner
// handles some), and no core dumps; the child exits with body's result (90 when it
// throws). Returns the wait status.
int run_in_child(const std::function<int()>& body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    for (int s = 1; s < NSIG; ++s) {
      if (s != SIGKILL && s != SIGSTOP) ::signal(s, SIG_DFL);
    }
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    int status = 90;
    try {
      status = body();
    } catch (...) {
    }
    ::_exit(status);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace somepost::test

namespace {

using somepost::test::run_in_child;

}  // namespace

TEST_CASE("atomic writer: a new file gets 0666 less the umask, a replaced one keeps its mode") {
  const TempDir dir;
  const fs::path file = dir.path / "platforms";
  write_whole(file, "x\n", false);
  CHECK(mode_of(file) == 0644);
  CHECK_THROWS_AS(write_whole(file, "y\n", false), CliError);
  CHECK(read_file(file) == "x\n");

  REQUIRE(::chmod(file.c_str(), 0600) == 0);
  write_whole(file, "mastodon\n", true);
  CHECK(read_file(file) == "mastodon\n");
  CHECK(mode_of(file) == 0600);
  REQUIRE(::chmod(file.c_str(), 0664) == 0);
  write_whole(file, "x\n", true);
  CHECK(mode_of(file) == 0664);
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic writer: a symbolic link stays a link, and the file it points to is written") {
  const TempDir dir;
  fs::create_directories(dir.path / "dotfiles");
  fs::create_directories(dir.path / "config" / "somepost");
  const fs::path real = dir.path / "dotfiles" / "platforms";
  std::ofstream(real) << "x\n";
  REQUIRE(::chmod(real.c_str(), 0600) == 0);
  const fs::path link = dir.path / "config" / "somepost" / "platforms";
  fs::create_symlink("../../dotfiles/platforms", link);  // relative to the link's folder

  write_whole(link, "bluesky\n", true);
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "../../dotfiles/platforms");
  CHECK(read_file(real) == "bluesky\n");
  CHECK(mode_of(real) == 0600);
  CHECK(entries(dir.path / "config" / "somepost") == 1);  // no temporary left beside the link
  CHECK(entries(dir.path / "dotfiles") == 1);             // nor beside the file

  // A chain of links, the last one absolute.
  const fs::path second = dir.path / "second";
  fs::create_symlink(real, second);
  const fs::path first = dir.path / "first";
  fs::create_symlink("second", first);
  write_whole(first, "x\n", true);
  CHECK(fs::is_symlink(first));
  CHECK(fs::is_symlink(second));
  CHECK(read_file(real) == "x\n");

  // Without `replace`, a link to an existing file is an existing file.
  CHECK_THROWS_WITH_AS(write_whole(link, "no\n", false),
                       (link.string() + " exists; add --force to overwrite it").c_str(), CliError);
  CHECK(read_file(real) == "x\n");
}

TEST_CASE("atomic writer: a dangling link is followed, with or without replace: the file is made, the link kept") {
  const TempDir dir;
  fs::create_directories(dir.path / "dotfiles");
  for (const bool replace : {false, true}) {
    const std::string name = replace ? "forced" : "new";
    const fs::path dangling = dir.path / ("link-" + name);
    fs::create_symlink("dotfiles/" + name, dangling);
    write_whole(dangling, name + "\n", replace);
    CHECK(fs::is_symlink(dangling));
    CHECK(read_file(dir.path / "dotfiles" / name) == name + "\n");
  }
  CHECK(entries(dir.path / "dotfiles") == 2);
  // A link into a folder that does not exist: an error naming the link, nothing made.
  const fs::path nowhere = dir.path / "nowhere";
  fs::create_symlink("missing/file", nowhere);
  CHECK_THROWS_AS(write_whole(nowhere, "x", true), CliError);
  CHECK(fs::is_symlink(nowhere));
  CHECK_FALSE(fs::exists(dir.path / "missing"));
}

TEST_CASE("atomic writer: a link someone else planted in a sticky world-writable folder is not followed") {
  const TempDir dir;
  REQUIRE(::chmod(dir.path.c_str(), 01777) == 0);  // as /tmp
  const fs::path victim = dir.path / "victim";
  fs::create_directories(victim);
  const fs::path planted = dir.path / "out.txt";
  fs::create_symlink(victim / "new.txt", planted);
  const uid_t other = ::geteuid() == 65534 ? 65533 : 65534;
  if (::lchown(planted.c_str(), other, other) != 0) return;  // only root can make another user's link
  CHECK_THROWS_WITH_AS(write_whole(planted, "x", true), (planted.string() + ": " + std::strerror(EACCES)).c_str(),
                       CliError);
  CHECK(fs::is_empty(victim));
  // The folder's owner's links, and ours, are followed as anywhere.
  REQUIRE(::lchown(planted.c_str(), ::geteuid(), ::getegid()) == 0);
  write_whole(planted, "x", true);
  CHECK(read_file(victim / "new.txt") == "x");
}

TEST_CASE("atomic writer: links in a loop are an error naming the path") {
  const TempDir dir;
  const fs::path a = dir.path / "a";
  fs::create_symlink("b", a);
  fs::create_symlink("a", dir.path / "b");
  const std::string expected = a.string() + ": " + std::strerror(ELOOP);
  CHECK_THROWS_WITH_AS(write_whole(a, "x", true), expected.c_str(), CliError);
  CHECK(entries(dir.path) == 2);
}

TEST_CASE("create_private_directories makes each missing folder 0700 and leaves the others") {
  const TempDir dir;
  REQUIRE(::chmod(dir.path.c_str(), 0755) == 0);
  const fs::path config = dir.path / "home" / ".config" / "somepost";
  REQUIRE(create_private_directories(config.string()));
  CHECK(mode_of(dir.path) == 0755);
  CHECK(mode_of(dir.path / "home") == 0700);
  CHECK(mode_of(dir.path / "home" / ".config") == 0700);
  CHECK(mode_of(config) == 0700);
  CHECK(create_private_directories(config.string()));  // all there: nothing to do
  CHECK(create_private_directories(config.string() + "/"));

  std::ofstream(dir.path / "file") << "x";
  CHECK_FALSE(create_private_directories((dir.path / "file").string()));
  CHECK_FALSE(create_private_directories((dir.path / "file" / "below").string()));
}

TEST_CASE("atomic writer: every fatal signal removes the temporary file and still ends the process") {
  const TempDir dir;
  const fs::path target = dir.path / "posts.jsonl";
  for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGXCPU, SIGVTALRM,
                           SIGPROF, SIGABRT, SIGSEGV}) {
    CAPTURE(signal);
    const int status = run_in_child([&] {
      Output out(target.string(), false, std::cout);
      out.write(std::string(100000, 'x'));  // past the buffer: the temporary file has data
      if (!out.flush() || entries(dir.path) != 1) return 3;
      ::raise(signal);
      return 4;  // not reached: the signal ends the process
    });
    CHECK(WIFSIGNALED(status));
    if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == signal);
    CHECK(entries(dir.path) == 0);
  }
}

TEST_CASE("atomic writer: a signal the process ignores stays ignored, and the write completes") {
  const TempDir dir;
  const fs::path target = dir.path / "posts.jsonl";
  const int status = run_in_child([&] {
    ::signal(SIGUSR1, SIG_IGN);  // as `nohup` does for SIGHUP
    Output out(target.string(), false, std::cout);
    out.write("a");
    ::raise(SIGUSR1);
    out.write("b");
    out.commit();
    return 0;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_file(target) == "ab");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic writer: a file size limit (ulimit -f) is a write error; nothing is left, the target untouched") {
  const TempDir dir;
  const fs::path target = dir.path / "posts.jsonl";
  std::ofstream(target) << "old";
  const int status = run_in_child([&] {
    const rlimit small{4096, 4096};
    if (::setrlimit(RLIMIT_FSIZE, &small) != 0) return 2;
    try {
      Output out(target.string(), true, std::cout);
      out.write(std::string(100000, 'x'));
      out.commit();
    } catch (const CliError& e) {
      // Without SIGXFSZ ignored, the process would have died at the write.
      return std::string(e.what()) == target.string() + ": cannot write: " + std::strerror(EFBIG) ? 0 : 5;
    }
    return 6;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(read_file(target) == "old");
  CHECK(entries(dir.path) == 1);
}
