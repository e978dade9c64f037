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
from dataclasses import dataclass, field
from typing import Iterator

from janji.document import PROSE_KINDS, Document, Item, Mention
from janji.lang import lazy
from janji.learn.linear import ModelSlot
from janji.prose import cues
from janji.prose import features as prose_features
from janji.prose.sentences import Unit, split_units
from janji.prose.speakers import (
    FIRST_PERSON, OTHER_ROLE, OTHER_SUBJECT, OTHER_TITLE, PLURAL, PRONOUN, ANAPHORIC_EPITHET, find_author, incumbent,
    person_named, speaker_name,
)
from janji.stage import stage
from janji.lang.gate import Gated

__all__ = ["prose", "find_prose", "clauses", "clause_features", "Clause", "set_model"]

OTHER = -1  # someone who is not a candidate is speaking
MIN_WORDS = 4  # shorter clauses are fragments ("Ini harga mati"), not promises
# A speech verb right after the speaker's name: "Gus Harun menjawab (bahwa) …".
SPEECH_VERBS = Gated(lazy.compile(
    r"^\W*(?:juga\s+|pun\s+|kembali\s+)*(?:menjawab|mengatakan|menjelaskan|melanjutkan|menyampaikan|memaparkan|"
    r"menuturkan|menegaskan|mengungkapkan|menambahkan|menyebut(?:kan)?|menerangkan|meyakini|mengaku|menyatakan|"
    r"membeberkan|berharap|mengklaim|memastikan|menyebutkan|menuturkan|mengutarakan)\b\s*(?:,\s*)?(?:bahwa\b|jika\b|kalau\b)?[\s,:]*",
    re.IGNORECASE,
))
CLAUSE_SPLIT = lazy.compile(
    # "…, dan pihaknya akan …", "… mencapai 39 ribu dan tahun 2024 kita target 40 ribu": a new subject (after a
    # time that moves the sentence on) starts a clause of its own
    r"(?:,\s*|\s+)(?:dan|serta|namun|tetapi|sedangkan|sementara)\s+"
    r"(?=(?:(?:pada\s+)?(?:tahun\s+\d{4}|tahun\s+depan|ke\s+depan(?:nya)?|nantinya|selanjutnya)\s*,?\s+)?"
    r"(?:pihaknya|ia|dia|beliau|mereka|kami|kita|saya)\b)|;\s*"
    # "… mencapai 104,2 persen, Pemkab menargetkan …": a government as the new subject after a comma
    r"|,\s+(?=(?:pemprov|pemkab|pemkot|pemda|pemerintah(?:\s+(?:provinsi|kabupaten|kota|daerah))?)\s+\w)",
    re.IGNORECASE,
)
# "Sang petahana" alone (not "calon petahana Sulastri", which names her).
INCUMBENT_REF = Gated(lazy.compile(r"\b(?i:sang|calon|paslon|pasangan|kandidat)\s+(?i:petahana)\b(?!\s+[A-Z])"))
# Words that put an achievement report in the incumbent's mouth ("capaian kinerja bupati").
INCUMBENCY = Gated(lazy.compile(
    r"\b(?:capaian|kinerja|petahana|selama\s+(?:memimpin|menjabat)|masa\s+jabatan|periode\s+(?:pertama|sebelumnya)|"
    r"di\s+bawah\s+kepemimpinan)",
    re.IGNORECASE,
))
STRONG_CLAIM = Gated(lazy.compile(r"\b(?:capaian|berhasil|meraih|mencapai|predikat|penghargaan)\b", re.IGNORECASE))
# An active verb: with "kami"/"saya", a speaker saying what they do.
ACTION = lazy.compile(r"\b(?:me|mem|men|meng|meny)[a-z]{3,}\b", re.IGNORECASE)
# A reporting frame with a pronoun or epithet subject: "Mantan Kapolda itu menambahkan, …".
FRAME = Gated(lazy.compile(
    r"^[^,.;]{0,70}?\b(?:mengatakan|menjelaskan|menambahkan|menuturkan|menegaskan|mengungkapkan|menyampaikan|"
    r"menerangkan|menyebut(?:kan)?|menyatakan|mengklaim|memaparkan|menjawab|melanjutkan)\b\s*(?:,\s*|:\s*)?"
    r"(?:bahwa\b|jika\b|kalau\b)?\s*",
    re.IGNORECASE,
))
# "…, lanjut Darmawan, …", "Namun, kata Darmawan, …": a speaker named in passing inside the sentence.
SAID_BY = Gated(lazy.compile(r"(?:^|,)\s*(?:kata|ujar|lanjut|tambah|jelas|ungkap|tutur|papar|imbuh|sebut|terang)(?:nya)?\s+"
                     r"(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s*,"))
