#include "core/export.hpp"

#include <algorithm>

#include "core/report.hpp"
#include "core/utm.hpp"
#include "unicode/grapheme.hpp"

namespace somepost::core {
namespace {

constexpr std::size_t kMaxTagGraphemes = 64;  // app.bsky.richtext.facet#tag: maxGraphemes
constexpr std::size_t kMaxTagBytes = 640;     // ... and maxLength (bytes)

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads `count` digits at `at` as a number; false if any is not a digit.
bool read_digits(std::string_view s, std::size_t at, std::size_t count, int& value) noexcept {
  if (at + count > s.size()) return false;
  value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(s[at + i])) return false;
    value = value * 10 + (s[at + i] - '0');
  }
  return true;
}

constexpr bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Days in `month` (1-12) of `year`, by the proleptic Gregorian calendar RFC 3339 uses.
constexpr int days_in_month(int year, int month) noexcept {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

constexpr bool is_little_reserved(char c) noexcept {
  switch (c) {
    case '|': case '{': case '}': case '@': case '[': case ']': case '(': case ')':
    case '<': case '>': case '#': case '\\': case '*': case '_': case '~':
      return true;
    default:
      return false;
  }
}

void append_little_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (is_little_reserved(c)) out.push_back('\\');
    out.push_back(c);
  }
}

}  // namespace

void append_tag_array(std::string& out, const std::vector<ChosenTag>& tags) {
  out.push_back('[');
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, tags[i].tag);
  }
  out.push_back(']');
}

void append_string_array(std::string& out, const std::vector<std::string>& items) {
  out.push_back('[');
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
}

void append_post_json(std::string& out, std::string_view text, const Message* message,
                      const std::vector<ChosenTag>& tags, const std::vector<ChosenTag>& skipped,
                      const CountResult& count) {
  out += "{\"text\":";
  append_json_string(out, text);
  out += ",\"message\":";
  if (message) {
    append_json_string(out, message->id);
  } else {
    out += "null";
  }
  out += ",\"hashtags\":";
  append_tag_array(out, tags);
  out += ",\"skipped_hashtags\":";
  append_tag_array(out, skipped);
  out += ",\"count\":";
  append_count_json(out, count);
  out += '}';
}

void append_platform_post_json(std::string& out, const PlatformPost& post) {
  out += "{\"platform\":";
  append_json_string(out, post.profile->id);
  out += ",\"text\":";
  append_json_string(out, post.text);
  out += post.fits ? ",\"fits\":true" : ",\"fits\":false";
  out += ",\"hashtags\":";
  append_tag_array(out, post.kept);
  out += ",\"dropped_hashtags\":";
  append_string_array(out, post.dropped);
  out += ",\"count\":";
  append_count_json(out, post.count);
  append_thread_json(out, post);
  out += '}';
}

void append_thread_json(std::string& out, const PlatformPost& post) {
  if (!post.thread) return;
  out += ",\"parts\":[";
  for (std::size_t i = 0; i < post.parts.size(); ++i) {
    if (i) out += ',';
    out += "{\"text\":";
    append_json_string(out, post.parts[i].text);
    out += ",\"count\":";
    append_count_json(out, post.parts[i].count);
    out += '}';
  }
  out += ']';
  if (!post.problem.empty()) {
    out += ",\"problem\":";
    append_json_string(out, post.problem);
  }
}

std::vector<BlueskyFacet> bluesky_facets(std::string_view text) {
  std::vector<BlueskyFacet> facets;
  std::vector<UrlMatch> urls;
  extract_urls(text, UrlRule::twitter, urls);
  for (const UrlMatch& u : urls) {
    const std::string_view written = u.span.of(text);
    std::string uri;
    if (!has_scheme(written)) uri = "https://";  // the facet needs a full URI; the text keeps what was written
    uri.append(written);
    facets.push_back({BlueskyFacet::Kind::link, u.span, std::move(uri)});
  }
  std::vector<HashtagMatch> tags;
  extract_hashtags(text, HashtagRule::bluesky, tags);
  for (const HashtagMatch& t : tags) {
    const std::string_view name = t.name.of(text);
    if (name.size() > kMaxTagBytes || unicode::count_graphemes(name) > kMaxTagGraphemes) continue;
    facets.push_back({BlueskyFacet::Kind::tag, t.span, std::string(name)});
  }
  std::stable_sort(facets.begin(), facets.end(),
                   [](const BlueskyFacet& a, const BlueskyFacet& b) { return a.bytes.begin < b.bytes.begin; });
  // Facets must not overlap; the earlier one wins (a tag is never inside a link by
  // Bluesky's rule, so this only guards odd input).
  std::vector<BlueskyFacet> kept;
  for (BlueskyFacet& f : facets) {
    if (!kept.empty() && f.bytes.begin < kept.back().bytes.end) continue;
    kept.push_back(std::move(f));
  }
  return kept;
}

