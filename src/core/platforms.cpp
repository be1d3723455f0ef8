// Platform profiles: parsing and validating the profiles document (data/platforms.json
// and `--platforms FILE`), the built-in set, merging and `--limit ID=N`.
//
// The document is read by json_problems::read_json (json_problems.hpp), which validates
// UTF-8 first and reports duplicate object keys and syntax errors with their positions
// ("line:column", both 1-based; lines are separated by LF, and the column counts code
// points, not bytes, from the start of the line). Validation then walks the DOM and
// reports every problem it finds, each with a JSON path ("profiles[2].limit"); nothing
// throws on bad input.

#include "core/platforms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/embedded.hpp"
#include "core/json_problems.hpp"
#include "unicode/utf8.hpp"

namespace somepost::core {
namespace {

using json_problems::describe;
using json_problems::element_path;
using json_problems::kRootWhere;
using json_problems::line_column;
using json_problems::names_of;
using json_problems::ObjectReader;
using json_problems::quote;
using nlohmann::json;
using Errors = std::vector<ProfileError>;

/// The only schema version this code reads (the document's "schema" key).
constexpr std::uint64_t kSchemaVersion = 1;

// ---------------------------------------------------------------------------------------
// Keys and enum spellings of the schema (docs/platforms.md, "Profiles file schema").

constexpr std::array<std::string_view, 2> kRootKeys = {"schema", "profiles"};
// clang-format off
constexpr std::array<std::string_view, 18> kProfileKeys = {
    "id", "name", "unit", "limit", "byte_limit", "nfc", "url_rule", "url_length",
    "mention_local_part", "blank_counts_zero", "counts_content_warning", "hashtag_rule",
    "max_hashtags", "max_links", "warnings", "sources", "checked", "notes"};
// clang-format on
constexpr std::array<std::string_view, 2> kCapKeys = {"max", "severity"};
constexpr std::array<std::string_view, 2> kWarningKeys = {"when", "message"};

/// One spelling of an enum value in the document.
template <class E>
struct Spelling {
  std::string_view name;
  E value;
};

constexpr std::array<Spelling<CountingUnit>, 3> kUnits = {{
    {"x-weighted", CountingUnit::x_weighted},
    {"graphemes", CountingUnit::graphemes},
    {"emoji-bytes", CountingUnit::emoji_bytes},
}};
constexpr std::array<Spelling<UrlRule>, 2> kUrlRules = {{
    {"twitter", UrlRule::twitter},
    {"mastodon", UrlRule::mastodon},
}};
constexpr std::array<Spelling<HashtagRule>, 3> kHashtagRules = {{
    {"x", HashtagRule::x},
    {"mastodon", HashtagRule::mastodon},
    {"bluesky", HashtagRule::bluesky},
}};
constexpr std::array<Spelling<Severity>, 2> kSeverities = {{
    {"warning", Severity::warning},
    {"error", Severity::error},
}};
constexpr std::array<Spelling<WarningWhen>, 3> kWarningWhens = {{
    {"always", WarningWhen::always},
    {"has_links", WarningWhen::has_links},
    {"has_hashtags", WarningWhen::has_hashtags},
}};

// ---------------------------------------------------------------------------------------
// Validation. Every reader reports its own problems into `errors` and returns nothing
// (or a partial value) on failure, so that one pass finds every problem.

/// An integer >= 1 (or >= 0 when `allow_zero`) and <= `max`.
std::optional<std::size_t> read_count(const json& v, const std::string& where, bool allow_zero,
                                      std::size_t max, Errors& errors) {
  if (v.is_number_unsigned()) {
    const auto n = v.get<std::uint64_t>();
    if (n > max) {
      errors.push_back({where, fmt::format("must be at most {} (got {})", max, describe(v))});
      return std::nullopt;
    }
    if (n > 0 || allow_zero) return static_cast<std::size_t>(n);
  }
  errors.push_back({where, fmt::format("must be a {} integer (got {})",
                                       allow_zero ? "non-negative" : "positive", describe(v))});
  return std::nullopt;
}

std::optional<bool> read_bool(const json& v, const std::string& where, Errors& errors) {
  if (v.is_boolean()) return v.get<bool>();
  errors.push_back({where, fmt::format("must be true or false (got {})", describe(v))});
  return std::nullopt;
}

/// A string; non-empty unless `allow_empty`.
std::optional<std::string> read_string(const json& v, const std::string& where, bool allow_empty,
                                       Errors& errors) {
  if (v.is_string() && (allow_empty || !v.get_ref<const std::string&>().empty())) {
    return v.get<std::string>();
  }
  errors.push_back({where, fmt::format("must be a {}string (got {})",
                                       allow_empty ? "" : "non-empty ", describe(v))});
  return std::nullopt;
}

template <class E, std::size_t N>
std::optional<E> read_enum(const json& v, const std::string& where,
                           const std::array<Spelling<E>, N>& spellings, Errors& errors,
                           std::string_view also_allowed = {}) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    for (const auto& spelling : spellings) {
      if (s == spelling.name) return spelling.value;
    }
  }
  std::string allowed = names_of(spellings);
  if (!also_allowed.empty()) {
    allowed += ", ";
    allowed += also_allowed;
  }
  errors.push_back({where, fmt::format("must be one of {} (got {})", allowed, describe(v))});
  return std::nullopt;
}

