"""Candidate pairs as Indonesian news and KPU texts write them."""
from __future__ import annotations

import pytest


def pairs(doc):
    return [(c.number, c.head, c.deputy) for c in doc.candidates]


def test_dash_pair_with_titles_number_and_alias(analyse):
    doc = analyse(
        "Dua pasangan calon bertarung: petahana nomor urut 1 Wina Rosalina-Dedi Arman (Windi) dan "
        "penantangnya nomor urut 2 Rudi Maksum-Miftahul Huda (Rudi-Huda)."
    )
    assert pairs(doc) == [(1, "Wina Rosalina", "Dedi Arman"), (2, "Rudi Maksum", "Miftahul Huda")]
    assert doc.candidates[0].aliases == ["Windi"] and doc.candidates[0].incumbent is True
    assert doc.candidates[1].aliases == ["Rudi-Huda"] and doc.candidates[1].incumbent is False


def test_and_pair_after_a_candidate_word_with_titles_and_parties(analyse):
    doc = analyse(
        "Pasangan calon nomor urut 1, Dr. H. Irwan Hadiputra, S.E., M.Si., dan Dadang MuKhlis Aly, Z.A, di usung oleh "
        "partai Golkar, PAN, dengan membawa Visi “Maju”. Sedangkan Pasangan Calon Nomor Urut 2, H. Ucup Nurul "
        "Yakin dan H. Ujang Supardi Al-Ayubi, mereka di usung oleh Partai Gerindra, PKS, Demokrat dan PPP."
    )
    assert pairs(doc) == [(1, "Irwan Hadiputra", "Dadang MuKhlis Aly"), (2, "Ucup Nurul Yakin", "Ujang Supardi Al-Ayubi")]
    assert doc.candidates[0].parties == ["Golkar", "PAN"]
    assert doc.candidates[1].parties == ["Gerindra", "PKS", "Demokrat", "PPP"]


def test_number_words(analyse):
    doc = analyse(
        "Pasangan kandidat nomor satu Jefri Lumenta dan Hendra Pangkey membacakan visi. "
        "Kemudian kandidat nomor dua Stevanus Kawengian dan Rahmat Bakri membawa visi lain."
    )
    assert pairs(doc) == [(1, "Jefri Lumenta", "Hendra Pangkey"), (2, "Stevanus Kawengian", "Rahmat Bakri")]


def test_numbered_head_whose_deputy_follows(analyse):
    doc = analyse(
        "Pasangan calon Wali kota Manado nomor tiga, Syamsudin tidak hadir pada rapat, Kamis.\n\n"
        "Visi misi hanya disampaikan wakilnya yakni Yohanis Rumengan."
    )
    assert pairs(doc) == [(3, "Syamsudin", "Yohanis Rumengan")]


def test_dash_list_and_short_pair_names_become_aliases(analyse):
    doc = analyse(
        "Keempat pasangan calon (paslon) yang akan berlaga di Pilkada Bandung 2024 adalah:\n"
        "- Muhammad Fikri – Ervan\n- Arya Rahmandika – Yuni Iskandar\n"
        "Bandung Utama ala Fikri-Ervan\nPasangan Muhammad Fikri dan Erwin mengusung visi.\n"
        "Bandung Bersih Versi Arya-Yuni\nArya Rahmandika dan Yuni Iskandar mengusung visi."
    )
    assert pairs(doc) == [(None, "Muhammad Fikri", "Ervan"), (None, "Arya Rahmandika", "Yuni Iskandar")]
    assert "Fikri-Ervan" in doc.candidates[0].aliases
    assert "Arya-Yuni" in doc.candidates[1].aliases


def test_first_form_wins_over_a_later_slip(analyse):
    doc = analyse(
        "Empat paslon:\n- Dodi Rizki Wirawan – Arif Gunawan\n"
        "Dodi Rizki Wirawan dan Dadan Sudrajat membawa visi Bandung Bermartabat."
    )
    assert pairs(doc) == [(None, "Dodi Rizki Wirawan", "Arif Gunawan")]


