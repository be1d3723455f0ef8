// The campaign catalogue: parsing and validating a catalogue document (the embedded
// data/catalogues/mielenterveysvaalit-2022.json, `--catalogue FILE`, SOMEPOST_CATALOGUE),
// and looking messages and hashtags up. Format and rules: docs/catalogue.md; JSON Schema:
// data/catalogue.schema.json. Pure: no I/O.
//
// parse_catalogue reads the document with json_problems::read_json (UTF-8 validated
// first, duplicate keys and syntax errors with their positions), then walks the DOM once,
// reporting every problem with its JSON path, and finally checks what spans the document
// (duplicates, numbering, message hashtags against the catalogue). Nothing throws on bad
// input; the catalogue is returned only when there is no problem at all.

#include "core/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/embedded.hpp"
#include "core/extract.hpp"
#include "core/json_problems.hpp"
#include "core/language.hpp"
#include "unicode/case.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

using json_problems::describe;
using json_problems::element_path;
using json_problems::kRootWhere;
using json_problems::line_column;
using json_problems::names_of;
using json_problems::quote;
using nlohmann::json;
using Problems = std::vector<CatalogueProblem>;
using Reader = json_problems::ObjectReader<CatalogueProblem>;

/// The only schema version this code reads (the document's "schema" key).
constexpr std::uint64_t kSchemaVersion = 1;

/// At most this many missing numbers are listed in a "without gaps" problem.
constexpr std::size_t kMaxListedGaps = 10;

// ---------------------------------------------------------------------------------------
// Keys of the format (docs/catalogue.md).

constexpr std::array<std::string_view, 7> kRootKeys = {"schema", "campaign", "messages", "hashtags",
                                                       "images", "goals",    "tips"};
constexpr std::array<std::string_view, 6> kCampaignKeys = {
    "id", "name", "slogan", "default_language", "link", "template"};
constexpr std::array<std::string_view, 5> kMessageKeys = {"id", "number", "text", "hashtags",
                                                          "variants"};
constexpr std::array<std::string_view, 5> kHashtagKeys = {"tag", "description", "priority", "group",
                                                          "alternatives"};
constexpr std::array<std::string_view, 3> kImageKeys = {"id", "file", "alt"};
constexpr std::array<std::string_view, 2> kItemKeys = {"number", "text"};

/// The placeholders a post template may use.
constexpr std::array<std::string_view, 3> kPlaceholders = {"{body}", "{link}", "{hashtags}"};

/// The platforms whose hashtag rules a catalogue tag must survive whole, with the names
/// problems use for them (the ids of their built-in profiles).
struct NamedRule {
  HashtagRule rule;
  std::string_view name;
};
constexpr std::array<NamedRule, 3> kHashtagRules = {{
    {HashtagRule::x, "x"},
    {HashtagRule::mastodon, "mastodon"},
    {HashtagRule::bluesky, "bluesky"},
}};

// ---------------------------------------------------------------------------------------
// Small predicates.

bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// A slug: one or more runs of [a-z0-9] joined by single hyphens, with at least one
/// letter (so that an id can never be mistaken for a message number).
bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  bool letter = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '-') {
      if (s[i - 1] == '-') return false;
    } else if (is_ascii_lower(c)) {
      letter = true;
    } else if (!is_ascii_digit(c)) {
      return false;
    }
  }
  return letter;
}

/// A platform id as in data/platforms.json: non-empty [a-z0-9-]+.
bool is_platform_id(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return is_ascii_lower(c) || is_ascii_digit(c) || c == '-';
  });
}

/// True for the code points of Unicode's White_Space property.
bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/// True when `s` has white space or a control character (C0, DEL, C1) in it.
bool has_space_or_control(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    if (is_white_space(d.code_point) || d.code_point < 0x20 ||
        (d.code_point >= 0x7F && d.code_point <= 0x9F))
      return true;
    p += d.length;
  }
  return false;
}

/// A file name as distributed: non-empty, no folder separators ('/', '\\'), no control
/// characters; "." and ".." are not file names.
bool is_file_name(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  return std::none_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return c == '/' || c == '\\' || u < 0x20 || u == 0x7F;
  });
}

/// `tag` without one leading '#' or '＃' (U+FF03, which the platforms also accept).
std::string_view without_hash(std::string_view tag) {
  if (!tag.empty() && tag.front() == '#') return tag.substr(1);
  if (tag.substr(0, 3) == "\xEF\xBC\x83") return tag.substr(3);
  return tag;
}

/// The key under which tags are compared: case-folded, without its '#'.
std::string tag_key(std::string_view tag) { return unicode::fold_case(without_hash(tag)); }

/// The code points of `s` (leniently decoded).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    out.push_back(d.code_point);
    p += d.length;
  }
  return out;
}


// ---------------------------------------------------------------------------------------
// Readers. Each reports its own problems into `problems` and returns nothing (or a
// partial value) on failure, so that one pass finds every problem.

