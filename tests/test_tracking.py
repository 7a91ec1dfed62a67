"""Statuses checked by hand on the two example plans, at chosen as-of dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bmnn_cli import i18n
from bmnn_cli.domain.periods import period_label
from conftest import Cli, dump, group_members, query

SO_TU_PHAP = "Sở Tư pháp"


def label(period: str, lang: str = "en") -> str:
    """How the CLI shows a period key in `lang` ("once": "một lần" in Vietnamese)."""
    i18n.set_language(lang)
    try:
        return period_label(period)
    finally:
        i18n.set_language("vi")


def statuses(
    cli: Cli, task: str, as_of: str, agency: str = SO_TU_PHAP, plan: str | None = None
) -> list[str]:
    args = ["show", task, "--as-of", as_of, "--format", "json"] + (["--plan", plan] if plan else [])
    rows = json.loads(cli(*args))["obligations"]
    return [r["status"] for r in rows if r["agency"] == agency]


def test_plan_due_27_02_is_pending_then_overdue(cli: Cli, lao_cai: Path) -> None:
    # 27/02/2026 is a Friday: the 27th itself is still on time (inclusive reading)
    assert statuses(cli, "IV.1.a", "2026-02-27") == ["pending"]
    assert statuses(cli, "IV.1.a", "2026-02-28") == ["overdue"]


def test_submission_on_the_day_is_on_time_and_after_is_late(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "27/02/2026", "--as-of", "2026-03-02")
    cli("submit", "-t", "IV.1.a", "-a", "Sở Nội vụ", "-d", "02/03/2026", "--as-of", "2026-03-02")
    assert statuses(cli, "IV.1.a", "2026-03-02") == ["done_on_time"]
    assert statuses(cli, "IV.1.a", "2026-03-02", agency="Sở Nội vụ") == ["done_late"]
    # rerun for a past day: the later submission does not count yet
    assert statuses(cli, "IV.1.a", "2026-03-01", agency="Sở Nội vụ") == ["overdue"]


def test_yearly_30_10_and_weekend_roll(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("show", "IV.1.b", "--as-of", "2027-11-02", "--format", "json"))[
        "obligations"
    ]
    mine = {
        r["period"]: r
        for r in rows
        if r["agency"] == SO_TU_PHAP and r["period"] in ("2026", "2027")
    }
    assert mine["2026"]["effective_due"] == "2026-10-30"  # a Friday
    assert mine["2027"]["scheduled_due"] == "2027-10-30"  # a Saturday …
    assert mine["2027"]["effective_due"] == "2027-11-01"  # … moves to Monday
    assert statuses(cli, "IV.1.b", "2027-11-01")[:2] == ["overdue", "pending"]
    assert statuses(cli, "IV.1.b", "2027-11-02")[:2] == ["overdue", "overdue"]


def test_open_ended_yearly_stops_at_as_of_year(cli: Cli, lao_cai: Path) -> None:
    periods = {
        r["period"]
        for r in json.loads(cli("show", "IV.1.b", "--as-of", "2028-01-05", "-f", "json"))[
            "obligations"
        ]
    }
    assert {"2026", "2027", "2028"} <= periods and "2029" not in periods
    periods = {
        r["period"]
        for r in json.loads(cli("show", "IV.1.b", "--as-of", "2026-05-05", "-f", "json"))[
            "obligations"
        ]
    }
    assert "2027" not in periods


def test_continuous_duty_is_never_overdue(cli: Cli, lao_cai: Path) -> None:
    assert statuses(cli, "III.2", "2030-12-31") == ["ongoing"]
    overdue = json.loads(cli("overdue", "--as-of", "2030-12-31", "--format", "json"))
    assert all(r["task"] != "III.2" for r in overdue)


def test_quarter_ends_in_cao_bang(cli: Cli, both: Path) -> None:
    police = "Công an tỉnh"
    # Quý II/2026 ends Tuesday 30/06; Quý III/2026 ends Wednesday 30/09
    assert statuses(cli, "II.2.a", "2026-06-30", police, "cao-bang-luat-bmnn-2026") == ["pending"]
    assert statuses(cli, "II.2.a", "2026-07-01", police, "cao-bang-luat-bmnn-2026") == ["overdue"]
    assert statuses(cli, "II.1.a", "2026-09-30", police, "cao-bang-luat-bmnn-2026") == ["pending"]
    assert statuses(cli, "II.1.a", "2026-10-01", police, "cao-bang-luat-bmnn-2026") == ["overdue"]


def test_overdue_lists_most_late_first(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("overdue", "--as-of", "2026-11-27", "--format", "json"))
    late = [r["days_late"] for r in rows]
    assert late == sorted(late, reverse=True) and late[0] == 273  # 27/02 → 27/11
    assert {r["task"] for r in rows} >= {"IV.1.a", "IV.1.b"}
    assert rows[0]["deadline"] == "trước ngày 27/02/2026"


def test_fail_on_overdue_exit_code(cli: Cli, lao_cai: Path) -> None:
    cli("overdue", "--as-of", "2026-02-01", "--fail-on-overdue", code=0)
    cli("overdue", "--as-of", "2026-03-01", "--fail-on-overdue", code=1)


def test_due_within(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("due", "--within", "14d", "--as-of", "2026-02-20", "--format", "json"))
    assert rows and {r["task"] for r in rows} == {"IV.1.a"}
    assert rows[0]["days_left"] == 7
    assert (
        json.loads(cli("due", "--within", "3d", "--as-of", "2026-02-20", "--format", "json")) == []
    )


def test_status_counts_and_rate(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-11-27")
    cli("submit", "-t", "IV.1.b", "-a", "so tu phap", "-d", "02/11/2026", "--as-of", "2026-11-27")
    rows = json.loads(
        cli("status", "--agency", "so tu phap", "--as-of", "2026-11-27", "--format", "json")
    )
    row = next(r for r in rows if r["level"] == "agency")
    assert (row["fallen_due"], row["on_time"], row["late"], row["overdue"]) == (2, 1, 1, 0)
    assert row["rate"] == 0.5
    assert row["last_submission"] == "2026-11-02"
    assert row["ongoing"] >= 1  # continuous duties (III.2) and đột xuất


def test_status_group_roll_up(cli: Cli, lao_cai: Path) -> None:
    rows = json.loads(cli("status", "--as-of", "2026-03-01", "--format", "json"))
    communes = next(r for r in rows if r["level"] == "group" and r["agency_id"] == "ubnd-xa-phuong")
    assert communes["overdue"] == len(group_members("ubnd-xa-phuong"))  # plans due by 27/02
    assert rows[-1]["level"] == "total"


def test_report_quarter(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-04-05")
    data = json.loads(
        cli("report", "--quarter", "1", "--year", "2026", "--as-of", "2026-04-05", "-f", "json")
    )
    assert data["period"]["start"] == "2026-01-01" and data["period"]["end"] == "2026-03-31"
    totals = data["totals"]
    assert totals["on_time"] == 1 and totals["overdue"] == totals["fallen_due"] - 1
    assert len(data["overdue"]) == totals["overdue"]
    assert data["worst"] and data["worst"][0]["overdue"] == 1
    md = cli(
        "report", "--quarter", "1", "--year", "2026", "--as-of", "2026-04-05", "--format", "md"
    )
    assert md.startswith("# ") and "| Sở Tư pháp |" in md
    assert "Không xác định hạn" not in md  # a duty without a due date never falls in a period
    assert "Không xác định hạn" in cli("status", "--as-of", "2026-04-05", "--format", "md")
    q3 = json.loads(cli("report", "-q", "3", "-y", "2026", "--as-of", "2026-10-05", "-f", "json"))
    assert q3["totals"] is None  # nothing in the Lào Cai plan falls due in Quý III


def test_a_quarter_with_nothing_overdue_says_it_of_that_quarter(cli: Cli, lao_cai: Path) -> None:
    """Obligations of other quarters are overdue: the report's sentence must not deny it."""
    args = ("report", "-q", "3", "-y", "2026", "--as-of", "2026-12-01")
    assert json.loads(cli("overdue", "--as-of", "2026-12-01", "-f", "json"))  # overdue elsewhere
    tail = cli(*args).strip().splitlines()[-1]
    assert (
        tail
        == "Không có nghĩa vụ nào đến hạn trong quý III/2026 bị quá hạn tính đến ngày 01/12/2026."
    )
    english = cli("--lang", "en", *args, "-f", "md")
    assert "No obligation falling due in quarter III/2026 is overdue as of 01/12/2026." in english
    assert "Nothing is overdue" not in english


