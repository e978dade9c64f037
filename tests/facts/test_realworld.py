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
    doc = analyse(
        "Debat Pilgub Jateng: Andika dan Luthfi Adu Program Pendidikan\n"
        "SEMARANG, KOMPAS.com - Calon gubernur Andika Perkasa menjanjikan sekolah gratis. "
        "Sementara itu calon gubernur Ahmad Luthfi menjawab soal kesejahteraan guru honorer."
    )
    assert doc.candidates == []
    assert "Pendidikan" not in all_names(doc)


def test_headline_before_the_body_that_names_the_pairs(analyse):
    doc = analyse(
        "Debat Pilbup Sleman, Harda dan Kustini Adu Gagasan Soal Sampah\n"
        "SLEMAN, detikJogja - Dua pasangan calon Pilkada Sleman 2024 beradu gagasan soal sampah. Pasangan nomor "
        "urut 1 Harda Kiswaya-Danang Maharsa menawarkan TPST di tiap kapanewon, sedangkan pasangan nomor urut 2 "
        "Kustini Sri Purnomo-Sukamto berjanji menuntaskan TPA Piyungan."
    )
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa"), (2, "Kustini Sri Purnomo", "Sukamto")]
    assert not any(re.search(r"Adu|Gagasan|Soal|Sampah", n) for n in all_names(doc))


def test_dashed_nicknames_in_a_headline_end_before_the_headline_words(analyse):
    doc = analyse("Pilkada Sleman: Harda-Kustini Adu Gagasan Soal Sampah\nKedua calon bupati beradu gagasan.")
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
        "Munafri Arifuddin-Aliyah Mustika Ilham (MULIA) memaparkan visi. Pasangan nomor urut 1 "
        "Andi Seto Gadhista Asapa-Rezki Mulfiati Lutfi (SEHATI) menanggapi."
    )
    assert pairs(doc) == [(2, "Munafri Arifuddin", "Aliyah Mustika Ilham"), (1, "Andi Seto Gadhista Asapa", "Rezki Mulfiati Lutfi")]
    assert not any(re.search(r"(?i)tribun|timur|kompas|antara|cnn", n) for n in all_names(doc))


def test_names_that_are_also_words_are_kept(analyse):
    # "Yakin", "Jaya", "Putra" are given names; only headline words end a name
    doc = analyse(
        "Pasangan calon nomor urut 1, H. Cecep Nurul Yakin dan Asep Jaya Putra, mendaftar ke KPU."
    )
    assert pairs(doc) == [(1, "Cecep Nurul Yakin", "Asep Jaya Putra")]


# --- how a running mate is introduced ------------------------------------------------------------------

@pytest.mark.parametrize("sentence, head, deputy", [
    ("Eri Cahyadi maju berpasangan dengan Armuji dalam Pilwali Surabaya 2024.", "Eri Cahyadi", "Armuji"),
    ("Khofifah Indar Parawansa kembali menggandeng Emil Elestianto Dardak sebagai calon wakil gubernur.",
     "Khofifah Indar Parawansa", "Emil Elestianto Dardak"),
    ("Wali Kota Eri Cahyadi yang berduet dengan Armuji mendaftar ke KPU Surabaya.", "Eri Cahyadi", "Armuji"),
    ("Dalam Pilbup Sragen, Sigit Pamungkas didampingi Suroto sebagai calon wakil bupati.", "Sigit Pamungkas", "Suroto"),
    ("Armuji kembali digandeng Eri Cahyadi sebagai calon wakil wali kota.", "Eri Cahyadi", "Armuji"),
])
def test_running_mate_verbs(analyse, sentence, head, deputy):
    doc = analyse("SURABAYA - " + sentence + " Pasangan ini menjanjikan program lanjutan.")
    assert [(c.head, c.deputy) for c in doc.candidates] == [(head, deputy)]


def test_partner_verbs_outside_an_election_name_no_pair(analyse):
    doc = analyse("Pemkab menggandeng Bank Jateng menyalurkan kredit. Bupati didampingi Sekda Agus Subagyo meninjau pasar.")
    assert doc.candidates == []


