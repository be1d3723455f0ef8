// Extraction of URLs, hashtags and mentions from post text, each platform's way.
// Pure functions: values in, values out; no I/O. Offsets are UTF-8 byte offsets into the
// text passed in. Ill-formed UTF-8 is tolerated (never matched inside, never read past the
// end); callers validate first. Hot path of `count`: no std::regex, no allocation beyond
// the output vector (pass the same vector again to reuse its capacity).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace somepost::core {

/// A half-open byte range [begin, end) of a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  [[nodiscard]] std::size_t size() const noexcept { return end - begin; }
  [[nodiscard]] std::string_view of(std::string_view text) const noexcept {
    return text.substr(begin, end - begin);
  }
  friend bool operator==(const Span&, const Span&) = default;
};

/// Which platform's URL recognizer to use.
enum class UrlRule {
  /// twitter-text 3.1.0 extractUrlsWithIndices with extractUrlsWithoutProtocol: an
  /// optional `http://`/`https://`, a host whose last label is on twitter-text's TLD list
  /// (tld_lib.yml) or punycode; bare (scheme-less) URLs only with ASCII hosts. Used for X,
  /// and for the link caps of Threads and the others.
  twitter,
  /// Mastodon's server (StatusLengthValidator): twitter-text's recognizer patched to need
  /// one of the schemes http, https, dat, dweb, ipfs, ipns, ssb, gopher, gemini; no bare
  /// domains; wider path characters. Schemes and TLDs match under Ruby's /i, which folds
  /// case fully (`ſsb://`, `ipfs://a.ß` ends in the TLD "ss"). The host must pass GNU
  /// libidn's IDNA2003 toASCII (nameprep with Unicode 3.2, prohibited characters, bidi
  /// rule, labels of 1..63 octets after encoding); a URL longer than 4096 code points,
  /// counting the growth from encoding its host, is not a URL either (docs/platforms.md §2).
  /// libidn is called, and allocates, only for a host with a non-ASCII character.
  mastodon,
};

/// One URL found in a text.
struct UrlMatch {
  Span span;              ///< the URL's bytes, as the platform would link them
  bool has_scheme = false;
  /// Where X's weighted count (twitter-text's parseTweet) resumes after this URL, a byte
  /// offset in (span.begin, span.end]. It is span.end except for a scheme-less URL whose
  /// domain goes on past its last ASCII domain (docs/platforms.md §1, `a.рф.рф/x`):
  /// parseTweet skips only the UTF-16 length of the url string it built (that ASCII
  /// domain + the path) and weighs the rest of the span again, character by character.
  /// When that length ends inside a surrogate pair, x_resume is the start of that code
  /// point and x_resume_low_half is true: parseTweet weighs the lone low half (2) and
  /// goes on after the code point. Set by UrlRule::twitter only.
  std::size_t x_resume = 0;
  bool x_resume_low_half = false;
};

/// Appends nothing but the URLs of `text` per `rule`, in text order, to `out` after
/// clearing it.
void extract_urls(std::string_view text, UrlRule rule, std::vector<UrlMatch>& out);

/// Which platform's hashtag recognizer to use (docs/platforms.md gives each rule).
enum class HashtagRule {
  /// twitter-text: `#`/`＃` after a non-alnum, non-`&` char; letters, marks, digits, `_`
  /// and a few specials; needs a letter; ends at `’`, `'`, `.`; dropped when followed by
  /// `#` or `://`, or inside a URL. Also used for Threads, Instagram, LinkedIn, Facebook.
  x,
  /// Mastodon ≥ 4.6: `#`/`＃` at start or after whitespace; [[:word:]] chars and the
  /// separators `_ · ・ ZWNJ` inside; needs a letter or an inner separator.
  mastodon,
  /// Bluesky's TAG_REGEX: `#`/`＃` at start or after whitespace, anything up to
  /// whitespace with one char that is not a digit/punctuation, trailing punctuation
  /// stripped, at most 64 graphemes. An apostrophe does not end a tag.
  bluesky,
};

/// One hashtag found in a text.
struct HashtagMatch {
  Span span;  ///< from the `#`/`＃` to the end of the tag
  Span name;  ///< the tag without its `#`/`＃`
};

/// Clears `out` and appends the hashtags of `text` per `rule`, in text order.
/// `twitter_urls`, when given, must be extract_urls(text, UrlRule::twitter): the X rule
/// drops tags that overlap a URL and then reuses these instead of scanning again.
void extract_hashtags(std::string_view text, HashtagRule rule, std::vector<HashtagMatch>& out,
                      const std::vector<UrlMatch>* twitter_urls = nullptr);

/// Which platform's mention recognizer to use.
enum class MentionRule {
  /// twitter-text: `@`/`＠` + 1–20 of [A-Za-z0-9_], not after [A-Za-z0-9_!#$%&*@＠],
  /// not followed by `@`, a Latin accented letter or `://`.
  x,
  /// Mastodon's MENTION_RE: `@user` or `@user@domain` (ASCII username with inner . and -),
  /// not after `=`, `/` or a word char.
  mastodon,
};

/// One mention found in a text.
struct MentionMatch {
  Span span;      ///< from the `@` to the end of the username or domain
  Span username;  ///< without the `@`
  Span domain;    ///< empty (begin == end) when the mention has no domain part
};

/// Clears `out` and appends the mentions of `text` per `rule`, in text order.
void extract_mentions(std::string_view text, MentionRule rule, std::vector<MentionMatch>& out);

}  // namespace somepost::core
