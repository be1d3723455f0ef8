// The .mo reader: both byte orders, plural and context entries, and every kind of
// corrupt file reported without reading out of bounds (the ASan build checks that).
#include <doctest/doctest.h>

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/i18n.hpp"
#include "core/mo_catalog.hpp"

using namespace somepost::core;

namespace {

const std::string kHeader = "Content-Type: text/plain; charset=UTF-8\n";

void put_word(std::string& out, std::uint32_t w, bool big_endian) {
  for (int i = 0; i < 4; ++i) {
    const int shift = big_endian ? 24 - 8 * i : 8 * i;
    out.push_back(static_cast<char>((w >> shift) & 0xFF));
  }
}

// A .mo file as msgfmt lays it out: the header, the two tables, then the strings, each
// followed by a NUL. `entries` must be sorted by msgid (the header's empty msgid first).
std::string make_mo(const std::vector<std::pair<std::string, std::string>>& entries, bool big_endian = false,
                    std::uint32_t revision = 0) {
  const auto n = static_cast<std::uint32_t>(entries.size());
  const std::uint32_t originals = 28;
  const std::uint32_t translations = originals + 8 * n;
  std::uint32_t offset = translations + 8 * n;
  std::string tables_o, tables_t, strings;
  for (const auto& [id, str] : entries) {
    put_word(tables_o, static_cast<std::uint32_t>(id.size()), big_endian);
    put_word(tables_o, offset + static_cast<std::uint32_t>(strings.size()), big_endian);
    strings += id;
    strings.push_back('\0');
  }
  for (const auto& [id, str] : entries) {
    put_word(tables_t, static_cast<std::uint32_t>(str.size()), big_endian);
    put_word(tables_t, offset + static_cast<std::uint32_t>(strings.size()), big_endian);
    strings += str;
    strings.push_back('\0');
  }
  std::string out;
  put_word(out, 0x950412de, big_endian);
  put_word(out, revision, big_endian);
  put_word(out, n, big_endian);
  put_word(out, originals, big_endian);
  put_word(out, translations, big_endian);
  put_word(out, 0, big_endian);  // no hash table
  put_word(out, offset, big_endian);
  return out + tables_o + tables_t + strings;
}

// Overwrites the 32-bit little-endian word at `at`.
void set_word(std::string& mo, std::size_t at, std::uint32_t w) {
  std::string bytes;
  put_word(bytes, w, false);
  mo.replace(at, 4, bytes);
}

const std::vector<std::pair<std::string, std::string>> kEntries = {
    {"", kHeader},
    {"Messages:", "Viestit:"},
    {"[c]opy", "[k]opioi"},
    {"context\x04Open", "Avaa"},
    {"untranslated", ""},
    {std::string("one file\0{} files", 17), std::string("yksi tiedosto\0{} tiedostoa", 26)},
};

}  // namespace

TEST_CASE("parse_mo reads little- and big-endian catalogues alike") {
  for (const bool big_endian : {false, true}) {
    CAPTURE(big_endian);
    const MoParseResult r = parse_mo(make_mo(kEntries, big_endian));
    REQUIRE(r.error.empty());
    REQUIRE(r.catalog);
    const MoCatalog& c = *r.catalog;
    REQUIRE(c.find("Messages:") != nullptr);
    CHECK(*c.find("Messages:") == "Viestit:");
    CHECK(*c.find("[c]opy") == "[k]opioi");
    CHECK(*c.find("context\x04Open") == "Avaa");
    CHECK(*c.find("one file") == "yksi tiedosto");  // a plural entry: singular key, first form
    CHECK(c.find("untranslated") == nullptr);       // an empty msgstr is no translation
    CHECK(c.find("Messages") == nullptr);
    CHECK(c.find("") == nullptr);                   // the header is not a message
    CHECK(c.header() == kHeader);
    CHECK(c.size() == 4);
  }
}

TEST_CASE("parse_mo accepts revision 1 and an empty catalogue") {
  CHECK(parse_mo(make_mo(kEntries, false, 1)).catalog);
  const MoParseResult empty = parse_mo(make_mo({}));
  REQUIRE(empty.catalog);
  CHECK(empty.catalog->size() == 0);
}

