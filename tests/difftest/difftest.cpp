// The differential test (issue 10, docs/testing.md): generated texts through the optimised
// code in src/ and through the plain reference in tests/reference/, every field of every
// result compared, on all 7 built-in profiles and on copies of them with small limits
// (so that overflow offsets, byte limits and thread splitting are reached often).
//
//   somepost_difftest [--count N] [--seed S] [--threads T] [--first I] [--emit-x DIR]
//
// Stops at the first difference and prints it with the text as a JSON string, the seed
// and the index that reproduce it; exit 1. Exit 0 when every text agrees; 2 on bad usage.
// --emit-x DIR writes DIR/texts.jsonl (each text as a JSON string) and DIR/x_lengths.txt
// (the reference's X length of each) for tests/xcheck, which runs them through
// twitter-text itself.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/extract.hpp"
#include "core/platforms.hpp"
#include "core/thread_split.hpp"
#include "reference.hpp"
#include "text_generator.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/normalization.hpp"
#include "unicode/utf8.hpp"

namespace {

namespace core = somepost::core;
namespace ref = somepost::reference;
namespace uc = somepost::unicode;
using somepost::difftest::GeneratedText;

std::string json_string(std::string_view s) { return nlohmann::json(std::string(s)).dump(-1, ' ', true); }

template <class T>
std::string show(const T& v) {
  std::ostringstream out;
  out << v;
  return out.str();
}
std::string show(const std::optional<std::size_t>& v) { return v ? std::to_string(*v) : "none"; }
std::string show(const std::vector<std::string>& v) {
  std::string out = "[";
  for (const auto& s : v) out += (out.size() > 1 ? ", " : "") + json_string(s);
  return out + "]";
}

/// A difference: what differs and both values.
struct Difference {
  std::string what;
  std::string optimised;
  std::string reference;
};

class Checker {
 public:
  std::optional<Difference> found;
  template <class T>
  void same(const std::string& what, const T& optimised, const T& reference) {
    if (!found && !(optimised == reference)) found = Difference{what, show(optimised), show(reference)};
  }
};

// The 7 built-in profiles, then a copy of each with the text's small limit (and Bluesky's
// byte limit at 4 bytes per grapheme of it).
std::vector<core::Profile> profiles_for(std::size_t small_limit) {
  std::vector<core::Profile> all = core::builtin_profiles();
  const std::size_t n = all.size();
  for (std::size_t i = 0; i < n; ++i) {
    core::Profile p = all[i];
    p.id += "-small";
    p.limit = small_limit;
    if (p.byte_limit) p.byte_limit = small_limit * 4;
    all.push_back(std::move(p));
  }
  return all;
}

// The UTF-8 byte offset of each code point index of `t` (and of t.size()): the reference
// speaks code point indices, src/ bytes.
std::vector<std::size_t> byte_offsets(const std::u32string& t) {
  std::vector<std::size_t> out{0};
  for (const char32_t c : t) out.push_back(out.back() + (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4));
  return out;
}

// Reference URL spans in bytes, with X's resume point (UTF-16 arithmetic as parseTweet).
struct RefUrlBytes {
  core::Span span;
  bool has_scheme;
  std::size_t x_resume;
  bool x_resume_low_half;
};

std::vector<RefUrlBytes> reference_urls(const std::u32string& t, const std::vector<std::size_t>& offset,
                                        core::UrlRule rule) {
  std::vector<RefUrlBytes> out;
  for (const ref::Url& u : ref::urls(t, rule)) {
    RefUrlBytes b{{offset[u.begin], offset[u.end]}, u.has_scheme, 0, false};
    if (rule == core::UrlRule::twitter) {
      std::size_t units = 0;
      std::size_t i = u.begin;
      while (i < u.end && units + (t[i] > 0xFFFF ? 2 : 1) <= u.skip_utf16) units += t[i++] > 0xFFFF ? 2 : 1;
      b.x_resume = offset[i];
      b.x_resume_low_half = units < u.skip_utf16;  // the skip ends inside code point i
    } else {
      b.x_resume = b.span.end;
    }
    out.push_back(b);
  }
  return out;
}

void compare_extraction(const std::string& text, const std::u32string& t, Checker& check) {
  const std::vector<std::size_t> offset = byte_offsets(t);
  for (const core::UrlRule rule : {core::UrlRule::twitter, core::UrlRule::mastodon}) {
    std::vector<core::UrlMatch> mine;
    core::extract_urls(text, rule, mine);
    const std::vector<RefUrlBytes> theirs = reference_urls(t, offset, rule);
    const std::string name = rule == core::UrlRule::twitter ? "urls(twitter)" : "urls(mastodon)";
    check.same(name + ".size", mine.size(), theirs.size());
    for (std::size_t i = 0; i < std::min(mine.size(), theirs.size()); ++i) {
      const std::string at = name + "[" + std::to_string(i) + "]";
      check.same(at + ".begin", mine[i].span.begin, theirs[i].span.begin);
      check.same(at + ".end", mine[i].span.end, theirs[i].span.end);
      check.same(at + ".has_scheme", mine[i].has_scheme, theirs[i].has_scheme);
      if (rule == core::UrlRule::twitter) {
        check.same(at + ".x_resume", mine[i].x_resume, theirs[i].x_resume);
        check.same(at + ".x_resume_low_half", mine[i].x_resume_low_half, theirs[i].x_resume_low_half);
      }
    }
  }
  for (const core::HashtagRule rule : {core::HashtagRule::x, core::HashtagRule::mastodon, core::HashtagRule::bluesky}) {
    std::vector<core::HashtagMatch> mine;
    core::extract_hashtags(text, rule, mine);
    const std::vector<ref::Hashtag> theirs = ref::hashtags(t, rule);
    const std::string name = "hashtags(" + std::to_string(static_cast<int>(rule)) + ")";
    check.same(name + ".size", mine.size(), theirs.size());
    for (std::size_t i = 0; i < std::min(mine.size(), theirs.size()); ++i) {
      check.same(name + "[" + std::to_string(i) + "].begin", mine[i].span.begin, offset[theirs[i].begin]);
      check.same(name + "[" + std::to_string(i) + "].end", mine[i].span.end, offset[theirs[i].end]);
    }
  }
  std::vector<core::MentionMatch> mine;
  core::extract_mentions(text, core::MentionRule::mastodon, mine);
  const std::vector<ref::Mention> theirs = ref::mastodon_mentions(t);
  check.same(std::string("mentions(mastodon).size"), mine.size(), theirs.size());
  for (std::size_t i = 0; i < std::min(mine.size(), theirs.size()); ++i) {
    const std::string at = "mentions(mastodon)[" + std::to_string(i) + "]";
    check.same(at + ".begin", mine[i].span.begin, offset[theirs[i].begin]);
    check.same(at + ".end", mine[i].span.end, offset[theirs[i].end]);
    check.same(at + ".username_end", mine[i].username.end, offset[theirs[i].username_end]);
    check.same(at + ".has_domain", mine[i].domain.size() > 0, theirs[i].has_domain);
  }
}

void compare_counts(const core::CountResult& mine, const core::CountResult& theirs, Checker& check) {
  check.same(std::string("stats.bytes"), mine.stats.bytes, theirs.stats.bytes);
  check.same(std::string("stats.code_points"), mine.stats.code_points, theirs.stats.code_points);
  check.same(std::string("stats.graphemes"), mine.stats.graphemes, theirs.stats.graphemes);
  check.same(std::string("platforms.size"), mine.platforms.size(), theirs.platforms.size());
  for (std::size_t i = 0; i < std::min(mine.platforms.size(), theirs.platforms.size()); ++i) {
    const core::PlatformCount& a = mine.platforms[i];
    const core::PlatformCount& b = theirs.platforms[i];
    const std::string p = a.profile->id + ".";
    check.same(p + "length", a.length, b.length);
    check.same(p + "limit", a.limit, b.limit);
    check.same(p + "remaining", a.remaining, b.remaining);
    check.same(p + "bytes", a.bytes, b.bytes);
    check.same(p + "byte_limit", a.byte_limit, b.byte_limit);
    check.same(p + "overflow_at", a.overflow_at, b.overflow_at);
    check.same(p + "hashtags", a.hashtags, b.hashtags);
    check.same(p + "links", a.links, b.links);
    check.same(p + "fits", a.fits, b.fits);
    check.same(p + "warnings", a.warnings, b.warnings);
  }
}

// White_Space (PropList.txt) or the '-' of a manual "---" break line.
bool droppable_at(const std::string& text, std::size_t at) {
  const char32_t cp = uc::decode_lenient(reinterpret_cast<const unsigned char*>(text.data()) + at,
                                         reinterpret_cast<const unsigned char*>(text.data()) + text.size())
                          .code_point;
  return cp == '-' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// Every part of a thread fits (by the reference), and the parts, less their " N/T"
// numbers, give the text back with only the whitespace (and manual break lines) between
// them dropped.
void check_thread(const std::string& text, const core::Profile& profile, const core::CountOptions& options,
                  core::Counter& counter, Checker& check) {
  const core::ThreadResult thread = core::split_thread(text, profile, options, counter);
  if (!thread.fits) return;  // a URL or tag that cannot fit alone: nothing to split
  const std::vector<const core::Profile*> one{&profile};
  const std::size_t total = thread.parts.size();
  std::size_t pos = 0;
  for (std::size_t i = 0; i < total; ++i) {
    const std::string& part = thread.parts[i].text;
    const core::CountResult counted = ref::count(part, one, options);
    check.same("thread(" + profile.id + ")[" + std::to_string(i) + "].fits", counted.platforms[0].fits, true);
    std::string_view body = part;
    if (total > 1) {
      const std::string number = " " + std::to_string(i + 1) + "/" + std::to_string(total);
      check.same("thread(" + profile.id + ")[" + std::to_string(i) + "].numbered",
                 body.size() >= number.size() && body.substr(body.size() - number.size()) == number, true);
      if (body.size() >= number.size()) body.remove_suffix(number.size());
    }
    // The part's body starts after what a break may drop: white space and "---" lines.
    std::size_t at = pos;
    while (text.compare(at, body.size(), body) != 0 && at < text.size() && droppable_at(text, at)) {
      at += uc::decode_lenient(reinterpret_cast<const unsigned char*>(text.data()) + at,
                               reinterpret_cast<const unsigned char*>(text.data()) + text.size())
                .length;
    }
    const bool rejoins = text.compare(at, body.size(), body) == 0;
    check.same("thread(" + profile.id + ")[" + std::to_string(i) + "].rejoins", rejoins, true);
    if (!rejoins) return;
    pos = at + body.size();
  }
  bool only_droppable = true;
  for (std::size_t at = pos; at < text.size() && only_droppable;) {
    only_droppable = droppable_at(text, at);
    at += uc::decode_lenient(reinterpret_cast<const unsigned char*>(text.data()) + at,
                             reinterpret_cast<const unsigned char*>(text.data()) + text.size())
              .length;
  }
  check.same("thread(" + profile.id + ").rest_is_space", only_droppable, true);
}

// --fit against the plain rule: drop tags in ascending priority (among equal priorities
// the later-listed first) until the post fits and the hashtag cap holds.
void check_fit(const std::string& body, std::uint64_t knob, const core::Profile& profile,
               const core::CountOptions& options, core::Counter& counter, Checker& check) {
  static const char* const kTags[] = {"#mielenterveys", "#aluevaalit2022", "#Äänestä", "#terapiatakuu",
                                      "#mielenterveysvaalit", "#日本", "#a", "#x_y", "#tag2022", "#ääni"};
  std::vector<core::ChosenTag> tags;
  const std::size_t n = knob % 6;
  for (std::size_t i = 0; i < n; ++i) {
    tags.push_back({kTags[(knob >> (4 * i + 3)) % 10], static_cast<int>((knob >> (4 * i + 5)) % 3), nullptr});
  }
  const std::string_view tmpl = "{body} {link}\n\n{hashtags}";
  const std::string_view link = (knob >> 40) % 2 ? "https://mieli.fi/mielenterveysvaalit" : "";
  const core::FitResult fitted = core::fit_post(tmpl, body, link, tags, profile, counter, options);

  // The reference: the drop order, then the first prefix of it that makes the post fit.
  std::vector<std::size_t> order(tags.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (tags[a].priority != tags[b].priority) return tags[a].priority < tags[b].priority;
    return a > b;
  });
  const std::vector<const core::Profile*> one{&profile};
  std::string expected;
  bool expected_fits = false;
  for (std::size_t dropped = 0; dropped <= tags.size(); ++dropped) {
    std::vector<bool> gone(tags.size(), false);
    for (std::size_t k = 0; k < dropped; ++k) gone[order[k]] = true;
    std::vector<core::ChosenTag> kept;
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (!gone[i]) kept.push_back(tags[i]);
    }
    expected = core::assemble_post(tmpl, body, link, kept);
    const core::PlatformCount c = ref::count(expected, one, options).platforms[0];
    const bool cap_ok = !profile.max_hashtags || c.hashtags <= profile.max_hashtags->max;
    if (c.fits && cap_ok) {
      expected_fits = true;
      break;
    }
  }
  check.same("fit(" + profile.id + ").text", fitted.text, expected);
  check.same("fit(" + profile.id + ").fits", fitted.fits, expected_fits);
}

