"""Name patterns and name comparison shared by the pair, alias and mention finders.

A person's name here is one to seven capitalised words, with titles before it (H., Hj., Dr.)
and degrees after a comma (S.E., M.Si.); two names are forms of the same person when the words
of one are among the words of the other ("Zubaedi" ~ "Zubaedi Karim") or one word starts
another ("Ratna" ~ "Tri Ratnasari").
"""
from __future__ import annotations

import re
from functools import lru_cache

from janji.document import Candidate
from janji.lang import lazy
from janji.lang import names as names_
from janji.lang.names import BARE_DEGREE, BARE_DEGREES, DEGREE, TITLE, TITLE_WORDS
from janji.lang.numbers import CARDINALS, alternation, longest_first, small_number
from janji.facts import parties as parties_
from janji.data import regions
from janji.lang.gate import Gated

# Ballot numbers: "1", "01", "12", "dua".
BALLOT_WORDS = {w: n for w, n in CARDINALS.items() if n <= 19}
NUM = r"(?:0?[1-9]|1[0-9]|" + alternation(BALLOT_WORDS) + ")"
# "nomor urut 1", "nomor urut 01", "no. urut 2", "nomor dua", "paslon 2", "Paslon nomor 2"
NUMBER_REF = lazy.compile(
    rf"(?:\b(?:nomor|nomer|no\.)[ \t]*(?:urut[ \t]*)?|\b(?:paslon|pasangan|cabup|cawali|cagub|kandidat)[ \t]+)(?P<n>{NUM})\b",
    re.I,
)
# "Perda Nomor 2 Tahun 2020", "Keputusan KPU Nomor 5/PL.02.3-Kpt/2024", "UU No. 10 Tahun 2016": a
# regulation's number is never a ballot number.
REGULATION_BEFORE = lazy.compile(
    r"\b(?:perda|perbup|perwali|perwal|pergub|perkada|perdes|uu|undang-undang|permendagri|permen\w*|kepmen\w*|perpres|"
    r"perppu|perpu|pp|pkpu|keppres|kepres|inpres|qanun|sk|se|peraturan|keputusan|instruksi|surat\s+edaran|"
    r"(?:peraturan|keputusan|instruksi)(?:[ \t]+[\w.]+){1,5})[ \t]*$",
    re.I,
)


# "TPS nomor 5", "prioritas nomor 1", "rumah nomor 12": numbers of other things
OTHER_NUMBERED = lazy.compile(
    r"\b(?:tps|prioritas|peringkat|ranking|rangking|juara|kelas|lantai|rumah|gedung|pintu|jalan|jl|rt|rw|blok|kamar|"
    r"ruang|meja|loket|pos|gerbang|kursi|halaman|pasal|ayat|butir|poin|angka|telepon|telp|hp|rekening|lampiran)\.?[ \t]*$",
    re.I,
)


def not_a_ballot_number(text: str, start: int, end: int) -> bool:
    """The number written at text[start:end] ("Nomor 2") numbers a regulation or another thing, not a pair."""
    if re.search(r"\burut\b", text[start:end], re.I):
        return False  # "nomor urut" is only ever said of the ballot
    if OTHER_NUMBERED.search(text, max(0, start - 20), start):
        return True
    if re.match(r"[ \t]*(?:/|tahun[ \t]+\d{4}|th\.?[ \t]*\d{4})", text[end:end + 20], re.I):
        return True
    m = REGULATION_BEFORE.search(text, max(0, start - 60), start)
    # "keputusan KPU, pasangan calon nomor 2": the pair word is nearer than the regulation
    return bool(m) and not re.search(r"\b(?:pasangan|paslon|calon|kandidat)\b", m.group(), re.I)


CANDIDATE_CUE = Gated(lazy.compile(
    r"\b(?:pasangan|paslon|kandidat|calon|bakal\s+calon|cabup|cawabup|cawali|cawawali|cagub|cawagub|kontestan|"
    r"nomor\s+urut|petahana|penantang|diusung|terpilih|pilkada|pilbup|pilwali|pilwalkot|pilwakot|pilkot|pilgub|kampanye|debat)\b",
    re.I,
))

