"""Grammar rules for deadlines on the calendar: dates, periods, spans and recurrences.

Dates alone or recurring ("30/10 hằng năm"), open-ended years, ranges and spans
("giai đoạn 2026-2030"), lists of quarters or months written with one year, days of a
period ("ngày 25 hằng tháng") and the periodic words ("định kỳ hằng quý"): each rule reads
one shape and returns where it stopped, or ``None``.
"""

from __future__ import annotations

import datetime as dt
import re

from bmnn_cli.domain.phrase_dates import (
    DATE_FORMS,
    When,
    dated,
    days_in_month,
    month_of,
    quarter_number,
    year_of,
    yearly_at,
)
from bmnn_cli.domain.phrase_lexis import (
    DATE_PREFIX,
    DAY_AT,
    END,
    EVERY,
    MONTH_DAY,
    OPEN_TAIL_RE,
    OPEN_YEARLY,
    PERIODIC,
    PERIODIC_KINDS,
    POSITION_EVERY,
    PREFIX,
    QUARTER_LIST,
    QUY,
    RANGE,
    RECUR_AFTER,
    RECUR_BEFORE,
    YEAR_AT,
    M,
    Part,
    Q,
    Y,
)
from bmnn_cli.domain.phrase_scan import Scan


def rule_open_yearly(scan: Scan, pos: int) -> int | None:
    """Read "Năm 2026 và những năm tiếp theo": yearly from that year on.

    A quarter, month or day before the tail gives the yearly day: "Quý IV năm 2025 và các
    năm tiếp theo" is due at the end of each year's fourth quarter, from 2025.
    """
    m = scan.match(OPEN_YEARLY, pos)
    if m is not None and int(m["y"]) >= dt.MINYEAR:
        scan.parts.append({"kind": "yearly", "from": int(m["y"])})
        return m.end()
    found = read_when(scan, pos)
    tail = scan.match(OPEN_TAIL_RE, found[1]) if found else None
    if found is None or tail is None or found[0].year is None:
        return None
    part = yearly_at(found[0])
    if part is None:
        return None
    scan.parts.append(part)
    return tail.end()


def rule_range(scan: Scan, pos: int) -> int | None:
    """Read "từ năm A (đến năm B)": it bounds the periodic part before it, else is yearly."""
    m = scan.match(RANGE, pos)
    if m is None:
        return None
    said = (("from", m["a"] or m["d"]), ("until", m["b"] or m["c"] or m["e"]))
    bounds: Part = {key: int(text) for key, text in said if text}
    first, last = int(said[0][1] or dt.MINYEAR), int(said[1][1] or dt.MAXYEAR)
    if not dt.MINYEAR <= first <= last:
        return None
    target = scan.last(PERIODIC_KINDS)
    if target is not None and "from" not in target and "until" not in target:
        target.update(bounds)
    elif m["a"] and not m["b"]:
        scan.parts.append({"kind": "yearly", **bounds})
    else:
        return None  # "đến năm 2030" is a date, "từ năm 2026 đến năm 2030" a span
    return m.end()


def rule_position_every(scan: Scan, pos: int) -> int | None:
    """Read "cuối mỗi tháng", "đầu hằng năm": a recurring part at a point of each period."""
    m = scan.match(POSITION_EVERY, pos)
    if m is None:
        return None
    position, unit = m["pos"], m["unit"]
    if unit == "nam":
        month, day = YEAR_AT.get(position, (12, 31))
        scan.parts.append({"kind": "yearly", "month": month, "day": day})
    elif unit == "thang":
        scan.parts.append(
            {"kind": "monthly", **({"day": DAY_AT[position]} if position in DAY_AT else {})}
        )
    elif position == "cuoi":
        scan.parts.append({"kind": "quarterly"})
    else:
        return None  # "đầu quý" has no day in law or in the plan format
    return m.end()


