// Emoji recognition (UTS #51): a hash index, built once, over the generated lists of RGI
// sequences (emoji-sequences.txt, emoji-zwj-sequences.txt), of the non-fully-qualified
// multi-code-point forms listed in emoji-test.txt, and of twemoji-parser 11.0.2's other
// forms (X's set). A hash probe costs a few dozen instructions where a binary search over
// 5,000 strings cost about 600 (X looks up every code point that may start an emoji).
#include "unicode/emoji.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "unicode/generated/emoji_tables.hpp"
#include "unicode/generated/width_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {
namespace {

constexpr std::uint8_t kEmojiBit = 0x08;  // bit 3 of the width table (tools/gen_width.py)

// Cheap rejects before the hash probe: empty, longer than any listed form, a lone
// ASCII byte, or a first code point without the Emoji property (ä, ö, CJK, ...).
[[nodiscard]] bool may_be_emoji(std::string_view cluster) noexcept {
  if (cluster.empty() || cluster.size() > tables::kEmojiLongestBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(cluster.data());
  if (p[0] < 0x80 && cluster.size() == 1) return false;
  return is_emoji_code_point(decode_lenient(p, p + cluster.size()).code_point);
}

// Which lists a form is on (a form may be on two: a non-fully-qualified form that
// twemoji also draws).
enum ListBit : std::uint8_t { kRgi = 1, kVariant = 2, kTwemoji = 4 };

constexpr std::size_t kRgiCount = std::size(tables::kRgiEmoji);
constexpr std::size_t kVariantEnd = kRgiCount + std::size(tables::kEmojiVariants);
constexpr std::size_t kListedCount = kVariantEnd + std::size(tables::kTwemojiExtra);

// The listed form with index i: RGI sequences, then the variants, then twemoji's others.
[[nodiscard]] std::string_view listed_form(std::size_t i) noexcept {
  if (i < kRgiCount) return tables::kRgiEmoji[i];
  if (i < kVariantEnd) return tables::kEmojiVariants[i - kRgiCount];
  return tables::kTwemojiExtra[i - kVariantEnd];
}

[[nodiscard]] std::uint8_t list_bit(std::size_t i) noexcept {
  return i < kRgiCount ? kRgi : i < kVariantEnd ? kVariant : kTwemoji;
}

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
[[nodiscard]] constexpr std::uint64_t fnv1a_step(std::uint64_t h, unsigned char c) noexcept {
  return (h ^ c) * 0x100000001b3ULL;
}
[[nodiscard]] std::uint64_t fnv1a(std::string_view s) noexcept {
  std::uint64_t h = kFnvOffset;
  for (const char c : s) h = fnv1a_step(h, static_cast<unsigned char>(c));
  return h;
}

// Open addressing with linear probing over the distinct forms; a slot holds 1 + the
// form's index (its first listing), 0 when empty, and bits_ the lists it is on. At most
// 33% full, so a miss ends within a probe or two.
class ListedIndex {
 public:
  static constexpr std::size_t kSlots = 16384;
  static_assert(kListedCount < kSlots / 3 && kListedCount < 0xFFFF);

  ListedIndex() noexcept {
    for (std::size_t i = 0; i < kListedCount; ++i) {
      const std::string_view form = listed_form(i);
      std::size_t slot = fnv1a(form) & (kSlots - 1);
      while (slots_[slot] != 0 && listed_form(slots_[slot] - 1u) != form) slot = (slot + 1) & (kSlots - 1);
      if (slots_[slot] == 0) slots_[slot] = static_cast<std::uint16_t>(i + 1);
      bits_[slot] |= list_bit(i);
    }
  }

  /// The lists `form` (whose FNV-1a hash is `hash`) is on, 0 when on none.
  [[nodiscard]] std::uint8_t find(std::string_view form, std::uint64_t hash) const noexcept {
    for (std::size_t slot = hash & (kSlots - 1);; slot = (slot + 1) & (kSlots - 1)) {
      const std::size_t entry = slots_[slot];
      if (entry == 0) return 0;
      if (listed_form(entry - 1) == form) return bits_[slot];
    }
  }
  [[nodiscard]] std::uint8_t find(std::string_view form) const noexcept { return find(form, fnv1a(form)); }

 private:
  std::array<std::uint16_t, kSlots> slots_{};
  std::array<std::uint8_t, kSlots> bits_{};
};

// Can `cp` stand after the first code point of an emoji form other than right after a
// ZWJ? VS15/VS16, ZWJ, the keycap mark, skin tones, tags and regional indicators
// (tools/gen_emoji.py: CONTINUATIONS).
[[nodiscard]] constexpr bool continues_emoji(char32_t cp) noexcept {
  return cp == 0xFE0E || cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
}

// Built on first use (thread-safe: a function-local static).
[[nodiscard]] const ListedIndex& listed_index() noexcept {
  static const ListedIndex index;
  return index;
}

}  // namespace

bool is_emoji_code_point(char32_t cp) noexcept {
  using namespace tables;
  if (cp > 0x10FFFF) return false;
  const std::size_t block = kWidthStage1[cp >> kWidthShift];
  return (kWidthStage2[(block << kWidthShift) | (cp & ((1u << kWidthShift) - 1))] & kEmojiBit) != 0;
}

bool is_rgi_emoji(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && (listed_index().find(cluster) & kRgi) != 0;
}

bool is_emoji_sequence(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && (listed_index().find(cluster) & (kRgi | kVariant)) != 0;
}

bool may_start_x_emoji(char32_t cp) noexcept {
  return is_emoji_code_point(cp) || cp == 0xFE0F || cp == 0xE50A;  // tools/gen_emoji.py TWEMOJI_OTHER_STARTS
}

std::size_t x_emoji_length(std::string_view text) noexcept {
  if (text.empty()) return 0;
  const auto* const p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + std::min(text.size(), tables::kEmojiLongestBytes);
  if (!may_start_x_emoji(decode_lenient(p, end).code_point)) return 0;
  // Every prefix that ends at a code point boundary, the hash extended as we go; the
  // longest one on the RGI or twemoji list wins (the plain rule: tests/reference's
  // x_emoji_at, which the differential test compares).
  const ListedIndex& index = listed_index();
  std::uint64_t hash = kFnvOffset;
  std::size_t best = 0;
  char32_t previous = 0;
  for (const unsigned char* q = p; q < end;) {
    const Decoded d = decode_lenient(q, end);
    const std::size_t length = d.length;
    if (q + length > end) break;
    // Past the first code point, every listed form goes on only with a joiner, a selector,
    // a modifier, a keycap, a tag or a regional indicator, or anything after a ZWJ
    // (tools/gen_emoji.py checks this): stop probing at anything else.
    if (q != p && previous != 0x200D && !continues_emoji(d.code_point)) break;
    previous = d.code_point;
    for (std::size_t k = 0; k < length; ++k) hash = fnv1a_step(hash, q[k]);
    q += length;
    const auto size = static_cast<std::size_t>(q - p);
    if (index.find(text.substr(0, size), hash) & (kRgi | kTwemoji)) best = size;
  }
  return best;
}

std::size_t rgi_emoji_count() noexcept { return std::size(tables::kRgiEmoji); }

}  // namespace somepost::unicode
