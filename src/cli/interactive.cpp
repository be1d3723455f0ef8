#include "cli/interactive.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/catalogue_source.hpp"
#include "cli/clipboard.hpp"
#include "cli/compose_support.hpp"
#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "cli/line_input.hpp"
#include "cli/output_file.hpp"
#include "core/export.hpp"
#include "core/report.hpp"
#include "core/wizard.hpp"

namespace somepost::cli {
namespace {

namespace fs = std::filesystem;

// Marks a text for xgettext (keyword N_) without translating it here: the English
// labels below are also the fallback keys, and tr() translates them where they are shown.
constexpr const char* N_(const char* text) { return text; }

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";

enum class Action { copy, print, export_file, fit, back, quit };
enum class ExportFormat { text, json };
enum class Answer { no, yes };

const std::vector<core::KeyedLabel>& english_actions() {
  static const std::vector<core::KeyedLabel> labels = {
      {static_cast<int>(Action::copy), N_("[c]opy")},     {static_cast<int>(Action::print), N_("[p]rint")},
      {static_cast<int>(Action::export_file), N_("[e]xport")}, {static_cast<int>(Action::fit), N_("[f]it")},
      {static_cast<int>(Action::back), N_("[b]ack")},     {static_cast<int>(Action::quit), N_("[q]uit")}};
  return labels;
}

const std::vector<core::KeyedLabel>& english_formats() {
  static const std::vector<core::KeyedLabel> labels = {{static_cast<int>(ExportFormat::text), N_("[t]ext")},
                                                       {static_cast<int>(ExportFormat::json), N_("[j]son")}};
  return labels;
}

const std::vector<core::KeyedLabel>& english_yes_no() {
  static const std::vector<core::KeyedLabel> labels = {{static_cast<int>(Answer::yes), N_("[y]es")},
                                                       {static_cast<int>(Answer::no), N_("[n]o")}};
  return labels;
}

// The labels in the UI language: the translation of each English label.
std::vector<core::KeyedLabel> translated(const std::vector<core::KeyedLabel>& english) {
  std::vector<core::KeyedLabel> out;
  for (const auto& l : english) out.push_back({l.value, std::string(tr(l.label))});
  return out;
}

std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Where the platforms chosen last time are kept, or nothing when there is no home.
std::optional<fs::path> remembered_platforms_file() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return fs::path(xdg) / "somepost" / "platforms";  // the spec ignores relative paths
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".config" / "somepost" / "platforms";
  return std::nullopt;
}

// The platforms remembered in `file`, and whether the choice may be written back there.
struct RememberedPlatforms {
  std::vector<std::string> ids;
  bool writable = false;  // a regular file, or none yet
};

// Reads the remembered platforms. The file is somepost's own, but anything may sit under
// its name: only a regular file of at most core::kRememberedPlatformsMaxBytes is read
// (opened without blocking, so a FIFO cannot hang the wizard, and never more than the
// bound, so a link to /dev/zero cannot fill the memory). Anything else is one warning
// line on `err` and is ignored; a regular file that is too large is also rewritten with
// the new choice, while a folder, FIFO or device is left alone. A missing file is the
// first run: no warning.
RememberedPlatforms read_remembered_platforms(const std::optional<fs::path>& file, std::ostream& err) {
  if (!file) return {};
  std::error_code ec;
  const fs::file_status status = fs::status(*file, ec);
  if (status.type() == fs::file_type::not_found) return {{}, true};
  try {
    const std::string text = read_regular_file(file->string(), core::kRememberedPlatformsMaxBytes);
    return {core::parse_remembered_platforms(text), true};
  } catch (const CliError& e) {
    warn(err, trf("{}; the remembered platforms are ignored", e.what()));
    return {{}, fs::is_regular_file(status)};
  }
}

// Thrown inside the dialogue when the input ends or a signal arrives.
struct LeaveWizard {
  bool interrupted;
};

class Wizard {
 public:
  Wizard(const core::Catalogue& catalogue, std::string lang, const PlatformSelection& platforms,
         std::vector<bool> platform_selected, std::optional<fs::path> memory, Streams io, LineInput& input)
      : catalogue_(catalogue),
        tag_index_(catalogue),
        lang_(std::move(lang)),
        platforms_(platforms),
        platform_selected_(std::move(platform_selected)),
        memory_(std::move(memory)),
        io_(io),
        input_(input),
        actions_(translated(english_actions())),
        formats_(translated(english_formats())),
        yes_no_(translated(english_yes_no())) {}

