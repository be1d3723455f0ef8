// Per-platform lengths. Each rule cites its source; docs/platforms.md has the details.
#include "core/count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "unicode/emoji.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/normalization.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

// The word-at-a-time paths read bytes in memory order from the low end of a word.
static_assert(std::endian::native == std::endian::little, "SWAR paths assume little-endian");

namespace uc = somepost::unicode;

constexpr std::size_t kXEmojiWeight = 2;  // v3.json defaultWeight 200 / scale 100

[[nodiscard]] inline bool is_ascii(unsigned char b) noexcept { return b < 0x80; }


// White_Space (PropList.txt, Unicode 17.0): what Ruby's [[:space:]] in `blank?` matches.
[[nodiscard]] constexpr bool is_white_space(char32_t cp) noexcept {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Mastodon's `str.blank?` (ActiveSupport: /\A[[:space:]]*\z/).
[[nodiscard]] bool is_blank(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const uc::Decoded d = uc::decode_lenient(p, end);
    if (!is_white_space(d.code_point)) return false;
    p += d.length;
  }
  return true;
}

// Can an emoji sequence start with the code point whose first byte is `b`? (Non-ASCII,
// or a keycap base '#', '*', '0'-'9'.)
[[nodiscard]] inline bool may_start_emoji(unsigned char b) noexcept {
  return !is_ascii(b) || b == '#' || b == '*' || (b >= '0' && b <= '9');
}

// X rejects text holding U+FFFE, U+FEFF or U+FFFF (twitter-text invalidCharsGroup).
// One pass over the lead bytes 0xEF (U+F000..U+FFFF), which emoji's U+FE0F also uses.
[[nodiscard]] bool has_x_invalid_char(std::string_view text) noexcept {
  for (std::size_t i = text.find('\xEF'); i != std::string_view::npos && i + 2 < text.size();
       i = text.find('\xEF', i + 1)) {
    const std::string_view tail = text.substr(i + 1, 2);
    if (tail == "\xBF\xBE" || tail == "\xBB\xBF" || tail == "\xBF\xBF") return true;
  }
  return false;
}

// Is `b` an ASCII character that no grapheme rule joins to an ASCII neighbour? Between
// two such characters there is always a boundary (GB999): Extend, ZWJ, SpacingMark,
// Prepend, Regional_Indicator and Hangul are never ASCII, and CR LF (GB3) is excluded.
[[nodiscard]] inline bool is_plain_ascii(char c) noexcept {
  const auto b = static_cast<unsigned char>(c);
  return b < 0x80 && b != '\r' && b != '\n';
}

}  // namespace

// True when, for every replacement, the bytes on both sides of both edges of its span
// and the first and last bytes of what replaces it are plain ASCII (is_plain_ascii), so
// that each junction is a cluster boundary before and after the substitution.
bool Counter::replacements_at_ascii_edges(std::string_view text,
                                          const std::vector<Replacement>& replacements) noexcept {
  for (const Replacement& r : replacements) {
    if (r.span.begin >= r.span.end || r.with.empty()) return false;
    if (!is_plain_ascii(text[r.span.begin]) || !is_plain_ascii(text[r.span.end - 1])) return false;
    if (!is_plain_ascii(r.with.front()) || !is_plain_ascii(r.with.back())) return false;
    if (r.span.begin > 0 && !is_plain_ascii(text[r.span.begin - 1])) return false;
    if (r.span.end < text.size() && !is_plain_ascii(text[r.span.end])) return false;
  }
  return true;
}

bool CountResult::all_fit() const noexcept {
  return std::all_of(platforms.begin(), platforms.end(), [](const PlatformCount& p) { return p.fits; });
}

