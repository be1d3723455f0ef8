// Unicode Normalization Form C (UAX #15) for Unicode 17.0: quick check, canonical
// decomposition, canonical ordering and canonical composition, with Hangul done
// algorithmically (Unicode 3.12). The data comes from generated/normalization_tables.hpp.
#include "unicode/normalization.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

#include "unicode/generated/normalization_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {
namespace {

// ---------------------------------------------------------------------------------------
// Per-code-point properties.
// ---------------------------------------------------------------------------------------

/// Every code point below this (U+0300: ASCII, Latin-1, Latin Extended-A/B, IPA, spacing
/// modifiers) has ccc 0 and NFC_Quick_Check=Yes, so it is a boundary and composes with
/// nothing before it. Lets the quick check skip the table look-up for most Latin text.
constexpr char32_t kFirstNonTrivial = tables::kNormPropsTrivialBelow;

/// Below this (U+00C0) no code point has a canonical decomposition.
constexpr char32_t kFirstDecomposable = tables::kDecompositionNoneBelow;

/// The packed props byte of `cp`: the rank of its canonical combining class in bits 0..5
/// (rank order is ccc order and rank 0 is ccc 0, so comparisons of ranks are comparisons of
/// classes) and its NFC_Quick_Check value above. `cp` must be at most U+10FFFF.
[[nodiscard]] inline unsigned norm_props(char32_t cp) noexcept {
  if (cp >= tables::kNormLimit) return 0;
  constexpr char32_t kLowMask = (char32_t{1} << tables::kNormPropsShift) - 1;
  const std::size_t block = tables::kNormPropsStage1[cp >> tables::kNormPropsShift];
  return tables::kNormPropsStage2[(block << tables::kNormPropsShift) | (cp & kLowMask)];
}

/// The ccc rank part of a props byte (0 means a starter, ccc 0; D107 Starter).
[[nodiscard]] constexpr unsigned ccc_rank(unsigned props) noexcept {
  return props & tables::kCccRankMask;
}

/// The NFC_Quick_Check part of a props byte (tables::kQcYes / kQcMaybe / kQcNo).
[[nodiscard]] constexpr unsigned quick_check(unsigned props) noexcept {
  return props >> tables::kCccRankBits;
}

/// True when a code point with these props is a normalization boundary: ccc 0 and
/// NFC_QC=Yes, so nothing before it can reorder or compose with it or anything after it
/// (UAX #15, Concatenation of Normalized Strings; the generator checks this holds).
[[nodiscard]] constexpr bool is_boundary(unsigned props) noexcept { return props == 0; }

/// The (offset, length) of the full canonical decomposition of `cp` in
/// tables::kDecompositionData, packed as (offset << kDecompositionLengthBits) | length;
/// 0 when `cp` decomposes to itself. Hangul syllables are not in the table.
[[nodiscard]] inline unsigned decomposition_entry(char32_t cp) noexcept {
  if (cp >= tables::kNormLimit) return 0;
  constexpr char32_t kLowMask = (char32_t{1} << tables::kDecompositionShift) - 1;
  const std::size_t block = tables::kDecompositionStage1[cp >> tables::kDecompositionShift];
  return tables::kDecompositionStage2[(block << tables::kDecompositionShift) | (cp & kLowMask)];
}

// Unicode 3.12 Conjoining Jamo Behavior: the Hangul syllable arithmetic.
constexpr char32_t kHangulSBase = 0xAC00;
constexpr char32_t kHangulLBase = 0x1100;
constexpr char32_t kHangulVBase = 0x1161;
constexpr char32_t kHangulTBase = 0x11A7;  // one before the first trailing consonant
constexpr char32_t kHangulLCount = 19;
constexpr char32_t kHangulVCount = 21;
constexpr char32_t kHangulTCount = 28;
constexpr char32_t kHangulNCount = kHangulVCount * kHangulTCount;  // 588
constexpr char32_t kHangulSCount = kHangulLCount * kHangulNCount;  // 11172

/// The primary composite of the pair <first, second>, or 0 when there is none
/// (Unicode 3.11 D114; Hangul LV and LVT by Unicode 3.12 arithmetic). Only code points with
/// NFC_QC=Maybe ever occur as `second` (checked by the generator), so callers skip the call
/// for any other `second`.
[[nodiscard]] char32_t compose_pair(char32_t first, char32_t second) noexcept {
  // Unicode 3.12 Hangul: <L, V> -> LV syllable; <LV, T> -> LVT syllable.
  if (first - kHangulLBase < kHangulLCount && second - kHangulVBase < kHangulVCount) {
    const char32_t l_index = first - kHangulLBase;
    const char32_t v_index = second - kHangulVBase;
    return kHangulSBase + (l_index * kHangulVCount + v_index) * kHangulTCount;
  }
  if (first - kHangulSBase < kHangulSCount && (first - kHangulSBase) % kHangulTCount == 0 &&
      second - (kHangulTBase + 1) < kHangulTCount - 1) {
    return first + (second - kHangulTBase);
  }
  const std::uint64_t key = (std::uint64_t{first} << 21) | second;
  const std::uint64_t* keys_end = std::end(tables::kCompositionKeys);
  const std::uint64_t* it = std::lower_bound(std::begin(tables::kCompositionKeys), keys_end, key);
  if (it == keys_end || *it != key) return 0;
  return tables::kCompositionValues[it - std::begin(tables::kCompositionKeys)];
}

// ---------------------------------------------------------------------------------------
// The full algorithm on a buffer of code points. Each item packs a code point (bits 0..20)
// with its props byte (bits 24..31), so the reordering and composition passes never look
// a code point up twice.
// ---------------------------------------------------------------------------------------

using Item = std::uint32_t;
constexpr Item kCodePointMask = 0x1FFFFF;
constexpr unsigned kPropsShift = 24;

[[nodiscard]] constexpr Item make_item(char32_t cp, unsigned props) noexcept {
  return Item{cp} | (Item{props} << kPropsShift);
}
[[nodiscard]] constexpr char32_t item_code_point(Item item) noexcept {
  return item & kCodePointMask;
}
[[nodiscard]] constexpr unsigned item_props(Item item) noexcept { return item >> kPropsShift; }
[[nodiscard]] constexpr unsigned item_rank(Item item) noexcept {
  return ccc_rank(item_props(item));
}

/// Appends the full canonical decomposition of the scalar value `cp` to `buffer`, unordered
/// (Unicode 3.7 D68 via the recursively expanded table; Unicode 3.12 for Hangul syllables,
/// whose jamo are all starters).
void append_decomposition(std::vector<Item>& buffer, char32_t cp) {
  if (cp < kFirstDecomposable) {
    buffer.push_back(make_item(cp, 0));  // ccc 0, NFC_QC Yes (below kFirstNonTrivial)
    return;
  }
  if (cp - kHangulSBase < kHangulSCount) {  // Unicode 3.12 Hangul syllable decomposition
    const char32_t s_index = cp - kHangulSBase;
    const char32_t t_index = s_index % kHangulTCount;
    buffer.push_back(make_item(kHangulLBase + s_index / kHangulNCount, norm_props(kHangulLBase)));
    const char32_t v = kHangulVBase + (s_index % kHangulNCount) / kHangulTCount;
    buffer.push_back(make_item(v, norm_props(v)));
    if (t_index != 0)
      buffer.push_back(make_item(kHangulTBase + t_index, norm_props(kHangulTBase + t_index)));
    return;
  }
  const unsigned entry = decomposition_entry(cp);
  if (entry == 0) {
    buffer.push_back(make_item(cp, norm_props(cp)));
    return;
  }
  const unsigned length = entry & ((1u << tables::kDecompositionLengthBits) - 1);
  const char32_t* part = tables::kDecompositionData + (entry >> tables::kDecompositionLengthBits);
  for (unsigned i = 0; i < length; ++i) buffer.push_back(make_item(part[i], norm_props(part[i])));
}

/// D108/D109 canonical ordering: sorts every maximal run of non-starters in `buffer` by ccc,
/// stably (characters of equal class never swap). Short runs, the common case, use insertion
/// sort; long runs use std::stable_sort so that adversarial input stays O(n log n).
void canonical_order(std::vector<Item>& buffer) {
  const auto by_rank = [](Item a, Item b) { return item_rank(a) < item_rank(b); };
  const std::size_t size = buffer.size();
  std::size_t i = 0;
  while (i < size) {
    if (item_rank(buffer[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t run_end = i + 1;
    while (run_end < size && item_rank(buffer[run_end]) != 0) ++run_end;
    if (run_end - i > 16) {
      std::stable_sort(buffer.begin() + std::ptrdiff_t(i), buffer.begin() + std::ptrdiff_t(run_end),
                       by_rank);
    } else {
      for (std::size_t j = i + 1; j < run_end; ++j) {
        const Item item = buffer[j];
        std::size_t k = j;
        for (; k > i && item_rank(buffer[k - 1]) > item_rank(item); --k) buffer[k] = buffer[k - 1];
        buffer[k] = item;
      }
    }
    i = run_end;
  }
}

/// D117 canonical composition algorithm, in place on a canonically ordered `buffer`: each
/// character C that is not blocked from the last starter L (D115: no character B between
/// them with ccc(B) == 0 or ccc(B) >= ccc(C)) and forms a primary composite with L (D114)
/// replaces L by the composite and is removed.
void canonical_compose(std::vector<Item>& buffer) {
  constexpr std::size_t kNoStarter = ~std::size_t{0};
  std::size_t starter = kNoStarter;  // index of the last starter L in the output
  unsigned last_rank = 0;            // ccc rank of the last character kept after L
  std::size_t out = 0;
  for (std::size_t in = 0; in < buffer.size(); ++in) {
    const Item item = buffer[in];
    const unsigned props = item_props(item);
    const unsigned rank = ccc_rank(props);
    if (starter != kNoStarter && quick_check(props) == tables::kQcMaybe &&
        (out == starter + 1 || (last_rank != 0 && last_rank < rank))) {  // D115 not blocked
      const char32_t composite =
          compose_pair(item_code_point(buffer[starter]), item_code_point(item));
      if (composite != 0) {
        // Primary composites are starters (checked by the generator).
        buffer[starter] = make_item(composite, norm_props(composite));
        continue;
      }
    }
    if (rank == 0) starter = out;
    last_rank = rank;
    buffer[out++] = item;
  }
  buffer.resize(out);
}

/// NFC of the items in `buffer` (decomposed, not yet ordered): orders and composes in place.
void order_and_compose(std::vector<Item>& buffer) {
  canonical_order(buffer);
  canonical_compose(buffer);
}

// ---------------------------------------------------------------------------------------
// UTF-8 scanning.
// ---------------------------------------------------------------------------------------

/// Where the quick check stopped: `problem` is the first code point that fails it (or the
/// end), `boundary` the start of the last boundary code point before it (or the scan start).
struct ScanResult {
  const unsigned char* problem;
  const unsigned char* boundary;
};

/// Returns the end of the run of ASCII bytes starting at `p` (reads 8 bytes at a time).
/// Fast path of to_nfc; must equal UAX #15 one code point at a time (tests/reference's
/// nfc, compared by tests/difftest on every text).
[[nodiscard]] inline const unsigned char* skip_ascii(const unsigned char* p,
                                                     const unsigned char* end) noexcept {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
  while (end - p >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if (word & kHighBits) break;
    p += 8;
  }
  while (p < end && *p < 0x80) ++p;
  return p;
}

/// UAX #15 §9 (Detecting Normalization Forms) quick check over [p, end): stops at the first
/// code point with NFC_QC No or Maybe, or whose nonzero ccc is lower than the previous
/// character's (D108: the text is not canonically ordered). With kStrictUtf8, an ill-formed
/// byte also stops the scan (NFC output replaces it with U+FFFD); without, it counts as
/// U+FFFD, which is NFC. ASCII is always a boundary (ccc 0, QC Yes): a combining mark after
/// it is NFC_QC=Maybe and stops the scan, and the region then starts at that ASCII letter.
template <bool kStrictUtf8>
[[nodiscard]] ScanResult scan_quick(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned char* boundary = p;
  unsigned last_rank = 0;
  while (p < end) {
    if (*p < 0x80) {
      const unsigned char* run_end = skip_ascii(p + 1, end);
      boundary = run_end - 1;
      last_rank = 0;
      p = run_end;
      continue;
    }
    const Decoded decoded = decode_lenient(p, end);
    if (decoded.code_point < kFirstNonTrivial) {
      boundary = p;
      last_rank = 0;
    } else if (kStrictUtf8 && decoded.length == 1) {  // only ill-formed bytes decode to 1 byte here
      return {p, boundary};
    } else {
      const unsigned props = norm_props(decoded.code_point);
      const unsigned rank = ccc_rank(props);
      if (quick_check(props) != tables::kQcYes || (rank != 0 && rank < last_rank))
        return {p, boundary};
      if (rank == 0) boundary = p;
      last_rank = rank;
    }
    p += decoded.length;
  }
  return {end, boundary};
}

/// The start of the first boundary code point after the one at `p` (or `end`): the end of
/// the region that must be normalized as a whole. Ill-formed bytes stay inside the region.
[[nodiscard]] const unsigned char* next_boundary(const unsigned char* p,
                                                 const unsigned char* end) noexcept {
  p += decode_lenient(p, end).length;
  while (p < end) {
    if (*p < 0x80) return p;
    const Decoded decoded = decode_lenient(p, end);
    if (decoded.length > 1 &&
        (decoded.code_point < kFirstNonTrivial || is_boundary(norm_props(decoded.code_point)))) {
      return p;
    }
    p += decoded.length;
  }
  return end;
}

/// Appends NFC of the UTF-8 region [p, end) to `out` (ill-formed bytes become U+FFFD),
/// using `buffer` as scratch space.
void normalize_region(const unsigned char* p, const unsigned char* end, std::vector<Item>& buffer,
                      std::string& out) {
  buffer.clear();
  while (p < end) {
    const Decoded decoded = decode_lenient(p, end);
    append_decomposition(buffer, decoded.code_point);
    p += decoded.length;
  }
  order_and_compose(buffer);
  for (const Item item : buffer) append_utf8(out, item_code_point(item));
}

/// Writes NFC of `text` into `out` (replacing its contents) and returns true, or returns
/// false without touching `out` when `text` is well-formed and passes the quick check (so it
/// is its own NFC). Only the regions around quick-check failures are decoded and
/// normalized, each from the last boundary before the failure to the next boundary after
/// it (UAX #15, Concatenation of Normalized Strings); everything else is copied byte for byte.
bool normalize_utf8(std::string_view text, std::string& out) {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  ScanResult scan = scan_quick<true>(begin, end);
  if (scan.problem == end) return false;

  out.clear();
  out.reserve(text.size() + text.size() / 8 + 8);
  std::vector<Item> buffer;
  const unsigned char* copied = begin;  // text before this is already in `out`
  for (;;) {
    out.append(reinterpret_cast<const char*>(copied), std::size_t(scan.boundary - copied));
    const unsigned char* region_end = next_boundary(scan.problem, end);
    normalize_region(scan.boundary, region_end, buffer, out);
    copied = region_end;
    if (copied == end) break;
    scan = scan_quick<true>(copied, end);
    if (scan.problem == end) {
      out.append(reinterpret_cast<const char*>(copied), std::size_t(end - copied));
      break;
    }
  }
  return true;
}

/// True when `cp` is a Unicode scalar value (at most U+10FFFF and not a surrogate).
[[nodiscard]] constexpr bool is_scalar_value(char32_t cp) noexcept {
  return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

/// The quick check of is_nfc_quick on code points; any non-scalar value fails it (NFC
/// replaces it with U+FFFD).
[[nodiscard]] bool is_nfc_quick_u32(std::u32string_view text) noexcept {
  unsigned last_rank = 0;
  for (const char32_t cp : text) {
    if (cp < kFirstNonTrivial) {
      last_rank = 0;
      continue;
    }
    if (!is_scalar_value(cp)) return false;
    const unsigned props = norm_props(cp);
    const unsigned rank = ccc_rank(props);
    if (quick_check(props) != tables::kQcYes || (rank != 0 && rank < last_rank)) return false;
    last_rank = rank;
  }
  return true;
}

}  // namespace

bool is_nfc_quick(std::string_view text) noexcept {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  return scan_quick<false>(begin, end).problem == end;
}

std::string_view to_nfc(std::string_view text, std::string& storage) {
  // `text` may be a view of `storage` itself (e.g. the result of an earlier call): then
  // normalize into a fresh string, since writing `storage` would destroy the input.
  const std::less_equal<const char*> not_after;
  const bool aliases = !text.empty() && !storage.empty() &&
                       not_after(storage.data(), text.data()) &&
                       not_after(text.data(), storage.data() + storage.size());
  if (aliases) {
    std::string fresh;
    if (!normalize_utf8(text, fresh)) return text;
    storage = std::move(fresh);
    return storage;
  }
  if (!normalize_utf8(text, storage)) return text;
  return storage;
}

std::string nfc(std::string_view text) {
  std::string out;
  if (!normalize_utf8(text, out)) out.assign(text);
  return out;
}

// The u32 API normalizes the whole text at once (no regions): it is the simple reference
// form of the algorithm, which the conformance test compares with the UTF-8 path.
std::u32string nfc(std::u32string_view text) {
  if (is_nfc_quick_u32(text)) return std::u32string(text);
  std::vector<Item> buffer;
  buffer.reserve(text.size() + text.size() / 2);
  for (const char32_t cp : text)
    append_decomposition(buffer, is_scalar_value(cp) ? cp : kReplacementCharacter);
  order_and_compose(buffer);
  std::u32string out;
  out.reserve(buffer.size());
  for (const Item item : buffer) out.push_back(item_code_point(item));
  return out;
}

}  // namespace somepost::unicode
