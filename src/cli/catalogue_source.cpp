#include "cli/catalogue_source.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "cli/error.hpp"
#include "cli/input.hpp"

namespace somepost::cli {

void throw_catalogue_problems(const std::string& source, const std::vector<core::CatalogueProblem>& problems) {
  if (problems.empty()) return;
  std::string message;
  for (const auto& p : problems) {
    if (!message.empty()) message += '\n';
    message += fmt::format("{}: {}: {}", source, p.where, p.message);
  }
  throw CliError(message);
}

LoadedCatalogue load_catalogue(const std::string& flag, std::istream& in) {
  LoadedCatalogue loaded;
  std::string path = flag;
  if (path.empty()) {
    if (const char* env = std::getenv("SOMEPOST_CATALOGUE"); env && *env) path = env;
  }
  if (path.empty()) {
    loaded.catalogue = &core::default_catalogue();
    loaded.source = "the built-in kit";
    return loaded;
  }
  const std::string document = read_all(path, in, kMaxCatalogueBytes);
  core::CatalogueResult result = core::parse_catalogue(document);
  throw_catalogue_problems(path, result.problems);
  loaded.owned = std::move(result.catalogue);
  loaded.catalogue = &*loaded.owned;
  loaded.source = path;
  return loaded;
}

}  // namespace somepost::cli
