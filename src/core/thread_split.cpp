#include "core/thread_split.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "core/extract.hpp"
#include "unicode/grapheme.hpp"

namespace somepost::core {
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

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr std::size_t kMargin = 1024;  // bytes: see Splitter::overflows_well_before

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
        if (!result.fits) {
          // Only whitespace (and manual breaks), over the limit: nothing to split it at.
          result.problem = "the text at byte 0 is only whitespace and does not fit in one ";
          result.problem += profile_.name;
          result.problem += " post";
        }
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
    protected_reach_.resize(protected_.size());
    std::size_t reach = 0;
    for (std::size_t i = 0; i < protected_.size(); ++i) {
      reach = std::max(reach, protected_[i].span.end);
      protected_reach_[i] = reach;
    }
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

  // True when cutting at `at` would cut through a URL, hashtag or mention: some span
  // begins before `at` and ends after it. The spans are sorted by their beginning, so
  // those that begin before `at` are a prefix of them, found by binary search, and the
  // furthest any of that prefix reaches is precomputed: O(log n) a query, where scanning
  // every span before `at` made a long text quadratic.
  bool inside_protected(std::size_t at) const noexcept {
    const auto after = std::partition_point(protected_.begin(), protected_.end(),
                                            [at](const Protected& p) { return p.span.begin < at; });
    const auto before = static_cast<std::size_t>(after - protected_.begin());
    return before > 0 && protected_reach_[before - 1] > at;
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

  // What a search for the end of a part found.
  struct Search {
    std::size_t index = kNone;    // the furthest index found to fit; kNone when none does
    std::size_t refused = kNone;  // the shortest position probed that did not fit (kNone: none)
    std::size_t overflow = kNone; // the least overflow offset (from start) of those probes
    bool conclusive = false;      // a probe showed that the rest of the chunk does not fit
  };

  // The last index from `first` on whose position fits, positions ascending and fitting
  // taken as monotone in the position: gallops from `first`, then bisects, so the cost
  // follows the part's size, not the length of the rest of the text. The probes are
  // exactly the plain splitter's (tests/unit/test_split_plain.cpp), in its order, so the
  // answer is the same even where a count is not monotone (a cut that leaves "x.yt"
  // counts it as a URL, 23 on X, while "x.ytu" is no URL): a search that started
  // elsewhere, say at an estimate of the part's end, would settle on another cut there.
  // `seq.has(i)` says whether index i exists and `seq.size()`, once `has` has said no,
  // how many there are, so the sequence may be found lazily.
  template <class Sequence>
  Search furthest_fitting(std::size_t first, Sequence& seq, std::size_t start, std::size_t number,
                          std::size_t total) {
    Search found;
    const auto fits_at = [&](std::size_t i) {
      const std::size_t end = seq.position(i);
      const bool ok = fits(start, end, number, total);
      if (!ok) {
        found.refused = std::min(found.refused, end);
        const std::optional<std::size_t>& overflow = scratch_.platforms.front().overflow_at;
        if (overflow) found.overflow = std::min(found.overflow, *overflow);
        found.conclusive = found.conclusive || overflows_well_before(end - start);
      }
      return ok;
    };
    if (!seq.has(first) || !fits_at(first)) return found;
    std::size_t good = first;  // fits
    std::size_t step = 1;
    std::size_t bad = kNone;   // first known not to fit (or the end)
    while (seq.has(good + step)) {
      if (!fits_at(good + step)) {
        bad = good + step;
        break;
      }
      good += step;
      step *= 2;
    }
    if (bad == kNone) bad = seq.size();
    while (bad - good > 1) {
      const std::size_t mid = good + (bad - good) / 2;
      if (fits_at(mid)) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    found.index = good;
    return found;
  }

  // After a count that did not fit (scratch_: `length` bytes of text and the label),
  // whether it shows that any longer text from the same start does not fit either: the
  // first cluster past the limit lies kMargin bytes or more before the end. A count is not
  // monotone in where the text is cut, because a cut can change what the recognizers
  // make of the text's end ("e.co" is a URL, 23 on X, but "e.comt)." is 8 characters; a
  // Mastodon URL in a run without spaces reaches the cut and leaves out a last "#" or
  // "@"). But whether a URL, mention or hashtag is one at all is settled by its first
  // bytes (scheme and domain: at most 253 characters, 1,012 bytes), so a cut kMargin
  // bytes or more after the overflow point changes only what counts after it.
  // A count within the length and byte limits that does not fit broke an error cap or
  // holds a character X rejects: a cut adds at most one hashtag or link at the end, so a
  // cap exceeded by two or more stays exceeded, and the character stays.
  bool overflows_well_before(std::size_t length) const noexcept {
    const PlatformCount& count = scratch_.platforms.front();
    if (count.overflow_at) return *count.overflow_at + kMargin <= length;
    if (count.fits) return false;
    const auto broken = [](const std::optional<Cap>& cap, std::size_t n) {
      return cap && cap->severity == Severity::error && n > cap->max;
    };
    const bool hashtags = broken(profile_.max_hashtags, count.hashtags);
    const bool links = broken(profile_.max_links, count.links);
    if (!hashtags && !links) return true;  // X's invalid characters
    return broken(profile_.max_hashtags, count.hashtags > 0 ? count.hashtags - 1 : 0) ||
           broken(profile_.max_links, count.links > 0 ? count.links - 1 : 0);
  }

  // Whether the rest of the chunk, [start, end), fits as the last part, given what the
  // search for this part found. The plain splitter counts the rest first, for every part:
  // as long as the rest, so quadratic over a long text. Here the rest is not counted when
  // a probe already showed that it does not fit (overflows_well_before); otherwise a
  // window reaching kMargin and half a part past where the probes overflowed is counted,
  // doubling while it shows nothing, up to the whole rest. A part that is not the last
  // costs a window of about its own length plus kMargin; only the last parts of a chunk
  // count the rest itself, so the total stays linear.
  bool rest_fits(std::size_t start, std::size_t end, const Search& found, std::size_t number, std::size_t total) {
    if (found.conclusive) return false;
    std::size_t window = found.refused == kNone    ? end - start
                         : found.overflow != kNone ? found.overflow + kMargin + (found.refused - start) / 2
                                                   : 2 * (found.refused - start) + kMargin;
    while (window < end - start) {
      std::size_t stop = start + window;
      while (!cluster_start_[stop]) ++stop;  // cluster_start_[end] holds, and end > stop
      if (!fits(start, stop, number, total) && overflows_well_before(stop - start)) return false;
      window *= 2;
    }
    return fits(start, end, number, total);
  }

  // The breaks of a chunk from `first` on, as a sequence for furthest_fitting.
  struct BoundarySequence {
    const std::vector<Boundary>& boundaries;
    std::size_t last;  // one past the chunk's last boundary
    bool has(std::size_t i) const noexcept { return i < last; }
    std::size_t size() const noexcept { return last; }
    std::size_t position(std::size_t i) const noexcept { return boundaries[i].end; }
  };

  // The places where a word that fills a part alone may be cut: the grapheme cluster
  // boundaries strictly inside [start, word_end) that are not inside a URL, hashtag or
  // mention. Found lazily, only as far as the search looks, and kept for the next part
  // when it starts at one of them in the same word: each place is found once, however
  // many parts a long word makes (finding them all again for every part made a text
  // without spaces quadratic). The places follow from the word alone (each boundary is
  // next_grapheme_boundary of the one before), so the ones found from an earlier start
  // are exactly those a fresh start would find.
  class Cuts {
   public:
    explicit Cuts(const Splitter& splitter) : splitter_(splitter) {}

    // Makes index 0 the first place after `start` in the word that ends at `word_end`.
    void restart(std::size_t start, std::size_t word_end) {
      const bool same_word =
          word_end == word_end_ && (start == origin_ || std::binary_search(places_.begin() + static_cast<std::ptrdiff_t>(head_),
                                                                           places_.end(), start));
      if (same_word) {
        head_ = static_cast<std::size_t>(std::upper_bound(places_.begin() + static_cast<std::ptrdiff_t>(head_),
                                                          places_.end(), start) -
                                         places_.begin());
        if (head_ > 4096 && head_ * 2 > places_.size()) {  // drop the consumed front now and then
          places_.erase(places_.begin(), places_.begin() + static_cast<std::ptrdiff_t>(head_));
          head_ = 0;
        }
      } else {
        places_.clear();
        head_ = 0;
        frontier_ = start;
        done_ = false;
        word_end_ = word_end;
      }
      origin_ = start;
    }

    bool has(std::size_t i) {
      const std::string_view word = splitter_.text_.substr(0, word_end_);
      while (places_.size() - head_ <= i && !done_) {
        frontier_ = unicode::next_grapheme_boundary(word, frontier_);
        if (frontier_ >= word_end_) {
          done_ = true;
        } else if (!splitter_.inside_protected(frontier_)) {
          places_.push_back(frontier_);
        }
      }
      return i < places_.size() - head_;
    }
    std::size_t size() const noexcept { return places_.size() - head_; }
    std::size_t position(std::size_t i) const noexcept { return places_[head_ + i]; }

   private:
    const Splitter& splitter_;
    std::vector<std::size_t> places_;  // ascending; those before head_ belong to earlier parts
    std::size_t head_ = 0;
    std::size_t origin_ = kNone;       // the start the places are counted from
    std::size_t word_end_ = kNone;
    std::size_t frontier_ = 0;         // the last cluster boundary looked at
    bool done_ = false;                // frontier_ reached word_end_
  };

  // Packs the chunks into part spans, numbering against `total`. False (with `problem`)
  // when something cannot fit even alone. Makes the plain splitter's decisions
  // (tests/unit/test_split_plain.cpp) with the same probes, but looks at the rest of the
  // chunk last (rest_fits), finds the places to cut a long word once (Cuts) and asks
  // inside_protected in O(log n): each part then costs about log2(its positions) counts
  // of its own length, so a text costs O(n log n), not O(n^2).
  bool pack(std::size_t total, std::vector<Span>& spans, std::string& problem) {
    spans.clear();
    for (const Chunk& chunk : chunks_) {
      std::size_t start = chunk.begin;
      std::size_t first = chunk.first_boundary;
      while (true) {
        const std::size_t number = spans.size() + 1;
        while (first < chunk.last_boundary && boundaries_[first].end <= start) ++first;
        if (first < chunk.last_boundary) {
          BoundarySequence breaks{boundaries_, chunk.last_boundary};
          const Search found = furthest_fitting(first, breaks, start, number, total);
          if (rest_fits(start, chunk.end, found, number, total)) {
            spans.push_back({start, chunk.end});
            break;
          }
          if (found.index != kNone) {
            const std::size_t chosen = strongest_break(first, found.index, start);
            spans.push_back({start, boundaries_[chosen].end});
            start = boundaries_[chosen].next;
            continue;
          }
        }
        // No space fits: cut the first word at a grapheme cluster boundary.
        const std::size_t word_end = first < chunk.last_boundary ? boundaries_[first].end : chunk.end;
        cuts_.restart(start, word_end);
        const Search cut = furthest_fitting(0, cuts_, start, number, total);
        if (first >= chunk.last_boundary && rest_fits(start, chunk.end, cut, number, total)) {
          spans.push_back({start, chunk.end});  // the chunk's last word fits whole
          break;
        }
        if (cut.index == kNone) {
          problem = describe_unfit(start, cuts_.has(0) ? cuts_.position(0) : word_end);
          return false;
        }
        spans.push_back({start, cuts_.position(cut.index)});
        start = cuts_.position(cut.index);
      }
    }
    return true;
  }

  // The break to end a part at, given that boundaries [first, found] fit: the strongest
  // kind of break that still fills half of what the furthest fills.
  std::size_t strongest_break(std::size_t first, std::size_t found, std::size_t start) const noexcept {
    const std::size_t best = boundaries_[found].end - start;
    for (const Level level : {Level::paragraph, Level::sentence}) {
      for (std::size_t i = found + 1; i-- > first;) {
        if (boundaries_[i].level < level) continue;
        if ((boundaries_[i].end - start) * 2 >= best) return i;
        break;  // only the furthest break of this kind is a candidate
      }
    }
    return found;
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
  std::vector<Protected> protected_;          // sorted by span.begin
  std::vector<std::size_t> protected_reach_;  // [i]: the furthest end of protected_[0..i]
  std::vector<Chunk> chunks_;
  std::vector<Boundary> boundaries_;
  Cuts cuts_{*this};
  std::vector<bool> cluster_start_;  // by byte offset: a grapheme cluster starts here (or the text ends)
  bool has_break_ = false;
  std::string candidate_;
  CountResult scratch_;
};

}  // namespace

bool is_thread_break(std::string_view line) noexcept {
  std::size_t b = 0;
  std::size_t e = line.size();
  while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
  while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r')) --e;
  return line.substr(b, e - b) == "---";
}

ThreadResult split_thread(std::string_view text, const Profile& profile, const CountOptions& options,
                          Counter& counter) {
  return Splitter(text, profile, options, counter).run();
}

}  // namespace somepost::core
