"""Passages written the way other outlets and offices write: headlines in title case, outlet datelines,
"berpasangan dengan", KPU announcements, regulation numbers, an RPJMD chapter, a Pj's column, an
interview. Each one stands for a style the held-out documents have, not for one article.
"""
from __future__ import annotations

import re

import pytest

from janji.document import Item
from janji.structure import assign_candidates


def pairs(doc):
    return [(c.number, c.head, c.deputy) for c in doc.candidates]


def all_names(doc):
    return [n for c in doc.candidates for n in (c.head, c.deputy, *c.aliases) if n]


# --- headlines are not pairs -------------------------------------------------------------------------

def test_title_case_headline_names_two_rivals_not_a_pair(analyse):
    # two heads, each named by the office he runs for: two candidates, no pair
    doc = analyse(
        "Debat Pilgub Jateng: Andri dan Fauzan Adu Program Pendidikan\n"
        "SEMARANG, KOMPAS.com - Calon gubernur Andri Perkasa menjanjikan sekolah gratis. "
        "Sementara itu calon gubernur Ahmad Fauzan menjawab soal kesejahteraan guru honorer."
    )
    assert pairs(doc) == [(None, "Andri Perkasa", None), (None, "Ahmad Fauzan", None)]
    assert "Pendidikan" not in all_names(doc)


def test_headline_before_the_body_that_names_the_pairs(analyse):
    doc = analyse(
        "Debat Pilbup Sleman, Hardi dan Kartini Adu Gagasan Soal Sampah\n"
        "SLEMAN, detikJogja - Dua pasangan calon Pilkada Sleman 2024 beradu gagasan soal sampah. Pasangan nomor "
        "urut 1 Hardi Kuswoyo-Danu Mahendra menawarkan TPST di tiap kapanewon, sedangkan pasangan nomor urut 2 "
        "Kartini Sri Rahayu-Sukarman berjanji menuntaskan TPA Piyungan."
    )
    assert pairs(doc) == [(1, "Hardi Kuswoyo", "Danu Mahendra"), (2, "Kartini Sri Rahayu", "Sukarman")]
    assert not any(re.search(r"Adu|Gagasan|Soal|Sampah", n) for n in all_names(doc))


def test_dashed_nicknames_in_a_headline_end_before_the_headline_words(analyse):
    doc = analyse("Pilkada Sleman: Hardi-Kartini Adu Gagasan Soal Sampah\nKedua calon bupati beradu gagasan.")
    assert all(not re.search(r"Adu|Gagasan|Soal|Sampah", n) for n in all_names(doc))


def test_headline_verb_in_kan_ends_the_deputy(analyse):
    doc = analyse(
        "Paslon Nomor Urut 2 Budi Santoso dan Ahmad Yani Paparkan Program Air Bersih\n"
        "Pasangan calon nomor urut 2 Budi Santoso dan Ahmad Yani memaparkan program air bersih."
    )
    assert pairs(doc) == [(2, "Budi Santoso", "Ahmad Yani")]


@pytest.mark.parametrize("dateline", [
    "TRIBUN-TIMUR.COM, MAKASSAR",
    "MAKASSAR, KOMPAS.com",
    "Makassar (ANTARA)",
    "Jakarta, CNN Indonesia",
])
def test_outlet_dateline_is_not_a_pair(analyse, dateline):
    doc = analyse(
        f"Debat Pilwalkot Makassar\n{dateline} - Pasangan calon wali kota Makassar nomor urut 2 "
        "Mukhlis Arsyad-Aliyah Mustika Ilyas (MULIA) memaparkan visi. Pasangan nomor urut 1 "
        "Andi Setya Gunawan Asapa-Rezki Mulyati Lutfi (SEHATI) menanggapi."
    )
    assert pairs(doc) == [(2, "Mukhlis Arsyad", "Aliyah Mustika Ilyas"), (1, "Andi Setya Gunawan Asapa", "Rezki Mulyati Lutfi")]
    assert not any(re.search(r"(?i)tribun|timur|kompas|antara|cnn", n) for n in all_names(doc))