def test_duplicate_submission_is_idempotent(cli: Cli, lao_cai: Path) -> None:
    args = (
        "submit",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "-d",
        "20/02/2026",
        "--as-of",
        "2026-03-01",
    )
    cli(*args)
    before = dump(lao_cai)
    assert "không ghi thêm" in cli(*args)
    assert dump(lao_cai) == before


def test_correcting_an_agency_that_sent_nothing_names_it(cli: Cli, lao_cai: Path) -> None:
    """Another agency sent for the task: "no submission for the task" would be false."""
    cli("submit", "-t", "IV.1.b", "-a", "so tu phap", "-d", "29/10/2026", "--as-of", "2026-12-01")
    before = dump(lao_cai)
    for command in (["retract"], ["amend", "-d", "30/10/2026", "--as-of", "2026-12-01"]):
        err = cli.fail(*command, "-t", "IV.1.b", "-a", "xa khao mang", "--reason", "x", code=4)
        assert (
            err
            == "bmnn: no submission of Ủy ban nhân dân xã Khao Mang recorded for task 'IV.1.b'\n"
        )
    assert dump(lao_cai) == before


def test_a_period_is_named_in_either_language_whatever_the_run_speaks(
    cli: Cli, lao_cai: Path
) -> None:
    """A script written with "một lần" keeps working under BMNN_LANG=en, and the other way."""
    for lang, period, agency in (("en", "một lần", "xa phinh ho"), ("vi", "One-off", "xa tu le")):
        cli("--lang", lang, "waive", "-t", "IV.1.a", "-a", agency, "--period", period,
            "--reason", "sáp nhập", "--as-of", "2026-03-02")  # fmt: skip
    sql = "SELECT a.code, o.period FROM obligation o JOIN agency a ON a.id = o.agency_id"
    waived = query(lao_cai, sql + " WHERE o.waived_on IS NOT NULL ORDER BY a.code")
    assert waived == [("xa-phinh-ho", "once"), ("xa-tu-le", "once")]


