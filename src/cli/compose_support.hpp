// What `compose`, `batch` and `interactive` share: finding the message and the hashtags a
// user names, the body a platform gets, the post's layout, and the --utm and
// --link-scheme flags.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/platforms.hpp"
#include "core/utm.hpp"

namespace somepost::cli {

/// The catalogue's post template, or core::kDefaultTemplate when it sets none.
[[nodiscard]] std::string_view template_of(const core::Catalogue& catalogue);

/// The language for catalogue text: `flag` (--lang) when given, else the catalogue's
/// default language.
[[nodiscard]] std::string language_of(const std::string& flag, const core::Catalogue& catalogue);

/// The error for a message the catalogue lacks (localised): `unknown message "7"; the
/// catalogue has messages 1-6 (see 'somepost list')`.
[[nodiscard]] std::string unknown_message(const core::Catalogue& catalogue, std::string_view wanted);

/// The message with this number or id. Throws CliError(unknown_message) when there is none.
[[nodiscard]] const core::Message& require_message(const core::Catalogue& catalogue, const std::string& wanted);

/// The catalogue hashtag a user typed (with or without '#', any case), spelled as the
/// catalogue spells it (the tag, or the alternative typed), looked up in `index` (built
/// from `catalogue`). Returns nothing and sets `error` (localised: `unknown hashtag "#x";
/// did you mean #y?`) when the catalogue lacks it.
[[nodiscard]] std::optional<core::ChosenTag> resolve_tag(const core::Catalogue& catalogue,
                                                         const core::HashtagIndex& index, std::string typed,
                                                         std::string& error);

/// resolve_tag, throwing CliError with its error.
[[nodiscard]] core::ChosenTag choose_tag(const core::Catalogue& catalogue, const core::HashtagIndex& index,
                                         const std::string& typed);

/// The message's default hashtags as chosen tags, in the message's order; O(tags) with
/// `index` (built from `catalogue`).
[[nodiscard]] std::vector<core::ChosenTag> default_tags(const core::Catalogue& catalogue,
                                                        const core::HashtagIndex& index,
                                                        const core::Message& message);

/// The body `profile` gets: the message's variant for the platform when it has one, else
/// its text, in `lang` (else the catalogue's default language, else the first).
[[nodiscard]] std::string_view message_body(const core::Catalogue& catalogue, const core::Message& message,
                                            const core::Profile& profile, std::string_view lang);

/// The language of the body message_body gives for the same arguments: `lang`, or the
/// language it fell back to when the message (or its variant for `profile`) has no text
/// in `lang`.
[[nodiscard]] std::string_view message_language(const core::Catalogue& catalogue, const core::Message& message,
                                                const core::Profile& profile, std::string_view lang);

/// Parses --utm (empty: no tagging). Throws CliError "--utm VALUE: REASON".
[[nodiscard]] std::optional<core::UtmSpec> parse_utm_flag(const std::string& value);

/// --link-scheme: "auto" (keep) or "https". Other values are refused by CLI11 before.
[[nodiscard]] core::LinkScheme link_scheme_of(const std::string& value) noexcept;

}  // namespace somepost::cli
