import json

from janji.document import Candidate, Document, Item, Quantity, Region


def test_round_trip_keeps_tree_and_facts():
    doc = Document.from_bytes(b"x", "a.txt")
    doc.kind = "campaign"
    doc.region = Region("Kota Mojokerto", "35.76", "kota")
    doc.period = (2025, 2030)
    doc.candidates = [Candidate("Harun Effendi", "Chairul Anam", parties=["PKB"], aliases=["Gus Harun"])]
    mission = Item("mission", "Pembangunan ekonomi", label="1")
    mission.children.append(Item("program", "Jalan 166,2 km", quantities=[Quantity(166.2, "km", text="166,2 km")]))
    doc.items = [mission]
    data = json.loads(json.dumps(doc.to_json()))
    back = Document.from_json(data)
    assert back.to_json() == data
    assert data["items"][0]["children"][0]["quantities"] == [{"value": 166.2, "unit": "km", "text": "166,2 km"}]
    assert [i.kind for i in back.walk()] == ["mission", "program"]


def test_integer_values_serialise_as_integers():
    assert Quantity(10000.0, "titik").to_json()["value"] == 10000
    assert isinstance(Quantity(10000.0, "titik").to_json()["value"], int)
