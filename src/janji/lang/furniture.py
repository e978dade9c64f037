"""News-site furniture: the vocabulary of lines that belong to the page, not to the article.

"Baca Juga: …" links, photo captions and credits, tag lists, comment forms,
author and editor lines, share buttons, advertisement markers, "Berita
Terkini Lainnya" trailers. The rules are patterns of how Indonesian news
sites (Kompas, Detik, Tribun, Antara, IDN Times, Liputan6, CNN Indonesia,
Republika, Tempo, regional portals) print such furniture, not strings of
particular articles. Every rule is anchored and bounded in length, and lines
that start with a list marker are never taken for furniture (a photo-credit
rule must not eat a promise).

The clean stage removes such lines (:func:`janji.clean.furniture.remove_furniture`);
every other stage that reads lines asks :func:`furniture_rule` before taking one for content.

Example:

    >>> furniture_rule("Baca Juga: Debat Pilkada"), furniture_rule("1. Membangun jalan")
    ('read_more', None)
"""
from __future__ import annotations

import re

from janji.lang import lazy
from janji.lang.calendar import DAYS, MONTHS
from janji.lang.markers import MARKER
from janji.lang.numbers import longest_first
from janji.lang.gate import Gated

# Each rule: (name, pattern matched against the stripped line, maximum number of words).
RULES: list[tuple[str, re.Pattern, int]] = [
    ("read_more", lazy.compile(
        r"(?:[\[(]\s*)?(?:baca|simak|lihat|cek|tonton|saksikan|klik)\s*(?:juga|pula|selengkapnya|lainnya|berita|"
        r"artikel|video|informasi|di\s*sini)\b|baca\s*:|(?:artikel|berita|video)\s+(?:terkait|lainnya|pilihan|"
        r"rekomendasi)\s*:|pilihan\s+editor\s*:|\[gambas:", re.I), 40),
    ("caption", lazy.compile(
        r"(?:foto|photo|sumber\s+foto|keterangan\s+foto|caption|kredit\s+foto|tangkapan\s+layar|screenshot|"
        r"infografis|grafis|dok(?:umentasi)?|video)\s*(?::|/|\.\s|\s-\s|\s–\s)", re.I), 35),
    ("caption", lazy.compile(r"ilustrasi\b", re.I), 30),
    ("comments", lazy.compile(
        r"\d+\s+(?:komentar|tanggapan|comments?)$|(?:tinggalkan|tulis|kirim|beri(?:kan)?|lihat(?:\s+semua)?|"
        r"tampilkan|muat)\s+(?:komentar|balasan|tanggapan)|silah?kan\s+(?:masukkan|login|masuk|tulis|isi|"
        r"berikan)\b.*\b(?:komentar|nama|e-?mail|berkomentar)|belum\s+ada\s+komentar|komentar(?:\s+anda)?\s*:?$|"
        r"komentar\s*\(\d+\)$|"
        r"simpan\s+nama,?\s+e-?mail|alamat\s+e-?mail\s+anda\s+tidak\s+akan|ruas\s+yang\s+wajib|"
        r"(?:login|masuk)\s+untuk\s+(?:berkomentar|memberi)|leave\s+a\s+(?:reply|comment)|post\s+comment", re.I),
     20),
    ("author", lazy.compile(
        r"(?:penulis|reporter|wartawan|editor|penyunting|redaktur|pewarta|kontributor|fotografer|videografer|"
        r"author|writer|editing|layout|desain|grafis)\s*:\s*\S|laporan\s+(?:wartawan|reporter|koresponden|"
        r"jurnalis)\b|(?:copyright|hak\s+cipta)\b|©", re.I), 16),
    ("source_note", lazy.compile(r"sumber\s*:", re.I), 8),
    ("advert", lazy.compile(
        r"(?:advertisement|iklan|ads|sponsored|konten\s+(?:bersponsor|berbayar)|scroll\s+to\s+(?:continue|resume)"
        r"(?:\s+with\s+content)?|gulir\s+(?:ke\s+bawah\s+)?untuk\s+(?:melanjutkan|lanjut)|lanjutkan\s+membaca|"
        r"continue\s+reading|loading|memuat)\W*$|artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit|dimuat)\s+di\b|"
        r"(?:dapatkan|simak)\s+(?:update|berita|informasi|breaking\s+news|kabar)\b.*\b(?:telegram|whatsapp|"
        r"google\s+news|saluran|ponsel|channel)|ikuti\s+(?:kami|berita|kabar|saluran|update|akun)\b.*\b"
        r"(?:google\s+news|whatsapp|telegram|instagram|twitter|tiktok|facebook|youtube|saluran)|"
        r"(?:download|unduh)\s+(?:aplikasi|app)\b|dengarkan\s+(?:berita|artikel)\b|"
        r"(?:ikuti|follow)\s+\S+.*\b(?:google\s+news|whatsapp|telegram|instagram|twitter|tiktok|facebook|"
        r"youtube|channel)\b|jangan\s+lewatkan\b|"
        r"dilarang\s+(?:keras\s+)?(?:mengambil|mengutip|menyalin|memperbanyak)\b", re.I), 50),
    # Image alt text of an advertising banner ("banner hari pahlawan 2024 …").
    ("advert", lazy.compile(r"(?:banner|spanduk\s+iklan|iklan)\b[^.!?,]*$", re.I), 8),
    ("pagination", lazy.compile(
        r"(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|/|of)\s*\d+)?$|(?:\d+\s+){1,}\d+\s*(?:selanjutnya|"
        r"berikutnya|next|»|>)?$|(?:halaman\s+)?(?:selanjutnya|berikutnya|sebelumnya)\s*[»>]$|next\s+page$",
        re.I), 12),
    ("editor_initials", lazy.compile(r"\(\s*[a-z*]{1,6}(?:\s*/\s*[a-z*]{1,6})*\s*\)$"), 1),
    ("reading_time", lazy.compile(r"(?:waktu\s+baca|baca\s+dalam|lama\s+baca)\s*:?\s*\d+\s*(?:menit|min)\b|\d+\s*min(?:ute)?s?\s+read$",
                                re.I), 6),
]
# A date or time line of a page: "Jumat, 16 Okt 2020 11:12 WIB", "- Minggu, 6 Juni 2021 | 12:28 WIB",
# "Rabu 30-10-2024,18:14 WIB", "Kompas.com - 30/11/2020, 21:16 WIB" (an outlet's name may lead it).
_DATE = (r"(?:\d{1,2}\s+(?:" + "|".join(longest_first(MONTHS)) + r")\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
         r"|\d{1,2}:\d{2}(?:\s*(?:WIB|WITA|WIT))?)")