def test_running_mate_then_short_pair_name(analyse):
    doc = analyse(
        "Eri Cahyadi maju berpasangan dengan Armuji dalam Pilwali Surabaya 2024. Sebagai petahana, "
        "Eri-Armuji menjanjikan beasiswa bagi 10.000 pelajar."
    )
    assert pairs(doc) == [(None, "Eri Cahyadi", "Armuji")]
    assert "Eri-Armuji" in doc.candidates[0].aliases
    assert doc.candidates[0].incumbent is True


# --- KPU announcements and regulation numbers -----------------------------------------------------------

def test_kpu_penetapan_nomor_urut_three_pairs(analyse):
    doc = analyse(
        "PENGUMUMAN\nKeputusan KPU Kabupaten Klaten Nomor 2 Tahun 2024 tentang Penetapan Nomor Urut Pasangan "
        "Calon Bupati dan Wakil Bupati Klaten\n\n"
        "Berdasarkan rapat pleno terbuka penetapan nomor urut, ditetapkan:\n"
        "1. HAMENANG WAJAR ISMOYO - BENNY INDRA ARDHIANTO\n"
        "2. SRI MULYANI - ONE KRISNATA\n"
        "3. ARIF ARYADI - SUNARTO\n"
    )
    assert pairs(doc) == [
        (1, "Hamenang Wajar Ismoyo", "Benny Indra Ardhianto"), (2, "Sri Mulyani", "One Krisnata"), (3, "Arif Aryadi", "Sunarto"),
    ]


def test_regulation_number_is_not_a_ballot_number(analyse, mentions):
    text = (
        "Paslon nomor urut 2 Sadewo Tri Lastiono-Dwi Asih Lintarti berjanji menata pasar. "
        "Sesuai Perda Nomor 2 Tahun 2020 dan UU No. 1 Tahun 2022, jalan desa dibangun. Menurut Keputusan "
        "KPU Kabupaten Banyumas Nomor 1/PL.02.3-Kpt/2024, debat digelar dua kali. "
        "Paslon 1 Husein-Ahmad Hidayat menanggapi."
    )
    doc = analyse(text)
    assert pairs(doc) == [(2, "Sadewo Tri Lastiono", "Dwi Asih Lintarti"), (1, "Husein", "Ahmad Hidayat")]
    said = [text[s:e] for s, e, _ in mentions(doc)]
    assert "Nomor 2" not in said and "No. 1" not in said and "Nomor 1" not in said
    assert any(m.startswith("Paslon nomor urut 2") for m in said) and any(m.startswith("Paslon 1") for m in said)
    assert not any(a in ("Tahun", "PL") for c in doc.candidates for a in c.aliases)


def test_a_regulation_does_not_number_the_pair_named_after_it(analyse):
    doc = analyse(
        "Sesuai Peraturan KPU Nomor 8 Tahun 2024, pasangan calon Ahmad Husein-Sudjono menyampaikan visi."
    )
    assert pairs(doc) == [(None, "Ahmad Husein", "Sudjono")]


def test_whole_written_pair_is_one_mention_that_attributes_what_follows(analyse, mentions):
    text = (
        "Pasangan nomor urut 1 Sadewo Tri Lastiono-Dwi Asih Lintarti berjanji membangun 100 embung.\n"
        "Pasangan nomor urut 2 Bambang Sudiarto-Sri Rejeki berjanji menggratiskan PBB."
    )
    doc = analyse(text)
    said = [(text[s:e], head) for s, e, head in mentions(doc)]
    assert ("Pasangan nomor urut 1 Sadewo Tri Lastiono-Dwi Asih Lintarti", "Sadewo Tri Lastiono") in said
    # the structure stage gives an item to the pair whose mention starts last before it
    first, second = text.index("membangun"), text.index("menggratiskan")
    items = [Item(kind="commitment", text="membangun 100 embung", span=(first, first + 20)),
             Item(kind="commitment", text="menggratiskan PBB", span=(second, second + 17))]
    assign_candidates(doc, items)
    assert [i.candidate for i in items] == ["Sadewo Tri Lastiono", "Bambang Sudiarto"]


