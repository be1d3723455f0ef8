#include "cli/compose_support.hpp"

#include "cli/error.hpp"
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

const core::Message& require_message(const core::Catalogue& catalogue, const std::string& wanted) {
  if (const core::Message* m = core::find_message(catalogue, wanted)) return *m;
  throw CliError(trf("unknown message \"{}\"; the catalogue has messages 1-{} (see 'somepost list')", wanted,
                     catalogue.messages.size()));
}

core::ChosenTag choose_tag(const core::Catalogue& catalogue, std::string typed) {
  if (typed.rfind("#", 0) != 0 && typed.rfind("\xEF\xBC\x83", 0) != 0) {
    std::string with_hash = "#";  // appended, not insert(0, "#"): GCC 12 -O2 warns falsely (-Wrestrict)
    with_hash += typed;
    typed = std::move(with_hash);
  }
  const core::Hashtag* entry = core::find_hashtag(catalogue, typed);
  if (!entry) {
    const auto near = core::closest_hashtags(catalogue, typed);
    std::string hint;
    for (const auto& n : near) {
      if (!hint.empty()) hint += ", ";
      hint += n;
    }
    throw CliError(hint.empty() ? trf("unknown hashtag \"{}\"", typed)
                                : trf("unknown hashtag \"{}\"; did you mean {}?", typed, hint));
  }
  std::string spelling = entry->tag;
  for (const auto& alt : entry->alternatives) {
    if (unicode::equal_ignoring_case(alt, typed)) spelling = alt;
  }
  return {spelling, entry->priority, entry};
}

std::vector<core::ChosenTag> default_tags(const core::Catalogue& catalogue, const core::Message& message) {
  std::vector<core::ChosenTag> tags;
  for (const auto& t : message.hashtags) tags.push_back(choose_tag(catalogue, t));
  return tags;
}

std::vector<std::string> tag_texts(const std::vector<core::ChosenTag>& tags) {
  std::vector<std::string> out;
  for (const auto& t : tags) out.push_back(t.tag);
  return out;
}

void append_tag_array(std::string& out, const std::vector<std::string>& tags) {
  out.push_back('[');
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i) out.push_back(',');
    core::append_json_string(out, tags[i]);
  }
  out.push_back(']');
}

void append_compose_json(std::string& out, std::string_view post, const core::Message* message,
                         const std::vector<core::ChosenTag>& tags, const std::vector<core::ChosenTag>& skipped,
                         const core::CountResult& count) {
  out += "{\"text\":";
  core::append_json_string(out, post);
  out += ",\"message\":";
  if (message) {
    core::append_json_string(out, message->id);
  } else {
    out += "null";
  }
  out += ",\"hashtags\":";
  append_tag_array(out, tag_texts(tags));
  out += ",\"skipped_hashtags\":";
  append_tag_array(out, tag_texts(skipped));
  out += ",\"count\":";
  core::append_count_json(out, count);
  out += '}';
}

}  // namespace somepost::cli
