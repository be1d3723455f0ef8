// Choosing the UI language: --lang, then LC_ALL, LC_MESSAGES, LANG, then English.
#include <doctest/doctest.h>

#include "core/language.hpp"

using namespace somepost::core;

TEST_CASE("primary_language takes a BCP 47 tag's language subtag") {
  CHECK(primary_language("fi") == "fi");
  CHECK(primary_language("sv-FI") == "sv");
  CHECK(primary_language("EN_gb") == "en");
  CHECK(primary_language("smn") == "smn");
  CHECK(primary_language("") == "");
  CHECK(primary_language("f") == "");
  CHECK(primary_language("finnish") == "");
  CHECK(primary_language("fi.UTF-8") == "");  // a locale name, not a tag
  CHECK(primary_language("1a") == "");
}

TEST_CASE("language_of_locale reads POSIX locale names") {
  CHECK(language_of_locale("fi_FI.UTF-8") == "fi");
  CHECK(language_of_locale("sv_FI@euro") == "sv");
  CHECK(language_of_locale("sv_SE.utf8") == "sv");
  CHECK(language_of_locale("fi") == "fi");
  CHECK(language_of_locale("en_US.UTF-8") == "en");
  CHECK(language_of_locale("C") == "en");
  CHECK(language_of_locale("C.UTF-8") == "en");
  CHECK(language_of_locale("POSIX") == "en");
  CHECK(language_of_locale("") == "");
}

TEST_CASE("language_from_environment: the first set variable of LC_ALL, LC_MESSAGES, LANG decides") {
  CHECK(language_from_environment("", "", "fi_FI.UTF-8") == "fi");
  CHECK(language_from_environment("", "sv_FI.UTF-8", "fi_FI.UTF-8") == "sv");
  CHECK(language_from_environment("fi_FI.UTF-8", "sv_FI.UTF-8", "en_GB.UTF-8") == "fi");
  CHECK(language_from_environment("C", "", "fi_FI.UTF-8") == "en");  // LC_ALL=C wins: English
  CHECK(language_from_environment("", "", "") == "en");
}

TEST_CASE("choose_ui_language: --lang over the environment") {
  CHECK(choose_ui_language("sv", "fi") == "sv");
  CHECK(choose_ui_language("fi-FI", "en") == "fi");
  CHECK(choose_ui_language("", "fi") == "fi");
  CHECK(choose_ui_language("", "") == "en");
  CHECK(choose_ui_language("not a tag", "sv") == "sv");
}

TEST_CASE("is_language_tag: the one rule for catalogue keys, plan rows and --lang") {
  for (const char* tag : {"fi", "sv", "smn", "en-GB", "sv-FI", "zh-Hant-TW", "es-419", "fi-x-a", "sgn-abcdefgh"}) {
    INFO(tag);
    CHECK(is_language_tag(tag));
  }
  for (const char* tag : {"", "f", "FI", "Fi", "finn", "english", "fi_FI", "fi-", "-fi", "fi--FI", "fi-abcdefghi",
                          "fi FI", "fi-FI!", "1fi", "fi.UTF-8", "\xC3\xA4\xC3\xA4"}) {
    INFO(tag);
    CHECK_FALSE(is_language_tag(tag));
  }
}
