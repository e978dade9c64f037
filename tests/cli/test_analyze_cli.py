"""`janji analyze` as users run it: files and folders in, janji/1 out, one-line errors, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from janji.cli import cli

GOOD = "VISI\nKota Maju dan Sejahtera\n\nMISI\n1. Membangun jalan desa 10 km\n2. Menata pasar tradisional\n"


def test_out_dir_gets_one_json_per_input_and_folders_are_walked(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "sub" / "b.md").write_text(GOOD, encoding="utf-8")
    (src / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json"]
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert data["schema"] == "janji/1"
    kinds = [i["kind"] for i in data["items"]]
    assert kinds == ["vision", "mission", "mission"]
    assert data["items"][1]["quantities"][0]["value"] == 10


def test_json_flag_prints_the_document(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["source"]["name"] == "a.txt"


def test_a_bad_input_fails_alone_with_one_line_and_exit_1(tmp_path):
    good, empty = tmp_path / "good.txt", tmp_path / "kosong.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty.write_bytes(b"")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "janji.cli", "analyze", str(good), str(empty), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert (out / "good.json").exists() and not (out / "kosong.json").exists()
    errors = [line for line in proc.stderr.splitlines() if "galat" in line]
    assert len(errors) == 1 and "kosong.txt" in errors[0]
    assert "Traceback" not in proc.stderr
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_document_without_promises_is_written_with_a_warning(tmp_path):
    path = tmp_path / "cuaca.txt"
    path.write_text("Hujan ringan diperkirakan turun di Jakarta pada sore hari.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "janji.cli", "analyze", str(path), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0
    assert json.loads((out / "cuaca.json").read_text(encoding="utf-8"))["items"] == []
    assert "tidak ada janji" in proc.stderr


def test_readable_tree_without_out(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(path)])
    assert result.exit_code == 0
    assert "Membangun jalan desa 10 km" in result.output and "misi" in result.output