# --- news with several pairs ----------------------------------------------------------------------------

def test_four_pairs_in_one_article(analyse):
    doc = analyse(
        "Pilkada Kota Bandung 2024 diikuti empat pasangan calon. Nomor urut 1 Dandan Riza Wardana-Arif "
        "Wijaya, nomor urut 2 Haru Suandharu-Ridwan Dhani Wirianata, nomor urut 3 Muhammad Farhan-Erwin, "
        "dan nomor urut 4 Arfi Rafnialdi-Yena Iskandar Ma'soem. Dalam debat, Farhan-Erwin menjanjikan "
        "Bandung Utama."
    )
    assert [c.number for c in doc.candidates] == [1, 2, 3, 4]
    assert [c.head for c in doc.candidates] == ["Dandan Riza Wardana", "Haru Suandharu", "Muhammad Farhan", "Arfi Rafnialdi"]
    assert doc.region.name == "Kota Bandung"


def test_pilgub_news_with_outlet_dateline_and_parties(analyse):
    doc = analyse(
        "JAKARTA, KOMPAS.com - Pasangan calon gubernur dan wakil gubernur Jakarta nomor urut 1 Ridwan "
        "Kamil-Suswono diusung oleh Partai Gerindra, Golkar dan PKS. Sementara pasangan nomor urut 3 Pramono "
        "Anung-Rano Karno diusung PDI-P dan Hanura."
    )
    assert pairs(doc) == [(1, "Ridwan Kamil", "Suswono"), (3, "Pramono Anung", "Rano Karno")]
    assert doc.candidates[0].parties == ["Gerindra", "Golkar", "PKS"]
    assert doc.candidates[1].parties == ["PDI Perjuangan", "Hanura"]


# --- other kinds of document ---------------------------------------------------------------------------

def test_pj_column_is_a_statement(analyse):
    doc = analyse(
        "Menjaga Netralitas ASN dan Pelayanan Publik Menjelang Pilkada Serentak 2024 di Kabupaten Tegal\n"
        "Rabu, 13 November 2024 09:15 WIB\n\n"
        "Oleh: Dr. H. Amir Makhmud, M.Pd., Pj Bupati Tegal\n\n"
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
        "Pj Bupati Tegal Amir Makhmud meminta ASN netral. \"Kami tidak ingin ada ASN berkampanye. Saya akan "
        "menindak tegas,\" katanya. Pasangan calon nomor urut 1 Ischak Maulana Rohman-Kholid Abdillah "
        "berkampanye di Slawi."
    )
    assert doc.kind == "campaign"


def test_interview_with_a_candidate_is_campaign(analyse):
    doc = analyse(
        "Wawancara: Calon wali kota Semarang nomor urut 1 Agustina Wilujeng Pramestuti-Iswar Aminuddin\n"
        "Apa program utama Anda?\n"
        "Agustina: Kami ingin Semarang bebas banjir. Saya akan menambah rumah pompa di 12 titik.\n"
        "Bagaimana dengan sampah?\n"
        "Agustina: Kami bangun TPS3R di setiap kelurahan."
    )
    assert doc.kind == "campaign"
    assert pairs(doc) == [(1, "Agustina Wilujeng Pramestuti", "Iswar Aminuddin")]


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
        "Paslon nomor urut 1 Abdul Halim Muslih-Aris Suharyanta, paslon nomor urut 2 Untoro Hariadi-Wahyudi "
        "Anggoro Hadi dan paslon nomor urut 3 Joko Purnomo-Rony Wijaya Indra Gunawan menjawab pertanyaan panelis. "
        "Moderator memberi waktu dua menit."
    )
    assert doc.kind == "debate"
    assert [c.number for c in doc.candidates] == [1, 2, 3]
    assert doc.candidates[2].deputy == "Rony Wijaya Indra Gunawan"



# --- more ways news names the pairs -----------------------------------------------------------------------

def test_apostrophe_in_a_name_is_no_quotation(analyse):
    doc = analyse("Paslon 01 Rudy Mas'ud-Seno Aji dan paslon 02 Isran Noor-Hadi Mulyadi mengikuti debat.")
    assert pairs(doc) == [(1, "Rudy Mas'ud", "Seno Aji"), (2, "Isran Noor", "Hadi Mulyadi")]


