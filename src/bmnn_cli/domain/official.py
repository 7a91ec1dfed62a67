"""The Government's working calendar, shipped as package data over `holidays`.

`holidays` computes the Labor Code's holidays (with the lunar dates) but not
every arrangement the Government announces each year (New Year 2026: Friday
02/01 off, Saturday 10/01 worked, CV 12729/VPCP-KGVX). The announced days
off and make-up working days live in `data/calendar-vn.toml`, each with its
notice; a year not announced there is projected ("dự kiến").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bmnn_cli.domain import calendar_data
from bmnn_cli.domain.calendar_data import holidays_version

ANNOUNCED, PROJECTED = "announced", "projected"


@dataclass(frozen=True)
class Day:
    """One day of the calendar and where it comes from."""

    date: dt.date
    kind: str  # day_off | working_day | not_day_off
    name: str
    notice: str = ""  # the notice's number ("12729/VPCP-KGVX"), "" when not checked
    notice_date: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Rule:
    """A day `holidays` lists as off that the law as enacted does not, every year from `since`."""

    month: int
    day: int
    since: int
    name: str
    note: str = ""

    def on(self, year: int) -> dt.date | None:
        return dt.date(year, self.month, self.day) if year >= self.since else None


@dataclass(frozen=True)
class Official:
    """The announced days off and make-up working days, by date, and which years are announced."""

    version: int
    fingerprint: str  # changes with the data file and with the `holidays` version
    announced: frozenset[int] = frozenset()
    days: dict[dt.date, Day] = field(default_factory=dict)
    not_days_off: tuple[Rule, ...] = ()
    law: dict[str, str] = field(default_factory=dict)

    def status(self, year: int) -> str:
        return ANNOUNCED if year in self.announced else PROJECTED

    def decides(self, day: dt.date) -> bool | None:
        """True: a working day by announcement or by law; False: a day off; None: ask `holidays`."""
        listed = self.days.get(day)
        if listed is not None:
            return listed.kind != "day_off"
        if any(rule.on(day.year) == day for rule in self.not_days_off) and day.weekday() < 5:
            return True
        return None

    def rule_for(self, day: dt.date) -> Rule | None:
        return next((r for r in self.not_days_off if r.on(day.year) == day), None)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if value else None


def parse(text: str, *, holidays_version: str) -> Official:
    """The calendar data of `text` (the TOML of `data/calendar-vn.toml`)."""
    data = tomllib.loads(text)
    days: dict[dt.date, Day] = {}
    announced = set()
    for year in data.get("years", []):
        if year.get("status") == ANNOUNCED:
            announced.add(int(year["year"]))
        for kind, table in (("day_off", "days_off"), ("working_day", "working_days")):
            for entry in year.get(table, []):
                day = Day(
                    _date(entry["date"]) or dt.date.min, kind, entry.get("name", ""),
                    entry.get("notice", ""), _date(entry.get("notice_date")), entry.get("note", ""),
                )  # fmt: skip
                days[day.date] = day
    rules = tuple(
        Rule(int(r["month"]), int(r["day"]), int(r["from"]), r.get("name", ""), r.get("note", ""))
        for r in data.get("not_days_off", [])
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    version = int(data.get("version", 0))
    fingerprint = f"calendar-vn v{version} {digest}; holidays {holidays_version}"
    return Official(version, fingerprint, frozenset(announced), days, rules, data.get("law", {}))


@lru_cache(maxsize=1)
def official() -> Official:
    """The calendar data shipped with bmnn."""
    return parse(calendar_data.text(), holidays_version=holidays_version())


@dataclass(frozen=True)
class Entry:
    """One line of `bmnn calendar`: a day off or a working day that is not the usual one."""

    date: dt.date
    kind: str  # day_off | working_day | not_day_off
    name: str
    source: str  # official | law | province
    notice: str = ""
    notice_date: dt.date | None = None
    note: str = ""
    status: str = ANNOUNCED  # of the year: announced | projected
    province: str = ""


def year_entries(
    year: int,
    national: Any,
    *,
    provinces: tuple[tuple[str, frozenset[dt.date], frozenset[dt.date]], ...] = (),
) -> list[Entry]:
    """The calendar in force for `year`: the Labor Code's holidays (`national`, from
    `holidays`), the announced days over them, then each province's own days."""
    data = official()
    status = data.status(year)
    out: dict[tuple[dt.date, str], Entry] = {}
    for day, name in sorted(national.items()):
        rule = data.rule_for(day)
        if rule is not None:
            out[(day, "")] = Entry(day, "not_day_off", rule.name, "law", note=rule.note,
                                   status=status)  # fmt: skip
        elif day not in data.days:
            out[(day, "")] = Entry(day, "day_off", str(name), "law", status=status)
    for day in sorted(getattr(national, "weekend_workdays", ())):
        if day.year == year and day not in data.days:
            out[(day, "")] = Entry(day, "working_day", "", "law", status=status)
    for listed in data.days.values():
        if listed.date.year == year:
            out[(listed.date, "")] = Entry(
                listed.date, listed.kind, listed.name, "official", listed.notice,
                listed.notice_date, listed.note, status,
            )  # fmt: skip
    for province, days_off, working_days in provinces:
        for kind, days in (("day_off", days_off), ("working_day", working_days)):
            for day in days:
                if day.year == year:
                    out[(day, province)] = Entry(day, kind, "", "province", status=status,
                                                 province=province)  # fmt: skip
    return sorted(out.values(), key=lambda e: (e.date, e.province))