/// A profile id: non-empty, only a-z, 0-9 and '-'.
std::optional<std::string> read_id(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (ok) return s;
  }
  errors.push_back(
      {where, fmt::format("must be a non-empty string of a-z, 0-9 and '-' (got {})", describe(v))});
  return std::nullopt;
}

bool is_leap_year(unsigned year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

/// A calendar date written "YYYY-MM-DD" (year 0001..9999, proleptic Gregorian).
std::optional<std::string> read_date(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    const bool shaped =
        s.size() == 10 && s[4] == '-' && s[7] == '-' &&
        std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (shaped) {
      const auto number = [&s](std::size_t at, std::size_t n) {
        unsigned value = 0;
        for (std::size_t i = at; i < at + n; ++i)
          value = value * 10 + static_cast<unsigned>(s[i] - '0');
        return value;
      };
      const unsigned year = number(0, 4);
      const unsigned month = number(5, 2);
      const unsigned day = number(8, 2);
      constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool real = year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
                        day <= kDays[month - 1] + (month == 2 && is_leap_year(year) ? 1 : 0);
      if (real) return s;
      errors.push_back({where, fmt::format("is not a calendar date (got {})", describe(v))});
      return std::nullopt;
    }
  }
  errors.push_back({where, fmt::format("must be a date written YYYY-MM-DD (got {})", describe(v))});
  return std::nullopt;
}

/// An absolute http:// or https:// URL without spaces or control characters.
std::optional<std::string> read_url(const json& v, const std::string& where, Errors& errors) {
  if (v.is_string()) {
    const std::string_view s = v.get_ref<const std::string&>();
    const std::size_t scheme = s.substr(0, 8) == "https://"  ? 8
                               : s.substr(0, 7) == "http://" ? 7
                                                             : 0;
    const bool ok =
        scheme != 0 && s.size() > scheme && std::none_of(s.begin(), s.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return u <= 0x20 || u == 0x7F;
        });
    if (ok) return std::string(s);
  }
  errors.push_back(
      {where, fmt::format("must be an http:// or https:// URL (got {})", describe(v))});
  return std::nullopt;
}

/// A cap object {"max": N >= 0, "severity": "warning"|"error"}.
std::optional<Cap> read_cap(const json& v, const std::string& where, Errors& errors) {
  if (!v.is_object()) {
    errors.push_back(
        {where,
         fmt::format(
             "must be an object {{\"max\": N, \"severity\": \"warning\" or \"error\"}} (got {})",
             describe(v))});
    return std::nullopt;
  }
  const ObjectReader r(v, where, errors);
  const std::size_t before = errors.size();
  Cap cap;
  if (const json* m = r.required("max")) {
    if (auto n = read_count(*m, r.path_of("max"), /*allow_zero=*/true, kMaxLimit, errors)) cap.max = *n;
  }
  if (const json* s = r.required("severity")) {
    if (auto sev = read_enum(*s, r.path_of("severity"), kSeverities, errors)) cap.severity = *sev;
  }
  r.reject_unknown_keys(kCapKeys);
  if (errors.size() != before) return std::nullopt;
  return cap;
}

std::vector<ProfileWarning> read_warnings(const json& v, const std::string& where, Errors& errors) {
  std::vector<ProfileWarning> warnings;
  if (!v.is_array()) {
    errors.push_back(
        {where, fmt::format("must be an array of {{\"when\", \"message\"}} objects (got {})",
                            describe(v))});
    return warnings;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    const json& item = v[i];
    const std::string path = element_path(where, i);
    if (!item.is_object()) {
      errors.push_back({path, fmt::format("must be an object {{\"when\", \"message\"}} (got {})",
                                          describe(item))});
      continue;
    }
    const ObjectReader r(item, path, errors);
    ProfileWarning warning;
    if (const json* w = r.required("when")) {
      if (auto when = read_enum(*w, r.path_of("when"), kWarningWhens, errors)) warning.when = *when;
    }
    if (const json* m = r.required("message")) {
      if (auto message = read_string(*m, r.path_of("message"), /*allow_empty=*/false, errors)) {
        warning.message = std::move(*message);
      }
    }
    r.reject_unknown_keys(kWarningKeys);
    warnings.push_back(std::move(warning));
  }
  return warnings;
}

