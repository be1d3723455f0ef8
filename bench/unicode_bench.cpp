// Benchmarks of the Unicode core (grapheme clusters, NFC, UTF-8 validation) against ICU and
// utf8proc, on the corpora that bench/make_corpora.py writes. bench/run builds, generates the
// corpora, runs this and summarizes; docs/performance.md has the figures and the method.
//
//   SOMEPOST_BENCH_CORPORA=DIR somepost_bench [--benchmark_filter=REGEX] [...]
//
// DIR (default ./bench-corpora) holds ascii.txt, finnish.txt, finnish_nfd.txt, mixed.txt.
// Benchmark names are GROUP/IMPLEMENTATION/CORPUS; every benchmark reports the UTF-8 input
// bytes it consumed per iteration, so bytes_per_second is comparable across implementations.
//
// Before the benchmarks run, a sanity check compares somepost's grapheme boundaries with
// ICU's and utf8proc's, and somepost's NFC with ICU's, on each corpus; disagreements are
// printed to stderr with examples (somepost uses Unicode 17 data, ICU 72 and utf8proc 2.8
// Unicode 15.0, so some differences, e.g. GB9c Indic conjuncts, are expected). Set
// SOMEPOST_BENCH_NO_CHECK=1 to skip it, SOMEPOST_BENCH_CHECK_VERBOSE=1 to list every kind
// of difference instead of the 8 most frequent.

#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unicode/generated/version.hpp"
#include "unicode/grapheme.hpp"
#include "unicode/normalization.hpp"
#include "unicode/utf8.hpp"

namespace {

namespace su = somepost::unicode;

struct Corpus {
  std::string name;  // file name without .txt
  std::string text;
};

std::vector<Corpus> g_corpora;

const Corpus* find_corpus(std::string_view name) {
  for (const Corpus& c : g_corpora)
    if (c.name == name) return &c;
  return nullptr;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

void set_bytes(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(c.text.size()));
}

// ------------------------------------------------------------------------------------------
// The implementations, each as a plain function so the benchmarks and the sanity check use
// the same code.

std::size_t somepost_iterator_count(std::string_view text) {
  su::GraphemeIterator it(text);
  std::size_t n = 0;
  for (std::string_view cluster; it.next(cluster);) ++n;
  return n;
}

struct IcuCharBreak {
  std::unique_ptr<icu::BreakIterator> bi;
  IcuCharBreak() {
    UErrorCode status = U_ZERO_ERROR;
    bi.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !bi) {
      std::fprintf(stderr, "ICU createCharacterInstance failed: %s\n", u_errorName(status));
      std::exit(1);
    }
  }
};

// ICU over UTF-8 directly: a UText from utext_openUTF8 (native indexes are byte offsets).
struct IcuUtf8Text {
  UText* ut = nullptr;
  explicit IcuUtf8Text(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    ut = utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &status);
    if (U_FAILURE(status)) {
      std::fprintf(stderr, "utext_openUTF8 failed: %s\n", u_errorName(status));
      std::exit(1);
    }
  }
  ~IcuUtf8Text() { utext_close(ut); }
  IcuUtf8Text(const IcuUtf8Text&) = delete;
  IcuUtf8Text& operator=(const IcuUtf8Text&) = delete;
};

std::size_t icu_count(icu::BreakIterator& bi) {
  std::size_t n = 0;
  bi.first();
  while (bi.next() != icu::BreakIterator::DONE) ++n;
  return n;
}

std::size_t icu_utf8_count(icu::BreakIterator& bi, UText* ut) {
  UErrorCode status = U_ZERO_ERROR;
  bi.setText(ut, status);
  return icu_count(bi);
}

// utf8proc: decode with utf8proc_iterate, break with utf8proc_grapheme_break_stateful.
template <class OnBreak>
void utf8proc_walk(std::string_view text, OnBreak&& on_break) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  if (left == 0) return;
  utf8proc_int32_t prev = 0;
  utf8proc_ssize_t n = utf8proc_iterate(p, left, &prev);
  if (n < 0) prev = 0xFFFD, n = 1;
  p += n, left -= n;
  utf8proc_int32_t state = 0;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    n = utf8proc_iterate(p, left, &cp);
    if (n < 0) cp = 0xFFFD, n = 1;
    if (utf8proc_grapheme_break_stateful(prev, cp, &state)) on_break(text.size() - static_cast<std::size_t>(left));
    prev = cp;
    p += n, left -= n;
  }
  on_break(text.size());
}

