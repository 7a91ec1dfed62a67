"""Reading deadline phrases of the plans into schedule parts, and writing them back."""

from __future__ import annotations

import datetime as dt
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bmnn_cli.domain.phrase_format import format_parts
from bmnn_cli.domain.phrase_lexis import Part
from bmnn_cli.domain.phrases import PhraseReading, parse_phrase
from bmnn_cli.domain.schedule import part_from_dict

pytestmark = pytest.mark.no_database  # the PostgreSQL run leaves these out

D = dt.date
SEED_EVENT = (
    "có văn bản đề nghị tham gia góp ý của các bộ, cơ quan ngang bộ và các cơ quan Trung ương"
    " được giao chủ trì xây dựng danh mục của ngành, lĩnh vực"
)
YEARLY: Part = {"kind": "yearly"}
ON_REQUEST: Part = {"kind": "on_request"}
OCT_30: Part = {"kind": "yearly", "month": 10, "day": 30}

READINGS: list[tuple[str, list[Part]]] = [
    # fixed dates
    ("trước ngày 27/02/2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("ngày 27/02/2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("ngày 27 tháng 02 năm 2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("chậm nhất ngày 27/2/2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("hoàn thành trước 27/02/2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("27.02.2026", [{"kind": "fixed", "date": D(2026, 2, 27)}]),
    ("trong tháng 6/2026", [{"kind": "fixed", "date": D(2026, 6, 30)}]),
    ("tháng 6/2026", [{"kind": "fixed", "date": D(2026, 6, 30)}]),
    ("tháng 6 năm 2026", [{"kind": "fixed", "date": D(2026, 6, 30)}]),
    ("tháng 2/2028", [{"kind": "fixed", "date": D(2028, 2, 29)}]),
    ("6 tháng đầu năm 2026", [{"kind": "fixed", "date": D(2026, 6, 30)}]),
    ("6 tháng cuối năm 2026", [{"kind": "fixed", "date": D(2026, 12, 31)}]),
    ("năm 2026", [{"kind": "fixed", "date": D(2026, 12, 31)}]),
    ("trong năm 2026", [{"kind": "fixed", "date": D(2026, 12, 31)}]),
    ("cuối năm 2026", [{"kind": "fixed", "date": D(2026, 12, 31)}]),
    ("giữa năm 2026", [{"kind": "fixed", "date": D(2026, 6, 30)}]),
    ("đầu năm 2027", [{"kind": "fixed", "date": D(2027, 1, 1)}]),
    ("đầu tháng 3/2026", [{"kind": "fixed", "date": D(2026, 3, 1)}]),
    ("giữa tháng 3/2026", [{"kind": "fixed", "date": D(2026, 3, 15)}]),
    ("cuối tháng 3/2026", [{"kind": "fixed", "date": D(2026, 3, 31)}]),
    ("cuối tháng 4 năm 2026", [{"kind": "fixed", "date": D(2026, 4, 30)}]),
    # yearly
    ("trước ngày 30/10 hàng năm", [OCT_30]),
    ("trước ngày 30/10 hằng năm", [OCT_30]),
    ("ngày 30 tháng 10 hằng năm", [OCT_30]),
    ("hằng năm, trước ngày 30/10", [OCT_30]),
    ("trước ngày 30/10/2026 hằng năm", [{**OCT_30, "from": 2026}]),
    ("tháng 6 hằng năm", [{"kind": "yearly", "month": 6, "day": 30}]),
    ("cuối mỗi năm", [{"kind": "yearly", "month": 12, "day": 31}]),
    ("định kỳ hằng năm", [YEARLY]),
    ("định kỳ hàng năm", [YEARLY]),
    ("hằng năm", [YEARLY]),
    ("hàng năm", [YEARLY]),
    ("mỗi năm một lần", [YEARLY]),
    ("Năm 2026 và những năm tiếp theo", [{"kind": "yearly", "from": 2026}]),
    ("năm 2026 và các năm tiếp theo", [{"kind": "yearly", "from": 2026}]),
    ("trong năm 2026 và các năm tiếp theo", [{"kind": "yearly", "from": 2026}]),
    ("từ năm 2026", [{"kind": "yearly", "from": 2026}]),
    (
        "từ năm 2026 đến năm 2030",
        [{"kind": "span", "from": D(2026, 1, 1), "until": D(2030, 12, 31)}],
    ),
    ("hằng năm từ năm 2027", [{"kind": "yearly", "from": 2027}]),
    # quarters, months, halves
    ("Quý III/2026", [{"kind": "quarter", "year": 2026, "quarter": 3}]),
    ("Quý 3/2026", [{"kind": "quarter", "year": 2026, "quarter": 3}]),
    ("quý 3 năm 2026", [{"kind": "quarter", "year": 2026, "quarter": 3}]),
    ("trong Quý II năm 2026", [{"kind": "quarter", "year": 2026, "quarter": 2}]),
    ("cuối quý IV/2026", [{"kind": "quarter", "year": 2026, "quarter": 4}]),
    (
        "Quý III/2026, Quý II/2026",
        [
            {"kind": "quarter", "year": 2026, "quarter": 3},
            {"kind": "quarter", "year": 2026, "quarter": 2},
        ],
    ),
    ("hằng quý", [{"kind": "quarterly"}]),
    ("định kỳ hằng quý", [{"kind": "quarterly"}]),
    ("hằng quý giai đoạn 2026 - 2030", [{"kind": "quarterly", "from": 2026, "until": 2030}]),
    ("hằng tháng", [{"kind": "monthly"}]),
    ("định kỳ hằng tháng", [{"kind": "monthly"}]),
    ("trước ngày 05 hằng tháng", [{"kind": "monthly", "day": 5}]),
    ("đầu mỗi tháng", [{"kind": "monthly", "day": 1}]),
    ("định kỳ 6 tháng", [{"kind": "half_yearly"}]),
    ("6 tháng một lần", [{"kind": "half_yearly"}]),
    ("6 tháng/lần", [{"kind": "half_yearly"}]),
    ("định kỳ sáu tháng", [{"kind": "half_yearly"}]),
    # continuous and ad hoc
    ("thường xuyên", [{"kind": "continuous"}]),
    ("thực hiện thường xuyên", [{"kind": "continuous"}]),
    ("Thường xuyên, liên tục", [{"kind": "continuous"}]),
    ("đột xuất", [ON_REQUEST]),
    ("báo cáo đột xuất", [ON_REQUEST]),
    ("khi có yêu cầu", [ON_REQUEST]),
    ("theo yêu cầu", [ON_REQUEST]),
    ("đột xuất trong thời hạn 5 ngày", [{"kind": "on_request", "days": 5}]),
    # after an event
    (
        "Sau khi có văn bản đề nghị tham gia góp ý của các bộ, cơ quan ngang bộ và các cơ quan"
        " Trung ương được giao chủ trì xây dựng danh mục của ngành, lĩnh vực.",
        [{"kind": "after_event", "event": SEED_EVENT}],
    ),
    (
        "trong thời hạn 10 ngày kể từ ngày nhận được văn bản",
        [{"kind": "after_event", "event": "ngày nhận được văn bản", "days": 10}],
    ),
    (
        "trong 15 ngày làm việc kể từ ngày nhận được văn bản",
        [
            {
                "kind": "after_event",
                "event": "ngày nhận được văn bản",
                "days": 15,
                "working_days": True,
            }
        ],
    ),
    (
        "sau khi có kết luận thanh tra, trong thời hạn 30 ngày",
        [{"kind": "after_event", "event": "có kết luận thanh tra", "days": 30}],
    ),
    # combinations
    ("định kỳ hoặc đột xuất", [YEARLY, ON_REQUEST]),
    ("(*định kỳ hoặc đột xuất*)", [YEARLY, ON_REQUEST]),
    ("trước ngày 30/10 hàng năm và báo cáo đột xuất", [OCT_30, ON_REQUEST]),
    ("**trước ngày 30/10 hàng năm và báo cáo đột xuất**", [OCT_30, ON_REQUEST]),
    ("định kỳ, đột xuất", [YEARLY, ON_REQUEST]),
    ("báo cáo định kỳ, đột xuất", [YEARLY, ON_REQUEST]),
    ("định kỳ 6 tháng và đột xuất", [{"kind": "half_yearly"}, ON_REQUEST]),
    (
        "sau khi có văn bản, năm 2026 và những năm tiếp theo",
        [{"kind": "after_event", "event": "có văn bản"}, {"kind": "yearly", "from": 2026}],
    ),
    # the document's label, bullets and spacing around the phrase
    ("Thời hạn hoàn thành: Quý III/2026.", [{"kind": "quarter", "year": 2026, "quarter": 3}]),
    ("- Thời gian thực hiện: Năm 2026 và những năm tiếp theo.", [{"kind": "yearly", "from": 2026}]),
    ("  TRƯỚC   NGÀY  30/10   HẰNG NĂM ", [OCT_30]),
    ("truoc ngay 30/10 hang nam", [OCT_30]),
    ("dinh ky hoac dot xuat", [YEARLY, ON_REQUEST]),
]


@pytest.mark.parametrize(("phrase", "parts"), READINGS)
def test_reads_phrase(phrase: str, parts: list[Part]) -> None:
    assert parse_phrase(phrase) == PhraseReading(phrase, parts, True, "")


@pytest.mark.parametrize(
    ("phrase", "parts"),
    [
        ("trước ngày 30/10", [{"kind": "fixed", "date": D(2026, 10, 30)}]),
        ("cuối tháng 2", [{"kind": "fixed", "date": D(2026, 2, 28)}]),
        ("Quý III", [{"kind": "quarter", "year": 2026, "quarter": 3}]),
        ("trước ngày 30/10 hằng năm", [OCT_30]),  # a plan year does not become "from"
        ("năm 2027", [{"kind": "fixed", "date": D(2027, 12, 31)}]),  # the phrase's year wins
    ],
)
def test_plan_year_completes_dates(phrase: str, parts: list[Part]) -> None:
    assert parse_phrase(phrase, year=2026).parts == parts


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "   ",
        "trước ngày 30/10",  # no year in the phrase and none given
        "31/02/2026",
        "trước ngày 31/02/2026",
        "ngày 29/02/2026",
        "27/02/26",
        "Quý V/2026",
        "hằng tuần",
        "hằng ngày",
        "theo quy định",
        "trong 5 ngày",
        "trong mười ngày",
        "sau khi",
        "báo cáo",
        "định kỳ báo cáo",
    ],
)
def test_leaves_unreadable_phrase_unread(phrase: str) -> None:
    assert parse_phrase(phrase) == PhraseReading(phrase, [], False, phrase)


@pytest.mark.parametrize(
    ("phrase", "parts", "unread"),
    [
        (
            "thường xuyên và theo quy định",
            [{"kind": "continuous"}],
            "theo quy định",
        ),
        ("trước ngày 31/02/2026 và đột xuất", [ON_REQUEST], "trước ngày 31/02/2026"),
        ("đầu quý II/2026", [{"kind": "quarter", "year": 2026, "quarter": 2}], "đầu"),
        ("hằng tuần và hằng tháng", [{"kind": "monthly"}], "hằng tuần"),
        (  # the plan format counts working days only from events
            "đột xuất trong 5 ngày làm việc",
            [ON_REQUEST],
            "trong 5 ngày làm việc",
        ),
    ],
)
def test_keeps_what_it_did_not_understand(phrase: str, parts: list[Part], unread: str) -> None:
    assert parse_phrase(phrase) == PhraseReading(phrase, parts, False, unread)


@pytest.mark.parametrize(
    ("parts", "phrase"),
    [
        ([{"kind": "fixed", "date": D(2026, 2, 27)}], "trước ngày 27/02/2026"),
        ([OCT_30], "trước ngày 30/10 hằng năm"),
        ([YEARLY], "định kỳ hằng năm"),
        ([{"kind": "yearly", "from": 2026}], "định kỳ hằng năm từ năm 2026"),
        ([{"kind": "quarter", "year": 2026, "quarter": 3}], "Quý III/2026"),
        ([{"kind": "continuous"}], "thường xuyên"),
        ([YEARLY, ON_REQUEST], "định kỳ hằng năm và đột xuất"),
        (
            [{"kind": "after_event", "event": "ngày nhận được văn bản", "days": 10}],
            "trong thời hạn 10 ngày kể từ ngày nhận được văn bản",
        ),
    ],
)
def test_formats_canonical_phrase(parts: list[Part], phrase: str) -> None:
    assert format_parts(parts) == phrase


@pytest.mark.parametrize(
    "part",
    [
        {"kind": "weekly"},
        {},
        {"kind": "fixed", "date": "2026-02-27"},
        {"kind": "yearly", "month": 10},
        {"kind": "quarter", "year": 2026, "quarter": 5},
        {"kind": "after_event", "event": " "},
        {"kind": "on_request", "days": "5"},
        {"kind": "on_request", "days": 5, "working_days": True},
    ],
)
def test_format_rejects_invalid_part(part: Part) -> None:
    with pytest.raises(ValueError):
        format_parts([part])


# --- properties ------------------------------------------------------------------------

YEARS = st.integers(1, 9999)
EVENT_WORDS = (
    "có văn bản đề nghị tham gia góp ý của các bộ cơ quan ngang bộ Trung ương được giao"
    " chủ trì xây dựng danh mục ngành lĩnh vực nhận kết luận thanh tra Quyết định ban hành"
    " Luật Sở Công an tỉnh hướng dẫn ngày năm tháng khi Ủy ban nhân dân đoàn thể"
).split()
# Event text may hold connectors, but no connector followed by a schedule phrase.
EVENTS = st.lists(
    st.tuples(st.sampled_from([" ", ", ", " và ", " hoặc "]), st.sampled_from(EVENT_WORDS)),
    min_size=1,
    max_size=8,
).map(lambda pairs: "".join(sep + word for sep, word in pairs)[len(pairs[0][0]) :])


@st.composite
def spans(draw: st.DrawFn) -> Part:
    """Optional ``from``/``until`` years, in order."""
    first, last = draw(st.none() | YEARS), draw(st.none() | YEARS)
    if first is not None and last is not None and first > last:
        first, last = last, first
    return {k: v for k, v in (("from", first), ("until", last)) if v is not None}


@st.composite
def durations(draw: st.DrawFn) -> Part:
    """Optional ``days``, with ``working_days`` only ever present as True."""
    if not draw(st.booleans()):
        return {}
    days: Part = {"days": draw(st.integers(1, 999))}
    return days | ({"working_days": True} if draw(st.booleans()) else {})


@st.composite
def yearly_parts(draw: st.DrawFn) -> Part:
    part: Part = {"kind": "yearly"}
    if draw(st.booleans()):
        day = draw(st.dates(D(2000, 1, 1), D(2000, 12, 31)))  # 2000: 29/02 included
        part |= {"month": day.month, "day": day.day}
    return part | draw(spans())


@st.composite
def monthly_parts(draw: st.DrawFn) -> Part:
    day = draw(st.none() | st.integers(1, 31))
    return {"kind": "monthly"} | ({"day": day} if day else {}) | draw(spans())


DATES = st.dates(D(1, 1, 1), D(9999, 12, 31))
REFS = st.sampled_from(
    [
        "Theo tiến độ xây dựng dự thảo văn bản của cơ quan chủ trì soạn thảo",
        "theo lộ trình, hướng dẫn của Bộ, ngành",
        "Theo kế hoạch công tác tư pháp hàng năm",
        "theo yêu cầu nhiệm vụ",
    ]
)


@st.composite
def fixed_parts(draw: st.DrawFn) -> Part:
    """A day, with the expected day before it and the event it is counted back from."""
    latest = draw(DATES)
    part: Part = {"kind": "fixed", "date": latest}
    if draw(st.booleans()):
        part["expected"] = draw(st.dates(D(1, 1, 1), latest))
    if draw(st.booleans()):
        part |= {"event": draw(EVENTS), "days": draw(st.integers(1, 999))}
    return part


@st.composite
def day_spans(draw: st.DrawFn) -> Part:
    first, last = sorted((draw(DATES), draw(DATES)))
    return {"kind": "span", "from": first, "until": last}


def maybe(key: str, values: st.SearchStrategy[object]) -> st.SearchStrategy[Part | None]:
    """``{key: value}`` or nothing."""
    return st.none() | values.map(lambda v: {key: v})


def _with(base: Part, *extras: Part | None) -> Part:
    out = dict(base)
    for extra in extras:
        out |= extra or {}
    return out


PARTS: st.SearchStrategy[Part] = st.one_of(
    fixed_parts(),
    day_spans(),
    st.builds(
        lambda s, d: _with({"kind": "quarterly"}, s, d), spans(), maybe("day", st.integers(1, 31))
    ),
    st.builds(
        lambda s, d: _with({"kind": "half_yearly"}, s, d), spans(), maybe("day", st.integers(1, 31))
    ),
    st.builds(lambda f: _with({"kind": "continuous"}, f), maybe("from", DATES)),
    st.builds(
        lambda e, f: _with({"kind": "until_event", "event": e}, f), EVENTS, maybe("from", DATES)
    ),
    st.builds(
        lambda e, n, d: _with({"kind": "before_event", "event": e, "days": n}, d),
        EVENTS,
        st.integers(1, 999),
        maybe("event_date", DATES),
    ),
    st.builds(lambda r: {"kind": "per_schedule", "ref": r}, REFS),
    st.just({"kind": "urgent"}),
    yearly_parts(),
    st.builds(lambda y, q: {"kind": "quarter", "year": y, "quarter": q}, YEARS, st.integers(1, 4)),
    spans().map(lambda s: {"kind": "quarterly"} | s),
    monthly_parts(),
    spans().map(lambda s: {"kind": "half_yearly"} | s),
    st.just({"kind": "continuous"}),
    st.builds(lambda d: {"kind": "on_request", "days": d}, st.integers(1, 999)),
    st.just({"kind": "on_request"}),
    st.builds(lambda e, d: {"kind": "after_event", "event": e} | d, EVENTS, durations()),
)
PART_LISTS = st.lists(PARTS, min_size=1, max_size=4)


def _plain(text: str) -> str:
    """What an officer typing without a Vietnamese keyboard would write."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


@given(PART_LISTS)
def test_format_then_parse_round_trips(parts: list[Part]) -> None:
    phrase = format_parts(parts)
    assert parse_phrase(phrase) == PhraseReading(phrase, parts, True, "")


@given(PART_LISTS)
def test_reads_text_without_diacritics_or_case(parts: list[Part]) -> None:
    expected = [
        p | {key: _plain(str(p[key])).upper() for key in ("event", "ref") if key in p}
        for p in parts
    ]
    assert parse_phrase(_plain(format_parts(parts)).upper()).parts == expected


@given(st.text(), st.none() | st.integers())
def test_never_raises(phrase: str, year: int | None) -> None:
    reading = parse_phrase(phrase, year=year)
    assert reading.phrase == phrase
    assert reading.confident == (bool(reading.parts) and not reading.unread)
    if not reading.parts:
        assert reading.unread == phrase


@given(
    st.lists(
        st.sampled_from(
            "trước ngày tháng năm quý hằng hàng định kỳ 6 sau khi đột xuất thường xuyên"
            " và hoặc , ( ) / . 30/10 27/02/2026 31/02/2026 2026 III 10 ngày kể từ từ đến"
            " làm việc trong thời hạn * cuối đầu giữa".split()
        )
    ).map(" ".join),
    st.none() | st.integers(1990, 2100),
)
def test_never_raises_on_near_phrases(phrase: str, year: int | None) -> None:
    reading = parse_phrase(phrase, year=year)
    assert reading.confident == (bool(reading.parts) and not reading.unread)


# --- every deadline phrase of the seeds and the corpus -----------------------------------

PHRASE_TABLE = tomllib.loads((Path(__file__).parent / "data" / "phrases.toml").read_text("utf-8"))


def _scheduled_dues(parts: list[Part], year: int) -> list[dt.date]:
    """Scheduled due dates of the plan's year and the next, as an imported plan holds them."""
    dues = []
    for raw in parts:
        part = part_from_dict(raw, where="test")
        dues += [o.due for o in part.occurrences(year, year + 1, (12, 31)) if o.due]
    return sorted(dues)


def test_the_table_holds_every_document_phrase() -> None:
    sources = {row["source"].split(":")[0] for row in PHRASE_TABLE["phrase"]}
    assert len(PHRASE_TABLE["phrase"]) >= 150
    assert len([s for s in sources if s.startswith("corpus/")]) == 11  # every plan of the corpus
    assert {"seeds/lao-cai-2026-bmnn-plan.txt", "seeds/law-implementation-plan-2026.txt"} <= sources


@pytest.mark.parametrize(
    "row",
    PHRASE_TABLE["phrase"],
    ids=[f"{r['source']}:{r['text'][:40]}" for r in PHRASE_TABLE["phrase"]],
)
def test_reads_document_phrase(row: dict[str, Any]) -> None:
    reading = parse_phrase(row["text"], year=row["year"])
    assert (reading.parts, reading.unread, reading.confident) == (row["parts"], "", True)
    assert _scheduled_dues(reading.parts, row["year"]) == row["due"]


@pytest.mark.parametrize(
    "row", PHRASE_TABLE["trap"], ids=[r["text"][:40] for r in PHRASE_TABLE["trap"]]
)
def test_trap_is_never_a_confident_deadline(row: dict[str, Any]) -> None:
    assert not parse_phrase(row["text"], year=row["year"]).confident


@pytest.mark.parametrize(
    "row", PHRASE_TABLE["unread"], ids=[r["text"][:40] for r in PHRASE_TABLE["unread"]]
)
def test_what_the_format_cannot_say_is_never_guessed(row: dict[str, Any]) -> None:
    reading = parse_phrase(row["text"], year=row["year"])
    assert not reading.confident and reading.unread
