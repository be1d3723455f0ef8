// The reference counter's Unicode layer (reference.hpp): UTF-8, UAX #29 grapheme cluster
// boundaries and UAX #15 NFC, written for clarity, one code point at a time. It shares no
// code with src/unicode: only the generated tables (src/unicode/generated/*.hpp, whose
// banners say how they were made from data/ucd/).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "reference.hpp"
#include "unicode/generated/grapheme_tables.hpp"
#include "unicode/generated/normalization_tables.hpp"

namespace somepost::reference {

namespace tables = somepost::unicode::tables;

// ---- UTF-8 (Unicode 3.9, D92; Table 3-7) ----------------------------------------------

namespace {

/// Number of UTF-8 bytes of one code point (Unicode 3.9, Table 3-6).
std::size_t utf8_length(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/// Number of bytes of the sequence that lead byte `b` starts (valid UTF-8 assumed).
std::size_t utf8_sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xF0) return 4;
  if (b >= 0xE0) return 3;
  return 2;
}

}  // namespace

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = utf8_sequence_length(lead);
    char32_t cp = 0;
    if (length == 1) {
      cp = lead;
    } else if (length == 2) {
      cp = lead & 0x1F;
    } else if (length == 3) {
      cp = lead & 0x0F;
    } else {
      cp = lead & 0x07;
    }
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += length;
  }
  return out;
}

std::string encode(const std::u32string& text) {
  std::string out;
  for (const char32_t cp : text) {
    const std::size_t length = utf8_length(cp);
    if (length == 1) {
      out.push_back(static_cast<char>(cp));
    } else if (length == 2) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (length == 3) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::size_t byte_offset(const std::u32string& text, std::size_t index) {
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < index && i < text.size(); ++i) bytes += utf8_length(text[i]);
  return bytes;
}

// ---- Grapheme cluster boundaries (UAX #29, Unicode 17.0, §3.1.1) ----------------------

namespace {

/// Grapheme_Cluster_Break values, in the order of the table's bits 0-3
/// (grapheme_tables.hpp header comment).
enum class Gcb {
  Other, CR, LF, Control, Extend, ZWJ, Regional_Indicator, Prepend, SpacingMark, L, V, T, LV, LVT,
};

/// Indic_Conjunct_Break values, in the order of the table's bits 5-6.
enum class InCB { None, Linker, Consonant, Extend };

/// The property byte of `cp` (grapheme_tables.hpp: two-stage look-up).
std::uint8_t grapheme_byte(char32_t cp) {
  if (cp > 0x10FFFF) return 0;
  const unsigned shift = tables::kGraphemeShift;
  const char32_t mask = (char32_t{1} << shift) - 1;
  const std::size_t block = tables::kGraphemeStage1[cp >> shift];
  return tables::kGraphemeStage2[(block << shift) | (cp & mask)];
}

Gcb gcb(char32_t cp) { return static_cast<Gcb>(grapheme_byte(cp) & 0x0F); }
bool extended_pictographic(char32_t cp) { return (grapheme_byte(cp) & 0x10) != 0; }
InCB incb(char32_t cp) { return static_cast<InCB>((grapheme_byte(cp) >> 5) & 0x03); }

bool is_control_cr_lf(char32_t cp) {
  const Gcb g = gcb(cp);
  return g == Gcb::Control || g == Gcb::CR || g == Gcb::LF;
}

// GB9c: \p{InCB=Consonant} [\p{InCB=Extend} \p{InCB=Linker}]* \p{InCB=Linker}
//       [\p{InCB=Extend} \p{InCB=Linker}]* × \p{InCB=Consonant}
// Does the text before position `i` end with the left-hand side?
bool gb9c_left_side(const std::u32string& text, std::size_t i) {
  bool saw_linker = false;
  std::size_t j = i;
  while (j > 0) {
    const InCB value = incb(text[j - 1]);
    if (value == InCB::Linker) {
      saw_linker = true;
    } else if (value != InCB::Extend) {
      break;
    }
    --j;
  }
  // text[j - 1] is the first code point (going back) that is neither Extend nor Linker.
  return saw_linker && j > 0 && incb(text[j - 1]) == InCB::Consonant;
}

// GB11: \p{Extended_Pictographic} Extend* ZWJ × \p{Extended_Pictographic}
// Does the text before position `i` end with the left-hand side?
bool gb11_left_side(const std::u32string& text, std::size_t i) {
  if (i == 0 || gcb(text[i - 1]) != Gcb::ZWJ) return false;
  std::size_t j = i - 1;  // text[j] is the ZWJ
  while (j > 0 && gcb(text[j - 1]) == Gcb::Extend) --j;
  return j > 0 && extended_pictographic(text[j - 1]);
}

// GB12: sot (RI RI)* RI × RI;  GB13: [^RI] (RI RI)* RI × RI.
// Is the run of Regional_Indicators ending just before position `i` of odd length?
bool gb12_13_left_side(const std::u32string& text, std::size_t i) {
  std::size_t run = 0;
  std::size_t j = i;
  while (j > 0 && gcb(text[j - 1]) == Gcb::Regional_Indicator) {
    ++run;
    --j;
  }
  return run % 2 == 1;
}

/// Is there a grapheme cluster boundary between text[i - 1] and text[i] (0 < i < size)?
/// The rules in their order; the first that applies decides.
bool is_boundary(const std::u32string& text, std::size_t i) {
  const char32_t before = text[i - 1];
  const char32_t after = text[i];
  const Gcb b = gcb(before);
  const Gcb a = gcb(after);
  // GB3: CR × LF
  if (b == Gcb::CR && a == Gcb::LF) return false;
  // GB4: (Control | CR | LF) ÷
  if (is_control_cr_lf(before)) return true;
  // GB5: ÷ (Control | CR | LF)
  if (is_control_cr_lf(after)) return true;
  // GB6: L × (L | V | LV | LVT)
  if (b == Gcb::L && (a == Gcb::L || a == Gcb::V || a == Gcb::LV || a == Gcb::LVT)) return false;
  // GB7: (LV | V) × (V | T)
  if ((b == Gcb::LV || b == Gcb::V) && (a == Gcb::V || a == Gcb::T)) return false;
  // GB8: (LVT | T) × T
  if ((b == Gcb::LVT || b == Gcb::T) && a == Gcb::T) return false;
  // GB9: × (Extend | ZWJ)
  if (a == Gcb::Extend || a == Gcb::ZWJ) return false;
  // GB9a: × SpacingMark
  if (a == Gcb::SpacingMark) return false;
  // GB9b: Prepend ×
  if (b == Gcb::Prepend) return false;
  // GB9c: Indic conjunct: Consonant [Extend Linker]* Linker [Extend Linker]* × Consonant
  if (incb(after) == InCB::Consonant && gb9c_left_side(text, i)) return false;
  // GB11: ExtPict Extend* ZWJ × ExtPict
  if (extended_pictographic(after) && gb11_left_side(text, i)) return false;
  // GB12 / GB13: an odd run of Regional_Indicators × RI
  if (a == Gcb::Regional_Indicator && gb12_13_left_side(text, i)) return false;
  // GB999: Any ÷ Any
  return true;
}

}  // namespace

std::vector<std::size_t> grapheme_boundaries(const std::u32string& text) {
  std::vector<std::size_t> out;
  out.push_back(0);  // GB1: sot ÷ Any
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (is_boundary(text, i)) out.push_back(i);
  }
  if (!text.empty()) out.push_back(text.size());  // GB2: Any ÷ eot
  return out;
}

