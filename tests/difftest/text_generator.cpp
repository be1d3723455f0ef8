// Texts for the differential test. Each text is a few "atoms" drawn with weights that
// favour what the official suites never reach: ASCII runs of every length 0–70 right
// before something interesting (the 8-byte fast paths), every grapheme break class,
// every emoji form and its mutations, URLs of both recognizers at their edges, mentions,
// hashtags in many scripts, NFC-sensitive sequences, whitespace, bidi controls and NUL.
#include "text_generator.hpp"

#include <array>
#include <initializer_list>
#include <iterator>
#include <string_view>
#include <vector>

#include "unicode/generated/emoji_tables.hpp"
#include "unicode/generated/grapheme_tables.hpp"
#include "unicode/utf8.hpp"

namespace somepost::difftest {
namespace {

namespace tables = somepost::unicode::tables;

// splitmix64: small, fast, and good enough to drive a test generator.
class Random {
 public:
  explicit Random(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n) (n > 0).
  std::size_t below(std::size_t n) noexcept { return static_cast<std::size_t>(next() % n); }
  /// Uniform in [lo, hi].
  std::size_t between(std::size_t lo, std::size_t hi) noexcept { return lo + below(hi - lo + 1); }
  bool chance(unsigned percent) noexcept { return below(100) < percent; }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) noexcept {
    return items[below(N)];
  }
  std::string_view pick(std::initializer_list<std::string_view> items) noexcept {
    return items.begin()[below(items.size())];
  }
  template <class T>
  const T& pick(const std::vector<T>& items) noexcept {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_;
};

void put(std::string& out, char32_t cp) { somepost::unicode::append_utf8(out, cp); }

// Code points by grapheme property, found once from the generated table (the data the
// optimised and the reference code both use; which pool a code point comes from only
// steers the generator).
struct Pools {
  std::vector<char32_t> by_gcb[14];  // Other, CR, LF, Control, Extend, ZWJ, RI, Prepend, SpacingMark, L, V, T, LV, LVT
  std::vector<char32_t> pictographic;
  std::vector<char32_t> incb_consonant, incb_linker, incb_extend;
  std::vector<char32_t> any;  // every scalar value, sampled sparsely
  Pools() {
    for (char32_t cp = 0; cp < 0x110000; ++cp) {
      if (cp >= 0xD800 && cp <= 0xDFFF) continue;
      const std::uint8_t p =
          tables::kGraphemeStage2[(static_cast<std::size_t>(tables::kGraphemeStage1[cp >> tables::kGraphemeShift])
                                   << tables::kGraphemeShift) |
                                  (cp & ((1u << tables::kGraphemeShift) - 1))];
      const unsigned gcb = p & 0x0F;
      const bool big_plain_block = gcb == 0 && (p & 0x70) == 0 && cp > 0x3000;
      if (gcb < 14 && (!big_plain_block || cp % 97 == 0)) by_gcb[gcb].push_back(cp);
      if (p & 0x10) pictographic.push_back(cp);
      switch ((p >> 5) & 3) {
        case 1: incb_linker.push_back(cp); break;
        case 2: incb_consonant.push_back(cp); break;
        case 3: incb_extend.push_back(cp); break;
        default: break;
      }
      if (cp % 251 == 0) any.push_back(cp);
    }
  }
};

const Pools& pools() {
  static const Pools p;
  return p;
}

constexpr std::string_view kAsciiAlphabet =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "aeiouaeiou     ....,,!!??::;;//--__''\"()[]#@&*$%+=~|<>{}^`\\";

void ascii_run(Random& r, std::string& out, std::size_t length) {
  for (std::size_t i = 0; i < length; ++i) {
    if (r.chance(2)) {
      out += r.pick({'\n', '\r', '\t', '\0', '\x1b', '\x7f'});
    } else {
      out += kAsciiAlphabet[r.below(kAsciiAlphabet.size())];
    }
  }
}

// ---- emoji -------------------------------------------------------------------------

void emoji(Random& r, std::string& out) {
  const std::size_t kind = r.below(14);
  std::string e;
  if (kind < 4) {
    e = r.pick(tables::kRgiEmoji);
  } else if (kind < 6) {
    e = r.pick(tables::kTwemojiExtra);
  } else if (kind < 7) {
    e = r.pick(tables::kEmojiVariants);
  } else if (kind < 8) {  // keycaps with and without VS16
    e += r.pick({'#', '*', '0', '1', '5', '9'});
    if (r.chance(50)) put(e, 0xFE0F);
    if (r.chance(80)) put(e, 0x20E3);
  } else if (kind < 9) {  // a run of regional indicators: flags, odd runs, invalid pairs
    const std::size_t n = r.between(1, 5);
    for (std::size_t i = 0; i < n; ++i) put(e, 0x1F1E6 + static_cast<char32_t>(r.below(26)));
  } else if (kind < 10) {  // a tag sequence, valid or not
    put(e, r.chance(80) ? 0x1F3F4 : pools().pictographic[r.below(pools().pictographic.size())]);
    const std::size_t n = r.between(0, 6);
    for (std::size_t i = 0; i < n; ++i) put(e, 0xE0061 + static_cast<char32_t>(r.below(26)));
    if (r.chance(80)) put(e, 0xE007F);
  } else if (kind < 11) {  // pictographic + modifiers / VS / ZWJ chains
    const std::size_t n = r.between(1, 4);
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) put(e, 0x200D);
      put(e, r.chance(60) ? r.pick(pools().pictographic) : r.pick(pools().by_gcb[0]));
      if (r.chance(30)) put(e, 0x1F3FB + static_cast<char32_t>(r.below(5)));
      if (r.chance(30)) put(e, r.chance(80) ? 0xFE0F : 0xFE0E);
    }
  } else {  // mutate a listed form: drop or add VS16, add a skin tone, join two
    e = r.pick(tables::kRgiEmoji);
    std::u32string cps;
    for (std::size_t i = 0; i < e.size();) {
      const auto d = somepost::unicode::decode_lenient(reinterpret_cast<const unsigned char*>(e.data()) + i,
                                                       reinterpret_cast<const unsigned char*>(e.data()) + e.size());
      cps.push_back(d.code_point);
      i += d.length;
    }
    const std::size_t op = r.below(5);
    std::u32string m;
    for (std::size_t i = 0; i < cps.size(); ++i) {
      if (op == 0 && cps[i] == 0xFE0F) continue;
      m.push_back(cps[i]);
      if (op == 1 && i == 0) m.push_back(0xFE0F);
      if (op == 2 && i == 0) m.push_back(0x1F3FB + static_cast<char32_t>(r.below(5)));
      if (op == 3 && i == 0) m.push_back(0xFE0E);
    }
    if (op == 4) {
      m.push_back(0x200D);
      const std::string_view other = r.pick(tables::kRgiEmoji);
      for (std::size_t i = 0; i < other.size();) {
        const auto d = somepost::unicode::decode_lenient(
            reinterpret_cast<const unsigned char*>(other.data()) + i,
            reinterpret_cast<const unsigned char*>(other.data()) + other.size());
        m.push_back(d.code_point);
        i += d.length;
      }
    }
    e.clear();
    for (const char32_t c : m) put(e, c);
  }
  out += e;
  if (r.chance(10)) put(out, r.pick({char32_t{0xFE0F}, char32_t{0xFE0E}, char32_t{0x200D}, char32_t{0x20E3}, char32_t{0x1F3FD}}));
}

