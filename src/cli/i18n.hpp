// The UI language: somepost's own messages in Finnish, Swedish or English. Translations
// are gettext .po files (po/), compiled to .mo at build time and read with our own parser
// (core/mo_catalog), because glibc's gettext() needs the locale installed on the machine
// and most machines (CI among them) have only C and POSIX. docs/i18n.md tells how .mo
// files are found and how to add a language.
//
// Mark a message for translation with tr("English text") or trf("... {} ...", args):
// tools/update_po.py finds them with xgettext, and the test po_up_to_date checks that the
// .po files translate every one.
#pragma once

#include <fmt/format.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace somepost::cli {

namespace detail {
struct UiTranslations;  // a language and its parsed .mo catalogue (i18n.cpp)
}  // namespace detail

/// The translation of `msgid` (an English text) in the UI language in force, or `msgid`
/// itself when there is none. The view stays valid while the UiLanguage that installed
/// the translations lives.
[[nodiscard]] std::string_view tr(std::string_view msgid);

/// The UI language in force: "en" unless a UiLanguage installed another one.
[[nodiscard]] const std::string& ui_language();

/// `msgid`'s translation formatted with fmt and `args`. A translation whose placeholders
/// do not fit `args` (a translator's mistake that msgfmt --check would normally catch)
/// falls back to the English text, so a bad .po file cannot make somepost fail.
template <typename... Args>
[[nodiscard]] std::string trf(std::string_view msgid, const Args&... args) {
  try {
    return fmt::vformat(tr(msgid), fmt::make_format_args(args...));
  } catch (const fmt::format_error&) {
    return fmt::vformat(msgid, fmt::make_format_args(args...));
  }
}

/// The language of the environment: LC_ALL, else LC_MESSAGES, else LANG ("fi" for
/// fi_FI.UTF-8), "en" when none is set. Reads the process environment.
[[nodiscard]] std::string environment_language();

/// Installs the UI translations for `language` (a language tag; its primary subtag
/// chooses the file) for as long as it lives, then restores the previous ones. It reads
/// `somepost.mo` from the first of: $SOMEPOST_LOCALEDIR/LANG/LC_MESSAGES/, then, beside
/// the executable (/proc/self/exe), DIR/locale/LANG/LC_MESSAGES/ (the build tree) and
/// DIR/../share/locale/LANG/LC_MESSAGES/ (installed). English needs no file. A file that
/// cannot be read or parsed is reported on `err` as one line "somepost: warning: ..." and
/// the UI stays in English; so is a missing file when `explicitly_asked` (--lang) and
/// the language is one somepost ships. Translations that core::parse_mo rejects as
/// unsafe (other fmt fields than the English, control characters) are left out, with
/// one warning line, and those messages stay English. Never throws except std::bad_alloc.
class UiLanguage {
 public:
  UiLanguage(std::string_view language, bool explicitly_asked, std::ostream& err);
  ~UiLanguage();
  UiLanguage(const UiLanguage&) = delete;
  UiLanguage& operator=(const UiLanguage&) = delete;

 private:
  detail::UiTranslations* previous_;
  std::unique_ptr<detail::UiTranslations> current_;
};

}  // namespace somepost::cli