std::size_t utf8proc_count(std::string_view text) {
  std::size_t n = 0;
  utf8proc_walk(text, [&n](std::size_t) { ++n; });
  return n;
}

// A loose floor for grapheme counting: counts code points (bytes that are not 10xxxxxx).
std::size_t count_code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char b : text) n += (b & 0xC0) != 0x80;
  return n;
}

void icu_nfc_utf8(const icu::Normalizer2& nfc, std::string_view text, std::string& out) {
  out.clear();
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, nullptr, status);
  if (U_FAILURE(status)) std::fprintf(stderr, "ICU normalizeUTF8 failed: %s\n", u_errorName(status));
}

// A plain byte-at-a-time strict validator (the "obvious loop" baseline).
bool naive_validate(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* e = p + text.size();
  while (p < e) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    char32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 2, cp = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07, min = 0x10000;
    else return false;
    if (e - p < n + 1) return false;
    for (int i = 1; i <= n; ++i) {
      const unsigned b = p[i];
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

bool utf8proc_validate(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n < 0) return false;
    p += n, left -= n;
  }
  return true;
}

// The memory-bandwidth floor: OR of every byte, 8 at a time (a pure ASCII check).
bool or_scan_is_ascii(std::string_view text) {
  std::uint64_t acc = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    acc |= w;
  }
  for (; i < text.size(); ++i) acc |= static_cast<unsigned char>(text[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}

// ------------------------------------------------------------------------------------------
// Sanity check

std::vector<std::size_t> somepost_boundaries(std::string_view text) {
  std::vector<std::size_t> v;
  su::GraphemeIterator it(text);
  for (std::string_view cluster; it.next(cluster);) v.push_back(it.position());
  return v;
}

std::vector<std::size_t> icu_boundaries(std::string_view text) {
  IcuCharBreak b;
  IcuUtf8Text t(text);
  UErrorCode status = U_ZERO_ERROR;
  b.bi->setText(t.ut, status);
  std::vector<std::size_t> v;
  b.bi->first();
  for (std::int32_t p; (p = b.bi->next()) != icu::BreakIterator::DONE;) v.push_back(static_cast<std::size_t>(p));
  return v;
}

std::vector<std::size_t> utf8proc_boundaries(std::string_view text) {
  std::vector<std::size_t> v;
  utf8proc_walk(text, [&v](std::size_t b) { v.push_back(b); });
  return v;
}

std::size_t prev_cp_start(std::string_view t, std::size_t i) {
  if (i == 0) return 0;
  --i;
  while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
  return i;
}

char32_t cp_at(std::string_view t, std::size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  return su::decode_lenient(p + i, p + t.size()).code_point;
}

std::string cp_name(char32_t cp) {
  char buf[128];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, buf, sizeof buf, &status);
  char hex[16];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
  return U_SUCCESS(status) && n > 0 ? std::string(hex) + " " + std::string(buf, static_cast<std::size_t>(n)) : hex;
}

// The code points around byte offset `at`, with ÷ wherever `bounds` has a boundary.
std::string render(std::string_view t, std::size_t at, const std::vector<std::size_t>& bounds) {
  std::size_t from = at;
  for (int i = 0; i < 6 && from > 0; ++i) from = prev_cp_start(t, from);
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  std::size_t i = from;
  for (int k = 0; k < 12 && i < t.size(); ++k) {
    if (std::binary_search(bounds.begin(), bounds.end(), i)) out += "÷ ";
    const su::Decoded d = su::decode_lenient(p + i, p + t.size());
    char hex[16];
    std::snprintf(hex, sizeof hex, "%04X ", static_cast<unsigned>(d.code_point));
    out += hex;
    i += d.length;
  }
  return out;
}