NAME_WORD = r"(?<![\w.])(?:(?:(?:Al|El|Ad|As|At|Ar|An|Abu|Ibnu)-)?[A-Z][a-z][A-Za-z'’]*|[A-Z]\.?(?=[ \t]+[A-Z]))"
NAME = rf"{TITLE}*(?:{NAME_WORD})(?:[ \t]+(?:{NAME_WORD})){{0,6}}{BARE_DEGREE}*{DEGREE}"
DASH = r"(?<!\bAl)(?<!\bEl)(?<!\bAbu)[ \t]*[-–—][ \t]*"
DASH_CHAIN = lazy.compile(rf"(?P<a>{NAME}){DASH}(?P<b>{NAME})(?:{DASH}(?P<c>{NAME}))?(?:{DASH}(?P<d>{NAME}))?")
AND_PAIR = lazy.compile(rf"(?P<a>{NAME})[ \t]*,?[ \t]*(?:\bdan|&)[ \t]+(?P<b>{NAME})")
SINGLE_NUMBERED = Gated(lazy.compile(
    rf"(?i:\b(?:calon|kandidat|cabup|cawali|cagub|paslon)\b[^.\n]{{0,60}}?\bnomor[ \t]+(?:urut[ \t]+)?(?P<n>{NUM}))[ \t]*,?[ \t]*(?P<a>{NAME})"
))
DEPUTY_AFTER = Gated(lazy.compile(
    rf"(?:\b(?:[Cc]alon[ \t]+)?wakil(?:nya)?|\bWakilnya|\b[Cc]alon[ \t]+Wakil|\b(?i:cawagub|cawabup|cawawali|cawalkot)|\bberpasangan[ \t]+dengan|\bdidampingi(?:[ \t]+oleh)?(?:[ \t]+calon)?(?:[ \t]+wakil(?:nya)?)?)"
    rf"[ \t]*,?[ \t]*(?:yakni|yaitu|adalah|ialah)?[ \t]*,?[ \t]*(?P<a>{NAME})"
))
NUMBERED_NAME = lazy.compile(rf"(?i:{NUMBER_REF.pattern})[ \t]*,?[ \t]*(?P<a>{NAME}(?:{DASH}{NAME})?)")

