"""Campaign → plan alignment on pairs written for these tests, one style of plan per test.

Each pair is small and invented (no real region or candidate); what is asserted is the behaviour the
contract (../shared/spec/ALIGN.md) asks for: where each promise goes, what kind of match it is, what is
dropped and what is added, and the shape of the output.
"""
from __future__ import annotations

import pytest

from janji.align import AlignError, mismatches
from janji.document import Candidate

from align_helpers import added, doc, dropped, link_of, node


def _check_contract(result: dict, campaign, plan) -> None:
    """Every participating item is accounted for once, copied unchanged; coverage adds up."""
    camp_texts = [l["campaign"]["text"] for l in result["links"]] + dropped(result)
    assert len(camp_texts) == len(set(camp_texts))
    targets = {p["text"] for l in result["links"] for p in l["plan"]}
    assert not targets & set(added(result)), "a plan item is both a target and added"
    cov = result["coverage"]
    assert cov == {"campaign_items": len(result["links"]) + len(result["dropped"]),
                   "carried": len(result["links"]), "dropped": len(result["dropped"])}
    originals = {(it.kind, it.label, it.text) for d in (campaign, plan) for it in d.walk()}
    for link in result["links"]:
        for ref in [link["campaign"], *link["plan"]]:
            assert (ref["kind"], ref["label"], ref["text"]) in originals
        assert link["plan"], "a link names at least one plan item"
        assert link["match"] in ("same", "narrowed", "broadened", "partial")
        assert 0.0 <= link["score"] <= 1.0 and link["why"]
    assert result["format"] == "janji-align/1"


# --- a plan that lists only misi: specific programs are carried by the misi of their domain -------------------

MISI_CAMPAIGN = doc(
    "campaign",
    node("program", "Beasiswa kuliah gratis bagi 300 mahasiswa dari keluarga tidak mampu", label="1"),
    node("program", "Pembangunan puskesmas rawat inap di setiap kecamatan", label="2"),
    node("program", "Perbaikan jalan kabupaten yang rusak sepanjang 150 km", label="3"),
    node("program", "Bantuan benih padi dan pupuk bagi kelompok tani", label="4"),
    node("program", "Festival kuliner dan lomba masak antar-RT setiap bulan", label="5"),
    period=(2025, 2030),
)
MISI_PLAN = doc(
    "plan",
    node("mission", "Meningkatkan kualitas sumber daya manusia melalui pendidikan dan kesehatan yang merata"),
    node("mission", "Mewujudkan infrastruktur jalan dan jembatan yang mantap"),
    node("mission", "Memperkuat ketahanan pangan melalui pertanian yang maju"),
    node("mission", "Mewujudkan tata kelola pemerintahan yang bersih dan melayani"),
    period=(2025, 2029),
)


def test_misi_level_plan_carries_programs_as_broadened(aligner):
    result = aligner.align(MISI_CAMPAIGN, MISI_PLAN)
    _check_contract(result, MISI_CAMPAIGN, MISI_PLAN)
    expected = {"Beasiswa kuliah": "Meningkatkan kualitas sumber daya manusia",
                "Pembangunan puskesmas": "Meningkatkan kualitas sumber daya manusia",
                "Perbaikan jalan": "Mewujudkan infrastruktur jalan",
                "Bantuan benih": "Memperkuat ketahanan pangan"}
    for promise, misi in expected.items():
        link = link_of(result, promise)
        assert link is not None, f"{promise} should be carried"
        assert link["plan"][0]["text"].startswith(misi)
        assert link["match"] == "broadened", link  # a misi holds the program in a wider commitment
    # no misi speaks of culinary festivals: dropped, though a misi shares none of its words either way
    assert dropped(result) == ["Festival kuliner dan lomba masak antar-RT setiap bulan"]
    assert added(result) == ["Mewujudkan tata kelola pemerintahan yang bersih dan melayani"]


