"""Click's own frame around a usage error, in the language of the run.

Typer carries its own copy of Click, whose messages ("Usage:", "Try … for
help.", "Error: Invalid value for …") are English f-strings with no
translation hook. The one place errors are shown (`cli.app`) hands Click's
usage errors here; each known sentence is said again through the catalogue,
and whatever Click adds that is not known passes through unchanged (the
message of a `typer.BadParameter` we raise is ours, already translated).
"""

from __future__ import annotations

import re
from typing import Any

import typer

from bmnn_cli.i18n import t

# Click's sentences, most specific first; each group keeps its text.
_SENTENCES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Value error, (?P<rest>.*)", re.S), "click.as_is"),
    (re.compile(r"Input should be a valid integer.*", re.S), "click.not_integer"),
    (re.compile(r"Input should be a valid number.*", re.S), "click.not_number"),
    # the same two, as Click says them (Typer before 0.29 does not go through pydantic)
    (re.compile(r"'[^']*' is not a valid int(?:eger)?(?: range)?\.", re.S), "click.not_integer"),
    (re.compile(r"'[^']*' is not a valid float(?: range)?\.", re.S), "click.not_number"),
    (re.compile(r"an argument", re.S), "click.an_argument"),
    (re.compile(r"(?P<name>\d+) arguments", re.S), "click.n_arguments"),
    (re.compile(r"Invalid value for (?P<hint>.+?): (?P<rest>.*)", re.S), "click.invalid_for"),
    (re.compile(r"Invalid value: (?P<rest>.*)", re.S), "click.invalid"),
    (re.compile(r"No such option: (?P<name>\S+)(?: (?P<rest>.*))?", re.S), "click.no_option"),
    (re.compile(r"No such command (?P<name>.+?)\.(?: (?P<rest>.*))?", re.S), "click.no_command"),
    (re.compile(r"Missing option (?P<name>.+?)\.(?: (?P<rest>.*))?", re.S), "click.missing_option"),
    (re.compile(r"Missing argument (?P<name>.+?)\.(?: (?P<rest>.*))?", re.S), "click.missing_arg"),
    (re.compile(r"Missing parameter: (?P<name>.+)", re.S), "click.missing_param"),
    (re.compile(r"Got unexpected extra arguments? \((?P<name>.*)\)", re.S), "click.extra"),
    (re.compile(r"Option (?P<name>'[^']+') requires (?P<rest>.+?)\.?", re.S), "click.needs_value"),
    (re.compile(r"Option (?P<name>'[^']+') does not take a value\.", re.S), "click.no_value"),
    (re.compile(r"(?P<value>.+) is not one of (?P<rest>.+?)\.", re.S), "click.not_one_of"),
    (re.compile(r"Value (?P<value>.+) is not a valid (?P<rest>.+?)\.", re.S), "click.not_valid"),
    (re.compile(r"(?P<value>.+) is not a valid (?P<rest>.+?)\.", re.S), "click.not_valid"),
    (re.compile(r"\(Possible options: (?P<rest>.*)\)", re.S), "click.possible"),
    (re.compile(r"Did you mean (?P<rest>.+?)\?", re.S), "click.did_you_mean"),
]


def say(message: str) -> str:
    """One of Click's messages in the language of the run; unknown text unchanged."""
    for pattern, key in _SENTENCES:
        match = pattern.fullmatch(message.strip())
        if match is None:
            continue
        parts = {k: v or "" for k, v in match.groupdict().items()}
        if parts.get("rest") and key not in ("click.possible", "click.did_you_mean"):
            parts["rest"] = say(parts["rest"]) if parts["rest"] else ""
        return t(key, **parts).rstrip()
    for tail in (r"\. Did you mean .+\?", r" \(Possible options: .*\)"):  # a message + hint
        found = re.search(tail + "$", message)
        if found:
            return f"{say(message[: found.start() + 1].rstrip('.'))} {say(found[0].lstrip('. '))}"
    return message


def show_usage_error(error: Any) -> None:
    """Print a Click usage error as Click would, its frame in the language of the run."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage()
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            command, option = ctx.command_path, ctx.help_option_names[0]
            hint = t("click.try", command=command, option=option) + "\n"
        typer.echo(f"{usage.replace('Usage:', t('click.usage'), 1)}\n{hint}", err=True)
    typer.echo(t("click.error", message=say(error.format_message())), err=True)
