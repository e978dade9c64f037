"""The lexical side of alignment: terms, spellings, parts and scopes of promises, acronyms."""
from __future__ import annotations

import numpy as np

from janji.align import text as lx
from janji.align.acronym import acronym_link, spelled_by


def keys(text: str) -> list[str]:
    return [t.key for t in lx.terms(text)]


def test_lexicon_phrases_are_one_term_so_a_shared_word_is_not_a_shared_meaning():
    assert "air bersih" in keys("Penyediaan air bersih di desa")
    share, shared = lx.covered(lx.terms("Lingkungan hidup yang lestari"), lx.terms("Kampanye gaya hidup"))
    assert share == 0.0 and not shared


def test_spellings_of_one_word_match_and_different_words_do_not():
    assert lx.same_term("ambulans", "ambul")  # "ambulans" / "ambulan" stem differently
    assert not lx.same_term("desa", "desain") and not lx.same_term("bangun", "bangkit")


def test_generic_words_weigh_little():
    assert lx.rarity("gratis") < lx.rarity("ambulans") and lx.rarity("tingkat") < 1.0


def test_the_index_computes_the_same_shares_as_the_pairwise_function():
    a = ["Perbaikan jalan kabupaten yang rusak", "susah mendapatkan air bersih", "Bantuan bibit bagi petani"]
    b = ["Peningkatan jalan dan jembatan", "Penyediaan air bersih", "Bantuan bibit dan pupuk bagi petani", "Taman"]
    ta, tb = [lx.terms(t) for t in a], [lx.terms(t) for t in b]
    fast = lx.Index(tb).coverage(ta)
    slow = np.array([[lx.covered(x, y)[0] for y in tb] for x in ta])
    assert np.allclose(fast, slow, atol=1e-6)
    assert fast[1, 1] == 1.0 and fast[0, 3] == 0.0


def test_parts_and_scope_of_a_promise():
    parts, scope = lx.parts_and_scope("Pemberdayaan UMKM, pelatihan wirausaha muda dan revitalisasi pasar")
    assert parts == ["Pemberdayaan UMKM", "pelatihan wirausaha muda", "revitalisasi pasar"] and scope == []
    # qualities of one subject are not parts of their own
    assert lx.components("Mewujudkan SDM yang tangguh, cerdas, terampil dan berkarakter") == \
        ["Mewujudkan SDM yang tangguh, cerdas, terampil dan berkarakter"]
    # whom a promise serves is its scope, not a list of promises
    parts, scope = lx.parts_and_scope("Bantuan modal bagi petani, nelayan dan peternak")
    assert len(parts) == 1 and scope == ["petani", "nelayan", "peternak"]


def test_domains_of_a_broad_misi():
    assert lx.domains("Meningkatkan kualitas SDM melalui pendidikan dan kesehatan") == \
        ["Meningkatkan kualitas SDM", "pendidikan", "kesehatan"]
    assert lx.domains("Pemberdayaan ekonomi rakyat") == []


def test_acronyms_read_either_way():
    assert spelled_by("Kota Hebat", "Kota yang Harmonis, Empati, Beriman, Adil dan Tangguh") == \
        ["Harmonis", "Empati", "Beriman", "Adil", "Tangguh"]
    # syllables give letters and vowels fill gaps: TEPAT = TErtib, Produktif, (a) Transparan
    assert acronym_link("Pemerintahan yang tertib, produktif dan transparan", "Kota TEPAT") == \
        ["tertib", "produktif", "transparan"]
    assert acronym_link("Bandung yang unggul dan nyaman", "Kota Juara") is None
    # a word the other text contains is a word, not an acronym
    assert acronym_link("Kabupaten yang maju dan adil", "Kabupaten Adil dan Maju") is None


def test_people_are_matched_by_their_names_not_their_titles():
    assert lx.same_person("Dr. H. Arif Wicaksono, S.E.", "Arif Wicaksono")
    assert lx.same_person("Nu’man", "Nu'man Wibowo")
    assert not lx.same_person("Arif Wicaksono", "Budi Hartono")
