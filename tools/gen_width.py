"""Terminal display width class per code point (UAX #11 East_Asian_Width, emoji data).

Byte layout (mirrored by src/unicode/width.cpp):
  bits 0-1  columns: 0 zero width, 1 narrow, 2 wide
  bit  2    Emoji_Presentation (shown as a 2-column emoji by default)
  bit  3    Emoji (becomes 2 columns when followed by U+FE0F)
"""
import ucdlib

EMOJI_PRESENTATION = 0x04
EMOJI = 0x08
ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Cf", "Cc", "Zl", "Zp", "Cs"}


def columns(ucd):
    width = [1] * (ucdlib.MAX_CP + 1)
    # UAX #11 §5: unlisted code points take the @missing defaults (W for the CJK blocks).
    for fields in ucd.missing_lines("EastAsianWidth.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        if fields[1] in ("W", "F"):
            for cp in range(lo, hi + 1):
                width[cp] = 2
    for fields, _ in ucd.lines("EastAsianWidth.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        value = 2 if fields[1] in ("W", "F") else 1  # A(mbiguous) is 1 outside CJK locales
        for cp in range(lo, hi + 1):
            width[cp] = value
    # Non-spacing marks, enclosing marks, format and control characters take no column.
    ranges_start = None
    for fields, _ in ucd.lines("UnicodeData.txt"):
        cp = int(fields[0], 16)
        name, category = fields[1], fields[2]
        if name.endswith(", First>"):
            ranges_start = cp
            continue
        lo = ranges_start if name.endswith(", Last>") else cp
        ranges_start = None
        if category in ZERO_WIDTH_CATEGORIES:
            for c in range(lo, cp + 1):
                width[c] = 0
    # Default_Ignorable_Code_Point (e.g. variation selectors, ZWJ) is invisible.
    for fields, _ in ucd.lines("DerivedCoreProperties.txt"):
        if fields[1] == "Default_Ignorable_Code_Point":
            lo, hi = ucdlib.parse_range(fields[0])
            for cp in range(lo, hi + 1):
                width[cp] = 0
    # Conjoining Hangul medial vowels and final consonants join the preceding jamo's column.
    for fields, _ in ucd.lines("GraphemeBreakProperty.txt"):
        if fields[1] in ("V", "T"):
            lo, hi = ucdlib.parse_range(fields[0])
            for cp in range(lo, hi + 1):
                width[cp] = 0
    for fields, _ in ucd.lines("emoji-data.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        bit = {"Emoji_Presentation": EMOJI_PRESENTATION, "Emoji": EMOJI}.get(fields[1], 0)
        for cp in range(lo, hi + 1):
            width[cp] |= bit
    return width


def generate(ucd):
    values = columns(ucd)
    shift, stage1, stage2 = ucdlib.best_two_stage(values, 1)
    body = "/// Width byte: columns in bits 0-1 (0, 1, 2), Emoji_Presentation bit 2, Emoji bit 3.\n"
    body += f"inline constexpr unsigned kWidthShift = {shift};\n"
    body += ucdlib.c_array(ucdlib.stage_type(stage1), "kWidthStage1", stage1, 16)
    body += ucdlib.c_array("std::uint8_t", "kWidthStage2", stage2, 16, "0x{:02x}")
    return ucdlib.header("Terminal display width (UAX #11, UTS #51).", body)
