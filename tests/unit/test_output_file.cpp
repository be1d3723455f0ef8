// Safe output: a temporary file renamed into place, never overwriting without --force,
// nothing left behind on failure.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/error.hpp"
#include "cli/output_file.hpp"

namespace fs = std::filesystem;
using somepost::cli::CliError;
using somepost::cli::Output;

namespace {

// A fresh empty folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("somepost-output-test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("Output: the target appears only at commit, complete, with no temporary file left") {
  TempDir dir;
  const fs::path target = dir.path / "post.json";
  {
    Output out(target.string(), false, std::cout);
    CHECK(out.write("{\"text\":"));
    CHECK(out.write(std::string(100000, 'a')));  // more than the buffer: sent as written
    CHECK(out.flush());
    CHECK_FALSE(fs::exists(target));
    CHECK(dir.entries() == 1);  // the temporary file, next to the target
    out.commit();
  }
  CHECK(contents(target) == "{\"text\":" + std::string(100000, 'a'));
  CHECK(dir.entries() == 1);
}

TEST_CASE("Output: an existing file is refused without force and replaced with it") {
  TempDir dir;
  const fs::path target = dir.path / "post.txt";
  std::ofstream(target) << "old";
  CHECK_THROWS_WITH_AS(Output(target.string(), false, std::cout),
                       (target.string() + " exists; add --force to overwrite it").c_str(), CliError);
  CHECK(contents(target) == "old");
  {
    Output out(target.string(), true, std::cout);
    out.write("new");
    out.commit();
  }
  CHECK(contents(target) == "new");
  CHECK(dir.entries() == 1);
}

TEST_CASE("Output: a file that appears meanwhile is not clobbered without force") {
  TempDir dir;
  const fs::path target = dir.path / "post.txt";
  Output out(target.string(), false, std::cout);
  out.write("mine");
  std::ofstream(target) << "theirs";
  CHECK_THROWS_AS(out.commit(), CliError);
  CHECK(contents(target) == "theirs");
  CHECK(dir.entries() == 1);  // the temporary file is gone
}

TEST_CASE("Output: without commit the temporary file is removed and nothing appears") {
  TempDir dir;
  const fs::path target = dir.path / "post.txt";
  {
    Output out(target.string(), false, std::cout);
    out.write("half");
  }
  CHECK(dir.entries() == 0);
}

TEST_CASE("Output: a write error names the target and leaves nothing behind") {
  // somepost targets Linux (Debian 12): a missing /dev/full is a broken machine, not a skip.
  REQUIRE_MESSAGE(fs::exists("/dev/full"), "this test needs Linux's /dev/full");
  Output out("/dev/full", false, std::cout);
  out.write("x");
  CHECK_THROWS_WITH_AS(out.commit(), "/dev/full: cannot write: No space left on device", CliError);
}

TEST_CASE("Output: bad targets fail up front") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(Output(dir.path.string(), true, std::cout), (dir.path.string() + " is a directory").c_str(),
                       CliError);
  const fs::path missing = dir.path / "no" / "such" / "post.txt";
  CHECK_THROWS_AS(Output(missing.string(), false, std::cout), CliError);
  CHECK(somepost::cli::is_directory(dir.path.string()));
  CHECK_FALSE(somepost::cli::is_directory((dir.path / "x").string()));
}

TEST_CASE("Output: a symbolic link is followed; the link stays a link") {
  TempDir dir;
  const fs::path target = dir.path / "real.txt";
  const fs::path link = dir.path / "link.txt";
  std::ofstream(target) << "old";
  fs::create_symlink(target, link);
  CHECK_THROWS_WITH_AS(Output(link.string(), false, std::cout),
                       (link.string() + " exists; add --force to overwrite it").c_str(), CliError);
  {
    Output out(link.string(), true, std::cout);
    out.write("new");
    out.commit();
  }
  CHECK(fs::is_symlink(link));
  CHECK(contents(target) == "new");
  CHECK(dir.entries() == 2);
}

TEST_CASE("Output: - writes to the stream given") {
  std::ostringstream stream;
  {
    Output out("-", false, stream);
    out.write("post\n");
    out.commit();
  }
  CHECK(stream.str() == "post\n");
}

TEST_CASE("Output: /dev/stdout and /dev/fd/N are written in place through the descriptor") {
  REQUIRE_MESSAGE(fs::exists("/proc/self/fd"), "this test needs Linux's /proc/self/fd");
  std::ostringstream stream;
  for (const char* path : {"/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"}) {
    {
      Output out(path, false, stream);
      out.write(path);
      out.commit();
    }
    CHECK(stream.str() == path);
    stream.str("");
  }

  // A log the shell opened for appending (`>> log.txt`) is appended to, with or without
  // force: never replaced through a temporary file.
  TempDir dir;
  const fs::path log = dir.path / "log.txt";
  std::ofstream(log) << "keep\n";
  const int fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const fs::path link = dir.path / "link";
  fs::create_symlink("/dev/fd/" + std::to_string(fd), link);  // through a link of one's own too
  for (const std::string& path : {"/dev/fd/" + std::to_string(fd), "/proc/self/fd/" + std::to_string(fd),
                                 link.string()}) {
    for (const bool force : {false, true}) {
      Output out(path, force, std::cout);
      out.write("new\n");
      out.commit();
    }
  }
  ::close(fd);
  CHECK(contents(log) == "keep\nnew\nnew\nnew\nnew\nnew\nnew\n");
  CHECK(dir.entries() == 2);  // the log and the link: no temporary file

  CHECK_THROWS_WITH_AS(Output("/dev/fd/999", false, std::cout), "/dev/fd/999: Bad file descriptor", CliError);
}

TEST_CASE("Output: with an error to fill, failures are stored instead of thrown") {
  TempDir dir;
  std::string error;
  {
    Output out(dir.path.string(), true, std::cout, error);  // a directory is in the way
    CHECK_FALSE(out.write("x"));
    out.commit();
  }
  CHECK(error == dir.path.string() + " is a directory");
  const fs::path target = dir.path / "post.txt";
  std::ofstream(target) << "old";
  error.clear();
  {
    Output out(target.string(), false, std::cout, error);
    out.commit();
  }
  CHECK(error == target.string() + " exists; add --force to overwrite it");
  CHECK(contents(target) == "old");
  REQUIRE_MESSAGE(fs::exists("/dev/full"), "this test needs Linux's /dev/full");
  {
    error.clear();
    Output out("/dev/full", false, std::cout, error);
    CHECK(out.write("x"));  // buffered
    out.commit();
    CHECK(error == "/dev/full: cannot write: No space left on device");
    CHECK_FALSE(out.write("y"));
  }
  error.clear();
  {
    Output out((dir.path / "new.txt").string(), false, std::cout, error);
    CHECK(out.write("new"));
    out.commit();
  }
  CHECK(error.empty());
  CHECK(contents(dir.path / "new.txt") == "new");
  CHECK(dir.entries() == 2);  // no temporary file left by any of them
}

TEST_CASE("Output: a file replaced with force keeps its permission bits") {
  TempDir dir;
  const fs::path target = dir.path / "private.txt";
  for (const fs::perms mode : {fs::perms::owner_read | fs::perms::owner_write,
                               fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read,
                               fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read}) {
    std::ofstream(target) << "old";
    fs::permissions(target, mode);
    {
      Output out(target.string(), true, std::cout);
      out.write("new");
      out.commit();
    }
    CHECK(contents(target) == "new");
    CHECK((fs::status(target).permissions() & fs::perms::all) == mode);
  }
  CHECK(dir.entries() == 1);
}
