"""The rules of recording, without a database: which period a submission
answers, when it is the same submission again, and which obligation a
waiver excuses (domain/submissions.py, domain/waivers.py)."""

from __future__ import annotations

import datetime as dt

from bmnn_cli.domain import submissions as rules
from bmnn_cli.domain import waivers
from bmnn_cli.domain.submissions import Owed, Recorded

D = dt.date


def owed(
    id: int,
    period: str,
    due: dt.date | None,
    *,
    year: int = 2026,
    starts: dt.date | None = None,
    sent: dt.date | None = None,
    waived: dt.date | None = None,
) -> Owed:
    return Owed(id, period, year, starts, due, sent, waived)


def label(period: str) -> str:
    return {"once": "một lần", "ongoing": "thường xuyên"}.get(period, period)


YEARLY = [owed(1, "2026", D(2026, 10, 30)), owed(2, "2027", D(2027, 10, 30), year=2027)]


def test_a_submission_answers_the_earliest_open_dated_period() -> None:
    decision = rules.answer(YEARLY, [], day=D(2026, 11, 2), ref="12/BC", period=None, label=label)
    assert decision == rules.Answers(YEARLY[0], on_time=False)  # sent after 30/10: late


def test_a_yearly_period_is_not_answered_before_its_year() -> None:
    first = [owed(1, "2026", D(2026, 10, 30), sent=D(2026, 10, 1)), YEARLY[1]]
    decision = rules.answer(first, [], day=D(2026, 12, 1), ref="", period=None, label=label)
    assert isinstance(decision, rules.NoneOpen)
    assert decision.done == (first[0],)  # the message names what was done
    later = rules.answer(first, [], day=D(2027, 1, 5), ref="", period=None, label=label)
    assert later == rules.Answers(first[1], on_time=True)


def test_a_one_off_or_requested_period_is_open_whatever_its_year() -> None:
    assert rules.begun("request-3", 2027, D(2026, 5, 1))
    assert rules.begun("once", 2030, D(2026, 5, 1))
    assert not rules.begun("2027-Q1", 2027, D(2026, 12, 31))
    assert rules.begun("2027-Q1", 2027, D(2027, 1, 1))


def test_an_obligation_that_has_not_started_is_not_answered() -> None:
    rows = [owed(1, "once", D(2026, 9, 30), starts=D(2026, 7, 1))]
    assert rules.earliest_open(rows, D(2026, 6, 30)) is None
    assert rules.earliest_open(rows, D(2026, 7, 1)) is rows[0]


def test_a_duty_without_a_due_date_is_answered_only_when_named() -> None:
    rows = [owed(1, "ongoing", None)]
    decision = rules.answer(rows, [], day=D(2026, 5, 1), ref="", period=None, label=label)
    assert decision == rules.NoneOpen(undated=(rows[0],), done=())
    named = rules.answer(rows, [], day=D(2026, 5, 1), ref="", period="thường xuyên", label=label)
    assert named == rules.Answers(rows[0], on_time=True)  # no due date: never late


def test_a_period_is_named_by_its_key_or_its_label_case_and_accents_aside() -> None:
    rows = [owed(1, "once", D(2026, 2, 27)), owed(2, "ongoing", None)]
    assert rules.pick(rows, " once ", label) is rows[0]
    assert rules.pick(rows, "MOT LAN", label) is rows[0]
    assert rules.pick(rows, "2026", label) is None
    decision = rules.answer(rows, [], day=D(2026, 2, 1), ref="", period="2026", label=label)
    assert decision == rules.NoSuchPeriod("một lần, thường xuyên")


def test_a_period_answered_already_is_refused_when_named() -> None:
    rows = [owed(1, "once", D(2026, 2, 27), sent=D(2026, 2, 20))]
    decision = rules.answer(rows, [], day=D(2026, 2, 25), ref="", period="once", label=label)
    assert decision == rules.AlreadySubmitted(rows[0])


