#!/usr/bin/env python3
"""The interactive wizard end to end, in a real terminal: tmux runs somepost in a
100x40 pane, send-keys types the answers and capture-pane reads the screen.

    interactive_tmux.py SOMEPOST_BINARY REPO_ROOT [--update-snapshots]

Scenarios (each in a fresh tmux server on its own socket, with its own HOME,
$XDG_CONFIG_HOME and folder, and a fake wl-copy on PATH that records its stdin):
  full session   message 3, drop one hashtag, copy (the recorded bytes must equal
                 `somepost compose ... -n` for the same choices), export to a file
                 (equal to `somepost compose ...`), quit with status 0
  piped answers  `printf ... | somepost interactive` in the terminal
  Finnish UI     LANG=fi_FI.UTF-8 (a locale this machine need not have): the review
                 screen against tests/e2e/snapshots/fi_review.txt
  Ctrl-C         at each of the 8 prompts: status 2, "interrupted", no file left
  clipboard      Ctrl-C after [c]opy does not kill the child a wl-copy leaves behind
                 to hold the clipboard
  no colour      NO_COLOR=1 and TERM=dumb: no escape sequence reaches the screen
  inert text     a catalogue with OSC, CSI and BEL sequences shows them as symbols:
                 the pane's title and screen stay as they were

Prints one line per check and "N passed, M failed"; exits 0 when all pass, 1 when any
fails, 77 (ctest: skipped) only when tmux is not installed. Standard library only.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
WIDTH, HEIGHT = 100, 40
TIMEOUT = 20.0  # seconds to wait for a screen; generous for the sanitizer build

BINARY = ROOT = None
UPDATE = False
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}")
        if detail:
            print("     " + detail.replace("\n", "\n     "))


class ScreenTimeout(Exception):
    pass


class Pane:
    """One tmux server with one session running `command` in a shell."""

    def __init__(self, folder, command, env):
        self.folder = folder
        self.socket = os.path.join(folder, "tmux.sock")
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in sorted(env.items()))
        # TERM is the one tmux gives the pane unless `env` sets it; the last line shows how
        # somepost ended, and the shell then waits so that the screen can still be read.
        # The shell survives Ctrl-C (a trap with a command, which its children do not
        # inherit: somepost starts with SIGINT's default action, as from any shell).
        term = "" if "TERM" in env else 'TERM="$TERM" '
        shell = f'trap "true" INT; env -i {term}{assignments} {command}; echo "[exited $?]"; exec sleep 600'

        self.tmux("new-session", "-d", "-s", "t", "-x", str(WIDTH), "-y", str(HEIGHT), shell)

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-S", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, check=check, timeout=30)

    def screen(self, escapes=False, history=False):
        """The visible screen, or with `history` everything since the start (scrollback)."""
        args = ["capture-pane", "-p", "-t", "t"] + (["-e"] if escapes else []) + (["-S", "-"] if history else [])
        return self.tmux(*args).stdout

    def lines(self, history=False):
        out = [line.rstrip() for line in self.screen(history=history).split("\n")]
        while out and not out[-1]:
            out.pop()
        return out

    def wait(self, predicate, what):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if predicate(self):
                return
            time.sleep(0.05)
        raise ScreenTimeout(f"waited {TIMEOUT:.0f} s for {what}; the screen:\n" + self.screen())

    def wait_text(self, text):
        self.wait(lambda p: text in p.screen(), repr(text))

    def wait_prompt(self, prompt, also=None):
        """Waits until the cursor's line is `prompt` (and `also` is on the screen)."""
        def ready(p):
            lines = p.lines()
            return bool(lines) and lines[-1] == prompt.rstrip() and (also is None or also in "\n".join(lines))
        self.wait(ready, repr(prompt) + (f" with {also!r}" if also else ""))

    def type(self, text):
        if text:
            self.tmux("send-keys", "-t", "t", "-l", "--", text)
        self.tmux("send-keys", "-t", "t", "Enter")

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "t", *keys)

    def title(self):
        return self.tmux("display-message", "-p", "-t", "t", "#{pane_title}").stdout.strip()

    def close(self):
        self.tmux("kill-server", check=False)


