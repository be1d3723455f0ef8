// Fuzz harness: every exporter (src/core/export.*, src/core/batch.*): compose's JSON, the
// Bluesky record and its facets, the Mastodon status, the LinkedIn post and its "little
// text", batch's JSON Lines object, CSV records and file names. Each JSON output is read
// back with nlohmann and compared with what was serialized; the CSV with core::CsvReader.
// Input: PARAMS 0x1E TEXT 0x1E TAGS 0x1E LANG 0x1E CREATED_AT 0x1E CONTENT_WARNING
// [0x1E MESSAGE_ID]. PARAMS: profile index (0-6), flags (1: --fit, 2: --thread, 4: a
// small limit), limit (1-300, with flag 4), visibility (0-3), message number, plan line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/batch.hpp"
#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "core/count.hpp"
#include "core/csv.hpp"
#include "core/export.hpp"
#include "core/language.hpp"
#include "core/platforms.hpp"
#include "count_checks.hpp"
#include "fuzz_common.hpp"

using namespace somepost;
using json = nlohmann::json;

namespace {

json tag_array(const std::vector<core::ChosenTag>& tags) {
  json a = json::array();
  for (const core::ChosenTag& t : tags) a.push_back(t.tag);
  return a;
}

// The parts of a post as compose's and batch's JSON write them.
void check_thread_json(const json& j, const core::PlatformPost& post, const std::string& out) {
  FUZZ_CHECK_MSG(j.contains("parts") == post.thread, out);
  if (!post.thread) return;
  const json& parts = j.at("parts");
  FUZZ_CHECK_MSG(parts.size() == post.parts.size(), out);
  for (std::size_t i = 0; i < post.parts.size(); ++i) {
    FUZZ_CHECK_MSG(parts[i].at("text") == post.parts[i].text, out);
    fuzz::check_count_json_value(parts[i].at("count"), post.parts[i].count, out);
  }
  FUZZ_CHECK_MSG(j.contains("problem") == !post.problem.empty(), out);
  if (!post.problem.empty()) FUZZ_CHECK_MSG(j.at("problem") == post.problem, out);
}

// LinkedIn's little text read back: "\c" is c, "{hashtag|SYMBOL|TAG}" is SYMBOL TAG.
// Aborts on a reserved character that is not escaped, which the API would cut the
// commentary at.
std::string little_text_unescaped(std::string_view little) {
  static constexpr std::string_view kReserved = "|{}@[]()<>#\\*_~";
  std::string out;
  std::size_t i = 0;
  // The next character of text: "\c" for a reserved c, or any other byte as it is.
  auto take = [&] {
    if (little[i] == '\\') {
      FUZZ_CHECK_MSG(i + 1 < little.size() && kReserved.find(little[i + 1]) != std::string_view::npos,
                     std::string(little));
      ++i;
    } else {
      FUZZ_CHECK_MSG(kReserved.find(little[i]) == std::string_view::npos, std::string(little));
    }
    return little[i++];
  };
  // Text up to an unescaped `stop`, which is consumed.
  auto read_until = [&](char stop) {
    std::string piece;
    while (i < little.size() && little[i] != stop) piece += take();
    FUZZ_CHECK_MSG(i < little.size(), std::string(little));
    ++i;
    return piece;
  };
  static constexpr std::string_view kTemplate = "{hashtag|";
  while (i < little.size()) {
    if (little.substr(i, kTemplate.size()) == kTemplate) {
      i += kTemplate.size();
      const std::string symbol = read_until('|');
      FUZZ_CHECK_MSG(symbol == "#" || symbol == "\xEF\xBC\x83", std::string(little));
      out += symbol;
      out += read_until('}');
    } else {
      out += take();
    }
  }
  return out;
}

void check_bluesky(std::string_view text, std::string_view lang, std::string_view created_at) {
  const std::vector<core::BlueskyFacet> facets = core::bluesky_facets(text);
  std::size_t previous_end = 0;
  for (const core::BlueskyFacet& f : facets) {
    FUZZ_CHECK(f.bytes.begin < f.bytes.end && f.bytes.end <= text.size());
    FUZZ_CHECK(f.bytes.begin >= previous_end);  // ordered, never overlapping
    previous_end = f.bytes.end;
    FUZZ_CHECK(fuzz::on_code_point_boundary(text, f.bytes.begin) && fuzz::on_code_point_boundary(text, f.bytes.end));
    const std::string_view covered = f.bytes.of(text);
    if (f.kind == core::BlueskyFacet::Kind::tag) {
      // The tag is the covered text without its '#' or '＃'.
      const bool ascii = covered.front() == '#';
      FUZZ_CHECK_MSG(ascii || covered.substr(0, 3) == "\xEF\xBC\x83", std::string(covered));
      FUZZ_CHECK_MSG(f.value == covered.substr(ascii ? 1 : 3), f.value);
    } else {
      // A link: the covered text, with https:// in front when it has no scheme.
      FUZZ_CHECK_MSG(f.value == covered || f.value == "https://" + std::string(covered), f.value);
    }
  }
  // The lexicon's limits.
  const core::TextStats stats = core::text_stats(text);
  const bool within = stats.graphemes <= core::kBlueskyTextMaxGraphemes && stats.bytes <= core::kBlueskyTextMaxBytes;
  const std::string problem = core::bluesky_text_problem(text);
  FUZZ_CHECK_MSG(problem.empty() == within, problem);

  if (!core::is_atproto_datetime(created_at) || !(lang.empty() || core::is_language_tag(lang))) return;
  std::string out;
  core::append_bluesky_record(out, text, lang, created_at);
  const json j = fuzz::parse_json_or_fail(out);
  FUZZ_CHECK_MSG(j.at("$type") == "app.bsky.feed.post", out);
  FUZZ_CHECK_MSG(j.at("text") == text, out);
  FUZZ_CHECK_MSG(j.at("createdAt") == created_at, out);
  FUZZ_CHECK_MSG(j.contains("langs") == !lang.empty(), out);
  if (!lang.empty()) FUZZ_CHECK_MSG(j.at("langs") == json::array({lang}), out);
  FUZZ_CHECK_MSG(j.contains("facets") == !facets.empty(), out);
  for (std::size_t i = 0; i < facets.size(); ++i) {
    const json& f = j.at("facets").at(i);
    FUZZ_CHECK_MSG(f.at("index").at("byteStart") == facets[i].bytes.begin, out);
    FUZZ_CHECK_MSG(f.at("index").at("byteEnd") == facets[i].bytes.end, out);
    const json& feature = f.at("features").at(0);
    if (facets[i].kind == core::BlueskyFacet::Kind::link) {
      FUZZ_CHECK_MSG(feature.at("$type") == "app.bsky.richtext.facet#link", out);
      FUZZ_CHECK_MSG(feature.at("uri") == facets[i].value, out);
    } else {
      FUZZ_CHECK_MSG(feature.at("$type") == "app.bsky.richtext.facet#tag", out);
      FUZZ_CHECK_MSG(feature.at("tag") == facets[i].value, out);
    }
  }
}

void check_mastodon(std::string_view text, std::string_view lang, std::string_view warning, std::size_t visibility) {
  static constexpr std::string_view kVisibilities[] = {"public", "unlisted", "private", "direct"};
  const core::MastodonStatus status{text, lang, kVisibilities[visibility % 4], warning};
  std::string out;
  core::append_mastodon_status(out, status);
  const json j = fuzz::parse_json_or_fail(out);
  FUZZ_CHECK_MSG(j.at("status") == text, out);
  FUZZ_CHECK_MSG(j.at("visibility") == status.visibility, out);
  FUZZ_CHECK_MSG(j.contains("spoiler_text") == !warning.empty(), out);
  if (!warning.empty()) FUZZ_CHECK_MSG(j.at("spoiler_text") == warning, out);
  FUZZ_CHECK_MSG(j.contains("language") == !lang.empty(), out);
  if (!lang.empty()) FUZZ_CHECK_MSG(j.at("language") == lang.substr(0, lang.find('-')), out);
}

void check_linkedin(std::string_view text) {
  const std::string little = core::linkedin_little_text(text);
  FUZZ_CHECK_MSG(little_text_unescaped(little) == text, little);
  std::string out;
  core::append_linkedin_post(out, text);
  const json j = fuzz::parse_json_or_fail(out);
  FUZZ_CHECK_MSG(j.at("commentary") == little, out);
  FUZZ_CHECK_MSG(j.at("visibility") == "PUBLIC", out);
  FUZZ_CHECK_MSG(j.at("lifecycleState") == "PUBLISHED", out);
  FUZZ_CHECK_MSG(!j.contains("author"), out);
}

// The CSV records of a post read back: the header, then one record per part (or one).
void check_batch_csv(const core::BatchSource& source, const core::PlatformPost& post) {
  std::string out;
  core::append_batch_csv_header(out);
  core::append_batch_csv(out, source, post);
  FUZZ_CHECK(out.size() >= 2 && out.substr(out.size() - 2) == "\r\n");
  core::CsvReader reader;
  std::vector<std::vector<std::string>> records;
  for (const std::string_view line : fuzz::split_lines(out)) {
    const core::CsvReader::Status status = reader.feed_line(line);
    FUZZ_CHECK_MSG(status != core::CsvReader::Status::error, reader.error());
    if (status == core::CsvReader::Status::record) records.push_back(reader.fields());
  }
  FUZZ_CHECK(reader.finish() == core::CsvReader::Status::need_more);
  const std::vector<const std::string*> texts = [&] {
    std::vector<const std::string*> t;
    if (post.thread) {
      for (const core::ThreadPart& p : post.parts) t.push_back(&p.text);
    } else {
      t.push_back(&post.text);
    }
    return t;
  }();
  FUZZ_CHECK_MSG(records.size() == texts.size() + 1, out);
  constexpr std::size_t kColumns = 16;
  FUZZ_CHECK(records[0].size() == kColumns && records[0][5] == "text");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::vector<std::string>& r = records[i + 1];
    FUZZ_CHECK_MSG(r.size() == kColumns, out);
    FUZZ_CHECK_MSG(r[0] == (source.line ? std::to_string(source.line) : ""), out);
    FUZZ_CHECK_MSG(r[1] == source.message->id, out);
    FUZZ_CHECK_MSG(r[3] == post.profile->id, out);
    FUZZ_CHECK_MSG(r[5] == *texts[i], out);
  }