/// A string; non-empty unless `allow_empty`.
std::optional<std::string> read_string(const json& v, const std::string& where, bool allow_empty,
                                       Problems& problems) {
  if (v.is_string() && (allow_empty || !v.get_ref<const std::string&>().empty()))
    return v.get<std::string>();
  problems.push_back({where, fmt::format("must be a {}string (got {})",
                                         allow_empty ? "" : "non-empty ", describe(v))});
  return std::nullopt;
}

std::optional<std::string> read_slug(const json& v, const std::string& where, Problems& problems) {
  if (v.is_string() && is_slug(v.get_ref<const std::string&>())) return v.get<std::string>();
  problems.push_back(
      {where, fmt::format("must be a slug: a-z and 0-9 in runs joined by single hyphens, with at "
                          "least one letter, e.g. \"lasten-ja-nuorten-mieli\" (got {})",
                          describe(v))});
  return std::nullopt;
}

/// A number of a message, goal or tip: an integer from 1 to INT_MAX.
std::optional<int> read_number(const json& v, const std::string& where, Problems& problems) {
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n >= 1 && n <= static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
      return static_cast<int>(n);
  }
  problems.push_back({where, fmt::format("must be a positive integer (got {})", describe(v))});
  return std::nullopt;
}

/// A hashtag priority: any integer that fits an int.
std::optional<int> read_priority(const json& v, const std::string& where, Problems& problems) {
  if (v.is_number_integer()) {  // signed or unsigned, not floating point
    if (v.is_number_unsigned()) {
      const auto n = v.get<std::uint64_t>();
      if (n <= static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        return static_cast<int>(n);
    } else {
      const auto n = v.get<std::int64_t>();
      if (n >= std::numeric_limits<int>::min() && n <= std::numeric_limits<int>::max())
        return static_cast<int>(n);
    }
  }
  problems.push_back({where, fmt::format("must be an integer from {} to {} (got {})",
                                         std::numeric_limits<int>::min(),
                                         std::numeric_limits<int>::max(), describe(v))});
  return std::nullopt;
}

std::optional<std::string> read_language(const json& v, const std::string& where,
                                         Problems& problems) {
  if (v.is_string() && is_language_tag(v.get_ref<const std::string&>()))
    return v.get<std::string>();
  problems.push_back(
      {where, fmt::format("must be a BCP 47 language tag such as \"fi\", \"sv\" or \"en-GB\" "
                          "(got {})",
                          describe(v))});
  return std::nullopt;
}

/// Text per language: an object whose keys are language tags and whose values are
/// non-empty strings. Empty objects are allowed only when `allow_none`. Returns nothing
/// when `v` is not an object; otherwise the valid entries (bad ones are reported).
std::optional<LocalizedText> read_localized(const json& v, const std::string& where,
                                            bool allow_none, Problems& problems) {
  if (!v.is_object()) {
    problems.push_back(
        {where, fmt::format("must be an object of texts by language, e.g. {{\"fi\": \"...\"}} "
                            "(got {})",
                            describe(v))});
    return std::nullopt;
  }
  if (v.empty() && !allow_none) {
    problems.push_back({where, "must give the text in at least one language"});
    return LocalizedText{};
  }
  LocalizedText text;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string path = json_problems::member_path(where, it.key());
    if (!is_language_tag(it.key())) {
      problems.push_back(
          {path, fmt::format("invalid language tag {}; expected a BCP 47 tag such as \"fi\", "
                             "\"sv\" or \"en-GB\"",
                             quote(it.key()))});
      continue;
    }
    if (auto s = read_string(it.value(), path, /*allow_empty=*/false, problems))
      text.emplace(it.key(), std::move(*s));
  }
  return text;
}

/// The post template: a string with {body}, and no placeholder other than {body},
/// {link} and {hashtags}. A placeholder is "{" + [a-z_]+ + "}"; other braces are text.
std::optional<std::string> read_template(const json& v, const std::string& where,
                                         Problems& problems) {
  if (!v.is_string()) {
    problems.push_back(
        {where,
         fmt::format("must be a string with {{body}}, e.g. \"{{body}} {{link}}\\n\\n{{hashtags}}\" "
                     "(got {})",
                     describe(v))});
    return std::nullopt;
  }
  const std::string& s = v.get_ref<const std::string&>();
  const std::size_t before = problems.size();
  if (s.find("{body}") == std::string::npos)
    problems.push_back({where, fmt::format("must contain {{body}} (got {})", describe(v))});
  for (std::size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
    std::size_t close = open + 1;
    while (close < s.size() && (is_ascii_lower(s[close]) || s[close] == '_')) ++close;
    if (close == open + 1 || close == s.size() || s[close] != '}') continue;  // not a placeholder
    const std::string_view placeholder = std::string_view(s).substr(open, close + 1 - open);
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), placeholder) == kPlaceholders.end()) {
      problems.push_back({where, fmt::format("unknown placeholder {}; expected {}", placeholder,
                                             names_of(kPlaceholders))});
    }
  }
  if (problems.size() != before) return std::nullopt;
  return s;
}

