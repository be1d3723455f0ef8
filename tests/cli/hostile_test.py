#!/usr/bin/env python3
"""Hostile inputs end to end (issue 11, "A test for every promise"): what a .cases file
cannot express. Each row is a bash command run in a fresh temporary folder, so it can
close descriptors (`2>&-`), set limits (`ulimit -f`), make FIFOs and links and send
signals; the row gives the expected exit status, the expected first line of stderr
(None: stderr must be empty) and what must hold afterwards: no temporary file
(`.NAME.somepost-PID-N.tmp`) left anywhere in the folder, a target left as it was, a
link still a link. Prints "N/M passed" and names each failing row.

In a row: $SP is the somepost binary, $SRC the repository root, $T the row's folder
(also the current directory; "{T}" in an expected line stands for it). HOME and
XDG_CONFIG_HOME point into $T, so the wizard's remembered platforms never touch yours.
`during_write SIGNAL CMD...` runs CMD in the background, waits until its temporary file
exists, sends SIGNAL and returns CMD's status.

Usage: hostile_test.py SOMEPOST_BINARY REPO_ROOT
"""
import os
import subprocess
import sys
import tempfile

PRELUDE = r'''
# A plan of 200,000 rows: long enough that a signal or a limit arrives mid-write.
big_plan() { { echo message,platforms; yes 1,x | head -n 200000; } > "$1"; }
# Answers that walk the wizard to the review and quit: message 1, Enter at the hashtags,
# the link and the platforms, then q.
wizard_answers() { printf '1\n\n\n\nq\n'; }
during_write() {
  local signal=$1; shift
  set -m  # its own process group: a background job would otherwise ignore SIGINT and SIGQUIT
  "$@" 2>"$NOTES/stderr" &
  local pid=$!
  local i
  for i in $(seq 1000); do
    compgen -G "$T/.*.tmp" > /dev/null && break
    sleep 0.01
  done
  kill -s "$signal" "$pid"
  wait "$pid" 2>/dev/null
  local status=$?
  set +m
  cat "$NOTES/stderr" >&2
  return $status
}
ulimit -c 0  # SIGQUIT and the crashes dump no core here
'''


class Row:
    def __init__(self, name, command, status, stderr_first, setup="", checks=(), timeout=60):
        self.name, self.command, self.status = name, command, status
        self.stderr_first, self.setup, self.checks, self.timeout = stderr_first, setup, list(checks), timeout


# Checks after the run:
#   ("no_temp",)               no '.*.tmp' file anywhere under $T
#   ("same", NAME)             NAME holds what it held before the command
#   ("symlink", NAME)          NAME is still a symbolic link
#   ("first_line", NAME, TEXT) NAME's first line starts with TEXT
#   ("lacks", NAME, TEXT)      NAME exists and does not contain TEXT
NO_TEMP = ("no_temp",)

