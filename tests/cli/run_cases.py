#!/usr/bin/env python3
"""End-to-end CLI cases: runs the somepost binary on each case of tests/cli/*.cases and
checks stdout, stderr and the exit status exactly. Prints "N/M passed"; a failure names
the case file and line.

Case format (one case per block, blocks separated by a '### title' line):
    ### title
    $ ARGS...            arguments (shlex-split), after the program name
    env NAME=VALUE       environment variable for this case (repeatable)
    < TEXT               a stdin line (TEXT + "\\n")
    <json "..."          exact stdin bytes, as a JSON string
    <rep N "..."         exact stdin bytes: a JSON string repeated N times
    > TEXT               an expected stdout line (TEXT + "\\n")
    >json "..."          exact expected stdout, as a JSON string
    >~ TEXT              stdout must contain TEXT
    2> TEXT              an expected stderr line
    2>~ TEXT             stderr must contain TEXT
    ? N                  the expected exit status
    >file NAME "..."     after the run, {TMP}/NAME must hold exactly these bytes (a JSON string)
    >nofile NAME         after the run, {TMP}/NAME must not exist
Without any '>' line stdout must be empty; without any '2>' line stderr must be empty.
Placeholders: {SRC} = repository root, {TMP} = a fresh temporary folder for the case.

Usage: run_cases.py SOMEPOST_BINARY REPO_ROOT
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile


class Case:
    def __init__(self, path, line, title):
        self.path, self.line, self.title = path, line, title
        self.args, self.env = [], {}
        self.stdin = b""
        self.stdout, self.stdout_exact, self.stdout_has = None, None, []
        self.stderr, self.stderr_has = None, []
        self.status = 0
        self.files, self.absent = [], []


def parse(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.startswith("### "):
                cases.append(Case(path, number, line[4:]))
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if not cases:
                raise SystemExit(f"{path}:{number}: text before the first '### ' title")
            c = cases[-1]
            key, _, rest = line.partition(" ")
            if key == "$":
                c.args = shlex.split(rest)
            elif key == "env":
                name, _, value = rest.partition("=")
                c.env[name] = value
            elif key == "<":
                c.stdin += (rest + "\n").encode()
            elif key == "<json":
                c.stdin += json.loads(rest).encode("utf-8", "surrogateescape")
            elif key == "<rep":
                times, _, literal = rest.partition(" ")
                c.stdin += json.loads(literal).encode("utf-8", "surrogateescape") * int(times)
            elif key == ">":
                c.stdout = (c.stdout or "") + rest + "\n"
            elif key == ">json":
                c.stdout_exact = json.loads(rest)
            elif key == ">~":
                c.stdout_has.append(rest)
            elif key == "2>":
                c.stderr = (c.stderr or "") + rest + "\n"
            elif key == "2>~":
                c.stderr_has.append(rest)
            elif key == ">file":
                name, _, literal = rest.partition(" ")
                c.files.append((name, json.loads(literal).encode("utf-8", "surrogateescape")))
            elif key == ">nofile":
                c.absent.append(rest)
            elif key == "?":
                c.status = int(rest)
            else:
                raise SystemExit(f"{path}:{number}: unknown line kind {key!r}")
    return cases


def run(binary, root, case):
    with tempfile.TemporaryDirectory() as tmp:
        subst = lambda s: s.replace("{SRC}", root).replace("{TMP}", tmp)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        env.update({k: subst(v) for k, v in case.env.items()})
        proc = subprocess.run([binary] + [subst(a) for a in case.args], input=case.stdin,
                              capture_output=True, env=env, cwd=tmp, timeout=60,
                              start_new_session=True)  # no controlling terminal: /dev/tty fails
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        problems = []
        if proc.returncode != case.status:
            problems.append(f"exit status {proc.returncode}, expected {case.status}")
        want_out = case.stdout_exact if case.stdout_exact is not None else case.stdout
        if want_out is not None and out != subst(want_out):
            problems.append(f"stdout differs:\n--- expected\n{subst(want_out)}--- got\n{out}---")
        if want_out is None and not case.stdout_has and out:
            problems.append(f"unexpected stdout:\n{out}")
        for s in case.stdout_has:
            if subst(s) not in out:
                problems.append(f"stdout lacks {subst(s)!r}:\n{out}")
        if case.stderr is not None and err != subst(case.stderr):
            problems.append(f"stderr differs:\n--- expected\n{subst(case.stderr)}--- got\n{err}---")
        if case.stderr is None and not case.stderr_has and err:
            problems.append(f"unexpected stderr:\n{err}")
        for s in case.stderr_has:
            if subst(s) not in err:
                problems.append(f"stderr lacks {subst(s)!r}:\n{err}")
        for name, want in case.files:
            path = os.path.join(tmp, name)
            if not os.path.exists(path):
                problems.append(f"{{TMP}}/{name} was not written")
                continue
            with open(path, "rb") as f:
                got = f.read()
            if got != want:
                problems.append(f"{{TMP}}/{name} differs:\n--- expected\n{want!r}\n--- got\n{got!r}")
        for name in case.absent:
            if os.path.exists(os.path.join(tmp, name)):
                problems.append(f"{{TMP}}/{name} exists, but should not")
        return problems


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    folder = os.path.join(root, "tests", "cli")
    total = passed = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".cases"):
            continue
        for case in parse(os.path.join(folder, name)):
            total += 1
            problems = run(binary, root, case)
            if problems:
                print(f"FAIL tests/cli/{name}:{case.line}: {case.title}")
                for p in problems:
                    print("  " + p.replace("\n", "\n  "))
            else:
                passed += 1
    print(f"CLI cases: {passed}/{total} passed")
    return 0 if total and passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