# --- a plan that lists programs: same, narrowed, broadened, partial, dropped, added ---------------------------

PROGRAM_CAMPAIGN = doc(
    "campaign",
    node("mission", "Meningkatkan kesejahteraan masyarakat desa", label="1",
         *[node("program", t, label=str(k + 1)) for k, t in enumerate([
             "Pembangunan pasar rakyat di setiap kecamatan",
             "Seragam sekolah gratis bagi siswa SD dan SMP",
             "Beasiswa kuliah untuk 500 mahasiswa berprestasi",
             "Perbaikan jalan desa dan pengelolaan sampah terpadu",
             "Umrah gratis bagi marbot masjid",
         ])]),
)
PROGRAM_PLAN = doc(
    "plan",
    node("mission", "Meningkatkan kesejahteraan dan pelayanan dasar masyarakat",
         node("program", "Pembangunan pasar rakyat di tiap kecamatan"),
         node("program", "Pemberian seragam sekolah gratis bagi siswa SD"),
         node("program", "Beasiswa pendidikan tinggi"),
         node("program", "Perbaikan jalan desa"),
         node("program", "Digitalisasi layanan perizinan usaha")),
)


@pytest.fixture(scope="module")
def program_result(aligner):
    return aligner.align(PROGRAM_CAMPAIGN, PROGRAM_PLAN)


def test_program_level_contract(program_result):
    _check_contract(program_result, PROGRAM_CAMPAIGN, PROGRAM_PLAN)


@pytest.mark.parametrize("promise, plan_item, match", [
    ("Pembangunan pasar rakyat", "Pembangunan pasar rakyat di tiap kecamatan", "same"),
    ("Seragam sekolah gratis", "Pemberian seragam sekolah gratis bagi siswa SD", "narrowed"),  # SMP left out
    ("Beasiswa kuliah", "Beasiswa pendidikan tinggi", "broadened"),  # the 500 students left out
    ("Perbaikan jalan desa dan pengelolaan sampah", "Perbaikan jalan desa", "partial"),  # no plan item on waste
])
def test_program_level_match_types(program_result, promise, plan_item, match):
    link = link_of(program_result, promise)
    assert link is not None
    assert link["plan"][0]["text"] == plan_item
    assert link["match"] == match, link["why"]


def test_program_level_dropped_and_added(program_result):
    assert dropped(program_result) == ["Umrah gratis bagi marbot masjid"]
    assert "Digitalisasi layanan perizinan usaha" in added(program_result)


def test_the_most_specific_plan_item_carries_the_misi_and_its_programs(program_result):
    # the campaign misi goes to the plan misi; its programs to the plan's programs, not to the plan misi
    misi = link_of(program_result, "Meningkatkan kesejahteraan masyarakat desa")
    assert misi is not None and misi["plan"][0]["kind"] == "mission"
    assert all(l["plan"][0]["kind"] == "program" for l in program_result["links"] if l["campaign"]["kind"] == "program")


def test_why_names_shared_words_and_missing_parts(program_result):
    partial = link_of(program_result, "Perbaikan jalan desa dan pengelolaan sampah")
    assert "jalan" in partial["why"].lower() and "sampah" in partial["why"].lower()
    broadened = link_of(program_result, "Beasiswa kuliah")
    assert "500" in broadened["why"]


# --- acronym visions ---------------------------------------------------------------------------------------

def test_plan_vision_spelling_an_acronym_of_the_campaign_vision(aligner):
    campaign = doc("campaign", node("vision", "Terwujudnya Kota yang Aman, Damai, Inklusif dan Lestari"),
                   node("mission", "Menjaga keamanan dan ketertiban lingkungan"))
    plan = doc("plan", node("vision", "Menuju Kota ADIL 2029"),
               node("mission", "Meningkatkan keamanan dan ketertiban umum"))
    result = aligner.align(campaign, plan)
    vision = link_of(result, "Terwujudnya Kota")
    assert vision["plan"][0]["text"] == "Menuju Kota ADIL 2029" and vision["match"] == "same"
    assert "Aman" in vision["why"] and "Lestari" in vision["why"]