namespace {
// Code points of UTF-8 text: its bytes less the continuation bytes.
[[nodiscard]] std::size_t count_code_points(std::string_view text) noexcept {
  std::size_t continuation = 0;
  std::size_t i = 0;
  // Fast path; must equal decoding one code point at a time (tests/reference's decode,
  // compared as stats.code_points by tests/difftest).
  for (; i + 8 <= text.size(); i += 8) {  // 8 bytes at a time: high bit set, next bit clear
    std::uint64_t v;
    std::memcpy(&v, text.data() + i, sizeof v);
    // Each continuation byte leaves a 1 in its byte; the multiply sums them into the top byte.
    const std::uint64_t ones = (v & ~(v << 1) & 0x8080808080808080ULL) >> 7;
    continuation += static_cast<std::size_t>((ones * 0x0101010101010101ULL) >> 56);
  }
  for (; i < text.size(); ++i) continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  return text.size() - continuation;
}
}  // namespace

TextStats text_stats(std::string_view text) noexcept {
  TextStats stats;
  stats.bytes = text.size();
  stats.code_points = count_code_points(text);
  stats.graphemes = uc::count_graphemes(text);
  return stats;
}

namespace {
enum CacheBit : unsigned {
  kTwitterUrls = 1u << 0,
  kMastodonUrls = 1u << 1,
  kMentions = 1u << 2,
  kLinks = 1u << 3,
  kHashtagsX = 1u << 4,  // + the HashtagRule's value
};
}  // namespace

const std::vector<UrlMatch>& Counter::urls_for(UrlRule rule) {
  const bool twitter = rule == UrlRule::twitter;
  const unsigned bit = twitter ? kTwitterUrls : kMastodonUrls;
  std::vector<UrlMatch>& urls = twitter ? twitter_urls_ : mastodon_urls_;
  if (!(cached_ & bit)) {
    extract_urls(text_, rule, urls);
    cached_ |= bit;
  }
  return urls;
}

const std::vector<HashtagMatch>& Counter::hashtags_for(HashtagRule rule) {
  const auto index = static_cast<unsigned>(rule);
  if (!(cached_ & (kHashtagsX << index))) {
    // X drops tags inside URLs; its URLs are extracted for the link count anyway.
    extract_hashtags(text_, rule, hashtags_[index], rule == HashtagRule::x ? &urls_for(UrlRule::twitter) : nullptr);
    cached_ |= kHashtagsX << index;
  }
  return hashtags_[index];
}

const std::vector<MentionMatch>& Counter::mastodon_mentions() {
  if (!(cached_ & kMentions)) {
    extract_mentions(text_, MentionRule::mastodon, mentions_);
    cached_ |= kMentions;
  }
  return mentions_;
}

void Counter::count(std::string_view text, const std::vector<const Profile*>& profiles,
                    const CountOptions& options, CountResult& out) {
  text_ = text;
  cached_ = 0;
  // Count the clusters and, in the same pass, find where the smallest grapheme limit is
  // passed (Bluesky's 300): the overflow offset costs no second walk.
  mark_limit_ = 0;
  for (const Profile* p : profiles) {
    if (p->unit == CountingUnit::graphemes && (mark_limit_ == 0 || p->limit < mark_limit_)) mark_limit_ = p->limit;
  }
  out.stats.bytes = text.size();
  out.stats.code_points = count_code_points(text);
  out.stats.graphemes = mark_limit_ == 0 ? uc::count_graphemes(text)
                                         : uc::count_graphemes_marking(text, mark_limit_, mark_offset_);
  out.platforms.resize(profiles.size());
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    count_one(text, *profiles[i], options, out.stats, out.platforms[i]);
  }
}

