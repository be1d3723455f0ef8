#include "core/clipboard.hpp"

#include <cstdint>

#include "unicode/utf8.hpp"

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

std::string utf16le_with_bom(std::string_view utf8) {
  std::string out = "\xFF\xFE";
  out.reserve(2 + utf8.size() * 2);
  const auto unit = [&out](std::uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  };
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const auto* const end = p + utf8.size();
  while (p < end) {
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    const std::uint32_t cp = d.code_point;
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
    p += d.length;
  }
  return out;
}

std::string clipboard_bytes(const ClipboardTool& tool, std::string_view text) {
  if (tool.encoding == ClipboardEncoding::utf16le_bom) return utf16le_with_bom(text);
  return std::string(text);
}

std::vector<ClipboardTool> clipboard_tools(const ClipboardEnvironment& environment,
                                           const std::function<bool(std::string_view)>& on_path) {
  std::vector<ClipboardTool> tools;
  if (environment.ssh) return tools;
  const auto offer = [&](bool usable, ClipboardTool tool) {
    if (usable && on_path(tool.argv.front())) tools.push_back(std::move(tool));
  };
  offer(environment.wayland, {{"wl-copy"}, ClipboardEncoding::utf8, {}});
  offer(environment.x11, {{"xclip", "-selection", "clipboard"}, ClipboardEncoding::utf8, {}});
  offer(environment.x11, {{"xsel", "-b"}, ClipboardEncoding::utf8, {}});
  // pbcopy decodes stdin by the locale; in the C locale (or with none set, as in many
  // scripts and IDEs) it takes the UTF-8 bytes for Mac Roman and "ä" arrives as "√§".
  // LC_ALL would override the other two, so it goes.
  offer(true, {{"pbcopy"}, ClipboardEncoding::utf8, {"LANG=en_US.UTF-8", "LC_CTYPE=en_US.UTF-8", "LC_ALL="}});
  offer(true, {{"clip.exe"}, ClipboardEncoding::utf16le_bom, {}});
  return tools;
}

}  // namespace somepost::core
