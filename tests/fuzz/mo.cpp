// Fuzz harness: the .mo reader (core::parse_mo, src/core/mo_catalog.*), and the checks
// it applies to each translation (replacement_fields, is_safe_translation).
// Input: the bytes of a .mo file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/mo_catalog.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

namespace {

// Each field is a piece of `text` itself, in order and not overlapping.
void check_fields(std::string_view text) {
  const std::vector<std::string_view> fields = core::replacement_fields(text);
  const char* at = text.data();
  for (const std::string_view f : fields) {
    FUZZ_CHECK(!f.empty());
    FUZZ_CHECK(f.data() >= at && f.data() + f.size() <= text.data() + text.size());
    FUZZ_CHECK(f.front() == '{' || f.front() == '}');
    at = f.data() + f.size();
  }
}

// A C0 control but newline and tab, DEL or a C1 control in valid UTF-8 `text`.
bool has_control(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unicode::Decoded d = unicode::decode_lenient(p, end);
    const char32_t cp = d.code_point;
    if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) return true;
    p += d.length;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = fuzz::as_view(data, size);
  const core::MoParseResult result = core::parse_mo(bytes);
  FUZZ_CHECK(result.catalog.has_value() == result.error.empty());
  if (!result.catalog) {
    FUZZ_CHECK_MESSAGE(result.error);
  } else {
    const core::MoCatalog& catalog = *result.catalog;
    FUZZ_CHECK(fuzz::valid_utf8(catalog.header()));
    // A rejected translation is never handed out.
    for (const std::string& msgid : catalog.rejected()) {
      FUZZ_CHECK(fuzz::valid_utf8(msgid));
      const std::string* found = catalog.find(msgid);
      FUZZ_CHECK_MSG(found == nullptr || core::is_safe_translation(msgid, *found), msgid);
    }
    // Whatever is handed out is safe for its msgid: look up every NUL-separated piece of
    // the file (the strings of a .mo file are NUL-terminated).
    std::size_t looked_up = 0;
    for (std::size_t start = 0; start < bytes.size() && looked_up < 256; ++looked_up) {
      std::size_t end = bytes.find('\0', start);
      if (end == std::string_view::npos) end = bytes.size();
      const std::string_view msgid = bytes.substr(start, end - start);
      if (const std::string* translation = catalog.find(msgid)) {
        FUZZ_CHECK(fuzz::valid_utf8(*translation));
        FUZZ_CHECK_MSG(!translation->empty(), msgid);
        FUZZ_CHECK_MSG(core::is_safe_translation(msgid, *translation), *translation);
      }
      start = end + 1;
    }
  }

  // The checks on their own, on any text.
  check_fields(bytes);
  if (fuzz::valid_utf8(bytes)) {
    const std::size_t half = bytes.size() / 2;
    const std::string_view a = bytes.substr(0, half);
    const std::string_view b = bytes.substr(half);
    if (fuzz::valid_utf8(a) && fuzz::valid_utf8(b)) (void)core::is_safe_translation(a, b);
    // A text is a safe translation of itself exactly when it has no control character
    // but newline and tab.
    FUZZ_CHECK_MSG(core::is_safe_translation(bytes, bytes) == !has_control(bytes), bytes);
  }
  return 0;
}
