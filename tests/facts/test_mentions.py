"""doc.mentions: where the text names each pair, for the stages that attribute items."""
from __future__ import annotations



def test_mentions_by_name_alias_pair_name_and_number(analyse, mentions):
    text = (
        "Debat menghadirkan nomor urut 1 Gede Ngurah Ambara Putra–I Nengah Yasa Adi Susanto (Abdi) dan paslon "
        "nomor urut 2 I Gusti Ngurah Jaya Negara–I Kadek Agus Arya Wibawa (Jaya-Wibawa). Panelis bertanya.\n"
        "Paslon nomor 2 Jaya-Wibawa menyampaikan visi. “Kami membangun,” kata Arya Wibawa.\n"
        "Jaya Negara menekankan kolaborasi.\nSedangkan Paslon 1 Ambara Adi menjawab. Ambara menekankan ini."
    )
    doc = analyse(text)
    found = mentions(doc)
    assert found == sorted(found)
    said = [(text[s:e], head) for s, e, head in found]
    ambara, jaya = "Gede Ngurah Ambara Putra", "I Gusti Ngurah Jaya Negara"
    for words, head in [
        ("nomor urut 1 Gede Ngurah Ambara Putra–I Nengah Yasa Adi Susanto", ambara), ("Abdi", ambara),
        ("Paslon nomor 2 Jaya-Wibawa", jaya), ("Arya Wibawa", jaya), ("Jaya Negara", jaya),
        ("Paslon 1 Ambara Adi", ambara), ("Ambara", ambara),
    ]:
        if head:
            assert (words, head) in said, words


def test_no_pairs_no_mentions(analyse, mentions):
    assert mentions(analyse("Visi pembangunan daerah: maju dan sejahtera.")) == []
