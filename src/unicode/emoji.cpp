// Emoji recognition (UTS #51): a hash index, built once, over the generated lists of RGI
// sequences (emoji-sequences.txt, emoji-zwj-sequences.txt) and of the non-fully-qualified
// multi-code-point forms listed in emoji-test.txt. A hash probe costs a few dozen
// instructions where a binary search over 5,000 strings cost about 600 (X counts every
// cluster that may be an emoji through here).
#include "unicode/emoji.hpp"

#include <array>
#include <cstdint>
#include <iterator>

#include "unicode/generated/emoji_tables.hpp"
#include "unicode/generated/width_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {
namespace {

constexpr std::uint8_t kEmojiBit = 0x08;  // bit 3 of the width table (tools/gen_width.py)

// Cheap rejects before the binary search: empty, longer than any listed form, a lone
// ASCII byte, or a first code point without the Emoji property (ä, ö, CJK, ...).
[[nodiscard]] bool may_be_emoji(std::string_view cluster) noexcept {
  if (cluster.empty() || cluster.size() > tables::kEmojiLongestBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(cluster.data());
  if (p[0] < 0x80 && cluster.size() == 1) return false;
  return is_emoji_code_point(decode_lenient(p, p + cluster.size()).code_point);
}

constexpr std::size_t kRgiCount = std::size(tables::kRgiEmoji);
constexpr std::size_t kListedCount = kRgiCount + std::size(tables::kEmojiVariants);

// The listed form with index i: RGI sequences first, then the variants.
[[nodiscard]] std::string_view listed_form(std::size_t i) noexcept {
  return i < kRgiCount ? tables::kRgiEmoji[i] : tables::kEmojiVariants[i - kRgiCount];
}

[[nodiscard]] std::uint64_t fnv1a(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  return h;
}

// Open addressing with linear probing; a slot holds 1 + the form's index, 0 when empty.
// At most 31% full, so a miss ends within a probe or two.
class ListedIndex {
 public:
  static constexpr std::size_t kSlots = 16384;
  static_assert(kListedCount < kSlots / 3 && kListedCount < 0xFFFF);

  ListedIndex() noexcept {
    for (std::size_t i = 0; i < kListedCount; ++i) {
      std::size_t slot = fnv1a(listed_form(i)) & (kSlots - 1);
      while (slots_[slot] != 0) slot = (slot + 1) & (kSlots - 1);
      slots_[slot] = static_cast<std::uint16_t>(i + 1);
    }
  }

  /// The index of `cluster` among the listed forms, or kListedCount when absent.
  [[nodiscard]] std::size_t find(std::string_view cluster) const noexcept {
    for (std::size_t slot = fnv1a(cluster) & (kSlots - 1);; slot = (slot + 1) & (kSlots - 1)) {
      const std::size_t entry = slots_[slot];
      if (entry == 0) return kListedCount;
      if (listed_form(entry - 1) == cluster) return entry - 1;
    }
  }

 private:
  std::array<std::uint16_t, kSlots> slots_{};
};

// Built on first use (thread-safe: a function-local static).
[[nodiscard]] std::size_t listed_index(std::string_view cluster) noexcept {
  static const ListedIndex index;
  return index.find(cluster);
}

}  // namespace

bool is_emoji_code_point(char32_t cp) noexcept {
  using namespace tables;
  if (cp > 0x10FFFF) return false;
  const std::size_t block = kWidthStage1[cp >> kWidthShift];
  return (kWidthStage2[(block << kWidthShift) | (cp & ((1u << kWidthShift) - 1))] & kEmojiBit) != 0;
}

bool is_rgi_emoji(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && listed_index(cluster) < kRgiCount;
}

bool is_emoji_sequence(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && listed_index(cluster) < kListedCount;
}

std::size_t rgi_emoji_count() noexcept { return std::size(tables::kRgiEmoji); }

}  // namespace somepost::unicode
