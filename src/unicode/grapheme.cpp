// Extended grapheme cluster boundaries, UAX #29 (Unicode 17.0) §3.1.1.
//
// Every code point has one property byte (tools/gen_grapheme.py): GCB in bits 0-3,
// Extended_Pictographic in bit 4, Indic_Conjunct_Break in bits 5-6. The rules are
// compiled, at compile time, into a small deterministic automaton: a state is the
// previous code point's GCB plus the look-behind that GB9c, GB11 and GB12/13 need, and
// one table load per code point gives both "is there a boundary before it" and the next
// state. The rules themselves are written once, in RuleState below.
#include "unicode/grapheme.hpp"

#include <array>
#include <bit>
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
constexpr std::size_t kPropertyValues = 128;  // property bytes are 7 bits

[[nodiscard]] inline std::uint8_t props_of(char32_t cp) noexcept {
  using namespace tables;
  if (cp < 0x80) return kGraphemeAscii[cp];
  const std::size_t block = kGraphemeStage1[cp >> kGraphemeShift];
  return kGraphemeStage2[(block << kGraphemeShift) | (cp & ((1u << kGraphemeShift) - 1))];
}

// The rules, as a state that folds in one code point at a time. Only used at compile
// time to build the automaton below.
struct RuleState {
  std::uint8_t prev_gcb = kControl;  // GB1: the start of text behaves like after a control
  bool at_start = true;              // GB1: always a boundary before the first code point
  // GB9c: 0 = not in a conjunct; 1 = Consonant [Extend Linker]* seen, no Linker yet;
  // 2 = Consonant [Extend Linker]* Linker [Extend Linker]* seen.
  std::uint8_t conjunct = 0;
  // GB11: 0 = nothing; 1 = ExtPict Extend* seen; 2 = ExtPict Extend* ZWJ seen.
  std::uint8_t emoji = 0;
  // GB12/13: parity of the run of regional indicators ending at the previous code point.
  bool ri_odd = false;

  // True when there is a grapheme boundary between the previous code point and `next`.
  [[nodiscard]] constexpr bool is_break(std::uint8_t next) const noexcept {
    const std::uint8_t a = prev_gcb;
    const std::uint8_t b = next & kGcbMask;
    if (at_start) return true;                                                  // GB1
    if (a == kCr && b == kLf) return false;                                     // GB3
    if (a == kCr || a == kLf || a == kControl) return true;                     // GB4
    if (b == kCr || b == kLf || b == kControl) return true;                     // GB5
    if (a == kL && (b == kL || b == kV || b == kLv || b == kLvt)) return false;  // GB6
    if ((a == kLv || a == kV) && (b == kV || b == kT)) return false;            // GB7
    if ((a == kLvt || a == kT) && b == kT) return false;                        // GB8
    if (b == kExtend || b == kZwj) return false;                                // GB9
    if (b == kSpacingMark) return false;                                        // GB9a
    if (a == kPrepend) return false;                                            // GB9b
    // GB9c: Consonant [Extend Linker]* Linker [Extend Linker]* × Consonant
    if (conjunct == 2 && (next >> kIncbShift) == kIncbConsonant) return false;
    if (emoji == 2 && (next & kExtPict)) return false;                           // GB11
    if (a == kRegionalIndicator && b == kRegionalIndicator) return !ri_odd;     // GB12, GB13
    return true;                                                                // GB999
  }

  // The state after `next` has been read.
  [[nodiscard]] constexpr RuleState after(std::uint8_t next) const noexcept {
    RuleState s;
    s.at_start = false;
    s.prev_gcb = next & kGcbMask;
    const std::uint8_t incb = next >> kIncbShift;
    if (incb == kIncbConsonant) s.conjunct = 1;
    else if (incb == kIncbLinker) s.conjunct = conjunct ? 2 : 0;
    else if (incb == kIncbExtend) s.conjunct = conjunct;
    else s.conjunct = 0;
    if (next & kExtPict) s.emoji = 1;
    else if (s.prev_gcb == kExtend && emoji == 1) s.emoji = 1;
    else if (s.prev_gcb == kZwj && emoji == 1) s.emoji = 2;
    else s.emoji = 0;
    s.ri_odd = s.prev_gcb == kRegionalIndicator ? !ri_odd : false;
    return s;
  }

  // A dense code for the state (distinct states have distinct codes).
  [[nodiscard]] constexpr std::size_t code() const noexcept {
    return at_start ? 0 : 1 + ((prev_gcb * 3u + conjunct) * 3u + emoji) * 2u + (ri_odd ? 1 : 0);
  }
};
constexpr std::size_t kStateCodes = 1 + kGcbCount * 3 * 3 * 2;

