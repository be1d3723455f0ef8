"""Grapheme_Cluster_Break, Extended_Pictographic and Indic_Conjunct_Break (UAX #29) as one
byte per code point, in a two-stage table.

Byte layout (mirrored by src/unicode/grapheme.cpp):
  bits 0-3  Grapheme_Cluster_Break (GCB_VALUES order below)
  bit  4    Extended_Pictographic
  bits 5-6  Indic_Conjunct_Break: 0 None, 1 Linker, 2 Consonant, 3 Extend
"""
import ucdlib

GCB_VALUES = ["Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator",
              "Prepend", "SpacingMark", "L", "V", "T", "LV", "LVT"]
INCB_VALUES = {"Linker": 1, "Consonant": 2, "Extend": 3}
EXT_PICT = 0x10


def properties(ucd):
    values = [0] * (ucdlib.MAX_CP + 1)
    for fields, _ in ucd.lines("GraphemeBreakProperty.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        code = GCB_VALUES.index(fields[1])
        for cp in range(lo, hi + 1):
            values[cp] = code
    for fields, _ in ucd.lines("emoji-data.txt"):
        if fields[1] == "Extended_Pictographic":
            lo, hi = ucdlib.parse_range(fields[0])
            for cp in range(lo, hi + 1):
                values[cp] |= EXT_PICT
    for fields, _ in ucd.lines("DerivedCoreProperties.txt"):
        if fields[1] == "InCB":
            lo, hi = ucdlib.parse_range(fields[0])
            for cp in range(lo, hi + 1):
                values[cp] |= INCB_VALUES[fields[2]] << 5
    return values


def generate(ucd):
    values = properties(ucd)
    shift, stage1, stage2 = ucdlib.best_two_stage(values, 1)
    body = "/// Grapheme property byte: GCB in bits 0-3 (order: " + ", ".join(GCB_VALUES) + "),\n"
    body += "/// Extended_Pictographic in bit 4, Indic_Conjunct_Break in bits 5-6\n"
    body += "/// (0 None, 1 Linker, 2 Consonant, 3 Extend). Lookup:\n"
    body += "///   kGraphemeStage2[(kGraphemeStage1[cp >> kGraphemeShift] << kGraphemeShift) | (cp & mask)]\n"
    body += f"inline constexpr unsigned kGraphemeShift = {shift};\n"
    body += "/// Property bytes of U+0000..U+007F, the ASCII fast path.\n"
    body += ucdlib.c_array("std::uint8_t", "kGraphemeAscii", values[:128], 16, "0x{:02x}")
    body += ucdlib.c_array(ucdlib.stage_type(stage1), "kGraphemeStage1", stage1, 16)
    body += ucdlib.c_array("std::uint8_t", "kGraphemeStage2", stage2, 16, "0x{:02x}")
    return ucdlib.header("Grapheme cluster break properties (UAX #29).", body)
