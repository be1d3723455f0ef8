// A small backtracking regular-expression engine for the reference counter (issue 10,
// ref_extract.cpp). It exists so that the reference can run the platforms' own regular
// expressions, transcribed from their sources, instead of hand-written scanners:
//   - twitter-text 3.1.0 JS (ECMAScript regexes without the u flag: the subject is a
//     sequence of UTF-16 code units, /i compares Canonicalize(ch), ECMA-262 22.2.2.7.3);
//   - Bluesky's @atproto/api (ECMAScript with the u flag: code points);
//   - twitter-text 3.1.0 Ruby as patched by Mastodon, and Mastodon's own regexes (Onigmo:
//     code points, /i with Unicode full case folding, ^/$ at line boundaries).
//
// Written for clarity, not speed: a parser to a syntax tree, a compiler to a few
// instructions and a backtracking machine with an explicit stack (no recursion on the text,
// so a 5,000-character subject cannot overflow the C++ stack). Alternatives are tried in
// order, quantifiers are greedy (or lazy with ?), the first match found is the match:
// the leftmost-first semantics every one of these engines has.
//
// Syntax (what the transcribed patterns use): literals and .; escapes \uXXXX \u{X...} \xHH
// \t \n \v \f \r and an escaped punctuation character; classes
// [...] with ranges, negation, escapes, \s \d, \p{Name}, and Ruby's [[:word:]]
// [[:alpha:]] [[:space:]]; groups (...) (?:...) (?=...) (?!...) (?<=...) (?<!...) and
// Ruby's flag groups (?imx-imx:...); quantifiers * + ? {n} {n,} {n,m}, each lazy with a
// trailing ?; anchors ^ $ (input in JS, line in Ruby) \A \z \Z; alternation |.
// In extended (x) mode, white space and # comments outside classes are ignored (Ruby).
//
// Two extensions stand for data that the platforms spell out as long generated lists:
//   \p{Name}   a Unicode property from the generated tables (Unicode 17.0): L, M, Nd, Pc,
//              P, Pd, Alphabetic, White_Space, Cyrillic. In a UTF-16 subject a class with
//              a \p{} item matches a whole code point (a surrogate pair counts as one),
//              which is what twitter-text's bmp...|(?=pair)astral... constructions do.
//   \L{name}   one of the named literal sets passed to the constructor, tried in the
//              set's order: (?:s1|s2|...), each s a literal string (the TLD lists).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace somepost::reference::rx {

/// What the subject's elements are.
enum class Units { code_points, utf16 };

/// Whose regular expressions: ECMAScript or Ruby (Onigmo).
enum class Dialect { js, ruby };

/// How a pattern is read and run.
struct Syntax {
  Dialect dialect = Dialect::js;
  Units units = Units::code_points;
  bool ignore_case = false;  ///< the i flag
  bool extended = false;     ///< Ruby's x flag
};

/// Named literal sets for \L{name}, each tried in its order.
using LiteralSets = std::map<std::string, std::vector<std::u32string>, std::less<>>;

/// The result of a match: group g spans [begin(g), end(g)) of the subject when matched(g).
struct Match {
  std::vector<long> caps;  ///< 2 entries per group (group 0 = the whole match); -1 = unset
  [[nodiscard]] bool matched(std::size_t g) const { return 2 * g + 1 < caps.size() && caps[2 * g] >= 0; }
  [[nodiscard]] std::size_t begin(std::size_t g) const { return static_cast<std::size_t>(caps[2 * g]); }
  [[nodiscard]] std::size_t end(std::size_t g) const { return static_cast<std::size_t>(caps[2 * g + 1]); }
};

/// A compiled pattern. Immutable after construction; safe to share between threads.
class Regex {
 public:
  /// Throws std::invalid_argument on a pattern this engine does not understand.
  Regex(std::u32string_view pattern, Syntax syntax, const LiteralSets* sets = nullptr);
  Regex(std::string_view utf8_pattern, Syntax syntax, const LiteralSets* sets = nullptr);
  ~Regex();
  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;

  /// The leftmost match starting at or after `from` (what RegExp#exec does from lastIndex
  /// and String#scan from the end of the previous match).
  bool search(const std::u32string& subject, std::size_t from, Match& m) const;
  /// A match starting exactly at `at`.
  bool match_at(const std::u32string& subject, std::size_t at, Match& m) const;
  /// Number of capturing groups (group 0 not counted).
  [[nodiscard]] std::size_t group_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- Unicode helpers shared with ref_extract.cpp ----------------------------------------

/// Code points of a UTF-8 string (patterns and test texts; no validation beyond shape).
[[nodiscard]] std::u32string utf8_to_u32(std::string_view utf8);
/// UTF-8 of code points.
[[nodiscard]] std::string u32_to_utf8(const std::u32string& text);
/// The UTF-16 code units of `text`, one per element.
[[nodiscard]] std::u32string to_utf16(const std::u32string& text);
/// Code points of UTF-16 units (a lone surrogate stays itself).
[[nodiscard]] std::u32string from_utf16(const std::u32string& units);
/// Number of UTF-16 code units of `text`.
[[nodiscard]] std::size_t utf16_length(const std::u32string& text);

/// Unicode simple case folding (CaseFolding.txt, statuses C and S), Unicode 17.0.
[[nodiscard]] char32_t simple_fold(char32_t c);

/// Membership in the generated General_Category / property tables (Unicode 17.0).
[[nodiscard]] bool is_letter(char32_t c);       ///< L*
[[nodiscard]] bool is_mark(char32_t c);         ///< M*
[[nodiscard]] bool is_decimal(char32_t c);      ///< Nd
[[nodiscard]] bool is_punctuation(char32_t c);  ///< P*
[[nodiscard]] bool is_alphabetic(char32_t c);   ///< Alphabetic
[[nodiscard]] bool is_white_space(char32_t c);  ///< White_Space

}  // namespace somepost::reference::rx
