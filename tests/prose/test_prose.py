"""The prose stage's clause and speaker machinery on short passages written for the test.

These passages test who speaks, where a promise starts and ends, and what the cue words say; they run with the
cue words deciding (``set_model(False)``), so that they test the rules and not the learned model's weights. What
the learned model decides is tested in test_model.py, and measured on the gold documents by the score tests.
"""
from __future__ import annotations

import pytest

from janji.document import Candidate, Document, Item, Source
from janji.facts import find_mentions
from janji.prose import prose, set_model


@pytest.fixture(autouse=True)
def cue_words_decide():
    set_model(False)
    yield
    set_model(None)


def pairs() -> list[Candidate]:
    return [Candidate("Budi Santoso", "Agus Salim", number=1), Candidate("Rina Marlina", "Hendra Gunawan", number=2)]


def run(text: str, kind: str = "debate", candidates: list[Candidate] | None = None,
        items: list[Item] | None = None) -> Document:
    doc = Document(Source("uji.txt"), text=text, kind=kind,
                   candidates=pairs() if candidates is None else candidates, items=list(items or []))
    find_mentions(doc)  # the facts stage's part: where the text names each pair
    prose(doc)
    return doc


def found(doc: Document) -> list[tuple[str, str | None, str | None, str]]:
    return [(i.kind, i.speaker, i.candidate, i.text) for i in doc.items if i.kind in ("commitment", "claim")]


def test_reported_speech_names_the_speaker_and_drops_the_speech_verb():
    doc = run("Calon wali kota nomor urut 2, Rina Marlina mengatakan pihaknya akan membangun 50 pasar rakyat.")
    assert found(doc) == [("commitment", "Rina Marlina", "Rina Marlina", "pihaknya akan membangun 50 pasar rakyat")]


def test_direct_quote_is_attributed_by_the_name_after_it():
    doc = run("“Kami akan menggratiskan biaya sekolah hingga SMA bagi semua anak,” kata Budi.")
    assert found(doc) == [("commitment", "Budi", "Budi Santoso",
                           "Kami akan menggratiskan biaya sekolah hingga SMA bagi semua anak")]


def test_moderators_question_is_no_promise_but_the_answer_is():
    doc = run("Moderator bertanya kepada paslon nomor urut 1 apa yang akan dilakukan untuk mengatasi banjir.\n"
              "Budi Santoso menjawab pihaknya akan menormalisasi sungai dan membangun tanggul baru.")
    got = found(doc)
    assert len(got) == 1
    assert got[0][:3] == ("commitment", "Budi Santoso", "Budi Santoso")
    assert "menormalisasi sungai" in got[0][3] and "Moderator" not in got[0][3]


def test_question_mark_sentence_is_skipped():
    doc = run("Budi Santoso bertanya balik, apakah pasangan nomor 2 akan menaikkan pajak daerah?")
    assert found(doc) == []


def test_claim_versus_promise():
    doc = run("“Kami sudah membangun 20 puskesmas baru selama lima tahun terakhir,” ujar Rina Marlina.\n"
              "Ke depan, Rina berjanji akan menambah 10 puskesmas di wilayah pinggiran.")
    kinds = [(k, cand) for k, _, cand, _ in found(doc)]
    assert kinds == [("claim", "Rina Marlina"), ("commitment", "Rina Marlina")]


def test_relative_clause_about_others_is_not_a_claim():
    doc = run("Budi Santoso dan Agus Salim hadir di balai kota.\n"
              "Pasangan ini berkomitmen untuk melanjutkan program yang telah berjalan di kota ini.\n",
              kind="campaign", candidates=[Candidate("Budi Santoso", "Agus Salim")])
    assert [(k, s) for k, s, *_ in found(doc)] == [("commitment", "Budi Santoso")]


def test_a_pronoun_with_nobody_named_before_has_no_speaker_and_no_item():
    doc = run("Pasangan ini berkomitmen untuk melanjutkan program pembangunan di kota ini.\n", kind="campaign")
    assert found(doc) == []


def test_pronoun_carries_the_speaker_across_sentences():
    doc = run("Paslon nomor urut 1, Budi Santoso, hadir bersama pendukungnya.\n"
              "Ia berjanji akan memperbaiki jalan desa sepanjang 100 km dalam dua tahun.\n"
              "“Semua jalan rusak akan kami perbaiki tanpa kecuali,” tambahnya.")
    got = found(doc)
    assert [(s, c) for _, s, c, _ in got] == [("Budi Santoso", "Budi Santoso")] * 2