def test_head_and_deputy_named_by_their_offices(analyse):
    doc = analyse(
        "Cagub nomor urut 1 Andika Perkasa dan cawagub Hendrar Prihadi berkampanye di Solo. Cagub nomor urut 2 "
        "Ahmad Luthfi bersama cawagub Taj Yasin Maimoen berkampanye di Kudus."
    )
    assert pairs(doc) == [(1, "Andika Perkasa", "Hendrar Prihadi"), (2, "Ahmad Luthfi", "Taj Yasin Maimoen")]


def test_single_candidate_against_the_empty_box(analyse):
    doc = analyse("Pilkada Surabaya diikuti calon tunggal Eri Cahyadi-Armuji yang melawan kotak kosong.")
    assert pairs(doc) == [(None, "Eri Cahyadi", "Armuji")]


def test_numbered_pair_with_an_honorific_deputy(analyse):
    doc = analyse(
        "Debat Pilkada Jember: Hendy Siswanto dan Gus Fawait Saling Sindir Soal Jalan Rusak\n"
        "JEMBER, KOMPAS.com - Paslon nomor urut 1 Hendy Siswanto-Gus Firjaun dan paslon nomor urut 2 "
        "Muhammad Fawait-Djoko Susanto beradu argumen."
    )
    assert pairs(doc) == [(1, "Hendy Siswanto", "Gus Firjaun"), (2, "Muhammad Fawait", "Djoko Susanto")]


def test_one_word_head_takes_the_full_name_given_with_the_office(analyse):
    doc = analyse(
        "Semarang (ANTARA) - Calon Gubernur Jawa Tengah Ahmad Luthfi berjanji memperluas jaringan irigasi. "
        "Luthfi berpasangan dengan Taj Yasin Maimoen."
    )
    assert pairs(doc) == [(None, "Ahmad Luthfi", "Taj Yasin Maimoen")]


def test_officials_named_together_are_no_pair(analyse):
    doc = analyse(
        "Ketua KPU Jateng Handi Tri Ujiono dan Ketua Bawaslu Jateng Muhammad Amin hadir dalam debat pilgub. "
        "Pj Gubernur Jateng Nana Sudjana dan Kapolda Jateng Irjen Ribut Hari Wibowo meninjau TPS jelang Pilkada."
    )
    assert doc.candidates == []


# --- KPU lists and tables ---------------------------------------------------------------------------------

def test_kpu_list_one_name_a_line(analyse):
    doc = analyse(
        "PENETAPAN NOMOR URUT PASANGAN CALON\nNomor Urut 1\nH. Ahmad Muhdlor Ali, S.IP.\ndan\nSubandi, S.H.\n"
        "Nomor Urut 2\nMimik Idayana\ndan\nM. Haris Faisal\n"
    )
    assert pairs(doc) == [(1, "Ahmad Muhdlor Ali", "Subandi"), (2, "Mimik Idayana", "M. Haris Faisal")]


def test_numbered_head_with_wakilnya_in_the_next_sentence(analyse):
    doc = analyse(
        "Calon Bupati Sleman nomor urut 2, Kustini Sri Purnomo, mengatakan sampah diolah di desa. "
        "Wakilnya, Sukamto, menambahkan soal bank sampah."
    )
    assert pairs(doc) == [(2, "Kustini Sri Purnomo", "Sukamto")]


@pytest.mark.parametrize("table", [
    # a docx/html table as the reader writes it
    "No | Calon Bupati | Calon Wakil Bupati | Partai Pengusung\n1. H. Harda Kiswaya, S.E., M.Si. | Danang Maharsa | "
    "Gerindra, PKB\n2. Dra. Hj. Kustini Sri Purnomo | Sukamto | PDI Perjuangan\n",
    # a markdown table
    "| Nomor Urut | Calon Bupati | Calon Wakil Bupati | Partai Pengusung |\n|---|---|---|---|\n"
    "| 1 | Harda Kiswaya | Danang Maharsa | Gerindra, PKB |\n| 2 | Kustini Sri Purnomo | Sukamto | PDI Perjuangan |\n",
])
def test_table_of_pairs_with_numbers_and_parties(analyse, table):
    doc = analyse("Daftar pasangan calon Pilkada Sleman 2024:\n" + table + "\nDebat digelar besok.")
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa"), (2, "Kustini Sri Purnomo", "Sukamto")]
    assert [c.parties for c in doc.candidates] == [["Gerindra", "PKB"], ["PDI Perjuangan"]]