# "Hal tersebut diungkapkan (oleh) …": the speaker follows a passive speech verb.
PASSIVE_SAID = Gated(lazy.compile(r"\b(?:diungkapkan|disampaikan|dijelaskan|dikatakan|diutarakan|ditegaskan|dipaparkan|"
                          r"diterangkan)\s+(?:oleh\s+)?(?=[A-Z])"))
PRONOUN_SUBJECT = lazy.compile(r"^\W*(?:ia|dia|beliau|pihaknya|mereka|dirinya)\b", re.IGNORECASE)
# A pronoun subject with a speech verb opening a sentence: "Ia mengatakan, …", "Dia menjelaskan bahwa …".
PRONOUN_FRAME = Gated(lazy.compile(
    r"^\W*(?:ia|dia|beliau|pihaknya|mereka)\s+(?:juga\s+|pun\s+|kembali\s+)*(?:mengatakan|menjelaskan|menambahkan|"
    r"menuturkan|menegaskan|mengungkapkan|menyampaikan|menerangkan|menyebut(?:kan)?|menyatakan|memaparkan)\b",
    re.IGNORECASE))
FIRST_PERSON_START = Gated(lazy.compile(r"^\W*(?:\w+\s+){0,2}?(?:kami|saya)\s+(?:\w+\s+)?(?:akan|siap|berjanji|berkomitmen|"
                                r"bertekad|ingin|telah|sudah|berhasil|mem|men|meng|me)", re.IGNORECASE))
FIRST_PERSON_NARRATION = Gated(lazy.compile(r"(?:^|[.!?]\s+)[^“\"\n]{0,80}\b(?:kami|saya)\b", re.MULTILINE | re.IGNORECASE))
PROGRAMME_INTRO = Gated(lazy.compile(r"\b(?:program|progam|gagasan|janji|rencana|langkah|strategi|terobosan)\w*", re.IGNORECASE))


@dataclass
class _Speaker:
    cand: int | None  # index into doc.candidates, OTHER, or None (nobody known)
    name: str | None


@stage(requires=["text", "sentences", "kind", "region", "candidates", "mentions", "items"],
       assigns=["items", "items.speaker", "items.candidate"])
def prose(doc: Document) -> None:
    """Append the document's prose commitments and claims to ``doc.items`` (the pipeline stage)."""
    if not (doc.text or "").strip():
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


UNDECIDED = object()  # a clause's cue-word decision not asked for yet


@dataclass
class Clause:
    """A stretch of running text that may be a promise, with who says it and how the text frames it."""

    start: int
    end: int
    unit: Unit
    speaker: _Speaker
    role: str  # who speaks: candidate, author, other, nobody, several
    explicit: bool  # the unit itself names or points at its speaker (a name, a pronoun, a quote's attribution)
    means_only: bool  # what is left of a sentence after a listed item it states ("… visi X dengan membangun …")
    listing: bool  # the same candidate has just been stating programmes (debates)
    rule: str | None | object = field(default=UNDECIDED, repr=False, compare=False)  # what the cue words say (_rule)


def find_prose(doc: Document) -> list[Item]:
    """The commitments and claims of one document, in order (does not modify ``doc.items``).

    Every clause of running text is a candidate (:func:`clauses`); the learned model (or, where
    no model is installed, the cue words) says which are promises and claims.
    """
    several = len(doc.candidates) > 1
    items: list[Item] = []
    last: tuple[int, Item] | None = None  # (line, item) of the last item, while the units since made it
    unit, made = None, False
    found = list(clauses(doc))
    for clause, kind in zip(found, decide_all(doc, found)):
        if clause.unit is not unit:
            if unit is not None and not made:
                last = None
            unit, made, first = clause.unit, False, True
        if kind is None:
            if first and last and last[0] == unit.line_id and not clause.explicit \
                    and cues.ELABORATION.match(unit.text) and not cues.cue(unit.text):
                # "… sudah dilakukan. Mulai pemberdayaan masyarakat sampai bantuan tunai." is one claim.
                prev = last[1]
                end = _clean(doc, unit.start, unit.end)[1]
                prev.span = (prev.span[0], end)
                prev.text = _flat(doc.text[prev.span[0]:end])
                made = True
            first = False
            continue
        first = False
        a = clause.start
        lead = cues.LEADING_CONNECTIVE.match(doc.text[a:clause.end])
        if lead and _words(doc.text[a + lead.end():clause.end]) >= MIN_WORDS:
            a += lead.end()
        speaker = clause.speaker
        if clause.role in ("nobody", "other") and kind == "claim" and _incumbent_claim(doc, clause):
            sitting = incumbent(doc, doc.mentions)
            speaker = _Speaker(sitting, doc.candidates[sitting].head)
        item = _item(doc, kind, a, clause.end, speaker, several)
        items.append(item)
        last, made = (unit.line_id, item), True
    return items


