"""Words around a number: units, rates, and the words that make a number a label.

The unit of a quantity is the word the text counts with ("10.000 titik",
"5 SMP", "40 ribu lapangan kerja"): any noun may be one, so the parser
takes the word after the number unless it is one of the function words
below. The lists here are the closed classes of Indonesian that decide
what a number is: a label ("Sasaran 2", "nomor urut 1"), a date
("27 November"), an index with no unit ("IPM 71,46"), an amount of money
("anggaran 5 miliar").

Example:
    >>> normalise_unit("Anak-anak"), normalise_unit("%"), normalise_unit("Rp")
    ('anak', 'persen', 'rupiah')
"""
from __future__ import annotations

# Words that never name what is counted: prepositions, conjunctions,
# particles, pronouns, auxiliaries and the verbs and adverbs that follow a
# number in running text ("di angka 8,71 persen, sampai ...").
STOPWORDS = frozenset("""
di ke dari dan atau serta yang untuk bagi pada dengan oleh dalam sebagai hingga sampai menjadi jadi per
setiap tiap akan sudah telah masih lagi lebih kurang sekitar kira-kira hanya saja pun juga adalah ialah
merupakan yaitu yakni ini itu tersebut tsb sebanyak sebesar sejumlah mencapai capai antara terhadap
karena agar supaya sehingga namun tetapi tapi bahwa jika kalau maka lalu kemudian bila apabila ketika
saat sejak selama sesudah setelah sebelum menuju melalui lewat tanpa atas bawah dgn yg dll dsb dst
kami kita saya aku mereka ia dia beliau anda kamu nya pula bukan tidak belum tak jangan harus wajib
dapat bisa mampu ingin mau perlu paling sangat amat terus mulai pernah sedang baru naik turun meningkat
menurun bertambah berkurang target ditargetkan minimal maksimal setidaknya sedikitnya paling-sedikitnya
ada adanya x secara ataupun maupun tentang mengenai seperti misalnya antaranya
""".split())

# A number right after one of these words is its label, not an amount:
# "Sasaran 2", "Misi 1", "Pasal 5", "nomor urut 1", "RT 05", "Bab 3".
LABEL_WORDS = frozenset("""
sasaran misi visi tujuan program prioritas strategi kebijakan arah agenda pilar poin butir langkah
bab pasal ayat huruf bagian lampiran halaman hal tabel gambar grafik no nomor nomer urut
tahap fase jilid seri edisi sesi putaran gelombang angkatan kloter periode episode
peringkat ranking rangking juara kelas tipe level lantai blok gang rt rw tps dapil zona
paslon kode versi hotline telepon telp tlp hp wa whatsapp center centre
""".split())

# Counting these describes the document or the election, not a target:
# "lima misi utama", "32 poin misi", "12 program unggulan", "dua paslon".
STRUCTURE_WORDS = frozenset("""
visi misi sasaran tujuan program poin pilar agenda strategi langkah butir aspek prinsip hal kata isu
prioritas arah paslon kandidat calon
""".split()) | {"pasangan calon"}

# Month names: "27 November" is a date, not 27 of anything.
from janji.lang.calendar import MONTHS  # noqa: E402,F401  (dates are no quantities)

# Units of time; after "dalam"/"per"/"setiap" they make a rate.
TIME_UNITS = frozenset("tahun thn th bulan bln hari minggu pekan jam menit detik semester triwulan dekade abad windu".split())

# Units that count whatever follows a bare year-like number ("2024 unit" is
# rare, "2024 orang" possible): only these let a 4-digit year-like number count.
COUNTING_UNITS = frozenset("""
unit orang jiwa titik km kilometer meter m ha hektar hektare ton kg liter rumah sekolah siswa murid
guru anak keluarga kk desa kelurahan kecamatan paket buah ekor pohon bibit ruas kawasan lokasi
produk umkm usaha kursi lapangan peserta penerima sarjana beasiswa
""".split())

# Measures that a number with a dot decimal may carry ("2.5 km" in copied text).
MEASURES = frozenset("km kilometer m meter cm mm ha hektar hektare ton kg gram liter mw kw kwh persen".split())

# A bare number after these (with nothing after it) is a value of an index or
# rate that has no unit: "IPM 71,46", "nilai SAKIP 80", "indeks gini 0,38".
INDEX_WORDS = frozenset("""
ipm ipg idg idm ikm iklh ikp ipkd sakip spbe gini indeks indek index nilai skor rasio ratio rating angka
opini reformasi lppd ipp iga akip
""".split())

