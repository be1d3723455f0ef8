// The plain thread splitter: core/thread_split.cpp as it was before issue 11 (commit
// a006661), unchanged but for its namespace. Every part counts the whole rest of its chunk
// first, cuts of a long word are all found again for every part, and inside_protected
// scans every span before the position: quadratic, and the reference the fast splitter
// must equal. Do not optimize it.
#include "test_split_plain.hpp"

#include <algorithm>
#include <charconv>

#include "core/extract.hpp"
#include "unicode/grapheme.hpp"

namespace somepost::test::plain {

using namespace somepost::core;

namespace {

// How strong a break between two parts is; a part prefers the strongest break.
enum class Level { word = 1, sentence = 2, paragraph = 3 };

// A whitespace run where a part may end: the part ends at `end`, the next starts at `next`.
struct Boundary {
  std::size_t end;
  std::size_t next;
  Level level;
};

// A span that is never cut: a URL, hashtag or mention.
struct Protected {
  Span span;
  std::string_view kind;
};

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t digits(std::size_t n) noexcept {
  std::size_t d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

void append_number(std::string& out, std::size_t n) {
  char buffer[24];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, static_cast<std::size_t>(r.ptr - buffer));
}

void append_label(std::string& out, std::size_t number, std::size_t total) {
  out.push_back(' ');
  append_number(out, number);
  out.push_back('/');
  append_number(out, total);
}

// Does the text before `at` end a sentence: . ! ? or … (U+2026), possibly followed by
// closing quotes or brackets?
bool ends_sentence(std::string_view text, std::size_t at) {
  static constexpr std::string_view kClosers[] = {")", "]", "\"", "'", "\xE2\x80\x9D" /* ” */,
                                                  "\xE2\x80\x99" /* ’ */, "\xC2\xBB" /* » */};
  std::string_view before = text.substr(0, at);
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (const std::string_view closer : kClosers) {
      if (before.size() >= closer.size() && before.substr(before.size() - closer.size()) == closer) {
        before.remove_suffix(closer.size());
        stripped = true;
      }
    }
  }
  if (before.empty()) return false;
  const char last = before.back();
  if (last == '.' || last == '!' || last == '?') return true;
  return before.size() >= 3 && before.substr(before.size() - 3) == "\xE2\x80\xA6";
}

class Splitter {
 public:
  Splitter(std::string_view text, const Profile& profile, const CountOptions& options, Counter& counter)
      : text_(text), profile_(profile), options_(options), counter_(counter), profiles_{&profile} {
    find_cluster_starts();
    find_protected();
    find_chunks();
  }

  ThreadResult run() {
    ThreadResult result;
    if (chunks_.empty() || (chunks_.size() == 1 && !has_break_)) {
      // No manual break: a text that fits is left exactly as it is.
      ThreadPart whole{std::string(text_), {}};
      counter_.count(whole.text, profiles_, options_, whole.count);
      if (whole.count.all_fit() || chunks_.empty()) {
        result.fits = whole.count.all_fit();
        result.parts.push_back(std::move(whole));
        return result;
      }
    }
    // The numbering's width depends on the total; pack again when the total needs more
    // digits than assumed (each pass only lengthens the labels, so this ends).
    std::vector<Span> spans;
    std::size_t assumed = 9;
    for (;;) {
      if (!pack(assumed, spans, result.problem)) return failure(std::move(result));
      if (digits(spans.size()) <= digits(assumed)) break;
      assumed = spans.size();
    }
    const std::size_t total = spans.size();
    for (std::size_t i = 0; i < total; ++i) {
      ThreadPart part{std::string(spans[i].of(text_)), {}};
      if (total > 1) append_label(part.text, i + 1, total);
      counter_.count(part.text, profiles_, options_, part.count);
      if (!part.count.all_fit()) {
        result.problem = "part ";
        append_number(result.problem, i + 1);
        result.problem += " does not fit ";
        result.problem += profile_.name;
        result.problem += " with its number";
        return failure(std::move(result));
      }
      result.parts.push_back(std::move(part));
    }
    result.fits = true;
    return result;
  }

 private:
  ThreadResult failure(ThreadResult result) {
    result.fits = false;
    result.parts.clear();
    ThreadPart whole{std::string(text_), {}};
    counter_.count(whole.text, profiles_, options_, whole.count);
    result.parts.push_back(std::move(whole));
    return result;
  }

