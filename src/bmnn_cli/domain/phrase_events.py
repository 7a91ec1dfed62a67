"""Grammar rules for deadlines counted from something other than the calendar.

Events ("sau 15 ngày kể từ ngày ban hành", "trước 95 ngày bầu cử", "đến khi …"), a number
of days, requests ("đột xuất", "khi có yêu cầu", "theo yêu cầu của …"), ongoing duties,
schedules set elsewhere and the addressee of a report: each rule reads one shape and returns
where it stopped, or ``None``.
"""

from __future__ import annotations

import re

from bmnn_cli.domain.phrase_calendar import read_when
from bmnn_cli.domain.phrase_dates import dated
from bmnn_cli.domain.phrase_lexis import (
    CONNECT,
    CONNECTOR,
    CONTINUOUS,
    DAYS,
    END,
    EVENT_START,
    ON_REQUEST,
    Part,
    fold,
)
from bmnn_cli.domain.phrase_scan import Scan, run


def rule_event(scan: Scan, pos: int) -> int | None:
    """Read "sau khi X" / "trong N ngày kể từ X"; X runs on until a connector starts a part."""
    m = scan.match(EVENT_START, pos) if scan.events else None
    if m is None:
        return None
    end = _event_end(scan, m.end())
    event = _event_text(scan, m.end(), end)
    part: Part = {"kind": "after_event", "event": event}
    counted = _TRAILING_DAYS.search(fold(event))
    if counted and not m["days"]:  # "sau khi tổ chức hội nghị 01 ngày"
        part = {"kind": "after_event", "event": event[: counted.start()]} | _days(counted)
    if m["days"]:
        part |= _days(m)
    if not any(char.isalnum() for char in str(part["event"])) or part.get("days") == 0:
        return None
    scan.parts.append(part)
    return end


_TRAILING_DAYS = re.compile(r" (?P<days>[0-9]{1,3}) ngay(?P<working> lam viec)?$")


def _event_text(scan: Scan, start: int, end: int) -> str:
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


def _event_end(scan: Scan, start: int) -> int:
    """Where an event's text stops: before a connector that begins another readable part."""
    for connector in CONNECTOR.finditer(scan.folded, start, scan.end):
        nxt = CONNECTOR.search(scan.folded, connector.end(), scan.end)
        segment_end = scan.end if nxt is None else nxt.start()
        if _starts_part(scan, connector.end(), segment_end):
            return connector.start()
    return scan.end


def _starts_part(scan: Scan, start: int, end: int) -> bool:
    """True when text between two connectors is a whole schedule part on its own."""
    while start < end and scan.folded[start] == " ":
        start += 1
    while end > start and scan.folded[end - 1] == " ":
        end -= 1
    if start >= end:
        return False
    if (
        EVENT_START.match(scan.folded, start, end)
        or DAYS.fullmatch(scan.folded, start, end)
        or _EVENT_DAY.match(scan.folded, start, end)
        or _BEFORE_EVENT.match(scan.folded, start, end)
    ):
        return True
    sub = Scan(scan.folded, scan.text, end, scan.year, events=False, rules=scan.rules)
    run(sub, start)
    return bool(sub.parts) and not sub.unread


def rule_days(scan: Scan, pos: int) -> int | None:
    """Read "trong thời hạn N ngày" after an ad-hoc or event part: the time it allows.

    Working days are only counted from events in the plan format, so "đột xuất trong 5 ngày
    làm việc" stays unread rather than losing "làm việc".
    """
    m = scan.match(DAYS, pos)
    target = scan.last(("on_request", "after_event"))
    if m is None or target is None or "days" in target or int(m["days"]) < 1:
        return None
    if m["working"] and target["kind"] == "on_request":
        return None
    target.update(_days(m))
    return m.end()


def rule_continuous(scan: Scan, pos: int) -> int | None:
    """Read "thường xuyên, liên tục": an ongoing duty with no due date."""
    m = scan.match(CONTINUOUS, pos)
    if m is None:
        return None
    scan.parts.append({"kind": "continuous"})
    return m.end()


def rule_on_request(scan: Scan, pos: int) -> int | None:
    """Read "đột xuất", "khi có yêu cầu": due only once someone asks."""
    m = scan.match(ON_REQUEST, pos)
    if m is None:
        return None
    scan.parts.append({"kind": "on_request"})
    return m.end()


_EXPECTED = re.compile(r"(?:du kien|du dinh)(?: (?:to chuc|hoan thanh|thuc hien))?(?: vao)? ")


