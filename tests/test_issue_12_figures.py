"""Issue 12: figures fit for the Chairman's report.

A submission is recorded once, answers the earliest open dated period, and
never a continuous duty unless the officer names it; counts in English say
"1 row"; a closed pipe ends quietly.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bmnn_cli.domain.calendar_data import text as SHIPPED
from conftest import GOOD_TASK, LAO_CAI, Cli, Db, dump, plan_text, query

ROW = "IV.1.b,Sở Tài chính,28/10/2026,88/BC-STC\n"
AS_OF = ("--as-of", "2026-12-01")


def _register(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_text("task,agency,date,ref\n" + "".join(rows), encoding="utf-8")
    return path


def _finance(cli: Cli, as_of: str = "2026-12-01") -> dict[str, object]:
    import json

    rows = json.loads(cli("status", "-a", "so tai chinh", "--as-of", as_of, "-f", "json"))
    return next(r for r in rows if r["level"] == "agency")


def test_a_register_imported_three_times_is_one_submission(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    register = _register(tmp_path, ROW)
    outputs = [cli("--lang", "en", "submit", "--from-csv", str(register), *AS_OF) for _ in range(3)]
    assert "(1 new, 0 already recorded)" in outputs[0]
    assert "(0 new, 1 already recorded)" in outputs[1]
    assert "(0 new, 1 already recorded)" in outputs[2]
    finance = _finance(cli)
    assert (finance["fallen_due"], finance["on_time"], finance["rate"]) == (2, 1, 0.5)
    periods = query(
        lao_cai,
        "SELECT o.period FROM submission s JOIN obligation o ON o.id = s.obligation_id",
    )
    assert periods == [("2026",)]


def test_the_same_submission_by_hand_is_recorded_once(cli: Cli, lao_cai: Db) -> None:
    args = ("submit", "-t", "IV.1.b", "-a", "Sở Tài chính", "--date", "28/10/2026")
    cli(*args, "--ref", "88/BC-STC", *AS_OF)
    again = cli("--lang", "en", *args, "--ref", "88/bc-stc", *AS_OF)  # case does not matter
    assert "Already recorded" in again and "(2026)" in again
    assert query(lao_cai, "SELECT COUNT(*) FROM submission") == [(1,)]


def test_with_no_dated_period_open_nothing_is_recorded(cli: Cli, lao_cai: Db) -> None:
    args = ("submit", "-t", "IV.1.b", "-a", "Sở Tài chính")
    cli(*args, "--date", "28/10/2026", "--ref", "88/BC-STC", *AS_OF)
    before = dump(lao_cai)
    err = cli.fail(*args, "--date", "29/10/2026", "--ref", "89/BC-STC", *AS_OF, code=6)
    assert "no dated period open for task 'IV.1.b'; nothing recorded" in err
    assert "--period 'ongoing'" in err
    assert dump(lao_cai) == before
    named = cli(
        "--lang", "en", *args, "--date", "29/10/2026", "--ref", "89/BC-STC", "--period", "ongoing",
        *AS_OF,
    )  # fmt: skip
    assert "(ongoing)" in named


def test_a_register_with_a_refused_row_records_nothing(
    cli: Cli, lao_cai: Db, tmp_path: Path
) -> None:
    register = _register(tmp_path, ROW, "IV.1.b,Sở Tài chính,29/10/2026,89/BC-STC\n")
    before = dump(lao_cai)
    err = cli.fail("submit", "--from-csv", str(register), *AS_OF, code=3)
    assert f"{register}:3: " in err and "nothing recorded" in err
    assert dump(lao_cai) == before


def test_a_register_and_submit_follow_one_rule(cli: Cli, lao_cai: Db, tmp_path: Path) -> None:
    """The earliest open dated period first: 2026 before 2027, whatever the row order."""
    register = _register(
        tmp_path,
        "IV.1.b,Sở Tài chính,02/01/2027,5/BC-STC\n",
        "IV.1.b,Sở Tài chính,28/10/2026,88/BC-STC\n",
    )
    cli("submit", "--from-csv", str(register), "--as-of", "2027-01-05")
    rows = query(
        lao_cai,
        "SELECT o.period, s.submitted_on, s.ref FROM submission s"
        " JOIN obligation o ON o.id = s.obligation_id ORDER BY s.id",
    )
    assert rows == [("2026", "2026-10-28", "88/BC-STC"), ("2027", "2027-01-02", "5/BC-STC")]
    log = query(lao_cai, "SELECT action, detail FROM audit_log WHERE action = 'submit'")
    assert log == [
        ("submit", "2026: 2026-10-28 88/BC-STC"),
        ("submit", "2027: 2027-01-02 5/BC-STC"),
    ]


@pytest.mark.slow  # eight processes of the installed command
def test_eight_identical_submits_in_parallel_record_one(lao_cai: Db) -> None:
    """Real processes through the installed entry point, racing for the same record."""
    bmnn = Path(sys.executable).with_name("bmnn")
    args = [str(bmnn), "submit", "-t", "IV.1.b", "-a", "Sở Tài chính", "--date", "28/10/2026",
            "--ref", "88/BC-STC", *AS_OF]  # fmt: skip
    env = {**os.environ, "BMNN_DB": str(lao_cai)}
    runs = [subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)]
    runs += [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(7)
    ]
    codes = [run.wait(timeout=120) for run in runs]
    assert codes == [0] * 8, [run.stderr.read() for run in runs if run.stderr]
    assert query(lao_cai, "SELECT COUNT(*) FROM submission") == [(1,)]
    assert query(lao_cai, "SELECT COUNT(*) FROM audit_log WHERE action = 'submit'") == [(1,)]


@pytest.mark.parametrize(
    ("count", "english"),
    [(1, "Imported 1 row from"), (2, "Imported 2 rows from")],
)
def test_counts_in_english_take_the_plural_form(
    cli: Cli, lao_cai: Db, tmp_path: Path, count: int, english: str
) -> None:
    rows = [ROW, "IV.1.a,Sở Tài chính,20/02/2026,45/KH-STC\n"][:count]
    out = cli("--lang", "en", "submit", "--from-csv", str(_register(tmp_path, *rows)), *AS_OF)
    assert english in out, out


@pytest.mark.no_database
def test_every_singular_form_belongs_to_a_message() -> None:
    from bmnn_cli.i18n import MESSAGES

    singular = [k for k in MESSAGES if k.endswith("#one")]
    assert singular
    for name in singular:
        base = name.removesuffix("#one")
        assert base in MESSAGES, name
        assert MESSAGES[name][0] == MESSAGES[base][0], name  # Vietnamese has one form
        assert MESSAGES[name][1] != MESSAGES[base][1], name


# -- questions never write ---------------------------------------------------------


def _fingerprint(db: Db) -> object:
    """The database as stored: the SQLite file's bytes (and its WAL), or every row on a server."""
    if isinstance(db, Path) or "://" not in str(db):
        path = Path(db)
        wal = path.with_name(path.name + "-wal")
        body = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        return hashlib.sha256(body).hexdigest()
    # Every row of every table, every column (timestamps too), hashed on the server:
    # one query instead of fetching and sorting each table after every question.
    tables = query(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    return query(
        db,
        " UNION ALL ".join(
            f"SELECT '{table}', COUNT(*), md5(string_agg(t::text, '|' ORDER BY t::text))"
            f" FROM {table} t"
            for (table,) in tables
        ),
    )


QUESTIONS: list[tuple[str, ...]] = [
    ("overdue",),
    ("overdue", "-f", "json"),
    ("due", "--within", "30d"),
    ("due", "--within", "30d", "-f", "csv"),
    ("status",),
    ("status", "-a", "so tai chinh", "-f", "json"),
    ("report", "--quarter", "4"),
    ("report", "-f", "md"),
    ("show", "IV.1.b"),
    ("tasks",),
    ("plans",),
    ("agencies",),
    ("info",),
    ("log",),
    ("ical", "-o", "-"),
    ("remind", "--dry-run", "--include-overdue"),
    ("remind", "--within", "30d"),
    ("import", "--dry-run", str(LAO_CAI)),
]


UNDATED = ("tasks", "plans", "agencies", "info", "log", "import")  # they take no --as-of
FIRST_DAY = "2026-03-02"


@pytest.mark.parametrize(
    "as_of",
    [  # the later days ask about years not stored: every question works them out
        FIRST_DAY,
        pytest.param("2026-12-10", marks=pytest.mark.slow),
        pytest.param("2028-06-30", marks=pytest.mark.slow),
    ],
)
def test_questions_leave_the_database_byte_for_byte_unchanged(
    cli: Cli, lao_cai: Db, as_of: str
) -> None:
    """Every question on the first day; on the later days the ones the day changes.

    A question without `--as-of` (and `check`) reads the same whatever the day, so it
    is asked once: asking it again on a later day would run the same code again.
    """
    before = _fingerprint(lao_cai)
    for question in QUESTIONS:
        if question[0] in UNDATED and as_of != FIRST_DAY:
            continue
        dated = () if question[0] in UNDATED else ("--as-of", as_of)
        cli(*question, *dated)
        assert _fingerprint(lao_cai) == before, question
    cli("explain", "trước ngày 30/10 hàng năm", "--year", as_of[:4])
    if as_of == FIRST_DAY:
        cli("check")
    assert _fingerprint(lao_cai) == before


@pytest.mark.slow  # three questions twice, about a year not stored
def test_a_question_beyond_the_stored_years_answers_as_if_they_were_stored(
    cli: Cli, lao_cai: Db
) -> None:
    """Questions about 2027 see its periods, and store none of them."""
    from bmnn_cli.store.db import open_store
    from bmnn_cli.store.upkeep import ensure_through

    dry = cli("--lang", "en", "import", "--dry-run", str(LAO_CAI))
    cli("due", "--within", "30d", "--as-of", "2026-12-10")  # the example
    asked = [
        ("status", "--as-of", "2027-11-02", "-f", "json"),
        ("overdue", "--as-of", "2027-11-02", "-f", "csv"),
        ("report", "--year", "2027", "--as-of", "2027-11-02", "-f", "json"),
    ]
    answers = [cli(*question) for question in asked]
    assert '"obligations":' in answers[0] and ",2027," in answers[1]
    assert query(lao_cai, "SELECT MAX(year) FROM obligation") == [(2026,)]
    assert query(lao_cai, "SELECT COUNT(*) FROM audit_log WHERE action = 'extend'") == [(0,)]
    assert cli("--lang", "en", "import", "--dry-run", str(LAO_CAI)) == dry
    store = open_store(lao_cai, create=False)
    with store.write() as session:  # what a writing command does before its change
        ensure_through(session, 2027)
    assert [cli(*question) for question in asked] == answers
    extended = query(lao_cai, "SELECT plan, detail FROM audit_log WHERE action = 'extend'")
    assert len(extended) == 1 and extended[0][1].startswith("2027-2027: ")


def test_a_writing_command_stores_the_periods_it_needs_with_an_audit_entry(
    cli: Cli, lao_cai: Db
) -> None:
    cli(
        "waive", "-t", "IV.1.b", "-a", "Sở Tư pháp", "--reason", "sáp nhập", "--as-of", "2027-01-04"
    )
    assert query(lao_cai, "SELECT MAX(year) FROM obligation") == [(2027,)]
    extended = query(lao_cai, "SELECT detail FROM audit_log WHERE action = 'extend'")
    count = query(lao_cai, "SELECT COUNT(*) FROM obligation WHERE year = 2027")[0][0]
    assert extended == [(f"2027-2027: {count} obligations",)]


# -- the strict reading applies to "trước ngày D" only ------------------------------

PHRASES = {  # phrase: (effective due with before = "strict")
    "cuối năm 2026": "2026-12-31",
    "cuối tháng 9/2026": "2026-09-30",
    "hoàn thành trong tháng 3/2026": "2026-03-31",
    "trước ngày 27/02/2026": "2026-02-26",
}


def _phrase_tasks() -> str:
    return "".join(
        f'\n[[tasks]]\nid = "T.{n}"\ntitle = "Việc {n}"\nlead = ["so-tu-phap"]\n'
        f'deliverable = "report"\ndeadline = "{phrase}"\n'
        for n, phrase in enumerate(PHRASES, start=1)
    )


def test_strict_reading_leaves_end_of_period_phrases_alone(
    cli: Cli, db: Db, tmp_path: Path
) -> None:
    path = tmp_path / "strict.toml"
    strict = '[plan.deadlines]\nbefore = "strict"\n'
    path.write_text(plan_text(tasks=_phrase_tasks(), header=strict), encoding="utf-8")
    cli("import", str(path))
    rows = query(
        db, "SELECT t.deadline, o.scheduled_due, o.effective_due FROM obligation o"
        " JOIN task t ON t.id = o.task_id ORDER BY t.position",
    )  # fmt: skip
    assert {phrase: due for phrase, _written, due in rows} == PHRASES


@pytest.mark.no_database
@pytest.mark.parametrize(("phrase", "due"), PHRASES.items())
def test_explain_strict_leaves_end_of_period_phrases_alone(cli: Cli, phrase: str, due: str) -> None:
    import json

    shown = json.loads(cli("explain", phrase, "--year", "2026", "--strict", "-f", "json"))
    assert [row["effective_due"] for row in shown["due"]] == [due]


# -- messages say the date in force, and why it moved -------------------------------


def test_event_and_request_confirm_the_due_date_in_force(cli: Cli, both: Db) -> None:
    """20/04/2026 + 10 days is 30/04, a holiday; 01/05 too, then a weekend: 04/05."""
    args = ("--date", "20/04/2026", "--days", "10", "--as-of", "2026-04-21")
    event = cli("--lang", "en", "event", "-t", "II.4", *args)
    assert "due 04/05/2026 (30/04/2026 is a day off, so the next working day is due)" in event
    request = cli("--lang", "en", "request", "-t", "IV.1.b", *args)
    assert "due 04/05/2026 (30/04/2026 is a day off" in request
    again = cli("--lang", "en", "request", "-t", "IV.1.b", *args)  # no --ref: a second request
    assert "due 04/05/2026" in again
    dues = query(
        both, "SELECT DISTINCT effective_due FROM obligation WHERE period LIKE 'request-%'"
    )
    assert dues == [("2026-05-04",)]


def test_a_reminder_on_a_strict_plan_gives_the_real_reason(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "strict.toml"
    path.write_text(plan_text(header='[plan.deadlines]\nbefore = "strict"\n'), encoding="utf-8")
    cli("import", str(path))
    out = cli("--lang", "en", "remind", "--dry-run", "--within", "7d", "--as-of", "2026-02-20")
    out = " ".join(out.split())  # the message is wrapped
    assert "Effective due date: 26/02/2026" in out
    assert '(the written date is 27/02/2026; "before" is read strictly' in out
    assert "is a day off" not in out


# -- a closed pipe ends quietly ------------------------------------------------------


@pytest.mark.engine_free  # how bmnn ends on SIGPIPE
@pytest.mark.parametrize(
    "question",
    [("status", "-f", "csv"), ("overdue", "-f", "json"), ("overdue",), ("report", "-f", "md")],
)
def test_output_to_a_closed_pipe_ends_quietly(lao_cai: Db, question: tuple[str, ...]) -> None:
    """`bmnn status -f csv | head -1`: the status of a program stopped by SIGPIPE, not 1.

    The reading end is closed before bmnn writes anything, as `head` has
    closed it by the time a short answer is flushed.
    """
    bmnn = Path(sys.executable).with_name("bmnn")
    env = {**os.environ, "BMNN_DB": str(lao_cai)}
    reading, writing = os.pipe()
    os.close(reading)
    try:
        run = subprocess.run(
            [str(bmnn), *question, "--as-of", "2026-12-01"],
            env=env, stdout=writing, stderr=subprocess.PIPE, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(writing)
    assert (run.returncode, run.stderr) == (141, b"")


# -- the official calendar -------------------------------------------------------


def _with_days(registry: str, line: str) -> str:
    """The registry with `line` ("days_off = [...]") in its [province] table."""
    assert "\n[province]\n" in registry and f"\n{line.split()[0]} =" not in registry
    return registry.replace("\n[province]\n", f"\n[province]\n{line}\n", 1)


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("written", "in_force"),
    [
        ("2026-01-01", "2026-01-05"),  # New Year, then Friday 02/01 off (CV 12729/VPCP-KGVX)
        ("2026-01-02", "2026-01-05"),
        ("2026-01-10", "2026-01-10"),  # the Saturday made up is a working day
        ("2026-11-24", "2026-11-24"),  # not a day off in the law as enacted
        ("2026-08-31", "2026-09-03"),  # 31/08 swapped for 22/08, then Quốc khánh
        ("2025-05-02", "2025-05-05"),  # swapped for Saturday 26/04/2025
    ],
)
def test_the_announced_calendar_moves_due_dates(written: str, in_force: str) -> None:
    import datetime as dt

    from bmnn_cli.domain.deadlines import Rules, WorkCalendar, effective_due

    day = dt.date.fromisoformat(written)
    due = effective_due(day, dated=True, rules=Rules(), calendar=WorkCalendar())
    assert due.isoformat() == in_force


@pytest.mark.no_database
def test_the_province_overrides_the_announced_calendar() -> None:
    import datetime as dt

    from bmnn_cli.domain.deadlines import WorkCalendar

    province = WorkCalendar.of(days_off=[dt.date(2026, 1, 10)], working_days=[dt.date(2026, 1, 2)])
    assert province.is_working_day(dt.date(2026, 1, 2))
    assert not province.is_working_day(dt.date(2026, 1, 10))


@pytest.mark.no_database
def test_the_calendar_data_ships_with_the_package() -> None:
    from importlib import resources

    text = resources.files("bmnn_cli.data").joinpath("calendar-vn.toml").read_text("utf-8")
    assert "12729/VPCP-KGVX" in text and "Điều 112" in text
    assert "/work/" not in text  # read from the package, never from a source tree


def test_bmnn_calendar_lists_days_with_their_source(cli: Cli, lao_cai: Db) -> None:
    import json

    days = json.loads(cli("calendar", "2026", "-f", "json"))
    by_date = {row["date"]: row for row in days if not row["province"]}
    assert by_date["2026-01-02"]["kind"] == "day_off"
    assert by_date["2026-01-02"]["notice"] == "12729/VPCP-KGVX"
    assert by_date["2026-01-10"]["kind"] == "working_day"
    assert by_date["2026-11-24"]["kind"] == "not_day_off"
    assert {row["status"] for row in days} == {"announced"}
    table = cli("--lang", "en", "calendar", "2027")
    assert "projected" in table.splitlines()[0] and "Tết" in table


def test_bmnn_calendar_lists_the_province_s_own_days(cli: Cli, db: Db, plan_copy: Path) -> None:
    import json

    registry = plan_copy.with_name("agencies.toml")
    text = registry.read_text(encoding="utf-8")
    registry.write_text(_with_days(text, "days_off = [2026-03-02]"), encoding="utf-8")
    cli("import", str(registry))
    days = json.loads(cli("calendar", "2026", "-f", "json"))
    own = [row for row in days if row["province"]]
    assert [(r["date"], r["kind"], r["source"]) for r in own] == [
        ("2026-03-02", "day_off", "province")
    ]


# -- due dates follow the registry and the calendar in force ------------------------


def test_days_off_added_to_a_registry_move_the_stored_due_dates(
    cli: Cli, db: Db, plan_copy: Path
) -> None:
    cli("import", str(plan_copy))
    registry = plan_copy.with_name("agencies.toml")
    due = "SELECT DISTINCT effective_due FROM obligation o JOIN task t ON t.id = o.task_id"
    assert query(db, due + " WHERE t.code = 'IV.1.a'") == [("2026-02-27",)]
    text = registry.read_text(encoding="utf-8")
    registry.write_text(_with_days(text, "days_off = [2026-02-27]"), encoding="utf-8")
    cli("import", str(registry))  # the registry alone
    assert query(db, due + " WHERE t.code = 'IV.1.a'") == [("2026-03-02",)]
    (detail,) = query(db, "SELECT detail FROM audit_log WHERE action = 'recompute'")[0]
    assert detail.startswith("registry lao-cai: 104 due dates moved; IV.1.a ")
    assert " once 2026-02-27 -> 2026-03-02" in detail
    overdue = cli("overdue", "--as-of", "2026-03-02", "-f", "csv")
    assert "IV.1.a" not in overdue  # 02/03 is the last day now


OLD_CALENDAR = """version = 0
[[years]]
year = 2026
status = "announced"
"""


def _calendar_data(monkeypatch: pytest.MonkeyPatch, text: str | None) -> None:
    """Make bmnn use other calendar data (None: the shipped one), as an upgrade would."""
    from bmnn_cli.domain import calendar_data, official

    monkeypatch.setattr(calendar_data, "text", SHIPPED if text is None else (lambda: text))
    official.official.cache_clear()
    calendar_data.fingerprint.cache_clear()


WRITERS = [("init",), ("submit", "-t", "IV.1.a", "-a", "so tu phap", "--date", "04/01/2026",
                        "--as-of", "2026-01-04")]  # fmt: skip


@pytest.mark.parametrize("writer", WRITERS)
def test_an_upgrade_of_the_calendar_data_moves_the_due_dates(
    cli: Cli, db: Db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: tuple[str, ...]
) -> None:
    """A plan imported with data that lacked CV 12729/VPCP-KGVX (02/01/2026 off)."""
    import json

    task = GOOD_TASK.replace("27/02/2026", "02/01/2026").replace("2026-02-27", "2026-01-02")
    path = tmp_path / "new-year.toml"
    path.write_text(plan_text(task), encoding="utf-8")
    _calendar_data(monkeypatch, OLD_CALENDAR)
    cli("import", str(path))
    due = "SELECT DISTINCT effective_due FROM obligation"
    assert query(db, due) == [("2026-01-02",)]
    _calendar_data(monkeypatch, None)  # the upgrade
    before = _fingerprint(db)
    shown = json.loads(cli("show", "IV.1.a", "--as-of", "2026-01-03", "-f", "json"))
    assert {o["effective_due"] for o in shown["obligations"]} == {"2026-01-05"}
    listed = cli("overdue", "--as-of", "2026-01-03", "-f", "csv")
    assert "IV.1.a" not in listed  # due 05/01 now, not overdue on 03/01
    assert _fingerprint(db) == before  # a question recomputes, and writes nothing
    cli(*writer)  # the first write after the upgrade
    assert query(db, due) == [("2026-01-05",)]
    (detail,) = query(db, "SELECT detail FROM audit_log WHERE action = 'calendar' ORDER BY id")[-1]
    assert detail.startswith("calendar-vn v1 ") and "due dates moved" in detail
    assert "IV.1.a so-tu-phap once 2026-01-02 -> 2026-01-05" in detail
