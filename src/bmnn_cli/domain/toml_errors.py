"""tomllib's syntax errors in the language of the run, with their line and column.

tomllib speaks English only; its reasons are matched against the English side
of `messages/toml.py` and said again through the catalogue.
"""

from __future__ import annotations

import re
import tomllib

from bmnn_cli.i18n import t

_TOML_WHERE = re.compile(
    r"(?P<reason>.*) \((?:at line (?P<line>\d+), column (?P<column>\d+)"
    r"|(?P<end>at end of document))\)"
)


def _toml_reasons() -> list[tuple[str, re.Pattern[str]]]:
    """tomllib's reasons, read from the English side of messages/toml.py ({name} = any)."""
    from bmnn_cli.messages.toml import MESSAGES

    name = re.escape("{name}")
    return [
        (key, re.compile(re.escape(english).replace(name, "(?P<name>.+)")))
        for key, (_, english) in MESSAGES.items()
    ]


def _toml_name(text: str) -> str:
    """A key as tomllib shows it, ('plan', 'id'), as the file writes it: plan.id."""
    import ast

    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return ".".join(map(str, parts)) if isinstance(parts, tuple) else text


def toml_error(error: tomllib.TOMLDecodeError) -> str:
    """tomllib's message in the language of the run, with its line and column."""
    where = _TOML_WHERE.fullmatch(str(error))
    if where is None:
        return t("err.input.toml_malformed", error=error)
    reason = where["reason"]
    for key, pattern in _toml_reasons():
        match = pattern.fullmatch(reason)
        if match:
            reason = t(key, **{k: _toml_name(v) for k, v in match.groupdict().items()})
            break
    if where["end"]:
        return t("err.input.toml_at_end", reason=reason)
    return t("err.input.toml_at", reason=reason, line=where["line"], column=where["column"])