def rule_expected(scan: Scan, pos: int) -> int | None:
    """Read "Dự kiến ngày 05/12/2025": the planned day, due then unless a latest day follows."""
    m = scan.match(_EXPECTED, pos)
    found = read_when(scan, m.end()) if m else None
    part = dated(found[0], scan.year) if found else None
    if found is None or part is None:
        return None
    scan.parts.append(part | {"_planned": True} if part["kind"] == "fixed" else part)
    return found[1]


_UNTIL_EVENT = re.compile(r"(?:cho )?(?:den|toi) (?:khi|luc) ")


def rule_until_event(scan: Scan, pos: int) -> int | None:
    """Read "Từ tháng 9/2026 đến khi kết thúc đợt rà soát": ongoing until an event."""
    start = scan.match(re.compile(r"tu "), pos)
    found = read_when(scan, start.end()) if start else None
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


def rule_before_event(scan: Scan, pos: int) -> int | None:
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
    fixed = scan.last(("fixed",))
    dashed = scan.folded[:pos].rstrip().endswith(("-", "–"))  # "10/12/2025 - 95 ngày trước …"
    if fixed is not None and "event" not in fixed and dashed:
        fixed.update(keys)
    else:
        scan.parts.append({"kind": "before_event"} | keys)
    return end


def rule_event_day(scan: Scan, pos: int) -> int | None:
    """Read "sự kiện ngày 15/03/2026" after a count before an event: the event's own day."""
    m = scan.match(_EVENT_DAY, pos)
    target = scan.last(("before_event",))
    found = read_when(scan, m.end()) if m and target and "event_date" not in target else None
    part = dated(found[0], scan.year) if found else None
    if found is None or target is None or part is None or part["kind"] != "fixed":
        return None
    target["event_date"] = part["date"]
    return found[1]


PER_SCHEDULE = re.compile(
    r"theo (?:(?:dung |dam bao )?(?:tien do|lo trinh|ke hoach|chuong trinh|huong dan|lich"
    r"|thoi gian|yeu cau nhiem vu|yeu cau cong viec|nhiem vu))(?![a-z0-9])"
)


def rule_per_schedule(scan: Scan, pos: int) -> int | None:
    """Read "Theo tiến độ xây dựng dự thảo …", "Theo kế hoạch công tác hàng năm".

    The phrase points at another schedule, whose words ("hàng năm") are not this one's:
    undated, kept whole so a person sees which schedule is meant.
    """
    m = scan.match(PER_SCHEDULE, pos)
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


def rule_destination(scan: Scan, pos: int) -> int | None:
    """Read "báo cáo về Sở Tài chính" beside a schedule: where to send, not when."""
    if not scan.parts:
        return None
    m = scan.match(_DESTINATION, pos)
    return None if m is None else m.end()


def rule_from_day(scan: Scan, pos: int) -> int | None:
    """Read "Từ 01/7/2025": a duty that begins that day and goes on."""
    start = scan.match(re.compile(r"(?:ke )?tu "), pos)
    found = read_when(scan, start.end()) if start else None
    begins = found[0].first_day() if found else None
    if found is None or begins is None:
        return None
    duty = scan.last(("continuous",))
    if duty is not None and "from" not in duty:
        duty["from"] = begins
    else:
        scan.parts.append({"kind": "continuous", "from": begins})
    return found[1]


_REQUESTER = re.compile(rf"(?:cua|tu) (?:(?!{_STOP})[^ ,;()]+(?: |$))+")


def rule_requester(scan: Scan, pos: int) -> int | None:
    """Read "của UBND tỉnh" after "theo chỉ đạo", "khi có yêu cầu": who asks, not when."""
    m = scan.match(_REQUESTER, pos) if scan.last(("on_request",)) else None
    return None if m is None else m.end()


_URGENT = re.compile(
    rf"(?:khan truong|kip thoi|ngay lap tuc|lap tuc|ngay(?= ?(?:{CONNECT}|$))){END}"
)


def rule_urgent(scan: Scan, pos: int) -> int | None:
    """Read "khẩn trương", "kịp thời", "ngay": urgent, with no day to count."""
    m = scan.match(_URGENT, pos)
    if m is None or (m[0] == "ngay" and (scan.text[pos : m.end()] != "ngay" or not scan.events)):
        return None  # "ngày" (day) folds like "ngay" (at once): only the word itself, alone
    scan.parts.append({"kind": "urgent"})
    return m.end()
