"""The one reader of input files and the one writer of output files.

Every file a person gives bmnn (a plan, a registry, a document, a CSV
register, the reminder configuration, a password file) is read by
`read_input`: it must be a regular file (a FIFO would hang the run, a
device such as /dev/zero would fill memory), and it is read with a byte
limit that does not trust `st_size`. Every file bmnn writes goes through
`write_output`: a temporary file in the same folder renamed into place, so
a crash or a full disk leaves the old file whole; a symbolic link is never
written through; an existing file is kept unless the command was told to
replace it; `-` means standard output.

Archives (.docx) are opened by `open_zip_checked`, which refuses a member
whose uncompressed size is beyond a limit before anything is inflated.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn_cli.errors import InputError, Refused, UsageError
from bmnn_cli.i18n import t

if TYPE_CHECKING:  # zipfile and tempfile are imported where used: ~30 ms at every start else
    import zipfile

STDOUT = "-"  # the output path meaning standard output


def is_stdout(path: Path | str | None) -> bool:
    """Whether an output path means standard output (`-o -`)."""
    return path is not None and str(path) == STDOUT


# ---------------------------------------------------------------- reading


class Unreadable(InputError):
    """An input that is not a regular file, or is too big; `reason` is without the path."""

    def __init__(self, reason: str, *, path: str, line: int | None = None) -> None:
        super().__init__(reason, path=path, line=line)
        self.reason = reason


def read_input(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Checked to be a regular file before it is opened and again on the open
    descriptor (opened without blocking: a FIFO with no writer would wait
    for ever, should one replace the file in between), then read up to
    `limit + 1` bytes, so a file that grows or lies about its size is
    still caught.
    """
    name = str(path)
    require_regular(path)  # before opening: opening some devices acts on them
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise Unreadable(open_problem(error), path=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(not_regular(mode), path=name)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(open_problem(error), path=name) from None
    finally:
        os.close(fd)
    if size > limit:
        shown = f"{limit >> 20} MB" if limit >= 1 << 20 and not limit % (1 << 20) else f"{limit} B"
        raise Unreadable(t("err.hostile.too_big", limit=shown), path=name)
    return b"".join(chunks)


def require_regular(path: Path) -> None:
    """Refuse, with the same messages, a file another library will read (a CA file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise Unreadable(open_problem(error), path=str(path)) from None
    if not stat.S_ISREG(mode):
        raise Unreadable(not_regular(mode), path=str(path))


def open_problem(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return t("err.input.no_such_file")
    if error.errno in (errno.EACCES, errno.EPERM):
        return t("err.input.permission_denied")
    if error.errno == errno.ELOOP:
        return t("err.hostile.symlink_loop")
    if error.errno == errno.EISDIR:
        return t("err.hostile.folder")
    return t("err.hostile.unreadable", error=error.strerror or error)


def not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return t("err.hostile.folder")
    if stat.S_ISFIFO(mode):
        return t("err.hostile.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("err.hostile.device")
    return t("err.hostile.not_regular")


def read_text_input(path: Path, limit: int) -> str:
    """A small UTF-8 text file (a password file): one clear error when it is not."""
    data = read_input(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Unreadable(
            t("err.input.not_utf8_byte", byte=data[error.start]), path=str(path), line=line
        ) from None


def open_zip_checked(path: Path, member_limit: int) -> zipfile.ZipFile:
    """The archive at `path`, refused when a member would inflate beyond `member_limit`."""
    return zip_checked(read_input(path, ARCHIVE_LIMIT), member_limit, path)


def zip_checked(data: bytes, member_limit: int, path: Path) -> zipfile.ZipFile:
    """The archive in `data`, refused when a member would inflate beyond `member_limit`.

    The sizes checked are those the archive declares; `zipfile` never
    inflates a member past its declared size (it stops there and fails the
    CRC check), so a lying header gains nothing.
    """
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(t("err.hostile.bad_archive", error=error), path=str(path)) from None
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > member_limit or total > 4 * member_limit:
            archive.close()
            raise InputError(
                t(
                    "err.hostile.zip_member",
                    member=info.filename,
                    size=info.file_size,
                    limit=member_limit,
                ),
                path=str(path),
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limit: int, path: Path) -> bytes:
    """One member of an archive, inflated at most to `limit` bytes."""
    import zipfile

    try:
        with archive.open(name) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as error:
        raise InputError(t("err.hostile.bad_archive", error=error), path=str(path)) from None
    if len(data) > limit:
        raise InputError(
            t("err.hostile.zip_member", member=name, size=len(data), limit=limit), path=str(path)
        )
    return data


def check_document(path: Path, limit: int) -> bytes:
    """A plan document's bytes, after the checks every input gets; a .docx no zip bomb."""
    data = read_input(path, limit)
    if path.suffix.lower() == ".docx":
        zip_checked(data, MEMBER_LIMIT, path).close()
    return data


ARCHIVE_LIMIT = 20 * 1024 * 1024  # a .docx read whole, like any document
MEMBER_LIMIT = 64 * 1024 * 1024  # uncompressed size of one part of a .docx


# ---------------------------------------------------------------- writing


def check_target(path: Path, *, replace: bool = True) -> None:
    """Refuse, before any work, an output path that cannot or may not become a file.

    A symbolic link is refused whatever `replace` says: writing through it
    would change a file elsewhere. An existing file is refused (exit 6)
    unless `replace`.
    """
    if is_stdout(path):
        return
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise UsageError(
            t("err.cli.cannot_write", path=path, error=error.strerror or error)
        ) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise Refused(t("err.hostile.output_symlink", path=path))
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(t("err.cli.target_is_folder", path=path))
        if not stat.S_ISREG(info.st_mode):
            raise Refused(t("err.hostile.output_not_regular", path=path))
        if not replace:
            raise Refused(t("err.hostile.output_exists", path=path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(t("err.cli.no_folder", path=path, folder=folder))


def write_output(path: Path, data: bytes, *, replace: bool = True, mode: int | None = None) -> None:
    """Write `data` as the whole of `path` (or standard output for `-`), never half.

    `mode` defaults to what any new file gets under the user's umask. A full
    disk is one clear error, with the file that was there left as it was.
    """
    if is_stdout(path):
        write_stdout(data)
        return
    check_target(path, replace=replace)
    folder = path.parent if str(path.parent) else Path(".")
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _write_error(path, error) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode if mode is not None else 0o666 & ~_umask())
        if not replace:
            _link_new(temporary, path)
        else:
            check_target(path, replace=True)  # no link slipped in since the first check
            os.replace(temporary, path)
    except FileExistsError:
        Path(temporary).unlink(missing_ok=True)
        raise Refused(t("err.hostile.output_exists", path=path)) from None
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _write_error(path, error) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _link_new(temporary: str, path: Path) -> None:
    """Put the finished file at `path` only if nothing is there (no race with another writer)."""
    try:
        os.link(temporary, path)  # FileExistsError if the file appeared meanwhile
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        check_target(path, replace=False)  # a file system without hard links
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def write_stdout(data: bytes) -> None:
    """Bytes onto standard output; a full disk behind `>` is one clear error."""
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    try:
        if out is None:
            sys.stdout.write(data.decode("utf-8"))
            sys.stdout.flush()
        else:
            out.write(data)
            out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _write_error(Path(STDOUT), error) from None


def _write_error(path: Path, error: OSError) -> UsageError:
    where = t("err.hostile.stdout") if is_stdout(path) else str(path)
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return UsageError(t("err.hostile.disk_full", path=where))
    return UsageError(t("err.cli.cannot_write", path=where, error=error.strerror or error))


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace `path` whole (reports, calendar feeds: output that is simply rewritten)."""
    write_output(path, data, replace=True, mode=mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
