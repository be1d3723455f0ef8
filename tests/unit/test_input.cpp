// Whole-file reads (cli/input): every failure is one error naming the file, never a
// truncated or empty text; the bounds hold for files, devices and stdin; files somepost
// finds itself are read only when regular, without blocking. And the start-up repair of
// closed standard descriptors (cli::open_standard_descriptors), which keeps the files
// opened later off descriptors 0-2.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/error.hpp"
#include "cli/input.hpp"
#include "cli/run.hpp"

using somepost::cli::CliError;
using somepost::cli::read_all;
using somepost::cli::read_regular_file;

namespace somepost::test {
// Defined in test_atomic_file.cpp: `body` in a child process, with the signals at their
// default actions; the wait status.
int run_in_child(const std::function<int()>& body);
}  // namespace somepost::test

namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "somepost-input-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// The message of the CliError that `read` throws, or "" when it throws none.
template <typename Read>
std::string error_of(Read read) {
  try {
    (void)read();
  } catch (const CliError& e) {
    return e.what();
  }
  return {};
}

// Runs `body` in a child process; returns its exit status (-1 when it did not exit).
int in_child(const std::function<int()>& body) {
  const int status = somepost::test::run_in_child(body);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("read_all: a file's exact bytes; stdin from a stream") {
  const TempDir dir;
  const fs::path file = dir.path / "post.txt";
  const std::string bytes = std::string("a\0b\r\n", 5) + std::string(200000, 'x');  // past one read
  std::ofstream(file, std::ios::binary) << bytes;
  std::istringstream unused;
  CHECK(read_all(file.string(), unused) == bytes);
  std::istringstream in(bytes);
  CHECK(read_all("-", in) == bytes);
}

TEST_CASE("read_all: a folder, a missing file and an unreadable one are errors naming the file") {
  const TempDir dir;
  std::istringstream in;
  CHECK(error_of([&] { return read_all(dir.path.string(), in); }) == dir.path.string() + ": Is a directory");
  CHECK(error_of([&] { return read_all("/tmp", in); }) == "/tmp: Is a directory");
  const fs::path missing = dir.path / "missing.txt";
  CHECK(error_of([&] { return read_all(missing.string(), in); }) ==
        missing.string() + ": No such file or directory");
  CHECK(error_of([&] { return read_regular_file(dir.path.string(), 100); }) == dir.path.string() + ": Is a directory");
}

TEST_CASE("read_all: the bound holds for regular files, devices and streams") {
  const TempDir dir;
  const fs::path file = dir.path / "big.txt";
  std::ofstream(file, std::ios::binary) << std::string(1001, 'x');
  std::istringstream unused;
  CHECK(read_all(file.string(), unused, 1001).size() == 1001);  // exactly the bound: fine
  CHECK(error_of([&] { return read_all(file.string(), unused, 1000); }) ==
        file.string() + ": larger than the limit of 1000 bytes");
  // A device without end: refused at the bound, not read until memory runs out.
  CHECK(error_of([&] { return read_all("/dev/zero", unused, 100000); }) ==
        "/dev/zero: larger than the limit of 100000 bytes");
  std::istringstream in(std::string(1001, 'x'));
  CHECK(error_of([&] { return read_all("-", in, 1000); }) == "standard input: larger than the limit of 1000 bytes");
  CHECK(error_of([&] { return read_regular_file(file.string(), 1000); }) ==
        file.string() + ": larger than the limit of 1000 bytes");
}

TEST_CASE("read_all: a stream that fails part way is an error, not a shorter text") {
  std::istringstream in("abc");
  in.setstate(std::ios::badbit);
  CHECK(error_of([&] { return read_all("-", in); }) == "standard input: read error");
}

#if defined(__SANITIZE_ADDRESS__)
#define SOMEPOST_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOMEPOST_TEST_ASAN 1
#endif
#endif

TEST_CASE("read_all: memory running out part way is an error naming the file, never a truncated text") {
#ifdef SOMEPOST_TEST_ASAN
  // AddressSanitizer's allocator ends the process when the address space runs out,
  // instead of throwing std::bad_alloc: there is nothing to observe.
  return;
#endif
  const TempDir dir;
  const fs::path file = dir.path / "huge.txt";
  {
    // 256 MiB without taking the disk space (sparse).
    std::ofstream create(file);
  }
  REQUIRE(::truncate(file.c_str(), off_t{256} << 20) == 0);
  const int status = in_child([&] {
    // The address space now plus 64 MiB: the text cannot fit, as under `ulimit -v`.
    std::ifstream status_file("/proc/self/status");
    std::string line;
    long long vm_kib = -1;
    while (std::getline(status_file, line)) {
      if (line.rfind("VmSize:", 0) == 0) vm_kib = std::stoll(line.substr(7));
    }
    if (vm_kib < 0) return 2;
    const rlimit limit{static_cast<rlim_t>((vm_kib + 64 * 1024) * 1024), RLIM_INFINITY};
    if (::setrlimit(RLIMIT_AS, &limit) != 0) return 3;
    std::istringstream unused;
    const std::string error = error_of([&] { return read_all(file.string(), unused, std::size_t{512} << 20); });
    return error == file.string() + ": out of memory" ? 0 : 4;
  });
  CHECK(status == 0);
}

TEST_CASE("read_regular_file: a FIFO, a device and a link to /dev/zero are refused at once, unread") {
  const TempDir dir;
  const fs::path fifo = dir.path / "platforms";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // No writer: a blocking open would wait for ever.
  CHECK(error_of([&] { return read_regular_file(fifo.string(), 65536); }) == fifo.string() + ": not a regular file");
  const fs::path link = dir.path / "zero";
  fs::create_symlink("/dev/zero", link);
  CHECK(error_of([&] { return read_regular_file(link.string(), 65536); }) == link.string() + ": not a regular file");
  CHECK(error_of([&] { return read_regular_file("/dev/null", 65536); }) == "/dev/null: not a regular file");
  const fs::path file = dir.path / "ok";
  std::ofstream(file) << "x\nmastodon\n";
  CHECK(read_regular_file(file.string(), 65536) == "x\nmastodon\n");
}

TEST_CASE("read_all: stdin through descriptor 0: a folder is an error; a file is read from its offset") {
  const TempDir dir;
  const fs::path file = dir.path / "text.txt";
  std::ofstream(file) << "first\nsecond\n";
  const int folder = in_child([&] {
    const int fd = ::open(dir.path.c_str(), O_RDONLY);
    if (fd < 0 || ::dup2(fd, STDIN_FILENO) < 0) return 2;
    return error_of([&] { return read_all("-", std::cin); }) == "standard input: Is a directory" ? 0 : 3;
  });
  CHECK(folder == 0);
  const int offset = in_child([&] {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0 || ::dup2(fd, STDIN_FILENO) < 0 || ::lseek(STDIN_FILENO, 6, SEEK_SET) != 6) return 2;
    return read_all("-", std::cin) == "second\n" ? 0 : 3;  // what a shell's `read` left
  });
  CHECK(offset == 0);
}

