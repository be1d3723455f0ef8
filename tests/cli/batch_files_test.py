#!/usr/bin/env python3
"""End-to-end checks of `somepost batch` that a .cases file cannot express: the CSV output
read back by Python's csv module, `-o DIR` (file names, contents, --force, no temporary
files left), `-o FILE`, `-o /dev/stdout` appending to a log, no temporary file left by
SIGINT, SIGTERM or SIGHUP, and a reader that closes the pipe early. Prints "N/M passed".

Usage: batch_files_test.py SOMEPOST_BINARY REPO_ROOT
"""
import csv
import io
import json
import os
import signal
import subprocess
import sys
import tempfile

# A catalogue whose texts hold everything CSV must quote: commas, quotes, line breaks
# (LF and CRLF), and text that is not ASCII.
TRICKY_CATALOGUE = {
    "schema": 1,
    "campaign": {"id": "testi", "name": {"fi": "Testi"}, "slogan": {"fi": "Testi"},
                 "default_language": "fi", "link": "example.fi/kampanja"},
    "messages": [
        {"id": "lainaus", "number": 1,
         "text": {"fi": 'Hän sanoi "kyllä", ja lähti.\nToinen rivi; kolmas, "neljäs".'},
         "hashtags": ["#testi"]},
        {"id": "rivit", "number": 2,
         "text": {"fi": "Rivi yksi\r\nrivi kaksi 👋🏽, ääkköset\n\nkappale"},
         "hashtags": ["#testi", "#mieli"]},
        {"id": "pitka", "number": 3,
         "text": {"fi": " ".join(["Mielenterveys on kaikkien asia."] * 20)},
         "hashtags": []},
    ],
    "hashtags": [{"tag": "#testi", "priority": 10}, {"tag": "#mieli", "priority": 5}],
    "images": [],
}

checks = []


def check(name, ok, detail=""):
    checks.append((name, ok, detail))


def run(binary, args, **kw):
    return subprocess.run([binary] + args, capture_output=True, **kw)


def jsonl_rows(binary, args):
    p = run(binary, args)
    return p, [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]


def test_csv_round_trip(binary, catalogue):
    base = ["batch", "--catalogue", catalogue]
    p_json, rows = jsonl_rows(binary, base)
    check("jsonl status 1 (message 3 does not fit)", p_json.returncode == 1, p_json.stderr.decode())
    for extra in ([], ["--excel"]):
        p = run(binary, base + ["--format", "csv"] + extra)
        check(f"csv {extra} status", p.returncode == p_json.returncode, p.stderr.decode())
        data = p.stdout
        check(f"csv {extra} BOM", data.startswith(b"\xef\xbb\xbf") == bool(extra))
        check(f"csv {extra} CRLF record ends", data.endswith(b"\r\n"))
        text = data.decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        header, body = records[0], records[1:]
        check(f"csv {extra} header", header[:6] == ["line", "message", "number", "platform", "part", "text"],
              repr(header))
        check(f"csv {extra} one record per JSON row", len(body) == len(rows), f"{len(body)} vs {len(rows)}")
        for record, row in zip(body, rows):
            got = dict(zip(header, record))
            count = row["count"]["platforms"][0]
            same = (got["text"] == row["text"] and got["message"] == row["message"]
                    and got["platform"] == row["platform"] and int(got["number"]) == row["number"]
                    and got["fits"] == ("true" if row["fits"] else "false")
                    and int(got["length"]) == count["length"] and int(got["remaining"]) == count["remaining"])
            check(f"csv {extra} row {row['message']}.{row['platform']} equals the JSON row", same,
                  f"{got!r}\n{row!r}")
    # The texts really hold what needs quoting, so the round trip proved something.
    texts = "".join(r["text"] for r in rows)
    check("texts hold quotes, commas, LF and CRLF", all(s in texts for s in ['"', ",", "\n", "\r\n"]))


def test_csv_threads(binary, catalogue):
    p = run(binary, ["batch", "--catalogue", catalogue, "--format", "csv", "--thread", "-p", "x",
                     "--plan", "-", "--plan-format", "jsonl"], input=b'{"message": 3}\n')
    records = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"), newline=""), strict=True))
    parts = [r[4] for r in records[1:]]
    check("thread: one CSV record per part", len(parts) >= 2 and parts == [f"{i}/{len(parts)}" for i in
                                                                           range(1, len(parts) + 1)], repr(parts))
    check("thread: every part fits", all(r[6] == "true" for r in records[1:]), repr(records))