std::vector<std::string> read_sources(const json& v, const std::string& where, Errors& errors) {
  std::vector<std::string> sources;
  if (!v.is_array()) {
    errors.push_back({where, fmt::format("must be an array of URLs (got {})", describe(v))});
    return sources;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (auto url = read_url(v[i], element_path(where, i), errors))
      sources.push_back(std::move(*url));
  }
  return sources;
}

/// Reads one profile object; problems go to `errors` (the result is then incomplete).
Profile read_profile(const json& v, const std::string& path, Errors& errors) {
  Profile p;
  if (!v.is_object()) {
    errors.push_back({path, fmt::format("must be a profile object (got {})", describe(v))});
    return p;
  }
  const ObjectReader r(v, path, errors);
  if (const json* x = r.required("id")) {
    if (auto id = read_id(*x, r.path_of("id"), errors)) p.id = std::move(*id);
  }
  if (const json* x = r.required("name")) {
    if (auto name = read_string(*x, r.path_of("name"), /*allow_empty=*/false, errors))
      p.name = std::move(*name);
  }
  if (const json* x = r.required("unit")) {
    if (auto unit = read_enum(*x, r.path_of("unit"), kUnits, errors)) p.unit = *unit;
  }
  if (const json* x = r.required("limit")) {
    if (auto n = read_count(*x, r.path_of("limit"), /*allow_zero=*/false, kMaxLimit, errors)) p.limit = *n;
  }
  if (const json* x = r.optional("byte_limit")) {
    if (auto n = read_count(*x, r.path_of("byte_limit"), /*allow_zero=*/false, kMaxLimit, errors))
      p.byte_limit = *n;
  }
  if (const json* x = r.required("nfc")) {
    if (auto b = read_bool(*x, r.path_of("nfc"), errors)) p.nfc = *b;
  }
  if (const json* x = r.required("url_rule"); x != nullptr && !x->is_null()) {
    if (auto rule = read_enum(*x, r.path_of("url_rule"), kUrlRules, errors, "null"))
      p.url_rule = *rule;
  }
  if (const json* x = r.required("url_length")) {
    if (auto n = read_count(*x, r.path_of("url_length"), /*allow_zero=*/true, kMaxUrlLength,
                              errors))
      p.url_length = *n;
  }
  if (const json* x = r.required("mention_local_part")) {
    if (auto b = read_bool(*x, r.path_of("mention_local_part"), errors)) p.mention_local_part = *b;
  }
  if (const json* x = r.required("blank_counts_zero")) {
    if (auto b = read_bool(*x, r.path_of("blank_counts_zero"), errors)) p.blank_counts_zero = *b;
  }
  if (const json* x = r.required("counts_content_warning")) {
    if (auto b = read_bool(*x, r.path_of("counts_content_warning"), errors)) {
      p.counts_content_warning = *b;
    }
  }
  if (const json* x = r.required("hashtag_rule")) {
    if (auto rule = read_enum(*x, r.path_of("hashtag_rule"), kHashtagRules, errors))
      p.hashtag_rule = *rule;
  }
  if (const json* x = r.optional("max_hashtags"))
    p.max_hashtags = read_cap(*x, r.path_of("max_hashtags"), errors);
  if (const json* x = r.optional("max_links"))
    p.max_links = read_cap(*x, r.path_of("max_links"), errors);
  if (const json* x = r.required("warnings"))
    p.warnings = read_warnings(*x, r.path_of("warnings"), errors);
  if (const json* x = r.required("sources"))
    p.sources = read_sources(*x, r.path_of("sources"), errors);
  if (const json* x = r.required("checked")) {
    if (auto date = read_date(*x, r.path_of("checked"), errors)) p.checked = std::move(*date);
  }
  if (const json* x = r.required("notes")) {
    if (auto notes = read_string(*x, r.path_of("notes"), /*allow_empty=*/true, errors))
      p.notes = std::move(*notes);
  }
  r.reject_unknown_keys(kProfileKeys);
  return p;
}