class Scenario:
    """A fresh folder with a fake clipboard tool, and panes started in it."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="somepost-tmux-")
        self.clipboard = os.path.join(self.folder, "clipboard")
        self.panes = []

    def env(self, **extra):
        env = {
            "PATH": os.path.join(ROOT, "tests", "fake-bin") + ":/usr/bin:/bin",
            "HOME": os.path.join(self.folder, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.folder, "config"),
            "LANG": "C.UTF-8",
            "WAYLAND_DISPLAY": "wayland-test",
            "FAKE_CLIPBOARD": self.clipboard,
        }
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(extra)
        return env

    def start(self, args="interactive", stdin=None, **extra):
        command = f"cd {shlex.quote(self.folder)} && "
        if stdin is not None:
            command += f"printf %s {shlex.quote(stdin)} | {shlex.quote(BINARY)} {args}"
        else:
            command += f"exec {shlex.quote(BINARY)} {args}"  # Ctrl-C reaches somepost alone
        pane = Pane(self.folder, f"sh -c {shlex.quote(command)}", self.env(**extra))
        self.panes.append(pane)
        return pane

    def path(self, name):
        return os.path.join(self.folder, name)

    def leftovers(self):
        """Files in the scenario's folder other than the socket and the known inputs."""
        return sorted(n for n in os.listdir(self.folder) if n not in ("tmux.sock", "home", "config", "kit.json"))

    def close(self):
        for pane in self.panes:
            pane.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def compose(*args):
    """`somepost compose ARGS` outside the terminal, as a script would run it."""
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if name in os.environ:
            env[name] = os.environ[name]
    proc = subprocess.run([BINARY, "compose", *args], capture_output=True, env=env, timeout=60)
    if proc.returncode != 0:
        raise RuntimeError(f"compose {args} failed: {proc.stderr.decode()}")
    return proc.stdout


def read(path):
    with open(path, "rb") as f:
        return f.read()


# Message 3 with #mielenterveysvaalit (its second default tag) dropped.
MESSAGE_3_CHOICES = ["--message", "3", "--no-default-hashtags", "--hashtag", "aluevaalit2022",
                     "--hashtag", "mielenterveys", "--hashtag", "terapiatakuu", "--hashtag", "mieli"]
TOGGLE = "Numbers toggle, a = all, 0 = none, Enter = keep:"
ACTIONS = "[c]opy  [p]rint  [e]xport  [f]it  [b]ack  [q]uit:"


def to_review(pane, message="3", drop="2"):
    """Answers the four questions: `message`, toggles `drop`, the link, all platforms."""
    pane.wait_prompt("Choose a message (1-6):")
    pane.type(message)
    pane.wait_prompt(TOGGLE, "Hashtags (the message's own are selected):")
    if drop:
        pane.type(drop)
        pane.wait_prompt(TOGGLE, f"  {drop} [ ] #")
    pane.type("")
    pane.wait_prompt("Include the link mieli.fi/mielenterveysvaalit? [Y/n]:")
    pane.type("")
    pane.wait_prompt(TOGGLE, "Platforms:")
    pane.type("")
    pane.wait_prompt(ACTIONS)