TEST_CASE("parse_mo reports each kind of corrupt file") {
  const std::string good = make_mo(kEntries);
  const auto error_of = [](const std::string& bytes) {
    const MoParseResult r = parse_mo(bytes);
    CHECK_FALSE(r.catalog);
    return r.error;
  };
  CHECK(error_of("").find("too short") != std::string::npos);
  CHECK(error_of(good.substr(0, 27)).find("too short") != std::string::npos);

  std::string bad = good;
  bad[0] = 'X';
  CHECK(error_of(bad).find("magic") != std::string::npos);

  bad = good;
  set_word(bad, 4, 2u << 16);  // major revision 2
  CHECK(error_of(bad).find("revision 2") != std::string::npos);

  bad = good;
  set_word(bad, 8, 0x20000000);  // N far beyond the file
  CHECK(error_of(bad).find("do not fit") != std::string::npos);

  bad = good;
  set_word(bad, 16, 0xFFFFFFF0);  // translation table offset past the end
  CHECK(error_of(bad).find("do not fit") != std::string::npos);

  bad = good;
  set_word(bad, 28 + 8 + 4, 0xFFFFFFF0);  // entry 1's string offset past the end
  CHECK(error_of(bad).find("original string table entry 1 points past the end") != std::string::npos);

  bad = good;
  set_word(bad, 28 + 8, 0xFFFFFFFF);  // entry 1's length: offset + length wraps around 32 bits
  CHECK(error_of(bad).find("points past the end") != std::string::npos);

  bad = good;
  set_word(bad, 28 + 8, 3);  // "Mes" is followed by 's', not NUL
  CHECK(error_of(bad).find("not NUL-terminated") != std::string::npos);

  bad = good;
  const std::size_t at = bad.find("Viestit:");
  bad[at] = '\xC3';  // a lead byte followed by 'i': invalid UTF-8
  CHECK(error_of(bad).find("translation table entry 1 is not valid UTF-8") != std::string::npos);

  auto latin1 = kEntries;
  latin1[0].second = "Content-Type: text/plain; charset=ISO-8859-1\n";
  CHECK(error_of(make_mo(latin1)).find("ISO-8859-1") != std::string::npos);

  // Found by the fuzzer (tests/fuzz/corpus/mo): the charset is quoted escaped, so the
  // message stays one line.
  auto cr = kEntries;
  cr[0].second = "Content-Type: text/plain; charset=UTF-8\r\n";
  CHECK(error_of(make_mo(cr)) == "the catalogue is in charset \"UTF-8\\r\"; somepost reads only UTF-8");
}

TEST_CASE("parse_mo never reads out of bounds: every truncation and byte flip") {
  const std::string good = make_mo(kEntries);
  for (std::size_t n = 0; n < good.size(); ++n) {
    CAPTURE(n);
    // Each prefix cuts off at least the last string's NUL.
    CHECK_FALSE(parse_mo(good.substr(0, n)).catalog);
  }
  std::size_t rejected = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bad = good;
      bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ flip);
      const MoParseResult r = parse_mo(bad);  // ASan/UBSan catch any stray read
      CHECK(r.catalog.has_value() == r.error.empty());
      if (!r.catalog) ++rejected;
    }
  }
  CHECK(rejected > 0);
}

TEST_CASE("the Finnish and Swedish catalogues msgfmt built parse and translate") {
  for (const auto& [lang, copy] : {std::pair{"fi", "[k]opioi"}, std::pair{"sv", "[k]opiera"}}) {
    const std::string path = std::string(SOMEPOST_BUILD_LOCALE_DIR) + "/" + lang + "/LC_MESSAGES/somepost.mo";
    std::ifstream file(path, std::ios::binary);
    REQUIRE_MESSAGE(file, path);
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    const MoParseResult r = parse_mo(bytes);
    REQUIRE_MESSAGE(r.catalog, r.error);
    REQUIRE(r.catalog->find("[c]opy") != nullptr);
    CHECK(*r.catalog->find("[c]opy") == copy);
    CHECK(r.catalog->size() > 50);
    CHECK(r.catalog->rejected().empty());  // nothing shipped is unsafe
  }
}

TEST_CASE("replacement_fields lists fmt's fields in order, literal braces left out") {
  using Fields = std::vector<std::string_view>;
  CHECK(replacement_fields("no fields") == Fields{});
  CHECK(replacement_fields("Choose (1-{}) [{}]: ") == Fields{"{}", "{}"});
  CHECK(replacement_fields("{:>5} {0} {name}") == Fields{"{:>5}", "{0}", "{name}"});
  CHECK(replacement_fields("{:{}} nested") == Fields{"{:{}}"});
  CHECK(replacement_fields("{{literal}} {}") == Fields{"{}"});
  CHECK(replacement_fields("stray } and { open") == Fields{"}", "{ open"});
}

