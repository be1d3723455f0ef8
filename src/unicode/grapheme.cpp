// Extended grapheme cluster boundaries, UAX #29 (Unicode 17.0) §3.1.1.
//
// Every code point has one property byte (tools/gen_grapheme.py): GCB in bits 0-3,
// Extended_Pictographic in bit 4, Indic_Conjunct_Break in bits 5-6. The pair rules that
// depend only on the two GCB values (GB3–GB9b, GB999) are precomputed in kPairRule; the
// three rules that look further back (GB9c, GB11, GB12/13) keep a few bits of state.
#include "unicode/grapheme.hpp"

#include <array>
#include <cstring>

#include "unicode/generated/grapheme_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {
namespace {

// GCB values, in the order tools/gen_grapheme.py writes them.
enum Gcb : std::uint8_t {
  kOther, kCr, kLf, kControl, kExtend, kZwj, kRegionalIndicator, kPrepend, kSpacingMark,
  kL, kV, kT, kLv, kLvt, kGcbCount
};
constexpr std::uint8_t kGcbMask = 0x0F;
constexpr std::uint8_t kExtPict = 0x10;
constexpr std::uint8_t kIncbShift = 5;
enum Incb : std::uint8_t { kIncbNone, kIncbLinker, kIncbConsonant, kIncbExtend };

[[nodiscard]] inline std::uint8_t props_of(char32_t cp) noexcept {
  using namespace tables;
  if (cp < 0x80) return kGraphemeAscii[cp];
  const std::size_t block = kGraphemeStage1[cp >> kGraphemeShift];
  return kGraphemeStage2[(block << kGraphemeShift) | (cp & ((1u << kGraphemeShift) - 1))];
}

// What the GCB pair alone says about the position between two code points.
enum PairRule : std::uint8_t {
  kBreak,          // GB4, GB5, GB999 — unless GB9c or GB11 (checked from state) applies
  kNoBreak,        // GB3, GB6–GB9b
  kRegionalPair,   // GB12/GB13: depends on the parity of the preceding RI run
};

constexpr std::array<std::array<PairRule, kGcbCount>, kGcbCount> make_pair_rules() {
  std::array<std::array<PairRule, kGcbCount>, kGcbCount> rules{};
  for (int a = 0; a < kGcbCount; ++a) {
    for (int b = 0; b < kGcbCount; ++b) {
      PairRule r = kBreak;  // GB999
      const bool a_ctl = a == kCr || a == kLf || a == kControl;
      const bool b_ctl = b == kCr || b == kLf || b == kControl;
      if (a == kCr && b == kLf) r = kNoBreak;                                          // GB3
      else if (a_ctl || b_ctl) r = kBreak;                                             // GB4, GB5
      else if (a == kL && (b == kL || b == kV || b == kLv || b == kLvt)) r = kNoBreak;  // GB6
      else if ((a == kLv || a == kV) && (b == kV || b == kT)) r = kNoBreak;           // GB7
      else if ((a == kLvt || a == kT) && b == kT) r = kNoBreak;                        // GB8
      else if (b == kExtend || b == kZwj) r = kNoBreak;                                // GB9
      else if (b == kSpacingMark) r = kNoBreak;                                        // GB9a
      else if (a == kPrepend) r = kNoBreak;                                            // GB9b
      else if (a == kRegionalIndicator && b == kRegionalIndicator) r = kRegionalPair;  // GB12/13
      rules[a][b] = r;
    }
  }
  return rules;
}
constexpr auto kPairRule = make_pair_rules();

// The look-behind the stateful rules need, updated after every code point.
struct BreakState {
  std::uint8_t prev = 0;   // property byte of the previous code point
  // GB9c: 0 = not in a conjunct; 1 = Consonant [Extend Linker]* seen, no Linker yet;
  // 2 = Consonant [Extend Linker]* Linker [Extend Linker]* seen.
  std::uint8_t conjunct = 0;
  // GB11: 0 = nothing; 1 = ExtPict Extend* seen; 2 = ExtPict Extend* ZWJ seen.
  std::uint8_t emoji = 0;
  // GB12/13: parity of the run of regional indicators ending at prev.
  std::uint8_t ri_odd = 0;

  // Starts the state at the first code point of a text (GB1: break at the start).
  void start(std::uint8_t props) noexcept {
    prev = props;
    conjunct = 0;
    emoji = 0;
    ri_odd = 0;
    advance(props);
  }