def full_session():
    s = Scenario()
    try:
        pane = s.start()
        to_review(pane)
        screen = pane.screen()
        check("#aluevaalit2022 #mielenterveys #terapiatakuu #mieli" in screen, "full session: the post lacks the dropped tag")
        check(re.search(r"^X +192/280  fits$", screen, re.M) is not None, "full session: the summary has X at 192/280",
              screen)
        pane.type("c")
        pane.wait_text("somepost: copied the post to the clipboard with wl-copy")
        pane.wait_prompt(ACTIONS)
        expected = compose(*MESSAGE_3_CHOICES, "-n")
        got = read(s.clipboard) if os.path.exists(s.clipboard) else b"(nothing recorded)"
        check(got == expected, "full session: wl-copy got exactly `somepost compose ... -n`",
              f"expected {expected!r}\ngot      {got!r}")
        pane.type("e")
        pane.wait_prompt("Format: [t]ext  [j]son [t]:")
        pane.type("t")
        pane.wait_prompt("File name [somepost-lasten-ja-nuorten-mieli.txt]:")
        pane.type("post.txt")
        pane.wait_text("Saved the post to post.txt.")
        pane.wait_prompt(ACTIONS)
        check(read(s.path("post.txt")) == compose(*MESSAGE_3_CHOICES), "full session: the export equals `somepost compose`")
        pane.type("q")
        pane.wait_text("[exited 0]")
        check(True, "full session: quit with status 0")
        check(s.leftovers() == ["clipboard", "post.txt"], "full session: no other file left", str(s.leftovers()))
        check("\x1b[1m" in pane.screen(escapes=True), "full session: colour on a terminal (bold headings)")
    except ScreenTimeout as e:
        check(False, "full session", str(e))
    finally:
        s.close()


def piped_answers():
    s = Scenario()
    try:
        pane = s.start(stdin="3\n2\n\n\n\ne\nj\npost.json\nq\n")
        pane.wait_text("[exited 0]")
        screen = pane.screen()
        check("Saved the post to post.json." in screen, "piped answers: saved", screen)
        check("[c]opy  [p]rint  [e]xport  [f]it  [b]ack  [q]uit: q" in screen, "piped answers: the answers are echoed",
              screen)
        check(read(s.path("post.json")) == compose(*MESSAGE_3_CHOICES, "--format", "json"),
              "piped answers: the JSON export equals `somepost compose --format json`")
    except ScreenTimeout as e:
        check(False, "piped answers", str(e))
    finally:
        s.close()


def normalise(lines):
    return "\n".join(line.rstrip() for line in lines).rstrip("\n") + "\n"


def finnish_snapshot():
    s = Scenario()
    snapshot = os.path.join(ROOT, "tests", "e2e", "snapshots", "fi_review.txt")
    try:
        pane = s.start(LANG="fi_FI.UTF-8")
        pane.wait_prompt("Valitse viesti (1-6):")
        pane.type("1")
        pane.wait_prompt("Numerot vaihtavat valinnan, a = kaikki, 0 = ei mitään, Enter = valmis:", "Aihetunnisteet")
        pane.type("")
        pane.wait_prompt("Lisätäänkö linkki mieli.fi/mielenterveysvaalit? [K/e]:")
        pane.type("")
        pane.wait_prompt("Numerot vaihtavat valinnan, a = kaikki, 0 = ei mitään, Enter = valmis:", "Palvelut:")
        pane.type("")
        pane.wait_prompt("[k]opioi  [t]ulosta  [v]ie  [s]ovita  [m]uokkaa  [l]opeta:")
        got = normalise(pane.lines(history=True))  # the whole dialogue, from its first line
        if UPDATE:
            os.makedirs(os.path.dirname(snapshot), exist_ok=True)
            with open(snapshot, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"     wrote {snapshot}")
        with open(snapshot, encoding="utf-8") as f:
            want = f.read()
        check(got == want, "Finnish UI: the review screen matches tests/e2e/snapshots/fi_review.txt",
              f"--- expected\n{want}--- got\n{got}---")
        pane.type("l")  # lopeta
        pane.wait_text("[exited 0]")
        check(True, "Finnish UI: [l]opeta quits")
    except ScreenTimeout as e:
        check(False, "Finnish UI", str(e))
    finally:
        s.close()


