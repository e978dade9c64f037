"""The prose stage: commitments and claims said in running text, with who said them.

Debates, interviews, news comparisons and op-eds carry promises outside any
list: "Kami akan pertemukan antara penjual dan pembeli …" (a `commitment`),
and incumbents answer with what they did: "Indeks SPBE sudah kategori sangat
tinggi" (a `claim`). This stage reads the parts of ``doc.text`` that the
structure stage did not take as listed items, sentence by sentence and quote
by quote, keeps track of who is speaking ("Cawali nomor urut 1, Gus Harun
menjawab …", then "… tambahnya.", "pihaknya", "ia", "Paslon ini"), and appends
one top-level item per promise or claim, in document order.

Only candidates (or, in a statement, its author) speak promises: the
journalist's background, the moderator's and the panel's questions and
officials' remarks are passed over. Plans (RPJMD …) are lists and
explanations, so they yield no prose items.

Example (the stages before it give the pairs and where they are named):

    >>> from janji.pipeline import Pipeline, analyze
    >>> doc = analyze(
    ...     "Debat Pilwali: paslon nomor urut 1 Budi Santoso-Ani Lestari dan nomor urut 2 Dedi Kurnia-Eka Putri.\\n"
    ...     "Cawali nomor urut 1, Pak Santoso menjawab pihaknya berencana membuat aplikasi layanan publik.\\n"
    ...     "“Kami akan pertemukan penjual dan pembeli dalam satu aplikasi,” tambahnya.",
    ...     name="debat.txt", pipeline=Pipeline(disable=["quantities", "classify"]))
    >>> [(i.kind, i.speaker, i.candidate) for i in doc.items]
    [('commitment', 'Pak Santoso', 'Budi Santoso'), ('commitment', 'Pak Santoso', 'Budi Santoso')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from janji.document import PROSE_KINDS, Document, Item, Mention
from janji.prose import cues
from janji.prose.sentences import Unit, split_units
from janji.prose.speakers import (
    FIRST_PERSON, OTHER_ROLE, OTHER_SUBJECT, OTHER_TITLE, PLURAL, PRONOUN, ANAPHORIC_EPITHET, find_author, incumbent,
    speaker_name,
)
from janji.stage import stage

__all__ = ["prose", "find_prose"]

OTHER = -1  # someone who is not a candidate is speaking
MIN_WORDS = 4  # shorter clauses are fragments ("Ini harga mati"), not promises
# A speech verb right after the speaker's name: "Gus Harun menjawab (bahwa) …".
SPEECH_VERBS = re.compile(
    r"^\W*(?:juga\s+|pun\s+|kembali\s+)*(?:menjawab|mengatakan|menjelaskan|melanjutkan|menyampaikan|memaparkan|"
    r"menuturkan|menegaskan|mengungkapkan|menambahkan|menyebut(?:kan)?|menerangkan|meyakini|mengaku|menyatakan|"
    r"membeberkan|berharap|mengklaim|memastikan|menyebutkan|menuturkan|mengutarakan)\b\s*(?:,\s*)?(?:bahwa\b|jika\b|kalau\b)?[\s,:]*",
    re.IGNORECASE,
)
CLAUSE_SPLIT = re.compile(
    r"(?:,\s*|\s+)(?:dan|serta|namun|tetapi|sedangkan)\s+(?=(?:pihaknya|ia|dia|beliau|mereka|kami|kita|saya)\b)|;\s*",
    re.IGNORECASE,
)
# "Sang petahana" alone (not "calon petahana Sulastri", which names her).
INCUMBENT_REF = re.compile(r"\b(?i:sang|calon|paslon|pasangan|kandidat)\s+(?i:petahana)\b(?!\s+[A-Z])")
# Words that put an achievement report in the incumbent's mouth ("capaian kinerja bupati").
INCUMBENCY = re.compile(
    r"\b(?:capaian|kinerja|petahana|selama\s+(?:memimpin|menjabat)|masa\s+jabatan|periode\s+(?:pertama|sebelumnya)|"
    r"di\s+bawah\s+kepemimpinan)",
    re.IGNORECASE,
)
STRONG_CLAIM = re.compile(r"\b(?:capaian|berhasil|meraih|mencapai|predikat|penghargaan)\b", re.IGNORECASE)
# An active verb: with "kami"/"saya", a speaker saying what they do.
ACTION = re.compile(r"\b(?:me|mem|men|meng|meny)[a-z]{3,}\b", re.IGNORECASE)
# A reporting frame with a pronoun or epithet subject: "Mantan Kapolda itu menambahkan, …".
FRAME = re.compile(
    r"^[^,.;]{0,70}?\b(?:mengatakan|menjelaskan|menambahkan|menuturkan|menegaskan|mengungkapkan|menyampaikan|"
    r"menerangkan|menyebut(?:kan)?|menyatakan|mengklaim|memaparkan|menjawab|melanjutkan)\b\s*(?:,\s*|:\s*)?"
    r"(?:bahwa\b|jika\b|kalau\b)?\s*",
    re.IGNORECASE,
)
FIRST_PERSON_START = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:kami|saya)\s+(?:\w+\s+)?(?:akan|siap|berjanji|berkomitmen|"
                                r"bertekad|ingin|telah|sudah|berhasil|mem|men|meng|me)", re.IGNORECASE)
FIRST_PERSON_NARRATION = re.compile(r"(?:^|[.!?]\s+)[^“\"\n]{0,80}\b(?:kami|saya)\b", re.MULTILINE | re.IGNORECASE)
PROGRAMME_INTRO = re.compile(r"\b(?:program|progam|gagasan|janji|rencana|langkah|strategi|terobosan)\w*", re.IGNORECASE)


@dataclass
class _Speaker:
    cand: int | None  # index into doc.candidates, OTHER, or None (nobody known)
    name: str | None


@stage(requires=["text", "sentences", "kind", "candidates", "mentions", "items"],
       assigns=["items", "items.speaker", "items.candidate"])
def prose(doc: Document) -> None:
    """Append the document's prose commitments and claims to ``doc.items`` (the pipeline stage)."""
    if doc.kind == "plan" or not (doc.text or "").strip():
        return
    found = find_prose(doc)
    # Re-running the stage must not duplicate items.
    kept = [i for i in doc.items if i.kind not in PROSE_KINDS]
    doc.items[:] = _document_order(kept, found)


