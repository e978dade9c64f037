"""Candidate pairs as Indonesian news and KPU texts write them."""
from __future__ import annotations


def pairs(doc):
    return [(c.number, c.head, c.deputy) for c in doc.candidates]


def test_dash_pair_with_titles_number_and_alias(analyse):
    doc = analyse(
        "Dua pasangan calon bertarung: petahana nomor urut 1 Irna Narulita-Tanto Arban (Intan) dan "
        "penantangnya nomor urut 2 Thoni Mukson-Miftahul Tamamy (Thoni-Imat)."
    )
    assert pairs(doc) == [(1, "Irna Narulita", "Tanto Arban"), (2, "Thoni Mukson", "Miftahul Tamamy")]
    assert doc.candidates[0].aliases == ["Intan"] and doc.candidates[0].incumbent is True
    assert doc.candidates[1].aliases == ["Thoni-Imat"] and doc.candidates[1].incumbent is False


def test_and_pair_after_a_candidate_word_with_titles_and_parties(analyse):
    doc = analyse(
        "Pasangan calon nomor urut 1, Dr. H. Iwan Saputra, S.E., M.Si., dan Dede MuKsit Aly, Z.A, di usung oleh "
        "partai Golkar, PAN, dengan membawa Visi “Maju”. Sedangkan Pasangan Calon Nomor Urut 2, H. Cecep Nurul "
        "Yakin dan H. Asep Sopari Al-Ayubi, mereka di usung oleh Partai Gerindra, PKS, Demokrat dan PPP."
    )
    assert pairs(doc) == [(1, "Iwan Saputra", "Dede MuKsit Aly"), (2, "Cecep Nurul Yakin", "Asep Sopari Al-Ayubi")]
    assert doc.candidates[0].parties == ["Golkar", "PAN"]
    assert doc.candidates[1].parties == ["Gerindra", "PKS", "Demokrat", "PPP"]


def test_number_words(analyse):
    doc = analyse(
        "Pasangan kandidat nomor satu Djeli Massie dan Harry Pontoh membacakan visi. "
        "Kemudian kandidat nomor dua Jackson Kumaat dan Helmy Bahdar membawa visi lain."
    )
    assert pairs(doc) == [(1, "Djeli Massie", "Harry Pontoh"), (2, "Jackson Kumaat", "Helmy Bahdar")]


def test_numbered_head_whose_deputy_follows(analyse):
    doc = analyse(
        "Pasangan calon Wali kota Manado nomor tiga, Burhanudin tidak hadir pada rapat, Kamis.\n\n"
        "Visi misi hanya disampaikan wakilnya yakni Jakobus Mawuntu."
    )
    assert pairs(doc) == [(3, "Burhanudin", "Jakobus Mawuntu")]


def test_dash_list_and_short_pair_names_become_aliases(analyse):
    doc = analyse(
        "Keempat pasangan calon (paslon) yang akan berlaga di Pilkada Bandung 2024 adalah:\n"
        "- Muhammad Farhan – Erwin\n- Arfi Rafnialdi – Yena Iskandar\n"
        "Bandung Utama ala Farhan-Erwin\nPasangan Muhammad Farhan dan Erwin mengusung visi.\n"
        "Bandung Bersih Versi Arfi-Yena\nArfi Rafnialdi dan Yena Iskandar mengusung visi."
    )
    assert pairs(doc) == [(None, "Muhammad Farhan", "Erwin"), (None, "Arfi Rafnialdi", "Yena Iskandar")]
    assert "Farhan-Erwin" in doc.candidates[0].aliases
    assert "Arfi-Yena" in doc.candidates[1].aliases


def test_first_form_wins_over_a_later_slip(analyse):
    doc = analyse(
        "Empat paslon:\n- Dandan Riza Wardana – Arif Wijaya\n"
        "Dandan Riza Wardana dan Dadan Drajat membawa visi Bandung Bermartabat."
    )
    assert pairs(doc) == [(None, "Dandan Riza Wardana", "Arif Wijaya")]


def test_fuller_form_completes_a_pair(analyse):
    doc = analyse(
        "Pilkada Kutim 2024 diikuti dua paslon bupati-wakil bupati Kutim, Kasmidi Bulang-Kinsu dan "
        "Ardiansyah-Mahyunadi. Paslon cabup dan cawabup nomor urut 1, Kasmidi Bulang dan Lulu Kinsu membeberkan program."
    )
    assert pairs(doc) == [(1, "Kasmidi Bulang", "Lulu Kinsu"), (None, "Ardiansyah", "Mahyunadi")]


def test_two_pairs_run_together(analyse):
    doc = analyse(
        "Paslon yang ditetapkan adalah Bobby Nasution-Surya Edy Rahmayadi-Hasan Basri Sagala. Kedua paslon akan "
        "bertarung.\nBerikut Visi Misi dan Program Paslon Bobby Nasution-Surya\nVISI\n"
    )
    assert pairs(doc) == [(None, "Bobby Nasution", "Surya"), (None, "Edy Rahmayadi", "Hasan Basri Sagala")]