def decide(doc: Document, clause: Clause) -> str | None:
    """"commitment", "claim" or None for one clause: the learned model's answer, else the cue words'."""
    model = _model()
    if model is None:
        return _rule(doc, clause)
    kind, _ = model.predict(clause_features(doc, clause))
    return None if kind == "none" else kind


def decide_all(doc: Document, found: list[Clause]) -> list[str | None]:
    """:func:`decide` for each clause of a document, the model scoring them together."""
    model = _model()
    if model is None:
        return [_rule(doc, clause) for clause in found]
    return [None if kind == "none" else kind
            for kind, _ in model.predict_many([clause_features(doc, clause) for clause in found])]


_SLOT = ModelSlot("prose")  # the packaged prose model, or one set for training and tests
# Use ``model`` (a :class:`~janji.learn.linear.LinearModel`, or False for the cue words alone) instead of the
# packaged model; ``None`` goes back to the packaged one.
set_model = _SLOT.set
_model = _SLOT.get


def clause_features(doc: Document, clause: Clause) -> dict[str, float]:
    text = doc.text[clause.start:clause.end]
    rule = _rule(doc, clause) or "none"
    return prose_features.features(text, doc.kind, clause.role, rule=rule, quoted=clause.unit.quoted, explicit=clause.explicit,
                    means_only=clause.means_only, listing=clause.listing, first_in_line=clause.unit.first_in_line)


def _rule(doc: Document, clause: Clause) -> str | None:
    """:func:`_rule_decision`, worked out once per clause (the frame and the model's features both ask)."""
    if clause.rule is UNDECIDED:
        clause.rule = _rule_decision(doc, clause)
    return clause.rule


def _rule_decision(doc: Document, clause: Clause) -> str | None:
    """What the cue words say of a clause in its frame (the decision before the model, and one of its inputs)."""
    text = doc.text
    clause_text = text[clause.start:clause.end]
    if clause.role in ("other", "nobody", "several"):
        return "claim" if clause.role == "nobody" and _incumbent_claim(doc, clause) else None
    if clause.means_only:
        return "commitment" if cues.MEANS.match(clause_text) else None
    if cues.not_a_promise(clause_text):
        return None
    kind = cues.cue(clause_text)
    debate, speaker = doc.kind == "debate", clause.speaker
    if kind is None and debate and clause.unit.quoted and speaker.cand is not None and speaker.cand >= 0 and (
            cues.CONTINUATION.match(clause_text) or cues.PROGRAMME_WORD.match(clause_text)
            or (FIRST_PERSON.search(clause_text) and ACTION.search(clause_text))):
        kind = "commitment"  # in a debate, a programme a candidate states in quotes is their offer
    if kind is None and debate and clause.listing and not clause.explicit and (
            cues.CONTINUATION.match(clause_text) or cues.PROGRAMME_WORD.match(clause_text)):
        kind = "commitment"  # the next entry of a programme the speaker is listing
    return kind


def _incumbent_claim(doc: Document, clause: Clause) -> bool:
    """An achievement report naming nobody in a document about one incumbent: the incumbent's claim."""
    sitting = incumbent(doc, doc.mentions)
    if sitting is None or clause.role != "nobody" or clause.unit.quoted:
        return False
    clause_text = doc.text[clause.start:clause.end]
    units_before = doc.text[max(0, clause.unit.start - 300):clause.unit.end]
    return bool(STRONG_CLAIM.search(clause_text) and INCUMBENCY.search(units_before)
                and cues.cue(clause_text) == "claim" and not cues.not_a_promise(clause_text))


