"""Vietnamese throughout: the audit log, the import change table, Click's own frame."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bmnn_cli import i18n
from bmnn_cli.wording import audit_text, change_text, item_text
from conftest import Cli, Db

AS_OF = "2026-03-10"


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("action", "detail", "vi", "en"),
    [
        ("submit", "once: 2026-02-20 15/KH-STC", "một lần: văn bản 15/KH-STC ngày 20/02/2026",
         "one-off: 15/KH-STC dated 20/02/2026"),
        ("amend", "2026: ref 12/A -> 13/A; sửa số", "2026: số/ký hiệu 12/A → 13/A; lý do: sửa số",
         "2026: reference 12/A → 13/A; reason: sửa số"),
        ("retract", "request-3: 2026-03-01; gửi nhầm",
         "yêu cầu số 3: hủy lần gửi ngày 01/03/2026; lý do: gửi nhầm",
         "request 3: withdrew the submission of 01/03/2026; reason: gửi nhầm"),
        ("request", "2026-03-10 due 2026-03-31 5/CAT",
         "văn bản 5/CAT ngày 10/03/2026, hạn 31/03/2026",
         "5/CAT dated 10/03/2026, due 31/03/2026"),
        ("remind", "smtp: stage -7d of due 2026-03-10 (once); to a@b.vn",
         "thư điện tử, trước hạn 7 ngày (hạn 10/03/2026, một lần); gửi tới a@b.vn",
         "e-mail, 7 days before (due 10/03/2026, one-off); to a@b.vn"),
        ("import", "p.toml: added agency ×113, added task ×22",
         "p.toml: thêm 113 cơ quan, thêm 22 nhiệm vụ",
         "p.toml: added 113 × agency, added 22 × task"),
        ("import", "p.toml: changed task ×1; changed task III.1.1 title: 'a' → 'b'",
         "p.toml: sửa 1 nhiệm vụ; sửa nhiệm vụ III.1.1 nội dung: 'a' → 'b'",
         "p.toml: changed 1 × task; changed task III.1.1 title: 'a' → 'b'"),
        ("import", "registry lao-cai: 4 changes", "danh mục cơ quan tỉnh lao-cai: 4 thay đổi",
         "registry of lao-cai: 4 changes"),
        ("submit", "an older shape", "an older shape", "an older shape"),
    ],
)  # fmt: skip
def test_audit_details_in_words(action: str, detail: str, vi: str, en: str) -> None:
    i18n.set_language("vi")
    assert audit_text(action, detail) == vi
    i18n.set_language("en")
    assert audit_text(action, detail) == en


@pytest.mark.no_database
def test_change_table_words() -> None:
    i18n.set_language("vi")
    assert item_text("task III.1.1") == "nhiệm vụ III.1.1"
    assert change_text("title: 'a' → 'b'") == "nội dung: 'a' → 'b'"
    assert change_text("merged into so-tai-chinh") == "sáp nhập vào so-tai-chinh"
    assert change_text("something else") == "something else"


def test_log_speaks_vietnamese_with_agency_names(cli: Cli, lao_cai: Db) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tai chinh", "-d", "2026-02-20", "--ref", "15/KH-STC",
        "--as-of", AS_OF)  # fmt: skip
    table = cli("log", "--wide")
    assert "một lần: văn bản 15/KH-STC ngày 20/02/2026" in table
    assert "Sở Tài chính" in table and "so-tai-chinh" not in table
    assert "thêm 113 cơ quan" in table and "×" not in table
    english = cli("--lang", "en", "log", "--wide")
    assert "one-off: 15/KH-STC dated 20/02/2026" in english
    stored = json.loads(cli("log", "-f", "json"))[0]
    assert (stored["agency"], stored["detail"]) == ("so-tai-chinh", "once: 2026-02-20 15/KH-STC")


def test_import_change_table_in_vietnamese(cli: Cli, plan_copy: Path) -> None:
    cli("import", str(plan_copy))
    text = plan_copy.read_text(encoding="utf-8")
    plan_copy.write_text(text.replace("date = 2026-02-27", "date = 2026-03-06"), encoding="utf-8")
    out = cli("import", str(plan_copy))
    assert re.search(r"sửa +nhiệm vụ IV\.1\.a +cách hiểu thời hạn:", out), out
    assert "task IV.1.a" not in out and "schedule:" not in out


# -- Click's own frame ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["submit", "-t", "IV.1.a", "-a", "x", "--date", "32/13/2026"],
         "Lỗi: Giá trị không hợp lệ cho '--date' / '-d': ",
         "Error: Invalid value for '--date' / '-d': "),
        (["overdue", "--bye"], "Lỗi: Không có tùy chọn --bye (các tùy chọn có: --by",
         "Error: No such option: --bye (Possible options: --by"),
        (["overdue", "--by", "plan"], "'plan' không phải một trong 'agency', 'task'.",
         "'plan' is not one of 'agency', 'task'."),
        (["overdu"], "Lỗi: Không có lệnh 'overdu'. Có phải là 'overdue'?",
         "Error: No such command 'overdu'. Did you mean 'overdue'?"),
        (["show"], "Lỗi: Thiếu tham số 'NHIỆM_VỤ'.", "Error: Missing argument 'TASK'."),
        (["overdue", "--limit", "x"], "'--limit' / '-n': phải là một số nguyên",
         "'--limit' / '-n': must be a whole number"),
        (["overdue", "--as-of"], "Lỗi: Tùy chọn '--as-of' cần một giá trị",
         "Error: Option '--as-of' requires a value"),
    ],
)  # fmt: skip
def test_clicks_frame_in_the_language_of_the_run(
    cli: Cli, lao_cai: Db, args: list[str], vi: str, en: str
) -> None:
    err = cli.fail(*args, code=2, lang="vi")
    assert vi in err, err
    assert "Usage" not in err and "Error" not in err and "Try '" not in err
    if "--as-of" not in args:  # an option missing its value has no usage line
        assert err.startswith("Cách dùng: bmnn") and "để biết cách dùng" in err
    english = cli.fail(*args, code=2, lang="en")
    assert en in english, english


def test_a_bad_option_in_a_real_process_exits_2_in_vietnamese(lao_cai: Db) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bmnn_cli", "due", "--within", "soon"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert "Lỗi:" in done.stderr and "Error" not in done.stderr and "Traceback" not in done.stderr


# -- files for people: --headers vi, -o FILE ------------------------------------------


def test_csv_with_vietnamese_headings_for_excel(cli: Cli, lao_cai: Db) -> None:
    import csv
    import io

    keys = cli("overdue", "--as-of", AS_OF, "-f", "csv")
    assert keys.startswith("agency_id,agency,") and "\ufeff" not in keys
    people = cli("overdue", "--as-of", AS_OF, "-f", "csv", "--headers", "vi")
    assert people.startswith("\ufeffCơ quan,Kế hoạch,Nhiệm vụ,Nội dung,")
    rows = list(csv.reader(io.StringIO(people.removeprefix("\ufeff"))))
    assert rows[1][4:7] == ["27/02/2026", "27/02/2026", "11"]
    assert len(rows) == len(keys.splitlines())
    status = cli("status", "--as-of", AS_OF, "-f", "csv", "--headers", "vi")
    assert "Tỷ lệ đúng hạn" in status.splitlines()[0] and "cơ quan" in status
    english = cli("--lang", "en", "status", "--as-of", AS_OF, "-f", "csv", "--headers", "vi")
    assert english.startswith("\ufeffAgency,Level,Due so far")


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", AS_OF],
        ["due", "--as-of", "2026-02-20"],
        ["status", "--as-of", AS_OF],
        ["tasks"],
        ["plans"],
        ["agencies"],
        ["log"],
        ["submissions"],
        ["show", "IV.1.a", "--as-of", AS_OF],
        ["agency", "so-tu-phap", "--as-of", AS_OF],
        ["today", "--as-of", AS_OF],
    ],
)
def test_every_listing_writes_a_file_and_a_workbook(
    cli: Cli, lao_cai: Db, tmp_path: Path, args: list[str]
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "out.csv"
    shown = cli(*args, "-f", "csv")
    cli(*args, "-f", "csv", "-o", str(target))
    assert target.read_text(encoding="utf-8") == shown
    book = tmp_path / "out.xlsx"
    cli(*args, "-f", "xlsx", "-o", str(book))
    assert load_workbook(book).worksheets