def test_alias_before_atau_parties_and_returning_incumbent(analyse):
    doc = analyse(
        "Kandidat nomor urut 1 pasangan Tama Asli atau Taslim-Asgar Ali yang diusung Partai Nasdem, PSI dan PAN "
        "memiliki 7 program unggulan yang akan direalisasikan kelak kembali memimpin Morowali."
    )
    cand = doc.candidates[0]
    assert (cand.number, cand.head, cand.deputy, cand.parties) == (1, "Taslim", "Asgar Ali", ["NasDem", "PSI", "PAN"])
    assert cand.aliases == ["Tama Asli"] and cand.incumbent is True


def test_honorific_nicknames_and_numbers_given_at_the_end(analyse):
    doc = analyse(
        "Cawali nomor urut 1, Gus Juned menjawab pertanyaan panelis dalam debat. "
        "Cawali nomor urut 2, Ning Ita memberikan tanggapannya soal program di masa jabatannya yang sebelumnya. "
        "Diketahui, Paslon nomor urut 1, Junaedi Malik – Chusnun Amin diusung oleh Partai Kebangkitan Bangsa (PKB) "
        "sementara paslon nomor urut 2, Ika Puspitasari – Rachman Sidharta Arisandi diusung oleh Partai Nasdem, "
        "PAN, dan PDIP."
    )
    junaedi, ika = doc.candidates
    assert junaedi.aliases == ["Gus Juned"] and ika.aliases == ["Ning Ita"]
    assert junaedi.parties == ["PKB"] and ika.parties == ["NasDem", "PAN", "PDI Perjuangan"]
    assert (junaedi.incumbent, ika.incumbent) == (False, True)


def test_challenger_next_to_the_pair_even_when_the_incumbent_is_named(analyse):
    doc = analyse(
        "Pasangan Junaedi Malik–Khusnun Amin sebagai penantang calon petahana di Pilwali Mojokerto 2024 "
        "tak mau kalah. Paslon yang diusung partai tunggal, PKB, menyuguhkan visi."
    )
    assert doc.candidates[0].incumbent is False and doc.candidates[0].parties == ["PKB"]


def test_parties_named_over_several_sentences_for_one_pair(analyse):
    doc = analyse(
        "Pasangan calon Wali Kota Tangerang Selatan (Tangsel), Benyamin Davnie-Pilar Saga Ichsan kembali menjadi "
        "kontestan. Petahana diusung oleh Partai Golkar dan Gerindra. Partai politik nonparlemen yang ikut mendukung "
        "petahana adalah Hanura, Partai Buruh, dan Partai Bulan Bintang."
    )
    cand = doc.candidates[0]
    assert cand.parties == ["Golkar", "Gerindra", "Hanura", "Partai Buruh", "PBB"]
    assert cand.incumbent is True


def test_numbers_between_pairs_go_to_the_pair_that_claims_them_first(analyse):
    doc = analyse(
        "KPU menetapkan tiga pasangan calon gubernur: Ridwan Kamil-Suswono (RIDO) nomor urut 1, "
        "Dharma Pongrekun-Kun Wardana nomor urut 2, dan Pramono Anung-Rano Karno nomor urut 3."
    )
    assert [c.number for c in doc.candidates] == [1, 2, 3]
    assert doc.candidates[0].aliases == ["RIDO"]


def test_nickname_by_sapaan_and_short_names_used_alone(analyse):
    doc = analyse(
        "Paslon nomor urut 2 Munafri Arifuddin-Aliyah Mustika Ilham berkampanye. Appi, sapaan Munafri, berjanji. "
        "Menurut Aliyah, program itu penting."
    )
    assert {"Appi", "Munafri", "Aliyah"} <= set(doc.candidates[0].aliases)


def test_related_story_links_and_slogans_are_not_pairs(analyse):
    doc = analyse(
        "Pasangan Junaedi Malik–Khusnun Amin menyuguhkan visi.\n"
        "Baca Juga: Kampanye Pilwali Dimulai, Simak Visi Misi Ika Puspitasari-Sandi\n"
        "Pasangan Intan membawa visi 'Pandeglang Berkah, Berdaya Saing dan Sejahtera'."
    )
    assert pairs(doc) == [(None, "Junaedi Malik", "Khusnun Amin")]


def test_an_official_writing_in_the_first_person_is_no_pair(analyse):
    doc = analyse(
        "Mas Pj Wali Kota Mojokerto-Disway Mojokerto-\nSaya segera menjalin komunikasi dengan Bupati Mojokerto, "
        "Bu Ikfina Fatmati. Saya berterima kasih kepada Forkopimda. Ini menjadi konsen saya."
    )
    assert doc.candidates == [] and doc.kind == "statement"
    assert doc.region.name == "Kota Mojokerto" and doc.period is None


def test_rival_heads_listed_together_are_not_a_pair(analyse):
    doc = analyse(
        "Kedua calon bupati, Harda Kiswaya dan Kustini Sri Purnomo, beradu gagasan dalam debat. "
        "Paslon nomor urut 1 Harda Kiswaya-Danang Maharsa menjawab panelis."
    )
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa")]