  int run() {
    try {
      show_header();
      for (;;) {
        choose_message();
        choose_hashtags();
        choose_link();
        choose_platforms();
        if (!review()) return kExitOk;
      }
    } catch (const LeaveWizard& leave) {
      io_.out << '\n';  // end the prompt's line, so the shell's prompt starts on its own
      io_.out.flush();
      if (leave.interrupted) throw CliError(std::string(tr("interrupted")));
      return kExitOk;
    } catch (const CliError&) {
      // An answer that cannot be read (too long, a read error): the error line must not
      // follow the prompt on the terminal, so end it here too.
      io_.out << '\n';
      io_.out.flush();
      throw;
    }
  }

 private:
  // ---- the dialogue ----

  void say(std::string_view text) { io_.out << text; }

  std::string bold(std::string_view text) const {
    if (!io_.terminal.color_stdout) return std::string(text);
    std::string out(kBold);
    out += text;
    out += kReset;
    return out;
  }

  // Shows `prompt`, reads one answer. Leaves the wizard at the end of input or on Ctrl-C.
  std::string ask(std::string_view prompt) {
    io_.out << prompt;
    io_.out.flush();
    std::string line;
    switch (input_.read_line(line)) {
      case ReadStatus::line: break;
      case ReadStatus::end: throw LeaveWizard{false};
      case ReadStatus::interrupted: throw LeaveWizard{true};
    }
    // Piped answers are not echoed by a terminal: echo them, so the transcript reads as a dialogue.
    if (!io_.terminal.stdin_tty) io_.out << core::neutralize_controls(line, false) << '\n';
    return line;
  }

  // A yes/no question; Enter gives `default_yes`.
  bool ask_yes_no(std::string_view question, bool default_yes) {
    const std::string yes(core::label_key(yes_no_[0].label));
    const std::string no(core::label_key(yes_no_[1].label));
    std::string prompt(question);
    prompt += default_yes ? fmt::format(" [{}/{}]: ", ascii_upper(yes), no) : fmt::format(" [{}/{}]: ", yes, ascii_upper(no));
    for (;;) {
      const std::string answer = ask(prompt);
      if (answer.find_first_not_of(" \t") == std::string::npos) return default_yes;
      if (const auto v = core::match_label(answer, yes_no_, english_yes_no())) return *v == static_cast<int>(Answer::yes);
      say(trf("Please answer {} or {}.\n", yes, no));
    }
  }

  // Shows a toggle list and asks until Enter; true when something is selected at the end.
  void toggle_loop(std::string_view heading, const std::vector<std::string>& labels, std::vector<bool>& selected,
                   bool need_one) {
    for (;;) {
      say(bold(heading));
      say("\n");
      say(core::render_toggles(labels, selected, current_columns(io_.terminal)));
      const std::string answer = ask(tr("Numbers toggle, a = all, 0 = none, Enter = keep: "));
      const core::ToggleResult result = core::apply_toggle_answer(answer, selected);
      if (result.status == core::ToggleStatus::invalid) {
        say(trf("Not understood: \"{}\". Type numbers from 1 to {}, a or 0, or press Enter.\n",
                core::fit_line(result.bad_word, 40), labels.size()));
      } else if (result.status == core::ToggleStatus::keep) {
        if (!need_one || std::find(selected.begin(), selected.end(), true) != selected.end()) {
          say("\n");
          return;
        }
        say(tr("Choose at least one platform.\n"));
      }
      say("\n");
    }
  }

