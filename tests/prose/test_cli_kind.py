"""`janji analyze --kind debate` forces the debate reading of the prose stage."""
from __future__ import annotations

import json

from click.testing import CliRunner

from janji.cli import cli

TEXT = (
    "Pasangan nomor urut 1, Budi Santoso – Agus Salim, dan nomor urut 2, Rina Marlina – Hendra Gunawan, "
    "hadir di gedung DPRD.\n"
    "Paslon nomor urut 1, Budi Santoso membeberkan program unggulannya.\n"
    "Mulai dari pembangunan jalan lingkungan di setiap kelurahan sepanjang 100 km.\n"
    "Selanjutnya, peningkatan insentif guru ngaji dan guru honorer.\n"
)


def prose_items(data: dict) -> list[dict]:
    return [i for i in data["items"] if i["kind"] in ("commitment", "claim")]


def test_kind_debate_reads_a_programme_run_as_commitments(tmp_path):
    path = tmp_path / "laporan.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    forced = runner.invoke(cli, ["analyze", "--kind", "debate", "--json", str(path)])
    assert forced.exit_code == 0, forced.output
    data = json.loads(forced.stdout)
    assert data["kind"] == "debate"
    items = prose_items(data)
    assert [i["text"] for i in items] == [
        "pembangunan jalan lingkungan di setiap kelurahan sepanjang 100 km",
        "peningkatan insentif guru ngaji dan guru honorer",
    ]
    assert {i.get("candidate") for i in items} == {"Budi Santoso"}
    campaign = runner.invoke(cli, ["analyze", "--kind", "campaign", "--json", str(path)])
    assert campaign.exit_code == 0, campaign.output
    assert prose_items(json.loads(campaign.stdout)) == []