// Compares somepost's boundaries with another implementation's and prints the differences.
void compare_boundaries(const Corpus& c, const char* other_name, const std::vector<std::size_t>& ours,
                        const std::vector<std::size_t>& theirs) {
  std::vector<std::size_t> only_ours, only_theirs;
  std::set_difference(ours.begin(), ours.end(), theirs.begin(), theirs.end(), std::back_inserter(only_ours));
  std::set_difference(theirs.begin(), theirs.end(), ours.begin(), ours.end(), std::back_inserter(only_theirs));
  if (only_ours.empty() && only_theirs.empty()) {
    std::fprintf(stderr, "sanity: %-11s somepost == %-8s %zu clusters, identical boundaries\n", c.name.c_str(),
                 other_name, ours.size());
    return;
  }
  std::fprintf(stderr,
               "WARNING: %s: somepost counts %zu grapheme clusters, %s %zu (%+.4f%%): %zu boundaries only in "
               "somepost, %zu only in %s\n",
               c.name.c_str(), ours.size(), other_name, theirs.size(),
               theirs.empty() ? 0.0 : 100.0 * (double(ours.size()) - double(theirs.size())) / double(theirs.size()),
               only_ours.size(), only_theirs.size(), other_name);
  // Tally the differences by the pair of code points around the boundary.
  std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> tally;  // -> count, example
  auto add = [&](const std::vector<std::size_t>& v, const char* who) {
    for (std::size_t b : v) {
      if (b == 0 || b >= c.text.size()) continue;
      auto key = std::make_pair(std::string(who) + " breaks " + cp_name(cp_at(c.text, prev_cp_start(c.text, b))),
                                cp_name(cp_at(c.text, b)));
      auto [it, fresh] = tally.try_emplace(key, 0, b);
      ++it->second.first;
    }
  };
  add(only_ours, "somepost");
  add(only_theirs, other_name);
  std::vector<std::pair<std::size_t, const decltype(tally)::value_type*>> top;
  for (const auto& e : tally) top.emplace_back(e.second.first, &e);
  std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const char* verbose_env = std::getenv("SOMEPOST_BENCH_CHECK_VERBOSE");
  const std::size_t shown = verbose_env && *verbose_env && *verbose_env != '0' ? top.size() : 8;
  for (std::size_t i = 0; i < top.size() && i < shown; ++i) {
    const auto& [key, val] = *top[i].second;
    std::fprintf(stderr, "  %7zu x  %s | %s\n", val.first, key.first.c_str(), key.second.c_str());
    std::fprintf(stderr, "             e.g. at byte %zu:\n               somepost: %s\n               %-8s: %s\n",
                 val.second, render(c.text, val.second, ours).c_str(), other_name,
                 render(c.text, val.second, theirs).c_str());
  }
  if (top.size() > shown)
    std::fprintf(stderr, "  ... and %zu more kinds (SOMEPOST_BENCH_CHECK_VERBOSE=1 lists them all)\n",
                 top.size() - shown);
}

void sanity_check() {
  std::fprintf(stderr, "sanity: somepost Unicode %s, ICU %s (Unicode %s), utf8proc %s (Unicode %s)\n",
               su::tables::kUnicodeVersion, U_ICU_VERSION, U_UNICODE_VERSION, utf8proc_version(),
               utf8proc_unicode_version());
  for (const Corpus& c : g_corpora) {
    if (auto err = su::validate_utf8(c.text))
      std::fprintf(stderr, "WARNING: %s: validate_utf8 reports %s at byte %zu (the corpus is valid UTF-8)\n",
                   c.name.c_str(), std::string(su::describe(err->kind)).c_str(), err->offset);
    if (!naive_validate(c.text)) std::fprintf(stderr, "WARNING: %s: naive_validate rejects it\n", c.name.c_str());

    const std::vector<std::size_t> ours = somepost_boundaries(c.text);
    const std::size_t fast = su::count_graphemes(c.text);
    if (fast != ours.size())
      std::fprintf(stderr, "WARNING: %s: count_graphemes = %zu but GraphemeIterator yields %zu clusters\n",
                   c.name.c_str(), fast, ours.size());
    compare_boundaries(c, "ICU", ours, icu_boundaries(c.text));
    compare_boundaries(c, "utf8proc", ours, utf8proc_boundaries(c.text));
  }

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string storage, icu_out;
  for (const Corpus& c : g_corpora) {
    if (c.name == "ascii") continue;
    const std::string_view ours = su::to_nfc(c.text, storage);
    icu_nfc_utf8(*nfc, c.text, icu_out);
    const bool quick = su::is_nfc_quick(c.text);
    const bool fast_path = ours.data() == c.text.data();
    if (ours != icu_out) {
      std::size_t i = 0;
      while (i < ours.size() && i < icu_out.size() && ours[i] == icu_out[i]) ++i;
      std::fprintf(stderr, "WARNING: %s: to_nfc differs from ICU NFC (sizes %zu vs %zu), first at output byte %zu\n",
                   c.name.c_str(), ours.size(), icu_out.size(), i);
    } else {
      std::fprintf(stderr, "sanity: %-11s to_nfc == ICU NFC (%zu -> %zu bytes; is_nfc_quick %s; %s)\n",
                   c.name.c_str(), c.text.size(), ours.size(), quick ? "yes" : "no/maybe",
                   fast_path ? "fast path, no copy" : "normalized into storage");
    }
    if (c.name == "finnish" && !fast_path)
      std::fprintf(stderr, "WARNING: finnish: to_nfc did not take the fast path on NFC text\n");
    if (c.name == "finnish_nfd")
      if (const Corpus* f = find_corpus("finnish"); f && ours != f->text)
        std::fprintf(stderr, "WARNING: finnish_nfd: to_nfc(finnish_nfd) != finnish\n");
  }
}

