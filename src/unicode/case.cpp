#include "unicode/case.hpp"

#include "unicode/generated/case_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::unicode {

char32_t to_lower(char32_t cp) noexcept {
  using namespace tables;
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;  // ASCII fast path
  if (cp > 0x10FFFF) return cp;
  const std::size_t block = kLowerStage1[cp >> kLowerShift];
  const std::uint8_t index = kLowerStage2[(block << kLowerShift) | (cp & ((1u << kLowerShift) - 1))];
  return static_cast<char32_t>(static_cast<std::int32_t>(cp) + kLowerDeltas[index]);
}

std::string fold_case(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p < end) {
    const Decoded d = decode_lenient(p, end);
    append_utf8(out, to_lower(d.code_point));
    p += d.length;
  }
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(a.data());
  const auto* const p_end = p + a.size();
  const auto* q = reinterpret_cast<const unsigned char*>(b.data());
  const auto* const q_end = q + b.size();
  while (p < p_end && q < q_end) {
    const Decoded x = decode_lenient(p, p_end);
    const Decoded y = decode_lenient(q, q_end);
    if (to_lower(x.code_point) != to_lower(y.code_point)) return false;
    p += x.length;
    q += y.length;
  }
  return p == p_end && q == q_end;
}

}  // namespace somepost::unicode