def test_two_speakers_alternating():
    doc = run("“Kami akan membuka 10 ribu lapangan kerja baru,” kata Budi Santoso.\n"
              "“Kami sudah menurunkan angka pengangguran menjadi 5 persen,” kata Rina Marlina.\n"
              "“Pelatihan kerja akan kami perluas ke semua kelurahan,” ujarnya.\n"
              "Budi menambahkan bahwa ia akan memberi modal usaha bagi 1.000 UMKM.")
    assert [c for _, _, c, _ in found(doc)] == ["Budi Santoso", "Rina Marlina", "Rina Marlina", "Budi Santoso"]


def test_officials_and_journalists_do_not_promise():
    doc = run("Pilkada Kota Sukamaju akan digelar pada 27 November 2024.\n"
              "\"Kami berharap debat berjalan damai dan semua pihak akan menjaga ketertiban,\" kata Ketua KPU "
              "Kota Sukamaju, Ahmad Yani.\n"
              "Kedua paslon akan bertarung memperebutkan suara warga.")
    assert found(doc) == []


def test_candidate_only_when_several_pairs():
    doc = run("“Kami akan membangun taman kota di setiap kecamatan,” kata Budi.",
              kind="campaign", candidates=[Candidate("Budi Santoso", "Agus Salim")])
    assert found(doc) == [("commitment", "Budi", None, "Kami akan membangun taman kota di setiap kecamatan")]


def test_op_ed_author_speaks_and_claims():
    text = ("Pj Bupati Sukamaju\n\n"
            "Penurunan stunting harus menjadi gerakan bersama seluruh perangkat daerah.\n"
            "Tahun lalu kami berhasil menurunkan angka stunting menjadi 12 persen.\n"
            "Ini harga mati.")
    doc = run(text, kind="statement", candidates=[])
    assert found(doc) == [
        ("commitment", "Pj Bupati Sukamaju", None, "Penurunan stunting harus menjadi gerakan bersama seluruh perangkat daerah"),
        ("claim", "Pj Bupati Sukamaju", None, "Tahun lalu kami berhasil menurunkan angka stunting menjadi 12 persen"),
    ]


def test_plans_yield_no_prose():
    doc = run("Pemerintah daerah akan meningkatkan kualitas layanan kesehatan dasar.", kind="plan", candidates=[])
    assert found(doc) == []


def test_listed_items_are_not_repeated_as_prose_and_order_is_kept():
    text = ("Budi Santoso akan membangun 5 SMP Negeri baru.\n"
            "1. Pembangunan jalan desa\n"
            "“Kami akan menambah 100 bus sekolah,” kata Budi Santoso.")
    listed = Item("program", "Budi Santoso akan membangun 5 SMP Negeri baru", span=(0, 46))
    second = Item("program", "Pembangunan jalan desa", label="1", span=(50, 72))
    doc = run(text, kind="campaign", candidates=[Candidate("Budi Santoso", "Agus Salim")], items=[listed, second])
    assert [i.kind for i in doc.items] == ["program", "program", "commitment"]
    assert doc.items[2].text == "Kami akan menambah 100 bus sekolah"


def test_running_twice_does_not_duplicate():
    doc = run("“Kami akan menambah 100 bus sekolah,” kata Budi Santoso.")
    prose(doc)
    assert len(found(doc)) == 1


def test_debate_programme_run_is_read_as_commitments_only_in_debates():
    text = ("Paslon nomor urut 1, Budi Santoso membeberkan program unggulannya.\n"
            "Mulai dari pembangunan jalan lingkungan di setiap kelurahan.\n"
            "Selanjutnya, peningkatan insentif guru ngaji dan guru honorer.")
    debate = found(run(text))
    assert [(k, c) for k, _, c, _ in debate] == [("commitment", "Budi Santoso")] * 2
    assert debate[0][3] == "pembangunan jalan lingkungan di setiap kelurahan"
    assert found(run(text, kind="campaign")) == []


def test_aliases_are_learned_from_the_text():
    text = ("Cawali nomor urut 1, Gus Budi menjawab pihaknya berencana membuat aplikasi layanan publik.\n"
            "Pasangan Rina Marlina-Hendra Gunawan (Rinaldi) menjawab.")
    doc = run(text)
    assert "Gus Budi" in doc.candidates[0].aliases
    assert "Rinaldi" in doc.candidates[1].aliases
    assert found(doc)[0][:3] == ("commitment", "Gus Budi", "Budi Santoso")


