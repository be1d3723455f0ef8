#include "cli/batch_command.hpp"

#include <sys/stat.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
#include <ostream>

#include "cli/catalogue_source.hpp"
#include "cli/compose_support.hpp"
#include "cli/error.hpp"
#include "cli/output_file.hpp"
#include "core/batch.hpp"
#include "core/json_problems.hpp"
#include "core/plan.hpp"
#include "core/report.hpp"

namespace somepost::cli {
namespace {

enum class Sink { jsonl, csv, files };

// Everything a row needs, set up once.
struct Context {
  Context(const BatchArgs& a, Streams s, const core::Catalogue& cat, const PlatformSelection& sel)
      : args(a), io(s), catalogue(cat), selection(sel) {}

  const BatchArgs& args;
  Streams io;
  const core::Catalogue& catalogue;
  const core::HashtagIndex tag_index{catalogue};  // each row's --hashtags, in O(1) each
  const PlatformSelection& selection;
  std::string plan_name;  // "plan.csv" or "standard input", for messages
  std::optional<core::UtmSpec> utm;
  core::LinkScheme scheme = core::LinkScheme::keep;
  std::string lang;
  std::string_view post_template;
  Sink sink = Sink::jsonl;
  Output* output = nullptr;  // jsonl and csv
  std::string dir;           // files
  std::vector<std::vector<core::ChosenTag>> default_tags;  // by message index
  core::Counter counter;
  std::string buffer;  // the current row's output
  bool any_bad = false;
  bool any_over = false;
  bool fatal = false;  // the plan's header was bad: no row could be read
};

// A bad row: one line on stderr, and an error object in JSON Lines (as count --jsonl).
// The message may quote the plan's values (an unknown message "a\nb\x1b[31m"): on stderr
// their controls are made visible, so each error stays one line that cannot drive the
// terminal; the JSON string escapes them anyway.
void row_error(Context& c, std::size_t line, const std::string& message) {
  c.any_bad = true;
  if (line) {
    c.io.err << fmt::format("somepost: error: {}: line {}: {}\n", core::neutralize_controls(c.plan_name, false), line,
                            core::neutralize_controls(message, false));
  } else {
    c.io.err << fmt::format("somepost: error: {}\n", core::neutralize_controls(message, false));
  }
  if (c.sink == Sink::jsonl) {
    core::append_line_error_json(c.buffer, line, message);
    c.buffer += '\n';
  }
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

void write_file(Context& c, const core::BatchSource& source, const core::PlatformPost& post) {
  std::string path = c.dir;
  if (path.back() != '/') path += '/';
  path += core::batch_file_name(source, post.profile->id);
  if (!c.args.force && exists(path)) {
    row_error(c, source.line, fmt::format("{} exists; add --force to overwrite it", path));
    return;
  }
  // A file that cannot be written is this row's error: the other rows go on.
  std::string error;
  Output file(path, c.args.force, c.io.out, error);
  file.write(core::batch_file_text(post));
  file.commit();
  if (!error.empty()) {
    row_error(c, source.line, error);
    return;
  }
  if (!post.fits) {
    const core::PlatformCount& count = post.count.platforms.front();
    c.io.err << fmt::format("== {}: does not fit {} ({}/{})\n", path, post.profile->name, count.length, count.limit);
  }
}

// One message on each of `profiles`.
void emit(Context& c, const core::BatchSource& source, const std::vector<const core::Profile*>& profiles,
          const std::vector<core::ChosenTag>& tags, bool link, std::string_view lang,
          const std::optional<core::UtmSpec>& utm) {
  const std::string& campaign_link = c.catalogue.campaign.link;
  // The tags left once those in the body are dropped, kept for the next platform as long
  // as the body is the same (it differs only for a message's per-platform variants).
  std::string_view tags_body;
  std::vector<core::ChosenTag> body_tags;
  bool have_body_tags = false;
  for (const core::Profile* profile : profiles) {
    const std::string tagged = link ? core::link_for_platform(campaign_link, *profile, utm, c.scheme) : std::string();
    const std::string_view body = message_body(c.catalogue, *source.message, *profile, lang);
    if (!have_body_tags || body != tags_body) {
      body_tags = tags;
      core::drop_tags_in_body(c.tag_index, body, body_tags);
      tags_body = body;
      have_body_tags = true;
    }
    const core::PostInput input{c.post_template, body, tagged, body_tags, c.args.fit, c.args.thread, {}};
    const core::PlatformPost post = core::compose_for_platform(input, *profile, c.counter);
    c.any_over = c.any_over || !post.fits;
    switch (c.sink) {
      case Sink::jsonl:
        core::append_batch_json(c.buffer, source, post, {c.args.fit});
        c.buffer += '\n';
        break;
      case Sink::csv:
        core::append_batch_csv(c.buffer, source, post, core::CsvOptions{c.args.excel});  // --excel guards formulas
        break;
      case Sink::files:
        write_file(c, source, post);
        break;
    }
  }
}

// Resolves a plan row against the catalogue and the platforms, then emits it.
void plan_row(Context& c, const core::PlanRow& row) {
  const core::Message* message = core::find_message(c.catalogue, row.message);
  if (!message) return row_error(c, row.line, unknown_message(c.catalogue, row.message));
  std::vector<const core::Profile*> profiles;
  if (row.platforms.empty()) {
    profiles = c.selection.selected;
  } else {
    for (const std::string& id : row.platforms) {
      const core::Profile* p = core::find_profile(c.selection.profiles, id);
      if (!p) {
        return row_error(c, row.line,
                         fmt::format("unknown platform {}; known: {}", core::json_problems::quote(id),
                                     core::known_ids(c.selection.profiles)));
      }
      if (std::find(profiles.begin(), profiles.end(), p) == profiles.end()) profiles.push_back(p);
    }
  }
  std::vector<core::ChosenTag> tags;
  if (!row.hashtags) {
    tags = c.default_tags[static_cast<std::size_t>(message - c.catalogue.messages.data())];
  } else {
    std::string error;
    for (const std::string& typed : *row.hashtags) {
      auto tag = resolve_tag(c.catalogue, c.tag_index, typed, error);
      if (!tag) return row_error(c, row.line, error);
      tags.push_back(std::move(*tag));
    }
  }
  std::optional<core::UtmSpec> utm = c.utm;
  if (!row.utm_campaign.empty()) {
    if (!utm) utm.emplace();
    utm->campaign = row.utm_campaign;
  }
  emit(c, {row.line, message}, profiles, tags, row.link && !c.args.no_link, row.lang.empty() ? c.lang : row.lang,
       utm);
}

// Sends the row's output; false once stdout's reader has gone.
bool drain(Context& c, bool flush) {
  if (c.output == nullptr) {
    c.buffer.clear();
    return true;
  }
  bool open = c.buffer.empty() || c.output->write(c.buffer);
  c.buffer.clear();
  if (open && flush) open = c.output->flush();
  return open;
}

void run_plan(Context& c) {
  std::ifstream file;
  std::istream* in = &c.io.in;
  if (c.args.plan != "-") {
    open_line_file(file, c.args.plan);
    in = &file;
  }
  // Lines are read with a bound (--max-line-bytes): a longer one is skipped unread and
  // reported as its line's error, so memory never follows the plan's longest line.
  std::string line;
  const auto next = [&] { return read_bounded_line(*in, line, c.args.max_line_bytes, c.plan_name); };
  BoundedRead read = next();
  // The content shows its format in its first line that is not blank, so read up to it;
  // the blank lines before it (a BOM alone included) are fed as empty lines once the
  // format is known, which both formats skip, keeping the line numbers.
  std::size_t leading_blank = 0;
  if (c.args.plan_format.empty()) {
    while (read == BoundedRead::line && core::is_blank_plan_line(line)) {
      ++leading_blank;
      read = next();
    }
  }
  // A first line too long to keep shows no format: it is JSON Lines only by its name.
  const core::PlanFormat format = c.args.plan_format.empty()
                                      ? core::detect_plan_format(c.args.plan, line)
                                  : c.args.plan_format == "csv" ? core::PlanFormat::csv
                                                                : core::PlanFormat::jsonl;
  core::PlanReader reader(format, c.args.max_line_bytes);
  const auto handle = [&](core::PlanReader::Status status) {
    if (status == core::PlanReader::Status::row) {
      plan_row(c, reader.row());
    } else if (status == core::PlanReader::Status::error) {
      row_error(c, reader.error_line(), reader.error());
    }
  };
  for (; leading_blank > 0; --leading_blank) handle(reader.feed_line({}));
  for (; read != BoundedRead::end; read = next()) {
    handle(read == BoundedRead::line ? reader.feed_line(line) : reader.skip_line(long_line_error(c.args.max_line_bytes)));
    // Flush whenever the input pauses, so a pipe sees each answer at once.
    c.fatal = reader.fatal();
    if (!drain(c, in->rdbuf()->in_avail() <= 0) || c.fatal) return;
  }
  handle(reader.finish());
  c.fatal = reader.fatal();
  drain(c, true);
}

void run_catalogue(Context& c) {
  for (const core::Message& message : c.catalogue.messages) {
    emit(c, {0, &message}, c.selection.selected, c.default_tags[static_cast<std::size_t>(&message - c.catalogue.messages.data())],
         !c.args.no_link, c.lang, c.utm);
    if (!drain(c, false)) return;
  }
  drain(c, true);
}

}  // namespace

CLI::App* add_batch_command(CLI::App& app, BatchArgs& args) {
  CLI::App* batch = app.add_subcommand(
      "batch", "Posts for every message × platform, or for the rows of a plan, as JSON Lines, CSV or text files");
  batch->footer(
      "Streams row by row. A bad plan row is reported as 'line N: ...' and the batch goes on.\n"
      "Exit status: 0 all fit, 1 some post does not fit, 2 a bad row or an error.");
  add_platform_options(*batch, args.platforms);
  batch->add_option("--plan", args.plan, "Plan rows from FILE, or - for stdin: CSV with a header row, or JSON Lines")
      ->type_name("FILE|-");
  batch->add_option("--plan-format", args.plan_format, "The plan's format (default: from the extension or content)")
      ->check(CLI::IsMember({"csv", "jsonl"}))
      ->type_name("csv|jsonl");
  batch->add_option("--format", args.format, "Output format (default: jsonl)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->type_name("jsonl|csv");
  batch->add_flag("--excel", args.excel,
                  "For a spreadsheet: start CSV with a UTF-8 byte order mark and guard cells that would be formulas");
  batch->add_option("-o,--output", args.output,
                    "Write to FILE (via a temporary file), one text file per post into DIR, or - for stdout")
      ->type_name("FILE|DIR|-");
  batch->add_flag("--force", args.force, "Let -o replace existing files");
  batch->add_flag("--fit", args.fit, "Per platform, drop the lowest-priority hashtags until the post fits");
  batch->add_flag("--thread", args.thread, "Split a post over the limit into numbered parts that each fit")
      ->excludes("--fit");
  batch->add_flag("--no-link", args.no_link, "Leave out the campaign link");
  batch->add_option("--utm", args.utm, "Tag the campaign link per platform (a plan's utm_campaign overrides NAME)")
      ->type_name("campaign=NAME[,medium=M]");
  batch->add_option("--link-scheme", args.link_scheme, "https: write https:// before a bare link")
      ->check(CLI::IsMember({"auto", "https"}))
      ->type_name("auto|https");
  batch->add_option("--lang", args.lang, "Language of the catalogue texts (default: the catalogue's)")
      ->type_name("LANG");
  add_max_line_bytes_option(*batch, args.max_line_bytes, "a --plan (and of a CSV record)");
  batch->add_option("--catalogue", args.catalogue,
                    "Campaign catalogue JSON (default: $SOMEPOST_CATALOGUE, else the built-in kit)")
      ->type_name("FILE");
  return batch;
}

int run_batch(const BatchArgs& args, Streams io) {
  if (args.plan == "-" && args.catalogue == "-") throw CliError("--plan - and --catalogue - cannot both read stdin");
  if (args.plan == "-" && args.platforms.platforms_file == "-") {
    throw CliError("--plan - and --platforms - cannot both read stdin");
  }
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  Context c(args, io, *loaded.catalogue, selection);
  c.plan_name = args.plan == "-" ? "standard input" : args.plan;
  c.utm = parse_utm_flag(args.utm);
  c.scheme = link_scheme_of(args.link_scheme);
  c.lang = language_of(args.lang, c.catalogue);
  c.post_template = template_of(c.catalogue);
  for (const core::Message& m : c.catalogue.messages) c.default_tags.push_back(default_tags(c.catalogue, c.tag_index, m));

  // Checked before looking at the path's last character, which an empty path lacks.
  if (args.output.empty()) throw CliError("an output path is empty");
  const bool to_dir = args.output != "-" && (args.output.back() == '/' || is_directory(args.output));
  if (args.excel && (to_dir || args.format != "csv")) {
    throw CliError("--excel applies only to --format csv");
  }
  std::optional<Output> output;
  if (to_dir) {
    if (!args.format.empty()) {
      throw CliError(fmt::format("-o {} is a directory: batch writes one text file per post there, so --format "
                                 "does not apply",
                                 args.output));
    }
    if (!is_directory(args.output) && ::mkdir(args.output.c_str(), 0777) != 0) {
      throw CliError(fmt::format("{}: cannot create the directory: {}", args.output, std::strerror(errno)));
    }
    c.sink = Sink::files;
    c.dir = args.output;
  } else {
    c.sink = args.format == "csv" ? Sink::csv : Sink::jsonl;
    output.emplace(args.output, args.force, io.out);
    c.output = &*output;
    if (c.sink == Sink::csv) {
      if (args.excel) c.buffer += "\xEF\xBB\xBF";
      core::append_batch_csv_header(c.buffer);
    }
  }

  if (args.plan.empty()) {
    run_catalogue(c);
  } else {
    run_plan(c);
  }
  if (output && !output->closed()) {
    if (c.fatal) {
      // A plan that could not be read at all replaces no file: the error object goes to
      // stdout or a device, and a temporary file is removed with `output`.
      output->flush();
    } else {
      output->commit();
    }
  }
  return c.any_bad ? kExitError : c.any_over ? kExitOverLimit : kExitOk;
}

}  // namespace somepost::cli