def rule_month_day(scan: Scan, pos: int) -> int | None:
    """Read "trước ngày 5 hằng tháng": monthly on that day."""
    m = scan.match(MONTH_DAY, pos)
    if m is None:
        return None
    day = int(m["d"] or m["d2"])
    if not 1 <= day <= 31:
        return None
    scan.parts.append({"kind": "monthly", "day": day})
    return m.end()


def read_when(scan: Scan, pos: int) -> tuple[When, int] | None:
    """A date expression (with its "trước ngày"-like words) at ``pos``."""
    start = scan.match(DATE_PREFIX, pos)
    at = start.end() if start else pos
    for pattern, build in DATE_FORMS:
        m = scan.match(pattern, at)
        if m is not None:
            return build(m), m.end()
    return None


def rule_recurring_date(scan: Scan, pos: int) -> int | None:
    """Read "hằng năm, trước ngày 30/10": yearly on that day (a year after it is a bound)."""
    lead = scan.match(RECUR_BEFORE, pos)
    found = read_when(scan, lead.end()) if lead else None
    part = yearly_at(found[0]) if found and found[0].year is None else None
    if found is None or part is None:
        return None
    scan.parts.append(part)
    return found[1]


def rule_date(scan: Scan, pos: int) -> int | None:
    """A date, month, quarter or year: one-off, or yearly when "hằng năm" follows."""
    found = read_when(scan, pos)
    if found is None:
        return None
    when, end = found
    recur = scan.match(RECUR_AFTER, end)
    yearly = scan.last(("yearly",))
    if when.year is None and not recur and yearly is not None and "month" not in yearly:
        part = yearly_at(when)  # "hằng năm (trước ngày 15/12)": the day of the yearly part
        if part is None:
            return None
        yearly.update(month=part["month"], day=part["day"])
        return end
    every = scan.last(("half_yearly", "quarterly")) if when.year is None and not recur else None
    if every is not None and when.day is not None and _ends_period(every, when):
        every["day"] = when.day  # "định kỳ 6 tháng (trước ngày 15/6 và 15/12)"
        return end
    part = yearly_at(when) if recur else dated(when, scan.year)
    if part is None:
        return None
    if recur:  # "Tháng 6 và tháng 12 hằng năm": every yearless day before it recurs too
        _make_yearly(scan)
    elif when.year is None:
        part["_yearless"] = True
    period = scan.last(("quarter",))
    if period is not None and part["kind"] == "fixed" and _in_brackets(scan, pos):
        start, end_day = _quarter_days(period)
        if start <= part["date"] <= end_day:  # type: ignore[operator]
            period.clear()  # "Quý II/2026 (trước ngày 15/6/2026)": the day in the quarter
            period.update(part)
            return end
    planned = scan.last(("fixed",))
    if planned is not None and planned.get("_planned") and _LATEST.match(scan.folded, pos):
        latest, expected = part.get("date"), planned["date"]
        if not isinstance(latest, dt.date) or not isinstance(expected, dt.date):
            return None
        if latest < expected:
            return None
        planned.pop("_planned")
        planned.update(date=part["date"], expected=planned["date"])
        return end
    scan.parts.append(part)
    return recur.end() if recur else end


def _in_brackets(scan: Scan, pos: int) -> bool:
    """True when the text at `pos` opens a bracket: "Quý II/2026 (trước ngày …)"."""
    return _OPENED.search(scan.folded, 0, pos) is not None


_OPENED = re.compile(r"\((?: ?(?:bao cao|ket qua|gui|nop|thuc hien|hoan thanh))* ?$")


def _quarter_days(part: Part) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter part."""
    year, quarter = int(str(part["year"])), int(str(part["quarter"]))
    last = 3 * quarter
    return dt.date(year, last - 2, 1), dt.date(year, last, days_in_month(year, last))


def _ends_period(every: Part, when: When) -> bool:
    """True when `when` is a last month of `every`'s periods, on the day it already has."""
    months = (6, 12) if every["kind"] == "half_yearly" else (3, 6, 9, 12)
    return when.month in months and every.get("day", when.day) == when.day


