"""RGI emoji sequences of Unicode Emoji 17.0 (UTS #51 ED-27): every sequence listed in
emoji-sequences.txt (basic, keycap, flag, tag, modifier) and emoji-zwj-sequences.txt,
plus the non-fully-qualified multi-code-point forms of emoji-test.txt, plus the forms
twemoji-parser 11.0.2's regex matches that are not RGI (X's emoji set, docs/platforms.md
§1), as UTF-8 strings sorted bytewise for binary search."""
import os
import re
import sys

import ucdlib

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants, _parser as sre_parse
else:  # Python 3.10 and older
    import sre_constants
    import sre_parse

# The regex of twitter-text 3.1.0's emoji parser, relative to the UCD folder (data/ucd).
TWEMOJI_REGEX = os.path.join("..", "twemoji-parser", "regex.js")


def sequences(ucd):
    found = set()
    for name in ("emoji-sequences.txt", "emoji-zwj-sequences.txt"):
        for fields, _ in ucd.lines(name):
            if ".." in fields[0]:  # a range of single code points (Basic_Emoji)
                lo, hi = ucdlib.parse_range(fields[0])
                found.update((cp,) for cp in range(lo, hi + 1))
            else:
                found.add(ucdlib.parse_sequence(fields[0]))
    return sorted(("".join(chr(cp) for cp in seq).encode("utf-8") for seq in found))


def variants(ucd, rgi):
    """Multi-code-point forms that emoji-test.txt lists as minimally-qualified or
    unqualified (e.g. keycap 1⃣ without U+FE0F, ZWJ sequences missing a VS16): not RGI,
    but shown as one emoji, so counting rules that weigh emoji treat them alike.
    Single code points (©, ☺ in text style) are left out: their default is text."""
    found = set()
    for fields, _ in ucd.lines("emoji-test.txt"):
        seq = ucdlib.parse_sequence(fields[0])
        if len(seq) > 1 and fields[1] in ("minimally-qualified", "unqualified"):
            found.add("".join(chr(cp) for cp in seq).encode("utf-8"))
    return sorted(found - set(rgi))


def c_string(data):
    return '"' + "".join(f"\\x{b:02x}" for b in data) + '"'


def string_array(name, items, doc):
    out = f"/// {doc}\ninline constexpr std::string_view {name}[{len(items)}] = {{\n"
    out += "".join(f"    {c_string(s)}sv,\n" for s in items)
    return out + "};\n"


def emoji_code_points(ucd):
    """The code points with the Emoji property (emoji-data.txt)."""
    emoji = set()
    for fields, _ in ucd.lines("emoji-data.txt"):
        if fields[1] == "Emoji":
            lo, hi = ucdlib.parse_range(fields[0])
            emoji.update(range(lo, hi + 1))
    return emoji


def check_first_code_points(ucd, items):
    """somepost::unicode::is_emoji_sequence rejects a cluster whose first code point is not
    Emoji=Yes before searching; that is exact only while every listed form starts so."""
    emoji = emoji_code_points(ucd)
    for s in items:
        if ord(s.decode("utf-8")[0]) not in emoji:
            raise ValueError(f"emoji sequence {s!r} starts with a code point that is not Emoji=Yes")