  // batch --excel: a text a spreadsheet would take for a formula reads back with a quote
  // in front (an integer may stay as it is), any other as it is.
  std::string guarded;
  core::append_batch_csv(guarded, source, post, core::CsvOptions{true});
  core::CsvReader guarded_reader;
  std::size_t record = 0;
  for (const std::string_view line : fuzz::split_lines(guarded)) {
    if (guarded_reader.feed_line(line) != core::CsvReader::Status::record) continue;
    FUZZ_CHECK_MSG(record < texts.size(), guarded);
    const std::string& field = guarded_reader.fields().at(5);
    const std::string& text = *texts[record++];
    const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
    const bool integer = text.size() > 1 && text.find_first_not_of("0123456789", 1) == std::string::npos &&
                         (text[0] == '-' || text[0] == '+');
    if (formula && !integer) {
      FUZZ_CHECK_MSG(field == "'" + text, guarded);
    } else {
      FUZZ_CHECK_MSG(field == text || (integer && field == "'" + text), guarded);
    }
  }
  FUZZ_CHECK_MSG(record == texts.size(), guarded);
}

void check_batch(const core::BatchSource& source, const core::PlatformPost& post, bool fit) {
  std::string out;
  core::append_batch_json(out, source, post, core::BatchFields{fit});
  FUZZ_CHECK_MSG(out.find('\n') == std::string::npos, out);
  const json j = fuzz::parse_json_or_fail(out);
  FUZZ_CHECK_MSG(j.contains("line") == (source.line != 0), out);
  if (source.line) FUZZ_CHECK_MSG(j.at("line") == source.line, out);
  FUZZ_CHECK_MSG(j.at("message") == source.message->id, out);
  FUZZ_CHECK_MSG(j.at("number") == source.message->number, out);
  FUZZ_CHECK_MSG(j.at("platform") == post.profile->id, out);
  FUZZ_CHECK_MSG(j.at("text") == post.text, out);
  FUZZ_CHECK_MSG(j.at("fits") == post.fits, out);
  fuzz::check_count_json_value(j.at("count"), post.count, out);
  FUZZ_CHECK_MSG(j.contains("dropped_hashtags") == fit, out);
  if (fit) FUZZ_CHECK_MSG(j.at("dropped_hashtags") == json(post.dropped), out);
  check_thread_json(j, post, out);

  check_batch_csv(source, post);

  // File names: only [a-z0-9-] parts, never a path.
  const std::string part = core::sanitize_file_part(source.message->id);
  FUZZ_CHECK_MSG(!part.empty() && part.size() <= 60 && part.front() != '-' && part.back() != '-', part);
  for (const char c : part) FUZZ_CHECK_MSG((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-', part);
  const std::string name = core::batch_file_name(source, post.profile->id);
  FUZZ_CHECK_MSG(name.find('/') == std::string::npos && name.front() != '.', name);
  FUZZ_CHECK_MSG(name.size() > 4 && name.substr(name.size() - 4) == ".txt", name);
  for (const char c : name) {
    FUZZ_CHECK_MSG((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.', name);
  }
  const std::string file = core::batch_file_text(post);
  FUZZ_CHECK(!file.empty() && file.back() == '\n');
  if (!post.thread) FUZZ_CHECK(file == post.text + "\n");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string_view> f = fuzz::split_fields(fuzz::as_view(data, size), 7, 7);
  for (const std::string_view field : f) {
    if (!fuzz::valid_utf8(field)) return 0;
  }
  const std::string_view text = f[1];
  const std::string_view lang = f[3];
  const std::string_view created_at = f[4];
  const std::string_view warning = f[5];
  fuzz::Numbers numbers(f[0]);
  const std::vector<core::Profile>& builtin = core::builtin_profiles();
  core::Profile profile = builtin[numbers.next_in(0, builtin.size() - 1, 0)];
  const std::uint64_t flags = numbers.next(0);
  if (flags & 4) profile.limit = numbers.next_in(1, 300, profile.limit);
  const std::size_t visibility = numbers.next(0);

  std::vector<core::ChosenTag> tags;
  std::string_view rest = f[2];
  while (!rest.empty()) {
    const std::size_t end = rest.find(' ');
    if (end != 0) tags.push_back({std::string(rest.substr(0, end)), static_cast<int>(tags.size() % 3), nullptr});
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }

  // compose --format json for every platform.
  core::Counter counter;
  std::vector<const core::Profile*> all;
  for (const core::Profile& p : builtin) all.push_back(&p);
  core::CountResult count;
  counter.count(text, all, core::CountOptions{warning}, count);
  core::Message message;
  message.id = f[6].empty() ? "message" : std::string(f[6]);
  message.number = static_cast<int>(numbers.next_in(1, 999, 1));
  {
    std::string out;
    core::append_post_json(out, text, &message, tags, {}, count);
    const json j = fuzz::parse_json_or_fail(out);
    FUZZ_CHECK_MSG(j.at("text") == text, out);
    FUZZ_CHECK_MSG(j.at("message") == message.id, out);
    FUZZ_CHECK_MSG(j.at("hashtags") == tag_array(tags), out);
    FUZZ_CHECK_MSG(j.at("skipped_hashtags") == json::array(), out);
    fuzz::check_count_json_value(j.at("count"), count, out);
    out.clear();
    core::append_post_json(out, text, nullptr, {}, tags, count);
    const json k = fuzz::parse_json_or_fail(out);
    FUZZ_CHECK_MSG(k.at("message").is_null() && k.at("skipped_hashtags") == tag_array(tags), out);
  }

  // One platform's post, as compose --fit/--thread and batch make it.
  core::PostInput input;
  input.post_template = core::kDefaultTemplate;
  input.body = text;
  input.link = "";
  input.tags = tags;
  input.fit = flags & 1;
  input.thread = flags & 2;
  input.options.content_warning = warning;
  const core::PlatformPost post = core::compose_for_platform(input, profile, counter);
  {
    std::string out;
    core::append_platform_post_json(out, post);
    const json j = fuzz::parse_json_or_fail(out);
    FUZZ_CHECK_MSG(j.at("platform") == profile.id, out);
    FUZZ_CHECK_MSG(j.at("text") == post.text, out);
    FUZZ_CHECK_MSG(j.at("fits") == post.fits, out);
    FUZZ_CHECK_MSG(j.at("hashtags") == tag_array(post.kept), out);
    FUZZ_CHECK_MSG(j.at("dropped_hashtags") == json(post.dropped), out);
    fuzz::check_count_json_value(j.at("count"), post.count, out);
    check_thread_json(j, post, out);
  }
  check_batch(core::BatchSource{static_cast<std::size_t>(numbers.next(0)), &message}, post, input.fit);

  check_bluesky(text, lang, created_at);
  check_mastodon(text, lang, warning, visibility);
  check_linkedin(text);
  return 0;
}
