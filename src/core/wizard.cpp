#include "core/wizard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/report.hpp"
#include "unicode/case.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/width.hpp"

namespace somepost::core {
namespace {

namespace uc = somepost::unicode;

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026, one column
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kReset = "\x1b[0m";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The words of an answer, split at blanks and commas.
std::vector<std::string_view> words_of(std::string_view answer) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < answer.size()) {
    while (pos < answer.size() && (is_blank(answer[pos]) || answer[pos] == ',')) ++pos;
    const std::size_t start = pos;
    while (pos < answer.size() && !is_blank(answer[pos]) && answer[pos] != ',') ++pos;
    if (pos > start) words.push_back(answer.substr(start, pos - start));
  }
  return words;
}

void append_padded(std::string& out, std::string_view cell, std::size_t width, bool right) {
  const std::size_t used = uc::display_width(cell);
  const std::size_t pad = used < width ? width - used : 0;
  if (right) out.append(pad, ' ');
  out.append(cell);
  if (!right) out.append(pad, ' ');
}

void strip_trailing_blanks(std::string& line) {
  while (!line.empty() && line.back() == ' ') line.pop_back();
}

}  // namespace

// ---- answers ----------------------------------------------------------------------------

ToggleResult apply_toggle_answer(std::string_view answer, std::vector<bool>& selected) {
  const std::vector<std::string_view> words = words_of(answer);
  if (words.empty()) return {ToggleStatus::keep, {}};
  std::vector<bool> next = selected;
  for (const std::string_view word : words) {
    if (word == "a" || word == "A") {
      next.assign(next.size(), true);
    } else if (word == "0") {
      next.assign(next.size(), false);
    } else if (const auto n = parse_number(word, next.size())) {
      next[*n - 1] = !next[*n - 1];
    } else {
      return {ToggleStatus::invalid, std::string(word)};
    }
  }
  selected = std::move(next);
  return {ToggleStatus::changed, {}};
}

std::optional<std::size_t> parse_number(std::string_view answer, std::size_t max) {
  const std::string_view digits = trim(answer);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n < 1 || n > max) return std::nullopt;
  return n;
}

std::string_view label_key(std::string_view label) {
  const std::size_t open = label.find('[');
  if (open == std::string_view::npos) return {};
  const std::size_t close = label.find(']', open + 1);
  if (close == std::string_view::npos) return {};
  return label.substr(open + 1, close - open - 1);
}

std::string label_word(std::string_view label) {
  std::string out;
  for (const char c : label) {
    if (c != '[' && c != ']') out.push_back(c);
  }
  return out;
}

std::optional<int> match_label(std::string_view answer, const std::vector<KeyedLabel>& preferred,
                               const std::vector<KeyedLabel>& fallback) {
  const std::string folded = uc::fold_case(trim(answer));
  if (folded.empty()) return std::nullopt;
  for (const auto* labels : {&preferred, &fallback}) {
    for (const KeyedLabel& l : *labels) {
      const std::string_view key = label_key(l.label);
      if ((!key.empty() && folded == uc::fold_case(key)) || folded == uc::fold_case(label_word(l.label))) {
        return l.value;
      }
    }
  }
  return std::nullopt;
}

std::string join_labels(const std::vector<KeyedLabel>& labels) {
  std::string out;
  for (const KeyedLabel& l : labels) {
    if (!out.empty()) out += "  ";
    out += l.label;
  }
  return out;
}

// ---- menus ------------------------------------------------------------------------------

std::string fit_line(std::string_view text, std::size_t width) {
  const std::string clean = neutralize_controls(text, false);
  if (uc::display_width(clean) <= width) return clean;
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  uc::GraphemeIterator it(clean);
  for (std::string_view cluster; it.next(cluster);) {
    const auto w = static_cast<std::size_t>(uc::cluster_width(cluster));
    if (used + w + 1 > width) break;  // keep one column for the ellipsis
    out.append(cluster);
    used += w;
  }
  out.append(kEllipsis);
  return out;
}

std::string render_numbered(const std::vector<std::string>& labels, std::size_t width) {
  const std::size_t digits = fmt::formatted_size("{}", labels.size());
  const std::size_t indent = 2 + digits + 2;
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    std::string line = fmt::format("  {:>{}}  ", i + 1, digits);
    line += fit_line(labels[i], width > indent ? width - indent : 0);
    strip_trailing_blanks(line);
    out += line;
    out += '\n';
  }
  return out;
}

std::string render_toggles(const std::vector<std::string>& labels, const std::vector<bool>& selected,
                           std::size_t width) {
  const std::size_t digits = fmt::formatted_size("{}", labels.size());
  const std::size_t indent = 2 + digits + 5;
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const bool on = i < selected.size() && selected[i];
    std::string line = fmt::format("  {:>{}} [{}] ", i + 1, digits, on ? 'x' : ' ');
    line += fit_line(labels[i], width > indent ? width - indent : 0);
    strip_trailing_blanks(line);
    out += line;
    out += '\n';
  }
  return out;
}

