"""`janji taxonomy` and the packaged taxonomy data."""
from __future__ import annotations

import json

from click.testing import CliRunner

from janji.cli import cli
from janji.classify.taxonomy import lexicon_data, sector_lexicon, sectors, sdgs


def test_taxonomy_json_lists_every_bidang():
    result = CliRunner().invoke(cli, ["taxonomy", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 49
    assert rows[0]["code"] == "1.01" and rows[0]["name"] == "PENDIDIKAN"
    assert all(r["description"] for r in rows)


def test_taxonomy_sdg_table_and_json():
    result = CliRunner().invoke(cli, ["taxonomy", "--sdg", "--json"])
    goals = json.loads(result.output)
    assert [g["goal"] for g in goals] == list(range(1, 18))
    table = CliRunner().invoke(cli, ["taxonomy", "--sdg"])
    assert table.exit_code == 0 and "Pendidikan Berkualitas" in table.output


def test_taxonomy_table_shows_codes():
    result = CliRunner().invoke(cli, ["taxonomy"])
    assert result.exit_code == 0 and "1.03" in result.output and "PERHUBUNGAN" in result.output


def test_lexicon_covers_every_code_and_goal():
    data = lexicon_data()
    assert set(data["sectors"]) == set(sectors())
    assert {int(g) for g in data["sdgs"]} == set(sdgs())
    assert set(data["sector_sdgs"]) == set(sectors())
    assert all(1 <= g <= 17 for goals in data["sector_sdgs"].values() for g in goals)
    lex = sector_lexicon()
    labels = {code for hit in lex.phrases.values() for code in hit}
    assert labels == set(sectors())


def test_longest_phrase_wins():
    lex = sector_lexicon()
    matched = lex.match(["rumah", "sakit", "umum"])
    assert matched[0][1] == {"1.02": 2.0}