def test_fuller_form_completes_a_pair(analyse):
    doc = analyse(
        "Pilkada Kutim 2024 diikuti dua paslon bupati-wakil bupati Kutim, Sarmidi Latang-Wonsu dan "
        "Ardianto-Mahyudin. Paslon cabup dan cawabup nomor urut 1, Sarmidi Latang dan Lala Wonsu membeberkan program."
    )
    assert pairs(doc) == [(1, "Sarmidi Latang", "Lala Wonsu"), (None, "Ardianto", "Mahyudin")]


def test_two_pairs_run_together(analyse):
    doc = analyse(
        "Paslon yang ditetapkan adalah Rudy Nasrun-Surya Edi Rahmanto-Hasan Bisri Siregar. Kedua paslon akan "
        "bertarung.\nBerikut Visi Misi dan Program Paslon Rudy Nasrun-Surya\nVISI\n"
    )
    assert pairs(doc) == [(None, "Rudy Nasrun", "Surya"), (None, "Edi Rahmanto", "Hasan Bisri Siregar")]


def test_alias_before_atau_parties_and_returning_incumbent(analyse):
    doc = analyse(
        "Kandidat nomor urut 1 pasangan Rama Sakti atau Ramli-Saktiawan Ali yang diusung Partai Nasdem, PSI dan PAN "
        "memiliki 7 program unggulan yang akan direalisasikan kelak kembali memimpin Morowali."
    )
    cand = doc.candidates[0]
    assert (cand.number, cand.head, cand.deputy, cand.parties) == (1, "Ramli", "Saktiawan Ali", ["NasDem", "PSI", "PAN"])
    assert cand.aliases == ["Rama Sakti"] and cand.incumbent is True


def test_honorific_nicknames_and_numbers_given_at_the_end(analyse):
    doc = analyse(
        "Cawali nomor urut 1, Gus Zubed menjawab pertanyaan panelis dalam debat. "
        "Cawali nomor urut 2, Ning Rita memberikan tanggapannya soal program di masa jabatannya yang sebelumnya. "
        "Diketahui, Paslon nomor urut 1, Zubaedi Karim – Rizal Fahmi diusung oleh Partai Kebangkitan Bangsa (PKB) "
        "sementara paslon nomor urut 2, Rika Puspaningrum – Fajar Wicaksono Adi diusung oleh Partai Nasdem, "
        "PAN, dan PDIP."
    )
    zubaedi, rika = doc.candidates
    assert zubaedi.aliases == ["Gus Zubed"] and rika.aliases == ["Ning Rita"]
    assert zubaedi.parties == ["PKB"] and rika.parties == ["NasDem", "PAN", "PDI Perjuangan"]
    assert (zubaedi.incumbent, rika.incumbent) == (False, True)


def test_challenger_next_to_the_pair_even_when_the_incumbent_is_named(analyse):
    doc = analyse(
        "Pasangan Zubaedi Karim–Rizal Fahmi sebagai penantang calon petahana di Pilwali Mojokerto 2024 "
        "tak mau kalah. Paslon yang diusung partai tunggal, PKB, menyuguhkan visi."
    )
    assert doc.candidates[0].incumbent is False and doc.candidates[0].parties == ["PKB"]


def test_parties_named_over_several_sentences_for_one_pair(analyse):
    doc = analyse(
        "Pasangan calon Wali Kota Tangerang Selatan (Tangsel), Bagus Darmawan-Pandu Satria Ichwan kembali menjadi "
        "kontestan. Petahana diusung oleh Partai Golkar dan Gerindra. Partai politik nonparlemen yang ikut mendukung "
        "petahana adalah Hanura, Partai Buruh, dan Partai Bulan Bintang."
    )
    cand = doc.candidates[0]
    assert cand.parties == ["Golkar", "Gerindra", "Hanura", "Partai Buruh", "PBB"]
    assert cand.incumbent is True


def test_numbers_between_pairs_go_to_the_pair_that_claims_them_first(analyse):
    doc = analyse(
        "KPU menetapkan tiga pasangan calon gubernur: Rudi Kamal-Suswanto (RUSU) nomor urut 1, "
        "Darma Pangaribuan-Kun Wardoyo nomor urut 2, dan Pramudya Anung-Rano Kurnia nomor urut 3."
    )
    assert [c.number for c in doc.candidates] == [1, 2, 3]
    assert doc.candidates[0].aliases == ["RUSU"]


