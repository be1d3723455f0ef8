#include "cli/catalogue_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <ostream>

#include "cli/catalogue_source.hpp"
#include "cli/clipboard.hpp"
#include "cli/compose_support.hpp"
#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "cli/output_file.hpp"
#include "core/compose.hpp"
#include "core/export.hpp"
#include "core/language.hpp"
#include "core/listing.hpp"
#include "core/report.hpp"

namespace somepost::cli {
namespace {

constexpr std::size_t kListWidth = 80;  // list output fits 80 columns, deterministically

void write(std::ostream& out, std::string_view bytes) {
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw CliError("cannot write to standard output");
}

// ---- list -------------------------------------------------------------------------------

int run_list(const ListArgs& args, Streams io) {
  core::ListKind kind{};
  if (!core::parse_list_kind(args.kind, kind)) throw CliError(fmt::format("cannot list \"{}\"", args.kind));
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const auto& catalogue = *loaded.catalogue;
  const auto& profiles = core::builtin_profiles();
  write(io.out, args.format == "json" ? core::render_list_json(kind, catalogue, profiles)
                                      : core::render_list(kind, catalogue, profiles,
                                                          language_of(args.lang, catalogue), kListWidth));
  return kExitOk;
}

// ---- show -------------------------------------------------------------------------------

int run_show(const ShowArgs& args, Streams io) {
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const auto& catalogue = *loaded.catalogue;
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  const core::Message& message = require_message(catalogue, args.message);
  const std::string lang = language_of(args.lang, catalogue);
  const std::string body(core::pick_language(message.text, lang, catalogue.campaign.default_language));
  const core::HashtagIndex index(catalogue);
  std::vector<core::ChosenTag> tags = default_tags(catalogue, index, message);
  core::drop_tags_in_body(index, body, tags);
  const std::string post = core::assemble_post(template_of(catalogue), body, catalogue.campaign.link, tags);
  core::Counter counter;
  core::CountResult result;
  counter.count(post, selection.selected, {}, result);
  std::string out = fmt::format("Message {} ({})\n\n", message.number, message.id);
  out += core::neutralize_controls(body, true) + "\n\n";
  std::string defaults;
  for (const auto& t : message.hashtags) defaults += (defaults.empty() ? "" : " ") + t;
  out += fmt::format("Default hashtags: {}\n", defaults.empty() ? "(none)" : defaults);
  out += fmt::format("Link: {}\n\nThe post with the link and default hashtags:\n\n", catalogue.campaign.link);
  out += core::neutralize_controls(post, true) + "\n\n";
  out += core::render_count_table(result, post, core::TableStyle{io.terminal.color_stdout});
  write(io.out, out);
  return kExitOk;
}

// ---- compose ----------------------------------------------------------------------------

// The body and link one platform gets: a per-platform variant of the message when it has
// one, the campaign link as tagged and schemed for the platform; and the body's language.
struct Variant {
  const core::Profile* profile;
  std::string body;
  std::string link;
  std::string lang;  // what a record's langs/language says: the text's, not --lang's
};

// The exports that are one platform's API record, and that platform.
std::string_view export_platform(const std::string& format) {
  if (format == "bluesky-record") return "bluesky";
  if (format == "mastodon-status") return "mastodon";
  if (format == "linkedin") return "linkedin";
  return {};
}

// Now, as an AT Protocol datetime in UTC with milliseconds: 2026-05-04T09:00:00.000Z.
std::string now_datetime() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t seconds = system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

// The per-platform line on stderr: "fits (245/280)", "dropped #a, #b to fit (...)", ...
std::string platform_note(const core::PlatformPost& post, bool fit) {
  const core::PlatformCount& c = post.count.platforms.front();
  if (post.thread && !post.problem.empty()) return fmt::format("cannot be split: {}", post.problem);
  if (post.thread && post.parts.size() > 1) {
    std::string lengths;
    for (const auto& part : post.parts) {
      if (!lengths.empty()) lengths += ", ";
      const core::PlatformCount& pc = part.count.platforms.front();
      lengths += fmt::format("{}/{}", pc.length, pc.limit);
    }
    return fmt::format("split into {} parts ({})", post.parts.size(), lengths);
  }
  if (!post.fits) {
    return fmt::format("does not fit{} ({}/{})", fit ? " even without hashtags" : "", c.length, c.limit);
  }
  if (!post.dropped.empty()) return fmt::format("dropped {} to fit ({}/{})", core::join(post.dropped, ", "), c.length, c.limit);
  return fmt::format("fits ({}/{})", c.length, c.limit);
}

// The texts a post is published as: the thread's parts, or the post.
std::vector<std::string_view> published_texts(const core::PlatformPost& post) {
  std::vector<std::string_view> texts;
  if (post.thread) {
    for (const auto& part : post.parts) texts.emplace_back(part.text);
  } else {
    texts.emplace_back(post.text);
  }
  return texts;
}

void check_export_flags(const ComposeArgs& args, std::string_view platform, const std::string& lang) {
  if (!args.visibility.empty() && args.export_format != "mastodon-status") {
    throw CliError("--visibility applies only to --export mastodon-status");
  }
  if (!args.created_at.empty()) {
    if (args.export_format != "bluesky-record") throw CliError("--created-at applies only to --export bluesky-record");
    if (!core::is_atproto_datetime(args.created_at)) {
      throw CliError(fmt::format("--created-at {}: expected an RFC 3339 date-time with a time zone, "
                                 "e.g. 2026-05-04T09:00:00Z or 2026-05-04T12:00:00+03:00",
                                 args.created_at));
    }
  }
  if (!args.content_warning.empty() && (platform == "bluesky" || platform == "linkedin")) {
    throw CliError(fmt::format("--content-warning: --export {} has no content warning field", args.export_format));
  }
  if ((platform == "bluesky" || platform == "mastodon") && !core::is_language_tag(lang)) {
    throw CliError(fmt::format("--lang {}: not a language tag such as fi or sv-FI", lang));
  }
}

int run_compose(const ComposeArgs& args, Streams io) {
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const auto& catalogue = *loaded.catalogue;
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  const std::string lang = language_of(args.lang, catalogue);
  const std::string_view export_id = export_platform(args.export_format);
  check_export_flags(args, export_id, lang);
  require_utf8(args.content_warning, "--content-warning");
  const std::optional<core::UtmSpec> utm = parse_utm_flag(args.utm);
  const core::LinkScheme scheme = link_scheme_of(args.link_scheme);
  const std::string format = args.export_format.empty() ? args.format : args.export_format;

  // A platform's record is made for that platform only.
  std::vector<const core::Profile*> targets = selection.selected;
  if (!export_id.empty()) {
    const core::Profile* profile = core::find_profile(selection.profiles, export_id);
    if (!args.platforms.platforms.empty() && (targets.size() != 1 || targets.front() != profile)) {
      throw CliError(fmt::format("--export {} is a {} record: leave out --platform or give --platform {}",
                                 args.export_format, profile->name, export_id));
    }
    targets = {profile};
  }

  const core::Message* message = nullptr;
  std::string own_body;
  if (!args.message.empty()) {
    message = &require_message(catalogue, args.message);
  } else if (!args.text_file.empty()) {
    const std::string data = read_all(args.text_file, io.in);
    own_body = std::string(strip_one_newline(data));
    require_utf8(own_body, args.text_file == "-" ? "standard input" : args.text_file);
  } else {
    own_body = args.text;
    require_utf8(own_body, "--text");
  }
  if (!message && own_body.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw CliError(fmt::format("{} is empty: write the post's words there", args.text_file.empty() ? "--text" : args.text_file));
  }

  std::vector<core::ChosenTag> requested;
  const core::HashtagIndex index(catalogue);
  if (message && !args.no_default_hashtags) requested = default_tags(catalogue, index, *message);
  for (const auto& t : args.hashtags) requested.push_back(choose_tag(catalogue, index, t));
  const std::string link = args.no_link ? std::string() : catalogue.campaign.link;
  const std::string_view post_template = template_of(catalogue);
  core::CountOptions options;
  options.content_warning = args.content_warning;

  // Everything is known to be usable: open the target before doing the work.
  Output output(args.output, args.force, io.out);

  std::vector<Variant> variants;
  for (const core::Profile* p : targets) {
    std::string body = message ? std::string(message_body(catalogue, *message, *p, lang)) : own_body;
    std::string body_lang = message ? std::string(message_language(catalogue, *message, *p, lang)) : lang;
    variants.push_back({p, std::move(body), core::link_for_platform(link, *p, utm, scheme), std::move(body_lang)});
  }
  const bool same_post = std::all_of(variants.begin(), variants.end(), [&](const Variant& v) {
    return v.body == variants.front().body && v.link == variants.front().link;
  });
  const bool show_check = args.check || io.terminal.stderr_tty;
  const core::TableStyle err_style{io.terminal.color_stderr};
  // A person reading the post on a terminal sees catalogue text made terminal-safe; a pipe,
  // a file and the clipboard get the exact bytes (JSON escapes controls itself).
  const bool neutralize = args.output == "-" && io.terminal.stdout_tty && format == "text";
  core::Counter counter;
  std::string out;

  if (!args.fit && !args.thread && same_post && export_id.empty()) {
    // One post for every platform.
    const std::string body = variants.empty() ? own_body : variants.front().body;
    const std::string& post_link = variants.empty() ? link : variants.front().link;
    std::vector<core::ChosenTag> tags = requested;
    const std::vector<core::ChosenTag> skipped = core::drop_tags_in_body(index, body, tags);
    const std::string post = core::assemble_post(post_template, body, post_link, tags);
    core::CountResult result;
    counter.count(post, targets, options, result);
    if (format == "json") {
      core::append_post_json(out, post, message, tags, skipped, result);
      out += '\n';
    } else {
      out += post;
      if (!args.no_newline) out += '\n';
    }
    if (neutralize) out = core::neutralize_controls(out, true);
    output.write(out);
    output.commit();
    if (args.copy) copy_to_clipboard(post, io);
    if (show_check) io.err << core::render_count_table(result, post, err_style);
    return result.all_fit() ? kExitOk : kExitOverLimit;
  }

  // One post per platform: --fit, --thread, a platform's record, per-platform variants
  // of the message, or a link tagged per platform.
  if (args.copy && variants.size() > 1) {
    throw CliError(std::string(
        tr("--copy needs one post, but each platform gets its own here: choose one platform with --platform")));
  }
  std::string copied;
  bool all_fit = true;
  const bool json_array = format == "json";
  if (json_array) out += '[';
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const core::Profile& profile = *variants[i].profile;
    core::PostInput input{post_template, variants[i].body, variants[i].link, requested, args.fit, args.thread, options};
    core::drop_tags_in_body(index, input.body, input.tags);
    const core::PlatformPost post = core::compose_for_platform(input, profile, counter);
    all_fit = all_fit && post.fits;
    const std::vector<std::string_view> texts = published_texts(post);
    if (args.copy && texts.size() > 1) {
      throw CliError(std::string(tr("--copy needs one post, but --thread made several parts")));
    }
    copied = std::string(texts.front());
    if (!export_id.empty()) {
      if (!post.fits) {
        // The platform would refuse it: write no record at all.
        io.err << fmt::format("== {}: {}; nothing exported (try --fit or --thread)\n", profile.name,
                              platform_note(post, args.fit));
        if (show_check) io.err << core::render_count_table(post.count, post.text, err_style);
        return kExitOverLimit;
      }
      if (export_id == "bluesky") {
        // The lexicon's limits hold whatever --limit or --platforms allow: the network
        // refuses a longer record, so none is written.
        for (std::size_t t = 0; t < texts.size(); ++t) {
          const std::string problem = core::bluesky_text_problem(texts[t]);
          if (problem.empty()) continue;
          io.err << fmt::format("== {}: {}{}; nothing exported (--limit and --platforms cannot raise it)\n",
                                profile.name, texts.size() > 1 ? fmt::format("part {}: ", t + 1) : std::string(),
                                problem);
          return kExitOverLimit;
        }
      }
      if (texts.size() > 1) out += '[';
      for (std::size_t t = 0; t < texts.size(); ++t) {
        if (t) out += ',';
        if (export_id == "bluesky") {
          core::append_bluesky_record(out, texts[t], variants[i].lang,
                                      args.created_at.empty() ? now_datetime() : args.created_at);
        } else if (export_id == "mastodon") {
          core::append_mastodon_status(out, {texts[t], variants[i].lang,
                                             args.visibility.empty() ? "public" : args.visibility,
                                             args.content_warning});
        } else {
          core::append_linkedin_post(out, texts[t]);
        }
      }
      if (texts.size() > 1) out += ']';
      out += '\n';
    } else if (json_array) {
      if (i) out += ',';
      core::append_platform_post_json(out, post);
    } else {
      if (i) out += args.thread ? "===\n" : "---\n";
      for (std::size_t t = 0; t < texts.size(); ++t) {
        if (t) out += "\n---\n";
        out += texts[t];
      }
      if (!args.no_newline || i + 1 < variants.size()) out += '\n';
    }
    // What happened, on stderr: a header per platform when there are several.
    if (variants.size() > 1 || !post.fits || !post.dropped.empty() || texts.size() > 1) {
      io.err << core::neutralize_controls(fmt::format("== {}: {}", profile.name, platform_note(post, args.fit)), false)
             << '\n';
    }
    if (show_check) {
      if (post.thread) {
        for (const auto& part : post.parts) io.err << core::render_count_table(part.count, part.text, err_style);
      } else {
        io.err << core::render_count_table(post.count, post.text, err_style);
      }
    }
  }
  if (json_array) out += "]\n";
  if (neutralize) out = core::neutralize_controls(out, true);
  output.write(out);
  output.commit();
  if (args.copy) copy_to_clipboard(copied, io);
  return all_fit ? kExitOk : kExitOverLimit;
}

// ---- catalogue validate -----------------------------------------------------------------

int run_validate(const ValidateArgs& args, Streams io) {
  const std::string document = read_all(args.file, io.in, kMaxCatalogueBytes);
  const core::CatalogueResult result = core::parse_catalogue(document);
  throw_catalogue_problems(args.file, result.problems);
  const core::Catalogue& c = *result.catalogue;
  for (std::size_t i = 0; i < c.images.size(); ++i) {
    if (c.images[i].alt.empty()) {
      warn(io.err, fmt::format("{}: images[{}].alt: no alt text for {}; add one for screen-reader users", args.file,
                               i, c.images[i].file));
    }
  }
  write(io.out, fmt::format("{}: valid: {} messages, {} hashtags, {} images, {} goals, {} tips\n", args.file,
                            c.messages.size(), c.hashtags.size(), c.images.size(), c.goals.size(), c.tips.size()));
  return kExitOk;
}

}  // namespace