// ---- URLs, mentions, hashtags ------------------------------------------------------

constexpr std::string_view kSchemes[] = {
    "http://", "https://", "HTTPS://", "Http://", "ftp://",  "gemini://", "ipfs://", "ipns://", "ssb://",
    "dat://",  "dweb://",  "gopher://", "\u017fsb://", "https:/", "http//", "javascript:", "HTTP://"};
constexpr std::string_view kTlds[] = {
    "com", "fi", "org", "net", "co.uk", "ao", "ws", "io", "jp", "de", "ly", "co", "info", "рф", "中国", "テスト", "ss",
    "xn--p1ai", "xn--zz", "local", "localhost", "baz", "COM", "Fi", "\u212ar", "\ufb01", "\u00df", "museum", "a", "dev", "app",
    "\u03f5\u03bb", "\u1c82\u0440\u0433", "orgy"};
constexpr std::string_view kIdnLabels[] = {
    "mieli", "bücher", "пример", "例え", "\u05d0a", "\ua66e", "😀", "🍕", "ß", "straße", "xn--bcher-kva", "xn--", "a\u0301",
    "\u0627\u0644", "ÅÄÖ", "ｆｕｌｌ", "\u200d", "\u00ad", "a\u200cb", "\ue000", "\ufffd", "x\u06dd"};

