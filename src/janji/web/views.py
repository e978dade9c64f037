"""Pure functions that turn janji/1 data into what pages and their JSON twins show.

No store here: the upload page renders an analysed :class:`~janji.document.Document`
that was never stored with the same functions as the stored-document page.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from janji.data import labels

def is_measurable(item: dict[str, Any]) -> bool:
    """Whether a promise can be checked later: the store's flag when the item comes from the store,
    else the store's own rule (the classifier's verdict, else whether it carries a target number),
    so an upload, a pair page and a comparison count alike."""
    if isinstance(item.get("measurable"), bool):
        return item["measurable"]
    from janji.store import is_measurable as store_rule

    m = item.get("measurability")
    return store_rule(m if isinstance(m, dict) else None, item.get("quantities"))


def decorate(item: dict[str, Any]) -> dict[str, Any]:
    """Add the Indonesian labels and flags a page needs to an item dict (a copy)."""
    out = dict(item)
    out["kind_label"] = labels.kind_label(item.get("kind"))
    out["sector_names"] = [{"code": c, "name": labels.sector_name(c)} for c in item.get("sectors") or []]
    out["sdg_names"] = [{"goal": g, "name": labels.sdg_name(g)} for g in item.get("sdgs") or []]
    out["measurable"] = is_measurable(item)
    if item.get("children"):
        out["children"] = [decorate(c) for c in item["children"]]
    return out


def number_items(items: Iterable[dict[str, Any]], prefix: str = "i") -> list[dict[str, Any]]:
    """Give every item of a tree that has no id one, in document order (for anchors on unsaved documents)."""
    counter = 0

    def walk(nodes):
        nonlocal counter
        out = []
        for node in nodes:
            node = dict(node)
            if node.get("id") is None:
                counter += 1
                node["id"] = f"{prefix}{counter}"
            if node.get("children"):
                node["children"] = walk(node["children"])
            out.append(node)
        return out

    return walk(items)


def flatten(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        out.append(item)
        out.extend(flatten(item.get("children") or []))
    return out


def segments(text: str, items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut ``text`` at every item span boundary.

    Returns ``[{"text", "item": id or None, "kind", "first": bool}]``; a piece
    covered by several spans (a parent whose span encloses its children) goes
    to the innermost one, so every item's own words are marked as its own.
    ``first`` marks the piece that carries the item's anchor. Spans outside
    the text or empty are ignored rather than trusted.
    """
    n = len(text)
    spans = []
    for it in items:
        span = it.get("span")
        if not span or len(span) != 2:
            continue
        start, end = int(span[0]), int(span[1])
        start, end = max(0, start), min(n, end)
        if end > start:
            spans.append((start, end, it.get("id"), it.get("kind")))
    if not spans:
        return [{"text": text, "item": None, "kind": None, "first": False}] if text else []
    cuts = sorted({0, n, *[s for s, _, _, _ in spans], *[e for _, e, _, _ in spans]})
    out: list[dict[str, Any]] = []
    seen: set = set()
    for a, b in zip(cuts, cuts[1:]):
        covering = [s for s in spans if s[0] <= a and s[1] >= b]
        owner = min(covering, key=lambda s: s[1] - s[0]) if covering else None
        item_id = owner[2] if owner else None
        piece = {"text": text[a:b], "item": item_id, "kind": owner[3] if owner else None,
                 "first": bool(owner) and item_id not in seen}
        if owner:
            seen.add(item_id)
        if out and out[-1]["item"] == item_id and not piece["first"]:
            out[-1]["text"] += piece["text"]
        else:
            out.append(piece)
    return out


