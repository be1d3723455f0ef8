// URL, hashtag and mention extraction, each platform's way (contracts in extract.hpp).
//
// Every recognizer here is a hand-written scanner that reproduces what the platform's regular
// expression finds, including the regex engine's leftmost-first, greedy-with-backtracking
// choices and the way a global scan resumes at the end of the previous match. Sources:
//   X (and Threads, Instagram, ...): twitter-text 3.1.0 (github.com/twitter/twitter-text
//     @30e2430), js/src/extractUrlsWithIndices.js, js/src/regexp/extractUrl.js and the
//     pieces it is built from, js/src/lib/idna.js, js/src/extractHashtagsWithIndices.js,
//     js/src/regexp/validHashtag.js, js/src/extractMentionsOrListsWithIndices.js,
//     js/src/regexp/validMentionOrList.js.
//   Mastodon: the Ruby twitter-text 3.1.0 gem (rb/lib/twitter-text/regex.rb, extractor.rb)
//     as patched by mastodon's config/initializers/twitter_regex.rb, called from
//     app/validators/status_length_validator.rb with extract_url_without_protocol: false;
//     its is_valid_domain calls idn-ruby (ext/idna.c), that is GNU libidn 1.x, which
//     somepost calls too (masto_domain_ok);
//     app/lib/extractor.rb (mentions, hashtags), app/models/account.rb (MENTION_RE),
//     app/models/tag.rb / Tag::Naming (HASHTAG_RE, Mastodon >= 4.6).
//   Bluesky: bluesky-social/atproto packages/api/src/rich-text/util.ts (TAG_REGEX,
//     TRAILING_PUNCTUATION_REGEX) and detection.ts (the 64-grapheme cap).
// The regexes are quoted next to the code that stands for them.
//
// These scanners are the fast path; the plain path they must equal is the regexes
// themselves, transcribed into tests/reference/ref_extract.cpp and run by a plain
// backtracking engine. tests/difftest compares every extraction of both on every text it
// generates (docs/testing.md), which is how the indexOf and case-folding quirks below
// were found.
//
// Character classes use Unicode 17.0 (src/core/generated/char_classes.hpp) where the
// original regexes use their engine's Unicode tables (JS twitter-text: ~2015 generated
// ranges; Onigmo: the Ruby build's Unicode version). Ruby's /i folds non-ASCII case too
// (masto_fold_to_ascii and the functions after it); JavaScript's /i without /u matches
// characters with the same ECMA-262 Canonicalize form (src/core/generated/js_case.hpp:
// js_latin_accent_ci and the functions after it), which only non-ASCII text ever reaches.
//
// Ill-formed UTF-8: each bad byte is read as the sentinel kBad, which belongs to no class,
// so no match ever contains it; scanning never reads past the end.
#include "core/extract.hpp"

#include <string.h>  // memrchr (glibc)

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <idn-free.h>  // GNU libidn 1.x: IDNA2003, as Mastodon's server (idn-ruby) uses it
#include <idna.h>

#include "core/generated/char_classes.hpp"
#include "core/generated/js_case.hpp"
#include "core/generated/tlds.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

namespace tb = tables;

constexpr std::size_t npos = std::string_view::npos;
constexpr char32_t kBad = 0x110000;  // an ill-formed byte

// ---------------------------------------------------------------------------------------
// Text access
// ---------------------------------------------------------------------------------------

struct Cp {
  char32_t cp;
  std::uint32_t len;
};

/// A UTF-8 text read code point by code point; ill-formed bytes read as kBad (length 1).
class Text {
 public:
  explicit Text(std::string_view t)
      : p_(reinterpret_cast<const unsigned char*>(t.data())), n_(t.size()) {}

  std::size_t size() const { return n_; }
  unsigned char byte(std::size_t i) const { return p_[i]; }
  const unsigned char* data() const { return p_; }

  /// The code point starting at i (requires i < size()).
  Cp at(std::size_t i) const {
    const unsigned b = p_[i];
    if (b < 0x80) return {b, 1};
    return at_non_ascii(i);
  }

  /// The code point that ends at i (requires 0 < i <= size()).
  Cp before(std::size_t i) const {
    if (p_[i - 1] < 0x80) return {p_[i - 1], 1};
    std::size_t j = i - 1;
    const std::size_t lo = i >= 4 ? i - 4 : 0;
    while (j > lo && (p_[j] & 0xC0) == 0x80) --j;
    const Cp c = at(j);
    if (j + c.len != i) return {kBad, 1};
    return c;
  }

  /// True if the bytes at i are `lit` (ASCII), compared case-insensitively.
  bool starts_with_ci(std::size_t i, std::string_view lit) const {
    if (i > n_ || n_ - i < lit.size()) return false;
    for (std::size_t k = 0; k < lit.size(); ++k) {
      unsigned char c = p_[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      if (c != static_cast<unsigned char>(lit[k])) return false;
    }
    return true;
  }

  bool starts_with(std::size_t i, std::string_view lit) const {
    return i <= n_ && n_ - i >= lit.size() && std::memcmp(p_ + i, lit.data(), lit.size()) == 0;
  }

  /// Position of the first `lit` at or after i, or npos.
  std::size_t find(std::string_view lit, std::size_t i = 0) const {
    const std::string_view all(reinterpret_cast<const char*>(p_), n_);
    return all.find(lit, i);
  }

 private:
  [[gnu::noinline]] Cp at_non_ascii(std::size_t i) const {
    const auto d = unicode::decode_lenient(p_ + i, p_ + n_);
    if (d.length == 1) return {kBad, 1};
    return {d.code_point, d.length};
  }

  const unsigned char* p_;
  std::size_t n_;
};

constexpr bool is_ascii_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(char32_t c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// ---------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------

/// The flags of char_classes.hpp for `c` (0 for kBad).
inline std::uint8_t cc(char32_t c) {
  if (c < 0x80) return tb::kCharClassAscii[c];
  if (c > 0x10FFFF) return 0;
  constexpr unsigned kShift = tb::kCharClassShift;
  constexpr char32_t kMask = (char32_t{1} << kShift) - 1;
  return tb::kCharClassStage2[(std::size_t{tb::kCharClassStage1[c >> kShift]} << kShift) |
                              (c & kMask)];
}

/// twitter-text's spacesGroup (js/src/regexp/spacesGroup.js, rb UNICODE_SPACES).
constexpr bool is_tt_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         c == 0x180E || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

/// The Unicode White_Space property (PropList.txt; unchanged since Unicode 6.3): Ruby's
/// [[:space:]] and \p{White_Space}.
constexpr bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/// JavaScript's \s: WhiteSpace (TAB VT FF SP NBSP ZWNBSP and Zs) plus LineTerminator.
constexpr bool is_js_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

/// twitter-text latinAccentChars (js/src/regexp/latinAccentChars.js, rb LATIN_ACCENTS).
constexpr bool is_latin_accent(char32_t c) {
  if (c < 0xC0) return false;
  if (c <= 0xFF) return c != 0xD7 && c != 0xF7;
  if (c <= 0x24F) return true;
  switch (c) {
    case 0x253:
    case 0x254:
    case 0x256:
    case 0x257:
    case 0x259:
    case 0x25B:
    case 0x263:
    case 0x268:
    case 0x26F:
    case 0x272:
    case 0x289:
    case 0x28B:
    case 0x2BB: return true;
    default: return (c >= 0x300 && c <= 0x36F) || (c >= 0x1E00 && c <= 0x1EFF);
  }
}

/// twitter-text cyrillicLettersAndMarks (JS): U+0400..U+04FF.
constexpr bool is_js_cyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }

// X's regexes carry JavaScript's i flag without u (extractUrl 'gi', validAsciiDomain /gi,
// validGeneralUrlPathChars, validUrlPathEndingChars, validUrlBalancedParens /i), so a
// character matches whatever has the same canonical form, ECMA-262 22.2.2.7.3 Canonicalize
// (non-unicode mode): ch's toUppercase if that is one code unit and does not take a
// non-ASCII ch to ASCII, else ch itself. A class then also matches the characters outside
// it that canonicalize like a member: ʀ U+0280 like Ʀ U+01A6 (latinAccentChars), ι U+03B9
// like U+0345, ᲂ U+1C82 like О U+041E (Cyrillic). ſ, K and the other characters whose
// uppercase is ASCII or several units fold to nothing, and astral characters (two code
// units) never fold. The tables are src/core/generated/js_case.hpp; ASCII never reaches them.

/// The js_case.hpp entry of `c` (requires c <= U+FFFF): its /i key and fold flags.
inline std::uint16_t js_case_entry(char32_t c) {
  constexpr unsigned kShift = tb::kJsCaseShift;
  const std::size_t block = tb::kJsCaseStage1[c >> kShift];
  return tb::kJsCaseStage2[(block << kShift) | (c & ((1u << kShift) - 1))];
}

/// [latinAccentChars] under JS /i, for a non-ASCII `c` (ECMA-262 Canonicalize).
inline bool js_latin_accent_ci(char32_t c) {
  if (is_latin_accent(c)) return true;
  return c <= 0xFFFF && (js_case_entry(c) & tb::kJsLatinAccentFoldExtra);
}

/// A character outside latinAccentChars and cyrillicLettersAndMarks that JS /i matches to
/// one of them (ECMA-262 Canonicalize): what /i adds to X's path classes.
inline bool js_fold_extra(char32_t c) {
  return c <= 0xFFFF &&
         (js_case_entry(c) & (tb::kJsLatinAccentFoldExtra | tb::kJsCyrillicFoldExtra));
}

/// The key of non-ASCII `c` under JS /i: characters match exactly when their keys are equal
/// (ECMA-262 Canonicalize; js_case.hpp). A lowercase letter, as the TLD list has them, is
/// its own key.
inline char32_t js_case_key(char32_t c) {
  if (c > 0xFFFF) return c;  // two UTF-16 code units: never folds without /u
  const std::int32_t delta = tb::kJsCaseKeyDeltas[js_case_entry(c) & 0xFF];
  return static_cast<char32_t>(static_cast<std::int32_t>(c) + delta);
}

/// Ruby's \p{Cyrillic} (Script=Cyrillic), approximated by the Cyrillic blocks: U+0485-0486
/// (Inherited) and U+1D2B/1D78 aside, the same code points.
constexpr bool is_script_cyrillic(char32_t c) {
  return (c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) || c == 0x1D2B || c == 0x1D78 ||
         (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F) || c == 0xFE2E ||
         c == 0xFE2F || (c >= 0x1E030 && c <= 0x1E08F);
}

/// A 128-entry membership table for ASCII, built at compile time.
struct AsciiSet {
  bool in[128] = {};
  constexpr AsciiSet(std::string_view chars, bool alnum) {
    for (char c : chars) in[static_cast<unsigned char>(c)] = true;
    if (alnum)
      for (int c = 0; c < 128; ++c)
        if (is_ascii_alnum(static_cast<char32_t>(c))) in[c] = true;
  }
  constexpr bool operator()(char32_t c) const { return c < 128 && in[c]; }
};

// ---------------------------------------------------------------------------------------
// URL character classes, per rule
// ---------------------------------------------------------------------------------------

// js/src/regexp/validUrlPrecedingChars.js (rb :valid_url_preceding_chars):
// (?:[^A-Za-z0-9@＠$#＃#{invalidCharsGroup}]|[#{directionalMarkersGroup}]|^)
constexpr bool url_preceding_ok(char32_t c) {
  if (c < 0x80) return !(is_ascii_alnum(c) || c == '@' || c == '$' || c == '#');
  return c != 0xFF20 && c != 0xFF03 && c != 0xFFFE && c != 0xFEFF && c != 0xFFFF;
}

// Non-ASCII characters outside every domain label (both rules): spaces, the invalid
// characters U+FFFE/FEFF/FFFF and the directional marks (js/src/regexp/invalidDomainChars.js,
// rb DOMAIN_VALID_CHARS).
inline bool non_ascii_domain_char(char32_t c) {
  if (c == kBad || is_tt_space(c)) return false;
  if (c == 0xFFFE || c == 0xFEFF || c == 0xFFFF) return false;
  if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2066 && c <= 0x2069))
    return false;
  return true;
}