def test_titles_are_whole_where_no_terminal_must_fit_them(cli: Cli, lao_cai: Path) -> None:
    """A pipe, Markdown for a written report and CSV get every title whole (the README's word)."""
    rows = json.loads(cli("overdue", "--as-of", "2026-03-05", "-f", "json"))
    longest = max((row["title"] for row in rows), key=len)
    assert len(longest) > 60  # the cut that was made before any table had to fit
    for fmt in (["-f", "table"], ["-f", "md"], ["-f", "csv", "--headers", "vi"], ["--by", "task"]):
        assert longest in cli("overdue", "--as-of", "2026-03-05", *fmt), fmt


def test_a_merged_agency_is_sent_to_its_successor(cli: Cli, lao_cai: Path) -> None:
    before = dump(lao_cai)
    err = cli.fail("submit", "-t", "IV.1.b", "-a", "Sở Kế hoạch và Đầu tư", "-d", "01/10/2026",
                   "--as-of", "2026-12-01", code=4)  # fmt: skip
    assert err.startswith("bmnn: Sở Kế hoạch và Đầu tư (so-khdt) is not answerable for task")
    assert err.endswith(
        "; it was merged into Sở Tài chính on 01/03/2025: record it for Sở Tài chính\n"
    )
    assert dump(lao_cai) == before