def test_names_that_are_also_words_are_kept(analyse):
    # "Yakin", "Jaya", "Putra" are given names; only headline words end a name
    doc = analyse(
        "Pasangan calon nomor urut 1, H. Ucup Nurul Yakin dan Asep Jaya Putra, mendaftar ke KPU."
    )
    assert pairs(doc) == [(1, "Ucup Nurul Yakin", "Asep Jaya Putra")]


# --- how a running mate is introduced ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, head, deputy", [
    ("Eko Saputro maju berpasangan dengan Armadi dalam Pilwali Surabaya 2024.", "Eko Saputro", "Armadi"),
    ("Kholifah Indah Permatasari kembali menggandeng Emil Estianto Darmadi sebagai calon wakil gubernur.",
     "Kholifah Indah Permatasari", "Emil Estianto Darmadi"),
    ("Wali Kota Eko Saputro yang berduet dengan Armadi mendaftar ke KPU Surabaya.", "Eko Saputro", "Armadi"),
    ("Dalam Pilbup Sragen, Sugeng Purnama didampingi Surono sebagai calon wakil bupati.", "Sugeng Purnama", "Surono"),
    ("Armadi kembali digandeng Eko Saputro sebagai calon wakil wali kota.", "Eko Saputro", "Armadi"),
])
def test_running_mate_verbs(analyse, sentence, head, deputy):
    doc = analyse("SURABAYA - " + sentence + " Pasangan ini menjanjikan program lanjutan.")
    assert [(c.head, c.deputy) for c in doc.candidates] == [(head, deputy)]


def test_partner_verbs_outside_an_election_name_no_pair(analyse):
    doc = analyse("Pemkab menggandeng Bank Jateng menyalurkan kredit. Bupati didampingi Sekda Agus Subagyo meninjau pasar.")
    assert doc.candidates == []


def test_running_mate_then_short_pair_name(analyse):
    doc = analyse(
        "Eko Saputro maju berpasangan dengan Armadi dalam Pilwali Surabaya 2024. Sebagai petahana, "
        "Eko-Armadi menjanjikan beasiswa bagi 10.000 pelajar."
    )
    assert pairs(doc) == [(None, "Eko Saputro", "Armadi")]
    assert "Eko-Armadi" in doc.candidates[0].aliases
    assert doc.candidates[0].incumbent is True


# --- KPU announcements and regulation numbers -----------------------------------------------------------

def test_kpu_penetapan_nomor_urut_three_pairs(analyse):
    doc = analyse(
        "PENGUMUMAN\nKeputusan KPU Kabupaten Klaten Nomor 2 Tahun 2024 tentang Penetapan Nomor Urut Pasangan "
        "Calon Bupati dan Wakil Bupati Klaten\n\n"
        "Berdasarkan rapat pleno terbuka penetapan nomor urut, ditetapkan:\n"
        "1. HANANTO WIJAYA ISMAYA - BENI INDRA ARDIANSAH\n"
        "2. SRI WAHYUNI - ONE KURNIAWAN\n"
        "3. ARIF HARYADI - SUNARYO\n"
    )
    assert pairs(doc) == [
        (1, "Hananto Wijaya Ismaya", "Beni Indra Ardiansah"), (2, "Sri Wahyuni", "One Kurniawan"), (3, "Arif Haryadi", "Sunaryo"),
    ]


