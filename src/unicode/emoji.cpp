// RGI emoji recognition (UTS #51 ED-27) by binary search over the generated, bytewise
// sorted list of every sequence in emoji-sequences.txt and emoji-zwj-sequences.txt.
#include "unicode/emoji.hpp"

#include <algorithm>
#include <iterator>

#include "unicode/generated/emoji_tables.hpp"

namespace somepost::unicode {

bool is_rgi_emoji(std::string_view cluster) noexcept {
  // Quick rejects: empty, longer than any sequence, or plain ASCII that is not a keycap
  // base ('#', '*', '0'-'9'), which covers most clusters of ordinary text.
  if (cluster.empty() || cluster.size() > tables::kRgiEmojiLongestBytes) return false;
  const auto lead = static_cast<unsigned char>(cluster[0]);
  if (lead < 0x80 && cluster.size() == 1) return false;
  if (lead < 0x80 && lead != '#' && lead != '*' && (lead < '0' || lead > '9')) return false;
  const auto* first = std::begin(tables::kRgiEmoji);
  const auto* last = std::end(tables::kRgiEmoji);
  const auto* found = std::lower_bound(first, last, cluster);
  return found != last && *found == cluster;
}

std::size_t rgi_emoji_count() noexcept { return std::size(tables::kRgiEmoji); }

}  // namespace somepost::unicode