def test_amend_and_retract_keep_history(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-03-05")
    cli(
        "amend",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "-d",
        "01/03/2026",
        "--reason",
        "sai ngày",
        "--as-of",
        "2026-03-05",
    )
    assert statuses(cli, "IV.1.a", "2026-03-05") == ["done_late"]
    cli("retract", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "nhầm cơ quan")
    assert statuses(cli, "IV.1.a", "2026-03-05") == ["overdue"]
    states = query(lao_cai, "SELECT submitted_on, state, reason FROM submission ORDER BY id")
    assert states == [("2026-02-20", "superseded", ""), ("2026-03-01", "retracted", "nhầm cơ quan")]


def test_waive(cli: Cli, lao_cai: Path) -> None:
    cli(
        "waive",
        "-t",
        "IV.1.a",
        "-a",
        "so tu phap",
        "--reason",
        "mới thành lập",
        "--as-of",
        "2026-03-01",
    )
    assert statuses(cli, "IV.1.a", "2026-03-02") == ["waived"]
    assert statuses(cli, "IV.1.a", "2026-02-28") == ["overdue"]  # not waived yet on that day


def test_a_sent_period_is_not_waived(cli: Cli, lao_cai: Path) -> None:
    """A waiver would hide the submission behind "miễn": retract first, then waive."""
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-03-01")
    before = dump(lao_cai)
    waive = ["waive", "-t", "IV.1.a", "-a", "so tu phap", "--period", "once", "--reason", "x"]
    err = cli.fail(*waive, "--as-of", "2026-03-02", code=6)
    assert "already sent period" in err and "20/02/2026" in err and "bmnn retract" in err
    assert dump(lao_cai) == before
    assert statuses(cli, "IV.1.a", "2026-03-02") == ["done_on_time"]


def test_ad_hoc_request_creates_obligations(cli: Cli, lao_cai: Path) -> None:
    out = cli(
        "--lang", "en", "request", "-t", "IV.1.b", "--due", "15/12/2026", "--date", "01/12/2026",
        "--agency", "so tu phap", "--agency", "Sở Nội vụ", "--as-of", "2026-12-01",
    )  # fmt: skip
    assert "2 new obligations" in out
    assert "pending" in statuses(cli, "IV.1.b", "2026-12-10")
    overdue = json.loads(
        cli("overdue", "--as-of", "2026-12-16", "--agency", "so noi vu", "-f", "json")
    )
    assert any(r["period"].startswith("request-") for r in overdue)


def test_event_counts_from_the_day_after(cli: Cli, both: Path) -> None:
    cli(
        "event", "-t", "II.4", "--plan", "cao-bang-luat-bmnn-2026", "--date", "03/03/2026",
        "--days", "10", "--as-of", "2026-03-03",
    )  # fmt: skip
    rows = json.loads(
        cli(
            "show",
            "II.4",
            "--plan",
            "cao-bang-luat-bmnn-2026",
            "--as-of",
            "2026-03-13",
            "-f",
            "json",
        )
    )
    dated = [r for r in rows["obligations"] if r["period"].startswith("request-")]
    assert dated and {r["scheduled_due"] for r in dated} == {"2026-03-13"}
    assert {r["status"] for r in dated} == {"pending"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["submit", "-t", "IV.9", "-a", "so tu phap", "-d", "2026-02-20"],
            4,
            "unknown task 'IV.9'",
        ),
        (
            ["submit", "-t", "IV.1.a", "-a", "so tu phapp", "-d", "2026-02-20"],
            4,
            "did you mean 'Sở Tư pháp'",
        ),
        (
            ["submit", "-t", "III.7", "-a", "so tu phap", "-d", "2026-02-20"],
            4,
            "not answerable for task 'III.7'",
        ),
        (
            ["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-05-20"],
            2,
            "after the as-of date",
        ),
        (["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2020-05-20"], 2, "is before"),
        (["report", "--quarter", "5"], 2, "--quarter"),
        (["due", "--within", "abc"], 2, "'abc' is not a span"),
        (["request", "-t", "III.2", "--due", "2026-04-01"], 6, "no an ad-hoc (đột xuất) schedule"),
        (["overdue", "--as-of", "31/02/2026"], 2, "'31/02/2026' is not a"),
        (
            ["request", "-t", "IV.1.b", "--due", "2026-03-10", "--days", "5"],
            2,
            "give --due or --days, not both",
        ),
        (
            ["amend", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "sai"],
            2,
            "nothing to change: give --date, --ref or --note",
        ),
        (
            ["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-02-20", "--period", "2027"],
            4,
            "has no period '2027' (periods: {once})",
        ),
    ],
)
def test_bad_tracking_input(
    cli: Cli, lao_cai: Path, args: list[str], code: int, message: str
) -> None:
    before = dump(lao_cai)
    if "--as-of" not in args:
        args = [*args, "--as-of", "2026-03-01"]
    err = cli.fail(*args, code=code)
    assert message.format(once=label("once")) in err and "Traceback" not in err
    assert dump(lao_cai) == before


