// Emoji recognition (UTS #51) by binary search over the generated, bytewise sorted lists
// of RGI sequences (emoji-sequences.txt, emoji-zwj-sequences.txt) and of the
// non-fully-qualified multi-code-point forms listed in emoji-test.txt.
#include "unicode/emoji.hpp"

#include <algorithm>
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

template <std::size_t N>
[[nodiscard]] bool listed(const std::string_view (&list)[N], std::string_view cluster) noexcept {
  const auto* found = std::lower_bound(std::begin(list), std::end(list), cluster);
  return found != std::end(list) && *found == cluster;
}

}  // namespace

bool is_emoji_code_point(char32_t cp) noexcept {
  using namespace tables;
  if (cp > 0x10FFFF) return false;
  const std::size_t block = kWidthStage1[cp >> kWidthShift];
  return (kWidthStage2[(block << kWidthShift) | (cp & ((1u << kWidthShift) - 1))] & kEmojiBit) != 0;
}

bool is_rgi_emoji(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && listed(tables::kRgiEmoji, cluster);
}

bool is_emoji_sequence(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) &&
         (listed(tables::kRgiEmoji, cluster) || listed(tables::kEmojiVariants, cluster));
}

std::size_t rgi_emoji_count() noexcept { return std::size(tables::kRgiEmoji); }

}  // namespace somepost::unicode
