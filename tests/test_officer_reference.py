"""docs/cli.md matches the commands' help: regenerate it with python -m bmnn_cli.reference."""

from __future__ import annotations

import pytest

from bmnn_cli.reference import markdown
from conftest import ROOT

pytestmark = pytest.mark.no_database  # the PostgreSQL run leaves these out


def test_cli_reference_matches_the_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # the terminal does not shape the reference
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == markdown().rstrip("\n") + "\n", (
        "docs/cli.md is out of date: python -m bmnn_cli.reference docs/cli.md"
    )


def test_cli_reference_has_every_command() -> None:
    from bmnn_cli.cli.app import app

    text = markdown()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"## bmnn {name}\n" in text, name
