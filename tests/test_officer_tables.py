"""Tables an officer reads on a terminal: data shown as written, fitted to the width."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import IO

import pytest
from rich.console import Console

from bmnn_cli.render import Column, Format, Listing, render
from conftest import LAO_CAI, Cli, Templates, plan_text

BRACKETED = "Kế hoạch [theo mẫu] gửi về Công an tỉnh [/b] trước [bold]ngày[/bold]"


def terminal(width: int) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=width, color_system=None), out


@pytest.mark.no_database
def test_cell_text_is_never_read_as_markup() -> None:
    console, out = terminal(200)
    columns = [Column("title", "col.title"), Column("due", "col.due", "date")]
    rows = [{"title": BRACKETED, "due": dt.date(2026, 2, 27)}]
    render(Listing(columns, rows, title="[red]KH[/red]"), Format.table, console=console)
    shown = out.getvalue()
    assert "[theo mẫu]" in shown and "[/b]" in shown and "[bold]ngày[/bold]" in shown
    assert "[red]KH[/red]" in shown


@pytest.fixture
def bracketed_plan(cli: Cli, tmp_path: Path) -> Path:
    tasks = f'''
[[tasks]]
id = "IV.1.a"
title = "{BRACKETED}"
lead = ["so-tu-phap"]
deliverable = "plan"
deadline = "trước ngày 27/02/2026 [/b]"
[[tasks.schedule]]
kind = "fixed"
date = 2026-02-27
'''
    path = tmp_path / "plan.toml"
    path.write_text(plan_text(tasks), encoding="utf-8")
    cli("import", str(path))
    return path


def test_overdue_on_a_terminal_shows_brackets_of_a_title(
    cli: Cli, bracketed_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bmnn_cli.render._isatty", lambda out: True)
    monkeypatch.setenv("COLUMNS", "200")
    out = cli("overdue", "--as-of", "2026-03-10")
    assert "[theo mẫu]" in out and "[/b]" in out


# -- tables that fit ------------------------------------------------------------------

WIDTHS = (80, 120, 200)
AS_OF = "2026-03-10"
LISTINGS = {
    "overdue": ["overdue", "--as-of", AS_OF],
    "due": ["due", "--within", "60d", "--as-of", AS_OF],
    "status": ["status", "--as-of", AS_OF],
    "status-group": ["status", "--group", "so-ban-nganh", "--as-of", AS_OF],
    "report": ["report", "--quarter", "1", "--year", "2026", "--as-of", AS_OF],
    "tasks": ["tasks"],
    "plans": ["plans"],
    "agencies": ["agencies"],
    "show": ["show", "IV.1.b", "--as-of", AS_OF],
    "log": ["log"],
    "submissions": ["submissions"],
    "agency": ["agency", "so-tu-phap", "--as-of", AS_OF],
    "today": ["today", "--as-of", "2026-02-22"],
}


RECORDED = (
    ("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--ref", "12/KH-STP",
     "--as-of", AS_OF),
    ("waive", "-t", "IV.1.a", "-a", "so noi vu", "--reason", "sáp nhập", "--as-of", AS_OF),
    ("request", "-t", "IV.1.b", "--due", "2026-03-31", "--ref", "5/CAT-PA03", "--as-of", AS_OF),
)  # fmt: skip


@pytest.fixture
def recorded(templates: Templates, db: Path) -> Path:
    """The Lào Cai example with a submission, a waiver and a request on record."""
    templates.copy((LAO_CAI,), db, then=RECORDED)
    return db


def on_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    """What `bmnn ARGS` draws on a terminal `width` cells wide."""

    def console(out: IO[str]) -> Console:
        return Console(file=out, force_terminal=True, width=width, color_system=None)

    with monkeypatch.context() as patch:
        patch.setattr("bmnn_cli.render._isatty", lambda out: True)
        patch.setattr("bmnn_cli.render.table.terminal", console)
        return cli(*args)


def words_of(text: str) -> set[str]:
    """Words without the punctuation next to them: "sở," and "sở" are one word."""
    return {word.strip(";:,()") for word in text.split()}


def catalogue_words() -> set[str]:
    """Words the fitted tables add: short headers and the note on columns left out."""
    from bmnn_cli.i18n import MESSAGES

    found: set[str] = set()
    for key, (vi, en) in MESSAGES.items():
        if key.startswith("col.") or key == "table.hidden":
            found |= words_of(vi.replace("{columns}", "")) | words_of(en)
    return found


def assert_fits(drawn: str, width: int, whole: str) -> None:
    """No line wider than the terminal, and no word, id, date or number broken.

    Every word drawn is a word of the whole text (the same listing, not
    fitted), or the start of one cut with "…"; a word broken across lines
    would leave pieces that are neither.
    """
    from rich.cells import cell_len

    known = words_of(whole) | catalogue_words()
    for line in drawn.splitlines():
        assert cell_len(line) <= width, (width, line)
        for word in line.split():
            word = word.strip(";:,()")
            if not word or set(word) <= set("━-") or word in known:
                continue
            assert word.endswith("…"), (width, word, line)
            stem = word[:-1].rstrip(";:,()")
            assert not stem or any(k.startswith(stem) for k in known), (width, word, line)


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_every_listing_fits_80_120_and_200_columns(
    cli: Cli, recorded: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    args = LISTINGS[name]
    whole = cli(*args)  # not a terminal: plain text, every column whole
    for width in WIDTHS:
        assert_fits(on_terminal(cli, monkeypatch, width, *args), width, whole)


def test_a_narrow_overdue_keeps_agency_task_due_date_and_days_late(
    cli: Cli, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    rows = json.loads(cli("overdue", "--as-of", AS_OF, "-f", "json"))
    drawn = on_terminal(cli, monkeypatch, 80, "overdue", "--as-of", AS_OF)
    lines = drawn.splitlines()
    assert len(lines) < 2.5 * len(rows)  # an agency's name takes at most two lines
    for row in rows:
        assert row["task"] in drawn
    assert "27/02/2026" in drawn and " 11" in drawn  # the due date and the days late
    assert "Trễ: Số ngày quá hạn" in drawn  # the legend of a short header
    assert "Kế hoạch" in lines[-1] and "--wide" in lines[-1]  # what was left out


def test_wide_shows_every_column_whole(
    cli: Cli, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = on_terminal(cli, monkeypatch, 80, "overdue", "--as-of", AS_OF, "--wide")
    assert "lao-cai-bmnn-2026" in drawn and "Thời hạn (văn bản)" in drawn
    assert "trước ngày 27/02/2026" in drawn and "--wide" not in drawn


def test_no_color_on_a_terminal_draws_no_boxes_and_no_escapes(
    cli: Cli, recorded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr("bmnn_cli.render._isatty", lambda out: True)
    drawn = cli("status", "--as-of", AS_OF)
    assert "\x1b" not in drawn and "━" not in drawn
    assert drawn.splitlines()[1].startswith("----")
    assert max(len(line) for line in drawn.splitlines()) <= 80


def test_overdue_in_a_real_pseudo_terminal_fits_80_columns(cli: Cli, recorded: Path) -> None:
    """The installed command, its stdout a pty 80 columns wide: Rich finds the width itself."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "bmnn_cli", "overdue", "--as-of", AS_OF],
        stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, env={**env, "TERM": "xterm"},
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0
    drawn = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    import re

    plain = re.sub(r"\x1b\[[0-9;]*m", "", drawn)
    assert "\x1b[" in drawn  # a terminal: Rich styled it
    assert_fits(plain, 80, cli("overdue", "--as-of", AS_OF))
    assert "Ủy ban nhân dân" in plain and "IV.1.a" in plain