/// The campaign link: non-empty, without white space or control characters.
std::optional<std::string> read_link(const json& v, const std::string& where, Problems& problems) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (!s.empty() && !has_space_or_control(s)) return s;
  }
  problems.push_back({where, fmt::format("must be a non-empty link without spaces, e.g. "
                                         "\"mieli.fi/mielenterveysvaalit\" (got {})",
                                         describe(v))});
  return std::nullopt;
}

/// What one platform's hashtag rule makes of `tag` written alone, as a verb phrase, or
/// nothing when it finds exactly one hashtag spanning the whole of `tag`.
std::optional<std::string> platform_reading(std::string_view tag, HashtagRule rule,
                                            std::vector<HashtagMatch>& scratch) {
  extract_hashtags(tag, rule, scratch);
  if (scratch.size() == 1 && scratch[0].span.begin == 0 && scratch[0].span.end == tag.size())
    return std::nullopt;
  if (scratch.empty()) return std::string("would not be recognized as a hashtag");
  if (scratch.size() == 1 && scratch[0].span.begin == 0)
    return fmt::format("would be cut to {}", quote(scratch[0].span.of(tag)));
  // At most kShownParts pieces, so that the message stays one bounded line: a long tag
  // full of '#' is read as hundreds of them (found by the catalogue fuzz harness).
  constexpr std::size_t kShownParts = 2;
  std::string parts;
  for (std::size_t i = 0; i < scratch.size() && i < kShownParts; ++i) {
    if (!parts.empty()) parts += ", ";
    parts += quote(scratch[i].span.of(tag));
  }
  if (scratch.size() > kShownParts) parts += fmt::format(" and {} more", scratch.size() - kShownParts);
  return fmt::format("would be read as {}", parts);
}

/// A catalogue tag or alternative: a string starting with '#' that every platform's
/// hashtag rule reads whole. Returns the string (even when a platform would cut it, so
/// that later checks do not also call it unknown), or nothing when it is not a string.
std::optional<std::string> read_tag(const json& v, const std::string& where, Problems& problems) {
  if (!v.is_string()) {
    problems.push_back(
        {where, fmt::format("must be a hashtag starting with '#' (got {})", describe(v))});
    return std::nullopt;
  }
  const std::string& tag = v.get_ref<const std::string&>();
  if (tag.empty() || tag.front() != '#') {
    problems.push_back(
        {where, fmt::format("must be a hashtag starting with '#' (got {})", describe(v))});
    return tag;
  }
  // Group the platforms by what they make of the tag, in kHashtagRules order:
  // "would be cut to "#a" on x, mastodon; would not be recognized as a hashtag on bluesky".
  std::vector<HashtagMatch> scratch;
  std::vector<std::pair<std::string, std::string>> readings;  // reading, platform names
  for (const NamedRule& r : kHashtagRules) {
    auto reading = platform_reading(tag, r.rule, scratch);
    if (!reading) continue;
    auto same = std::find_if(readings.begin(), readings.end(),
                             [&](const auto& entry) { return entry.first == *reading; });
    if (same == readings.end()) {
      readings.emplace_back(std::move(*reading), std::string(r.name));
    } else {
      same->second += ", ";
      same->second += r.name;
    }
  }
  if (!readings.empty()) {
    std::string message = quote(tag);
    for (std::size_t i = 0; i < readings.size(); ++i) {
      message += i == 0 ? " " : "; ";
      message += fmt::format("{} on {}", readings[i].first, readings[i].second);
    }
    problems.push_back({where, std::move(message)});
  }
  return tag;
}

/// An array at `where` read element by element with `read_one(element, path)`; reports
/// a non-array (with `what`, e.g. "message objects") and returns false then.
template <class ReadOne>
bool for_each_element(const json& v, const std::string& where, std::string_view what,
                      Problems& problems, ReadOne read_one) {
  if (!v.is_array()) {
    problems.push_back({where, fmt::format("must be an array of {} (got {})", what, describe(v))});
    return false;
  }
  for (std::size_t i = 0; i < v.size(); ++i) read_one(v[i], element_path(where, i));
  return true;
}

// ---------------------------------------------------------------------------------------
// The sections of the document.

