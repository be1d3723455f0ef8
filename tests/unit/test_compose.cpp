// Post assembly, hashtag de-duplication against the body, and --fit.
#include <doctest/doctest.h>

#include <string>

#include "core/compose.hpp"

using namespace somepost::core;

namespace {

Catalogue small_catalogue() {
  Catalogue c;
  c.campaign.link = "mieli.fi/mielenterveysvaalit";
  c.campaign.default_language = "fi";
  c.hashtags = {
      {"#mielenterveysvaalit", {}, 100, "campaign", {"#mielenterveysvaalit2022"}},
      {"#aluevaalit2022", {}, 90, "campaign", {}},
      {"#terapiatakuu", {}, 60, "topic", {}},
      {"#mielenterveys", {}, 50, "topic", {}},
      {"#mieli", {}, 40, "organisation", {}},
  };
  return c;
}

std::vector<ChosenTag> chosen(const Catalogue& c, std::initializer_list<const char*> tags) {
  std::vector<ChosenTag> out;
  for (const char* t : tags) {
    const Hashtag* entry = find_hashtag(c, t);
    REQUIRE(entry != nullptr);
    out.push_back({t, entry->priority, entry});
  }
  return out;
}

const Profile& profile(std::string_view id) { return *find_profile(builtin_profiles(), id); }

}  // namespace

TEST_CASE("assemble_post: the default layout and empty parts") {
  const Catalogue c = small_catalogue();
  const auto tags = chosen(c, {"#aluevaalit2022", "#mieli"});
  CHECK(assemble_post(kDefaultTemplate, "Teksti.", "mieli.fi/x", tags) == "Teksti. mieli.fi/x\n\n#aluevaalit2022 #mieli");
  CHECK(assemble_post(kDefaultTemplate, "Teksti.", "", tags) == "Teksti.\n\n#aluevaalit2022 #mieli");
  CHECK(assemble_post(kDefaultTemplate, "Teksti.", "mieli.fi/x", {}) == "Teksti. mieli.fi/x");
  CHECK(assemble_post(kDefaultTemplate, "Teksti.", "", {}) == "Teksti.");
  CHECK(assemble_post("{hashtags}\n{body}\n→ {link}", "B", "L", tags) == "#aluevaalit2022 #mieli\nB\n→ L");
  CHECK(assemble_post("{hashtags}\n{body}\n→ {link}", "B", "L", {}) == "B\n→ L");
  CHECK(assemble_post("Lue: {body} ({link})", "B", "L", {}) == "Lue: B (L)");
}

TEST_CASE("drop_tags_in_body: inline tags, case, alternatives and duplicates") {
  const Catalogue c = small_catalogue();
  // Post 5 of the kit has an inline #terapiatakuu followed by ’lla.
  auto tags = chosen(c, {"#aluevaalit2022", "#mielenterveysvaalit", "#terapiatakuu", "#mieli"});
  const auto removed = drop_tags_in_body(HashtagIndex(c), "… palveluilla ja #terapiatakuu ’lla.", tags);
  REQUIRE(removed.size() == 1);
  CHECK(removed[0].tag == "#terapiatakuu");
  CHECK(tags.size() == 3);

  auto upper = chosen(c, {"#mieli"});
  CHECK(drop_tags_in_body(HashtagIndex(c), "Tue #MIELI:ä", upper).size() == 1);  // caseless; ':' ends the tag

  auto alt = chosen(c, {"#mielenterveysvaalit"});
  CHECK(drop_tags_in_body(HashtagIndex(c), "#Mielenterveysvaalit2022 nyt", alt).size() == 1);  // an alternative

  auto dup = chosen(c, {"#mieli", "#mielenterveysvaalit", "#mielenterveysvaalit2022", "#mieli"});
  CHECK(drop_tags_in_body(HashtagIndex(c), "Teksti", dup).size() == 2);
  CHECK(dup.size() == 2);

  auto kept = chosen(c, {"#mieli"});
  CHECK(drop_tags_in_body(HashtagIndex(c), "#mielenterveys on tärkeää", kept).empty());  // a longer tag is another tag
}