def test_nickname_by_sapaan_and_short_names_used_alone(analyse):
    doc = analyse(
        "Paslon nomor urut 2 Mukhlis Arsyad-Aliyah Mustika Ilyas berkampanye. Uki, sapaan Mukhlis, berjanji. "
        "Menurut Aliyah, program itu penting."
    )
    assert {"Uki", "Mukhlis", "Aliyah"} <= set(doc.candidates[0].aliases)


def test_related_story_links_and_slogans_are_not_pairs(analyse):
    doc = analyse(
        "Pasangan Zubaedi Karim–Rizal Fahmi menyuguhkan visi.\n"
        "Baca Juga: Kampanye Pilwali Dimulai, Simak Visi Misi Rika Puspaningrum-Sandi\n"
        "Pasangan Windi membawa visi 'Pandeglang Berkah, Berdaya Saing dan Sejahtera'."
    )
    assert pairs(doc) == [(None, "Zubaedi Karim", "Rizal Fahmi")]


def test_an_official_writing_in_the_first_person_is_no_pair(analyse):
    doc = analyse(
        "Mas Pj Wali Kota Mojokerto-Disway Mojokerto-\nSaya segera menjalin komunikasi dengan Bupati Mojokerto, "
        "Bu Ifana Fatimah. Saya berterima kasih kepada Forkopimda. Ini menjadi konsen saya."
    )
    assert doc.candidates == [] and doc.kind == "statement"
    assert doc.region.name == "Kota Mojokerto" and doc.period is None


def test_rival_heads_listed_together_are_not_a_pair(analyse):
    # each is a candidate of his own pair; the one whose running mate is never named stands alone
    doc = analyse(
        "Kedua calon bupati, Hardi Kuswoyo dan Kartini Sri Rahayu, beradu gagasan dalam debat. "
        "Paslon nomor urut 1 Hardi Kuswoyo-Danu Mahendra menjawab panelis."
    )
    assert sorted(pairs(doc), key=str) == [(1, "Hardi Kuswoyo", "Danu Mahendra"), (None, "Kartini Sri Rahayu", None)]


def test_kpu_list_with_numbers_on_their_own_lines(analyse):
    doc = analyse(
        "DAFTAR PASANGAN CALON BUPATI DAN WAKIL BUPATI KLATEN TAHUN 2024\nNomor Urut 1\n"
        "Calon Bupati : Hj. Sri Wahyuni\nCalon Wakil Bupati : Yoga Pratama, S.H.\nNomor Urut 2\n"
        "Calon Bupati : Hananto Wijaya Ismaya\nCalon Wakil Bupati : Beni Indra Ardiansah\n"
    )
    assert pairs(doc) == [(1, "Sri Wahyuni", "Yoga Pratama"), (2, "Hananto Wijaya Ismaya", "Beni Indra Ardiansah")]
    assert doc.region.name == "Kabupaten Klaten" and doc.period == (2025, 2030)


def test_elected_pair_and_acronym_nickname(analyse):
    doc = analyse("Visi misi Wali Kota Surabaya terpilih Eko Saputro dan Armadi untuk periode 2025-2030.")
    assert pairs(doc) == [(None, "Eko Saputro", "Armadi")]
    doc = analyse(
        "Cagub Jabar nomor urut 4 Deni Mulyawan, yang berpasangan dengan Erwin Setiadi, menjanjikan program. "
        "KDM, sapaan Deni Mulyawan, berjanji membangun jalan."
    )
    assert pairs(doc) == [(4, "Deni Mulyawan", "Erwin Setiadi")] and doc.candidates[0].aliases == ["KDM"]


def test_pairs_in_capitals_are_read_in_title_case(analyse):
    doc = analyse(
        "PENETAPAN NOMOR URUT PASANGAN CALON BUPATI DAN WAKIL BUPATI SLEMAN TAHUN 2024\n"
        "1. HARDI KUSWOYO - DANU MAHENDRA\n2. Hj. KARTINI SRI RAHAYU - SUKARMAN, S.H.\n"
    )
    assert pairs(doc) == [(1, "Hardi Kuswoyo", "Danu Mahendra"), (2, "Kartini Sri Rahayu", "Sukarman")]


