#include "cli/platform_options.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/error.hpp"
#include "cli/i18n.hpp"
#include "cli/input.hpp"
#include "core/json_problems.hpp"

namespace somepost::cli {

void add_platform_options(CLI::App& command, PlatformArgs& args) {
  command.add_option("-p,--platform", args.platforms, "Platforms to count for (default: all)")
      ->delimiter(',')
      ->allow_extra_args(false)  // one value per -p, so `-p x FILE` leaves FILE positional
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("ID[,ID...]");
  command.add_option("--limit", args.limits, "Override a limit, e.g. mastodon=5000 or x=25000")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("ID=N");
  command.add_option("--platforms", args.platforms_file,
                     "Add or replace platform profiles from a JSON file (docs/platforms.md)")
      ->type_name("FILE");
}

PlatformSelection resolve_platforms(const PlatformArgs& args, std::istream& in) {
  PlatformSelection selection;
  selection.profiles = core::builtin_profiles();
  if (!args.platforms_file.empty()) {
    const std::string text = read_all(args.platforms_file, in);
    require_utf8(text, args.platforms_file);
    const core::ProfilesResult extra = core::parse_profiles(text);
    if (!extra.errors.empty()) {
      std::string message;
      for (const auto& e : extra.errors) {
        if (!message.empty()) message += '\n';
        message += fmt::format("{}: {}: {}", args.platforms_file, e.where, e.message);
      }
      throw CliError(message);
    }
    core::merge_profiles(selection.profiles, extra.profiles);
  }
  for (const std::string& assignment : args.limits) {
    if (auto error = core::apply_limit_override(selection.profiles, assignment)) {
      throw CliError(fmt::format("--limit {}: {}", core::json_problems::excerpt(assignment), *error));
    }
  }
  if (args.platforms.empty()) {
    for (const auto& p : selection.profiles) selection.selected.push_back(&p);
    return selection;
  }
  for (const std::string& id : args.platforms) {
    const core::Profile* profile = core::find_profile(selection.profiles, id);
    if (!profile) {
      throw CliError(
          trf("unknown platform \"{}\"; known: {}", core::json_problems::excerpt(id), core::known_ids(selection.profiles)));
    }
    if (std::find(selection.selected.begin(), selection.selected.end(), profile) == selection.selected.end()) {
      selection.selected.push_back(profile);
    }
  }
  return selection;
}

}  // namespace somepost::cli