def twemoji_language(ucd):
    """Every string twemoji-parser 11.0.2's regex (data/twemoji-parser/regex.js) can match,
    as code point strings in the regex's priority order.

    The pattern is a finite expression of literals, classes, groups, alternations, `?`
    and the lookahead `(?!\ufe0e)`; it runs on UTF-16 code units (no /u flag), so the
    strings are joined from surrogate pairs afterwards. Two facts make a plain set of
    strings, matched longest first, equal to the regex as twitter-text runs it (a global
    exec loop): (1) every lookahead `(?!\ufe0e)` ends a one-code-point alternative whose
    code point weighs 2 in X's ranges anyway, so whether it matches there changes no
    weight and no later position; it is dropped (checked below); (2) the regex matched
    against each of its strings alone matches all of it, so its first match at a position
    is the longest (checked with node by tests/xcheck, and the differential test)."""
    path = os.path.join(ucd.folder, TWEMOJI_REGEX)
    with open(path, encoding="utf-8") as f:
        found = re.search(r"exports\.default = /(.*)/g;", f.read())
    if not found:
        raise ValueError(f"{path}: no `exports.default = /.../g;` line")
    lookahead = "\0"  # marks a (?!\ufe0e) in an enumerated string

    def sequence(items):
        out = [""]
        for op, av in items:
            options = node(op, av)
            out = [a + b for a in out for b in options]
        return out

    def node(op, av):
        if op is sre_constants.LITERAL:
            return [chr(av)]
        if op is sre_constants.IN:
            out = []
            for kind, value in av:
                if kind is sre_constants.LITERAL:
                    out.append(chr(value))
                elif kind is sre_constants.RANGE:
                    out.extend(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    raise ValueError(f"unexpected class item {kind}")
            return out
        if op is sre_constants.SUBPATTERN:
            return sequence(list(av[3]))
        if op is sre_constants.BRANCH:
            return [s for branch in av[1] for s in sequence(list(branch))]
        if op is sre_constants.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            return sequence(list(av[2])) + [""]  # greedy `?`: with it first
        if op is sre_constants.ASSERT_NOT and av[0] == 1 and list(av[1]) == [(sre_constants.LITERAL, 0xFE0E)]:
            return [lookahead]
        raise ValueError(f"unexpected regex construct {op} {av}")

    language = []
    for s in sequence(list(sre_parse.parse(found.group(1)))):
        if "\ufe0e" in s:
            raise ValueError(f"twemoji form {s!r} holds U+FE0E")
        # A lookahead followed by more of the pattern is met by that next unit (not FE0E).
        s = "".join(c for i, c in enumerate(s) if c != lookahead or i == len(s) - 1)
        text = s.rstrip(lookahead).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        if s.endswith(lookahead):
            cp = ord(text) if len(text) == 1 else -1
            if cp < 0x1100 or 0x2000 <= cp <= 0x200D or 0x2010 <= cp <= 0x201F or 0x2032 <= cp <= 0x2037:
                raise ValueError(f"twemoji form {text!r} with (?!\\ufe0e) is not one code point of weight 2")
        language.append(text)
    return language


# Code points without the Emoji property that start a twemoji form: U+FE0F alone (the
# regex's last alternative) and U+E50A (a private-use code point twemoji draws).
# somepost::unicode::x_emoji_length tests these besides Emoji=Yes.
TWEMOJI_OTHER_STARTS = {0xFE0F, 0xE50A}


# What may follow the first code point of an X emoji form other than right after a ZWJ:
# somepost::unicode::x_emoji_length stops probing longer prefixes at anything else.
def is_continuation(cp):
    return (cp in (0xFE0E, 0xFE0F, 0x200D, 0x20E3) or 0x1F3FB <= cp <= 0x1F3FF
            or 0xE0020 <= cp <= 0xE007F or 0x1F1E6 <= cp <= 0x1F1FF)


def check_continuations(items):
    for s in items:
        cps = [ord(c) for c in s.decode("utf-8")]
        for prev, cp in zip(cps, cps[1:]):
            if prev != 0x200D and not is_continuation(cp):
                raise ValueError(f"emoji form {s!r}: U+{cp:04X} after U+{prev:04X} is no continuation")


def twemoji_extra(ucd, rgi):
    """The twemoji-parser forms that are not RGI sequences, UTF-8, sorted."""
    extra = sorted(set(s.encode("utf-8") for s in twemoji_language(ucd)) - set(rgi))
    check_continuations(rgi + extra)
    emoji = emoji_code_points(ucd)
    for s in extra:
        first = ord(s.decode("utf-8")[0])
        if first not in emoji and first not in TWEMOJI_OTHER_STARTS:
            raise ValueError(f"twemoji form {s!r} starts with an unexpected code point U+{first:04X}")
    return extra


def generate(ucd):
    seqs = sequences(ucd)
    extra = variants(ucd, seqs)
    check_first_code_points(ucd, seqs + extra)
    twemoji = twemoji_extra(ucd, seqs)
    longest = max(len(s) for s in seqs + extra + twemoji)
    body = f"inline constexpr std::size_t kEmojiLongestBytes = {longest};\n"
    body += string_array("kRgiEmoji", seqs,
                         "Every RGI emoji sequence as UTF-8, sorted bytewise (std::lower_bound works).")
    body += string_array("kEmojiVariants", extra,
                         "Non-fully-qualified multi-code-point emoji forms (emoji-test.txt), sorted.")
    body += string_array("kTwemojiExtra", twemoji,
                         "The strings twemoji-parser 11.0.2's regex matches that are not RGI, sorted;\n"
                         "/// with kRgiEmoji, X's emoji set (docs/platforms.md §1).")
    return ucdlib.header("RGI emoji sequences (UTS #51, Emoji 17.0).", body,
                         includes=("<cstddef>", "<string_view>")).replace(
        "namespace somepost::unicode::tables {\n",
        "namespace somepost::unicode::tables {\n\nusing namespace std::string_view_literals;\n", 1)
