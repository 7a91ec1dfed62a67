"""The re-import rules as plain functions: mergers, and which obligations are kept.

No database here: `domain.mergers` and `domain.reconcile` decide on plain
data, and the store only writes what they decide.
"""

from __future__ import annotations

import datetime as dt

from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.mergers import owner
from bmnn_cli.domain.obligations import Wanted
from bmnn_cli.domain.reconcile import Owed, Recorded, owed, reconcile
from bmnn_cli.domain.specs import AgencySpec, RegistrySpec

MERGED = dt.date(2025, 7, 1)


def directory() -> Directory:
    """So-cu merged into so-giua on 1/7/2025, so-giua into so-moi later; so-khac stands alone."""
    return Directory(
        RegistrySpec(
            province="tinh",
            name="Tỉnh",
            agencies=[
                AgencySpec("so-cu", "Sở Cũ", "department", successor="so-giua", merged_on=MERGED),
                AgencySpec(
                    "so-giua",
                    "Sở Giữa",
                    "department",
                    successor="so-moi",
                    merged_on=dt.date(2025, 9, 1),
                ),  # fmt: skip
                AgencySpec("so-moi", "Sở Mới", "department"),
                AgencySpec("so-khac", "Sở Khác", "department"),
            ],
        )
    )


def wanted(agency: str, period: str = "2025", due: dt.date | None = dt.date(2025, 3, 31)) -> Wanted:
    return Wanted(agency, period, int(period) if period.isdigit() else 2025, due, due)


def test_an_agency_not_merged_owes_its_own_duty() -> None:
    assert owner(wanted("so-khac"), directory(), set()) == ("so-khac", None)


def test_an_open_duty_passes_along_the_chain_of_mergers() -> None:
    assert owner(wanted("so-cu"), directory(), set()) == ("so-moi", "so-cu")


def test_a_duty_done_before_the_merger_stays_on_record() -> None:
    done = {("so-cu", "2025")}
    assert owner(wanted("so-cu"), directory(), done) == ("so-cu", None)


def test_a_duty_due_after_the_merger_passes_on_even_when_done() -> None:
    late = wanted("so-cu", due=dt.date(2025, 10, 30))
    assert owner(late, directory(), {("so-cu", "2025")}) == ("so-moi", "so-cu")


def test_a_duty_with_no_due_date_passes_on() -> None:
    ongoing = wanted("so-cu", due=None)
    assert owner(ongoing, directory(), {("so-cu", "2025")}) == ("so-moi", "so-cu")


def test_the_successors_own_duty_wins_over_the_inherited_one_in_either_order() -> None:
    for items in ([wanted("so-cu"), wanted("so-moi")], [wanted("so-moi"), wanted("so-cu")]):
        result = owed(items, directory(), set())
        assert list(result) == [("so-moi", "2025")]
        assert result[("so-moi", "2025")].inherited_from is None


def as_owed(item: Wanted, inherited: str | None = None) -> Owed:
    return Owed(
        item.agency, item.period, item.year, item.starts_on, item.scheduled_due,
        item.effective_due, item.request_id, inherited, item.begins_on,
    )  # fmt: skip


def test_an_unchanged_plan_changes_nothing() -> None:
    items = [wanted("so-khac", "2025"), wanted("so-khac", "2026", dt.date(2026, 3, 31))]
    recorded = {(i.agency, i.period): Recorded(as_owed(i)) for i in items}
    result = reconcile(items, recorded, directory())
    assert (result.added, result.updated, result.deleted) == ([], [], [])


def test_new_periods_are_added_in_plan_order() -> None:
    items = [wanted("so-khac", "2026", dt.date(2026, 3, 31)), wanted("so-khac", "2025")]
    result = reconcile(items, {}, directory())
    assert [o.period for o in result.added] == ["2026", "2025"]
    assert (result.updated, result.deleted) == ([], [])


def test_a_moved_due_date_is_an_update() -> None:
    before = wanted("so-khac")
    after = wanted("so-khac", due=dt.date(2025, 4, 15))
    result = reconcile([after], {("so-khac", "2025"): Recorded(as_owed(before))}, directory())
    assert result.updated == [as_owed(after)]
    assert (result.added, result.deleted) == ([], [])


def test_a_merger_recorded_later_moves_the_owner() -> None:
    """The old agency's open period is now owed by the successor: a new row, the old one goes."""
    item = wanted("so-cu")
    result = reconcile([item], {("so-cu", "2025"): Recorded(as_owed(item))}, directory())
    assert [(o.agency, o.inherited_from) for o in result.added] == [("so-moi", "so-cu")]
    assert result.deleted == [("so-cu", "2025")]


def test_a_period_no_longer_owed_is_deleted_unless_work_was_recorded() -> None:
    gone = {
        period: as_owed(wanted("so-khac", period, dt.date(int(period), 3, 31)))
        for period in ("2025", "2026", "2027", "2028")
    }
    recorded = {
        ("so-khac", "2025"): Recorded(gone["2025"]),
        ("so-khac", "2026"): Recorded(gone["2026"], done=True),
        ("so-khac", "2027"): Recorded(gone["2027"], history=True),  # a retracted submission
        ("so-khac", "2028"): Recorded(gone["2028"], done=True, history=True),
    }
    result = reconcile([], recorded, directory())
    assert result.deleted == [("so-khac", "2025")]
    assert (result.added, result.updated) == ([], [])
