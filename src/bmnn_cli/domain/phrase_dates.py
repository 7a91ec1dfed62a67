"""Calendar points a deadline phrase names, and the schedule parts they make.

A date, month, quarter, half or year written in a phrase becomes a ``When`` (Civil Code 2015
Art. 146 for "đầu", "giữa", "cuối"), and a ``When`` becomes a fixed or yearly part; kept
apart from the rules so every rule reads dates the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from bmnn_cli.domain.phrase_lexis import (
    D_THANG_M,
    DAY_AT,
    DMY,
    HALF,
    MONTH,
    QUARTER,
    ROMAN,
    YEAR,
    YEAR_AT,
    Part,
)


@dataclass(frozen=True)
class When:
    """A calendar point a phrase names; ``None`` year: not said, ``None`` day: month's end."""

    year: int | None
    month: int
    day: int | None
    quarter: int | None = None
    begin: tuple[int, int] = (1, 1)  # month and day the period named starts on

    def first_day(self, year: int | None = None) -> dt.date | None:
        """The first day of the period, in the year given when the phrase gave none."""
        chosen = self.year if self.year is not None else year
        return None if chosen is None else _date(chosen, *self.begin)

    def last_day(self, year: int | None = None) -> dt.date | None:
        """The last day of the period (a month's or quarter's end when no day is said)."""
        chosen = self.year if self.year is not None else year
        if chosen is None:
            return None
        return _date(chosen, self.month, self.day or days_in_month(chosen, self.month))


def year_of(match: re.Match[str]) -> int | None:
    """The year a date form captured, under either group name."""
    groups = match.groupdict()
    text = groups.get("y") or groups.get("y2") or groups.get("y3")
    return int(text) if text else None


# Builders: one per date form, turning its match into a When.


def month_of(m: re.Match[str]) -> int:
    return int(m["m"].replace(" ", ""))


def _when_dmy(m: re.Match[str]) -> When:
    month, day = month_of(m), int(m["d"])
    return When(year_of(m), month, day, begin=(month, max(day, 1)))


def _when_month(m: re.Match[str]) -> When:
    month, day = month_of(m), DAY_AT.get(m["pos"] or "")
    return When(year_of(m), month, day, begin=(month, day or 1))


def _when_year(m: re.Match[str]) -> When:
    month, day = YEAR_AT.get(m["pos"] or "", (12, 31))
    return When(year_of(m), month, day, begin=(month, day) if m["pos"] else (1, 1))


def _when_half(m: re.Match[str]) -> When:
    first = m["half"] == "dau"
    return When(year_of(m), 6 if first else 12, None, begin=(1 if first else 7, 1))


def quarter_number(text: str) -> int:
    return ROMAN.get(text) or int(text)


def _when_quarter(m: re.Match[str]) -> When:
    quarter = quarter_number(m["q"])
    return When(year_of(m), 3 * quarter, None, quarter, begin=(3 * quarter - 2, 1))


DATE_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], When]], ...] = (
    (DMY, _when_dmy),
    (D_THANG_M, _when_dmy),
    (MONTH, _when_month),
    (HALF, _when_half),
    (YEAR, _when_year),
    (QUARTER, _when_quarter),
)


# --- calendar helpers ------------------------------------------------------------------


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for an impossible one (31/02): bad dates are unread, not errors."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def days_in_month(year: int, month: int) -> int:
    """Last day of the month (Art. 146 "cuối tháng"), 0 when the month cannot exist."""
    if not (1 <= month <= 12 and dt.MINYEAR <= year <= dt.MAXYEAR):
        return 0
    return calendar.monthrange(year, month)[1]


def yearly_at(when: When) -> Part | None:
    """A yearly part on the day ``when`` names; a year said in the phrase is where it starts."""
    day = when.day if when.day is not None else days_in_month(when.year or 2001, when.month)
    if _date(when.year or 2000, when.month, day) is None:  # 2000: let 29/02 through
        return None
    part: Part = {"kind": "yearly", "month": when.month, "day": day}
    if when.year is not None:
        part["from"] = when.year
    return part


def dated(when: When, plan_year: int | None) -> Part | None:
    """A one-off part, taking the plan's year when the phrase gives none."""
    year = when.year if when.year is not None else plan_year
    if year is None or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if when.quarter is not None:
        return {"kind": "quarter", "year": year, "quarter": when.quarter}
    day = when.day if when.day is not None else days_in_month(year, when.month)
    date = _date(year, when.month, day)
    return None if date is None else {"kind": "fixed", "date": date}
