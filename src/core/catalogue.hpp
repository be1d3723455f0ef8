// The campaign catalogue: ready messages, a hashtag catalogue, the campaign link, images
// and extras (docs/catalogue.md, schema in data/catalogue.schema.json). Pure: parsing
// takes the document's bytes and returns values; no I/O.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace somepost::core {

/// Text in several languages, keyed by a BCP 47 language tag such as "fi", "sv", "en".
using LocalizedText = std::map<std::string, std::string, std::less<>>;

/// The text for `lang`, else for `fallback`, else the first one; empty if there is none.
[[nodiscard]] std::string_view pick_language(const LocalizedText& text, std::string_view lang,
                                             std::string_view fallback);

/// The language of what pick_language(text, lang, fallback) returns: `lang` when `text`
/// has it, else `fallback` when it has that, else its first key; empty when `text` is
/// empty. A record labelled with its language (Bluesky's langs, Mastodon's language)
/// needs this one, not `lang`, when the text fell back.
[[nodiscard]] std::string_view pick_language_key(const LocalizedText& text, std::string_view lang,
                                                 std::string_view fallback);

struct Campaign {
  std::string id;                ///< slug, e.g. "mielenterveysvaalit-2022"
  LocalizedText name;
  LocalizedText slogan;
  std::string default_language;  ///< e.g. "fi"
  std::string link;              ///< as it should appear in posts, e.g. "mieli.fi/mielenterveysvaalit"
  /// Post layout with the placeholders {body}, {link} and {hashtags}; empty parts drop out
  /// together with the separator before them. Default: kDefaultTemplate.
  std::string post_template;
};

/// The default post layout: body, then the link, then the hashtags.
inline constexpr std::string_view kDefaultTemplate = "{body} {link}\n\n{hashtags}";

struct Hashtag {
  std::string tag;                        ///< with its '#', as written, e.g. "#mielenterveysvaalit"
  LocalizedText description;
  int priority = 0;                       ///< higher is kept longer by --fit
  std::string group;                      ///< free-form grouping, e.g. "campaign", "topic"
  std::vector<std::string> alternatives;  ///< other spellings, with '#', e.g. "#mielenterveysvaalit2022"
};

struct Message {
  std::string id;                     ///< slug, unique
  int number = 0;                     ///< 1-based, unique; what volunteers type
  LocalizedText text;                 ///< the body, per language
  std::vector<std::string> hashtags;  ///< default hashtags, with '#', each in the catalogue
  /// Per-platform bodies: platform id -> language -> text (used instead of `text`).
  std::map<std::string, LocalizedText, std::less<>> variants;
};

struct Image {
  std::string id;
  std::string file;   ///< file name as distributed
  LocalizedText alt;  ///< empty when the kit gives no alt text (somepost warns)
};

/// A goal or a tip: numbered text.
struct Item {
  int number = 0;
  LocalizedText text;
};

struct Catalogue {
  Campaign campaign;
  std::vector<Message> messages;  ///< in number order
  std::vector<Hashtag> hashtags;
  std::vector<Image> images;
  std::vector<Item> goals;
  std::vector<Item> tips;
};

/// One problem in a catalogue document: `where` is a JSON path such as
/// "messages[3].hashtags[1]", or "line:column" for a syntax error, or "byte N" for
/// invalid UTF-8.
struct CatalogueProblem {
  std::string where;
  std::string message;  ///< e.g. "unknown hashtag \"#terapiatakuu2\""
};

/// A parsed catalogue, or every problem found (the catalogue is set only when there are
/// no problems).
struct CatalogueResult {
  std::optional<Catalogue> catalogue;
  std::vector<CatalogueProblem> problems;
};

/// Parses and validates a catalogue document, reporting every problem at once: invalid
/// UTF-8 (byte offset), malformed JSON (line:column), schema violations, duplicate ids,
/// numbers or tags, unknown hashtags in messages, and tags that a platform would cut
/// short (e.g. "#mielenterveys-vaalit" ends at the hyphen everywhere). Never throws on
/// bad input.
[[nodiscard]] CatalogueResult parse_catalogue(std::string_view document);

/// The built-in MIELI ry catalogue (data/catalogues/mielenterveysvaalit-2022.json as
/// embedded at build time), parsed once. Throws std::logic_error if it is invalid
/// (a test guards this).
[[nodiscard]] const Catalogue& default_catalogue();

/// The message with this number ("3") or id ("lasten-ja-nuorten-mieli"), or nullptr.
[[nodiscard]] const Message* find_message(const Catalogue& catalogue, std::string_view number_or_id);

/// The catalogue hashtag `tag` names: with or without '#', compared case-insensitively
/// (Unicode simple case folding, so "#MIELENTERVEYSVÄALIT" finds "#mielenterveysväalit"),
/// matching the tag or one of its alternatives. nullptr if none.
[[nodiscard]] const Hashtag* find_hashtag(const Catalogue& catalogue, std::string_view tag);

/// find_hashtag in O(1) expected time per look-up: a hash map from the case-folded tag
/// (without '#') of every tag and alternative to the first catalogue entry that has it.
/// Build one per catalogue when resolving many tags (a message with 40,000 default tags
/// took O(tags x catalogue) comparisons with find_hashtag). find_hashtag, a plain linear
/// scan, is the reference it must equal (tests/unit/test_catalogue.cpp checks them on
/// generated catalogues).
class HashtagIndex {
 public:
  /// Indexes `catalogue.hashtags`; O(total bytes of the tags). The index holds pointers
  /// into that vector: it is valid while the vector is neither resized nor edited.
  explicit HashtagIndex(const Catalogue& catalogue);

  /// Exactly find_hashtag(catalogue, tag): the entry, or nullptr (also for "" and "#").
  [[nodiscard]] const Hashtag* find(std::string_view tag) const;

 private:
  std::unordered_map<std::string, const Hashtag*> by_key_;
};

/// Up to `max` catalogue tags closest to `tag` by edit distance on case-folded code
/// points (for "did you mean"), best first, ties in catalogue order; only tags within
/// max(2, a third of the query's length) edits, so a wild guess suggests nothing.
[[nodiscard]] std::vector<std::string> closest_hashtags(const Catalogue& catalogue, std::string_view tag,
                                                        std::size_t max = 3);

}  // namespace somepost::core
