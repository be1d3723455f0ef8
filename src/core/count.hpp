// Per-platform counting: the length of a post in each platform's own unit, checked
// against its limits and caps (docs/platforms.md gives every rule and its source).
// Pure: values in, values out; no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/extract.hpp"
#include "core/platforms.hpp"

namespace somepost::core {

/// Platform-independent figures of a text.
struct TextStats {
  std::size_t bytes = 0;        ///< UTF-8 bytes
  std::size_t code_points = 0;  ///< Unicode scalar values
  std::size_t graphemes = 0;    ///< extended grapheme clusters (UAX #29)
};

/// Inputs besides the text that some platforms count.
struct CountOptions {
  std::string_view content_warning;  ///< Mastodon's spoiler_text; counted where the profile says
};

/// One platform's verdict on a text.
struct PlatformCount {
  const Profile* profile = nullptr;      ///< the profile counted against (not owned)
  std::size_t length = 0;                ///< in the profile's unit
  std::size_t limit = 0;                 ///< the profile's limit, same unit
  std::ptrdiff_t remaining = 0;          ///< limit - length; negative when over
  std::size_t bytes = 0;                 ///< UTF-8 bytes of the text (with the CW where counted)
  std::optional<std::size_t> byte_limit; ///< the profile's byte limit, if it has one
  /// Byte offset, in the text passed in, of the first grapheme cluster past the limit;
  /// set only when the length or byte count is over.
  std::optional<std::size_t> overflow_at;
  std::size_t hashtags = 0;              ///< per the profile's hashtag rule
  std::size_t links = 0;                 ///< unique URLs (twitter-text recognizer)
  bool fits = true;  ///< within the limit, the byte limit and every error-severity cap
  std::vector<std::string> warnings;     ///< English sentences, in a stable order
};

/// The figures of one text on every requested platform.
struct CountResult {
  TextStats stats;
  std::vector<PlatformCount> platforms;  ///< in the order the profiles were given
  /// True when the text fits every platform counted.
  [[nodiscard]] bool all_fit() const noexcept;
};

/// Stats of a text: bytes, code points and grapheme clusters. `text` should be valid
/// UTF-8 (each ill-formed byte counts as one code point and one cluster).
[[nodiscard]] TextStats text_stats(std::string_view text) noexcept;

/// The weight of one code point in twitter-text v3 (config v3.json): 1 for U+0000–10FF,
/// U+2000–200D, U+2010–201F, U+2032–2037, else 2.
[[nodiscard]] constexpr std::size_t x_code_point_weight(char32_t cp) noexcept {
  return (cp <= 0x10FF || (cp >= 0x2000 && cp <= 0x200D) || (cp >= 0x2010 && cp <= 0x201F) ||
          (cp >= 0x2032 && cp <= 0x2037))
             ? 1
             : 2;
}

/// Counts texts; keeps scratch buffers between calls so that counting many texts
/// allocates almost nothing. Not thread-safe: use one Counter per thread.
class Counter {
 public:
  /// Counts `text` (valid UTF-8: the caller validates) for each profile in `profiles`
  /// (not owned; must outlive `out`) and writes the result into `out`, reusing its
  /// storage. Throws only std::bad_alloc.
  void count(std::string_view text, const std::vector<const Profile*>& profiles,
             const CountOptions& options, CountResult& out);

 private:
  void count_one(std::string_view text, const Profile& profile, const CountOptions& options,
                 const TextStats& stats, PlatformCount& out);
  // Each returns the length in the profile's unit and, when it is over the limit, sets
  // overflow_at (in one pass).
  std::size_t x_weighted_length(std::string_view text, const Profile& profile,
                                std::optional<std::size_t>& overflow_at);
  std::size_t countable_length(std::string_view text, std::size_t text_graphemes, const Profile& profile,
                               const CountOptions& options, std::optional<std::size_t>& overflow_at);
  std::size_t emoji_bytes_length(std::string_view text, const Profile& profile,
                                 std::optional<std::size_t>& overflow_at);
  std::size_t unique_links(std::string_view text);

  // Extractions of the text being counted, computed at most once per text and shared
  // by every platform that needs them (reset by count()).
  const std::vector<UrlMatch>& urls_for(UrlRule rule);
  const std::vector<HashtagMatch>& hashtags_for(HashtagRule rule);
  const std::vector<MentionMatch>& mastodon_mentions();

  std::string_view text_;
  unsigned cached_ = 0;  // bit set of the extractions below that are valid for text_
  std::vector<UrlMatch> twitter_urls_;
  std::vector<UrlMatch> mastodon_urls_;
  std::vector<HashtagMatch> hashtags_[3];  // by HashtagRule
  std::vector<MentionMatch> mentions_;
  std::size_t links_ = 0;
  std::size_t mark_limit_ = 0;   // the smallest grapheme limit among the profiles (0: none)
  std::size_t mark_offset_ = 0;  // byte offset just after mark_limit_ clusters of text_

  std::string nfc_storage_;
  std::vector<UrlMatch> nfc_urls_;  // URLs of the NFC form when it differs from the text
  std::string countable_;
  std::string url_placeholder_;  // url_length 'x's: what a URL counts as (Mastodon)
  struct Replacement {  // a span of the text and what the platform counts instead
    Span span;
    std::string_view with;
  };
  std::vector<Replacement> replacements_;
  static bool replacements_at_ascii_edges(std::string_view text,
                                          const std::vector<Replacement>& replacements) noexcept;
  std::vector<std::string_view> link_texts_;
};

}  // namespace somepost::core
