"""doc.mentions: where the text names each pair, for the stages that attribute items."""
from __future__ import annotations



def test_mentions_by_name_alias_pair_name_and_number(analyse, mentions):
    text = (
        "Debat menghadirkan nomor urut 1 Gede Ngurah Sukarma Putra–I Nengah Yasa Adi Sentana (Sadi) dan paslon "
        "nomor urut 2 I Gusti Ngurah Jaya Kusuma–I Kadek Agus Arya Santika (Jaya-Santika). Panelis bertanya.\n"
        "Paslon nomor 2 Jaya-Santika menyampaikan visi. “Kami membangun,” kata Arya Santika.\n"
        "Jaya Kusuma menekankan kolaborasi.\nSedangkan Paslon 1 Sukarma Adi menjawab. Sukarma menekankan ini."
    )
    doc = analyse(text)
    found = mentions(doc)
    assert found == sorted(found)
    said = [(text[s:e], head) for s, e, head in found]
    sukarma, jaya = "Gede Ngurah Sukarma Putra", "I Gusti Ngurah Jaya Kusuma"
    for words, head in [
        ("nomor urut 1 Gede Ngurah Sukarma Putra–I Nengah Yasa Adi Sentana", sukarma), ("Sadi", sukarma),
        ("Paslon nomor 2 Jaya-Santika", jaya), ("Arya Santika", jaya), ("Jaya Kusuma", jaya),
        ("Paslon 1 Sukarma Adi", sukarma), ("Sukarma", sukarma),
    ]:
        if head:
            assert (words, head) in said, words


def test_no_pairs_no_mentions(analyse, mentions):
    assert mentions(analyse("Visi pembangunan daerah: maju dan sejahtera.")) == []
