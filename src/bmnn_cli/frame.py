"""Click's own frame around a usage error and around the help, in the language of the run.

Typer carries its own copy of Click, whose messages ("Usage:", "Try … for
help.", "Error: Invalid value for …") are English f-strings with no
translation hook. The one place errors are shown (`cli.app`) hands Click's
usage errors here; each known sentence is said again through the catalogue,
and whatever Click adds that is not known passes through unchanged (the
message of a `typer.BadParameter` we raise is ours, already translated).

The help is written by the commands' own Click objects, built once (tests
reuse one across runs in both languages): the commands carry catalogue keys
(`messages.help`) as their help, and `translate_help` puts each key's text in
before every run, with a formatter that says Click's headings, usage prefix
and "[default: …]" through the catalogue too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

from bmnn_cli.i18n import MESSAGES, t

# Click's sentences, most specific first; each group keeps its text. They are those of
# the Click every Typer bmnn allows carries in `typer._click` (0.26 to 0.28; 0.26 says
# "integer" where the later say "int"), and pydantic's of Typer 0.29.
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
    (re.compile(r"Missing command\.", re.S), "click.missing_command"),
    (re.compile(r"Missing option (?P<name>.+?)\.(?: (?P<rest>.*))?", re.S), "click.missing_option"),
    (re.compile(r"Missing argument (?P<name>.+?)\.(?: (?P<rest>.*))?", re.S), "click.missing_arg"),
    (re.compile(r"Missing parameter: (?P<name>.+)", re.S), "click.missing_param"),
    (re.compile(r"Choose from:(?P<rest>.*)", re.S), "click.choose_from"),
    (
        re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<name>.*)\)", re.S),
        "click.extra",
    ),
    (re.compile(r"Option (?P<name>'[^']+') requires (?P<rest>.+?)\.?", re.S), "click.needs_value"),
    (re.compile(r"Option (?P<name>'[^']+') does not take a value\.", re.S), "click.no_value"),
    (
        re.compile(r"Argument (?P<name>'[^']+') takes (?P<count>\d+) values\.", re.S),
        "click.arg_takes",
    ),
    (re.compile(r"Takes (?P<count>\d+) values but (?P<value>\d+) given\.", re.S), "click.takes"),
    (
        re.compile(r"(?P<count>\d+) values are required, but (?P<value>\d+) given\.", re.S),
        "click.takes",
    ),
    (re.compile(r"Value must be an iterable\.", re.S), "click.not_iterable"),
    (re.compile(r"Could not open file (?P<name>.+?): (?P<rest>.*)", re.S), "click.file_open"),
    (re.compile(r"unknown error", re.S), "click.unknown_error"),
    (re.compile(r"(?P<value>.+) is not in the range (?P<rest>.+?)\.", re.S), "click.not_in_range"),
    (
        re.compile(r"(?P<value>.+) is not a valid boolean\. Recognized values: (?P<rest>.*)", re.S),
        "click.not_boolean",
    ),
    (
        re.compile(r"(?P<value>.+) does not match the formats? (?P<rest>.+?)\.", re.S),
        "click.not_date_format",
    ),
    (re.compile(r"(?P<value>.+) is not one of (?P<rest>.+?)\.", re.S), "click.not_one_of"),
    (re.compile(r"Value (?P<value>.+) is not a valid (?P<rest>.+?)\.", re.S), "click.not_valid"),
    (re.compile(r"(?P<value>.+) is not a valid (?P<rest>.+?)\.", re.S), "click.not_valid"),
    (re.compile(r"\(Possible options: (?P<rest>.*)\)", re.S), "click.possible"),
    (re.compile(r"Did you mean (?P<rest>.+?)\?", re.S), "click.did_you_mean"),
]
# Sentences whose `rest` is Click's data (names, values), not another sentence.
_DATA = (
    "click.possible", "click.did_you_mean", "click.choose_from", "click.not_in_range",
    "click.not_boolean", "click.not_date_format", "click.not_one_of", "click.not_valid",
)  # fmt: skip


_RANGES = [
    (re.compile(r"(?P<low>-?[\d.]+)<=x<=(?P<high>-?[\d.]+)"), "click.range.between"),
    (re.compile(r"x>=(?P<low>-?[\d.]+)"), "click.range.from"),
    (re.compile(r"x>(?P<low>-?[\d.]+)"), "click.range.above"),
    (re.compile(r"x<=(?P<high>-?[\d.]+)"), "click.range.to"),
    (re.compile(r"x<(?P<high>-?[\d.]+)"), "click.range.below"),
]


def range_words(text: str) -> str:
    """Click's range ("x>=1", "1900<=x<=2200") in words of the run; another shape unchanged."""
    for pattern, key in _RANGES:
        found = pattern.fullmatch(text.strip())
        if found:
            return t(key, **found.groupdict())
    return text


