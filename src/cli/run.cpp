#include "cli/run.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <exception>
#include <iostream>
#include <new>
#include <optional>

#include "cli/batch_command.hpp"
#include "cli/catalogue_commands.hpp"
#include "cli/count_command.hpp"
#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/interactive.hpp"
#include "cli/output_file.hpp"
#include "core/language.hpp"
#include "unicode/emoji.hpp"
#include "unicode/generated/version.hpp"

namespace somepost::cli {
namespace {

constexpr const char* kProgramVersion = SOMEPOST_VERSION;

std::string version_text() {
  return fmt::format("somepost {} (Unicode {}, Emoji {}, {} RGI emoji sequences)\n",
                     kProgramVersion, unicode::tables::kUnicodeMajorMinor,
                     unicode::tables::kUnicodeMajorMinor, unicode::rgi_emoji_count());
}

int run_unchecked(const std::vector<std::string>& args, Streams io) {
  CLI::App app{
      "somepost composes social media posts from a campaign kit and counts them exactly "
      "as each platform does (X, Mastodon, Bluesky, Threads, Instagram, LinkedIn, Facebook).",
      "somepost"};
  app.footer(
      "Without a command, on a terminal: the interactive wizard (somepost interactive).\n"
      "Exit status: 0 ok, 1 a platform limit exceeded, 2 error.\n"
      "Run 'somepost COMMAND --help' for a command's options. Documentation: docs/.");
  app.require_subcommand(0, 1);
  app.fallthrough();  // global options (--lang) may follow the command too
  bool show_version = false;
  app.add_flag("-V,--version", show_version, "Print the program and Unicode versions and exit");
  std::string lang;
  app.add_option("--lang", lang,
                 "Language of somepost's messages and of the catalogue texts: fi, sv or en "
                 "(default: from LC_ALL, LC_MESSAGES or LANG for messages, the catalogue's for texts)")
      ->type_name("LANG");
  CountArgs count_args;
  CLI::App* count = add_count_command(app, count_args);
  CatalogueCommands catalogue_commands;
  add_catalogue_commands(app, catalogue_commands);
  InteractiveArgs interactive_args;
  CLI::App* interactive = add_interactive_command(app, interactive_args);
  BatchArgs batch_args;
  CLI::App* batch = add_batch_command(app, batch_args);

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    // The help of the deepest command given (e.g. `somepost catalogue validate --help`).
    const CLI::App* target = &app;
    for (bool deeper = true; deeper;) {
      deeper = false;
      for (const CLI::App* sub : target->get_subcommands()) {
        target = sub;
        deeper = true;
        break;
      }
    }
    io.out << target->help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();  // CLI11's own words, in English
    message += '\n';
    message += tr("run 'somepost --help' for usage");
    throw CliError(message);
  }
  // A command's own --lang wins over the global one; either sets the UI language, and
  // the global one also the catalogue text language of commands that have one.
  for (const CLI::App* command : app.get_subcommands()) {
    const CLI::Option* own = command->get_option_no_throw("--lang");
    if (own && own->count() > 0) lang = own->as<std::string>();
  }
  for (std::string* text_lang : {&catalogue_commands.list.lang, &catalogue_commands.show.lang,
                                 &catalogue_commands.compose.lang, &interactive_args.lang}) {
    if (text_lang->empty()) *text_lang = lang;
  }
  std::optional<UiLanguage> asked;
  if (!lang.empty()) asked.emplace(core::choose_ui_language(lang, io.language), true, io.err);

  if (show_version) {
    io.out << version_text();
    return kExitOk;
  }
  if (count->parsed()) return run_count(count_args, io);
  if (interactive->parsed()) return run_interactive(interactive_args, io);
  if (batch->parsed()) return run_batch(batch_args, io);
  if (const int status = run_catalogue_commands(catalogue_commands, io); status >= 0) return status;
  // No command: the wizard for a person at a terminal; otherwise (a script, a pipe) the
  // usage on stderr, never waiting for input that will not come.
  if (io.terminal.stdin_tty && io.terminal.stdout_tty) return run_interactive(interactive_args, io);
  io.err << app.help();
  return kExitError;
}

}  // namespace

void open_standard_descriptors() noexcept {
  for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
    if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    // Opened the wrong way round on purpose: stdin for writing, stdout and stderr for
    // reading, so that using them still fails with EBADF as on the closed descriptor
    // (`somepost count >&-` stays an error, not output thrown away). open() takes the
    // lowest free descriptor, which is `fd`: the ones below are open.
    const int opened = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY) | O_NOCTTY);
    if (opened >= 0 && opened != fd) ::close(opened);  // not expected; never keep a stray one
  }
}

int run(const std::vector<std::string>& args) {
  // Before anything opens a file: with stderr closed (`2>&-`), the first file opened
  // would become descriptor 2 and receive the diagnostics (an `-o` file among them).
  open_standard_descriptors();
  // `ulimit -f` then makes a write fail with EFBIG, reported like any write error.
  ignore_file_size_signal();
  std::ios::sync_with_stdio(false);  // fast stdin/stdout; somepost never mixes in C stdio
  return run(args, Streams{std::cin, std::cout, std::cerr, detect_terminal(), environment_language()});
}

int run(const std::vector<std::string>& args, Streams io) {
  // The environment's UI language, for everything up to --lang (parse errors included).
  const UiLanguage environment(io.language, false, io.err);
  // The single catch site: nothing below prints errors or exits on its own. The prefix
  // "somepost: error:" stays English so scripts can look for it.
  try {
    const int status = run_unchecked(args, io);
    io.out.flush();
    if (!io.out) throw CliError(std::string(tr("cannot write to standard output")));
    return status;
  } catch (const CliError& e) {
    print_diagnostic(io.err, "error", e.what());
  } catch (const std::bad_alloc&) {
    print_diagnostic(io.err, "error", tr("out of memory"));
  } catch (const std::exception& e) {
    print_diagnostic(io.err, "error", e.what());
  }
  io.err.flush();
  return kExitError;
}

}  // namespace somepost::cli
