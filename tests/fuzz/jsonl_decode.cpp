// Fuzz harness: the `count --jsonl` line decoder (src/core/jsonl.*), checked against
// nlohmann::json's own parse of the same line (a differential check: a mismatch aborts).
// Input: one line (any bytes).
//
// What the decoder promises (jsonl.hpp, json_problems.hpp) and nlohmann decides:
//   - the line decodes exactly when it is valid UTF-8, nlohmann parses it, it is a string
//     or an object whose "text" member is a string, it has no duplicate key and no nesting
//     deeper than json_problems::kMaxDepth; the text is then the string nlohmann read;
//   - otherwise the reason is one line of printable text.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/json_problems.hpp"
#include "core/jsonl.hpp"
#include "fuzz_common.hpp"

using namespace somepost;
using json = nlohmann::json;

namespace {

// Walks the line with nlohmann's SAX parser, noting the deepest nesting and whether any
// object repeats a key: the two things the decoder refuses that nlohmann accepts.
class Shape final : public nlohmann::json_sax<json> {
 public:
  std::size_t max_depth = 0;
  bool duplicate_key = false;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return open(true); }
  bool key(string_t& k) override {
    if (!frames_.back().insert(k).second) duplicate_key = true;
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  bool open(bool) {
    frames_.emplace_back();
    if (frames_.size() > max_depth) max_depth = frames_.size();
    return true;
  }
  bool close() {
    frames_.pop_back();
    return true;
  }
  std::vector<std::set<std::string>> frames_;  // the keys of each open container (arrays: none)
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = fuzz::as_view(data, size);

  std::string text = "stale";  // overwritten on success: the capacity is reused, not the content
  const std::string error = core::decode_jsonl_text(line, text);

  // nlohmann's verdict on the same bytes.
  const bool utf8 = fuzz::valid_utf8(line);
  Shape shape;
  bool nlohmann_ok = false;
  json value;
  if (utf8) {
    try {
      nlohmann_ok = json::sax_parse(line, &shape);
      if (nlohmann_ok) value = json::parse(line);
    } catch (const json::exception& e) {
      fuzz::fail(__FILE__, __LINE__, "nlohmann threw after its SAX parse accepted the line", e.what());
    }
  }
  const json* expected = nullptr;  // the string nlohmann reads as the text
  if (nlohmann_ok && value.is_string()) expected = &value;
  if (nlohmann_ok && value.is_object()) {
    const auto it = value.find("text");
    if (it != value.end() && it->is_string()) expected = &*it;
  }
  const bool should_decode =
      expected != nullptr && !shape.duplicate_key && shape.max_depth <= core::json_problems::kMaxDepth;

  if (error.empty()) {
    FUZZ_CHECK_MSG(should_decode, line);
    FUZZ_CHECK_MSG(text == expected->get_ref<const std::string&>(), line);
  } else {
    FUZZ_CHECK_MSG(!should_decode, error);
    FUZZ_CHECK_PATH(error);  // a duplicate key's reason starts with its path
    // A syntax error quotes at most kQuoteMaxCodePoints of the input (each at most 6
    // bytes as \u00XX) besides its own words, however long the line. (A duplicate key's
    // reason starts with its JSON path, which may have up to kMaxDepth cut keys.)
    if (error.rfind("invalid", 0) == 0) {
      FUZZ_CHECK_MSG(error.size() <= 400 + 6 * core::json_problems::kQuoteMaxCodePoints, error);
    }
  }

  // Decoding twice into the same string gives the same answer (the reused capacity holds
  // nothing over).
  std::string again = "x";
  FUZZ_CHECK(core::decode_jsonl_text(line, again) == error);
  if (error.empty()) FUZZ_CHECK(again == text);
  return 0;
}