def _document_order(listed: list[Item], found: list[Item]) -> list[Item]:
    """Insert prose items among the listed ones by span start; items without a span keep their place."""
    out: list[Item] = []
    pending = list(found)
    for item in listed:
        if item.span is not None:
            while pending and pending[0].span[0] < item.span[0]:
                out.append(pending.pop(0))
        out.append(item)
    return out + pending


def _listed_spans(doc: Document) -> list[tuple[int, int]]:
    """Where the listed items sit; an item without a span is looked up by its text."""
    spans = []
    for item in doc.walk():
        if item.kind in PROSE_KINDS:
            continue
        if item.span is not None:
            spans.append(tuple(item.span))
        elif item.text and len(item.text) >= 12:
            m = re.search(r"\s+".join(re.escape(w) for w in item.text.split()), doc.text)
            if m:
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _clean(doc: Document, a: int, b: int) -> tuple[int, int]:
    text = doc.text
    while a < b and (text[a].isspace() or text[a] in ",;:.–—-\"“”')"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:.–—-\"“”'"):
        b -= 1
    return a, b


def find_prose(doc: Document) -> list[Item]:
    """The commitments and claims of one document, in order (does not modify ``doc.items``)."""
    text = doc.text
    mentions = list(doc.mentions)
    several = len(doc.candidates) > 1
    listed = _listed_spans(doc)
    listed_starts = [s[0] for s in listed]
    longest = max((e - s for s, e in listed), default=0)
    statement = doc.kind == "statement"
    debate = doc.kind == "debate"
    author = find_author(doc) if statement else None
    if not statement and not doc.kind_forced and doc.kind in (None, "campaign") and not doc.candidates:
        # An official writing in the first person under a byline is a statement, whatever the
        # kind detection guessed ("Oleh: …, Pj Bupati Tegal" … "kami telah menuntaskan …").
        author = find_author(doc)
        statement = bool(author and FIRST_PERSON_NARRATION.search(doc.text))
    sitting = incumbent(doc, mentions)
    if sitting is not None:
        # "Sang petahana berjanji …" names the one incumbent pair.
        taken = {(m.start, m.end) for m in mentions}
        for m in INCUMBENT_REF.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                mentions.append(Mention(m.start(), m.end(), sitting, ""))
        mentions.sort(key=lambda m: m.start)
    current = _Speaker(None, None)
    listing = False  # a speaker has just introduced a run of programmes (debates)
    items: list[Item] = []
    last_unit_item: tuple[int, Item] | None = None  # (line, item) of the previous unit's item
    quote_speakers: dict[int, _Speaker] = {}

    mentions_in = _index(mentions)

    def named(m: Mention) -> _Speaker:
        return _Speaker(m.candidate, speaker_name(doc, m))

    units = list(split_units(text))
    for index, unit in enumerate(units):
        made: list[Item] = []
        if unit.kind == "heading":
            inside = mentions_in(unit.start, unit.end)
            current = named(inside[-1]) if inside else _Speaker(None, None)
            listing = False
            last_unit_item = None
            continue

        # --- who speaks this unit -------------------------------------------------------------
        content_start = unit.start
        explicit = anonymous = False
        if unit.quoted:
            if unit.quote_id not in quote_speakers:
                quote_speakers[unit.quote_id] = _quote_speaker(doc, unit, current, mentions_in)
            speaker = quote_speakers[unit.quote_id]
            current = speaker
            explicit = True
        else:
            body = unit.text
            inside = mentions_in(unit.start, unit.end)
            if cues.QUESTION.search(body):
                # "Saat mendapat pertanyaan soal X, Santoso menekankan …": the answer follows the comma.
                cut = [m for m in inside if text.rfind(",", unit.start, m.start) > 0]
                q_end = cues.QUESTION.search(body).end() + unit.start
                after = [m for m in cut if m.start > q_end]
                if after:
                    current = named(after[-1])
                    content_start = after[-1].end
                    explicit = True
                else:
                    if inside:
                        current = named(inside[-1])
                    last_unit_item = None
                    continue
            elif PLURAL.search(body) and not inside:
                current = _Speaker(None, None)
                listing = False
                last_unit_item = None
                continue
            elif _joint_subject(doc, inside):
                current = _Speaker(None, None)  # "Budi dan Rina sama-sama berjanji …": nobody in particular
                listing = False
                last_unit_item = None
                continue
            elif inside:
                # The speaker is the last pair named before the promise starts.
                first_cue = cues.first_cue(body)
                before_cue = [m for m in inside if first_cue is None or m.end <= unit.start + first_cue]
                head = before_cue[-1] if before_cue else inside[-1]
                current = named(head)
                if text[head.end:unit.end].strip() and _words(text[head.end:unit.end]) >= MIN_WORDS:
                    content_start = head.end
                explicit = True
            elif _other_speaker(body):
                current = _Speaker(OTHER, None)
                listing = False
            elif statement and author:
                current = _Speaker(None, author)
            elif PRONOUN.search(body):
                explicit = True
            elif len(doc.candidates) == 1 and FIRST_PERSON_START.match(body):
                # In a document about one pair, "Kami akan …" outside quotes is that pair's own voice
                # (their programme document, a letter to voters).
                only = doc.candidates[0]
                current = _Speaker(0, only.aliases[0] if only.aliases else only.head)
                explicit = True
            elif not statement and not (debate and listing and (
                    cues.CONTINUATION.match(body) or cues.PROGRAMME_WORD.match(body))):
                # Narration naming nobody is the journalist's: no promise without a speaker in it.
                anonymous = True
            speaker = _Speaker(None, None) if anonymous else current

        # --- is any of it a promise ------------------------------------------------------------
        a, b = _clean(doc, content_start, unit.end)
        if content_start != unit.start:
            m = SPEECH_VERBS.match(text[a:b])
            if m:
                a, b = _clean(doc, a + m.end(), b)
        elif not unit.quoted:
            # "Mantan Kapolda itu menambahkan, pihaknya …", "Ia menjelaskan bahwa …": the frame is no promise.
            m = FRAME.match(text[a:b])
            if m and cues.first_cue(m.group(0)) is None and _words(text[a + m.end():b]) >= MIN_WORDS:
                a, b = _clean(doc, a + m.end(), b)
        # Parts the structure stage listed (a visi stated in the sentence) are not prose; what follows
        # them in the same sentence may be ("… visi X dengan meningkatkan …").
        overlap = [s for s in listed[bisect_left(listed_starts, a - longest):bisect_left(listed_starts, b)]
                   if s[1] > a]
        means_only = False
        if overlap:
            a, b = _clean(doc, max(a, max(s[1] for s in overlap)), b)
            means_only = True
            if b <= a:
                last_unit_item = None
                continue
        if speaker.cand == OTHER or (speaker.cand is None and speaker.name is None and not statement):
            # Nobody we know: only an achievement report of the one incumbent is attributable.
            context = unit.text + (" " + units[index - 1].text if index else "")
            if sitting is not None and speaker.cand is None and not unit.quoted and \
                    STRONG_CLAIM.search(text[a:b]) and INCUMBENCY.search(context) and \
                    cues.cue(text[a:b]) == "claim" and not cues.not_a_promise(text[a:b]):
                made.append(_item(doc, "claim", a, b, _Speaker(sitting, doc.candidates[sitting].head), several))
            items.extend(made)
            last_unit_item = (unit.line_id, made[-1]) if made else None
            listing = False  # the journalist or someone else has the word: a candidate's run has ended
            continue

        for ca, cb in _clauses(doc, a, b):
            whole = text[ca:cb]  # before the scene is cut: "Di antaranya, …" still continues a run
            lead = cues.LEADING_ADVERBIAL.match(whole)
            if lead and cues.first_cue(lead.group()) is None and _words(text[ca + lead.end():cb]) >= MIN_WORDS:
                ca += lead.end()  # "Dalam debat itu, ia berjanji …": the scene is not part of the promise
            clause = text[ca:cb]
            if _words(clause) < MIN_WORDS:
                continue
            if means_only:
                kind = "commitment" if cues.MEANS.match(clause) else None
            elif cues.not_a_promise(clause):
                kind = None
            else:
                kind = cues.cue(clause)
                if kind is None and debate and unit.quoted and speaker.cand is not None and speaker.cand >= 0 and (
                        cues.CONTINUATION.match(clause) or cues.PROGRAMME_WORD.match(clause)
                        or (FIRST_PERSON.search(clause) and ACTION.search(clause))):
                    kind = "commitment"  # in a debate, a programme a candidate states in quotes is their offer
                if kind is None and debate and listing and not explicit and (
                        cues.CONTINUATION.match(whole) or cues.PROGRAMME_WORD.match(clause)):
                    kind = "commitment"  # the next entry of a programme the speaker is listing
            if kind is None:
                continue
            ca2 = ca
            lead = cues.LEADING_CONNECTIVE.match(clause)
            if lead and _words(clause[lead.end():]) >= MIN_WORDS:
                ca2 = ca + lead.end()
            made.append(_item(doc, kind, ca2, cb, speaker, several))

        if not made and last_unit_item and last_unit_item[0] == unit.line_id and not explicit and \
                cues.ELABORATION.match(unit.text) and not cues.cue(unit.text):
            # "… sudah dilakukan. Mulai pemberdayaan masyarakat sampai bantuan tunai." is one claim.
            prev = last_unit_item[1]
            end = _clean(doc, unit.start, unit.end)[1]
            prev.span = (prev.span[0], end)
            prev.text = _flat(text[prev.span[0]:end])
            continue
        if made:
            items.extend(made)
            listing = debate and speaker.cand is not None and speaker.cand >= 0
            last_unit_item = (unit.line_id, made[-1])
        else:
            last_unit_item = None
            if debate and explicit and not unit.quoted and speaker.cand is not None and speaker.cand >= 0:
                # A candidate's sentence with no promise of its own opens a run if it announces programmes
                # ("… membeberkan program unggulannya.").
                listing = bool(PROGRAMME_INTRO.search(unit.text))
            elif explicit:
                listing = False
    return items


