"""mentions(): where the text names each pair, for the stages that attribute items."""
from __future__ import annotations

from janji.facts import mentions


def test_mentions_by_name_alias_pair_name_and_number(analyse):
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
        ("Gede Ngurah Ambara Putra–I Nengah Yasa Adi Susanto", ambara), ("(Abdi)", None), ("Abdi", ambara),
        ("Jaya-Wibawa", jaya), ("Arya Wibawa", jaya), ("Jaya Negara", jaya), ("Paslon 1", ambara),
        ("Ambara Adi", ambara), ("Ambara", ambara), ("Paslon nomor 2", jaya),
    ]:
        if head:
            assert (words, head) in said, words
    assert mentions(doc) is found  # computed once


def test_no_pairs_no_mentions(analyse):
    assert mentions(analyse("Visi pembangunan daerah: maju dan sejahtera.")) == []
