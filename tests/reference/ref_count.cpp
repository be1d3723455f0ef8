// The reference counter's platform rules (reference.hpp): each profile's length, limits,
// overflow offset, caps and warnings, as docs/platforms.md and the sources it cites say,
// written for clarity: one code point (or, for X, one UTF-16 unit) at a time, no fast
// paths. It shares no code with src/core/count.cpp: only the generated emoji tables and
// the plain data types of core/count.hpp and core/platforms.hpp.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "reference.hpp"
#include "unicode/generated/emoji_tables.hpp"

namespace somepost::reference {

namespace tables = somepost::unicode::tables;
using core::CountingUnit;
using core::PlatformCount;
using core::Profile;

namespace {

// ---- Emoji sets --------------------------------------------------------------------------

using EmojiSet = std::set<std::u32string>;

template <std::size_t N>
void insert_all(EmojiSet& set, const std::string_view (&list)[N]) {
  for (const std::string_view utf8 : list) set.insert(decode(utf8));
}

/// X's emoji set (docs/platforms.md §1): RGI Emoji 17.0 ∪ the strings twemoji-parser
/// 11.0.2's regex matches (kTwemojiExtra holds those that are not RGI).
const EmojiSet& x_emoji_set() {
  static const EmojiSet set = [] {
    EmojiSet s;
    insert_all(s, tables::kRgiEmoji);
    insert_all(s, tables::kTwemojiExtra);
    return s;
  }();
  return set;
}

/// Threads' emoji (src/unicode/emoji.hpp, is_emoji_sequence): RGI Emoji 17.0 ∪ the
/// non-fully-qualified multi-code-point forms listed in emoji-test.txt.
const EmojiSet& threads_emoji_set() {
  static const EmojiSet set = [] {
    EmojiSet s;
    insert_all(s, tables::kRgiEmoji);
    insert_all(s, tables::kEmojiVariants);
    return s;
  }();
  return set;
}

/// The number of code points of the longest member of `set`.
std::size_t longest_member(const EmojiSet& set) {
  std::size_t longest = 0;
  for (const std::u32string& s : set) longest = std::max(longest, s.size());
  return longest;
}

// ---- Small text helpers ---------------------------------------------------------------

/// Number of UTF-8 bytes of `text`.
std::size_t utf8_bytes(const std::u32string& text) { return byte_offset(text, text.size()); }

/// White_Space (PropList.txt, Unicode 17.0): what Ruby's [[:space:]] matches in
/// ActiveSupport's `blank?` (/\A[[:space:]]*\z/).
bool is_white_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

/// Mastodon's `str.blank?`: empty or only white space.
bool is_blank(const std::u32string& text) {
  for (const char32_t cp : text) {
    if (!is_white_space(cp)) return false;
  }
  return true;
}

/// The grapheme cluster boundary at or before code point index `index`: the index k of
/// the cluster that holds it.
std::size_t cluster_index_of(const std::vector<std::size_t>& boundaries, std::size_t index) {
  std::size_t k = 0;
  while (k + 1 < boundaries.size() && boundaries[k + 1] <= index) ++k;
  return k;
}

// ---- X: twitter-text 3.1.0 parseTweet (js/src/parseTweet.js) -----------------------------

/// The text in UTF-16 code units, as JavaScript strings hold it, with the code point
/// index of each unit and the unit index of each code point (and of the end).
struct Utf16Text {
  std::u16string units;
  std::vector<std::size_t> code_point_of_unit;
  std::vector<std::size_t> unit_of_code_point;
};

Utf16Text to_utf16(const std::u32string& text) {
  Utf16Text out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.unit_of_code_point.push_back(out.units.size());
    const char32_t cp = text[i];
    if (cp >= 0x10000) {
      out.units.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.units.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
      out.code_point_of_unit.push_back(i);
      out.code_point_of_unit.push_back(i);
    } else {
      out.units.push_back(static_cast<char16_t>(cp));
      out.code_point_of_unit.push_back(i);
    }
  }
  out.unit_of_code_point.push_back(out.units.size());
  return out;
}

/// parseTweet's isSurrogatePair(text, i): a high surrogate at i followed by a low one.
bool is_surrogate_pair(const std::u16string& units, std::size_t i) {
  if (i + 1 >= units.size()) return false;
  const char16_t c = units[i];
  const char16_t next = units[i + 1];
  return c >= 0xD800 && c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF;
}

/// getCharacterWeight (lib/getCharacterWeight.js) with config v3.json's ranges, divided by
/// the scale 100: charCodeAt(0) of one UTF-16 unit in 0-4351, 8192-8205, 8208-8223 or
/// 8242-8247 weighs 1; anything else (a low surrogate too) the defaultWeight 2.
std::size_t unit_weight(char16_t unit) {
  const unsigned u = unit;
  if (u <= 4351) return 1;
  if (u >= 8192 && u <= 8205) return 1;
  if (u >= 8208 && u <= 8223) return 1;
  if (u >= 8242 && u <= 8247) return 1;
  return 2;
}

/// U+FFFE, U+FEFF, U+FFFF: twitter-text's invalidCharsGroup.
bool has_x_invalid_char(const std::u32string& text) {
  for (const char32_t cp : text) {
    if (cp == 0xFFFE || cp == 0xFEFF || cp == 0xFFFF) return true;
  }
  return false;
}

struct XResult {
  std::size_t length = 0;
  /// Code point index (in the counted text) of the first code point of the first step
  /// after which the weight exceeds the limit.
  std::optional<std::size_t> over;
};

/// parseTweet's loop over `t` (the NFC text when profile.nfc), in weights divided by the
/// scale 100: a URL adds transformedURLLength (profile.url_length) and skips its url
/// string's UTF-16 length; an emoji adds defaultWeight 2 and skips its length; any other
/// unit adds getCharacterWeight of the unit it ends on (a surrogate pair is skipped to
/// its low half first).
XResult x_walk(const std::u32string& t, const Profile& profile) {
  const Utf16Text u = to_utf16(t);

  // urlEntitiesMap: extractUrlsWithIndices, keyed by the entity's UTF-16 start; the value
  // is url.length, what the loop skips.
  std::map<std::size_t, std::size_t> url_skip;
  if (profile.url_rule) {
    for (const Url& url : urls(t, *profile.url_rule)) {
      const std::size_t begin = u.unit_of_code_point[url.begin];
      std::size_t skip = url.skip_utf16;
      if (skip == 0) skip = u.unit_of_code_point[url.end] - begin;  // not set: the whole entity
      url_skip[begin] = skip;
    }
  }

  // emojiEntitiesMap: twemoji-parser's parse, a global regex scan from the left: at each
  // position the longest member of X's emoji set, then on after it; else one code point on.
  std::map<std::size_t, std::size_t> emoji_length;
  for (std::size_t pos = 0; pos < t.size();) {
    const std::size_t length = x_emoji_at(t, pos);
    if (length == 0) {
      ++pos;
      continue;
    }
    emoji_length[u.unit_of_code_point[pos]] = u.unit_of_code_point[pos + length] - u.unit_of_code_point[pos];
    pos += length;
  }

  XResult result;
  for (std::size_t char_index = 0; char_index < u.units.size(); ++char_index) {
    const std::size_t step = char_index;
    if (url_skip.count(char_index) != 0) {
      result.length += profile.url_length;
      char_index += url_skip[char_index] - 1;
    } else if (emoji_length.count(char_index) != 0) {
      result.length += 2;
      char_index += emoji_length[char_index] - 1;
    } else {
      if (is_surrogate_pair(u.units, char_index)) char_index += 1;
      result.length += unit_weight(u.units[char_index]);
    }
    if (!result.over && result.length > profile.limit) result.over = u.code_point_of_unit[step];
  }
  return result;
}

/// X's length; sets overflow_at (bytes of the original text) when over the limit: the
/// cluster of `t` that holds the first code point of the step that passed the limit, found
/// again by its index among the original text's clusters.
std::size_t x_length(const std::u32string& text, const Profile& profile, std::optional<std::size_t>& overflow_at) {
  const std::u32string t = profile.nfc ? nfc(text) : text;
  const XResult walk = x_walk(t, profile);
  if (walk.over) {
    const std::size_t k = cluster_index_of(grapheme_boundaries(t), *walk.over);
    const std::vector<std::size_t> original = grapheme_boundaries(text);
    overflow_at = k < original.size() ? byte_offset(text, original[k]) : utf8_bytes(text);
  }
  return walk.length;
}

// ---- Mastodon's StatusLengthValidator (docs/platforms.md §2) -----------------------------

/// Where a code point of the countable text came from.
enum class Origin { content_warning, text, replacement };

/// The string Mastodon counts, [spoiler_text, countable_text(text)].join, one code point
/// at a time with its origin: for `text`, its index in the text; for `replacement`, the
/// index in the text where the replaced entity begins.
struct Countable {
  std::u32string chars;
  std::vector<Origin> origin;
  std::vector<std::size_t> text_index;

