"""Tables an officer reads on a terminal: data shown as written, fitted to the width."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console

from bmnn_cli.render import Column, Format, Listing, render
from conftest import Cli, plan_text

BRACKETED = "Kế hoạch [theo mẫu] gửi về Công an tỉnh [/b] trước [bold]ngày[/bold]"


def terminal(width: int) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=width, color_system=None), out


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
