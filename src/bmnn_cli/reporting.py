"""What `bmnn report` holds, assembled from the store's counts for one period.

The command parses options and renders; this module decides the content: a
quarter's (or a year's) bounds and heading, the counts per agency and group
with the total and the five worst, the overdue obligations due in the
period, per-plan task counts and submissions per week. `Report.document`
lays them out for the screen (tables, markdown, csv) or for a file someone
opens (xlsx, html, with charts); its `data` is the JSON form either way, so
every format carries the same figures. The SQL stays in `store.queries` and `store.counts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bmnn_cli.i18n import t
from bmnn_cli.render import Chart, Document, Listing
from bmnn_cli.render.columns import (
    FIGURE_COLUMNS,
    OBLIGATION_KEYS,
    OVERDUE_COLUMNS,
    REPORT_OVERDUE_COLUMNS,
    REPORT_STATUS_COLUMNS,
    REPORT_TASK_COLUMNS,
    STATUS_KEYS,
    WEEK_COLUMNS,
    WORST_COLUMNS,
    ShownObligation,
    obligation_rows,
    status_rows,
)
from bmnn_cli.text import vietnamese_key

if TYPE_CHECKING:
    from bmnn_cli.store.reader import Reader

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Period:
    """The days a report covers: a quarter, or the whole year when `quarter` is None."""

    year: int
    quarter: int | None
    start: dt.date
    end: dt.date

    @property
    def roman(self) -> str:
        """The quarter as plans write it ("Quý IV/2026"); empty for a year."""
        return ("I", "II", "III", "IV")[self.quarter - 1] if self.quarter else ""

    def heading(self, as_of: dt.date) -> str:
        day = f"{as_of:%d/%m/%Y}"
        if self.quarter:
            return t("report.heading", quarter=self.roman, year=self.year, as_of=day)
        return t("report.year_heading", year=self.year, as_of=day)

    def label(self) -> str:
        """The period inside a sentence: "quý III/2026", "năm 2026"."""
        if self.quarter:
            return t("report.period_quarter", quarter=self.roman, year=self.year)
        return t("report.period_year", year=self.year)


def period(quarter: int | None, year: int) -> Period:
    """First and last day of the quarter (or year): the store must reach `end`."""
    from bmnn_cli.domain.schedule import quarter_bounds

    if quarter:
        return Period(year, quarter, *quarter_bounds(year, quarter))
    return Period(year, quarter, dt.date(year, 1, 1), dt.date(year, 12, 31))


_WORST = 5  # agencies a report names as the worst


@dataclass
class Report:
    """The figures of one period, with statuses as of `as_of`."""

    period: Period
    as_of: dt.date
    counts: Rows  # per agency and group, then the total (`level`)
    late: list[ShownObligation]  # overdue obligations whose due date falls in the period
    plans: Rows  # {"plan", "title", "tasks": per-task counts}
    weeks: Rows  # due and submitted per week, with running totals

    def worst(self) -> Rows:
        """The five agencies with the most overdue obligations (ties in Vietnamese order)."""
        return self._worst

    @cached_property
    def _worst(self) -> Rows:
        """Worked out once: the data, the section and its title all ask for it.

        Only agencies with at least the fifth highest count can be among them, so only
        their names are put in order: at country scale there are thousands of others.
        """
        agencies = [r for r in self.counts if r["level"] == "agency" and r["overdue"]]
        if len(agencies) > _WORST:
            cut = sorted((r["overdue"] for r in agencies), reverse=True)[_WORST - 1]
            agencies = [r for r in agencies if r["overdue"] >= cut]
        ranked = sorted(agencies, key=lambda r: (-r["overdue"], vietnamese_key(r["agency"])))
        return ranked[:_WORST]

    def tied_out(self) -> int:
        """How many agencies as overdue as the last of the five worst are not named.

        With a hundred communes two obligations behind each, five names alone would
        read as if those five were the worst: the section's title says the rest.
        """
        shown = self._worst
        if len(shown) < _WORST:
            return 0
        last = shown[-1]["overdue"]
        tied = sum(1 for r in self.counts if r["level"] == "agency" and r["overdue"] == last)
        return tied - sum(1 for r in shown if r["overdue"] == last)

    def worst_title(self) -> str:
        left = self.tied_out()
        if not left:
            return t("report.worst")
        overdue = self._worst[-1]["overdue"]
        return t("report.worst") + t("report.worst_tied", count=left, overdue=overdue)

    def level(self, name: str) -> Rows:
        """The count rows of one level: "agency", "group" or "total" (one row)."""
        return [r for r in self.counts if r["level"] == name]

    def data(self) -> dict[str, Any]:
        """The report as JSON: every figure, whatever the format shows of it."""
        span = self.period
        return {
            "period": {
                "year": span.year,
                "quarter": span.quarter,
                "start": span.start,
                "end": span.end,
            },
            "as_of": self.as_of,
            "agencies": self.level("agency"),
            "groups": self.level("group"),
            "totals": next(iter(self.level("total")), None),
            "worst": self.worst(),
            "overdue": self.late,
            "plans": self.plans,
            "weeks": self.weeks,
        }

    def document(self, *, opened: bool) -> Document:
        """The layout for a file someone opens (`opened`: xlsx, html) or for the screen."""
        document = self._file() if opened else self._screen()
        document.data = self.data()
        return document

    def _screen(self) -> Document:
        """Tables to read in a terminal or paste: per agency, totals, worst, overdue."""
        rows = [r for r in self.counts if r["level"] != "total"]
        nothing, none_late = t("msg.none_in_period"), self._none_late()
        listings = [
            Listing(REPORT_STATUS_COLUMNS, rows, title=t("report.by_agency"), empty=nothing),
            Listing(
                REPORT_STATUS_COLUMNS, self.level("total"), title=t("report.totals"), empty=nothing
            ),
            Listing(WORST_COLUMNS, self.worst(), title=self.worst_title(), empty=nothing),
            Listing(OVERDUE_COLUMNS, self.late, title=t("report.overdue"), empty=none_late),
        ]
        return Document(listings, heading=self.period.heading(self.as_of))

    def _file(self) -> Document:
        """A workbook or a page: one summary with totals, charts, a part per plan."""
        listings = [
            Listing(
                REPORT_STATUS_COLUMNS, self.counts, title=t("report.summary"), keys=STATUS_KEYS
            ),
            Listing(WORST_COLUMNS, self.worst(), title=self.worst_title(), name=t("report.worst")),
            Listing(
                REPORT_OVERDUE_COLUMNS,
                self.late,
                title=t("report.overdue"),
                keys=OBLIGATION_KEYS,
                empty=self._none_late(),
            ),
            *self._per_plan(),
        ]
        heading = self.period.heading(self.as_of)
        return Document(listings, heading=heading, charts=self._charts())

    def _none_late(self) -> str:
        """The report lists what falls due in its period only: the sentence says so."""
        day = f"{self.as_of:%d/%m/%Y}"
        return t("msg.none_overdue_in_period", period=self.period.label(), date=day)

    def _per_plan(self) -> list[Listing]:
        return [
            Listing(
                REPORT_TASK_COLUMNS,
                entry["tasks"],
                title=t("report.plan", plan=entry["plan"], title=entry["title"]),
                name=entry["plan"],
            )
            for entry in self.plans
        ]

    def _charts(self) -> list[Chart]:
        """Totals as figures, weeks over time (the as-of day marked), best rates first."""
        agencies = sorted(
            self.level("agency"),
            key=lambda r: (-(r["rate"] if r["rate"] is not None else -1), r["overdue"]),
        )
        weeks = Listing(
            WEEK_COLUMNS, self.weeks, title=t("report.chart_weeks"), name=t("report.weeks_sheet")
        )
        return [
            Chart("figures", Listing(FIGURE_COLUMNS, self.level("total"))),
            Chart("weeks", weeks, marker=self.as_of),
            Chart("rates", Listing(REPORT_STATUS_COLUMNS, agencies, title=t("report.chart_rates"))),
        ]


def build(
    reader: Reader,
    span: Period,
    as_of: dt.date,
    *,
    plan: str | None = None,
    agency: str | None = None,
    group: str | None = None,
) -> Report:
    """Read the period's figures for the chosen plan, agency or group (one read transaction)."""
    from bmnn_cli.store import counts, queries
    from bmnn_cli.store.lookup import scope

    window = queries.Window(span.start, span.end)
    chosen = scope(reader, plan=plan, agency=agency, group=group)
    per_agency = status_rows(counts.status(reader, chosen, as_of, window))
    late = obligation_rows(queries.overdue(reader, chosen, as_of, window))
    tasks = counts.status_by_task(reader, chosen, as_of, window)
    weeks = counts.submissions_by_week(reader, chosen, as_of, window)
    return Report(span, as_of, per_agency, late, by_plan(tasks), weeks)


def by_plan(tasks: Rows) -> Rows:
    """Per-task counts grouped by plan, for a report's section per plan."""
    plans: dict[str, dict[str, Any]] = {}
    for row in tasks:
        entry = plans.setdefault(
            row["plan"], {"plan": row["plan"], "title": row["plan_title"], "tasks": []}
        )
        entry["tasks"].append(row)
    return list(plans.values())