  // Folds `next` into the look-behind state; call after deciding the boundary before it.
  void advance(std::uint8_t next) noexcept {
    const std::uint8_t gcb = next & kGcbMask;
    const std::uint8_t incb = next >> kIncbShift;
    if (incb == kIncbConsonant) conjunct = 1;
    else if (incb == kIncbLinker) conjunct = conjunct ? 2 : 0;
    else if (incb != kIncbExtend) conjunct = 0;
    if (next & kExtPict) emoji = 1;
    else if (gcb == kExtend && emoji == 1) emoji = 1;
    else if (gcb == kZwj && emoji == 1) emoji = 2;
    else emoji = 0;
    ri_odd = gcb == kRegionalIndicator ? std::uint8_t(ri_odd ^ 1) : std::uint8_t(0);
    prev = next;
  }

  // True when there is a grapheme boundary between prev and `next` (does not advance).
  [[nodiscard]] bool is_break(std::uint8_t next) const noexcept {
    switch (kPairRule[prev & kGcbMask][next & kGcbMask]) {
      case kNoBreak:
        return false;
      case kRegionalPair:
        return !ri_odd;  // GB12/GB13: pair RIs from the start of the run
      case kBreak:
        break;
    }
    // GB9c: Consonant [Extend Linker]* Linker [Extend Linker]* × Consonant
    if (conjunct == 2 && (next >> kIncbShift) == kIncbConsonant) return false;
    // GB11: ExtPict Extend* ZWJ × ExtPict
    if (emoji == 2 && (next & kExtPict)) return false;
    return true;
  }
};

[[nodiscard]] inline std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// 0x80 in each byte of v that equals `byte`, 0 elsewhere (exact: no borrow between bytes).
[[nodiscard]] inline std::uint64_t bytes_equal(std::uint64_t v, unsigned char byte) noexcept {
  const std::uint64_t x = v ^ (kOnes * byte);
  return ~(((x & ~kHighs) + ~kHighs) | x | ~kHighs);
}

}  // namespace

std::size_t count_graphemes(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  if (p == end) return 0;
  BreakState state;
  Decoded first = decode_lenient(p, end);
  state.start(props_of(first.code_point));
  p += first.length;
  std::size_t count = 1;  // GB1
  while (p < end) {
    // ASCII fast path: 8 ASCII bytes at once. Between two ASCII code points there is
    // always a boundary except CR × LF (GB3); the boundary before the first byte holds
    // unless prev is Prepend (GB9b) or prev is CR and the byte is LF. No ASCII code
    // point is Extend, ZWJ, SpacingMark, RI, ExtPict or InCB, so the state resets.
    if (end - p >= 8 && (state.prev & kGcbMask) != kPrepend) {
      const std::uint64_t v = load64(p);
      if ((v & kHighs) == 0) {
        const std::uint64_t lf = bytes_equal(v, '\n');
        const std::uint64_t cr = bytes_equal(v, '\r');
        std::size_t joined = static_cast<std::size_t>(__builtin_popcountll(lf & (cr << 8)));
        if ((state.prev & kGcbMask) == kCr && p[0] == '\n') ++joined;
        count += 8 - joined;
        state.prev = tables::kGraphemeAscii[p[7]];
        state.conjunct = state.emoji = state.ri_odd = 0;
        p += 8;
        continue;
      }
    }
    const Decoded d = decode_lenient(p, end);
    const std::uint8_t next = props_of(d.code_point);
    count += state.is_break(next);
    state.advance(next);
    p += d.length;
  }
  return count;
}

std::size_t next_grapheme_boundary(std::string_view text, std::size_t offset) noexcept {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  if (offset >= text.size()) return text.size();
  const auto* p = begin + offset;
  // A cluster's boundaries do not depend on anything before its start: the sequences of
  // GB9c, GB11 and GB12/13 never span a boundary, so fresh state at `offset` is exact.
  BreakState state;
  Decoded d = decode_lenient(p, end);
  state.start(props_of(d.code_point));
  p += d.length;
  while (p < end) {
    d = decode_lenient(p, end);
    const std::uint8_t next = props_of(d.code_point);
    if (state.is_break(next)) break;
    state.advance(next);
    p += d.length;
  }
  return static_cast<std::size_t>(p - begin);
}

bool GraphemeIterator::next(std::string_view& cluster) noexcept {
  if (pos_ >= text_.size()) return false;
  const std::size_t end = next_grapheme_boundary(text_, pos_);
  cluster = text_.substr(pos_, end - pos_);
  pos_ = end;
  return true;
}

}  // namespace somepost::unicode
