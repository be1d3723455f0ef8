#include "cli/run.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <exception>
#include <iostream>
#include <new>

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
      "Exit status: 0 ok, 1 a platform limit exceeded, 2 error.\n"
      "Documentation: docs/ in the source tree.");
  bool show_version = false;
  app.add_flag("-V,--version", show_version, "Print the program and Unicode versions and exit");

  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    io.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    io.err << fmt::format("somepost: error: {}\n", e.what());
    io.err << "Run 'somepost --help' for usage.\n";
    return kExitError;
  }
  if (show_version) {
    io.out << version_text();
    return kExitOk;
  }
  // No command given: the commands arrive with the next features; show the usage.
  io.err << app.help();
  return kExitError;
}

}  // namespace

int run(const std::vector<std::string>& args) {
  return run(args, Streams{std::cin, std::cout, std::cerr});
}

int run(const std::vector<std::string>& args, Streams io) {
  // The single catch site: nothing below prints errors or exits on its own.
  try {
    const int status = run_unchecked(args, io);
    io.out.flush();
    if (!io.out) {
      io.err << "somepost: error: cannot write to standard output\n";
      return kExitError;
    }
    return status;
  } catch (const std::bad_alloc&) {
    io.err << "somepost: error: out of memory\n";
  } catch (const std::exception& e) {
    io.err << fmt::format("somepost: error: {}\n", e.what());
  }
  return kExitError;
}

}  // namespace somepost::cli
