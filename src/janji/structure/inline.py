"""Promises written inside sentences: visions, missions and lists run into prose.

News articles rarely print lists: "menyuguhkan visi ‘Kota Yang Tangguh’",
"Misinya diarahkan ke lima hal, pertama …, kedua …", "7 program unggulan, yaitu
program perumahan, pertanian, …". These functions find such statements and cut
them into entries; the builder decides what kind and parent they get.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from janji.lang import lazy
from janji.lang.sentences import CLOSE_QUOTES, OPEN_QUOTES
from janji.lang.sentences import split as split_sentences

from janji.lang.markers import INLINE_NUMBER, INLINE_ORDINAL, LAST
from janji.lang.morphology import NOMINAL_START, VERB_START
from janji.lang.numbers import CARDINAL, ORDINAL
from janji.structure.vocab import COUNT, KIND_PATTERN, WORDS, count_value, counted_kinds, kind_of_match, kind_words
from janji.lang.gate import Gated

QUOTES_OPEN = OPEN_QUOTES
QUOTES_CLOSE = CLOSE_QUOTES


@dataclass
class Span:
    text: str
    start: int
    end: int
    label: str | None = None


def sentences(text: str, offset: int = 0) -> list[Span]:
    """Sentences of a paragraph with their offsets (:mod:`janji.lang.sentences`)."""
    return [Span(text[a:b], offset + a, offset + b) for a, b in split_sentences(text)]


_LEADING_CONNECTIVE = lazy.compile(
    r"(?:dan|serta|atau|kemudian|lalu|selanjutnya|dan\s+terakhir|terakhir|ada\s+juga|terkait(?:\s+dengan)?|"
    r"dan\s+ada\s+juga|juga|yaitu|yakni|adalah|antara\s+lain|di\s?antaranya|mulai\s+dari|hingga|sampai)\b[\s,:]*",
    re.IGNORECASE)
_TRAILING_CONJUNCTION = lazy.compile(r"(?:\s+(?:dan|serta|atau))+$", re.IGNORECASE)
_AND_SO_ON = lazy.compile(r"(?<=\w)[\s,]+(?:dan\s+)?(?:lain[\s-]+lain(?:nya)?|lain\s+sebagainya|sebagainya|dll|dsb)\.?$",
                          re.IGNORECASE)


def tidy(span: Span) -> Span:
    """Strip quotes, trailing punctuation and leading connectives from an entry, keeping offsets right."""
    text, start = span.text, span.start
    changed = True
    while changed and text:
        changed = False
        m = _LEADING_CONNECTIVE.match(text)
        if m and m.end() < len(text):
            text, start = text[m.end():], start + m.end()
            changed = True
        stripped = text.lstrip(" ,;:–—-" + QUOTES_OPEN)
        if stripped != text:
            start += len(text) - len(stripped)
            text = stripped
            changed = True
        trimmed = _TRAILING_CONJUNCTION.sub("", text).rstrip(" .,;:–—-")
        # "… dan lain sebagainya", "…, dll.": the list goes on unnamed
        trimmed = _AND_SO_ON.sub("", trimmed)
        if trimmed.lower() in ("dan", "serta", "atau"):
            trimmed = ""  # "dan lain-lain" was the whole entry
        if trimmed and trimmed[-1] in QUOTES_CLOSE and not any(q in trimmed[:-1] for q in "“\"‘«"):
            trimmed = trimmed[:-1]  # a closing quote with no opening one inside: the quote around the entry
        if trimmed != text:
            text = trimmed
            changed = True
    return Span(text, start, start + len(text), span.label)


def split_top_level(text: str, offset: int, separators: str = r",|;") -> list[Span]:
    """Split on separators outside brackets and quotes."""
    out, depth, quote, start = [], 0, False, 0
    pattern = re.compile(separators)
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch in "“”\"":
            quote = not quote if ch == "\"" else (ch == "“")
        if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            i += 1  # "5,12 persen": a decimal comma, not a separator
            continue
        if depth == 0 and not quote:
            m = pattern.match(text, i)
            if m and m.end() > i:
                out.append(Span(text[start:i], offset + start, offset + i))
                start = m.end()
                i = m.end()
                continue
        i += 1
    out.append(Span(text[start:], offset + start, offset + len(text)))
    return [s for s in out if s.text.strip()]


# Where a list of clauses moves to its next entry: a comma or "dan"/"serta" before a verb.
VERB_BOUND = r"(?:,\s*|\s+(?:dan|serta)\s+)(?:(?:dan|serta)\s+)?(?=" + VERB_START.pattern + r")|;\s*"


def split_entries(text: str, offset: int, count: int | None = None) -> list[Span]:
    """Cut an inline list into its entries.

    Ordinals ("pertama …, kedua …, dan terakhir …") label their entries; a
    repeated head ("Sukamaju sebagai …, Sukamaju sebagai …") marks each entry;
    otherwise commas and the final "dan"/"serta", guided by the announced count.
    """
    ordinals = list(INLINE_ORDINAL.finditer(text))
    if len(ordinals) >= 2:
        pieces = []
        if ordinals[0].start() > 0 and text[:ordinals[0].start()].strip(" ,.;:"):
            pieces.append(Span(text[:ordinals[0].start()], offset, offset + ordinals[0].start()))
        for i, m in enumerate(ordinals):
            end = ordinals[i + 1].start() if i + 1 < len(ordinals) else len(text)
            pieces.append(Span(text[m.end():end], offset + m.end(), offset + end, m.group("ord")))
        if count and len(pieces) < count:
            # fewer ordinals than announced entries: an unlabelled entry hides in a segment that
            # ends in "dan" ("…, ketiga A, B dan terakhir C") — cut that segment at its last comma
            for k, piece in enumerate(pieces[:-1]):
                if len(pieces) >= count:
                    break
                if re.search(r"\b(?:dan|serta)\s*$", piece.text):
                    parts = split_top_level(piece.text, piece.start)
                    if len(parts) >= 2:
                        head = Span(", ".join(p.text for p in parts[:-1]), parts[0].start, parts[-2].end, piece.label)
                        head = Span(piece.text[: parts[-2].end - piece.start], piece.start, parts[-2].end, piece.label)
                        pieces[k:k + 1] = [head, parts[-1]]
        return [e for e in (tidy(s) for s in pieces) if e.text]

    head = repeated_head(text)
    if head:
        pattern = re.compile(r"(?:[,;.]\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)(?=" + re.escape(head) + r"\b)")
        pieces, start = [], 0
        for m in pattern.finditer(text):
            pieces.append(Span(text[start:m.start()], offset + start, offset + m.start()))
            start = m.end()
        pieces.append(Span(text[start:], offset + start, offset + len(text)))
        return [e for e in (tidy(s) for s in pieces) if e.text]

    semis = split_top_level(text, offset, separators=r";")
    if len(semis) >= 3:
        # "A, B, dan C; D dan E; serta F": semicolons part the entries, commas and "dan" coordinate inside them
        return [e for e in (tidy(s) for s in semis) if e.text]
    parts = split_top_level(text, offset)
    if not parts:
        return []
    if count and len(parts) > count:
        # "Mewujudkan SDM yang tangguh, cerdas dan berkarakter, meningkatkan …, membangun …": entries that
        # are clauses start with their verb; commas inside a clause are not entry bounds
        verbs = split_top_level(text, offset, separators=VERB_BOUND)
        if len(verbs) == count:
            return [e for e in (tidy(s) for s in verbs) if e.text]
    # ", serta X, Y": a conjunction in the middle of a list coordinates inside one entry
    merged: list[Span] = []
    for k, part in enumerate(parts):
        if merged and k < len(parts) - 1 and re.match(r"\s*(?:serta|dan)\s", part.text):
            prev = merged[-1]
            merged[-1] = Span(text[prev.start - offset:part.end - offset], prev.start, part.end)
        else:
            merged.append(part)
    parts = merged
    nominal = _nominal_list(parts)
    if nominal and (count is None or len(parts) > count):
        # "peningkatan kesejahteraan bagi guru, perawat, penataan …": in a list of programmes led by nouns made
        # from verbs, a short part led by none is a coordinated object of the entry before it
        merged = [parts[0]]
        for part in parts[1:]:
            if not NOMINAL_START.match(tidy(part).text) and len(part.text.split()) <= 3 and not OFFER.search(part.text):
                prev = merged[-1]
                merged[-1] = Span(text[prev.start - offset:part.end - offset], prev.start, part.end)
            else:
                merged.append(part)
        parts = merged
    if count is None or len(parts) < count:
        last = parts[-1]
        m = [c for c in re.finditer(r"\s+(?:dan|serta)\s+(?:juga\s+)?", last.text)
             if last.text[:c.start()].count("(") == last.text[:c.start()].count(")")  # not inside brackets
             and (not nominal or NOMINAL_START.match(last.text, c.end()))]
        if m and (count is None and len(parts) >= 2 or count is not None and len(parts) + 1 <= count):
            # the last "dan"/"serta" parts the last two entries; in a list of programmes each one that leads a
            # programme does ("pembangunan A dan bantuan B serta program C")
            cuts = m if nominal and count is None else m[-1:]
            pieces, start = [], 0
            for cut in cuts:
                pieces.append(Span(last.text[start:cut.start()], last.start + start, last.start + cut.start()))
                start = cut.end()
            pieces.append(Span(last.text[start:], last.start + start, last.end))
            if len(pieces[-1].text.split()) <= 12 and all(p.text.strip() for p in pieces):
                parts = parts[:-1] + pieces
    return [e for e in (tidy(s) for s in parts) if e.text]


# "beras murah", "seragam gratis", "rumah layak huni": a short part that offers something is an entry of its own,
# not an object coordinated into the entry before it ("bantuan bagi guru, perawat")
OFFER = lazy.compile(r"\b(?:gratis|murah|layak|terjangkau|cuma-cuma|bersubsidi)\b", re.IGNORECASE)


def _nominal_list(parts: list[Span]) -> bool:
    """Most entries are led by a noun made from a verb: a list of programmes."""
    led = sum(1 for p in parts if NOMINAL_START.match(tidy(p).text))
    return len(parts) >= 3 and led >= 2 and 2 * led >= len(parts)


def repeated_head(text: str) -> str | None:
    """"Sukamaju sebagai A, Sukamaju sebagai B": the words every entry starts with."""
    words = text.split()
    best, best_hits = None, 0
    for n in (2, 1):
        if len(words) < n:
            continue
        head = " ".join(words[:n])
        if not head[0].isalpha() or head.lower() in ("dan", "yang", "untuk", "di", "dengan"):
            continue
        # (a head written nowhere after the start repeats nowhere: no pattern of it compiled)
        after = re.findall(r"(?:[,;.]\s*|\s(?:dan|serta)\s+)" + re.escape(head) + r"\b\s*(\S?)", text) \
            if text.find(head, 1) >= 0 else []
        hits = len(after)
        if n == 1 and after and all(a.isupper() for a in after):
            continue  # "Kota Hijau, Kota Cerdas": a word shared by names, each entry its own comma part
        parts = len(re.findall(r"[,;]", text)) + 1
        # the head must start most entries, not just two ("Bogor Smart System, Hotline …, Bogor Bekerja");
        # a shorter head that starts more of them is the one ("kampung industri A, kampung industri B, kampung C")
        if hits >= 1 and (n == 2 or len(head) > 3) and hits + 1 > parts / 2 and hits > best_hits:
            best, best_hits = head, hits
    return best


# -- vision statements --------------------------------------------------------------------------

QUOTED_AFTER_CUE = Gated(lazy.compile(
    r"\b(?P<cue>visi(?:nya)?|tagline(?:nya)?|slogan(?:nya)?|misi(?:nya)?)\b(?P<between>[^.“\"‘'”’]{0,120}?)"
    r"(?P<open>[“\"‘'])(?P<body>[^“”\"‘’]{3,220}?)(?P<close>[”\"’'])",
    re.IGNORECASE,
))
UNQUOTED_VISION = Gated(lazy.compile(
    r"\b(?:(?:membawa|mengusung|memaparkan|menyuguhkan|menawarkan|mengangkat|menyampaikan|mengemukakan|memiliki)"
    r"\s+visi(?:nya)?(?![-\w])|visi(?:nya)?\s+(?:(?!yang\b|dan\b|misi\b|tersebut\b|itu\b|ini\b|di\b)[\w.,\-–/ ]{0,120}?\s)?"
    r"(?:adalah|yaitu|yakni|ialah)|visi(?:\s+dan\s+misi)?\s+yang\s+intinya|visi(?:nya)?\s+(?:berbunyi|bertajuk|bertema)"
    r"|(?<![\w-])visi(?:nya)?\s*:"
    # "Adapun visi, …", "Visinya, …": a vision given after a comma at the head of its sentence
    r"|(?:^|(?<=adapun\s)|(?<=sedangkan\s))visi(?:nya)?\s*(?=,))"
    r"\s*[:,]?\s*(?P<body>(?=\S)(?![“\"‘'])(?!yang\b|dan\b|misi\w*\b|tersebut\b|itu\b|ini\b|di\b|untuk\b|-)"
    # "menyampaikan visinya dalam debat": where and when it was said, not the vision
    r"(?!(?:dalam|pada|kepada|saat|ketika|secara|melalui|lewat|sejak|selama|usai|setelah|sebelum)\b).+?)"
    r"(?=,?\s+dengan\s+misi\b|\s+dengan\s+(?:me|ber)\w+|\.\s|\.$|;|$)",
    re.IGNORECASE,
))
OPEN_QUOTED_VISION = Gated(lazy.compile(r"\bvisi(?:nya)?\b[^.“”\"]{0,60}?[“\"](?P<body>[^“”\"]{3,220})$", re.IGNORECASE))
WITH_MISSION = Gated(lazy.compile(r"\bdengan\s+misi(?:nya)?\s+(?P<body>(?!yang\b|dan\b|tersebut\b|itu\b|ini\b).+?)(?=\.\s|\.$|;|$)",
                          re.IGNORECASE))


def find_visions(sentence: Span) -> list[tuple[str, Span]]:
    """("vision"|"tagline"|"mission", statement) found in one sentence."""
    out: list[tuple[str, Span]] = []
    text = sentence.text
    for m in QUOTED_AFTER_CUE.finditer(text):
        cue = m.group("cue").lower()
        kind = "vision" if cue.startswith("visi") else "mission" if cue.startswith("misi") else "tagline"
        between = m.group("between").lower()
        if kind == "mission" and "visi" in between:
            kind = "vision"
        if re.search(r"\b(?:tema|bertema|bertemakan)\b", between) and kind != "vision":
            continue
        body = Span(m.group("body"), sentence.start + m.start("body"), sentence.start + m.end("body"))
        out.append((kind, tidy(body)))
    if not any(k == "vision" for k, _ in out):
        m = OPEN_QUOTED_VISION.search(text)
        if m:  # 'mengusung visi “Kota Hijau Sejahtera.' — a quote the writer never closed ends with the sentence
            body = tidy(Span(m.group("body"), sentence.start + m.start("body"), sentence.start + m.end("body")))
            if 2 <= len(body.text.split()) <= 25:
                out.append(("vision", body))
    if not any(k == "vision" for k, _ in out):
        m = UNQUOTED_VISION.search(text)
        if m and not re.search(r"\b(?:tersebut|itu|di\s+atas)\b", text[m.start():m.start("body")], re.IGNORECASE):
            body = Span(m.group("body"), sentence.start + m.start("body"), sentence.start + m.end("body"))
            said = re.search(r"[,.]?[”\"]\s*,?\s*\w*(?:nya)?\s*$", body.text)
            if said and re.search(r"[”\"]\s*,?\s*(?:kata|ujar|ucap|ungkap|tutur|jelas|tegas|tambah)\w*\s*$", body.text):
                body = Span(body.text[:said.start()], body.start, body.start + said.start())  # '… Makmur," ujarnya'
            body = tidy(body)
            stripped = re.match(r"akan\s+(?:membawa|mewujudkan\s+visi)\s+", body.text, re.IGNORECASE)
            if stripped:
                body = Span(body.text[stripped.end():], body.start + stripped.end(), body.end)
            # "memaparkan visi, misi, dan program unggulannya …": kind words listed, no vision stated
            listed = re.match(r"(?:dan\s+|serta\s+)?(?:misi|program|tujuan|sasaran)\b", body.text, re.IGNORECASE)
            if 2 <= len(body.text.split()) <= 25 and re.search(r"[A-Za-z]{3}", body.text) and not listed:
                out.append(("vision", body))
    m = WITH_MISSION.search(text)
    if m:
        body = tidy(Span(m.group("body"), sentence.start + m.start("body"), sentence.start + m.end("body")))
        if 2 <= len(body.text.split()) <= 25:
            out.append(("mission", body))
    return out


# -- inline lists ------------------------------------------------------------------------------

LIST_CUE = Gated(lazy.compile(
    r"(?:\b(?:yaitu|yakni|antara\s+lain|di\s?antaranya|meliputi)\b\s*[:,]?|\badalah\s*(?:sebagai\s+berikut\s*)?:|:"
    # "… berbagai manfaat bagi warga, seperti A, B dan C": examples of what a programme gives
    r"|\s*\bseperti\b|\bmulai\s+dari\b)\s*",
    re.IGNORECASE,
))
# "seperti" gives examples; they are promises only where the sentence promises or gives something
EXAMPLE_PROMISED = Gated(lazy.compile(r"\b(?:akan|janji\w*|menjanjikan|memberi(?:kan)?|menawarkan|menyiapkan|menyediakan)\b",
                              re.IGNORECASE))

# "Program ini menjanjikan …, seperti …": a programme referred back to, and what it gives
PROGRAMME_GIVES = lazy.compile(r"\s*(?:ini|itu|tersebut)\s+(?:\w+\s+){0,2}?(?:menjanjikan|memberikan|menawarkan|menyediakan)\b",
                             re.IGNORECASE)


def _cue_holds(before: str, cue: re.Match) -> bool:
    """"seperti" opens a list right after the kind word ("beberapa program paslon seperti A, B") or, after a comma,
    where the sentence promises something ("Program ini menjanjikan berbagai manfaat, seperti A, B")."""
    if not cue.group(0).strip().lower().startswith("seperti"):
        return True
    tail = before.split()[-4:]
    if not before.rstrip().endswith(",") and any(kind_of_match(m) not in (None, "vision", "activity") for m in KIND_PATTERN.finditer(" ".join(tail))):
        return True
    return before.rstrip().endswith(",") and bool(EXAMPLE_PROMISED.search(before))


# A kind word and then its count: "misinya ada lima, yakni …", "program enam berkah", "misi sebanyak 5".
KIND_THEN_COUNT = Gated(lazy.compile(
    r"\b(?:" + "|".join(w for w, _ in WORDS) + r")(?:nya)?(?:\s+[A-Za-z]+)?\s+(?:ada\s+|sebanyak\s+|berjumlah\s+)?"
    r"(?P<count>\d{1,2}|" + CARDINAL + r")\b(?!\s*(?:tahun|persen|%|juta|ribu|miliar))", re.IGNORECASE))
# "misi pertama yaitu …", "misi ke-5": a reference to one numbered item, not a list announcement
ITEM_REFERENCE = lazy.compile(r"\s*(?:tersebut|itu|ini|di\s+atas|ke-?\s*\d+|\d+\b|" + ORDINAL + "|" + CARDINAL + r")\b",
                            re.IGNORECASE)
FOCUS = Gated(lazy.compile(r"\bmisi(?:nya)?\b[^.]{0,40}?\b(?:difokuskan|diarahkan|berfokus|fokus|menitikberatkan)\s+"
                   r"(?:pada|ke|kepada|untuk)\s+(?P<body>[^.;]+)", re.IGNORECASE))
SPEECH_END = lazy.compile(r"[”\"]\s*(?:,|\.|$)|[”\"]\s+\w+nya\b")


@dataclass
class InlineList:
    kind: str
    count: int | None
    entries: list[Span]
    head: str | None = None  # the repeated head word(s) of the entries, if any


def find_inline_list(sentence: Span, following: list[Span], names: set[str] = frozenset()) -> tuple[InlineList | None, int]:
    """An announced list inside a sentence (or run on into the next ones).

    Returns the list and how many of ``following`` sentences it consumed.
    """
    text = sentence.text
    all_kinds = [(m, k) for m, k in ((m, kind_of_match(m)) for m in kind_words(text))
                 if k not in ("vision", "activity")]
    kinds = [(m, k) for m, k in all_kinds
             if not ITEM_REFERENCE.match(text[m.end():]) or PROGRAMME_GIVES.match(text[m.end():])]
    counted: dict[int, int | None] = {}
    vague: set[int] = set()
    if all_kinds:  # the counts only matter for a kind word (a sentence naming none is most of a document)
        counted_here = counted_kinds(text)
        counted = {m.start("kind"): count_value(re.sub(r"\s*\(.*\)", "", m.group("count"))) for m in counted_here}
        for m in KIND_THEN_COUNT.finditer(text):  # "misinya ada lima, yakni …", "program enam berkah"
            counted.setdefault(m.start(), count_value(m.group("count")))
        # "sejumlah program prioritas", "beberapa misi": announced without a number
        vague = {m.start("kind") for m in counted_here if count_value(m.group("count")) is None}
    for m, kind in kinds:
        after = text[m.end():]
        count = counted.get(m.start())
        ordinal = re.search(r"(?:^|[,:;]\s*)(pertama|kesatu)\b", after, re.IGNORECASE)
        cue = LIST_CUE.search(after)
        if cue and not _cue_holds(text[:m.end()] + after[:cue.start()], cue):
            cue = None
        lead = re.match(r"(?:nya)?\s*,\s*(?=[A-Z])", after)
        start = None
        if ordinal and (not cue or ordinal.start() <= cue.start() + 2) and len(after[:ordinal.start()].split()) <= 8:
            start = m.end() + ordinal.start(1)
            if count is None:
                cm = re.search(r"\b(" + COUNT + r")\s+hal\b", text, re.IGNORECASE)
                count = count_value(cm.group(1)) if cm else None
        elif cue and not re.search(r"[.;]", after[:cue.start()]) and (
                len(after[:cue.start()].split()) <= 5
                # "Program ini menjanjikan berbagai manfaat bagi warga, seperti A, B …": what the programme promises
                or len(after[:cue.start()].split()) <= 12 and EXAMPLE_PROMISED.search(after[:cue.start()])):
            start = m.end() + cue.end()
        elif lead and m.start() <= 12:
            start = m.end() + lead.end()
        elif count and count >= 3:
            # "dalam 10 program dijelaskan Darto, A, B, C": a counted list after a short attribution
            comma = re.match(r"[^,.;:]{0,40}?,\s*", after)
            # "… empat prioritas, dibagi menjadi 25 kegiatan": how the set breaks down, not its entries
            breakdown = comma and re.match(r"(?:yang\s+)?(?:terbagi|dibagi|terdiri|dijabarkan|diturunkan|dirinci)\b",
                                           after[comma.end():], re.IGNORECASE)
            if comma and len(after[:comma.end()].split()) <= 4 and not breakdown:
                start = m.end() + comma.end()
        if start is None:
            continue
        body_text = text[start:]
        speech = SPEECH_END.search(body_text)
        if speech:
            body_text = body_text[:speech.start()]
        consumed = 0
        if ordinal:
            # ordinal lists run on over sentences that start with the next ordinal
            for nxt in following:
                if re.match(r"(?:dan\s+)?(?:" + ORDINAL + "|" + LAST + r")\b", nxt.text, re.IGNORECASE):
                    gap = nxt.start - (sentence.start + start + len(body_text))
                    body_text = body_text + " " * max(gap, 1) + nxt.text
                    consumed += 1
                else:
                    break
        if not body_text.strip():
            continue
        entries = _inline_numbered(body_text, sentence.start + start)
        if entries:
            # "… sebagai berikut: 1. A. 2. B. 3. C.": numbered entries run on over the sentences after the first
            for nxt in following[consumed:]:
                if not re.match(rf"\(?{len(entries) + 1}[.)]\s", nxt.text):
                    break
                gap = nxt.start - (sentence.start + start + len(body_text))
                body_text = body_text + " " * max(gap, 1) + nxt.text
                consumed += 1
                entries = _inline_numbered(body_text, sentence.start + start)
        numbered = entries is not None and count is not None
        if entries is None:
            entries = split_entries(body_text, sentence.start + start, count)
        entries = _valid(_drop_head(entries, m.group(0)), names)
        if count and count >= 3 and len(entries) < count and not numbered and consumed < len(following):
            # "misinya ada lima, yakni A serta B. C, D, E dan F.": the count runs on into the next sentence,
            # which holds the rest; what this sentence holds is the first
            nxt = following[consumed]
            rest = _valid(split_entries(nxt.text, nxt.start, count - 1), names)
            first = tidy(Span(body_text, sentence.start + start, sentence.start + start + len(body_text)))
            if len(rest) == count - 1 and first.text and all(len(e.text.split()) <= 30 for e in rest):
                return InlineList(kind, count, [first, *rest]), consumed + 1
        # a counted, numbered list may be cut short by the end of an excerpt: one entry is still a list; numbers
        # mark the entries' bounds, so a numbered entry may be long
        longest = 60 if numbered else 30
        if (len(entries) >= 2 or numbered and entries) and all(len(e.text.split()) <= longest for e in entries):
            return InlineList(kind, count, entries, repeated_head(body_text)), consumed
    for m, kind in all_kinds:  # "program enam berkah" reads as "misi dua" does, until the next sentence counts it
        count = counted.get(m.start())
        if (count or m.start() in vague) and following:
            # "… 11 program unggulan …. Targetnya yaitu a, b, c": the list is in the next sentence
            nxt = following[0]
            cue2 = LIST_CUE.search(nxt.text)
            if cue2 and len(nxt.text[:cue2.start()].split()) <= 3:
                entries = split_entries(nxt.text[cue2.end():], nxt.start + cue2.end(), count)
                entries = _valid(_drop_head(entries, m.group(0)), names)
                if len(entries) >= 2:
                    more = _added_entries(following[1:], kind, count - len(entries)) if count else []
                    return InlineList(kind, count, entries + more), 1 + len(more)
            elif count and count >= 3:
                # "Ada program enam berkah. Berkah Desa, Berkah Sosial, …": the next sentence is as many short
                # names as were announced, with nothing else in it
                entries = _valid(split_entries(nxt.text, nxt.start, count), names)
                if count - 1 <= len(entries) <= count + 1 and all(len(e.text.split()) <= 6 for e in entries):
                    return InlineList(kind, count, entries), 1
    focus = FOCUS.search(text)
    if focus:
        body = tidy(Span(focus.group("body"), sentence.start + focus.start("body"), sentence.start + focus.end("body")))
        if 2 <= len(body.text.split()) <= 25:
            return InlineList("mission", 1, [body]), 0
    return None, 0


# "Tak ketinggalan, misi untuk menjaga hutan adat.", "Selain itu, ada program bedah rumah.": one more entry of a counted
# list, in a sentence of its own that names the kind again
ADDED_ENTRY = lazy.compile(r"(?:tak\s+ketinggalan|tidak\s+ketinggalan|selain\s+itu|kemudian|lalu|berikutnya|"
                         r"selanjutnya|terakhir|dan\s+terakhir)\s*,?\s*(?:ada\s+(?:juga\s+)?|juga\s+)?"
                         r"(?P<kind>" + KIND_PATTERN.pattern + r")(?:\s+(?:untuk|yaitu|yakni|adalah|ialah))?\s*,?\s+",
                         re.IGNORECASE)


def _added_entries(following: list[Span], kind: str, missing: int) -> list[Span]:
    """Entries of a counted list that sentences after it add one at a time, up to the count."""
    out: list[Span] = []
    for nxt in following:
        if len(out) >= missing:
            break
        m = ADDED_ENTRY.match(nxt.text)
        sub = KIND_PATTERN.match(m.group("kind")) if m else None
        if not sub or kind_of_match(sub) != kind:
            break
        body = tidy(Span(nxt.text[m.end():], nxt.start + m.end(), nxt.end))
        if not body.text or len(body.text.split()) > 30:
            break
        out.append(body)
    return out


def _inline_numbered(text: str, offset: int) -> list[Span] | None:
    """"yakni: 1. Mempercepat … 2. Meningkatkan …": numbered entries run into one paragraph."""
    marks = [m for m in INLINE_NUMBER.finditer(text)]
    seq = []
    stop = len(text)
    for m in marks:
        if int(m.group(1)) == 1 and len(seq) >= 2:
            # "… 8. Meningkatkan … Sasaran dari misi yang ditetapkan : 1. …": a new list, announced by a kind word
            # and a colon, starts inside the last entry; the last entry ends where its announcement starts
            head = re.search(r"(?P<kind>" + KIND_PATTERN.pattern + r")[^:.;]{0,60}:\s*$", text[seq[-1].end():m.start()],
                             re.IGNORECASE)
            if head:
                stop = seq[-1].end() + head.start()
                break
        if int(m.group(1)) == len(seq) + 1:
            seq.append(m)
    if not seq or seq[0].start() > 3:
        return None
    out = []
    for i, m in enumerate(seq):
        end = seq[i + 1].start() if i + 1 < len(seq) else stop
        piece = Span(text[m.end():end], offset + m.end(), offset + end, m.group(1))
        out.append(run_in_title(piece))
    return [e for e in (tidy(p) for p in out) if e.text]


def run_in_title(piece: Span) -> Span:
    """"Mewujudkan tata kelola yang bersih Keberhasilan reformasi birokrasi ditentukan …":
    a title run into its explanation is cut where the explanation's first sentence starts — a
    capitalised word after a lower-case content word, followed by a lower-case clause."""
    first = sentences(piece.text)[0].text if piece.text.strip() else piece.text
    words = list(re.finditer(r"\S+", first))
    for k in range(3, len(words) - 5):
        prev, word = words[k - 1].group(0), words[k].group(0)
        after = [w.group(0) for w in words[k + 1:k + 4]]
        if prev.isalpha() and prev.islower() and prev not in CONNECTIVES and word[:1].isupper() \
                and word[1:].islower() and all(w[:1].islower() for w in after):
            end = words[k - 1].end()
            return Span(first[:end], piece.start, piece.start + end, piece.label)
    return Span(first, piece.start, piece.start + len(first), piece.label)


CONNECTIVES = {"dan", "serta", "atau", "yang", "di", "ke", "dari", "untuk", "bagi", "dengan", "dalam", "pada",
               "melalui", "oleh", "antara", "terhadap", "sebagai", "menuju", "secara"}


def _valid(entries: list[Span], names: set[str]) -> list[Span]:
    """Entries that can be promises: not a clause tail ("yang …"), not a person's name."""
    out = []
    lowered = {n.lower() for n in names}
    for e in entries:
        low = e.text.lower()
        if re.match(r"(?:yang|bahwa|karena|sehingga|agar)\b", low):
            return []  # a relative clause among the "entries": this is prose, not a list
        if low in lowered or re.fullmatch(r"(?:dan\s+)?(?:lain[\s-]+lain(?:nya)?|lain\s+sebagainya|sebagainya|dll\.?)", low):
            continue  # "… dan lain sebagainya" closes a list of examples; it is not one
        out.append(e)
    return out


def _drop_head(entries: list[Span], cue_word: str) -> list[Span]:
    """"program perumahan, pertanian, …": the shared head word goes."""
    word = re.sub(r"(?:nya|-\w+)$", "", cue_word.split()[0].lower())
    if entries:
        m = re.match(re.escape(word) + r"\s+", entries[0].text, re.IGNORECASE)
        if m and len(entries[0].text.split()) <= 4:
            e = entries[0]
            entries[0] = Span(e.text[m.end():], e.start + m.end(), e.end, e.label)
    return entries
