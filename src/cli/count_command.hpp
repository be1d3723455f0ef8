// `somepost count`: the per-platform counts of one text, or of a JSON Lines stream.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

#include "cli/line_input.hpp"
#include "cli/platform_options.hpp"
#include "cli/run.hpp"

namespace somepost::cli {

struct CountArgs {
  PlatformArgs platforms;
  std::string format = "text";  ///< text | json
  bool jsonl = false;
  std::string content_warning;
  std::string explain;          ///< --explain ID
  std::string file = "-";
  std::size_t threads = 0;      ///< --threads for --jsonl; 0: default_thread_count()
  std::size_t max_line_bytes = kDefaultMaxLineBytes;  ///< --max-line-bytes for --jsonl
};

/// Registers the `count` subcommand on `app`, storing its flags in `args`.
CLI::App* add_count_command(CLI::App& app, CountArgs& args);

/// Runs `count` with parsed `args`. Returns 0 when the text fits every platform, 1 when
/// some limit is exceeded, 2 when any --jsonl line was bad (invalid, or longer than
/// --max-line-bytes: each such line gets its own error object and the others their
/// results); throws CliError otherwise.
int run_count(const CountArgs& args, Streams io);

}  // namespace somepost::cli