// ---- NFC (UAX #15; Unicode 3.11, D108-D117; Hangul §3.12) ------------------------------

namespace {

// Hangul syllable constants (Unicode §3.12, "Conjoining Jamo Behavior").
constexpr char32_t kSBase = 0xAC00;
constexpr char32_t kLBase = 0x1100;
constexpr char32_t kVBase = 0x1161;
constexpr char32_t kTBase = 0x11A7;
constexpr char32_t kLCount = 19;
constexpr char32_t kVCount = 21;
constexpr char32_t kTCount = 28;
constexpr char32_t kNCount = kVCount * kTCount;  // 588
constexpr char32_t kSCount = kLCount * kNCount;  // 11172

bool is_hangul_syllable(char32_t cp) { return cp >= kSBase && cp < kSBase + kSCount; }

/// The value of a two-stage normalization table (normalization_tables.hpp) at `cp`.
template <typename Stage1, typename Stage2>
unsigned norm_lookup(const Stage1& stage1, const Stage2& stage2, unsigned shift, char32_t cp) {
  const char32_t mask = (char32_t{1} << shift) - 1;
  const std::size_t block = stage1[cp >> shift];
  return stage2[(block << shift) | (cp & mask)];
}

/// Canonical_Combining_Class of `cp` (kNormPropsStage2: ccc rank in bits 0-5).
unsigned ccc(char32_t cp) {
  if (cp >= tables::kNormLimit) return 0;
  const unsigned value =
      norm_lookup(tables::kNormPropsStage1, tables::kNormPropsStage2, tables::kNormPropsShift, cp);
  return tables::kCccOfRank[value & tables::kCccRankMask];
}

/// The canonical decomposition mapping of `cp` as the table stores it (the full one), or
/// empty when `cp` decomposes to itself. Hangul syllables are not in the table.
std::u32string table_decomposition(char32_t cp) {
  if (cp < tables::kDecompositionNoneBelow || cp >= tables::kNormLimit) return {};
  const unsigned value = norm_lookup(tables::kDecompositionStage1, tables::kDecompositionStage2,
                                     tables::kDecompositionShift, cp);
  const unsigned length = value & ((1u << tables::kDecompositionLengthBits) - 1);
  const unsigned offset = value >> tables::kDecompositionLengthBits;
  return std::u32string(tables::kDecompositionData + offset, length);
}

/// Hangul syllable decomposition by arithmetic (§3.12): LV or LVT.
std::u32string hangul_decomposition(char32_t s) {
  const char32_t index = s - kSBase;
  std::u32string out;
  out.push_back(kLBase + index / kNCount);
  out.push_back(kVBase + (index % kNCount) / kTCount);
  if (index % kTCount != 0) out.push_back(kTBase + index % kTCount);
  return out;
}

/// D68 full canonical decomposition: the mapping applied recursively until nothing
/// decomposes (the table's entries are already full; recursing again changes nothing).
void append_full_decomposition(char32_t cp, std::u32string& out) {
  std::u32string mapping = is_hangul_syllable(cp) ? hangul_decomposition(cp) : table_decomposition(cp);
  if (mapping.empty()) {
    out.push_back(cp);
    return;
  }
  for (const char32_t part : mapping) append_full_decomposition(part, out);
}

/// D109 Canonical Ordering Algorithm: exchange each adjacent pair A B with
/// ccc(A) > ccc(B) > 0 until no such pair remains (a stable sort of each run of
/// non-starters by ccc).
void canonical_order(std::u32string& text) {
  bool swapped = true;
  while (swapped) {
    swapped = false;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
      const unsigned a = ccc(text[i]);
      const unsigned b = ccc(text[i + 1]);
      if (a > b && b > 0) {
        std::swap(text[i], text[i + 1]);
        swapped = true;
      }
    }
  }
}