def test_speaker_named_only_by_ballot_number_is_the_pairs_head():
    doc = run("Paslon nomor urut 2 menegaskan pihaknya akan menghapus pungutan liar di pasar.")
    assert found(doc)[0][1:3] == ("Rina Marlina", "Rina Marlina")


def test_honorific_nickname_from_a_fragment_of_the_name():
    doc = run("Ning Rina menegaskan pihaknya akan menghapus pungutan liar di semua pasar.")
    assert "Ning Rina" in doc.candidates[1].aliases
    assert found(doc)[0][1:3] == ("Ning Rina", "Rina Marlina")


def test_two_pairs_as_one_subject_speak_for_nobody():
    doc = run("Budi Santoso dan Rina Marlina sama-sama berjanji akan memperbaiki layanan puskesmas.")
    assert found(doc) == []


def test_campaign_team_is_not_the_candidate():
    doc = run("“Program pasar murah akan kami gelar setiap bulan,” kata Ketua Tim Pemenangan Budi Santoso, Slamet.")
    assert found(doc) == []


def test_election_talk_is_no_promise():
    doc = run("Budi Santoso yakin akan meraih suara terbanyak di semua kecamatan.\n"
              "“Kami siap mengikuti semua tahapan dengan tertib,” ujarnya.")
    assert found(doc) == []


def test_first_person_op_ed_under_a_byline_is_read_as_a_statement():
    text = ("Oleh: Pj Wali Kota Sukamaju\n"
            "Sejak dilantik, kami telah menuntaskan perbaikan 120 km jalan kota.\n"
            "Ke depan, kami akan memperkuat BUMDes agar menyerap tenaga kerja lokal.")
    doc = run(text, kind="campaign", candidates=[])
    assert [(k, s) for k, s, *_ in found(doc)] == [("claim", "Pj Wali Kota Sukamaju"),
                                                    ("commitment", "Pj Wali Kota Sukamaju")]
    doc = Document(Source("uji.txt"), text=text, kind="campaign", kind_forced=True)
    prose(doc)
    assert found(doc) == []  # `--kind campaign` is respected


def test_speaker_is_the_pair_named_before_the_promise_not_after():
    doc = run("Calon wali kota nomor urut 1, Budi Santoso, menyebut air bersih menjadi prioritas utama "
              "pasangan Budi-Agus.")
    assert found(doc) == [("commitment", "Budi Santoso", "Budi Santoso",
                           "air bersih menjadi prioritas utama pasangan Budi-Agus")]


def test_epithet_frame_is_stripped_and_points_back():
    doc = run("Rina Marlina hadir di arena debat.\n"
              "Mantan Kepala Dinas Pendidikan itu menambahkan, pihaknya akan membangun 35 sekolah unggulan.")
    assert found(doc) == [("commitment", "Rina Marlina", "Rina Marlina", "pihaknya akan membangun 35 sekolah unggulan")]


def test_a_rebuttal_in_quotes_is_no_promise():
    doc = run("“Program itu tidak realistis dan sulit diwujudkan,” kata Budi Santoso.")
    assert found(doc) == []


def test_menurutnya_carries_the_speaker_and_is_not_part_of_the_promise():
    doc = run("Rina Marlina hadir di arena debat.\n"
              "Menurutnya, pemkot juga akan menambah beasiswa untuk 20 ribu pelajar dari keluarga miskin.")
    assert found(doc) == [("commitment", "Rina Marlina", "Rina Marlina",
                           "pemkot juga akan menambah beasiswa untuk 20 ribu pelajar dari keluarga miskin")]


def test_byline_with_name_and_office_speaks_as_the_office_or_the_name():
    text = ("Oleh: Dr. H. Amir Makhmud, M.Si., Pj Bupati Sukamaju\n"
            "Ke depan, kami akan memperkuat BUMDes agar menyerap tenaga kerja lokal.")
    assert found(run(text, kind="statement", candidates=[]))[0][1] == "Pj Bupati Sukamaju"
    text = "Oleh: Dr. H. Amir Makhmud, M.Si.\nKe depan, kami akan memperkuat BUMDes agar menyerap tenaga kerja lokal."
    assert found(run(text, kind="statement", candidates=[]))[0][1] == "Amir Makhmud"


def test_closing_note_names_the_op_ed_author_but_a_journalist_byline_does_not():
    text = ("Membangun dari Desa\nPenulis: Siti Aminah\n"
            "Ke depan, kami akan memperkuat BUMDes agar menyerap tenaga kerja lokal.\n"
            "(Penulis adalah Pj Bupati Sukamaju)")
    assert found(run(text, kind="statement", candidates=[]))[0][1] == "Pj Bupati Sukamaju"