def test_the_same_document_again_is_one_submission() -> None:
    sent = [Recorded(D(2026, 2, 20), "125/bc-stp", "once")]
    rows = [owed(1, "once", D(2026, 2, 27), sent=D(2026, 2, 20))]
    again = rules.answer(rows, sent, day=D(2026, 2, 20), ref="125/BC-STP", period=None, label=label)
    assert again == rules.Duplicate("once")
    assert rules.same_submission(sent, D(2026, 2, 20), "125/bc-stp ") is sent[0]
    assert rules.same_submission(sent, D(2026, 2, 21), "125/BC-STP") is None  # another day
    assert rules.same_submission(sent, D(2026, 2, 20), "126/BC-STP") is None  # another number


def test_the_same_number_matches_with_accents_aside() -> None:
    sent = [Recorded(D(2026, 3, 1), "so 12/bc-cat", "2026")]
    assert rules.same_submission(sent, D(2026, 3, 1), "Số 12/BC-CAT") is sent[0]


def test_on_the_due_day_is_on_time() -> None:
    rows = [owed(1, "once", D(2026, 2, 27))]
    decision = rules.answer(rows, [], day=D(2026, 2, 27), ref="", period=None, label=label)
    assert decision == rules.Answers(rows[0], on_time=True)


def test_the_earliest_day_a_document_may_bear() -> None:
    assert rules.earliest_day(D(2026, 1, 15), 2026, None) == D(2026, 1, 15)
    assert rules.earliest_day(None, 2026, None) == D(2025, 1, 1)
    assert rules.earliest_day(D(2026, 1, 15), 2026, D(2026, 4, 1)) == D(2026, 4, 1)
    assert rules.earliest_day(D(2026, 1, 15), 2026, D(2025, 4, 1)) == D(2026, 1, 15)


# -- waivers ---------------------------------------------------------------------


def test_a_waiver_concerns_the_oldest_open_dated_obligation() -> None:
    rows = [
        owed(1, "2026", D(2026, 10, 30), sent=D(2026, 10, 1)),
        owed(2, "2027", D(2027, 10, 30), year=2027),
        owed(3, "ongoing", None),
    ]
    assert waivers.open_for(rows, D(2026, 11, 27)) is rows[2]  # 2027 is not yet of its year
    assert waivers.open_for(rows, D(2026, 11, 27), dated_only=True) is None
    assert waivers.open_for(rows, D(2027, 1, 2), dated_only=True) is rows[1]


def test_a_waived_or_not_started_obligation_is_not_open() -> None:
    rows = [
        owed(1, "once", D(2026, 2, 27), waived=D(2026, 2, 1)),
        owed(2, "once-2", D(2026, 9, 30), starts=D(2026, 7, 1)),
        owed(3, "ongoing", None),
    ]
    assert waivers.open_rows(rows, D(2026, 6, 1)) == [rows[2]]
    assert waivers.undated_open(rows, D(2026, 6, 1)) == [rows[2]]
    assert waivers.open_rows(rows, D(2026, 7, 1)) == [rows[1], rows[2]]


def test_the_same_waiver_again_changes_nothing() -> None:
    given = waivers.Given(D(2026, 11, 27), "sáp nhập")
    assert waivers.same_waiver(given, D(2026, 11, 27), "  sáp   nhập ")
    assert waivers.same_waiver(given, D(2026, 11, 27), "sa\u0301p nhập")  # another Unicode form
    assert not waivers.same_waiver(given, D(2026, 11, 28), "sáp nhập")
    assert not waivers.same_waiver(given, D(2026, 11, 27), "chuyển giao")
    assert not waivers.same_waiver(None, D(2026, 11, 27), "sáp nhập")


def test_a_waiver_never_hides_a_submission() -> None:
    assert waivers.hides_submission(owed(1, "once", D(2026, 2, 27), sent=D(2026, 2, 20)))
    assert not waivers.hides_submission(owed(1, "once", D(2026, 2, 27)))
