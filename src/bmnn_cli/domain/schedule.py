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

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule

from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

Year: TypeAlias = int
ONGOING = "ongoing"  # period key of duties with no computable due date

QUARTER_NAMES = ("I", "II", "III", "IV")
KINDS = (
    "fixed",
    "span",
    "yearly",
    "quarter",
    "quarterly",
    "monthly",
    "half_yearly",
    "continuous",
    "on_request",
    "after_event",
    "before_event",
    "until_event",
    "per_schedule",
    "urgent",
)
# Kinds that never give a due date of their own: ongoing until a request or event.
UNDATED = ("continuous", "on_request", "after_event", "until_event", "per_schedule", "urgent")
# Months in each period of a recurring kind, for dateutil's rrule.
_EVERY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6}


@dataclass(frozen=True)
class Occurrence:
    """One period of a schedule: `period` is a stable key ("2026", "2026-Q3").

    `begins` is the first day of a span or of a duty that starts later: before
    it the obligation has not yet begun (never pending, never overdue).
    """

    period: str
    year: Year
    due: dt.date | None  # None: ongoing, never overdue
    dated: bool = False  # the phrase gave this day explicitly ("trước ngày …")
    begins: dt.date | None = None


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
    begins: dt.date | None = None  # span, continuous, until_event: `from` as a date
    ends: dt.date | None = None  # span: `until` as a date
    expected: dt.date | None = None  # fixed: the day planned, `date` being the latest
    event_date: dt.date | None = None  # before_event: the event's day, when the plan gives it
    ref: str = ""  # per_schedule: the schedule the phrase refers to

    @property
    def undated(self) -> bool:
        return self.kind in UNDATED or (self.kind == "before_event" and self.event_date is None)

    @property
    def first_year(self) -> Year | None:
        """The first year this part names, if it names one."""
        for day in (self.begins, self.date, self.expected, self.event_date):
            if day is not None:
                return day.year
        return self.year or self.start

    @property
    def last_year(self) -> Year | None:
        """The last year this part can produce, or None when open-ended."""
        if self.kind == "fixed" and self.date:
            return self.date.year
        if self.kind == "span" and self.ends:
            return self.ends.year
        if self.kind == "quarter":
            return self.year
        if self.kind == "before_event" and self.event_date:
            return self.event_date.year
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
        elif self.kind == "span" and self.begins and self.ends:
            if self.begins.year <= through:
                yield Occurrence("once", self.begins.year, self.ends, begins=self.begins)
        elif self.kind == "quarter" and self.year and self.quarter:
            if self.year <= through:
                yield _quarter(self.year, self.quarter)
        elif self.kind == "before_event" and self.event_date and self.days:
            due = self.event_date - dt.timedelta(days=self.days)
            if due.year <= through:
                yield Occurrence("once", due.year, due)
        elif self.kind == "yearly":
            month, day = (self.month, self.day) if self.month else yearly_due
            for year in range(start, end + 1):
                due = dt.date(year, month, min(day or 31, _month_days(year, month)))
                yield Occurrence(str(year), year, due, dated=self.month is not None)
        elif self.kind in _EVERY_MONTHS:
            yield from self._recurring(start, end)
        else:
            yield Occurrence(ONGOING, self.begins.year if self.begins else start, None,
                             begins=self.begins)  # fmt: skip

    def _recurring(self, start: Year, end: Year) -> Iterator[Occurrence]:
        """Monthly, quarterly and half-yearly periods, due on the last day of each.

        With a `day`, the period is due on that day of its last month (the
        month's last day when it is shorter): "trước ngày 20 hằng tháng".
        """
        if end < start:
            return
        step = _EVERY_MONTHS[self.kind]
        last_months = rrule(
            MONTHLY, interval=step, dtstart=dt.date(start, step, 1), until=dt.date(end, 12, 1)
        )
        for month_start in last_months:
            first_day = month_start.date()
            due = first_day + relativedelta(day=self.day or 31)  # clamped to the month's end
            yield Occurrence(_period_key(self.kind, first_day), first_day.year, due,
                             dated=self.day is not None)  # fmt: skip

    def describe(self) -> str:
        """A short canonical Vietnamese reading, for listings and `explain`."""
        if self.kind == "fixed" and self.date:
            latest = f"trước ngày {self.date:%d/%m/%Y}"
            return f"dự kiến ngày {self.expected:%d/%m/%Y}, {latest}" if self.expected else latest
        if self.kind == "span" and self.begins and self.ends:
            return f"từ ngày {self.begins:%d/%m/%Y} đến ngày {self.ends:%d/%m/%Y}"
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
        since = f" từ ngày {self.begins:%d/%m/%Y}" if self.begins else ""
        on_day = f", ngày {self.day}" if self.day else ""
        return {
            "quarterly": "hằng quý" + on_day,
            "monthly": "hằng tháng" + on_day,
            "half_yearly": "định kỳ 6 tháng" + on_day,
            "continuous": "thường xuyên" + since,
            "on_request": "đột xuất" + days,
            "after_event": f"sau sự kiện{days}",
            "before_event": f"{self.days} ngày trước {self.event}",
            "until_event": f"{since.strip()} đến khi {self.event}".strip(),
            "per_schedule": f"theo lịch khác: {self.ref}",
            "urgent": "khẩn trương, không ghi hạn",
        }.get(self.kind, self.kind)


