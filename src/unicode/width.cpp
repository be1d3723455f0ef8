// Terminal columns of grapheme clusters: UAX #11 East_Asian_Width for the base, and the
// emoji presentation rules of UTS #51 §4 (Emoji_Presentation, or an Emoji character
// followed by VS16 U+FE0F, is shown as a 2-column emoji).
#include "unicode/width.hpp"

#include <algorithm>

#include "unicode/emoji.hpp"
#include "unicode/generated/width_tables.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {
namespace {

constexpr std::uint8_t kColumnsMask = 0x03;
constexpr std::uint8_t kEmojiPresentation = 0x04;
constexpr std::uint8_t kEmoji = 0x08;
constexpr char32_t kVariationSelector16 = 0xFE0F;

[[nodiscard]] inline std::uint8_t width_props(char32_t cp) noexcept {
  using namespace tables;
  const std::size_t block = kWidthStage1[cp >> kWidthShift];
  return kWidthStage2[(block << kWidthShift) | (cp & ((1u << kWidthShift) - 1))];
}

}  // namespace

int cluster_width(std::string_view cluster) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(cluster.data());
  const auto* const end = p + cluster.size();
  if (p == end) return 0;
  // ASCII fast path: printable is 1, controls (including DEL) are 0.
  if (cluster.size() == 1 && p[0] < 0x80) return (p[0] >= 0x20 && p[0] < 0x7F) ? 1 : 0;
  int columns = 0;
  std::uint8_t first_props = 0;
  bool first = true;
  for (; p < end;) {
    const Decoded d = decode_lenient(p, end);
    const std::uint8_t props = width_props(d.code_point);
    if (first) {
      first_props = props;
      first = false;
    } else if (d.code_point == kVariationSelector16 && (first_props & kEmoji)) {
      return 2;  // UTS #51 ED-9a: emoji presentation sequence
    }
    columns = std::max(columns, int(props & kColumnsMask));
    p += d.length;
  }
  if (first_props & kEmojiPresentation) return 2;  // ED-6: default emoji presentation
  if (columns < 2 && is_rgi_emoji(cluster)) return 2;  // keycaps, tag sequences
  return columns;
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t columns = 0;
  GraphemeIterator it(text);
  for (std::string_view cluster; it.next(cluster);) columns += static_cast<std::size_t>(cluster_width(cluster));
  return columns;
}

}  // namespace somepost::unicode