def _make_yearly(scan: Scan) -> None:
    """Turn the yearless days read just before a "hằng năm" into yearly parts."""
    for part in reversed(scan.parts):
        if not part.pop("_yearless", False) or not isinstance(part.get("date"), dt.date):
            break
        day: dt.date = part["date"]  # type: ignore[assignment]
        part.clear()
        part.update(kind="yearly", month=day.month, day=day.day)


_LATEST = re.compile(r"(?:cham nhat|muon nhat|khong (?:muon|cham|qua)|han chot)")


def rule_periodic(scan: Scan, pos: int) -> int | None:
    """Read "định kỳ hằng quý", "6 tháng một lần", or "định kỳ" alone (yearly, plan's due)."""
    m = scan.match(PERIODIC, pos)
    if m is None or m.lastgroup is None:
        return None
    scan.parts.append({"kind": m.lastgroup})
    return m.end()


_SPAN_LEAD = re.compile(
    r"(?:(?:tu|xuyen suot|trong|trai dai)(?: giai doan)?(?: tu)? |giai doan (?:tu )?)?"
)
_YEARS = re.compile(r"(?:nam )?(?P<a>[0-9]{4}) ?[-–] ?(?:nam )?(?P<b>[0-9]{4})" + END)
_SPAN_SEP = re.compile(r" ?(?:-|–|(?:cho )?(?:den|toi)(?: het)?) ?")
_BARE_QUARTER = re.compile(rf"(?P<q>{Q}) ?[/-] ?{Y}{END}")  # the "IV/2026" of "Quý III - IV/2026"
_MONTH_YEAR = re.compile(rf"(?:thang )?{M} ?[/.-] ?{Y}{END}")  # the "9/2026" of "Tháng 8 - 9/2026"


def _read_end(scan: Scan, pos: int, first: When) -> tuple[When, int] | None:
    """The second end of a span: a date form, or the shorter forms the first one allows."""
    found = read_when(scan, pos)
    if found is not None:
        return found
    q = scan.match(_BARE_QUARTER, pos)
    if q is not None and first.quarter is not None and first.year is None:
        quarter = quarter_number(q["q"])
        return When(int(q["y"]), 3 * quarter, None, quarter, begin=(3 * quarter - 2, 1)), q.end()
    m = scan.match(_MONTH_YEAR, pos)
    if m is not None and first.quarter is None and first.day is None:
        month = month_of(m)
        return When(year_of(m), month, None, begin=(month, 1)), m.end()
    return None


def rule_span(scan: Scan, pos: int) -> int | None:
    """Read "Năm 2025 - 2026", "Từ tháng 7/2026 đến quý I/2027": one duty due at its end.

    The first end may leave out its year ("Tháng 8 - 9/2026", "từ ngày 01/4 đến ngày
    30/9/2026"): it takes the second's.
    """
    lead = scan.match(_SPAN_LEAD, pos)
    at = lead.end() if lead else pos
    years = scan.match(_YEARS, at)
    if years is not None:  # "Năm 2025-2030": the hyphen joins the years, no space
        first_year, last_year = int(years["a"]), int(years["b"])
        if not dt.MINYEAR <= first_year <= last_year <= dt.MAXYEAR:
            return None
        scan.parts.append(
            {"kind": "span", "from": dt.date(first_year, 1, 1), "until": dt.date(last_year, 12, 31)}
        )
        return years.end()
    found = read_when(scan, at)
    sep = scan.match(_SPAN_SEP, found[1]) if found else None
    if found is None or sep is None:
        return None
    first = found[0]
    second = _read_end(scan, sep.end(), first)
    if second is None:
        return None
    last, end = second
    year = last.year if last.year is not None else scan.year
    until = last.last_day(year)
    begins = first.first_day(year if first.year is None else None)
    if begins is None or until is None or until < begins or scan.match(OPEN_TAIL_RE, end):
        return None
    scan.parts.append({"kind": "span", "from": begins, "until": until})
    return end