  void find_protected() {
    std::vector<UrlMatch> urls;
    for (const UrlRule rule : {UrlRule::twitter, UrlRule::mastodon}) {
      extract_urls(text_, rule, urls);
      for (const UrlMatch& u : urls) protected_.push_back({u.span, "the URL"});
    }
    std::vector<HashtagMatch> tags;
    for (const HashtagRule rule : {HashtagRule::x, HashtagRule::mastodon, HashtagRule::bluesky}) {
      extract_hashtags(text_, rule, tags);
      for (const HashtagMatch& t : tags) protected_.push_back({t.span, "the hashtag"});
    }
    std::vector<MentionMatch> mentions;
    for (const MentionRule rule : {MentionRule::x, MentionRule::mastodon}) {
      extract_mentions(text_, rule, mentions);
      for (const MentionMatch& m : mentions) protected_.push_back({m.span, "the mention"});
    }
    std::sort(protected_.begin(), protected_.end(),
              [](const Protected& a, const Protected& b) { return a.span.begin < b.span.begin; });
  }

  // Marks where grapheme clusters start (and the end of the text). Whitespace can be the
  // base of a cluster (a space before U+0301, a ZWJ or VS16) or end one that a Prepend
  // character starts, so a whitespace run is not by itself a place to cut.
  void find_cluster_starts() {
    cluster_start_.assign(text_.size() + 1, false);
    for (std::size_t at = 0; at < text_.size(); at = unicode::next_grapheme_boundary(text_, at)) {
      cluster_start_[at] = true;
    }
    cluster_start_[text_.size()] = true;
  }

  // True when cutting at `at` would cut through a URL, hashtag or mention.
  bool inside_protected(std::size_t at) const noexcept {
    for (const Protected& p : protected_) {
      if (p.span.begin >= at) break;
      if (at < p.span.end) return true;
    }
    return false;
  }

  // Chunks between manual breaks, each trimmed of surrounding whitespace, with their
  // boundaries.
  void find_chunks() {
    std::size_t chunk_begin = 0;
    std::size_t pos = 0;
    while (pos <= text_.size()) {
      const std::size_t newline = text_.find('\n', pos);
      const std::size_t line_end = newline == std::string_view::npos ? text_.size() : newline;
      if (is_thread_break(text_.substr(pos, line_end - pos))) {
        has_break_ = true;
        add_chunk(chunk_begin, pos);
        chunk_begin = newline == std::string_view::npos ? text_.size() : newline + 1;
      }
      if (newline == std::string_view::npos) break;
      pos = newline + 1;
    }
    add_chunk(chunk_begin, text_.size());
  }

