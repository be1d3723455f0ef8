#!/usr/bin/env python3
"""Colour only on a terminal: `somepost count`'s table with stdout on a pseudo-terminal.

The .cases tests run somepost through pipes, where it never colours, so they cannot
tell whether NO_COLOR or TERM=dumb is obeyed. Here stdout is a pty (Python's pty
module, standard library), and each row says whether an escape sequence may appear:

  TERM=xterm, no NO_COLOR      colour (bold header, green "yes")
  NO_COLOR=1                   none
  NO_COLOR="" (empty)          colour: https://no-color.org asks for a value that is
                               "present and not an empty string"
  TERM=dumb                    none
  stdout a pipe                none, with or without NO_COLOR

Each row prints "ok" or "FAIL" with what it saw; the exit status is 1 on any failure.
Usage: colour_test.py SOMEPOST_BINARY REPO_ROOT
"""
import os
import pty
import subprocess
import sys

BINARY = os.path.abspath(sys.argv[1])
ESC = b"\x1b["


def run(env_extra, on_pty=True):
    """Runs `somepost count -p x` on the text "a"; returns (stdout bytes, exit status)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    env["TERM"] = "xterm"
    env.update(env_extra)
    if not on_pty:
        p = subprocess.run([BINARY, "count", "-p", "x"], input=b"a\n", capture_output=True, env=env, timeout=60)
        return p.stdout, p.returncode
    master, slave = pty.openpty()
    p = subprocess.Popen([BINARY, "count", "-p", "x"], stdin=subprocess.PIPE, stdout=slave,
                         stderr=subprocess.PIPE, env=env)
    os.close(slave)
    p.stdin.write(b"a\n")
    p.stdin.close()
    out = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    p.wait(timeout=60)
    os.close(master)
    return out, p.returncode


def main():
    rows = [
        ("a terminal colours", {}, True, True),
        ("NO_COLOR=1 does not", {"NO_COLOR": "1"}, True, False),
        ("an empty NO_COLOR still colours", {"NO_COLOR": ""}, True, True),
        ("TERM=dumb does not", {"TERM": "dumb"}, True, False),
        ("a pipe does not", {}, False, False),
        ("a pipe with NO_COLOR does not", {"NO_COLOR": "1"}, False, False),
    ]
    failed = 0
    for name, env, on_pty, want_colour in rows:
        out, status = run(env, on_pty)
        table = b"X" in out and b"1/280" in out
        ok = status == 0 and table and ((ESC in out) == want_colour)
        print(f"{'ok' if ok else 'FAIL'}: {name}" + ("" if ok else f": exit {status}, stdout {out!r}"))
        failed += not ok
    print(f"colour: {len(rows) - failed}/{len(rows)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
