"""Names in Vietnamese order: Đ after D, ă and â after a, tones after letters."""

from __future__ import annotations

import csv
import io
import tomllib

import pytest

from bmnn_cli.text import vietnamese_key
from conftest import EXAMPLES, Cli, Db

COMMUNES = [
    agency["name"].removeprefix("Ủy ban nhân dân xã ")
    for agency in tomllib.loads((EXAMPLES / "lao-cai" / "agencies.toml").read_text())["agencies"]
    if agency["id"].startswith("xa-")
]


def in_order(names: list[str]) -> list[str]:
    return sorted(names, key=vietnamese_key)


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("Tà Xi Láng", "Trịnh Tường"),  # letters before tones: a < r
        ("Xuân Ái", "Xuân Quang"),
        ("Văn Bàn", "Võ Lao"),
        ("Dương Quỳ", "Đông Cuông"),  # Đ is its own letter, after D
        ("Đông Cuông", "Gia Hội"),
        ("Bát Xát", "Bắc Hà"),  # ă after a
        ("Lao Chải", "Lâm Giang"),  # â after a
        ("Cốc San", "Dền Sáng"),
        ("Bảo Hà", "Bảo Nhai"),  # a shorter word first
    ],
)
def test_pairs_of_real_communes(first: str, then: str) -> None:
    assert first in COMMUNES and then in COMMUNES
    assert in_order([then, first]) == [first, then]


@pytest.mark.no_database
def test_tones_in_dictionary_order() -> None:
    assert in_order(["ạ", "á", "ã", "ả", "à", "a", "ă", "â"]) == [
        "a",
        "à",
        "ả",
        "ã",
        "á",
        "ạ",
        "ă",
        "â",
    ]


@pytest.mark.no_database
def test_case_and_punctuation_do_not_decide() -> None:
    assert in_order(["sở tư pháp", "Sở Tài chính"]) == ["Sở Tài chính", "sở tư pháp"]
    assert in_order(["Sở, ban", "Sở Nội vụ"]) == ["Sở, ban", "Sở Nội vụ"]


@pytest.mark.no_database
def test_every_commune_of_the_registry_has_its_place() -> None:
    ordered = in_order(COMMUNES)
    firsts = [name[0] for name in ordered]
    assert firsts.index("Đ") > max(i for i, f in enumerate(firsts) if f == "D")
    assert len(set(map(vietnamese_key, COMMUNES))) == len(COMMUNES)


@pytest.mark.parametrize("fmt", ["md", "csv-vi"])
def test_overdue_lists_agencies_of_a_day_in_vietnamese_order(
    cli: Cli, lao_cai: Db, fmt: str
) -> None:
    if fmt == "md":
        table = cli("overdue", "--as-of", "2026-03-10", "-f", "md").splitlines()[2:]
        names = [line.split(" | ")[0].removeprefix("| ") for line in table if line.startswith("|")]
    else:
        text = cli("overdue", "--as-of", "2026-03-10", "-f", "csv", "--headers", "vi")
        names = [r["Cơ quan"] for r in csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))]
    scripts = list(
        csv.DictReader(io.StringIO(cli("overdue", "--as-of", "2026-03-10", "-f", "csv")))
    )
    assert sorted(names) == sorted(r["agency"] for r in scripts)  # the same rows
    assert names == in_order(names)
    assert names.index("Ủy ban nhân dân xã Đông Cuông") < names.index("Ủy ban nhân dân xã Gia Hội")
    assert names.index("Ủy ban nhân dân phường Yên Bái") < names.index(
        "Văn phòng Ủy ban nhân dân tỉnh"
    )