  void add_chunk(std::size_t begin, std::size_t end) {
    // `begin` and `end` are cluster boundaries (the text's ends, or next to a line break);
    // trimming whitespace must keep them so.
    const std::size_t outer_begin = begin;
    const std::size_t outer_end = end;
    while (begin < end && is_space(text_[begin])) ++begin;
    while (end > begin && is_space(text_[end - 1])) --end;
    if (begin == end) return;
    while (begin > outer_begin && !cluster_start_[begin]) --begin;
    while (end < outer_end && !cluster_start_[end]) ++end;
    Chunk chunk{begin, end, boundaries_.size(), 0};
    for (std::size_t i = begin; i < end;) {
      if (!is_space(text_[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      std::size_t newlines = 0;
      while (j < end && is_space(text_[j])) newlines += text_[j++] == '\n';
      // A break drops the run [i, j): both ends must be cluster boundaries.
      if (!inside_protected(i) && cluster_start_[i] && cluster_start_[j]) {
        const Level level = newlines >= 2                               ? Level::paragraph
                            : newlines == 1 || ends_sentence(text_, i) ? Level::sentence
                                                                        : Level::word;
        boundaries_.push_back({i, j, level});
      }
      i = j;
    }
    chunk.last_boundary = boundaries_.size();
    chunks_.push_back(chunk);
  }

  bool fits(std::size_t begin, std::size_t end, std::size_t number, std::size_t total) {
    candidate_.assign(text_.substr(begin, end - begin));
    append_label(candidate_, number, total);
    counter_.count(candidate_, profiles_, options_, scratch_);
    return scratch_.platforms.front().fits;
  }

  // The last index in [first, last) whose position fits (positions ascending, fitting is
  // monotone in the position), or `last` when none fits. Gallops first, so the cost
  // follows the part's size, not the length of the rest of the text.
  template <class Position>
  std::size_t furthest_fitting(std::size_t first, std::size_t last, Position position, std::size_t start,
                               std::size_t number, std::size_t total) {
    if (first >= last || !fits(start, position(first), number, total)) return last;
    std::size_t good = first;  // fits
    std::size_t step = 1;
    std::size_t bad = last;    // first known not to fit (or the end)
    while (good + step < last) {
      if (!fits(start, position(good + step), number, total)) {
        bad = good + step;
        break;
      }
      good += step;
      step *= 2;
    }
    while (bad - good > 1) {
      const std::size_t mid = good + (bad - good) / 2;
      if (fits(start, position(mid), number, total)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }

  // Packs the chunks into part spans, numbering against `total`. False (with `problem`)
  // when something cannot fit even alone.
  bool pack(std::size_t total, std::vector<Span>& spans, std::string& problem) {
    spans.clear();
    for (const Chunk& chunk : chunks_) {
      std::size_t start = chunk.begin;
      std::size_t first = chunk.first_boundary;
      while (true) {
        const std::size_t number = spans.size() + 1;
        if (fits(start, chunk.end, number, total)) {
          spans.push_back({start, chunk.end});
          break;
        }
        while (first < chunk.last_boundary && boundaries_[first].end <= start) ++first;
        const auto boundary_end = [&](std::size_t i) { return boundaries_[i].end; };
        const std::size_t found = furthest_fitting(first, chunk.last_boundary, boundary_end, start, number, total);
        if (found != chunk.last_boundary) {
          // The strongest kind of break that still fills half of what the furthest fills.
          std::size_t chosen = found;
          const std::size_t best = boundaries_[found].end - start;
          bool picked = false;
          for (const Level level : {Level::paragraph, Level::sentence}) {
            for (std::size_t i = found + 1; i-- > first;) {
              if (boundaries_[i].level < level) continue;
              if ((boundaries_[i].end - start) * 2 >= best) {
                chosen = i;
                picked = true;
              }
              break;  // only the furthest break of this kind is a candidate
            }
            if (picked) break;
          }
          spans.push_back({start, boundaries_[chosen].end});
          start = boundaries_[chosen].next;
          continue;
        }
        // No space fits: cut the first word at a grapheme cluster boundary.
        const std::size_t word_end = first < chunk.last_boundary ? boundaries_[first].end : chunk.end;
        cuts_.clear();
        const std::string_view word = text_.substr(0, word_end);
        for (std::size_t at = unicode::next_grapheme_boundary(word, start); at < word_end;
             at = unicode::next_grapheme_boundary(word, at)) {
          if (!inside_protected(at)) cuts_.push_back(at);
        }
        const auto cut_at = [&](std::size_t i) { return cuts_[i]; };
        const std::size_t cut = furthest_fitting(0, cuts_.size(), cut_at, start, number, total);
        if (cut == cuts_.size()) {
          problem = describe_unfit(start, cuts_.empty() ? word_end : cuts_.front());
          return false;
        }
        spans.push_back({start, cuts_[cut]});
        start = cuts_[cut];
      }
    }
    return true;
  }

  std::string describe_unfit(std::size_t start, std::size_t end) const {
    std::string_view what = "the text";
    for (const Protected& p : protected_) {
      if (p.span.begin < end && p.span.end > start) {
        what = p.kind;
        start = p.span.begin;
        break;
      }
    }
    std::string out(what);
    out += " at byte ";
    append_number(out, start);
    out += " does not fit in one ";
    out += profile_.name;
    out += " post even alone (with its part number)";
    return out;
  }

  struct Chunk {
    std::size_t begin;
    std::size_t end;
    std::size_t first_boundary;  // index into boundaries_
    std::size_t last_boundary;   // one past the chunk's last boundary
  };

  std::string_view text_;
  const Profile& profile_;
  const CountOptions& options_;
  Counter& counter_;
  std::vector<const Profile*> profiles_;
  std::vector<Protected> protected_;
  std::vector<Chunk> chunks_;
  std::vector<Boundary> boundaries_;
  std::vector<std::size_t> cuts_;
  std::vector<bool> cluster_start_;  // by byte offset: a grapheme cluster starts here (or the text ends)
  bool has_break_ = false;
  std::string candidate_;
  CountResult scratch_;
};

}  // namespace

ThreadResult split_thread(std::string_view text, const Profile& profile, const CountOptions& options,
                          Counter& counter) {
  return Splitter(text, profile, options, counter).run();
}

}  // namespace somepost::test::plain
