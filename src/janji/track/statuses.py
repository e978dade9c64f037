"""The status scale, as the established promise trackers use it, with its definitions in Bahasa Indonesia.

Every page that shows a status shows these definitions too (a reader must be
able to tell "sebagian" from "dalam proses" without asking).
"""
from __future__ import annotations

UNRATED = "belum dinilai"

# order = how pages list them: the unrated first, then from work under way to the verdicts
STATUSES: tuple[str, ...] = (UNRATED, "dalam proses", "terhenti", "sebagian", "ditepati", "diingkari")

STATUS_LABELS = {
    UNRATED: "Belum dinilai",
    "dalam proses": "Dalam proses",
    "terhenti": "Terhenti",
    "sebagian": "Sebagian ditepati",
    "ditepati": "Ditepati",
    "diingkari": "Diingkari",
}

DEFINITIONS = {
    UNRATED: "Belum ada penilaian: pemantau belum menemukan atau belum memeriksa bukti tentang janji ini.",
    "dalam proses": "Ada langkah nyata yang terdokumentasi (anggaran, regulasi, lelang, pembangunan) dan belum "
                    "selesai.",
    "terhenti": "Sempat dikerjakan, tetapi tidak ada kemajuan lagi: anggaran dicoret, proyek mangkrak, atau tidak "
                "ada kabar dalam waktu lama.",
    "sebagian": "Sebagian ditepati atau ditepati dengan kompromi: hasilnya ada tetapi lebih kecil atau berbeda dari "
                "yang dijanjikan.",
    "ditepati": "Ditepati: hasil yang dijanjikan sudah terwujud dan ada buktinya.",
    "diingkari": "Diingkari: tidak dikerjakan, dibatalkan, atau kebijakan yang diambil berlawanan dengan janji.",
}

# colours for the charts (colour-blind-safe enough with the text labels beside them)
COLOURS = {
    UNRATED: "#9aa0a6",
    "dalam proses": "#1f6f8b",
    "terhenti": "#e0a31f",
    "sebagian": "#7a9e3a",
    "ditepati": "#2e7d32",
    "diingkari": "#c23b3b",
}

ALIASES = {
    "belum": UNRATED, "belum dinilai": UNRATED, "not yet rated": UNRATED, "not rated": UNRATED,
    "dalam proses": "dalam proses", "proses": "dalam proses", "in the works": "dalam proses",
    "in progress": "dalam proses",
    "terhenti": "terhenti", "stalled": "terhenti", "mangkrak": "terhenti",
    "sebagian": "sebagian", "sebagian ditepati": "sebagian", "compromise": "sebagian", "partly kept": "sebagian",
    "ditepati": "ditepati", "kept": "ditepati", "terpenuhi": "ditepati",
    "diingkari": "diingkari", "broken": "diingkari", "ingkar": "diingkari",
}


def normalise(value: str | None) -> str | None:
    """A status as typed in a form, a CSV cell or an API call -> its canonical name, or None if unknown.

    Example:
        >>> normalise(" Dalam  Proses ")
        'dalam proses'
        >>> normalise("kept")
        'ditepati'
    """
    if value is None:
        return None
    key = " ".join(str(value).replace("_", " ").replace("-", " ").lower().split())
    return ALIASES.get(key)


def label(status: str | None) -> str:
    return STATUS_LABELS.get(status or UNRATED, status or "")


def definitions() -> list[dict[str, str]]:
    """The scale for templates and the API: ``[{"status", "label", "definition", "colour"}]``."""
    return [{"status": s, "label": STATUS_LABELS[s], "definition": DEFINITIONS[s], "colour": COLOURS[s]}
            for s in STATUSES]
