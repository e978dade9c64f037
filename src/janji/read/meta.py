"""What an HTML page says about itself: title, publisher, canonical address and publication time.

Read from the ``<head>`` the way sharing previews read it (Open Graph, the
``article:`` properties, ``<link rel=canonical>``), then the older ``name=``
conventions (``publisher``, ``pubdate``, Dublin Core) and a page's JSON-LD
(``datePublished``, ``publisher.name``). Nothing is guessed from the body.

A publication time with a zone becomes an instant in UTC ("…Z"); without a
zone only its day is kept (the page did not say which zone its clock was in).

Example:

    >>> import lxml.html
    >>> page_meta(lxml.html.document_fromstring(
    ...     '<html><head><meta property="og:site_name" content="Kabar Contoh">'
    ...     '<meta property="article:published_time" content="2024-09-23T10:15:00+07:00">'
    ...     '<title>Visi Misi Paslon - Kabar Contoh</title></head><body>x</body></html>'))
    {'title': 'Visi Misi Paslon', 'publisher': 'Kabar Contoh', 'url': None, 'published': '2024-09-23T03:15:00Z'}
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

from janji.lang import lazy

_WS = lazy.compile(r"\s+")
TITLE_KEYS = ("og:title", "twitter:title")
PUBLISHER_KEYS = ("og:site_name", "publisher", "article:publisher", "dc.publisher", "dcterms.publisher",
                  "application-name")
URL_KEYS = ("og:url", "twitter:url")
PUBLISHED_KEYS = ("article:published_time", "og:article:published_time", "og:published_time", "published_time",
                  "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "article.published",
                  "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date", "sailthru.date",
                  "parsely-pub-date")


def page_meta(root) -> dict[str, Any]:
    """``{"title", "publisher", "url", "published"}`` of a parsed page (lxml root); each may be None."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = _clean(meta.get("content"))
        if key and content and key not in metas:
            metas[key] = content
    ld = _json_ld(root)
    publisher = next((v for k in PUBLISHER_KEYS if (v := metas.get(k)) and not _is_url(v)), None) \
        or ld.get("publisher")
    title = next((metas[k] for k in TITLE_KEYS if metas.get(k)), None) or ld.get("headline")
    if title is None:
        el = root.find(".//title")
        title = _clean(el.text_content()) if el is not None else None
    return {"title": _strip_site(title, publisher)[:500] if title else None,
            "publisher": publisher[:300] if publisher else None,
            "url": _canonical(root, metas, ld),
            "published": next((p for p in (published(metas.get(k)) for k in PUBLISHED_KEYS) if p), None)
            or published(ld.get("datePublished")) or _time_element(root)}


def published(value: str | None) -> str | None:
    """A publication time as the page wrote it -> "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (None if unreadable)."""
    if not value:
        return None
    text = value.strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
                 text)
    if not m:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        datetime(int(year), int(month), int(day))
    except ValueError:
        return None
    if not (1945 <= int(year) <= 2100):
        return None
    if hour is None or zone is None:
        return f"{year}-{month}-{day}"  # no zone: the day is all that is certain
    zone = "+00:00" if zone == "Z" else (zone if ":" in zone else zone[:3] + ":" + zone[3:])
    try:
        moment = datetime.fromisoformat(f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}{zone}")
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(value: str | None) -> str | None:
    text = _WS.sub(" ", value or "").strip()
    return text or None


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://", "//"))


def _strip_site(title: str, publisher: str | None) -> str:
    """"Visi Misi Paslon - Kabar Contoh" -> "Visi Misi Paslon" when the suffix is the publisher."""
    if publisher:
        for sep in (" - ", " | ", " – ", " — ", " :: "):
            if title.endswith(sep + publisher) and len(title) > len(sep + publisher):
                return title[: -len(sep + publisher)].strip()
    return title


def _canonical(root, metas: dict[str, str], ld: dict[str, Any]) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = _clean(link.get("href"))
            if href and _is_url(href) and not href.startswith("//"):
                return href[:2000]
    for value in [metas.get(k) for k in URL_KEYS] + [ld.get("url")]:
        if value and _is_url(value) and not value.startswith("//"):
            return value[:2000]
    return None


def _json_ld(root) -> dict[str, Any]:
    """headline, datePublished, url and publisher name of the page's first JSON-LD article (if any)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for node in _nodes(data):
            if not isinstance(node, dict) or not (node.get("datePublished") or node.get("headline")):
                continue
            pub = node.get("publisher")
            name = pub.get("name") if isinstance(pub, dict) else pub if isinstance(pub, str) else None
            return {"headline": _clean(node.get("headline")) if isinstance(node.get("headline"), str) else None,
                    "datePublished": node.get("datePublished") if isinstance(node.get("datePublished"), str)
                    else None,
                    "url": node.get("url") if isinstance(node.get("url"), str) else None,
                    "publisher": _clean(name) if isinstance(name, str) else None}
    return {}


def _nodes(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for entry in data:
            yield from _nodes(entry, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _nodes(data["@graph"], depth + 1)


def _time_element(root) -> str | None:
    for el in root.iter("time"):
        if (el.get("itemprop") or "").lower() == "datepublished" or "published" in (el.get("class") or ""):
            found = published(el.get("datetime"))
            if found:
                return found
    return None