TEST_CASE("fit_post drops the lowest priorities first until the post fits") {
  const Catalogue c = small_catalogue();
  const auto tags = chosen(c, {"#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveys", "#terapiatakuu", "#mieli"});
  Counter counter;
  // X: 220 letters + link (23 + 1 space) + tags: the tags must partly go.
  const std::string body(220, 'a');
  const FitResult x = fit_post(kDefaultTemplate, body, "mieli.fi/mielenterveysvaalit", tags, profile("x"), counter);
  CHECK(x.fits);
  CHECK(x.count.platforms[0].length <= 280);
  REQUIRE(x.dropped.size() >= 1);
  CHECK(x.dropped[0] == "#mieli");  // priority 40, the lowest
  for (const ChosenTag& k : x.kept) CHECK(k.priority >= 60);
  // Everything fits on Mastodon without dropping.
  const FitResult m = fit_post(kDefaultTemplate, body, "mieli.fi/mielenterveysvaalit", tags, profile("mastodon"), counter);
  CHECK(m.fits);
  CHECK(m.dropped.empty());
  CHECK(m.kept.size() == 5);
}

TEST_CASE("fit_post keeps the platform's hashtag cap: Threads 1, Instagram 5") {
  const Catalogue c = small_catalogue();
  const auto tags = chosen(c, {"#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveys", "#terapiatakuu", "#mieli"});
  Counter counter;
  const FitResult t = fit_post(kDefaultTemplate, "Lyhyt.", "", tags, profile("threads"), counter);
  CHECK(t.fits);
  REQUIRE(t.kept.size() == 1);
  CHECK(t.kept[0].tag == "#mielenterveysvaalit");  // the highest priority survives
  CHECK(t.text == "Lyhyt.\n\n#mielenterveysvaalit");
  const FitResult i = fit_post(kDefaultTemplate, "Lyhyt.", "", tags, profile("instagram"), counter);
  CHECK(i.kept.size() == 5);
  CHECK(i.fits);
}

TEST_CASE("fit_post: a body that is too long alone does not fit") {
  const Catalogue c = small_catalogue();
  const auto tags = chosen(c, {"#mieli"});
  Counter counter;
  const FitResult r = fit_post(kDefaultTemplate, std::string(300, 'a'), "", tags, profile("x"), counter);
  CHECK_FALSE(r.fits);
  CHECK(r.kept.empty());
  CHECK(r.text == std::string(300, 'a'));
}

TEST_CASE("fit_post on every built-in platform: the result fits, keeps the cap, drops lowest first") {
  const Catalogue c = small_catalogue();
  const auto tags = chosen(c, {"#aluevaalit2022", "#mielenterveysvaalit", "#mielenterveys", "#terapiatakuu", "#mieli"});
  Counter counter;
  for (const Profile& p : builtin_profiles()) {
    CAPTURE(p.id);
    // A body that leaves room for some but not all tags where the limit is small.
    const std::string body(p.limit > 300 ? 100 : p.limit - 60, 'a');
    const FitResult r = fit_post(kDefaultTemplate, body, "mieli.fi/mielenterveysvaalit", tags, p, counter);
    CHECK(r.fits);
    CHECK(r.count.platforms[0].fits);
    CHECK(r.count.platforms[0].length <= p.limit);
    if (p.max_hashtags) CHECK(r.count.platforms[0].hashtags <= p.max_hashtags->max);
    CHECK(r.kept.size() + r.dropped.size() == tags.size());
    // Whatever was dropped had a priority no higher than anything kept.
    for (const std::string& d : r.dropped) {
      const Hashtag* entry = find_hashtag(c, d);
      REQUIRE(entry != nullptr);
      for (const ChosenTag& k : r.kept) CHECK(entry->priority <= k.priority);
    }
  }
}
