// Platform profiles: how each platform counts a post and what it caps. Profiles are data
// (data/platforms.json, embedded in the binary; users add or replace them with
// --platforms FILE and adjust limits with --limit ID=N). Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract.hpp"

namespace somepost::core {

/// The largest number a profile may give as `limit`, `byte_limit` or a cap's `max`, and
/// `--limit ID=N` as N: ten million. No platform takes a post longer than 63,206
/// characters (Facebook), so this leaves room for any server's own limit, while keeping
/// `remaining` (limit − length, a signed number) and every sum of counts far from
/// wrapping.
inline constexpr std::size_t kMaxLimit = 10'000'000;

/// The largest `url_length` a profile may give: what one URL counts, in the profile's
/// unit. X and Mastodon count 23. Counting may put url_length characters in place of
/// each URL (Mastodon's countable text), and the shortest URL a rule finds takes about
/// 12 bytes ("https://a.fi"), so this bounds that text's time and memory to under 10
/// times the text's own (2^30 took 1 GB and 29 s for one URL).
inline constexpr std::size_t kMaxUrlLength = 100;

/// The unit a platform's main limit is counted in.
enum class CountingUnit {
  x_weighted,      ///< twitter-text v3: code point weights 1/2, RGI emoji 2, URLs fixed
  graphemes,       ///< extended grapheme clusters (UAX #29)
  emoji_bytes,     ///< graphemes, but an emoji grapheme counts its UTF-8 bytes (Threads)
};

/// How bad it is to exceed a cap.
enum class Severity { warning, error };

/// When a profile's fixed warning applies.
enum class WarningWhen { always, has_links, has_hashtags };

struct ProfileWarning {
  WarningWhen when = WarningWhen::always;
  std::string message;  ///< one English sentence, shown as is
};

/// A count cap (hashtags or links per post).
struct Cap {
  std::size_t max = 0;
  Severity severity = Severity::warning;
};

/// Everything somepost knows about counting for one platform.
struct Profile {
  std::string id;    ///< lowercase [a-z0-9-]+, e.g. "x", "mastodon"
  std::string name;  ///< display name, e.g. "Bluesky"
  CountingUnit unit = CountingUnit::graphemes;
  std::size_t limit = 0;                   ///< in `unit`; a post fits when length <= limit
  std::optional<std::size_t> byte_limit;   ///< UTF-8 bytes, also binding (Bluesky 3000)
  bool nfc = false;                        ///< count the NFC form of the text (X)
  std::optional<UrlRule> url_rule;         ///< URLs this recognizer finds count url_length
  std::size_t url_length = 23;             ///< in `unit`
  bool mention_local_part = false;         ///< `@user@domain` counts as `@user` (Mastodon)
  bool blank_counts_zero = false;          ///< whitespace-only text counts 0 (Mastodon's `blank?`)
  bool counts_content_warning = false;     ///< a content warning counts in the same budget (Mastodon)
  HashtagRule hashtag_rule = HashtagRule::x;
  std::optional<Cap> max_hashtags;
  std::optional<Cap> max_links;            ///< unique URLs (UrlRule::twitter recognizer)
  std::vector<ProfileWarning> warnings;
  std::vector<std::string> sources;        ///< URLs of the documents the rules come from
  std::string checked;                     ///< ISO date the sources were last checked
  std::string notes;                       ///< free text for `count --explain`
};

/// One problem found in a profiles document; `where` is a JSON path such as
/// "profiles[2].limit", or "line:column" for a syntax error.
struct ProfileError {
  std::string where;
  std::string message;
};

/// The result of reading a profiles document: the profiles when `errors` is empty.
struct ProfilesResult {
  std::vector<Profile> profiles;
  std::vector<ProfileError> errors;
};

/// Parses and validates a profiles document (the schema of data/platforms.json,
/// docs/platforms.md). Reports every problem at once; never throws on bad input. Numbers
/// past kMaxLimit or kMaxUrlLength are problems ("must be at most N (got M)").
[[nodiscard]] ProfilesResult parse_profiles(std::string_view json_text);

/// The built-in profiles (data/platforms.json as embedded at build time), in file order:
/// x, mastodon, bluesky, threads, instagram, linkedin, facebook.
[[nodiscard]] const std::vector<Profile>& builtin_profiles();

/// Adds each profile of `extra` to `base`, replacing one with the same id in place.
void merge_profiles(std::vector<Profile>& base, const std::vector<Profile>& extra);

/// The profile with `id`, or nullptr.
[[nodiscard]] const Profile* find_profile(const std::vector<Profile>& profiles, std::string_view id) noexcept;

/// Applies one `--limit` argument "ID=N" (N an integer from 1 to kMaxLimit, in the
/// profile's unit) to `profiles`. Returns an error message (naming the known ids for an
/// unknown id; values quoted are cut to 40 code points), or nothing on success.
[[nodiscard]] std::optional<std::string> apply_limit_override(std::vector<Profile>& profiles,
                                                              std::string_view assignment);

/// The known ids, comma-separated in order, for error messages ("x, mastodon, ...").
[[nodiscard]] std::string known_ids(const std::vector<Profile>& profiles);

}  // namespace somepost::core
