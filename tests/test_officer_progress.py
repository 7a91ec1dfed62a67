"""Progress of long work: a bar on a terminal, nothing when piped or under cron."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bmnn_cli.progress import on_terminal, steps
from conftest import LAO_CAI, ROOT, Cli, Db, example_tasks

DOCUMENT = ROOT / "examples" / "documents" / "lao-cai-2026-bmnn-plan.txt"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.no_database  # the PostgreSQL run leaves these out
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


@pytest.mark.no_database  # the PostgreSQL run leaves these out
def test_nothing_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    assert not on_terminal()
    with steps() as bar:
        bar.start(3, "Gửi thư nhắc")
        bar.advance()
    assert pipe.getvalue() == ""


@pytest.mark.no_database  # the PostgreSQL run leaves these out
def test_nothing_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stderr", Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not on_terminal()


# -- import and extract: counted in steps, drawn on a terminal only ------------------


class Recorder:
    """A `Steps` that keeps what the command counted, per description."""

    def __init__(self) -> None:
        self.counted: dict[str, list[tuple[int, int]]] = {}

    def counter(self, description: str) -> Callable[[int, int], None]:
        return lambda steps, total: self.counted.setdefault(description, []).append((steps, total))


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    record = Recorder()

    @contextmanager
    def recording() -> Iterator[Recorder]:
        yield record

    monkeypatch.setattr("bmnn_cli.progress.steps", recording)
    return record


def completed(counts: list[tuple[int, int]]) -> tuple[int, int]:
    """The steps counted in all, and the one total every count gave."""
    totals = {total for _, total in counts}
    assert len(totals) == 1, totals
    return sum(steps for steps, _ in counts), totals.pop()


def test_an_import_counts_the_registry_then_each_task_twice(
    cli: Cli, db: Db, recorder: Recorder
) -> None:
    cli("import", str(LAO_CAI))
    done, total = completed(recorder.counted["Nhập kế hoạch"])
    assert done == total == 1 + 2 * example_tasks()


def test_an_extract_counts_the_whole_outline(
    cli: Cli, db: Db, tmp_path: Path, recorder: Recorder
) -> None:
    from bmnn_cli.domain.extract import read_document
    from bmnn_cli.domain.extract.structure import outline

    cli("extract", str(DOCUMENT), "-o", str(tmp_path / "plan.toml"))
    done, total = completed(recorder.counted["Đọc các nhiệm vụ"])
    root = outline(read_document(DOCUMENT))
    assert done == total == sum(1 for child in root.children for _ in child.walk())
    assert "Đọc các trang" not in recorder.counted  # a text file has no pages to count


@pytest.mark.no_database  # the PostgreSQL run leaves these out
def test_a_pdf_counts_its_pages(tmp_path: Path) -> None:
    from bmnn_cli.domain.extract import read_document
    from pdf_files import pdf_with_text

    counts: list[tuple[int, int]] = []
    path = pdf_with_text(tmp_path / "plan.pdf", 2_000, pages=4)
    read_document(path, lambda steps, total: counts.append((steps, total)))
    assert counts == [(1, 4)] * 4


@pytest.mark.no_database  # the PostgreSQL run leaves these out
def test_phases_draw_one_bar_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading pages, then tasks: the first bar gives way to the second."""
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "xterm")
    with steps() as bar:
        pages, tasks = bar.counter("Đọc các trang"), bar.counter("Đọc các nhiệm vụ")
        for _ in range(3):
            pages(1, 3)
        tasks(5, 7)
        tasks(2, 7)
        shown = [task.description for task in bar._progress.tasks]
    assert shown == ["Đọc các nhiệm vụ"]
    drawn = screen.getvalue()
    assert "Đọc các trang" in drawn and "Đọc các nhiệm vụ" in drawn and "7/7" in drawn


def run_on_a_terminal(args: list[str], cwd: Path) -> tuple[str, str]:
    """`bmnn ARGS` in a real process whose stderr is a pseudo-terminal; (stdout, terminal)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    environment = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bmnn_cli", *args],
        stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL,
        cwd=cwd, env=environment,
    )  # fmt: skip
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        screen += chunk
    out = process.stdout.read() if process.stdout else b""
    assert process.wait(timeout=120) == 0, screen
    os.close(leader)
    return out.decode(), screen.decode(errors="replace")


@pytest.mark.sqlite_only  # one real process on a file is enough for the terminal
@pytest.mark.slow  # two real imports, one on a pseudo-terminal
def test_import_draws_a_bar_on_a_real_terminal_and_nothing_in_a_pipe(
    db: Db, tmp_path: Path
) -> None:
    import subprocess
    import sys

    out, screen = run_on_a_terminal(["--db", str(db), "import", str(LAO_CAI)], tmp_path)
    assert "Nhập kế hoạch" in screen and f"/{1 + 2 * example_tasks()}" in screen
    assert "Nhập kế hoạch" not in out  # the bar is on the terminal, the result on stdout
    piped = subprocess.run(
        [sys.executable, "-m", "bmnn_cli", "--db", str(db), "import", str(LAO_CAI)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert piped.returncode == 0 and piped.stderr == ""


@pytest.mark.sqlite_only
def test_extract_draws_a_bar_on_a_real_terminal(db: Db, tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    out, screen = run_on_a_terminal(
        ["--db", str(db), "extract", str(DOCUMENT), "-o", str(target)], tmp_path
    )
    assert "Đọc các nhiệm vụ" in screen and target.is_file()
