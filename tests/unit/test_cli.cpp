// The CLI entry point's contract: version, help, usage errors and exit statuses.
#include <doctest/doctest.h>

#include <sstream>

#include "cli/run.hpp"

namespace {
struct Result {
  int status;
  std::string out;
  std::string err;
};
Result run_cli(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), "somepost");
  std::istringstream in(input);
  std::ostringstream out, err;
  const int status = somepost::cli::run(args, {in, out, err});
  return {status, out.str(), err.str()};
}
}  // namespace

TEST_CASE("--version names the program and Unicode 17.0 on stdout") {
  const auto r = run_cli({"--version"});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("somepost ", 0) == 0);
  CHECK(r.out.find("Unicode 17.0") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("--help prints usage on stdout and exits 0") {
  const auto r = run_cli({"--help"});
  CHECK(r.status == 0);
  CHECK(r.out.find("--version") != std::string::npos);
  CHECK(r.out.find("Exit status") != std::string::npos);
}

TEST_CASE("an unknown option is one error line and exit 2") {
  const auto r = run_cli({"--frobnicate"});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("somepost: error: ", 0) == 0);
  CHECK(r.err.find("--frobnicate") != std::string::npos);
}

TEST_CASE("compose shows the post terminal-safe on a TTY and the exact bytes elsewhere") {
  // Issue 11, defect 4: text from outside (here --text) must not drive the terminal; a
  // pipe or a file gets what would be posted, byte for byte.
  const std::string text = "a\x1b[31mb\xc2\x9b\xe2\x80\xae";
  const std::vector<std::string> args = {"somepost", "compose", "--text", text, "--no-link", "-p", "x"};
  for (const bool tty : {false, true}) {
    CAPTURE(tty);
    std::istringstream in;
    std::ostringstream out, err;
    somepost::cli::Terminal terminal;
    terminal.stdout_tty = tty;
    const int status = somepost::cli::run(args, {in, out, err, terminal});
    CHECK(status == 0);
    CHECK(out.str() == (tty ? "a\u241b[31mb\ufffd\u27e8U+202E\u27e9\n" : text + "\n"));
  }
}