def test_dir(binary, catalogue, root):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "viikko") + "/"
        p = run(binary, ["batch", "--catalogue", catalogue, "-p", "x,bluesky", "-o", out])
        # Message 3 is 20 sentences, over both limits: exit 1 and one note per file.
        notes = p.stderr.decode().splitlines()
        check("dir: status 1, nothing on stdout, a note for each post that does not fit",
              p.returncode == 1 and not p.stdout and len(notes) == 2
              and all("03-pitka." in n and "does not fit" in n for n in notes), p.stderr.decode())
        names = sorted(os.listdir(out))
        expected = sorted(f"{n:02d}-{m}.{pf}.txt" for n, m in [(1, "lainaus"), (2, "rivit"), (3, "pitka")]
                          for pf in ("x", "bluesky"))
        check("dir: file names", names == expected, repr(names))
        _, rows = jsonl_rows(binary, ["batch", "--catalogue", catalogue, "-p", "x,bluesky"])
        for row in rows:
            name = f"{row['number']:02d}-{row['message']}.{row['platform']}.txt"
            with open(os.path.join(out, name), "rb") as f:
                check(f"dir: {name} holds the post", f.read() == (row["text"] + "\n").encode("utf-8"))
        before = {n: os.stat(os.path.join(out, n)).st_mtime_ns for n in names}
        p = run(binary, ["batch", "--catalogue", catalogue, "-p", "x", "-o", out])
        err = p.stderr.decode()
        check("dir: no overwrite without --force (exit 2, a line per file)",
              p.returncode == 2 and err.count("exists; add --force to overwrite it") == 3, err)
        check("dir: files untouched", all(os.stat(os.path.join(out, n)).st_mtime_ns == before[n] for n in names))
        p = run(binary, ["batch", "--catalogue", catalogue, "-p", "x", "-o", out, "--force"])
        check("dir: --force overwrites", p.returncode == 1 and "exists" not in p.stderr.decode(), p.stderr.decode())
        p = run(binary, ["batch", "--catalogue", catalogue, "-p", "x", "-o", out, "--plan", "-"],
                input=b"message,platforms\n2,x\n2,x\n")
        names = sorted(os.listdir(out))
        check("dir: plan rows get their line in the name",
              "line2-02-rivit.x.txt" in names and "line3-02-rivit.x.txt" in names, repr(names))
        check("dir: no temporary files left", not [n for n in names if n.startswith(".")], repr(names))
        # A post file that cannot be written (a directory is in its way) is that row's
        # error: the other rows are written and the exit status is 2 at the end.
        os.mkdir(os.path.join(out, "line2-01-lainaus.x.txt"))
        p = run(binary, ["batch", "--catalogue", catalogue, "-o", out, "--force", "--plan", "-"],
                input=b"message,platforms\n1,x\n2,x\n3,bluesky\n")
        err = p.stderr.decode().splitlines()
        check("dir: an unwritable file is reported and the batch goes on (exit 2)",
              p.returncode == 2 and err[0] == f"somepost: error: standard input: line 2: {out}line2-01-lainaus.x.txt"
              " is a directory" and len(err) == 2 and "line4-03-pitka.bluesky.txt: does not fit" in err[1], repr(err))
        names = sorted(os.listdir(out))
        check("dir: the rows after it are written",
              "line3-02-rivit.x.txt" in names and "line4-03-pitka.bluesky.txt" in names, repr(names))
        check("dir: no temporary files left after the failure", not [n for n in names if n.startswith(".")],
              repr(names))


def test_output_file(binary, catalogue):
    with tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "viikko.csv")
        p = run(binary, ["batch", "--catalogue", catalogue, "--format", "csv", "-o", target])
        stdout_version = run(binary, ["batch", "--catalogue", catalogue, "--format", "csv"]).stdout
        with open(target, "rb") as f:
            check("-o FILE: same bytes as stdout", p.returncode == 1 and f.read() == stdout_version)
        check("-o FILE: no temporary file left", os.listdir(tmp) == ["viikko.csv"], repr(os.listdir(tmp)))
        # A bad plan header stops the batch: even with --force, the target is not replaced.
        p = run(binary, ["batch", "--catalogue", catalogue, "--plan", "-", "--plan-format", "csv", "-o", target,
                         "--force"], input=b"message,tags\n1,x\n")
        with open(target, "rb") as f:
            check("-o FILE --force: a bad plan header leaves the target as it was",
                  p.returncode == 2 and f.read() == stdout_version, p.stderr.decode())
        check("-o FILE --force: no temporary file left after the bad header", os.listdir(tmp) == ["viikko.csv"],
              repr(os.listdir(tmp)))


def test_descriptor_targets(binary, catalogue):
    # `-o /dev/stdout >> log.txt`: written through the descriptor, as -o - is; the log the
    # shell opened for appending keeps what it had (no temporary file renamed over it).
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "log.txt")
        with open(log, "wb") as f:
            f.write(b"keep\n")
        post = run(binary, ["compose", "--catalogue", catalogue, "-m", "1", "-p", "x"]).stdout
        rows = run(binary, ["batch", "--catalogue", catalogue, "-p", "x"]).stdout
        runs = [(["compose", "--catalogue", catalogue, "-m", "1", "-p", "x", "-o", "/dev/stdout", "--force"], post),
                (["compose", "--catalogue", catalogue, "-m", "1", "-p", "x", "-o", "/dev/stdout"], post),
                (["batch", "--catalogue", catalogue, "-p", "x", "-o", "/proc/self/fd/1"], rows)]
        expected = b"keep\n"
        for args, output in runs:
            with open(log, "ab") as f:
                p = subprocess.run([binary] + args, stdout=f, stderr=subprocess.PIPE)
            expected += output
            check(f"-o {args[-2] if args[-1] == '--force' else args[-1]} >> log: status", p.returncode in (0, 1),
                  p.stderr.decode())
        with open(log, "rb") as f:
            got = f.read()
        check("-o /dev/stdout >> log: appended, nothing lost", got == expected, repr(got[:200]))
        check("-o /dev/stdout >> log: no temporary file", os.listdir(tmp) == ["log.txt"], repr(os.listdir(tmp)))