def ctrl_c_at(prompt_name):
    """Starts a session, goes to the named prompt, presses Ctrl-C there."""
    s = Scenario()
    target = s.path("post.txt")
    if prompt_name == "replace":
        with open(target, "w") as f:
            f.write("old")
    try:
        pane = s.start()
        steps = [
            ("message", lambda: pane.wait_prompt("Choose a message (1-6):"), "3"),
            ("hashtags", lambda: pane.wait_prompt(TOGGLE, "Hashtags"), ""),
            ("link", lambda: pane.wait_prompt("Include the link mieli.fi/mielenterveysvaalit? [Y/n]:"), ""),
            ("platforms", lambda: pane.wait_prompt(TOGGLE, "Platforms:"), ""),
            ("action", lambda: pane.wait_prompt(ACTIONS), "e"),
            ("format", lambda: pane.wait_prompt("Format: [t]ext  [j]son [t]:"), "t"),
            ("file name", lambda: pane.wait_prompt("File name [somepost-lasten-ja-nuorten-mieli.txt]:"), "post.txt"),
            ("replace", lambda: pane.wait_prompt("post.txt exists. Replace it? [y/N]:"), None),
        ]
        for name, wait, answer in steps:
            wait()
            if name == prompt_name:
                pane.keys("C-c")
                break
            pane.type(answer)
        pane.wait_text("[exited 2]")
        screen = pane.screen()
        check("somepost: error: interrupted" in screen, f"Ctrl-C at the {prompt_name} prompt: status 2, 'interrupted'",
              screen)
        check(re.search(r"^\[exited 2\]$", screen, re.M) is not None,
              f"Ctrl-C at the {prompt_name} prompt: the shell continues on a fresh line", screen)
        left = s.leftovers()
        if prompt_name == "replace":
            check(left == ["post.txt"] and read(target) == b"old",
                  f"Ctrl-C at the {prompt_name} prompt: the existing file is untouched, nothing else written", str(left))
        else:
            check(left == [], f"Ctrl-C at the {prompt_name} prompt: no file written", str(left))
    except ScreenTimeout as e:
        check(False, f"Ctrl-C at the {prompt_name} prompt", str(e))
    finally:
        s.close()


# A wl-copy that behaves like the real one: it reads the post, then forks a child that
# keeps holding the clipboard (with SIGINT's and SIGHUP's default actions, as a C program's
# child has) and exits. The child writes its pid to HOLDER_PID and sleeps.
HOLDING_WL_COPY = """#!/usr/bin/env python3
import os, signal, sys, time
data = sys.stdin.buffer.read()
with open(os.environ["FAKE_CLIPBOARD"], "wb") as f:
    f.write(data)
if os.fork() == 0:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    os.closerange(0, 3)
    with open(os.environ["HOLDER_PID"] + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.rename(os.environ["HOLDER_PID"] + ".tmp", os.environ["HOLDER_PID"])
    time.sleep(120)
    os._exit(0)
"""


def running(pid):
    """True when `pid` is a live process: not gone, not a zombie nobody has reaped."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def clipboard_survives_ctrl_c():
    """Copy, then Ctrl-C: the clipboard tool's background child must live on."""
    s = Scenario()
    holder = None
    try:
        bin_dir = s.path("bin")
        os.mkdir(bin_dir)
        tool = os.path.join(bin_dir, "wl-copy")
        with open(tool, "w") as f:
            f.write(HOLDING_WL_COPY)
        os.chmod(tool, 0o755)
        pid_file = s.path("holder.pid")
        pane = s.start(PATH=bin_dir + ":/usr/bin:/bin", HOLDER_PID=pid_file)
        to_review(pane, message="1", drop=None)
        pane.type("c")
        pane.wait_text("somepost: copied the post to the clipboard with wl-copy")
        pane.wait_prompt(ACTIONS)
        pane.wait(lambda p: os.path.exists(pid_file), "the clipboard holder's pid")
        holder = int(read(pid_file))
        pane.keys("C-c")
        pane.wait_text("[exited 2]")
        time.sleep(0.3)  # a signal, had the holder got one, has been delivered by now
        check(running(holder), "clipboard: Ctrl-C after [c]opy leaves the tool's clipboard holder running")
    except ScreenTimeout as e:
        check(False, "clipboard survives Ctrl-C", str(e))
    finally:
        if holder is not None:
            try:
                os.kill(holder, 9)
            except ProcessLookupError:
                pass
        s.close()