// JS validDomainChars: [^#{punct}#{spacesGroup}#{invalidCharsGroup}#{directionalMarkersGroup}]
// where punct = !'#%&'()*+,\-./:;<=>?@[]^_{|}~$ and a backslash (no `"`, no backtick).
struct JsDomainAscii {
  bool in[128] = {};
  constexpr JsDomainAscii() {
    for (int c = 0; c < 128; ++c) in[c] = true;
    for (char c : std::string_view("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"))
      in[static_cast<unsigned char>(c)] = false;
    for (int c = 0x09; c <= 0x0D; ++c) in[c] = false;
    in[0x20] = false;
  }
};
// Ruby DOMAIN_VALID_CHARS: [^directional PUNCTUATION_CHARS SPACE_CHARS CTRL_CHARS invalid
// UNICODE_SPACES], PUNCTUATION_CHARS = !"#$%&'()*+,-./:;<=>?@[]^_`{|}~, CTRL = \x00-\x1F\x7F.
struct RbDomainAscii {
  bool in[128] = {};
  constexpr RbDomainAscii() {
    for (int c = 0x21; c < 0x7F; ++c) in[c] = true;
    for (char c : std::string_view("!\"#$%&'()*+,-./:;<=>?@[]^_`{|}~"))
      in[static_cast<unsigned char>(c)] = false;
  }
};
constexpr JsDomainAscii kJsDomainAscii;
constexpr RbDomainAscii kRbDomainAscii;

// JS validGeneralUrlPathChars:
// [a-z#{cyrillicLettersAndMarks}0-9!\*';:=\+,\.\$\/%#\[\]\-\u2013_~@\|&#{latinAccentChars}]/i
// Under /i (ECMA-262 Canonicalize) the non-ASCII part also takes the characters that
// canonicalize like a Cyrillic or Latin member (U+2013 has no case).
constexpr AsciiSet kJsPathAscii("!*';:=+,.$/%#[]-_~@|&", true);
inline bool js_path_char(char32_t c) {
  if (c < 0x80) return kJsPathAscii(c);
  return is_js_cyrillic(c) || c == 0x2013 || is_latin_accent(c) || js_fold_extra(c);
}
// JS validUrlPathEndingChars: [\+\-a-z#{cyrillicLettersAndMarks}0-9=_#\/#{latinAccentChars}]/i,
// the same way.
constexpr AsciiSet kJsPathEndAscii("+-=_#/", true);
inline bool js_path_end_char(char32_t c) {
  if (c < 0x80) return kJsPathEndAscii(c);
  return is_js_cyrillic(c) || is_latin_accent(c) || js_fold_extra(c);
}
// JS validUrlQueryChars [a-z0-9!?\*'@\(\);:&=\+\$\/%#\[\]\-_\.,~|]/i and
// validUrlQueryEndingChars [a-z0-9\-_&=#\/]/i.
constexpr AsciiSet kJsQueryAscii("!?*'@();:&=+$/%#[]-_.,~|", true);
constexpr AsciiSet kJsQueryEndAscii("-_&=#/", true);

// Ruby regex.rb :valid_general_url_path_chars (the original twitter-text class, still used
// inside Mastodon's ending chars):
// [a-z\p{Cyrillic}0-9!\*';:=\+\,\.\$\/%#\[\]\p{Pd}_~&\|@#{LATIN_ACCENTS}]/i
// Under /i Onigmo closes the class under case folding (CaseFolding.txt C), which adds
// characters outside the listed ranges whose folding is inside: K U+212A (k), Å U+212B (å),
// ι Ι ι U+03B9 U+0399 U+1FBE (U+0345 in U+0300-036F folds to ι) and the lowercase partners
// of capitals in U+0100-024F (found with node's /ui over every code point, Unicode 17;
// U+A7DC is new in 16.0).
constexpr bool rb_path_fold_extra(char32_t c) {
  switch (c) {
    case 0x0260:
    case 0x0269:
    case 0x0275:
    case 0x0280:
    case 0x0283:
    case 0x0288:
    case 0x028A:
    case 0x028C:
    case 0x0292:
    case 0x0399:
    case 0x03B9:
    case 0x1FBE:
    case 0x212A:
    case 0x212B:
    case 0x2C65:
    case 0x2C66:
    case 0x2C7E:
    case 0x2C7F:
    case 0xA7DC: return true;
    default: return false;
  }
}
constexpr AsciiSet kRbPathAscii("!*';:=+,.$/%#[]-_~&|@", true);
inline bool rb_path_char(char32_t c) {
  if (c < 0x80) return kRbPathAscii(c);
  return is_script_cyrillic(c) || (cc(c) & tb::kCcDash) || is_latin_accent(c) ||
         rb_path_fold_extra(c);
}
// mastodon twitter_regex.rb: valid_general_url_path_chars = [^\p{White_Space}<>()?]
inline bool masto_path_char(char32_t c) {
  if (c == kBad || is_white_space(c)) return false;
  return !(c == '<' || c == '>' || c == '(' || c == ')' || c == '?');
}
// mastodon twitter_regex.rb: valid_url_path_ending_chars =
// [^\p{White_Space}()?!*"'「」<>;:=,.$%\[\]~&|@] | (the original balanced parens)
constexpr AsciiSet kMastoNotPathEnd("()?!*\"'<>;:=,.$%[]~&|@", false);
inline bool masto_path_end_char(char32_t c) {
  if (c == kBad || is_white_space(c) || c == 0x300C || c == 0x300D) return false;
  return !kMastoNotPathEnd(c);
}
// mastodon UCHARS (RFC 3987 ucschar + iprivate) for the query.
constexpr bool is_uchar(char32_t c) {
  if (c >= 0xA0 && c <= 0xD7FF) return true;
  if ((c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF)) return true;
  if (c >= 0xE000 && c <= 0xF8FF) return true;
  if (c >= 0x10000 && c <= 0x10FFFF) {
    if ((c & 0xFFFF) >= 0xFFFE) return false;
    if (c >= 0xE0000 && c <= 0xE0FFF) return false;
    return true;
  }
  return false;
}
// valid_url_query_chars = [a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@\^#{UCHARS}]/i,
// valid_url_query_ending_chars = [a-z0-9_&=#/\-#{UCHARS}]/i
constexpr AsciiSet kMastoQueryAscii("!?*'();:&=+$/%#[]-_.,~|@^", true);
constexpr AsciiSet kMastoQueryEndAscii("_&=#/-", true);

// The label characters of JS validAsciiDomain: [\-a-z0-9#{latinAccentChars}]/i, where /i
// (ECMA-262 Canonicalize) adds ʀ, ι, Ȿ, ... (js_latin_accent_ci).
inline bool ascii_domain_label_char(char32_t c) {
  if (c < 0x80) return is_ascii_alnum(c) || c == '-';
  return js_latin_accent_ci(c);
}

// ---------------------------------------------------------------------------------------
// TLDs and punycode
// ---------------------------------------------------------------------------------------

inline char32_t fold_tld_char(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  const auto* b = std::begin(tb::kTldCasePairs);
  const auto* e = std::end(tb::kTldCasePairs);
  const auto* it =
      std::lower_bound(b, e, c, [](const tb::TldCasePair& p, char32_t v) { return p.upper < v; });
  return (it != e && it->upper == c) ? it->lower : c;
}

// Mastodon's regexes are Ruby regexps with /i, and Onigmo matches non-ASCII text under /i
// by full Unicode case folding (CaseFolding.txt statuses C and F): a character matches what
// its folding matches, and a character that folds to several (ß -> ss) matches them as a
// string. The foldings below are those that reach the characters of TLDs and schemes,
// found by running the full case folding (Python's str.casefold, Unicode 14) over every
// code point; node's /ui (simple folding, Unicode 17) finds the same single ones.
// X's are JavaScript regexps with /i but without /u, which canonicalize by toUpperCase to
// one code unit and never map a non-ASCII character to an ASCII one (ECMA-262
// Canonicalize): no multi-character foldings and no ſ or K there (node, twitter-text
// 3.1.0's extractUrlsWithIndices: no URL in `http://a.\u212Ar`, `\u017Fsb://a.com` or
// `https://mieli.\uFB01/x`), but ϵ and ᲀ..ᲅ, which uppercase like ε and в д о с т, do
// spell TLDs there; the X rule folds with js_case_key.

