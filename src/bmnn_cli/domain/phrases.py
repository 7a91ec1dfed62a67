"""Read a plan's deadline phrase into schedule parts, and write parts back as a phrase.

Plans state deadlines in prose ("trước ngày 30/10 hằng năm và báo cáo đột xuất"). The
loader needs the parts a plan file's ``[[tasks.schedule]]`` tables hold, and a person must
be able to check the reading against the document, so a reading keeps whatever it could
not understand in ``unread`` instead of guessing, and never raises.

The reader is a small scanner over a folded copy of the text (lower case, no diacritics,
"đ" as "d", same length as the original so spans map back). At each word it tries the
grammar rules below in order; connectors ("và", "hoặc", "hay", ",", ";") only separate.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Part", "PhraseReading", "format_parts", "parse_phrase"]

Part = dict[str, object]
"""One ``[[tasks.schedule]]`` table: ``kind`` plus that kind's keys; absent keys mean default."""


@dataclass(frozen=True)
class PhraseReading:
    """What a deadline phrase says, kept next to the phrase so a person can check it."""

    phrase: str
    parts: list[Part]
    confident: bool
    unread: str


# --- text normalisation ---------------------------------------------------------------

_PAIRS = {"(": ")", "[": "]", '"': '"', "“": "”", "'": "'"}
_MAX_WRAPPING = 8  # layers of "(…)" / quotes / bullets peeled off; real phrases have two
_FOLD_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}  # NFD leaves these whole


def _clean(phrase: str) -> str:
    """NFC text without markdown stars, extra spaces, bullets, end punctuation or wrapping."""
    text = " ".join(unicodedata.normalize("NFC", phrase).replace("*", " ").split())
    for _ in range(_MAX_WRAPPING):
        trimmed = text.lstrip("-–—• ").rstrip(" .,;:")
        if _enclosed(trimmed):
            trimmed = trimmed[1:-1].strip()
        if trimmed == text:
            break
        text = trimmed
    return text


def _enclosed(text: str) -> bool:
    """True when the opening bracket or quote closes only at the very end."""
    if len(text) < 2 or _PAIRS.get(text[0]) != text[-1]:
        return False
    opener, closer = text[0], text[-1]
    if opener == closer:
        return True
    depth = 0
    for char in text[:-1]:
        depth += (char == opener) - (char == closer)
        if depth == 0:
            return False
    return True


def _fold_char(char: str) -> str:
    """Fold one character to one, so the folded text lines up with the original."""
    if char in _FOLD_EXTRA:
        return _FOLD_EXTRA[char]
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char


def _fold(text: str) -> str:
    """Case- and diacritic-free copy of ``text``, character for character."""
    return "".join(map(_fold_char, text))


# --- grammar (over folded text) ----------------------------------------------------------

_END = r"(?![a-z0-9]|[/.-][0-9])"  # a rule must end at a word (and not inside a date)
_CONNECT = (  # a dash only between spaces: "10/12/2025 - 95 ngày trước bầu cử"
    r"[,;()]|/(?![0-9])|\.(?![0-9])|(?<= )[-–](?= )|(?<![a-z0-9])(?:va|hoac|hay)(?![a-z0-9])"
)
_CONNECTOR = re.compile(_CONNECT)
_GAP = re.compile(rf"(?: |{_CONNECT})+")
_TOKEN_END = re.compile(rf" |{_CONNECT}")
_BOUNDARY = rf"(?= ?(?:{_CONNECT}|$))"
_ONCE = r"(?:mot|1) lan"
# "quý" (quarter) folds like "quy" in "quy định", "quy trình": refuse those compounds
_QUY = (  # "Quí" too; never "quy định", "quy mô" …
    r"qu[yi](?! (?:dinh|trinh|che|pham|mo|hoach|tac|chuan|luat|uoc|doi|trach)(?![a-z]))"
)
_EVERY = r"(?:hang|moi|tung)"
_PER_TIME = rf"(?: {_ONCE}| ?/ ?lan)"  # "6 tháng một lần", "6 tháng/lần"

