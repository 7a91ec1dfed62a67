"""Issue 12: figures fit for the Chairman's report.

A submission is recorded once, answers the earliest open dated period, and
never a continuous duty unless the officer names it; counts in English say
"1 row"; a closed pipe ends quietly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Cli, Db, dump, query

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


def test_every_singular_form_belongs_to_a_message() -> None:
    from bmnn_cli.i18n import MESSAGES

    singular = [k for k in MESSAGES if k.endswith("#one")]
    assert singular
    for name in singular:
        base = name.removesuffix("#one")
        assert base in MESSAGES, name
        assert MESSAGES[name][0] == MESSAGES[base][0], name  # Vietnamese has one form
        assert MESSAGES[name][1] != MESSAGES[base][1], name