/// Validates the whole document; fills `result.profiles` in file order.
void read_document(const json& doc, ProfilesResult& result) {
  Errors& errors = result.errors;
  if (!doc.is_object()) {
    errors.push_back(
        {kRootWhere,
         fmt::format("must be an object {{\"schema\": 1, \"profiles\": [...]}} (got {})",
                     describe(doc))});
    return;
  }
  const ObjectReader r(doc, "", errors);
  json_problems::check_schema_version(r, errors, kSchemaVersion);
  if (const json* list = r.required("profiles")) {
    if (!list->is_array()) {
      errors.push_back({"profiles", fmt::format("must be an array of profile objects (got {})",
                                                describe(*list))});
    } else if (list->empty()) {
      errors.push_back({"profiles", "must list at least one profile"});
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        result.profiles.push_back(read_profile((*list)[i], element_path("profiles", i), errors));
      }
      // Duplicate ids (among the profiles whose id was readable).
      for (std::size_t i = 0; i < result.profiles.size(); ++i) {
        const std::string& id = result.profiles[i].id;
        if (id.empty()) continue;
        for (std::size_t j = 0; j < i; ++j) {
          if (result.profiles[j].id == id) {
            errors.push_back(
                {element_path("profiles", i) + ".id",
                 fmt::format("duplicate id {} (first used by profiles[{}])", quote(id), j)});
            break;
          }
        }
      }
    }
  }
  r.reject_unknown_keys(kRootKeys);
}

}  // namespace

// ---------------------------------------------------------------------------------------

ProfilesResult parse_profiles(std::string_view json_text) {
  ProfilesResult result;
  json_problems::JsonDocument doc = json_problems::read_json(json_text);
  // Ill-formed UTF-8 anywhere: the exact offset and kind of the first bad sequence;
  // nothing after it can be trusted.
  if (const auto& bad = doc.invalid_utf8) {
    result.errors.push_back({line_column(json_text, bad->offset),
                             fmt::format("invalid UTF-8 ({}) at byte offset {}",
                                         unicode::describe(bad->kind), bad->offset)});
    return result;
  }
  // Duplicate keys, then the syntax error if any.
  for (json_problems::JsonProblem& p : doc.problems)
    result.errors.push_back({std::move(p.where), std::move(p.message)});
  if (!doc.parsed) return result;
  read_document(doc.root, result);
  if (!result.errors.empty()) result.profiles.clear();
  return result;
}

const std::vector<Profile>& builtin_profiles() {
  // Parsed once, on first use (thread-safe static initialization). The embedded file is
  // part of the program, so a problem in it is a programming error (a unit test checks
  // that it parses); if initialization throws, the next call tries again.
  static const std::vector<Profile> profiles = [] {
    ProfilesResult result = parse_profiles(embedded_platforms_json());
    if (!result.errors.empty()) {
      std::string message = "the built-in data/platforms.json is invalid:";
      for (const ProfileError& e : result.errors)
        message += fmt::format("\n  {}: {}", e.where, e.message);
      throw std::logic_error(message);
    }
    return std::move(result.profiles);
  }();
  return profiles;
}

void merge_profiles(std::vector<Profile>& base, const std::vector<Profile>& extra) {
  if (&base == &extra) return;  // every id is already there
  for (const Profile& profile : extra) {
    const auto it = std::find_if(base.begin(), base.end(),
                                 [&](const Profile& p) { return p.id == profile.id; });
    if (it != base.end()) {
      *it = profile;
    } else {
      base.push_back(profile);
    }
  }
}

const Profile* find_profile(const std::vector<Profile>& profiles, std::string_view id) noexcept {
  for (const Profile& p : profiles) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::optional<std::string> apply_limit_override(std::vector<Profile>& profiles,
                                                std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return fmt::format("expected ID=N (for example mastodon=5000), got {}", quote(assignment));
  }
  const std::string_view id = assignment.substr(0, eq);
  const std::string_view number = assignment.substr(eq + 1);
  if (id.empty()) {
    return fmt::format(
        "expected ID=N (for example mastodon=5000), got {}: the platform id is missing",
        quote(assignment));
  }
  const Profile* known = find_profile(profiles, id);
  if (known == nullptr) {
    return fmt::format("unknown platform {}; known: {}", quote(id), known_ids(profiles));
  }
  const bool digits = !number.empty() && std::all_of(number.begin(), number.end(),
                                                     [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    return fmt::format("the limit for {} must be a positive integer, got {}", json_problems::excerpt(id), quote(number));
  }
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && value > kMaxLimit)) {
    return fmt::format("the limit for {} is too large: {} (at most {})", json_problems::excerpt(id), quote(number),
                       kMaxLimit);
  }
  if (ec != std::errc{} || end != number.data() + number.size() || value == 0) {
    return fmt::format("the limit for {} must be a positive integer, got {}", json_problems::excerpt(id), quote(number));
  }
  // `known` points into `profiles`; find it again as a mutable element.
  profiles[static_cast<std::size_t>(known - profiles.data())].limit = value;
  return std::nullopt;
}

std::string known_ids(const std::vector<Profile>& profiles) {
  std::string out;
  for (const Profile& p : profiles) {
    if (!out.empty()) out += ", ";
    out += p.id;
  }
  return out;
}

}  // namespace somepost::core
