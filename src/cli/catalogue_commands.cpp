#include "cli/catalogue_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/catalogue_source.hpp"
#include "cli/clipboard.hpp"
#include "cli/compose_support.hpp"
#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "core/compose.hpp"
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
  std::vector<core::ChosenTag> tags = default_tags(catalogue, message);
  core::drop_tags_in_body(catalogue, body, tags);
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

struct Variant {
  const core::Profile* profile;
  std::string body;
};

int run_compose(const ComposeArgs& args, Streams io) {
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const auto& catalogue = *loaded.catalogue;
  const PlatformSelection selection = resolve_platforms(args.platforms, io.in);
  const std::string lang = language_of(args.lang, catalogue);

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
  if (message && !args.no_default_hashtags) requested = default_tags(catalogue, *message);
  for (const auto& t : args.hashtags) requested.push_back(choose_tag(catalogue, t));
  const std::string link = args.no_link ? std::string() : catalogue.campaign.link;
  const std::string_view post_template = template_of(catalogue);

  // The body each platform gets: a per-platform variant when the message has one.
  std::vector<Variant> variants;
  for (const core::Profile* p : selection.selected) {
    std::string body = own_body;
    if (message) {
      const auto v = message->variants.find(p->id);
      body = std::string(core::pick_language(v != message->variants.end() ? v->second : message->text, lang,
                                             catalogue.campaign.default_language));
    }
    variants.push_back({p, std::move(body)});
  }
  const bool same_body = std::all_of(variants.begin(), variants.end(),
                                     [&](const Variant& v) { return v.body == variants.front().body; });
  const bool show_check = args.check || io.terminal.stderr_tty;
  const core::TableStyle err_style{io.terminal.color_stderr};
  core::Counter counter;
  std::string out;

  if (!args.fit && same_body) {
    // One post for every platform.
    const std::string body = variants.empty() ? own_body : variants.front().body;
    std::vector<core::ChosenTag> tags = requested;
    const std::vector<core::ChosenTag> skipped = core::drop_tags_in_body(catalogue, body, tags);
    const std::string post = core::assemble_post(post_template, body, link, tags);
    core::CountResult result;
    counter.count(post, selection.selected, {}, result);
    if (args.format == "json") {
      append_compose_json(out, post, message, tags, skipped, result);
      out += '\n';
    } else {
      out += post;
      if (!args.no_newline) out += '\n';
    }
    write(io.out, out);
    if (args.copy) copy_to_clipboard(post, io);
    if (show_check) io.err << core::render_count_table(result, post, err_style);
    return result.all_fit() ? kExitOk : kExitOverLimit;
  }

  // One post per platform: --fit, or a message with per-platform variants.
  if (args.copy && variants.size() > 1) {
    throw CliError(std::string(
        tr("--copy needs one post, but each platform gets its own here: choose one platform with --platform")));
  }
  std::string copied;
  bool all_fit = true;
  if (args.format == "json") out += '[';
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const core::Profile& profile = *variants[i].profile;
    std::vector<core::ChosenTag> tags = requested;
    core::drop_tags_in_body(catalogue, variants[i].body, tags);
    core::FitResult fitted;
    if (args.fit) {
      fitted = core::fit_post(post_template, variants[i].body, link, tags, profile, counter);
    } else {
      fitted.text = core::assemble_post(post_template, variants[i].body, link, tags);
      counter.count(fitted.text, {&profile}, {}, fitted.count);
      fitted.kept = tags;
      fitted.fits = fitted.count.all_fit();
    }
    all_fit = all_fit && fitted.fits;
    copied = fitted.text;
    const core::PlatformCount& c = fitted.count.platforms.front();
    if (args.format == "json") {
      if (i) out += ',';
      out += "{\"platform\":";
      core::append_json_string(out, profile.id);
      out += ",\"text\":";
      core::append_json_string(out, fitted.text);
      out += fitted.fits ? ",\"fits\":true" : ",\"fits\":false";
      out += ",\"hashtags\":";
      append_tag_array(out, tag_texts(fitted.kept));
      out += ",\"dropped_hashtags\":";
      append_tag_array(out, fitted.dropped);
      out += ",\"count\":";
      core::append_count_json(out, fitted.count);
      out += '}';
    } else {
      if (i) out += "---\n";
      out += fitted.text;
      if (!args.no_newline || i + 1 < variants.size()) out += '\n';
    }
    // What happened, on stderr: a header per platform when there are several.
    std::string note;
    if (!fitted.fits) {
      note = fmt::format("does not fit even without hashtags ({}/{})", c.length, c.limit);
    } else if (!fitted.dropped.empty()) {
      std::string dropped;
      for (const auto& d : fitted.dropped) dropped += (dropped.empty() ? "" : ", ") + d;
      note = fmt::format("dropped {} to fit ({}/{})", dropped, c.length, c.limit);
    } else {
      note = fmt::format("fits ({}/{})", c.length, c.limit);
    }
    if (variants.size() > 1 || !fitted.fits || !fitted.dropped.empty()) {
      io.err << fmt::format("== {}: {}\n", profile.name, note);
    }
    if (show_check) io.err << core::render_count_table(fitted.count, fitted.text, err_style);
  }
  if (args.format == "json") out += "]\n";
  write(io.out, out);
  if (args.copy) copy_to_clipboard(copied, io);
  return all_fit ? kExitOk : kExitOverLimit;
}

// ---- catalogue validate -----------------------------------------------------------------

int run_validate(const ValidateArgs& args, Streams io) {
  const std::string document = read_all(args.file, io.in);
  const core::CatalogueResult result = core::parse_catalogue(document);
  throw_catalogue_problems(args.file, result.problems);
  const core::Catalogue& c = *result.catalogue;
  for (std::size_t i = 0; i < c.images.size(); ++i) {
    if (c.images[i].alt.empty()) {
      io.err << fmt::format("somepost: warning: {}: images[{}].alt: no alt text for {}; add one for screen-reader users\n",
                            args.file, i, c.images[i].file);
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
  c.compose_command->add_option("--format", c.compose.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->type_name("text|json");
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