def test_supporting_parties_and_running_again(analyse):
    doc = analyse(
        "Paslon nomor urut 2 Sutarno-Slamet Riyanto kembali maju di Pilbup Kendal. "
        "Partai pengusung mereka adalah Partai Golkar dan PKS."
    )
    cand = doc.candidates[0]
    assert cand.parties == ["Golkar", "PKS"] and cand.incumbent is True


def test_places_and_promises_after_a_candidate_word_are_not_pairs(analyse):
    doc = analyse(
        "Pasangan calon nomor urut 1 berjanji memperlebar Tol Jakarta-Cikampek dan Jalan Raya Bogor-Ciawi. "
        "Pasangan calon nomor urut 1 berjanji membangun Taman Sari dan Kebun Raya."
    )
    assert doc.candidates == []
    doc = analyse("Pasangan calon yang diusung PDIP dan Golkar, Hardi Kuswoyo dan Danu Mahendra, hadir.")
    assert pairs(doc) == [(None, "Hardi Kuswoyo", "Danu Mahendra")]
    assert doc.candidates[0].parties == ["PDI Perjuangan", "Golkar"]


def test_short_pair_name_in_a_headline_before_the_pair_is_introduced(analyse):
    doc = analyse(
        "Visi Misi dan Program Unggulan Bagus-Pandu di Pilkada Tangsel 2024\n\n"
        "Tangerang Selatan, IDN Times - Pasangan calon Wali Kota dan calon Wakil Wali Kota Tangerang Selatan "
        "(Tangsel), Bagus Darmawan-Pandu Satria Ichwan kembali menjadi kontestan Pilkada Tangsel 2024."
    )
    assert pairs(doc) == [(None, "Bagus Darmawan", "Pandu Satria Ichwan")]
    assert doc.candidates[0].aliases == ["Bagus-Pandu"] and doc.candidates[0].incumbent is True
    assert doc.region.name == "Kota Tangerang Selatan" and doc.period == (2025, 2030)


def test_office_and_place_before_each_name(analyse):
    doc = analyse("Paslon Bupati Sleman Hardi Kuswoyo dan Wakil Bupati Danu Mahendra berkampanye.")
    assert pairs(doc) == [(None, "Hardi Kuswoyo", "Danu Mahendra")]


def test_pair_nicknames_in_brackets_are_no_pairs_and_their_halves_name_the_pair(analyse):
    doc = analyse(
        "Debat publik pasangan calon Gubernur dan Wakil Gubernur Papua: paslon nomor urut 1 Bernard Tomi Mansoben-"
        "Constan Kambu (BTM-CK) dan paslon nomor urut 2 Markus D. Fakdawer-Aryanto Rumbiak (MARI-YO). "
        "Panelis bertanya. BTM menjawab soal pendidikan."
    )
    assert pairs(doc) == [(1, "Bernard Tomi Mansoben", "Constan Kambu"), (2, "Markus D. Fakdawer", "Aryanto Rumbiak")]
    assert doc.candidates[0].aliases == ["BTM-CK", "BTM"] and doc.candidates[1].aliases == ["MARI-YO"]


def test_list_numbers_are_ballot_numbers_only_under_a_numbering(analyse):
    doc = analyse("Empat pasangan calon berlaga di Pilkada Bandung 2024:\n1. Muhammad Fikri – Ervan\n2. Haris Suhendar – Dani Wiranata\n")
    assert [c.number for c in doc.candidates] == [None, None]


# --- titles and degrees written without dots or commas ------------------------------------------------

@pytest.mark.parametrize("text, head, deputy", [
    ("Pasangan calon Bupati dan Wakil Bupati Lahat nomor urut 2 adalah H Budiman Syahputra dan "
     "H Joni Saputra, S.T., M.Si. Mereka diusung PKB.", "Budiman Syahputra", "Joni Saputra"),
    ("Pasangan calon nomor urut 2, KH Abdul Somad dan Ir Bambang Irawan, mendaftar ke KPU.", "Abdul Somad", "Bambang Irawan"),
    ("Paslon nomor urut 2 yakni Drs. H.M. Rasman Hamid, M.M., dan Hj. Nurlela Sari, S.Sos., M.Si. diusung PKB.",
     "Rasman Hamid", "Nurlela Sari"),
])
def test_titles_without_dots_before_the_names(analyse, text, head, deputy):
    doc = analyse(text)
    assert pairs(doc) == [(2, head, deputy)] and doc.candidates[0].parties in ([], ["PKB"])