/// Everything read from the document, with what the cross-checks need to know about
/// where each value came from.
struct Parsed {
  Catalogue catalogue;
  bool have_default_language = false;
  /// Per message (parallel to catalogue.messages): the path of the message and whether
  /// its number and text were readable.
  struct MessageInfo {
    std::string path;
    bool has_number = false;
    bool has_text = false;
  };
  std::vector<MessageInfo> message_info;
  /// Every catalogue tag and alternative readable as a string, with its path and the
  /// index of its hashtag.
  struct TagInfo {
    std::string spelling;
    std::string path;
    std::size_t hashtag = 0;
  };
  std::vector<TagInfo> tags;
  /// False when a catalogue tag could not be read at all: then "unknown hashtag" is not
  /// reported (the message may well name the tag that could not be read).
  bool tags_complete = true;
  /// Message hashtags as written: message index, path, spelling.
  struct TagUse {
    std::size_t message = 0;
    std::string path;
    std::string spelling;
  };
  std::vector<TagUse> tag_uses;
  /// Readable message and image ids with their paths, for duplicate reports.
  std::vector<std::pair<std::string, std::string>> message_ids, image_ids;  // id, path
};

void read_campaign(const json& v, Parsed& parsed, Problems& problems) {
  const std::string where = "campaign";
  if (!v.is_object()) {
    problems.push_back({where, fmt::format("must be an object (got {})", describe(v))});
    return;
  }
  Campaign& c = parsed.catalogue.campaign;
  const Reader r(v, where, problems);
  if (const json* x = r.required("id")) {
    if (auto id = read_slug(*x, r.path_of("id"), problems)) c.id = std::move(*id);
  }
  if (const json* x = r.required("name")) {
    if (auto t = read_localized(*x, r.path_of("name"), /*allow_none=*/false, problems))
      c.name = std::move(*t);
  }
  if (const json* x = r.required("slogan")) {
    if (auto t = read_localized(*x, r.path_of("slogan"), /*allow_none=*/false, problems))
      c.slogan = std::move(*t);
  }
  if (const json* x = r.required("default_language")) {
    if (auto lang = read_language(*x, r.path_of("default_language"), problems)) {
      c.default_language = std::move(*lang);
      parsed.have_default_language = true;
    }
  }
  if (const json* x = r.required("link")) {
    if (auto link = read_link(*x, r.path_of("link"), problems)) c.link = std::move(*link);
  }
  c.post_template = std::string(kDefaultTemplate);
  if (const json* x = r.optional("template")) {
    if (auto t = read_template(*x, r.path_of("template"), problems))
      c.post_template = std::move(*t);
  }
  r.reject_unknown_keys(kCampaignKeys);
}

void read_message(const json& v, const std::string& path, Parsed& parsed, Problems& problems) {
  Message m;
  Parsed::MessageInfo info{path};
  const std::size_t index = parsed.catalogue.messages.size();
  if (!v.is_object()) {
    problems.push_back({path, fmt::format("must be a message object (got {})", describe(v))});
  } else {
    const Reader r(v, path, problems);
    if (const json* x = r.required("id")) {
      if (auto id = read_slug(*x, r.path_of("id"), problems)) {
        parsed.message_ids.emplace_back(*id, r.path_of("id"));
        m.id = std::move(*id);
      }
    }
    if (const json* x = r.required("number")) {
      if (auto n = read_number(*x, r.path_of("number"), problems)) {
        m.number = *n;
        info.has_number = true;
      }
    }
    if (const json* x = r.required("text")) {
      if (auto t = read_localized(*x, r.path_of("text"), /*allow_none=*/false, problems)) {
        m.text = std::move(*t);
        info.has_text = true;
      }
    }
    if (const json* x = r.optional("hashtags")) {
      for_each_element(
          *x, r.path_of("hashtags"), "hashtags", problems,
          [&](const json& tag, const std::string& tag_path) {
            if (!tag.is_string() || tag.get_ref<const std::string&>().empty() ||
                tag.get_ref<const std::string&>().front() != '#') {
              problems.push_back(
                  {tag_path,
                   fmt::format("must be a hashtag starting with '#' (got {})", describe(tag))});
              return;
            }
            m.hashtags.push_back(tag.get<std::string>());
            parsed.tag_uses.push_back({index, tag_path, m.hashtags.back()});
          });
    }
    if (const json* x = r.optional("variants")) {
      const std::string variants_path = r.path_of("variants");
      if (!x->is_object()) {
        problems.push_back(
            {variants_path,
             fmt::format("must be an object of texts by platform id, e.g. {{\"x\": {{\"fi\": "
                         "\"...\"}}}} (got {})",
                         describe(*x))});
      } else {
        for (auto it = x->begin(); it != x->end(); ++it) {
          const std::string variant_path = json_problems::member_path(variants_path, it.key());
          if (!is_platform_id(it.key())) {
            problems.push_back(
                {variant_path, fmt::format("invalid platform id {}; expected a-z, 0-9 and '-' "
                                           "(an id of a platform profile, e.g. \"x\")",
                                           quote(it.key()))});
            continue;
          }
          if (auto t = read_localized(it.value(), variant_path, /*allow_none=*/false, problems))
            m.variants.emplace(it.key(), std::move(*t));
        }
      }
    }
    r.reject_unknown_keys(kMessageKeys);
  }
  parsed.catalogue.messages.push_back(std::move(m));
  parsed.message_info.push_back(std::move(info));
}