ROWS = [
    # ---- defect 2: closed standard descriptors --------------------------------------
    Row("stderr closed: the -o file gets the results, not the diagnostics",
        '"$SP" batch --plan p.csv -o y.jsonl 2>&-', 2, None,
        setup="printf 'message,platforms\\n1,x\\n99,x\\n' > p.csv",
        checks=[("first_line", "y.jsonl", '{"line":2,'), ("lacks", "y.jsonl", "somepost:"), NO_TEMP]),
    Row("stdout closed: -o FILE still written, nothing else in it",
        '"$SP" compose -m 1 -o post.txt >&-', 0, None,
        checks=[("first_line", "post.txt", "Aikamme"), ("lacks", "post.txt", "Platform"), NO_TEMP]),
    Row("stdout closed: still an error, not output thrown away",
        'echo hi | "$SP" count -p x >&-', 2, "somepost: error: cannot write to standard output"),
    Row("stdout closed with -o -: an error naming standard output",
        '"$SP" compose -m 1 -o - >&-', 2, "somepost: error: standard output: cannot write: Bad file descriptor"),
    Row("stdin closed: a read error, not an empty text",
        '"$SP" count -p x <&-', 2, "somepost: error: standard input: read error: Bad file descriptor"),

    # ---- defect 3: whole-file reads -------------------------------------------------
    *[Row(f"{what} of a folder", command, 2, f"somepost: error: {name}: Is a directory", setup="mkdir d")
      for what, command, name in [
          ("count", '"$SP" count d', "d"),
          ("count, stdin", '"$SP" count < d', "standard input"),
          ("compose --text-file", '"$SP" compose --text-file d', "d"),
          ("--catalogue", '"$SP" compose -m 1 --catalogue d', "d"),
          ("SOMEPOST_CATALOGUE", 'SOMEPOST_CATALOGUE=d "$SP" list', "d"),
          ("--platforms", 'echo hi | "$SP" count --platforms d', "d"),
          ("catalogue validate", '"$SP" catalogue validate d', "d")]],
    Row("a missing file", '"$SP" count missing.txt', 2, "somepost: error: missing.txt: No such file or directory"),
    Row("count of a 700 MB file: refused at the bound, not counted in part",
        'ulimit -v 1500000; "$SP" count big.txt', 2,
        "somepost: error: big.txt: larger than the limit of 67108864 bytes", setup="truncate -s 700M big.txt"),
    Row("count of /dev/zero: refused at the bound, memory bounded",
        'ulimit -v 1500000; "$SP" count /dev/zero', 2,
        "somepost: error: /dev/zero: larger than the limit of 67108864 bytes"),
    Row("a catalogue over 16 MiB", '"$SP" compose -m 1 --catalogue big.json', 2,
        "somepost: error: big.json: larger than the limit of 16777216 bytes", setup="truncate -s 17M big.json"),
    Row("a broken .mo file: a warning, and English",
        'echo hi | SOMEPOST_LOCALEDIR="$T/loc" "$SP" --lang fi count -p x --format json', 0,
        "somepost: warning: {T}/loc/fi/LC_MESSAGES/somepost.mo: corrupt translation file "
        "(too short for a .mo file (8 bytes)); using English",
        setup="mkdir -p loc/fi/LC_MESSAGES && echo garbage > loc/fi/LC_MESSAGES/somepost.mo"),
    Row("a .mo file over 16 MiB: a warning, and English",
        'echo hi | SOMEPOST_LOCALEDIR="$T/loc" "$SP" --lang fi count -p x --format json', 0,
        "somepost: warning: {T}/loc/fi/LC_MESSAGES/somepost.mo: larger than the limit of 16777216 bytes; "
        "cannot read the translations; using English",
        setup="mkdir -p loc/fi/LC_MESSAGES && truncate -s 17M loc/fi/LC_MESSAGES/somepost.mo"),

    # ---- defect 6: the remembered-platforms file ------------------------------------
    Row("remembered platforms: a FIFO is not waited for",
        'wizard_answers | "$SP" interactive > /dev/null', 0,
        "somepost: warning: {T}/cfg/somepost/platforms: not a regular file; the remembered platforms are ignored",
        setup="mkdir -p cfg/somepost && mkfifo cfg/somepost/platforms", timeout=20),
    Row("remembered platforms: a folder",
        'wizard_answers | "$SP" interactive > /dev/null', 0,
        "somepost: warning: {T}/cfg/somepost/platforms: Is a directory; the remembered platforms are ignored",
        setup="mkdir -p cfg/somepost/platforms"),
    Row("remembered platforms: a link to /dev/zero, memory bounded",
        'ulimit -v 1500000; wizard_answers | "$SP" interactive > /dev/null', 0,
        "somepost: warning: {T}/cfg/somepost/platforms: not a regular file; the remembered platforms are ignored",
        setup="mkdir -p cfg/somepost && ln -s /dev/zero cfg/somepost/platforms", timeout=20,
        checks=[("symlink", "cfg/somepost/platforms")]),
    Row("remembered platforms: a file over 64 KiB is ignored and rewritten",
        'wizard_answers | "$SP" interactive > /dev/null', 0,
        "somepost: warning: {T}/cfg/somepost/platforms: larger than the limit of 65536 bytes; "
        "the remembered platforms are ignored",
        setup="mkdir -p cfg/somepost && yes mastodon | head -c 70000 > cfg/somepost/platforms",
        checks=[("first_line", "cfg/somepost/platforms", "#"), NO_TEMP]),
    Row("remembered platforms: a good file is read, no warning",
        'wizard_answers | "$SP" interactive | grep -c "^Bluesky"', 0, None,
        setup="mkdir -p cfg/somepost && echo bluesky > cfg/somepost/platforms",
        checks=[("first_line", "cfg/somepost/platforms", "#")]),

    # ---- defect 7: the atomic writer and signals ------------------------------------
    *[Row(f"{signal} during batch -o: no temporary file left, the target untouched",
          f'during_write {signal} "$SP" batch --plan plan.csv -o out.jsonl --force', 128 + number, None,
          setup='big_plan plan.csv && echo old > out.jsonl', checks=[("same", "out.jsonl"), NO_TEMP])
      for signal, number in [("INT", 2), ("TERM", 15), ("HUP", 1), ("QUIT", 3), ("USR1", 10), ("USR2", 12),
                             ("ALRM", 14), ("PIPE", 13)]],
    Row("ulimit -f during batch -o: a write error, no temporary file, the target untouched",
        'ulimit -f 64; "$SP" batch --plan plan.csv -o out.jsonl --force', 2,
        "somepost: error: out.jsonl: cannot write: File too large",
        setup='big_plan plan.csv && echo old > out.jsonl', checks=[("same", "out.jsonl"), NO_TEMP]),
    Row("-o /dev/full: one error line", '"$SP" compose -m 1 -o /dev/full', 2,
        "somepost: error: /dev/full: cannot write: No space left on device", checks=[NO_TEMP]),
    Row("stdout on /dev/full: one error line", 'echo hi | "$SP" count -p x > /dev/full', 2,
        "somepost: error: cannot write to standard output"),
    Row("a reader that closes the pipe early: quiet, SIGPIPE's status",
        'set -o pipefail; "$SP" batch --plan plan.csv | head -c 1 > /dev/null', 141, None,
        setup="big_plan plan.csv"),
    Row("-o onto a folder", '"$SP" compose -m 1 -o d', 2, "somepost: error: d is a directory", setup="mkdir d"),

    # ---- defect 8a: dangling symbolic links -----------------------------------------
    Row("--force onto a dangling link: followed, the link kept",
        '"$SP" compose -m 1 -o link.txt --force', 0, None, setup="ln -s real.txt link.txt",
        checks=[("symlink", "link.txt"), ("first_line", "real.txt", "Aikamme"), NO_TEMP]),
    Row("a dangling link without --force: followed too (nothing is replaced)",
        '"$SP" compose -m 1 -o link.txt', 0, None, setup="ln -s real.txt link.txt",
        checks=[("symlink", "link.txt"), ("first_line", "real.txt", "Aikamme"), NO_TEMP]),
    Row("a live link without --force: refused", '"$SP" compose -m 1 -o link.txt', 2,
        "somepost: error: link.txt exists; add --force to overwrite it",
        setup="echo old > real.txt && ln -s real.txt link.txt", checks=[("same", "real.txt"), ("symlink", "link.txt")]),

    # ---- already working: invalid UTF-8 in each input, a hanging clipboard tool -----
    Row("invalid UTF-8 on stdin", "printf '\\xff' | \"$SP\" count", 2,
        "somepost: error: standard input: invalid UTF-8 at byte offset 0 (byte 0xFE or 0xFF)"),
    Row("invalid UTF-8 in --text", '"$SP" compose --text "$(printf \'a\\xffb\')"', 2,
        "somepost: error: --text: invalid UTF-8 at byte offset 1 (byte 0xFE or 0xFF)"),
    Row("invalid UTF-8 in a catalogue", '"$SP" compose -m 1 --catalogue c.json', 2,
        "somepost: error: c.json: byte 17: invalid UTF-8 (byte 0xFE or 0xFF) at line 1, column 18",
        setup="printf '{\"schema\":1,\"x\":\"\\xff\"}' > c.json"),
    Row("invalid UTF-8 in a platforms file", 'echo hi | "$SP" count --platforms pl.json', 2,
        "somepost: error: pl.json: invalid UTF-8 at byte offset 8 (byte 0xFE or 0xFF)",
        setup="printf '[{\"id\":\"\\xff\"}]' > pl.json"),
    Row("invalid UTF-8 in a CSV plan", '"$SP" batch --plan p.csv > /dev/null', 2,
        "somepost: error: p.csv: line 2: invalid UTF-8 at byte offset 2 of the line (byte 0xFE or 0xFF)",
        setup="printf 'message,platforms\\n1,\\xff\\n' > p.csv"),
    Row("invalid UTF-8 in a JSONL line: that line's error, exit 2",
        "printf '\"a\\xff\"\\n\"ok\"\\n' | \"$SP\" count --jsonl | grep -c '^{\"line\":1,\"error\"'", 0, None),
    Row("a clipboard tool that hangs: killed after 10 s, reported",
        'WAYLAND_DISPLAY=wayland-0 PATH="$T/bin:/usr/bin:/bin" setsid -w "$SP" compose -m 1 --copy > /dev/null', 2,
        "somepost: warning: wl-copy failed (did not finish within 10 s)",
        setup="mkdir bin && printf '#!/bin/sh\\nexec sleep 30\\n' > bin/wl-copy && chmod +x bin/wl-copy",
        timeout=40),

    # ---- defect 4: terminal escapes in diagnostics ----------------------------------
    # Every diagnostic line passes the one catch site's neutralize_controls; quoted
    # values are escaped by json_problems::append_printable (C0, DEL, C1, bidi).
    Row("an unknown option with ESC and a C1 byte is echoed inert",
        '"$SP" $\'--frob\\e[31m\\x9b\'', 2,
        "somepost: error: The following argument was not expected: --frob\u241b[31m\ufffd"),
    Row("--created-at with 0xFF and ESC is echoed inert",
        '"$SP" compose -m 1 --export bluesky-record --created-at $\'\\xff\\e[2J\'', 2,
        "somepost: error: --created-at \ufffd\u241b[2J: expected an RFC 3339 date-time with a time zone, "
        "e.g. 2026-05-04T09:00:00Z or 2026-05-04T12:00:00+03:00"),
    Row("--message with ESC is quoted escaped",
        '"$SP" compose --message $\'1\\e[31m\'', 2,
        "somepost: error: unknown message \"1\\u001B[31m\"; the catalogue has messages 1-6 (see 'somepost list')"),
    Row("-p with a C1 control (U+009B CSI) is quoted escaped",
        '"$SP" count -p $\'x\\xc2\\x9b\' < /dev/null', 2,
        "somepost: error: unknown platform \"x\\u009B\"; known: x, mastodon, bluesky, threads, instagram, linkedin, facebook"),
    Row("a catalogue key with a bidi override is quoted escaped (its error is the last line)",
        'printf \'{"schema":1,"campaign\\xe2\\x80\\xae":1}\' | "$SP" catalogue validate - 2>&1 >/dev/null | tail -1 >&2; exit 2', 2,
        "somepost: error: -: [\"campaign\\u202E\"]: unknown key; expected one of schema, campaign, messages, hashtags, images, goals, tips"),
]