std::string label(Random& r, std::size_t min_len, std::size_t max_len) {
  std::string out;
  const std::size_t n = r.between(min_len, max_len);
  for (std::size_t i = 0; i < n; ++i) {
    const bool edge = i == 0 || i + 1 == n;
    out += edge ? "abcdefghijklmnopqrstuvwxyz0123456789"[r.below(36)] : "abcdefghijklmnopqrstuvwxyz0123456789-_"[r.below(38)];
  }
  return out;
}

void url(Random& r, std::string& out) {
  if (r.chance(10)) {
    // A bare domain that goes on past its last ASCII domain (X resumes inside the span,
    // possibly inside a surrogate pair of the tail).
    out += label(r, 1, 6) + "." + std::string(r.pick(kTlds)) + "." + std::string(r.pick(kIdnLabels)) + "." +
           std::string(r.pick(kTlds));
    if (r.chance(70)) out += r.pick({"/x", "/abc/def", ":80/x", "/?q=1", "/" + std::string(r.between(1, 30), 'p')});
    return;
  }
  if (r.chance(65)) out += r.pick(kSchemes);
  if (r.chance(8)) {  // t.co with slugs around the 40 limit
    out += "t.co/";
    ascii_run(r, out, 0);
    const std::size_t slug = r.chance(50) ? r.between(38, 42) : r.between(0, 10);
    for (std::size_t i = 0; i < slug; ++i) out += "abcXYZ0189"[r.below(10)];
    if (r.chance(40)) out += r.pick({"/x", "?a=1", "?", "/"});
    return;
  }
  const std::size_t labels = r.between(1, 3);
  for (std::size_t i = 0; i < labels; ++i) {
    if (r.chance(20)) {
      out += r.pick(kIdnLabels);
    } else if (r.chance(5)) {
      out += label(r, 62, 65);
    } else {
      out += label(r, 1, 8);
    }
    out += r.chance(97) ? "." : r.pick({"..", "。", "-."});
  }
  out += r.pick(kTlds);
  if (r.chance(10)) out += r.pick({":80", ":8080", ":", ":x"});
  if (r.chance(60)) {
    out += '/';
    const std::size_t parts = r.between(0, 4);
    for (std::size_t i = 0; i < parts; ++i) {
      switch (r.below(10)) {
        case 0: out += "(film)"; break;
        case 1: out += "a(b"; break;
        case 2: out += "ä"; break;
        case 3: out += "привет"; break;
        case 4: out += "%20"; break;
        case 5: out += "/"; break;
        case 6: out += r.pick({"!", "*", "'", ";", ":", "=", ",", ".", "$", "~", "&", "|", "@", "#", "-", "+"}); break;
        case 7: out += label(r, 1, r.chance(3) ? 300 : 10); break;
        case 8: out += r.pick({"\u3001", "\u0280", "\u03b9", "\u1c82", "\u00b5", "\u212b"}); break;
        default: break;
      }
    }
  }
  if (r.chance(20)) {
    out += '?';
    out += r.pick({"a=1&b=2", "q=ä", "x", "a=1#frag", "=", "&", "a=1.", "utm_source=x"});
  }
  if (r.chance(25)) out += r.pick({".", ",", ")", "!", "?", "\"", "'", ":", "…", "」", ">", "/"});
}

