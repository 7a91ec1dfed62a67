"""Typed access to one table of a plan file, with messages that say where.

Each wrong value is refused with the table it sits in ("[[agencies]] #3",
"task I.2") and, when the file shows it, its line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from typing import Any

from bmnn_cli.domain.specs import PlanFile
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t
from bmnn_cli.text import clean, did_you_mean

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class Table:
    """Typed access to a TOML table, with messages that say where."""

    def __init__(
        self, file: PlanFile, table: Mapping[str, Any], where: str, allowed: tuple[str, ...]
    ):
        self.file, self.table, self.where = file, table, where
        for key in table:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                more = did_you_mean(hint)
                self.fail(t("err.input.unknown_key", where=where, field=key, hint=more), key)

    def fail(self, message: str, value: str | None = None) -> None:
        line = self.file.line_of(value) if value else None
        if line is None and value:
            line = line_of_key(self.file.text, value)
        raise InputError(message, path=self.file.path, line=line)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(t("err.input.missing_field", where=self.where, field=key))
            return default
        if not isinstance(value, str):
            self.fail(t("err.input.not_text", where=self.where, field=key, value=value), key)
        self.refuse_controls(key, value)
        cleaned = clean(str(value))
        if required and not cleaned:
            self.fail(t("err.input.empty_field", where=self.where, field=key), key)
        return cleaned

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not _SLUG.match(value):
            self.fail(t("err.input.not_slug", where=self.where, field=key, value=value), value)
        return value

    def integer(self, key: str, *, required: bool = True) -> int | None:
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(t("err.input.missing_field", where=self.where, field=key))
            return None
        if type(value) is not int:
            self.fail(t("err.input.not_integer", where=self.where, field=key, value=value), key)
        return int(value)

    def date(self, key: str) -> dt.date | None:
        value = self.table.get(key)
        if value is None:
            return None
        if type(value) is not dt.date:
            self.fail(t("err.input.not_date", where=self.where, field=key, value=value), key)
        return value

    def dates(self, key: str) -> list[dt.date]:
        values = self.table.get(key, [])
        if not isinstance(values, list) or any(type(v) is not dt.date for v in values):
            self.fail(t("err.input.not_dates", where=self.where, field=key), key)
        return list(values)

    def texts(self, key: str) -> list[str]:
        values = self.table.get(key, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or any(not isinstance(v, str) for v in values):
            self.fail(t("err.input.not_texts", where=self.where, field=key), key)
        for value in values:
            self.refuse_controls(key, value)
        return [clean(v) for v in values if clean(v)]

    def refuse_controls(self, key: str, value: str) -> None:
        """A control character (ESC, BEL …) is no text: it would act on the terminal."""
        from bmnn_cli.text import control_character

        found = control_character(value)
        if found is not None:
            self.fail(
                t("err.hostile.control_char", where=self.where, field=key, char=ord(found)), key
            )

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(key, required=default is None, default=default or "")
        if value not in choices:
            self.fail(
                t(
                    "err.input.not_a_choice",
                    where=self.where,
                    field=key,
                    value=value,
                    choices=", ".join(choices),
                ),
                value,
            )
        return value

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        values = self.table.get(key, [])
        if not isinstance(values, list) or any(not isinstance(v, dict) for v in values):
            self.fail(t("err.input.not_tables", where=self.where, field=key), key)
        return list(values)


def line_of_key(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