def _clauses(doc: Document, a: int, b: int) -> list[tuple[int, int]]:
    """Split a sentence where a new subject pronoun starts a clause ("…, dan pihaknya sudah …")."""
    out = []
    start = a
    for m in CLAUSE_SPLIT.finditer(doc.text, a, b):
        out.append(_clean(doc, start, m.start()))
        start = m.end()
    out.append(_clean(doc, start, b))
    return [(x, y) for x, y in out if y > x]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _item(doc: Document, kind: str, a: int, b: int, speaker: _Speaker, several: bool) -> Item:
    candidate = None
    if speaker.cand is not None and speaker.cand >= 0 and several:
        candidate = doc.candidates[speaker.cand].head
    return Item(kind=kind, text=_flat(doc.text[a:b]), span=(a, b), speaker=speaker.name, candidate=candidate)


def _joint_subject(doc: Document, inside: list[Mention]) -> bool:
    """Two different pairs named side by side ("Budi dan Rina", "Budi, Rina"): a joint subject."""
    for x, y in zip(inside, inside[1:]):
        if x.candidate != y.candidate and re.fullmatch(r"\s*(?:,|dan|serta|&|maupun)\s*", doc.text[x.end:y.start]):
            return True
    return False


def _other_speaker(body: str) -> bool:
    """A sentence whose subject is an official, the panel, the KPU … ("Ketua KPU …, Muhammad Saleh …")."""
    if ANAPHORIC_EPITHET.match(body):
        return False
    head = body[:80]
    subject = re.split(r"\b(?:me\w+|ber\w+|akan|telah|sudah|di\w+kan)\b", head, maxsplit=1)[0]
    return bool(OTHER_TITLE.search(subject) or OTHER_ROLE.search(subject) or OTHER_SUBJECT.match(body))