void read_hashtag(const json& v, const std::string& path, Parsed& parsed, Problems& problems) {
  Hashtag h;
  const std::size_t index = parsed.catalogue.hashtags.size();
  if (!v.is_object()) {
    problems.push_back({path, fmt::format("must be a hashtag object (got {})", describe(v))});
    parsed.tags_complete = false;
  } else {
    const Reader r(v, path, problems);
    if (const json* x = r.required("tag")) {
      if (auto tag = read_tag(*x, r.path_of("tag"), problems)) {
        parsed.tags.push_back({*tag, r.path_of("tag"), index});
        h.tag = std::move(*tag);
      } else {
        parsed.tags_complete = false;
      }
    } else {
      parsed.tags_complete = false;
    }
    if (const json* x = r.optional("description")) {
      if (auto t = read_localized(*x, r.path_of("description"), /*allow_none=*/true, problems))
        h.description = std::move(*t);
    }
    if (const json* x = r.optional("priority")) {
      if (auto p = read_priority(*x, r.path_of("priority"), problems)) h.priority = *p;
    }
    if (const json* x = r.optional("group")) {
      if (auto g = read_string(*x, r.path_of("group"), /*allow_empty=*/false, problems))
        h.group = std::move(*g);
    }
    if (const json* x = r.optional("alternatives")) {
      const bool is_array = for_each_element(*x, r.path_of("alternatives"), "hashtags", problems,
                                             [&](const json& alt, const std::string& alt_path) {
                                               if (auto tag = read_tag(alt, alt_path, problems)) {
                                                 parsed.tags.push_back({*tag, alt_path, index});
                                                 h.alternatives.push_back(std::move(*tag));
                                               } else {
                                                 parsed.tags_complete = false;
                                               }
                                             });
      if (!is_array) parsed.tags_complete = false;
    }
    r.reject_unknown_keys(kHashtagKeys);
  }
  parsed.catalogue.hashtags.push_back(std::move(h));
}

void read_image(const json& v, const std::string& path, Parsed& parsed, Problems& problems) {
  Image image;
  if (!v.is_object()) {
    problems.push_back({path, fmt::format("must be an image object (got {})", describe(v))});
  } else {
    const Reader r(v, path, problems);
    if (const json* x = r.required("id")) {
      if (auto id = read_slug(*x, r.path_of("id"), problems)) {
        parsed.image_ids.emplace_back(*id, r.path_of("id"));
        image.id = std::move(*id);
      }
    }
    if (const json* x = r.required("file")) {
      if (x->is_string() && is_file_name(x->get_ref<const std::string&>())) {
        image.file = x->get<std::string>();
      } else {
        problems.push_back(
            {r.path_of("file"),
             fmt::format("must be a file name without folders, e.g. \"kuva-1.jpg\" (got {})",
                         describe(*x))});
      }
    }
    if (const json* x = r.required("alt")) {
      if (auto t = read_localized(*x, r.path_of("alt"), /*allow_none=*/true, problems))
        image.alt = std::move(*t);
    }
    r.reject_unknown_keys(kImageKeys);
  }
  parsed.catalogue.images.push_back(std::move(image));
}

/// A goal or tip. `numbered` collects (number, path) of the readable numbers.
Item read_item(const json& v, const std::string& path, std::string_view kind,
               std::vector<std::pair<int, std::string>>& numbered, Problems& problems) {
  Item item;
  if (!v.is_object()) {
    problems.push_back({path, fmt::format("must be a {} object {{\"number\", \"text\"}} (got {})",
                                          kind, describe(v))});
    return item;
  }
  const Reader r(v, path, problems);
  if (const json* x = r.required("number")) {
    if (auto n = read_number(*x, r.path_of("number"), problems)) {
      item.number = *n;
      numbered.emplace_back(*n, r.path_of("number"));
    }
  }
  if (const json* x = r.required("text")) {
    if (auto t = read_localized(*x, r.path_of("text"), /*allow_none=*/false, problems))
      item.text = std::move(*t);
  }
  r.reject_unknown_keys(kItemKeys);
  return item;
}

// ---------------------------------------------------------------------------------------
// Checks across the document.

/// Reports each id of `ids` (id, path) that an earlier one already used.
void check_unique_ids(const std::vector<std::pair<std::string, std::string>>& ids,
                      Problems& problems) {
  std::unordered_map<std::string_view, std::string_view> first;  // id -> path
  for (const auto& [id, path] : ids) {
    const auto [it, inserted] = first.emplace(id, path);
    if (!inserted)
      problems.push_back(
          {path, fmt::format("duplicate id {} (first used at {})", quote(id), it->second)});
  }
}