def no_colour(name, **env):
    s = Scenario()
    try:
        pane = s.start(**env)
        to_review(pane, message="1", drop=None)
        raw = pane.screen(escapes=True)
        check("\x1b" not in raw, f"{name}: no escape sequence on the screen", repr(raw[:400]))
        pane.type("q")
        pane.wait_text("[exited 0]")
    except ScreenTimeout as e:
        check(False, name, str(e))
    finally:
        s.close()


def inert_catalogue():
    s = Scenario()
    kit = {
        "schema": 1,
        "campaign": {"id": "demo", "name": {"en": "Demo\u001b]2;pwned\u0007 campaign"},
                     "slogan": {"en": "Wipe\u001b[2J\u001b[H the screen"}, "default_language": "en",
                     "link": "example.org"},
        "messages": [{"id": "one", "number": 1, "text": {"en": "Hello\u001b[31m red\u009b1m world\u0007"},
                      "hashtags": ["#demo"]}],
        "hashtags": [{"tag": "#demo", "description": {"en": "Title\u001b]0;pwned too\u0007 here"}}],
    }
    with open(s.path("kit.json"), "w", encoding="utf-8") as f:
        json.dump(kit, f)
    try:
        pane = s.start(args="interactive --catalogue kit.json")
        pane.wait_prompt("Choose a message (1-1):")
        lines = pane.lines()
        check(lines and lines[0] == "Demo\u241b]2;pwned\u2407 campaign",
              "inert text: the campaign name shows ESC and BEL as symbols on the first line", "\n".join(lines))
        check("Wipe\u241b[2J\u241b[H the screen" in "\n".join(lines), "inert text: a clear-screen sequence is shown, not run")
        pane.type("1")
        pane.wait_prompt(TOGGLE, "Hashtags")
        pane.type("")
        pane.wait_prompt("Include the link example.org? [Y/n]:")
        pane.type("")
        pane.wait_prompt(TOGGLE, "Platforms:")
        pane.type("")
        pane.wait_prompt(ACTIONS)
        pane.type("p")
        pane.wait_prompt(ACTIONS)
        screen = pane.screen()
        raw = pane.screen(escapes=True)
        check("Hello\u241b[31m red\ufffd1m world\u2407" in screen, "inert text: CSI, C1 CSI and BEL in a message are symbols",
              screen)
        check("pwned" not in pane.title(), "inert text: the pane's title was not changed", pane.title())
        check("\x1b[31m" not in raw, "inert text: nothing on the screen turned red", repr(raw[:400]))
        pane.type("q")
        pane.wait_text("[exited 0]")
    except ScreenTimeout as e:
        check(False, "inert text", str(e))
    finally:
        s.close()


def main():
    global BINARY, ROOT, UPDATE
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    BINARY, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    UPDATE = "--update-snapshots" in sys.argv[3:]
    if shutil.which("tmux") is None:
        print("SKIP: tmux is not installed, so the terminal tests cannot run "
              "(scripts/test installs it; or: apt-get install tmux)")
        return SKIP
    full_session()
    piped_answers()
    finnish_snapshot()
    for prompt in ("message", "hashtags", "link", "platforms", "action", "format", "file name", "replace"):
        ctrl_c_at(prompt)
    clipboard_survives_ctrl_c()
    no_colour("NO_COLOR=1", NO_COLOR="1")
    no_colour("TERM=dumb", TERM="dumb")
    inert_catalogue()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
