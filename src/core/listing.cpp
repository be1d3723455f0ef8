#include "core/listing.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/report.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/width.hpp"

namespace somepost::core {
namespace {

namespace uc = somepost::unicode;

// Splits `text` into lines of at most `width` columns at spaces (a word longer than the
// width is cut at a grapheme boundary). Newlines in `text` start new lines.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
  std::vector<std::string> lines;
  width = std::max<std::size_t>(width, 8);
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::string_view paragraph =
        text.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    std::string line;
    std::size_t line_width = 0;
    std::size_t pos = 0;
    while (pos < paragraph.size()) {
      const std::size_t space = paragraph.find(' ', pos);
      std::string_view word = paragraph.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
      pos = space == std::string_view::npos ? paragraph.size() : space + 1;
      std::size_t word_width = uc::display_width(word);
      if (!line.empty() && line_width + 1 + word_width > width) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      while (word_width > width) {  // a word wider than the column: cut by clusters
        uc::GraphemeIterator it(word);
        std::size_t used = 0, cut = 0;
        for (std::string_view c; it.next(c);) {
          const auto w = static_cast<std::size_t>(uc::cluster_width(c));
          if (used + w > width) break;
          used += w;
          cut = static_cast<std::size_t>(c.data() + c.size() - word.data());
        }
        if (cut == 0) break;
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
        word_width = uc::display_width(word);
      }
      if (!line.empty()) {
        line.push_back(' ');
        ++line_width;
      }
      line.append(word);
      line_width += word_width;
    }
    lines.push_back(std::move(line));
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  return lines;
}

void append_padded(std::string& out, std::string_view cell, std::size_t width) {
  out.append(cell);
  const std::size_t used = uc::display_width(cell);
  if (used < width) out.append(width - used, ' ');
}

std::string first_line(std::string_view text) { return std::string(text.substr(0, text.find('\n'))); }

nlohmann::json localized_json(const LocalizedText& text) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [lang, value] : text) out[lang] = value;
  return out;
}

}  // namespace

std::string render_columns(const std::vector<std::string>& headers,
                           const std::vector<std::vector<std::string>>& rows, std::size_t width) {
  const std::size_t n = headers.size();
  std::vector<std::size_t> widths(n, 0);
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  cells.push_back(headers);
  for (const auto& row : rows) {
    std::vector<std::string> clean;
    for (const auto& cell : row) clean.push_back(neutralize_controls(cell, n > 0 && clean.size() + 1 == n));
    cells.push_back(std::move(clean));
  }
  for (const auto& row : cells) {
    for (std::size_t c = 0; c + 1 < n; ++c) widths[c] = std::max(widths[c], uc::display_width(row[c]));
  }
  std::size_t indent = 0;
  for (std::size_t c = 0; c + 1 < n; ++c) indent += widths[c] + 2;
  const std::size_t last_width = width > indent + 8 ? width - indent : 8;
  std::string out;
  for (const auto& row : cells) {
    std::string prefix;
    for (std::size_t c = 0; c + 1 < n; ++c) {
      append_padded(prefix, row[c], widths[c]);
      prefix += "  ";
    }
    const std::vector<std::string> lines = wrap(n ? row[n - 1] : std::string(), last_width);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string line = i == 0 ? prefix : std::string(indent, ' ');
      line += lines[i];
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line;
      out += '\n';
    }
  }
  return out;
}

bool parse_list_kind(std::string_view word, ListKind& kind) noexcept {
  static constexpr std::pair<std::string_view, ListKind> kKinds[] = {
      {"messages", ListKind::messages}, {"hashtags", ListKind::hashtags}, {"platforms", ListKind::platforms},
      {"images", ListKind::images},     {"goals", ListKind::goals},       {"tips", ListKind::tips}};
  for (const auto& [name, value] : kKinds) {
    if (word == name) {
      kind = value;
      return true;
    }
  }
  return false;
}

