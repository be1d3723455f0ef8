"""Generates src/unicode/generated/normalization_tables.hpp: the data for NFC (UAX #15).

Imported by tools/gen_unicode_tables.py, which calls generate(ucd). Standard library only;
the output is deterministic (same data, byte-identical text).

Tables (all in namespace somepost::unicode::tables); every one ends at kNormLimit, above
which every code point has ccc 0, NFC_Quick_Check Yes and no decomposition:
  * kNormProps*: two-stage uint8 per code point, the rank of its canonical combining class
    among the classes in use (bits 0..5; rank order is ccc order, rank 0 is ccc 0, and
    kCccOfRank maps back) | NFC_Quick_Check << 6 (0 Yes, 1 Maybe, 2 No). Canonical
    ordering and blocking only compare classes, so the rank serves as well as the class.
  * kDecomposition*: two-stage uint16 per code point, (offset << 3) | length of the full
    canonical decomposition (recursively expanded: Unicode 3.7 D64, D68) inside
    kDecompositionData; 0 means "decomposes to itself". Hangul syllables are algorithmic
    (Unicode 3.12) and are not in the table.
  * kCompositionKeys / kCompositionValues: the primary composites (Unicode 3.11 D114:
    canonical decomposition of exactly two code points, not Full_Composition_Exclusion),
    keyed (first << 21) | second, sorted for binary search; Hangul excluded (algorithmic).
"""
import ucdlib

QC_YES, QC_MAYBE, QC_NO = 0, 1, 2
QC_CODES = {"Y": QC_YES, "M": QC_MAYBE, "N": QC_NO}
DECOMP_LENGTH_BITS = 3
CCC_RANK_BITS = 6
HANGUL_S_BASE, HANGUL_S_COUNT = 0xAC00, 11172


def read_unicode_data(ucd):
    """(ccc, canonical) from UnicodeData.txt: ccc maps code point -> nonzero class;
    canonical maps code point -> its one-level canonical decomposition (a tuple)."""
    ccc, canonical = {}, {}
    for fields, _ in ucd.lines("UnicodeData.txt"):
        cp = int(fields[0], 16)
        if int(fields[3]):
            ccc[cp] = int(fields[3])
        mapping = fields[5]
        if mapping and not mapping.startswith("<"):  # "<tag> ..." is a compatibility mapping
            canonical[cp] = ucdlib.parse_sequence(mapping)
    return ccc, canonical