_YEARLY_W = (  # never "năm 2026": a year number makes it a date
    rf"(?:(?:dinh ky )?{_EVERY} nam(?: {_ONCE})?|dinh ky nam|nam {_ONCE}"
    rf"|{_ONCE}(?: ?/ ?| (?:moi|mot|trong) )nam)(?! ?[0-9])"
)
_QUARTERLY_W = (
    rf"(?:dinh ky )?{_EVERY} {_QUY}(?: {_ONCE})?|dinh ky(?: theo)? {_QUY}|{_QUY} {_ONCE}"
    rf"|(?:ba|0?3) thang(?: {_ONCE}| ?/ ?lan)|(?:dinh ky|moi|{_EVERY}) (?:ba|0?3) thang"
)
_MONTHLY_W = rf"(?:dinh ky )?{_EVERY} thang(?: {_ONCE})?|dinh ky(?: theo)? thang|thang {_ONCE}"
_HALF_W = (
    rf"(?:(?:dinh ky|{_EVERY}) (?:0?6|sau) thang{_PER_TIME}?|(?:0?6|sau) thang{_PER_TIME}?"
    rf"|(?:dinh ky|{_EVERY}) nua nam|nua nam {_ONCE}|(?:hai|2) lan(?: ?/ ?| (?:moi|mot|trong) )nam)"
    r"(?! (?:dau|cuoi) nam| (?:ke tu|tinh tu|sau khi)(?![a-z]))"
)
_PERIODIC = re.compile(
    rf"(?:(?P<half_yearly>{_HALF_W})|(?P<quarterly>{_QUARTERLY_W})|(?P<monthly>{_MONTHLY_W})"
    rf"|(?P<yearly>{_YEARLY_W}|dinh ky{_BOUNDARY})){_END}"
)
_CONTINUOUS = re.compile(
    rf"(?:thuong xuyen(?:,? (?:va )?lien tuc)?|lien tuc(?:,? (?:va )?thuong xuyen)?){_END}"
)
_ASKED = (
    r"(?:khi|theo) (?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao)(?! nhiem vu)"
    r"|khi can(?: thiet)?|khi (?:co )?phat sinh"
)
_ON_REQUEST = re.compile(rf"(?:dot xuat(?:,? (?:{_ASKED}))?|(?:{_ASKED})(?:,? dot xuat)?){_END}")
_WITHIN = r"(?:trong(?: thoi han| thoi gian| vong)?|cham nhat(?: la)?|khong qua)"
_DAYS = re.compile(rf"{_WITHIN} (?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?{_END}")
_ISSUED = r"(?:ban hanh|co hieu luc|phe duyet|thong qua|cong bo)"
_EVENT_START = re.compile(
    rf"(?:{_WITHIN} )?(?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?"
    r" (?:ke tu(?: khi)?|tinh tu(?: khi)?|sau khi) |(?:ngay )?sau khi "
    # a condition that waits for texts: "khi Chính phủ … ban hành các văn bản hướng dẫn"
    rf"|khi (?!(?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao|can|phat sinh))"
    rf"(?=[^;.()]{{0,120}}?(?<![a-z]){_ISSUED}(?![a-z]))"
)
_OPEN_TAIL = (
    rf"(?: ?,? (?:va |den |cho den )?(?:nhung|cac) nam (?:tiep theo|sau)| tro (?:di|ve sau)){_END}"
)
_OPEN_YEARLY = re.compile(  # "Năm 2026 và các năm tiếp theo", "Giai đoạn 2026-2030 và …"
    r"(?:(?:trong|tu) )?(?:giai doan (?:tu )?)?(?:nam )?(?P<y>[0-9]{4})"
    r"(?: ?(?:-|–|den) ?(?:nam )?[0-9]{4})?" + _OPEN_TAIL
)
_OPEN_TAIL_RE = re.compile(_OPEN_TAIL)
_RANGE = re.compile(
    r"(?:tu nam (?P<a>[0-9]{4})(?: ?(?:-|–|(?:den|toi)(?: het)?) ?(?:nam )?(?P<b>[0-9]{4}))?"
    r"|(?:den|toi)(?: het)? nam (?P<c>[0-9]{4})"
    r"|(?:trong )?giai doan (?:tu )?(?:nam )?(?P<d>[0-9]{4})"
    r" ?(?:-|–|den) ?(?:nam )?(?P<e>[0-9]{4}))" + _END
)
_POSITION_EVERY = re.compile(
    rf"(?:vao )?(?P<pos>dau|giua|cuoi) (?:{_EVERY}|cac) (?P<unit>nam|{_QUY}|thang){_END}"
)
_PREFIX = (  # bounded: no quadratic scans
    r"(?:(?:truoc|cham nhat(?: la)?|muon nhat(?: la)?|khong (?:muon|cham|qua)(?: hon)?"
    r"|han chot(?: la)?|trong|vao|(?:den|toi) het|den|toi|tu nay den|xong) ){0,3}"
)
_MONTH_DAY = re.compile(
    rf"(?:{_PREFIX}ngay (?P<d>[0-9]{{1,2}}) ?,? (?:{_MONTHLY_W})"
    rf"|(?:{_MONTHLY_W}) ?,? {_PREFIX}ngay (?P<d2>[0-9]{{1,2}})){_END}"
)
_DATE_PREFIX = re.compile(rf"{_PREFIX}(?:ngay )?")
_RECUR_AFTER = re.compile(rf" ?,? (?:{_YEARLY_W}){_END}")
_RECUR_BEFORE = re.compile(rf"(?:{_YEARLY_W}) ?,? ")
_FILLER = re.compile(
    r"(?:thoi han|thoi gian|thuc hien|hoan thanh|bao cao|gui|nop|dinh ky|tien hanh"
    r"|trien khai|to chuc|dam bao|bao dam|xong|toi thieu|it nhat|ket qua)"
    rf"(?: ?/ ?(?:thuc hien|hoan thanh))?(?: ?:)?{_END} ?"
)
_Y = r"(?P<y>[0-9]{4})"
_Y2 = r"(?P<y2>[0-9]{4})"
_M = r"(?P<m>0 ?[1-9]|1[0-2]|[1-9])"  # "tháng 0 6": a stray space in a written-out date
_DMY = re.compile(
    rf"(?P<d>[0-9]{{1,2}}) ?[/.-] ?(?P<m>[0-9]{{1,2}})(?:(?: ?[/.-] ?|,? nam ){_Y})?{_END}"
)
_D_THANG_M = re.compile(rf"(?P<d>[0-9]{{1,2}}) thang {_M}(?:,? nam {_Y})?{_END}")
_MONTH = re.compile(rf"(?:(?P<pos>dau|giua|cuoi) )?thang {_M}(?: ?[/.-] ?{_Y}|,? nam {_Y2})?{_END}")
_YEAR = re.compile(  # a bare year is a table cell's "2025"; "trong năm" is the plan's year
    rf"(?:(?P<pos>dau|giua|cuoi) nam(?: {_Y})?|nam {_Y2}|(?<![0-9/.-])(?P<y3>[0-9]{{4}})"
    rf"|(?<=trong )nam(?! ?[0-9])){_END}"
)
_HALF = re.compile(rf"(?:(?:6|sau) thang|nua) (?P<half>dau|cuoi) nam(?: {_Y})?{_END}")
_Q = r"(?:iv|iii|ii|i|[1-4])"
_QUARTER = re.compile(rf"(?:cuoi )?{_QUY} (?P<q>{_Q})(?: ?[/-] ?{_Y}|,? nam {_Y2})?{_END}")
_QUARTER_LIST = re.compile(  # "Quý III, IV/2026": the year written once, after the last
    rf"(?:cuoi )?{_QUY} (?P<qs>{_Q}(?: ?(?:,|va) ?{_Q})+)(?: ?[/-] ?|,? nam ){_Y}{_END}"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DAY_AT = {"dau": 1, "giua": 15}  # Civil Code 2015 Art. 146; "cuoi" is the last day
_YEAR_AT = {"dau": (1, 1), "giua": (6, 30)}  # Art. 146(3); otherwise 31/12
_PERIODIC_KINDS = ("yearly", "quarterly", "monthly", "half_yearly")


@dataclass(frozen=True)
class _When:
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
        return _date(chosen, self.month, self.day or _last_day(chosen, self.month))


def _year_of(match: re.Match[str]) -> int | None:
    """The year a date form captured, under either group name."""
    groups = match.groupdict()
    text = groups.get("y") or groups.get("y2") or groups.get("y3")
    return int(text) if text else None


# Builders: one per date form, turning its match into a _When.


def _month_of(m: re.Match[str]) -> int:
    return int(m["m"].replace(" ", ""))


def _when_dmy(m: re.Match[str]) -> _When:
    month, day = _month_of(m), int(m["d"])
    return _When(_year_of(m), month, day, begin=(month, max(day, 1)))


def _when_month(m: re.Match[str]) -> _When:
    month, day = _month_of(m), _DAY_AT.get(m["pos"] or "")
    return _When(_year_of(m), month, day, begin=(month, day or 1))


def _when_year(m: re.Match[str]) -> _When:
    month, day = _YEAR_AT.get(m["pos"] or "", (12, 31))
    return _When(_year_of(m), month, day, begin=(month, day) if m["pos"] else (1, 1))


def _when_half(m: re.Match[str]) -> _When:
    first = m["half"] == "dau"
    return _When(_year_of(m), 6 if first else 12, None, begin=(1 if first else 7, 1))


def _quarter_number(text: str) -> int:
    return _ROMAN.get(text) or int(text)


def _when_quarter(m: re.Match[str]) -> _When:
    quarter = _quarter_number(m["q"])
    return _When(_year_of(m), 3 * quarter, None, quarter, begin=(3 * quarter - 2, 1))


_DATE_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _When]], ...] = (
    (_DMY, _when_dmy),
    (_D_THANG_M, _when_dmy),
    (_MONTH, _when_month),
    (_HALF, _when_half),
    (_YEAR, _when_year),
    (_QUARTER, _when_quarter),
)


