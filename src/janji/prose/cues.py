"""Words that make a clause a promise (`commitment`) or a report of work done (`claim`).

Example:

    >>> cue("Kami akan membangun 10 pasar rakyat")
    'commitment'
    >>> cue("Indeks SPBE sudah kategori sangat tinggi")
    'claim'
    >>> cue("Debat dimulai pukul 19.00") is None
    True
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.gate import WORD, Gated, fold

# Someone commits to do something.
COMMIT = Gated(lazy.compile(
    r"\b(?:akan|bakal|berencana|merencanakan|rencananya|siap|harus|wajib|berjanji|menjanjikan|janjinya|"
    r"berkomitmen|komitmennya|bertekad|menargetkan|ditargetkan|targetnya|mencoba|berupaya|berusaha|ingin|"
    r"(?:ber)?fokus\s+pada|menjadi\s+fokus|fokus\s+utama|memfokuskan|menekankan\s+pada|menjadi\s+prioritas|diprioritaskan|memprioritaskan|"
    r"menjadi\s+perhatian|mengupayakan|menjamin|"
    # "haus" + passive verb is a frequent typo for "harus" ("Angka kemiskinan haus diurai").
    r"haus(?=\s+di[a-z]))\b",
    re.IGNORECASE,
))
# "program prioritas mengembangkan …", "program unggulannya yaitu pembangunan …": a programme being stated.
PROGRAM_STATED = Gated(lazy.compile(
    r"\bprogram\s+(?:prioritas|unggulan|andalan|strategis)(?:nya)?\s+(?:adalah\s+|yaitu\s+|yakni\s+|berupa\s+)?"
    r"(?:me|mem|men|meng|meny|pe|pem|pen|peng|peny|per)[a-z]+",
    re.IGNORECASE,
))
# "program … untuk …": a programme with its purpose.
PROGRAM_FOR = Gated(lazy.compile(r"\bprogram\b[^.;]{0,80}?\buntuk\b", re.IGNORECASE))
# A quantified target: "menekan angka kemiskinan 5,77%".
TARGET = Gated(lazy.compile(
    r"\b(?:menekan|menurunkan|mengurangi|meningkatkan|menaikkan|menambah|menuntaskan|mengentaskan)\b[^.;]{0,60}\d",
    re.IGNORECASE,
))
# Something already achieved.
CLAIM = Gated(lazy.compile(
    r"\b(?:sudah|telah|berhasil|capaian|mencapai|meraih|raihan|prestasi|penghargaan|predikat|membanggakan|"
    r"senantiasa|terbukti|sukses)\b",
    re.IGNORECASE,
))
FIRST_PERSON_AGENT = lazy.compile(r"^\s*(?:\w+\s+)?(?:kami|kita|saya)\b", re.IGNORECASE)
# The election itself is not a promise: "pertarungan baru akan dimulai", "siap mengikuti tahapan".
ELECTORAL = Gated(lazy.compile(
    r"\b(?:tahapan|penetapan|pendaftaran|pencalonan|pertarungan|bertarung|memenangkan|kemenangan|pilkada|pilwali|"
    r"pilbup|pilgub|pilwakot|kampanye|debat|coblos|mencoblos|elektabilitas|survei|diusung|mengusung|koalisi|"
    r"berlaga|jumawa|tagline|pleno|visi|misi|visinya|misinya|pengundian|pemungutan\s+suara|menang|suara\s+terbanyak|"
    r"pemilih|relawan|simpatisan|pendukungnya|tim\s+pemenangan|hitung\s+cepat|quick\s+count|lawan\s+politik|"
    r"rival|pesaing(?:nya)?|(?:perolehan|meraih|raihan)\s+suara|persen\s+suara|\d+\s+kursi|DPT|daftar\s+pemilih)\b",
    re.IGNORECASE,
))
# News of a programme being launched or presented: the programme's entries are the promises.
PRESENTING = Gated(lazy.compile(
    r"\b(?:meluncurkan|memaparkan|menyampaikan|membeberkan|menawarkan|menyuguhkan|mengenalkan|memperkenalkan|"
    r"menjabarkan|merumuskan|menyusun|menyiapkan|membacakan|memuat|menampilkan)\s+(?:\S+\s+){0,2}?"
    r"(?:program|progam|visi|misi|gagasan|capaian)",
    re.IGNORECASE,
))
QUESTION = Gated(lazy.compile(r"\b(?:pertanyaan|bertanya|ditanya|menanyakan|panelis|moderator)\b|\?\s*$", re.IGNORECASE))
# Sentences that only point back or reason, with no promise of their own.
NON_PROMISE_START = lazy.compile(
    r"^\s*(?:(?:ini|itu)\b(?!\s+(?:adalah\s+)?program)|artinya\b|(?:se)?makin\b[^.]*\bmaka\b|"
    r"diketahui\b|sebelumnya\b,)",
    re.IGNORECASE,
)
# Connectives that open a sentence and are not part of the promise.
LEADING_CONNECTIVE = lazy.compile(
    r"^\s*(?:(?:selanjutnya|kemudian|lalu|berikutnya|selain\s+itu|di\s+samping\s+itu|tak\s+hanya\s+itu|"
    r"di\s+antaranya|diantaranya|antara\s+lain|termasuk|mulai\s+dari|yakni|yaitu|adapun|sementara\s+itu|"
    r"sedangkan|apalagi|namun|dan|serta|menurut(?:nya|\s+dia|\s+beliau|\s+mereka))\b[\s,:]*)+",
    re.IGNORECASE,
)
# A scene-setting phrase before the comma: "Dalam debat itu, …", "Menjawab pertanyaan panelis, …".
LEADING_ADVERBIAL = lazy.compile(
    r"^\s*(?:dalam|pada|di(?!\s+antaranya)|saat|ketika|usai|seusai|selepas|menanggapi|menjawab|menurut|sementara\s+itu|"
    r"sedangkan|adapun)\b[^,.;]{0,80},\s*",
    re.IGNORECASE,
)
CONTINUATION = lazy.compile(
    r"^\s*(?:selanjutnya|kemudian|lalu|berikutnya|di\s+antaranya|diantaranya|antara\s+lain|termasuk|mulai\s+dari|"
    r"serta|selain\s+itu|dan)\b",
    re.IGNORECASE,
)
# A nominalised or active programme phrase: "peningkatan …", "pembangunan …", "menuntaskan …".
PROGRAMME_WORD = lazy.compile(r"^\s*(?:pe[a-z]{3,}an|ke[a-z]{3,}an|per[a-z]{3,}an|me[a-z]{4,})\b", re.IGNORECASE)
ELABORATION = lazy.compile(r"^\s*(?:mulai|seperti|misalnya|contohnya|antara\s+lain)\b", re.IGNORECASE)
MEANS = lazy.compile(r"^\W*(?:dengan|melalui|lewat)\s+(?:me[a-z]+|pe[a-z]+an)\b", re.IGNORECASE)


def _live(matches, text: str) -> list[re.Match]:
    """Cue matches that are not inside a relative clause about someone else.

    "program unggulan yang telah berjalan" reports nothing the speaker did; but
    "program yang akan kita kerjakan" is still the speaker's own promise.
    """
    out = []
    for m in matches:
        before = text[max(0, m.start() - 45):m.start()]
        after = text[m.end():m.end() + 12]
        if re.search(r"\w[,\s]+yang(?:\s+\w+){0,3}\s*$", before, re.IGNORECASE) and not FIRST_PERSON_AGENT.match(after):
            continue
        out.append(m)
    return out


# "sudah hadir", "telah tiba", "akan menghadiri": events of the day, not achievements or promises.
EVENT_AFTER = lazy.compile(
    r"\s+(?:(?:juga|pun|lama|sejak)\s+)?(?:hadir|tiba|datang|menunggu|berada|selesai|mendaftar|terdaftar|"
    r"menyampaikan|memaparkan|menjawab|mengikuti|menggelar|berlangsung|dimulai|berakhir|dibuka|ditutup|kenal|"
    r"mengenal|bertemu|berkumpul|memadati|meninggalkan|pulang|berangkat|disiapkan|ditetapkan|diundi|menghadiri|"
    r"berkunjung|mengunjungi|blusukan|bersilaturahmi|bersilaturahim|dijadwalkan|digelar|diadakan)\b",
    re.IGNORECASE,
)


def _achievements(text: str) -> list[re.Match]:
    return [m for m in _live(CLAIM.finditer(text), text)
            if not (m.group().lower() in ("sudah", "telah") and EVENT_AFTER.match(text, m.end()))]


def _promises(text: str) -> list[re.Match]:
    # "akan menghadiri kampanye", "siap bertemu warga": the day's agenda, not a promise.
    return [m for m in _live(COMMIT.finditer(text), text)
            if not (m.group().lower() in ("akan", "bakal", "siap") and EVENT_AFTER.match(text, m.end()))]


def cue(text: str) -> str | None:
    """"commitment", "claim" or None for one clause, from its cue words alone."""
    commits = _promises(text)
    claims = _achievements(text)
    if claims and (not commits or claims[0].start() < commits[0].start()):
        return "claim"
    if commits or PROGRAM_STATED.search(text) or PROGRAM_FOR.search(text):
        return "commitment"
    if TARGET.search(text):
        return "commitment"
    return None


def first_cue(text: str) -> int | None:
    """Offset of the first live commitment or claim cue in the text, or None."""
    found = _promises(text) + _achievements(text)
    return min((m.start() for m in found), default=None)


def not_a_promise(text: str) -> bool:
    """About the election itself, a question, a visi/misi (the structure stage's), a programme being
    presented (its entries are the items), or a pointer back."""
    folded = fold(text)
    tokens = set(WORD.findall(folded))  # (the word lists among the patterns are read from the words)
    return bool(ELECTORAL.found(text, folded, tokens) or QUESTION.found(text, folded, tokens)
                or NON_PROMISE_START.match(text) or PRESENTING.found(text, folded, tokens))
