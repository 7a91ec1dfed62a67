"""Every usage error Typer's Click can show a bmnn user reads in Vietnamese.

Typer carries its own Click (`typer._click`), whose sentences are English
f-strings; `bmnn_cli.frame` says each again through the catalogue. Each case
below is driven through the real command line and fails on any English word
of the frame. The sentences are those of Typer 0.26 to 0.28 (the versions
pyproject allows); the ones only an older release of that range says are held
to the same by `test_sentences_of_each_allowed_typer`. To run this file under
another allowed release: a virtualenv with `--system-site-packages`, `pip
install --no-deps typer==0.26.8` into it, and `PYTHONPATH=src` with its python.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bmnn_cli import frame, i18n
from bmnn_cli.cli.app import app

# Click refuses each before a command opens anything (the marker's guard checks it).
pytestmark = pytest.mark.no_database


def fail(*args: str, code: int, lang: str) -> str:
    """The stderr of a command line that must fail with `code`."""
    result = CliRunner().invoke(app, ["--lang", lang, *args], catch_exceptions=False)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result.stderr


# Words of Click's frame in English. Quoted values and option names are taken out
# first ("--as-of" is not English), so what is left is the sentence around them.
ENGLISH = re.compile(
    r"\b(?:Usage|Error|Try|help|Invalid|value|values|for|No|such|option|options|command|"
    r"Missing|argument|arguments|parameter|Got|unexpected|extra|requires|does|not|take|is|"
    r"one|of|valid|range|the|Possible|Did|you|mean|Choose|from|Aborted|Could|open|file|"
    r"given|required|but|Recognized|match|formats|integer|int|float|boolean|unknown|error)\b"
)
QUOTED = re.compile(r"'[^']*'|--?[A-Za-z][\w-]*")


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(QUOTED.sub(" ", text))


# (command line, what the Vietnamese error says, what the English one says)
CASES = [
    pytest.param(["submit", "IV.1.a", "Sở Nội vụ"], "Thừa tham số (IV.1.a Sở Nội vụ)",
                 "Got unexpected extra arguments (IV.1.a Sở Nội vụ)", id="extra-arguments"),
    pytest.param(["overdue", "--bye"], "Không có tùy chọn --bye (các tùy chọn có: --by, --db)",
                 "No such option: --bye (Possible options: --by, --db)", id="no-option-hint"),
    pytest.param(["overdue", "-z"], "Lỗi: Không có tùy chọn -z", "Error: No such option: -z",
                 id="no-option"),
    pytest.param(["ovrdue"], "Không có lệnh 'ovrdue'. Có phải là 'overdue', 'due'?",
                 "No such command 'ovrdue'. Did you mean 'overdue', 'due'?", id="no-command-hint"),
    pytest.param(["zzzz"], "Lỗi: Không có lệnh 'zzzz'.", "Error: No such command 'zzzz'.",
                 id="no-command"),
    pytest.param(["show"], "Thiếu tham số 'NHIỆM_VỤ'.", "Missing argument 'TASK'.",
                 id="missing-argument"),
    pytest.param(["completion"], "Thiếu tham số 'LOẠI_SHELL'. Chọn một trong:\n\tbash,",
                 "Missing argument 'SHELL'. Choose from:\n\tbash,", id="missing-choice"),
    pytest.param(["waive", "-t", "IV.1.a"], "Thiếu tùy chọn '--agency' / '-a'.",
                 "Missing option '--agency' / '-a'.", id="missing-option"),
    pytest.param(["completion", "tcsh"], "'tcsh' không phải một trong 'bash', 'zsh', 'fish'.",
                 "'tcsh' is not one of 'bash', 'zsh', 'fish'.", id="choice"),
    pytest.param(["overdue", "--by", "plan"], "'plan' không phải một trong 'agency', 'task'.",
                 "'plan' is not one of 'agency', 'task'.", id="choice-option"),
    pytest.param(["overdue", "--limit", "x"], "'--limit' / '-n': phải là một số nguyên",
                 "'--limit' / '-n': must be a whole number", id="not-integer"),
    pytest.param(["overdue", "--limit", "0"], "0 nằm ngoài khoảng cho phép: từ 1 trở lên.",
                 "0 is not in the range x>=1.", id="below-range"),
    pytest.param(["calendar", "3000"], "3000 nằm ngoài khoảng cho phép: từ 1900 đến 2200.",
                 "3000 is not in the range 1900<=x<=2200.", id="outside-range"),
    pytest.param(["explain", "hằng năm", "--years", "11"],
                 "11 nằm ngoài khoảng cho phép: từ 1 đến 10.",
                 "11 is not in the range 1<=x<=10.", id="outside-range-option"),
    pytest.param(["overdue", "--as-of"], "Lỗi: Tùy chọn '--as-of' cần một giá trị",
                 "Error: Option '--as-of' requires a value", id="needs-value"),
    pytest.param(["overdue", "--wide=3"], "Tùy chọn '--wide' không nhận giá trị.",
                 "Option '--wide' does not take a value.", id="takes-no-value"),
    pytest.param(["overdue", "--as-of", "2026-13-01"], "Giá trị không hợp lệ cho '--as-of': ",
                 "Invalid value for '--as-of': ", id="bad-date"),
    pytest.param(["submit", "-t", "IV.1.a", "-a", "x", "--date", "32/13/2026"],
                 "Giá trị không hợp lệ cho '--date' / '-d': ",
                 "Invalid value for '--date' / '-d': ", id="bad-date-short"),
    pytest.param(["report", "--quarter", "5"], "Giá trị không hợp lệ cho '--quarter' / '-q': ",
                 "Invalid value for '--quarter' / '-q': ", id="bad-quarter"),
    pytest.param(["overdue", "--format", "xml"], "Giá trị không hợp lệ cho '--format' / '-f': ",
                 "Invalid value for '--format' / '-f': ", id="bad-format"),
    pytest.param(["report", "-f", "xlsx", "-o", "/"], "'--output' / '-o': Tệp '/' là một thư mục.",
                 "'--output' / '-o': File '/' is a directory.", id="path-is-folder"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "vi", "en"), CASES)
def test_each_usage_error_in_vietnamese(args: list[str], vi: str, en: str) -> None:
    err = fail(*args, code=2, lang="vi")
    assert vi in err, err
    assert english_words(err) == [], err
    english = fail(*args, code=2, lang="en")
    assert en in english, english


def test_a_usage_error_in_a_real_process() -> None:
    """The installed entry point says the extra-argument error in Vietnamese, exit 2."""
    done = subprocess.run(
        [sys.executable, "-m", "bmnn_cli", "submit", "IV.1.a", "Sở Nội vụ"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == "", done
    assert "Lỗi: Thừa tham số (IV.1.a Sở Nội vụ)" in done.stderr, done.stderr
    assert english_words(done.stderr) == [] and "Traceback" not in done.stderr, done.stderr


def test_an_abort_in_vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Input ending where a command waits for it: Click's "Aborted!" said in the run's words."""
    from bmnn_cli.cli import app as app_module

    def ended(*_: object) -> None:
        raise EOFError

    monkeypatch.setattr(app_module, "_bare", ended)
    assert "Đã dừng." in fail(code=1, lang="vi")
    assert "Aborted!" in fail(code=1, lang="en")


