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
    rule_bare_day,
    rule_date,
    rule_half_day,
    rule_month_day,
    rule_month_list,
    rule_open_yearly,
    rule_period_day,
    rule_periodic,
    rule_position_every,
    rule_quarter_list,
    rule_range,
    rule_recurring_date,
    rule_span,
)
from bmnn_cli.domain.phrase_events import (
    rule_before_event,
    rule_continuous,
    rule_days,
    rule_destination,
    rule_event,
    rule_event_day,
    rule_expected,
    rule_from_day,
    rule_on_request,
    rule_per_schedule,
    rule_requester,
    rule_until_event,
    rule_urgent,
)
from bmnn_cli.domain.phrase_lexis import Part, clean, fold
from bmnn_cli.domain.phrase_scan import Rule, Scan, run

__all__ = ["PhraseReading", "parse_phrase"]


@dataclass(frozen=True)
class PhraseReading:
    """What a deadline phrase says, kept next to the phrase so a person can check it."""

    phrase: str
    parts: list[Part]
    confident: bool
    unread: str


_RULES: tuple[Rule, ...] = (
    rule_event,
    rule_until_event,
    rule_before_event,
    rule_event_day,
    rule_per_schedule,
    rule_destination,
    rule_open_yearly,
    rule_range,
    rule_span,
    rule_quarter_list,
    rule_month_list,
    rule_requester,
    rule_days,
    rule_position_every,
    rule_period_day,
    rule_month_day,
    rule_bare_day,
    rule_half_day,
    rule_recurring_date,
    rule_expected,
    rule_from_day,
    rule_date,
    rule_periodic,
    rule_continuous,
    rule_on_request,
    rule_urgent,
)


def parse_phrase(phrase: str, *, year: int | None = None) -> PhraseReading:
    """Read a deadline phrase; ``year`` (the plan's) completes dates that give no year.

    Never raises: what is not understood is returned in ``unread`` (pieces joined by " … ")
    and makes the reading not ``confident``, so the loader can ask a person instead of
    guessing. With no part read at all, ``unread`` is the whole phrase.
    """
    text = clean(phrase)
    scan = Scan(fold(text), text, len(text), year, rules=_RULES)
    run(scan, 0)
    if not scan.parts:
        return PhraseReading(phrase, [], False, phrase)
    for part in scan.parts:
        part.pop("_planned", None)
        part.pop("_yearless", None)
    unread = " … ".join(text[start:end] for start, end in scan.unread)
    return PhraseReading(phrase, scan.parts, not unread, unread)
