// Emoji recognition (UTS #51) by binary search over the generated, bytewise sorted lists
// of RGI sequences (emoji-sequences.txt, emoji-zwj-sequences.txt) and of the
// non-fully-qualified multi-code-point forms listed in emoji-test.txt.
#include "unicode/emoji.hpp"

#include <algorithm>
#include <iterator>

#include "unicode/generated/emoji_tables.hpp"

namespace somepost::unicode {
namespace {

// Cheap rejects before the binary search: empty, longer than any listed form, or ASCII
// that is not a keycap base ('#', '*', '0'-'9'), which covers most clusters of text.
[[nodiscard]] bool may_be_emoji(std::string_view cluster) noexcept {
  if (cluster.empty() || cluster.size() > tables::kEmojiLongestBytes) return false;
  const auto lead = static_cast<unsigned char>(cluster[0]);
  if (lead >= 0x80) return true;
  if (cluster.size() == 1) return false;
  return lead == '#' || lead == '*' || (lead >= '0' && lead <= '9');
}

template <std::size_t N>
[[nodiscard]] bool listed(const std::string_view (&list)[N], std::string_view cluster) noexcept {
  const auto* found = std::lower_bound(std::begin(list), std::end(list), cluster);
  return found != std::end(list) && *found == cluster;
}

}  // namespace

bool is_rgi_emoji(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) && listed(tables::kRgiEmoji, cluster);
}

bool is_emoji_sequence(std::string_view cluster) noexcept {
  return may_be_emoji(cluster) &&
         (listed(tables::kRgiEmoji, cluster) || listed(tables::kEmojiVariants, cluster));
}

std::size_t rgi_emoji_count() noexcept { return std::size(tables::kRgiEmoji); }

}  // namespace somepost::unicode
