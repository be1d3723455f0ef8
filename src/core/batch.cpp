#include "core/batch.hpp"

#include <charconv>

#include "core/export.hpp"
#include "core/report.hpp"

namespace somepost::core {
namespace {

constexpr std::size_t kMaxFilePart = 60;

std::string number_text(std::size_t n) {
  char buffer[24];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, n);
  return std::string(buffer, r.ptr);
}

std::string signed_text(std::ptrdiff_t n) {
  char buffer[24];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, n);
  return std::string(buffer, r.ptr);
}

// One CSV record for `text` counted as `count`.
void append_csv_record_for(std::string& out, const BatchSource& source, const PlatformPost& post,
                           std::string_view part, std::string_view text, const CountResult& count,
                           const CsvOptions& csv) {
  const PlatformCount& c = count.platforms.front();
  std::vector<std::string> fields;
  fields.reserve(16);
  fields.push_back(source.line ? number_text(source.line) : std::string());
  fields.push_back(source.message->id);
  fields.push_back(number_text(static_cast<std::size_t>(source.message->number)));
  fields.push_back(post.profile->id);
  fields.emplace_back(part);
  fields.emplace_back(text);
  fields.emplace_back(c.fits ? "true" : "false");
  fields.push_back(number_text(c.length));
  fields.push_back(number_text(c.limit));
  fields.push_back(signed_text(c.remaining));
  fields.emplace_back(unit_name(post.profile->unit));
  fields.push_back(number_text(c.bytes));
  fields.push_back(number_text(c.hashtags));
  fields.push_back(number_text(c.links));
  fields.push_back(join(c.warnings, "; "));
  fields.push_back(join(post.dropped, " "));
  append_csv_record(out, fields, csv);
}

}  // namespace

void append_batch_json(std::string& out, const BatchSource& source, const PlatformPost& post,
                       const BatchFields& fields) {
  out += '{';
  if (source.line) {
    out += "\"line\":";
    out += number_text(source.line);
    out += ',';
  }
  out += "\"message\":";
  append_json_string(out, source.message->id);
  out += ",\"number\":";
  out += number_text(static_cast<std::size_t>(source.message->number));
  out += ",\"platform\":";
  append_json_string(out, post.profile->id);
  out += ",\"text\":";
  append_json_string(out, post.text);
  out += post.fits ? ",\"fits\":true" : ",\"fits\":false";
  out += ",\"count\":";
  append_count_json(out, post.count);
  if (fields.dropped) {
    out += ",\"dropped_hashtags\":";
    append_string_array(out, post.dropped);
  }
  append_thread_json(out, post);
  out += '}';
}

void append_batch_csv_header(std::string& out) {
  out +=
      "line,message,number,platform,part,text,fits,length,limit,remaining,unit,bytes,hashtags,links,warnings,"
      "dropped_hashtags\r\n";
}

void append_batch_csv(std::string& out, const BatchSource& source, const PlatformPost& post,
                      const CsvOptions& csv) {
  if (!post.thread || post.parts.empty()) {
    append_csv_record_for(out, source, post, {}, post.text, post.count, csv);
    return;
  }
  // A thread's parts as posted, even a single one: it may differ from the text (a manual
  // break line and the whitespace around it dropped), and it is unnumbered.
  const std::string total = number_text(post.parts.size());
  for (std::size_t i = 0; i < post.parts.size(); ++i) {
    std::string part;
    if (post.parts.size() > 1) {
      part = number_text(i + 1);
      part += '/';
      part += total;
    }
    append_csv_record_for(out, source, post, part, post.parts[i].text, post.parts[i].count, csv);
  }
}

std::string sanitize_file_part(std::string_view text) {
  std::string out;
  bool dash = false;
  for (const char raw : text) {
    char c = raw;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      const bool separate = dash && !out.empty();
      if (out.size() + (separate ? 2 : 1) > kMaxFilePart) break;
      if (separate) out += '-';
      dash = false;
      out += c;
    } else {
      dash = true;
    }
  }
  if (out.empty()) out = "message";
  return out;
}

std::string batch_file_name(const BatchSource& source, std::string_view platform_id) {
  std::string out;
  if (source.line) {
    out += "line";
    out += number_text(source.line);
    out += '-';
  }
  const std::size_t number = source.message->number > 0 ? static_cast<std::size_t>(source.message->number) : 0;
  if (number < 10) out += '0';
  out += number_text(number);
  out += '-';
  out += sanitize_file_part(source.message->id);
  out += '.';
  out += sanitize_file_part(platform_id);
  out += ".txt";
  return out;
}

std::string batch_file_text(const PlatformPost& post) {
  std::string out;
  if (post.thread) {
    for (std::size_t i = 0; i < post.parts.size(); ++i) {
      if (i) out += "\n---\n";
      out += post.parts[i].text;
    }
  } else {
    out = post.text;
  }
  out += '\n';
  return out;
}

}  // namespace somepost::core