def test_csv_register(cli: Cli, lao_cai: Path, tmp_path: Path) -> None:
    good = tmp_path / "register.csv"
    good.write_text(
        "task,agency,date,ref\n"
        "IV.1.a,so tu phap,20/02/2026,45/KH-STP\n"
        "IV.1.a,Sở Nội vụ,2026-03-02,\n",
        encoding="utf-8",
    )
    out = cli("--lang", "en", "submit", "--from-csv", str(good), "--as-of", "2026-03-05")
    assert "2 rows" in out and "2 new" in out
    assert statuses(cli, "IV.1.a", "2026-03-05", agency="Sở Nội vụ") == ["done_late"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "task,agency,date\nIV.1.a,Sở Tài chính,20/02/2026\nIV.1.a,Sở Nope,21/02/2026\n",
        encoding="utf-8",
    )
    before = dump(lao_cai)
    err = cli.fail("submit", "--from-csv", str(bad), "--as-of", "2026-03-05", code=3)
    assert f"{bad}:3:" in err and "Sở Nope" in err
    assert dump(lao_cai) == before


def test_csv_register_as_excel_saves_it_in_vietnamese(
    cli: Cli, lao_cai: Path, tmp_path: Path
) -> None:
    """Semicolons (Excel where the decimal mark is a comma) and Vietnamese column names."""
    register = tmp_path / "so-cong-van-den.csv"
    register.write_text(
        'Nhiệm vụ;Cơ quan;Ngày;"Số, ký hiệu"\nIV.1.a;so tu phap;20/02/2026;45/KH-STP\n',
        encoding="utf-8-sig",
    )
    out = cli("--lang", "en", "submit", "--from-csv", str(register), "--as-of", "2026-03-05")
    assert "Imported 1 row from" in out, out
    refs = query(lao_cai, "SELECT ref FROM submission")
    assert refs == [("45/KH-STP",)]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Nhiệm vụ;Ngày\nIV.1.a;20/02/2026\n", encoding="utf-8")
    err = cli.fail("submit", "--from-csv", str(wrong), "--as-of", "2026-03-05", code=3)
    assert "missing column(s) agency; header is Nhiệm vụ, Ngày" in err


def test_a_group_is_found_by_the_words_of_its_name(cli: Cli, lao_cai: Path) -> None:
    by_name = cli(
        "overdue", "--group", "UBND các xã, phường", "--as-of", "2026-03-02", "-f", "json"
    )
    by_words = cli("overdue", "--group", "cac xa phuong", "--as-of", "2026-03-02", "-f", "json")
    assert by_words == by_name and len(by_name) > 1000
    err = cli.fail("overdue", "--group", "hai quan", "--as-of", "2026-03-02", code=4)
    assert "unknown group 'hai quan' (groups: " in err


def test_an_agency_nothing_like_any_other_points_to_the_list(cli: Cli, lao_cai: Path) -> None:
    err = cli.fail("overdue", "--agency", "QQQ", "--as-of", "2026-03-02", code=4)
    assert "unknown agency or group 'QQQ'; see the list: bmnn agencies" in err


# -- amend keeps what is not given -------------------------------------------------

SO_TAI_CHINH = ("-t", "IV.1.a", "-a", "so tai chinh")


def submissions(db: Path) -> list[tuple[object, ...]]:
    return query(db, "SELECT submitted_on, ref, note, state FROM submission ORDER BY id")


def test_amend_ref_only_keeps_the_date(cli: Cli, lao_cai: Path) -> None:
    cli("submit", *SO_TAI_CHINH, "-d", "20/02/2026", "--ref", "12/KH-STC", "--as-of", "2026-03-02")
    out = cli(
        "--lang", "en", "amend", *SO_TAI_CHINH, "--ref", "13/KH-STC", "--reason",
        "sửa số ký hiệu", "--as-of", "2026-11-27",
    )  # fmt: skip
    assert statuses(cli, "IV.1.a", "2026-11-27", agency="Sở Tài chính") == ["done_on_time"]
    assert submissions(lao_cai) == [
        ("2026-02-20", "12/KH-STC", "", "superseded"),
        ("2026-02-20", "13/KH-STC", "", "active"),
    ]
    assert f"for IV.1.a ({label('once')}): reference 12/KH-STC → 13/KH-STC." in out
    assert "27/11/2026" not in out and "date" not in out