def clauses(doc: Document) -> Iterator[Clause]:
    """Every clause of the document's running text that could be a promise, with its speaker and frame.

    Headings, list lines and furniture are left out (:func:`split_units`), and so are questions and the
    parts of a sentence the structure stage listed; everything else is yielded, whoever speaks.
    """
    text = doc.text
    mentions = list(doc.mentions)
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
    listing = False  # a candidate has just been stating programmes (debates)
    quote_speakers: dict[int, _Speaker] = {}
    mentions_in = _index(mentions)
    places = frozenset(w.lower() for w in re.findall(r"\w+", doc.region.name)) if doc.region else frozenset()
    people: list[str] = []  # full names of the other people the text has named, to complete a short one

    def other(text_: str, spoken: bool = False) -> _Speaker:
        name = person_named(text_, places, spoken)
        if name is None:  # "Darto menjelaskan …" after "Asisten …, Darto Wibisono": a person named before
            first = re.match(r"\W*(?:kata|ujar|lanjut|menurut)?\s*([A-Z][a-z]{2,})\b", text_)
            if first and any(first.group(1) in p.split() for p in people):
                name = first.group(1)
        if name and " " not in name:
            name = next((p for p in reversed(people) if name in p.split()), name)  # "kata Rahma" after "Siti Rahma"
        elif name:
            people.append(name)
        return _Speaker(OTHER, name)

    def named(m: Mention) -> _Speaker:
        return _Speaker(m.candidate, _reported_name(doc.candidates[m.candidate], speaker_name(doc, m)))

    for unit in split_units(text):
        if unit.kind == "heading":
            inside = mentions_in(unit.start, unit.end)
            current = named(inside[-1]) if inside else _Speaker(None, None)
            listing = False
            continue

        # --- who speaks this unit -------------------------------------------------------------
        content_start = unit.start
        explicit = False
        role = "candidate"
        if unit.quoted:
            if unit.quote_id not in quote_speakers:
                quote_speakers[unit.quote_id] = _quote_speaker(doc, unit, current, mentions_in, other)
            speaker = quote_speakers[unit.quote_id]
            current = speaker
            explicit = True
        else:
            body = unit.text
            inside = mentions_in(unit.start, unit.end)
            question = cues.QUESTION.search(body)
            said_by = SAID_BY.search(body[:100])
            passive = PASSIVE_SAID.search(body)
            if question:
                # "Saat mendapat pertanyaan soal X, Santoso menekankan …": the answer follows the comma.
                cut = [m for m in inside if text.rfind(",", unit.start, m.start) > 0]
                after = [m for m in cut if m.start > question.end() + unit.start]
                if not after:
                    if inside:
                        current = named(inside[-1])
                    continue
                current = named(after[-1])
                content_start = after[-1].end
                explicit = True
            elif PLURAL.search(body) and not inside or _joint_subject(doc, inside):
                # "Kedua paslon berjanji …", "Budi dan Rina sama-sama berjanji …": nobody in particular
                current = _Speaker(None, None)
                listing = False
                role = "several"
            elif said_by and not mentions_in(unit.start + said_by.start("who"), unit.start + said_by.end("who")):
                # "Sementara itu, lanjut Darmawan, program …": the one the sentence quotes in passing speaks
                current = other(said_by.group("who"), spoken=True)
                listing = False
            elif passive and not mentions_in(unit.start + passive.end(), unit.start + min(len(body), passive.end() + 200)):
                # "Hal tersebut diungkapkan Kepala Dinas …, Darmawan": the official named after the verb speaks
                current = other(body[passive.end():passive.end() + 200])
                listing = False
            elif inside and _other_speaker(body) and OTHER_SUBJECT.match(body) and \
                    inside[0].start >= unit.start + OTHER_SUBJECT.match(body).end():
                # "Ahmad menjelaskan, program Bupati sudah berjalan": the official speaks of the pair
                current = other(_subject(body), spoken=True)
                listing = False
            elif inside and PRONOUN_FRAME.match(body) and all(m.start >= unit.start + PRONOUN_FRAME.match(body).end()
                                                                for m in inside):
                # "Ia mengatakan, program Bupati sudah terlaksana": the pronoun speaks, the pair named later is
                # what the sentence is about
                explicit = True
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
                current = other(_subject(body), spoken=bool(OTHER_SUBJECT.match(body)))
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
                role = "nobody"  # narration naming nobody: the journalist's, or an agentless report
            if role == "several":
                speaker = _Speaker(None, None)
            elif role == "nobody":
                # narration naming nobody: told of whoever the text is about — the speaker just named, else the
                # document's one pair (its subject is left out, as Indonesian news leaves it out)
                if current.name is None and len(doc.candidates) == 1:
                    only = doc.candidates[0]
                    speaker = _Speaker(0, only.aliases[0] if only.aliases else only.head)
                else:
                    speaker = current
            else:
                speaker = current
        if role == "candidate":
            if speaker.cand == OTHER:
                role = "other"
            elif speaker.cand is None and speaker.name is None:
                role = "nobody"
            elif speaker.cand is None:
                role = "author"
        if role == "nobody" and statement:
            role = "author"  # an unsigned statement speaks for its writer

        # --- the text that may be a promise ---------------------------------------------------
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
        means_only = bool(overlap)
        if overlap:
            a, b = _clean(doc, max(a, max(s[1] for s in overlap)), b)
            if b <= a:
                continue
        stated = False
        for ca, cb in _clauses(doc, a, b):
            lead = cues.LEADING_ADVERBIAL.match(text[ca:cb])
            if lead and cues.first_cue(lead.group()) is None and not re.search(r"\d", lead.group()) \
                    and _words(text[ca + lead.end():cb]) >= MIN_WORDS:
                ca += lead.end()  # "Dalam debat itu, ia berjanji …": the scene (not a figure) is no part of it
            if _words(text[ca:cb]) < MIN_WORDS:
                continue
            clause = Clause(ca, cb, unit, speaker, role, explicit, means_only, listing)
            stated = stated or _rule(doc, clause) is not None
            yield clause
        if role in ("other", "nobody", "several"):
            listing = False  # the journalist or someone else has the word: a candidate's run has ended
        elif debate and role == "candidate" and speaker.cand is not None and speaker.cand >= 0:
            # a candidate who states a programme, or announces programmes, opens a run of them
            listing = stated or (explicit and not unit.quoted and bool(PROGRAMME_INTRO.search(unit.text))) \
                or (listing and not explicit)
        elif explicit:
            listing = False


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