std::vector<std::string> message_first_lines(const Catalogue& catalogue, std::string_view lang) {
  std::vector<std::string> lines;
  for (const Message& m : catalogue.messages) {
    const std::string_view text = pick_language(m.text, lang, catalogue.campaign.default_language);
    lines.emplace_back(text.substr(0, text.find('\n')));
  }
  return lines;
}

// ---- hashtags ---------------------------------------------------------------------------

std::vector<TagOption> tag_options(const Catalogue& catalogue, const std::vector<ChosenTag>& defaults,
                                   std::string_view body) {
  std::vector<TagOption> options;
  std::unordered_set<const Hashtag*> listed;  // hashed: a catalogue of n tags costs O(n)
  for (const ChosenTag& t : defaults) {
    options.push_back({t, true, false});
    if (t.entry) listed.insert(t.entry);
  }
  for (const Hashtag& h : catalogue.hashtags) {
    if (listed.count(&h) == 0) options.push_back({ChosenTag{h.tag, h.priority, &h}, false, false});
  }
  const HashtagIndex index(catalogue);
  for (TagOption& o : options) {
    std::vector<ChosenTag> one = {o.tag};
    o.in_body = !drop_tags_in_body(index, body, one).empty();
  }
  return options;
}

std::vector<ChosenTag> tags_kept_by_all(const std::vector<ChosenTag>& tags, const std::vector<FitResult>& fits) {
  std::vector<ChosenTag> kept;
  for (const ChosenTag& t : tags) {
    const bool everywhere = std::all_of(fits.begin(), fits.end(), [&](const FitResult& f) {
      return std::any_of(f.kept.begin(), f.kept.end(), [&](const ChosenTag& k) { return k.tag == t.tag; });
    });
    if (everywhere) kept.push_back(t);
  }
  return kept;
}

// ---- summary ----------------------------------------------------------------------------

Verdict verdict_of(const PlatformCount& count) {
  if (count.remaining < 0) return {VerdictKind::over_limit, static_cast<std::size_t>(-count.remaining), count.limit};
  if (count.byte_limit && count.bytes > *count.byte_limit) {
    return {VerdictKind::over_bytes, count.bytes - *count.byte_limit, *count.byte_limit};
  }
  if (!count.fits && count.profile) {
    const Profile& p = *count.profile;
    if (p.max_hashtags && p.max_hashtags->severity == Severity::error && count.hashtags > p.max_hashtags->max) {
      return {VerdictKind::too_many_hashtags, count.hashtags, p.max_hashtags->max};
    }
    if (p.max_links && p.max_links->severity == Severity::error && count.links > p.max_links->max) {
      return {VerdictKind::too_many_links, count.links, p.max_links->max};
    }
  }
  if (!count.fits) return {VerdictKind::rejected, 0, 0};
  if (count.profile) {
    const Profile& p = *count.profile;
    if (p.max_hashtags && count.hashtags > p.max_hashtags->max) {
      return {VerdictKind::fits_many_hashtags, count.hashtags, p.max_hashtags->max};
    }
    if (p.max_links && count.links > p.max_links->max) {
      return {VerdictKind::fits_many_links, count.links, p.max_links->max};
    }
  }
  return {};
}

std::string render_summary_table(const std::vector<std::string>& headers, const std::vector<SummaryRow>& rows,
                                 bool color) {
  constexpr std::size_t kColumns = 3;
  std::vector<std::size_t> widths(kColumns, 0);
  const auto cells = [](const SummaryRow& r) { return std::vector<std::string_view>{r.platform, r.length, r.status}; };
  for (std::size_t c = 0; c < kColumns && c < headers.size(); ++c) widths[c] = uc::display_width(headers[c]);
  for (const SummaryRow& r : rows) {
    const auto row = cells(r);
    for (std::size_t c = 0; c < kColumns; ++c) widths[c] = std::max(widths[c], uc::display_width(row[c]));
  }
  std::string out;
  std::string line;
  for (std::size_t c = 0; c < kColumns; ++c) {
    if (c) line += "  ";
    if (color) line += kBold;
    append_padded(line, c < headers.size() ? headers[c] : std::string_view(), widths[c], c == 1);
    if (color) line += kReset;
  }
  strip_trailing_blanks(line);
  out += line;
    out += '\n';
  for (const SummaryRow& r : rows) {
    line.clear();
    append_padded(line, r.platform, widths[0], false);
    line += "  ";
    append_padded(line, r.length, widths[1], true);
    line += "  ";
    if (color) line += r.fits ? kGreen : kRed;
    line += r.status;
    if (color) line += kReset;
    strip_trailing_blanks(line);
    out += line;
    out += '\n';
  }
  return out;
}

// ---- remembered platforms ---------------------------------------------------------------

std::vector<std::string> parse_remembered_platforms(std::string_view text) {
  std::vector<std::string> ids;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (std::find(ids.begin(), ids.end(), line) == ids.end()) ids.emplace_back(line);
  }
  return ids;
}

std::string format_remembered_platforms(const std::vector<std::string>& ids) {
  std::string out = "# The platforms last chosen in `somepost interactive`, one id a line.\n";
  for (const std::string& id : ids) {
    out += id;
    out += '\n';
  }
  return out;
}

}  // namespace somepost::core
