"""Pure view helpers: source segments, measurability, upload checks, exports."""
from __future__ import annotations

import csv
import io

import pytest

from janji.web import exports, upload, views


def test_segments_give_each_piece_to_the_innermost_item():
    text = "Misi 1: bangun jalan desa. Lain."
    parent = {"id": 1, "kind": "mission", "span": [0, 26]}
    child = {"id": 2, "kind": "program", "span": [8, 25]}
    segs = views.segments(text, [parent, child])
    assert "".join(s["text"] for s in segs) == text
    owners = [(s["text"], s["item"]) for s in segs]
    assert owners == [("Misi 1: ", 1), ("bangun jalan desa", 2), (".", 1), (" Lain.", None)]
    # each item's anchor sits on its first piece only
    assert [s["item"] for s in segs if s["first"]] == [1, 2]


def test_segments_ignore_spans_outside_the_text():
    segs = views.segments("abc", [{"id": 1, "kind": "program", "span": [2, 99]},
                                  {"id": 2, "kind": "program", "span": [5, 9]}])
    assert [(s["text"], s["item"]) for s in segs] == [("ab", None), ("c", 1)]


def test_measurable_prefers_the_classifier_then_quantities():
    assert views.is_measurable({"measurability": {"label": "terukur"}})
    assert not views.is_measurable({"measurability": {"label": "tidak terukur"}, "quantities": [{"value": 1}]})
    assert not views.is_measurable({"measurable": False, "quantities": [{"value": 1}]})  # the store decided
    assert views.is_measurable({"quantities": [{"value": 5, "unit": "km"}]})
    assert not views.is_measurable({"text": "Meningkatkan kesejahteraan"})
    share = views.measurable_share([{"kind": "vision"}, {"kind": "program", "quantities": [{"value": 1}]},
                                    {"kind": "program"}])
    assert share == 0.5


@pytest.mark.parametrize("name,data,fmt", [
    ("visi.txt", "Visi: Kota Tangguh\n".encode(), "text"),
    ("berita.html", b"<!doctype html><html><body><p>Visi</p></body></html>", "html"),
    ("dok.pdf", b"%PDF-1.7\n...", "pdf"),
    ("tanpa-akhiran", "Misi pertama".encode("cp1252"), "text"),
])
def test_accepted_uploads(name, data, fmt):
    assert upload.check_upload(name, data).format == fmt


@pytest.mark.parametrize("name,data,status,words", [
    ("virus.exe", b"MZ\x90\x00\x03\x00\x00\x00", 415, ".exe"),
    ("gambar.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 415, "bukan teks"),
    ("palsu.pdf", b"ini bukan pdf", 415, "bukan PDF"),
    ("kosong.txt", b"   \n", 422, "kosong"),
    ("besar.txt", b"a" * (upload.MAX_UPLOAD_BYTES + 1), 413, "terlalu besar"),
])
def test_refused_uploads_say_why(name, data, status, words):
    with pytest.raises(upload.UploadRejected) as info:
        upload.check_upload(name, data)
    assert info.value.status == status
    assert words in info.value.message and info.value.message.startswith(name.split("/")[-1])


def test_upload_names_lose_their_directories():
    assert upload.safe_name("../../etc/passwd") == "passwd"
    assert upload.safe_name("C:\\Users\\x\\visi.docx") == "visi.docx"
    assert upload.safe_name("") == "unggahan.txt"


def test_csv_export_defuses_spreadsheet_formulas():
    rows = [{"id": 1, "kind": "program", "kind_label": "Program", "text": "=HYPERLINK(\"http://x\")",
             "sectors": ["1.01"], "sdgs": [4], "quantities": [{"value": 10, "unit": "km", "text": "10 km"}],
             "measurable": True, "region_name": "Kota Bogor", "candidate_name": "A – B", "document_name": "d.txt"}]
    text = exports.csv_bytes(rows).decode("utf-8-sig")
    got = list(csv.reader(io.StringIO(text)))
    assert got[0] == exports.COLUMNS
    row = dict(zip(got[0], got[1]))
    assert row["teks"].startswith("'=")
    assert row["target"] == "10 km" and row["terukur"] == "ya" and row["bidang_urusan"] == "1.01"