def test_regulation_number_is_not_a_ballot_number(analyse, mentions):
    text = (
        "Paslon nomor urut 2 Sadewa Tri Laksono-Dwi Asih Lestari berjanji menata pasar. "
        "Sesuai Perda Nomor 2 Tahun 2020 dan UU No. 1 Tahun 2022, jalan desa dibangun. Menurut Keputusan "
        "KPU Kabupaten Banyumas Nomor 1/PL.02.3-Kpt/2024, debat digelar dua kali. "
        "Paslon 1 Husin-Ahmad Hidayat menanggapi."
    )
    doc = analyse(text)
    assert pairs(doc) == [(2, "Sadewa Tri Laksono", "Dwi Asih Lestari"), (1, "Husin", "Ahmad Hidayat")]
    said = [text[s:e] for s, e, _ in mentions(doc)]
    assert "Nomor 2" not in said and "No. 1" not in said and "Nomor 1" not in said
    assert any(m.startswith("Paslon nomor urut 2") for m in said) and any(m.startswith("Paslon 1") for m in said)
    assert not any(a in ("Tahun", "PL") for c in doc.candidates for a in c.aliases)


def test_a_regulation_does_not_number_the_pair_named_after_it(analyse):
    doc = analyse(
        "Sesuai Peraturan KPU Nomor 8 Tahun 2024, pasangan calon Ahmad Husin-Sujono menyampaikan visi."
    )
    assert pairs(doc) == [(None, "Ahmad Husin", "Sujono")]


def test_whole_written_pair_is_one_mention_that_attributes_what_follows(analyse, mentions):
    text = (
        "Pasangan nomor urut 1 Sadewa Tri Laksono-Dwi Asih Lestari berjanji membangun 100 embung.\n"
        "Pasangan nomor urut 2 Bambang Sudiarto-Sri Rejeki berjanji menggratiskan PBB."
    )
    doc = analyse(text)
    said = [(text[s:e], head) for s, e, head in mentions(doc)]
    assert ("Pasangan nomor urut 1 Sadewa Tri Laksono-Dwi Asih Lestari", "Sadewa Tri Laksono") in said
    # the structure stage gives an item to the pair whose mention starts last before it
    first, second = text.index("membangun"), text.index("menggratiskan")
    items = [Item(kind="commitment", text="membangun 100 embung", span=(first, first + 20)),
             Item(kind="commitment", text="menggratiskan PBB", span=(second, second + 17))]
    assign_candidates(doc, items)
    assert [i.candidate for i in items] == ["Sadewa Tri Laksono", "Bambang Sudiarto"]


# --- news with several pairs ----------------------------------------------------------------------------

def test_four_pairs_in_one_article(analyse):
    doc = analyse(
        "Pilkada Kota Bandung 2024 diikuti empat pasangan calon. Nomor urut 1 Dodi Rizki Wirawan-Arif "
        "Wijaya, nomor urut 2 Haris Suhendar-Ridwan Dani Wiranata, nomor urut 3 Muhammad Fikri-Erwin, "
        "dan nomor urut 4 Arya Rahmandika-Yuni Iskandar Ma'soem. Dalam debat, Fikri-Ervan menjanjikan "
        "Bandung Utama."
    )
    assert [c.number for c in doc.candidates] == [1, 2, 3, 4]
    assert [c.head for c in doc.candidates] == ["Dodi Rizki Wirawan", "Haris Suhendar", "Muhammad Fikri", "Arya Rahmandika"]
    assert doc.region.name == "Kota Bandung"


def test_pilgub_news_with_outlet_dateline_and_parties(analyse):
    doc = analyse(
        "JAKARTA, KOMPAS.com - Pasangan calon gubernur dan wakil gubernur Jakarta nomor urut 1 Rudi "
        "Kamal-Suswanto diusung oleh Partai Gerindra, Golkar dan PKS. Sementara pasangan nomor urut 3 Pramudya "
        "Anung-Rano Kurnia diusung PDI-P dan Hanura."
    )
    assert pairs(doc) == [(1, "Rudi Kamal", "Suswanto"), (3, "Pramudya Anung", "Rano Kurnia")]
    assert doc.candidates[0].parties == ["Gerindra", "Golkar", "PKS"]
    assert doc.candidates[1].parties == ["PDI Perjuangan", "Hanura"]


