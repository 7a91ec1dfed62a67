"""Schedules: the structured reading of a task's deadline phrase.

A schedule is a list of parts; each part yields the periods an answerable
agency owes, with the due date its rule gives (the *scheduled* due date).
The date in force after the deadline law is worked out in `deadlines`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

Year: TypeAlias = int
ONGOING = "ongoing"  # period key of duties with no computable due date

QUARTER_NAMES = ("I", "II", "III", "IV")
KINDS = (
    "fixed",
    "yearly",
    "quarter",
    "quarterly",
    "monthly",
    "half_yearly",
    "continuous",
    "on_request",
    "after_event",
)


@dataclass(frozen=True)
class Occurrence:
    """One period of a schedule: `period` is a stable key ("2026", "2026-Q3")."""

    period: str
    year: Year
    due: dt.date | None  # None: ongoing, never overdue
    dated: bool = False  # the phrase gave this day explicitly ("trước ngày …")


@dataclass(frozen=True)
class Part:
    """One part of a schedule, as written in a plan file's [[tasks.schedule]]."""

    kind: str
    date: dt.date | None = None
    year: Year | None = None
    quarter: int | None = None
    month: int | None = None
    day: int | None = None
    start: Year | None = None
    until: Year | None = None
    days: int | None = None
    working_days: bool = False
    event: str = ""

    @property
    def undated(self) -> bool:
        return self.kind in ("continuous", "on_request", "after_event")

    @property
    def last_year(self) -> Year | None:
        """The last year this part can produce, or None when open-ended."""
        if self.kind == "fixed" and self.date:
            return self.date.year
        if self.kind == "quarter":
            return self.year
        if self.undated:
            return None
        return self.until

    def occurrences(
        self, first: Year, through: Year, yearly_due: tuple[int, int]
    ) -> Iterator[Occurrence]:
        """Periods up to and including `through`; `first` is the plan's year."""
        start = self.start or first
        end = min(self.until or through, through)
        if self.kind == "fixed" and self.date:
            if self.date.year <= through:
                yield Occurrence(self.date.isoformat(), self.date.year, self.date, dated=True)
        elif self.kind == "quarter" and self.year and self.quarter:
            if self.year <= through:
                yield _quarter(self.year, self.quarter)
        elif self.kind == "yearly":
            month, day = (self.month, self.day) if self.month else yearly_due
            for year in range(start, end + 1):
                due = dt.date(year, month, min(day or 31, _month_days(year, month)))
                yield Occurrence(str(year), year, due, dated=self.month is not None)
        elif self.kind == "quarterly":
            for year in range(start, end + 1):
                for quarter in range(1, 5):
                    yield _quarter(year, quarter)
        elif self.kind == "half_yearly":
            for year in range(start, end + 1):
                yield Occurrence(f"{year}-H1", year, dt.date(year, 6, 30))
                yield Occurrence(f"{year}-H2", year, dt.date(year, 12, 31))
        elif self.kind == "monthly":
            for year in range(start, end + 1):
                for month in range(1, 13):
                    day = min(self.day or 31, _month_days(year, month))
                    yield Occurrence(f"{year}-{month:02d}", year, dt.date(year, month, day))
        else:
            yield Occurrence(ONGOING, start, None)

    def describe(self) -> str:
        """A short canonical Vietnamese reading, for listings and `explain`."""
        if self.kind == "fixed" and self.date:
            return f"trước ngày {self.date:%d/%m/%Y}"
        if self.kind == "yearly":
            when = (
                f"ngày {self.day:02d}/{self.month:02d} hằng năm"
                if self.month and self.day
                else "hằng năm"
            )
            span = f" từ {self.start}" if self.start else ""
            return when + span + (f" đến {self.until}" if self.until else "")
        if self.kind == "quarter" and self.quarter:
            return f"Quý {QUARTER_NAMES[self.quarter - 1]}/{self.year}"
        days = f", {self.days} ngày" if self.days else ""
        return {
            "quarterly": "hằng quý",
            "monthly": "hằng tháng",
            "half_yearly": "định kỳ 6 tháng",
            "continuous": "thường xuyên",
            "on_request": "đột xuất" + days,
            "after_event": f"sau sự kiện{days}",
        }.get(self.kind, self.kind)


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _quarter(year: int, quarter: int) -> Occurrence:
    month = quarter * 3
    return Occurrence(f"{year}-Q{quarter}", year, dt.date(year, month, _month_days(year, month)))


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day (both inclusive) of a quarter."""
    end = _quarter(year, quarter).due
    assert end is not None
    return dt.date(year, quarter * 3 - 2, 1), end


_FIELDS: dict[str, dict[str, type]] = {
    "fixed": {"date": dt.date},
    "yearly": {"month": int, "day": int, "from": int, "until": int},
    "quarter": {"year": int, "quarter": int},
    "quarterly": {"from": int, "until": int},
    "monthly": {"from": int, "until": int, "day": int},
    "half_yearly": {"from": int, "until": int},
    "continuous": {},
    "on_request": {"days": int},
    "after_event": {"event": str, "days": int, "working_days": bool},
}
_REQUIRED = {"fixed": ("date",), "quarter": ("year", "quarter")}


def part_from_dict(raw: Mapping[str, Any], *, where: str) -> Part:
    """Validate one [[tasks.schedule]] table; `where` names it in messages."""
    kind = raw.get("kind")
    if kind not in _FIELDS:
        raise InputError(
            t("err.input.schedule_kind", where=where, kind=kind, kinds=", ".join(KINDS))
        )
    fields = _FIELDS[kind]
    for key, value in raw.items():
        if key == "kind":
            continue
        if key not in fields:
            raise InputError(t("err.input.schedule_key", where=where, field=key, kind=kind))
        expected = fields[key]
        if type(value) is not expected and not (expected is dt.date and type(value) is dt.date):
            raise InputError(
                t(
                    "err.input.schedule_type",
                    where=where,
                    field=key,
                    value=value,
                    expected=_type_name(expected),
                )
            )
    for key in _REQUIRED.get(kind, ()):
        if key not in raw:
            raise InputError(t("err.input.schedule_needs", where=where, kind=kind, field=key))
    part = Part(
        kind=kind,
        date=raw.get("date"),
        year=raw.get("year"),
        quarter=raw.get("quarter"),
        month=raw.get("month"),
        day=raw.get("day"),
        start=raw.get("from"),
        until=raw.get("until"),
        days=raw.get("days"),
        working_days=bool(raw.get("working_days", False)),
        event=str(raw.get("event", "")),
    )
    _check_ranges(part, where)
    return part


def _type_name(expected: type) -> str:
    key = {
        int: "err.input.type_int",
        str: "err.input.type_text",
        bool: "err.input.type_bool",
        dt.date: "err.input.type_date",
    }[expected]
    return t(key)


def _check_ranges(part: Part, where: str) -> None:
    if part.quarter is not None and not 1 <= part.quarter <= 4:
        raise InputError(t("err.input.quarter_range", where=where, quarter=part.quarter))
    if part.month is not None and not 1 <= part.month <= 12:
        raise InputError(t("err.input.month_range", where=where, month=part.month))
    if (part.month is None) != (part.day is None) and part.kind == "yearly":
        raise InputError(t("err.input.yearly_month_day", where=where))
    if part.month is not None and part.day is not None:
        try:
            dt.date(2024, part.month, part.day)  # a leap year accepts 29/02
        except ValueError:
            raise InputError(
                t("err.input.day_month_not_date", where=where, day=part.day, month=part.month)
            ) from None
    if part.day is not None and not 1 <= part.day <= 31:
        raise InputError(t("err.input.day_range", where=where, day=part.day))
    for year in (part.year, part.start, part.until):
        if year is not None and not 1900 <= year <= 2200:
            raise InputError(t("err.input.schedule_year_range", where=where, year=year))
    if part.start and part.until and part.until < part.start:
        raise InputError(
            t("err.input.until_before_from", where=where, until=part.until, start=part.start)
        )
    if part.days is not None and not 0 < part.days <= 3660:
        raise InputError(t("err.input.days_range", where=where, days=part.days))


def part_to_dict(part: Part) -> dict[str, Any]:
    """The plan-file form of a part (the inverse of `part_from_dict`)."""
    out: dict[str, Any] = {"kind": part.kind}
    values = {
        "date": part.date,
        "year": part.year,
        "quarter": part.quarter,
        "month": part.month,
        "day": part.day,
        "from": part.start,
        "until": part.until,
        "event": part.event or None,
        "days": part.days,
        "working_days": part.working_days or None,
    }
    for key in _FIELDS[part.kind]:
        if values.get(key) is not None:
            out[key] = values[key]
    return out


def describe(parts: list[Part]) -> str:
    return " và ".join(p.describe() for p in parts)