def test_amend_says_each_change(cli: Cli, lao_cai: Path) -> None:
    cli("submit", *SO_TAI_CHINH, "-d", "20/02/2026", "--ref", "12/KH-STC", "--as-of", "2026-03-02")
    out = cli(
        "--lang", "en", "amend", *SO_TAI_CHINH, "-d", "02/03/2026", "--note", "bản chính",
        "--reason", "sai ngày", "--as-of", "2026-03-05",
    )  # fmt: skip
    assert out.endswith(": date 20/02/2026 → 02/03/2026; note (none) → bản chính.\n")
    assert statuses(cli, "IV.1.a", "2026-03-05", agency="Sở Tài chính") == ["done_late"]
    assert submissions(lao_cai)[-1] == ("2026-03-02", "12/KH-STC", "bản chính", "active")
    out = cli("amend", *SO_TAI_CHINH, "--ref", "", "--reason", "bỏ số", "--as-of", "2026-03-05")
    assert "số/ký hiệu 12/KH-STC → (trống)" in out


def test_amend_with_nothing_to_change(cli: Cli, lao_cai: Path) -> None:
    cli("submit", *SO_TAI_CHINH, "-d", "20/02/2026", "--ref", "12/KH-STC", "--as-of", "2026-03-02")
    before = dump(lao_cai)
    args = ("amend", *SO_TAI_CHINH, "--reason", "sửa", "--as-of", "2026-11-27")
    err = cli.fail(*args, code=2)
    assert "nothing to change: give --date, --ref or --note" in err
    assert "ngày gửi (--date), số/ký hiệu (--ref) hoặc ghi chú (--note)" in cli.fail(
        *args, code=2, lang="vi"
    )
    # what is given is what is recorded already: nothing to do, said so
    out = cli(*args, "--ref", "12/KH-STC", "-d", "20/02/2026")
    assert "đã được ghi nhận đúng như vậy; không sửa gì" in out
    assert dump(lao_cai) == before


# -- waive: once, and never a duty without a due date by default -----------------------


def test_waive_twice_changes_nothing(cli: Cli, lao_cai: Path) -> None:
    args = ("waive", "-t", "IV.1.b", "-a", "so noi vu", "--reason", "sáp nhập")
    assert "(2026): sáp nhập." in cli(*args, "--as-of", "2026-11-27")
    before = dump(lao_cai)
    out = cli("--lang", "en", *args, "--as-of", "2026-11-27")
    assert out == (
        "Already recorded: Sở Nội vụ is waived for IV.1.b (2026) since 27/11/2026: sáp nhập; "
        "nothing added.\n"
    )
    assert dump(lao_cai) == before
    rows = json.loads(cli("show", "IV.1.b", "--as-of", "2026-11-27", "-f", "json"))
    mine = {r["period"]: r["status"] for r in rows["obligations"] if r["agency"] == "Sở Nội vụ"}
    assert mine == {"2026": "waived", "ongoing": "ongoing"}
    # naming the period again changes nothing either
    out = cli(*args, "--period", "2026", "--as-of", "2026-11-28")
    assert "từ ngày 27/11/2026: sáp nhập; không ghi thêm" in out
    assert dump(lao_cai) == before


def test_waive_names_a_duty_without_due_date_only_by_period(cli: Cli, lao_cai: Path) -> None:
    before = dump(lao_cai)
    args = ("waive", "-t", "III.2", "-a", "so tu phap", "--reason", "chuyển giao")
    err = cli.fail(*args, "--as-of", "2026-11-27", code=6)
    assert "has no dated period open for task 'III.2'" in err
    assert f"--period '{label('ongoing')}'" in err
    err = cli.fail(*args, "--as-of", "2026-11-27", code=6, lang="vi")
    assert "chỉ được miễn khi chỉ rõ kỳ: --period 'thường xuyên'" in err
    assert dump(lao_cai) == before
    cli(*args, "--period", "Thuong Xuyen", "--as-of", "2026-11-27")
    assert statuses(cli, "III.2", "2026-11-27") == ["waived"]
    # a yearly task's 2026 period is waived; its "đột xuất" duty is left alone
    args = ("waive", "-t", "IV.1.b", "-a", "so noi vu", "--as-of", "2026-11-27")
    cli(*args, "--reason", "sáp nhập")
    before = dump(lao_cai)
    assert "--period 'ongoing'" in cli.fail(*args, "--reason", "giải thể", code=6)
    assert dump(lao_cai) == before


# -- request: one document is recorded once -------------------------------------------


