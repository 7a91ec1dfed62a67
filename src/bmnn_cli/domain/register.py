"""A register of incoming documents (sổ công văn đến) as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from bmnn_cli.domain.planfile import read_text
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.text import fold, parse_date

REQUIRED = ("task", "agency", "date")
# About 450 000 rows of 45 bytes, many years of a province's incoming documents; a
# larger file is more likely a mistake. Recording it holds the write lock for well
# under a minute of CPU (150 000 rows: 13 s, benchmarks/register.py), inside the
# 10-minute wait of the writers queued behind it (store/db.py BUSY_TIMEOUT_MS).
MAX_BYTES = 20 * 1024 * 1024
OPTIONAL = ("ref", "note", "plan", "period")


@dataclass(frozen=True)
class RegisterRow:
    line: int
    task: str
    agency: str
    date: dt.date
    ref: str = ""
    note: str = ""
    plan: str | None = None
    period: str | None = None


# Column names as a Vietnamese register heads them, folded (no case, accents,
# spaces or punctuation): "Nhiệm vụ", "Cơ quan", "Ngày", "Số, ký hiệu" …
HEADINGS = {
    "nhiemvu": "task", "coquan": "agency", "donvi": "agency", "ngay": "date",
    "ngaygui": "date", "ngayvanban": "date", "sokyhieu": "ref", "so": "ref",
    "ghichu": "note", "kehoach": "plan", "ky": "period",
}  # fmt: skip


def _column(heading: str) -> str:
    """The column a heading names: its English name, or its Vietnamese one."""
    name = heading.strip().lower()
    return HEADINGS.get("".join(ch for ch in fold(name) if ch.isalnum()), name)


def _delimiter(text: str) -> str:
    """Comma, or the semicolon (or tab) that Excel uses where the decimal mark is a comma."""
    first = text.splitlines()[0] if text else ""
    return max((",", ";", "\t"), key=first.count)


def _refuse_controls(values: dict[str, str], path: Path, line: int) -> None:
    """A control character (ESC, BEL …) in a cell is no text: it would act on a terminal."""
    from bmnn_cli.text import control_character

    for column, value in values.items():
        found = control_character(value)
        if found is not None:
            where = t("err.hostile.csv_column", column=column)
            raise InputError(
                t("err.hostile.control_char", where=where, field=column, char=ord(found)),
                path=str(path),
                line=line,
            )


def read_register(path: Path) -> list[RegisterRow]:
    """Every row, or an InputError naming the first bad line."""
    text = read_text(path, limit=MAX_BYTES, too_big="err.input.register_too_big", kind="csv")
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
    header = [_column(h) for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            t(
                "err.input.csv_missing_columns",
                columns=", ".join(missing),
                header=", ".join(reader.fieldnames or []),
            ),
            path=str(path),
            line=1,
        )
    reader.fieldnames = header
    rows = []
    days: dict[str, dt.date] = {}
    for record in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in record.items() if k}
        _refuse_controls(values, path, line)
        for column in REQUIRED:
            if not values.get(column):
                raise InputError(
                    t("err.input.csv_empty_value", column=column), path=str(path), line=line
                )
        try:
            day = days.get(values["date"]) or days.setdefault(
                values["date"], parse_date(values["date"])
            )  # a register repeats its days
        except ValueError as error:
            raise InputError(str(error), path=str(path), line=line) from None
        rows.append(
            RegisterRow(
                line,
                values["task"],
                values["agency"],
                day,
                values.get("ref", ""),
                values.get("note", ""),
                values.get("plan") or None,
                values.get("period") or None,
            )  # fmt: skip
        )
    if not rows:
        raise InputError(t("err.input.csv_no_rows"), path=str(path))
    return rows