/// Every comparison on one generated text; the first difference, if any.
std::optional<Difference> check_text(const GeneratedText& g, core::Counter& counter) {
  const std::vector<core::Profile> profiles = profiles_for(g.small_limit);
  std::vector<const core::Profile*> pointers;
  for (const core::Profile& p : profiles) pointers.push_back(&p);
  const core::CountOptions options{g.content_warning};
  Checker check;
  const std::u32string t = ref::decode(g.text);

  // The Unicode layer: clusters and NFC.
  std::vector<std::size_t> boundaries{0};
  for (std::size_t b = 0; b < g.text.size();) boundaries.push_back(b = uc::next_grapheme_boundary(g.text, b));
  std::vector<std::size_t> expected;
  const std::vector<std::size_t> offset = byte_offsets(t);
  for (const std::size_t b : ref::grapheme_boundaries(t)) expected.push_back(offset[b]);
  check.same(std::string("grapheme boundaries"), nlohmann::json(boundaries).dump(), nlohmann::json(expected).dump());
  const std::u32string t_nfc = ref::nfc(t);
  check.same(std::string("nfc"), json_string(uc::nfc(g.text)), json_string(ref::encode(t_nfc)));
  check.same(std::string("nfc(u32)"), json_string(ref::encode(uc::nfc(std::u32string_view(t)))),
             json_string(ref::encode(t_nfc)));
  if (uc::is_nfc_quick(g.text)) check.same(std::string("is_nfc_quick"), t_nfc == t, true);
  std::vector<std::size_t> iterated{0};
  uc::GraphemeIterator clusters(g.text);
  for (std::string_view cluster; clusters.next(cluster);) iterated.push_back(iterated.back() + cluster.size());
  check.same(std::string("GraphemeIterator"), nlohmann::json(iterated).dump(), nlohmann::json(expected).dump());
  const core::TextStats stats = core::text_stats(g.text);
  check.same(std::string("text_stats.code_points"), stats.code_points, t.size());
  check.same(std::string("text_stats.graphemes"), stats.graphemes, expected.size() - 1);

  compare_extraction(g.text, t, check);
  core::CountResult mine;
  counter.count(g.text, pointers, options, mine);
  compare_counts(mine, ref::count(g.text, pointers, options), check);

  // Threads and --fit on a sixteenth of the texts each, on a profile the knob picks.
  const core::Profile& picked = profiles[g.knob % profiles.size()];
  if ((g.knob >> 8) % 16 == 0 && picked.limit >= 12 && g.text.size() < 4000) {
    check_thread(g.text, picked, options, counter, check);
  }
  if ((g.knob >> 12) % 16 == 0) check_fit(g.text, g.knob >> 16, picked, options, counter, check);
  return check.found;
}

