"""A 150 000-row register recorded while another process submits: nothing lost.

`bmnn submit --from-csv` of a register of one document per obligation
(1 000 agencies × 15 yearly tasks × 2026–2035, the rows made as
benchmarks/register.py makes them) runs in one process; while it runs,
another process records one `bmnn submit` for a task the register does not
touch. The single submit may wait for the write lock but must never lose
its write; the register is all or nothing and here complete. Both engines.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Cli, Db, query
from synthetic import write_plan

AGENCIES, TASKS, YEARS = 1_000, 15, 10  # the register's tasks T.0–T.14; T.15 for the submit
AS_OF = "2035-12-31"


def _bmnn() -> list[str]:
    """The installed entry point, as a user runs it."""
    found = shutil.which("bmnn", path=str(Path(sys.executable).parent))
    assert found is not None, "the bmnn entry point is not installed next to this Python"
    return [found]


def _register(path: Path) -> int:
    rows = [
        (f"T.{t}", f"co-quan-{a}", f"15/10/{2026 + y}", f"{a}-{t}-{y}/BC")
        for a in range(AGENCIES)
        for t in range(TASKS)
        for y in range(YEARS)
    ]
    random.Random(12).shuffle(rows)
    with path.open("w", encoding="utf-8") as out:
        out.write("task,agency,date,ref\n")
        out.writelines(",".join(row) + "\n" for row in rows)
    return len(rows)


@pytest.mark.slow  # 160 000 obligations imported, a 150 000-row register recorded
@pytest.mark.alone  # the two processes wait for each other, not for another test's CPU
def test_a_register_and_a_submit_at_once(cli: Cli, db: Db, tmp_path: Path) -> None:
    cli("import", str(write_plan(tmp_path / "p", agencies=AGENCIES, tasks=TASKS + 1, years=YEARS)))
    register = tmp_path / "register.csv"
    rows = _register(register)
    assert rows == 150_000
    bulk = subprocess.Popen(
        [*_bmnn(), "--lang", "en", "submit", "--from-csv", str(register), "--as-of", AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # the register is read and its write begun (it runs for many seconds)
    overlapped = bulk.poll() is None
    single = subprocess.run(
        [*_bmnn(), "--lang", "en", "submit", "--task", f"T.{TASKS}", "--agency", "co-quan-7",
         "--date", "01/10/2026", "--ref", "7/BC", "--as-of", AS_OF],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    out, err = bulk.communicate(timeout=600)
    assert overlapped, "the register finished before the single submit began: no overlap tested"
    assert bulk.returncode == 0, (bulk.returncode, err)
    assert single.returncode == 0, (single.returncode, single.stderr)
    by_task = dict(
        query(
            db,
            "SELECT t.code, COUNT(*) FROM submission s JOIN obligation o ON o.id = s.obligation_id"
            " JOIN task t ON t.id = o.task_id WHERE s.state = 'active' GROUP BY t.code",
        )
    )
    assert sum(n for code, n in by_task.items() if code != f"T.{TASKS}") == rows
    assert by_task[f"T.{TASKS}"] == 1
    marked = query(db, "SELECT COUNT(*) FROM obligation WHERE submitted_on IS NOT NULL")[0][0]
    assert marked == rows + 1
    single_row = query(
        db,
        "SELECT a.code, o.period, s.ref FROM submission s JOIN obligation o"
        " ON o.id = s.obligation_id JOIN task t ON t.id = o.task_id"
        " JOIN agency a ON a.id = o.agency_id WHERE t.code = :task",
        task=f"T.{TASKS}",
    )
    assert single_row == [("co-quan-7", "2026", "7/BC")]