void mention(Random& r, std::string& out) {
  if (r.chance(10)) ascii_run(r, out, r.between(1, 5));  // glued prefix (e-mail like)
  out += r.chance(90) ? "@" : "\uff20";
  out += label(r, 1, r.chance(5) ? 25 : 10);
  if (r.chance(15)) out += r.pick({".x", "-y", "..z", "_"});
  if (r.chance(45)) {
    out += r.chance(95) ? "@" : "\uff20";
    out += label(r, 1, 10);
    out += '.';
    out += r.pick(kTlds);
  }
  if (r.chance(10)) out += r.pick({"é", "://", "@", "'s", "."});
}

constexpr std::string_view kTagWords[] = {
    "mielenterveys", "aluevaalit2022", "Äänestä", "föö", "тег", "日本語", "한국어", "ไทย", "हिन्दी", "مرحبا", "עברית", "ελλάδα",
    "tag_1", "a·b", "a・b", "a\u200cb", "2022", "_", "x-y", "it's", "it\u2019s", "tag.end", "é", "e\u0301", "ﬁ", "٣٤",
    "🏳️", "a🙂", "a&b", "ａｂｃ", "x\u0300y"};

void hashtag(Random& r, std::string& out) {
  if (r.chance(10)) out += r.pick({"a", "&", "1", "_", "\u00e9"});  // glued
  out += r.chance(85) ? "#" : "\uff03";
  const std::size_t words = r.between(1, 2);
  for (std::size_t i = 0; i < words; ++i) out += r.pick(kTagWords);
  if (r.chance(5)) {
    for (std::size_t i = 0; i < 70; ++i) out += 'a';
  }
  if (r.chance(20)) out += r.pick({".", ",", "!", "#", "://", "'", "\u2019", "-", ")", "#x"});
}

// ---- Unicode edges -----------------------------------------------------------------

void nfc_sensitive(Random& r, std::string& out) {
  switch (r.below(6)) {
    case 0: {  // base + combining marks in random order (canonical reordering, composition)
      put(out, r.pick({char32_t{'a'}, char32_t{'e'}, char32_t{'o'}, char32_t{'A'}, char32_t{0x3B1}, char32_t{0x438},
                       char32_t{' '}, char32_t{0x1100}}));
      const std::size_t n = r.between(1, 4);
      for (std::size_t i = 0; i < n; ++i) {
        put(out, r.pick({char32_t{0x301}, char32_t{0x308}, char32_t{0x323}, char32_t{0x31B}, char32_t{0x345},
                         char32_t{0x30A}, char32_t{0x306}, char32_t{0x5B0}, char32_t{0x94D}, char32_t{0x3099}}));
      }
      break;
    }
    case 1:  // Hangul jamo, to compose or not
      put(out, 0x1100 + static_cast<char32_t>(r.below(19)));
      put(out, 0x1161 + static_cast<char32_t>(r.below(21)));
      if (r.chance(50)) put(out, 0x11A8 + static_cast<char32_t>(r.below(27)));
      break;
    case 2:  // singletons and compatibility characters
      put(out, r.pick({char32_t{0x212B}, char32_t{0x212A}, char32_t{0x2126}, char32_t{0xFB01}, char32_t{0x1E9B},
                       char32_t{0x0344}, char32_t{0x0F73}, char32_t{0x2ADC}, char32_t{0xF900}, char32_t{0x1D15E}}));
      break;
    case 3:  // Indic conjuncts (GB9c)
      put(out, r.pick(pools().incb_consonant));
      for (std::size_t i = r.between(0, 2); i > 0; --i) put(out, r.pick(pools().incb_extend));
      put(out, r.pick(pools().incb_linker));
      if (r.chance(30)) put(out, 0x200D);
      put(out, r.pick(pools().incb_consonant));
      break;
    case 4:  // precomposed letters
      put(out, r.pick({char32_t{0xE4}, char32_t{0xF6}, char32_t{0xC5}, char32_t{0x1EA0}, char32_t{0xAC00},
                       char32_t{0xD7A3}, char32_t{0x1F80}}));
      break;
    default:  // CJK and other wide text
      put(out, 0x4E00 + static_cast<char32_t>(r.below(0x5000)));
      break;
  }
}

