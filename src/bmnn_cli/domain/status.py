"""The status of an obligation as of a day: the one place the rule is written.

The rule is a table, read top to bottom, first match wins (`RULES`). From
it come the Python answer (`status_of`), the SQL `CASE` that listings and
counts select (`case_sql`) and, for every status, a plain SQL condition
that is true of exactly the rows having it (`where_sql`), so a listing of
one status is a range over the due-date index rather than a filter over a
computed column. A change to the rule is made in `RULES` only; the tests
hold the three forms to the same answers on both engines.

A date recorded after the as-of day does not count yet, so a report can be
rerun for any past day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """What an obligation is as of a day (DESIGN.md, "Status of an obligation")."""

    WAIVED = "waived"  # miễn: excused, with a reason
    DONE_ON_TIME = "done_on_time"  # hoàn thành đúng hạn
    DONE_LATE = "done_late"  # hoàn thành quá hạn
    NOT_BEGUN = "not_begun"  # a span that has not begun yet
    ONGOING = "ongoing"  # không xác định hạn: no due date, never overdue
    OVERDUE = "overdue"  # quá hạn: not submitted, due date passed
    PENDING = "pending"  # đang thực hiện, trong hạn: not submitted, not yet due


OPEN = (Status.PENDING, Status.OVERDUE)  # still owed, with a due date
DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)
FALLEN_DUE = (Status.DONE_ON_TIME, Status.DONE_LATE, Status.OVERDUE)  # the rate's denominator

AS_OF = "as_of"  # the day asked about, a bound parameter in SQL
DATES = ("waived_on", "submitted_on", "begins_on", "effective_due")  # an obligation's dates


@dataclass(frozen=True)
class Compare:
    """`left op right` over two dates; false when either is unknown (NULL in SQL)."""

    left: str
    op: str  # "<", "<=", ">" or ">="
    right: str  # another date of the obligation, or AS_OF

    def holds(self, values: dict[str, dt.date | None]) -> bool:
        a, b = values[self.left], values[self.right]
        if a is None or b is None:
            return False
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[self.op]


@dataclass(frozen=True)
class Unset:
    """The date is not known (NULL): an undated duty, say."""

    column: str

    def holds(self, values: dict[str, dt.date | None]) -> bool:
        return values[self.column] is None


Atom = Compare | Unset
Term = tuple[Atom, bool]  # an atom, and whether it must hold (True) or fail (False)

SENT = Compare("submitted_on", "<=", AS_OF)  # a submission dated by the day asked about
LATE = Compare("submitted_on", ">", "effective_due")  # sent after the due date in force

RULES: tuple[tuple[Status, tuple[Term, ...]], ...] = (
    (Status.WAIVED, ((Compare("waived_on", "<=", AS_OF), True),)),
    (Status.DONE_ON_TIME, ((SENT, True), (LATE, False))),
    (Status.DONE_LATE, ((SENT, True), (LATE, True))),
    (Status.NOT_BEGUN, ((Compare("begins_on", ">", AS_OF), True),)),
    (Status.ONGOING, ((Unset("effective_due"), True),)),
    (Status.OVERDUE, ((Compare("effective_due", "<", AS_OF), True),)),
    (Status.PENDING, ()),
)


def on_time(submitted: dt.date, due: dt.date | None) -> bool:
    """Whether a submission made on `submitted` meets `due` (on the day counts; no due: yes)."""
    return not LATE.holds({"submitted_on": submitted, "effective_due": due})


def status_of(
    *,
    as_of: dt.date,
    effective_due: dt.date | None,
    begins_on: dt.date | None = None,
    submitted_on: dt.date | None = None,
    waived_on: dt.date | None = None,
) -> Status:
    """An obligation's status as of `as_of`, from its dates (`RULES`, first match)."""
    values = {
        "waived_on": waived_on, "submitted_on": submitted_on, "begins_on": begins_on,
        "effective_due": effective_due, AS_OF: as_of,
    }  # fmt: skip
    for status, terms in RULES:
        if all(atom.holds(values) is wanted for atom, wanted in terms):
            return status
    raise AssertionError("RULES ends in a rule without terms")


# ---- SQL ------------------------------------------------------------------

_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


def _name(column: str, alias: str) -> str:
    return f":{AS_OF}" if column == AS_OF else f"{alias}.{column}"


def _sql(term: Term, alias: str, known: frozenset[str]) -> str:
    """One term as SQL that is true exactly when Python says it holds.

    `known` names the dates the surrounding condition already requires to be
    set, so "… IS NULL OR" is left out for them (and the condition stays a
    plain range an index can serve).
    """
    atom, wanted = term
    if isinstance(atom, Unset):
        return f"{_name(atom.column, alias)} IS {'' if wanted else 'NOT '}NULL"
    if wanted:  # NULL on either side: not true, as in Python
        return f"{_name(atom.left, alias)} {atom.op} {_name(atom.right, alias)}"
    unknown = [
        f"{_name(c, alias)} IS NULL"
        for c in (atom.left, atom.right)
        if c != AS_OF and c not in known
    ]
    compare = f"{_name(atom.left, alias)} {_NEGATED[atom.op]} {_name(atom.right, alias)}"
    return f"({' OR '.join([*unknown, compare])})" if unknown else compare


def _set_by(terms: tuple[Term, ...]) -> frozenset[str]:
    """The dates these terms, all true, require to be set."""
    out: set[str] = set()
    for atom, wanted in terms:
        if isinstance(atom, Compare) and wanted:
            out |= {atom.left, atom.right} - {AS_OF}
        elif isinstance(atom, Unset) and not wanted:
            out.add(atom.column)
    return frozenset(out)