/// The field a difference is in, without its indices ("urls(twitter)[3].end" ->
/// "urls(twitter)[].end"), so that shrinking keeps to the same kind of difference.
std::string kind_of(const std::string& what) {
  std::string out;
  bool in_index = false;
  for (const char c : what) {
    if (c == '[') in_index = true;
    if (c == ']') in_index = false;
    if (!in_index || c == '[') out += c;
  }
  return out;
}

/// A smaller text that still shows the same kind of difference: code point runs of
/// halving length are cut out while the difference stays (delta debugging, bounded).
GeneratedText shrink(GeneratedText g, const std::string& kind, core::Counter& counter) {
  std::size_t tries = 0;
  for (std::size_t chunk = std::max<std::size_t>(1, g.text.size() / 2); tries < 4000;) {
    bool cut = false;
    for (std::size_t at = 0; at < g.text.size() && tries < 4000; ++tries) {
      // Cut [at, end) on code point boundaries.
      std::size_t end = std::min(g.text.size(), at + chunk);
      while (end < g.text.size() && (static_cast<unsigned char>(g.text[end]) & 0xC0) == 0x80) ++end;
      GeneratedText smaller = g;
      smaller.text.erase(at, end - at);
      const std::optional<Difference> d = check_text(smaller, counter);
      if (d && kind_of(d->what) == kind) {
        g = std::move(smaller);
        cut = true;
      } else {
        at = end;
      }
    }
    if (!cut) {
      if (chunk == 1) break;
      chunk /= 2;
    }
  }
  return g;
}