# --- other kinds of document ---------------------------------------------------------------------------

def test_pj_column_is_a_statement(analyse):
    doc = analyse(
        "Menjaga Netralitas ASN dan Pelayanan Publik Menjelang Pilkada Serentak 2024 di Kabupaten Tegal\n"
        "Rabu, 13 November 2024 09:15 WIB\n\n"
        "Oleh: Dr. H. Amir Mahmudi, M.Pd., Pj Bupati Tegal\n\n"
        "Pilkada serentak tinggal menghitung hari. Sebagai penjabat kepala daerah, kami memegang amanah "
        "memastikan pelayanan publik tidak terganggu selama kampanye para pasangan calon. Saya menegaskan "
        "kembali: ASN harus netral terhadap calon mana pun. Program prioritas tetap kami jalankan: stunting "
        "turun menjadi 14 persen dan 120 kilometer jalan kabupaten diperbaiki."
    )
    assert doc.kind == "statement"
    assert doc.candidates == []
    assert doc.region.name == "Kabupaten Tegal"


def test_byline_at_the_end_of_a_column(analyse):
    doc = analyse(
        "Kami di pemerintah daerah menyiapkan anggaran pilkada sebesar Rp 40 miliar. Kami juga memastikan "
        "calon kepala daerah mendapat pengamanan yang sama.\n\n*) Penulis adalah Penjabat Wali Kota Kediri"
    )
    assert doc.kind == "statement"


def test_news_quoting_an_official_is_not_a_statement(analyse):
    doc = analyse(
        "Pj Bupati Tegal Amir Mahmudi meminta ASN netral. \"Kami tidak ingin ada ASN berkampanye. Saya akan "
        "menindak tegas,\" katanya. Pasangan calon nomor urut 1 Ishak Maulana Rahman-Kholid Abdullah "
        "berkampanye di Slawi."
    )
    assert doc.kind == "campaign"


def test_interview_with_a_candidate_is_a_debate_report(analyse):
    # the spec: kind "debate" is "a debate or interview report"
    doc = analyse(
        "Wawancara: Calon wali kota Semarang nomor urut 1 Agustina Wulandari Pramesti-Iswara Amiruddin\n"
        "Apa program utama Anda?\n"
        "Agustina: Kami ingin Semarang bebas banjir. Saya akan menambah rumah pompa di 12 titik.\n"
        "Bagaimana dengan sampah?\n"
        "Agustina: Kami bangun TPS3R di setiap kelurahan."
    )
    assert doc.kind == "debate"
    assert pairs(doc) == [(1, "Agustina Wulandari Pramesti", "Iswara Amiruddin")]


def test_rpjmd_chapter_is_a_plan_without_pairs(analyse):
    doc = analyse(
        "BAB V\nVISI, MISI, TUJUAN DAN SASARAN\n\n5.1 Visi\nVisi Kepala Daerah dan Wakil Kepala Daerah Terpilih "
        "Kabupaten Sleman periode 2025-2030 adalah \"Sleman Sejahtera, Berbudaya dan Berkelanjutan\".\n"
        "5.2 Misi\n1. Mewujudkan tata kelola pemerintahan yang bersih sesuai Perda Nomor 2 Tahun 2021.\n"
        "2. Meningkatkan kualitas pendidikan dan kesehatan.\n5.3 Tujuan dan Sasaran\nIndikator kinerja "
        "utama perangkat daerah disusun sesuai RPJMD."
    )
    assert doc.kind == "plan"
    assert doc.candidates == []
    assert doc.period == (2025, 2030)