def _period_key(kind: str, first_day: dt.date) -> str:
    """The period of a recurring part whose last month starts on `first_day`."""
    if kind == "monthly":
        return f"{first_day.year}-{first_day.month:02d}"
    if kind == "quarterly":
        return f"{first_day.year}-Q{first_day.month // 3}"
    return f"{first_day.year}-H{first_day.month // 6}"


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
    "fixed": {"date": dt.date, "expected": dt.date, "event": str, "days": int},
    "span": {"from": dt.date, "until": dt.date},
    "yearly": {"month": int, "day": int, "from": int, "until": int},
    "quarter": {"year": int, "quarter": int},
    "quarterly": {"from": int, "until": int, "day": int},
    "monthly": {"from": int, "until": int, "day": int},
    "half_yearly": {"from": int, "until": int, "day": int},
    "continuous": {"from": dt.date},
    "on_request": {"days": int},
    "after_event": {"event": str, "days": int, "working_days": bool},
    "before_event": {"event": str, "days": int, "event_date": dt.date},
    "until_event": {"event": str, "from": dt.date},
    "per_schedule": {"ref": str},
    "urgent": {},
}
_REQUIRED = {
    "fixed": ("date",),
    "quarter": ("year", "quarter"),
    "span": ("from", "until"),
    "before_event": ("event", "days"),
    "until_event": ("event",),
    "per_schedule": ("ref",),
}
# Kinds whose `from` and `until` are days, not years.
_DAY_BOUNDS = ("span", "continuous", "until_event")


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
        if type(value) is not expected:
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
    days_bound = kind in _DAY_BOUNDS
    part = Part(
        kind=kind,
        date=raw.get("date"),
        year=raw.get("year"),
        quarter=raw.get("quarter"),
        month=raw.get("month"),
        day=raw.get("day"),
        start=None if days_bound else raw.get("from"),
        until=None if days_bound else raw.get("until"),
        days=raw.get("days"),
        working_days=bool(raw.get("working_days", False)),
        event=str(raw.get("event", "")),
        begins=raw.get("from") if days_bound else None,
        ends=raw.get("until") if days_bound else None,
        expected=raw.get("expected"),
        event_date=raw.get("event_date"),
        ref=str(raw.get("ref", "")),
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
    _check_days(part, where)


def _check_days(part: Part, where: str) -> None:
    """The dates of a part: in range, a span ending after it starts, an expected day first."""
    for day in (part.date, part.begins, part.ends, part.expected, part.event_date):
        if day is not None and not 1900 <= day.year <= 2200:
            raise InputError(t("err.input.schedule_year_range", where=where, year=day.year))
    if part.begins and part.ends and part.ends < part.begins:
        raise InputError(
            t("err.input.until_before_from", where=where, until=part.ends, start=part.begins)
        )
    if part.expected and part.date and part.date < part.expected:
        raise InputError(
            t("err.deadlines.latest_before_expected", where=where,
              latest=part.date, expected=part.expected)
        )  # fmt: skip
    for key in ("event", "ref"):
        if key in _REQUIRED.get(part.kind, ()) and not getattr(part, key).strip():
            raise InputError(t("err.input.schedule_needs", where=where, kind=part.kind, field=key))


def part_to_dict(part: Part) -> dict[str, Any]:
    """The plan-file form of a part (the inverse of `part_from_dict`)."""
    out: dict[str, Any] = {"kind": part.kind}
    days_bound = part.kind in _DAY_BOUNDS
    values = {
        "date": part.date,
        "expected": part.expected,
        "event_date": part.event_date,
        "ref": part.ref or None,
        "year": part.year,
        "quarter": part.quarter,
        "month": part.month,
        "day": part.day,
        "from": part.begins if days_bound else part.start,
        "until": part.ends if days_bound else part.until,
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
