// Extended grapheme clusters (UAX #29, Unicode 17.0), every rule GB1–GB999 including
// GB9c (Indic_Conjunct_Break), GB11 (emoji ZWJ) and GB12/GB13 (regional indicators).
// Pure functions on UTF-8: no I/O, no allocation, no exceptions. Ill-formed bytes are
// each taken as one U+FFFD (a cluster of their own), so any input is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace somepost::unicode {

/// The number of extended grapheme clusters in `text` (UTF-8). 0 for empty text.
/// The fast counter: an ASCII fast path handles 8 bytes at a time.
[[nodiscard]] std::size_t count_graphemes(std::string_view text) noexcept;

/// Byte offset just after the first `n` grapheme clusters of `text` (text.size() when it
/// has `n` or fewer): where cluster n+1 starts. The fast counter's loop, stopped early.
[[nodiscard]] std::size_t offset_after_graphemes(std::string_view text, std::size_t n) noexcept;

/// count_graphemes(text) and offset_after_graphemes(text, n) in one pass: returns the
/// number of clusters and sets `offset_after_n` (bytes). Exact because segmentation after
/// a boundary does not depend on what precedes it. A fast path of Counter::count: must
/// equal the reference's boundary n (tests/difftest's small limits reach it).
[[nodiscard]] std::size_t count_graphemes_marking(std::string_view text, std::size_t n,
                                                  std::size_t& offset_after_n) noexcept;

/// Walks the grapheme clusters of a UTF-8 text, front to back.
///
///   GraphemeIterator it(text);
///   for (std::string_view cluster; it.next(cluster);) { ... }
///
/// Each cluster is a non-empty view into `text`; together they cover it exactly.
class GraphemeIterator {
 public:
  explicit GraphemeIterator(std::string_view text) noexcept : text_(text) {}

  /// Stores the next cluster in `cluster` and returns true, or returns false at the end.
  bool next(std::string_view& cluster) noexcept;

  /// Byte offset of the start of the next cluster (== text size at the end).
  [[nodiscard]] std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// Byte offset (from the start of `text`) of the first grapheme boundary after `offset`,
/// i.e. the end of the cluster that starts at `offset`. `offset` must be a cluster start
/// (0 or a value this function returned); returns text.size() at the end.
[[nodiscard]] std::size_t next_grapheme_boundary(std::string_view text, std::size_t offset) noexcept;

}  // namespace somepost::unicode
