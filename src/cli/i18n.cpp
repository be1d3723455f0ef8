#include "cli/i18n.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

#include "cli/error.hpp"
#include "cli/input.hpp"
#include "core/language.hpp"
#include "core/mo_catalog.hpp"

namespace somepost::cli {

namespace detail {
struct UiTranslations {
  std::string language = "en";
  std::optional<core::MoCatalog> catalog;
};
}  // namespace detail

namespace {

namespace fs = std::filesystem;

// The languages somepost ships translations for (po/LINGUAS, passed in by CMake).
constexpr std::string_view kShippedLanguages = SOMEPOST_UI_LANGUAGES;
// The largest .mo file read (docs/cli.md, "Input bounds"): far above any real catalogue
// (somepost's own are a few dozen KiB).
constexpr std::size_t kMaxMoBytes = std::size_t{16} << 20;

detail::UiTranslations g_english;
detail::UiTranslations* g_current = &g_english;

bool is_shipped(std::string_view language) {
  std::string_view rest = kShippedLanguages;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    if (rest.substr(0, space) == language) return true;
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return false;
}

std::string english_name(std::string_view language) {
  if (language == "fi") return "Finnish";
  if (language == "sv") return "Swedish";
  return std::string(language);
}

// Where to look for LANG/LC_MESSAGES/somepost.mo, in order.
std::vector<fs::path> locale_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("SOMEPOST_LOCALEDIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    dirs.push_back(exe.parent_path() / "locale");
    dirs.push_back(exe.parent_path().parent_path() / "share" / "locale");
  }
  return dirs;
}

}  // namespace

std::string_view tr(std::string_view msgid) {
  if (g_current->catalog) {
    if (const std::string* translation = g_current->catalog->find(msgid)) return *translation;
  }
  return msgid;
}

const std::string& ui_language() { return g_current->language; }

std::string environment_language() {
  const auto value = [](const char* name) {
    const char* v = std::getenv(name);
    return std::string_view(v ? v : "");
  };
  return core::language_from_environment(value("LC_ALL"), value("LC_MESSAGES"), value("LANG"));
}

UiLanguage::UiLanguage(std::string_view language, bool explicitly_asked, std::ostream& err)
    : previous_(g_current), current_(std::make_unique<detail::UiTranslations>()) {
  std::string primary = core::primary_language(language);
  if (primary.empty()) primary = "en";
  g_current = current_.get();
  if (primary == "en") return;
  for (const fs::path& dir : locale_dirs()) {
    const fs::path file = dir / primary / "LC_MESSAGES" / "somepost.mo";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) continue;
    // Read as a regular file only, without blocking and within the bound: a file that
    // changed into a FIFO or a link to /dev/zero since the check above is a warning too.
    std::string bytes;
    try {
      bytes = read_regular_file(file.string(), kMaxMoBytes);
    } catch (const CliError& e) {
      warn(err, std::string(e.what()) + "; cannot read the translations; using English");
      return;
    }
    core::MoParseResult parsed = core::parse_mo(bytes);
    if (!parsed.catalog) {
      warn(err, file.string() + ": corrupt translation file (" + parsed.error + "); using English");
      return;
    }
    // Said every time: a file with such entries has been damaged or tampered with
    // (msgfmt --check and po_up_to_date keep them out of the files somepost ships).
    if (const std::size_t rejected = parsed.catalog->rejected().size(); rejected > 0) {
      warn(err, file.string() + ": ignored " + std::to_string(rejected) +
                    (rejected == 1 ? " translation" : " translations") +
                    " with other {} placeholders than the English or with control characters; English is used instead");
    }
    current_->language = primary;
    current_->catalog = std::move(parsed.catalog);
    return;
  }
  if (explicitly_asked && is_shipped(primary)) {
    warn(err, "the " + english_name(primary) + " translations (" + primary +
                  "/LC_MESSAGES/somepost.mo) were not found beside the program; using English");
  }
}

UiLanguage::~UiLanguage() { g_current = previous_; }

}  // namespace somepost::cli