# --- calendar helpers ------------------------------------------------------------------


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None for an impossible one (31/02): bad dates are unread, not errors."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _last_day(year: int, month: int) -> int:
    """Last day of the month (Art. 146 "cuối tháng"), 0 when the month cannot exist."""
    if not (1 <= month <= 12 and dt.MINYEAR <= year <= dt.MAXYEAR):
        return 0
    return calendar.monthrange(year, month)[1]


def _yearly_at(when: _When) -> Part | None:
    """A yearly part on the day ``when`` names; a year said in the phrase is where it starts."""
    day = when.day if when.day is not None else _last_day(when.year or 2001, when.month)
    if _date(when.year or 2000, when.month, day) is None:  # 2000: let 29/02 through
        return None
    part: Part = {"kind": "yearly", "month": when.month, "day": day}
    if when.year is not None:
        part["from"] = when.year
    return part


def _dated(when: _When, plan_year: int | None) -> Part | None:
    """A one-off part, taking the plan's year when the phrase gives none."""
    year = when.year if when.year is not None else plan_year
    if year is None or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if when.quarter is not None:
        return {"kind": "quarter", "year": year, "quarter": when.quarter}
    day = when.day if when.day is not None else _last_day(year, when.month)
    date = _date(year, when.month, day)
    return None if date is None else {"kind": "fixed", "date": date}


# --- the scanner -----------------------------------------------------------------------


@dataclass
class _Scan:
    """Scanner state: the text, what has been read so far, and what has not."""

    folded: str
    text: str
    end: int
    year: int | None
    events: bool = True
    parts: list[Part] = field(default_factory=list)
    unread: list[list[int]] = field(default_factory=list)
    after_unread: bool = False

    def match(self, pattern: re.Pattern[str], pos: int) -> re.Match[str] | None:
        """Match at ``pos``, never past this scan's end (a segment when checking events)."""
        return pattern.match(self.folded, pos, self.end)

    def last(self, kinds: tuple[str, ...]) -> Part | None:
        """The part just read, if it is of one of ``kinds`` and nothing unread came since."""
        if self.parts and not self.after_unread and self.parts[-1]["kind"] in kinds:
            return self.parts[-1]
        return None


_Rule = Callable[[_Scan, int], int | None]


def _rule_event(scan: _Scan, pos: int) -> int | None:
    """Read "sau khi X" / "trong N ngày kể từ X"; X runs on until a connector starts a part."""
    m = scan.match(_EVENT_START, pos) if scan.events else None
    if m is None:
        return None
    end = _event_end(scan, m.end())
    event = _event_text(scan, m.end(), end)
    part: Part = {"kind": "after_event", "event": event}
    counted = _TRAILING_DAYS.search(_fold(event))
    if counted and not m["days"]:  # "sau khi tổ chức hội nghị 01 ngày"
        part = {"kind": "after_event", "event": event[: counted.start()]} | _days(counted)
    if m["days"]:
        part |= _days(m)
    if not any(char.isalnum() for char in str(part["event"])) or part.get("days") == 0:
        return None
    scan.parts.append(part)
    return end


_TRAILING_DAYS = re.compile(r" (?P<days>[0-9]{1,3}) ngay(?P<working> lam viec)?$")


def _event_text(scan: _Scan, start: int, end: int) -> str:
    """The words of an event, without end punctuation or a bracket closed after it."""
    event = scan.text[start:end].strip(" ,;:")
    while event.endswith(")") and event.count(")") > event.count("("):
        event = event[:-1].rstrip(" ,;:")
    return event


