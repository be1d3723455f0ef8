// Which language somepost's own messages (the UI) are in: from --lang, else the POSIX
// locale variables, else English. Pure: the caller reads the environment and passes the
// values in.
#pragma once

#include <string>
#include <string_view>

namespace somepost::core {

/// True for a language tag as somepost accepts one everywhere (catalogue keys and
/// default_language, a plan's lang column, --lang for Mastodon and Bluesky exports): the
/// common BCP 47 (RFC 5646) shape of a lowercase primary language subtag of 2-3 ASCII
/// letters, then any number of "-" + 1-8 ASCII letters or digits: "fi", "sv", "smn",
/// "en-GB", "zh-Hant-TW", "es-419". Not checked against the IANA registry; the 4-8
/// letter primary subtags BCP 47 reserves, and "FI" (BCP 47 is caseless, but catalogue
/// keys are compared exactly, so one spelling is kept), are refused. docs/catalogue.md
/// states this rule.
[[nodiscard]] bool is_language_tag(std::string_view tag) noexcept;

/// The primary language subtag of a BCP 47 tag such as "fi", "sv-FI" or "en-GB",
/// lowercased: "fi", "sv", "en". Empty when `tag` does not start with 2 or 3 ASCII
/// letters followed by the end, '-' or '_'.
[[nodiscard]] std::string primary_language(std::string_view tag);

/// The language of a POSIX locale name (the value of LC_ALL, LC_MESSAGES or LANG):
/// the part before '_', '.' and '@', lowercased, e.g. "fi_FI.UTF-8" -> "fi",
/// "sv_FI@euro" -> "sv", "fi" -> "fi". "C", "POSIX", "C.UTF-8" and values that are not a
/// language code give "en" (the C locale speaks English); an empty value gives "".
[[nodiscard]] std::string language_of_locale(std::string_view locale);

/// The UI language from the environment, as POSIX orders the variables: the first of
/// LC_ALL, LC_MESSAGES, LANG that is set and not empty decides (so LC_ALL=C means English
/// even with LANG=fi_FI.UTF-8). Gives "en" when none is set.
[[nodiscard]] std::string language_from_environment(std::string_view lc_all, std::string_view lc_messages,
                                                    std::string_view lang);

/// The UI language: the primary subtag of `flag` (--lang) when it has one, else
/// `environment_language`, else "en".
[[nodiscard]] std::string choose_ui_language(std::string_view flag, std::string_view environment_language);

}  // namespace somepost::core