@pytest.mark.parametrize("text", [
    "Pasangan calon nomor urut 3, Ir H Abdul Somad MT dan HM Bambang Irawan SH mendaftar ke KPU.",
    "Paslon nomor urut 3, Abdul Somad SE MM dan Bambang Irawan SH mendaftar ke KPU.",
    "Tiga pasangan calon lolos verifikasi, yaitu:\n3. Abdul Somad, SH., MH – Bambang Irawan, SE\n",
])
def test_degrees_written_without_a_comma_or_before_a_dash(analyse, text):
    assert [(c.head, c.deputy) for c in analyse(text).candidates] == [("Abdul Somad", "Bambang Irawan")]


# --- "Wakilnya" is a role, a pair's joint nickname is no pair ------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("Berikut program pasangan Calon Walikota Cimahi Ratna Dewi dan Wakilnya Subagja Hidayat pada Pilkada 2024.", None),
    ("Pasangan calon Ratna Dewi dan Pasangannya Subagja Hidayat berkampanye di Cimahi.", None),
    ("Calon Walikota Cimahi nomor urut 3 Ratna Dewi dan Wakilnya, Subagja Hidayat, berkampanye di pasar.", 3),
])
def test_wakilnya_names_the_running_mate_and_is_no_name(analyse, text, number):
    assert pairs(analyse(text)) == [(number, "Ratna Dewi", "Subagja Hidayat")]


@pytest.mark.parametrize("text, nickname", [
    ("Program Calon Walikota Cimahi dan Wakil Dewi-Bagja Pada Pilkada Kota Cimahi\n"
     "Berikut program pasangan Calon Walikota Cimahi Ratna Dewi dan Wakilnya Subagja Hidayat. "
     "Dewi-Bagja akan membangun pasar.", "Dewi-Bagja"),
    ("Pasangan nomor urut 1 Ratna Dewi-Subagja Hidayat mendaftar ke KPU. Ratna-Bagja berjanji membangun pasar.",
     "Ratna-Bagja"),
])
def test_a_joint_nickname_of_two_short_names_is_the_pairs_alias(analyse, text, nickname):
    doc = analyse(text)
    assert [(c.head, c.deputy) for c in doc.candidates] == [("Ratna Dewi", "Subagja Hidayat")]
    assert nickname in doc.candidates[0].aliases


# --- a ballot number said in a later sentence ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Dari tiga kontestan, pasangan calon Hendra Yatim-Rina Manopo (Hera) paling kecil dukungannya. "
    "Bukan berarti paslon bernomor urut 2 di Pilkada Banggai ini kalah sebelum bertarung.",
    "Pasangan calon Bupati dan Wakil Bupati Kutai Barat, Hendra Yatim dan Rina Manopo, terus berkampanye.\n"
    "Dalam kampanye terbaru paslon dengan nomor urut 2 atau yang akrab disapa Hera berjanji menaikkan gaji RT.",
])
def test_the_ballot_number_of_the_only_pair_in_a_later_sentence(analyse, text):
    assert pairs(analyse(text)) == [(2, "Hendra Yatim", "Rina Manopo")]


def test_a_later_sentence_that_points_back_numbers_the_pair_named_before_it(analyse):
    doc = analyse(
        "Debat diikuti pasangan Hendra Yatim-Rina Manopo dan pasangan Dodi Saputra-Ani Lestari. Dodi Saputra "
        "tampil percaya diri. Pasangan nomor urut 3 ini mengenakan kemeja biru."
    )
    assert pairs(doc) == [(None, "Hendra Yatim", "Rina Manopo"), (3, "Dodi Saputra", "Ani Lestari")]