def _days(m: re.Match[str]) -> Part:
    """The ``days`` (and ``working_days``) keys a duration gives."""
    keys: Part = {"days": int(m["days"])}
    if m["working"]:
        keys["working_days"] = True
    return keys


def _event_end(scan: _Scan, start: int) -> int:
    """Where an event's text stops: before a connector that begins another readable part."""
    for connector in _CONNECTOR.finditer(scan.folded, start, scan.end):
        nxt = _CONNECTOR.search(scan.folded, connector.end(), scan.end)
        segment_end = scan.end if nxt is None else nxt.start()
        if _starts_part(scan, connector.end(), segment_end):
            return connector.start()
    return scan.end


def _starts_part(scan: _Scan, start: int, end: int) -> bool:
    """True when text between two connectors is a whole schedule part on its own."""
    while start < end and scan.folded[start] == " ":
        start += 1
    while end > start and scan.folded[end - 1] == " ":
        end -= 1
    if start >= end:
        return False
    if (
        _EVENT_START.match(scan.folded, start, end)
        or _DAYS.fullmatch(scan.folded, start, end)
        or _EVENT_DAY.match(scan.folded, start, end)
        or _BEFORE_EVENT.match(scan.folded, start, end)
    ):
        return True
    sub = _Scan(scan.folded, scan.text, end, scan.year, events=False)
    _run(sub, start)
    return bool(sub.parts) and not sub.unread


def _rule_open_yearly(scan: _Scan, pos: int) -> int | None:
    """Read "Năm 2026 và những năm tiếp theo": yearly from that year on.

    A quarter, month or day before the tail gives the yearly day: "Quý IV năm 2025 và các
    năm tiếp theo" is due at the end of each year's fourth quarter, from 2025.
    """
    m = scan.match(_OPEN_YEARLY, pos)
    if m is not None and int(m["y"]) >= dt.MINYEAR:
        scan.parts.append({"kind": "yearly", "from": int(m["y"])})
        return m.end()
    found = _read_when(scan, pos)
    tail = scan.match(_OPEN_TAIL_RE, found[1]) if found else None
    if found is None or tail is None or found[0].year is None:
        return None
    part = _yearly_at(found[0])
    if part is None:
        return None
    scan.parts.append(part)
    return tail.end()


def _rule_range(scan: _Scan, pos: int) -> int | None:
    """Read "từ năm A (đến năm B)": it bounds the periodic part before it, else is yearly."""
    m = scan.match(_RANGE, pos)
    if m is None:
        return None
    said = (("from", m["a"] or m["d"]), ("until", m["b"] or m["c"] or m["e"]))
    bounds: Part = {key: int(text) for key, text in said if text}
    first, last = int(said[0][1] or dt.MINYEAR), int(said[1][1] or dt.MAXYEAR)
    if not dt.MINYEAR <= first <= last:
        return None
    target = scan.last(_PERIODIC_KINDS)
    if target is not None and "from" not in target and "until" not in target:
        target.update(bounds)
    elif m["a"] and not m["b"]:
        scan.parts.append({"kind": "yearly", **bounds})
    else:
        return None  # "đến năm 2030" is a date, "từ năm 2026 đến năm 2030" a span
    return m.end()


def _rule_days(scan: _Scan, pos: int) -> int | None:
    """Read "trong thời hạn N ngày" after an ad-hoc or event part: the time it allows.

    Working days are only counted from events in the plan format, so "đột xuất trong 5 ngày
    làm việc" stays unread rather than losing "làm việc".
    """
    m = scan.match(_DAYS, pos)
    target = scan.last(("on_request", "after_event"))
    if m is None or target is None or "days" in target or int(m["days"]) < 1:
        return None
    if m["working"] and target["kind"] == "on_request":
        return None
    target.update(_days(m))
    return m.end()


def _rule_position_every(scan: _Scan, pos: int) -> int | None:
    """Read "cuối mỗi tháng", "đầu hằng năm": a recurring part at a point of each period."""
    m = scan.match(_POSITION_EVERY, pos)
    if m is None:
        return None
    position, unit = m["pos"], m["unit"]
    if unit == "nam":
        month, day = _YEAR_AT.get(position, (12, 31))
        scan.parts.append({"kind": "yearly", "month": month, "day": day})
    elif unit == "thang":
        scan.parts.append(
            {"kind": "monthly", **({"day": _DAY_AT[position]} if position in _DAY_AT else {})}
        )
    elif position == "cuoi":
        scan.parts.append({"kind": "quarterly"})
    else:
        return None  # "đầu quý" has no day in law or in the plan format
    return m.end()


def _rule_month_day(scan: _Scan, pos: int) -> int | None:
    """Read "trước ngày 5 hằng tháng": monthly on that day."""
    m = scan.match(_MONTH_DAY, pos)
    if m is None:
        return None
    day = int(m["d"] or m["d2"])
    if not 1 <= day <= 31:
        return None
    scan.parts.append({"kind": "monthly", "day": day})
    return m.end()


def _read_when(scan: _Scan, pos: int) -> tuple[_When, int] | None:
    """A date expression (with its "trước ngày"-like words) at ``pos``."""
    start = scan.match(_DATE_PREFIX, pos)
    at = start.end() if start else pos
    for pattern, build in _DATE_FORMS:
        m = scan.match(pattern, at)
        if m is not None:
            return build(m), m.end()
    return None


def _rule_recurring_date(scan: _Scan, pos: int) -> int | None:
    """Read "hằng năm, trước ngày 30/10": yearly on that day (a year after it is a bound)."""
    lead = scan.match(_RECUR_BEFORE, pos)
    found = _read_when(scan, lead.end()) if lead else None
    part = _yearly_at(found[0]) if found and found[0].year is None else None
    if found is None or part is None:
        return None
    scan.parts.append(part)
    return found[1]


