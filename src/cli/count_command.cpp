#include "cli/count_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <memory>
#include <istream>
#include <ostream>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "cli/line_pipeline.hpp"
#include "core/count.hpp"
#include "core/json_problems.hpp"
#include "core/jsonl.hpp"
#include "core/report.hpp"

namespace somepost::cli {
namespace {

enum LineFlags : unsigned { kLineBad = 1, kLineOver = 2 };

// --jsonl: one result line per input line, in order (run_line_pipeline streams, flushes
// when the input pauses, and spreads the lines over `threads` workers).
int run_jsonl(const core::CountOptions& options, const std::vector<const core::Profile*>& selected,
              std::size_t threads, const LineSource& source, std::ostream& out) {
  const auto make_processor = [&]() -> LineProcessor {
    // Per worker: its own Counter, result and text buffers, reused line after line.
    struct State {
      core::Counter counter;
      core::CountResult result;
      std::string text;
    };
    return [&, state = std::make_shared<State>()](std::size_t number, std::string_view line,
                                                   std::string& buffer) -> unsigned {
      unsigned flags = 0;
      const std::string error = core::decode_jsonl_text(line, state->text);
      if (!error.empty()) {
        flags = kLineBad;
        core::append_line_error_json(buffer, number, error);
      } else {
        state->counter.count(state->text, selected, options, state->result);
        if (!state->result.all_fit()) flags = kLineOver;
        core::append_count_json(buffer, state->result);
      }
      buffer.push_back('\n');
      return flags;
    };
  };
  const auto long_line = [&source](std::size_t number, std::string& buffer) -> unsigned {
    core::append_line_error_json(buffer, number, long_line_error(source.max_line_bytes));
    buffer.push_back('\n');
    return kLineBad;
  };
  const unsigned flags = run_line_pipeline(source, out, make_processor, long_line, threads);
  return (flags & kLineBad) ? kExitError : (flags & kLineOver) ? kExitOverLimit : kExitOk;
}

}  // namespace

CLI::App* add_count_command(CLI::App& app, CountArgs& args) {
  CLI::App* count = app.add_subcommand(
      "count", "Count a text per platform, exactly as each platform counts it (for scripts)");
  count->footer(
      "Reads FILE, or stdin when FILE is - or absent, and strips one trailing newline.\n"
      "Exit status: 0 all fit, 1 some limit exceeded, 2 error (or a bad --jsonl line).");
  add_platform_options(*count, args.platforms);
  count->add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json");
  count->add_flag("--jsonl", args.jsonl,
                  "Each input line is a JSON string or {\"text\": ...}; print one JSON result per line");
  count->add_option("--content-warning", args.content_warning,
                    "Content warning text, counted in the same budget where the platform does (Mastodon)")
      ->type_name("TEXT");
  count->add_option("--explain", args.explain, "Print a platform's rules, limits and sources, then exit")
      ->type_name("ID");
  count->add_option("--threads", args.threads,
                    "Worker threads for --jsonl (default: one per CPU, at most 8; 1: no extra threads)")
      ->check(CLI::Range(1, 64))
      ->type_name("N");
  add_max_line_bytes_option(*count, args.max_line_bytes, "--jsonl");
  count->add_option("file", args.file, "Input file (default: stdin)")->type_name("FILE|-");
  return count;
}

int run_count(const CountArgs& args, Streams io) {
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  if (!args.explain.empty()) {
    const core::Profile* profile = core::find_profile(selection.profiles, args.explain);
    if (!profile) {
      throw CliError(trf("unknown platform \"{}\"; known: {}", core::json_problems::excerpt(args.explain),
                         core::known_ids(selection.profiles)));
    }
    io.out << core::render_profile_explanation(*profile);
    return kExitOk;
  }
  require_utf8(args.content_warning, "--content-warning");
  core::CountOptions options;
  options.content_warning = args.content_warning;

  if (args.jsonl) {
    const std::size_t threads = args.threads == 0 ? default_thread_count() : args.threads;
    if (args.file == "-") {
      return run_jsonl(options, selection.selected, threads, {io.in, "standard input", args.max_line_bytes}, io.out);
    }
    std::ifstream file;
    open_line_file(file, args.file);
    return run_jsonl(options, selection.selected, threads, {file, args.file, args.max_line_bytes}, io.out);
  }

  const std::string input = read_all(args.file, io.in);
  const std::string_view text = strip_one_newline(input);
  require_utf8(text, args.file == "-" ? "standard input" : args.file);
  core::Counter counter;
  core::CountResult result;
  counter.count(text, selection.selected, options, result);
  std::string out;
  if (args.format == "json") {
    core::append_count_json(out, result);
    out.push_back('\n');
  } else {
    out = core::render_count_table(result, text, core::TableStyle{io.terminal.color_stdout});
  }
  io.out << out;
  return result.all_fit() ? kExitOk : kExitOverLimit;
}

}  // namespace somepost::cli
