"""`janji serve` and `janji demo` as a user runs them: a real process on a free loopback port."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

JANJI = [str(Path(sys.executable).parent / "janji")]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {seconds} s")


def stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out.decode()


def start(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen(JANJI + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            env=env)


def test_serve_answers_on_the_port_it_prints(tmp_path):
    subprocess.run(JANJI + ["init", "--db", f"sqlite:///{tmp_path / 's.db'}"], check=True, capture_output=True)
    port = free_port()
    proc = start(["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", str(port)])
    try:
        stats = wait_for(f"http://127.0.0.1:{port}/api/v1/stats", proc)
        assert stats["stats"]["documents"] == 0
    finally:
        out = stop(proc)
    assert f"http://127.0.0.1:{port}/" in out


def test_demo_ingests_the_seeds_then_serves(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "visi.txt").write_text("Visi: Kota Sehat\nMisi:\n1. Membangun 10 puskesmas baru\n", encoding="utf-8")
    port = free_port()
    proc = start(["demo", "--db", f"sqlite:///{tmp_path / 'd.db'}", "--seeds", str(seeds), "--port", str(port)])
    try:
        stats = wait_for(f"http://127.0.0.1:{port}/api/v1/stats", proc, seconds=120)
        assert stats["stats"]["documents"] == 1
    finally:
        out = stop(proc)
    assert "1 dokumen baru" in out and f"http://127.0.0.1:{port}/" in out


def test_a_taken_port_is_one_clear_line(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = subprocess.run(JANJI + ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", str(port)],
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def _started(args: list[str], port: int, tmp_path) -> str:
    """Start `janji serve ARGS`, wait until it answers on the loopback, stop it; its output."""
    proc = start(["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", str(port), *args])
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1/stats", proc)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
    return (out + err).decode()


def test_serving_beyond_this_machine_over_http_warns_at_start(tmp_path):
    subprocess.run(JANJI + ["init", "--db", f"sqlite:///{tmp_path / 's.db'}"], check=True, capture_output=True)
    port = free_port()
    out = _started(["--host", "0.0.0.0"], port, tmp_path)
    assert "peringatan:" in out and "http biasa" in out and "--trusted-proxy" in out
    for quiet in ([], ["--host", "0.0.0.0", "--trusted-proxy", "127.0.0.1"]):
        out = _started(quiet, free_port(), tmp_path)
        assert "http biasa" not in out, quiet


def test_a_wrong_trusted_proxy_is_one_line(tmp_path):
    result = subprocess.run(JANJI + ["serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--trusted-proxy", "proxy-saya"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "proxy-saya" in result.stderr and "Traceback" not in result.stderr