# Nouns that make a bare "5 miliar" an amount of money.
MONEY_WORDS = frozenset("""
anggaran dana bantuan insentif gaji honor honorarium upah biaya tunjangan modal kredit pinjaman apbd
apbn pad belanja hibah santunan beasiswa subsidi investasi pendapatan pajak retribusi tarif harga
senilai seharga bernilai sebesar nilainya umr ump umk tunai blt
""".split())

# Words after "per"/"setiap" (or glued: "perdesa") that are a divisor.
PER_NOUNS = frozenset("""
tahun bulan hari minggu pekan jam semester triwulan orang jiwa siswa murid mahasiswa guru anak
keluarga kk rumah rt rw desa kelurahan dusun kampung kecamatan kabupaten kota sekolah kelas unit
kepala penduduk warga pasien peserta lembaga kelompok posyandu masjid ha hektar km paket
""".split())

# "sehari", "sebulan": one period, so a rate.
SE_PERIODS = {"sehari": "hari", "seminggu": "minggu", "sepekan": "pekan", "sebulan": "bulan", "setahun": "tahun"}

# Two-word units kept whole where the text has them (the scorer reads the first word).
MULTIWORD_UNITS = frozenset("""
kepala sekolah|kepala keluarga|penyandang disabilitas|lapangan kerja|lapangan pekerjaan|rumah tangga
|rumah sakit|rumah ibadah|rumah layak|tenaga kerja|tenaga kesehatan|tenaga pendidik|ibu hamil
|anak yatim|usaha mikro|pelaku usaha|kunjungan wisatawan|pekerja migran|hektar sawah
|pos kamling|pasangan calon|rs swasta|rumah sakit swasta
""".replace("\n", "").split("|"))

# Words after "se-" that make an article, not the number one ("seorang", "sebuah").
ARTICLE_SE = frozenset("sebuah seorang sekali seekor sebutir selembar sehelai sebidang".split())

# Names that hold a number that is no amount: a region ("Kabupaten Lima Puluh
# Kota", "Kepulauan Seribu") and the subsidised gas cylinder ("Elpiji 3 kg").
NAME_PATTERNS: tuple[tuple[tuple[str, ...], str], ...] = (
    # (words one of which the text must hold, pattern): the words make the check cheap
    (("puluh",), r"lima\s+puluh\s+kota"),
    # "program 100 hari kerja": the name of a head's first hundred days, not a target
    (("hari",), r"program\s+(?:kerja\s+)?\d{2,3}\s+hari(?:\s+(?:kerja|pertama))?\b"),
    (("seribu",), r"kepulauan\s+seribu"),
    (("elpiji", "lpg"), r"(?:gas\s+)?(?:elpiji|lpg)(?:\s+(?:subsidi|melon|bersubsidi))?\s+\d+(?:[.,]\d+)?\s*(?:kg|kilo(?:gram)?)"),
    (("tabung",), r"tabung\s+(?:gas\s+)?\d+(?:[.,]\d+)?\s*kg"),
    ((".0",), r"(?:industri|society|revolusi\s+industri|web|era)\s+\d\.0"),
    (("no",), r"(?:nomor|no)\.?\s*\d+[a-z]?\s+tahun\s+\d{4}"),
    (("pasal",), r"pasal\s+\d+[a-z]?(?:\s+ayat\s+\(?\d+\)?)?"),
    (("uu", "undang", "per", "pp", "inpres", "keppres"),
     r"(?:uu|undang-undang|perda|perpres|pp|permendagri|perbup|perwali|pergub|inpres|keppres)\s+"
     r"(?:no(?:mor)?\.?\s*)?\d+(?:\s*/\s*\d{4}|\s+tahun\s+\d{4})?"),
)


def normalise_unit(word: str) -> str:
    """A unit as stored: lower case, singular (reduplication undone), symbols spelled.

    Example:
        >>> normalise_unit("Titik"), normalise_unit("orang-orang")
        ('titik', 'orang')
    """
    low = word.strip().lower()
    if low in ("%", "persen", "prosen", "pct"):
        return "persen"
    if low in ("rp", "rp.", "idr", "rupiah"):
        return "rupiah"
    if "-" in low:
        head, _, tail = low.partition("-")
        if head == tail:  # "anak-anak" -> "anak"
            return head
    return low


def format_per(word: str) -> str:
    """A divisor as stored: lower case, but acronyms kept ("RT", "KK", "BUMDes").

    Example:
        >>> format_per("Rumah"), format_per("RT"), format_per("BUMDes")
        ('rumah', 'RT', 'BUMDes')
    """
    if sum(c.isupper() for c in word) >= 2:
        return word
    return word.lower()