# Capitalised words that are not (parts of) person names.
STOP = set(
    """pasangan paslon calon bakal kandidat cabup cawabup cawali cawawali cagub cawagub wali walikota kota wakil
    wakilnya pasangannya calonnya pendampingnya lawannya rivalnya penantangnya
    bupati gubernur kabupaten kab provinsi nomor urut partai pilkada pilbup pilwali pilwalkot pilwako pilwakot pilkot
    pilgub pemilihan pemilu visi misi
    program debat kpu kpud dan atau dengan yang di ke dari sedangkan sementara kemudian selain menurut kata ujar
    bersama oleh para ketua anggota dprd pj plt penjabat petahana penantang kepala daerah pemerintah pemkot pemkab
    pemprov dinas kecamatan kelurahan desa presiden menteri baca juga simak lihat foto sumber editor penulis
    reporter berita adapun namun tetapi selanjutnya lalu itu ini tersebut mereka kami kita ia dia beliau mantan
    calon-calon unggulan prioritas strategis misi-misi tim pemenangan ketum sekretaris jenderal dpc dpd dpw dpp
    kampanye koalisi tagline tema sesi moderator panelis berikut seperti antara lain
    bahkan diketahui sebelumnya saat ketika dalam pada bagi untuk maka jadi setelah sebelum sejak hingga sampai
    menanggapi menjawab sebagai yakni yaitu adalah ialah tak tidak juga pun baik kini kala waktu hari
    senin selasa rabu kamis jumat sabtu minggu
    """.split()
)
# Capitalised words of headlines and title-case lines that are never part of a person's name:
# what the pairs do ("Adu", "Paparkan"), the topics ("Pendidikan", "Sampah") and the small words
# between ("Soal", "Terkait"). "Andri dan Fauzan Adu Program Pendidikan" names two people.
HEADLINE_WORDS = set(
    """adu beradu bahas membahas paparkan memaparkan pamer pamerkan janji berjanji janjikan tawarkan menawarkan
    sampaikan menyampaikan jawab menjawab jawaban bicara bicarakan soroti menyoroti ungkap ungkapkan beberkan siap
    siapkan usung usulkan bangun perbaiki benahi atasi genjot perkuat tambah buka beri hapus gaet rangkul jamin
    incar kejar sasar tekan percepat perluas tuntaskan dorong mendorong ajak mengajak sapa menyapa kunjungi blusukan serap gelar bertemu temui
    komitmen tegaskan menegaskan sebut menyebut klaim akan bakal ingin mau harus bisa
    gagasan ide solusi strategi rencana target tantangan persoalan masalah isu soal terkait tentang tentu lewat
    melalui demi agar usai jelang menjelang saat hadapi hadiri pendidikan kesehatan sampah banjir ekonomi
    infrastruktur pariwisata pertanian perikanan lingkungan kemiskinan pengangguran lapangan kerja pekerjaan
    investasi transportasi kemacetan macet air bersih listrik pangan stunting inflasi umkm sekolah beasiswa
    gratis murah rumah sakit puskesmas jalan jembatan pasar petani nelayan buruh pemuda perempuan warga rakyat
    masyarakat generasi milenial digital layanan pelayanan publik birokrasi korupsi reformasi anggaran pajak
    insentif bantuan sosial bansos honorer gaji tunjangan kesejahteraan pembangunan perubahan kemajuan masa
    depan lanjutkan lanjut teruskan kalah raih unggulan survei elektabilitas hasil sengit
    panas memanas seru tajam kritik serang saling beda berbeda sama kompak hadir absen tanpa lawan vs versus
    tribun tribunnews kompas detik detikcom antara antaranews tempo okezone liputan6 kumparan sindonews republika
    jpnn suara merdeka radar viva inews cnn metrotv idntimes tahun bulan pukul wib wita wit""".split()
)
HEADLINE_WORDS |= {"yakin", "unggul", "menang", "baru"}
# Headline words that are also given names or surnames: they end a name only when more words follow.
NAMELIKE = {"yakin", "unggul", "menang", "baru", "bangun", "jamin", "hasil", "sama", "lanjut", "tambah", "kompak", "siap"}
def split_words(name: str) -> list[str]:
    return list(_split_words(name))


@lru_cache(maxsize=16384)  # asked of the same names many times a document
def _split_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[ \t]+", name) if w)