std::string render_list(ListKind kind, const Catalogue& catalogue, const std::vector<Profile>& profiles,
                        std::string_view lang, std::size_t width) {
  const std::string_view fallback = catalogue.campaign.default_language;
  std::vector<std::vector<std::string>> rows;
  switch (kind) {
    case ListKind::messages:
      for (const Message& m : catalogue.messages) {
        std::string tags;
        for (const auto& t : m.hashtags) tags += (tags.empty() ? "" : " ") + t;
        rows.push_back({fmt::format("{}", m.number), m.id, first_line(pick_language(m.text, lang, fallback))});
      }
      return render_columns({"No", "Id", "Text"}, rows, width);
    case ListKind::hashtags:
      for (const Hashtag& h : catalogue.hashtags) {
        std::string description(pick_language(h.description, lang, fallback));
        if (!h.alternatives.empty()) {
          std::string alts;
          for (const auto& a : h.alternatives) alts += (alts.empty() ? "" : ", ") + a;
          if (!description.empty()) description += ' ';
          description += fmt::format("(also {})", alts);
        }
        rows.push_back({h.tag, fmt::format("{}", h.priority), h.group, description});
      }
      return render_columns({"Tag", "Priority", "Group", "Description"}, rows, width);
    case ListKind::platforms:
      for (const Profile& p : profiles) {
        std::string limit = fmt::format("{} {}", p.limit, unit_name(p.unit));
        if (p.byte_limit) limit += fmt::format(" + {} bytes", *p.byte_limit);
        rows.push_back({p.id, p.name, limit});
      }
      return render_columns({"Id", "Name", "Limit"}, rows, width);
    case ListKind::images:
      for (std::size_t i = 0; i < catalogue.images.size(); ++i) {
        const Image& img = catalogue.images[i];
        const std::string_view alt = pick_language(img.alt, lang, fallback);
        rows.push_back({fmt::format("{}", i + 1), img.file, alt.empty() ? "(alt text missing)" : std::string(alt)});
      }
      return render_columns({"No", "File", "Alt text"}, rows, width);
    case ListKind::goals:
    case ListKind::tips:
      for (const Item& item : kind == ListKind::goals ? catalogue.goals : catalogue.tips) {
        rows.push_back({fmt::format("{}", item.number), std::string(pick_language(item.text, lang, fallback))});
      }
      return render_columns({"No", kind == ListKind::goals ? "Goal" : "Tip"}, rows, width);
  }
  return {};
}

std::string render_list_json(ListKind kind, const Catalogue& catalogue, const std::vector<Profile>& profiles) {
  nlohmann::json out = nlohmann::json::array();
  switch (kind) {
    case ListKind::messages:
      for (const Message& m : catalogue.messages) {
        out.push_back({{"number", m.number}, {"id", m.id}, {"text", localized_json(m.text)}, {"hashtags", m.hashtags}});
      }
      break;
    case ListKind::hashtags:
      for (const Hashtag& h : catalogue.hashtags) {
        out.push_back({{"tag", h.tag}, {"priority", h.priority}, {"group", h.group},
                       {"alternatives", h.alternatives}, {"description", localized_json(h.description)}});
      }
      break;
    case ListKind::platforms:
      for (const Profile& p : profiles) {
        nlohmann::json item = {{"id", p.id}, {"name", p.name}, {"limit", p.limit}, {"unit", unit_name(p.unit)}};
        if (p.byte_limit) item["byte_limit"] = *p.byte_limit;
        out.push_back(std::move(item));
      }
      break;
    case ListKind::images:
      for (std::size_t i = 0; i < catalogue.images.size(); ++i) {
        const Image& img = catalogue.images[i];
        out.push_back({{"number", i + 1}, {"id", img.id}, {"file", img.file}, {"alt", localized_json(img.alt)},
                       {"alt_missing", img.alt.empty()}});
      }
      break;
    case ListKind::goals:
    case ListKind::tips:
      for (const Item& item : kind == ListKind::goals ? catalogue.goals : catalogue.tips) {
        out.push_back({{"number", item.number}, {"text", localized_json(item.text)}});
      }
      break;
  }
  return out.dump() + "\n";
}

}  // namespace somepost::core
