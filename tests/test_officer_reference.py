"""docs/cli.md (Vietnamese) and docs/cli.en.md (English) match the commands' help.

Regenerate both with python -m bmnn_cli.reference docs/cli.md.
"""

from __future__ import annotations

import pytest

from bmnn_cli.reference import markdown
from conftest import ROOT

pytestmark = pytest.mark.no_database  # the PostgreSQL run leaves these out


@pytest.mark.parametrize(("name", "language"), [("cli.md", "vi"), ("cli.en.md", "en")])
def test_cli_reference_matches_the_help(
    monkeypatch: pytest.MonkeyPatch, name: str, language: str
) -> None:
    monkeypatch.setenv("COLUMNS", "40")  # the terminal does not shape the reference
    written = (ROOT / "docs" / name).read_text(encoding="utf-8")
    assert written == markdown(language).rstrip("\n") + "\n", (
        f"docs/{name} is out of date: python -m bmnn_cli.reference docs/cli.md"
    )


def test_the_reference_is_vietnamese_and_its_english_sibling_english() -> None:
    vietnamese = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    english = (ROOT / "docs" / "cli.en.md").read_text(encoding="utf-8")
    assert "Cách dùng: bmnn submit [TÙY CHỌN]" in vietnamese and "Usage:" not in vietnamese
    assert "Usage: bmnn submit [OPTIONS]" in english and "Cách dùng" not in english


def test_cli_reference_has_every_command() -> None:
    from bmnn_cli.cli.app import app

    text = markdown()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"## bmnn {name}\n" in text, name
