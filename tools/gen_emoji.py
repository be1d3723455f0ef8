"""RGI emoji sequences of Unicode Emoji 17.0 (UTS #51 ED-27): every sequence listed in
emoji-sequences.txt (basic, keycap, flag, tag, modifier) and emoji-zwj-sequences.txt,
as UTF-8 strings sorted bytewise for binary search."""
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


def c_string(data):
    return '"' + "".join(f"\\x{b:02x}" for b in data) + '"'


def generate(ucd):
    seqs = sequences(ucd)
    longest = max(len(s) for s in seqs)
    body = "/// Every RGI emoji sequence as UTF-8, sorted bytewise (std::lower_bound works).\n"
    body += f"inline constexpr std::size_t kRgiEmojiLongestBytes = {longest};\n"
    body += f"inline constexpr std::string_view kRgiEmoji[{len(seqs)}] = {{\n"
    for s in seqs:
        body += f"    {c_string(s)}sv,\n"
    body += "};\n"
    return ucdlib.header("RGI emoji sequences (UTS #51, Emoji 17.0).", body,
                         includes=("<cstddef>", "<string_view>")).replace(
        "namespace somepost::unicode::tables {\n",
        "namespace somepost::unicode::tables {\n\nusing namespace std::string_view_literals;\n", 1)