def snapshot(folder):
    """{relative path: bytes} of the regular files under `folder` (links not followed)."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path) and os.path.getsize(path) < (1 << 20):
                with open(path, "rb") as f:
                    files[os.path.relpath(path, folder)] = f.read()
    return files


def temporaries(folder):
    return [os.path.relpath(os.path.join(root, n), folder)
            for root, _, names in os.walk(folder) for n in names if n.startswith(".") and n.endswith(".tmp")]


def first_line(path):
    with open(path, "rb") as f:
        return f.readline().decode("utf-8", "replace").rstrip("\n")


def run_row(row, binary, root):
    """A list of problems; empty when the row passes."""
    with tempfile.TemporaryDirectory(prefix="somepost-hostile-") as base:
        folder = os.path.join(base, "t")
        notes = os.path.join(base, "notes")  # the signal helper's scratch, outside $T
        os.mkdir(folder)
        os.mkdir(notes)
        env = {k: v for k, v in os.environ.items()
               if k not in ("WAYLAND_DISPLAY", "DISPLAY", "SSH_CONNECTION", "SSH_TTY", "SOMEPOST_CATALOGUE",
                            "SOMEPOST_LOCALEDIR", "LANGUAGE", "LC_MESSAGES", "NO_COLOR")}
        env.update(SP=binary, SRC=root, T=folder, NOTES=notes, HOME=os.path.join(folder, "home"),
                   XDG_CONFIG_HOME=os.path.join(folder, "cfg"), LC_ALL="C.UTF-8", LANG="C.UTF-8", TERM="dumb")
        if row.setup:
            s = subprocess.run(["bash", "-c", PRELUDE + row.setup], cwd=folder, env=env, capture_output=True)
            if s.returncode != 0:
                return [f"setup failed: {s.stderr.decode(errors='replace')}"]
        before = snapshot(folder)
        try:
            p = subprocess.run(["bash", "-c", PRELUDE + row.command], cwd=folder, env=env, capture_output=True,
                               stdin=subprocess.DEVNULL, timeout=row.timeout)
        except subprocess.TimeoutExpired:
            return [f"did not finish within {row.timeout} s"]
        problems = []
        if p.returncode != row.status:
            problems.append(f"exit status {p.returncode}, expected {row.status}")
        lines = p.stderr.decode("utf-8", "replace").splitlines()
        got = lines[0] if lines else None
        want = row.stderr_first.replace("{T}", folder) if row.stderr_first is not None else None
        if got != want:
            problems.append(f"first line of stderr {got!r}, expected {want!r}")
        for check in row.checks:
            kind = check[0]
            path = os.path.join(folder, check[1]) if len(check) > 1 else folder
            if kind == "no_temp":
                left = temporaries(folder)
                if left:
                    problems.append(f"temporary files left: {left}")
            elif kind == "same":
                now = open(path, "rb").read() if os.path.isfile(path) else None
                if now != before.get(check[1]):
                    problems.append(f"{check[1]} changed: {now[:80] if now else now!r}")
            elif kind == "symlink":
                if not os.path.islink(path):
                    problems.append(f"{check[1]} is no longer a symbolic link")
            elif kind == "first_line":
                if not os.path.isfile(path):
                    problems.append(f"{check[1]} is missing")
                elif not first_line(path).startswith(check[2]):
                    problems.append(f"{check[1]} starts {first_line(path)[:80]!r}, expected {check[2]!r}")
            elif kind == "lacks":
                if not os.path.isfile(path):
                    problems.append(f"{check[1]} is missing")
                elif check[2].encode() in open(path, "rb").read():
                    problems.append(f"{check[1]} contains {check[2]!r}")
            else:
                problems.append(f"unknown check {kind}")
        return problems


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    # AddressSanitizer reserves terabytes of address space for its shadow memory, so an
    # ASan binary cannot start under `ulimit -v`: those rows run in the plain build only.
    asan = b"__asan_init" in open(binary, "rb").read()
    passed = skipped = 0
    for row in ROWS:
        if asan and "ulimit -v" in row.command:
            skipped += 1
            print(f"skipped under AddressSanitizer (ulimit -v): {row.name}")
            continue
        problems = run_row(row, binary, root)
        if problems:
            print(f"FAIL: {row.name}\n  $ {row.command}\n  " + "\n  ".join(problems))
        else:
            passed += 1
    print(f"{passed}/{len(ROWS) - skipped} passed" + (f" ({skipped} skipped)" if skipped else ""))
    return 0 if passed == len(ROWS) - skipped else 1


if __name__ == "__main__":
    sys.exit(main())