DATELINE = lazy.compile(r"^[-–|•\s]*(?:[\w.]+\s*[-–|]\s*)?(?:(?:" + "|".join(longest_first(DAYS))
                      + r")\b[\s,]*)?(?:" + _DATE + r"[\s,|–-]*)+(?:WIB|WITA|WIT)?\W*"
                      # view and comment counters, then the writer's name, as some sites print them after the date
                      r"(?:\d{1,6}\s+){0,3}(?:[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})?\s*$", re.I)
# A dateline set on a line of its own, apart from the paragraph it opens: "Sukamaju -", "KOTA BARU, Warta.com –",
# "Kota Baru, (Kabar Kita) —". One to four capitalised words, an outlet after a comma, the dash.
DATELINE_ALONE = lazy.compile(r"[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*){0,3}(?:[ \t]*,[ \t]*\(?[\w .]{2,40}?\)?)?[ \t]*[-–—]")
# Editors' initials closing the last paragraph: "… ke pelosok desa. (rdo/jpnn)", "(ant/bus)".
TRAILING_INITIALS = lazy.compile(r"\s*\(\s*[a-z*]{1,6}(?:\s*/\s*[a-z*]{1,6})+\s*\)\s*$")
# A byline: "Budi Santoso - detikNews", "Rina | Kompas.com", "Oleh Ahmad Fauzi - Antara".
BYLINE = lazy.compile(r"^(?:oleh\s*:?\s*)?[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,4}\s*[-–|]\s*(?P<outlet>[\w.]+(?:\s+[\w.]+)?)\s*$")

