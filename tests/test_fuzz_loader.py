"""No input ever makes the plan loader raise anything but a user error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmnn_cli.domain.plan_validator import parse
from bmnn_cli.domain.planfile import loads
from bmnn_cli.errors import BmnnError
from conftest import LAO_CAI

pytestmark = pytest.mark.no_database  # the PostgreSQL run leaves these out

KEYS = [
    "plan", "tasks", "province", "groups", "agencies", "registry", "id", "title", "lead",
    "support", "deliverable", "deadline", "schedule", "kind", "date", "year", "quarter",
    "month", "day", "from", "until", "days", "event", "name", "aliases", "since", "group",
    "successor", "merged_on", "deadlines", "before", "yearly_due", "number", "issued",
]  # fmt: skip
KINDS = ["fixed", "yearly", "quarter", "quarterly", "continuous", "on_request", "after_event", "x"]

scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(KINDS + ["lao-cai", "so-tu-phap", "ubnd-xa-phuong", "plan", "report"]),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.floats(allow_nan=True),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=6),
    ),
    max_leaves=30,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=6)


def _check(call: Any) -> None:
    try:
        call()
    except BmnnError:
        pass


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_parse_arbitrary_tables(data: dict[str, Any]) -> None:
    _check(lambda: parse(data, path=str(LAO_CAI)))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_load_arbitrary_text(text: str) -> None:
    _check(lambda: loads(text, path=Path("fuzz.toml")))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.text(max_size=8))
def test_mutated_example(position: int, insert: str) -> None:
    """The real example with a few characters inserted anywhere."""
    text = LAO_CAI.read_text(encoding="utf-8")
    position = min(position, len(text))
    _check(lambda: loads(text[:position] + insert + text[position:], path=LAO_CAI))