def test_a_vision_is_linked_only_to_a_vision_and_left_out_without_one(aligner):
    campaign = doc("campaign", node("vision", "Kabupaten yang maju dan sejahtera"),
                   node("program", "Pembangunan irigasi bagi sawah petani"))
    plan = doc("plan", node("program", "Rehabilitasi jaringan irigasi pertanian"),
               node("program", "Kabupaten maju dan sejahtera melalui pariwisata"))
    result = aligner.align(campaign, plan)
    assert all(l["campaign"]["kind"] != "vision" for l in result["links"])
    assert "Kabupaten yang maju dan sejahtera" not in dropped(result)
    assert result["coverage"]["campaign_items"] == 1
    assert link_of(result, "Pembangunan irigasi")["plan"][0]["text"] == "Rehabilitasi jaringan irigasi pertanian"


# --- one promise split over two plan items; two promises merged into one ----------------------------------

def test_one_promise_split_over_two_plan_items(aligner):
    campaign = doc("campaign", node("program", "Pembangunan puskesmas baru dan rumah sakit umum daerah"))
    plan = doc("plan", node("program", "Pembangunan gedung puskesmas di tiga kecamatan"),
               node("program", "Pembangunan rumah sakit umum daerah tipe C"),
               node("program", "Penataan taman kota"))
    result = aligner.align(campaign, plan)
    link = link_of(result, "Pembangunan puskesmas baru")
    assert {p["text"] for p in link["plan"]} == {"Pembangunan gedung puskesmas di tiga kecamatan",
                                                 "Pembangunan rumah sakit umum daerah tipe C"}
    assert link["match"] != "partial"  # every part has a home
    assert added(result) == ["Penataan taman kota"]


def test_two_promises_merged_into_one_plan_item(aligner):
    campaign = doc("campaign", node("program", "Bantuan bibit unggul bagi petani"),
                   node("program", "Subsidi pupuk bagi petani"),
                   node("program", "Pelatihan kerja bagi pemuda"))
    plan = doc("plan", node("program", "Bantuan bibit dan pupuk bersubsidi bagi petani"),
               node("program", "Pelatihan keterampilan kerja bagi pencari kerja muda"))
    result = aligner.align(campaign, plan)
    for promise in ("Bantuan bibit", "Subsidi pupuk"):
        link = link_of(result, promise)
        assert link["plan"][0]["text"] == "Bantuan bibit dan pupuk bersubsidi bagi petani"
        assert link["match"] == "broadened", link["why"]  # each promise sits inside the wider plan item
    assert link_of(result, "Pelatihan kerja")["plan"][0]["text"].startswith("Pelatihan keterampilan")
    assert not added(result) and not dropped(result)


def test_shared_words_alone_do_not_carry_a_promise(aligner):
    """A plan item that shares a sector word but commits to something else does not carry the promise."""
    campaign = doc("campaign", node("program", "Pengelolaan sampah dengan bank sampah di setiap desa"),
                   node("program", "Pembangunan jalan usaha tani"))
    plan = doc("plan", node("program", "Pembangunan kantor desa"), node("program", "Peningkatan jalan usaha tani"))
    result = aligner.align(campaign, plan)
    assert dropped(result) == ["Pengelolaan sampah dengan bank sampah di setiap desa"]
    assert added(result) == ["Pembangunan kantor desa"]


# --- which items take part ---------------------------------------------------------------------------------

