// Where the campaign catalogue comes from: --catalogue FILE, else the environment variable
// SOMEPOST_CATALOGUE, else the kit embedded in the binary.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

#include "core/catalogue.hpp"

namespace somepost::cli {

/// A loaded catalogue and a name for messages ("the built-in kit" or the file path).
struct LoadedCatalogue {
  std::optional<core::Catalogue> owned;     ///< set when read from a file
  const core::Catalogue* catalogue = nullptr;
  std::string source;
};

/// Loads the catalogue named by `flag` (may be empty), else by $SOMEPOST_CATALOGUE, else
/// the built-in one. A file that cannot be read or does not validate throws CliError with
/// every problem on its own line, as "FILE: JSON-PATH: message".
[[nodiscard]] LoadedCatalogue load_catalogue(const std::string& flag, std::istream& in);

/// Throws CliError listing `problems` as "SOURCE: WHERE: MESSAGE" lines (if any).
void throw_catalogue_problems(const std::string& source, const std::vector<core::CatalogueProblem>& problems);

}  // namespace somepost::cli