def test_debate_report_with_three_pairs(analyse):
    doc = analyse(
        "Debat Kedua Pilbup Bantul: Tiga Paslon Adu Gagasan Soal Sampah\n"
        "BANTUL, Tribunjogja.com - Debat publik kedua Pilkada Bantul menghadirkan tiga pasangan calon. "
        "Paslon nomor urut 1 Abdul Hakim Muslim-Aris Suharyanto, paslon nomor urut 2 Untung Hariadi-Wahyudi "
        "Anggoro Hadi dan paslon nomor urut 3 Joko Purwanto-Rony Wijaya Indra Gunawan menjawab pertanyaan panelis. "
        "Moderator memberi waktu dua menit."
    )
    assert doc.kind == "debate"
    assert [c.number for c in doc.candidates] == [1, 2, 3]
    assert doc.candidates[2].deputy == "Rony Wijaya Indra Gunawan"



# --- more ways news names the pairs -----------------------------------------------------------------------

def test_apostrophe_in_a_name_is_no_quotation(analyse):
    doc = analyse("Paslon 01 Rudi Mas'ad-Seno Ajie dan paslon 02 Isman Nur-Hadi Mulyono mengikuti debat.")
    assert pairs(doc) == [(1, "Rudi Mas'ad", "Seno Ajie"), (2, "Isman Nur", "Hadi Mulyono")]


def test_head_and_deputy_named_by_their_offices(analyse):
    doc = analyse(
        "Cagub nomor urut 1 Andri Perkasa dan cawagub Hendra Prihatin berkampanye di Solo. Cagub nomor urut 2 "
        "Ahmad Fauzan bersama cawagub Taufan Yasin Mubarok berkampanye di Kudus."
    )
    assert pairs(doc) == [(1, "Andri Perkasa", "Hendra Prihatin"), (2, "Ahmad Fauzan", "Taufan Yasin Mubarok")]


def test_single_candidate_against_the_empty_box(analyse):
    doc = analyse("Pilkada Surabaya diikuti calon tunggal Eko Saputro-Armadi yang melawan kotak kosong.")
    assert pairs(doc) == [(None, "Eko Saputro", "Armadi")]


def test_numbered_pair_with_an_honorific_deputy(analyse):
    doc = analyse(
        "Debat Pilkada Jember: Hendi Sulistyo dan Gus Fadil Saling Sindir Soal Jalan Rusak\n"
        "JEMBER, KOMPAS.com - Paslon nomor urut 1 Hendi Sulistyo-Gus Fikar dan paslon nomor urut 2 "
        "Muhammad Fadil-Joko Susilo beradu argumen."
    )
    assert pairs(doc) == [(1, "Hendi Sulistyo", "Gus Fikar"), (2, "Muhammad Fadil", "Joko Susilo")]


def test_one_word_head_takes_the_full_name_given_with_the_office(analyse):
    doc = analyse(
        "Semarang (ANTARA) - Calon Gubernur Jawa Tengah Ahmad Fauzan berjanji memperluas jaringan irigasi. "
        "Fauzan berpasangan dengan Taufan Yasin Mubarok."
    )
    assert pairs(doc) == [(None, "Ahmad Fauzan", "Taufan Yasin Mubarok")]


def test_officials_named_together_are_no_pair(analyse):
    doc = analyse(
        "Ketua KPU Jateng Hadi Tri Utomo dan Ketua Bawaslu Jateng Muhammad Amin hadir dalam debat pilgub. "
        "Pj Gubernur Jateng Nana Suryana dan Kapolda Jateng Irjen Ribut Hari Wibisono meninjau TPS jelang Pilkada."
    )
    assert doc.candidates == []


# --- KPU lists and tables ---------------------------------------------------------------------------------

def test_kpu_list_one_name_a_line(analyse):
    doc = analyse(
        "PENETAPAN NOMOR URUT PASANGAN CALON\nNomor Urut 1\nH. Ahmad Muhtar Ali, S.IP.\ndan\nSubagyo, S.H.\n"
        "Nomor Urut 2\nMimin Idayanti\ndan\nM. Hamdan Faisal\n"
    )
    assert pairs(doc) == [(1, "Ahmad Muhtar Ali", "Subagyo"), (2, "Mimin Idayanti", "M. Hamdan Faisal")]