def test_table_of_past_leaders_in_a_plan_is_no_list_of_pairs(analyse):
    doc = analyse(
        "Tabel 2.1 Kepala Daerah Kabupaten Sleman\nPeriode | Bupati | Wakil Bupati\n"
        "2010-2015 | Sri Purnomo | Yuni Satia Rahayu\n2016-2021 | Sri Purnomo | Sri Muslimatun\n"
    )
    assert doc.candidates == []


def test_numbers_of_other_things_are_no_ballot_numbers(analyse, mentions):
    text = (
        "Paslon nomor urut 1 Budi Santoso-Ahmad Yani dan paslon nomor urut 2 Joko Purnomo-Rony Wijaya hadir. "
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
        "Pasangan calon nomor urut 1 Bobby Nasution-Surya diusung KIM Plus, sama seperti pasangan Prabowo-Gibran "
        "di Pilpres 2024. Pasangan nomor urut 2 Edy Rahmayadi-Hasan Basri Sagala didukung Presiden ke-5 RI."
    )
    assert pairs(doc) == [(1, "Bobby Nasution", "Surya"), (2, "Edy Rahmayadi", "Hasan Basri Sagala")]


def test_roads_days_and_clubs_with_dashes_are_no_pairs(analyse):
    doc = analyse(
        "Kampanye paslon nomor urut 2 digelar Senin-Jumat di sepanjang Jalan Sudirman-Thamrin. Pendukung "
        "Persib-Persija ikut hadir. Calon wakil gubernur Ilham Habibie menjanjikan kereta Bandung-Cirebon."
    )
    assert doc.candidates == []


def test_pj_column_about_the_plan_is_still_a_statement(analyse):
    doc = analyse(
        "Beranda > Opini > Transisi RPJMD dan Tugas Penjabat\n"
        "Oleh : Agustinus Tamo, Penjabat Bupati Sumba Barat Daya\n\n"
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
        "pasangan calon nomor urut 1 Harda Kiswaya-Danang Maharsa unggul."
    )
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa")]


def test_singers_who_sing_a_duet_are_no_pair(analyse):
    doc = analyse(
        "Kampanye akbar di alun-alun. Penyanyi Denny Caknan berduet dengan Happy Asmara di panggung hiburan."
    )
    assert doc.candidates == []


def test_four_pair_debate_report_with_nicknames(analyse, mentions):
    text = (
        "Debat Ketiga Pilgub Jabar: Empat Paslon Adu Visi Soal Pertanian\n"
        "BANDUNG, KOMPAS.com - Debat ketiga Pilgub Jawa Barat 2024 menghadirkan empat pasangan calon. Paslon nomor "
        "urut 1 Acep Adang Ruhiat-Gitalis Dwinatarina (Acep-Gita), nomor urut 2 Jeje Wiradinata-Ronal Surapradja "
        "(Jeje-Ronal), nomor urut 3 Ahmad Syaikhu-Ilham Akbar Habibie (ASIH) dan nomor urut 4 Dedi Mulyadi-Erwan "
        "Setiawan (Dedi-Erwan).\nSyaikhu berjanji membangun 1.000 embung.\n"
        "Kang Dedi Mulyadi (KDM) menjawab dengan program lumbung desa. Menurut KDM, sesuai Perda Nomor 4 Tahun 2019, "
        "lahan sawah dilindungi."
    )
    doc = analyse(text)
    assert doc.kind == "debate" and doc.region.name == "Jawa Barat"
    assert [c.number for c in doc.candidates] == [1, 2, 3, 4]
    assert "KDM" in doc.candidates[3].aliases and "ASIH" in doc.candidates[2].aliases
    said = {text[s:e]: head for s, e, head in mentions(doc)}
    assert said["KDM"] == "Dedi Mulyadi" and said["Syaikhu"] == "Ahmad Syaikhu"
    assert "Nomor 4" not in said