def _rule_date(scan: _Scan, pos: int) -> int | None:
    """A date, month, quarter or year: one-off, or yearly when "hằng năm" follows."""
    found = _read_when(scan, pos)
    if found is None:
        return None
    when, end = found
    recur = scan.match(_RECUR_AFTER, end)
    yearly = scan.last(("yearly",))
    if when.year is None and not recur and yearly is not None and "month" not in yearly:
        part = _yearly_at(when)  # "hằng năm (trước ngày 15/12)": the day of the yearly part
        if part is None:
            return None
        yearly.update(month=part["month"], day=part["day"])
        return end
    every = scan.last(("half_yearly", "quarterly")) if when.year is None and not recur else None
    if every is not None and when.day is not None and _ends_period(every, when):
        every["day"] = when.day  # "định kỳ 6 tháng (trước ngày 15/6 và 15/12)"
        return end
    part = _yearly_at(when) if recur else _dated(when, scan.year)
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


def _in_brackets(scan: _Scan, pos: int) -> bool:
    """True when the text at `pos` opens a bracket: "Quý II/2026 (trước ngày …)"."""
    return _OPENED.search(scan.folded, 0, pos) is not None


_OPENED = re.compile(r"\((?: ?(?:bao cao|ket qua|gui|nop|thuc hien|hoan thanh))* ?$")


def _quarter_days(part: Part) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter part."""
    year, quarter = int(str(part["year"])), int(str(part["quarter"]))
    last = 3 * quarter
    return dt.date(year, last - 2, 1), dt.date(year, last, _last_day(year, last))


def _ends_period(every: Part, when: _When) -> bool:
    """True when `when` is a last month of `every`'s periods, on the day it already has."""
    months = (6, 12) if every["kind"] == "half_yearly" else (3, 6, 9, 12)
    return when.month in months and every.get("day", when.day) == when.day


def _make_yearly(scan: _Scan) -> None:
    """Turn the yearless days read just before a "hằng năm" into yearly parts."""
    for part in reversed(scan.parts):
        if not part.pop("_yearless", False) or not isinstance(part.get("date"), dt.date):
            break
        day: dt.date = part["date"]  # type: ignore[assignment]
        part.clear()
        part.update(kind="yearly", month=day.month, day=day.day)


_LATEST = re.compile(r"(?:cham nhat|muon nhat|khong (?:muon|cham|qua)|han chot)")


def _rule_periodic(scan: _Scan, pos: int) -> int | None:
    """Read "định kỳ hằng quý", "6 tháng một lần", or "định kỳ" alone (yearly, plan's due)."""
    m = scan.match(_PERIODIC, pos)
    if m is None or m.lastgroup is None:
        return None
    scan.parts.append({"kind": m.lastgroup})
    return m.end()


def _rule_continuous(scan: _Scan, pos: int) -> int | None:
    """Read "thường xuyên, liên tục": an ongoing duty with no due date."""
    m = scan.match(_CONTINUOUS, pos)
    if m is None:
        return None
    scan.parts.append({"kind": "continuous"})
    return m.end()


def _rule_on_request(scan: _Scan, pos: int) -> int | None:
    """Read "đột xuất", "khi có yêu cầu": due only once someone asks."""
    m = scan.match(_ON_REQUEST, pos)
    if m is None:
        return None
    scan.parts.append({"kind": "on_request"})
    return m.end()


_SPAN_LEAD = re.compile(
    r"(?:(?:tu|xuyen suot|trong|trai dai)(?: giai doan)?(?: tu)? |giai doan (?:tu )?)?"
)
_YEARS = re.compile(r"(?:nam )?(?P<a>[0-9]{4}) ?[-–] ?(?:nam )?(?P<b>[0-9]{4})" + _END)
_SPAN_SEP = re.compile(r" ?(?:-|–|(?:cho )?(?:den|toi)(?: het)?) ?")
_BARE_QUARTER = re.compile(
    rf"(?P<q>{_Q}) ?[/-] ?{_Y}{_END}"
)  # the "IV/2026" of "Quý III - IV/2026"
_MONTH_YEAR = re.compile(
    rf"(?:thang )?{_M} ?[/.-] ?{_Y}{_END}"
)  # the "9/2026" of "Tháng 8 - 9/2026"


def _read_end(scan: _Scan, pos: int, first: _When) -> tuple[_When, int] | None:
    """The second end of a span: a date form, or the shorter forms the first one allows."""
    found = _read_when(scan, pos)
    if found is not None:
        return found
    q = scan.match(_BARE_QUARTER, pos)
    if q is not None and first.quarter is not None and first.year is None:
        quarter = _quarter_number(q["q"])
        return _When(int(q["y"]), 3 * quarter, None, quarter, begin=(3 * quarter - 2, 1)), q.end()
    m = scan.match(_MONTH_YEAR, pos)
    if m is not None and first.quarter is None and first.day is None:
        month = _month_of(m)
        return _When(_year_of(m), month, None, begin=(month, 1)), m.end()
    return None


def _rule_span(scan: _Scan, pos: int) -> int | None:
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
    found = _read_when(scan, at)
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
    if begins is None or until is None or until < begins or scan.match(_OPEN_TAIL_RE, end):
        return None
    scan.parts.append({"kind": "span", "from": begins, "until": until})
    return end


def _rule_quarter_list(scan: _Scan, pos: int) -> int | None:
    """Read "Quý III, IV/2026": one quarter each, the year written after the last."""
    m = scan.match(_QUARTER_LIST, pos)
    if m is None:
        return None
    year = int(m["y"])
    for text in re.split(r" ?(?:,|va) ?", m["qs"]):
        scan.parts.append({"kind": "quarter", "year": year, "quarter": _quarter_number(text)})
    return m.end()


_EXPECTED = re.compile(r"(?:du kien|du dinh)(?: (?:to chuc|hoan thanh|thuc hien))?(?: vao)? ")


