"""How `bmnn overdue`, `status` and `report` scale, against hand-written baselines.

Generates synthetic databases straight into the real schema (the file is
opened once through `bmnn_cli.store.db.open_store(path, create=True)`, so the
migrations make the tables and indexes; rows are then bulk-inserted with
sqlite3 `executemany`):

- province: 1 province, 150 agencies, 60 tasks, 10 years (2021-2030),
  about 100 000 obligations (about 80 000 submitted, each with its row in
  `submission`);
- country: 34 provinces, about 4 000 agencies, about 1 000 000 obligations.

Then, in one run and all `--as-of 2030-11-27`, it times (median of `--runs`
after one untimed warm-up that also counts the rows) and takes the peak
resident memory of

- `bmnn overdue --format json`, `bmnn status --format json` and
  `bmnn report --quarter 3 --year 2030 --format json` (installed entry point,
  BMNN_DB pointing at the file);
- baseline (a): the `sqlite3` shell (Debian package `sqlite3`) answering the
  same questions on the same file with equivalent hand-written SQL, and for
  `overdue` on a file with schema 5's partial indexes also the same rows asked
  in three parts over those indexes, and for `status` on a file with schema 6's
  index of done periods the same counts asked over it (both `sqlite3-part`);
- baseline (b), province scale only: Taskwarrior (`task`, Debian package
  `taskwarrior`) holding the province's open dated obligations as tasks in a
  temporary TASKDATA, asked `task +OVERDUE export`.

Every command runs in a fresh child (a small Python wrapper) that times it
and reads `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`, so each figure
is that one command's own peak.

Targets: at country scale, overdue and status each under 1 s and within 1x
of the sqlite3 shell; at province scale, `bmnn overdue` faster than
Taskwarrior; every bmnn command under 200 MB peak memory.

    python benchmarks/scale.py [--scale province|country|both] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

AS_OF = dt.date(2030, 11, 27)
FIRST_YEAR = 2021
YEARS = 10  # 2021-2030
THROUGH_YEAR = 2035  # high enough that bmnn never extends the schedules
REPORT_QUARTER = (2030, 3)
GENERATOR_VERSION = 1
BATCH = 100_000

TARGET_SECONDS = 1.0
TARGET_SQLITE_RATIO = 1.0
TARGET_MEMORY_MB = 200.0

# The task mix of a plan: rows one answerable agency owes over the ten years.
KINDS = ["continuous"] * 4 + ["quarterly"] * 6 + ["fixed"] * 2 + ["yearly"] * 48
ROWS_PER_AGENCY = {"continuous": 1, "fixed": 1, "quarterly": 4 * YEARS, "yearly": YEARS}
DEADLINES = {
    "continuous": "Thường xuyên",
    "fixed": "trước ngày 27/02/2021",
    "quarterly": "định kỳ hằng quý",
    "yearly": "định kỳ hằng năm",
}


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: int
    agencies: int  # in all provinces together
    obligations: int  # aimed at; the generator lands close to it
    tasks: int = len(KINDS)
    years: int = YEARS
    seed: int = 2030


SCALES = {
    "province": Scale("province", provinces=1, agencies=150, obligations=100_000),
    "country": Scale("country", provinces=34, agencies=4_000, obligations=1_000_000),
}


# -- generation ----------------------------------------------------------------------------


@dataclass
class Generated:
    path: Path
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    reused: bool = False


def _roll(day: dt.date) -> dt.date:
    """The next working day when the due day is a Saturday or Sunday (holidays ignored)."""
    weekday = day.weekday()
    return day + dt.timedelta(days=7 - weekday) if weekday >= 5 else day


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = quarter * 3
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def _outcome(rng: random.Random, due: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(submitted_on, waived_on) as of AS_OF, spread the way a real register looks."""
    draw = rng.random()
    if due is None:  # continuous duty: now and then a report on it arrives
        if draw < 0.10:
            return AS_OF - dt.timedelta(days=rng.randint(0, 3_000)), None
        return None, None
    if due >= AS_OF:  # not due yet: a few sent early
        if draw < 0.15:
            return min(due, AS_OF) - dt.timedelta(days=rng.randint(0, 45)), None
        return None, None
    open_share = 0.25 if (AS_OF - due).days <= 365 else 0.10
    if draw < open_share:
        return None, None  # overdue
    if draw < open_share + 0.005:
        return None, min(due + dt.timedelta(days=rng.randint(-10, 30)), AS_OF)
    if rng.random() < 0.78:  # on time
        return due - dt.timedelta(days=rng.randint(0, 30)), None
    return min(due + dt.timedelta(days=rng.randint(1, 120)), AS_OF), None


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` agencies over `parts` provinces, unevenly (between about 0.6x and 1.4x)."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    sizes = [max(10, round(total * w / sum(weights))) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def generate(path: Path, scale: Scale) -> Generated:
    from bmnn_cli.store.db import open_store

    started = time.perf_counter()
    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = open_store(path, create=True)  # the migrations make the schema
    store.engine.dispose()

    rng = random.Random(scale.seed)
    share = min(1.0, scale.obligations / (scale.agencies * sum(ROWS_PER_AGENCY[k] for k in KINDS)))
    stamp = "2030-11-27T00:00:00+00:00"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")  # generation only: restored to WAL below
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")

    agency_id = group_id = task_id = obligation_id = submission_id = waiver_id = 0
    obligations: list[tuple[Any, ...]] = []
    submissions: list[tuple[Any, ...]] = []
    waivers: list[tuple[Any, ...]] = []
    counts = dict.fromkeys(("obligation", "submission", "waiver", "agency", "task"), 0)

    def flush(force: bool = False) -> None:
        if obligations and (force or len(obligations) >= BATCH):
            con.executemany(
                "INSERT INTO obligation (id, task_id, agency_id, period, year, starts_on,"
                " scheduled_due, effective_due, request_id, inherited_from, submitted_on,"
                " waived_on) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, ?, ?)",
                obligations,
            )
            obligations.clear()
            con.executemany(
                "INSERT INTO submission (id, obligation_id, submitted_on, ref, note, state,"
                " replaces_id, reason, recorded_at, recorded_by)"
                " VALUES (?, ?, ?, ?, '', 'active', NULL, '', ?, 'benchmark')",
                submissions,
            )
            submissions.clear()
            con.executemany(
                "INSERT INTO waiver (id, obligation_id, waived_on, reason, state, recorded_at,"
                " recorded_by) VALUES (?, ?, ?, 'không áp dụng', 'active', ?, 'benchmark')",
                waivers,
            )
            waivers.clear()

    def owe(task: int, agency: int, period: str, year: int, due: dt.date | None) -> None:
        nonlocal obligation_id, submission_id, waiver_id
        obligation_id += 1
        submitted, waived = _outcome(rng, due)
        effective = _roll(due) if due else None
        obligations.append(
            (obligation_id, task, agency, period, year, _iso(due), _iso(effective),
             _iso(submitted), _iso(waived))
        )  # fmt: skip
        counts["obligation"] += 1
        if submitted:
            submission_id += 1
            counts["submission"] += 1
            submissions.append(
                (submission_id, obligation_id, submitted.isoformat(),
                 f"{obligation_id}/BC-{agency}", f"{submitted.isoformat()}T09:00:00+00:00")
            )  # fmt: skip
        if waived:
            waiver_id += 1
            counts["waiver"] += 1
            waivers.append(
                (waiver_id, obligation_id, waived.isoformat(), f"{waived.isoformat()}T09:00:00")
            )
        flush()

    for p, size in enumerate(_split(scale.agencies, scale.provinces, rng), start=1):
        code = f"tinh-{p:02d}"
        con.execute(
            "INSERT INTO province (id, code, name) VALUES (?, ?, ?)", (p, code, f"Tỉnh {p:02d}")
        )
        groups = []
        for position, (gcode, gname) in enumerate(
            [
                ("so-ban-nganh", "Các sở, ban, ngành, đoàn thể cấp tỉnh"),
                ("ubnd-xa-phuong", "Ủy ban nhân dân các xã, phường"),
            ]
        ):
            group_id += 1
            groups.append(group_id)
            con.execute(
                "INSERT INTO agency_group (id, province_id, code, name, position)"
                " VALUES (?, ?, ?, ?, ?)",
                (group_id, p, gcode, gname, position),
            )
        agencies: list[int] = []
        rows: list[tuple[Any, ...]] = []
        members: list[tuple[int, int]] = []
        for position in range(size):
            agency_id += 1
            agencies.append(agency_id)
            commune = position >= size * 0.35
            kind = "commune" if commune else "department"
            name = f"UBND xã {position:03d}" if commune else f"Sở {position:03d}"
            rows.append((agency_id, p, f"{kind}-{position:03d}", name, kind, position))
            members.append((groups[1] if commune else groups[0], agency_id))
        con.executemany(
            "INSERT INTO agency (id, province_id, code, name, kind, position)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        con.executemany("INSERT INTO group_member (group_id, agency_id) VALUES (?, ?)", members)
        counts["agency"] += size
        con.execute(
            "INSERT INTO plan (id, code, province_id, title, issuer, year, through_year,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (p, f"{code}-bmnn-{FIRST_YEAR}", p,
             f"Kế hoạch thực hiện công tác bảo vệ bí mật nhà nước trên địa bàn tỉnh {p:02d}",
             f"Ủy ban nhân dân tỉnh {p:02d}", FIRST_YEAR, THROUGH_YEAR, stamp),
        )  # fmt: skip
        kinds = list(KINDS)
        rng.shuffle(kinds)
        plan_tasks: list[tuple[int, str, list[int]]] = []
        links: list[tuple[int, int, int]] = []
        for position, kind in enumerate(kinds):
            task_id += 1
            answerable = sorted(rng.sample(agencies, max(1, round(share * size))))
            plan_tasks.append((task_id, kind, answerable))
            links += [(task_id, a, i) for i, a in enumerate(answerable)]
            schedule = (
                {"kind": kind, "date": f"{FIRST_YEAR}-02-27"} if kind == "fixed" else {"kind": kind}
            )
            con.execute(
                "INSERT INTO task (id, plan_id, code, title, deliverable, deadline, schedule,"
                " position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (task_id, p, f"T.{position + 1}",
                 f"Nhiệm vụ {position + 1}: xây dựng, triển khai và báo cáo kết quả thực hiện "
                 "công tác bảo vệ bí mật nhà nước tại cơ quan, đơn vị, địa phương",
                 "report", DEADLINES[kind], json.dumps([schedule]), position),
            )  # fmt: skip
        con.executemany(
            "INSERT INTO task_agency (task_id, role, agency_id, position) VALUES (?, 'lead', ?, ?)",
            links,
        )
        counts["task"] += len(plan_tasks)
        # Once-only and continuous duties belong to the plan's first year; then year by year,
        # the order in which bmnn extends open-ended schedules.
        for task, kind, answerable in plan_tasks:
            for agency in answerable:
                if kind == "continuous":
                    owe(task, agency, "ongoing", FIRST_YEAR, None)
                elif kind == "fixed":
                    due = dt.date(FIRST_YEAR, 2, 27)
                    owe(task, agency, due.isoformat(), FIRST_YEAR, due)
        for year in range(FIRST_YEAR, FIRST_YEAR + scale.years):
            for task, kind, answerable in plan_tasks:
                if kind == "yearly":
                    for agency in answerable:
                        owe(task, agency, str(year), year, dt.date(year, 12, 31))
                elif kind == "quarterly":
                    for quarter in range(1, 5):
                        due = _quarter_end(year, quarter)
                        for agency in answerable:
                            owe(task, agency, f"{year}-Q{quarter}", year, due)
    flush(force=True)
    # as `bmnn import` does: the calendar data the due dates are computed with (without
    # it, bmnn would recompute every due date for every question, as after an upgrade)
    from bmnn_cli.domain.calendar_data import fingerprint

    con.execute(
        "INSERT INTO audit_log (at, action, detail) VALUES (?, 'calendar', ?)",
        (stamp, f"{fingerprint()}: generated by benchmarks/scale.py"),
    )
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")  # as bmnn leaves its databases
    statuses = dict(con.execute(STATUS_COUNT_SQL).fetchall())
    con.close()
    return Generated(path, time.perf_counter() - started, counts, statuses)


# -- the baselines' SQL ------------------------------------------------------------------------

_AS_OF = f"'{AS_OF.isoformat()}'"
_OPEN = f"""
  o.year <= {AS_OF.year} AND (o.starts_on IS NULL OR o.starts_on <= {_AS_OF})
  AND NOT (o.submitted_on IS NOT NULL AND o.submitted_on <= {_AS_OF})
  AND NOT (o.waived_on IS NOT NULL AND o.waived_on <= {_AS_OF})
"""
_STATUS = f"""CASE
  WHEN o.waived_on IS NOT NULL AND o.waived_on <= {_AS_OF} THEN 'waived'
  WHEN o.submitted_on IS NOT NULL AND o.submitted_on <= {_AS_OF} THEN
    CASE WHEN o.effective_due IS NULL OR o.submitted_on <= o.effective_due
         THEN 'done_on_time' ELSE 'done_late' END
  WHEN o.effective_due IS NULL THEN 'ongoing'
  WHEN o.effective_due < {_AS_OF} THEN 'overdue'
  ELSE 'pending' END"""
STATUS_COUNT_SQL = f"""SELECT {_STATUS} AS status, COUNT(*) FROM obligation o
  WHERE o.year <= {AS_OF.year} GROUP BY 1 ORDER BY 1"""


def _filters(window: tuple[str, str] | None, archived: bool) -> str:
    """The window, and leaving out archived tasks when the schema has them (schema 2 on)."""
    extra = f"AND o.effective_due BETWEEN '{window[0]}' AND '{window[1]}'" if window else ""
    return f"{extra} AND t.archived_at IS NULL" if archived else extra


def overdue_sql(window: tuple[str, str] | None = None, archived: bool = False) -> str:
    """Unmet obligations past due, as a person would write it for the sqlite3 shell."""
    extra = _filters(window, archived)
    return f"""
SELECT a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task, t.title AS title,
       o.period, o.scheduled_due, o.effective_due, t.deadline, o.submitted_on,
       CAST(julianday({_AS_OF}) - julianday(o.effective_due) AS INTEGER) AS days_late
FROM obligation o
JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id JOIN agency a ON a.id = o.agency_id
WHERE o.effective_due < {_AS_OF} AND {_OPEN} {extra}
ORDER BY o.effective_due, a.name, p.code, t.code;"""


def overdue_split_sql(archived: bool = False) -> str:
    """The same rows asked in three parts, each over a partial index of schema 5
    (never sent nor waived; sent after the day; waived after it), as a careful
    person would once those indexes exist."""
    extra = _filters(None, archived)
    parts = (
        "o.submitted_on IS NULL AND o.waived_on IS NULL",
        f"o.submitted_on > {_AS_OF} AND (o.waived_on IS NULL OR o.waived_on > {_AS_OF})",
        f"o.waived_on > {_AS_OF} AND o.submitted_on IS NULL",
    )
    arms = "\nUNION ALL\n".join(
        f"""SELECT a.code AS agency_id, a.name AS agency, p.code AS plan, t.code AS task,
       t.title AS title, o.period AS period, o.scheduled_due AS scheduled_due,
       o.effective_due AS effective_due, t.deadline AS deadline, o.submitted_on AS submitted_on,
       CAST(julianday({_AS_OF}) - julianday(o.effective_due) AS INTEGER) AS days_late
FROM obligation o
JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id JOIN agency a ON a.id = o.agency_id
WHERE o.effective_due < {_AS_OF} AND o.year <= {AS_OF.year}
  AND (o.starts_on IS NULL OR o.starts_on <= {_AS_OF}) AND {part} {extra}"""
        for part in parts
    )
    return f"SELECT * FROM ({arms}) ORDER BY effective_due, agency, plan, task;"


def has_index(db: Path, name: str) -> bool:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
        return con.execute(sql, (name,)).fetchone() is not None
    finally:
        con.close()


def status_sql(window: tuple[str, str] | None = None, archived: bool = False) -> str:
    """Counts per agency, per group and in total, as `bmnn status` gives them.

    One pass over the obligations gives the per-agency counts; a group's row
    adds up its members' rows and the total adds up every agency's, which is
    what bmnn's three separate passes over the obligations compute.
    """
    extra = _filters(window, archived)
    join = "JOIN task t ON t.id = o.task_id" if archived else ""
    counts = f"""COUNT(*) AS obligations,
  SUM(status IN ('done_on_time', 'done_late', 'overdue')) AS fallen_due,
  SUM(status = 'done_on_time') AS on_time, SUM(status = 'done_late') AS late,
  SUM(status = 'overdue') AS overdue, SUM(status = 'pending') AS pending,
  SUM(status = 'waived') AS waived, SUM(status = 'ongoing') AS ongoing,
  MAX(CASE WHEN submitted_on <= {_AS_OF} THEN submitted_on END) AS last_submission"""
    sums = """SUM(obligations) AS obligations, SUM(fallen_due) AS fallen_due,
  SUM(on_time) AS on_time, SUM(late) AS late, SUM(overdue) AS overdue, SUM(pending) AS pending,
  SUM(waived) AS waived, SUM(ongoing) AS ongoing, MAX(last_submission) AS last_submission"""
    return f"""
CREATE TEMP TABLE s AS SELECT agency_id, {counts} FROM (
  SELECT o.agency_id, o.submitted_on, {_STATUS} AS status FROM obligation o {join}
  WHERE o.year <= {AS_OF.year} AND (o.starts_on IS NULL OR o.starts_on <= {_AS_OF}) {extra}
) GROUP BY agency_id;
{_rollup(sums)}"""


def _rollup(sums: str) -> str:
    """The agency rows of temp table `s`, then its groups' and the total's `sums`."""
    return f"""SELECT a.code AS agency_id, a.name AS agency, 'agency' AS level, s.*
  FROM s JOIN agency a ON a.id = s.agency_id ORDER BY a.province_id, a.position;
SELECT g.code AS agency_id, g.name AS agency, 'group' AS level, {sums}
  FROM s JOIN group_member m ON m.agency_id = s.agency_id JOIN agency_group g ON g.id = m.group_id
  GROUP BY g.id ORDER BY g.province_id, g.position;
SELECT '' AS agency_id, '' AS agency, 'total' AS level, {sums} FROM s;"""


def status_split_sql(archived: bool = False) -> str:
    """The same counts asked as a careful person would once schema 6's index of done
    periods exists: those sent by the day and never waived counted on time or late
    from `ix_obligation_done` alone, the rest (never sent nor waived; sent after the
    day; waived) through their partial indexes, then summed per agency."""
    scope = f"o.year <= {AS_OF.year} AND (o.starts_on IS NULL OR o.starts_on <= {_AS_OF})"
    if archived:
        scope += " AND o.task_id IN (SELECT t.id FROM task t WHERE t.archived_at IS NULL)"
    late = "CASE WHEN o.submitted_on > o.effective_due THEN 1 ELSE 0 END"
    done = f"""SELECT o.agency_id, COUNT(*) AS obligations, COUNT(*) AS fallen_due,
    COUNT(*) - SUM({late}) AS on_time, SUM({late}) AS late, 0 AS overdue, 0 AS pending,
    0 AS waived, 0 AS ongoing, MAX(o.submitted_on) AS last_submission
  FROM obligation o INDEXED BY ix_obligation_done
  WHERE o.submitted_on <= {_AS_OF} AND o.waived_on IS NULL AND {scope} GROUP BY o.agency_id"""
    parts = (
        ("ix_obligation_open", "o.submitted_on IS NULL AND o.waived_on IS NULL"),
        ("ix_obligation_sent", f"o.submitted_on > {_AS_OF} AND o.waived_on IS NULL"),
        ("ix_obligation_waived", "o.waived_on IS NOT NULL"),
    )
    rest = "\n  UNION ALL ".join(
        f"SELECT o.agency_id, o.submitted_on, {_STATUS} AS status FROM obligation o "
        f"INDEXED BY {index} WHERE {scope} AND {part}"
        for index, part in parts
    )
    others = f"""SELECT agency_id, COUNT(*),
    SUM(status IN ('done_on_time', 'done_late', 'overdue')), SUM(status = 'done_on_time'),
    SUM(status = 'done_late'), SUM(status = 'overdue'),
    SUM(status = 'pending'), SUM(status = 'waived'), SUM(status = 'ongoing'),
    MAX(CASE WHEN submitted_on <= {_AS_OF} THEN submitted_on END)
  FROM ({rest}) GROUP BY agency_id"""
    sums = """SUM(obligations) AS obligations, SUM(fallen_due) AS fallen_due,
  SUM(on_time) AS on_time, SUM(late) AS late, SUM(overdue) AS overdue, SUM(pending) AS pending,
  SUM(waived) AS waived, SUM(ongoing) AS ongoing, MAX(last_submission) AS last_submission"""
    return f"""
CREATE TEMP TABLE s AS SELECT agency_id, {sums} FROM ({done}
  UNION ALL {others}) GROUP BY agency_id;
{_rollup(sums)}"""


def _quarter_window() -> tuple[str, str]:
    """The window `bmnn report --quarter 3 --year 2030` counts: the whole quarter."""
    year, quarter = REPORT_QUARTER
    start = dt.date(year, quarter * 3 - 2, 1)
    return start.isoformat(), _quarter_end(year, quarter).isoformat()


def has_archived(db: Path) -> bool:
    """Whether the schema has task.archived_at (bmnn then leaves archived tasks out)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return any(row[1] == "archived_at" for row in con.execute("PRAGMA table_info(task)"))
    finally:
        con.close()


# -- running ---------------------------------------------------------------------------------

# Runs one command in a fresh process, so that RUSAGE_CHILDREN is that command's own.
WRAPPER = """
import json, os, resource, subprocess, sys, time
out = sys.argv[1] if sys.argv[1] != "-" else os.devnull
with open(out, "wb") as sink:
    start = time.perf_counter()
    done = subprocess.run(sys.argv[2:], stdout=sink, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "maxrss": peak, "cpu": cpu, "rc": done.returncode,
                  "stderr": done.stderr.decode("utf-8", "replace")[-2000:]}))
"""


@dataclass
class Measure:
    tool: str
    query: str
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the command
    peak_mb: float = 0.0
    rows: int | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def _once(argv: Sequence[str], env: dict[str, str], out: str = "-") -> tuple[float, float, float]:
    """Wall seconds, peak MB and CPU seconds (user + system) of one run of `argv`."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, out, *argv], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"wrapper failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout)
    if result["rc"] != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {result['rc']}: {result['stderr']}")
    scale_kb = 1 / 1024 if sys.platform == "darwin" else 1.0  # bytes on macOS, KiB elsewhere
    peak = float(result["maxrss"]) * scale_kb / 1024
    return float(result["seconds"]), peak, float(result["cpu"])


def _json_values(text: str) -> Iterator[Any]:
    """Every JSON value in `text`, one after another (the sqlite3 shell prints one per query)."""
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        value, position = decoder.raw_decode(text, position)
        yield value


def run(
    tool: str,
    query: str,
    argv: Sequence[str],
    env: dict[str, str],
    runs: int,
    count: Any,
    tmp: Path,
) -> Measure:
    """A warm-up run that keeps the output (to count its rows), then `runs` timed runs."""
    measure = Measure(tool, query)
    out = tmp / "out.json"
    print(f"  {tool:<11} {query:<8} ", end="", file=sys.stderr, flush=True)
    _, peak, _ = _once(argv, env, str(out))
    measure.rows = count(out.read_text(encoding="utf-8"))
    peaks = [peak]
    for _ in range(runs):
        seconds, peak, cpu = _once(argv, env)
        measure.seconds.append(seconds)
        measure.cpu.append(cpu)
        peaks.append(peak)
    measure.peak_mb = max(peaks)
    print(
        f"{measure.median * 1000:8.0f} ms  CPU {measure.median_cpu * 1000:6.0f} ms  "
        f"{measure.peak_mb:6.1f} MB",
        file=sys.stderr,
    )
    return measure


def _count_list(text: str) -> int:
    return sum(len(v) for v in _json_values(text) if isinstance(v, list))


def _count_report(text: str) -> int:
    data = json.loads(text)
    return len(data["agencies"]) + len(data["overdue"])


def _count_sqlite_report(text: str) -> int:
    values = [v for v in _json_values(text) if isinstance(v, list)]
    agencies = [r for v in values for r in v if r.get("level") == "agency"]
    overdue = [r for v in values for r in v if "days_late" in r]
    return len(agencies) + len(overdue)


def _count_status(text: str) -> int:
    """Agency rows only, so that bmnn and the sqlite3 shell compare like with like."""
    rows = [r for v in _json_values(text) if isinstance(v, list) for r in v]
    return sum(1 for r in rows if r.get("level", r.get("level_text")) in ("agency", "cơ quan"))


def child_env(tmp: Path) -> dict[str, str]:
    """The environment of the timed commands.

    Bytecode is cached, as in a normal install, but in a private folder
    (PYTHONPYCACHEPREFIX) so that nothing is written into the source tree,
    even when the calling shell sets PYTHONDONTWRITEBYTECODE.
    """
    env = {**os.environ, "BMNN_LANG": "en", "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    for name in ("BMNN_DEBUG", "PYTHONDONTWRITEBYTECODE", "BMNN_DB"):
        env.pop(name, None)
    return env


def find_bmnn() -> str:
    found = shutil.which("bmnn", path=sysconfig.get_path("scripts")) or shutil.which("bmnn")
    if found is None:
        sys.exit("benchmarks/scale.py: no `bmnn` command found; run `pip install -e .` first")
    return found


# -- Taskwarrior ------------------------------------------------------------------------------


def taskwarrior_setup(db: Path, home: Path) -> tuple[dict[str, str], int, float]:
    """A TASKDATA holding the open dated obligations of `db`; (env, tasks, import seconds).

    Taskwarrior's +OVERDUE compares with the real clock, so every due date is
    shifted by (today - AS_OF): what bmnn calls overdue as of AS_OF is what
    Taskwarrior calls overdue now. Due times are 23:59:59 UTC, so a task due
    today is not yet overdue, as in bmnn.
    """
    marker = home / "imported.json"
    env = {
        **os.environ,
        "TASKRC": str(home / "taskrc"),
        "TASKDATA": str(home / "data"),
        "TZ": "UTC",
    }
    today = dt.datetime.now(dt.UTC).date()
    if marker.exists():
        saved = json.loads(marker.read_text())
        if saved.get("today") == today.isoformat() and saved.get("db") == db.stat().st_mtime_ns:
            return env, int(saved["tasks"]), float(saved["seconds"])
    shutil.rmtree(home, ignore_errors=True)
    (home / "data").mkdir(parents=True)
    (home / "taskrc").write_text(
        f"data.location={home / 'data'}\nconfirmation=off\nverbose=nothing\nhooks=off\n"
        "json.array=on\n",
        encoding="utf-8",
    )
    shift = today - AS_OF
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(
        f"""SELECT p.code, t.code, a.code, o.period, o.effective_due FROM obligation o
        JOIN task t ON t.id = o.task_id JOIN plan p ON p.id = t.plan_id
        JOIN agency a ON a.id = o.agency_id
        WHERE o.effective_due IS NOT NULL AND {_OPEN} {_filters(None, has_archived(db))}
        ORDER BY o.id"""
    ).fetchall()
    con.close()
    entry = f"{today:%Y%m%d}T000000Z"
    tasks = [
        {
            "uuid": str(uuid.UUID(int=random.Random(i).getrandbits(128), version=4)),
            "description": f"{task} {period} ({agency})",
            "project": plan,
            "tags": [agency],
            "status": "pending",
            "entry": entry,
            "due": f"{dt.date.fromisoformat(due) + shift:%Y%m%d}T235959Z",
        }
        for i, (plan, task, agency, period, due) in enumerate(rows)
    ]
    source = home / "import.json"
    source.write_text(json.dumps(tasks), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        ["task", "rc.confirmation=off", "rc.verbose=nothing", "import", str(source)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    marker.write_text(
        json.dumps(
            {
                "today": today.isoformat(),
                "db": db.stat().st_mtime_ns,
                "tasks": len(tasks),
                "seconds": seconds,
            }
        )
    )
    return env, len(tasks), seconds


# -- the run ----------------------------------------------------------------------------------


def database(scale: Scale, folder: Path, keep: bool) -> Generated:
    path = folder / f"{scale.name}.db"
    sidecar = folder / f"{scale.name}.json"
    wanted = {"generator": GENERATOR_VERSION, "scale": asdict(scale)}
    if keep and path.exists() and sidecar.exists():
        saved = json.loads(sidecar.read_text())
        if {k: saved.get(k) for k in wanted} == wanted:
            return Generated(path, saved["seconds"], saved["counts"], saved["statuses"], True)
    sidecar.unlink(missing_ok=True)
    print(f"generating {scale.name} database in {path} ...", file=sys.stderr, flush=True)
    made = generate(path, scale)
    sidecar.write_text(
        json.dumps({**wanted, "seconds": made.seconds, "counts": made.counts,
                    "statuses": made.statuses}, indent=1)
    )  # fmt: skip
    return made


@dataclass
class Target:
    text: str
    value: str
    passed: bool


def bench_scale(
    scale: Scale, folder: Path, keep: bool, runs: int, bmnn: str, tmp: Path
) -> tuple[Generated, list[Measure], list[Target]]:
    made = database(scale, folder, keep)
    size = made.path.stat().st_size / 2**20
    how = "reused" if made.reused else f"generated in {made.seconds:.1f} s"
    print(f"\n[{scale.name}] {made.path} ({size:.0f} MB, {how})", file=sys.stderr)
    env = child_env(tmp)
    env["BMNN_DB"] = str(made.path)
    as_of = ["--as-of", AS_OF.isoformat()]
    year, quarter = REPORT_QUARTER
    queries: list[tuple[str, list[str], Any]] = [
        ("overdue", ["overdue", "--format", "json", *as_of], _count_list),
        ("status", ["status", "--format", "json", *as_of], _count_status),
        (
            "report",
            ["report", "--quarter", str(quarter), "--year", str(year), "--format", "json", *as_of],
            _count_report,
        ),
    ]
    window = _quarter_window()
    archived = has_archived(made.path)
    sql = {
        "overdue": overdue_sql(archived=archived),
        "status": status_sql(archived=archived),
        "report": status_sql(window, archived) + overdue_sql(window, archived),
    }
    measures: list[Measure] = []
    sqlite = shutil.which("sqlite3")
    for name, args, count in queries:
        measures.append(run("bmnn", name, [bmnn, *args], env, runs, count, tmp))
        if sqlite:
            shell = [sqlite, "-batch", "-bail", "-json", str(made.path), sql[name]]
            counter = _count_sqlite_report if name == "report" else count
            measures.append(run("sqlite3", name, shell, env, runs, counter, tmp))
            if name == "overdue" and has_index(made.path, "ix_obligation_open"):
                split = [sqlite, "-batch", "-bail", "-json", str(made.path)]
                split.append(overdue_split_sql(archived))
                measures.append(run("sqlite3-part", name, split, env, runs, count, tmp))
            if name == "status" and has_index(made.path, "ix_obligation_done"):
                split = [sqlite, "-batch", "-bail", "-json", str(made.path)]
                split.append(status_split_sql(archived))
                measures.append(run("sqlite3-part", name, split, env, runs, count, tmp))
    task = shutil.which("task")
    if scale.name == "province" and task:
        tw_env, tasks, seconds = taskwarrior_setup(made.path, folder / f"taskwarrior-{scale.name}")
        print(f"  taskwarrior: {tasks} open tasks, imported in {seconds:.1f} s", file=sys.stderr)
        argv = [task, "rc.confirmation=off", "rc.verbose=nothing", "+OVERDUE", "export"]
        measure = run("taskwarrior", "overdue", argv, tw_env, runs, _count_list, tmp)
        measure.note = f"{tasks} tasks held, import {seconds:.1f} s"
        measures.append(measure)
    return made, measures, judge(scale, measures)


def judge(scale: Scale, measures: list[Measure]) -> list[Target]:
    def find(tool: str, query: str) -> Measure | None:
        return next((m for m in measures if m.tool == tool and m.query == query), None)

    targets: list[Target] = []
    if scale.name == "country":
        for query in ("overdue", "status"):
            mine = find("bmnn", query)
            assert mine is not None
            targets.append(
                Target(
                    f"country {query} under {TARGET_SECONDS:g} s",
                    f"{mine.median:.2f} s",
                    mine.median < TARGET_SECONDS,
                )
            )
            base = find("sqlite3", query)
            if base:
                ratio = mine.median / base.median
                targets.append(
                    Target(
                        f"country {query} within {TARGET_SQLITE_RATIO:g}x of sqlite3",
                        f"{ratio:.1f}x",
                        ratio <= TARGET_SQLITE_RATIO,
                    )
                )
    if scale.name == "province":
        mine, tw = find("bmnn", "overdue"), find("taskwarrior", "overdue")
        if mine and tw:
            targets.append(
                Target(
                    "province overdue faster than Taskwarrior",
                    f"{mine.median:.2f} s vs {tw.median:.2f} s",
                    mine.median < tw.median,
                )
            )
    for m in measures:
        if m.tool == "bmnn":
            targets.append(
                Target(
                    f"{scale.name} {m.query} peak memory under {TARGET_MEMORY_MB:g} MB",
                    f"{m.peak_mb:.0f} MB",
                    m.peak_mb < TARGET_MEMORY_MB,
                )
            )
    return targets


def print_report(
    results: list[tuple[Scale, Generated, list[Measure], list[Target]]],
    runs: int,
    load: tuple[tuple[float, ...], tuple[float, ...]],
) -> None:
    print(f"as of {AS_OF}; median of {runs} runs after a warm-up; peak = max RSS of any run")
    shown = [", ".join(f"{x:.1f}" for x in sample) for sample in load]
    print(
        f"load average (1, 5, 15 min) on {os.cpu_count()} CPUs: {shown[0]} before, {shown[1]} after"
    )
    print("bytecode cached in a private PYTHONPYCACHEPREFIX (filled by the warm-up runs)\n")
    for scale, made, _, _ in results:
        counts = ", ".join(f"{v:,} {k}" for k, v in made.counts.items())
        spread = ", ".join(f"{k} {v:,}" for k, v in made.statuses.items())
        size = made.path.stat().st_size / 2**20
        how = "reused (--keep)" if made.reused else f"generated in {made.seconds:.1f} s"
        print(f"{scale.name}: {counts}; {size:.0f} MB, {how}")
        print(f"  statuses as of {AS_OF}: {spread}")
    header = (
        f"\n{'scale':<9} {'query':<8} {'tool':<11} {'rows':>7} {'median ms':>10} "
        f"{'min ms':>8} {'CPU ms':>8} {'peak MB':>8} {'bmnn/this':>10} {'CPU ratio':>10}"
    )
    print(header)
    print("-" * (len(header) - 1))
    for scale, _, measures, _ in results:
        for m in measures:
            mine = next(x for x in measures if x.tool == "bmnn" and x.query == m.query)
            ratio = "" if m.tool == "bmnn" else f"{mine.median / m.median:.2f}x"
            cpu = "" if m.tool == "bmnn" else f"{mine.median_cpu / m.median_cpu:.2f}x"
            print(
                f"{scale.name:<9} {m.query:<8} {m.tool:<11} {m.rows or 0:>7} "
                f"{m.median * 1000:>10.0f} {m.best * 1000:>8.0f} {m.median_cpu * 1000:>8.0f} "
                f"{m.peak_mb:>8.1f} {ratio:>10} {cpu:>10}"
            )
    print("\nrow counts: overdue = rows listed; status = agency rows; report = agency rows")
    print("+ overdue rows of the quarter. A mismatch between tools is flagged below.")
    for scale, _, measures, _ in results:
        for query in ("overdue", "status", "report"):
            seen = {m.tool: m.rows for m in measures if m.query == query}
            if len(set(seen.values())) > 1:
                print(f"  WARNING {scale.name} {query}: row counts differ: {seen}")
    print("\ntargets:")
    for _, _, _, targets in results:
        for target in targets:
            verdict = "PASS" if target.passed else "MISS"
            print(f"  {verdict}  {target.text}: {target.value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", choices=["province", "country", "both"], default="both")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command (3)")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="generate into DIR and reuse what is there"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not shutil.which("sqlite3"):
        print(
            "note: no `sqlite3` shell on PATH: the sqlite3 baseline is skipped "
            "(Debian/Ubuntu: apt-get install -y sqlite3)",
            file=sys.stderr,
        )
    if args.scale != "country" and not shutil.which("task"):
        print(
            "note: no Taskwarrior `task` on PATH: the Taskwarrior baseline is skipped "
            "(Debian/Ubuntu: apt-get install -y taskwarrior)",
            file=sys.stderr,
        )
    bmnn = find_bmnn()
    load_before = os.getloadavg()
    names = ["province", "country"] if args.scale == "both" else [args.scale]
    with tempfile.TemporaryDirectory(prefix="bmnn-scale-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for name in names:
            scale = SCALES[name]
            made, measures, targets = bench_scale(
                scale, folder, args.keep is not None, args.runs, bmnn, Path(tmp)
            )
            results.append((scale, made, measures, targets))
        print(f"bmnn: {bmnn}; sqlite3: {shutil.which('sqlite3')}; task: {shutil.which('task')}")
        print_report(results, args.runs, (load_before, os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