@pytest.mark.parametrize("text", [
    "Pasangan calon Hendra Yatim-Rina Manopo berkampanye. Sementara paslon nomor urut 2 berkampanye di pasar.",
    "Pasangan calon Hendra Yatim-Rina Manopo berkampanye. Paslon nomor urut 1 dan 2 hadir dalam debat.",
    "Pasangan calon Hendra Yatim-Rina Manopo berkampanye. Paslon nomor urut 2 hadir, paslon nomor urut 3 absen.",
])
def test_a_number_said_of_another_or_of_several_pairs_is_not_taken(analyse, text):
    assert pairs(analyse(text)) == [(None, "Hendra Yatim", "Rina Manopo")]


# --- candidates named by the office they run for ---------------------------------------------------------

def test_a_debate_between_numbered_heads_without_running_mates(analyse):
    doc = analyse(
        "Debat pasangan Calon Bupati Malang dan Calon Wakil Bupati Malang digelar Jumat (30/10/2020).\n"
        "Calon Bupati Malang nomor urut 1, Ahmad Fauzan kerap membanggakan pembangunan hotel.\n"
        "Sementara itu, Calon Bupati Malang nomor urut 2, Rina Lestari berujar tentang pendidikan.\n"
        "Di sisi lain, Calon Bupati Malang nomor urut 3, Hendra Wijaya menyatakan siap. Panelis bertanya soal "
        "kesejahteraan, moderator menutup debat."
    )
    assert pairs(doc) == [(1, "Ahmad Fauzan", None), (2, "Rina Lestari", None), (3, "Hendra Wijaya", None)]
    assert doc.kind == "debate"


@pytest.mark.parametrize("text, expected", [
    ("Calon Bupati Sidrap, Muh Yusuf Hamdan alias Oji, berdiri di hadapan para petani.", [(None, "Muh Yusuf Hamdan", None)]),
    ("Calon Gubernur Jawa Timur nomor urut 2, Rina Lestari mengatakan Jawa Timur siap menjadi gerbang Nusantara.",
     [(2, "Rina Lestari", None)]),
    ("Debat publik perdana dua Calon Gubernur Kalimantan Selatan, Ahmad Fauzan dan Hendra Wijaya, digelar KPU.",
     [(None, "Ahmad Fauzan", None), (None, "Hendra Wijaya", None)]),
    ("Debat calon gubernur Jambi Ahmad Fauzan (AF) dan Hendra Wijaya (HW) berlangsung panas. Kedua calon "
     "gubernur ini saling sindir.", [(None, "Ahmad Fauzan", None), (None, "Hendra Wijaya", None)]),
])
def test_heads_named_by_the_office_they_run_for(analyse, text, expected):
    assert pairs(analyse(text)) == expected


@pytest.mark.parametrize("text", [
    "Kandidat Gubernur Ahmad Fauzan dan Hendra Wijaya menunjukkan kualitas mumpuni saat debat.",
    "Bakal Calon Gubernur Ahmad Fauzan dan calon wakil gubernur Papua Pegunungan Hendra Wijaya mendaftar ke KPU.",
])
def test_a_head_and_the_running_mate_after_the_office(analyse, text):
    assert pairs(analyse(text)) == [(None, "Ahmad Fauzan", "Hendra Wijaya")]


def test_a_headline_in_title_case_is_no_place_for_a_name(analyse):
    doc = analyse("Debat Cagub Pertama Sumsel Dianggap Tak Komprehensif Oleh Pengamat Politik\nDebat digelar KPU.")
    assert doc.candidates == []


@pytest.mark.parametrize("text", [
    "Calon Bupati Musi Banyuasin Tono Rahmat menegaskan komitmennya. Pasangan Tono-Rohadi memaparkan program.",
    "Debat dua Calon Bupati Musi Banyuasin, Tono Rahmat dan Budi Santoso, digelar. Tono yang berpasangan dengan "
    "cawabup Rohadi memaparkan tujuh misi.",
])
def test_a_short_head_takes_the_full_name_said_with_the_office(analyse, text):
    assert pairs(analyse(text))[0] == (None, "Tono Rahmat", "Rohadi")


