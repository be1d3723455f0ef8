// The platform flags shared by `count` and (later) `compose`: --platform, --limit and
// --platforms FILE, and turning them into the profiles to count against.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "core/platforms.hpp"

namespace somepost::cli {

struct PlatformArgs {
  std::vector<std::string> platforms;  ///< --platform ID[,ID...] (repeatable)
  std::vector<std::string> limits;     ///< --limit ID=N (repeatable)
  std::string platforms_file;          ///< --platforms FILE
};

/// Adds --platform, --limit and --platforms to `command`.
void add_platform_options(CLI::App& command, PlatformArgs& args);

/// The profiles to count against and which of them were selected.
struct PlatformSelection {
  std::vector<core::Profile> profiles;          ///< built-ins, merged with --platforms, limits applied
  std::vector<const core::Profile*> selected;   ///< --platform order, or every profile in order
};

/// Resolves `args`: reads and validates --platforms FILE, applies --limit, picks the
/// --platform ids (duplicates dropped). Throws CliError on any problem (each problem of
/// a profiles file on its own line; an unknown id lists the known ones).
[[nodiscard]] PlatformSelection resolve_platforms(const PlatformArgs& args, std::istream& in);

}  // namespace somepost::cli
