// RGI emoji recognition (Emoji 17.0) and terminal display width.
#include <doctest/doctest.h>

#include "unicode/emoji.hpp"
#include "unicode/width.hpp"

using namespace somepost::unicode;

TEST_CASE("RGI emoji sequences of each kind are recognised") {
  CHECK(is_rgi_emoji("😀"));                    // basic, Emoji_Presentation
  CHECK(is_rgi_emoji("\xE2\x9D\xA4\xEF\xB8\x8F"));  // ❤️ basic with VS16
  CHECK(is_rgi_emoji("1️⃣"));                   // keycap
  CHECK(is_rgi_emoji("🇫🇮"));                   // flag
  CHECK(is_rgi_emoji("👍🏽"));                   // modifier sequence
  CHECK(is_rgi_emoji("🏴󠁧󠁢󠁳󠁣󠁴󠁿"));                   // tag sequence (Scotland)
  CHECK(is_rgi_emoji("🧑‍🎄"));                  // ZWJ sequence (Emoji 13)
  CHECK(is_rgi_emoji("👨‍👩‍👧‍👦"));
  CHECK(rgi_emoji_count() > 3900);
}

TEST_CASE("Emoji 17.0 additions are RGI") {
  // U+1FAC8 HAIRY CREATURE and U+1FA8A TROMBONE are new in Emoji 17.0.
  CHECK(is_rgi_emoji("\xF0\x9F\xAB\x88"));
  CHECK(is_rgi_emoji("\xF0\x9F\xAA\x8A"));
}

TEST_CASE("non-RGI text is rejected") {
  CHECK_FALSE(is_rgi_emoji(""));
  CHECK_FALSE(is_rgi_emoji("a"));
  CHECK_FALSE(is_rgi_emoji("#"));                       // keycap base alone
  CHECK_FALSE(is_rgi_emoji("\xE2\x9D\xA4"));            // ❤ without VS16 (not fully qualified)
  CHECK_FALSE(is_rgi_emoji("🇫"));                       // lone regional indicator
  CHECK_FALSE(is_rgi_emoji("😀😀"));                     // two sequences
  CHECK_FALSE(is_rgi_emoji("ä"));
  CHECK_FALSE(is_rgi_emoji("🇦🇦"));                      // not a flag
}

TEST_CASE("cluster width") {
  CHECK(cluster_width("a") == 1);
  CHECK(cluster_width("ä") == 1);
  CHECK(cluster_width("a\xCC\x88") == 1);  // a + combining diaeresis
  CHECK(cluster_width("中") == 2);
  CHECK(cluster_width("한") == 2);
  CHECK(cluster_width("😀") == 2);
  CHECK(cluster_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 2);  // ❤️
  CHECK(cluster_width("\xE2\x9D\xA4") == 1);              // ❤ text presentation
  CHECK(cluster_width("1️⃣") == 2);
  CHECK(cluster_width("🇫🇮") == 2);
  CHECK(cluster_width("👨‍👩‍👧‍👦") == 2);
  CHECK(cluster_width("\t") == 0);
  CHECK(cluster_width("\xCC\x88") == 0);       // lone combining mark
  CHECK(cluster_width("\xE2\x80\x8B") == 0);   // ZERO WIDTH SPACE (Cf)
  CHECK(cluster_width("") == 0);
  CHECK(cluster_width("\xEF\xBC\xA1") == 2);   // FULLWIDTH LATIN CAPITAL LETTER A
}

TEST_CASE("display width of a text") {
  CHECK(display_width("mielenterveysvaalit") == 19);
  CHECK(display_width("Hyvää päivää") == 12);
  CHECK(display_width("日本語 ok") == 9);
  CHECK(display_width("👍🏽 kiitos") == 9);
}

TEST_CASE("emoji sequences include non-fully-qualified multi-code-point forms") {
  CHECK(is_emoji_sequence("1\xE2\x83\xA3"));           // 1⃣ keycap without VS16
  CHECK_FALSE(is_rgi_emoji("1\xE2\x83\xA3"));
  CHECK(is_emoji_sequence("1️⃣"));                     // the RGI form too
  CHECK(is_emoji_sequence("😶\u200D🌫"));              // face in clouds without VS16
  CHECK_FALSE(is_emoji_sequence("\xC2\xA9"));           // © alone: text style by default
  CHECK_FALSE(is_emoji_sequence("ab"));
  CHECK_FALSE(is_emoji_sequence("12"));
}