def rule_quarter_list(scan: Scan, pos: int) -> int | None:
    """Read "Quý III, IV/2026": one quarter each, the year written after the last."""
    m = scan.match(QUARTER_LIST, pos)
    if m is None:
        return None
    year = int(m["y"])
    for text in re.split(r" ?(?:,|va) ?", m["qs"]):
        scan.parts.append({"kind": "quarter", "year": year, "quarter": quarter_number(text)})
    return m.end()


_HALF_DAY = re.compile(r"(?:0?6|sau) thang (?P<half>dau|cuoi) nam ?,? ")


def rule_half_day(scan: Scan, pos: int) -> int | None:
    """Read "6 tháng đầu năm trước ngày 15/6": the half-year report, each year on that day."""
    m = scan.match(_HALF_DAY, pos)
    found = read_when(scan, m.end()) if m else None
    if found is None or found[0].year is not None or found[0].day is None:
        return None
    part = yearly_at(found[0])
    if part is None:
        return None
    scan.parts.append(part)
    return found[1]


_LAST_MONTH_DAY = re.compile(
    rf"{PREFIX}ngay (?P<d>[0-9]{{1,2}}) (?:cua )?thang cuoi (?:cua )?(?:moi |hang |hang )?"
    rf"(?P<unit>{QUY}|ky){END}"
)
_QUARTER_DAY = re.compile(rf"{PREFIX}ngay (?P<d>[0-9]{{1,2}}) (?:{EVERY}) {QUY}{END}")


def rule_period_day(scan: Scan, pos: int) -> int | None:
    """Read "trước ngày 15 của tháng cuối quý", "ngày 20 hằng quý": a day of each period."""
    m = scan.match(_LAST_MONTH_DAY, pos) or scan.match(_QUARTER_DAY, pos)
    if m is None or not 1 <= int(m["d"]) <= 31:
        return None
    unit = m.groupdict().get("unit") or "quy"
    target = scan.last(("quarterly", "half_yearly"))
    if (
        target is not None
        and "day" not in target
        and (unit == "ky" or target["kind"] == "quarterly")
    ):
        target["day"] = int(m["d"])
    elif unit != "ky":
        scan.parts.append({"kind": "quarterly", "day": int(m["d"])})
    else:
        return None
    return m.end()


_MONTH_LIST = re.compile(  # "Tháng 9, 10/2026": the year written once, after the last
    rf"thang (?P<ms>[0-9]{{1,2}}(?: ?(?:,|va) ?(?:thang )?[0-9]{{1,2}})+) ?[/.-] ?{Y}{END}"
)


def rule_month_list(scan: Scan, pos: int) -> int | None:
    """Read "Tháng 9, 10/2026": one month each, due on its last day."""
    m = scan.match(_MONTH_LIST, pos)
    if m is None:
        return None
    year = int(m["y"])
    parts = []
    for text in re.findall(r"[0-9]{1,2}", m["ms"]):
        last = days_in_month(year, int(text))
        if not last:
            return None
        parts.append({"kind": "fixed", "date": dt.date(year, int(text), last)})
    scan.parts += parts
    return m.end()


_BARE_DAY = re.compile(rf"{PREFIX}ngay (?P<d>[0-9]{{1,2}}){END}")


def rule_bare_day(scan: Scan, pos: int) -> int | None:
    """Read "Hằng tháng (trước ngày 25)": the day of the monthly part before it."""
    m = scan.match(_BARE_DAY, pos)
    target = scan.last(("monthly",))
    if m is None or target is None or "day" in target or not 1 <= int(m["d"]) <= 31:
        return None
    target["day"] = int(m["d"])
    return m.end()
