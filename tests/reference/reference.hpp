// The reference counter (issue 10, docs/testing.md): a deliberately plain implementation
// of every platform rule of docs/platforms.md, written for clarity, not speed. It works
// one code point at a time on std::u32string, with no fast paths, no chunking and no
// state shared with the optimised code in src/ except the generated tables
// (src/unicode/generated, src/core/generated) and the Profile data type. The differential
// test (tests/difftest) compares src/ against it on millions of generated texts.
//
// Offsets in this API are code point indices into the decoded text unless a name says
// bytes. Nothing here throws on any valid UTF-8 input except std::bad_alloc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/count.hpp"
#include "core/extract.hpp"
#include "core/platforms.hpp"

namespace somepost::reference {

// ---- Unicode (ref_unicode.cpp) ---------------------------------------------------------

/// The code points of `utf8` (which must be valid UTF-8).
[[nodiscard]] std::u32string decode(std::string_view utf8);
/// UTF-8 of `text`.
[[nodiscard]] std::string encode(const std::u32string& text);
/// UTF-8 byte offset of code point index `index` of `text`.
[[nodiscard]] std::size_t byte_offset(const std::u32string& text, std::size_t index);
/// Every extended grapheme cluster boundary of `text` (UAX #29 rules GB1-GB999 applied one
/// by one), as code point indices, ascending; includes 0 and text.size() (just {0} when
/// empty).
[[nodiscard]] std::vector<std::size_t> grapheme_boundaries(const std::u32string& text);
/// The NFC form of `text` (UAX #15: full canonical decomposition, canonical ordering,
/// canonical composition; Hangul by arithmetic).
[[nodiscard]] std::u32string nfc(const std::u32string& text);

// ---- Extraction (ref_extract.cpp) -------------------------------------------------------

/// A URL as a platform's recognizer finds it.
struct Url {
  std::size_t begin = 0;      ///< code point index of its first character
  std::size_t end = 0;        ///< one past its last (the entity's indices)
  /// twitter-text's `url.length`: the UTF-16 length of the entity's url string, which
  /// parseTweet skips by. Differs from the UTF-16 length of [begin, end) only for a
  /// scheme-less URL whose domain goes on past its last ASCII domain (docs/platforms.md
  /// §1, "a.рф.рф/x").
  std::size_t skip_utf16 = 0;
  bool has_scheme = false;
};
/// The URLs of `text` per `rule`, in text order (docs/platforms.md §1 and §2).
[[nodiscard]] std::vector<Url> urls(const std::u32string& text, core::UrlRule rule);

/// A hashtag: [begin, end) from the `#`/`＃` through the tag.
struct Hashtag {
  std::size_t begin = 0;
  std::size_t end = 0;
};
/// The hashtags of `text` per `rule`, in text order.
[[nodiscard]] std::vector<Hashtag> hashtags(const std::u32string& text, core::HashtagRule rule);

/// A Mastodon mention: [begin, end) from the `@` through the domain, if any.
struct Mention {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t username_end = 0;  ///< one past the username (the local part)
  bool has_domain = false;
};
/// The mentions of `text` per MentionRule::mastodon, in text order.
[[nodiscard]] std::vector<Mention> mastodon_mentions(const std::u32string& text);

// ---- Counting (ref_count.cpp) -----------------------------------------------------------

/// X's emoji at `pos` of `text` (NFC): the length in code points of the longest string of
/// the X emoji set (RGI Emoji 17.0 ∪ twemoji-parser 11.0.2's regex, docs/platforms.md §1)
/// that starts there, or 0.
[[nodiscard]] std::size_t x_emoji_at(const std::u32string& text, std::size_t pos);

/// Counts `text` (valid UTF-8) on each of `profiles` the way docs/platforms.md says,
/// filling every field core::Counter fills (lengths, remaining, bytes, overflow_at in
/// bytes of `text`, hashtags, links, fits, warnings).
[[nodiscard]] core::CountResult count(std::string_view text, const std::vector<const core::Profile*>& profiles,
                                      const core::CountOptions& options);

}  // namespace somepost::reference