bool is_atproto_datetime(std::string_view s) noexcept {
  int year, month, day, hour, minute, second;
  if (!read_digits(s, 0, 4, year) || s.size() < 20 || s[4] != '-' || !read_digits(s, 5, 2, month) ||
      s[7] != '-' || !read_digits(s, 8, 2, day) || s[10] != 'T' || !read_digits(s, 11, 2, hour) ||
      s[13] != ':' || !read_digits(s, 14, 2, minute) || s[16] != ':' || !read_digits(s, 17, 2, second)) {
    return false;
  }
  // A leap second (:60) is refused: RFC 3339 allows it, but many a parser (JavaScript's
  // Date among them) does not, and a record that some reader rejects is no use.
  if (year == 0 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    const std::size_t digits_start = ++i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == digits_start) return false;
  }
  const std::string_view zone = s.substr(i);
  if (zone == "Z") return true;
  int zh, zm;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !read_digits(zone, 1, 2, zh) || zone[3] != ':' ||
      !read_digits(zone, 4, 2, zm) || zh > 23 || zm > 59) {
    return false;
  }
  return zone != "-00:00";
}

std::string bluesky_text_problem(std::string_view text) {
  const auto problem = [](std::size_t size, std::string_view unit, std::size_t limit) {
    std::string out = "the text is ";
    out += std::to_string(size);
    out += ' ';
    out += unit;
    out += ", over the ";
    out += std::to_string(limit);
    out += " the app.bsky.feed.post lexicon allows";
    return out;
  };
  const std::size_t graphemes = unicode::count_graphemes(text);
  if (graphemes > kBlueskyTextMaxGraphemes) return problem(graphemes, "grapheme clusters", kBlueskyTextMaxGraphemes);
  if (text.size() > kBlueskyTextMaxBytes) return problem(text.size(), "UTF-8 bytes", kBlueskyTextMaxBytes);
  return {};
}

void append_bluesky_record(std::string& out, std::string_view text, std::string_view lang,
                           std::string_view created_at) {
  out += "{\"$type\":\"app.bsky.feed.post\",\"text\":";
  append_json_string(out, text);
  const std::vector<BlueskyFacet> facets = bluesky_facets(text);
  if (!facets.empty()) {
    out += ",\"facets\":[";
    for (std::size_t i = 0; i < facets.size(); ++i) {
      const BlueskyFacet& f = facets[i];
      if (i) out += ',';
      out += "{\"$type\":\"app.bsky.richtext.facet\",\"index\":{\"byteStart\":";
      out += std::to_string(f.bytes.begin);
      out += ",\"byteEnd\":";
      out += std::to_string(f.bytes.end);
      if (f.kind == BlueskyFacet::Kind::link) {
        out += "},\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\",\"uri\":";
      } else {
        out += "},\"features\":[{\"$type\":\"app.bsky.richtext.facet#tag\",\"tag\":";
      }
      append_json_string(out, f.value);
      out += "}]}";
    }
    out += ']';
  }
  if (!lang.empty()) {
    out += ",\"langs\":[";
    append_json_string(out, lang);
    out += ']';
  }
  out += ",\"createdAt\":";
  append_json_string(out, created_at);
  out += '}';
}

void append_mastodon_status(std::string& out, const MastodonStatus& status) {
  out += "{\"status\":";
  append_json_string(out, status.status);
  out += ",\"visibility\":";
  append_json_string(out, status.visibility);
  if (!status.language.empty()) {
    out += ",\"language\":";
    append_json_string(out, status.language.substr(0, status.language.find('-')));
  }
  if (!status.spoiler_text.empty()) {
    out += ",\"spoiler_text\":";
    append_json_string(out, status.spoiler_text);
  }
  out += '}';
}

std::string linkedin_little_text(std::string_view text) {
  std::vector<HashtagMatch> tags;
  extract_hashtags(text, HashtagRule::x, tags);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  std::size_t pos = 0;
  for (const HashtagMatch& t : tags) {
    append_little_escaped(out, text.substr(pos, t.span.begin - pos));
    out += "{hashtag|";
    const std::string_view symbol = text.substr(t.span.begin, t.name.begin - t.span.begin);  // '#' or '＃'
    append_little_escaped(out, symbol);
    out += '|';
    append_little_escaped(out, t.name.of(text));
    out += '}';
    pos = t.span.end;
  }
  append_little_escaped(out, text.substr(pos));
  return out;
}

void append_linkedin_post(std::string& out, std::string_view text) {
  out += "{\"commentary\":";
  append_json_string(out, linkedin_little_text(text));
  out +=
      ",\"visibility\":\"PUBLIC\",\"distribution\":{\"feedDistribution\":\"MAIN_FEED\",\"targetEntities\":[],"
      "\"thirdPartyDistributionChannels\":[]},\"lifecycleState\":\"PUBLISHED\",\"isReshareDisabledByAuthor\":false}";
}

}  // namespace somepost::core
