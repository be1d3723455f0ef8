// The wizard's line reader: lines from a file descriptor, with a bound on a line's
// length so that input that is not answers (`< /dev/zero`) ends with an error instead of
// growing memory for ever. And read_bounded_line, which skips a line past its bound
// (`count --jsonl`, `batch --plan`) in memory that follows the bound, not the line.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "cli/error.hpp"
#include "cli/line_input.hpp"

using somepost::cli::CliError;
using somepost::cli::FdLineInput;
using somepost::cli::InterruptGuard;
using somepost::cli::ReadStatus;

namespace {

namespace fs = std::filesystem;

// A temporary file holding `bytes`, open for reading; both go at the end of the test.
class InputFile {
 public:
  explicit InputFile(const std::string& bytes) {
    std::string pattern = (fs::temp_directory_path() / "somepost-lines-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << bytes;
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd_ >= 0);
  }
  ~InputFile() {
    ::close(fd_);
    std::error_code ec;
    fs::remove(path_, ec);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

 private:
  fs::path path_;
  int fd_ = -1;
};

}  // namespace

TEST_CASE("FdLineInput: lines without their line ends, a last line without one") {
  // More lines than one read() takes (4 KiB), so that lines straddle the reads.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "line " + std::to_string(i) + (i % 2 ? "\r\n" : "\n");
  text += "last";
  const InputFile file(text);
  FdLineInput input(file.fd());
  std::string line;
  for (int i = 0; i < 2000; ++i) {
    REQUIRE(input.read_line(line) == ReadStatus::line);
    CHECK(line == "line " + std::to_string(i));
  }
  REQUIRE(input.read_line(line) == ReadStatus::line);
  CHECK(line == "last");
  CHECK(input.read_line(line) == ReadStatus::end);
}

TEST_CASE("FdLineInput: a line of kMaxLineBytes is read, a longer one is an error") {
  const std::size_t max = FdLineInput::kMaxLineBytes;
  {
    const InputFile file(std::string(max, 'a') + "\r\n" + std::string(max, 'b'));
    FdLineInput input(file.fd());
    std::string line;
    REQUIRE(input.read_line(line) == ReadStatus::line);
    CHECK(line == std::string(max, 'a'));
    REQUIRE(input.read_line(line) == ReadStatus::line);  // at the end, without "\n"
    CHECK(line == std::string(max, 'b'));
  }
  {
    const InputFile file(std::string(max + 1, 'a') + "\n");
    FdLineInput input(file.fd());
    std::string line;
    CHECK_THROWS_WITH_AS(input.read_line(line), "an answer is longer than 65536 bytes", CliError);
  }
  {
    const InputFile file(std::string(max + 1, 'a'));  // the last line, without "\n"
    FdLineInput input(file.fd());
    std::string line;
    CHECK_THROWS_AS(input.read_line(line), CliError);
  }
}

TEST_CASE("FdLineInput: endless input without a newline ends with an error, not with memory") {
  const int zero = ::open("/dev/zero", O_RDONLY | O_CLOEXEC);
  REQUIRE(zero >= 0);
  FdLineInput input(zero);
  std::string line;
  CHECK_THROWS_AS(input.read_line(line), CliError);
  ::close(zero);
}

namespace {

// The handler in force for `signal`, comparable in CHECKs.
void* handler_of(int signal) {
  struct sigaction now {};
  ::sigaction(signal, nullptr, &now);
  return reinterpret_cast<void*>(now.sa_handler);
}

}  // namespace

TEST_CASE("InterruptGuard leaves a signal ignored at start ignored (nohup)") {
  // As `nohup somepost` starts it: SIGHUP ignored. Ctrl-C (SIGINT) is still caught.
  void* const ignored = reinterpret_cast<void*>(SIG_IGN);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  struct sigaction hup_before {};
  REQUIRE(::sigaction(SIGHUP, &ignore, &hup_before) == 0);
  void* const int_before = handler_of(SIGINT);
  {
    const InterruptGuard guard;
    CHECK(handler_of(SIGHUP) == ignored);
    ::raise(SIGHUP);
    CHECK_FALSE(InterruptGuard::interrupted());
    CHECK(handler_of(SIGINT) != ignored);
    CHECK(handler_of(SIGINT) != reinterpret_cast<void*>(SIG_DFL));
    ::raise(SIGINT);
    CHECK(InterruptGuard::interrupted());
  }
  CHECK(handler_of(SIGHUP) == ignored);
  CHECK(handler_of(SIGINT) == int_before);
  ::sigaction(SIGHUP, &hup_before, nullptr);
}

namespace {

using somepost::cli::BoundedRead;
using somepost::cli::read_bounded_line;

// Every read of `text` with a bound of `max`: each line, or "<too long>", then "<end>".
std::vector<std::string> bounded_lines(const std::string& text, std::size_t max) {
  std::istringstream in(text);
  std::vector<std::string> out;
  std::string line;
  for (;;) {
    const BoundedRead read = read_bounded_line(in, line, max, "input");
    if (read == BoundedRead::end) break;
    out.push_back(read == BoundedRead::line ? line : "<too long>");
    if (read == BoundedRead::too_long) CHECK(line.empty());
  }
  out.push_back("<end>");
  return out;
}

}  // namespace

TEST_CASE("read_bounded_line: lines up to the bound, longer ones skipped to their end") {
  using V = std::vector<std::string>;
  CHECK(bounded_lines("", 4) == V{"<end>"});
  CHECK(bounded_lines("\n\n", 4) == V{"", "", "<end>"});
  CHECK(bounded_lines("abcd\nabcde\nab\r\nabcd", 4) == V{"abcd", "<too long>", "ab\r", "abcd", "<end>"});
  CHECK(bounded_lines("abcdefghij", 4) == V{"<too long>", "<end>"});  // the last line, without "\n"
  // Around the doubling room (256, 512, ...): exact lengths come back whole.
  for (const std::size_t n : {255u, 256u, 257u, 511u, 512u, 513u, 5000u}) {
    CAPTURE(n);
    const std::string a(n, 'a');
    CHECK(bounded_lines(a + "\n" + a, 5000) == V{a, a, "<end>"});
    CHECK(bounded_lines(a + "b\nc", n) == V{"<too long>", "c", "<end>"});
  }
}

TEST_CASE("read_bounded_line: a 100 MB line costs the bound, not the line") {
  // A stream that hands out `size` bytes of 'x' and a "\n", then "ok\n", without ever
  // holding more than one 64 KiB chunk: were the line kept, the string would need 100 MB.
  struct Endless : std::streambuf {
    std::size_t left = 100'000'000;
    bool tail = false;
    std::string chunk = std::string(64 * 1024, 'x');
    std::string end = "\nok\n";
    int_type underflow() override {
      if (left > 0) {
        const std::size_t n = std::min(left, chunk.size());
        left -= n;
        setg(chunk.data(), chunk.data(), chunk.data() + n);
      } else if (!tail) {
        tail = true;
        setg(end.data(), end.data(), end.data() + end.size());
      } else {
        return traits_type::eof();
      }
      return traits_type::to_int_type(*gptr());
    }
  } endless;
  std::istream in(&endless);
  std::string line;
  CHECK(read_bounded_line(in, line, 1 << 20, "input") == BoundedRead::too_long);
  CHECK(line.capacity() <= 2 * (1 << 20) + 64);
  REQUIRE(read_bounded_line(in, line, 1 << 20, "input") == BoundedRead::line);
  CHECK(line == "ok");
  CHECK(read_bounded_line(in, line, 1 << 20, "input") == BoundedRead::end);
}

TEST_CASE("open_line_file: a folder or a missing file is one clear error") {
  std::ifstream file;
  const std::string folder = fs::temp_directory_path().string();
  CHECK_THROWS_WITH_AS(somepost::cli::open_line_file(file, folder), (folder + ": Is a directory").c_str(), CliError);
  CHECK_THROWS_WITH_AS(somepost::cli::open_line_file(file, folder + "/no-such-somepost-file"),
                       (folder + "/no-such-somepost-file: No such file or directory").c_str(), CliError);
}
