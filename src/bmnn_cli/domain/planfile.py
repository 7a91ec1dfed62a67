"""Reading plan and registry files (TOML).

The format is documented in docs/plan-format.md. Reading refuses what is
not a plan file (too big, binary, not UTF-8, a document as issued, marked
classified), translates TOML syntax errors (`domain.toml_errors`) and hands
the data to the validator (`domain.plan_validator`).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from bmnn_cli.domain.plan_validator import parse
from bmnn_cli.domain.specs import PlanFile
from bmnn_cli.domain.toml_errors import toml_error
from bmnn_cli.errors import InputError
from bmnn_cli.i18n import t

MAX_BYTES = 5 * 1024 * 1024


def read_text(
    path: Path,
    *,
    limit: int = MAX_BYTES,
    too_big: str = "err.input.plan_too_big",
    kind: str = "toml",
) -> str:
    """The file's text, or an InputError a person can act on (`too_big` over `limit` bytes).

    `kind` names what the file should be ("toml" or "csv") in the message
    about binary content.
    """
    from bmnn_cli.files import read_input

    name = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_input says what is wrong
    if size > limit:
        raise InputError(t(too_big, size=size, limit=limit), path=name)
    data = read_input(path, limit)
    if not data.strip():
        raise InputError(t("err.input.file_empty"), path=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            t("err.input.not_utf8_byte", byte=data[error.start]),
            path=name,
            line=line,
        ) from None
    if "\x00" in text:
        key = "err.hostile.binary_csv" if kind == "csv" else "err.input.binary"
        raise InputError(t(key), path=name)
    return text.removeprefix("\ufeff")


# Files people may give `bmnn import` by mistake: the plan as issued, not the plan file.
DOCUMENT_SUFFIXES = (".txt", ".docx", ".doc", ".pdf", ".odt", ".rtf")


def load(path: Path, *, allow_classified: bool = False) -> PlanFile:
    try:
        return loads(read_text(path), path=path, allow_classified=allow_classified)
    except InputError as error:
        if path.suffix.lower() in DOCUMENT_SUFFIXES and error.line is None and path.is_file():
            raise InputError(t("err.input.document_not_plan", path=path), path=str(path)) from None
        raise


def loads(text: str, *, path: Path, allow_classified: bool = False) -> PlanFile:
    """Parse and validate a plan or registry; `path` names it and anchors links."""
    if not allow_classified:
        from bmnn_cli.domain.classified import refuse_classified

        refuse_classified(text, str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(toml_error(error), path=str(path)) from None
    except RecursionError:
        raise InputError(t("err.input.toml_too_deep"), path=str(path)) from None
    return parse(data, path=str(path), text=text)