def read_derived(ucd):
    """(nfc_qc, full_composition_exclusion) from DerivedNormalizationProps.txt: nfc_qc maps
    code point -> QC_MAYBE / QC_NO (Yes is the @missing default); the other is a set."""
    nfc_qc, exclusions = {}, set()
    for fields, number in ucd.lines("DerivedNormalizationProps.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        if fields[1] == "NFC_QC":
            if fields[2] not in QC_CODES:
                raise ValueError(f"DerivedNormalizationProps.txt:{number}: NFC_QC value {fields[2]!r}")
            for cp in range(lo, hi + 1):
                nfc_qc[cp] = QC_CODES[fields[2]]
        elif fields[1] == "Full_Composition_Exclusion":
            exclusions.update(range(lo, hi + 1))
    return nfc_qc, exclusions


def full_decomposition(cp, canonical):
    """The canonical decomposition of `cp` applied recursively until nothing decomposes."""
    if cp not in canonical:
        return (cp,)
    out = []
    for part in canonical[cp]:
        out.extend(full_decomposition(part, canonical))
    return tuple(out)


def check_exclusions(ucd, ccc, canonical, exclusions):
    """Full_Composition_Exclusion must equal CompositionExclusions.txt plus the singletons
    and the non-starter decompositions (Unicode 3.11 D110..D113; UAX #15 §5 Composition
    Exclusion): a cheap check that the two files agree with UnicodeData.txt."""
    listed = set()
    for fields, _ in ucd.lines("CompositionExclusions.txt"):
        lo, hi = ucdlib.parse_range(fields[0])
        listed.update(range(lo, hi + 1))
    derived = set(listed)
    for cp, mapping in canonical.items():
        if len(mapping) == 1 or ccc.get(cp, 0) or ccc.get(mapping[0], 0):
            derived.add(cp)
    if derived != exclusions:
        diff = sorted(derived ^ exclusions)[:8]
        raise ValueError("Full_Composition_Exclusion disagrees with CompositionExclusions.txt "
                         "and UnicodeData.txt at " + " ".join(f"U+{cp:04X}" for cp in diff))


def check_boundaries(ccc, nfc_qc, full, pairs):
    """Checks two facts that src/unicode/normalization.cpp relies on, so that a future UCD
    that broke them fails here instead of silently mis-normalizing:
      * every primary composite is a starter (composition leaves a starter in place);
      * a code point with ccc 0 and NFC_QC=Yes is a normalization boundary (UAX #15,
        Concatenation of Normalized Strings): its full decomposition starts with a starter
        that is never the second code point of a primary composite, so nothing before it
        can reorder or compose with it or anything after it."""
    seconds = {key & 0x1FFFFF for key, _ in pairs}
    for _, composite in pairs:
        if ccc.get(composite, 0):
            raise ValueError(f"primary composite U+{composite:04X} is not a starter")
    for cp, seq in full.items():
        if ccc.get(cp, 0) == 0 and nfc_qc.get(cp, QC_YES) == QC_YES:
            if ccc.get(seq[0], 0) or seq[0] in seconds:
                raise ValueError(f"U+{cp:04X} has ccc 0 and NFC_QC=Yes but is no boundary")
    for second in seconds:
        if nfc_qc.get(second, QC_YES) != QC_MAYBE:
            raise ValueError(f"U+{second:04X} composes with a preceding code point but is "
                             "not NFC_QC=Maybe")


def pack_sequences(sequences):
    """Lays out the decomposition sequences in one flat list, longest first, reusing any
    sequence already present as a run of the list. Returns (flat, {sequence: offset})."""
    flat_text = ""  # the flat list as a str of chr(cp), so str.find does the search
    offsets = {}
    for seq in sorted(set(sequences), key=lambda s: (-len(s), s)):
        key = "".join(map(chr, seq))
        at = flat_text.find(key)
        if at < 0:
            at = len(flat_text)
            flat_text += key
        offsets[seq] = at
    return [ord(ch) for ch in flat_text], offsets


def two_stage_tables(prefix, values, item_type, item_bytes, fmt, what):
    """C++ text for a two-stage table k{prefix}Shift, k{prefix}Stage1, k{prefix}Stage2 over
    `values` (one per code point below kNormLimit). Returns (size in bytes, text)."""
    shift, stage1, stage2 = ucdlib.best_two_stage(values, item_bytes)
    s1_type = ucdlib.stage_type(stage1)
    size = len(stage1) * int(s1_type[len("std::uint"):-2]) // 8 + item_bytes * len(stage2)
    return size, (
        f"/// {what}\n"
        f"/// Look-up for cp < kNormLimit: k{prefix}Stage2[(k{prefix}Stage1[cp >> k{prefix}Shift] << "
        f"k{prefix}Shift) | (cp & ((1 << k{prefix}Shift) - 1))]. {size} bytes.\n"
        f"inline constexpr unsigned k{prefix}Shift = {shift};\n" +
        ucdlib.c_array(s1_type, f"k{prefix}Stage1", stage1) +
        ucdlib.c_array(item_type, f"k{prefix}Stage2", stage2, fmt=fmt) + "\n")


def generate(ucd):
    ccc, canonical = read_unicode_data(ucd)
    nfc_qc, exclusions = read_derived(ucd)
    check_exclusions(ucd, ccc, canonical, exclusions)

    # Everything at or above `limit` is ccc 0, NFC_QC Yes, no decomposition: the tables stop
    # there (rounded up so that every block size best_two_stage tries divides it).
    last = max(max(ccc), max(nfc_qc), max(canonical))
    limit = (last // 1024 + 1) * 1024

    # The C++ skips the look-ups below these (Latin-1 and friends).
    trivial_below = min(min(ccc), min(nfc_qc))
    no_decomposition_below = min(canonical)

    # Per code point: rank of ccc | NFC_QC << 6.
    ranks = sorted(set(ccc.values()) | {0})
    if len(ranks) > 1 << CCC_RANK_BITS:
        raise ValueError(f"{len(ranks)} combining classes no longer fit {CCC_RANK_BITS} bits")
    rank_of = {value: rank for rank, value in enumerate(ranks)}
    props = [0] * limit
    for cp, value in ccc.items():
        props[cp] = rank_of[value]
    for cp, qc in nfc_qc.items():
        props[cp] |= qc << CCC_RANK_BITS
    props_size, props_text = two_stage_tables(
        "NormProps", props, "std::uint8_t", 1, "0x{:02X}",
        f"rank of ccc (bits 0..{CCC_RANK_BITS - 1}) | NFC_Quick_Check << {CCC_RANK_BITS}.")

    # Full canonical decompositions in one flat array.
    full = {cp: full_decomposition(cp, canonical) for cp in canonical}
    flat, offsets = pack_sequences(full.values())
    max_length = max(len(seq) for seq in full.values())
    if max_length >= 1 << DECOMP_LENGTH_BITS or len(flat) >= 1 << (16 - DECOMP_LENGTH_BITS):
        raise ValueError("decomposition data no longer fits the uint16 (offset, length) code")
    index = [0] * limit
    for cp, seq in full.items():
        index[cp] = (offsets[seq] << DECOMP_LENGTH_BITS) | len(seq)
    index_size, index_text = two_stage_tables(
        "Decomposition", index, "std::uint16_t", 2, "0x{:04X}",
        f"(offset << {DECOMP_LENGTH_BITS}) | length of the full canonical decomposition in "
        "kDecompositionData; 0 if none.")

    # Primary composites (Unicode 3.11 D114): two-code-point canonical decompositions that
    # are not excluded. Hangul syllables are not in `canonical`.
    pairs = sorted(((m[0] << 21) | m[1], cp) for cp, m in canonical.items()
                   if len(m) == 2 and cp not in exclusions)
    if any(HANGUL_S_BASE <= cp < HANGUL_S_BASE + HANGUL_S_COUNT for _, cp in pairs):
        raise ValueError("UnicodeData.txt unexpectedly lists a Hangul syllable decomposition")
    check_boundaries(ccc, nfc_qc, full, pairs)

    data_size = 4 * len(flat)
    pairs_size = 12 * len(pairs)
    total = len(ranks) + props_size + index_size + data_size + pairs_size
    body = (
        "// NFC data for src/unicode/normalization.cpp (UAX #15). Hangul syllables are\n"
        "// algorithmic (Unicode 3.12) and are in none of these tables.\n"
        f"// Total size: {total} bytes.\n\n"
        "/// Code points at or above this have ccc 0, NFC_Quick_Check Yes and no decomposition.\n"
        f"inline constexpr char32_t kNormLimit = 0x{limit:X};\n"
        "/// Code points below this have ccc 0 and NFC_Quick_Check Yes (kNormProps value 0).\n"
        f"inline constexpr char32_t kNormPropsTrivialBelow = 0x{trivial_below:X};\n"
        "/// Code points below this have no canonical decomposition.\n"
        f"inline constexpr char32_t kDecompositionNoneBelow = 0x{no_decomposition_below:X};\n\n"
        "/// NFC_Quick_Check values, stored in the top bits of kNormPropsStage2 values.\n"
        f"inline constexpr unsigned kQcYes = {QC_YES};\n"
        f"inline constexpr unsigned kQcMaybe = {QC_MAYBE};\n"
        f"inline constexpr unsigned kQcNo = {QC_NO};\n"
        "/// kNormPropsStage2 values: (value & kCccRankMask) is the rank of the ccc,\n"
        "/// (value >> kCccRankBits) the NFC_Quick_Check value.\n"
        f"inline constexpr unsigned kCccRankBits = {CCC_RANK_BITS};\n"
        f"inline constexpr unsigned kCccRankMask = {(1 << CCC_RANK_BITS) - 1};\n"
        "/// The canonical combining class of each rank, ascending (rank 0 is class 0).\n" +
        ucdlib.c_array("std::uint8_t", "kCccOfRank", ranks) + "\n" +
        props_text +
        "/// Bits of the length field in kDecompositionStage2 values; the longest full canonical\n"
        f"/// decomposition has {max_length} code points.\n"
        f"inline constexpr unsigned kDecompositionLengthBits = {DECOMP_LENGTH_BITS};\n" +
        index_text +
        "/// The full canonical decompositions, overlapping where one is a run of another. "
        f"{data_size} bytes.\n" +
        ucdlib.c_array("char32_t", "kDecompositionData", flat, per_line=10, fmt="0x{:05X}") + "\n" +
        "/// Primary composites: kCompositionKeys[i] = (first << 21) | second, sorted ascending;\n"
        f"/// kCompositionValues[i] is the composite. {len(pairs)} pairs, {pairs_size} bytes.\n" +
        ucdlib.c_array("std::uint64_t", "kCompositionKeys", [k for k, _ in pairs], per_line=6,
                       fmt="0x{:011X}") +
        ucdlib.c_array("char32_t", "kCompositionValues", [v for _, v in pairs], per_line=10,
                       fmt="0x{:05X}"))
    return ucdlib.header("Unicode normalization (NFC) tables: ccc, NFC_Quick_Check, canonical "
                         "decompositions and primary composites.", body)
