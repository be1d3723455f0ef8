// Clipboard copying: base64 and OSC 52, and the choice of tool.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/clipboard.hpp"

using namespace somepost;

namespace {

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