def clean_name(raw: str, lower_seen: set[str], lead: bool = True) -> str:
    """A matched name without titles and without the non-name words around it ("Pasangan Zubaedi Karim")."""
    words = split_words(names_.strip_titles(raw))
    while len(words) > 1 and words[-1] in BARE_DEGREES:
        words.pop()  # "Lanang MT", "Budi SH": a degree written without a comma
    # titles inside the run start the name ("Bupati OKU Timur Ir H Lanang"); a lone "H" is an initial
    # unless another title stands next to it ("Ahmad H Santoso" keeps it)
    titled = [i for i, w in enumerate(words[:-1]) if i and names_.is_title(w)
              and (len(w.rstrip(".")) > 1 or names_.is_title(words[i - 1]) or names_.is_title(words[i + 1]))]
    if titled:
        words = words[titled[-1] + 1:]
    if lead:
        # A common word opening the run ("Sedangkan Pasangan …") is no name; one that is also a
        # given name ("Adil", "Budi", "Rahmat") is kept unless the run would still hold two words.
        while words and (words[0].lower() in STOP or (words[0].lower() in lower_seen and len(words) > 2)
                         or (len(words) > 2 and regions.candidates(words[0]))):  # "Bupati Sleman Hardi Kuswoyo"
            words.pop(0)
        # "Gubernur Jawa Tengah Ahmad Fauzan": a region of several words before the name
        for k in (3, 2):
            if len(words) > k and regions.candidates(" ".join(words[:k])):
                del words[:k]
                break
    # a headline runs on after the name ("Kartini Adu Gagasan Soal Sampah", "Ahmad Yani Siapkan …"):
    # the name ends before the first word no name has
    while words and headline_word(words[0]):
        words.pop(0)
    # a word that is also a name ("Ucup Nurul Yakin", "Budi Bangun") ends a name only where the headline goes on
    cut = next((i for i, w in enumerate(words) if headline_word(w) and (i < len(words) - 1 or w.lower() not in NAMELIKE)), None)
    if cut is not None:
        words = words[:cut]
    while words and words[-1].lower() in STOP:
        words.pop()
    if any(w.lower() in STOP for w in words):
        if not lead and words[0].lower() not in STOP:
            # a second name runs on into other words ("Wakil Dewi-Bagja Pada Pilkada Kota Cimahi"): it ends before them
            words = words[:next(i for i, w in enumerate(words) if w.lower() in STOP)]
        else:
            # keep the part after the last non-name word ("Kota Mojokerto" -> nothing, "Wakil Ali" -> "Ali")
            last = max(i for i, w in enumerate(words) if w.lower() in STOP)
            words = words[last + 1:]
    return " ".join(words)


def headline_word(word: str) -> bool:
    """A capitalised word no person's name has: a headline word, or a verb in -kan ("Paparkan", "Tingkatkan")."""
    w = word.lower().strip(".,:;!?")
    return w in HEADLINE_WORDS or (len(w) >= 7 and w.endswith("kan"))


def headline_run(text: str, end: int) -> bool:
    """The name at ``end`` runs on into capitalised words no name has: a title-case headline."""
    m = re.match(r"[ \t]+([A-Z][A-Za-z]+)", text[end:end + 40])
    return bool(m and headline_word(m.group(1)))


def plausible_name(name: str) -> bool:
    if not name or not re.search(r"[a-z]", name):
        return False
    if regions.candidates(name) or parties_.canonical(name):
        return False  # "Mojokerto-Disway", "PPP-PKB"
    return True


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(names_.tokens(name))


def name_tokens(name: str | None) -> tuple[str, ...]:
    return _tokens(name) if name else ()


def words_within(short: str | None, long: str | None) -> bool:
    a, b = name_tokens(short), name_tokens(long)
    return bool(a) and bool(b) and all(w in b for w in a)


def _prefix_of(short: str | None, long: str | None) -> bool:
    """"Ratna" for "Tri Ratnasari": one word, the start (4 letters or more) of a word of the name."""
    a, b = name_tokens(short), name_tokens(long)
    return len(a) == 1 and len(a[0]) >= 4 and any(w.startswith(a[0]) and w != a[0] for w in b)


def inner_part(short: str | None, long: str | None) -> bool:
    """"Bagja" for "Subagja Hidayat": one word (4 letters or more) inside a longer word of the name, the
    part of it people call the person by."""
    a, b = name_tokens(short), name_tokens(long)
    return len(a) == 1 and len(a[0]) >= 4 and any(a[0] in w and a[0] != w for w in b)


def same_person(x: str | None, y: str | None) -> bool:
    return words_within(x, y) or words_within(y, x) or _prefix_of(x, y) or _prefix_of(y, x)


def names_pair(name: str | None, cand: Candidate, part: str) -> bool:
    """Whether a name is the pair's head (part="head") or deputy, or one of its aliases."""
    return same_person(name, getattr(cand, part)) or any(name == a for a in cand.aliases)


def number_value(text: str) -> int | None:
    text = text.lower()
    return small_number(text)


