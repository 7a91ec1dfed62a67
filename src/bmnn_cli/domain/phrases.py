"""Read a plan's deadline phrase into schedule parts: the entry point and the rules' order.

Plans state deadlines in prose ("trước ngày 30/10 hằng năm và báo cáo đột xuất"). The
loader needs the parts a plan file's ``[[tasks.schedule]]`` tables hold, and a person must
be able to check the reading against the document, so a reading keeps whatever it could
not understand in ``unread`` instead of guessing, and never raises.

The reader is a small scanner (``phrase_scan``) over a folded copy of the text
(``phrase_lexis``). At each word it tries the grammar rules listed here in order, the
calendar shapes of ``phrase_calendar`` and the event and request shapes of
``phrase_events``; connectors ("và", "hoặc", "hay", ",", ";") only separate. Writing parts
back as a phrase is ``phrase_format``.
"""

from __future__ import annotations

from dataclasses import dataclass

from bmnn_cli.domain.phrase_calendar import (
    _rule_bare_day,
    _rule_date,
    _rule_half_day,
    _rule_month_day,
    _rule_month_list,
    _rule_open_yearly,
    _rule_period_day,
    _rule_periodic,
    _rule_position_every,
    _rule_quarter_list,
    _rule_range,
    _rule_recurring_date,
    _rule_span,
)
from bmnn_cli.domain.phrase_events import (
    _rule_before_event,
    _rule_continuous,
    _rule_days,
    _rule_destination,
    _rule_event,
    _rule_event_day,
    _rule_expected,
    _rule_from_day,
    _rule_on_request,
    _rule_per_schedule,
    _rule_requester,
    _rule_until_event,
    _rule_urgent,
)
from bmnn_cli.domain.phrase_lexis import Part, _clean, _fold
from bmnn_cli.domain.phrase_scan import _Rule, _run, _Scan

__all__ = ["PhraseReading", "parse_phrase"]


@dataclass(frozen=True)
class PhraseReading:
    """What a deadline phrase says, kept next to the phrase so a person can check it."""

    phrase: str
    parts: list[Part]
    confident: bool
    unread: str


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


def parse_phrase(phrase: str, *, year: int | None = None) -> PhraseReading:
    """Read a deadline phrase; ``year`` (the plan's) completes dates that give no year.

    Never raises: what is not understood is returned in ``unread`` (pieces joined by " … ")
    and makes the reading not ``confident``, so the loader can ask a person instead of
    guessing. With no part read at all, ``unread`` is the whole phrase.
    """
    text = _clean(phrase)
    scan = _Scan(_fold(text), text, len(text), year, rules=_RULES)
    _run(scan, 0)
    if not scan.parts:
        return PhraseReading(phrase, [], False, phrase)
    for part in scan.parts:
        part.pop("_planned", None)
        part.pop("_yearless", None)
    unread = " … ".join(text[start:end] for start, end in scan.unread)
    return PhraseReading(phrase, scan.parts, not unread, unread)