  // ---- the steps ----

  void show_header() {
    const std::string_view fallback = catalogue_.campaign.default_language;
    say(bold(core::neutralize_controls(core::pick_language(catalogue_.campaign.name, lang_, fallback), false)));
    say("\n");
    say(core::neutralize_controls(core::pick_language(catalogue_.campaign.slogan, lang_, fallback), false));
    say("\n\n");
  }

  void choose_message() {
    const std::size_t count = catalogue_.messages.size();
    say(bold(tr("Messages:")));
    say("\n");
    say(core::render_numbered(core::message_first_lines(catalogue_, lang_), current_columns(io_.terminal)));
    const std::string prompt = message_ ? trf("Choose a message (1-{}) [{}]: ", count, *message_ + 1)
                                        : trf("Choose a message (1-{}): ", count);
    for (;;) {
      const std::string answer = ask(prompt);
      std::optional<std::size_t> chosen;
      if (answer.find_first_not_of(" \t") == std::string::npos && message_) {
        chosen = *message_ + 1;
      } else {
        chosen = core::parse_number(answer, count);
      }
      if (chosen) {
        if (message_ != *chosen - 1) {
          message_ = *chosen - 1;
          start_message();
        }
        say("\n");
        return;
      }
      say(trf("Please type a number from 1 to {}.\n", count));
    }
  }

  // A new message: its hashtags, with its defaults selected.
  void start_message() {
    const core::Message& m = message();
    tag_options_ = core::tag_options(catalogue_, default_tags(catalogue_, tag_index_, m), body());
    tag_selected_.clear();
    for (const core::TagOption& o : tag_options_) tag_selected_.push_back(o.is_default);
  }

  void choose_hashtags() {
    if (tag_options_.empty()) return;
    std::vector<std::string> labels;
    const std::string_view fallback = catalogue_.campaign.default_language;
    for (const core::TagOption& o : tag_options_) {
      std::string label = o.tag.tag;
      if (o.in_body) {
        label += ' ';
        label += tr("(already in the text)");
      }
      if (o.tag.entry) {
        const std::string_view description = core::pick_language(o.tag.entry->description, lang_, fallback);
        if (!description.empty()) {
          label += "  ";
          label += description;
        }
      }
      labels.push_back(std::move(label));
    }
    toggle_loop(tr("Hashtags (the message's own are selected):"), labels, tag_selected_, false);
  }

  void choose_link() {
    if (catalogue_.campaign.link.empty()) return;
    link_ = ask_yes_no(trf("Include the link {}?", core::neutralize_controls(catalogue_.campaign.link, false)), link_);
    say("\n");
  }

  void choose_platforms() {
    std::vector<std::string> labels;
    for (const core::Profile& p : platforms_.profiles) labels.push_back(p.name);
    toggle_loop(tr("Platforms:"), labels, platform_selected_, true);
    remember_platforms();
  }

  void remember_platforms() {
    if (!memory_) return;
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < platforms_.profiles.size(); ++i) {
      if (platform_selected_[i]) ids.push_back(platforms_.profiles[i].id);
    }
    try {
      // A failure shows in the write's warning, which names the file.
      (void)create_private_directories(memory_->parent_path().string());
      Output file(memory_->string(), true, io_.out);
      file.write(core::format_remembered_platforms(ids));
      file.commit();
    } catch (const CliError& e) {
      warn(io_.err, e.what());
    }
  }

  // Shows the post and what fits, then runs actions. False when the user quits.
  bool review() {
    for (;;) {
      const Post post = compose();
      say(bold(tr("The post:")));
      say("\n\n");
      say(core::neutralize_controls(post.text, true));
      say("\n\n");
      show_summary(post);
      switch (ask_actions(post)) {
        case Action::fit:
          fit(post);
          continue;
        case Action::back:
          say("\n");
          return true;
        default:
          return false;
      }
    }
  }

