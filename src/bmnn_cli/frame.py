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
# "integer" where the later say "int"), and pydantic's of Typer 0.29. Patterns here and
# below are kept as text, compiled (and cached by `re`) when a usage error or a help
# first needs them: compiling them all would cost every run, most of which need none.
_SENTENCES: list[tuple[str, str]] = [
    (r"Value error, (?P<rest>.*)", "click.as_is"),
    (r"Input should be a valid integer.*", "click.not_integer"),
    (r"Input should be a valid number.*", "click.not_number"),
    # the same two, as Click says them (Typer before 0.29 does not go through pydantic)
    (r"'[^']*' is not a valid int(?:eger)?(?: range)?\.", "click.not_integer"),
    (r"'[^']*' is not a valid float(?: range)?\.", "click.not_number"),
    (r"an argument", "click.an_argument"),
    (r"(?P<name>\d+) arguments", "click.n_arguments"),
    (r"Invalid value for (?P<hint>.+?): (?P<rest>.*)", "click.invalid_for"),
    (r"Invalid value: (?P<rest>.*)", "click.invalid"),
    (r"No such option: (?P<name>\S+)(?: (?P<rest>.*))?", "click.no_option"),
    (r"No such command (?P<name>.+?)\.(?: (?P<rest>.*))?", "click.no_command"),
    (r"Missing command\.", "click.missing_command"),
    (r"Missing option (?P<name>.+?)\.(?: (?P<rest>.*))?", "click.missing_option"),
    (r"Missing argument (?P<name>.+?)\.(?: (?P<rest>.*))?", "click.missing_arg"),
    (r"Missing parameter: (?P<name>.+)", "click.missing_param"),
    (r"Choose from:(?P<rest>.*)", "click.choose_from"),
    (
        r"Got unexpected extra arguments?(?:\(s\))? \((?P<name>.*)\)",
        "click.extra",
    ),
    (r"Option (?P<name>'[^']+') requires (?P<rest>.+?)\.?", "click.needs_value"),
    (r"Option (?P<name>'[^']+') does not take a value\.", "click.no_value"),
    (
        r"Argument (?P<name>'[^']+') takes (?P<count>\d+) values\.",
        "click.arg_takes",
    ),
    (r"Takes (?P<count>\d+) values but (?P<value>\d+) given\.", "click.takes"),
    (
        r"(?P<count>\d+) values are required, but (?P<value>\d+) given\.",
        "click.takes",
    ),
    (r"Value must be an iterable\.", "click.not_iterable"),
    (r"Could not open file (?P<name>.+?): (?P<rest>.*)", "click.file_open"),
    # a path option's checks (`typer.Option(dir_okay=False, ...)`): "File 'w/' is a directory."
    (r"(?P<kind>File|Directory|Path) (?P<name>'.*') does not exist\.", "click.path_missing"),
    (r"(?P<kind>File|Directory|Path) (?P<name>'.*') is a file\.", "click.path_is_file"),
    (r"(?P<kind>File|Directory|Path) (?P<name>'.*') is a directory\.", "click.path_is_folder"),
    (
        r"(?P<kind>File|Directory|Path) (?P<name>'.*') is not"
        r" (?P<what>readable|writable|executable)\.",
        "click.path_cannot",
    ),
    (r"unknown error", "click.unknown_error"),
    (r"(?P<value>.+) is not in the range (?P<rest>.+?)\.", "click.not_in_range"),
    (
        r"(?P<value>.+) is not a valid boolean\. Recognized values: (?P<rest>.*)",
        "click.not_boolean",
    ),
    (
        r"(?P<value>.+) does not match the formats? (?P<rest>.+?)\.",
        "click.not_date_format",
    ),
    (r"(?P<value>.+) is not one of (?P<rest>.+?)\.", "click.not_one_of"),
    (r"Value (?P<value>.+) is not a valid (?P<rest>.+?)\.", "click.not_valid"),
    (r"(?P<value>.+) is not a valid (?P<rest>.+?)\.", "click.not_valid"),
    (r"\(Possible options: (?P<rest>.*)\)", "click.possible"),
    (r"Did you mean (?P<rest>.+?)\?", "click.did_you_mean"),
]
# Sentences whose `rest` is Click's data (names, values), not another sentence.
_DATA = (
    "click.possible", "click.did_you_mean", "click.choose_from", "click.not_in_range",
    "click.not_boolean", "click.not_date_format", "click.not_one_of", "click.not_valid",
)  # fmt: skip


_RANGES = [
    (r"(?P<low>-?[\d.]+)<=x<=(?P<high>-?[\d.]+)", "click.range.between"),
    (r"x>=(?P<low>-?[\d.]+)", "click.range.from"),
    (r"x>(?P<low>-?[\d.]+)", "click.range.above"),
    (r"x<=(?P<high>-?[\d.]+)", "click.range.to"),
    (r"x<(?P<high>-?[\d.]+)", "click.range.below"),
]


def range_words(text: str) -> str:
    """Click's range ("x>=1", "1900<=x<=2200") in words of the run; another shape unchanged."""
    for pattern, key in _RANGES:
        found = re.fullmatch(pattern, text.strip())
        if found:
            return t(key, **found.groupdict())
    return text


def say(message: str) -> str:
    """One of Click's messages in the language of the run; unknown text unchanged."""
    for pattern, key in _SENTENCES:
        match = re.fullmatch(pattern, message.strip(), re.S)
        if match is None:
            continue
        parts = {k: v or "" for k, v in match.groupdict().items()}
        if parts.get("rest") and key not in _DATA:
            parts["rest"] = say(parts["rest"]) if parts["rest"] else ""
        if key == "click.not_in_range":
            parts["rest"] = range_words(parts["rest"])
        if "kind" in parts:  # File, Directory, Path: the kind of path an option takes
            parts["kind"] = t(f"click.kind.{parts['kind'].lower()}")
        if "what" in parts:
            parts["what"] = t(f"click.can.{parts['what']}")
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
    (r"default: (?P<default>.*)", "help.frame.default"),
    (r"required", "help.frame.required"),
    (r"env var: (?P<var>.*)", "help.frame.env_var"),
]
_RANGE_EXTRA = r"(?:-?[\d.]+<=?)?x(?:[<>]=?-?[\d.]+)"
_KINDS = r"<(str|path|file|int|float|int range|float range)>"  # a value's kind (Typer 0.27 on)
_OLD_KINDS = r"(?<= )(TEXT|INTEGER RANGE|INTEGER|FLOAT RANGE|FLOAT|FILE|PATH)$"  # 0.26
_OLD_NAMES = {"TEXT": "str", "INTEGER": "int", "FLOAT": "float", "FILE": "file", "PATH": "path"}
_EXTRA = r"(?P<help>.*?)(?P<gap>\s*)\[(?P<extra>[^\[\]]*)\]"


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
            (re.sub(_OLD_KINDS, _old_kind, re.sub(_KINDS, _kind, term)), _said(text))
            for term, text in rows
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
    found = re.fullmatch(_EXTRA, text, re.S)
    if found is None:
        return text
    parts = []
    for part in found["extra"].split("; "):
        for pattern, key in _EXTRAS:
            match = re.fullmatch(pattern, part, re.S)
            if match:
                part = t(key, **match.groupdict())
                break
        else:
            if re.fullmatch(_RANGE_EXTRA, part):
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