// twitter-text v3 parseTweet: NFC, then walk the text: a URL adds transformedURLLength
// and skips its url string's length; an emoji (the longest member of X's emoji set that
// starts here, unicode::x_emoji_length) adds 2; any other code point adds its range
// weight (config/v3.json). The plain form of this walk is tests/reference's count(),
// which the differential test (tests/difftest) holds this one to.
std::size_t Counter::x_weighted_length(std::string_view text, const Profile& profile,
                                       std::optional<std::size_t>& overflow_at) {
  const std::string_view t = profile.nfc ? uc::to_nfc(text, nfc_storage_) : text;
  static const std::vector<UrlMatch> kNone;
  const std::vector<UrlMatch>* urls = &kNone;
  if (profile.url_rule) {
    if (t.data() == text.data()) {
      urls = &urls_for(*profile.url_rule);  // the text was already NFC: share the extraction
    } else {
      extract_urls(t, *profile.url_rule, nfc_urls_);
      urls = &nfc_urls_;
    }
  }
  const auto* const bytes = reinterpret_cast<const unsigned char*>(t.data());
  const auto* const end = bytes + t.size();
  std::size_t weight = 0;
  std::size_t pos = 0;
  std::size_t next_url = 0;
  std::optional<std::size_t> over;  // in t's coordinates: the first step past the limit
  std::size_t no_emoji_until = 0;   // no emoji starts before this (see the URL branch)
  const auto passed = [&](std::size_t step) {
    if (!over && weight > profile.limit) over = step;
  };
  while (pos < t.size()) {
    const std::size_t step = pos;
    if (next_url < urls->size() && pos == (*urls)[next_url].span.begin) {
      const UrlMatch& url = (*urls)[next_url++];
      weight += profile.url_length;
      pos = url.span.end;
      if (url.x_resume != 0 && url.x_resume < url.span.end) {
        // parseTweet skips the url string's length, which can be shorter than the span
        // (extract.hpp, x_resume): the rest of the span is weighed again below.
        pos = url.x_resume;
        // Its emoji come from one scan of the whole text (twemoji-parser), which went
        // through the span on its own: an emoji of that scan that covers the resume point
        // starts no emoji for the walk, whose code points then weigh one by one
        // ("u.Fi💆‍♂️.рф/": the low half of 💆, ZWJ, ♂ and U+FE0F weigh 2+1+2+2).
        for (std::size_t scan = url.span.begin; scan <= url.x_resume;) {
          const uc::Decoded c = uc::decode_lenient(bytes + scan, end);
          const std::size_t emoji = uc::may_start_x_emoji(c.code_point) ? uc::x_emoji_length(t.substr(scan)) : 0;
          const std::size_t next = scan + (emoji != 0 ? emoji : c.length);
          const bool covers = url.x_resume_low_half ? next > url.x_resume : scan < url.x_resume && next > url.x_resume;
          if (emoji != 0 && covers) no_emoji_until = next;
          scan = next;
        }
        if (url.x_resume_low_half) {
          passed(step);
          weight += 2;  // the lone low surrogate: getCharacterWeight of a unit outside the ranges
          pos += uc::decode_lenient(bytes + pos, end).length;
          passed(url.x_resume);
          continue;
        }
      }
    } else if (is_ascii(bytes[pos]) && (pos + 1 == t.size() || is_ascii(bytes[pos + 1]) ||
                                        !may_start_emoji(bytes[pos]))) {
      // ASCII weighs 1; only a keycap base ('#', '*', a digit) followed by non-ASCII may
      // start an emoji. So a byte counts 1 here when it and the byte after it are ASCII.
      // Same result as one code point at a time (the reference), taking 8 bytes at a time
      // while the 8 and the byte after them are ASCII.
      const std::size_t limit = next_url < urls->size() ? (*urls)[next_url].span.begin : t.size();
      std::size_t run = pos + 1;
      while (run + 8 < limit) {
        std::uint64_t v;
        std::memcpy(&v, bytes + run, sizeof v);
        const std::uint64_t high = v & 0x8080808080808080ULL;
        if (high == 0 && is_ascii(bytes[run + 8])) {
          run += 8;
          continue;
        }
        // Leave the last ASCII byte before non-ASCII to the byte loop below.
        const std::size_t ascii = high == 0 ? 8 : static_cast<std::size_t>(std::countr_zero(high)) / 8;
        if (ascii > 0) run += ascii - 1;
        break;
      }
      while (run + 1 < limit && is_ascii(bytes[run]) && is_ascii(bytes[run + 1])) ++run;
      if (!over && weight + (run - pos) > profile.limit) {
        over = pos + (profile.limit - weight);  // each byte weighs 1: the first one past
      }
      weight += run - pos;
      pos = run;
      continue;
    } else {
      const uc::Decoded d = uc::decode_lenient(bytes + pos, end);
      std::size_t emoji = 0;
      if (pos >= no_emoji_until && uc::may_start_x_emoji(d.code_point)) {
        std::size_t stop = t.size();
        if (next_url < urls->size()) stop = (*urls)[next_url].span.begin;
        emoji = uc::x_emoji_length(t.substr(pos, stop - pos));
      }
      if (emoji != 0) {
        weight += kXEmojiWeight;
        pos += emoji;
      } else {
        weight += x_code_point_weight(d.code_point);
        pos += d.length;
      }
    }
    passed(step);
  }
  if (over && t.data() == text.data() && (*over == 0 || (is_plain_ascii(t[*over - 1]) && is_plain_ascii(t[*over])))) {
    overflow_at = *over;  // fast path of the general case below: a boundary between plain ASCII (GB999)
  } else if (over) {
    // The first grapheme cluster past the limit: the cluster of t that holds the step's
    // first code point, found again by its index in the caller's text (NFC keeps the
    // clusters of the texts it is given here in step; the reference does the same).
    const std::size_t through = *over + uc::decode_lenient(bytes + *over, end).length;
    const std::size_t index = uc::count_graphemes(t.substr(0, through)) - 1;
    overflow_at = std::min(uc::offset_after_graphemes(text, index), text.size());
  }
  return weight;
}