  struct Post {
    std::string text;
    std::vector<core::ChosenTag> tags;     // as in the post
    std::vector<core::ChosenTag> skipped;  // selected, but already in the body
    core::CountResult count;
  };

  Post compose() {
    Post post;
    for (std::size_t i = 0; i < tag_options_.size(); ++i) {
      if (tag_selected_[i]) post.tags.push_back(tag_options_[i].tag);
    }
    const std::string b = body();
    post.skipped = core::drop_tags_in_body(tag_index_, b, post.tags);
    post.text = core::assemble_post(template_of(catalogue_), b, link_ ? catalogue_.campaign.link : std::string(),
                                    post.tags);
    counter_.count(post.text, selected_profiles(), {}, post.count);
    return post;
  }

  void show_summary(const Post& post) {
    std::vector<core::SummaryRow> rows;
    for (const core::PlatformCount& c : post.count.platforms) {
      const core::Verdict v = core::verdict_of(c);
      std::string status;
      switch (v.kind) {
        case core::VerdictKind::fits: status = tr("fits"); break;
        case core::VerdictKind::over_limit: status = trf("over by {}", v.amount); break;
        case core::VerdictKind::over_bytes: status = trf("over by {} bytes", v.amount); break;
        case core::VerdictKind::too_many_hashtags: status = trf("too many hashtags ({}/{})", v.amount, v.max); break;
        case core::VerdictKind::too_many_links: status = trf("too many links ({}/{})", v.amount, v.max); break;
        case core::VerdictKind::rejected: status = tr("has a character the platform rejects"); break;
        case core::VerdictKind::fits_many_hashtags:
          status = trf("fits; hashtags advised: at most {} ({} now)", v.max, v.amount);
          break;
        case core::VerdictKind::fits_many_links:
          status = trf("fits; links advised: at most {} ({} now)", v.max, v.amount);
          break;
      }
      rows.push_back({core::neutralize_controls(c.profile->name, false), fmt::format("{}/{}", c.length, c.limit),
                      std::move(status), v.kind == core::VerdictKind::fits || v.kind == core::VerdictKind::fits_many_hashtags ||
                                         v.kind == core::VerdictKind::fits_many_links});
    }
    say(core::render_summary_table({std::string(tr("Platform")), std::string(tr("Length/limit")),
                                    std::string(tr("Result"))},
                                   rows, io_.terminal.color_stdout));
    if (io_.terminal.color_stdout) {
      for (const core::PlatformCount& c : post.count.platforms) {
        if (!c.overflow_at) continue;
        say("\n");
        say(trf("{}: the part past the limit is highlighted:", core::neutralize_controls(c.profile->name, false)));
        say("\n");
        say(core::highlight_overflow(post.text, *c.overflow_at));
        say("\n");
      }
    }
    say("\n");
  }

  // Asks for actions until one leaves the review (fit, back, quit).
  Action ask_actions(const Post& post) {
    const std::string prompt = core::join_labels(actions_) + ": ";
    for (;;) {
      const std::string answer = ask(prompt);
      const auto value = core::match_label(answer, actions_, english_actions());
      if (!value) {
        say(tr("Type one of the letters in brackets.\n"));
        continue;
      }
      const auto action = static_cast<Action>(*value);
      switch (action) {
        case Action::copy: copy(post); break;
        case Action::print: print(post); break;
        case Action::export_file: export_post(post); break;
        case Action::fit:
        case Action::back:
        case Action::quit: return action;
      }
    }
  }

  void copy(const Post& post) {
    try {
      copy_to_clipboard(post.text, io_);
    } catch (const CliError& e) {
      print_diagnostic(io_.err, "error", e.what());
      io_.err.flush();
    }
  }

  // The post alone, to select with the mouse. Its control characters are made visible as
  // everywhere (a file of the dialogue may be shown on a terminal later); copy and export
  // give the exact bytes.
  void print(const Post& post) {
    say("\n");
    say(core::neutralize_controls(post.text, true));
    say("\n\n");
  }