def test_kpu_announcement_in_capitals_joined_by_dan(analyse):
    doc = analyse(
        "KPU Kabupaten Sragen menetapkan nomor urut pasangan calon.\n"
        "Pasangan Calon Nomor Urut 01: H. SIGIT PAMUNGKAS, S.H. dan SUROTO, S.Pd.\n"
        "Pasangan Calon Nomor Urut 02: Dr. KUSDINAR UNTUNG YUNI SUKOWATI dan JOKO SUPRAPTO, S.E.\n"
    )
    assert pairs(doc) == [(1, "Sigit Pamungkas", "Suroto"), (2, "Kusdinar Untung Yuni Sukowati", "Joko Suprapto")]


def test_number_drawn_after_the_pair(analyse):
    doc = analyse(
        "Hasil pengundian: SIGIT PAMUNGKAS-SUROTO mendapat nomor urut 1, KUSDINAR UNTUNG YUNI SUKOWATI-JOKO "
        "SUPRAPTO nomor urut 2. Sementara Budi Santoso-Ahmad Yani memperoleh nomor urut 3."
    )
    assert pairs(doc) == [(1, "Sigit Pamungkas", "Suroto"), (2, "Kusdinar Untung Yuni Sukowati", "Joko Suprapto"),
                          (3, "Budi Santoso", "Ahmad Yani")]


def test_headline_in_capitals_names_rivals(analyse):
    doc = analyse("DEBAT PILBUP SLEMAN: HARDA DAN KUSTINI ADU GAGASAN SOAL SAMPAH\nKedua calon bupati beradu gagasan.")
    assert doc.candidates == []


def test_headline_verb_after_a_dashed_pair_does_not_lengthen_the_name(analyse):
    doc = analyse(
        "Debat Pilkada Sleman: Harda-Danang Maharsa Bangun TPST di Tiap Kapanewon\n"
        "Pasangan nomor urut 1 Harda Kiswaya-Danang Maharsa berjanji membangun TPST."
    )
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa")]
    assert not any("Bangun" in a for a in doc.candidates[0].aliases)


@pytest.mark.parametrize("name", ["Cecep Nurul Yakin", "Budi Bangun"])
def test_a_word_that_is_also_a_name_ends_a_name_only_when_more_follows(analyse, name):
    doc = analyse(f"Pasangan calon nomor urut 1, Ahmad Syarif dan {name}, mendaftar ke KPU.")
    assert pairs(doc) == [(1, "Ahmad Syarif", name)]


def test_dan_inside_a_place_name_joins_nobody(analyse):
    # "Medan", "Madiun", "Sidan…": "dan" is a word, never the end of one
    doc = analyse(
        "Wawancara Eksklusif: Calon Wali Kota Medan Rico Waas\n"
        "Rico Waas yang berpasangan dengan Zakiyuddin Harahap maju di Pilkada Medan 2024.\n"
        "Apa prioritas Anda?\nSaya ingin Medan bebas banjir. Kami akan menormalisasi sungai."
    )
    assert pairs(doc) == [(None, "Rico Waas", "Zakiyuddin Harahap")]
    assert doc.kind == "campaign"


def test_incumbent_who_now_runs_with_a_new_deputy(analyse):
    doc = analyse("Petahana Bupati Klaten Sri Mulyani yang kini berpasangan dengan One Krisnata mendapat nomor urut 2.")
    assert pairs(doc) == [(2, "Sri Mulyani", "One Krisnata")]
    assert doc.candidates[0].incumbent is True


def test_a_candidates_column_is_campaign(analyse):
    doc = analyse(
        "Oleh: Budi Santoso, Calon Bupati Sleman\n\nSaya maju karena sampah tidak kunjung tertangani. Kami akan "
        "membangun TPST di setiap kapanewon bila terpilih dalam pilkada."
    )
    assert doc.kind == "campaign"