# Trailer headings: what follows them near the end of a page is other news, not the article.
TRAILER = Gated(lazy.compile(
    r"(?:berita|artikel|video)\s+(?:terkini\s+)?(?:lainnya|terkait|terpopuler|populer|pilihan|rekomendasi|"
    r"terbaru)(?:\s+.{0,30})?|terpopuler|terkini|pilihan\s+redaksi|editor'?s?\s+picks?|baca\s+(?:berita|artikel)"
    r"\s+lainnya|most\s+popular|recommended(?:\s+articles)?|lainnya\s+dari\s+.{1,40}", re.I))
TAG_WORDS = {"topik", "tag", "tags", "kata", "keyword", "keywords", "label", "hashtag"}
TRAILER_WORDS = {"berita", "artikel", "video", "terpopuler", "terkini", "pilihan", "editor", "editors", "baca",
                  "most", "recommended", "lainnya"}
TAGS = Gated(lazy.compile(r"(?:topik|tags?|kata\s+kunci|keywords?|label|hashtag)\s*(?::|$)", re.I))
SHARE_WORDS = {"facebook", "twitter", "whatsapp", "telegram", "line", "linkedin", "email", "e-mail", "copy",
                "link", "salin", "tautan", "share", "bagikan", "tweet", "pinterest", "print", "cetak", "wa", "fb",
                "x", "this", "artikel", "ini", "on", "via", "ke", "tiktok", "instagram", "messenger", "reddit",
                "google", "news", "url", "berbagi", "kirim", "save", "simpan"}
SHARE_TRIGGER = {"facebook", "twitter", "whatsapp", "telegram", "share", "bagikan", "linkedin", "tweet"}
# A photo credit at the end of a caption: "(IDN Times/Mardya Shakti)", "ANTARA FOTO/Fulan", "KOMPAS.com/NAMA".
# Matched in two halves around the last "/" (one regex over the whole line backtracks badly).
_CREDIT_PERSON = lazy.compile(r"\s*[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|bin|binti|de|van|al-\w+)){0,4}\s*\)?\s*\.?$")
_CREDIT_OUTLET = lazy.compile(r"(\(\s*)?([A-Za-z][\w.&'-]*(?:\s+[A-Za-z][\w.&'-]*){0,3})\s*$")
_OUTLET_WORDS = lazy.compile(
    r"antara|kompas|tribun|detik|tempo|republika|liputan6|okezone|sindo|kumparan|suara|jpnn|merdeka|viva|"
    r"jawapos|jawa\s+pos|cnn|idn|times|news|beritasatu|inews|pikiran\s+rakyat|bisnis|kontan|katadata|metro|"
    r"tvone|rri|radar|disway|post|solopos|harian|serambi|warta|tirto|mojok|narasi|kabar|media|online|portal|"
    r"\bfoto\b|photo|fotografer|\bdok\b|dokumentasi|istimewa|\bist\b|humas|instagram|\big\b|facebook|twitter|"
    r"youtube|tiktok|tangkapan|screenshot|arsip|freepik|shutterstock|unsplash|pixabay|getty|reuters|afp|"
    r"\.com|\.co\.id|\.id\b|\.net|\.co\b|\.tv", re.I)
# First words with which some furniture line starts: the rules only run on lines that start so
# (most lines are content; this keeps cleaning a 50 MB corpus fast).
_TRIGGERS = set("""baca simak lihat cek tonton saksikan klik artikel berita video pilihan foto photo sumber keterangan
caption kredit tangkapan screenshot infografis grafis dok dokumentasi ilustrasi tinggalkan tulis kirim beri berikan
lihat tampilkan muat silakan silahkan belum komentar simpan alamat ruas login masuk leave post penulis reporter
wartawan editor penyunting redaktur pewarta kontributor fotografer videografer author writer editing layout desain
laporan copyright hak advertisement iklan ads sponsored konten scroll gulir lanjutkan continue loading memuat
dapatkan ikuti download unduh dengarkan banner spanduk halaman hal page selanjutnya berikutnya sebelumnya next
gambas follow jangan dilarang waktu lama""".split()) | SHARE_WORDS
_FIRST_WORD = lazy.compile(r"[\[(]?\s*([A-Za-z]+)")
INLINE_ADS = lazy.compile(r"(?:\s*\b(?:ADVERTISEMENT|SCROLL TO (?:CONTINUE|RESUME) WITH CONTENT|SCROLL TO CONTINUE)\b)+\s*")
INLINE_READ_MORE = lazy.compile(r"(?<=[.!?\"”’])\s+(?:Baca|BACA)\s+(?:[Jj]uga|JUGA)\s*:.*$")
SENTENCE_END = lazy.compile(r"[.!?]$")