/// The full case folding of a non-ASCII character that folds to ASCII letters only:
/// ſ U+017F -> s, K U+212A -> k, ß U+00DF and ẞ U+1E9E -> ss, the ligatures U+FB00..FB06
/// -> ff fi fl ffi ffl st st. Empty for every other character.
constexpr std::string_view masto_fold_to_ascii(char32_t c) {
  switch (c) {
    case 0x017F: return "s";
    case 0x212A: return "k";
    case 0x00DF:
    case 0x1E9E: return "ss";
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05:
    case 0xFB06: return "st";
    default: return {};
  }
}

/// Characters that fold into an ASCII letter by themselves (CaseFolding C): under /i they
/// belong to every class that holds that letter, so Mastodon's [a-z] takes them and its
/// [^a-z] does not.
constexpr bool masto_folds_to_ascii_letter(char32_t c) { return c == 0x017F || c == 0x212A; }

/// The case folding of non-ASCII `c` onto a TLD's non-ASCII character (a TLD is its own
/// folding): the simple lowercase pairs of tlds.hpp and the foldings that are no lowercase
/// mapping, ϵ U+03F5 -> ε and the Cyrillic small letter variants U+1C80..1C85 -> в д о с т т.
inline char32_t masto_fold_tld_char(char32_t c) {
  switch (c) {
    case 0x03F5: return 0x03B5;
    case 0x1C80: return 0x0432;
    case 0x1C81: return 0x0434;
    case 0x1C82: return 0x043E;
    case 0x1C83: return 0x0441;
    case 0x1C84:
    case 0x1C85: return 0x0442;
    default: return fold_tld_char(c);
  }
}

inline bool is_known_tld(std::string_view s) {
  const auto* b = std::begin(tb::kTlds);
  const auto* e = std::end(tb::kTlds);
  const auto* it = std::lower_bound(b, e, s);
  return it != e && *it == s;
}

/// The lookahead after a TLD, (?=[^0-9a-zA-Z@+-]|$): true if `c` blocks it.
constexpr bool blocks_tld(char32_t c) {
  return is_ascii_alnum(c) || c == '@' || c == '+' || c == '-';
}

/// RFC 3492 (punycode) encoded length of the code points of [b, e), "xn--" included when
/// it has a non-ASCII character (punycode.toASCII of one part); any value > 63 means "too long".
std::size_t punycode_part_length(const Text& t, std::size_t b, std::size_t e, char32_t first = 0) {
  // `first`, when nonzero, stands for the code point at b (a lone surrogate of JS).
  auto at = [&](std::size_t i) {
    Cp c = t.at(i);
    if (i == b && first) c.cp = first;
    return c;
  };
  std::size_t total = 0, basic = 0;
  for (std::size_t i = b; i < e;) {
    const Cp c = at(i);
    ++total;
    if (c.cp < 0x80) ++basic;
    i += c.len;
  }
  if (basic == total) return total;
  if (4 + total > 63) return 64;  // every code point yields at least one character
  constexpr std::uint64_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700;
  auto adapt = [](std::uint64_t delta, std::uint64_t points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    std::uint64_t k = 0;
    while (delta > ((kBase - kTmin) * kTmax) / 2) {
      delta /= kBase - kTmin;
      k += kBase;
    }
    return k + (kBase - kTmin + 1) * delta / (delta + kSkew);
  };
  std::size_t out = basic + (basic > 0 ? 1 : 0);
  std::uint64_t n = 0x80, delta = 0, bias = 72, h = basic;
  while (h < total) {
    std::uint64_t m = UINT64_MAX;
    for (std::size_t i = b; i < e;) {
      const Cp c = at(i);
      if (c.cp >= n && c.cp < m) m = c.cp;
      i += c.len;
    }
    delta += (m - n) * (h + 1);
    n = m;
    for (std::size_t i = b; i < e;) {
      const Cp c = at(i);
      i += c.len;
      if (c.cp < n) ++delta;
      if (c.cp == n) {
        std::uint64_t q = delta;
        for (std::uint64_t k = kBase;; k += kBase) {
          const std::uint64_t th = k <= bias ? kTmin : (k >= bias + kTmax ? kTmax : k - bias);
          if (q < th) break;
          ++out;
          q = (q - th) / (kBase - th);
        }
        ++out;
        bias = adapt(delta, h + 1, h == basic);
        delta = 0;
        ++h;
      }
    }
    ++delta;
    ++n;
    if (4 + out > 63) return 64;
  }
  return 4 + out;
}

/// Calls f(b, e) for each part of the label [b, e) split at the IDNA label separators
/// U+3002, U+FF0E, U+FF61 (punycode.js mapDomain, for X; Mastodon's hosts go through
/// libidn itself, masto_domain_ok).
template <class F>
void for_each_idna_part(const Text& t, std::size_t b, std::size_t e, F&& f) {
  std::size_t part = b;
  for (std::size_t i = b; i < e;) {
    const Cp c = t.at(i);
    if (c.cp == 0x3002 || c.cp == 0xFF0E || c.cp == 0xFF61) {
      f(part, i);
      part = i + c.len;
    }
    i += c.len;
  }
  f(part, e);
}

// ---------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------

/// One match of the URL regex: $2 the preceding character (or none for ^), $3 the URL
/// [start, end), $4 the protocol [start, host), $5 the domain [host, domain_end), $7 a path.
struct RawUrl {
  std::size_t before = npos;
  std::size_t start = 0;
  std::size_t host = 0;
  std::size_t domain_end = 0;
  std::size_t end = 0;
  bool has_path = false;
  bool low_half = false;  ///< JS: the URL starts at the low surrogate of the character at start
};

/// The URL regex of twitter-text (Masto = false: JS 3.1.0, js/src/regexp/extractUrl.js) or
/// of Mastodon (Masto = true: Ruby 3.1.0 regex.rb :valid_url with twitter_regex.rb's
/// patches), scanned globally like String#replace / String#scan:
///   (validUrlPrecedingChars)((https?://)?(validDomain)(?::(\d+))?(/validUrlPath*)?(\?Q*QE)?)
template <bool Masto>
class UrlScanner {
 public:
  explicit UrlScanner(std::string_view text) : t_(text), n_(text.size()) {}

  /// Calls sink(const UrlMatch&) for each URL the platform links, in text order.
  template <class Sink>
  void run(Sink&& sink) {
    // Prechecks of extract_urls_with_indices: a '.' (JS, extractUrlsWithoutProtocol) or a
    // ':' (Ruby, extract_url_without_protocol: false).
    const std::string_view all(reinterpret_cast<const char*>(t_.data()), n_);
    std::size_t stop;
    if constexpr (Masto) {
      // Only URLs with a scheme count; every one has a "://" after its start.
      stop = last_scheme_separator();
      if (stop == npos || all.find('.') == npos) return;
    } else {
      stop = last_byte('.');  // every URL's domain has a '.' after its start
      if (stop == npos) return;
    }
    std::size_t pos = 0;
    RawUrl m;
    std::size_t dot = npos, window = 0;
    while (pos < stop) {
      bool found = false;
      for (std::size_t p = pos; p < stop;) {
        // Skip ahead: a match's domain reaches the first '.' after p through label
        // characters only (after at most a 9-byte scheme), so it starts in or just before
        // the run of label characters that ends at that '.'.
        if (dot == npos || p >= dot) {
          dot = all.find('.', p + 1);
          // A dot that no label can follow (". ", ".)", a final '.') is in no domain, and
          // no URL starts before it either: its domain would reach this dot first. Most
          // dots in a post end sentences.
          while (dot != npos && !label_may_follow(dot)) dot = all.find('.', dot + 1);
          if (dot == npos) return;
          window = label_run_start(p, dot);
        }
        if (window > p + kSkipMargin) {
          // The preceding character takes at most 4 bytes; a scheme before the run ends
          // with "://" and takes at most 9 ("gemini://").
          const std::size_t margin = t_.starts_with(window - 3, "://") ? kSkipMargin : 4;
          p = align_back(window - margin);
        }
        const unsigned char b = t_.byte(p);
        if (b < 0x80) {
          if (kPrecedingAscii.in[b] && try_url(p + 1, m)) {
            m.before = p;
            found = true;
            break;
          }
          if (p == 0 && try_url(0, m)) {
            m.before = npos;
            found = true;
            break;
          }
          ++p;
          continue;
        }
        const Cp c = t_.at(p);
        if constexpr (!Masto) {
          // JS scans UTF-16: before an astral character's own attempts, its high surrogate
          // is a valid preceding character for a URL that starts at its low surrogate (a
          // domain character): the domain then takes the whole character.
          if (c.len == 4 && try_url_low_half(p, m)) {
            m.before = p;
            found = true;
            break;
          }
        }
        if (!Masto && p == 0 && c.len == 4 && try_url(0, m)) {  // the high surrogate's ^
          m.before = npos;
          found = true;
          break;
        }
        if (preceding_ok(c.cp) && try_url(p + c.len, m)) {
          m.before = p;
          found = true;
          break;
        }
        if (p == 0 && (Masto || c.len != 4) && try_url(0, m)) {
          m.before = npos;
          found = true;
          break;
        }
        p += c.len;
      }
      if (!found) return;
      pos = m.end;
      if constexpr (Masto) {
        emit_mastodon(m, sink);
      } else {
        emit_twitter(m, sink);
      }
    }
  }

 private:
  struct PrecedingAscii {
    bool in[128] = {};
    constexpr PrecedingAscii() {
      for (int c = 0; c < 128; ++c) in[c] = url_preceding_ok(static_cast<char32_t>(c));
    }
  };
  static constexpr PrecedingAscii kPrecedingAscii{};

  /// valid_url_preceding_chars for a non-ASCII character. Ruby's is /io, so its [^A-Z...]
  /// also leaves out ſ and K, which fold into A-Z (masto_folds_to_ascii_letter).
  static bool preceding_ok(char32_t c) {
    return url_preceding_ok(c) && !(Masto && masto_folds_to_ascii_letter(c));
  }

  /// Position of the last byte `c`, or npos (memrchr: string_view::rfind is a byte loop).
  std::size_t last_byte(unsigned char c, std::size_t end = npos) const {
    const std::size_t len = std::min(end, n_);
    if (len == 0) return npos;  // an empty view may have a null data(): memrchr's pointer must not be null
    const void* hit = ::memrchr(t_.data(), c, len);
    return hit ? static_cast<std::size_t>(static_cast<const unsigned char*>(hit) - t_.data())
               : npos;
  }