def _index(mentions: list[Mention]):
    """``within(a, b)``: the mentions inside [a, b), found by bisection (documents can be long)."""
    starts = [m.start for m in mentions]

    def within(a: int, b: int) -> list[Mention]:
        return [m for m in mentions[bisect_left(starts, a):bisect_left(starts, b)] if m.end <= b]
    return within


def _quote_speaker(doc: Document, unit: Unit, current: _Speaker, mentions_in) -> _Speaker:
    """Who said a quote: a pair named in the attribution ("kata Dewi Lestari"), an official
    ("kata Ketua DPRD …"), or the current speaker ("ujarnya", "kata dia")."""
    attribution = unit.attribution
    frame_lo = unit.frame_start
    frame_hi = frame_lo + 2000
    pos = doc.text.find(attribution, frame_lo, frame_hi) if attribution else -1
    if pos >= 0:
        named = mentions_in(pos, pos + len(attribution))
        title = OTHER_TITLE.search(attribution)
        if named and title and pos + title.start() < named[0].start:
            return _Speaker(OTHER, None)  # "kata Ketua Tim Pemenangan Budi-Agus, Slamet"
        if named:
            return _Speaker(named[-1].candidate, speaker_name(doc, named[-1]))
    if OTHER_TITLE.search(attribution) or OTHER_ROLE.search(attribution) or re.match(
            r"^\W*(?:kata|ujar|ungkap|tutur|jelas|imbuh|tambah|papar|tegas|sebut|terang)\s+(?!dia\b|ia\b|beliau\b)"
            r"[A-Z]", attribution):
        return _Speaker(OTHER, None)
    return current
