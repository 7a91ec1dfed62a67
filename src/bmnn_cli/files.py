"""Writing output files whole, with errors a person can act on."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bmnn_cli.errors import UsageError
from bmnn_cli.i18n import t


def check_target(path: Path) -> None:
    """Refuse, before any work, an output path that cannot become a file."""
    if path.is_dir():
        raise UsageError(t("err.cli.target_is_folder", path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(t("err.cli.no_folder", path=path, folder=folder))


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace `path` whole (a temporary file renamed into place), never half-written.

    `mode` defaults to what any new file gets under the user's umask.
    """
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(
            t("err.cli.cannot_write", path=path, error=error.strerror or error)
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(
            t("err.cli.cannot_write", path=path, error=error.strerror or error)
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
