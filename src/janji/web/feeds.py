"""Atom feed of a region's published status changes (standard library XML, escaped by construction)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


def _ts(value: str | None) -> str:
    if not value:
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value[:19] + "Z"  # stored as naive UTC


def atom(region: dict[str, Any], entries: list[dict[str, Any]], base_url: str) -> bytes:
    """The feed: one ``<entry>`` per status change, newest first, each linking to the promise's timeline.

    Example:
        >>> atom({"id": 1, "name": "Kota Bandung"}, [], "https://janji.example.org")[:38]
        b"<?xml version='1.0' encoding='utf-8'?>"
    """
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"Perubahan status janji — {region['name']}"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}/pantau/wilayah/{region['id']}"
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base}/pantau/wilayah/{region['id']}")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/pantau/wilayah/{region['id']}/feed.atom")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _ts(entries[0]["published_at"] if entries else None)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Janji"
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        text = e.get("item_text") or ""
        short = text if len(text) <= 90 else text[:89] + "…"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{e['label']}: {short}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"{base}/pantau/butir/{e['item_id']}#perubahan-{e['id']}"
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base}/pantau/butir/{e['item_id']}")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _ts(e.get("published_at"))
        a = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(a, f"{{{ATOM}}}name").text = e.get("author") or "?"
        parts = [f"Status: {e['label']}."]
        if e.get("progress_percent") is not None:
            parts.append(f"Capaian {e['progress_value']:g} dari {e['progress_target']:g} {e.get('progress_unit') or ''}"
                         f" ({e['progress_percent']:g}%).".replace(" )", ")"))
        if e.get("note"):
            parts.append(e["note"])
        if e.get("evidence_link"):
            parts.append(f"Bukti: {e['evidence_link']}")
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " ".join(parts)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
