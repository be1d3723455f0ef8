#include "cli/compose_support.hpp"

#include <fmt/format.h>

#include "cli/error.hpp"
#include "core/json_problems.hpp"
#include "cli/i18n.hpp"
#include "core/report.hpp"
#include "unicode/case.hpp"

namespace somepost::cli {

std::string_view template_of(const core::Catalogue& catalogue) {
  return catalogue.campaign.post_template.empty() ? core::kDefaultTemplate
                                                  : std::string_view(catalogue.campaign.post_template);
}

std::string language_of(const std::string& flag, const core::Catalogue& catalogue) {
  return flag.empty() ? catalogue.campaign.default_language : flag;
}

std::string unknown_message(const core::Catalogue& catalogue, std::string_view wanted) {
  return trf("unknown message \"{}\"; the catalogue has messages 1-{} (see 'somepost list')", core::json_problems::excerpt(wanted),
             catalogue.messages.size());
}

const core::Message& require_message(const core::Catalogue& catalogue, const std::string& wanted) {
  if (const core::Message* m = core::find_message(catalogue, wanted)) return *m;
  throw CliError(unknown_message(catalogue, wanted));
}

std::optional<core::ChosenTag> resolve_tag(const core::Catalogue& catalogue, const core::HashtagIndex& index,
                                           std::string typed, std::string& error) {
  if (typed.rfind("#", 0) != 0 && typed.rfind("\xEF\xBC\x83", 0) != 0) {
    std::string with_hash = "#";  // appended, not insert(0, "#"): GCC 12 -O2 warns falsely (-Wrestrict)
    with_hash += typed;
    typed = std::move(with_hash);
  }
  const core::Hashtag* entry = index.find(typed);
  if (!entry) {
    const std::string hint = core::join(core::closest_hashtags(catalogue, typed), ", ");
    error = hint.empty() ? trf("unknown hashtag \"{}\"", core::json_problems::excerpt(typed))
                         : trf("unknown hashtag \"{}\"; did you mean {}?", core::json_problems::excerpt(typed), hint);
    return std::nullopt;
  }
  std::string spelling = entry->tag;
  for (const auto& alt : entry->alternatives) {
    if (unicode::equal_ignoring_case(alt, typed)) spelling = alt;
  }
  return core::ChosenTag{spelling, entry->priority, entry};
}

core::ChosenTag choose_tag(const core::Catalogue& catalogue, const core::HashtagIndex& index,
                           const std::string& typed) {
  std::string error;
  if (auto tag = resolve_tag(catalogue, index, typed, error)) return std::move(*tag);
  throw CliError(error);
}

std::vector<core::ChosenTag> default_tags(const core::Catalogue& catalogue, const core::HashtagIndex& index,
                                          const core::Message& message) {
  std::vector<core::ChosenTag> tags;
  for (const auto& t : message.hashtags) tags.push_back(choose_tag(catalogue, index, t));
  return tags;
}

namespace {

// The texts a platform's body is picked from: the message's variant for it, else its text.
const core::LocalizedText& texts_for(const core::Message& message, const core::Profile& profile) {
  const auto variant = message.variants.find(profile.id);
  return variant != message.variants.end() ? variant->second : message.text;
}

}  // namespace

std::string_view message_body(const core::Catalogue& catalogue, const core::Message& message,
                              const core::Profile& profile, std::string_view lang) {
  return core::pick_language(texts_for(message, profile), lang, catalogue.campaign.default_language);
}

std::string_view message_language(const core::Catalogue& catalogue, const core::Message& message,
                                  const core::Profile& profile, std::string_view lang) {
  return core::pick_language_key(texts_for(message, profile), lang, catalogue.campaign.default_language);
}

std::optional<core::UtmSpec> parse_utm_flag(const std::string& value) {
  if (value.empty()) return std::nullopt;
  std::string error;
  auto spec = core::parse_utm_spec(value, error);
  if (!spec) throw CliError(fmt::format("--utm {}: {}", value, error));
  return spec;
}

core::LinkScheme link_scheme_of(const std::string& value) noexcept {
  return value == "https" ? core::LinkScheme::https : core::LinkScheme::keep;
}

}  // namespace somepost::cli