def _reported_name(pair, surface: str) -> str:
    """How a speaker is reported: a name of one person as the text writes it ("Budi Santoso", "Gus Harun"); a
    pair's joint name ("Budi-Ani") or a bare part of one name ("Santoso") by the full name of whom it names."""
    if re.search(r"\S\s*[-–—]\s*\S", surface):
        return pair.head  # "Budi-Ani" is two people: the pair speaks through its head
    if " " not in surface.strip():
        for full in (pair.head, pair.deputy):
            if full and surface.lower() in full.lower().split():
                return full
    return surface


def _joint_subject(doc: Document, inside: list[Mention]) -> bool:
    """Two different pairs named side by side ("Budi dan Rina", "Budi, Rina"): a joint subject."""
    for x, y in zip(inside, inside[1:]):
        if x.candidate != y.candidate and re.fullmatch(r"\s*(?:,|dan|serta|&|maupun)\s*", doc.text[x.end:y.start]):
            return True
    return False


_FIRST_VERB = lazy.compile(r"\b(?:me\w+|ber\w+|akan|telah|sudah|di\w+kan)\b")


def _subject(body: str) -> str:
    """The words before a sentence's first verb: where its subject is named."""
    return _FIRST_VERB.split(body[:80], maxsplit=1)[0]


def _other_speaker(body: str) -> bool:
    """A sentence whose subject is an official, the panel, the KPU … ("Ketua KPU …, Muhammad Saleh …")."""
    if ANAPHORIC_EPITHET.match(body) or PRONOUN_SUBJECT.match(body):
        return False
    subject = _subject(body)
    return bool(OTHER_TITLE.search(subject) or OTHER_ROLE.search(subject) or OTHER_SUBJECT.match(body))


def _index(mentions: list[Mention]):
    """``within(a, b)``: the mentions inside [a, b), found by bisection (documents can be long)."""
    starts = [m.start for m in mentions]

    def within(a: int, b: int) -> list[Mention]:
        return [m for m in mentions[bisect_left(starts, a):bisect_left(starts, b)] if m.end <= b]
    return within


def _quote_speaker(doc: Document, unit: Unit, current: _Speaker, mentions_in, other) -> _Speaker:
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
            return other(attribution[title.start():])  # "kata Ketua Tim Pemenangan Budi-Agus, Slamet"
        if named:
            return _Speaker(named[-1].candidate, speaker_name(doc, named[-1]))
    if OTHER_TITLE.search(attribution) or OTHER_ROLE.search(attribution) or re.match(
            r"^\W*(?:kata|ujar|ungkap|tutur|jelas|imbuh|tambah|papar|tegas|sebut|terang)\s+(?!dia\b|ia\b|beliau\b)"
            r"[A-Z]", attribution):
        return other(attribution)
    return current