def test_signal_removes_temporary(binary, catalogue):
    # `batch -o FILE` reading a plan from a pipe that stays open: its temporary file
    # exists until the plan ends. SIGINT, SIGTERM and SIGHUP end the process as the
    # signal says, and remove the temporary file first.
    import time

    def start(tmp, disposition, sig):
        reset = lambda: signal.signal(sig, disposition)  # e.g. SIGINT is ignored in background jobs
        proc = subprocess.Popen([binary, "batch", "--catalogue", catalogue, "--plan", "-", "--plan-format", "csv",
                                 "-o", "res.jsonl"], cwd=tmp, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, preexec_fn=reset)
        proc.stdin.write(b"message\n1\n")
        proc.stdin.flush()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not os.listdir(tmp):
            time.sleep(0.01)
        return proc, os.listdir(tmp)

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        with tempfile.TemporaryDirectory() as tmp:
            proc, before = start(tmp, signal.SIG_DFL, sig)
            check(f"{sig.name}: the temporary file exists while the plan is read",
                  len(before) == 1 and before[0].startswith(".res.jsonl.somepost-"), repr(before))
            time.sleep(0.1)  # the first row is written to it
            proc.send_signal(sig)
            status = proc.wait(timeout=10)
            proc.stdin.close()
            check(f"{sig.name}: the process ends by the signal", status == -sig, f"status {status}")
            check(f"{sig.name}: no temporary file and no target left", os.listdir(tmp) == [], repr(os.listdir(tmp)))
    # A signal the process was started ignoring stays ignored: the batch goes on and
    # writes the file when the plan ends.
    with tempfile.TemporaryDirectory() as tmp:
        proc, _ = start(tmp, signal.SIG_IGN, signal.SIGINT)
        proc.send_signal(signal.SIGINT)
        time.sleep(0.2)
        alive = proc.poll() is None
        proc.stdin.close()
        status = proc.wait(timeout=10)
        check("ignored SIGINT: the batch goes on and writes the file", alive and status == 0 and
              os.listdir(tmp) == ["res.jsonl"], f"alive {alive}, status {status}, {os.listdir(tmp)!r}")


def test_closed_pipe(binary, root):
    with tempfile.TemporaryDirectory() as tmp:
        plan = os.path.join(tmp, "plan.csv")
        with open(plan, "w", encoding="utf-8") as f:
            f.write("message,platforms\n")
            for i in range(30000):
                f.write(f"{i % 6 + 1},\"x,mastodon,bluesky\"\n")
        # The shell way: `somepost batch ... | head -1`.
        p = subprocess.run(f"'{binary}' batch --plan '{plan}' | head -1", shell=True, capture_output=True,
                           executable="/bin/bash")
        check("| head -1: one line, nothing on stderr",
              p.stdout.count(b"\n") == 1 and p.stderr == b"", p.stderr.decode())
        # Default SIGPIPE: killed by the signal or done; either way silent.
        for ignore in (False, True):
            preexec = (lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN)) if ignore else None
            proc = subprocess.Popen([binary, "batch", "--plan", plan], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, preexec_fn=preexec)
            first = proc.stdout.readline()
            proc.stdout.close()
            err = proc.stderr.read()
            status = proc.wait(timeout=60)
            label = "SIGPIPE ignored (EPIPE)" if ignore else "default SIGPIPE"
            check(f"closed pipe, {label}: first line is a row", first.startswith(b'{"line":2,'))
            check(f"closed pipe, {label}: quiet", err == b"", err.decode())
            allowed = (0,) if ignore else (0, -signal.SIGPIPE)
            check(f"closed pipe, {label}: status {status}", status in allowed)


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        catalogue = os.path.join(tmp, "kit.json")
        with open(catalogue, "w", encoding="utf-8") as f:
            json.dump(TRICKY_CATALOGUE, f, ensure_ascii=False)
        p = run(binary, ["catalogue", "validate", catalogue])
        check("the test catalogue is valid", p.returncode == 0, p.stderr.decode())
        if p.returncode != 0:
            print(f"FAIL the test catalogue is invalid: {p.stderr.decode()}")
            return 1
        test_csv_round_trip(binary, catalogue)
        test_csv_threads(binary, catalogue)
        test_dir(binary, catalogue, root)
        test_output_file(binary, catalogue)
        test_descriptor_targets(binary, catalogue)
        test_signal_removes_temporary(binary, catalogue)
        test_closed_pipe(binary, root)
    failed = [c for c in checks if not c[1]]
    for name, _, detail in failed:
        print(f"FAIL {name}")
        if detail:
            print("  " + detail.replace("\n", "\n  "))
    print(f"batch file checks: {len(checks) - len(failed)}/{len(checks)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
