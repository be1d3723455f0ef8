#include "cli/count_command.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "core/count.hpp"
#include "core/jsonl.hpp"
#include "core/report.hpp"

namespace somepost::cli {
namespace {

// Writes `buffer` to `out` and empties it; a failed write is an error (exit 2).
void drain(std::string& buffer, std::ostream& out, bool flush) {
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (flush) out.flush();
  if (!out) throw CliError("cannot write to standard output");
  buffer.clear();
}

// --jsonl: one result line per input line, in order, flushed whenever the input has no
// more bytes buffered (so a pipe sees each answer at once) and every 64 KiB otherwise.
int run_jsonl(const core::CountOptions& options, const std::vector<const core::Profile*>& selected,
              std::istream& in, std::ostream& out) {
  constexpr std::size_t kFlushBytes = 64 * 1024;
  core::Counter counter;
  core::CountResult result;
  std::string line, text, buffer;
  bool any_bad = false;
  bool any_over = false;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::string error = core::decode_jsonl_text(line, text);
    if (!error.empty()) {
      any_bad = true;
      core::append_line_error_json(buffer, number, error);
    } else {
      counter.count(text, selected, options, result);
      any_over = any_over || !result.all_fit();
      core::append_count_json(buffer, result);
    }
    buffer.push_back('\n');
    const bool input_idle = in.rdbuf()->in_avail() <= 0;
    if (buffer.size() >= kFlushBytes || input_idle) drain(buffer, out, input_idle);
  }
  if (in.bad()) throw CliError("read error on the --jsonl input");
  drain(buffer, out, true);
  return any_bad ? kExitError : any_over ? kExitOverLimit : kExitOk;
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
  count->add_option("file", args.file, "Input file (default: stdin)")->type_name("FILE|-");
  return count;
}

int run_count(const CountArgs& args, Streams io) {
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  if (!args.explain.empty()) {
    const core::Profile* profile = core::find_profile(selection.profiles, args.explain);
    if (!profile) {
      throw CliError(trf("unknown platform \"{}\"; known: {}", args.explain, core::known_ids(selection.profiles)));
    }
    io.out << core::render_profile_explanation(*profile);
    return kExitOk;
  }
  require_utf8(args.content_warning, "--content-warning");
  core::CountOptions options;
  options.content_warning = args.content_warning;

  if (args.jsonl) {
    if (args.file == "-") return run_jsonl(options, selection.selected, io.in, io.out);
    std::ifstream file(args.file, std::ios::binary);
    if (!file) throw CliError(fmt::format("{}: {}", args.file, std::strerror(errno)));
    return run_jsonl(options, selection.selected, file, io.out);
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