def test_numbered_head_with_wakilnya_in_the_next_sentence(analyse):
    doc = analyse(
        "Calon Bupati Sleman nomor urut 2, Kartini Sri Rahayu, mengatakan sampah diolah di desa. "
        "Wakilnya, Sukarman, menambahkan soal bank sampah."
    )
    assert pairs(doc) == [(2, "Kartini Sri Rahayu", "Sukarman")]


@pytest.mark.parametrize("table", [
    # a docx/html table as the reader writes it
    "No | Calon Bupati | Calon Wakil Bupati | Partai Pengusung\n1. H. Hardi Kuswoyo, S.E., M.Si. | Danu Mahendra | "
    "Gerindra, PKB\n2. Dra. Hj. Kartini Sri Rahayu | Sukarman | PDI Perjuangan\n",
    # a markdown table
    "| Nomor Urut | Calon Bupati | Calon Wakil Bupati | Partai Pengusung |\n|---|---|---|---|\n"
    "| 1 | Hardi Kuswoyo | Danu Mahendra | Gerindra, PKB |\n| 2 | Kartini Sri Rahayu | Sukarman | PDI Perjuangan |\n",
])
def test_table_of_pairs_with_numbers_and_parties(analyse, table):
    doc = analyse("Daftar pasangan calon Pilkada Sleman 2024:\n" + table + "\nDebat digelar besok.")
    assert pairs(doc) == [(1, "Hardi Kuswoyo", "Danu Mahendra"), (2, "Kartini Sri Rahayu", "Sukarman")]
    assert [c.parties for c in doc.candidates] == [["Gerindra", "PKB"], ["PDI Perjuangan"]]


def test_table_of_past_leaders_in_a_plan_is_no_list_of_pairs(analyse):
    doc = analyse(
        "Tabel 2.1 Kepala Daerah Kabupaten Sleman\nPeriode | Bupati | Wakil Bupati\n"
        "2010-2015 | Sri Purwanto | Yuni Setia Rahayu\n2016-2021 | Sri Purwanto | Sri Muslimah\n"
    )
    assert doc.candidates == []


def test_numbers_of_other_things_are_no_ballot_numbers(analyse, mentions):
    text = (
        "Paslon nomor urut 1 Budi Santoso-Ahmad Yani dan paslon nomor urut 2 Joko Purwanto-Rony Wijaya hadir. "
        "Pendidikan menjadi prioritas nomor 1 bagi mereka. Warga mencoblos di TPS nomor 2. Paslon 01 menutup debat."
    )
    said = [text[s:e] for s, e, _ in mentions(analyse(text))]
    assert "nomor 1" not in said and "nomor 2" not in said
    assert "Paslon 01" in said


@pytest.mark.parametrize("text, region", [
    ("Debat Pilbup Polman 2024 menghadirkan dua pasangan calon.", "Kabupaten Polewali Mandar"),
    ("Pilkada Tobasa: dua pasangan calon beradu gagasan.", "Kabupaten Toba"),
    ("Pasangan calon Bupati Mentawai memaparkan program.", "Kabupaten Kepulauan Mentawai"),
])
def test_regions_by_the_short_names_local_media_use(analyse, text, region):
    assert analyse(text).region.name == region


def test_national_ticket_named_for_comparison_is_no_regional_pair(analyse):
    doc = analyse(
        "Pasangan calon nomor urut 1 Rudy Nasrun-Surya diusung KIM Plus, sama seperti pasangan Prabowo-Gibran "
        "di Pilpres 2024. Pasangan nomor urut 2 Edi Rahmanto-Hasan Bisri Siregar didukung Presiden ke-5 RI."
    )
    assert pairs(doc) == [(1, "Rudy Nasrun", "Surya"), (2, "Edi Rahmanto", "Hasan Bisri Siregar")]