  /// Position of the last "://", or npos.
  std::size_t last_scheme_separator() const {
    for (std::size_t end = n_; end > 0;) {
      const std::size_t colon = last_byte(':', end);
      if (colon == npos) return npos;
      if (t_.starts_with(colon, "://")) return colon;
      end = colon;
    }
    return npos;
  }

  /// Bytes before a label run where a match may still start: the preceding character (at
  /// most 4 bytes) and the longest scheme ("gemini://", 9 bytes), with room to spare.
  static constexpr std::size_t kSkipMargin = 16;

  /// The start of the character that holds byte i (a stray continuation byte is one).
  std::size_t align_back(std::size_t i) const {
    if ((t_.byte(i) & 0xC0) != 0x80) return i;
    std::size_t j = i;
    while (j > 0 && i - j < 3 && (t_.byte(j) & 0xC0) == 0x80) --j;
    return (t_.byte(j) & 0xC0) != 0x80 && j + t_.at(j).len > i ? j : i;
  }

  /// Start of the run of label characters that ends at `dot` (not before p).
  // Can a domain label start just after the '.' at `dot`? Its first character is a domain
  // character or a TLD's letter; any non-ASCII byte may start one (IDN).
  bool label_may_follow(std::size_t dot) const {
    if (dot + 1 >= n_) return false;
    const unsigned char b = t_.byte(dot + 1);
    return b >= 0x80 || is_ascii_alnum(b) || domain_char(b);
  }

  std::size_t label_run_start(std::size_t p, std::size_t dot) const {
    std::size_t w = dot;
    while (w > p) {
      const Cp c = t_.before(w);
      if (!label_char(c.cp)) break;
      w -= c.len;
    }
    return w;
  }

  // --- character classes of this rule ---

  static bool domain_char(char32_t c) {
    if (c < 0x80) return Masto ? kRbDomainAscii.in[c] : kJsDomainAscii.in[c];
    return non_ascii_domain_char(c);
  }
  static bool path_char(char32_t c) { return Masto ? masto_path_char(c) : js_path_char(c); }
  static bool path_end_char(char32_t c) {
    return Masto ? masto_path_end_char(c) : js_path_end_char(c);
  }
  static bool query_char(char32_t c) {
    if (c < 0x80) return Masto ? kMastoQueryAscii(c) : kJsQueryAscii(c);
    return Masto && is_uchar(c);
  }
  static bool query_end_char(char32_t c) {
    if (c < 0x80) return Masto ? kMastoQueryEndAscii(c) : kJsQueryEndAscii(c);
    return Masto && is_uchar(c);
  }

  // --- protocol ---

  // JS (https?:\/\/)?; Mastodon ((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?, /i.
  std::size_t match_protocol(std::size_t s) const {
    if (s >= n_) return 0;
    const unsigned char b = t_.byte(s) | 0x20;
    if (b == 'h') {
      if (t_.starts_with_ci(s, "http://")) return 7;
      if (t_.starts_with_ci(s, "https://")) return 8;
      if constexpr (!Masto) return 0;
    }
    if constexpr (Masto) {
      static constexpr std::string_view kSchemes[] = {"dat://", "dweb://",   "ipfs://",  "ipns://",
                                                      "ssb://", "gopher://", "gemini://"};
      if (b == 'd' || b == 'i' || b == 's' || b == 'g')
        for (std::string_view s2 : kSchemes)
          if (t_.starts_with_ci(s, s2)) return s2.size();
      // The schemes that ſ, ß or ẞ can spell start with h, i, s or one of those (first
      // bytes 0xC5, 0xC3, 0xE1, which `| 0x20` makes 0xE5, 0xE3, 0xE1).
      if (b == 'h' || b == 'i' || b == 's' || b == 0xE5 || b == 0xE3 || b == 0xE1)
        return match_protocol_folded(s);
    }
    return 0;
  }

  /// Mastodon's scheme spelled with characters that Onigmo's /i folds to ASCII letters
  /// (masto_fold_to_ascii): `\u017Fsb://`, `\u00DFb://`, `http\u017F://`. Of those only
  /// ſ (s), ß and ẞ (ss) reach a scheme's letters; "ss" occurs only in "ssb", inside one
  /// string of the alternation, while `https?` is "http" then a separate `s?`, which ſ can
  /// match and ß cannot. So the folded word must equal a scheme. Returns the scheme's
  /// length in bytes with "://", or 0.
  std::size_t match_protocol_folded(std::size_t s) const {
    char word[6];
    std::size_t w = 0;
    std::size_t i = s;
    bool folded = false;
    while (i < n_) {
      const unsigned char b = t_.byte(i);
      if (b < 0x80) {
        if (!is_ascii_letter(b)) break;
        if (w == sizeof word) return 0;
        word[w++] = static_cast<char>(b | 0x20);
        ++i;
        continue;
      }
      const Cp c = t_.at(i);
      if (c.cp != 0x017F && c.cp != 0x00DF && c.cp != 0x1E9E) return 0;
      const std::string_view f = masto_fold_to_ascii(c.cp);
      if (w + f.size() > sizeof word) return 0;
      std::memcpy(word + w, f.data(), f.size());
      w += f.size();
      i += c.len;
      folded = true;
    }
    if (!folded || !t_.starts_with(i, "://")) return 0;
    static constexpr std::string_view kWords[] = {"http", "https",  "dat",    "dweb",  "ipfs",
                                                  "ipns", "ssb",    "gopher", "gemini"};
    const std::string_view got(word, w);
    for (std::string_view scheme : kWords)
      if (got == scheme) return i + 3 - s;
    return 0;
  }

  // --- TLD ---

  /// End of the TLD that starts at t, or npos: (?:validGTLD|validCCTLD|validPunycode) where
  /// each list alternative is followed by (?=[^0-9a-zA-Z@+-]|$) with `$` at `limit`. Where
  /// two TLDs match (भारतम्/भारत, 嘉里大酒店/嘉里) the regexes list the longer first.
  std::size_t match_tld(std::size_t t, std::size_t limit) const {
    char buf[4 * tb::kTldMaxCodePoints + 4];
    std::size_t buf_len[tb::kTldMaxCodePoints];
    std::size_t text_end[tb::kTldMaxCodePoints];
    std::size_t candidates = 0;
    std::size_t used = 0;
    std::size_t i = t;
    for (std::size_t k = 0; k < tb::kTldMaxCodePoints && i < limit; ++k) {
      const Cp c = t_.at(i);
      if (c.cp < 0x80) {
        if (!is_ascii_letter(c.cp)) break;
        buf[used++] = static_cast<char>(c.cp | 0x20);
      } else {
        if (c.cp == kBad) break;
        if constexpr (Masto) {
          // Onigmo /i: full case folding (masto_fold_to_ascii). A TLD can only end after a
          // whole character: a string node never matches part of a character's folding.
          const std::string_view f = masto_fold_to_ascii(c.cp);
          if (!f.empty()) {
            std::memcpy(buf + used, f.data(), f.size());
            used += f.size();
          } else {
            used += encode(masto_fold_tld_char(c.cp), buf + used).size();
          }
        } else {
          // JS /i: the TLD's character or any with its canonical form (ECMA-262
          // Canonicalize, js_case_key: Ε, ϵ for ε; О, ᲂ for о).
          used += encode(js_case_key(c.cp), buf + used).size();
        }
      }
      i += c.len;
      if (i >= limit || !tld_blocked_by(t_.at(i).cp)) {
        buf_len[candidates] = used;
        text_end[candidates] = i;
        ++candidates;
      }
    }
    while (candidates > 0) {
      --candidates;
      if (is_known_tld(std::string_view(buf, buf_len[candidates]))) return text_end[candidates];
    }
    // JS validPunycode (?:xn--[\-0-9a-z]+); Ruby :valid_punycode (?:xn--[0-9a-z]+); /i,
    // which in Ruby also lets [0-9a-z] take ſ and K (masto_folds_to_ascii_letter).
    if (limit - t > 4 && t_.starts_with_ci(t, "xn--")) {
      std::size_t e = t + 4;
      while (e < limit) {
        const unsigned char b = t_.byte(e);
        if (is_ascii_alnum(b) || (!Masto && b == '-')) {
          ++e;
          continue;
        }
        if (!Masto || b < 0x80) break;
        const Cp c = t_.at(e);
        if (!masto_folds_to_ascii_letter(c.cp) || e + c.len > limit) break;
        e += c.len;
      }
      if (e > t + 4) return e;
    }
    return npos;
  }

  /// True if `c` fails the lookahead after a TLD, (?=[^0-9a-zA-Z@+-]|$) (JS) or
  /// (?=[^0-9a-z@+-]|$) under Ruby's /i, where the class also holds ſ and K.
  static bool tld_blocked_by(char32_t c) {
    return blocks_tld(c) || (Masto && masto_folds_to_ascii_letter(c));
  }

