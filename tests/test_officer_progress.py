"""Progress of long work: a bar on a terminal, nothing when piped or under cron."""

from __future__ import annotations

import io

import pytest

from bmnn_cli.progress import on_terminal, steps

pytestmark = pytest.mark.no_database  # the PostgreSQL run leaves these out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "xterm")
    assert on_terminal()
    with steps() as bar:
        bar.start(3, "Gửi thư nhắc")
        for _ in range(3):
            bar.advance()
    assert "Gửi thư nhắc" in screen.getvalue() and "3/3" in screen.getvalue()


def test_nothing_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    assert not on_terminal()
    with steps() as bar:
        bar.start(3, "Gửi thư nhắc")
        bar.advance()
    assert pipe.getvalue() == ""


def test_nothing_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not on_terminal()
