#include "core/language.hpp"

namespace somepost::core {

bool is_language_tag(std::string_view tag) noexcept {
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  std::size_t i = 0;
  while (i < tag.size() && lower(tag[i])) ++i;
  if (i < 2 || i > 3) return false;  // the primary language subtag
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    const std::size_t start = ++i;
    while (i < tag.size() && alnum(tag[i])) ++i;
    if (i == start || i - start > 8) return false;  // a subtag of 1-8 letters or digits
  }
  return true;
}
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The leading 2-3 letters of `text` if `stops` (or the end) follows them, lowercased.
std::string leading_language(std::string_view text, std::string_view stops) {
  std::size_t n = 0;
  while (n < text.size() && is_ascii_letter(text[n])) ++n;
  if (n < 2 || n > 3) return {};
  if (n < text.size() && stops.find(text[n]) == std::string_view::npos) return {};
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(ascii_lower(text[i]));
  return out;
}

}  // namespace

std::string primary_language(std::string_view tag) { return leading_language(tag, "-_"); }

std::string language_of_locale(std::string_view locale) {
  if (locale.empty()) return {};
  std::string language = leading_language(locale, "_.@");
  // "C", "POSIX", "C.UTF-8" and anything unrecognizable: the C locale, which is English.
  return language.empty() ? "en" : language;
}

std::string language_from_environment(std::string_view lc_all, std::string_view lc_messages,
                                      std::string_view lang) {
  for (const std::string_view value : {lc_all, lc_messages, lang}) {
    if (!value.empty()) return language_of_locale(value);
  }
  return "en";
}

std::string choose_ui_language(std::string_view flag, std::string_view environment_language) {
  if (std::string language = primary_language(flag); !language.empty()) return language;
  return environment_language.empty() ? "en" : std::string(environment_language);
}

}  // namespace somepost::core
