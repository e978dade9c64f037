"""Bad input ends in one line naming the file and the problem; the CLI goes on and exits 1."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from janji import pipeline
from janji.cli import cli
from janji.errors import InputError


@pytest.mark.parametrize("raw, name, reason", [
    (b"", "kosong.txt", "berkas kosong"),
    (bytes(range(256)) * 40, "acak.txt", "berkas biner"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nrusak", "rusak.pdf", "PDF rusak"),
    (b"PK\x03\x04" + b"\x00" * 50, "rusak.docx", "rusak"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "lama.doc", ".doc"),
])
def test_bad_inputs_are_one_line_input_errors(raw, name, reason):
    with pytest.raises(InputError) as err:
        pipeline.analyze(raw, name=name)
    assert err.value.name == name and reason in err.value.reason
    assert "\n" not in str(err.value)


def test_encrypted_pdf(builders):
    with pytest.raises(InputError, match="PDF terenkripsi"):
        pipeline.analyze(builders.pdf_from_lines([[(72, "Visi")]], password="x"), name="kunci.pdf")


def test_size_limit(monkeypatch, tmp_path):
    monkeypatch.setattr(pipeline, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match="terlalu besar"):
        pipeline.analyze(b"Visi " * 300, name="besar.txt")
    big = tmp_path / "besar.txt"
    big.write_bytes(b"Visi " * 300)
    with pytest.raises(InputError, match="terlalu besar"):
        pipeline.analyze(big)


def test_unreadable_paths_get_reasons_in_indonesian(tmp_path):
    with pytest.raises(InputError, match="folder"):
        pipeline.Pipeline(names=["read"]).analyze_path(tmp_path)
    with pytest.raises(InputError, match="tidak ditemukan"):
        pipeline.Pipeline(names=["read"]).analyze_path(tmp_path / "tidak-ada.pdf")
    # A string too long to be a file name is text, not a path.
    assert pipeline.Pipeline(names=["read"]).analyze_bytes(b"x", "x").text == "x"
    assert pipeline._existing_path("x" * 5000) is False


def test_cli_reports_each_bad_file_and_still_writes_the_good_ones(tmp_path, builders):
    src = tmp_path / "masuk"
    src.mkdir()
    (src / "baik.txt").write_text("Visi: Kota maju\n", encoding="utf-8")
    (src / "kosong.txt").write_bytes(b"")
    (src / "acak.pdf").write_bytes(bytes(range(256)) * 10)
    (src / "kunci.pdf").write_bytes(builders.pdf_from_lines([[(72, "Visi")]], password="x"))
    out = tmp_path / "keluar"
    result = CliRunner().invoke(cli, ["analyze", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("galat:")]
    assert len(errors) == 3
    assert any("kunci.pdf: PDF terenkripsi" in line for line in errors)
    assert sorted(p.name for p in out.iterdir()) == ["baik.json"]  # no half-written or temporary files
