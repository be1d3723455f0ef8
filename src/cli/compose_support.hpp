// What `somepost compose` and `somepost interactive` share: finding the message and the
// hashtags a user names, the post's layout and the JSON object of one composed post.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/count.hpp"

namespace somepost::cli {

/// The catalogue's post template, or core::kDefaultTemplate when it sets none.
[[nodiscard]] std::string_view template_of(const core::Catalogue& catalogue);

/// The language for catalogue text: `flag` (--lang) when given, else the catalogue's
/// default language.
[[nodiscard]] std::string language_of(const std::string& flag, const core::Catalogue& catalogue);

/// The message with this number or id. Throws CliError (localised) naming the numbers
/// the catalogue has when there is none.
[[nodiscard]] const core::Message& require_message(const core::Catalogue& catalogue, const std::string& wanted);

/// The catalogue hashtag a user typed (with or without '#', any case), spelled as the
/// catalogue spells it (the tag, or the alternative typed). Throws CliError (localised)
/// suggesting the closest tags when the catalogue has no such tag.
[[nodiscard]] core::ChosenTag choose_tag(const core::Catalogue& catalogue, std::string typed);

/// The message's default hashtags as chosen tags, in the message's order.
[[nodiscard]] std::vector<core::ChosenTag> default_tags(const core::Catalogue& catalogue, const core::Message& message);

/// The tags' texts ("#mieli"), in order.
[[nodiscard]] std::vector<std::string> tag_texts(const std::vector<core::ChosenTag>& tags);

/// Appends `tags` as a JSON array of strings.
void append_tag_array(std::string& out, const std::vector<std::string>& tags);

/// Appends the JSON object of one composed post (no newline), the format of
/// `somepost compose --format json`: {"text", "message" (its id, or null for own
/// words), "hashtags", "skipped_hashtags", "count"}. Never depends on the UI language.
void append_compose_json(std::string& out, std::string_view post, const core::Message* message,
                         const std::vector<core::ChosenTag>& tags, const std::vector<core::ChosenTag>& skipped,
                         const core::CountResult& count);

}  // namespace somepost::cli
