"""A tiny corpus written for the portal tests: two pairs in one election, spans into the source text.

Built as janji/1 documents (with the store's ``store.text`` so spans resolve),
so the tests do not depend on how well the analyser reads a real document.
"""
from __future__ import annotations

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def _doc(name, text, head, deputy, number, items, region=("Kota Mojokerto", "35.76", "kota")):
    def span(fragment):
        start = text.index(fragment)
        return [start, start + len(fragment)]

    def build(spec):
        kind, frag, extra = spec[0], spec[1], spec[2] if len(spec) > 2 else {}
        node = {"kind": kind, "text": frag, "span": span(frag), **{k: v for k, v in extra.items() if k != "children"}}
        if extra.get("children"):
            node["children"] = [build(c) for c in extra["children"]]
        return node

    return {
        "schema": "janji/1",
        "source": {"name": name, "format": "text"},
        "kind": "campaign",
        "region": {"name": region[0], "code": region[1], "level": region[2]},
        "period": {"start": 2025, "end": 2030},
        "candidates": [{"number": number, "head": head, "deputy": deputy, "parties": ["PKB"], "incumbent": False,
                        "aliases": []}],
        "items": [build(s) for s in items],
        "store": {"text": text},
    }


TEXT_A = ("Visi pasangan nomor 1: Kota Yang Hijau Dan Berdaya.\n"
          "Misi:\n1. Pembangunan ekonomi kerakyatan berbasis potensi daerah\n"
          "   a. Membangun 10.000 titik lubang biopori dalam 5 tahun\n"
          "   b. Beasiswa kuliah untuk 1.000 siswa miskin per tahun\n"
          "2. Pelayanan air bersih untuk seluruh warga\n")
TEXT_B = ("Pasangan nomor 2 menawarkan visi Mojokerto Maju Bersama.\n"
          "Program unggulan:\n1. Beasiswa kuliah untuk siswa miskin\n"
          "2. Perbaikan jalan desa sepanjang 50 km\n"
          f"3. Catatan: {HOSTILE}\n")

DOC_A = _doc("paslon-1.txt", TEXT_A, "Harun Effendi", "Chairul Anam", 1, [
    ("vision", "Kota Yang Hijau Dan Berdaya"),
    ("mission", "Pembangunan ekonomi kerakyatan berbasis potensi daerah", {"label": "1", "children": [
        ("program", "Membangun 10.000 titik lubang biopori dalam 5 tahun",
         {"label": "a", "sectors": ["2.11"], "sdgs": [6],
          "quantities": [{"value": 10000, "unit": "titik", "text": "10.000 titik"},
                         {"value": 5, "unit": "tahun", "text": "5 tahun"}]}),
        ("program", "Beasiswa kuliah untuk 1.000 siswa miskin per tahun",
         {"label": "b", "sectors": ["1.01"], "sdgs": [4],
          "quantities": [{"value": 1000, "unit": "siswa", "per": "tahun", "text": "1.000 siswa"}]}),
    ]}),
    ("mission", "Pelayanan air bersih untuk seluruh warga", {"label": "2", "sectors": ["1.03"], "sdgs": [6]}),
])
DOC_B = _doc("paslon-2.txt", TEXT_B, "Sari Wulandari", "Rudi Hartono", 2, [
    ("vision", "Mojokerto Maju Bersama"),
    ("program", "Beasiswa kuliah untuk siswa miskin", {"label": "1", "sectors": ["1.01"], "sdgs": [4]}),
    ("program", "Perbaikan jalan desa sepanjang 50 km",
     {"label": "2", "sectors": ["1.03"], "sdgs": [9], "quantities": [{"value": 50, "unit": "km", "text": "50 km"}]}),
    ("program", HOSTILE, {"label": "3"}),
])
DOC_OTHER = _doc("bogor.txt", "Visi: Bogor Sejahtera.\nProgram: Pembangunan 20 puskesmas baru\n",
                 "Dadang Suherman", "Nurul Fadhilah", 1,
                 [("vision", "Bogor Sejahtera"),
                  ("program", "Pembangunan 20 puskesmas baru",
                   {"sectors": ["1.02"], "sdgs": [3], "quantities": [{"value": 20, "unit": "puskesmas", "text": "20 puskesmas"}]})],
                 region=("Kota Bogor", "32.71", "kota"))

CORPUS = [DOC_A, DOC_B, DOC_OTHER]


def load(store) -> None:
    summary = store.import_json(CORPUS)
    bad = [r for r in summary.results if r.status == "failed"]
    assert not bad, [r.reason for r in bad]


def make_client(store, writable=False):
    """A Starlette TestClient over the portal (the httpx deprecation warning of the client is not ours)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from janji.web import create_app

    return TestClient(create_app(store, writable=writable))