# --- more ways a running mate is introduced ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Ahmad Fauzan dilantik bersama wakilnya, Hendra Wijaya, di Istana Kepresidenan.",
    "Ahmad Fauzan yang merupakan calon Walikota berpasangan dengan Hendra Wijaya memaparkan empat program.",
    "Untuk misi, Ahmad Fauzan yang berpasangan dengan cawagub Hendra Wijaya memaparkan tujuh poin.",
])
def test_running_mate_phrases(analyse, text):
    assert pairs(analyse(text)) == [(None, "Ahmad Fauzan", "Hendra Wijaya")]


def test_a_number_pointing_back_past_a_name_and_its_short_form(analyse):
    # the head, its short form and the pair name all start at the same place
    doc = analyse(
        "Pasangan Tono Rahmat-Budi Santoso dan pasangan Dodi Saputra-Ani Lestari mendaftar. Tono Rahmat (Tono) "
        "hadir lebih dulu. Pasangan nomor urut 2 ini mengenakan kemeja putih."
    )
    assert pairs(doc)[0] == (2, "Tono Rahmat", "Budi Santoso")


# --- parties and lists --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, parties", [
    ("Pasangan calon Ahmad Fauzan dan Hendra Wijaya berkampanye. Mereka didampingi partai pendukungnya yakni "
     "Partai Golkar dan PAN.", ["Golkar", "PAN"]),
    ("Pasangan calon Ahmad Fauzan-Hendra Wijaya disokong Partai Gerindra, PKB, dan PKS.", ["Gerindra", "PKB", "PKS"]),
    ("Pasangan calon Ahmad Fauzan-Hendra Wijaya mendaftar. Deklarasi diikuti partai politik yang mengusung mereka, "
     "yakni Demokrat, PPP dan Buruh.", ["Demokrat", "PPP", "Partai Buruh"]),
])
def test_more_ways_to_say_which_parties_back_a_pair(analyse, text, parties):
    assert analyse(text).candidates[0].parties == parties


@pytest.mark.parametrize("joiner", ["serta", "dan"])
def test_two_dashed_pairs_listed_after_a_candidate_word(analyse, joiner):
    doc = analyse(
        f"Pilkada kian sengit dengan adu program dari dua pasangan calon bupati dan wakil bupati: Ahmad Fauzan-Rina "
        f"Lestari {joiner} Hendra Wijaya-Ani Suryani. Masing-masing membawa visi."
    )
    assert pairs(doc) == [(None, "Ahmad Fauzan", "Rina Lestari"), (None, "Hendra Wijaya", "Ani Suryani")]


@pytest.mark.parametrize("text", [
    "Visi itu disampaikan Bakal Calon Bupati Kabupaten Mimika periode 2024-2029 Ahmad Fauzan. Untuk diketahui, "
    "Ahmad maju sebagai Bakal Calon Bupati Mimika bersama Rina Lestari selaku wakilnya dengan nomor urut 2.",
    "Ahmad Fauzan resmi maju sebagai calon bupati bersama Rina Lestari sebagai wakilnya, dengan nomor urut 2.",
])
def test_a_running_mate_said_with_selaku_wakilnya_and_the_number_after(analyse, text):
    assert pairs(analyse(text)) == [(2, "Ahmad Fauzan", "Rina Lestari")]


@pytest.mark.parametrize("text", [
    "Kandidat Gubernur Ahmad Fauzan dan Rina Lestari menunjukkan kualitas saat debat. Ahmad dan Rina Lestari "
    "yang adalah pasangan petahana nomor urut 3 tampak menguasai materi.",
    "Pasangan calon Ahmad Fauzan-Rina Lestari hadir. Ahmad Fauzan dan Rina Lestari, yang merupakan paslon "
    "nomor urut 3, menjawab panelis.",
])
def test_the_number_said_of_a_pair_in_a_relative_clause(analyse, text):
    assert pairs(analyse(text)) == [(3, "Ahmad Fauzan", "Rina Lestari")]


@pytest.mark.parametrize("text, number", [
    ("Jakarta: Pasangan calon nomor urut 1 di Pemilihan Gubernur\nPapua Barat Daya, Ahmad Fauzan-Rina Lestari "
     "menyampaikan visi, misi, serta program kerja.", 1),
    ("Kemarin pasangan calon bupati dan wakil bupati\nSleman, Ahmad Fauzan dan Rina Lestari, mendaftar ke KPU.", None),
])
def test_a_sentence_wrapped_over_two_lines_keeps_its_candidate_word(analyse, text, number):
    assert pairs(analyse(text)) == [(number, "Ahmad Fauzan", "Rina Lestari")]