/// Reports duplicate numbers among `numbered` (number, path), and numbers that do not
/// run 1, 2, 3, ... without gaps (at `list_path`, listing the first kMaxListedGaps
/// missing numbers).
void check_numbering(const std::vector<std::pair<int, std::string>>& numbered,
                     const std::string& list_path, Problems& problems) {
  std::unordered_map<int, std::string_view> first;  // number -> path
  std::vector<int> distinct;
  for (const auto& [number, path] : numbered) {
    const auto [it, inserted] = first.emplace(number, path);
    if (inserted) {
      distinct.push_back(number);
    } else {
      problems.push_back(
          {path, fmt::format("duplicate number {} (first used at {})", number, it->second)});
    }
  }
  if (distinct.empty()) return;
  std::sort(distinct.begin(), distinct.end());
  // Every number is >= 1, so the gaps are the numbers below the highest that are absent.
  const auto missing_count = static_cast<std::size_t>(distinct.back()) - distinct.size();
  if (missing_count == 0) return;
  std::string list;
  std::size_t listed = 0;
  int expected = 1;
  for (const int n : distinct) {
    for (; expected < n && listed < kMaxListedGaps; ++expected, ++listed) {
      if (!list.empty()) list += ", ";
      list += std::to_string(expected);
    }
    if (listed == kMaxListedGaps) break;
    expected = n + 1;
  }
  if (missing_count > listed) list += fmt::format(" and {} more", missing_count - listed);
  problems.push_back(
      {list_path, fmt::format("numbers must run 1, 2, 3, ... without gaps; missing {}", list)});
}

void check_tags(Parsed& parsed, Problems& problems) {
  const Catalogue& catalogue = parsed.catalogue;
  // Duplicate tags and alternatives, compared case-insensitively without '#'.
  std::unordered_map<std::string, std::size_t> by_key;  // tag key -> index into parsed.tags
  for (std::size_t i = 0; i < parsed.tags.size(); ++i) {
    const Parsed::TagInfo& t = parsed.tags[i];
    const auto [it, inserted] = by_key.emplace(tag_key(t.spelling), i);
    if (!inserted) {
      const Parsed::TagInfo& other = parsed.tags[it->second];
      problems.push_back(
          {t.path, fmt::format("duplicate hashtag {} (same as {} at {})", quote(t.spelling),
                               quote(other.spelling), other.path)});
    }
  }
  // Message hashtags: known to the catalogue, and each catalogue hashtag once per message.
  std::unordered_map<std::size_t, const Parsed::TagUse*> seen;  // hashtag index -> first use
  std::size_t current_message = std::numeric_limits<std::size_t>::max();
  for (const Parsed::TagUse& use : parsed.tag_uses) {
    if (use.message != current_message) {
      seen.clear();
      current_message = use.message;
    }
    const auto it = by_key.find(tag_key(use.spelling));
    if (it == by_key.end()) {
      if (parsed.tags_complete)
        problems.push_back({use.path, fmt::format("unknown hashtag {}", quote(use.spelling))});
      continue;
    }
    const std::size_t hashtag = parsed.tags[it->second].hashtag;
    const auto [first, inserted] = seen.emplace(hashtag, &use);
    if (inserted) continue;
    if (unicode::equal_ignoring_case(first->second->spelling, use.spelling)) {
      problems.push_back({use.path, fmt::format("duplicate hashtag {} (also at {})",
                                                quote(use.spelling), first->second->path)});
    } else {
      problems.push_back(
          {use.path, fmt::format("{} is another spelling of {} at {} (catalogue hashtag {})",
                                 quote(use.spelling), quote(first->second->spelling),
                                 first->second->path, quote(catalogue.hashtags[hashtag].tag))});
    }
  }
}

void check_messages(Parsed& parsed, Problems& problems) {
  check_unique_ids(parsed.message_ids, problems);
  std::vector<std::pair<int, std::string>> numbered;
  for (std::size_t i = 0; i < parsed.catalogue.messages.size(); ++i) {
    const Parsed::MessageInfo& info = parsed.message_info[i];
    if (info.has_number)
      numbered.emplace_back(parsed.catalogue.messages[i].number, info.path + ".number");
  }
  check_numbering(numbered, "messages", problems);
  if (!parsed.have_default_language) return;
  const std::string& lang = parsed.catalogue.campaign.default_language;
  for (std::size_t i = 0; i < parsed.catalogue.messages.size(); ++i) {
    const Parsed::MessageInfo& info = parsed.message_info[i];
    const Message& m = parsed.catalogue.messages[i];
    if (info.has_text && !m.text.empty() && m.text.find(lang) == m.text.end()) {
      problems.push_back(
          {info.path + ".text",
           fmt::format("has no text in the default language {} (campaign.default_language)",
                       quote(lang))});
    }
  }
}

