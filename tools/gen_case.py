"""Simple lowercase mapping (UnicodeData.txt field 13, Simple_Lowercase_Mapping) as a
two-stage table of indexes into a short list of deltas (mapping - code point)."""
import ucdlib


def deltas(ucd):
    values = [0] * (ucdlib.MAX_CP + 1)
    for fields, _ in ucd.lines("UnicodeData.txt"):
        if fields[13]:
            cp = int(fields[0], 16)
            values[cp] = int(fields[13], 16) - cp
    return values


def generate(ucd):
    values = deltas(ucd)
    distinct = sorted(set(values), key=lambda d: (d != 0, d))  # delta 0 gets index 0
    index = {d: i for i, d in enumerate(distinct)}
    shift, stage1, stage2 = ucdlib.best_two_stage([index[v] for v in values], 1)
    body = "/// Simple_Lowercase_Mapping: lower(cp) = cp + kLowerDeltas[\n"
    body += "///   kLowerStage2[(kLowerStage1[cp >> kLowerShift] << kLowerShift) | (cp & mask)]].\n"
    body += f"inline constexpr unsigned kLowerShift = {shift};\n"
    body += ucdlib.c_array("std::int32_t", "kLowerDeltas", distinct, 12)
    body += ucdlib.c_array(ucdlib.stage_type(stage1), "kLowerStage1", stage1, 16)
    body += ucdlib.c_array("std::uint8_t", "kLowerStage2", stage2, 16)
    return ucdlib.header("Simple lowercase mapping (UnicodeData.txt).", body)