// The automaton: entry = next state id (bits 0-6) | 0x80 when there is a boundary before
// the code point just read. State 0 is the start of text.
constexpr std::uint8_t kBreakBit = 0x80;
constexpr std::uint8_t kStateMask = 0x7F;

struct Automaton {
  std::array<std::array<std::uint8_t, kPropertyValues>, kPropertyValues> next{};  // [state][props]
  std::array<RuleState, kPropertyValues> states{};
  std::size_t count = 0;
};

constexpr Automaton build_automaton() {
  Automaton m;
  std::array<int, kStateCodes> id_of{};
  for (auto& id : id_of) id = -1;
  m.states[0] = RuleState{};
  id_of[RuleState{}.code()] = 0;
  m.count = 1;
  for (std::size_t s = 0; s < m.count; ++s) {  // breadth-first over reachable states
    for (std::size_t p = 0; p < kPropertyValues; ++p) {
      if ((p & kGcbMask) >= kGcbCount) continue;  // no code point has these bytes
      const auto props = static_cast<std::uint8_t>(p);
      const RuleState to = m.states[s].after(props);
      int& id = id_of[to.code()];
      if (id < 0) {
        id = static_cast<int>(m.count);
        m.states[m.count++] = to;  // a static_assert below guards the 7-bit ids
      }
      m.next[s][p] = static_cast<std::uint8_t>(id | (m.states[s].is_break(props) ? kBreakBit : 0));
    }
  }
  return m;
}
constexpr Automaton kAutomaton = build_automaton();
static_assert(kAutomaton.count < kPropertyValues, "state ids must fit in 7 bits");

// Per-state facts the ASCII fast path needs.
constexpr std::array<bool, kPropertyValues> make_state_flag(std::uint8_t gcb) {
  std::array<bool, kPropertyValues> flags{};
  for (std::size_t s = 0; s < kAutomaton.count; ++s) {
    flags[s] = !kAutomaton.states[s].at_start && kAutomaton.states[s].prev_gcb == gcb;
  }
  return flags;
}
constexpr auto kAfterPrepend = make_state_flag(kPrepend);
constexpr auto kAfterCr = make_state_flag(kCr);

[[nodiscard]] inline std::uint8_t step(std::uint8_t state, std::uint8_t props) noexcept {
  return kAutomaton.next[state][props];
}

[[nodiscard]] inline std::uint64_t load64(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The word-at-a-time paths read bytes in memory order from the low end of a word.
static_assert(std::endian::native == std::endian::little, "SWAR paths assume little-endian");

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;

// 0x80 in each byte of v that equals `byte`, 0 elsewhere (exact: no borrow between bytes).
[[nodiscard]] inline std::uint64_t bytes_equal(std::uint64_t v, unsigned char byte) noexcept {
  const std::uint64_t x = v ^ (kOnes * byte);
  return ~(((x & ~kHighs) + ~kHighs) | x | ~kHighs);
}

// Number of LF bytes in the 16 bytes that directly follow a CR (GB3 joins them), where
// the byte before the chunk is CR when `cr_before`. Only called when a CR is present.
[[nodiscard]] std::size_t crlf_pairs(std::uint64_t lo, std::uint64_t hi, bool cr_before) noexcept {
  const std::uint64_t cr_lo = bytes_equal(lo, '\r');
  const std::uint64_t cr_hi = bytes_equal(hi, '\r');
  const std::uint64_t lf_lo = bytes_equal(lo, '\n');
  const std::uint64_t lf_hi = bytes_equal(hi, '\n');
  std::uint64_t joined_lo = lf_lo & ((cr_lo << 8) | (cr_before ? 0x80 : 0));
  std::uint64_t joined_hi = lf_hi & ((cr_hi << 8) | (cr_lo >> 56));
  std::size_t n = 0;
  for (; joined_lo; joined_lo &= joined_lo - 1) ++n;
  for (; joined_hi; joined_hi &= joined_hi - 1) ++n;
  return n;
}

}  // namespace

