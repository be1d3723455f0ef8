#!/usr/bin/env python3
"""Generates somepost's Unicode lookup tables from the UCD files in data/ucd.

Deterministic: the same data gives byte-identical output, which the test
`unicode_tables_up_to_date` checks by regenerating into the build folder and diffing.

    python3 tools/gen_unicode_tables.py --ucd data/ucd --out src/unicode/generated
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen_case  # noqa: E402
import gen_emoji  # noqa: E402
import gen_grapheme  # noqa: E402
import gen_normalization  # noqa: E402
import gen_width  # noqa: E402
import ucdlib  # noqa: E402


def version_header(_ucd):
    major, minor, patch = ucdlib.UNICODE_VERSION.split(".")
    body = (
        "/// The Unicode version of every generated table, e.g. \"17.0.0\".\n"
        f"inline constexpr const char* kUnicodeVersion = \"{ucdlib.UNICODE_VERSION}\";\n"
        "/// The major.minor part, e.g. \"17.0\", as `somepost --version` prints it.\n"
        f"inline constexpr const char* kUnicodeMajorMinor = \"{major}.{minor}\";\n"
        f"inline constexpr int kUnicodeMajor = {major};\n"
        f"inline constexpr int kUnicodeMinor = {minor};\n"
        f"inline constexpr int kUnicodePatch = {patch};\n"
    )
    return ucdlib.header("The Unicode version of the tables.", body, includes=())


OUTPUTS = [
    ("version.hpp", version_header),
    ("grapheme_tables.hpp", gen_grapheme.generate),
    ("normalization_tables.hpp", gen_normalization.generate),
    ("emoji_tables.hpp", gen_emoji.generate),
    ("width_tables.hpp", gen_width.generate),
    ("case_tables.hpp", gen_case.generate),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucd", required=True, help="folder with the UCD files (data/ucd)")
    parser.add_argument("--out", required=True, help="folder to write the headers into")
    args = parser.parse_args()
    ucd = ucdlib.Ucd(args.ucd)
    os.makedirs(args.out, exist_ok=True)
    for name, generate in OUTPUTS:
        text = generate(ucd)
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