// Mastodon StatusLengthValidator: graphemes of [spoiler_text, countable_text(text)].join,
// where countable_text is '' for blank text and otherwise replaces each URL (with a
// scheme) by 23 'x' and each mention `@user@domain` by `@user`, after
// remove_overlapping_entities. Profiles without those rules count the text's graphemes.
std::size_t Counter::countable_length(std::string_view text, std::size_t text_graphemes, const Profile& profile,
                                      const CountOptions& options,
                                      std::optional<std::size_t>& overflow_at) {
  const std::string_view cw = profile.counts_content_warning ? options.content_warning : std::string_view{};
  const bool blank = profile.blank_counts_zero && is_blank(text);
  static const std::vector<UrlMatch> kNoUrls;
  static const std::vector<MentionMatch> kNoMentions;
  const std::vector<UrlMatch>& urls = profile.url_rule && !blank ? urls_for(*profile.url_rule) : kNoUrls;
  const std::vector<MentionMatch>& mentions =
      profile.mention_local_part && !blank ? mastodon_mentions() : kNoMentions;
  // Entities sorted by start; an entity starting inside the previous one is dropped
  // (twitter-text remove_overlapping_entities). A mention's span keeps `@user` only.
  url_placeholder_.assign(profile.url_length, 'x');  // Mastodon's URL_PLACEHOLDER = 'x' * 23
  std::vector<Replacement>& replacements = replacements_;
  replacements.clear();
  {
    std::size_t u = 0, m = 0;
    std::size_t last_end = 0;
    while (u < urls.size() || m < mentions.size()) {
      const bool take_url =
          m >= mentions.size() || (u < urls.size() && urls[u].span.begin <= mentions[m].span.begin);
      const Span span = take_url ? urls[u].span : mentions[m].span;
      if (span.begin >= last_end) {
        std::string_view with;
        if (take_url) {
          with = url_placeholder_;
        } else {
          const MentionMatch& mention = mentions[m];
          // "@" + username: the text from the '@' through the username.
          with = text.substr(span.begin, mention.username.end - span.begin);
        }
        if (take_url || mentions[m].domain.size() > 0) replacements.push_back({span, with});
        last_end = span.end;
      }
      take_url ? ++u : ++m;
    }
  }
  const bool ascii_edges = cw.empty() && !blank && replacements_at_ascii_edges(text, replacements);
  std::size_t length;
  if (replacements.empty() && cw.empty()) {
    length = blank ? 0 : text_graphemes;
  } else if (ascii_edges) {
    // Fast path; must equal counting the clusters of the countable text (the branch below,
    // and tests/reference's count, which tests/difftest compares on every text).
    // Every junction is a cluster boundary in the text and in the countable text, and
    // segmentation splits independently at a boundary: swap each span's clusters for
    // its replacement's instead of building and re-segmenting the countable text.
    length = text_graphemes;
    for (const Replacement& r : replacements) {
      length = length - uc::count_graphemes(r.span.of(text)) + uc::count_graphemes(r.with);
    }
  } else {
    countable_.assign(cw);
    if (!blank) {
      std::size_t pos = 0;
      for (const Replacement& r : replacements) {
        countable_.append(text.substr(pos, r.span.begin - pos));
        countable_.append(r.with);
        pos = r.span.end;
      }
      countable_.append(text.substr(pos));
    }
    length = uc::count_graphemes(countable_);
  }
  if (length > profile.limit && ascii_edges) {
    // One-pass overflow search, fast path; must equal the cluster walk of the countable
    // text below (tests/difftest reaches both with its small limits). The same walk as
    // below, a segment at a time: clusters between replacements are the
    // segment's own (every junction is a boundary), so the fast counter can skip ahead.
    std::size_t used = 0;
    std::size_t pos = 0;
    for (std::size_t next = 0;; ++next) {
      const std::size_t seg_end = next < replacements.size() ? replacements[next].span.begin : text.size();
      const std::string_view segment = text.substr(pos, seg_end - pos);
      const std::size_t g = uc::count_graphemes(segment);
      if (used + g > profile.limit) {
        overflow_at = pos + uc::offset_after_graphemes(segment, profile.limit - used);
        break;
      }
      used += g;
      if (next == replacements.size()) break;  // not reached: the whole text is over
      used += uc::count_graphemes(replacements[next].with);
      if (used > profile.limit) {
        overflow_at = replacements[next].span.begin;
        break;
      }
      pos = replacements[next].span.end;
    }
  } else if (length > profile.limit) {
    // countable_ holds the CW and the countable text (built above). Its cluster number
    // `limit` is the first one past the limit; map its start back into the text: a CW
    // cluster to 0, a cluster starting in a replacement to that entity's start. (Walking
    // the CW, the replacements and the text between them apart would count a cluster
    // that spans a junction twice.)
    const std::size_t off = uc::offset_after_graphemes(countable_, profile.limit);
    std::size_t at = cw.size();  // where the piece of countable_ at `pos` of the text starts
    std::size_t pos = 0;
    if (off < at || blank) {
      overflow_at = 0;
    } else {
      for (const Replacement& r : replacements) {
        if (off < at + (r.span.begin - pos)) break;
        at += r.span.begin - pos;
        if (off < at + r.with.size()) {
          pos = r.span.begin;
          at = off;
          break;
        }
        at += r.with.size();
        pos = r.span.end;
      }
      overflow_at = pos + (off - at);
    }
  }
  return length;
}

