// Fuzz harness: UTM tagging (src/core/utm.*): parse_utm_spec, merge_query,
// link_for_platform on each built-in profile. Input: PARAMS 0x1E LINK 0x1E SPEC
// [0x1E VALUES], PARAMS: link scheme (even: keep, odd: https). VALUES: values for
// merge_query's direct check, separated by spaces.
//
// merge_query is checked against its contract, written out here independently: the link
// up to its fragment, then for each parameter the link's query does not already name
// (names compared exactly) "name=" and the value percent-encoded (RFC 3986: every byte but
// A-Z a-z 0-9 - . _ ~ as %HH), joined by '&', after '?' when the link has no query, after
// '&' unless the query is empty or ends in '&'; then the fragment.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/platforms.hpp"
#include "core/utm.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encoded(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : value) {
    if (unreserved(c)) {
      out.push_back(c);
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

bool query_names(std::string_view query, std::string_view name) {
  for (std::size_t start = 0; start <= query.size();) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    if (pair.substr(0, pair.find('=')) == name) return true;
    start = end + 1;
  }
  return false;
}

std::string expected_merge(std::string_view link, const Params& params) {
  const std::size_t hash = link.find('#');
  const std::string_view before = link.substr(0, hash);
  const std::string_view fragment = hash == std::string_view::npos ? std::string_view() : link.substr(hash);
  const std::size_t question = before.find('?');
  const bool has_query = question != std::string_view::npos;
  const std::string_view query = has_query ? before.substr(question + 1) : std::string_view();
  std::string added;
  for (const auto& [name, value] : params) {
    if (has_query && query_names(query, name)) continue;
    if (!added.empty()) added += '&';
    added += name + "=" + percent_encoded(value);
  }
  std::string out(before);
  if (!added.empty()) {
    if (!has_query) {
      out += '?';
    } else if (!query.empty() && query.back() != '&') {
      out += '&';
    }
    out += added;
  }
  out.append(fragment);
  return out;
}

void check_merge(std::string_view link, const Params& params) {
  const std::string merged = core::merge_query(link, params);
  FUZZ_CHECK_MSG(merged == expected_merge(link, params), merged);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> fields = fuzz::split_fields(fuzz::as_view(data, size), 4, 4);
  for (const std::string_view field : fields) {
    if (!fuzz::valid_utf8(field)) return 0;
  }
  fuzz::Numbers numbers(fields[0]);
  const core::LinkScheme scheme = numbers.next(0) % 2 ? core::LinkScheme::https : core::LinkScheme::keep;
  const std::string_view link = fields[1];

  // The spec: an error is one printable sentence; a spec reads back the same when written
  // out again.
  std::string error;
  const std::optional<core::UtmSpec> spec = core::parse_utm_spec(fields[2], error);
  if (!spec) {
    FUZZ_CHECK_MESSAGE(error);
  } else {
    FUZZ_CHECK(!spec->campaign.empty());
    if (!spec->medium.empty()) {
      std::string written = "campaign=" + spec->campaign + ",medium=" + spec->medium;
      if (!spec->content.empty()) written += ",content=" + spec->content;
      if (!spec->term.empty()) written += ",term=" + spec->term;
      std::string error2;
      const std::optional<core::UtmSpec> again = core::parse_utm_spec(written, error2);
      FUZZ_CHECK_MSG(again.has_value(), written + " -> " + error2);
      FUZZ_CHECK(again->campaign == spec->campaign && again->medium == spec->medium &&
                 again->content == spec->content && again->term == spec->term);
    }
  }

  // Each platform's link, untagged and tagged.
  for (const core::Profile& profile : core::builtin_profiles()) {
    const std::string plain = core::link_for_platform(link, profile, std::nullopt, scheme);
    if (link.empty()) {
      FUZZ_CHECK(plain.empty());
    } else if (scheme == core::LinkScheme::https && !core::has_scheme(link)) {
      FUZZ_CHECK(plain == "https://" + std::string(link));
    } else {
      FUZZ_CHECK(plain == link);
    }
    if (!spec) continue;
    const std::string tagged = core::link_for_platform(link, profile, spec, scheme);
    if (link.empty()) {
      FUZZ_CHECK(tagged.empty());
      continue;
    }
    const bool add_scheme = !core::has_scheme(link) &&
                            (scheme == core::LinkScheme::https || !core::links_bare_domains(profile));
    const std::string base = (add_scheme ? "https://" : "") + std::string(link);
    Params params = {{"utm_source", profile.id}, {"utm_medium", spec->medium}, {"utm_campaign", spec->campaign}};
    if (!spec->content.empty()) params.emplace_back("utm_content", spec->content);
    if (!spec->term.empty()) params.emplace_back("utm_term", spec->term);
    FUZZ_CHECK_MSG(tagged == expected_merge(base, params), tagged);
    FUZZ_CHECK(fuzz::valid_utf8(tagged));
  }

  // merge_query directly, with names that the link may already hold and values from the
  // input.
  static const char* const kNames[] = {"utm_source", "a", "utm_campaign", "utm_medium", "x=y", "b"};
  Params params;
  std::string_view values = fields[3];
  for (std::size_t i = 0; !values.empty() && i < 12; ++i) {
    const std::size_t end = values.find(' ');
    params.emplace_back(kNames[i % 6], std::string(values.substr(0, end)));
    if (end == std::string_view::npos) break;
    values.remove_prefix(end + 1);
  }
  check_merge(link, params);
  check_merge(link, {});
  return 0;
}