def test_unattributed_achievement_goes_to_the_one_incumbent_only_in_a_record_context():
    cands = [Candidate("Budi Santoso", "Agus Salim", number=1, incumbent=True), Candidate("Rina Marlina", "Hendra Gunawan", number=2)]
    text = ("Dokumen visi misi pasangan petahana juga memuat capaian kinerja bupati selama lima tahun.\n"
            "Di sana disebutkan bahwa jalan mantap mencapai 70 persen dan angka kemiskinan turun ke 8 persen.")
    got = found(run(text, kind="campaign", candidates=cands))
    assert [(k, c) for k, _, c, _ in got] == [("claim", "Budi Santoso")]
    text = "Pemilihan digelar serentak.\nJumlah warga yang hadir mencapai 5.000 orang."
    assert found(run(text, kind="campaign", candidates=cands)) == []


def test_listed_item_without_a_span_is_still_not_repeated():
    text = "“Kami akan membangun 5 SMP Negeri baru di pinggiran kota,” kata Budi Santoso."
    listed = Item("program", "Kami akan membangun 5 SMP Negeri baru di pinggiran kota")
    doc = run(text, items=[listed])
    assert found(doc) == []


def test_short_name_a_speaker_goes_by_becomes_an_alias():
    doc = run("“Kami akan membangun taman kota di setiap kecamatan,” kata Budi.",
              kind="campaign", candidates=[Candidate("Budi Santoso", "Agus Salim")])
    assert doc.candidates[0].aliases == ["Budi"]


def test_in_an_op_ed_an_officials_remark_is_not_the_authors():
    text = ("Pj Bupati Sukamaju\n"
            "Kepala BPS Sukamaju, Joko Susilo, mengatakan angka kemiskinan akan turun tahun depan.\n"
            "Kami akan memperluas bantuan modal bagi 2.000 pelaku UMKM.")
    got = found(run(text, kind="statement", candidates=[]))
    assert [(k, s) for k, s, *_ in got] == [("commitment", "Pj Bupati Sukamaju")]


def test_a_pair_written_with_a_dash_speaks_through_its_head():
    doc = run("Pasangan nomor urut 2, Rina Marlina-Hendra Gunawan, menjanjikan pembangunan 100 km jalan desa.")
    assert found(doc)[0][1:3] == ("Rina Marlina", "Rina Marlina")
    assert "Rina Marlina-Hendra Gunawan" not in doc.candidates[1].aliases


def test_an_analysts_quote_is_not_the_last_candidates():
    doc = run("“Kami akan membuka 10 ribu lapangan kerja baru,” kata Budi Santoso.\n"
              "Menurut pengamat politik dari universitas setempat, Slamet Riyadi, janji itu perlu diuji.\n"
              "“Anggaran harus dihitung dengan cermat sebelum program dijalankan,” katanya.")
    assert [s for _, s, *_ in found(doc)] == ["Budi Santoso"]


def test_a_regulation_number_is_not_a_ballot_number():
    doc = run("Sesuai Perda Nomor 2 Tahun 2020, pemerintah akan menata pasar tradisional.")
    assert found(doc) == []


def test_events_of_the_day_are_not_claims():
    doc = run("Budi Santoso telah hadir di balai kota sejak pukul 18.00 WIB.")
    assert found(doc) == []


def test_a_shared_first_name_followed_by_another_surname_is_someone_else():
    cands = [Candidate("Andi Saputra", "Surya", number=1), Candidate("Eko Prasetyo", "Hendra Gunawan Siregar", number=2)]
    doc = run("Surya Paloh mengatakan partainya akan memenangkan semua daerah.\n"
              "“Kami akan membangun jalan provinsi yang mantap,” ujarnya.", candidates=cands)
    assert found(doc) == []


def test_scene_setting_before_the_comma_is_not_part_of_the_promise():
    doc = run("Budi Santoso hadir di arena.\nDalam debat itu, ia berjanji akan menggratiskan biaya berobat di puskesmas.")
    assert found(doc) == [("commitment", "Budi Santoso", "Budi Santoso",
                           "ia berjanji akan menggratiskan biaya berobat di puskesmas")]


def test_press_release_speaks_through_the_official_who_speaks_first():
    text = ("Pemkab Targetkan 1.000 Rumah Layak Huni\n"
            "SLEMAN - Bupati Sleman Suryanto mengatakan, pemkab akan merehab 1.000 rumah tidak layak huni tahun ini.\n"
            "Tahun lalu pemkab telah merehab 800 rumah.")
    got = found(run(text, kind="statement", candidates=[]))
    assert [(k, s) for k, s, *_ in got] == [("commitment", "Bupati Sleman Suryanto"), ("claim", "Bupati Sleman Suryanto")]


