"""The README as a new user follows it: on a fresh copy of the project, with a fresh virtualenv and an empty
user data directory, its first command (`make run`) and every line of its quick tour, as written.

The commands are read from README.md's ```sh blocks (and its ```python blocks, run last), so this test
follows the README as it changes. Lines that change the shell (`. .venv/bin/activate`, `export …`, `cd …`)
stay in force for the lines after them, as in the user's terminal. The commands that keep running
(`make run`, `janji serve`, `janji demo`) are started, must answer over HTTP on the port they were given,
and are stopped. The only differences from the user's machine are in the environment: a free port in
JANJI_PORT (the default, 8000, may be taken here), the new account's password in JANJI_NEW_PASSWORD (the
user types it), and a data directory of the test's own.

Select it with `pytest -m readme`; it installs the project into a new virtualenv (pip's cache and the local
wheels make that a minute or two) and runs for a few minutes in all.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# commands that serve until stopped: started, asked over HTTP, stopped
LONG_RUNNING = ("make run", "janji serve", "janji demo")
# commands not run here, and why
NOT_RUN = {"make test": "the test suite itself, which runs this test; .ci/run must call it (checked below)"}
# lines that change the shell for the lines after them
SHELL_STATE = (".", "source", "export", "cd")


def sh_blocks(markdown: str) -> list[list[str]]:
    """The command lines of every ```sh block: continuations joined, blank and comment-only lines left out."""
    blocks = []
    for body in re.findall(r"^```(?:sh|bash|shell)[ \t]*\n(.*?)^```", markdown, flags=re.M | re.S):
        lines: list[str] = []
        pending = ""
        for raw in body.splitlines():
            line = pending + raw
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            if line.strip() and not line.strip().startswith("#"):
                lines.append(line.strip())
        blocks.append(lines)
    return blocks


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python[ \t]*\n(.*?)^```", markdown, flags=re.M | re.S)


def words(line: str) -> list[str]:
    return shlex.split(line, comments=True)


def starts(line: str, prefix: str) -> bool:
    return words(line)[: len(prefix.split())] == prefix.split()


def test_the_readme_begins_with_make_run_and_make_test_and_ci_runs_the_same_test_command():
    blocks = sh_blocks(README.read_text(encoding="utf-8"))
    assert blocks, "README.md has no ```sh block"
    assert [words(line)[:2] for line in blocks[0]] == [["make", "run"], ["make", "test"]]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    test_command = " ".join(words(blocks[0][1]))
    assert test_command in [" ".join(words(line)) for line in ci if line and not line.startswith("#")], \
        f".ci/run does not run the README's test command ({test_command!r})"


def test_the_parser_reads_commands_as_the_shell_does():
    text = ("intro\n```sh\n# a comment\nmake run   # with a remark\n\njanji search \"a b\" \\\n  --json\n```\n"
            "```python\nprint(1)\n```\n```sh\nls\n```\n")
    assert sh_blocks(text) == [["make run   # with a remark", 'janji search "a b"    --json'], ["ls"]]
    assert python_blocks(text) == ["print(1)\n"]
    assert words('janji search "a b"   # note') == ["janji", "search", "a b"]
    assert starts("janji serve --port 1", "janji serve") and not starts("janji server", "janji serve")


# --- the run -------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_copy(target: Path) -> Path:
    """The project as a clone has it: the files git knows (tracked and new), else everything but caches."""
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
            ".venv", ".git", ".pytest_cache", ".hypothesis", "__pycache__", "*.egg-info", "out"))
        return target
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / name)
    return target


def user_env(tmp_path: Path, port: int) -> dict[str, str]:
    """A new user's shell: no virtualenv active, no store configured, an empty data directory."""
    outer_bins = {str(Path(sys.executable).parent), str(ROOT / ".venv" / "bin")}
    if os.environ.get("VIRTUAL_ENV"):
        outer_bins.add(str(Path(os.environ["VIRTUAL_ENV"]) / "bin"))
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p not in outer_bins)
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JANJI_DATABASE_URL", "PORT", "HOST", "MAKEFLAGS",
                        "MFLAGS", "MAKELEVEL") and not k.startswith("PYTEST_")}
    (tmp_path / "data").mkdir(exist_ok=True)
    env.update(PATH=path, XDG_DATA_HOME=str(tmp_path / "data"), JANJI_PORT=str(port),
               JANJI_NEW_PASSWORD="kata-sandi-contoh-yang-panjang", COLUMNS="120", PYTHONUNBUFFERED="1")
    return env


