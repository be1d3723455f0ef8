#!/usr/bin/env python3
"""somepost's UI translations (po/, docs/i18n.md): extract, update and check them.

    python3 tools/po_files.py update     # after changing UI strings in src/cli: rewrite
                                         # po/somepost.pot, merge it into every po/LANG.po
    python3 tools/po_files.py check [OUT_DIR]   # what the ctest test po_up_to_date runs

Messages are marked in the C++ sources with tr("..."), trf("...", args) (an fmt format
string: {} placeholders) and N_("...") (marked here, translated where shown). xgettext
(GNU gettext) finds them; trf strings are flagged python-brace-format, so that
`msgfmt --check` (run by the build) rejects a translation whose placeholders differ.

`check` fails, naming each problem, when po/somepost.pot is not what the sources give,
or a po/LANG.po listed in po/LINGUAS lacks a message, leaves one untranslated or fuzzy,
keeps one the sources no longer have, or changes its {} placeholders or its [key]
brackets. Standard library only.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PO_DIR = os.path.join(ROOT, "po")
POT = os.path.join(PO_DIR, "somepost.pot")


def sources():
    folder = os.path.join(ROOT, "src", "cli")
    return sorted(os.path.join("src", "cli", n) for n in os.listdir(folder) if n.endswith(".cpp"))


def run_xgettext(output):
    subprocess.run(
        ["xgettext", "--language=C++", "--from-code=UTF-8", "--keyword=tr", "--keyword=trf", "--keyword=N_",
         "--add-comments=TRANSLATORS:", "--sort-by-file",
         "--package-name=somepost", "--msgid-bugs-address=",
         "--add-location=file", "--output=" + output] + sources(),
        cwd=ROOT, check=True, stderr=subprocess.PIPE)  # quiet: it warns that no bug address is given


def unquote(s):
    """The value of a PO string literal (without the quotes)."""
    out, i = [], 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append(escapes.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_po(path):
    """{msgid: (msgstr, flags)} of the active entries of a .po/.pot file (header excluded),
    and the msgids of obsolete (#~) entries."""
    entries, obsolete = {}, []
    flags, field, values = set(), None, {}

    def finish():
        nonlocal flags, field, values
        if "msgid" in values:
            msgid = values["msgid"]
            if msgid:
                entries[msgid] = (values.get("msgstr", values.get("msgstr[0]", "")), flags)
        flags, field, values = set(), None, {}

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("#~"):
                m = re.match(r'#~ msgid "(.*)"$', line)
                if m:
                    obsolete.append(unquote(m.group(1)))
                continue
            if not line.strip():
                finish()
                continue
            if line.startswith("#,"):
                if "msgid" in values:
                    finish()
                flags |= {x.strip() for x in line[2:].split(",")}
                continue
            if line.startswith("#"):
                if "msgstr" in values or "msgstr[0]" in values:
                    finish()
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                if m.group(1) == "msgid" and ("msgstr" in values or "msgstr[0]" in values):
                    finish()
                field = m.group(1)
                values[field] = unquote(m.group(2))
            elif line.startswith('"') and field:
                values[field] += unquote(line[1:-1])
    finish()
    return entries, obsolete


def placeholders(text):
    return sorted(re.findall(r"\{[^{}]*\}", text))


def brackets(text):
    return re.findall(r"\[[^\]]*\]", text)


def languages():
    with open(os.path.join(PO_DIR, "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f if not line.startswith("#") for w in line.split()]


def check(out_dir):
    problems = []
    fresh = os.path.join(out_dir, "somepost.pot")
    run_xgettext(fresh)
    wanted, _ = parse_po(fresh)
    committed, _ = parse_po(POT)
    for msgid in sorted(set(wanted) - set(committed)):
        problems.append(f"po/somepost.pot lacks {msgid!r} (run: python3 tools/po_files.py update)")
    for msgid in sorted(set(committed) - set(wanted)):
        problems.append(f"po/somepost.pot has {msgid!r}, which the sources no longer use (run: python3 tools/po_files.py update)")
    for lang in languages():
        path = os.path.join(PO_DIR, lang + ".po")
        if not os.path.exists(path):
            problems.append(f"po/{lang}.po is missing (po/LINGUAS lists {lang})")
            continue
        entries, obsolete = parse_po(path)
        for msgid in obsolete:
            problems.append(f"po/{lang}.po: obsolete entry {msgid!r}: remove it")
        for msgid in sorted(wanted):
            if msgid not in entries:
                problems.append(f"po/{lang}.po lacks {msgid!r}")
                continue
            msgstr, flags = entries[msgid]
            if not msgstr:
                problems.append(f"po/{lang}.po: {msgid!r} is not translated")
            if "fuzzy" in flags:
                problems.append(f"po/{lang}.po: {msgid!r} is fuzzy: check the translation, then remove the flag")
            if msgstr and placeholders(msgstr) != placeholders(msgid):
                problems.append(f"po/{lang}.po: {msgid!r}: the placeholders {placeholders(msgstr)} differ from {placeholders(msgid)}")
            if msgstr and len(brackets(msgstr)) != len(brackets(msgid)):
                problems.append(f"po/{lang}.po: {msgid!r}: the translation must keep {len(brackets(msgid))} [key] bracket(s)")
            if msgstr and msgid.endswith("\n") != msgstr.endswith("\n"):
                problems.append(f"po/{lang}.po: {msgid!r}: the translation must end with a newline exactly when the English does")
        for msgid in sorted(set(entries) - set(wanted)):
            problems.append(f"po/{lang}.po has {msgid!r}, which the sources no longer use")
    for p in problems:
        print("FAIL " + p)
    checked = len(wanted) * (1 + len(languages()))
    print(f"{checked - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


def update():
    run_xgettext(POT)
    for lang in languages():
        path = os.path.join(PO_DIR, lang + ".po")
        if os.path.exists(path):
            subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching",
                            "--add-location=file", path, POT], check=True)
        else:
            subprocess.run(["msginit", "--no-translator", "--locale=" + lang + ".UTF-8", "--input=" + POT,
                            "--output-file=" + path], check=True)
        print(f"po/{lang}.po: updated; translate the empty and fuzzy entries")
    return 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "update":
        return update()
    if len(sys.argv) >= 2 and sys.argv[1] == "check":
        if len(sys.argv) >= 3:
            os.makedirs(sys.argv[2], exist_ok=True)
            return check(sys.argv[2])
        with tempfile.TemporaryDirectory() as tmp:
            return check(tmp)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
