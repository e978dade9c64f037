"""Removing news-site furniture from a text: lines that belong to the page, not to the article.

"Baca Juga: …" links, photo captions and credits, tag lists, comment forms,
author and editor lines, share buttons, advertisement markers, "Berita
Terkini Lainnya" trailers. What such lines look like is the language's
(:mod:`janji.lang.furniture`); here is how a page is read: a tag heading takes
the short lines after it, a trailer heading near the end takes the rest, a
"Baca Juga:" takes the headline on the next line, a dateline set on a line of
its own goes back to the paragraph it opens.

Example:

    >>> remove_furniture("Misi:\\nBaca Juga: Debat Pilkada\\n1. Membangun jalan")
    'Misi:\\n1. Membangun jalan'
"""
from __future__ import annotations

from janji.lang.furniture import (DATELINE_ALONE, INLINE_ADS, INLINE_READ_MORE, SENTENCE_END, TAG_WORDS, TAGS,
                                  TRAILER, TRAILER_WORDS, TRAILING_INITIALS, first_word, furniture_rule, rule)
from janji.lang.markers import MARKER


def remove_furniture(text: str, removed: list[tuple[str, str]] | None = None) -> str:
    """Drop furniture lines (and the trailers after a "Berita Terkini Lainnya" heading near the end).

    ``removed`` collects (rule, line) pairs for explanation and tests.
    """
    lines = text.split("\n")
    keep: list[str] = []
    total = len(lines)
    i = 0
    previous_content = None
    while i < total:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            if keep and keep[-1]:
                keep.append("")  # runs of blank lines become one (paragraph break)
            i += 1
            continue
        if MARKER.match(stripped + " ") and furniture_rule(stripped):  # a bulleted dateline
            _note(removed, furniture_rule(stripped), stripped)
            i += 1
            continue
        if not MARKER.match(stripped + " "):
            first = first_word(stripped)
            if first in TAG_WORDS and (TAGS.fullmatch(stripped) or (
                    TAGS.match(stripped) and stripped.count(" ") < 30 and ":" in stripped[:20])):
                # A tag list: the heading and the short lines (names, topics) that follow it.
                _note(removed, "tags", stripped)
                i += 1
                while i < total and (not lines[i].strip() or _is_tag_line(lines[i])):
                    if lines[i].strip():
                        _note(removed, "tags", lines[i].strip())
                    i += 1
                continue
            if first in TRAILER_WORDS and stripped.count(" ") < 8 and TRAILER.fullmatch(stripped) \
                    and i >= total * 0.6:
                for rest in lines[i:]:
                    if rest.strip():
                        _note(removed, "trailer", rest.strip())
                break
            found = rule(stripped, first)
            if found:
                _note(removed, found, stripped)
                i += 1
                if found == "read_more" and stripped.endswith(":"):
                    # "Baca Juga:" with its headline on the next line: the headline goes too.
                    j = i
                    while j < total and not lines[j].strip():
                        j += 1
                    if j < total and j - i <= 1 and _is_headline(lines[j]):
                        _note(removed, found, lines[j].strip())
                        i = j + 1
                continue
            if previous_content == stripped and stripped.count(" ") >= 2 and i < 12:
                _note(removed, "duplicate", stripped)  # a headline printed twice (title + og:title)
                i += 1
                continue
        cleaned = INLINE_ADS.sub(" ", line).rstrip() if "SCROLL" in line or "ADVERTISEMENT" in line else line
        if "Baca" in cleaned or "BACA" in cleaned:
            cleaned = INLINE_READ_MORE.sub("", cleaned)
        if cleaned.endswith(")") and "/" in cleaned:
            cleaned = TRAILING_INITIALS.sub("", cleaned)
        if cleaned.strip():
            keep.append(cleaned)
            previous_content = cleaned.strip()
        elif removed is not None:
            removed.append(("advert", stripped))
        i += 1
    return "\n".join(_join_dateline(keep))


DATELINE_WITHIN = 25  # lines from the top: a dateline opens the article


def _join_dateline(lines: list[str]) -> list[str]:
    """A dateline alone on its line near the top ("Sukamaju -") joins the paragraph after it, as the page
    prints it: alone, it would read as a heading or a list entry."""
    for i, line in enumerate(lines[:DATELINE_WITHIN]):
        if not DATELINE_ALONE.fullmatch(line.strip()) or MARKER.match(line.strip() + " "):
            continue
        j = i + 1
        while j < len(lines) and j <= i + 2 and not lines[j].strip():
            j += 1
        nxt = lines[j].strip() if j < len(lines) else ""
        # The paragraph: a sentence (a capital or a quote first, a stop at the end), not an entry or a heading.
        if nxt.count(" ") >= 5 and (nxt[0].isupper() or nxt[0] in "\"“'‘") and SENTENCE_END.search(nxt.rstrip("\"”’)")) \
                and not MARKER.match(nxt + " "):
            return lines[:i] + [f"{line.strip()} {nxt}"] + lines[j + 1:]
    return lines


def _is_headline(line: str) -> bool:
    stripped = line.strip()
    # Headlines are short and carry no final full stop; a sentence of the article does.
    return 0 < stripped.count(" ") < 20 and not MARKER.match(stripped + " ") and not stripped.endswith((":", "."))


def _is_tag_line(line: str) -> bool:
    stripped = line.strip().lstrip("•●▪-–*#· ").strip()
    return bool(stripped) and stripped.count(" ") < 6 and not SENTENCE_END.search(stripped) and ":" not in stripped


def _note(removed: list | None, rule: str, line: str) -> None:
    if removed is not None:
        removed.append((rule, line))