def _rule_expected(scan: _Scan, pos: int) -> int | None:
    """Read "Dự kiến ngày 05/12/2025": the planned day, due then unless a latest day follows."""
    m = scan.match(_EXPECTED, pos)
    found = _read_when(scan, m.end()) if m else None
    part = _dated(found[0], scan.year) if found else None
    if found is None or part is None:
        return None
    scan.parts.append(part | {"_planned": True} if part["kind"] == "fixed" else part)
    return found[1]


_UNTIL_EVENT = re.compile(r"(?:cho )?(?:den|toi) (?:khi|luc) ")


def _rule_until_event(scan: _Scan, pos: int) -> int | None:
    """Read "Từ tháng 9/2026 đến khi kết thúc đợt rà soát": ongoing until an event."""
    start = scan.match(re.compile(r"tu "), pos)
    found = _read_when(scan, start.end()) if start else None
    at = found[1] if found else pos
    gap = scan.match(re.compile(r" ?,? ?"), at)
    m = scan.match(_UNTIL_EVENT, gap.end() if gap else at)
    if m is None or (start and found is None):
        return None
    begins = found[0].first_day(scan.year) if found else None
    if found and begins is None:
        return None
    end = _event_end(scan, m.end())
    event = _event_text(scan, m.end(), end)
    if not any(char.isalnum() for char in event):
        return None
    part: Part = {"kind": "until_event", "event": event}
    if begins is not None:
        part["from"] = begins
    scan.parts.append(part)
    return end


_BEFORE_EVENT = re.compile(r"(?P<days>[0-9]{1,3}) ngay truoc ")
_EVENT_DAY = re.compile(r"(?:su kien|(?:dien ra|to chuc)) (?:vao )?ngay ")


def _rule_before_event(scan: _Scan, pos: int) -> int | None:
    """Read "95 ngày trước bầu cử": due that many days before the event.

    Right after a day ("chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử") it says why that
    day is the latest, and is kept with it.
    """
    m = scan.match(_BEFORE_EVENT, pos) if scan.events else None
    if m is None or int(m["days"]) < 1:
        return None
    end = _event_end(scan, m.end())
    event = _event_text(scan, m.end(), end)
    if not any(char.isalnum() for char in event):
        return None
    keys: Part = {"event": event, "days": int(m["days"])}
    dated = scan.last(("fixed",))
    dashed = scan.folded[:pos].rstrip().endswith(("-", "–"))  # "10/12/2025 - 95 ngày trước …"
    if dated is not None and "event" not in dated and dashed:
        dated.update(keys)
    else:
        scan.parts.append({"kind": "before_event"} | keys)
    return end


def _rule_event_day(scan: _Scan, pos: int) -> int | None:
    """Read "sự kiện ngày 15/03/2026" after a count before an event: the event's own day."""
    m = scan.match(_EVENT_DAY, pos)
    target = scan.last(("before_event",))
    found = _read_when(scan, m.end()) if m and target and "event_date" not in target else None
    part = _dated(found[0], scan.year) if found else None
    if found is None or target is None or part is None or part["kind"] != "fixed":
        return None
    target["event_date"] = part["date"]
    return found[1]


_PER_SCHEDULE = re.compile(
    r"theo (?:(?:dung |dam bao )?(?:tien do|lo trinh|ke hoach|chuong trinh|huong dan|lich"
    r"|thoi gian|yeu cau nhiem vu|yeu cau cong viec|nhiem vu))(?![a-z0-9])"
)


def _rule_per_schedule(scan: _Scan, pos: int) -> int | None:
    """Read "Theo tiến độ xây dựng dự thảo …", "Theo kế hoạch công tác hàng năm".

    The phrase points at another schedule, whose words ("hàng năm") are not this one's:
    undated, kept whole so a person sees which schedule is meant.
    """
    m = scan.match(_PER_SCHEDULE, pos)
    if m is None:
        return None
    end = _event_end(scan, m.end())
    ref = _event_text(scan, pos, end)
    scan.parts.append({"kind": "per_schedule", "ref": ref})
    return end


_STOP = (
    r"(?:truoc|cham|trong|dinh|hang|hang|vao|den|tu|sau|khi|theo|thuong|dot|nam|quy|qui"
    r"|thang|ngay|moi)(?![a-z])"
)
_DESTINATION = re.compile(
    rf"(?:bao cao|gui|nop)(?: ket qua| bao cao)? (?:ve|len|cho|toi|den) "
    rf"(?:(?!{_STOP})[^ ,;()]+(?: |$))+"
)


def _rule_destination(scan: _Scan, pos: int) -> int | None:
    """Read "báo cáo về Sở Tài chính" beside a schedule: where to send, not when."""
    if not scan.parts:
        return None
    m = scan.match(_DESTINATION, pos)
    return None if m is None else m.end()


def _rule_from_day(scan: _Scan, pos: int) -> int | None:
    """Read "Từ 01/7/2025": a duty that begins that day and goes on."""
    start = scan.match(re.compile(r"(?:ke )?tu "), pos)
    found = _read_when(scan, start.end()) if start else None
    begins = found[0].first_day() if found else None
    if found is None or begins is None:
        return None
    duty = scan.last(("continuous",))
    if duty is not None and "from" not in duty:
        duty["from"] = begins
    else:
        scan.parts.append({"kind": "continuous", "from": begins})
    return found[1]


_HALF_DAY = re.compile(r"(?:0?6|sau) thang (?P<half>dau|cuoi) nam ?,? ")


def _rule_half_day(scan: _Scan, pos: int) -> int | None:
    """Read "6 tháng đầu năm trước ngày 15/6": the half-year report, each year on that day."""
    m = scan.match(_HALF_DAY, pos)
    found = _read_when(scan, m.end()) if m else None
    if found is None or found[0].year is not None or found[0].day is None:
        return None
    part = _yearly_at(found[0])
    if part is None:
        return None
    scan.parts.append(part)
    return found[1]