def say(message: str) -> str:
    """One of Click's messages in the language of the run; unknown text unchanged."""
    for pattern, key in _SENTENCES:
        match = pattern.fullmatch(message.strip())
        if match is None:
            continue
        parts = {k: v or "" for k, v in match.groupdict().items()}
        if parts.get("rest") and key not in _DATA:
            parts["rest"] = say(parts["rest"]) if parts["rest"] else ""
        if key == "click.not_in_range":
            parts["rest"] = range_words(parts["rest"])
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


# -- the help ------------------------------------------------------------------------

_HEADINGS = {
    "Options": "help.frame.options",
    "Arguments": "help.frame.arguments",
    "Commands": "help.frame.commands",
}
_EXTRAS = [
    (re.compile(r"default: (?P<default>.*)", re.S), "help.frame.default"),
    (re.compile(r"required"), "help.frame.required"),
    (re.compile(r"env var: (?P<var>.*)", re.S), "help.frame.env_var"),
]
_RANGE_EXTRA = re.compile(r"(?:-?[\d.]+<=?)?x(?:[<>]=?-?[\d.]+)")
_KINDS = re.compile(
    r"<(str|path|file|int|float|int range|float range)>"
)  # Typer's names of a value's type (0.27 on)
_OLD_KINDS = re.compile(r"(?<= )(TEXT|INTEGER RANGE|INTEGER|FLOAT RANGE|FLOAT|FILE|PATH)$")  # 0.26
_OLD_NAMES = {"TEXT": "str", "INTEGER": "int", "FLOAT": "float", "FILE": "file", "PATH": "path"}
_EXTRA = re.compile(r"(?P<help>.*?)(?P<gap>\s*)\[(?P<extra>[^\[\]]*)\]", re.S)


class Formatter(HelpFormatter):
    """Click's formatter, with the words it adds said in the language of the run."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{t('click.usage')} " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(t(_HEADINGS[name]) if name in _HEADINGS else name):
            yield

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [
            (_OLD_KINDS.sub(_old_kind, _KINDS.sub(_kind, term)), _said(text)) for term, text in rows
        ]
        super().write_dl(rows, col_max, col_spacing)


def _kind(found: re.Match[str]) -> str:
    kind = found[1].replace(" ", "_")
    return f"<{t(f'help.frame.kind.{kind}')}>"


def _old_kind(found: re.Match[str]) -> str:
    words = found[1].split(" ")
    kind = "_".join([_OLD_NAMES[words[0]], *(w.lower() for w in words[1:])])
    return f"<{t(f'help.frame.kind.{kind}')}>"


def _said(text: str) -> str:
    """An option's help with Click's "Show this message…" and "[default: …]" translated."""
    if text == "Show this message and exit.":
        return t("help.frame.help_option")
    found = _EXTRA.fullmatch(text)
    if found is None:
        return text
    parts = []
    for part in found["extra"].split("; "):
        for pattern, key in _EXTRAS:
            match = pattern.fullmatch(part)
            if match:
                part = t(key, **match.groupdict())
                break
        else:
            if _RANGE_EXTRA.fullmatch(part):
                part = range_words(part)
        parts.append(part)
    return f"{_said(found['help'])}{found['gap']}[{'; '.join(parts)}]"


class HelpContext(Context):
    """A Click context whose help is written by `Formatter`."""

    formatter_class = Formatter


def translate_help(command: Any) -> None:
    """Put the help of `command`, its parameters and its subcommands in the language of the run.

    The first time, each help that is a catalogue key is kept aside as the key;
    every time, the text is that key's in the current language.
    """
    command.context_class = HelpContext
    command.options_metavar = t("help.frame.options_metavar")
    if hasattr(command, "subcommand_metavar"):
        command.subcommand_metavar = t("help.frame.subcommand_metavar")
    for item in (command, *command.params):
        key = getattr(item, "bmnn_help_key", None) or item.help
        if key in MESSAGES:
            item.bmnn_help_key, item.help = key, t(key)
        meta = getattr(item, "bmnn_meta_key", None) or getattr(item, "metavar", None)
        if meta in MESSAGES:
            item.bmnn_meta_key, item.metavar = meta, t(meta)
    for sub in getattr(command, "commands", {}).values():
        translate_help(sub)
