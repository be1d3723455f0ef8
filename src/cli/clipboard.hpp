// Copying a post to the system clipboard: `compose --copy` and the wizard's copy action.
// The choice of tool and the OSC 52 escape are pure (core/clipboard); this file finds the
// tools on PATH, starts them and writes to the terminal.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/run.hpp"

namespace somepost::cli {

/// The full path of the executable `name` in the directories of `path_variable` (PATH's
/// syntax; empty entries are skipped rather than meaning the current folder), or nothing.
[[nodiscard]] std::optional<std::string> find_on_path(std::string_view name, std::string_view path_variable);

/// How running one clipboard tool went.
struct ToolOutcome {
  bool ok = false;
  std::string problem;  ///< when not ok, localised: "exit status 1", "killed by signal 9", ...
};

/// Runs `argv` (argv[0] a full path, no shell involved) with `bytes` on its stdin and its
/// stdout and stderr on /dev/null (a tool that stays in the background to serve the
/// clipboard, as xclip and wl-copy do, must not hold somepost's output open), and waits
/// for it. The whole exchange, writing `bytes` included, takes at most `timeout_ms`: then
/// the tool's process group is killed and the outcome says it did not finish. ok when it
/// read all of `bytes` and exited with status 0.
/// The tool runs in a new session (where POSIX_SPAWN_SETSID is missing, a new process
/// group), so the terminal's Ctrl-C and hang-up never reach it or the child it leaves
/// holding the clipboard. The tool gets somepost's environment changed by `environment`
/// (core::ClipboardTool::environment: "NAME=VALUE" replaces NAME, "NAME=" removes it).
[[nodiscard]] ToolOutcome run_clipboard_tool(const std::vector<std::string>& argv, std::string_view bytes,
                                             int timeout_ms = 10000,
                                             const std::vector<std::string>& environment = {});

/// Puts exactly `text` on the clipboard: with the first tool that works of
/// core::clipboard_tools (judged from WAYLAND_DISPLAY, DISPLAY, SSH_CONNECTION/SSH_TTY and
/// PATH), given in that tool's encoding and environment, else with the OSC 52 escape written to the terminal (/dev/tty, else stderr when
/// it is a terminal; not with TERM=dumb). Says on `io.err` what was used, one line
/// "somepost: ...", and warns about each tool that failed. Throws CliError when nothing
/// worked.
void copy_to_clipboard(std::string_view text, Streams io);

}  // namespace somepost::cli
