#include "core/utm.hpp"

#include <array>

#include "core/json_problems.hpp"

namespace somepost::core {
namespace {

constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// RFC 3986 §2.3 unreserved characters: the only bytes a value keeps as they are.
constexpr bool is_unreserved(char c) noexcept {
  return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void append_percent_encoded(std::string& out, std::string_view value) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  for (const char c : value) {
    if (is_unreserved(c)) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
    }
  }
}

bool query_has(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.substr(0, pair.find('=')) == name) return true;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return false;
}

}  // namespace

std::optional<UtmSpec> parse_utm_spec(std::string_view text, std::string& error) {
  UtmSpec spec;
  std::array<bool, 4> seen{};  // campaign, medium, content, term
  constexpr std::array<std::string_view, 4> kKeys = {"campaign", "medium", "content", "term"};
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view pair = text.substr(0, comma);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      error = "expected KEY=VALUE pairs separated by commas, e.g. campaign=kevat,medium=social; got ";
      error += json_problems::quote(pair);  // escaped and cut: the message stays one short line
      return std::nullopt;
    }
    const std::string_view key = pair.substr(0, eq);
    const std::string_view value = pair.substr(eq + 1);
    std::size_t which = kKeys.size();
    for (std::size_t i = 0; i < kKeys.size(); ++i) {
      if (key == kKeys[i]) which = i;
    }
    if (which == kKeys.size()) {
      error = "unknown key " + json_problems::quote(key) + "; known: campaign, medium, content, term";
      return std::nullopt;
    }
    if (seen[which]) {
      error = "\"";
      error += key;
      error += "\" is given twice";
      return std::nullopt;
    }
    if (value.empty()) {
      error = "\"";
      error += key;
      error += "\" has no value";
      return std::nullopt;
    }
    seen[which] = true;
    std::string* targets[] = {&spec.campaign, &spec.medium, &spec.content, &spec.term};
    targets[which]->assign(value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (!seen[0]) {
    error = "campaign=NAME is required";
    return std::nullopt;
  }
  return spec;
}

bool links_bare_domains(const Profile& profile) noexcept {
  return profile.url_rule != UrlRule::mastodon;
}

bool has_scheme(std::string_view link) noexcept {
  if (link.empty() || !is_alpha(link[0])) return false;
  std::size_t i = 1;
  while (i < link.size() && (is_alpha(link[i]) || is_digit(link[i]) || link[i] == '+' || link[i] == '-' ||
                             link[i] == '.')) {
    ++i;
  }
  return link.substr(i, 3) == "://";
}

std::string merge_query(std::string_view link, const std::vector<std::pair<std::string, std::string>>& params) {
  const std::size_t hash = link.find('#');
  const std::string_view before_fragment = link.substr(0, hash);
  const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : link.substr(hash);
  const std::size_t question = before_fragment.find('?');
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : before_fragment.substr(question + 1);

  std::string out(before_fragment);
  bool need_separator = question != std::string_view::npos && !query.empty() && query.back() != '&';
  bool have_question = question != std::string_view::npos;
  for (const auto& [name, value] : params) {
    if (query_has(query, name)) continue;  // the link's own value wins, always
    if (!have_question) {
      out.push_back('?');
      have_question = true;
    } else if (need_separator) {
      out.push_back('&');
    }
    out += name;
    out.push_back('=');
    append_percent_encoded(out, value);
    need_separator = true;
  }
  out.append(fragment);
  return out;
}

std::string link_for_platform(std::string_view link, const Profile& profile, const std::optional<UtmSpec>& utm,
                              LinkScheme scheme) {
  if (link.empty()) return std::string();
  std::string out;
  const bool add_scheme =
      !has_scheme(link) && (scheme == LinkScheme::https || (utm && !links_bare_domains(profile)));
  if (add_scheme) out = "https://";
  out.append(link);
  if (!utm) return out;
  std::vector<std::pair<std::string, std::string>> params = {
      {"utm_source", profile.id}, {"utm_medium", utm->medium}, {"utm_campaign", utm->campaign}};
  if (!utm->content.empty()) params.emplace_back("utm_content", utm->content);
  if (!utm->term.empty()) params.emplace_back("utm_term", utm->term);
  return merge_query(out, params);
}

}  // namespace somepost::core