_LAST_MONTH_DAY = re.compile(
    rf"{_PREFIX}ngay (?P<d>[0-9]{{1,2}}) (?:cua )?thang cuoi (?:cua )?(?:moi |hang |hang )?"
    rf"(?P<unit>{_QUY}|ky){_END}"
)
_QUARTER_DAY = re.compile(rf"{_PREFIX}ngay (?P<d>[0-9]{{1,2}}) (?:{_EVERY}) {_QUY}{_END}")


def _rule_period_day(scan: _Scan, pos: int) -> int | None:
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
    rf"thang (?P<ms>[0-9]{{1,2}}(?: ?(?:,|va) ?(?:thang )?[0-9]{{1,2}})+) ?[/.-] ?{_Y}{_END}"
)


def _rule_month_list(scan: _Scan, pos: int) -> int | None:
    """Read "Tháng 9, 10/2026": one month each, due on its last day."""
    m = scan.match(_MONTH_LIST, pos)
    if m is None:
        return None
    year = int(m["y"])
    parts = []
    for text in re.findall(r"[0-9]{1,2}", m["ms"]):
        last = _last_day(year, int(text))
        if not last:
            return None
        parts.append({"kind": "fixed", "date": dt.date(year, int(text), last)})
    scan.parts += parts
    return m.end()


_REQUESTER = re.compile(rf"(?:cua|tu) (?:(?!{_STOP})[^ ,;()]+(?: |$))+")


def _rule_requester(scan: _Scan, pos: int) -> int | None:
    """Read "của UBND tỉnh" after "theo chỉ đạo", "khi có yêu cầu": who asks, not when."""
    m = scan.match(_REQUESTER, pos) if scan.last(("on_request",)) else None
    return None if m is None else m.end()


_BARE_DAY = re.compile(rf"{_PREFIX}ngay (?P<d>[0-9]{{1,2}}){_END}")


def _rule_bare_day(scan: _Scan, pos: int) -> int | None:
    """Read "Hằng tháng (trước ngày 25)": the day of the monthly part before it."""
    m = scan.match(_BARE_DAY, pos)
    target = scan.last(("monthly",))
    if m is None or target is None or "day" in target or not 1 <= int(m["d"]) <= 31:
        return None
    target["day"] = int(m["d"])
    return m.end()


_URGENT = re.compile(
    rf"(?:khan truong|kip thoi|ngay lap tuc|lap tuc|ngay(?= ?(?:{_CONNECT}|$))){_END}"
)


def _rule_urgent(scan: _Scan, pos: int) -> int | None:
    """Read "khẩn trương", "kịp thời", "ngay": urgent, with no day to count."""
    m = scan.match(_URGENT, pos)
    if m is None or (m[0] == "ngay" and (scan.text[pos : m.end()] != "ngay" or not scan.events)):
        return None  # "ngày" (day) folds like "ngay" (at once): only the word itself, alone
    scan.parts.append({"kind": "urgent"})
    return m.end()


_RULES: tuple[_Rule, ...] = (
    _rule_event,
    _rule_until_event,
    _rule_before_event,
    _rule_event_day,
    _rule_per_schedule,
    _rule_destination,
    _rule_open_yearly,
    _rule_range,
    _rule_span,
    _rule_quarter_list,
    _rule_month_list,
    _rule_requester,
    _rule_days,
    _rule_position_every,
    _rule_period_day,
    _rule_month_day,
    _rule_bare_day,
    _rule_half_day,
    _rule_recurring_date,
    _rule_expected,
    _rule_from_day,
    _rule_date,
    _rule_periodic,
    _rule_continuous,
    _rule_on_request,
    _rule_urgent,
)


def _apply(scan: _Scan, pos: int) -> int | None:
    """Read one part at ``pos``, allowing words like "báo cáo", "thực hiện" before it."""
    at: int | None = pos
    while at is not None:
        for rule in _RULES:
            end = rule(scan, at)
            if end is not None:
                scan.after_unread = False
                return end
        filler = scan.match(_FILLER, at)
        at = filler.end() if filler else None
    return None


def _skip_unread(scan: _Scan, pos: int) -> int:
    """Set one word aside as unread, joining it to unread text just before it."""
    token = _TOKEN_END.search(scan.folded, pos + 1, scan.end)
    end = token.start() if token else scan.end
    if scan.after_unread and scan.unread:
        scan.unread[-1][1] = end
    else:
        scan.unread.append([pos, end])
    scan.after_unread = True
    return end


def _run(scan: _Scan, pos: int) -> None:
    """Read parts from ``pos`` to the end, word by word past anything not understood."""
    while True:
        gap = scan.match(_GAP, pos)
        pos = gap.end() if gap else pos
        if pos >= scan.end:
            return
        end = _apply(scan, pos)
        pos = end if end is not None else _skip_unread(scan, pos)


def parse_phrase(phrase: str, *, year: int | None = None) -> PhraseReading:
    """Read a deadline phrase; ``year`` (the plan's) completes dates that give no year.

    Never raises: what is not understood is returned in ``unread`` (pieces joined by " … ")
    and makes the reading not ``confident``, so the loader can ask a person instead of
    guessing. With no part read at all, ``unread`` is the whole phrase.
    """
    text = _clean(phrase)
    scan = _Scan(_fold(text), text, len(text), year)
    _run(scan, 0)
    if not scan.parts:
        return PhraseReading(phrase, [], False, phrase)
    for part in scan.parts:
        part.pop("_planned", None)
        part.pop("_yearless", None)
    unread = " … ".join(text[start:end] for start, end in scan.unread)
    return PhraseReading(phrase, scan.parts, not unread, unread)


# --- writing phrases back ----------------------------------------------------------------

_ROMAN_OUT = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _int(part: Part, key: str) -> int | None:
    """An optional integer key of a part; anything else is a caller's mistake."""
    value = part.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"schedule key {key!r} must be an integer, not {value!r}")
    return value