def test_items_that_take_part(aligner):
    campaign = doc(
        "campaign",
        node("program", "Pembangunan sekolah baru",
             node("activity", "Rehabilitasi ruang kelas rusak")),  # under a program: does not take part
        node("activity", "Pengadaan mobil ambulans desa"),  # no program above: takes part
        node("strategy", "Kolaborasi dengan swasta"),
        node("claim", "Telah membangun 20 sekolah"),
        node("other", "Catatan redaksi"),
    )
    plan = doc("plan", node("program", "Pembangunan unit sekolah baru"),
               node("strategy", "Kemitraan dengan swasta"), node("program", "Penyediaan ambulans desa"))
    result = aligner.align(campaign, plan)
    promised = {l["campaign"]["text"] for l in result["links"]} | set(dropped(result))
    assert promised == {"Pembangunan sekolah baru", "Pengadaan mobil ambulans desa"}
    assert "Kemitraan dengan swasta" not in added(result)


def test_a_campaign_of_several_pairs_needs_the_pair(aligner):
    pairs = [Candidate("Arif Wicaksono", "Rina Wati", number=1), Candidate("Budi Hartono", "Sari Dewi", number=2)]
    campaign = doc("campaign", node("program", "Pembangunan pasar ikan", candidate="Arif Wicaksono"),
                   node("program", "Pembangunan gedung olahraga", candidate="Budi Hartono"), pairs=pairs)
    plan = doc("plan", node("program", "Revitalisasi pasar ikan tradisional"))
    with pytest.raises(AlignError, match="--head"):
        aligner.align(campaign, plan)
    result = aligner.align(campaign, plan, head="Budi")
    assert result["campaign"]["head"] == "Budi Hartono"
    assert dropped(result) == ["Pembangunan gedung olahraga"] and not result["links"]
    with pytest.raises(AlignError, match="tidak cocok"):
        aligner.align(campaign, plan, head="Orang Lain")
    # the plan names its head: that pair is aligned
    plan.candidates = [Candidate("Arif Wicaksono")]
    assert aligner.align(campaign, plan)["campaign"]["head"] == "Arif Wicaksono"


def test_region_and_term_mismatches_warn():
    camp = doc("campaign", period=(2025, 2030), region="Kabupaten Wonosobo", code="33.07")
    assert mismatches(camp, doc("plan", period=(2025, 2029), region="Kab. Wonosobo")) == []
    warn = mismatches(camp, doc("plan", period=(2019, 2024), region="Kabupaten Sinjai", code="73.07"))
    assert any("wilayah berbeda" in w for w in warn) and any("masa" in w for w in warn)


def test_explain_gives_the_evidence(aligner):
    result = aligner.align(PROGRAM_CAMPAIGN, PROGRAM_PLAN, explain=True)
    link = link_of(result, "Pembangunan pasar rakyat")
    ev = link["evidence"]
    assert ev["probability"] >= ev["threshold"] and "pasar" in " ".join(ev["shared_terms"]).lower()
    assert "runner_up" in ev and ev["runner_up"]["probability"] <= ev["probability"]
    drop = next(d for d in result["dropped"] if d["text"].startswith("Umrah"))
    assert drop["evidence"]["probability"] < drop["evidence"]["threshold"]


def test_an_empty_plan_drops_everything(aligner):
    result = aligner.align(MISI_CAMPAIGN, doc("plan"))
    assert result["coverage"]["carried"] == 0 and len(result["dropped"]) == 5 and result["added"] == []


def test_warm_loads_what_the_first_alignment_would():
    """After warm() an alignment only embeds and scores the two documents' own texts."""
    from janji.align import Aligner
    from janji.align import text as lx
    from janji.document import Document, Item, Source

    aligner = Aligner().warm()
    linear = aligner.classifier.linear
    assert len(linear._local) == len(linear.post_ptr) - 1  # every feature's postings read (in the form the classifier reads)
    assert lx._document_frequency.cache_info().currsize == 1
    before = aligner.embedder.embedded
    camp = Document(Source("k.txt"), kind="campaign", items=[Item("program", "Sumur bor untuk desa kering")])
    plan = Document(Source("r.txt"), kind="plan", items=[Item("program", "Penyediaan air minum perdesaan")])
    aligner.align(camp, plan)
    assert aligner.embedder.embedded - before == 2
