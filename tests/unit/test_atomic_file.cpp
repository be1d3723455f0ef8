// Writing files whole or not at all (the wizard's exports and remembered platforms):
// through symbolic links, keeping a replaced file's permissions, and the private
// folders made under $XDG_CONFIG_HOME.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "cli/atomic_file.hpp"
#include "cli/error.hpp"

using somepost::cli::create_private_directories;
using somepost::cli::write_file_atomically;
using somepost::cli::WriteResult;

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

}  // namespace

TEST_CASE("write_file_atomically: a new file gets 0666 less the umask, a replaced one keeps its mode") {
  const TempDir dir;
  const fs::path file = dir.path / "platforms";
  REQUIRE(write_file_atomically(file.string(), "x\n", false) == WriteResult::written);
  CHECK(mode_of(file) == 0644);
  CHECK(write_file_atomically(file.string(), "y\n", false) == WriteResult::exists);
  CHECK(read_file(file) == "x\n");

  REQUIRE(::chmod(file.c_str(), 0600) == 0);
  REQUIRE(write_file_atomically(file.string(), "mastodon\n", true) == WriteResult::written);
  CHECK(read_file(file) == "mastodon\n");
  CHECK(mode_of(file) == 0600);
  REQUIRE(::chmod(file.c_str(), 0664) == 0);
  REQUIRE(write_file_atomically(file.string(), "x\n", true) == WriteResult::written);
  CHECK(mode_of(file) == 0664);
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("write_file_atomically: a symbolic link stays a link, and the file it points to is written") {
  const TempDir dir;
  fs::create_directories(dir.path / "dotfiles");
  fs::create_directories(dir.path / "config" / "somepost");
  const fs::path real = dir.path / "dotfiles" / "platforms";
  std::ofstream(real) << "x\n";
  REQUIRE(::chmod(real.c_str(), 0600) == 0);
  const fs::path link = dir.path / "config" / "somepost" / "platforms";
  fs::create_symlink("../../dotfiles/platforms", link);  // relative to the link's folder

  REQUIRE(write_file_atomically(link.string(), "bluesky\n", true) == WriteResult::written);
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
  REQUIRE(write_file_atomically(first.string(), "x\n", true) == WriteResult::written);
  CHECK(fs::is_symlink(first));
  CHECK(fs::is_symlink(second));
  CHECK(read_file(real) == "x\n");

  // Without `replace`, a link to an existing file is an existing file.
  CHECK(write_file_atomically(link.string(), "no\n", false) == WriteResult::exists);
  CHECK(read_file(real) == "x\n");

  // A link to a file not there yet: the file is made, the link kept.
  const fs::path dangling = dir.path / "dangling";
  fs::create_symlink("dotfiles/new", dangling);
  REQUIRE(write_file_atomically(dangling.string(), "new\n", false) == WriteResult::written);
  CHECK(fs::is_symlink(dangling));
  CHECK(read_file(dir.path / "dotfiles" / "new") == "new\n");
}

TEST_CASE("write_file_atomically: links in a loop are an error naming the path") {
  const TempDir dir;
  const fs::path a = dir.path / "a";
  fs::create_symlink("b", a);
  fs::create_symlink("a", dir.path / "b");
  const std::string expected = a.string() + ": cannot write the file: " + std::strerror(ELOOP);
  CHECK_THROWS_WITH_AS(write_file_atomically(a.string(), "x", true), expected.c_str(), somepost::cli::CliError);
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
