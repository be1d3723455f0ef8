// Caseless comparison by the simple lowercase mapping.
#include <doctest/doctest.h>

#include "unicode/case.hpp"

using namespace somepost::unicode;

TEST_CASE("to_lower maps single code points") {
  CHECK(to_lower('A') == 'a');
  CHECK(to_lower('z') == 'z');
  CHECK(to_lower(U'Ä') == U'ä');
  CHECK(to_lower(U'Ö') == U'ö');
  CHECK(to_lower(U'Å') == U'å');
  CHECK(to_lower(U'Ж') == U'ж');
  CHECK(to_lower(U'Σ') == U'σ');
  CHECK(to_lower(U'\u0130') == U'i');   // İ has the simple mapping to i
  CHECK(to_lower(U'ß') == U'ß');        // no simple lowercase change
  CHECK(to_lower(0x10400) == 0x10428);  // DESERET CAPITAL LONG I
  CHECK(to_lower(0x1F600) == 0x1F600);
}

TEST_CASE("fold_case and equal_ignoring_case on Finnish tags") {
  CHECK(fold_case("#MIELENTERVEYSVAALIT") == "#mielenterveysvaalit");
  CHECK(fold_case("#HYVÄÄ_ÖITÄ") == "#hyvää_öitä");
  CHECK(equal_ignoring_case("#Terapiatakuu", "#terapiatakuu"));
  CHECK(equal_ignoring_case("ÄÖÅ", "äöå"));
  CHECK_FALSE(equal_ignoring_case("#mieli", "#mielenterveys"));
  CHECK_FALSE(equal_ignoring_case("#mieli", "#miel"));
  CHECK(equal_ignoring_case("", ""));
}
