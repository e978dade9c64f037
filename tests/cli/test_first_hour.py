"""What a new user meets in the first hour besides the README's tour: the port of `make run` and `janji serve`,
what `make run` does (and does not) set up, and commands that write only where they are told."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "store"))
from store_helpers import campaign_a, campaign_b  # noqa: E402


def run(*args):
    from janji.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def make_dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # a virtualenv that does not exist: make shows every setup step it would take
    done = subprocess.run(["make", "-n", "-C", str(ROOT), *args, "VENV=/nonexistent/venv"], capture_output=True,
                          text=True, timeout=60, env={k: v for k, v in os.environ.items() if k not in ("PORT", "HOST")})
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def test_make_run_takes_a_port_and_installs_no_browser():
    default = make_dry_run("run")
    assert "serve" in default and "--port" not in default
    assert "apt-get" not in default and "chromium" not in default
    assert "setup: creating /nonexistent/venv" in default  # the slow step says what it is doing
    assert "/nonexistent/venv/bin/janji serve --port 8080" in make_dry_run("run", "PORT=8080")
    assert "--host 0.0.0.0 --port 8080" in make_dry_run("run", "PORT=8080", "HOST=0.0.0.0")


def test_make_test_installs_the_test_tools_and_the_browser_saying_so():
    plan = make_dry_run("test")
    assert "pip install -q -e '.[dev]'" in plan and "-m pytest -n 2" in plan
    assert "chromium" in plan and "installing Debian's chromium" in plan


def test_compare_writes_a_chart_only_when_asked(tmp_path, monkeypatch):
    folder = tmp_path / "korpus"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(campaign_a()), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(campaign_b()), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'j.db'}"
    assert run("ingest", str(folder), "--db", db).exit_code == 0
    work = tmp_path / "kerja"
    work.mkdir()
    monkeypatch.chdir(work)
    res = run("compare", "Kota Bandung", "--db", db)
    assert res.exit_code == 0 and "Budi Santoso" in res.output
    assert list(work.iterdir()) == []
    data = json.loads(run("compare", "Kota Bandung", "--db", db, "--json").stdout)
    assert "chart" not in data and list(work.iterdir()) == []
    res = run("compare", "Kota Bandung", "--db", db, "--chart", "bandung.png")
    assert res.exit_code == 0 and (work / "bandung.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_takes_its_port_from_janji_port(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run("init", "--db", db).exit_code == 0
    port = free_port()
    env = {**os.environ, "JANJI_PORT": str(port), "COLUMNS": "200"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "janji"), "serve", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2) as response:
                    assert json.loads(response.read())["stats"]["documents"] == 0
                    break
            except OSError:
                assert time.monotonic() < deadline, f"nothing answers on port {port}"
                time.sleep(0.3)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out.decode()


def test_usage_errors_are_in_indonesian():
    cases = [(["export"], "Opsi wajib tidak ada '--format'"),
             (["search"], "Argumen wajib tidak ada 'QUERY'"),
             (["ingset"], "Tidak ada perintah 'ingset'"),
             (["stats", "--limit", "3"], "Tidak ada opsi '--limit'"),
             (["search", "air", "--sdg", "40"], "Nilai tidak sah untuk '--sdg'"),
             (["user", "add", "ana", "--role", "bos"], "'bos' bukan salah satu dari 'admin', 'editor', 'reviewer'")]
    for args, said in cases:
        res = run(*args)
        assert res.exit_code == 2, args
        assert said in res.output and "galat: " in res.output, res.output
        assert not any(w in res.output for w in ("Error:", "Missing", "No such", "Invalid value", "Usage:")), \
            res.output
    assert "Penggunaan: " in run("stats", "--help").output