// Threads: "Emojis are counted as the number of UTF-8 bytes" (Meta, threads/posts); any
// other grapheme cluster counts 1.
std::size_t Counter::emoji_bytes_length(std::string_view text, const Profile& profile,
                                        std::optional<std::size_t>& overflow_at) {
  const auto* const bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t length = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t step = pos;
    if (is_ascii(bytes[pos]) && (pos + 1 == text.size() || is_ascii(bytes[pos + 1]))) {
      // Fast path; must equal walking every cluster (tests/reference's count, compared by
    // tests/difftest). An ASCII code point followed by ASCII is a cluster of its own,
    // except CR LF (GB3).
      pos += (bytes[pos] == '\r' && pos + 1 < text.size() && bytes[pos + 1] == '\n') ? 2 : 1;
      length += 1;
    } else {
      const std::size_t end = uc::next_grapheme_boundary(text, pos);
      const std::string_view cluster = text.substr(pos, end - pos);
      length += uc::is_emoji_sequence(cluster) ? cluster.size() : 1;
      pos = end;
    }
    if (!overflow_at && length > profile.limit) overflow_at = step;
  }
  return length;
}

std::size_t Counter::unique_links(std::string_view text) {
  if (!(cached_ & kLinks)) {
    const std::vector<UrlMatch>& urls = urls_for(UrlRule::twitter);
    link_texts_.clear();
    for (const UrlMatch& url : urls) link_texts_.push_back(url.span.of(text));
    std::sort(link_texts_.begin(), link_texts_.end());
    links_ = static_cast<std::size_t>(std::unique(link_texts_.begin(), link_texts_.end()) - link_texts_.begin());
    cached_ |= kLinks;
  }
  return links_;
}