# Sentences as each allowed Typer's Click writes them, for those no bmnn command
# reaches with the Typer installed (another release's wording, or types bmnn's
# options do not use today); from typer/_click/{core,parser,types,exceptions}.py.
SENTENCES = [
    ("0.26", "'x' is not a valid integer range."),
    ("0.26", "'x' is not a valid integer."),
    ("0.27", "'x' is not a valid int range."),
    ("0.26", "Got unexpected extra argument(s) (a b)"),
    ("all", "Got unexpected extra argument (a)"),
    ("all", "'2.5' is not a valid float range."),
    ("all", "5 is not in the range x<=4."),
    ("all", "0 is not in the range x>0."),
    ("all", "4 is not in the range x<4."),
    ("all", "'maybe' is not a valid boolean. Recognized values: 0, 1, false, true"),
    ("all", "'x' does not match the formats '%Y-%m-%d'."),
    ("all", "'x' is not a valid UUID."),
    ("all", "Missing command."),
    ("all", "Missing parameter: task"),
    ("all", "Option '--at' requires 2 arguments."),
    ("all", "Argument 'span' takes 2 values."),
    ("all", "Takes 2 values but 3 given."),
    ("all", "2 values are required, but 1 given."),
    ("all", "Value must be an iterable."),
    ("all", "Could not open file 'a.csv': unknown error"),
    ("all", "Invalid value: 'x'"),
]


@pytest.mark.parametrize(("version", "sentence"), SENTENCES)
def test_sentences_of_each_allowed_typer(version: str, sentence: str) -> None:
    i18n.set_language("vi")
    said = frame.say(sentence)
    assert said != sentence and english_words(said) == [], said
    i18n.set_language("en")
    assert frame.say(sentence).isascii()  # and in English when asked


def test_help_kinds_of_typer_026_in_vietnamese() -> None:
    """Typer 0.26 names a value's kind in capitals (TEXT, INTEGER RANGE, FILE)."""
    from typer._click.formatting import HelpFormatter

    i18n.set_language("vi")
    shown = frame.Formatter()
    shown.write_dl([("-p, --plan TEXT", "a"), ("-n, --limit INTEGER RANGE", "b  [x>=1]"),
                    ("-o, --output FILE", "c"), ("--db PATH", "d")])  # fmt: skip
    text = shown.getvalue()
    assert "<giá trị>" in text and "<số>" in text and "<tệp>" in text and "<đường dẫn>" in text
    assert "[từ 1 trở lên]" in text
    assert re.search(r"TEXT|INTEGER|FILE|PATH|x>=", text) is None, text
    assert isinstance(shown, HelpFormatter)
