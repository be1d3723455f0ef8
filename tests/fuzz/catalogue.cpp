// Fuzz harness: the catalogue loader and validator (core::parse_catalogue), and the
// look-ups run on a catalogue that passed (find_message, find_hashtag, closest_hashtags,
// pick_language, assemble_post). Input: a catalogue document (any bytes).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalogue.hpp"
#include "core/compose.hpp"
#include "fuzz_common.hpp"

using namespace somepost;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view document = fuzz::as_view(data, size);
  const core::CatalogueResult result = core::parse_catalogue(document);

  // Either a catalogue or its problems, never both, never neither.
  FUZZ_CHECK(result.catalogue.has_value() == result.problems.empty());
  for (const core::CatalogueProblem& p : result.problems) {
    FUZZ_CHECK_PATH(p.where);
    FUZZ_CHECK_MESSAGE(p.message);
  }
  if (!result.catalogue) return 0;
  FUZZ_CHECK(fuzz::valid_utf8(document));
  const core::Catalogue& catalogue = *result.catalogue;

  // Every message is found by its number and by its id; numbers are in order and unique.
  int previous = 0;
  for (const core::Message& m : catalogue.messages) {
    FUZZ_CHECK(m.number > previous);
    previous = m.number;
    FUZZ_CHECK(core::find_message(catalogue, std::to_string(m.number)) == &m);
    // By id: this message, unless the id is another message's number, which wins.
    const core::Message* by_id = core::find_message(catalogue, m.id);
    FUZZ_CHECK_MSG(by_id == &m || (by_id != nullptr && std::to_string(by_id->number) == m.id), m.id);
    for (const std::string& tag : m.hashtags) FUZZ_CHECK_MSG(core::find_hashtag(catalogue, tag) != nullptr, tag);
    const std::string_view body =
        core::pick_language(m.text, catalogue.campaign.default_language, catalogue.campaign.default_language);
    const std::string post = core::assemble_post(catalogue.campaign.post_template, body, catalogue.campaign.link, {});
    FUZZ_CHECK(fuzz::valid_utf8(post));
  }
  // Every hashtag and alternative is found, and names a catalogue entry.
  for (const core::Hashtag& h : catalogue.hashtags) {
    const core::Hashtag* found = core::find_hashtag(catalogue, h.tag);
    FUZZ_CHECK_MSG(found != nullptr, h.tag);
    for (const std::string& alternative : h.alternatives) {
      FUZZ_CHECK_MSG(core::find_hashtag(catalogue, alternative) != nullptr, alternative);
    }
    const auto close = core::closest_hashtags(catalogue, h.tag.substr(0, h.tag.size() / 2 + 1));
    FUZZ_CHECK(close.size() <= 3);
  }
  // Look-ups with text from the document itself (any string, not only the catalogue's).
  const std::string_view probe = document.substr(0, 64);
  if (fuzz::valid_utf8(probe)) {
    (void)core::find_message(catalogue, probe);
    (void)core::find_hashtag(catalogue, probe);
    FUZZ_CHECK(core::closest_hashtags(catalogue, probe, 2).size() <= 2);
  }
  return 0;
}