TEST_CASE("open_standard_descriptors: closed 0, 1 and 2 get /dev/null, still unusable, so a file opened next is not one of them") {
  const TempDir dir;
  const std::string target = (dir.path / "out").string();
  for (const int closed : {0, 1, 2, -1}) {
    CAPTURE(closed);
    const int status = in_child([&] {
      struct stat null_info {};
      if (::stat("/dev/null", &null_info) != 0) return 2;
      if (closed >= 0) {
        ::close(closed);
      } else {
        for (int fd = 0; fd <= 2; ++fd) ::close(fd);
      }
      somepost::cli::open_standard_descriptors();
      for (int fd = 0; fd <= 2; ++fd) {
        struct stat info {};
        if (::fstat(fd, &info) != 0) return 3;
        const bool was_closed = closed < 0 || closed == fd;
        if (!was_closed) continue;
        if (info.st_rdev != null_info.st_rdev) return 4;
        // Used the way it was meant, it fails as the closed descriptor did.
        char byte = 'x';
        const ssize_t n = fd == 0 ? ::read(fd, &byte, 1) : ::write(fd, &byte, 1);
        if (n != -1 || errno != EBADF) return 6;
      }
      const int next = ::open(target.c_str(), O_WRONLY | O_CREAT, 0600);
      return next > 2 ? 0 : 5;
    });
    CHECK(status == 0);
  }
}
