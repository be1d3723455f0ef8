// Platform-ready records of one post (docs/export.md): the JSON of compose, a Bluesky
// app.bsky.feed.post record with facets, a Mastodon POST /api/v1/statuses body and a
// LinkedIn Posts API body with "little text" commentary. Pure serializers: strings in,
// strings out; the CLI decides where the bytes go.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/extract.hpp"

namespace somepost::core {

// ---- compose's JSON -------------------------------------------------------------------

/// Appends `tags` as a JSON array of strings (their catalogue spellings, with '#').
void append_tag_array(std::string& out, const std::vector<ChosenTag>& tags);

/// Appends a JSON array of strings.
void append_string_array(std::string& out, const std::vector<std::string>& items);

/// Appends the JSON of one post for every platform (compose --format json without --fit):
/// {"text","message" (id or null),"hashtags","skipped_hashtags","count"}.
void append_post_json(std::string& out, std::string_view text, const Message* message,
                      const std::vector<ChosenTag>& tags, const std::vector<ChosenTag>& skipped,
                      const CountResult& count);

/// Appends the JSON of one platform's post (compose --format json with --fit, --thread,
/// --utm or per-platform variants): {"platform","text","fits","hashtags",
/// "dropped_hashtags","count"} and, when `post.thread` is set, "parts":[{"text","count"}]
/// and, when a thread could not be made, "problem".
void append_platform_post_json(std::string& out, const PlatformPost& post);

/// With `post.thread`, appends `,"parts":[{"text","count"},...]` and, when no thread
/// could be made, `,"problem":"..."` (members for an object being written); else nothing.
void append_thread_json(std::string& out, const PlatformPost& post);

// ---- Bluesky --------------------------------------------------------------------------

/// One app.bsky.richtext.facet of a post.
struct BlueskyFacet {
  enum class Kind { link, tag };
  Kind kind = Kind::link;
  Span bytes;         ///< UTF-8 byte range [byteStart, byteEnd) of the text it covers
  std::string value;  ///< link: a full URI (https:// + the text for a bare link); tag: without '#'
};

/// The link and hashtag facets of `text`, ordered by byteStart, never overlapping. Links
/// are found by twitter-text's recognizer (bare domains included, as Bluesky's app links
/// them); hashtags by Bluesky's rule (extract.hpp), skipping a tag of more than 64
/// grapheme clusters or 640 bytes (the lexicon's tag limits). Mentions get no facet: a
/// mention facet needs the account's DID, which only the network knows.
[[nodiscard]] std::vector<BlueskyFacet> bluesky_facets(std::string_view text);

/// True when `text` is an AT Protocol datetime (RFC 3339 with a required time zone,
/// uppercase T and Z): YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), with fields in
/// range: a year from 0001, a day that the month has (February 29 in leap years only),
/// hours 00-23, minutes and seconds 00-59 (a leap second :60 is refused, as JavaScript's
/// Date refuses it); "-00:00" is refused as the atproto spec does.
[[nodiscard]] bool is_atproto_datetime(std::string_view text) noexcept;

/// The app.bsky.feed.post lexicon's limits on `text`: they hold whatever a profile says
/// (`--limit bluesky=1000` or a --platforms file may allow more; the network does not).
inline constexpr std::size_t kBlueskyTextMaxGraphemes = 300;  // maxGraphemes
inline constexpr std::size_t kBlueskyTextMaxBytes = 3000;     // maxLength, in UTF-8 bytes

/// Empty when `text` is within the lexicon's limits for an app.bsky.feed.post `text`
/// (kBlueskyTextMaxGraphemes grapheme clusters and kBlueskyTextMaxBytes UTF-8 bytes);
/// else one English sentence naming the first limit exceeded, e.g. "the text is 306
/// grapheme clusters, over the 300 the app.bsky.feed.post lexicon allows".
[[nodiscard]] std::string bluesky_text_problem(std::string_view text);

/// Appends an app.bsky.feed.post record: {"$type":"app.bsky.feed.post","text",
/// "facets" (only when there are any),"langs":[lang] (only when `lang` is non-empty),
/// "createdAt"}. `created_at` must satisfy is_atproto_datetime and `lang`
/// core::is_language_tag (core/language.hpp; the caller checks, they are copied as given).
void append_bluesky_record(std::string& out, std::string_view text, std::string_view lang,
                           std::string_view created_at);

// ---- Mastodon -------------------------------------------------------------------------

/// The parameters of POST /api/v1/statuses that somepost fills in.
struct MastodonStatus {
  std::string_view status;        ///< the post
  std::string_view language;      ///< BCP 47; only its primary subtag is sent (ISO 639)
  std::string_view visibility;    ///< public | unlisted | private | direct
  std::string_view spoiler_text;  ///< the content warning; the key is left out when empty
};

/// Appends the JSON body {"status","visibility","language" (when set),"spoiler_text"
/// (when set)}.
void append_mastodon_status(std::string& out, const MastodonStatus& status);

// ---- LinkedIn -------------------------------------------------------------------------

/// `text` as LinkedIn "little text": each reserved character | { } @ [ ] ( ) < > # \ * _ ~
/// preceded by a backslash, and each hashtag (twitter-text's rule, as LinkedIn's profile
/// counts them) written as the template {hashtag|\#|tag} (the tag escaped the same way;
/// a fullwidth ＃ is kept as the tag's symbol). LinkedIn removes the escapes when it
/// shows the post, so readers see `text` exactly; unescaped, the API silently cuts the
/// commentary at the first reserved character.
[[nodiscard]] std::string linkedin_little_text(std::string_view text);

/// Appends a Posts API (POST /rest/posts) body without "author", which the caller adds:
/// {"commentary" (little text),"visibility":"PUBLIC","distribution":{"feedDistribution":
/// "MAIN_FEED","targetEntities":[],"thirdPartyDistributionChannels":[]},
/// "lifecycleState":"PUBLISHED","isReshareDisabledByAuthor":false}.
void append_linkedin_post(std::string& out, std::string_view text);

}  // namespace somepost::core
