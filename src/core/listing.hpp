// `somepost list` and `somepost show`: the catalogue and the platforms as aligned text
// tables or JSON. Pure serializers: they return strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/catalogue.hpp"
#include "core/platforms.hpp"

namespace somepost::core {

/// Columns of `rows` (each row as many cells as `headers`) padded to a common display
/// width (so ä, emoji and CJK line up), two spaces apart; the last column is word-wrapped
/// to keep every line within `width` terminal columns, continuation lines indented under
/// it. Control characters in cells are made visible. No trailing blanks.
[[nodiscard]] std::string render_columns(const std::vector<std::string>& headers,
                                         const std::vector<std::vector<std::string>>& rows, std::size_t width);

/// What `somepost list` can list.
enum class ListKind { messages, hashtags, platforms, images, goals, tips };

/// Parses "messages", "hashtags", ... ; false for anything else.
[[nodiscard]] bool parse_list_kind(std::string_view word, ListKind& kind) noexcept;

/// The text table of `kind` (language `lang` for catalogue text, falling back to the
/// catalogue's default language), at most `width` columns wide.
[[nodiscard]] std::string render_list(ListKind kind, const Catalogue& catalogue,
                                      const std::vector<Profile>& profiles, std::string_view lang,
                                      std::size_t width);

/// The same as one JSON document (an array of objects), with all languages.
[[nodiscard]] std::string render_list_json(ListKind kind, const Catalogue& catalogue,
                                           const std::vector<Profile>& profiles);

}  // namespace somepost::core