// ------------------------------------------------------------------------------------------
// Benchmarks

void bm_somepost_count(benchmark::State& state, const Corpus& c) {
  std::size_t n = 0;
  for (auto _ : state) {
    n = su::count_graphemes(c.text);
    benchmark::DoNotOptimize(n);
  }
  set_bytes(state, c);
  state.counters["clusters"] = static_cast<double>(n);
}

void bm_somepost_iterator(benchmark::State& state, const Corpus& c) {
  std::size_t n = 0;
  for (auto _ : state) {
    n = somepost_iterator_count(c.text);
    benchmark::DoNotOptimize(n);
  }
  set_bytes(state, c);
  state.counters["clusters"] = static_cast<double>(n);
}

void bm_icu_utf8(benchmark::State& state, const Corpus& c) {
  IcuCharBreak b;
  IcuUtf8Text t(c.text);
  std::size_t n = 0;
  for (auto _ : state) {
    n = icu_utf8_count(*b.bi, t.ut);
    benchmark::DoNotOptimize(n);
  }
  set_bytes(state, c);
  state.counters["clusters"] = static_cast<double>(n);
}

// ICU on its native UTF-16: the text is converted once, outside the timed loop. Bytes are
// still counted as the UTF-8 input size so the rate compares with the others.
void bm_icu_utf16(benchmark::State& state, const Corpus& c) {
  IcuCharBreak b;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(c.text.data(), int32_t(c.text.size())));
  b.bi->setText(u);
  std::size_t n = 0;
  for (auto _ : state) {
    n = icu_count(*b.bi);
    benchmark::DoNotOptimize(n);
  }
  set_bytes(state, c);
  state.counters["clusters"] = static_cast<double>(n);
}

void bm_utf8proc(benchmark::State& state, const Corpus& c) {
  std::size_t n = 0;
  for (auto _ : state) {
    n = utf8proc_count(c.text);
    benchmark::DoNotOptimize(n);
  }
  set_bytes(state, c);
  state.counters["clusters"] = static_cast<double>(n);
}

void bm_code_points(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(count_code_points(c.text));
  set_bytes(state, c);
}

void bm_somepost_nfc(benchmark::State& state, const Corpus& c) {
  std::string storage;  // reused across iterations, as a caller in a loop would
  for (auto _ : state) {
    const std::string_view out = su::to_nfc(c.text, storage);
    benchmark::DoNotOptimize(out.data());
    benchmark::DoNotOptimize(out.size());
  }
  set_bytes(state, c);
}

void bm_icu_nfc_utf8(benchmark::State& state, const Corpus& c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  for (auto _ : state) {
    icu_nfc_utf8(*nfc, c.text, out);
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, c);
}

void bm_icu_nfc_utf16(benchmark::State& state, const Corpus& c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(c.text.data(), int32_t(c.text.size())));
  icu::UnicodeString out;
  for (auto _ : state) {
    nfc->normalize(u, out, status);
    benchmark::DoNotOptimize(out.getBuffer());
  }
  set_bytes(state, c);
}

void bm_utf8proc_nfc(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) {
    utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(c.text.c_str()));
    benchmark::DoNotOptimize(out);
    std::free(out);
  }
  set_bytes(state, c);
}

void bm_somepost_is_nfc_quick(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(su::is_nfc_quick(c.text));
  set_bytes(state, c);
}