struct Failure {
  std::uint64_t index;
  GeneratedText text;
  Difference difference;
};

/// Runs texts from..to-1 of `seed`, stopping everyone at the first failure.
void run_range(std::uint64_t seed, std::uint64_t from, std::uint64_t to, std::atomic<bool>& stop,
               std::mutex& lock, std::optional<Failure>& failure, std::atomic<std::uint64_t>& done) {
  core::Counter counter;
  for (std::uint64_t i = from; i < to && !stop.load(std::memory_order_relaxed); ++i) {
    const GeneratedText g = somepost::difftest::generate_text(seed, i);
    if (const std::optional<Difference> d = check_text(g, counter)) {
      std::lock_guard<std::mutex> guard(lock);
      if (!failure || i < failure->index) failure = Failure{i, g, *d};
      stop = true;
    }
    done.fetch_add(1, std::memory_order_relaxed);
  }
}

int usage(const char* message) {
  std::fprintf(stderr, "somepost_difftest: error: %s\n", message);
  std::fprintf(stderr, "usage: somepost_difftest [--count N] [--seed S] [--threads T] [--first I] [--emit-x DIR]\n");
  return 2;
}

bool parse_number(std::string_view s, std::uint64_t& out) {
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), out);
  return error == std::errc() && end == s.data() + s.size();
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t count = 200000, seed = 1, threads = std::max(1u, std::thread::hardware_concurrency()), first = 0;
  std::string emit_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--emit-x" && has_value) {
      emit_dir = argv[++i];
    } else if ((arg == "--count" || arg == "--seed" || arg == "--threads" || arg == "--first") && has_value) {
      std::uint64_t v;
      if (!parse_number(argv[++i], v)) return usage("expected a whole number");
      (arg == "--count" ? count : arg == "--seed" ? seed : arg == "--threads" ? threads : first) = v;
    } else {
      return usage("unknown argument");
    }
  }
  if (threads == 0) return usage("--threads must be at least 1");

  if (!emit_dir.empty()) {
    std::ofstream texts(emit_dir + "/texts.jsonl", std::ios::binary);
    std::ofstream lengths(emit_dir + "/x_lengths.txt", std::ios::binary);
    if (!texts || !lengths) return usage("cannot write into the --emit-x folder");
    const core::Profile* x = core::find_profile(core::builtin_profiles(), "x");
    for (std::uint64_t i = first; i < first + count; ++i) {
      const GeneratedText g = somepost::difftest::generate_text(seed, i);
      texts << json_string(g.text) << '\n';
      lengths << ref::count(g.text, {x}, {}).platforms[0].length << '\n';
    }
    texts.flush();
    lengths.flush();
    if (!texts || !lengths) return usage("writing the --emit-x files failed");
    std::printf("difftest: wrote %llu texts of seed %llu to %s\n", static_cast<unsigned long long>(count),
                static_cast<unsigned long long>(seed), emit_dir.c_str());
    return 0;
  }

  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::mutex lock;
  std::optional<Failure> failure;
  std::vector<std::thread> workers;
  for (std::uint64_t k = 0; k < threads; ++k) {
    const std::uint64_t from = first + count * k / threads;
    const std::uint64_t to = first + count * (k + 1) / threads;
    workers.emplace_back(run_range, seed, from, to, std::ref(stop), std::ref(lock), std::ref(failure), std::ref(done));
  }
  for (std::thread& w : workers) w.join();

  if (failure) {
    std::printf("difftest: FAIL at seed %llu index %llu: %s\n", static_cast<unsigned long long>(seed),
                static_cast<unsigned long long>(failure->index), failure->difference.what.c_str());
    std::printf("  optimised: %s\n  reference: %s\n", failure->difference.optimised.c_str(),
                failure->difference.reference.c_str());
    std::printf("  text: %s\n", json_string(failure->text.text).c_str());
    if (!failure->text.content_warning.empty()) {
      std::printf("  content warning: %s\n", json_string(failure->text.content_warning).c_str());
    }
    std::printf("  small limit: %zu, knob: %llu\n", failure->text.small_limit,
                static_cast<unsigned long long>(failure->text.knob));
    core::Counter counter;
    const GeneratedText small = shrink(failure->text, kind_of(failure->difference.what), counter);
    if (const std::optional<Difference> d = check_text(small, counter)) {
      std::printf("  shrunk: %s (%s: optimised %s, reference %s)\n", json_string(small.text).c_str(),
                  d->what.c_str(), d->optimised.c_str(), d->reference.c_str());
      if (!small.content_warning.empty()) {
        std::printf("  shrunk content warning: %s\n", json_string(small.content_warning).c_str());
      }
    }
    std::printf("  reproduce: somepost_difftest --seed %llu --first %llu --count 1\n",
                static_cast<unsigned long long>(seed), static_cast<unsigned long long>(failure->index));
    std::printf("difftest: %llu passed, 1 failed\n", static_cast<unsigned long long>(done.load()));
    return 1;
  }
  std::printf("difftest: %llu/%llu texts agree (seed %llu, texts %llu..%llu, 14 profiles each)\n",
              static_cast<unsigned long long>(count), static_cast<unsigned long long>(count),
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(first),
              static_cast<unsigned long long>(first + count - 1));
  std::printf("%llu passed, 0 failed\n", static_cast<unsigned long long>(count));
  return 0;
}
