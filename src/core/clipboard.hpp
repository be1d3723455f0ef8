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

/// A clipboard program and the arguments that make it read the clipboard text from stdin.
struct ClipboardTool {
  std::vector<std::string> argv;  ///< argv[0] is the program name looked up on PATH
};

/// What the environment says about where somepost runs (the caller reads the variables).
struct ClipboardEnvironment {
  bool wayland = false;  ///< WAYLAND_DISPLAY is set and not empty
  bool x11 = false;      ///< DISPLAY is set and not empty
  bool ssh = false;      ///< SSH_CONNECTION or SSH_TTY is set: the user's clipboard is not on this machine
};

/// The clipboard tools to try, in order, of those `on_path` reports present:
/// `wl-copy` (only with a Wayland display), `xclip -selection clipboard` and `xsel -b`
/// (only with an X display), `pbcopy` (macOS), `clip.exe` (WSL). Empty over SSH, where a
/// local tool would fill the remote machine's clipboard instead of the user's: the
/// caller then falls back to OSC 52, as it does when nothing is found.
[[nodiscard]] std::vector<ClipboardTool> clipboard_tools(const ClipboardEnvironment& environment,
                                                         const std::function<bool(std::string_view)>& on_path);

}  // namespace somepost::core