def _merged(rules: list[tuple[Term, ...]]) -> list[tuple[Term, ...]]:
    """Earlier rules to exclude, with pairs differing in one term's sign joined.

    "sent and not late" or "sent and late" is "sent": one term to negate
    instead of two, which keeps each status's condition short.
    """
    rules = list(dict.fromkeys(rules))
    changed = True
    while changed:
        changed = False
        for i, a in enumerate(rules):
            for b in rules[i + 1 :]:
                diff = set(a) ^ set(b)
                atoms = {atom for atom, _ in diff}
                if len(diff) == 2 and len(atoms) == 1:
                    common = tuple(term for term in a if term in b)
                    at = rules.index(a)
                    rules = [r for r in rules if r not in (a, b)]
                    rules.insert(at, common)
                    changed = True
                    break
            if changed:
                break
    return rules


def where_sql(status: Status, alias: str = "o") -> str:
    """A plain condition true of exactly the rows whose status is `status` (`RULES`).

    The status's own terms, and none of the earlier rules: an earlier rule
    that contradicts the own terms needs no saying, and of one that shares
    terms with them only the rest is negated.
    """
    index = [s for s, _ in RULES].index(status)
    own = RULES[index][1]
    negated: list[Term] = []
    either: list[tuple[Term, ...]] = []  # an earlier rule of several terms: any one fails
    for terms in _merged([terms for _, terms in RULES[:index]]):
        if any((atom, not wanted) in own for atom, wanted in terms):
            continue
        rest = tuple((atom, not wanted) for atom, wanted in terms if (atom, wanted) not in own)
        if not rest:
            raise AssertionError(f"{status} can never be reached: an earlier rule takes it")
        if len(rest) == 1:
            negated.append(rest[0])
        else:
            either.append(rest)
    terms = (*negated, *own)
    known = _set_by(terms)
    compared = {
        c for atom, _ in terms if isinstance(atom, Compare) for c in (atom.left, atom.right)
    }
    parts = [  # "x IS NOT NULL" goes when a comparison of x, false on NULL, says it already
        _sql(term, alias, known)
        for term in terms
        if not (isinstance(term[0], Unset) and not term[1] and term[0].column in compared)
    ]
    parts += [f"({' OR '.join(_sql(term, alias, known) for term in rest)})" for rest in either]
    return " AND ".join(dict.fromkeys(parts)) or "1 = 1"


def case_sql(alias: str = "o") -> str:
    """The status of each row as one SQL `CASE` expression (`RULES`, first match).

    Rules in a row that share their first term and between them cover every
    case of the rest ("sent": on time, else late) become one `WHEN` with a
    `CASE` inside, so that term is tested once per row.
    """
    lines = ["CASE"]
    rules, index = RULES[:-1], 0
    while index < len(rules):
        status, terms = rules[index]
        end = index + 1
        while terms and end < len(rules) and rules[end][1][:1] == terms[:1]:
            end += 1
        group = rules[index:end]
        if len(group) > 1 and _merged([rest[1:] for _, rest in group]) == [()]:
            inner = [
                f"WHEN {_condition(rest, alias, skip=1)} THEN '{each.value}'"
                for each, rest in group[:-1]
            ]
            first = _sql(terms[0], alias, _set_by(terms[:1]))
            lines.append(f"  WHEN {first} THEN")
            lines.append(f"    CASE {' '.join(inner)} ELSE '{group[-1][0].value}' END")
        else:
            lines.append(f"  WHEN {_condition(terms, alias)} THEN '{status.value}'")
            end = index + 1
        index = end
    lines.append(f"  ELSE '{RULES[-1][0].value}'")
    lines.append("END")
    return "\n".join(lines)


def _condition(terms: tuple[Term, ...], alias: str, *, skip: int = 0) -> str:
    """Terms all true, as SQL, but the first `skip` (known true in a nested `CASE`)."""
    known = _set_by(terms)
    return " AND ".join(_sql(term, alias, known) for term in terms[skip:])


def settled_sql(alias: str = "o") -> tuple[str, str]:
    """Rows done by the day whatever else they hold, and the SQL test of which are late.

    A row sent by the day (`SENT`) and never waived is done on time or late by
    `LATE` alone: the rules before the two of a sent row all ask for a waiver, so
    none holds without one. Such rows are most of a database once plans have run
    some years; counted this way, they need none of the other dates, and an index
    of these dates serves the count (store/counts.py). The other rows go through
    `case_sql`. Raises AssertionError if `RULES` no longer has that shape.
    """
    statuses = [status for status, _ in RULES]
    done = statuses.index(Status.DONE_ON_TIME)
    for _, terms in RULES[:done]:
        if not any(_needs_waiver(term) for term in terms):
            raise AssertionError("a rule before the done ones holds without a waiver")
    sent = {
        Status.DONE_ON_TIME: {(SENT, True), (LATE, False)},
        Status.DONE_LATE: {(SENT, True), (LATE, True)},
    }
    if {status: set(terms) for status, terms in RULES[done : done + 2]} != sent:
        raise AssertionError("the done rules are no longer SENT, on time or LATE")
    never_waived: Term = (Unset("waived_on"), True)
    condition = " AND ".join(
        _sql(term, alias, frozenset()) for term in ((SENT, True), never_waived)
    )
    return condition, _sql((LATE, True), alias, frozenset())


def _needs_waiver(term: Term) -> bool:
    """Whether the term fails on a row without a waiver (a comparison of its date)."""
    atom, wanted = term
    return wanted and isinstance(atom, Compare) and "waived_on" in (atom.left, atom.right)