  void export_post(const Post& post) {
    std::optional<ExportFormat> format;
    const std::string format_prompt = trf("Format: {} [{}]: ", core::join_labels(formats_), core::label_key(formats_[0].label));
    while (!format) {
      const std::string answer = ask(format_prompt);
      if (answer.find_first_not_of(" \t") == std::string::npos) {
        format = ExportFormat::text;
      } else if (const auto v = core::match_label(answer, formats_, english_formats())) {
        format = static_cast<ExportFormat>(*v);
      } else {
        say(tr("Type one of the letters in brackets.\n"));
      }
    }
    std::string name = "somepost-";
    name += message().id;
    name += *format == ExportFormat::json ? ".json" : ".txt";
    std::string path = ask(trf("File name [{}]: ", name));
    if (path.find_first_not_of(" \t") == std::string::npos) path = name;
    if (path.rfind("~/", 0) == 0) {
      if (const char* home = std::getenv("HOME"); home && *home) {
        std::string expanded = home;
        expanded += std::string_view(path).substr(1);
        path = std::move(expanded);
      }
    }
    if (is_directory(path)) {
      say(trf("{} is a folder; give a file name.\n", core::neutralize_controls(path, false)));
      return;
    }
    std::string bytes;
    if (*format == ExportFormat::json) {
      core::append_post_json(bytes, post.text, &message(), post.tags, post.skipped, post.count);
    } else {
      bytes = post.text;
    }
    bytes += '\n';
    // The name is a file's, never the writer's "-" for stdout.
    if (path == "-") path = "./-";
    bool replace = false;
    if (is_regular_file(path)) {
      if (!ask_yes_no(trf("{} exists. Replace it?", core::neutralize_controls(path, false)), false)) {
        say(tr("Not saved.\n"));
        return;
      }
      replace = true;
    }
    try {
      // Without `replace`, a file that appears meanwhile is not clobbered: commit() refuses.
      Output file(path, replace, io_.out);
      file.write(bytes);
      // Ctrl-C during the write: nothing is put in place; the temporary file goes with `file`.
      if (InterruptGuard::interrupted()) throw LeaveWizard{true};
      file.commit();
      say(trf("Saved the post to {}.\n", core::neutralize_controls(path, false)));
    } catch (const CliError& e) {
      print_diagnostic(io_.err, "error", e.what());
      io_.err.flush();
    }
  }

  // Drops hashtags, lowest priority first, until the post fits every chosen platform that
  // it can fit (core::fit_post per platform, then the tags all of them kept).
  void fit(const Post& post) {
    std::vector<core::FitResult> fitting;
    const std::string b = body();
    const std::string link = link_ ? catalogue_.campaign.link : std::string();
    say("\n");
    for (const core::Profile* p : selected_profiles()) {
      core::FitResult r = core::fit_post(template_of(catalogue_), b, link, post.tags, *p, counter_);
      const core::PlatformCount& c = r.count.platforms.front();
      const std::string dropped = core::join(r.dropped, ", ");
      std::string line = "  ";
      line += core::neutralize_controls(p->name, false);
      line += ": ";
      if (!r.fits) {
        line += trf("does not fit even without hashtags ({}/{})", c.length, c.limit);
      } else if (r.dropped.empty()) {
        line += trf("fits as it is ({}/{})", c.length, c.limit);
      } else {
        line += trf("fits without {} ({}/{})", dropped, c.length, c.limit);
      }
      say(line);
      say("\n");
      if (r.fits) fitting.push_back(std::move(r));
    }
    const std::vector<core::ChosenTag> kept = core::tags_kept_by_all(post.tags, fitting);
    if (kept.size() == post.tags.size()) {
      say(tr("No hashtag needs to go.\n\n"));
      return;
    }
    for (std::size_t i = 0; i < tag_options_.size(); ++i) {
      if (!tag_selected_[i]) continue;
      const std::string& tag = tag_options_[i].tag.tag;
      const bool in_post = std::any_of(post.tags.begin(), post.tags.end(), [&](const core::ChosenTag& t) { return t.tag == tag; });
      const bool keep = std::any_of(kept.begin(), kept.end(), [&](const core::ChosenTag& t) { return t.tag == tag; });
      if (in_post && !keep) tag_selected_[i] = false;
    }
    say(tr("Dropped the hashtags that did not fit.\n\n"));
  }