namespace {

// The counter's loop. Counts the clusters of `text`; with a `stop`, returns as soon as a
// boundary would start cluster stop+1 and leaves its byte offset in `stop_at`.
template <bool kStop>
std::size_t count_until(std::string_view text, std::size_t stop, std::size_t* stop_at) noexcept {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* const end = p + text.size();
  std::size_t count = 0;
  std::uint8_t state = 0;
  while (p < end) {
    if (*p < 0x80) {
      // ASCII fast path, 16 bytes at a time; must equal the rules applied one code point
      // at a time (tests/reference's grapheme_boundaries, which tests/difftest compares
      // through every count). Between two ASCII code points there is
      // always a boundary except CR × LF (GB3); no ASCII code point is Extend, ZWJ,
      // SpacingMark, RI, ExtPict or InCB, so the look-behind resets. The boundary before
      // the first byte holds unless the previous code point is Prepend (GB9b) or it is
      // CR and the byte LF (both left to the general path / crlf_pairs). When stopping,
      // a chunk is taken only if it cannot hold the stop boundary.
      while (end - p >= 16 && !kAfterPrepend[state] && (!kStop || count + 16 < stop)) {
        std::uint64_t lo = load64(p);
        std::uint64_t hi = load64(p + 8);
        std::size_t run = 16;  // leading ASCII bytes of the chunk
        if (const std::uint64_t high_lo = lo & kHighs; high_lo != 0) {
          run = static_cast<std::size_t>(std::countr_zero(high_lo)) / 8;
        } else if (const std::uint64_t high_hi = hi & kHighs; high_hi != 0) {
          run = 8 + static_cast<std::size_t>(std::countr_zero(high_hi)) / 8;
        }
        if (run == 0) break;
        if (run < 16) {
          // Text with a letter like ä every few words: take the ASCII run before the
          // first non-ASCII byte in bulk, and zero the bytes past it so that CR/LF
          // pairs are only looked for inside the run (a zero byte is neither).
          if (run < 8) {
            lo &= (std::uint64_t{1} << (8 * run)) - 1;
            hi = 0;
          } else if (run > 8) {
            hi &= (std::uint64_t{1} << (8 * (run - 8))) - 1;
          } else {
            hi = 0;
          }
        }
        std::size_t joined = 0;
        if ((bytes_equal(lo, '\r') | bytes_equal(hi, '\r')) != 0 || (kAfterCr[state] && p[0] == '\n')) {
          joined = crlf_pairs(lo, hi, kAfterCr[state]);
        }
        count += run - joined;
        state = step(0, tables::kGraphemeAscii[p[run - 1]]) & kStateMask;
        p += run;
        if (run < 16) break;  // a non-ASCII byte is next: the general path
      }
      if (p == end) break;
      if (*p < 0x80) {
        const std::uint8_t e = step(state, tables::kGraphemeAscii[*p]);
        if (kStop && (e & kBreakBit) && count == stop) {
          *stop_at = static_cast<std::size_t>(p - begin);
          return count;
        }
        count += e >> 7;
        state = e & kStateMask;
        ++p;
        continue;
      }
    }
    const Decoded d = decode_lenient(p, end);
    const std::uint8_t e = step(state, props_of(d.code_point));
    if (kStop && (e & kBreakBit) && count == stop) {
      *stop_at = static_cast<std::size_t>(p - begin);
      return count;
    }
    count += e >> 7;
    state = e & kStateMask;
    p += d.length;
  }
  if (kStop) *stop_at = text.size();
  return count;
}

}  // namespace

std::size_t count_graphemes(std::string_view text) noexcept { return count_until<false>(text, 0, nullptr); }

std::size_t offset_after_graphemes(std::string_view text, std::size_t n) noexcept {
  std::size_t at = 0;
  count_until<true>(text, n, &at);
  return at;
}

std::size_t count_graphemes_marking(std::string_view text, std::size_t n, std::size_t& offset_after_n) noexcept {
  const std::size_t before = count_until<true>(text, n, &offset_after_n);
  // A boundary starts cluster n+1 at offset_after_n: count the rest on its own.
  return before + count_until<false>(text.substr(offset_after_n), 0, nullptr);
}

std::size_t next_grapheme_boundary(std::string_view text, std::size_t offset) noexcept {
  const auto* const begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = begin + text.size();
  if (offset >= text.size()) return text.size();
  const auto* p = begin + offset;
  // A cluster's boundaries do not depend on anything before its start: the sequences of
  // GB9c, GB11 and GB12/13 never span a boundary, so the start state at `offset` is exact.
  Decoded d = decode_lenient(p, end);
  std::uint8_t state = step(0, props_of(d.code_point)) & kStateMask;
  p += d.length;
  while (p < end) {
    d = decode_lenient(p, end);
    const std::uint8_t e = step(state, props_of(d.code_point));
    if (e & kBreakBit) break;
    state = e & kStateMask;
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