/// D114 primary composite of the pair (first, second), or 0 when there is none. The table
/// lists exactly the canonical decompositions of two code points that are not
/// Full_Composition_Exclusion (tools/gen_normalization.py); Hangul by arithmetic (§3.12).
char32_t primary_composite(char32_t first, char32_t second) {
  // Hangul LV: L + V
  if (first >= kLBase && first < kLBase + kLCount && second >= kVBase && second < kVBase + kVCount) {
    return kSBase + ((first - kLBase) * kVCount + (second - kVBase)) * kTCount;
  }
  // Hangul LVT: LV + T (T in TBase+1 .. TBase+TCount-1)
  if (is_hangul_syllable(first) && (first - kSBase) % kTCount == 0 && second > kTBase &&
      second < kTBase + kTCount) {
    return first + (second - kTBase);
  }
  const std::uint64_t key = (std::uint64_t{first} << 21) | second;
  const auto* const begin = std::begin(tables::kCompositionKeys);
  const auto* const end = std::end(tables::kCompositionKeys);
  const auto* const found = std::lower_bound(begin, end, key);
  if (found == end || *found != key) return 0;
  return tables::kCompositionValues[found - begin];
}

/// D117 Canonical Composition Algorithm: each character C, from the second on, that is
/// not blocked (D115) from the last starter L before it and forms a primary composite P
/// with L: L becomes P and C is removed.
void canonical_compose(std::u32string& text) {
  bool have_starter = false;
  std::size_t starter = 0;  // index of the last starter L
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t c = text[i];
    const unsigned c_class = ccc(c);
    if (have_starter && i > starter) {
      // D115: C is blocked from L when some B between them has ccc(B) == 0 or
      // ccc(B) >= ccc(C).
      bool blocked = false;
      for (std::size_t k = starter + 1; k < i; ++k) {
        const unsigned b_class = ccc(text[k]);
        if (b_class == 0 || b_class >= c_class) blocked = true;
      }
      if (!blocked) {
        const char32_t composite = primary_composite(text[starter], c);
        if (composite != 0) {
          text[starter] = composite;
          text.erase(i, 1);
          continue;  // the next character is now at i
        }
      }
    }
    if (c_class == 0) {
      have_starter = true;
      starter = i;
    }
    ++i;
  }
}

}  // namespace

std::u32string nfc(const std::u32string& text) {
  std::u32string out;
  for (const char32_t cp : text) append_full_decomposition(cp, out);  // D68
  canonical_order(out);                                                // D109
  canonical_compose(out);                                              // D117
  return out;
}

}  // namespace somepost::reference