TEST_CASE("is_safe_translation: the same fields in the same order, no control characters") {
  CHECK(is_safe_translation("Choose a message (1-{}): ", "Valitse viesti (1-{}): "));
  CHECK(is_safe_translation("Saved\t{}\n\n", "Tallennettu\t{}\n\n"));
  CHECK(is_safe_translation("{{x}} {}", "{} {{y}}"));
  CHECK_FALSE(is_safe_translation("Choose (1-{}): ", "Valitse (1-{:>50000000}): "));
  CHECK_FALSE(is_safe_translation("Hello {}", "Hei {} {}"));  // would throw: one argument
  CHECK_FALSE(is_safe_translation("Hello {}", "Hei"));
  CHECK_FALSE(is_safe_translation("{} of {}", "{1} / {0}"));  // exactly the same fields
  CHECK_FALSE(is_safe_translation("Hello", "Hei }"));
  CHECK_FALSE(is_safe_translation("Quit", "Lopeta\x1b]2;pwned\x07"));
  CHECK_FALSE(is_safe_translation("Quit", "Lopeta\r"));
  CHECK_FALSE(is_safe_translation("Quit", "Lopeta\x7F"));
  CHECK_FALSE(is_safe_translation("Quit", "Lopeta\xC2\x9B" "2J"));  // C1 CSI
  CHECK(is_safe_translation("Quit", "L\xC2\xA0opeta \xC3\xA4"));  // U+00A0 and ä are text
}

namespace {

// A crafted catalogue: two safe translations, and the attacks a tampered file could make.
const std::vector<std::pair<std::string, std::string>> kTampered = {
    {"", kHeader},
    {"Choose a message (1-{}): ", "Valitse viesti (1-{:>50000000}): "},
    {"Messages:", "Viestit:"},
    {"Platforms:", "Alustat:\x1b]2;pwned\x07\x1b[2J"},
    {"Saved the post to {}.\n", "Tallennettiin {}.\n"},
    {"fits", "mahtuu \xC2\x9B" "31m"},
};

}  // namespace

TEST_CASE("parse_mo leaves out unsafe translations and keeps the rest") {
  const MoParseResult r = parse_mo(make_mo(kTampered));
  REQUIRE_MESSAGE(r.catalog, r.error);
  const MoCatalog& c = *r.catalog;
  CHECK(c.find("Choose a message (1-{}): ") == nullptr);
  CHECK(c.find("Platforms:") == nullptr);
  CHECK(c.find("fits") == nullptr);
  REQUIRE(c.find("Messages:") != nullptr);
  CHECK(*c.find("Messages:") == "Viestit:");
  REQUIRE(c.find("Saved the post to {}.\n") != nullptr);
  CHECK(c.size() == 2);
  CHECK(c.rejected() == std::vector<std::string>{"Choose a message (1-{}): ", "Platforms:", "fits"});
}

TEST_CASE("UiLanguage: a tampered .mo cannot make a message huge or drive the terminal") {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "somepost-mo-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  const fs::path dir = pattern;
  fs::create_directories(dir / "fi" / "LC_MESSAGES");
  std::ofstream(dir / "fi" / "LC_MESSAGES" / "somepost.mo", std::ios::binary) << make_mo(kTampered);
  const char* old = std::getenv("SOMEPOST_LOCALEDIR");
  const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
  ::setenv("SOMEPOST_LOCALEDIR", dir.c_str(), 1);
  {
    std::ostringstream warnings;
    const somepost::cli::UiLanguage ui("fi", true, warnings);
    CHECK(somepost::cli::trf("Choose a message (1-{}): ", 6) == "Choose a message (1-6): ");
    CHECK(somepost::cli::tr("Platforms:") == "Platforms:");
    CHECK(somepost::cli::tr("Messages:") == "Viestit:");
    CHECK(somepost::cli::trf("Saved the post to {}.\n", "a.txt") == "Tallennettiin a.txt.\n");
    CHECK(warnings.str().find("somepost: warning: ") == 0);
    CHECK(warnings.str().find("ignored 3 translations") != std::string::npos);
  }
  if (saved) {
    ::setenv("SOMEPOST_LOCALEDIR", saved->c_str(), 1);
  } else {
    ::unsetenv("SOMEPOST_LOCALEDIR");
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
}
