"""Days and months, as Indonesian news writes them in datelines and dates ("Rabu (12/3)", "27 Agustus 2025").

Example:
    >>> "agustus" in MONTHS, "agt" in MONTHS, "rabu" in DAYS
    (True, True, True)
"""
from __future__ import annotations

MONTHS = frozenset("""
januari februari pebruari maret april mei juni juli agustus september oktober november desember
jan feb mar apr jun jul agu agt ags sep sept okt nov des
""".split())
DAYS = frozenset("senin selasa rabu kamis jumat jum'at sabtu minggu ahad".split())