# "BLUSUKAN: Fulan (kedua kanan) menyapa …": a photo caption, a capitalised label and where the person stands
POSED_CAPTION = lazy.compile(r"[A-Z]{2,}(?:\s+[A-Z]{2,}){0,3}\s*:\s+(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*\s*"
                           r"\((?:(?:kedua|ketiga|keempat|kelima|dua|tiga|empat|lima|paling|baris)\s+)?(?:dari\s+)?"
                           r"(?:kiri|kanan|tengah)\)")


def furniture_rule(line: str) -> str | None:
    """The name of the furniture rule a line matches, or None for content.

    >>> furniture_rule("Penulis: Rina Hapsari | Editor: Dedi Kurniawan")
    'author'
    >>> furniture_rule("1. Pembangun 4 unit sekolah (Dinas/Pemkot)") is None
    True
    """
    stripped = line.strip()
    if not stripped:
        return None
    if MARKER.match(stripped + " "):
        # a list entry is never furniture, unless all it holds is a date ("- Minggu, 6 Juni 2021 | 12:28 WIB")
        return "dateline" if stripped.count(" ") < 10 and DATELINE.match(stripped) else None
    return rule(stripped, first_word(stripped))


def first_word(stripped: str) -> str:
    first = _FIRST_WORD.match(stripped)
    return first.group(1).lower() if first else ""


def rule(stripped: str, first: str) -> str | None:
    """:func:`furniture_rule` for a stripped line and its lower-case first word (computed once by callers)."""
    words = stripped.count(" ") + 1
    if words > 50:
        return None
    if words <= 10:
        if DATELINE.match(stripped):
            return "dateline"
        byline = BYLINE.match(stripped)
        if byline and _OUTLET_WORDS.search(byline.group("outlet")):
            return "author"
    if first in _TRIGGERS or stripped[0] in "([©" or stripped[0].isdigit():
        for name, pattern, limit in RULES:
            if words <= limit and pattern.match(stripped):
                return name
        if words <= 25 and _is_share_line(stripped):
            return "share"
    if POSED_CAPTION.match(stripped):
        return "caption"
    slash = stripped.rfind("/")
    if slash > 0 and len(stripped) - slash < 60 and _CREDIT_PERSON.match(stripped, slash + 1):
        outlet = _CREDIT_OUTLET.search(stripped[max(0, slash - 60):slash])
        if outlet and _OUTLET_WORDS.search(outlet.group(2)):
            # After a full sentence only an unmistakable credit counts: in parentheses or an all-caps outlet.
            before = stripped[: max(0, slash - 60) + outlet.start()]
            after_sentence = SENTENCE_END.search(before.rstrip(" ("))
            if not after_sentence or outlet.group(1) or outlet.group(2).isupper():
                return "caption"
    return None


def _is_share_line(line: str) -> bool:
    tokens = [t.strip(".,:|/·•-–").lower() for t in line.split()]
    tokens = [t for t in tokens if t]
    return bool(tokens) and all(t in SHARE_WORDS for t in tokens) and any(t in SHARE_TRIGGER for t in tokens)




# "Baca Juga: Kampanye Dimulai, … Budi-Ani" links to another story: its names, regions and years are not
# this document's facts, even where the link stayed in the text.
RELATED = Gated(lazy.compile(
    r"^[ \t]*(?:baca|simak|lihat|tonton)\s+(?:juga|pula)\b.*$|^[ \t]*(?:berita|artikel)\s+(?:terkait|lainnya|terkini)\b.*$"
    r"|(?<=[.!?])[ \t]+(?:baca|simak|lihat)\s+(?:juga|pula)\s*:.*$",  # run into a paragraph by the reader
    re.I | re.M,
))
