// UTM tagging of the campaign link: utm_source=<platform>&utm_medium=...&utm_campaign=...
// merged into the link's query, per platform, before the post is counted. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/platforms.hpp"

namespace somepost::core {

/// What `--utm campaign=NAME[,medium=M][,content=C][,term=T]` asks for. utm_source is
/// always the platform id.
struct UtmSpec {
  std::string campaign;           ///< required, non-empty
  std::string medium = "social";
  std::string content;            ///< optional; left out when empty
  std::string term;               ///< optional; left out when empty
};

/// Parses a --utm value: comma-separated KEY=VALUE pairs, keys campaign (required),
/// medium, content, term, each at most once; values are taken as written (percent-encoded
/// only when the link is built). Returns the spec, or sets `error` to one English
/// sentence (e.g. "unknown key \"sorce\"; known: campaign, medium, content, term") and
/// returns nothing.
[[nodiscard]] std::optional<UtmSpec> parse_utm_spec(std::string_view text, std::string& error);

/// Whether a link needs its scheme written out.
enum class LinkScheme {
  keep,   ///< as written; a bare link gains https:// only where a bare one would not link
  https,  ///< --link-scheme https: a bare link always gains https://
};

/// True when `profile` turns a bare domain ("mieli.fi/x") into a link: every platform
/// whose URL recognizer does not require a scheme. Mastodon's does (docs/platforms.md),
/// so there a bare link is plain text.
[[nodiscard]] bool links_bare_domains(const Profile& profile) noexcept;

/// True when `link` starts with a URI scheme ("https://", "http://", "gemini://", ...).
[[nodiscard]] bool has_scheme(std::string_view link) noexcept;

/// `link` with each of `params` (name, value) added to its query, in order, unless the
/// query already has a parameter of that name (compared exactly, names as written), which
/// is never overwritten. Values are percent-encoded (RFC 3986: every byte but
/// A-Z a-z 0-9 - . _ ~); names are written as given. A fragment ("#top") stays at the
/// end, after the query. A link ending in "?" or "&" gets no extra separator. Never
/// fails; an empty link stays empty.
[[nodiscard]] std::string merge_query(std::string_view link,
                                      const std::vector<std::pair<std::string, std::string>>& params);

/// The campaign link as posted on `profile`: `https://` prepended to a bare link when
/// `scheme` is https, or when the link is tagged (`utm` set) and the platform does not
/// link bare domains (a tagged link that is not clickable measures nothing); then, when
/// `utm` is set, utm_source=<profile id>, utm_medium, utm_campaign (and utm_content,
/// utm_term when set) merged by merge_query. An empty link stays empty.
[[nodiscard]] std::string link_for_platform(std::string_view link, const Profile& profile,
                                            const std::optional<UtmSpec>& utm, LinkScheme scheme);

}  // namespace somepost::core
