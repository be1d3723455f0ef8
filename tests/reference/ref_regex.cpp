// The reference's regular-expression engine (ref_regex.hpp says what it supports and why).
// Plain on purpose: a recursive-descent parser to a tree, a compiler to instructions, and a
// backtracking machine whose choice points live on an explicit stack.
#include "ref_regex.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "core/generated/char_classes.hpp"
#include "unicode/generated/case_tables.hpp"

namespace somepost::reference::rx {

// =======================================================================================
// Unicode data
// =======================================================================================

namespace {

namespace ct = somepost::core::tables;
namespace ut = somepost::unicode::tables;

/// The flags of src/core/generated/char_classes.hpp for `c` (General_Category groups and
/// Alphabetic, Unicode 17.0).
std::uint8_t class_flags(char32_t c) {
  if (c < 0x80) return ct::kCharClassAscii[c];
  if (c > 0x10FFFF) return 0;
  const std::size_t block = ct::kCharClassStage1[c >> ct::kCharClassShift];
  return ct::kCharClassStage2[(block << ct::kCharClassShift) | (c & ((1u << ct::kCharClassShift) - 1))];
}

/// Simple_Lowercase_Mapping (UnicodeData.txt field 13) from the generated table.
char32_t simple_lower(char32_t c) {
  if (c > 0x10FFFF) return c;
  const std::size_t block = ut::kLowerStage1[c >> ut::kLowerShift];
  const std::size_t index =
      ut::kLowerStage2[(block << ut::kLowerShift) | (c & ((1u << ut::kLowerShift) - 1))];
  return static_cast<char32_t>(static_cast<std::int32_t>(c) + ut::kLowerDeltas[index]);
}

// CaseFolding.txt (Unicode 17.0) statuses C and S agree with Simple_Lowercase_Mapping
// except for these code points (lowercase letters that fold to another lowercase letter,
// U+0130 which has no C/S folding, and Cherokee, which folds to its uppercase).
struct FoldException {
  char32_t from;
  char32_t to;
};
constexpr FoldException kFoldExceptions[] = {
    {0x00B5, 0x03BC}, {0x0130, 0x0130}, {0x017F, 0x0073}, {0x0345, 0x03B9}, {0x03C2, 0x03C3},
    {0x03D0, 0x03B2}, {0x03D1, 0x03B8}, {0x03D5, 0x03C6}, {0x03D6, 0x03C0}, {0x03F0, 0x03BA},
    {0x03F1, 0x03C1}, {0x03F5, 0x03B5}, {0x1C80, 0x0432}, {0x1C81, 0x0434}, {0x1C82, 0x043E},
    {0x1C83, 0x0441}, {0x1C84, 0x0442}, {0x1C85, 0x0442}, {0x1C86, 0x044A}, {0x1C87, 0x0463},
    {0x1C88, 0xA64B}, {0x1E9B, 0x1E61}, {0x1FBE, 0x03B9},
};

// CaseFolding.txt status F (full foldings to more than one code point; the list has not
// changed since Unicode 5.1).
struct FullFold {
  char32_t from;
  char32_t to[3];
};
constexpr FullFold kFullFolds[] = {
    {0x00DF, {0x0073, 0x0073}},         {0x0130, {0x0069, 0x0307}},
    {0x0149, {0x02BC, 0x006E}},         {0x01F0, {0x006A, 0x030C}},
    {0x0390, {0x03B9, 0x0308, 0x0301}}, {0x03B0, {0x03C5, 0x0308, 0x0301}},
    {0x0587, {0x0565, 0x0582}},         {0x1E96, {0x0068, 0x0331}},
    {0x1E97, {0x0074, 0x0308}},         {0x1E98, {0x0077, 0x030A}},
    {0x1E99, {0x0079, 0x030A}},         {0x1E9A, {0x0061, 0x02BE}},
    {0x1E9E, {0x0073, 0x0073}},         {0x1F50, {0x03C5, 0x0313}},
    {0x1F52, {0x03C5, 0x0313, 0x0300}}, {0x1F54, {0x03C5, 0x0313, 0x0301}},
    {0x1F56, {0x03C5, 0x0313, 0x0342}}, {0x1F80, {0x1F00, 0x03B9}},
    {0x1F81, {0x1F01, 0x03B9}},         {0x1F82, {0x1F02, 0x03B9}},
    {0x1F83, {0x1F03, 0x03B9}},         {0x1F84, {0x1F04, 0x03B9}},
    {0x1F85, {0x1F05, 0x03B9}},         {0x1F86, {0x1F06, 0x03B9}},
    {0x1F87, {0x1F07, 0x03B9}},         {0x1F88, {0x1F00, 0x03B9}},
    {0x1F89, {0x1F01, 0x03B9}},         {0x1F8A, {0x1F02, 0x03B9}},
    {0x1F8B, {0x1F03, 0x03B9}},         {0x1F8C, {0x1F04, 0x03B9}},
    {0x1F8D, {0x1F05, 0x03B9}},         {0x1F8E, {0x1F06, 0x03B9}},
    {0x1F8F, {0x1F07, 0x03B9}},         {0x1F90, {0x1F20, 0x03B9}},
    {0x1F91, {0x1F21, 0x03B9}},         {0x1F92, {0x1F22, 0x03B9}},
    {0x1F93, {0x1F23, 0x03B9}},         {0x1F94, {0x1F24, 0x03B9}},
    {0x1F95, {0x1F25, 0x03B9}},         {0x1F96, {0x1F26, 0x03B9}},
    {0x1F97, {0x1F27, 0x03B9}},         {0x1F98, {0x1F20, 0x03B9}},
    {0x1F99, {0x1F21, 0x03B9}},         {0x1F9A, {0x1F22, 0x03B9}},
    {0x1F9B, {0x1F23, 0x03B9}},         {0x1F9C, {0x1F24, 0x03B9}},
    {0x1F9D, {0x1F25, 0x03B9}},         {0x1F9E, {0x1F26, 0x03B9}},
    {0x1F9F, {0x1F27, 0x03B9}},         {0x1FA0, {0x1F60, 0x03B9}},
    {0x1FA1, {0x1F61, 0x03B9}},         {0x1FA2, {0x1F62, 0x03B9}},
    {0x1FA3, {0x1F63, 0x03B9}},         {0x1FA4, {0x1F64, 0x03B9}},
    {0x1FA5, {0x1F65, 0x03B9}},         {0x1FA6, {0x1F66, 0x03B9}},
    {0x1FA7, {0x1F67, 0x03B9}},         {0x1FA8, {0x1F60, 0x03B9}},
    {0x1FA9, {0x1F61, 0x03B9}},         {0x1FAA, {0x1F62, 0x03B9}},
    {0x1FAB, {0x1F63, 0x03B9}},         {0x1FAC, {0x1F64, 0x03B9}},
    {0x1FAD, {0x1F65, 0x03B9}},         {0x1FAE, {0x1F66, 0x03B9}},
    {0x1FAF, {0x1F67, 0x03B9}},         {0x1FB2, {0x1F70, 0x03B9}},
    {0x1FB3, {0x03B1, 0x03B9}},         {0x1FB4, {0x03AC, 0x03B9}},
    {0x1FB6, {0x03B1, 0x0342}},         {0x1FB7, {0x03B1, 0x0342, 0x03B9}},
    {0x1FBC, {0x03B1, 0x03B9}},         {0x1FC2, {0x1F74, 0x03B9}},
    {0x1FC3, {0x03B7, 0x03B9}},         {0x1FC4, {0x03AE, 0x03B9}},
    {0x1FC6, {0x03B7, 0x0342}},         {0x1FC7, {0x03B7, 0x0342, 0x03B9}},
    {0x1FCC, {0x03B7, 0x03B9}},         {0x1FD2, {0x03B9, 0x0308, 0x0300}},
    {0x1FD3, {0x03B9, 0x0308, 0x0301}}, {0x1FD6, {0x03B9, 0x0342}},
    {0x1FD7, {0x03B9, 0x0308, 0x0342}}, {0x1FE2, {0x03C5, 0x0308, 0x0300}},
    {0x1FE3, {0x03C5, 0x0308, 0x0301}}, {0x1FE4, {0x03C1, 0x0313}},
    {0x1FE6, {0x03C5, 0x0342}},         {0x1FE7, {0x03C5, 0x0308, 0x0342}},
    {0x1FF2, {0x1F7C, 0x03B9}},         {0x1FF3, {0x03C9, 0x03B9}},
    {0x1FF4, {0x03CE, 0x03B9}},         {0x1FF6, {0x03C9, 0x0342}},
    {0x1FF7, {0x03C9, 0x0342, 0x03B9}}, {0x1FFC, {0x03C9, 0x03B9}},
    {0xFB00, {0x0066, 0x0066}},         {0xFB01, {0x0066, 0x0069}},
    {0xFB02, {0x0066, 0x006C}},         {0xFB03, {0x0066, 0x0066, 0x0069}},
    {0xFB04, {0x0066, 0x0066, 0x006C}}, {0xFB05, {0x0073, 0x0074}},
    {0xFB06, {0x0073, 0x0074}},         {0xFB13, {0x0574, 0x0576}},
    {0xFB14, {0x0574, 0x0565}},         {0xFB15, {0x0574, 0x056B}},
    {0xFB16, {0x057E, 0x0576}},         {0xFB17, {0x0574, 0x056D}},
};

// Both tables are sorted by code point (binary search).
const FullFold* find_full_fold(char32_t c) {
  // Outside the table's span (ASCII, most of all) there is nothing to search for.
  if (c < std::begin(kFullFolds)->from || c > std::prev(std::end(kFullFolds))->from) return nullptr;
  const auto* it = std::lower_bound(std::begin(kFullFolds), std::end(kFullFolds), c,
                                    [](const FullFold& f, char32_t v) { return f.from < v; });
  return it != std::end(kFullFolds) && it->from == c ? it : nullptr;
}

/// Unicode full case folding (statuses C and F) of one code point, as Onigmo folds.
std::u32string full_fold(char32_t c) {
  if (const FullFold* f = find_full_fold(c)) {
    std::u32string out;
    for (char32_t t : f->to)
      if (t != 0) out.push_back(t);
    return out;
  }
  return std::u32string(1, simple_fold(c));
}

/// The case "orbits" that /i matching needs: for each f, the code points whose simple
/// folding is f (f excluded); and which code points have any case partner at all. Built
/// once from simple_fold over every code point.
struct CaseOrbits {
  std::unordered_map<char32_t, std::vector<char32_t>> unfold;
  std::vector<bool> cased = std::vector<bool>(0x110000, false);
};

const CaseOrbits& case_orbits() {
  static const auto* orbits = [] {
    auto* o = new CaseOrbits();
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      const char32_t f = simple_fold(c);
      if (f != c) {
        o->unfold[f].push_back(c);
        o->cased[c] = true;
        o->cased[f] = true;
      }
    }
    return o;
  }();
  return *orbits;
}

/// Calls visit(d) for every other code point d that folds like `c`, until it returns true.
template <class F>
bool any_case_partner(char32_t c, F&& visit) {
  const CaseOrbits& o = case_orbits();
  if (c > 0x10FFFF || !o.cased[c]) return false;
  const char32_t f = simple_fold(c);
  if (f != c && visit(f)) return true;
  if (auto it = o.unfold.find(f); it != o.unfold.end())
    for (char32_t d : it->second)
      if (d != c && visit(d)) return true;
  return false;
}

/// ECMAScript Canonicalize without the u flag (ECMA-262 22.2.2.7.3) maps ch to its simple
/// uppercase unless the full uppercase has several code units, or would map a non-ASCII
/// character to ASCII. Two characters are then equal under /i exactly when they fold alike
/// and neither is one of these characters, which Canonicalize leaves alone although their
/// case orbit is larger: the full foldings' sources (whose full uppercase is longer: ß, ŉ,
/// ǰ, Greek with ypogegrammeni, the ligatures; U+0130 and U+1E9E, whose uppercase is
/// themselves), U+017F and U+0131 (uppercase is ASCII), and the uppercase letters that are
/// not the uppercase of their lowercase: U+03F4 ϴ, U+2126 Ω, U+212A K, U+212B Å.
bool js_canonicalize_keeps(char32_t c) {
  if (c == 0x017F || c == 0x0131 || c == 0x03F4 || c == 0x2126 || c == 0x212A || c == 0x212B) return true;
  return find_full_fold(c) != nullptr;
}

bool js_equal_ignoring_case(char32_t a, char32_t b) {
  if (a == b) return true;
  if (js_canonicalize_keeps(a) || js_canonicalize_keeps(b)) return false;
  return simple_fold(a) == simple_fold(b);
}

/// Script=Cyrillic (Scripts.txt, Unicode 17.0): Ruby's \p{Cyrillic}.
bool is_script_cyrillic(char32_t c) {
  return (c >= 0x0400 && c <= 0x0484) || (c >= 0x0487 && c <= 0x052F) || (c >= 0x1C80 && c <= 0x1C8A) ||
         c == 0x1D2B || c == 0x1D78 || (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F) ||
         (c >= 0xFE2E && c <= 0xFE2F) || (c >= 0x1E030 && c <= 0x1E06D) || c == 0x1E08F;
}

/// ECMAScript \s: WhiteSpace (TAB, VT, FF, ZWNBSP and General_Category Zs) and
/// LineTerminator (LF, CR, LS, PS); Zs of Unicode 17.0 written out.
bool is_js_space(char32_t c) {
  return c == 0x09 || c == 0x0B || c == 0x0C || c == 0xFEFF || c == 0x0A || c == 0x0D || c == 0x2028 ||
         c == 0x2029 || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

}  // namespace

namespace {

// simple_fold per the rules below, for one code point.
char32_t simple_fold_of(char32_t c) {
  if (c >= 0x13A0 && c <= 0x13F5) return c;  // Cherokee uppercase folds to itself
  if (c >= 0xAB70 && c <= 0xABBF) return c - 0xAB70 + 0x13A0;
  if (c >= 0x13F8 && c <= 0x13FD) return c - 8;
  const auto* it = std::lower_bound(std::begin(kFoldExceptions), std::end(kFoldExceptions), c,
                                    [](const FoldException& e, char32_t v) { return e.from < v; });
  if (it != std::end(kFoldExceptions) && it->from == c) return it->to;
  return simple_lower(c);
}

// The same answers for every code point, computed once: the regex engine asks for a
// folding several times per character it tests (a speed-up of the look-up, not a rule).
struct FoldTable {
  std::vector<char32_t> fold = std::vector<char32_t>(0x110000);
  FoldTable() {
    for (char32_t c = 0; c < 0x110000; ++c) fold[c] = simple_fold_of(c);
  }
};

}  // namespace

char32_t simple_fold(char32_t c) {
  static const FoldTable table;
  return c < 0x110000 ? table.fold[c] : c;
}

bool is_letter(char32_t c) { return (class_flags(c) & ct::kCcLetter) != 0; }
bool is_mark(char32_t c) { return (class_flags(c) & ct::kCcMark) != 0; }
bool is_decimal(char32_t c) { return (class_flags(c) & ct::kCcDigit) != 0; }
bool is_punctuation(char32_t c) { return (class_flags(c) & ct::kCcPunct) != 0; }
bool is_alphabetic(char32_t c) { return (class_flags(c) & ct::kCcAlphabetic) != 0; }

/// White_Space (PropList.txt; unchanged since Unicode 6.3).
bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// =======================================================================================
// Text helpers
// =======================================================================================

std::u32string utf8_to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

std::string u32_to_utf8(const std::u32string& text) {
  std::string out;
  for (char32_t c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::u32string to_utf16(const std::u32string& text) {
  std::u32string out;
  for (char32_t c : text) {
    if (c >= 0x10000) {
      out.push_back(0xD800 + ((c - 0x10000) >> 10));
      out.push_back(0xDC00 + ((c - 0x10000) & 0x3FF));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::u32string from_utf16(const std::u32string& units) {
  std::u32string out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
        units[i + 1] <= 0xDFFF) {
      out.push_back(0x10000 + ((u - 0xD800) << 10) + (units[i + 1] - 0xDC00));
      ++i;
    } else {
      out.push_back(u);
    }
  }
  return out;
}

std::size_t utf16_length(const std::u32string& text) {
  std::size_t n = 0;
  for (char32_t c : text) n += c >= 0x10000 ? 2 : 1;
  return n;
}

// =======================================================================================
// The engine
// =======================================================================================

namespace {

enum class Prop {
  letter,       // \p{L}
  mark,         // \p{M}
  decimal,      // \p{Nd}, [0-9] in Ruby's \d is separate
  connector,    // \p{Pc}
  punctuation,  // \p{P}
  dash,         // \p{Pd}
  alphabetic,   // \p{Alphabetic}, Ruby [[:alpha:]]
  white_space,  // \p{White_Space}, Ruby [[:space:]]
  cyrillic,     // \p{Cyrillic} (script)
  word,         // Ruby [[:word:]]: Alphabetic, M, Nd, Pc (Onigmo's Word)
  js_space,     // ECMAScript \s
  ruby_space,   // Ruby \s: [ \t\n\v\f\r]
  ascii_digit,  // \d in both dialects
};

bool has_prop(Prop p, char32_t c) {
  switch (p) {
    case Prop::letter:
      return is_letter(c);
    case Prop::mark:
      return is_mark(c);
    case Prop::decimal:
      return is_decimal(c);
    case Prop::connector:
      return (class_flags(c) & ct::kCcConnector) != 0;
    case Prop::punctuation:
      return is_punctuation(c);
    case Prop::dash:
      return (class_flags(c) & ct::kCcDash) != 0;
    case Prop::alphabetic:
      return is_alphabetic(c);
    case Prop::white_space:
      return is_white_space(c);
    case Prop::cyrillic:
      return is_script_cyrillic(c);
    case Prop::word:
      return is_alphabetic(c) || is_mark(c) || is_decimal(c) || (class_flags(c) & ct::kCcConnector);
    case Prop::js_space:
      return is_js_space(c);
    case Prop::ruby_space:
      return c == ' ' || (c >= 0x09 && c <= 0x0D);
    case Prop::ascii_digit:
      return c >= '0' && c <= '9';
  }
  return false;
}

struct ClassItem {
  char32_t lo = 0;
  char32_t hi = 0;
  bool is_prop = false;
  Prop prop = Prop::letter;
  bool prop_negated = false;
};

struct CharClass {
  std::vector<ClassItem> items;
  bool negated = false;
  bool ignore_case = false;
  Dialect dialect = Dialect::js;
  /// UTF-16 subject and a \p{} item: match a surrogate pair as one code point.
  bool whole_code_point = false;
  /// Ruby /i: full foldings of the members that fold to several characters (Onigmo matches
  /// such a sequence as one member, after the single character).
  std::vector<std::u32string> multi;

  bool base_contains(char32_t c) const {
    for (const ClassItem& it : items) {
      if (it.is_prop) {
        if (has_prop(it.prop, c) != it.prop_negated) return true;
      } else if (c >= it.lo && c <= it.hi) {
        return true;
      }
    }
    return false;
  }

  /// Membership before negation, with the case-insensitive closure of the dialect.
  bool contains(char32_t c) const {
    if (base_contains(c)) return true;
    if (!ignore_case) return false;
    if (dialect == Dialect::js && js_canonicalize_keeps(c)) return false;
    return any_case_partner(c, [&](char32_t d) {
      if (dialect == Dialect::js && js_canonicalize_keeps(d)) return false;
      return base_contains(d);
    });
  }

  /// contains(c) for every c below U+10000 (each BMP code point and UTF-16 unit), one bit
  /// each, filled from contains() itself when the class is finished: a cache of the
  /// definition above, not a second one. contains() walks the items and, under /i, the
  /// case orbits, which made it most of the difftest's time.
  std::vector<std::uint64_t> bmp_members;

  void cache_bmp_members() {
    bmp_members.assign(0x10000 / 64, 0);
    for (char32_t c = 0; c < 0x10000; ++c)
      if (contains(c)) bmp_members[c >> 6] |= std::uint64_t{1} << (c & 63);
  }

  bool matches(char32_t c) const {
    const bool member = c < 0x10000 ? ((bmp_members[c >> 6] >> (c & 63)) & 1) != 0 : contains(c);
    return member != negated;
  }
};

struct Literal {
  std::u32string text;
  bool ignore_case = false;
  Dialect dialect = Dialect::js;
  std::u32string folded;  // Ruby /i: the full folding of `text`
};

/// A literal set is matched by folding the subject one character at a time and looking the
/// folded prefix up among the members' foldings: the same test as matching each member in
/// turn, without trying a thousand TLDs one by one. The foldings are kept as a trie, so
/// that the walk stops as soon as the folded prefix begins no member.
struct LiteralSet {
  std::vector<Literal> items;  // in the set's order
  /// Trie node 0 is the empty prefix; edges[(node << 21) | c] is the node one code point c
  /// further; members[node] are the items whose whole folding is that node's prefix.
  std::unordered_map<std::uint64_t, int> edges;
  std::vector<std::vector<std::size_t>> members = std::vector<std::vector<std::size_t>>(1);

  /// The node after `node` and c, or -1 when no member's folding continues that way.
  [[nodiscard]] int child(int node, char32_t c) const {
    const auto it = edges.find((static_cast<std::uint64_t>(node) << 21) | c);
    return it == edges.end() ? -1 : it->second;
  }
  /// Adds item `index`, whose folding is `folding`.
  void add(const std::u32string& folding, std::size_t index) {
    int node = 0;
    for (const char32_t c : folding) {
      int next = child(node, c);
      if (next < 0) {
        next = static_cast<int>(members.size());
        members.emplace_back();
        edges.emplace((static_cast<std::uint64_t>(node) << 21) | c, next);
      }
      node = next;
    }
    members[static_cast<std::size_t>(node)].push_back(index);
  }
};

enum class Op { lit, cls, set, split, jmp, save, assert_, look, loop_set, loop_check, match };
enum class AssertKind {
  line_or_input_start,
  line_or_input_end,
  input_start,
  input_end,
  input_end_or_final_newline
};

struct Inst {
  Op op;
  int x = 0;            // lit/cls/set index, jump target, save slot, assert kind, look program, register
  int y = 0;            // split: second target; look: ahead(1)/behind(0)
  bool negate = false;  // look
  int width = 0;        // lookbehind: maximum width
};

struct Program {
  std::vector<Inst> code;
  int registers = 0;
  /// No loop body can match the empty string, so whether a state (pc, pos) can reach a
  /// match depends on nothing else: a state that failed once fails again, whatever the
  /// start position, and search() skips it (the "bit state" of backtracking engines).
  /// Without this, a chain like "a.a.a.a..." costs the URL regex quadratic time.
  bool memo_safe = true;
};

struct Node {
  enum Kind { empty, lit, cls, set, group, alt, cat, repeat, look, assert_ } kind = empty;
  int index = -1;  // lit/cls/set index; group: capture number or -1; assert: kind
  std::vector<Node> kids;
  int min = 0, max = 0;  // repeat; max -1 = unbounded
  bool greedy = true;
  bool ahead = true, negate = false;  // look
};

}  // namespace

struct Regex::Impl {
  Syntax syntax;
  std::vector<Literal> literals;
  std::vector<CharClass> classes;
  std::vector<LiteralSet> sets;
  std::vector<Program> programs;  // [0] the pattern; the rest lookaround bodies
  int groups = 0;

  // ---- parsing ------------------------------------------------------------------------

  struct Parser {
    Impl& im;
    std::u32string_view p;
    std::size_t i = 0;
    const LiteralSets* named_sets;

    [[noreturn]] void fail(const char* what) const {
      throw std::invalid_argument(std::string("regex: ") + what + " at " + std::to_string(i));
    }
    bool at_end() const { return i >= p.size(); }
    char32_t peek() const { return at_end() ? 0 : p[i]; }

    void skip_extended(bool x) {
      if (!x) return;
      while (!at_end()) {
        const char32_t c = p[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
          ++i;
        } else if (c == '#') {
          while (!at_end() && p[i] != '\n') ++i;
        } else {
          break;
        }
      }
    }

    static int hex_value(char32_t c) {
      if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
      if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
      if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
      return -1;
    }

    char32_t read_hex(std::size_t digits) {
      char32_t v = 0;
      for (std::size_t k = 0; k < digits; ++k) {
        if (at_end() || hex_value(p[i]) < 0) fail("bad hex escape");
        v = v * 16 + static_cast<char32_t>(hex_value(p[i++]));
      }
      return v;
    }

    /// After a backslash: a character escape, or false if it is a class escape (\s \d \p).
    bool char_escape(char32_t& out) {
      if (at_end()) fail("trailing backslash");
      const char32_t c = p[i];
      switch (c) {
        case 'u':
          ++i;
          if (peek() == '{') {
            ++i;
            char32_t v = 0;
            while (peek() != '}') {
              if (at_end() || hex_value(p[i]) < 0) fail("bad \\u{}");
              v = v * 16 + static_cast<char32_t>(hex_value(p[i++]));
            }
            ++i;
            out = v;
          } else {
            out = read_hex(4);
          }
          return true;
        case 'x':
          ++i;
          out = read_hex(2);
          return true;
        case 't':
          ++i;
          out = '\t';
          return true;
        case 'n':
          ++i;
          out = '\n';
          return true;
        case 'r':
          ++i;
          out = '\r';
          return true;
        case 'f':
          ++i;
          out = '\f';
          return true;
        case 'v':
          ++i;
          out = '\v';
          return true;
        case 's':
        case 'S':
        case 'd':
        case 'D':
        case 'p':
        case 'P':
          return false;
        default:
          if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            fail("unsupported escape");
          ++i;
          out = c;
          return true;
      }
    }

    /// After a backslash, at s S d D p P: the class item.
    ClassItem class_escape() {
      const char32_t c = p[i++];
      ClassItem it;
      it.is_prop = true;
      if (c == 's' || c == 'S') {
        it.prop = im.syntax.dialect == Dialect::js ? Prop::js_space : Prop::ruby_space;
        it.prop_negated = c == 'S';
        return it;
      }
      if (c == 'd' || c == 'D') {
        it.prop = Prop::ascii_digit;
        it.prop_negated = c == 'D';
        return it;
      }
      it.prop_negated = c == 'P';
      if (peek() != '{') fail("\\p needs {}");
      ++i;
      std::string name;
      while (peek() != '}') {
        if (at_end()) fail("unterminated \\p{}");
        name.push_back(static_cast<char>(p[i++]));
      }
      ++i;
      it.prop = prop_named(name);
      return it;
    }

    Prop prop_named(const std::string& name) const {
      if (name == "L") return Prop::letter;
      if (name == "M") return Prop::mark;
      if (name == "Nd") return Prop::decimal;
      if (name == "Pc") return Prop::connector;
      if (name == "P") return Prop::punctuation;
      if (name == "Pd") return Prop::dash;
      if (name == "Alphabetic") return Prop::alphabetic;
      if (name == "White_Space") return Prop::white_space;
      if (name == "Cyrillic") return Prop::cyrillic;
      fail("unknown property");
    }

    int finish_class(CharClass cc, bool ci) {
      cc.ignore_case = ci;
      cc.dialect = im.syntax.dialect;
      if (im.syntax.units == Units::utf16)
        for (const ClassItem& it : cc.items)
          if (it.is_prop) cc.whole_code_point = true;
      if (ci && cc.dialect == Dialect::ruby && !cc.negated) {
        for (const FullFold& f : kFullFolds) {
          if (!cc.contains(f.from)) continue;
          std::u32string seq = full_fold(f.from);
          if (std::find(cc.multi.begin(), cc.multi.end(), seq) == cc.multi.end()) cc.multi.push_back(seq);
        }
      }
      cc.cache_bmp_members();
      im.classes.push_back(std::move(cc));
      return static_cast<int>(im.classes.size() - 1);
    }

    /// At '[': a bracketed class.
    int parse_class(bool ci) {
      ++i;
      CharClass cc;
      if (peek() == '^') {
        cc.negated = true;
        ++i;
      }
      while (true) {
        if (at_end()) fail("unterminated class");
        if (p[i] == ']') {
          ++i;
          break;
        }
        // Ruby POSIX brackets
        if (im.syntax.dialect == Dialect::ruby && p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {
          const std::size_t close = p.find(U":]", i + 2);
          if (close == std::u32string_view::npos) fail("bad POSIX bracket");
          std::string name;
          for (std::size_t k = i + 2; k < close; ++k) name.push_back(static_cast<char>(p[k]));
          i = close + 2;
          ClassItem it;
          it.is_prop = true;
          if (name == "word") {
            it.prop = Prop::word;
          } else if (name == "alpha") {
            it.prop = Prop::alphabetic;
          } else if (name == "space") {
            it.prop = Prop::white_space;
          } else {
            fail("unknown POSIX bracket");
          }
          cc.items.push_back(it);
          continue;
        }
        char32_t lo;
        if (p[i] == '\\') {
          ++i;
          if (!char_escape(lo)) {
            cc.items.push_back(class_escape());
            continue;
          }
        } else {
          lo = p[i++];
        }
        if (peek() == '-' && i + 1 < p.size() && p[i + 1] != ']') {
          ++i;
          char32_t hi;
          if (p[i] == '\\') {
            ++i;
            if (!char_escape(hi)) fail("class escape as range end");
          } else {
            hi = p[i++];
          }
          if (hi < lo) fail("bad range");
          cc.items.push_back({lo, hi, false, Prop::letter, false});
        } else {
          cc.items.push_back({lo, lo, false, Prop::letter, false});
        }
      }
      return finish_class(std::move(cc), ci);
    }

    int add_literal(char32_t c, bool ci) {
      Literal l;
      l.text = im.syntax.units == Units::utf16 ? to_utf16(std::u32string(1, c)) : std::u32string(1, c);
      l.ignore_case = ci;
      l.dialect = im.syntax.dialect;
      im.literals.push_back(std::move(l));
      return static_cast<int>(im.literals.size() - 1);
    }

    int add_set(const std::string& name, bool ci) {
      if (!named_sets) fail("no literal sets");
      auto it = named_sets->find(name);
      if (it == named_sets->end()) fail("unknown literal set");
      LiteralSet set;
      for (const std::u32string& s : it->second) {
        Literal l;
        l.text = im.syntax.units == Units::utf16 ? to_utf16(s) : s;
        l.ignore_case = ci;
        l.dialect = im.syntax.dialect;
        prepare_literal(l);
        std::u32string folding;
        for (char32_t c : l.text) folding += char_folding(c, l.ignore_case, l.dialect);
        set.add(folding, set.items.size());
        set.items.push_back(std::move(l));
      }
      im.sets.push_back(std::move(set));
      return static_cast<int>(im.sets.size() - 1);
    }

    Node parse_atom(bool ci, bool x) {
      const char32_t c = p[i];
      Node n;
      if (c == '(') {
        ++i;
        bool inner_ci = ci, inner_x = x;
        if (peek() == '?') {
          ++i;
          const char32_t k = peek();
          if (k == ':') {
            ++i;
            n.kind = Node::group;
          } else if (k == '=' || k == '!') {
            ++i;
            n.kind = Node::look;
            n.ahead = true;
            n.negate = k == '!';
          } else if (k == '<' && i + 1 < p.size() && (p[i + 1] == '=' || p[i + 1] == '!')) {
            n.kind = Node::look;
            n.ahead = false;
            n.negate = p[i + 1] == '!';
            i += 2;
          } else {
            // flag group (?imx-imx:...)
            bool on = true;
            while (!at_end() && p[i] != ':') {
              const char32_t f = p[i++];
              if (f == '-') {
                on = false;
              } else if (f == 'i') {
                inner_ci = on;
              } else if (f == 'x') {
                inner_x = on;
              } else if (f != 'm') {
                fail("unsupported group");
              }
            }
            if (at_end()) fail("unterminated flag group");
            ++i;
            n.kind = Node::group;
          }
        } else {
          n.kind = Node::group;
          n.index = ++im.groups;
        }
        n.kids.push_back(parse_alt(inner_ci, inner_x));
        skip_extended(inner_x);
        if (peek() != ')') fail("missing )");
        ++i;
        return n;
      }
      if (c == '[') {
        n.kind = Node::cls;
        n.index = parse_class(ci);
        return n;
      }
      if (c == '^' || c == '$') {
        ++i;
        n.kind = Node::assert_;
        n.index =
            static_cast<int>(c == '^' ? AssertKind::line_or_input_start : AssertKind::line_or_input_end);
        return n;
      }
      if (c == '.') {
        // Any character but a line terminator: \n in Ruby; \n \r U+2028 U+2029 in ECMAScript.
        ++i;
        CharClass cc;
        cc.negated = true;
        cc.items.push_back({'\n', '\n', false, Prop::letter, false});
        if (im.syntax.dialect == Dialect::js) {
          cc.items.push_back({'\r', '\r', false, Prop::letter, false});
          cc.items.push_back({0x2028, 0x2029, false, Prop::letter, false});
        }
        n.kind = Node::cls;
        n.index = finish_class(std::move(cc), false);
        return n;
      }
      if (c == '\\') {
        ++i;
        const char32_t e = peek();
        if (im.syntax.dialect == Dialect::ruby && (e == 'A' || e == 'z' || e == 'Z')) {
          ++i;
          n.kind = Node::assert_;
          n.index = static_cast<int>(e == 'A'   ? AssertKind::input_start
                                     : e == 'z' ? AssertKind::input_end
                                                : AssertKind::input_end_or_final_newline);
          return n;
        }
        if (e == 'L') {
          ++i;
          if (peek() != '{') fail("\\L needs {}");
          ++i;
          std::string name;
          while (peek() != '}') {
            if (at_end()) fail("unterminated \\L{}");
            name.push_back(static_cast<char>(p[i++]));
          }
          ++i;
          n.kind = Node::set;
          n.index = add_set(name, ci);
          return n;
        }
        char32_t lit;
        if (char_escape(lit)) {
          n.kind = Node::lit;
          n.index = add_literal(lit, ci);
          return n;
        }
        CharClass cc;
        cc.items.push_back(class_escape());
        n.kind = Node::cls;
        n.index = finish_class(std::move(cc), ci);
        return n;
      }
      ++i;
      n.kind = Node::lit;
      n.index = add_literal(c, ci);
      return n;
    }

    /// A quantifier at i, if any: sets min/max/greedy.
    bool parse_quantifier(int& min, int& max, bool& greedy) {
      const char32_t c = peek();
      if (c == '*') {
        min = 0, max = -1;
        ++i;
      } else if (c == '+') {
        min = 1, max = -1;
        ++i;
      } else if (c == '?') {
        min = 0, max = 1;
        ++i;
      } else if (c == '{') {
        std::size_t k = i + 1;
        auto number = [&](int& v) {
          const std::size_t s = k;
          v = 0;
          while (k < p.size() && p[k] >= '0' && p[k] <= '9') v = v * 10 + static_cast<int>(p[k++] - '0');
          return k > s;
        };
        int a = 0, b = 0;
        if (!number(a)) return false;
        if (k < p.size() && p[k] == '}') {
          b = a;
        } else if (k < p.size() && p[k] == ',') {
          ++k;
          if (k < p.size() && p[k] == '}') {
            b = -1;
          } else if (!number(b)) {
            return false;
          }
          if (k >= p.size() || p[k] != '}') return false;
        } else {
          return false;
        }
        i = k + 1;
        min = a, max = b;
      } else {
        return false;
      }
      greedy = true;
      if (peek() == '?') {
        greedy = false;
        ++i;
      }
      return true;
    }

    Node parse_cat(bool ci, bool x) {
      Node cat;
      cat.kind = Node::cat;
      while (true) {
        skip_extended(x);
        if (at_end() || p[i] == '|' || p[i] == ')') break;
        Node atom = parse_atom(ci, x);
        skip_extended(x);
        int min = 0, max = 0;
        bool greedy = true;
        if (parse_quantifier(min, max, greedy)) {
          Node r;
          r.kind = Node::repeat;
          r.min = min, r.max = max, r.greedy = greedy;
          r.kids.push_back(std::move(atom));
          cat.kids.push_back(std::move(r));
          continue;
        }
        // Consecutive literal characters form one string (Onigmo folds a string as a whole).
        if (atom.kind == Node::lit && !cat.kids.empty() && cat.kids.back().kind == Node::lit) {
          Literal& prev = im.literals[cat.kids.back().index];
          const Literal& cur = im.literals[atom.index];
          if (prev.ignore_case == cur.ignore_case) {
            prev.text += cur.text;
            im.literals.pop_back();
            continue;
          }
        }
        cat.kids.push_back(std::move(atom));
      }
      return cat;
    }

    Node parse_alt(bool ci, bool x) {
      Node alt;
      alt.kind = Node::alt;
      alt.kids.push_back(parse_cat(ci, x));
      while (peek() == '|' && !at_end()) {
        ++i;
        alt.kids.push_back(parse_cat(ci, x));
      }
      if (alt.kids.size() == 1) return std::move(alt.kids[0]);
      return alt;
    }
  };

  static void prepare_literal(Literal& l) {
    if (l.ignore_case && l.dialect == Dialect::ruby)
      for (char32_t c : l.text) l.folded += full_fold(c);
  }

  /// What a character compares as: itself; under JS /i its simple folding unless
  /// Canonicalize keeps it (js_equal_ignoring_case); under Ruby /i its full folding.
  static std::u32string char_folding(char32_t c, bool ci, Dialect d) {
    if (!ci) return std::u32string(1, c);
    if (d == Dialect::ruby) return full_fold(c);
    return std::u32string(1, js_canonicalize_keeps(c) ? c : simple_fold(c));
  }

  // ---- compiling ----------------------------------------------------------------------

  static int max_width(const Impl& im, const Node& n) {
    switch (n.kind) {
      case Node::empty:
      case Node::look:
      case Node::assert_:
        return 0;
      case Node::lit:
        return static_cast<int>(im.literals[n.index].text.size());
      case Node::cls:
        return im.classes[n.index].whole_code_point ? 2 : 1;
      case Node::set: {
        int w = 0;
        for (const Literal& l : im.sets[n.index].items) w = std::max(w, static_cast<int>(l.text.size()));
        return w;
      }
      case Node::group:
        return max_width(im, n.kids[0]);
      case Node::alt: {
        int w = 0;
        for (const Node& k : n.kids) w = std::max(w, max_width(im, k));
        return w;
      }
      case Node::cat: {
        int w = 0;
        for (const Node& k : n.kids) w += max_width(im, k);
        return w;
      }
      case Node::repeat:
        if (n.max < 0) throw std::invalid_argument("regex: unbounded lookbehind");
        return n.max * max_width(im, n.kids[0]);
    }
    return 0;
  }

  bool nullable(const Node& n) const {
    switch (n.kind) {
      case Node::empty:
      case Node::look:
      case Node::assert_:
        return true;
      case Node::lit:
        return literals[n.index].text.empty();
      case Node::cls:
        return false;
      case Node::set:
        return std::any_of(sets[n.index].items.begin(), sets[n.index].items.end(),
                           [](const Literal& l) { return l.text.empty(); });
      case Node::group:
        return nullable(n.kids[0]);
      case Node::alt:
        return std::any_of(n.kids.begin(), n.kids.end(), [&](const Node& k) { return nullable(k); });
      case Node::cat:
        return std::all_of(n.kids.begin(), n.kids.end(), [&](const Node& k) { return nullable(k); });
      case Node::repeat:
        return n.min == 0 || nullable(n.kids[0]);
    }
    return true;
  }

  void emit(Program& prog, const Node& n) {
    auto& code = prog.code;
    auto here = [&] { return static_cast<int>(code.size()); };
    switch (n.kind) {
      case Node::empty:
        break;
      case Node::lit:
        code.push_back({Op::lit, n.index});
        break;
      case Node::cls:
        code.push_back({Op::cls, n.index});
        break;
      case Node::set:
        code.push_back({Op::set, n.index});
        break;
      case Node::assert_:
        code.push_back({Op::assert_, n.index});
        break;
      case Node::group:
        if (n.index > 0) code.push_back({Op::save, 2 * n.index});
        emit(prog, n.kids[0]);
        if (n.index > 0) code.push_back({Op::save, 2 * n.index + 1});
        break;
      case Node::cat:
        for (const Node& k : n.kids) emit(prog, k);
        break;
      case Node::alt: {
        std::vector<int> to_end;
        for (std::size_t a = 0; a < n.kids.size(); ++a) {
          if (a + 1 < n.kids.size()) {
            const int split = here();
            code.push_back({Op::split, split + 1, 0});
            emit(prog, n.kids[a]);
            to_end.push_back(here());
            code.push_back({Op::jmp, 0});
            code[split].y = here();
          } else {
            emit(prog, n.kids[a]);
          }
        }
        for (int j : to_end) code[j].x = here();
        break;
      }
      case Node::repeat: {
        for (int k = 0; k < n.min; ++k) emit(prog, n.kids[0]);
        if (n.max < 0) {
          if (nullable(n.kids[0])) prog.memo_safe = false;
          const int reg = prog.registers++;
          const int loop = here();
          code.push_back({Op::split, 0, 0});
          const int body = here();
          code.push_back({Op::loop_set, reg});
          emit(prog, n.kids[0]);
          code.push_back({Op::loop_check, reg});
          code.push_back({Op::jmp, loop});
          const int exit = here();
          code[loop].x = n.greedy ? body : exit;
          code[loop].y = n.greedy ? exit : body;
        } else {
          std::vector<int> splits;
          for (int k = n.min; k < n.max; ++k) {
            splits.push_back(here());
            code.push_back({Op::split, 0, 0});
            emit(prog, n.kids[0]);
          }
          const int exit = here();
          for (int s : splits) {
            code[s].x = n.greedy ? s + 1 : exit;
            code[s].y = n.greedy ? exit : s + 1;
          }
        }
        break;
      }
      case Node::look: {
        Program body;
        emit(body, n.kids[0]);
        body.code.push_back({Op::match});
        programs.push_back(std::move(body));
        Inst in{Op::look, static_cast<int>(programs.size() - 1), n.ahead ? 1 : 0};
        in.negate = n.negate;
        if (!n.ahead) in.width = max_width(*this, n.kids[0]);
        code.push_back(in);
        break;
      }
    }
  }

  // ---- matching -----------------------------------------------------------------------

  /// The code point at i of the subject for a whole-code-point class, and its length.
  char32_t code_point_at(const std::u32string& s, std::size_t i, std::size_t& len) const {
    len = 1;
    const char32_t u = s[i];
    if (syntax.units == Units::utf16 && u >= 0xD800 && u <= 0xDBFF && i + 1 < s.size() &&
        s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      len = 2;
      return 0x10000 + ((u - 0xD800) << 10) + (s[i + 1] - 0xDC00);
    }
    return u;
  }

  /// End of `l` matched at pos, or -1.
  long match_literal(const Literal& l, const std::u32string& s, std::size_t pos) const {
    if (!l.ignore_case) {
      if (s.size() - pos < l.text.size()) return -1;
      return s.compare(pos, l.text.size(), l.text) == 0 ? static_cast<long>(pos + l.text.size()) : -1;
    }
    if (l.dialect == Dialect::js) {
      if (s.size() - pos < l.text.size()) return -1;
      for (std::size_t k = 0; k < l.text.size(); ++k)
        if (!js_equal_ignoring_case(s[pos + k], l.text[k])) return -1;
      return static_cast<long>(pos + l.text.size());
    }
    return match_folded(l.folded, s, pos);
  }

  /// Ruby /i: the subject characters from pos whose full foldings spell `folded`, or -1.
  static long match_folded(const std::u32string& folded, const std::u32string& s, std::size_t pos) {
    std::size_t k = 0, p = pos;
    while (k < folded.size()) {
      if (p >= s.size()) return -1;
      if (const FullFold* f = find_full_fold(s[p])) {
        for (char32_t t : f->to) {
          if (t == 0) break;
          if (k >= folded.size() || folded[k] != t) return -1;
          ++k;
        }
      } else {
        if (folded[k] != simple_fold(s[p])) return -1;
        ++k;
      }
      ++p;
    }
    return static_cast<long>(p);
  }

  bool check_assert(AssertKind k, const std::u32string& s, std::size_t pos) const {
    const bool ruby = syntax.dialect == Dialect::ruby;
    switch (k) {
      case AssertKind::line_or_input_start:
        return pos == 0 || (ruby && s[pos - 1] == '\n');
      case AssertKind::line_or_input_end:
        return pos == s.size() || (ruby && s[pos] == '\n');
      case AssertKind::input_start:
        return pos == 0;
      case AssertKind::input_end:
        return pos == s.size();
      case AssertKind::input_end_or_final_newline:
        return pos == s.size() || (pos + 1 == s.size() && s[pos] == '\n');
    }
    return false;
  }

  struct Frame {
    enum Kind { branch, restore_cap, restore_reg } kind;
    int pc;
    long value;  // branch: position; restore: old value
  };

  /// Working memory of run(), one per lookaround nesting level, reused between runs.
  struct Scratch {
    std::vector<long> regs;
    std::vector<Frame> stack;
    std::vector<long> ends;
    std::vector<long> look_caps;
  };
  struct Pool {
    std::vector<std::unique_ptr<Scratch>> levels;
    Scratch& at(std::size_t depth) {
      while (levels.size() <= depth) levels.push_back(std::make_unique<Scratch>());
      return *levels[depth];
    }
  };

  /// The states (pc, pos) of one search() that have failed (see Program::memo_safe): state
  /// k has failed when marks[k] == stamp. Each search takes a new stamp instead of clearing
  /// the array, which is reused by the thread's later searches.
  struct FailedStates {
    std::vector<std::uint32_t> marks;
    std::uint32_t stamp = 0;

    void start(std::size_t states) {
      if (++stamp == 0) {  // the stamps wrapped: forget every old mark
        std::fill(marks.begin(), marks.end(), 0);
        stamp = 1;
      }
      if (marks.size() < states) marks.resize(states, 0);
    }
    /// Whether state k had failed; marks it failed from now on.
    bool test_and_set(std::size_t k) {
      if (marks[k] == stamp) return true;
      marks[k] = stamp;
      return false;
    }
  };

  /// Runs program `pi` anchored at `start`. With required_end >= 0 only a match that ends
  /// there counts (lookbehind). Fills caps on success.
  bool run(std::size_t pi, const std::u32string& s, std::size_t start, std::vector<long>& caps,
           long required_end, FailedStates* failed, Pool& pool, std::size_t depth) const {
    const Program& prog = programs[pi];
    if (!prog.memo_safe) failed = nullptr;
    Scratch& scratch = pool.at(depth);
    std::vector<long>& regs = scratch.regs;
    std::vector<Frame>& stack = scratch.stack;
    std::vector<long>& ends = scratch.ends;
    regs.assign(static_cast<std::size_t>(prog.registers), -1);
    stack.clear();
    int pc = 0;
    long pos = static_cast<long>(start);
    const long n = static_cast<long>(s.size());
    while (true) {
      const Inst& in = prog.code[static_cast<std::size_t>(pc)];
      bool ok = true;
      if (failed) {
        // A state seen before has failed: a success would have ended the search.
        const std::size_t state =
            static_cast<std::size_t>(pc) * static_cast<std::size_t>(n + 1) + static_cast<std::size_t>(pos);
        if (failed->test_and_set(state)) {
          ok = false;
          goto backtrack;
        }
      }
      switch (in.op) {
        case Op::lit: {
          const long e = pos <= n ? match_literal(literals[in.x], s, static_cast<std::size_t>(pos)) : -1;
          if (e < 0) {
            ok = false;
          } else {
            pos = e;
            ++pc;
          }
          break;
        }
        case Op::cls: {
          ends.clear();
          const CharClass& cc = classes[in.x];
          if (pos < n) {
            std::size_t len = 1;
            const char32_t c = cc.whole_code_point ? code_point_at(s, pos, len) : s[pos];
            if (cc.matches(c)) ends.push_back(pos + static_cast<long>(len));
            for (const std::u32string& seq : cc.multi) {
              const long e = match_folded(seq, s, static_cast<std::size_t>(pos));
              if (e > pos + 1) ends.push_back(e);
            }
          }
          if (ends.empty()) {
            ok = false;
          } else {
            for (std::size_t k = ends.size(); k-- > 1;) stack.push_back({Frame::branch, pc + 1, ends[k]});
            pos = ends[0];
            ++pc;
          }
          break;
        }
        case Op::set: {
          ends.clear();
          const LiteralSet& set = sets[in.x];
          if (pos < n && !set.items.empty()) {
            const Literal& any = set.items.front();
            std::vector<std::pair<std::size_t, long>> found;  // (member index, end)
            int node = 0;  // the trie node of the folded subject from pos to q
            for (long q = pos; q < n && node >= 0; ++q) {
              for (const char32_t c : char_folding(s[static_cast<std::size_t>(q)], any.ignore_case, any.dialect)) {
                node = set.child(node, c);
                if (node < 0) break;
              }
              if (node >= 0)
                for (std::size_t idx : set.members[static_cast<std::size_t>(node)]) found.emplace_back(idx, q + 1);
            }
            std::sort(found.begin(), found.end());  // the set's order
            for (const auto& f : found) ends.push_back(f.second);
          }
          if (ends.empty()) {
            ok = false;
          } else {
            for (std::size_t k = ends.size(); k-- > 1;) stack.push_back({Frame::branch, pc + 1, ends[k]});
            pos = ends[0];
            ++pc;
          }
          break;
        }
        case Op::split:
          stack.push_back({Frame::branch, in.y, pos});
          pc = in.x;
          break;
        case Op::jmp:
          pc = in.x;
          break;
        case Op::save:
          stack.push_back({Frame::restore_cap, in.x, caps[static_cast<std::size_t>(in.x)]});
          caps[static_cast<std::size_t>(in.x)] = pos;
          ++pc;
          break;
        case Op::assert_:
          if (check_assert(static_cast<AssertKind>(in.x), s, static_cast<std::size_t>(pos))) {
            ++pc;
          } else {
            ok = false;
          }
          break;
        case Op::look: {
          std::vector<long>& look_caps = scratch.look_caps;
          look_caps.assign(caps.size(), -1);
          bool found = false;
          if (in.y == 1) {
            found = run(static_cast<std::size_t>(in.x), s, static_cast<std::size_t>(pos), look_caps, -1,
                        nullptr, pool, depth + 1);
          } else {
            for (long from = pos; from >= 0 && from >= pos - in.width && !found; --from)
              found = run(static_cast<std::size_t>(in.x), s, static_cast<std::size_t>(from), look_caps, pos,
                          nullptr, pool, depth + 1);
          }
          if (found != in.negate) {
            ++pc;
          } else {
            ok = false;
          }
          break;
        }
        case Op::loop_set:
          stack.push_back({Frame::restore_reg, in.x, regs[static_cast<std::size_t>(in.x)]});
          regs[static_cast<std::size_t>(in.x)] = pos;
          ++pc;
          break;
        case Op::loop_check:
          if (regs[static_cast<std::size_t>(in.x)] == pos) {
            ok = false;  // an iteration that matched nothing ends the loop (ECMA-262 RepeatMatcher)
          } else {
            ++pc;
          }
          break;
        case Op::match:
          if (required_end < 0 || pos == required_end) return true;
          ok = false;
          break;
      }
      if (ok) continue;
    backtrack:
      // Backtrack to the latest choice point, undoing captures and registers on the way.
      while (true) {
        if (stack.empty()) return false;
        const Frame f = stack.back();
        stack.pop_back();
        if (f.kind == Frame::restore_cap) {
          caps[static_cast<std::size_t>(f.pc)] = f.value;
        } else if (f.kind == Frame::restore_reg) {
          regs[static_cast<std::size_t>(f.pc)] = f.value;
        } else {
          pc = f.pc;
          pos = f.value;
          break;
        }
      }
    }
  }
};

Regex::Regex(std::u32string_view pattern, Syntax syntax, const LiteralSets* sets)
    : impl_(std::make_unique<Impl>()) {
  impl_->syntax = syntax;
  Impl::Parser parser{*impl_, pattern, 0, sets};
  Node root = parser.parse_alt(syntax.ignore_case, syntax.extended);
  parser.skip_extended(syntax.extended);
  if (!parser.at_end()) parser.fail("unbalanced )");
  for (Literal& l : impl_->literals) Impl::prepare_literal(l);
  Program main;
  main.code.push_back({Op::save, 0});
  impl_->programs.emplace_back();  // reserve slot 0 for the pattern
  impl_->emit(main, root);
  main.code.push_back({Op::save, 1});
  main.code.push_back({Op::match});
  impl_->programs[0] = std::move(main);
}

Regex::Regex(std::string_view utf8_pattern, Syntax syntax, const LiteralSets* sets)
    : Regex(std::u32string_view(utf8_to_u32(utf8_pattern)), syntax, sets) {}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

std::size_t Regex::group_count() const { return static_cast<std::size_t>(impl_->groups); }

bool Regex::match_at(const std::u32string& subject, std::size_t at, Match& m) const {
  m.caps.assign(2 * (group_count() + 1), -1);
  if (at > subject.size()) return false;
  thread_local Impl::Pool pool;  // no search runs inside another: one per thread suffices
  return impl_->run(0, subject, at, m.caps, -1, nullptr, pool, 0);
}

bool Regex::search(const std::u32string& subject, std::size_t from, Match& m) const {
  thread_local Impl::FailedStates failed;
  thread_local Impl::Pool pool;
  failed.start(impl_->programs[0].code.size() * (subject.size() + 1));
  for (std::size_t at = from; at <= subject.size(); ++at) {
    m.caps.assign(2 * (group_count() + 1), -1);
    if (impl_->run(0, subject, at, m.caps, -1, &failed, pool, 0)) return true;
  }
  return false;
}

}  // namespace somepost::reference::rx