# a name ends in a small letter (or a degree: "S.E.", "MT") and the next one starts with a capital
_NAME_END = r"(?:[a-z.'’]|(?<![\w.])(?:" + "|".join(longest_first(BARE_DEGREES)) + r"))"
DASH_ANCHOR = lazy.compile(rf"{_NAME_END}[ \t]*[-–—][ \t]*(?:[A-Z][a-z]|[A-Z]\.?[ \t]+[A-Z])")
AND_ANCHOR = lazy.compile(rf"(?:{_NAME_END}|,)[ \t]*(?:\bdan|&)[ \t]+(?:{TITLE_WORDS}\.?[ \t]*)*(?:[A-Z][a-z]|[A-Z]\.?[ \t]+[A-Z])")
NICKNAME_ANCHOR = Gated(lazy.compile(r"\b(?:sapaan|disapa)\b"))


def _in_lines_with(pattern: re.Pattern, text: str, keys: tuple[str, ...]):
    """``pattern.finditer(text)`` for a pattern whose every match lies in one line and holds one of ``keys``:
    the lines without any are not searched."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if any(k in line for k in keys):
            yield from pattern.finditer(text, start, end)
        start = end + 1


def anchored(pattern: re.Pattern, anchor: re.Pattern, text: str, back: int = 160, ahead: int = 200, keep=None,
             one_line: bool = False, keys: tuple[str, ...] = ()):
    """Matches of a slow pattern that cover a cheap anchor (a dash, "dan", "sapaan"), found only around it.

    Long plans have few pairs but many capitalised words; trying the name pattern at every
    capitalised word would cost seconds. ``one_line``: no match of the pattern (nor of the anchor)
    holds a line break, so only the anchor's line is searched (the same matches, sooner); ``keys``:
    strings one of which every match of the anchor holds, so only lines holding one are read.
    """
    pos = 0
    for a in (_in_lines_with(anchor, text, keys) if keys else anchor.finditer(text)):
        if a.start() < pos or (keep is not None and not keep(a.start())):
            continue
        start, end = max(pos, a.start() - back), min(len(text), a.end() + ahead)
        if one_line:
            line_end = text.find("\n", a.end())
            start, end = max(start, text.rfind("\n", 0, a.start()) + 1), end if line_end < 0 else min(end, line_end)
        m = pattern.search(text, start, end)
        while m and m.end() <= a.start():
            m = pattern.search(text, m.end(), end)
        if m and m.start() <= a.start():
            yield m
            pos = m.end()


# -- names found without a pattern of their own ------------------------------------------------------------
# A document's pair names are new to the process: a regex built of them is compiled afresh for each document
# (a good share of the facts stage). These find them as those regexes would, by plain string search.

def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what re's \w matches in a str


def _separator(c: str) -> bool:
    return c.isspace() or c in "-–—"  # [\s\-–—]


def names_written(text: str, names: list[str]) -> list[tuple[int, int]] | None:
    """``[m.span() for m in re.finditer(r"(?<!\\w)(?:" + "|".join(r"[\\s\\-–—]*".join(map(re.escape, n.split()))
    for n in names) + r")(?!\\w)", text)]``, the same spans (each name's words in turn, any run of spaces and
    dashes between them; ``names`` in the order the alternation tries them), by string search; None for
    names this reading does not take (an empty one, or a word after the first opening with a space or dash).
    """
    words = [n.split() for n in names]
    if any(not ws or any(_separator(w[0]) for w in ws[1:]) for ws in words):
        return None
    found: list[tuple[int, int, int]] = []  # start, rank, end
    n_text = len(text)
    for rank, ws in enumerate(words):
        first = ws[0]
        s = text.find(first)
        while s >= 0:
            if not (s and _word_char(text[s - 1])):
                pos = s + len(first)
                for w in ws[1:]:
                    while pos < n_text and _separator(text[pos]):
                        pos += 1
                    if not text.startswith(w, pos):
                        break
                    pos += len(w)
                else:
                    if not (pos < n_text and _word_char(text[pos])):
                        found.append((s, rank, pos))
            s = text.find(first, s + 1)
    found.sort()
    out: list[tuple[int, int]] = []
    last = 0
    for s, _, end in found:
        if s < last or (out and out[-1][0] == s):
            continue  # inside the match before, or a later alternative at the same place
        out.append((s, end))
        last = end
    return out


_BRACKETED = lazy.compile(r"\(([A-Z][A-Za-z'’]{1,14})\)")


def names_bracketed(text: str, names: list[str]) -> list[tuple[int, int, str, str]]:
    """``(m.start(), m.end(), m.group("name"), m.group(2))`` of each match of
    ``re.finditer("(?P<name>" + "|".join(map(re.escape, names)) + r")[ \\t]*\\(([A-Z][A-Za-z'’]{1,14})\\)", text)``
    (``names`` in the order the alternation tries them), found from the brackets back to the names."""
    found: list[tuple[int, int, int, str, str]] = []  # start, rank, end, name, bracketed
    for b in _BRACKETED.finditer(text):
        e = b.start()
        while True:
            for rank, name in enumerate(names):
                if name and len(name) <= e and text.startswith(name, e - len(name)):
                    found.append((e - len(name), rank, b.end(), name, b.group(1)))
            if e and text[e - 1] in " \t":
                e -= 1
            else:
                break
    found.sort()
    out: list[tuple[int, int, str, str]] = []
    last = 0
    for s, _, end, name, inside in found:
        if s < last or (out and out[-1][0] == s):
            continue
        out.append((s, end, name, inside))
        last = end
    return out


_WORD_STEP = lazy.compile(rf"{NAME_WORD}[ \t]+")
_WORDS_AFTER = lazy.compile(rf"(?:[ \t]+{NAME_WORD}){{1,3}}")
_BOUNDARY = lazy.compile(r"\b")
_STEP_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'’.- \t")  # all a word step holds


def words_then_name(text: str, name: str) -> list[tuple[int, int]] | None:
    """``[m.span() for m in re.finditer(rf"(?:{NAME_WORD}[ \\t]+){{1,6}}{re.escape(name)}\\b", text)]`` by string
    search and fixed patterns: from each place a name word may open before an occurrence of ``name``, the
    words in turn (each has one way to match), the most of them (six at most) that ``name`` follows.
    None for a name opening with a space or tab (the regex would give back spaces; it decides)."""
    if not name or name[0] in " \t":
        return None
    starts: set[int] = set()
    q = text.find(name)
    while q >= 0:
        if _BOUNDARY.match(text, q + len(name)):
            r = q
            while r and text[r - 1] in _STEP_CHARS:
                r -= 1
            starts.update(p for p in range(r, q) if "A" <= text[p] <= "Z")
        q = text.find(name, q + 1)
    out: list[tuple[int, int]] = []
    last = 0
    for p in sorted(starts):
        if p < last:
            continue
        ends, pos = [], p
        for _ in range(6):
            step = _WORD_STEP.match(text, pos)
            if not step:
                break
            pos = step.end()
            ends.append(pos)
        for e in reversed(ends):
            if text.startswith(name, e) and _BOUNDARY.match(text, e + len(name)):
                out.append((p, e + len(name)))
                last = e + len(name)
                break
    return out


def name_then_words(text: str, name: str) -> list[tuple[int, int]]:
    """``[m.span() for m in re.finditer(rf"{re.escape(name)}(?:[ \\t]+{NAME_WORD}){{1,3}}", text)]`` by string
    search for ``name`` and one fixed pattern for the words after it."""
    out: list[tuple[int, int]] = []
    if not name:
        return out
    pos = 0
    while True:
        s = text.find(name, pos)
        if s < 0:
            return out
        after = _WORDS_AFTER.match(text, s + len(name))
        if after:
            out.append((s, after.end()))
            pos = after.end()
        else:
            pos = s + 1
