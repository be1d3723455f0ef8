"""RGI emoji sequences of Unicode Emoji 17.0 (UTS #51 ED-27): every sequence listed in
emoji-sequences.txt (basic, keycap, flag, tag, modifier) and emoji-zwj-sequences.txt,
plus the non-fully-qualified multi-code-point forms of emoji-test.txt, as UTF-8 strings
sorted bytewise for binary search."""
import ucdlib


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


def check_first_code_points(ucd, items):
    """somepost::unicode::is_emoji_sequence rejects a cluster whose first code point is not
    Emoji=Yes before searching; that is exact only while every listed form starts so."""
    emoji = set()
    for fields, _ in ucd.lines("emoji-data.txt"):
        if fields[1] == "Emoji":
            lo, hi = ucdlib.parse_range(fields[0])
            emoji.update(range(lo, hi + 1))
    for s in items:
        if ord(s.decode("utf-8")[0]) not in emoji:
            raise ValueError(f"emoji sequence {s!r} starts with a code point that is not Emoji=Yes")


def generate(ucd):
    seqs = sequences(ucd)
    extra = variants(ucd, seqs)
    check_first_code_points(ucd, seqs + extra)
    longest = max(len(s) for s in seqs + extra)
    body = f"inline constexpr std::size_t kEmojiLongestBytes = {longest};\n"
    body += string_array("kRgiEmoji", seqs,
                         "Every RGI emoji sequence as UTF-8, sorted bytewise (std::lower_bound works).")
    body += string_array("kEmojiVariants", extra,
                         "Non-fully-qualified multi-code-point emoji forms (emoji-test.txt), sorted.")
    return ucdlib.header("RGI emoji sequences (UTS #51, Emoji 17.0).", body,
                         includes=("<cstddef>", "<string_view>")).replace(
        "namespace somepost::unicode::tables {\n",
        "namespace somepost::unicode::tables {\n\nusing namespace std::string_view_literals;\n", 1)
