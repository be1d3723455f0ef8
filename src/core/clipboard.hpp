// The pure half of copying a post to the clipboard: which clipboard tool to try, in what
// order, and the OSC 52 terminal escape used when there is none (or over SSH). The CLI
// looks things up on PATH, starts the tools and writes to the terminal.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace somepost::core {

/// RFC 4648 base64 (standard alphabet, '=' padding, no line breaks) of `bytes`.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// The OSC 52 escape that asks the terminal to put `text` on the system clipboard:
/// ESC ] 52 ; c ; BASE64(text) BEL. Supported by xterm, kitty, WezTerm, iTerm2, Windows
/// Terminal, foot, Alacritty and tmux (with `set -g set-clipboard on`), among others;
/// a terminal without it ignores the sequence.
[[nodiscard]] std::string osc52_sequence(std::string_view text);

/// How a clipboard tool wants the text on its stdin.
enum class ClipboardEncoding {
  utf8,          ///< the post's bytes as they are
  utf16le_bom,   ///< UTF-16LE after a byte order mark (clip.exe: see utf16le_with_bom)
};

/// A clipboard program, the arguments that make it read the clipboard text from stdin,
/// and what it needs to read it right.
struct ClipboardTool {
  std::vector<std::string> argv;  ///< argv[0] is the program name looked up on PATH
  ClipboardEncoding encoding = ClipboardEncoding::utf8;
  /// "NAME=VALUE" settings for the tool's environment, replacing the inherited value of
  /// NAME; an empty VALUE ("LC_ALL=") removes NAME.
  std::vector<std::string> environment;
};

/// `utf8` as UTF-16LE after the byte order mark FF FE: what Windows' clip.exe reads as
/// Unicode (without the mark it reads the console's code page, and ä arrives garbled).
/// Code points above U+FFFF become surrogate pairs; an ill-formed UTF-8 byte becomes
/// U+FFFD.
[[nodiscard]] std::string utf16le_with_bom(std::string_view utf8);

/// The bytes to give `tool` on stdin for the post `text` (UTF-8), in its encoding.
[[nodiscard]] std::string clipboard_bytes(const ClipboardTool& tool, std::string_view text);

/// What the environment says about where somepost runs (the caller reads the variables).
struct ClipboardEnvironment {
  bool wayland = false;  ///< WAYLAND_DISPLAY is set and not empty
  bool x11 = false;      ///< DISPLAY is set and not empty
  bool ssh = false;      ///< SSH_CONNECTION or SSH_TTY is set: the user's clipboard is not on this machine
};

/// The clipboard tools to try, in order, of those `on_path` reports present:
/// `wl-copy` (only with a Wayland display), `xclip -selection clipboard` and `xsel -b`
/// (only with an X display), `pbcopy` (macOS; with LANG and LC_CTYPE en_US.UTF-8 and
/// LC_ALL removed, since it decodes its input by the locale and would take UTF-8 for
/// Mac Roman in the C locale), `clip.exe` (WSL; fed UTF-16LE with a byte order mark,
/// since it decodes other input by the console code page). Empty over SSH, where a
/// local tool would fill the remote machine's clipboard instead of the user's: the
/// caller then falls back to OSC 52, as it does when nothing is found.
[[nodiscard]] std::vector<ClipboardTool> clipboard_tools(const ClipboardEnvironment& environment,
                                                         const std::function<bool(std::string_view)>& on_path);

}  // namespace somepost::core