  static std::string_view encode(char32_t c, char* out) {
    std::size_t n = 0;
    if (c < 0x80) {
      out[n++] = static_cast<char>(c);
    } else if (c < 0x800) {
      out[n++] = static_cast<char>(0xC0 | (c >> 6));
      out[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out[n++] = static_cast<char>(0xE0 | (c >> 12));
      out[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[n++] = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out[n++] = static_cast<char>(0xF0 | (c >> 18));
      out[n++] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out[n++] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[n++] = static_cast<char>(0x80 | (c & 0x3F));
    }
    return {out, n};
  }

  // --- domain ---
  //
  // validDomain = validSubdomain* validDomainName (TLD), where
  //   validSubdomain  = (?:(?:DC(?:[_-]|DC)*)?DC\.)   a label of DC, '_', '-' that starts
  //   validDomainName = (?:(?:DC(?:-|DC)*)?DC\.)      and ends with DC, then a '.'
  // DC = validDomainChars. Labels hold no '.', so from a start s the labels are fixed:
  // label 0 .. label k-1 are valid and followed by '.', label k is not. The greedy
  // subdomain* tries j = k-1 .. 0 subdomains: the match is the largest j whose label j has
  // no '_' and whose next position starts a TLD. Two memos keep this linear: the run of
  // label characters that holds s (label 0 for every s in it), and the chain of labels after
  // a label-0 dot (the best j >= 1 does not depend on s).

  static bool label_char(char32_t c) { return domain_char(c) || c == '-' || c == '_'; }

  void scan_run(std::size_t s) {
    run_lo_ = s;
    run_last_us_ = npos;
    bool last_dc = false;
    std::size_t i = s;
    while (i < n_) {
      const Cp c = t_.at(i);
      const bool dc = domain_char(c.cp);
      if (!dc && c.cp != '-' && c.cp != '_') break;
      if (c.cp == '_') run_last_us_ = i;
      last_dc = dc;
      i += c.len;
    }
    run_hi_ = i;
    run_last_dc_ = last_dc;
  }

  void scan_chain(std::size_t dot) {
    chain_lo_ = dot;
    best_dot_ = npos;
    best_end_ = npos;
    std::size_t b = dot + 1;
    for (;;) {
      std::size_t e = b;
      bool first_dc = false, last_dc = false, underscore = false;
      while (e < n_) {
        const Cp c = t_.at(e);
        const bool dc = domain_char(c.cp);
        if (!dc && c.cp != '-' && c.cp != '_') break;
        if (e == b) first_dc = dc;
        last_dc = dc;
        underscore = underscore || c.cp == '_';
        e += c.len;
      }
      if (e == b || !first_dc || !last_dc || e >= n_ || t_.byte(e) != '.') {
        chain_hi_ = b;
        return;
      }
      if (!underscore) {
        const std::size_t tld = match_tld(e + 1, n_);
        if (tld != npos) {
          best_dot_ = e;
          best_end_ = tld;
        }
      }
      b = e + 1;
    }
  }

  /// End of the domain that validDomain matches at s, or npos.
  std::size_t match_domain(std::size_t s) {
    if (s >= n_ || !domain_char(t_.at(s).cp)) return npos;
    if (!(run_lo_ <= s && s < run_hi_)) scan_run(s);
    const std::size_t dot = run_hi_;
    if (dot >= n_ || t_.byte(dot) != '.' || !run_last_dc_) return npos;
    if (!(chain_lo_ <= dot && dot < chain_hi_)) scan_chain(dot);
    if (best_dot_ != npos && best_dot_ > dot) return best_end_;
    if (run_last_us_ == npos || run_last_us_ < s) return match_tld(dot + 1, n_);
    return npos;
  }

  // --- path and query ---

  /// End of a balanced-paren group "(" at i: \((?:G+|G*\(G+\)G*)\) with G = `path`, or npos.
  template <class G>
  std::size_t match_parens(std::size_t i, G&& path) const {
    return match_parens_runs(i, [&](std::size_t k) {
      while (k < n_) {
        const Cp c = t_.at(k);
        if (!path(c.cp)) break;
        k += c.len;
      }
      return k;
    });
  }

  /// The same with `run(k)` = the end of the run of G that starts at k.
  template <class Run>
  std::size_t match_parens_runs(std::size_t i, Run&& run) const {
    std::size_t j = i + 1;
    const std::size_t a = run(j);
    if (a >= n_) return npos;
    if (t_.byte(a) == ')') return a > j ? a + 1 : npos;
    if (t_.byte(a) != '(') return npos;
    const std::size_t b = run(a + 1);
    if (b == a + 1 || b >= n_ || t_.byte(b) != ')') return npos;
    const std::size_t c = run(b + 1);
    if (c >= n_ || t_.byte(c) != ')') return npos;
    return c + 1;
  }

  /// End of the run of twitter-text's original Ruby path characters at k (rb_path_char).
  /// Under /i Onigmo also gives a class the full case folding of each of its characters
  /// as an alternative string; of those only ŉ U+0149 -> ʼn (U+02BC n) and ẚ U+1E9A -> aʾ
  /// (a U+02BE) hold characters from outside the class, so ʼ counts before n or N and ʾ
  /// after a or A of the same run.
  std::size_t rb_path_run(std::size_t k) const {
    const std::size_t start = k;
    while (k < n_) {
      const Cp c = t_.at(k);
      if (rb_path_char(c.cp)) {
        k += c.len;
      } else if (c.cp == 0x02BC && k + c.len < n_ && (t_.byte(k + c.len) | 0x20) == 'n') {
        k += c.len + 1;
      } else if (c.cp == 0x02BE && k > start && (t_.byte(k - 1) | 0x20) == 'a') {
        k += c.len;
      } else {
        break;
      }
    }
    return k;
  }

  /// End of `/validUrlPath*` after the '/' at i-1.
  ///
  /// JS: js/src/regexp/validUrlPath.js splices validUrlPathEndingChars (`[...]|(?:BP)`) into
  /// its source ungrouped, so its alternation splits the unit: validUrlPath =
  /// (?: G* (BP G*)* [ending chars] | BP | @G+/ ). Each unit is the longest prefix of the
  /// run of path characters and balanced-paren groups (BP) that ends with an ending
  /// character, else one BP; the '@' unit never adds anything (its '/' is an ending char).
  ///
  /// Ruby interpolates Regexp objects as groups, so there validUrlPath = G* (BP G*)* E with
  /// E = an ending character or a BP: the longest prefix of the run that ends with either.
  /// In Mastodon's patch E embeds twitter-text's original BP (made of the original G), so a
  /// trailing group counts only if its characters are all in the original class.
  std::size_t scan_path(std::size_t i) const {
    auto parens = [&](std::size_t q) {
      return match_parens(q, [](char32_t x) { return path_char(x); });
    };
    if constexpr (!Masto) {
      std::size_t q = i;
      for (;;) {
        std::size_t p = q, last_end = npos;
        while (p < n_) {
          const Cp c = t_.at(p);
          if (c.cp == '(') {
            const std::size_t e = parens(p);
            if (e == npos) break;
            p = e;
            continue;
          }
          if (!path_char(c.cp)) break;
          p += c.len;
          if (path_end_char(c.cp)) last_end = p;
        }
        if (last_end != npos) {
          q = last_end;
          continue;
        }
        // No ending character up to p: from here only groups standing alone extend it.
        while (q < p && t_.byte(q) == '(') q = parens(q);
        return q;
      }
    } else {
      std::size_t best = i;
      std::size_t q = i;
      while (q < n_) {
        const Cp c = t_.at(q);
        if (c.cp == '(') {
          const std::size_t e = parens(q);
          if (e == npos) break;
          if (match_parens_runs(q, [&](std::size_t k) { return rb_path_run(k); }) == e) best = e;
          q = e;
          continue;
        }
        if (!path_char(c.cp)) break;
        q += c.len;
        if (path_end_char(c.cp)) best = q;
      }
      return best;
    }
  }

  /// End of (\?Q*QE) after the '?' at i-1 (the longest prefix that ends with QE), or npos.
  std::size_t scan_query(std::size_t i, std::size_t limit) const {
    std::size_t best = npos;
    std::size_t q = i;
    while (q < limit) {
      const Cp c = t_.at(q);
      if (!query_char(c.cp)) break;
      q += c.len;
      if (query_end_char(c.cp)) best = q;
    }
    return best;
  }

  /// The URL part of the regex at s (after its preceding character).
  bool try_url(std::size_t s, RawUrl& m) {
    if (s >= n_) return false;
    const std::size_t proto = match_protocol(s);
    const std::size_t host = s + proto;
    // Without the protocol the domain would start with the scheme name, which a ':'
    // follows: no label ends there, so a failed domain after a scheme fails the match.
    const std::size_t domain_end = match_domain(host);
    if (domain_end == npos) return false;
    finish_url(s, host, domain_end, m);
    m.low_half = false;
    return true;
  }

  /// JS only: the URL part at the low surrogate of the astral character at s (no protocol
  /// can start there; the domain's first label starts with the lone low surrogate).
  bool try_url_low_half(std::size_t s, RawUrl& m) {
    const std::size_t domain_end = match_domain(s);
    if (domain_end == npos) return false;
    finish_url(s, s, domain_end, m);
    m.low_half = true;
    return true;
  }

  /// Port, path and query after the domain; fills m.
  void finish_url(std::size_t s, std::size_t host, std::size_t domain_end, RawUrl& m) const {
    std::size_t q = domain_end;
    if (q + 1 < n_ && t_.byte(q) == ':' && is_ascii_digit(t_.byte(q + 1))) {  // (?::(\d+))?
      q += 2;
      while (q < n_ && is_ascii_digit(t_.byte(q))) ++q;
    }
    bool has_path = false;
    if (q < n_ && t_.byte(q) == '/') {
      has_path = true;
      q = scan_path(q + 1);
    }
    if (q < n_ && t_.byte(q) == '?') {
      const std::size_t e = scan_query(q + 1, n_);
      if (e != npos) q = e;
    }
    m.start = s;
    m.host = host;
    m.domain_end = domain_end;
    m.end = q;
    m.has_path = has_path;
  }

  // --- post-processing ---

  /// JS validAsciiDomain, /g, run over the domain [from, end):
  /// (?:(?:[\-a-z0-9#{latinAccentChars}]+)\.)+(?:validGTLD|validCCTLD|validPunycode).
  /// Finds the next match at or after `from`; a failed start fails for its whole chain.
  bool next_ascii_domain(std::size_t& from, std::size_t end, Span& out) const {
    std::size_t i = from;
    while (i < end) {
      const Cp c = t_.at(i);
      if (!ascii_domain_label_char(c.cp)) {
        i += c.len;
        continue;
      }
      std::size_t b = i, best = npos, e = i;
      for (;;) {
        e = b;
        while (e < end) {
          const Cp d = t_.at(e);
          if (!ascii_domain_label_char(d.cp)) break;
          e += d.len;
        }
        if (e == b || e >= end || t_.byte(e) != '.') break;
        const std::size_t tld = match_tld(e + 1, end);
        if (tld != npos) best = tld;
        b = e + 1;
      }
      if (best != npos) {
        out = {i, best};
        from = best;
        return true;
      }
      i = std::max(e, i + c.len);
    }
    return false;
  }

  /// js/src/lib/idna.js toAscii as isValidUrl uses it: a domain that starts with "xn--"
  /// must hold a validAsciiDomain match; every '.'-label, punycode-encoded
  /// (punycode.toASCII), must be 1..63 characters long.
  /// With `low_half`, the domain starts with the low surrogate of the character at b.
  bool js_domain_ok(std::size_t b, std::size_t e, bool low_half) const {
    if (t_.starts_with(b, "xn--") && e - b >= 4) {
      std::size_t from = b;
      Span ignored;
      if (!next_ascii_domain(from, e, ignored)) return false;
    }
    const char32_t first = low_half ? 0xDC00 | ((t_.at(b).cp - 0x10000) & 0x3FF) : 0;
    std::size_t label = b;
    for (std::size_t i = b; i <= e; ++i) {
      if (i == e || t_.byte(i) == '.') {
        std::size_t len = 0, parts = 0;
        for_each_idna_part(t_, label, i, [&](std::size_t pb, std::size_t pe) {
          len += punycode_part_length(t_, pb, pe, pb == b ? first : 0);
          ++parts;
        });
        len += parts - 1;
        if (len < 1 || len > 63) return false;
        label = i + 1;
      }
    }
    return true;
  }

  /// UTF-16 length of [b, e): what JS's String#length counts.
  std::size_t utf16_length(std::size_t b, std::size_t e) const {
    std::size_t len = 0;
    for (std::size_t i = b; i < e; ++i) {
      const unsigned char c = t_.byte(i);
      if ((c & 0xC0) != 0x80) ++len;
      if (c >= 0xF0) ++len;
    }
    return len;
  }

  std::size_t code_points(std::size_t b, std::size_t e) const {
    std::size_t len = 0;
    for (std::size_t i = b; i < e; ++i) len += (t_.byte(i) & 0xC0) != 0x80;
    return len;
  }

  /// Mastodon's t.co slug character: [a-z0-9] under Ruby's /i, which also takes ſ and K.
  static bool masto_slug_char(char32_t c) {
    return is_ascii_alnum(c) || masto_folds_to_ascii_letter(c);
  }

  /// The end of the run of [A-Za-z0-9] at i (a t.co slug).
  std::size_t alnum_run(std::size_t i, std::size_t limit) const {
    while (i < limit && is_ascii_alnum(t_.byte(i))) ++i;
    return i;
  }

  /// js/src/extractUrlsWithIndices.js after a match of extractUrl.
  template <class Sink>
  void emit_twitter(const RawUrl& m, Sink& sink) const {
    const std::size_t proto = m.host - m.start;
    // isValidUrl(url, protocol || 'https://', domain): idna.toAscii(domain), then
    // protocol.length + url.length <= MAX_URL_LENGTH (4096), in UTF-16 units.
    if (!js_domain_ok(m.host, m.domain_end, m.low_half)) return;
    if ((proto ? proto : 8) + utf16_length(m.start, m.end) - (m.low_half ? 1 : 0) > 4096) return;
    if (proto == 0) {
      // invalidUrlWithoutProtocolPrecedingChars /[-_.\/]$/ (a high surrogate passes)
      if (m.before != npos && !m.low_half) {
        const unsigned char b = t_.byte(m.before);
        if (b == '-' || b == '_' || b == '.' || b == '/') return;
      }
      // Only the ASCII domains (validAsciiDomain) of the domain are links; the last one
      // takes the path and query when there is a path.
      std::size_t from = m.host;
      Span cur, pending;
      bool have = false;
      const std::string_view domain(reinterpret_cast<const char*>(t_.data()), m.domain_end);
      std::size_t ascii_end = m.host;
      while (next_ascii_domain(from, m.domain_end, cur)) {
        if (have) sink(UrlMatch{pending, false, pending.end, false});
        // The JS places each match with domain.indexOf(asciiDomain, asciiEndPosition): the
        // first copy of the matched text after the previous one, which can be an earlier
        // copy than the match itself (`a.orgyאa.org` links [0,5], where `a.org` matched at
        // 8 since `org` is followed by `y`). Found by the differential test.
        const std::size_t at = domain.find(domain.substr(cur.begin, cur.size()), ascii_end);
        cur = Span{at, at + cur.size()};
        ascii_end = cur.end;
        pending = cur;
        have = true;
      }
      if (!have) return;
      UrlMatch last{pending, false, pending.end, false};
      if (m.has_path) {
        last.span.end = m.end;
        last.x_resume = m.end;
        if (pending.end < m.domain_end) resume_after_domain_tail(m, pending.end, last);
      }
      sink(last);
      return;
    }
    // validTcoUrl /^https?:\/\/t\.co\/([a-z0-9]+)(?:\?Q*QE)?/i: a t.co URL ends after its
    // slug and query; a slug longer than MAX_TCO_SLUG_LENGTH (40) is no URL.
    std::size_t end = m.end;
    if (t_.starts_with_ci(m.host, "t.co/")) {
      const std::size_t slug = m.host + 5;
      const std::size_t slug_end = alnum_run(slug, m.end);
      if (slug_end > slug) {
        if (slug_end - slug > 40) return;
        end = slug_end;
        if (end < m.end && t_.byte(end) == '?') {
          const std::size_t q = scan_query(end + 1, m.end);
          if (q != npos) end = q;
        }
      }
    }
    sink(UrlMatch{Span{m.start, end}, true, end, false});
  }

  /// Where parseTweet resumes after the last ASCII domain of a scheme-less URL whose domain
  /// goes on past that ASCII domain (`a.рф.рф/x`: `a.рф`, then `.рф`), when it has a path.
  /// js/src/extractUrlsWithIndices.js makes that entity `url = url.replace(domain,
  /// lastUrl.url)` (the ASCII domain + everything after the domain: port, path, query) and
  /// `indices[1] = endPosition` (the whole span); js/src/parseTweet.js adds 23 at indices[0]
  /// and then skips `url.length` UTF-16 units, not the span. So the skip covers the ASCII
  /// domain and then as many units of the domain's tail as the rest of the URL holds; what
  /// is left of the span (as long as the tail) is weighed again. The skip may end inside
  /// a surrogate pair of the tail (`a.com.😀.рф/x`): parseTweet then weighs the lone low
  /// half (2) and goes on after it.
  void resume_after_domain_tail(const RawUrl& m, std::size_t ascii_end, UrlMatch& out) const {
    // The url string after the ASCII domain is [domain_end, end) of the text: BMP characters
    // only (port, path and query characters), but count them as JS does anyway.
    std::size_t units = utf16_length(m.domain_end, m.end);
    std::size_t i = ascii_end;
    while (units > 0) {
      const Cp c = t_.at(i);
      const std::size_t u = c.len == 4 ? 2 : 1;
      if (u > units) {  // one unit left and an astral character: the skip ends mid-pair
        out.x_resume = i;
        out.x_resume_low_half = true;
        return;
      }
      units -= u;
      i += c.len;
    }
    out.x_resume = i;
  }

  /// rb extractor.rb extract_urls_with_indices (extract_url_without_protocol: false) after a
  /// match of the patched :valid_url.
  template <class Sink>
  void emit_mastodon(const RawUrl& m, Sink& sink) const {
    if (m.host == m.start) return;  // no protocol: `next`
    std::size_t end = m.end;
    // :valid_tco_url /^https?:\/\/t\.co\/([a-z0-9]+)/i (the Ruby one takes no query). Only
    // http and https start with "http" (no character folds to h, t or p), and under /i the
    // slug's [a-z0-9] also takes ſ and K (masto_slug_char).
    if (t_.starts_with_ci(m.start, "http") && t_.starts_with_ci(m.host, "t.co/")) {
      const std::size_t slug = m.host + 5;
      std::size_t slug_end = slug, slug_length = 0;
      while (slug_end < m.end) {
        const Cp c = t_.at(slug_end);
        if (!masto_slug_char(c.cp)) break;
        slug_end += c.len;
        ++slug_length;
      }
      if (slug_end > slug) {
        if (slug_length > 40) return;  // MAX_TCO_SLUG_LENGTH, $1.length in code points
        end = slug_end;
      }
    }
    // is_valid_domain: url.length plus the growth of IDN::Idna.toASCII(domain) <= 4096, in
    // code points; a domain that toASCII refuses (it raises) is no URL.
    const std::size_t length = code_points(m.start, end);
    std::size_t growth = 0;
    if (!masto_domain_ok(m.host, m.domain_end, growth)) return;
    if (length + growth > kMaxUrlLength) return;
    sink(UrlMatch{Span{m.start, end}, true, end, false});
  }

  static constexpr std::size_t kMaxUrlLength = 4096;  // Extractor::MAX_URL_LENGTH

  /// IDN::Idna.toASCII(domain) as rb extractor.rb is_valid_domain calls it: idn-ruby
  /// (ext/idna.c) passes the UTF-8 string to GNU libidn's idna_to_ascii_8z with flags 0
  /// (no IDNA_ALLOW_UNASSIGNED, no IDNA_USE_STD3_ASCII_RULES). That is IDNA2003 (RFC 3490)
  /// per label: nameprep (RFC 3491: Unicode 3.2, unassigned code points refused, the
  /// RFC 3454 mapping, NFKC, prohibited tables and bidi rule), the ACE prefix `xn--`
  /// refused on a label that needs encoding, punycode, and 1..63 octets after all that.
  /// Sets `growth` to how much longer the encoded domain is than the domain, in code points
  /// (0 if not longer). An ASCII label goes through none of the Unicode steps, so an ASCII
  /// domain only needs labels of 1..63 (the regex never matches an empty one) and stays on
  /// this fast path; libidn sees only domains with a non-ASCII character.
  bool masto_domain_ok(std::size_t host, std::size_t domain_end, std::size_t& growth) const {
    growth = 0;
    std::size_t label = host;
    bool ascii = true;
    for (std::size_t i = host; i < domain_end; ++i) {
      const unsigned char b = t_.byte(i);
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      if (b == '.') {
        if (i - label > 63) return false;
        label = i + 1;
      }
    }
    if (ascii) return domain_end - label <= 63;
    return idna_growth(host, domain_end, growth);
  }

  /// The libidn call of masto_domain_ok, out of line: its 16 KiB buffer stays off the
  /// stack frame of the scan.
  [[gnu::noinline]] bool idna_growth(std::size_t host, std::size_t domain_end,
                                     std::size_t& growth) const {
    const std::size_t original = code_points(host, domain_end);
    // The URL holds the domain, so a domain of more than MAX_URL_LENGTH code points makes a
    // URL too long whatever toASCII says; this also bounds the copy below (4 bytes a code
    // point at most).
    if (original > kMaxUrlLength) return false;
    char domain[4 * kMaxUrlLength + 1];
    std::memcpy(domain, t_.data() + host, domain_end - host);
    domain[domain_end - host] = '\0';
    char* encoded = nullptr;
    const int rc = idna_to_ascii_8z(domain, &encoded, 0);
    const std::size_t encoded_length = rc == IDNA_SUCCESS && encoded ? std::strlen(encoded) : 0;
    if (encoded) idn_free(encoded);
    if (rc != IDNA_SUCCESS) return false;
    growth = encoded_length > original ? encoded_length - original : 0;
    return true;
  }

  Text t_;
  std::size_t n_;
  // memo of scan_run: [run_lo_, run_hi_) are label characters
  std::size_t run_lo_ = 1, run_hi_ = 0, run_last_us_ = npos;
  bool run_last_dc_ = false;
  // memo of scan_chain: the chain after the dot chain_lo_ holds the dots [chain_lo_, chain_hi_)
  std::size_t chain_lo_ = 1, chain_hi_ = 0, best_dot_ = npos, best_end_ = npos;
};

/// Position of the next '#' or '＃' (EF BC 83) at or after i, or npos; sets `len`.
std::size_t find_hash(const Text& t, std::size_t i, bool wide, std::size_t& len) {
  const std::string_view all(reinterpret_cast<const char*>(t.data()), t.size());
  if (!wide) {
    const std::size_t h = all.find('#', i);
    len = 1;
    return h;
  }
  for (; i < t.size(); ++i) {
    const unsigned char b = t.byte(i);
    if (b == '#') {
      len = 1;
      return i;
    }
    if (b == 0xEF && t.starts_with(i, "\xEF\xBC\x83")) {
      len = 3;
      return i;
    }
  }
  return npos;
}

/// Position of the next '@' or '＠' (EF BC A0) at or after i, or npos; sets `len`.
std::size_t find_at(const Text& t, std::size_t i, bool wide, std::size_t& len) {
  const std::string_view all(reinterpret_cast<const char*>(t.data()), t.size());
  if (!wide) {
    len = 1;
    return all.find('@', i);
  }
  for (; i < t.size(); ++i) {
    const unsigned char b = t.byte(i);
    if (b == '@') {
      len = 1;
      return i;
    }
    if (b == 0xEF && t.starts_with(i, "\xEF\xBC\xA0")) {
      len = 3;
      return i;
    }
  }
  return npos;
}

bool has_wide(std::string_view text, std::string_view wide) { return text.find(wide) != npos; }

// ---------------------------------------------------------------------------------------
// Hashtags
// ---------------------------------------------------------------------------------------

constexpr std::uint8_t kTtAlnum = tb::kCcLetter | tb::kCcMark | tb::kCcDigit | tb::kCcTtSpecial;
constexpr std::uint8_t kTtAlpha = tb::kCcLetter | tb::kCcMark;
constexpr std::uint8_t kRbWord = tb::kCcAlphabetic | tb::kCcMark | tb::kCcDigit | tb::kCcConnector;

/// twitter-text js/src/regexp/validHashtag.js, scanned by extractHashtagsWithIndices.js:
///   (hashtagBoundary)([#＃])(?!\uFE0F|\u20E3)(alnum* alpha alnum*)
///   hashtagBoundary = (?:^|\uFE0E|\uFE0F|$|(?!alnum|&)codePoint)
/// alnum = L M Nd + hashtagSpecialChars, alpha = L M. A match followed by endHashtagMatch
/// /^(?:[#＃]|:\/\/)/ is dropped; so is one that overlaps a URL (checkUrlOverlap).
void hashtags_x(std::string_view text, std::vector<HashtagMatch>& out, const std::vector<UrlMatch>* urls) {
  const Text t(text);
  const std::size_t n = t.size();
  const bool wide = has_wide(text, "\xEF\xBC\x83");
  std::size_t pos = 0, i = 0, hl = 1;
  for (std::size_t h; (h = find_hash(t, i, wide, hl)) != npos;) {
    i = h + hl;
    bool boundary = h == 0 && pos == 0;
    if (!boundary && h > 0) {
      const Cp b = t.before(h);
      if (h - b.len >= pos)
        boundary = b.cp == 0xFE0E || b.cp == 0xFE0F || !((cc(b.cp) & kTtAlnum) || b.cp == '&');
    }
    if (!boundary) continue;
    const std::size_t name = h + hl;
    if (name < n) {
      const char32_t f = t.at(name).cp;
      if (f == 0xFE0F || f == 0x20E3) continue;
    }
    std::size_t q = name;
    bool alpha = false;
    while (q < n) {
      const Cp c = t.at(q);
      const std::uint8_t k = cc(c.cp);
      if (!(k & kTtAlnum)) break;
      alpha = alpha || (k & kTtAlpha);
      q += c.len;
    }
    if (!alpha) continue;
    pos = i = q;
    if (q < n && (t.byte(q) == '#' || t.starts_with(q, "\xEF\xBC\x83") || t.starts_with(q, "://")))
      continue;
    out.push_back({Span{h, q}, Span{name, q}});
  }
  if (out.empty() || text.find('.') == npos) return;
  // A URL holds no space and has a '.': only a tag whose space-delimited word has a '.' can
  // overlap one. Skip the URL scan when no tag's word does.
  bool maybe_in_url = false;
  for (const auto& tag : out) {
    for (std::size_t k = tag.span.begin; k > 0 && !maybe_in_url;) {
      const Cp c = t.before(k);
      if (is_tt_space(c.cp)) break;
      maybe_in_url = c.cp == '.';
      k -= c.len;
    }
    for (std::size_t k = tag.span.end; k < n && !maybe_in_url;) {
      const Cp c = t.at(k);
      if (is_tt_space(c.cp)) break;
      maybe_in_url = c.cp == '.';
      k += c.len;
    }
    if (maybe_in_url) break;
  }
  if (!maybe_in_url) return;
  // removeOverlappingEntities over the hashtags and extractUrlsWithIndices(text): sorted by
  // start, an entity that starts before the previous kept one ends is dropped.
  std::size_t read = 0, write = 0, prev_end = 0;
  bool have_prev = false;
  auto flush_until = [&](std::size_t start) {
    while (read < out.size() && out[read].span.begin < start) {
      const HashtagMatch tag = out[read++];
      if (have_prev && prev_end > tag.span.begin) continue;
      out[write++] = tag;
      prev_end = tag.span.end;
      have_prev = true;
    }
  };
  const auto take_url = [&](const UrlMatch& match) {
    const Span url = match.span;
    flush_until(url.begin);
    if (have_prev && prev_end > url.begin) return;
    prev_end = url.end;
    have_prev = true;
  };
  if (urls) {
    for (const UrlMatch& url : *urls) take_url(url);
  } else {
    UrlScanner<false>(text).run(take_url);
  }
  flush_until(npos);
  out.resize(write);
}

/// Mastodon >= 4.6 Tag::HASHTAG_RE /(?<=^|[[:space:]])[#＃](NAME)/ with
///   NAME  = FIRST | LAST
///   FIRST = [[:word:]_][[:word:]SEP]*[[:alpha:]SEP][[:word:]SEP]*[[:word:]_]
///   LAST  = [[:word:]_]*[[:alpha:]][[:word:]_]*
///   SEP   = HASHTAG_SEPARATORS "_\u00B7\u30FB\u200c"
/// and app/lib/extractor.rb: a tag followed by "://" loses a trailing "http"/"https".
void hashtags_mastodon(std::string_view text, std::vector<HashtagMatch>& out) {
  const Text t(text);
  const std::size_t n = t.size();
  const bool wide = has_wide(text, "\xEF\xBC\x83");
  auto is_sep = [](char32_t c) { return c < 0x80 ? c == '_' : (c == 0xB7 || c == 0x30FB || c == 0x200C); };
  std::size_t pos = 0, i = 0, hl = 1;
  for (std::size_t h; (h = find_hash(t, i, wide, hl)) != npos;) {
    i = h + hl;
    if (h < pos) continue;
    if (h > 0 && !is_white_space(t.before(h).cp)) continue;
    const std::size_t name = h + hl;
    if (name >= n) break;
    const Cp first = t.at(name);
    if (!(cc(first.cp) & kRbWord)) continue;
    // One pass over the run of [[:word:]SEP] characters after the first.
    // FIRST matches up to the last word character that has an [[:alpha:]SEP] between it and
    // the first character; LAST matches the run of word characters if it holds a letter.
    std::size_t first_end = npos;             // end of FIRST
    bool sep_or_alpha_seen = false;           // an [[:alpha:]SEP] after the first character
    std::size_t word_end = name + first.len;  // end of the leading run of word characters
    bool word_alpha = cc(first.cp) & tb::kCcAlphabetic;
    bool in_word_run = true;
    for (std::size_t q = name + first.len; q < n;) {
      const Cp c = t.at(q);
      const std::uint8_t k = cc(c.cp);
      const bool word = k & kRbWord;
      const bool sep = is_sep(c.cp);
      if (!word && !sep) break;
      q += c.len;
      if (word && sep_or_alpha_seen) first_end = q;
      if ((k & tb::kCcAlphabetic) || sep) sep_or_alpha_seen = true;
      if (in_word_run) {
        if (word) {
          word_end = q;
          word_alpha = word_alpha || (k & tb::kCcAlphabetic);
        } else {
          in_word_run = false;
        }
      }
    }
    std::size_t end;
    if (first_end != npos) {
      end = first_end;
    } else if (word_alpha) {
      end = word_end;
    } else {
      continue;
    }
    pos = i = end;
    std::size_t tag_end = end;
    if (t.starts_with(end, "://")) {  // hash_text.match(/(.+)(https?\Z)/)
      const std::string_view tag = text.substr(name, end - name);
      if (tag.size() > 5 && tag.ends_with("https")) {
        tag_end -= 5;
      } else if (tag.size() > 4 && tag.ends_with("http")) {
        tag_end -= 4;
      }
    }
    out.push_back({Span{h, tag_end}, Span{name, tag_end}});
  }
}

/// Bluesky TAG_REGEX (atproto packages/api/src/rich-text/util.ts):
///   /(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*
///                 [^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+
///                 [^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?/gu
/// then (detection.ts) trailing /\p{P}+$/u stripped, and a tag of more than 64 graphemes
/// skipped.
void hashtags_bluesky(std::string_view text, std::vector<HashtagMatch>& out) {
  const Text t(text);
  const std::size_t n = t.size();
  const bool wide = has_wide(text, "\xEF\xBC\x83");
  auto is_z = [](char32_t c) {
    return c == 0xAD || c == 0x2060 || c == 0x200A || c == 0x200B || c == 0x200C || c == 0x200D ||
           c == 0x20E2;
  };
  std::size_t pos = 0, i = 0, hl = 1;
  for (std::size_t h; (h = find_hash(t, i, wide, hl)) != npos;) {
    i = h + hl;
    if (h > 0) {
      const Cp b = t.before(h);
      if (h - b.len < pos || !is_js_space(b.cp)) continue;
    }
    pos = i;  // the '#' is consumed even when no tag follows
    const std::size_t name = h + hl;
    if (name >= n || t.at(name).cp == 0xFE0F) continue;
    std::size_t q = name, last_non_punct = npos;
    bool needed = false;  // one character that is not \d, \s or \p{P}
    while (q < n) {
      if (const unsigned char b = t.byte(q); b < 0x80) {
        // ASCII: a space ends the tag; no ASCII character is one of is_z's.
        if (is_js_space(b)) break;
        ++q;
        const bool punct = tb::kCharClassAscii[b] & tb::kCcPunct;
        if (!punct) last_non_punct = q;
        needed = needed || (!punct && !is_ascii_digit(b));
        continue;
      }
      const Cp c = t.at(q);
      if (c.cp == kBad || is_js_space(c.cp) || is_z(c.cp)) break;
      q += c.len;
      const bool punct = cc(c.cp) & tb::kCcPunct;
      if (!punct) last_non_punct = q;
      needed = needed || (!punct && !is_ascii_digit(c.cp));
    }
    if (!needed) continue;
    pos = i = q;
    const std::size_t end = last_non_punct;  // /\p{P}+$/ stripped
    // A tag of at most 64 bytes has at most 64 clusters: count only longer ones.
    if (end - name > 64 && unicode::count_graphemes(text.substr(name, end - name)) > 64) continue;
    out.push_back({Span{h, end}, Span{name, end}});
  }
}

// ---------------------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------------------

/// twitter-text endMentionMatch /^(?:[@＠]|[latinAccentChars]|:\/\/)/ (rb :end_mention_match).
bool end_mention_match(const Text& t, std::size_t i) {
  if (i >= t.size()) return false;
  const Cp c = t.at(i);
  return c.cp == '@' || c.cp == 0xFF20 || is_latin_accent(c.cp) || t.starts_with(i, "://");
}

/// js/src/regexp/validMentionOrList.js, scanned by extractMentionsOrListsWithIndices.js
/// and filtered like extractMentionsWithIndices.js (lists are dropped):
///   (validMentionPrecedingChars)([@＠])([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_-]{0,24})?
///   validMentionPrecedingChars =
///   (?:^|[^a-zA-Z0-9_!#$%&*@＠]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)
void mentions_x(std::string_view text, std::vector<MentionMatch>& out) {
  const Text t(text);
  const std::size_t n = t.size();
  const bool wide = has_wide(text, "\xEF\xBC\xA0");
  constexpr AsciiSet kNotBefore("_!#$%&*@", true);
  constexpr AsciiSet kNotBeforeRt("_+~.-", true);
  auto plain_ok = [&](std::size_t i, std::size_t pos) {  // [^a-zA-Z0-9_!#$%&*@＠] ending at i
    const Cp b = t.before(i);
    return i - b.len >= pos && !kNotBefore(b.cp) && b.cp != 0xFF20;
  };
  auto rt_ok = [&](std::size_t r, std::size_t pos) {  // (?:^|[^a-zA-Z0-9_+~.-]) ending at r
    if (r < pos) return false;
    if (r == 0) return true;
    const Cp b = t.before(r);
    return r - b.len >= pos && !kNotBeforeRt(b.cp);
  };
  auto is_rt = [&](std::size_t r) {
    return (t.byte(r) | 0x20) == 'r' && (t.byte(r + 1) | 0x20) == 't';
  };
  std::size_t pos = 0, i = 0, al = 1;
  for (std::size_t a; (a = find_at(t, i, wide, al)) != npos;) {
    i = a + al;
    bool preceded = a == 0 || plain_ok(a, pos);
    if (!preceded && a >= 2) {
      if (a >= 3 && t.byte(a - 1) == ':' && is_rt(a - 3)) preceded = rt_ok(a - 3, pos);
      if (!preceded && is_rt(a - 2)) preceded = rt_ok(a - 2, pos);
    }
    if (!preceded) continue;
    const std::size_t name = a + al;
    std::size_t e = name;
    while (e < n && e - name < 20 && (is_ascii_alnum(t.byte(e)) || t.byte(e) == '_')) ++e;
    if (e == name) continue;
    std::size_t end = e;
    const bool list = e + 1 < n && t.byte(e) == '/' && is_ascii_letter(t.byte(e + 1));
    if (list) {
      end = e + 2;
      while (end < n && end - (e + 2) < 24 &&
             (is_ascii_alnum(t.byte(end)) || t.byte(end) == '_' || t.byte(end) == '-'))
        ++end;
    }
    pos = i = end;
    if (list || end_mention_match(t, end)) continue;
    out.push_back({Span{a, e}, Span{name, e}, Span{e, e}});
  }
}

/// Mastodon Account::MENTION_RE, scanned by app/lib/extractor.rb:
///   (?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:]]+([.-]+[[:word:]]+)*)?)
///   USERNAME_RE = /[a-z0-9_]+([.-]+[a-z0-9_]+)*/i
/// dropped when end_mention_match follows or the domain is longer than 253 characters.
void mentions_mastodon(std::string_view text, std::vector<MentionMatch>& out) {
  const Text t(text);
  const std::size_t n = t.size();
  // The length of a [a-z0-9_] character at k under Ruby's /i, which folds case fully:
  // besides ASCII, U+017F LONG S (folds to s) and U+212A KELVIN SIGN (to k) match.
  auto user_char = [&](std::size_t k) -> std::size_t {
    if (k >= n) return 0;
    const unsigned char b = t.byte(k);
    if (is_ascii_alnum(b) || b == '_') return 1;
    if (b == 0xC5 && k + 1 < n && t.byte(k + 1) == 0xBF) return 2;                                // ſ
    if (b == 0xE2 && k + 2 < n && t.byte(k + 1) == 0x84 && t.byte(k + 2) == 0xAA) return 3;       // K
    return 0;
  };
  auto word_at = [&](std::size_t k) -> std::uint32_t {  // length of a [[:word:]] char at k
    if (k >= n) return 0;
    const Cp c = t.at(k);
    return (cc(c.cp) & kRbWord) ? c.len : 0;
  };
  std::size_t pos = 0;
  for (std::size_t a; (a = text.find('@', pos)) != npos;) {
    pos = a + 1;
    if (a > 0) {
      const Cp b = t.before(a);
      if (b.cp == '=' || b.cp == '/' || (cc(b.cp) & kRbWord)) continue;
    }
    // [a-z0-9_]+([.-]+[a-z0-9_]+)*
    std::size_t e = a + 1;
    if (!user_char(e)) continue;
    for (;;) {
      while (const std::size_t w = user_char(e)) e += w;
      std::size_t d = e;
      while (d < n && (t.byte(d) == '.' || t.byte(d) == '-')) ++d;
      if (d == e || !user_char(d)) break;
      e = d;
    }
    const std::size_t user_end = e;
    // (?:@[[:word:]]+([.-]+[[:word:]]+)*)?
    std::size_t end = user_end;
    bool has_domain = false;
    if (user_end < n && t.byte(user_end) == '@' && word_at(user_end + 1)) {
      has_domain = true;
      std::size_t d = user_end + 1;
      for (;;) {
        while (std::uint32_t w = word_at(d)) d += w;
        std::size_t s = d;
        while (s < n && (t.byte(s) == '.' || t.byte(s) == '-')) ++s;
        if (s == d || !word_at(s)) break;
        d = s;
      }
      end = d;
    }
    pos = end;
    if (end_mention_match(t, end)) continue;
    if (has_domain) {
      std::size_t length = 0;
      for (std::size_t k = user_end + 1; k < end; ++k) length += (t.byte(k) & 0xC0) != 0x80;
      if (length > 253) continue;  // Extractor::MAX_DOMAIN_LENGTH
      out.push_back({Span{a, end}, Span{a + 1, user_end}, Span{user_end + 1, end}});
    } else {
      out.push_back({Span{a, end}, Span{a + 1, user_end}, Span{user_end, user_end}});
    }
  }
}

}  // namespace

void extract_urls(std::string_view text, UrlRule rule, std::vector<UrlMatch>& out) {
  out.clear();
  auto sink = [&](const UrlMatch& match) { out.push_back(match); };
  if (rule == UrlRule::twitter) {
    UrlScanner<false>(text).run(sink);
  } else {
    UrlScanner<true>(text).run(sink);
  }
}

void extract_hashtags(std::string_view text, HashtagRule rule, std::vector<HashtagMatch>& out,
                      const std::vector<UrlMatch>* twitter_urls) {
  out.clear();
  if (text.find('#') == npos && text.find("\xEF\xBC\x83") == npos) return;
  switch (rule) {
    case HashtagRule::x: hashtags_x(text, out, twitter_urls); break;
    case HashtagRule::mastodon: hashtags_mastodon(text, out); break;
    case HashtagRule::bluesky: hashtags_bluesky(text, out); break;
  }
}

void extract_mentions(std::string_view text, MentionRule rule, std::vector<MentionMatch>& out) {
  out.clear();
  if (text.find('@') == npos && text.find("\xEF\xBC\xA0") == npos) return;
  if (rule == MentionRule::x) {
    mentions_x(text, out);
  } else {
    mentions_mastodon(text, out);
  }
}

}  // namespace somepost::core