def test_roads_days_and_clubs_with_dashes_are_no_pairs(analyse):
    doc = analyse(
        "Kampanye paslon nomor urut 2 digelar Senin-Jumat di sepanjang Jalan Pemuda-Thamrin. Pendukung "
        "Persib-Persija ikut hadir. Calon wakil gubernur Ilham Hasibuan menjanjikan kereta Bandung-Cirebon."
    )
    assert doc.candidates == []


def test_pj_column_about_the_plan_is_still_a_statement(analyse):
    doc = analyse(
        "Beranda > Opini > Transisi RPJMD dan Tugas Penjabat\n"
        "Oleh : Agustinus Tamba, Penjabat Bupati Sumba Barat Daya\n\n"
        "Masa transisi menuntut perangkat daerah menjaga arah kebijakan RPJMD. Isu strategis seperti stunting dan "
        "air bersih tidak boleh berhenti. Kami memastikan indikator kinerja tetap dipantau sampai kepala daerah "
        "terpilih dilantik."
    )
    assert doc.kind == "statement"


def test_rpjmd_foreword_by_the_regent_stays_a_plan(analyse):
    doc = analyse(
        "KATA PENGANTAR\nPuji syukur kami panjatkan. Dokumen RPJMD ini menjadi pedoman perangkat daerah.\n"
        "BAB I PENDAHULUAN\n1.1 Latar Belakang\nRencana Pembangunan Jangka Menengah Daerah disusun sesuai arah "
        "kebijakan nasional. Indikator kinerja ditetapkan untuk setiap SKPD."
    )
    assert doc.kind == "plan"


def test_web_addresses_are_no_pairs(analyse):
    doc = analyse(
        "Debat paslon nomor urut 1 dan 2 dapat disaksikan di www.Kpu-Sleman.go.id. Dikutip dari Radar-Jogja.com, "
        "pasangan calon nomor urut 1 Hardi Kuswoyo-Danu Mahendra unggul."
    )
    assert pairs(doc) == [(1, "Hardi Kuswoyo", "Danu Mahendra")]


def test_singers_who_sing_a_duet_are_no_pair(analyse):
    doc = analyse(
        "Kampanye akbar di alun-alun. Penyanyi Dodi Kencana berduet dengan Happy Asmiranti di panggung hiburan."
    )
    assert doc.candidates == []


def test_four_pair_debate_report_with_nicknames(analyse, mentions):
    text = (
        "Debat Ketiga Pilgub Jabar: Empat Paslon Adu Visi Soal Pertanian\n"
        "BANDUNG, KOMPAS.com - Debat ketiga Pilgub Jawa Barat 2024 menghadirkan empat pasangan calon. Paslon nomor "
        "urut 1 Asep Adang Rukmana-Gita Dwinata (Asep-Gita), nomor urut 2 Jaja Wiradinata-Ronald Surapraja "
        "(Jaja-Ronald), nomor urut 3 Ahmad Syaiful-Ilham Akbar Hasibuan (ASIH) dan nomor urut 4 Deni Mulyawan-Erwin "
        "Setiadi (Deni-Erwin).\nSyaiful berjanji membangun 1.000 embung.\n"
        "Kang Deni Mulyawan (KDM) menjawab dengan program lumbung desa. Menurut KDM, sesuai Perda Nomor 4 Tahun 2019, "
        "lahan sawah dilindungi."
    )
    doc = analyse(text)
    assert doc.kind == "debate" and doc.region.name == "Jawa Barat"
    assert [c.number for c in doc.candidates] == [1, 2, 3, 4]
    assert "KDM" in doc.candidates[3].aliases and "ASIH" in doc.candidates[2].aliases
    said = {text[s:e]: head for s, e, head in mentions(doc)}
    assert said["KDM"] == "Deni Mulyawan" and said["Syaiful"] == "Ahmad Syaiful"
    assert "Nomor 4" not in said


