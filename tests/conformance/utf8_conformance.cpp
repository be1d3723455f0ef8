// UTF-8 validation conformance: runs tests/data/utf8/stress_cases.txt (malformed-sequence
// families after Markus Kuhn's UTF-8 stress test) through validate_utf8, then cross-checks
// validate_utf8 against an independent reference decoder written from Unicode Table 3-7
// on every 1-, 2- and 3-byte input and on a large deterministic set of 4-byte inputs.
//
// Usage: utf8_conformance REPO_ROOT. Prints "N/M passed" per suite; exit status 0 only if
// every case of both suites passed.

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance.hpp"
#include "unicode/utf8.hpp"

namespace {

using somepost::conformance::Reporter;
using somepost::unicode::Utf8Error;
using somepost::unicode::Utf8ErrorKind;
using somepost::unicode::validate_utf8;

constexpr std::string_view kCasesFile = "tests/data/utf8/stress_cases.txt";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::optional<Utf8ErrorKind> parse_kind(std::string_view s) {
  if (s == "overlong") return Utf8ErrorKind::overlong;
  if (s == "surrogate") return Utf8ErrorKind::surrogate;
  if (s == "above_max") return Utf8ErrorKind::above_max;
  if (s == "truncated") return Utf8ErrorKind::truncated;
  if (s == "stray_continuation") return Utf8ErrorKind::stray_continuation;
  if (s == "invalid_byte") return Utf8ErrorKind::invalid_byte;
  return std::nullopt;
}

std::string_view kind_name(Utf8ErrorKind k) {
  switch (k) {
    case Utf8ErrorKind::overlong: return "overlong";
    case Utf8ErrorKind::surrogate: return "surrogate";
    case Utf8ErrorKind::above_max: return "above_max";
    case Utf8ErrorKind::truncated: return "truncated";
    case Utf8ErrorKind::stray_continuation: return "stray_continuation";
    case Utf8ErrorKind::invalid_byte: return "invalid_byte";
  }
  return "?";
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/// Parses "41 C0 AF" into bytes; nullopt on anything but space-separated 2-digit hex.
std::optional<std::string> parse_hex(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) return std::nullopt;
    const int hi = hex_digit(s[i]);
    const int lo = hex_digit(s[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (i + 2 < s.size() && s[i + 2] != ' ' && s[i + 2] != '\t') return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

std::string describe_result(const std::optional<Utf8Error>& r) {
  if (!r) return "valid";
  std::string out("offset ");
  out.append(std::to_string(r->offset)).append(" ").append(kind_name(r->kind));
  return out;
}

// ---------------------------------------------------------------------------------------
// Suite 1: stress_cases.txt

void run_stress_cases(const std::string& root, Reporter& rep) {
  std::ifstream in(root + "/" + std::string(kCasesFile), std::ios::binary);
  if (!in) {
    rep.check(false, kCasesFile, 0, "cannot open the file");
    return;
  }
  std::string raw;
  std::size_t line_no = 0;
  while (std::getline(in, raw)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;

    std::vector<std::string_view> fields;
    std::string_view rest = line;
    for (;;) {
      const auto bar = rest.find('|');
      fields.push_back(trim(rest.substr(0, bar)));
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    if (fields.size() != 4) {
      rep.check(false, kCasesFile, line_no, "malformed line: expected 4 fields separated by '|'");
      continue;
    }
    const std::string_view id = fields[0];
    const auto bytes = parse_hex(fields[1]);
    if (!bytes) {
      rep.check(false, kCasesFile, line_no, "malformed hex bytes");
      continue;
    }

    std::optional<Utf8Error> expected;
    if (fields[2] == "valid") {
      if (fields[3] != "-") {
        rep.check(false, kCasesFile, line_no, "a valid case must have kind '-'");
        continue;
      }
    } else {
      const auto kind = parse_kind(fields[3]);
      std::size_t offset = 0;
      bool digits_ok = !fields[2].empty();
      for (const char c : fields[2]) {
        if (c < '0' || c > '9') {
          digits_ok = false;
          break;
        }
        offset = offset * 10 + static_cast<std::size_t>(c - '0');
      }
      if (!kind || !digits_ok || offset >= bytes->size()) {
        rep.check(false, kCasesFile, line_no, "malformed expected offset or kind");
        continue;
      }
      expected = Utf8Error{offset, *kind};
    }

    const auto got = validate_utf8(*bytes);
    const bool ok = got.has_value() == expected.has_value() &&
                    (!got || (got->offset == expected->offset && got->kind == expected->kind));
    if (ok) {
      rep.check(true, kCasesFile, line_no, {});
    } else {
      std::string detail(id);
      detail.append(": [").append(to_hex(*bytes)).append("] expected ");
      detail.append(describe_result(expected)).append(", got ").append(describe_result(got));
      rep.check(false, kCasesFile, line_no, detail);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Suite 2: cross-check against a reference decoder written from Unicode Table 3-7.

/// One row of Table 3-7: leads [lead_lo, lead_hi] take `length` bytes; the 2nd byte must
/// lie in [second_lo, second_hi]; every further byte in 80..BF.
struct Row {
  unsigned lead_lo, lead_hi;
  unsigned length;
  unsigned second_lo, second_hi;
};

constexpr Row kTable37[] = {
    {0x00, 0x7F, 1, 0, 0},          {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF},
    {0xE1, 0xEC, 3, 0x80, 0xBF},    {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x90, 0xBF},    {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

/// The kind when the lead byte itself matches no row of Table 3-7.
Utf8ErrorKind reference_bad_lead(unsigned b) {
  if (b <= 0xBF) return Utf8ErrorKind::stray_continuation;  // 80..BF
  if (b <= 0xC1) return Utf8ErrorKind::overlong;            // C0, C1
  if (b <= 0xFD) return Utf8ErrorKind::above_max;           // F5..FD
  return Utf8ErrorKind::invalid_byte;                       // FE, FF
}

/// The kind when the 2nd byte is a continuation byte outside the row's range.
Utf8ErrorKind reference_bad_second(unsigned lead) {
  switch (lead) {
    case 0xE0:
    case 0xF0: return Utf8ErrorKind::overlong;  // would encode fewer bits than needed
    case 0xED: return Utf8ErrorKind::surrogate;
    case 0xF4: return Utf8ErrorKind::above_max;
    default: return Utf8ErrorKind::truncated;  // not reached: other rows take all of 80..BF
  }
}

/// Walks `s` by Table 3-7 and returns the first ill-formed sequence, if any.
std::optional<Utf8Error> reference_validate(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const unsigned lead = static_cast<unsigned char>(s[i]);
    const Row* row = nullptr;
    for (const Row& r : kTable37) {
      if (lead >= r.lead_lo && lead <= r.lead_hi) row = &r;
    }
    if (row == nullptr) return Utf8Error{i, reference_bad_lead(lead)};
    for (unsigned k = 1; k < row->length; ++k) {
      if (i + k >= s.size()) return Utf8Error{i, Utf8ErrorKind::truncated};
      const unsigned b = static_cast<unsigned char>(s[i + k]);
      if (b < 0x80 || b > 0xBF) return Utf8Error{i, Utf8ErrorKind::truncated};
      if (k == 1 && (b < row->second_lo || b > row->second_hi)) {
        return Utf8Error{i, reference_bad_second(lead)};
      }
    }
    i += row->length;
  }
  return std::nullopt;
}

class CrossCheck {
 public:
  explicit CrossCheck(Reporter& rep) : rep_(rep) {}

  /// Compares validate_utf8 with the reference on `s`: the same verdict, and for an
  /// invalid input the same offset and kind. `one_sequence` marks inputs whose bytes form
  /// a single (attempted) sequence starting at offset 0; for those an error must be at 0.
  void run(std::string_view label, std::string_view s, bool one_sequence) {
    ++index_;
    const auto got = validate_utf8(s);
    const auto want = reference_validate(s);
    bool ok = got.has_value() == want.has_value();
    if (ok && got) ok = got->offset == want->offset && got->kind == want->kind;
    if (ok && got && one_sequence) ok = got->offset == 0;
    if (ok) {
      rep_.check(true, label, index_, {});
    } else {
      // Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on "literal" + string.
      std::string detail("[");
      detail.append(to_hex(s)).append("] reference ").append(describe_result(want));
      detail.append(", validate_utf8 ").append(describe_result(got));
      rep_.check(false, label, index_, detail);
    }
  }

 private:
  Reporter& rep_;
  std::size_t index_ = 0;
};

/// splitmix64: a fixed-seed generator so that the sample is the same on every run.
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

/// True if `s` is at most one attempted sequence: its lead is not ASCII and `s` is no
/// longer than the length the lead announces (C0..DF: 2, E0..EF: 3, F0..F7: 4, F8..FB: 5,
/// FC..FD: 6, otherwise 1). If such an input is invalid, its error must be at offset 0.
bool one_sequence(std::string_view s) {
  const unsigned lead = static_cast<unsigned char>(s[0]);
  std::size_t length = 1;
  if (lead >= 0xC0 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF7) length = 4;
  else if (lead >= 0xF8 && lead <= 0xFB) length = 5;
  else if (lead >= 0xFC && lead <= 0xFD) length = 6;
  return lead >= 0x80 && s.size() <= length;
}

void run_cross_check(Reporter& rep) {
  CrossCheck cc(rep);
  std::string s;

  // Every 1-, 2- and 3-byte input.
  for (unsigned a = 0; a < 256; ++a) {
    s.assign(1, static_cast<char>(a));
    cc.run("cross-check 1-byte", s, one_sequence(s));
  }
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      s = {static_cast<char>(a), static_cast<char>(b)};
      cc.run("cross-check 2-byte", s, one_sequence(s));
    }
  }
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (unsigned c = 0; c < 256; ++c) {
        s = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        cc.run("cross-check 3-byte", s, one_sequence(s));
      }
    }
  }

  // 4-byte inputs, (a): every lead F0..F7 followed by any three continuation bytes
  // (all of U+10000..U+10FFFF plus every above-maximum form).
  for (unsigned a = 0xF0; a <= 0xF7; ++a) {
    for (unsigned b = 0x80; b <= 0xBF; ++b) {
      for (unsigned c = 0x80; c <= 0xBF; ++c) {
        for (unsigned d = 0x80; d <= 0xBF; ++d) {
          s = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
          cc.run("cross-check 4-byte F0..F7", s, one_sequence(s));
        }
      }
    }
  }
  // (b): any first and second byte, with the 3rd and 4th from the bytes at every boundary
  // of Table 3-7.
  static constexpr unsigned char kBoundary[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0,
                                                0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xF4, 0xF5, 0xFF};
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      for (const unsigned char c : kBoundary) {
        for (const unsigned char d : kBoundary) {
          s = {static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
          cc.run("cross-check 4-byte boundary", s, one_sequence(s));
        }
      }
    }
  }
  // (c): 2^22 pseudo-random 4-byte inputs, half of them biased towards leads C0..FF and
  // continuation bytes, each after 0..40 ASCII bytes and before 0..3 more (so the error
  // offsets exercise the ASCII fast path at every alignment).
  SplitMix64 rng{0x5EED0F0075F8ULL};
  for (std::uint32_t n = 0; n < (1u << 22); ++n) {
    const std::uint64_t r = rng.next();
    const std::uint64_t r2 = rng.next();
    unsigned char q[4];
    for (int k = 0; k < 4; ++k) q[k] = static_cast<unsigned char>(r >> (8 * k));
    if (n & 1) {
      q[0] = static_cast<unsigned char>(0xC0 | q[0]);
      for (int k = 1; k < 4; ++k) q[k] = static_cast<unsigned char>(0x80 | (q[k] & 0x3F));
      if ((r >> 40) % 16 == 0) q[1 + (r >> 44) % 3] ^= 0xC0;  // now and then a non-continuation
    }
    const std::size_t prefix = static_cast<std::size_t>(r2 % 41);
    const std::size_t suffix = static_cast<std::size_t>((r2 >> 8) % 4);
    s.assign(prefix, 'p');
    s.append(reinterpret_cast<const char*>(q), 4);
    s.append(suffix, 's');
    cc.run("cross-check 4-byte sample", s, false);
    cc.run("cross-check 4-byte sample", std::string_view(s).substr(prefix, 4),
           one_sequence(std::string_view(s).substr(prefix, 4)));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s REPO_ROOT\n", argc > 0 ? argv[0] : "utf8_conformance");
    return 2;
  }
  const std::string root = argv[1];

  Reporter cases("utf8 stress_cases.txt");
  run_stress_cases(root, cases);
  const int cases_rc = cases.finish();

  Reporter cross("utf8 reference cross-check (Table 3-7)");
  run_cross_check(cross);
  const int cross_rc = cross.finish();

  return (cases_rc != 0 || cross_rc != 0) ? 1 : 0;
}