def test_kpu_list_with_numbers_on_their_own_lines(analyse):
    doc = analyse(
        "DAFTAR PASANGAN CALON BUPATI DAN WAKIL BUPATI KLATEN TAHUN 2024\nNomor Urut 1\n"
        "Calon Bupati : Hj. Sri Mulyani\nCalon Wakil Bupati : Yoga Hardaya, S.H.\nNomor Urut 2\n"
        "Calon Bupati : Hamenang Wajar Ismoyo\nCalon Wakil Bupati : Benny Indra Ardhianto\n"
    )
    assert pairs(doc) == [(1, "Sri Mulyani", "Yoga Hardaya"), (2, "Hamenang Wajar Ismoyo", "Benny Indra Ardhianto")]
    assert doc.region.name == "Kabupaten Klaten" and doc.period == (2025, 2030)


def test_elected_pair_and_acronym_nickname(analyse):
    doc = analyse("Visi misi Wali Kota Surabaya terpilih Eri Cahyadi dan Armuji untuk periode 2025-2030.")
    assert pairs(doc) == [(None, "Eri Cahyadi", "Armuji")]
    doc = analyse(
        "Cagub Jabar nomor urut 4 Dedi Mulyadi, yang berpasangan dengan Erwan Setiawan, menjanjikan program. "
        "KDM, sapaan Dedi Mulyadi, berjanji membangun jalan."
    )
    assert pairs(doc) == [(4, "Dedi Mulyadi", "Erwan Setiawan")] and doc.candidates[0].aliases == ["KDM"]


def test_pairs_in_capitals_are_read_in_title_case(analyse):
    doc = analyse(
        "PENETAPAN NOMOR URUT PASANGAN CALON BUPATI DAN WAKIL BUPATI SLEMAN TAHUN 2024\n"
        "1. HARDA KISWAYA - DANANG MAHARSA\n2. Hj. KUSTINI SRI PURNOMO - SUKAMTO, S.H.\n"
    )
    assert pairs(doc) == [(1, "Harda Kiswaya", "Danang Maharsa"), (2, "Kustini Sri Purnomo", "Sukamto")]


def test_supporting_parties_and_running_again(analyse):
    doc = analyse(
        "Paslon nomor urut 2 Sutrisno-Slamet Riyadi kembali maju di Pilbup Kendal. "
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
    doc = analyse("Pasangan calon yang diusung PDIP dan Golkar, Harda Kiswaya dan Danang Maharsa, hadir.")
    assert pairs(doc) == [(None, "Harda Kiswaya", "Danang Maharsa")]
    assert doc.candidates[0].parties == ["PDI Perjuangan", "Golkar"]


def test_short_pair_name_in_a_headline_before_the_pair_is_introduced(analyse):
    doc = analyse(
        "Visi Misi dan Program Unggulan Benyamin-Pilar di Pilkada Tangsel 2024\n\n"
        "Tangerang Selatan, IDN Times - Pasangan calon Wali Kota dan calon Wakil Wali Kota Tangerang Selatan "
        "(Tangsel), Benyamin Davnie-Pilar Saga Ichsan kembali menjadi kontestan Pilkada Tangsel 2024."
    )
    assert pairs(doc) == [(None, "Benyamin Davnie", "Pilar Saga Ichsan")]
    assert doc.candidates[0].aliases == ["Benyamin-Pilar"] and doc.candidates[0].incumbent is True
    assert doc.region.name == "Kota Tangerang Selatan" and doc.period == (2025, 2030)


def test_office_and_place_before_each_name(analyse):
    doc = analyse("Paslon Bupati Sleman Harda Kiswaya dan Wakil Bupati Danang Maharsa berkampanye.")
    assert pairs(doc) == [(None, "Harda Kiswaya", "Danang Maharsa")]


def test_pair_nicknames_in_brackets_are_no_pairs_and_their_halves_name_the_pair(analyse):
    doc = analyse(
        "Debat publik pasangan calon Gubernur dan Wakil Gubernur Papua: paslon nomor urut 1 Benhur Tomi Mano-"
        "Constant Karma (BTM-CK) dan paslon nomor urut 2 Mathius D. Fakhiri-Aryoko Rumaropen (MARI-YO). "
        "Panelis bertanya. BTM menjawab soal pendidikan."
    )
    assert pairs(doc) == [(1, "Benhur Tomi Mano", "Constant Karma"), (2, "Mathius D. Fakhiri", "Aryoko Rumaropen")]
    assert doc.candidates[0].aliases == ["BTM-CK", "BTM"] and doc.candidates[1].aliases == ["MARI-YO"]


def test_list_numbers_are_ballot_numbers_only_under_a_numbering(analyse):
    doc = analyse("Empat pasangan calon berlaga di Pilkada Bandung 2024:\n1. Muhammad Farhan – Erwin\n2. Haru Suandharu – Dhani Wirianata\n")
    assert [c.number for c in doc.candidates] == [None, None]
