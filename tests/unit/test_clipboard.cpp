// Clipboard copying: base64 and OSC 52, the choice of tool, and running a tool (a fake
// one written here) with the exact bytes on its stdin.
#include <doctest/doctest.h>

#include <spawn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "cli/clipboard.hpp"
#include "core/clipboard.hpp"

using namespace somepost;

namespace {

namespace fs = std::filesystem;

// A fresh folder, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "somepost-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

fs::path write_script(const fs::path& dir, const std::string& name, const std::string& body) {
  const fs::path file = dir / name;
  std::ofstream(file) << "#!/bin/sh\n" << body << '\n';
  fs::permissions(file, fs::perms::owner_all);
  return file;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> names(const std::vector<core::ClipboardTool>& tools) {
  std::vector<std::string> out;
  for (const auto& t : tools) {
    std::string joined;
    for (const auto& a : t.argv) {
      if (!joined.empty()) joined += ' ';
      joined += a;
    }
    out.push_back(joined);
  }
  return out;
}

}  // namespace

TEST_CASE("base64_encode: the RFC 4648 test vectors, binary and UTF-8") {
  CHECK(core::base64_encode("") == "");
  CHECK(core::base64_encode("f") == "Zg==");
  CHECK(core::base64_encode("fo") == "Zm8=");
  CHECK(core::base64_encode("foo") == "Zm9v");
  CHECK(core::base64_encode("foob") == "Zm9vYg==");
  CHECK(core::base64_encode("fooba") == "Zm9vYmE=");
  CHECK(core::base64_encode("foobar") == "Zm9vYmFy");
  CHECK(core::base64_encode(std::string("\xFF\xFE\x00", 3)) == "//4A");
  CHECK(core::base64_encode("ä") == "w6Q=");
  CHECK(core::base64_encode("Hyvää päivää 👋\n") == "SHl2w6TDpCBww6RpdsOkw6Qg8J+Riwo=");
}

TEST_CASE("osc52_sequence frames the base64 text for the terminal") {
  CHECK(core::osc52_sequence("hi") == "\x1b]52;c;aGk=\x07");
  CHECK(core::osc52_sequence("") == "\x1b]52;c;\x07");
}

TEST_CASE("utf16le_with_bom: what clip.exe reads as Unicode") {
  CHECK(core::utf16le_with_bom("") == std::string("\xFF\xFE", 2));
  CHECK(core::utf16le_with_bom("a") == std::string("\xFF\xFE" "a\0", 4));
  CHECK(core::utf16le_with_bom("ä") == std::string("\xFF\xFE\xE4\x00", 4));
  CHECK(core::utf16le_with_bom("€") == std::string("\xFF\xFE\xAC\x20", 4));
  // U+1F44B WAVING HAND SIGN: the surrogate pair D83D DC4B, each unit little-endian.
  CHECK(core::utf16le_with_bom("👋") == std::string("\xFF\xFE\x3D\xD8\x4B\xDC", 6));
  CHECK(core::utf16le_with_bom("ä👋\n") == std::string("\xFF\xFE\xE4\x00\x3D\xD8\x4B\xDC\n\x00", 10));
  CHECK(core::utf16le_with_bom("\xFF") == std::string("\xFF\xFE\xFD\xFF", 4));  // ill-formed: U+FFFD
}

TEST_CASE("clipboard_bytes: each tool's encoding, and what pbcopy's environment says") {
  const auto tools = core::clipboard_tools({true, true, false}, [](std::string_view) { return true; });
  REQUIRE(tools.size() == 5);
  for (const core::ClipboardTool& t : tools) {
    CAPTURE(t.argv.front());
    if (t.argv.front() == "clip.exe") {
      CHECK(core::clipboard_bytes(t, "ä") == std::string("\xFF\xFE\xE4\x00", 4));
      CHECK(t.environment.empty());
    } else {
      CHECK(core::clipboard_bytes(t, "ä👋") == "ä👋");
    }
    if (t.argv.front() == "pbcopy") {
      CHECK(t.environment == std::vector<std::string>{"LANG=en_US.UTF-8", "LC_CTYPE=en_US.UTF-8", "LC_ALL="});
    } else if (t.argv.front() != "clip.exe") {
      CHECK(t.environment.empty());
    }
  }
}

TEST_CASE("clipboard_tools: the first usable tools in order, nothing over SSH") {
  const auto all_present = [](std::string_view) { return true; };
  const auto only = [](std::set<std::string> present) {
    return [present](std::string_view name) { return present.count(std::string(name)) > 0; };
  };
  core::ClipboardEnvironment wayland{true, false, false};
  CHECK(names(core::clipboard_tools(wayland, all_present)) ==
        std::vector<std::string>{"wl-copy", "pbcopy", "clip.exe"});
  core::ClipboardEnvironment x11{false, true, false};
  CHECK(names(core::clipboard_tools(x11, all_present)) ==
        std::vector<std::string>{"xclip -selection clipboard", "xsel -b", "pbcopy", "clip.exe"});
  core::ClipboardEnvironment both{true, true, false};
  CHECK(names(core::clipboard_tools(both, only({"xsel", "wl-copy"}))) == std::vector<std::string>{"wl-copy", "xsel -b"});
  core::ClipboardEnvironment none{};
  CHECK(names(core::clipboard_tools(none, only({"wl-copy", "xclip"}))).empty());  // no display for them
  CHECK(names(core::clipboard_tools(none, only({"clip.exe"}))) == std::vector<std::string>{"clip.exe"});
  core::ClipboardEnvironment ssh{true, true, true};
  CHECK(core::clipboard_tools(ssh, all_present).empty());
}

TEST_CASE("find_on_path finds executables only, in PATH order") {
  TempDir a, b;
  write_script(a.path, "tool", "exit 0");
  write_script(b.path, "tool", "exit 0");
  std::ofstream(b.path / "plain") << "not executable";
  const std::string path = a.path.string() + "::" + b.path.string();
  CHECK(cli::find_on_path("tool", path) == (a.path / "tool").string());
  CHECK_FALSE(cli::find_on_path("plain", path));
  CHECK_FALSE(cli::find_on_path("missing", path));
  CHECK_FALSE(cli::find_on_path("../tool", path));
  CHECK_FALSE(cli::find_on_path("tool", ""));
}

TEST_CASE("run_clipboard_tool feeds the exact bytes and judges the exit status") {
  TempDir dir;
  const fs::path out = dir.path / "clipboard";
  const fs::path recorder = write_script(dir.path, "recorder", "cat > \"$1\"");
  const std::string post = "Hyvää päivää 👋 mieli.fi\n\n#mieli \"quoted\" $HOME `x`";
  const cli::ToolOutcome ok = cli::run_clipboard_tool({recorder.string(), out.string()}, post);
  CHECK(ok.ok);
  CHECK(read_file(out) == post);

  const fs::path failing = write_script(dir.path, "failing", "cat > /dev/null; exit 3");
  const cli::ToolOutcome failed = cli::run_clipboard_tool({failing.string()}, post);
  CHECK_FALSE(failed.ok);
  CHECK(failed.problem == "exit status 3");

  // A tool that exits without reading: somepost must not die of SIGPIPE.
  const fs::path deaf = write_script(dir.path, "deaf", "exit 0");
  const cli::ToolOutcome unread = cli::run_clipboard_tool({deaf.string()}, std::string(1 << 20, 'a'));
  CHECK_FALSE(unread.ok);
  CHECK(unread.problem == "it did not read the whole post");

  const fs::path slow = write_script(dir.path, "slow", "exec sleep 30");
  const cli::ToolOutcome late = cli::run_clipboard_tool({slow.string()}, "x", 200);
  CHECK_FALSE(late.ok);
  CHECK(late.problem.find("did not finish") != std::string::npos);

  const cli::ToolOutcome missing = cli::run_clipboard_tool({(dir.path / "nope").string()}, "x");
  CHECK_FALSE(missing.ok);
}

TEST_CASE("run_clipboard_tool: the child a tool leaves holding the clipboard gets no terminal signals") {
  // Like xclip and wl-copy, the fake tool forks a child that outlives it; the child
  // records its process group and session (fields 5 and 6 of /proc/self/stat, which
  // `cut` inherits from it). Were they somepost's, Ctrl-C in the wizard or closing the
  // terminal would kill the child and empty the clipboard.
  TempDir dir;
  const fs::path ids = dir.path / "ids";
  const fs::path holder = write_script(
      dir.path, "holder",
      "cat > /dev/null\n"
      "( exec </dev/null; cut -d' ' -f5,6 /proc/self/stat > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"; sleep 1 ) &\n"
      "exit 0");
  const cli::ToolOutcome outcome = cli::run_clipboard_tool({holder.string(), ids.string()}, "post");
  REQUIRE(outcome.ok);
  for (int i = 0; i < 500 && !fs::exists(ids); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(fs::exists(ids));
  std::istringstream fields(read_file(ids));
  long group = 0;
  long session = 0;
  fields >> group >> session;
  REQUIRE(group > 0);
  CHECK(group != static_cast<long>(::getpgrp()));
#ifdef POSIX_SPAWN_SETSID
  CHECK(session != static_cast<long>(::getsid(0)));
#endif
}

TEST_CASE("run_clipboard_tool: a tool that never reads cannot hold somepost past the timeout") {
  // 200 KB is more than a pipe holds (64 KiB), so writing the post itself would block
  // for ever; the timeout must cover the writing too. The tool's background child is
  // in its process group and is killed with it.
  TempDir dir;
  const fs::path child_pid = dir.path / "child";
  const fs::path stuck =
      write_script(dir.path, "stuck", "sleep 30 & echo $! > \"$1.tmp\"; mv \"$1.tmp\" \"$1\"; exec sleep 30");
  const auto start = std::chrono::steady_clock::now();
  const cli::ToolOutcome outcome =
      cli::run_clipboard_tool({stuck.string(), child_pid.string()}, std::string(200 * 1000, 'a'), 500);
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(outcome.ok);
  CHECK(outcome.problem.find("did not finish") != std::string::npos);
  CHECK(took < std::chrono::seconds(5));
  REQUIRE(fs::exists(child_pid));
  const std::string pid = read_file(child_pid).substr(0, read_file(child_pid).find('\n'));
  // The child is gone, or a zombie its killed parent left to init, never still sleeping.
  bool sleeping = false;
  for (int i = 0; i < 200; ++i) {
    const std::string stat = read_file(fs::path("/proc") / pid / "stat");
    const std::size_t paren = stat.rfind(')');
    sleeping = paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
    if (!sleeping) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_FALSE(sleeping);
}

TEST_CASE("run_clipboard_tool: the tool's environment is somepost's with the tool's changes") {
  TempDir dir;
  const fs::path out = dir.path / "env";
  const fs::path printer = write_script(
      dir.path, "printer", "cat > /dev/null; printf '%s|%s|%s|%s' \"$LANG\" \"$LC_CTYPE\" \"${LC_ALL-unset}\" \"$HOME\" > \"$1\"");
  const char* home = std::getenv("HOME");
  const char* lc_all = std::getenv("LC_ALL");
  const std::string saved = lc_all ? lc_all : "";
  ::setenv("LC_ALL", "C", 1);  // the user's, which would override LC_CTYPE
  const cli::ToolOutcome outcome = cli::run_clipboard_tool({printer.string(), out.string()}, "x", 10000,
                                                           {"LANG=en_US.UTF-8", "LC_CTYPE=en_US.UTF-8", "LC_ALL="});
  if (lc_all) {
    ::setenv("LC_ALL", saved.c_str(), 1);
  } else {
    ::unsetenv("LC_ALL");
  }
  REQUIRE(outcome.ok);
  CHECK(read_file(out) == std::string("en_US.UTF-8|en_US.UTF-8|unset|") + (home ? home : ""));
}