void special(Random& r, std::string& out) {
  put(out, r.pick({char32_t{0x00}, char32_t{0x20}, char32_t{0xA0}, char32_t{0x1680}, char32_t{0x2000},
                   char32_t{0x200A}, char32_t{0x200B}, char32_t{0x2028}, char32_t{0x2029}, char32_t{0x202F},
                   char32_t{0x205F}, char32_t{0x3000}, char32_t{0x85}, char32_t{0x202E}, char32_t{0x202A},
                   char32_t{0x2066}, char32_t{0x2069}, char32_t{0x200E}, char32_t{0x200F}, char32_t{0xFEFF},
                   char32_t{0xFFFE}, char32_t{0xFFFF}, char32_t{0xFFFD}, char32_t{0x2026}, char32_t{0x20AC},
                   char32_t{0x2022}, char32_t{0x201C}, char32_t{0x2014}, char32_t{0x2032}, char32_t{0x2038},
                   char32_t{0x10FF}, char32_t{0x1100}, char32_t{0x200D}, char32_t{0x200C}, char32_t{0xE50A},
                   char32_t{0x10FFFF}, char32_t{0xE000}, char32_t{0x0D}, char32_t{0x0A}}));
}

void pool_code_point(Random& r, std::string& out) {
  const Pools& p = pools();
  const std::size_t k = r.below(16);
  if (k < 14 && !p.by_gcb[k].empty()) {
    put(out, r.pick(p.by_gcb[k]));
  } else if (k == 14) {
    put(out, r.pick(p.pictographic));
  } else {
    put(out, r.pick(p.any));
  }
}

void atom(Random& r, std::string& out) {
  // ASCII runs of every length 0–70 before most atoms: the chunked paths' edges.
  if (r.chance(55)) ascii_run(r, out, r.chance(70) ? r.between(0, 16) : r.between(0, 70));
  const std::size_t kind = r.below(100);
  if (kind < 20) {
    emoji(r, out);
  } else if (kind < 34) {
    url(r, out);
  } else if (kind < 42) {
    mention(r, out);
  } else if (kind < 52) {
    hashtag(r, out);
  } else if (kind < 62) {
    nfc_sensitive(r, out);
  } else if (kind < 74) {
    special(r, out);
  } else if (kind < 90) {
    pool_code_point(r, out);
  } else {
    ascii_run(r, out, r.between(1, 8));
  }
  if (r.chance(30)) out += r.pick({" ", " ", "\n", ". ", ", ", "\n\n", "\t", "  "});
}

}  // namespace

GeneratedText generate_text(std::uint64_t seed, std::uint64_t index) {
  Random r(seed * 0x9E3779B97F4A7C15ULL ^ (index + 0x632BE59BD9B4E019ULL));
  r.next();
  GeneratedText g;
  const std::size_t size_kind = r.below(1000);
  std::size_t atoms;
  if (size_kind < 700) {
    atoms = r.between(1, 8);
  } else if (size_kind < 960) {
    atoms = r.between(9, 40);
  } else if (size_kind < 998) {
    atoms = r.between(40, 160);  // past 280, 300 and 500
  } else {
    atoms = r.between(400, 900);  // past Bluesky's 3,000 bytes and LinkedIn's 3,000
  }
  for (std::size_t i = 0; i < atoms; ++i) atom(r, g.text);
  if (r.chance(10)) {
    const std::size_t cw_atoms = r.between(1, 3);
    for (std::size_t i = 0; i < cw_atoms; ++i) atom(r, g.content_warning);
  }
  g.small_limit = r.between(1, 80);
  g.knob = r.next();
  return g;
}

}  // namespace somepost::difftest
