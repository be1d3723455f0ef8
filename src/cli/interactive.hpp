// `somepost interactive` (and `somepost` alone on a terminal): the volunteers' wizard.
// A line-based dialogue that works in any terminal and over SSH: choose a message,
// hashtags, the link and platforms, see the post and whether it fits, then copy, print,
// export or fit it. The answers are parsed and the menus rendered by core/wizard; this
// file holds the dialogue and its I/O.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/platform_options.hpp"
#include "cli/run.hpp"

namespace somepost::cli {

struct InteractiveArgs {
  std::string lang;       ///< --lang: UI and catalogue text language
  std::string catalogue;  ///< --catalogue FILE
  PlatformArgs platforms; ///< --platform (the pre-selected ones), --limit, --platforms FILE
};

/// Registers the `interactive` subcommand on `app`, storing its flags in `args`.
CLI::App* add_interactive_command(CLI::App& app, InteractiveArgs& args);

/// Runs the wizard on `io`: reads the answers from the process's stdin (a terminal or a
/// pipe) with Ctrl-C handled when `io.in` is std::cin, else from `io.in` (tests). The UI
/// goes to `io.out`, in colour only when io.terminal.color_stdout; clipboard messages
/// and warnings to `io.err`. Returns 0 when the user quits or the input ends; throws
/// CliError ("interrupted", exit status 2) on Ctrl-C, SIGTERM or SIGHUP, after which no
/// partial file is left. The platforms chosen are remembered in
/// $XDG_CONFIG_HOME/somepost/platforms (else ~/.config/somepost/platforms); missing
/// folders on the way are created with mode 0700.
int run_interactive(const InteractiveArgs& args, Streams io);

}  // namespace somepost::cli
