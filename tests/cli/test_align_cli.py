"""`janji align` as users run it: two documents in (any format, or janji/1 JSON), a table or janji-align/1
out, warnings on stderr, one-line errors naming the file, exit codes 0/1/2, --out written whole."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from janji.cli import cli
from janji.document import Document, Item, Region, Source

CAMPAIGN = """VISI
Terwujudnya Kabupaten Wonosobo yang Aman, Damai, Inklusif dan Lestari

MISI
1. Meningkatkan kualitas pendidikan dan kesehatan masyarakat
2. Membangun jalan desa yang mantap

PROGRAM UNGGULAN
1. Beasiswa kuliah gratis bagi 200 mahasiswa
2. Perbaikan jalan desa sepanjang 100 km
3. Festival kuliner antar-RT setiap bulan
"""

PLAN = """RPJMD KABUPATEN WONOSOBO 2025-2029

VISI
Wonosobo ADIL

MISI
1. Meningkatkan kualitas sumber daya manusia melalui pendidikan dan kesehatan
2. Mewujudkan infrastruktur jalan dan jembatan yang mantap
3. Mewujudkan tata kelola pemerintahan yang bersih
"""


def janji1(path, kind: str, texts: list[tuple[str, str]], region: str = "Kabupaten Wonosobo", period=(2025, 2030)):
    doc = Document(Source(path.name), kind=kind, region=Region(region, None, "kabupaten"), period=period,
                   items=[Item(k, t) for k, t in texts])
    path.write_text(json.dumps(doc.to_json(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def json_pair(tmp_path):
    camp = janji1(tmp_path / "kampanye.json", "campaign", [("program", "Pembangunan pasar rakyat di setiap kecamatan"),
                                                           ("program", "Umrah gratis bagi marbot masjid")])
    plan = janji1(tmp_path / "rencana.json", "plan", [("program", "Revitalisasi pasar rakyat di tiap kecamatan"),
                                                      ("program", "Digitalisasi perizinan usaha")], period=(2025, 2029))
    return camp, plan


def test_json_inputs_to_json_and_out_file(json_pair, tmp_path):
    camp, plan = json_pair
    out = tmp_path / "hasil" / "selaras.json"
    result = CliRunner().invoke(cli, ["align", str(camp), str(plan), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    printed = json.loads(result.stdout)
    assert json.loads(out.read_text(encoding="utf-8")) == printed
    assert printed["format"] == "janji-align/1"
    assert printed["links"][0]["plan"][0]["text"] == "Revitalisasi pasar rakyat di tiap kecamatan"
    assert [d["text"] for d in printed["dropped"]] == ["Umrah gratis bagi marbot masjid"]
    assert [a["text"] for a in printed["added"]] == ["Digitalisasi perizinan usaha"]
    assert printed["campaign"]["source"]["name"] == "kampanye.json"
    assert result.stderr == ""  # same region, overlapping terms: no warning
    assert not list(out.parent.glob(".*.tmp"))


def test_source_documents_are_analysed_and_shown_as_a_table(tmp_path):
    (tmp_path / "visi-misi.txt").write_text(CAMPAIGN, encoding="utf-8")
    (tmp_path / "rpjmd.txt").write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "visi-misi.txt"),
                                                      str(tmp_path / "rpjmd.txt"), "--explain"])
    assert result.exit_code == 0, result.output + result.stderr
    out = " ".join(result.stdout.split())
    assert "Cakupan:" in out and "Festival kuliner" in out and "tata kelola pemerintahan" in out
    assert "singkatan" in out  # the plan's visi spells the campaign's words


def test_warning_when_regions_differ(json_pair, tmp_path):
    camp, _ = json_pair
    other = janji1(tmp_path / "lain.json", "plan", [("program", "Revitalisasi pasar rakyat")], region="Kabupaten Sinjai")
    result = CliRunner().invoke(cli, ["align", str(camp), str(other), "--json"])
    assert result.exit_code == 0
    assert "wilayah berbeda" in result.stderr and json.loads(result.stdout)["links"]


@pytest.mark.parametrize("name, content, reason", [
    ("kosong.txt", b"", "kosong"),
    ("acak.pdf", b"%PDF-1.4\n\x00\x01garbage", None),
    ("rusak.json", b"{\"schema\": \"janji/1\", \"items\": [", "JSON tidak sah"),
    ("lain.json", b"{\"format\": \"sesuatu\"}", "bukan dokumen janji/1"),
    ("tidak-ada.txt", None, "tidak ditemukan"),
])
def test_bad_input_is_one_line_naming_the_file_and_exit_1(json_pair, tmp_path, name, content, reason):
    camp, _ = json_pair
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "hasil.json"
    result = CliRunner().invoke(cli, ["align", str(camp), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and name in lines[0] and lines[0].startswith("galat:")
    if reason:
        assert reason in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("args", [["align"], ["align", "satu.json"], ["align", "a.json", "b.json", "--year", "2024"],
                                  ["align", "a.json", "b.json", "--region", "X"]])
def test_usage_errors_exit_2(args):
    assert CliRunner().invoke(cli, args).exit_code == 2


def test_several_pairs_without_head_exit_1(tmp_path):
    doc = Document(Source("dua-paslon.json"), kind="campaign", items=[
        Item("program", "Pembangunan pasar ikan", candidate="Arif Wicaksono"),
        Item("program", "Pembangunan gedung olahraga", candidate="Budi Hartono")])
    from janji.document import Candidate

    doc.candidates = [Candidate("Arif Wicaksono"), Candidate("Budi Hartono")]
    camp = tmp_path / "dua-paslon.json"
    camp.write_text(json.dumps(doc.to_json()), encoding="utf-8")
    plan = janji1(tmp_path / "rencana.json", "plan", [("program", "Revitalisasi pasar ikan")])
    result = CliRunner().invoke(cli, ["align", str(camp), str(plan)])
    assert result.exit_code == 1 and "--head" in result.stderr and "dua-paslon.json" in result.stderr
    ok = CliRunner().invoke(cli, ["align", str(camp), str(plan), "--head", "Budi Hartono", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["campaign"]["head"] == "Budi Hartono"


def test_from_the_store(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "align"))
    from align_helpers import write_region_texts

    db = f"sqlite:///{tmp_path / 'janji.db'}"
    camp, plan = write_region_texts(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(camp), "--db", db]).exit_code == 0
    missing = runner.invoke(cli, ["align", "--region", "Wonosobo", "--db", db])
    assert missing.exit_code == 1 and "rencana" in missing.stderr and "Kabupaten Wonosobo" in missing.stderr
    unknown = runner.invoke(cli, ["align", "--region", "Atlantis", "--db", db])
    assert unknown.exit_code == 1 and "Atlantis" in unknown.stderr
    assert runner.invoke(cli, ["ingest", str(plan), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["align", "--region", "Wonosobo", "--year", "2024", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "janji-align/1" and data["coverage"]["carried"] == 7
    assert data["campaign"]["head"] == "Arif Wicaksono"
    from janji.store import open_store
    from janji.store.align import alignment_view

    store = open_store(db)
    assert alignment_view(store, store.resolve_region("Wonosobo")["id"])["alignment"]["coverage"]["carried"] == 7