def _need_int(part: Part, key: str) -> int:
    """A required integer key of a part."""
    value = _int(part, key)
    if value is None:
        raise ValueError(f"{part.get('kind')} schedule needs {key!r}")
    return value


def _span(part: Part) -> str:
    """The " từ năm A đến năm B" suffix of a periodic part's bounds."""
    first, last = _int(part, "from"), _int(part, "until")
    return (f" từ năm {first:04d}" if first is not None else "") + (
        f" đến năm {last:04d}" if last is not None else ""
    )


def _duration(part: Part) -> str:
    """The "N ngày" or "N ngày làm việc" a part allows."""
    working = " làm việc" if part.get("working_days") else ""
    return f"{_need_int(part, 'days')} ngày{working}"


def _day_text(part: Part, key: str) -> str:
    """A date key of a part as "DD/MM/YYYY"."""
    date = part.get(key)
    if not isinstance(date, dt.date):
        raise ValueError(f"{part.get('kind')} schedule needs a date {key!r}, not {date!r}")
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"


def _event_of(part: Part) -> str:
    event = part.get("event")
    if not isinstance(event, str) or not event.strip():
        raise ValueError(f"{part.get('kind')} schedule needs the event text")
    return event


def _format_fixed(part: Part) -> str:
    latest = f"ngày {_day_text(part, 'date')}"
    text = f"trước {latest}"
    if "expected" in part:
        text = f"dự kiến ngày {_day_text(part, 'expected')}, chậm nhất {latest}"
    if "event" in part or "days" in part:
        text += f" - {_need_int(part, 'days')} ngày trước {_event_of(part)}"
    return text


def _format_span(part: Part) -> str:
    return f"từ ngày {_day_text(part, 'from')} đến ngày {_day_text(part, 'until')}"


def _format_every(head: str, unit: str) -> Callable[[Part], str]:
    """Quarterly and half-yearly parts: "định kỳ hằng quý", bounds, then a day of the last month."""

    def format_part(part: Part) -> str:
        day = _int(part, "day")
        on_day = "" if day is None else f", trước ngày {day} của tháng cuối {unit}"
        return head + _span(part) + on_day

    return format_part


def _format_continuous(part: Part) -> str:
    return "thường xuyên" + (f" từ ngày {_day_text(part, 'from')}" if "from" in part else "")


def _format_until_event(part: Part) -> str:
    since = f"từ ngày {_day_text(part, 'from')} " if "from" in part else ""
    return f"{since}đến khi {_event_of(part)}"


def _format_before_event(part: Part) -> str:
    text = f"{_need_int(part, 'days')} ngày trước {_event_of(part)}"
    return text + (
        f", sự kiện ngày {_day_text(part, 'event_date')}" if "event_date" in part else ""
    )


def _format_per_schedule(part: Part) -> str:
    ref = part.get("ref")
    if not isinstance(ref, str) or not _PER_SCHEDULE.match(_fold(ref)):
        raise ValueError(f"per_schedule needs the phrase that names the schedule, not {ref!r}")
    return ref


def _format_yearly(part: Part) -> str:
    month, day = _int(part, "month"), _int(part, "day")
    if (month is None) != (day is None):
        raise ValueError("yearly schedule needs both 'month' and 'day', or neither")
    head = "định kỳ hằng năm" if day is None else f"trước ngày {day:02d}/{month:02d} hằng năm"
    return head + _span(part)


def _format_quarter(part: Part) -> str:
    quarter = _need_int(part, "quarter")
    if quarter not in _ROMAN_OUT:
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    return f"Quý {_ROMAN_OUT[quarter]}/{_need_int(part, 'year'):04d}"


def _format_monthly(part: Part) -> str:
    day = _int(part, "day")
    head = "định kỳ hằng tháng" if day is None else f"trước ngày {day} hằng tháng"
    return head + _span(part)


def _format_on_request(part: Part) -> str:
    if "working_days" in part:
        raise ValueError("on_request schedule counts calendar days only")
    return "đột xuất" + (f" trong thời hạn {_duration(part)}" if "days" in part else "")


def _format_after_event(part: Part) -> str:
    event = part.get("event")
    if not isinstance(event, str) or not event.strip():
        raise ValueError("after_event schedule needs the event text")
    if "days" not in part:
        return f"sau khi {event}"
    since = "kể từ" if _fold(event).startswith("ngay ") else "sau khi"
    return f"trong thời hạn {_duration(part)} {since} {event}"


_FORMATTERS: dict[str, Callable[[Part], str]] = {
    "fixed": _format_fixed,
    "span": _format_span,
    "yearly": _format_yearly,
    "quarter": _format_quarter,
    "quarterly": _format_every("định kỳ hằng quý", "quý"),
    "monthly": _format_monthly,
    "half_yearly": _format_every("định kỳ 6 tháng", "kỳ"),
    "continuous": _format_continuous,
    "on_request": _format_on_request,
    "after_event": _format_after_event,
    "before_event": _format_before_event,
    "until_event": _format_until_event,
    "per_schedule": _format_per_schedule,
    "urgent": lambda part: "khẩn trương",
}


def format_parts(parts: list[Part]) -> str:
    """The canonical phrase for schedule parts, one that ``parse_phrase`` reads back the same.

    A valid part has only its kind's keys (see the plan format), both or neither of a yearly
    ``month``/``day``, ``from`` <= ``until``, ``working_days`` only as True beside ``days``, and
    an event text as ``parse_phrase`` returns it: NFC, single-spaced, no ``*``, no end
    punctuation, and no connector ("và", ",") followed by a schedule phrase of its own.
    Raises ValueError for a part it cannot write.
    """
    rendered = []
    for part in parts:
        kind = part.get("kind")
        formatter = _FORMATTERS.get(kind) if isinstance(kind, str) else None
        if formatter is None:
            raise ValueError(f"unknown schedule kind {kind!r}")
        rendered.append(formatter(part))
    return " và ".join(rendered)