void add_catalogue_commands(CLI::App& app, CatalogueCommands& c) {
  const auto catalogue_option = [](CLI::App* command, std::string& target) {
    command->add_option("--catalogue", target,
                        "Campaign catalogue JSON (default: $SOMEPOST_CATALOGUE, else the built-in kit)")
        ->type_name("FILE");
  };
  const auto lang_option = [](CLI::App* command, std::string& target) {
    command->add_option("--lang", target, "Language of the catalogue texts (default: the catalogue's)")
        ->type_name("LANG");
  };

  c.list_command = app.add_subcommand("list", "List the catalogue's messages, hashtags, images, goals, tips, or the platforms");
  c.list_command->add_option("what", c.list.kind, "What to list (default: messages)")
      ->check(CLI::IsMember({"messages", "hashtags", "platforms", "images", "goals", "tips"}));
  c.list_command->add_option("--format", c.list.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json");
  lang_option(c.list_command, c.list.lang);
  catalogue_option(c.list_command, c.list.catalogue);

  c.show_command = app.add_subcommand("show", "Show one message in full, with its hashtags and its length per platform");
  c.show_command->add_option("message", c.show.message, "Message number or id")->required()->type_name("MESSAGE");
  lang_option(c.show_command, c.show.lang);
  catalogue_option(c.show_command, c.show.catalogue);
  add_platform_options(*c.show_command, c.show.platforms);

  c.compose_command = app.add_subcommand(
      "compose", "Compose a post: a message (or your own text), hashtags and the campaign link");
  c.compose_command->footer(
      "stdout is exactly the post (newline-terminated unless -n), e.g. 'somepost compose --message 2 | wl-copy'.\n"
      "The per-platform check goes to stderr on a terminal or with --check.\n"
      "Exit status: 0 fits every platform, 1 some limit exceeded, 2 error.");
  auto* source = c.compose_command->add_option_group("body", "Where the post's body comes from");
  source->add_option("-m,--message", c.compose.message, "A catalogue message, by number or id")->type_name("N|ID");
  source->add_option("-t,--text", c.compose.text, "Your own words (no default hashtags)")->type_name("TEXT");
  source->add_option("--text-file", c.compose.text_file, "Your own words from a file, or - for stdin")
      ->type_name("FILE|-");
  source->require_option(1);
  c.compose_command->add_option("--hashtag", c.compose.hashtags, "Add a catalogue hashtag (with or without #)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("TAG");
  c.compose_command->add_flag("--no-default-hashtags", c.compose.no_default_hashtags,
                              "Leave out the message's default hashtags");
  c.compose_command->add_flag("--no-link", c.compose.no_link, "Leave out the campaign link");
  c.compose_command->add_flag("--fit", c.compose.fit,
                              "Per platform, drop the lowest-priority hashtags until the post fits");
  c.compose_command->add_flag("--check", c.compose.check, "Print the per-platform check on stderr");
  c.compose_command->add_flag("-n,--no-newline", c.compose.no_newline, "No newline after the post");
  c.compose_command->add_flag("--copy", c.compose.copy,
                              "Also copy the post (without a final newline) to the clipboard");
  auto* format = c.compose_command->add_option("--format", c.compose.format, "Output format")
                     ->check(CLI::IsMember({"text", "json"}))
                     ->type_name("text|json");
  c.compose_command
      ->add_option("--export", c.compose.export_format,
                   "Write the post as text, json, or a platform's API record: bluesky-record, mastodon-status, "
                   "linkedin (docs/export.md)")
      ->check(CLI::IsMember({"text", "json", "bluesky-record", "mastodon-status", "linkedin"}))
      ->excludes(format)
      ->type_name("FORMAT");
  c.compose_command->add_option("-o,--output", c.compose.output, "Write to FILE (via a temporary file), - for stdout")
      ->type_name("FILE|-");
  c.compose_command->add_flag("--force", c.compose.force, "Let -o replace an existing file");
  c.compose_command
      ->add_option("--utm", c.compose.utm,
                   "Tag the campaign link per platform: utm_source=<platform>, utm_medium, utm_campaign")
      ->type_name("campaign=NAME[,medium=M]");
  c.compose_command->add_option("--link-scheme", c.compose.link_scheme, "https: write https:// before a bare link")
      ->check(CLI::IsMember({"auto", "https"}))
      ->type_name("auto|https");
  c.compose_command->add_flag("--thread", c.compose.thread,
                              "Split a post over the limit into numbered parts (1/3, 2/3, ...) that each fit")
      ->excludes("--fit");
  c.compose_command->add_option("--created-at", c.compose.created_at,
                                "createdAt of a bluesky-record (default: now), e.g. 2026-05-04T09:00:00Z")
      ->type_name("DATETIME");
  c.compose_command->add_option("--visibility", c.compose.visibility, "Visibility of a mastodon-status (default: public)")
      ->check(CLI::IsMember({"public", "unlisted", "private", "direct"}))
      ->type_name("public|unlisted|private|direct");
  c.compose_command->add_option("--content-warning", c.compose.content_warning,
                                "Content warning: counted where the platform counts it, spoiler_text of a mastodon-status")
      ->type_name("TEXT");
  lang_option(c.compose_command, c.compose.lang);
  catalogue_option(c.compose_command, c.compose.catalogue);
  add_platform_options(*c.compose_command, c.compose.platforms);

  c.catalogue_command = app.add_subcommand("catalogue", "Work with campaign catalogues");
  c.catalogue_command->require_subcommand(1);
  c.validate_command = c.catalogue_command->add_subcommand(
      "validate", "Check a catalogue file and report every problem with its JSON path");
  c.validate_command->add_option("file", c.validate.file, "Catalogue JSON file, or - for stdin")
      ->required()
      ->type_name("FILE|-");
}

int run_catalogue_commands(const CatalogueCommands& c, Streams io) {
  if (c.list_command->parsed()) return run_list(c.list, io);
  if (c.show_command->parsed()) return run_show(c.show, io);
  if (c.compose_command->parsed()) return run_compose(c.compose, io);
  if (c.validate_command->parsed()) return run_validate(c.validate, io);
  return -1;
}

}  // namespace somepost::cli
