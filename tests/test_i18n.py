"""One catalogue for every message, Vietnamese by default, English on request."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from bmnn_cli.i18n import MESSAGES
from conftest import ROOT, Cli

SOURCE = ROOT / "src" / "bmnn_cli"
ERROR_CLASSES = {"NotFound", "UsageError", "InputError", "Refused", "DatabaseError", "Busy"}
ERROR_CLASSES |= {"DeliveryError", "BadParameter"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.no_database
def test_both_languages_say_it_with_the_same_values() -> None:
    """Every key has both texts, with the same {fields}; all the keys at fault are named."""
    empty = [key for key, (vi, en) in sorted(MESSAGES.items()) if not (vi.strip() and en.strip())]
    unlike = {
        key: (sorted(fields(vi)), sorted(fields(en)))
        for key, (vi, en) in sorted(MESSAGES.items())
        if fields(vi) != fields(en)
    }
    assert len(MESSAGES) > 100  # the catalogue was assembled
    assert not (empty or unlike), f"empty: {empty}; fields differ (vi, en): {unlike}"


def calls(path: Path) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call)]


def name_of(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def test_every_key_the_code_asks_for_exists() -> None:
    asked = {
        str(call.args[0].value)
        for path in SOURCE.rglob("*.py")
        for call in calls(path)
        if name_of(call) == "t" and call.args and isinstance(call.args[0], ast.Constant)
    }
    assert asked, "no t() calls found"
    assert sorted(asked - MESSAGES.keys()) == []


# Keys the code builds from a value (t(f"status.{row['status']}")): each prefix is
# the constant start of an f-string in src, which the test checks.
BUILT_PREFIXES = (
    "action.", "agency_kind.", "amend.", "calendar.kind_", "calendar.status_", "change.",
    "channel.", "click.can.", "click.kind.", "deliverable.", "err.undo.answered_", "explain.",
    "field.", "help.frame.kind.",
    "info.", "item.",
    "level.", "msg.cancelled_", "param.", "period.", "remind.section_", "schedule_kind.",
    "source.", "status.", "waiver_state.", "weekday.",
)  # fmt: skip
# Variants t() and the renderer pick by themselves when the plain key is used.
VARIANTS = ("#one", ".short")


def constants_and_prefixes(path: Path) -> tuple[set[str], set[str]]:
    """The strings a module uses, and the constant starts of its f-strings.

    A catalogue entry's key (`"key": ("vi", "en")`) is a definition, not a use.
    """
    tree = ast.parse(path.read_text())
    defined = {
        id(key)
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(value, ast.Tuple)
    }
    used = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in defined
    }
    starts = {
        str(node.values[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and node.values
        and isinstance(node.values[0], ast.Constant)
    }
    return used, starts


@pytest.mark.no_database
def test_every_key_in_the_catalogue_is_used() -> None:
    """A key no code asks for is dead text; all of them are named at once.

    messages/toml.py is read whole (its English side matched against tomllib's errors).
    """
    used: set[str] = set()
    starts: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        found, begun = constants_and_prefixes(path)
        used |= found
        starts |= begun
    assert sorted(set(BUILT_PREFIXES) - starts) == [], "declared prefixes no f-string builds"
    from bmnn_cli.messages import toml

    assert any("from bmnn_cli.messages.toml import" in p.read_text() for p in SOURCE.rglob("*.py"))
    unused = []
    for key in sorted(MESSAGES.keys() - toml.MESSAGES.keys()):
        plain = next((key.removesuffix(v) for v in VARIANTS if key.endswith(v)), key)
        if plain not in used and not plain.startswith(BUILT_PREFIXES):
            unused.append(key)
    assert unused == [], f"keys no code uses: {unused}"


@pytest.mark.no_database
def test_no_error_is_written_outside_the_catalogue() -> None:
    """An error's text is a t() call (or passes on another error's), never a literal."""
    literal: list[str] = []
    for path in SOURCE.rglob("*.py"):
        for call in calls(path):
            if name_of(call) in ERROR_CLASSES and call.args:
                first = call.args[0]
                if isinstance(first, (ast.Constant, ast.JoinedStr)):
                    literal.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert literal == []


VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["overdue", "--plan", "lao-cai-bmnn-2025"], 4),
        (["overdue", "--agency", "Sở Hải sản"], 4),
        (["show", "IV.9"], 4),
        (["submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "2026-13-01"], 2),
        (["waive", "-t", "IV.1.a", "-a", "so tu phap"], 2),
        (["import", "missing.toml"], 3),
        (["--db", "/nonexistent/folder/x.db", "status"], 5),
    ],
    ids=lambda a: " ".join(a[:2]) if isinstance(a, list) else str(a),
)
def test_errors_read_in_vietnamese_by_default(
    cli: Cli, lao_cai: Path, args: list[str], code: int
) -> None:
    english = cli.fail(*args, code=code)
    vietnamese = cli.fail(*args, code=code, lang="vi")
    assert vietnamese != english
    assert VIETNAMESE.search(vietnamese), vietnamese
    assert "Traceback" not in vietnamese
    if code != 2:  # Click frames a usage error with the usage line and a hint
        assert vietnamese.startswith("bmnn: ") and vietnamese.count("\n") == 1


def test_tables_show_values_in_words_and_json_keeps_the_file_values(
    cli: Cli, lao_cai: Path
) -> None:
    import json

    assert "tập huấn" in cli("tasks") and "training" not in cli("tasks")
    assert {row["deliverable"] for row in json.loads(cli("tasks", "-f", "json"))} >= {"training"}
    assert "công an" in cli("agencies") and "police" not in cli("agencies")
    assert "police" in {row["kind"] for row in json.loads(cli("agencies", "-f", "json"))}
    log = cli("log")
    assert "nhập kế hoạch" in log and re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", log)
    calendar, entry = json.loads(cli("log", "-f", "json"))  # the calendar due dates follow
    assert entry["action"] == "import" and entry["at"].endswith("+00:00")
    assert calendar["action"] == "calendar" and "tính lại hạn theo lịch" in log


def test_rates_take_the_decimal_comma_in_vietnamese(cli: Cli, lao_cai: Path) -> None:
    cli("submit", "-t", "IV.1.a", "-a", "so tu phap", "-d", "20/02/2026", "--as-of", "2026-03-02")
    assert "100,0%" in cli("status", "--as-of", "2026-03-02")
    assert "100.0%" in cli("--lang", "en", "status", "--as-of", "2026-03-02")


def test_an_empty_answer_says_what_there_is_none_of(cli: Cli, lao_cai: Path) -> None:
    day = ["--as-of", "2026-01-05"]
    assert cli("overdue", *day) == "Không có nghĩa vụ nào quá hạn tính đến ngày 05/01/2026.\n"
    assert "Nothing is overdue as of 05/01/2026." in cli("--lang", "en", "overdue", *day)
    due = cli("due", "--within", "3d", "--as-of", "2026-03-03")
    assert due == "Không có nghĩa vụ nào đến hạn từ ngày 03/03/2026 đến ngày 06/03/2026.\n"
    assert cli("overdue", *day, "--format", "json") == "[]\n"  # programs get an empty list


@pytest.mark.no_database
def test_toml_syntax_errors_are_translated_with_their_place(cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "ke-hoach.toml"
    broken.write_text('[plan\nid = "x"\n', encoding="utf-8")
    vi = cli.fail("import", str(broken), code=3, lang="vi")
    assert "TOML sai cú pháp: thiếu dấu ']' ở cuối tên bảng (dòng 1, cột 6)" in vi
    en = cli.fail("import", str(broken), code=3)
    assert (
        "malformed TOML: Expected ']' at the end of a table declaration (at line 1, column 6)" in en
    )
    twice = tmp_path / "hai-lan.toml"
    twice.write_text('[plan]\nid = "x"\n[plan]\n', encoding="utf-8")
    assert "plan được khai báo hai lần (dòng 3" in cli.fail("import", str(twice), code=3, lang="vi")
