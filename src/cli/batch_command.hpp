// `somepost batch`: every message × platform (or the rows of a plan) as JSON Lines, CSV
// or one text file per post, streamed row by row in constant memory (docs/cli.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/line_input.hpp"
#include "cli/platform_options.hpp"
#include "cli/run.hpp"

namespace somepost::cli {

struct BatchArgs {
  PlatformArgs platforms;
  std::string plan;                  ///< --plan FILE|- (empty: every catalogue message)
  std::string plan_format;           ///< --plan-format csv|jsonl (empty: detected)
  std::string format;                ///< --format jsonl|csv (empty: jsonl)
  bool excel = false;                ///< a UTF-8 BOM before CSV, for Excel
  std::string output = "-";          ///< -o FILE|DIR|-
  bool force = false;                ///< -o may replace existing files
  bool fit = false;
  bool thread = false;
  bool no_link = false;
  std::string utm;                   ///< --utm campaign=NAME[,medium=M,...]
  std::string link_scheme = "auto";  ///< auto|https
  std::string lang;
  std::string catalogue;
  std::size_t max_line_bytes = kDefaultMaxLineBytes;  ///< --max-line-bytes: a plan line, a CSV record
};

/// Registers the `batch` subcommand on `app`, storing its flags in `args`.
CLI::App* add_batch_command(CLI::App& app, BatchArgs& args);

/// Runs `batch`. Returns 2 when any plan row was bad or a file could not be written
/// (after processing every other row; a JSON Lines plan line longer than --max-line-bytes
/// is one bad row, a CSV one ends the plan), else 1 when some post does not fit, else 0.
/// A reader closing stdout early ends the run quietly with the status so far. Throws
/// CliError for bad flags, an unreadable plan or catalogue, or a failed write.
int run_batch(const BatchArgs& args, Streams io);

}  // namespace somepost::cli