def test_request_with_the_same_ref_is_recorded_once(cli: Cli, lao_cai: Path) -> None:
    args = ("request", "-t", "IV.1.b", "--due", "15/12/2026", "-d", "01/12/2026")
    cli(*args, "--ref", "123/CAT-PA03", "--as-of", "2026-12-01")
    before = dump(lao_cai)
    out = cli(*args, "--ref", "123/CAT-PA03", "--as-of", "2026-12-02")
    assert out == (
        "Đã có sẵn: văn bản số 123/CAT-PA03 cho IV.1.b ngày 01/12/2026 (yêu cầu số 1), "
        "hạn 15/12/2026; không ghi thêm.\n"
    )
    out = cli("--lang", "en", *args, "--ref", " 123/cat-pa03", "--as-of", "2026-12-02")
    assert out.startswith("Already recorded: document 123/CAT-PA03 for IV.1.b on 01/12/2026")
    assert f"({label('request-1')}), due 15/12/2026; nothing added." in out
    assert dump(lao_cai) == before
    cli(*args, "--ref", "124/CAT-PA03", "--as-of", "2026-12-02")
    assert query(lao_cai, "SELECT ref FROM request ORDER BY id") == [
        ("123/CAT-PA03",),
        ("124/CAT-PA03",),
    ]


def test_request_due_and_days_together_is_refused(cli: Cli, lao_cai: Path) -> None:
    args = ("request", "-t", "IV.1.b", "--due", "15/12/2026", "--days", "10")
    before = dump(lao_cai)
    assert "give --due or --days, not both" in cli.fail(*args, "--as-of", "2026-12-01", code=2)
    err = cli.fail(*args, "--as-of", "2026-12-01", code=2, lang="vi")
    assert "hạn (--due) hoặc số ngày được giao (--days), không dùng đồng thời cả hai" in err
    assert dump(lao_cai) == before


# -- periods as people read them ---------------------------------------------------------


def test_messages_show_periods_as_people_read_them(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-03-01")
    again = ("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "25/02/2026")
    err = cli.fail(*again, "--as-of", "2026-03-01", code=6, lang="vi")
    assert "(một lần: 20/02/2026)" in err and "once" not in err
    err = cli.fail(*again, "--period", "once", "--as-of", "2026-03-01", code=6)
    assert f"for IV.1.a ({label('once')}) dated 20/02/2026" in err
    cli(
        "request", "-t", "IV.1.b", "--due", "15/12/2026", "-d", "01/12/2026", "--as-of",
        "2026-12-01",
    )  # fmt: skip
    args = ("submit", "-t", "IV.1.b", "-a", "so tu phap", "--as-of", "2026-12-02")
    err = cli.fail(*args, "--period", "2030", code=4, lang="vi")
    assert "(các kỳ: 2026, yêu cầu số 1, thường xuyên)" in err
    err = cli.fail(*args, "--period", "2030", code=4)
    assert f"(periods: 2026, {label('request-1')}, {label('ongoing')})" in err
    err = cli.fail("retract", "-t", "IV.1.b", "-a", "so tu phap", "--period", "request-1",
                   "--reason", "nhầm", code=4, lang="vi")  # fmt: skip
    assert "cho kỳ 'yêu cầu số 1'" in err


@pytest.mark.parametrize(
    ("lang", "period"),
    [
        ("vi", "yêu cầu số 1"),
        ("vi", "YEU CAU SO 1"),
        ("en", label("request-1")),
        ("en", "request-1"),
    ],
)
def test_period_option_takes_what_listings_show(
    cli: Cli, lao_cai: Path, lang: str, period: str
) -> None:
    cli(
        "request", "-t", "IV.1.b", "--due", "15/12/2026", "-d", "01/12/2026", "--as-of",
        "2026-12-01",
    )  # fmt: skip
    cli("--lang", lang, "submit", "-t", "IV.1.b", "-a", "so tu phap", "--period", period,
        "-d", "02/12/2026", "--as-of", "2026-12-02")  # fmt: skip
    rows = json.loads(cli("show", "IV.1.b", "--as-of", "2026-12-02", "-f", "json"))
    mine = {r["period"]: r["status"] for r in rows["obligations"] if r["agency"] == SO_TU_PHAP}
    assert mine["request-1"] == "done_on_time" and mine["2026"] == "overdue"
    once = "một lần" if lang == "vi" else label("once")
    cli("--lang", lang, "waive", "-t", "IV.1.a", "-a", "so tu phap", "--reason", "mới thành lập",
        "--period", once.upper(), "--as-of", "2026-12-02")  # fmt: skip
    assert statuses(cli, "IV.1.a", "2026-12-02") == ["waived"]