void bm_icu_is_normalized_utf8(benchmark::State& state, const Corpus& c) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  for (auto _ : state)
    benchmark::DoNotOptimize(nfc->isNormalizedUTF8(icu::StringPiece(c.text.data(), int32_t(c.text.size())), status));
  set_bytes(state, c);
}

void bm_somepost_validate(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(su::validate_utf8(c.text));
  set_bytes(state, c);
}

void bm_naive_validate(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(naive_validate(c.text));
  set_bytes(state, c);
}

void bm_utf8proc_validate(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(utf8proc_validate(c.text));
  set_bytes(state, c);
}

void bm_or_scan(benchmark::State& state, const Corpus& c) {
  for (auto _ : state) benchmark::DoNotOptimize(or_scan_is_ascii(c.text));
  set_bytes(state, c);
}

using BenchFn = void (*)(benchmark::State&, const Corpus&);

void add(const char* group, const char* impl, BenchFn fn, const Corpus& c) {
  const std::string name = std::string(group) + "/" + impl + "/" + c.name;
  benchmark::RegisterBenchmark(name.c_str(), [fn, &c](benchmark::State& st) { fn(st, c); })
      ->Unit(benchmark::kMillisecond);
}

void register_all() {
  for (const Corpus& c : g_corpora) {
    add("graphemes", "somepost_count", bm_somepost_count, c);
    add("graphemes", "somepost_iterator", bm_somepost_iterator, c);
    add("graphemes", "icu_utext_utf8", bm_icu_utf8, c);
    add("graphemes", "icu_utf16", bm_icu_utf16, c);
    add("graphemes", "utf8proc", bm_utf8proc, c);
    add("graphemes", "baseline_code_points", bm_code_points, c);
  }
  for (const Corpus& c : g_corpora) {
    if (c.name == "ascii") continue;
    add("nfc", "somepost_to_nfc", bm_somepost_nfc, c);
    add("nfc", "icu_normalizeUTF8", bm_icu_nfc_utf8, c);
    add("nfc", "icu_utf16", bm_icu_nfc_utf16, c);
    add("nfc", "utf8proc_NFC", bm_utf8proc_nfc, c);
  }
  // The checks stop at the first character that is not NFC, so they are only measured on
  // the corpora that are NFC throughout.
  for (const Corpus& c : g_corpora) {
    if (c.name != "ascii" && c.name != "finnish") continue;
    add("nfc_check", "somepost_is_nfc_quick", bm_somepost_is_nfc_quick, c);
    add("nfc_check", "icu_isNormalizedUTF8", bm_icu_is_normalized_utf8, c);
  }
  for (const Corpus& c : g_corpora) {
    add("validate", "somepost_validate_utf8", bm_somepost_validate, c);
    add("validate", "baseline_naive_loop", bm_naive_validate, c);
    add("validate", "utf8proc_iterate", bm_utf8proc_validate, c);
    add("validate", "baseline_or_scan", bm_or_scan, c);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  const char* env = std::getenv("SOMEPOST_BENCH_CORPORA");
  const std::string dir = env && *env ? env : "bench-corpora";
  for (const char* name : {"ascii", "finnish", "finnish_nfd", "mixed"}) {
    Corpus c{name, {}};
    const std::string path = dir + "/" + name + ".txt";
    if (!read_file(path, c.text)) {
      std::fprintf(stderr,
                   "somepost_bench: cannot read %s\n"
                   "Generate the corpora with `python3 bench/make_corpora.py %s` (bench/run does it) or set "
                   "SOMEPOST_BENCH_CORPORA to their folder.\n",
                   path.c_str(), dir.c_str());
      return 2;
    }
    g_corpora.push_back(std::move(c));
  }

  const char* no_check = std::getenv("SOMEPOST_BENCH_NO_CHECK");
  if (!(no_check && *no_check && std::string_view(no_check) != "0")) sanity_check();

  benchmark::AddCustomContext("somepost_unicode", su::tables::kUnicodeVersion);
  benchmark::AddCustomContext("icu", std::string(U_ICU_VERSION) + " (Unicode " U_UNICODE_VERSION ")");
  benchmark::AddCustomContext("utf8proc", std::string(utf8proc_version()) + " (Unicode " +
                                              utf8proc_unicode_version() + ")");
  for (const Corpus& c : g_corpora)
    benchmark::AddCustomContext("corpus_" + c.name + "_bytes", std::to_string(c.text.size()));

  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
