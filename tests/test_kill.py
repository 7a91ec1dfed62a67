"""An import killed at any moment leaves the old plan or the new one, never a mix.

The importing process is killed with SIGKILL at points spread over the time
an import takes; after each kill the database must pass SQLite's integrity
check and hold exactly the state before or after the import.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conftest import Cli, dump
from synthetic import write_plan

# It copies and inspects the database file; it kills real processes, which takes a while.
pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]

KILL_POINTS = 12


def _bmnn(*args: str, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BMNN_DB": str(db)}
    bmnn = shutil.which("bmnn")
    assert bmnn, "the bmnn entry point is not installed (pip install -e .)"
    return subprocess.Popen(
        [bmnn, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def test_killed_import_is_all_or_nothing(cli: Cli, db: Path, tmp_path: Path) -> None:
    old_plan = write_plan(tmp_path / "old", agencies=50, tasks=30, years=4, title="Báo cáo")
    new_plan = write_plan(tmp_path / "new", agencies=50, tasks=40, years=5, title="Báo cáo mới")
    cli("import", str(old_plan))
    pristine = tmp_path / "pristine.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"VACUUM INTO '{pristine}'")
    before = dump(pristine, exclude=("audit_log",))

    started = time.perf_counter()
    full = _bmnn("import", str(new_plan), db=db)
    assert full.wait(timeout=300) == 0, full.stderr.read() if full.stderr else ""
    duration = time.perf_counter() - started
    after = dump(db, exclude=("audit_log",))
    assert after != before

    rng = random.Random(20260227)
    outcomes = {"old": 0, "new": 0}
    for trial in range(KILL_POINTS):
        target = tmp_path / f"trial-{trial}.db"
        shutil.copy(pristine, target)
        process = _bmnn("import", str(new_plan), db=target)
        time.sleep(rng.uniform(0.05, 1.3) * duration)  # some after the commit, too
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        with sqlite3.connect(target) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        state = dump(target, exclude=("audit_log",))
        assert state in (before, after), f"kill point {trial}: a mixed state"
        outcomes["old" if state == before else "new"] += 1
    print(f"\nkill test: {KILL_POINTS} kill points over a {duration:.1f} s import: {outcomes}")
    assert outcomes["old"] >= 1