def mark_span(pieces: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    """The :func:`segments` of a text with ``[start, end)`` cut out and flagged ``mark`` (a sentence a link
    points at: an evidence suggestion); the first and the last marked pieces carry ``mark_first`` and
    ``mark_last``, so that a page can hold the whole stretch in one element."""
    out: list[dict[str, Any]] = []
    pos = 0
    first = True
    for piece in pieces:
        text = piece["text"]
        a, b = pos, pos + len(text)
        pos = b
        cuts = sorted({0, len(text), *[c - a for c in (start, end) if a < c < b]})
        for x, y in zip(cuts, cuts[1:]):
            part = dict(piece, text=text[x:y], first=piece["first"] and x == 0)
            inside = start <= a + x and a + y <= end
            part["mark"] = inside
            part["mark_first"] = inside and first
            if inside:
                first = False
            out.append(part)
    marked = [part for part in out if part["mark"]]
    for part in out:
        part["mark_last"] = bool(marked) and part is marked[-1]
    return out


def kind_counts(items: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for it in items:
        counts[it["kind"]] = counts.get(it["kind"], 0) + 1
    return {k: counts[k] for k in labels.KIND_LABELS if k in counts}


def sector_counts(items: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Items per bidang urusan, counting an item once under each of its sectors."""
    counts: dict[str, int] = {}
    for it in items:
        for code in it.get("sectors") or []:
            counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


PROMISE_KINDS = {"mission", "goal", "program", "activity", "quick_win", "strategy", "commitment"}


def measurable_share(items: Iterable[dict[str, Any]]) -> float | None:
    """Share of promises (not visions, claims or 'other') that are measurable; None when there are none."""
    promises = [it for it in items if it.get("kind") in PROMISE_KINDS]
    if not promises:
        return None
    return sum(1 for it in promises if is_measurable(it)) / len(promises)


# a stem with a long run of hex digits ("000_5e0c2a7d91b4f3e8") was named by a machine, not by a person
_MACHINE_NAME = re.compile(r"(?:^|[_\-.])[0-9a-f]{8,}(?:$|[_\-.])", re.I)


def source_label(doc: dict[str, Any] | None) -> str:
    """How a page names a source: its title; else its file name when a person chose it ("visi misi paslon 1");
    else its kind and region ("Visi-misi kampanye, Kota Contoh") — never a hash-like file name."""
    if not doc:
        return "Dokumen"
    if doc.get("title"):
        return str(doc["title"])
    stem = str(doc.get("name") or "").rsplit(".", 1)[0]
    words = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    if words and not _MACHINE_NAME.search(stem) and re.search(r"[^\W\d_]{3}", words) and \
            not stem.startswith("unggahan"):
        return words
    kind = labels.DOCUMENT_KIND_LABELS.get(doc.get("kind") or "", "Dokumen")
    region = (doc.get("region") or {}).get("name") if isinstance(doc.get("region"), dict) else None
    return f"{kind}, {region}" if region else kind


def source_view(doc: dict[str, Any]) -> dict[str, Any]:
    """A document summary as a citation: ``label`` (see :func:`source_label`), ``publisher``, ``url`` (http(s)
    only, else None), ``published_at``, its kind label and where the portal shows it."""
    url = doc.get("url")
    safe = url.strip() if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")) else None
    return {"id": doc.get("id"), "label": source_label(doc), "title": doc.get("title"),
            "publisher": doc.get("publisher"), "url": safe, "published_at": doc.get("published_at"),
            "retrieved_at": doc.get("retrieved_at"), "kind": doc.get("kind"),
            "kind_label": labels.DOCUMENT_KIND_LABELS.get(doc.get("kind") or "", doc.get("kind")),
            "region": doc.get("region"), "page": f"/dokumen/{doc['id']}" if doc.get("id") else None}


def share_text(item: dict[str, Any], status_label: str | None) -> dict[str, str]:
    """The title and description a link preview (Open Graph) shows for a promise: who promised what, where,
    and how it stands — short enough for a chat preview (about 90 and 200 characters)."""
    who = item.get("candidate_name") or item.get("speaker")
    title = f"Janji {who}: {item['text']}" if who else f"{item.get('kind_label') or 'Janji'}: {item['text']}"
    parts = [item.get("kind_label") or ""]
    where = " ".join(str(x) for x in (item.get("region_name"), item.get("year")) if x)
    if where:
        parts.append(where)
    targets = [q.get("text") for q in item.get("quantities") or [] if q.get("text")]
    if targets:
        parts.append("target " + ", ".join(targets[:3]))
    if status_label:
        parts.append(f"status: {status_label}")
    parts.append("sumber: " + (item.get("source") or {}).get("label", "dokumen"))
    return {"title": _cut(title, 90), "description": _cut(" · ".join(p for p in parts if p), 200)}


def _cut(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
