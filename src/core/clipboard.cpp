#include "core/clipboard.hpp"

#include <cstdint>

namespace somepost::core {

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out.push_back(kAlphabet[group >> 18 & 63]);
    out.push_back(kAlphabet[group >> 12 & 63]);
    out.push_back(kAlphabet[group >> 6 & 63]);
    out.push_back(kAlphabet[group & 63]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    const std::uint32_t group = byte(i) << 16 | (rest == 2 ? byte(i + 1) << 8 : 0);
    out.push_back(kAlphabet[group >> 18 & 63]);
    out.push_back(kAlphabet[group >> 12 & 63]);
    out.push_back(rest == 2 ? kAlphabet[group >> 6 & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::string osc52_sequence(std::string_view text) {
  std::string out = "\x1b]52;c;";
  out += base64_encode(text);
  out.push_back('\x07');
  return out;
}

std::vector<ClipboardTool> clipboard_tools(const ClipboardEnvironment& environment,
                                           const std::function<bool(std::string_view)>& on_path) {
  std::vector<ClipboardTool> tools;
  if (environment.ssh) return tools;
  const auto offer = [&](bool usable, std::vector<std::string> argv) {
    if (usable && on_path(argv.front())) tools.push_back({std::move(argv)});
  };
  offer(environment.wayland, {"wl-copy"});
  offer(environment.x11, {"xclip", "-selection", "clipboard"});
  offer(environment.x11, {"xsel", "-b"});
  offer(true, {"pbcopy"});
  offer(true, {"clip.exe"});
  return tools;
}

}  // namespace somepost::core