/// Reads the whole document into `parsed`; problems go to `problems`.
void read_document(const json& doc, Parsed& parsed, Problems& problems) {
  if (!doc.is_object()) {
    problems.push_back(
        {kRootWhere, fmt::format("must be an object {{\"schema\": 1, \"campaign\": {{...}}, "
                                 "\"messages\": [...], ...}} (got {})",
                                 describe(doc))});
    return;
  }
  const Reader r(doc, "", problems);
  json_problems::check_schema_version(r, problems, kSchemaVersion);
  if (const json* c = r.required("campaign")) read_campaign(*c, parsed, problems);
  if (const json* list = r.required("messages")) {
    const bool is_array = for_each_element(
        *list, "messages", "message objects", problems,
        [&](const json& v, const std::string& path) { read_message(v, path, parsed, problems); });
    if (is_array && list->empty())
      problems.push_back({"messages", "must list at least one message"});
  }
  if (const json* list = r.optional("hashtags")) {
    // Reserved: growing a vector of 40,000 tags moved each one about twice.
    if (list->is_array()) parsed.catalogue.hashtags.reserve(list->size());
    const bool is_array = for_each_element(
        *list, "hashtags", "hashtag objects", problems,
        [&](const json& v, const std::string& path) { read_hashtag(v, path, parsed, problems); });
    if (!is_array) parsed.tags_complete = false;
  }
  if (const json* list = r.optional("images")) {
    for_each_element(
        *list, "images", "image objects", problems,
        [&](const json& v, const std::string& path) { read_image(v, path, parsed, problems); });
  }
  for (const std::string_view kind : {std::string_view("goals"), std::string_view("tips")}) {
    const json* list = r.optional(kind);
    if (list == nullptr) continue;
    const std::string list_path(kind);
    std::vector<Item>& items = kind == "goals" ? parsed.catalogue.goals : parsed.catalogue.tips;
    std::vector<std::pair<int, std::string>> numbered;
    const std::string_view singular = kind == "goals" ? "goal" : "tip";
    for_each_element(*list, list_path, fmt::format("{} objects", singular), problems,
                     [&](const json& v, const std::string& path) {
                       items.push_back(read_item(v, path, singular, numbered, problems));
                     });
    check_numbering(numbered, list_path, problems);
  }
  r.reject_unknown_keys(kRootKeys);

  check_messages(parsed, problems);
  check_tags(parsed, problems);
  check_unique_ids(parsed.image_ids, problems);
}

/// Where a problem sorts in the report: by the top-level key its path starts with (in
/// kRootKeys order; "(root)" first, unknown keys last), then by the element of that list
/// it is in (problems of a list as a whole after those of its elements). Problems with
/// the same key keep the order they were found in.
std::pair<std::size_t, std::size_t> report_order(std::string_view where) {
  constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();
  if (where == kRootWhere) return {0, 0};
  const std::size_t end = std::min(where.find('.'), where.find('['));
  const std::string_view top = where.substr(0, end);
  const auto known = std::find(kRootKeys.begin(), kRootKeys.end(), top);
  const std::size_t rank = 1 + static_cast<std::size_t>(known - kRootKeys.begin());
  if (end == std::string_view::npos) return {rank, kWhole};
  std::size_t index = 0;
  std::size_t i = end + 1;
  if (where[end] != '[' || i >= where.size() || !is_ascii_digit(where[i])) return {rank, 0};
  for (; i < where.size() && is_ascii_digit(where[i]) && index < kWhole / 10; ++i)
    index = index * 10 + static_cast<std::size_t>(where[i] - '0');
  return {rank, index};
}

/// Sorts messages, goals or tips by number (stable).
template <class T>
void sort_by_number(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const T& a, const T& b) { return a.number < b.number; });
}

}  // namespace

// ---------------------------------------------------------------------------------------

namespace {

// The entry pick_language and pick_language_key take: one rule for both.
LocalizedText::const_iterator pick_entry(const LocalizedText& text, std::string_view lang, std::string_view fallback) {
  if (const auto it = text.find(lang); it != text.end()) return it;
  if (const auto it = text.find(fallback); it != text.end()) return it;
  return text.begin();  // the first, or end() when there is none
}

}  // namespace