  void push(char32_t cp, Origin o, std::size_t index) {
    chars.push_back(cp);
    origin.push_back(o);
    text_index.push_back(index);
  }
};

/// An entity of countable_text: a URL (counts url_length 'x's) or a mention.
struct Entity {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool is_url = false;
  std::size_t username_end = 0;  // mentions
  bool has_domain = false;       // mentions
};

/// twitter-text's remove_overlapping_entities: sort by start, then drop each entity that
/// starts before the previous kept one ends.
std::vector<Entity> remove_overlapping_entities(std::vector<Entity> entities) {
  std::stable_sort(entities.begin(), entities.end(),
                   [](const Entity& a, const Entity& b) { return a.begin < b.begin; });
  std::vector<Entity> kept;
  for (const Entity& e : entities) {
    if (!kept.empty() && kept.back().end > e.begin) continue;
    kept.push_back(e);
  }
  return kept;
}

/// What replaces `e` in countable_text, or nothing when it stays as typed: a URL becomes
/// URL_PLACEHOLDER ('x' * url_length); a mention with a domain "@#{username}".
std::optional<std::u32string> replacement_of(const Entity& e, const std::u32string& text, const Profile& profile) {
  if (e.is_url) return std::u32string(profile.url_length, U'x');
  if (!e.has_domain) return std::nullopt;
  return U"@" + text.substr(e.begin + 1, e.username_end - (e.begin + 1));
}

Countable countable_text(const std::u32string& text, const std::u32string& content_warning, const Profile& profile) {
  Countable out;
  for (const char32_t cp : content_warning) out.push(cp, Origin::content_warning, 0);
  // countable_text: '' when str.blank? (profile.blank_counts_zero).
  if (profile.blank_counts_zero && is_blank(text)) return out;
  std::vector<Entity> entities;
  if (profile.url_rule) {
    for (const Url& url : urls(text, *profile.url_rule)) entities.push_back({url.begin, url.end, true, 0, false});
  }
  if (profile.mention_local_part) {
    for (const Mention& m : mastodon_mentions(text)) {
      entities.push_back({m.begin, m.end, false, m.username_end, m.has_domain});
    }
  }
  entities = remove_overlapping_entities(entities);
  std::size_t i = 0;
  for (const Entity& e : entities) {
    const std::optional<std::u32string> with = replacement_of(e, text, profile);
    if (!with) continue;
    for (; i < e.begin; ++i) out.push(text[i], Origin::text, i);
    for (const char32_t cp : *with) out.push(cp, Origin::replacement, e.begin);
    i = e.end;
  }
  for (; i < text.size(); ++i) out.push(text[i], Origin::text, i);
  return out;
}

/// The length of a graphemes profile that has a Mastodon rule; overflow_at when over: the
/// first cluster of the countable text after which the count exceeds the limit, mapped
/// back to the text (inside the CW: 0; inside a replacement: the entity's start).
std::size_t countable_length(const std::u32string& text, const std::u32string& content_warning,
                             const Profile& profile, std::optional<std::size_t>& overflow_at) {
  const Countable c = countable_text(text, content_warning, profile);
  const std::vector<std::size_t> boundaries = grapheme_boundaries(c.chars);
  const std::size_t length = boundaries.size() - 1;
  if (length > profile.limit) {
    const std::size_t start = boundaries[profile.limit];  // cluster number limit (0-based)
    switch (c.origin[start]) {
      case Origin::content_warning:
        overflow_at = 0;
        break;
      case Origin::replacement:
      case Origin::text:
        overflow_at = byte_offset(text, c.text_index[start]);
        break;
    }
  }
  return length;
}

/// The grapheme clusters of the text, for profiles with none of Mastodon's rules;
/// overflow_at is the start of cluster number `limit` (0-based).
std::size_t plain_grapheme_length(const std::u32string& text, const Profile& profile,
                                  std::optional<std::size_t>& overflow_at) {
  const std::vector<std::size_t> boundaries = grapheme_boundaries(text);
  const std::size_t length = boundaries.size() - 1;
  if (length > profile.limit) overflow_at = byte_offset(text, boundaries[profile.limit]);
  return length;
}

// ---- Threads (docs/platforms.md §4) ------------------------------------------------------

/// "Emojis are counted as the number of UTF-8 bytes": each cluster counts 1, an emoji
/// cluster its UTF-8 bytes. overflow_at: the start of the first cluster after which the
/// length exceeds the limit.
std::size_t emoji_bytes_length(const std::u32string& text, const Profile& profile,
                               std::optional<std::size_t>& overflow_at) {
  const std::vector<std::size_t> boundaries = grapheme_boundaries(text);
  std::size_t length = 0;
  for (std::size_t k = 0; k + 1 < boundaries.size(); ++k) {
    const std::u32string cluster = text.substr(boundaries[k], boundaries[k + 1] - boundaries[k]);
    length += threads_emoji_set().count(cluster) != 0 ? utf8_bytes(cluster) : 1;
    if (!overflow_at && length > profile.limit) overflow_at = byte_offset(text, boundaries[k]);
  }
  return length;
}

// ---- Byte limit (Bluesky, docs/platforms.md §3) ------------------------------------------

/// The start (bytes of the text) of the first cluster whose last byte is past the byte
/// limit, the bytes of a counted content warning coming first.
std::size_t byte_limit_overflow(const std::u32string& text, std::size_t content_warning_bytes,
                                std::size_t byte_limit) {
  const std::vector<std::size_t> boundaries = grapheme_boundaries(text);
  for (std::size_t k = 0; k + 1 < boundaries.size(); ++k) {
    if (content_warning_bytes + byte_offset(text, boundaries[k + 1]) > byte_limit) {
      return byte_offset(text, boundaries[k]);
    }
  }
  return utf8_bytes(text);
}

// ---- Caps ---------------------------------------------------------------------------------

/// Unique URLs found by twitter-text's recognizer (docs/platforms.md, "Links").
std::size_t unique_links(const std::u32string& text) {
  std::set<std::u32string> seen;
  for (const Url& url : urls(text, core::UrlRule::twitter)) seen.insert(text.substr(url.begin, url.end - url.begin));
  return seen.size();
}

PlatformCount count_one(const std::u32string& text, const Profile& profile, const core::CountOptions& options) {
  PlatformCount out;
  out.profile = &profile;
  out.limit = profile.limit;
  out.byte_limit = profile.byte_limit;
  const std::u32string cw = profile.counts_content_warning ? decode(options.content_warning) : std::u32string();
  out.bytes = utf8_bytes(text) + utf8_bytes(cw);

  switch (profile.unit) {
    case CountingUnit::x_weighted:
      out.length = x_length(text, profile, out.overflow_at);
      break;
    case CountingUnit::graphemes:
      if (profile.url_rule || profile.mention_local_part || profile.blank_counts_zero || !cw.empty()) {
        out.length = countable_length(text, cw, profile, out.overflow_at);
      } else {
        out.length = plain_grapheme_length(text, profile, out.overflow_at);
      }
      break;
    case CountingUnit::emoji_bytes:
      out.length = emoji_bytes_length(text, profile, out.overflow_at);
      break;
  }
  out.remaining = static_cast<std::ptrdiff_t>(profile.limit) - static_cast<std::ptrdiff_t>(out.length);
  out.fits = out.length <= profile.limit;

  // The checks and their English sentences in count.cpp's order (Counter::count_one).
  if (profile.byte_limit && out.bytes > *profile.byte_limit) {
    out.fits = false;
    const std::size_t at = byte_limit_overflow(text, utf8_bytes(cw), *profile.byte_limit);
    if (!out.overflow_at || at < *out.overflow_at) out.overflow_at = at;
    out.warnings.push_back(std::to_string(out.bytes) + " bytes of UTF-8; " + profile.name + " allows at most " +
                           std::to_string(*profile.byte_limit));
  }
  if (profile.unit == CountingUnit::x_weighted && has_x_invalid_char(text)) {
    out.fits = false;
    out.warnings.push_back("contains U+FFFE, U+FEFF or U+FFFF, which " + profile.name + " rejects");
  }
  out.hashtags = hashtags(text, profile.hashtag_rule).size();
  out.links = unique_links(text);
  if (profile.max_hashtags && out.hashtags > profile.max_hashtags->max) {
    if (profile.max_hashtags->severity == core::Severity::error) out.fits = false;
    out.warnings.push_back(std::to_string(out.hashtags) + " hashtags; " + profile.name + " allows at most " +
                           std::to_string(profile.max_hashtags->max));
  }
  if (profile.max_links && out.links > profile.max_links->max) {
    if (profile.max_links->severity == core::Severity::error) out.fits = false;
    out.warnings.push_back(std::to_string(out.links) + " links; " + profile.name + " allows at most " +
                           std::to_string(profile.max_links->max));
  }
  for (const core::ProfileWarning& w : profile.warnings) {
    const bool applies = w.when == core::WarningWhen::always ||
                         (w.when == core::WarningWhen::has_links && out.links > 0) ||
                         (w.when == core::WarningWhen::has_hashtags && out.hashtags > 0);
    if (applies) out.warnings.push_back(w.message);
  }
  return out;
}

}  // namespace

std::size_t x_emoji_at(const std::u32string& text, std::size_t pos) {
  static const std::size_t longest = longest_member(x_emoji_set());
  const EmojiSet& set = x_emoji_set();
  std::size_t best = 0;
  for (std::size_t length = 1; length <= longest && pos + length <= text.size(); ++length) {
    // The first member not less than key is key itself, or else the first member that
    // begins with key; when there is neither, no longer key can be a member.
    const std::u32string key = text.substr(pos, length);
    const auto it = set.lower_bound(key);
    if (it == set.end() || !it->starts_with(key)) break;
    if (*it == key) best = length;
  }
  return best;
}

core::CountResult count(std::string_view text, const std::vector<const core::Profile*>& profiles,
                        const core::CountOptions& options) {
  const std::u32string decoded = decode(text);
  core::CountResult result;
  result.stats.bytes = text.size();
  result.stats.code_points = decoded.size();
  result.stats.graphemes = grapheme_boundaries(decoded).size() - 1;
  for (const Profile* profile : profiles) result.platforms.push_back(count_one(decoded, *profile, options));
  return result;
}

}  // namespace somepost::reference
