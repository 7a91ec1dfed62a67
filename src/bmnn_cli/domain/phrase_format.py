"""Writing schedule parts back as the canonical phrase ``parse_phrase`` reads the same.

Plan files written by the tool carry a phrase beside each schedule, so a person reads the
deadline as a plan would say it; one formatter per part kind, kept apart from the reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bmnn_cli.domain.phrase_events import PER_SCHEDULE
from bmnn_cli.domain.phrase_lexis import Part, fold

__all__ = ["format_parts"]

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
    if not isinstance(ref, str) or not PER_SCHEDULE.match(fold(ref)):
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
    since = "kể từ" if fold(event).startswith("ngay ") else "sau khi"
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
