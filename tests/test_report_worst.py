"""A report's five worst agencies: the most overdue first, ties in Vietnamese order.

`Report.worst` puts only the agencies that can be among the five in name
order (a country has thousands); the answer must be the one a full sort gives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bmnn_cli.reporting import Report, period
from bmnn_cli.text import vietnamese_key

pytestmark = pytest.mark.no_database

_names = st.text(alphabet="aăâdđeêoôơuưAĐÔ ", min_size=1, max_size=6)
_agencies = st.lists(st.tuples(_names, st.integers(0, 4)), max_size=30)


def _report(agencies: list[tuple[str, int]]) -> Report:
    counts: list[dict[str, Any]] = [
        {"level": "agency", "agency": name, "agency_id": f"a{i}", "overdue": overdue}
        for i, (name, overdue) in enumerate(agencies)
    ]
    counts.append({"level": "total", "agency": "", "agency_id": "", "overdue": 99})
    return Report(period(4, 2026), dt.date(2026, 11, 27), counts, [], [], [])


@given(_agencies)
def test_the_worst_are_those_a_full_sort_puts_first(agencies: list[tuple[str, int]]) -> None:
    report = _report(agencies)
    late = [r for r in report.counts if r["level"] == "agency" and r["overdue"]]
    expected = sorted(late, key=lambda r: (-r["overdue"], vietnamese_key(r["agency"])))[:5]
    assert report.worst() == expected


def test_ties_at_the_fifth_count_are_decided_by_name() -> None:
    agencies = [("Xã Ê", 3), ("Xã A", 1), ("Xã Đ", 1), ("Xã D", 1), ("Xã Ô", 2), ("Xã Ă", 1)]
    names = [r["agency"] for r in _report(agencies).worst()]
    assert names == ["Xã Ê", "Xã Ô", "Xã A", "Xã Ă", "Xã D"]


def test_the_agencies_as_overdue_as_the_fifth_and_not_named_are_counted() -> None:
    """Five names of a hundred equally late would read as the five worst: the title says."""
    from bmnn_cli import i18n

    agencies = [("Xã Ê", 3), *((f"Xã {i}", 1) for i in range(9)), ("Xã Không", 0)]
    report = _report(agencies)
    assert [r["overdue"] for r in report.worst()] == [3, 1, 1, 1, 1]
    assert report.tied_out() == 5  # nine have one overdue, four of them are named
    i18n.set_language("en")
    title = report.worst_title()
    assert title == "Most overdue agencies (and 5 more agencies with 1 overdue each)"
    assert _report([("Xã A", 2), ("Xã B", 1)]).tied_out() == 0  # fewer than five: all named
    assert _report([(f"Xã {i}", 4 - i) for i in range(6)]).tied_out() == 0  # no tie cut
