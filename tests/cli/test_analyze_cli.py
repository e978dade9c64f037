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


def test_two_inputs_of_one_name_keep_the_later_with_a_warning(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b" / "x.md").write_text(GOOD.replace("10 km", "25 km"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"x.md: nama x.json juga dipakai oleh {tmp_path / 'a' / 'x.txt'}; ditimpa" in " ".join(result.output.split())
    data = json.loads((out / "x.json").read_text(encoding="utf-8"))
    assert data["source"]["name"] == "x.md" and data["items"][1]["quantities"][0]["value"] == 25


def test_json_flag_with_several_inputs_prints_a_list_in_input_order(tmp_path):
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), "--json"])
    assert result.exit_code == 0
    assert [d["source"]["name"] for d in json.loads(result.output)] == ["b.txt", "a.txt"]


def test_stages_lists_every_stage_in_order_with_what_it_needs_and_sets():
    result = CliRunner().invoke(cli, ["analyze", "--stages"])
    assert result.exit_code == 0, result.output
    rows = [line.split("│")[1].strip() for line in result.output.splitlines() if line.startswith("│")]
    stages = [name for name in rows if name]
    assert stages == ["read", "clean", "facts", "structure", "prose", "quantities", "classify"]
    assert "items.quantities" in result.output and "memerlukan" in result.output
