"""Small janji/1 documents written for the store tests."""
from __future__ import annotations

import copy
from typing import Any


def item(kind: str, text: str, children=None, **extra) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": kind, "text": text}
    out.update(extra)
    if children:
        out["children"] = children
    return out


def doc(name: str, *, region=("Kota Bandung", "32.73", "kota"), period=(2025, 2030), candidates=(), items=(),
        kind="campaign", sha=None) -> dict[str, Any]:
    source: dict[str, Any] = {"name": name, "format": "text"}
    if sha:
        source["sha256"] = sha
    return {
        "schema": "janji/1", "source": source, "kind": kind,
        "region": {"name": region[0], "code": region[1], "level": region[2]} if region else None,
        "period": {"start": period[0], "end": period[1]} if period else None,
        "candidates": [dict(number=None, parties=[], incumbent=None, aliases=[]) | c for c in candidates],
        "items": copy.deepcopy(list(items)),
    }


PAIR_A = {"head": "Budi Santoso", "deputy": "Siti Aminah", "number": 1, "parties": ["PKB"]}
PAIR_B = {"head": "Rahmat Hidayat", "deputy": "Dewi Lestari", "number": 2, "parties": ["Gerindra"]}


def campaign_a() -> dict[str, Any]:
    return doc("paslon-1.txt", candidates=[PAIR_A], items=[
        item("vision", "Bandung yang maju dan sejahtera"),
        item("mission", "Membangun infrastruktur yang merata", label="1", sectors=["1.03"], children=[
            item("program", "Pembangunan jalan desa sepanjang 100 km", sectors=["1.03"], sdgs=[9],
                 quantities=[{"value": 100, "unit": "km", "text": "100 km"}]),
            item("program", "Penyediaan air bersih untuk seluruh warga", sectors=["1.03"], sdgs=[6],
                 measurability={"label": "sebagian"}),
        ]),
        item("mission", "Meningkatkan kualitas pendidikan", label="2", sectors=["1.01"], children=[
            item("program", "Beasiswa kuliah untuk mahasiswa berprestasi", sectors=["1.01"], sdgs=[4],
                 measurability={"label": "terukur"}),
        ]),
    ])


def campaign_b() -> dict[str, Any]:
    return doc("paslon-2.txt", candidates=[PAIR_B], items=[
        item("vision", "Bandung juara"),
        item("program", "Membangun jalan desa 50 km setiap tahun", sectors=["1.03"], sdgs=[9],
             quantities=[{"value": 50, "unit": "km", "per": "tahun", "text": "50 km setiap tahun"}]),
        item("program", "Posyandu gratis di setiap kelurahan", sectors=["1.02"], sdgs=[3]),
    ])


def news_both() -> dict[str, Any]:
    """A news article on both pairs, names written with titles (one pair, several sources)."""
    return doc("berita.html", kind="campaign", candidates=[
        {"head": "Dr. H. Budi Santoso, M.Si.", "deputy": "Hj. Siti Aminah", "aliases": ["Budi-Siti"]},
        {"head": "Rahmat Hidayat", "deputy": None},
    ], items=[
        item("commitment", "akan membangun pasar rakyat modern", candidate="Dr. H. Budi Santoso, M.Si.",
             speaker="Budi-Siti", sectors=["3.30"]),
        item("commitment", "berjanji memperbaiki layanan puskesmas", candidate="Rahmat Hidayat", sectors=["1.02"]),
    ])


def upgrade_to(engine, revision: str) -> None:
    """Run the store's migrations up to ``revision`` on ``engine`` (a test re-runs one on a store at head)."""
    from alembic import command
    from alembic.config import Config

    from janji.store import db

    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
