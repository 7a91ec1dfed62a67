"""`--help` speaks the language of the run: Vietnamese by default, English on request.

Every command's help, each option's and argument's, and the words Click writes
around them (usage prefix, headings, "[default: …]", "Show this message and
exit.") come from the catalogue (bmnn_cli/messages/help.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import typer.main

from bmnn_cli import i18n
from bmnn_cli.cli.app import app
from bmnn_cli.i18n import MESSAGES
from conftest import Cli

# What Click and Typer write around the help in English.
FRAME_WORDS = re.compile(
    r"Usage:|\bOptions\b|\bCommands\b|\bArguments\b|Show this message|\[default:|"
    r"\brequired\]|\benv var\b|\[OPTIONS\]|COMMAND \[ARGS\]|<(?:str|path|file|int)(?: range)?>|"
    r"\bDATE\b|\bFORMAT\b|\bDIR\b|"
    r"\b(?:TEXT|INTEGER|FLOAT|PATH)\b|\bx[<>]=?-?\d|"  # Typer 0.26's kinds; Click's ranges
    r"\b(?:FILE|DOCUMENT|PLAN|TASK|AGENCY|YEAR|PHRASE|SHELL|NAME)\b|\{[a-z_]+\}"  # arguments
)
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

pytestmark = pytest.mark.no_database  # help and usage errors open no database


def flat(text: str) -> str:
    """Text with its wrapping undone, to find a help text in a wrapped --help."""
    return " ".join(text.split())


def tree() -> Any:
    """The Click command as `bmnn` runs it, built by the CliRunner's (cached) path."""
    import typer.testing

    build = getattr(typer.testing, "_get_command", typer.main.get_command)
    return build(app)


def keys_shown(command: Any) -> list[str]:
    """The catalogue keys of a command's help and of its options' and arguments'."""
    items = [command, *command.params]
    return [item.bmnn_help_key for item in items if getattr(item, "bmnn_help_key", None)]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_every_help_reads_in_vietnamese_by_default(cli: Cli, name: str) -> None:
    """No English from Click's frame, and every text of the page is the Vietnamese one."""
    words = [name, "--help"] if name else ["--help"]
    shown = cli(*words)
    assert shown.startswith(f"Cách dùng: bmnn {name}".rstrip() + " "), shown[:60]
    assert "Tùy chọn:" in shown and "Xem hướng dẫn này rồi thoát." in shown
    assert FRAME_WORDS.findall(shown) == [], shown
    command = tree()
    if name:
        command = command.commands[name]
    missing = [key for key in keys_shown(command) if flat(MESSAGES[key][0]) not in flat(shown)]
    assert missing == []
    english = [
        key
        for key in keys_shown(command)
        if len(MESSAGES[key][1]) > 12 and flat(MESSAGES[key][1]) in flat(shown)
    ]
    assert english == []


def test_every_help_text_comes_from_the_catalogue_in_two_languages(cli: Cli) -> None:
    """Each command, option and argument carries a help key; none reads the same in both."""
    cli("--help")  # a run puts the texts in
    root = tree()
    unkeyed = [
        f"{name}.{param.name}"
        for name, command in [("bmnn", root), *root.commands.items()]
        for param in [command, *command.params]
        if param.help and not getattr(param, "bmnn_help_key", None)
    ]
    assert unkeyed == []
    unnamed = [  # an argument's name shows in the usage line and in Click's errors
        f"{name} {param.name}"
        for name, command in root.commands.items()
        for param in command.params
        if param.param_type_name == "argument" and not getattr(param, "bmnn_meta_key", None)
    ]
    assert unnamed == []
    same = [
        key
        for key, (vi, en) in MESSAGES.items()
        if key.startswith("help.") and vi == en and not key.startswith("help.frame.kind.")
    ]
    assert same == []


@pytest.mark.parametrize(
    ("words", "environment"),
    [
        (["--lang", "en", "submit", "--help"], {}),
        (["submit", "--lang", "en", "--help"], {}),
        (["submit", "--help", "--lang=en"], {}),
        (["submit", "--help"], {"BMNN_LANG": "en"}),
    ],
)
def test_lang_en_gives_english_help_before_or_after_the_command(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, words: list[str], environment: dict[str, str]
) -> None:
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    shown = cli(*words)
    assert shown.startswith("Usage: bmnn submit [OPTIONS]")
    assert "Options:" in shown and "Show this message and exit." in shown
    assert "--date DATE" in shown and "--ref <str>" in shown
    assert flat(MESSAGES["help.submit"][1]) in flat(shown)
    assert flat(MESSAGES["help.submit.agency"][1]) in flat(shown)
    assert "Cách dùng" not in shown and "Tùy chọn" not in shown


def test_english_help_keeps_clicks_default_and_required_marks(cli: Cli) -> None:
    shown = cli("--lang", "en", "import", "--help")
    assert "Arguments:" in shown and "[required]" in shown
    assert "[default: table]" in cli("--lang", "en", "plans", "--help")
    vietnamese = cli("import", "--help")
    assert "Tham số:" in vietnamese and "[bắt buộc]" in vietnamese
    assert "[mặc định: table]" in cli("plans", "--help")


def test_one_built_command_answers_in_each_language_in_turn(cli: Cli) -> None:
    """The tests (and any caller) reuse one built command: each run says its own language."""
    first = cli("due", "--help")
    english = cli("--lang", "en", "due", "--help")
    again = cli("due", "--help")
    assert first == again and first != english
    assert "Xem trước bao xa" in first and "How far ahead" in english


def test_the_language_after_the_command_applies_to_the_whole_run(cli: Cli) -> None:
    """`--lang` typed after the command is `bmnn`'s, for the errors too."""
    err = cli.fail("overdue", "--lang", "en", "--bye", code=2, lang="vi")
    assert "No such option: --bye" in err and "Usage: bmnn overdue" in err


def test_a_usage_error_shows_a_vietnamese_usage_line(cli: Cli) -> None:
    err = cli.fail("show", code=2, lang="vi")
    assert err.startswith("Cách dùng: bmnn show [TÙY CHỌN] {NHIỆM_VỤ}")


def test_help_in_a_real_process_is_vietnamese_and_english_on_request() -> None:
    """Through the installed entry point, as an officer types it."""
    run = [sys.executable, "-m", "bmnn_cli"]
    done = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("Cách dùng: bmnn [TÙY CHỌN] LỆNH")
    assert FRAME_WORDS.findall(done.stdout) == []
    english = subprocess.run(
        [*run, "report", "--help", "--lang", "en"], capture_output=True, text=True, timeout=60
    )
    assert english.returncode == 0 and english.stdout.startswith("Usage: bmnn report [OPTIONS]")


def test_the_language_is_left_as_it_was_after_the_reference_is_made() -> None:
    from bmnn_cli.reference import markdown

    i18n.set_language("en")
    try:
        assert markdown("vi").startswith("# Tra cứu lệnh bmnn")
        assert i18n.language() == "en"
    finally:
        i18n.set_language("vi")