def targets(line: str) -> list[str]:
    """What a command line says it writes: --out/-o/--chart arguments and > redirections."""
    w = words(line)
    out = [w[i + 1] for i, x in enumerate(w[:-1]) if x in ("--out", "-o", "--output", "--chart", ">", ">>")]
    return [t.rstrip("/") for t in out]


def answer(url: str, proc: subprocess.Popen, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except (OSError, urllib.error.URLError, ValueError):
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds:.0f} s")


def stop(proc: subprocess.Popen) -> tuple[str, str]:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    except ProcessLookupError:
        out, err = proc.communicate()
    return out, err


@pytest.mark.readme
@pytest.mark.slow
def test_the_readme_runs_as_written_on_a_fresh_virtualenv(tmp_path):
    if shutil.which("make") is None or shutil.which("python3") is None:
        pytest.skip("make and python3 are needed to follow the README")
    work = fresh_copy(tmp_path / "janji")
    port = free_port()
    env = user_env(tmp_path, port)
    state: list[str] = []  # the shell lines in force (activate, export, cd)
    log: list[str] = []
    commands = [line for block in sh_blocks(README.read_text(encoding="utf-8")) for line in block]
    assert any(starts(c, "janji") for c in commands), "no janji command in the README"
    for line in commands:
        script = "\n".join(["set -e", *state, line])
        if any(starts(line, c) for c in NOT_RUN):
            continue
        if words(line)[0] in SHELL_STATE:
            done = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True,
                                  timeout=60)
            assert done.returncode == 0, f"{line}\n{done.stderr[-3000:]}"
            state.append(line)
            continue
        before = {p.name for p in work.iterdir()}
        started = time.monotonic()
        if any(starts(line, c) for c in LONG_RUNNING):
            first_run = starts(line, "make run")  # creates the virtualenv and installs the project first
            proc = subprocess.Popen(["bash", "-c", script], cwd=work, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                stats = answer(f"http://127.0.0.1:{port}/api/v1/stats", proc, 1500 if first_run else 300)
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as home:
                    assert home.status == 200 and "Janji" in home.read().decode()
            except AssertionError as exc:
                out, err = stop(proc)
                raise AssertionError(f"{line}: {exc}\n{out[-2000:]}\n{err[-4000:]}") from None
            out, err = stop(proc)
            assert stats["stats"]["documents"] > 0, f"{line}: the portal serves an empty store"
            assert f"127.0.0.1:{port}" in out, f"{line}: the address it serves on is not printed\n{out[-2000:]}"
            returncode = 0
        else:
            done = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True,
                                  timeout=900)
            out, err, returncode = done.stdout, done.stderr, done.returncode
        log.append(f"{time.monotonic() - started:6.1f} s  {line}")
        assert returncode == 0, f"{line}: exit {returncode}\n{out[-2000:]}\n{err[-4000:]}"
        assert "Traceback" not in err and "galat:" not in err, f"{line}:\n{err[-4000:]}"
        if words(line)[0] == "make":
            continue
        # a command writes only where it is told to
        new = {p.name for p in work.iterdir()} - before
        said = {Path(t).parts[0] for t in targets(line)}
        assert new <= said, f"{line}: wrote {sorted(new - said)} unasked"
        for target in targets(line):
            written = work / target
            assert written.exists(), f"{line}: {target} was not written"
            if written.is_dir():
                assert any(written.iterdir()), f"{line}: {target} is empty"
            else:
                assert written.stat().st_size > 0, f"{line}: {target} is empty"
                if written.suffix == ".json":
                    json.loads(written.read_text(encoding="utf-8"))
    # the README's Python, in the same shell (the virtualenv activated by the tour)
    for code in python_blocks(README.read_text(encoding="utf-8")):
        script = "\n".join(["set -e", *state, "python -"])
        done = subprocess.run(["bash", "-c", script], cwd=work, env=env, input=code, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{code}\n{done.stderr[-4000:]}"
        log.append(f"python block ({len(code.splitlines())} lines): {len(done.stdout.splitlines())} lines printed")
    print("\n".join(log))