def test_transcript_lines_with_speaker_labels():
    text = ("Paslon 1 (Budi): Apa strategi Anda untuk mengatasi banjir?\n"
            "Paslon 2 (Rina): Kami akan membangun kolam retensi di 5 titik rawan banjir.\n"
            "Moderator: Waktu habis, silakan paslon 1 menanggapi.\n"
            "Budi: Kolam retensi saja tidak cukup, kami akan menormalisasi sungai.")
    got = found(run(text))
    assert [(c, t) for _, _, c, t in got] == [
        ("Rina Marlina", "Kami akan membangun kolam retensi di 5 titik rawan banjir"),
        ("Budi Santoso", "Kolam retensi saja tidak cukup, kami akan menormalisasi sungai"),
    ]


def test_a_party_in_brackets_is_not_a_nickname():
    doc = run("Pasangan Budi Santoso-Agus Salim (Golkar) dan Rina Marlina-Hendra Gunawan (Intan) hadir.")
    assert doc.candidates[0].aliases == [] and doc.candidates[1].aliases == ["Intan"]


def test_the_journalist_taking_the_word_ends_a_programme_run():
    text = ("Paslon nomor urut 1, Budi Santoso membeberkan program unggulannya.\n"
            "Mulai dari pembangunan jalan lingkungan di setiap kelurahan.\n"
            "Acara berlangsung hingga pukul 22.00 WIB.\n"
            "Pengamanan acara dilakukan oleh 300 personel polisi.")
    assert [t for *_, t in found(run(text))] == ["pembangunan jalan lingkungan di setiap kelurahan"]


def test_the_days_agenda_is_not_a_promise():
    text = ("Calon bupati Budi Santoso blusukan ke pasar, Selasa (15/10).\n"
            "Ia berjanji akan merevitalisasi pasar tradisional jika terpilih.\n"
            "Budi juga akan bertemu tokoh agama di pondok pesantren pada Sabtu.")
    assert [t for *_, t in found(run(text, kind="campaign"))] == [
        "Ia berjanji akan merevitalisasi pasar tradisional jika terpilih"]


def test_the_incumbent_named_by_role():
    cands = [Candidate("Budi Santoso", "Agus Salim", number=1, incumbent=True), Candidate("Rina Marlina", "Hendra Gunawan", number=2)]
    doc = run("Sang petahana berjanji akan melanjutkan pembangunan jalan lingkar selatan.", candidates=cands)
    assert found(doc)[0][1:3] == ("Budi Santoso", "Budi Santoso")


def test_first_person_narration_in_a_one_pair_document_is_that_pairs_voice():
    doc = run("Visi kami sederhana.\nKami berkomitmen membangun 10 pasar rakyat dalam lima tahun.",
              kind="campaign", candidates=[Candidate("Budi Santoso", "Agus Salim")])
    assert found(doc) == [("commitment", "Budi Santoso", None,
                           "Kami berkomitmen membangun 10 pasar rakyat dalam lima tahun")]
    two = run("Kami berkomitmen membangun 10 pasar rakyat dalam lima tahun.", kind="campaign")
    assert found(two) == []  # with two pairs, "kami" outside quotes names nobody


@pytest.mark.parametrize("after", ["ujarnya, menanggapi pertanyaan calon nomor urut 2, Rina Marlina",
                                   "katanya saat menjawab sanggahan Rina Marlina di panggung debat"])
def test_the_one_a_circumstance_names_did_not_say_the_quote(after):
    doc = run("Budi Santoso menjelaskan sumber anggaran programnya. "
              f"“Kami akan membangun 50 pasar rakyat dari dana daerah,” {after}.")
    assert [(k, c) for k, _, c, _ in found(doc)] == [("commitment", "Budi Santoso")]


@pytest.mark.parametrize("opinion", ["Hasan juga menganggap bahwa Budi Santoso punya tekad kuat membawa perubahan.",
                                     "Hasan pun memuji Budi Santoso yang dinilainya dekat dengan warga desa."])
def test_an_observers_opinion_of_a_candidate_keeps_the_observer_as_the_one_speaking(opinion):
    doc = run(f"Tokoh adat setempat, Hasan, ikut memberi pandangan. {opinion} Program ini menurutnya akan "
              "berdampak positif bagi kesejahteraan masyarakat.", kind="campaign")
    assert all(c is None for _, _, c, _ in found(doc)), found(doc)  # not the candidate's promise