  // ---- state ----

  const core::Message& message() const { return catalogue_.messages[*message_]; }

  std::string body() const {
    return std::string(core::pick_language(message().text, lang_, catalogue_.campaign.default_language));
  }

  std::vector<const core::Profile*> selected_profiles() const {
    std::vector<const core::Profile*> out;
    for (std::size_t i = 0; i < platforms_.profiles.size(); ++i) {
      if (platform_selected_[i]) out.push_back(&platforms_.profiles[i]);
    }
    return out;
  }

  const core::Catalogue& catalogue_;
  const core::HashtagIndex tag_index_;  // of catalogue_, for the messages' default tags
  const std::string lang_;
  const PlatformSelection& platforms_;
  std::vector<bool> platform_selected_;
  const std::optional<fs::path> memory_;
  Streams io_;
  LineInput& input_;
  const std::vector<core::KeyedLabel> actions_;
  const std::vector<core::KeyedLabel> formats_;
  const std::vector<core::KeyedLabel> yes_no_;

  std::optional<std::size_t> message_;  // index into catalogue_.messages
  std::vector<core::TagOption> tag_options_;
  std::vector<bool> tag_selected_;
  bool link_ = true;
  core::Counter counter_;
};

}  // namespace

CLI::App* add_interactive_command(CLI::App& app, InteractiveArgs& args) {
  CLI::App* command = app.add_subcommand(
      "interactive", "Compose a post step by step, in Finnish, Swedish or English (the default on a terminal)");
  command->footer(
      "Answers are read line by line, from the terminal or a pipe. Ctrl-C or Ctrl-D leave at any prompt.\n"
      "Exit status: 0 when you quit or the input ends, 2 on Ctrl-C or an error.");
  command->add_option("--lang", args.lang, "Language of the dialogue and of the catalogue texts (fi, sv, en)")
      ->type_name("LANG");
  command->add_option("--catalogue", args.catalogue,
                      "Campaign catalogue JSON (default: $SOMEPOST_CATALOGUE, else the built-in kit)")
      ->type_name("FILE");
  add_platform_options(*command, args.platforms);
  return command;
}

int run_interactive(const InteractiveArgs& args, Streams io) {
  const LoadedCatalogue loaded = load_catalogue(args.catalogue, io.in);
  const core::Catalogue& catalogue = *loaded.catalogue;
  const PlatformSelection platforms = resolve_platforms(args.platforms, io.in);

  // Pre-selected platforms: --platform, else those remembered from the last run, else all.
  std::optional<fs::path> memory = remembered_platforms_file();
  RememberedPlatforms remembered = read_remembered_platforms(memory, io.err);
  if (!remembered.writable) memory.reset();  // a folder, FIFO or device: never written to
  std::vector<std::string> wanted = args.platforms.platforms;
  if (wanted.empty()) wanted = std::move(remembered.ids);
  std::vector<bool> selected(platforms.profiles.size(), false);
  for (std::size_t i = 0; i < platforms.profiles.size(); ++i) {
    selected[i] = std::find(wanted.begin(), wanted.end(), platforms.profiles[i].id) != wanted.end();
  }
  if (std::find(selected.begin(), selected.end(), true) == selected.end()) selected.assign(selected.size(), true);

  const InterruptGuard guard;
  std::unique_ptr<LineInput> input;
  if (&io.in == &std::cin) {
    input = std::make_unique<FdLineInput>(STDIN_FILENO);
  } else {
    input = std::make_unique<StreamLineInput>(io.in);
  }
  Wizard wizard(catalogue, language_of(args.lang, catalogue), platforms, std::move(selected), memory, io, *input);
  return wizard.run();
}

}  // namespace somepost::cli