void Counter::count_one(std::string_view text, const Profile& profile, const CountOptions& options,
                        const TextStats& stats, PlatformCount& out) {
  out.profile = &profile;
  out.limit = profile.limit;
  out.byte_limit = profile.byte_limit;
  out.overflow_at.reset();
  out.warnings.clear();
  const std::string_view cw = profile.counts_content_warning ? options.content_warning : std::string_view{};
  out.bytes = stats.bytes + cw.size();

  switch (profile.unit) {
    case CountingUnit::x_weighted:
      out.length = x_weighted_length(text, profile, out.overflow_at);
      break;
    case CountingUnit::graphemes:
      if (!profile.url_rule && !profile.mention_local_part && !profile.blank_counts_zero && cw.empty()) {
        out.length = stats.graphemes;
        if (out.length > profile.limit) {
          out.overflow_at = profile.limit == mark_limit_ ? mark_offset_ : uc::offset_after_graphemes(text, profile.limit);
        }
      } else {
        out.length = countable_length(text, stats.graphemes, profile, options, out.overflow_at);
      }
      break;
    case CountingUnit::emoji_bytes:
      out.length = emoji_bytes_length(text, profile, out.overflow_at);
      break;
  }
  out.remaining = static_cast<std::ptrdiff_t>(profile.limit) - static_cast<std::ptrdiff_t>(out.length);
  out.fits = out.length <= profile.limit;

  // Bluesky: "maxLength ... in UTF-8 bytes"; both limits bind.
  if (profile.byte_limit && out.bytes > *profile.byte_limit) {
    out.fits = false;
    // The first cluster whose last byte passes the byte limit, the CW's bytes first.
    const std::size_t budget = *profile.byte_limit > cw.size() ? *profile.byte_limit - cw.size() : 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t end = uc::next_grapheme_boundary(text, pos);
      if (end > budget) break;
      pos = end;
    }
    if (!out.overflow_at || pos < *out.overflow_at) out.overflow_at = pos;
    out.warnings.push_back(fmt::format("{} bytes of UTF-8; {} allows at most {}", out.bytes, profile.name,
                                       *profile.byte_limit));
  }

  if (profile.unit == CountingUnit::x_weighted && has_x_invalid_char(text)) {
    out.fits = false;
    out.warnings.push_back(fmt::format("contains U+FFFE, U+FEFF or U+FFFF, which {} rejects", profile.name));
  }

  out.hashtags = hashtags_for(profile.hashtag_rule).size();
  out.links = unique_links(text);
  if (profile.max_hashtags && out.hashtags > profile.max_hashtags->max) {
    if (profile.max_hashtags->severity == Severity::error) out.fits = false;
    out.warnings.push_back(fmt::format("{} hashtags; {} allows at most {}", out.hashtags, profile.name,
                                       profile.max_hashtags->max));
  }
  if (profile.max_links && out.links > profile.max_links->max) {
    if (profile.max_links->severity == Severity::error) out.fits = false;
    out.warnings.push_back(
        fmt::format("{} links; {} allows at most {}", out.links, profile.name, profile.max_links->max));
  }
  for (const ProfileWarning& w : profile.warnings) {
    const bool applies = w.when == WarningWhen::always || (w.when == WarningWhen::has_links && out.links > 0) ||
                         (w.when == WarningWhen::has_hashtags && out.hashtags > 0);
    if (applies) out.warnings.push_back(w.message);
  }
}

}  // namespace somepost::core