std::string_view pick_language(const LocalizedText& text, std::string_view lang,
                               std::string_view fallback) {
  const auto it = pick_entry(text, lang, fallback);
  return it == text.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view pick_language_key(const LocalizedText& text, std::string_view lang, std::string_view fallback) {
  const auto it = pick_entry(text, lang, fallback);
  return it == text.end() ? std::string_view() : std::string_view(it->first);
}

CatalogueResult parse_catalogue(std::string_view document) {
  CatalogueResult result;
  json_problems::JsonDocument doc = json_problems::read_json(document);
  if (const auto& bad = doc.invalid_utf8) {
    // Nothing after the first bad sequence can be trusted: that is the one problem.
    const std::string position = line_column(document, bad->offset);  // "line:column"
    const std::size_t colon = position.find(':');
    result.problems.push_back(
        {fmt::format("byte {}", bad->offset),
         fmt::format("invalid UTF-8 ({}) at line {}, column {}", unicode::describe(bad->kind),
                     position.substr(0, colon), position.substr(colon + 1))});
    return result;
  }
  for (json_problems::JsonProblem& p : doc.problems)
    result.problems.push_back({std::move(p.where), std::move(p.message)});
  if (!doc.parsed) return result;
  Parsed parsed;
  read_document(doc.root, parsed, result.problems);
  if (!result.problems.empty()) {
    // Cross-checks run after the walk; put their problems beside the others of the same
    // message, hashtag, image, ...
    std::stable_sort(result.problems.begin(), result.problems.end(),
                     [](const CatalogueProblem& a, const CatalogueProblem& b) {
                       return report_order(a.where) < report_order(b.where);
                     });
    return result;
  }
  sort_by_number(parsed.catalogue.messages);
  sort_by_number(parsed.catalogue.goals);
  sort_by_number(parsed.catalogue.tips);
  result.catalogue = std::move(parsed.catalogue);
  return result;
}

const Catalogue& default_catalogue() {
  // Parsed once, on first use (thread-safe static initialization). The embedded file is
  // part of the program, so a problem in it is a programming error (a unit test checks
  // that it parses); if initialization throws, the next call tries again.
  static const Catalogue catalogue = [] {
    CatalogueResult result = parse_catalogue(embedded_default_catalogue());
    if (!result.catalogue) {
      std::string message =
          "the built-in data/catalogues/mielenterveysvaalit-2022.json is invalid:";
      for (const CatalogueProblem& p : result.problems)
        message += fmt::format("\n  {}: {}", p.where, p.message);
      throw std::logic_error(message);
    }
    return std::move(*result.catalogue);
  }();
  return catalogue;
}

const Message* find_message(const Catalogue& catalogue, std::string_view number_or_id) {
  if (number_or_id.empty()) return nullptr;
  const bool digits = std::all_of(number_or_id.begin(), number_or_id.end(), is_ascii_digit);
  if (digits) {
    // Ids always have a letter (is_slug), so all digits means a number. Leading zeros
    // are allowed ("03"); a number too large for an int names no message.
    std::uint64_t n = 0;
    for (const char c : number_or_id) {
      n = n * 10 + static_cast<std::uint64_t>(c - '0');
      if (n > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return nullptr;
    }
    for (const Message& m : catalogue.messages) {
      if (static_cast<std::uint64_t>(m.number) == n) return &m;
    }
    return nullptr;
  }
  for (const Message& m : catalogue.messages) {
    if (m.id == number_or_id) return &m;
  }
  return nullptr;
}

const Hashtag* find_hashtag(const Catalogue& catalogue, std::string_view tag) {
  const std::string_view name = without_hash(tag);
  if (name.empty()) return nullptr;
  for (const Hashtag& h : catalogue.hashtags) {
    if (unicode::equal_ignoring_case(without_hash(h.tag), name)) return &h;
    for (const std::string& alternative : h.alternatives) {
      if (unicode::equal_ignoring_case(without_hash(alternative), name)) return &h;
    }
  }
  return nullptr;
}

HashtagIndex::HashtagIndex(const Catalogue& catalogue) {
  // Catalogue order, each tag before its alternatives, and emplace keeps the first entry
  // for a key: the entry find_hashtag's scan reaches first.
  for (const Hashtag& h : catalogue.hashtags) {
    by_key_.emplace(tag_key(h.tag), &h);
    for (const std::string& alternative : h.alternatives) by_key_.emplace(tag_key(alternative), &h);
  }
}

const Hashtag* HashtagIndex::find(std::string_view tag) const {
  // find_hashtag compares with equal_ignoring_case, which is equality of fold_case: the
  // same code points, each mapped by to_lower. An empty name matches nothing there.
  const std::string key = tag_key(tag);
  if (key.empty()) return nullptr;
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? nullptr : it->second;
}

std::vector<std::string> closest_hashtags(const Catalogue& catalogue, std::string_view tag,
                                          std::size_t max) {
  std::vector<std::string> out;
  if (max == 0) return out;
  const std::u32string query = code_points(tag_key(tag));
  // Every tag and alternative, in catalogue order, once each (case-insensitively).
  struct Candidate {
    const std::string* spelling;
    std::size_t distance;
  };
  std::vector<Candidate> candidates;
  std::vector<std::string> keys;
  const auto consider = [&](const std::string& spelling) {
    std::string key = tag_key(spelling);
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
    candidates.push_back({&spelling, json_problems::edit_distance(query, code_points(key))});
    keys.push_back(std::move(key));
  };
  for (const Hashtag& h : catalogue.hashtags) {
    consider(h.tag);
    for (const std::string& alternative : h.alternatives) consider(alternative);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
  // Only near misses are suggestions: at most max(2, a third of the query's length) edits.
  const std::size_t cutoff = std::max<std::size_t>(2, query.size() / 3);
  for (std::size_t i = 0; i < candidates.size() && out.size() < max; ++i) {
    if (candidates[i].distance <= cutoff) out.push_back(*candidates[i].spelling);
  }
  return out;
}

}  // namespace somepost::core
