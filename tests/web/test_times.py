"""Times as people in Indonesia read them, in the zone of the region (janji.web.times and the page filters)."""
from __future__ import annotations

import csv
from datetime import date, datetime
from importlib import resources

import pytest

from janji.web import times


@pytest.mark.parametrize("region,zone", [
    ({"code": "35.76", "name": "Kota Mojokerto"}, "WIB"),   # Jawa Timur
    ({"code": "61.71"}, "WIB"),                            # Kalimantan Barat: WIB although in Kalimantan
    ({"code": "64.72"}, "WITA"),                           # Kalimantan Timur
    ({"code": "51"}, "WITA"),                              # Bali (a province itself)
    ({"code": "76.01"}, "WITA"),                           # Sulawesi Barat
    ({"code": "82.71"}, "WIT"),                            # Maluku Utara
    ({"code": "96"}, "WIT"),                               # Papua Barat Daya, a 2022 province
    ({"name": "Kota Denpasar"}, "WITA"),                   # no code stored: found by name
    ({"name": "Wilayah Rekaan"}, "WIB"),                   # unknown: the capital's zone, and the label says so
    (None, "WIB"),
])
def test_zone_of_a_region_is_its_provinces(region, zone):
    assert times.zone_of(region) == zone


def test_every_province_has_a_zone():
    with resources.files("janji.data").joinpath("regions.csv").open(encoding="utf-8") as fh:
        provinces = {row["code"] for row in csv.DictReader(fh) if row["level"] == "provinsi"}
    assert set(times.province_zones()) == provinces
    assert set(times.province_zones().values()) == {"WIB", "WITA", "WIT"}


def test_instants_are_shown_in_the_zone_and_days_stay_days():
    assert times.waktu("2026-12-06T12:30:00", "WIB") == "6 Desember 2026 19.30 WIB"
    assert times.waktu("2026-12-06T12:30:00", "WITA") == "6 Desember 2026 20.30 WITA"
    assert times.waktu(datetime(2026, 12, 31, 16, 5), "WIT") == "1 Januari 2027 01.05 WIT"  # the day turns
    assert times.waktu("2026-12-06T12:30:00Z", "WIB") == "6 Desember 2026 19.30 WIB"
    assert times.waktu("2026-12-06T19:30:00+07:00", "WIT") == "6 Desember 2026 21.30 WIT"
    assert times.waktu("2024-08-17") == "17 Agustus 2024"
    assert times.tanggal(date(2024, 3, 1)) == "1 Maret 2024"
    assert times.tanggal("2026-12-06T20:00:00", "WIT") == "7 Desember 2026"
    assert times.waktu(None) == "" and times.waktu("bukan waktu") == "bukan waktu"


def test_pages_wrap_them_in_a_time_element():
    from janji.web.render import make_templates

    env = make_templates()
    html = env.from_string("{{ t|waktu(z) }} / {{ d|tanggal }}").render(t="2026-12-06T12:30:00", z="WITA",
                                                                        d="2024-08-17")
    assert html == ('<time datetime="2026-12-06T12:30:00Z">6 Desember 2026 20.30 WITA</time> / '
                    '<time datetime="2024-08-17">17 Agustus 2024</time>')