def test_a_headline_above_is_no_candidate_word_for_the_line_below(analyse):
    assert analyse("Debat Pilbup Sleman Bahas Sampah Dan Banjir\nAhmad Fauzan dan Rina Lestari hadir.").candidates == []


@pytest.mark.parametrize("text", [
    "Di hadapan ratusan kader PKS, Ahmad Fauzan memaparkan visinya sebagai bakal calon Gubernur yakni Riau maju.",
    "Ahmad Fauzan resmi mendaftar sebagai calon bupati ke KPU Kampar, Kamis.",
])
def test_a_candidate_said_to_run_as_a_head(analyse, text):
    assert pairs(analyse(text)) == [(None, "Ahmad Fauzan", None)]


def test_running_as_deputy_makes_no_head(analyse):
    assert analyse("Ahmad Fauzan resmi mendaftar sebagai calon wakil bupati ke KPU Kampar.").candidates == []


@pytest.mark.parametrize("marker", [".", ")"])
def test_a_numbered_list_of_pairs_with_each_pairs_visi_and_misi_between(analyse, marker):
    misi = "".join(f"– Mewujudkan tata kelola pemerintahan yang bersih dan melayani bagian {i},\n" for i in range(8))
    doc = analyse(
        "Berikut visi misi ketiga pasangan calon Bupati dan Wakil Bupati yang sudah mendaftar ke KPU.\n"
        f"1{marker} Ahmad Fauzan, SH., MH – Rina Lestari, SE\nVisi;\nMaju dan Sejahtera\nMisi;\n{misi}"
        f"2{marker} Hendra Wijaya – Ani Suryani, S.T., MM\nVisi;\nBerbudaya\nMisi;\n{misi}"
        f"3{marker} Dodi Saputra – Budi Santoso\nVisi;\nMandiri\n"
    )
    assert [(c.head, c.deputy) for c in doc.candidates] == [
        ("Ahmad Fauzan", "Rina Lestari"), ("Hendra Wijaya", "Ani Suryani"), ("Dodi Saputra", "Budi Santoso")]


@pytest.mark.parametrize("text, parties", [
    ("Calon bupati Ahmad Fauzan hadir di acara PKS. Kehadirannya menimbulkan spekulasi untuk mencari dukungan PKS. "
     "Dia sudah mengantongi satu tiket dari Partai Amanat Nasional.", ["PAN"]),
    ("Pasangan calon Ahmad Fauzan-Rina Lestari berharap didukung Partai Golkar. Mereka diusung PDIP dan PKB.",
     ["PDI Perjuangan", "PKB"]),
])
def test_support_sought_is_no_support(analyse, text, parties):
    assert analyse(text).candidates[0].parties == parties


@pytest.mark.parametrize("text", [
    "Petahana tampak menguasai materi ketimbang paslon nomor 1 Dodi Saputra - Budi Santoso (DOBU) dan Ahmad Fauzan "
    "dan Rina Lestari (AFRI) yang tampak kurang siap.",
    "Debat diikuti pasangan calon Dodi Saputra-Budi Santoso serta Ahmad Fauzan dan Rina Lestari.",
])
def test_a_pair_joined_by_dan_after_a_dashed_pair_in_a_list(analyse, text):
    assert [(c.head, c.deputy) for c in analyse(text).candidates] == [("Dodi Saputra", "Budi Santoso"), ("Ahmad Fauzan", "Rina Lestari")]


@pytest.mark.parametrize("text", [
    "Palembang, Warta Sumsel- Pasangan Tono Rahmat-Rudi Hartono menekankan program daerah.",
    "Kupang, Suara Flobamora – Paslon Tono Rahmat-Rudi Hartono berkampanye di pasar.",
])
def test_a_dateline_glued_to_the_pair_by_a_dash(analyse, text):
    assert [(c.head, c.deputy) for c in analyse(text).candidates] == [("Tono Rahmat", "Rudi Hartono")]