def test_kpu_announcement_in_capitals_joined_by_dan(analyse):
    doc = analyse(
        "KPU Kabupaten Sragen menetapkan nomor urut pasangan calon.\n"
        "Pasangan Calon Nomor Urut 01: H. SUGENG PURNAMA, S.H. dan SURONO, S.Pd.\n"
        "Pasangan Calon Nomor Urut 02: Dr. KUSNADI UNTUNG YUNI SUKOWATI dan JOKO SUPRIYANTO, S.E.\n"
    )
    assert pairs(doc) == [(1, "Sugeng Purnama", "Surono"), (2, "Kusnadi Untung Yuni Sukowati", "Joko Supriyanto")]


def test_number_drawn_after_the_pair(analyse):
    doc = analyse(
        "Hasil pengundian: SUGENG PURNAMA-SURONO mendapat nomor urut 1, KUSNADI UNTUNG YUNI SUKOWATI-JOKO "
        "SUPRIYANTO nomor urut 2. Sementara Budi Santoso-Ahmad Yani memperoleh nomor urut 3."
    )
    assert pairs(doc) == [(1, "Sugeng Purnama", "Surono"), (2, "Kusnadi Untung Yuni Sukowati", "Joko Supriyanto"),
                          (3, "Budi Santoso", "Ahmad Yani")]


def test_headline_in_capitals_names_rivals(analyse):
    doc = analyse("DEBAT PILBUP SLEMAN: HARDI DAN KARTINI ADU GAGASAN SOAL SAMPAH\nKedua calon bupati beradu gagasan.")
    assert doc.candidates == []


def test_headline_verb_after_a_dashed_pair_does_not_lengthen_the_name(analyse):
    doc = analyse(
        "Debat Pilkada Sleman: Hardi-Danu Mahendra Bangun TPST di Tiap Kapanewon\n"
        "Pasangan nomor urut 1 Hardi Kuswoyo-Danu Mahendra berjanji membangun TPST."
    )
    assert pairs(doc) == [(1, "Hardi Kuswoyo", "Danu Mahendra")]
    assert not any("Bangun" in a for a in doc.candidates[0].aliases)


@pytest.mark.parametrize("name", ["Ucup Nurul Yakin", "Budi Bangun"])
def test_a_word_that_is_also_a_name_ends_a_name_only_when_more_follows(analyse, name):
    doc = analyse(f"Pasangan calon nomor urut 1, Ahmad Syarif dan {name}, mendaftar ke KPU.")
    assert pairs(doc) == [(1, "Ahmad Syarif", name)]


def test_dan_inside_a_place_name_joins_nobody(analyse):
    # "Medan", "Madiun", "Sidan…": "dan" is a word, never the end of one
    doc = analyse(
        "Wawancara Eksklusif: Calon Wali Kota Medan Riko Wasis\n"
        "Riko Wasis yang berpasangan dengan Zakaria Harahap maju di Pilkada Medan 2024.\n"
        "Apa prioritas Anda?\nSaya ingin Medan bebas banjir. Kami akan menormalisasi sungai."
    )
    assert pairs(doc) == [(None, "Riko Wasis", "Zakaria Harahap")]
    assert doc.kind == "campaign"


def test_incumbent_who_now_runs_with_a_new_deputy(analyse):
    doc = analyse("Petahana Bupati Klaten Sri Wahyuni yang kini berpasangan dengan One Kurniawan mendapat nomor urut 2.")
    assert pairs(doc) == [(2, "Sri Wahyuni", "One Kurniawan")]
    assert doc.candidates[0].incumbent is True


def test_a_candidates_column_is_campaign(analyse):
    doc = analyse(
        "Oleh: Budi Santoso, Calon Bupati Sleman\n\nSaya maju karena sampah tidak kunjung tertangani. Kami akan "
        "membangun TPST di setiap kapanewon bila terpilih dalam pilkada."
    )
    assert doc.kind == "campaign"
