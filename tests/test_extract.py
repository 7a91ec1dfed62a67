"""`bmnn extract`: from a plan document to a draft plan file, checked against the seeds."""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bmnn_cli import i18n
from bmnn_cli.cli.app import app
from bmnn_cli.domain.directory import Directory
from bmnn_cli.domain.extract import extract, read_document
from bmnn_cli.domain.extract.agencies import Matcher
from bmnn_cli.domain.extract.compare import CATEGORIES, items, to_spec
from bmnn_cli.domain.extract.roles import roles
from bmnn_cli.domain.planfile import load
from conftest import EXAMPLES, Cli, Db, dump, engine_for

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)

SEEDS = [
    pytest.param(
        "lao-cai",
        "lao-cai-2026-bmnn-plan.txt",
        "bmnn-2026.toml",
        "lao-cai-bmnn-2026",
        id="lao-cai",
    ),
    pytest.param(
        "cao-bang",
        "cao-bang-law-implementation-plan-2026.txt",
        "law-implementation-2026.toml",
        "cao-bang-luat-bmnn-2026",
        id="cao-bang",
    ),
]


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of examples/, so that drafts are written beside the hand-checked plans."""
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    return copy


def extract_seed(
    cli: Cli, examples: Path, province: str, document: str, plan_id: str, lang: str = "vi"
) -> Path:
    out = examples / province / f"extracted-{lang}.toml"
    cli(
        "--lang",
        lang,
        "extract",
        str(examples / "documents" / document),
        "--registry",
        str(examples / province / "agencies.toml"),
        "--id",
        plan_id,
        "-o",
        str(out),
    )
    return out


@pytest.mark.parametrize(("province", "document", "plan", "plan_id"), SEEDS)
def test_extraction_gives_the_hand_checked_facts(
    cli: Cli, examples: Path, province: str, document: str, plan: str, plan_id: str
) -> None:
    """Golden test: every task, agency role, deliverable, deadline phrase and schedule."""
    draft = load(extract_seed(cli, examples, province, document, plan_id))
    truth = load(examples / province / plan)
    assert draft.plan is not None and truth.plan is not None and truth.registry is not None
    directory = Directory(truth.registry)
    found, expected = items(draft.plan, directory), items(truth.plan, directory)
    for category in CATEGORIES:
        assert found[category] == expected[category], category
    assert [t.code for t in draft.plan.tasks] == [t.code for t in truth.plan.tasks]
    assert [t.source_line for t in draft.plan.tasks] == [t.source_line for t in truth.plan.tasks]


def _editorial_blanked(db: Db) -> dict[str, list[tuple[object, ...]]]:
    from sqlalchemy import text

    engine = engine_for(db)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE task SET title = '', note = ''"))
    finally:
        engine.dispose()
    return dump(db, exclude=("audit_log",))


@pytest.mark.parametrize(("province", "document", "plan", "plan_id"), SEEDS)
def test_extract_then_import_equals_the_hand_written_plan(
    cli: Cli,
    new_db: Callable[[str], Db],
    examples: Path,
    province: str,
    document: str,
    plan: str,
    plan_id: str,
) -> None:
    """`bmnn extract` then `bmnn import` gives the database the hand-written plan gives.

    Compared with conftest.dump, without `audit_log`. Task titles and notes in
    the hand-written files are a person's summaries (editorial), so both are
    blanked before comparing; everything else must be equal: the plan header
    (id, number, title, issuer, province, year, source), every task (id,
    order, deliverable, deadline phrase, schedule, source line), every agency
    with its role, the registry, and every obligation derived from them.
    """
    draft = extract_seed(cli, examples, province, document, plan_id)
    hand_db, draft_db = new_db("hand"), new_db("draft")
    cli("--db", str(hand_db), "import", str(examples / province / plan))
    cli("--db", str(draft_db), "import", str(draft))
    assert _editorial_blanked(draft_db) == _editorial_blanked(hand_db)


def test_draft_carries_source_lines_and_review_comments(cli: Cli, examples: Path) -> None:
    province, document, _plan, plan_id = (str(v) for v in SEEDS[0].values)
    out = extract_seed(cli, examples, province, document, plan_id, lang="en")
    text = out.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["registry"] == "agencies.toml"
    assert data["plan"]["source"] == "../documents/lao-cai-2026-bmnn-plan.txt"
    assert all(isinstance(task["source_line"], int) for task in data["tasks"])
    assert "# review: IV.1 holds 2 deadlines; split into IV.1.a, IV.1.b" in text
    assert "# review: no deadline found; written as a continuous duty" in text
    assert "# - IV.3 (line 95): names no answerable agency" in text  # nothing dropped silently
    assert text.startswith("# Draft plan file written by `bmnn extract` from lao-cai-2026")


def test_draft_speaks_vietnamese_by_default_and_holds_the_same_data(
    cli: Cli, examples: Path
) -> None:
    """Draft texts are Vietnamese unless --lang en, and comments are not data.

    The header, the items read as not tasks, the review comments and the
    extractor's notes change language; both drafts load alike (notes aside),
    and the draft and the hand-checked plan both match a fresh extraction.
    """
    province, document, plan, plan_id = (str(v) for v in SEEDS[0].values)
    vi = extract_seed(cli, examples, province, document, plan_id).read_text(encoding="utf-8")
    en = extract_seed(cli, examples, province, document, plan_id, lang="en").read_text(
        encoding="utf-8"
    )
    assert vi.startswith("# Bản nháp tệp kế hoạch do `bmnn extract` lập từ lao-cai-2026")
    assert "# - IV.3 (dòng 95): không nêu cơ quan chịu trách nhiệm thực hiện" in vi
    assert "# review: IV.1 có 2 thời hạn; đã tách thành IV.1.a, IV.1.b" in vi
    assert "# review: không tìm thấy thời hạn; ghi là nhiệm vụ thường xuyên" in vi
    assert '# review: "định kỳ" không nêu kỳ; được hiểu là hằng năm, hạn theo yearly_due' in vi
    assert 'note = "Văn bản không nêu thời hạn; coi là nhiệm vụ thường xuyên."' in vi
    for english in ("Draft plan file", "Read as not tasks", "holds 2 deadlines", "no deadline"):
        assert english not in vi and english in en, english
    reviews = [line for line in vi.splitlines() if line.startswith("# review: ")]
    assert len(reviews) == en.count("\n# review: ") > 0
    assert all(VIETNAMESE.search(line) for line in reviews), reviews
    assert set(reviews).isdisjoint(en.splitlines())

    def data(text: str) -> dict[str, Any]:
        loaded = tomllib.loads(text)
        for task in loaded["tasks"]:
            task.pop("note", None)
        return loaded

    assert data(vi) == data(en)
    draft = examples / province / "extracted-vi.toml"
    assert "khớp" in cli("extract", "--check", str(draft), str(examples / "documents" / document))
    assert "khớp" in cli(
        "extract",
        "--check",
        str(examples / province / plan),
        str(examples / "documents" / document),
    )


@pytest.mark.no_database
def test_check_matches_the_hand_checked_plan_and_reports_edits(cli: Cli, examples: Path) -> None:
    document = str(examples / "documents" / "lao-cai-2026-bmnn-plan.txt")
    plan = examples / "lao-cai" / "bmnn-2026.toml"
    assert "khớp" in cli("extract", "--check", str(plan), document)
    edited = (
        plan.read_text(encoding="utf-8")
        .replace('deadline = "trước ngày 27/02/2026"', 'deadline = "trước ngày 28/02/2026"')
        .replace("date = 2026-02-27", "date = 2026-02-28")
    )
    plan.write_text(edited, encoding="utf-8")
    out = cli("extract", "--check", str(plan), document, "--format", "json", code=1)
    changed = {(row["task"], row["field"]) for row in json.loads(out)}
    assert changed == {("IV.1.a", "deadline"), ("IV.1.a", "schedule")}


def test_registry_from_the_database_when_the_province_is_imported(cli: Cli, tmp_path: Path) -> None:
    cli("import", str(EXAMPLES / "lao-cai" / "agencies.toml"))
    out = tmp_path / "draft.toml"
    cli("extract", str(EXAMPLES / "documents" / "lao-cai-2026-bmnn-plan.txt"), "-o", str(out))
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert "registry" not in data
    assert data["tasks"][0]["lead"] == ["cong-an-tinh"]
    assert "22" in cli("import", str(out))


def test_without_a_registry_every_agency_is_kept_and_flagged(cli: Cli, tmp_path: Path) -> None:
    result = cli.runner.invoke(
        app,
        [
            "--lang",
            "en",
            "extract",
            str(EXAMPLES / "documents" / "cao-bang-law-implementation-plan-2026.txt"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "Cao Bằng" in result.stderr  # no registry for the province named in the document
    data = tomllib.loads(result.stdout)
    leads = {name for task in data["tasks"] for name in task["lead"]}
    assert "Công an tỉnh" in leads and "Sở Văn hóa, Thể thao và Du lịch" in leads
    assert "# review: 'Công an tỉnh': not matched (no registry)" in result.stdout


# -- documents the seeds do not cover ---------------------------------------------

TUYEN_QUANG_REGISTRY = """
[province]
id = "tuyen-quang"
name = "Tuyên Quang"

[[groups]]
id = "so-ban-nganh"
name = "Các sở, ban, ngành, đoàn thể cấp tỉnh"
aliases = ["các sở, ban, ngành"]

[[groups]]
id = "ubnd-xa-phuong"
name = "Ủy ban nhân dân các xã, phường"
aliases = ["UBND các xã, phường"]

[[agencies]]
id = "cong-an-tinh"
name = "Công an tỉnh"
kind = "police"

[[agencies]]
id = "so-vhttdl"
name = "Sở Văn hóa, Thể thao và Du lịch"
kind = "department"
groups = ["so-ban-nganh"]

[[agencies]]
id = "so-noi-vu"
name = "Sở Nội vụ"
kind = "department"
groups = ["so-ban-nganh"]

[[agencies]]
id = "xa-minh-xuan"
name = "Ủy ban nhân dân xã Minh Xuân"
kind = "commune"
groups = ["ubnd-xa-phuong"]
"""

DECIMAL_AND_TABLE = """\
ỦY BAN NHÂN DÂN
TỈNH TUYÊN QUANG

Số: 45/KH-UBND

Tuyên Quang, ngày 10 tháng 3 năm 2026

KẾ HOẠCH
Công tác bảo vệ bí mật nhà nước năm 2026

Căn cứ Luật Bảo vệ bí mật nhà nước số 29/2018/QH14, Ủy ban nhân dân tỉnh ban hành Kế hoạch:

1. MỤC ĐÍCH, YÊU CẦU
1.1. Nâng cao nhận thức của cán bộ, công chức về bảo vệ bí mật nhà nước.
2. NHIỆM VỤ CỤ THỂ
2.1. Sở VHTTDL chủ trì, phối hợp với CA tỉnh tuyên truyền Luật, hoàn thành trong tháng 6/2026.
2.2. Công an tỉnh
a) Tổ chức kiểm tra công tác bảo vệ bí mật nhà nước tại các cơ quan, đơn vị (Quý III/2026).
b) Tổng hợp, báo cáo kết quả gửi Ủy ban nhân dân tỉnh trước ngày 15/12/2026.
2.3. Sở Y tế: rà soát nội quy bảo vệ bí mật nhà nước (xong trước khi có hướng dẫn mới).
3. PHÂN CÔNG THỰC HIỆN
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Tập huấn nghiệp vụ bảo vệ bí mật nhà nước | Sở Nội vụ | Công an tỉnh | Quý II/2026 |
| 2 | Rà soát danh mục bí mật nhà nước | Các sở, ban, ngành | | Hằng năm |
| 3 | Báo cáo tình hình | UBND các xã, phường | Công an tỉnh | trước ngày 20 hằng tháng |
| 4 | Lưu trữ tài liệu mật | Trung tâm Lưu trữ lịch sử tỉnh | | thường xuyên |
4. TỔ CHỨC THỰC HIỆN
Các sở, ban, ngành, địa phương báo cáo kết quả gửi về Công an tỉnh trước ngày 25/11/2026.

Nơi nhận:
- Như trên;
"""

ARTICLES = """\
UBND TỈNH TUYÊN QUANG
Số: 12/KH-UBND
Tuyên Quang, ngày 05 tháng 01 năm 2027

KẾ HOẠCH
Triển khai công tác bảo vệ bí mật nhà nước năm 2027

Mục I. NHIỆM VỤ CHUNG
Điều 1. Các sở, ban, ngành, đoàn thể cấp tỉnh; Ủy ban nhân dân các xã, phường
1. Quán triệt, phổ biến các quy định về bảo vệ bí mật nhà nước (thường xuyên).
2. Gửi báo cáo kết quả bảo vệ bí mật nhà nước về Công an tỉnh trước ngày 15/11 hằng năm.
Mục II. NHIỆM VỤ CỤ THỂ
Điều 2. Công an tỉnh
1. Tham mưu kiện toàn Ban Chỉ đạo công tác bảo vệ bí mật nhà nước tỉnh trong Quý I/2027.
2. Chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn (6 tháng một lần).
Điều 3. Sở Nội vụ: Hướng dẫn công tác văn thư, lưu trữ tài liệu mật; báo cáo kết quả hằng quý.
"""


@pytest.fixture
def tuyen_quang(tmp_path: Path) -> Path:
    registry = tmp_path / "agencies.toml"
    registry.write_text(TUYEN_QUANG_REGISTRY, encoding="utf-8")
    return registry


def draft_of(
    cli: Cli, tmp_path: Path, registry: Path, name: str, content: str | bytes, lang: str = "vi"
) -> dict[str, Any]:
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    out = tmp_path / f"{source.stem}.toml"
    cli("--lang", lang, "extract", str(source), "--registry", str(registry), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["text"] = text
    return data


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {task["id"]: task for task in data["tasks"]}


def test_decimal_numbering_tables_and_another_province(
    cli: Cli, tmp_path: Path, tuyen_quang: Path
) -> None:
    data = draft_of(cli, tmp_path, tuyen_quang, "tq.txt", DECIMAL_AND_TABLE)
    plan = data["plan"]
    assert (plan["number"], plan["province"], plan["year"]) == ("45/KH-UBND", "tuyen-quang", 2026)
    assert str(plan["issued"]) == "2026-03-10"
    tasks = by_id(data)
    expected = {
        "2.1": (["so-vhttdl"], ["cong-an-tinh"], "hoàn thành trong tháng 6/2026", "fixed"),
        "2.2.a": (["cong-an-tinh"], [], "Quý III/2026", "quarter"),
        "2.2.b": (["cong-an-tinh"], [], "trước ngày 15/12/2026", "fixed"),
        "3.1": (["so-noi-vu"], ["cong-an-tinh"], "Quý II/2026", "quarter"),
        "3.2": (["so-ban-nganh"], [], "Hằng năm", "yearly"),
        "3.3": (["ubnd-xa-phuong"], ["cong-an-tinh"], "trước ngày 20 hằng tháng", "monthly"),
        "4.1": (["so-ban-nganh", "ubnd-xa-phuong"], [], "trước ngày 25/11/2026", "fixed"),
    }
    for code, (lead, support, deadline, kind) in expected.items():
        task = tasks[code]
        got = (task["lead"], task.get("support", []), task["deadline"], task["schedule"][0]["kind"])
        assert got == (lead, support, deadline, kind), code
    assert tasks["3.1"]["deliverable"] == "training"
    assert tasks["2.2.b"]["deliverable"] == "report"
    assert "1.1" not in tasks


def test_unknown_agency_is_kept_verbatim_and_flagged(
    cli: Cli, tmp_path: Path, tuyen_quang: Path
) -> None:
    data = draft_of(cli, tmp_path, tuyen_quang, "tq.txt", DECIMAL_AND_TABLE, lang="en")
    tasks = by_id(data)
    assert tasks["2.3"]["lead"] == ["Sở Y tế"]  # a standard name the registry lacks
    assert tasks["3.4"]["lead"] == ["Trung tâm Lưu trữ lịch sử tỉnh"]  # read by its shape
    assert "# review: 'Sở Y tế' is not in the registry of tuyen-quang" in data["text"]
    assert "# review: 'Trung tâm Lưu trữ lịch sử tỉnh' is not in the registry" in data["text"]
    error = cli.fail("import", str(tmp_path / "tq.toml"), code=3)
    assert "Sở Y tế" in error  # the reviewer must add it: import refuses an unknown name


def test_unreadable_deadline_is_kept_with_a_review_flag(
    cli: Cli, tmp_path: Path, tuyen_quang: Path
) -> None:
    data = draft_of(cli, tmp_path, tuyen_quang, "tq.txt", DECIMAL_AND_TABLE, lang="en")
    task = by_id(data)["2.3"]
    assert task["deadline"] == "xong trước khi có hướng dẫn mới"
    assert task["schedule"] == [{"kind": "continuous"}]
    assert (
        "# review: cannot fully read the deadline 'xong trước khi có hướng dẫn mới'"
        in (data["text"])
    )


def test_articles_and_named_sections(cli: Cli, tmp_path: Path, tuyen_quang: Path) -> None:
    data = draft_of(cli, tmp_path, tuyen_quang, "dieu.txt", ARTICLES)
    assert data["plan"]["year"] == 2027
    tasks = by_id(data)
    assert set(tasks) == {"I.1.1", "I.1.2", "II.2.1", "II.2.2", "II.3"}
    assert tasks["I.1.2"]["lead"] == ["so-ban-nganh", "ubnd-xa-phuong"]
    assert tasks["I.1.2"]["schedule"] == [{"kind": "yearly", "month": 11, "day": 15}]
    assert tasks["II.2.2"]["support"] == ["so-noi-vu"]
    assert tasks["II.2.2"]["schedule"] == [{"kind": "half_yearly"}]
    assert tasks["II.3"]["schedule"] == [{"kind": "quarterly"}]
    cli("import", str(tmp_path / "dieu.toml"))


def _docx_plan() -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in (
        "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
        "Số: 7/KH-UBND",
        "Tuyên Quang, ngày 02 tháng 02 năm 2026",
        "KẾ HOẠCH",
        "Bảo vệ bí mật nhà nước năm 2026",
        "",
        "I. NHIỆM VỤ",
    ):
        document.add_paragraph(line)
    document.add_paragraph("Công an tỉnh chủ trì tập huấn (Quý II/2026).", style="List Number")
    document.add_paragraph(
        "Sở Nội vụ hướng dẫn công tác lưu trữ (thường xuyên).", style="List Number"
    )
    document.add_paragraph("II. PHÂN CÔNG")
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"],
        ["1", "Kiểm tra việc bảo vệ bí mật nhà nước", "Công an tỉnh", "hằng năm"],
        ["2", "Báo cáo kết quả", "UBND các xã, phường", "trước ngày 30/11/2026"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_with_word_numbering_and_a_table(cli: Cli, tmp_path: Path, tuyen_quang: Path) -> None:
    data = draft_of(cli, tmp_path, tuyen_quang, "plan.docx", _docx_plan())
    tasks = by_id(data)
    assert list(tasks) == ["I.1", "I.2", "II.1", "II.2"]  # "1." and "2." come from Word's lists
    assert tasks["I.1"]["schedule"] == [{"kind": "quarter", "year": 2026, "quarter": 2}]
    assert tasks["II.1"]["deliverable"] == "inspection"
    assert tasks["II.2"]["lead"] == ["ubnd-xa-phuong"]
    assert data["plan"]["number"] == "7/KH-UBND"
    cli("import", str(tmp_path / "plan.toml"))


@pytest.mark.no_database
def test_docx_without_python_docx_says_what_to_install(
    cli: Cli, tmp_path: Path, tuyen_quang: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plan.docx").write_bytes(_docx_plan())
    monkeypatch.setitem(sys.modules, "docx", None)
    error = cli.fail("extract", str(tmp_path / "plan.docx"), code=3)
    assert "pip install 'bmnn[docx]'" in error


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    text = "".join(f"({line}) Tj T* " for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 40 800 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_pdf_text_layer(cli: Cli, tmp_path: Path, tuyen_quang: Path) -> None:
    pdf = _pdf(
        [
            "Tuyen Quang, ngay 01 thang 04 nam 2026",
            "KE HOACH",
            "Bao ve bi mat nha nuoc",
            "",
            "I. NHIEM VU",
            "1. Cong an tinh to chuc tap huan (Quy III/2026).",
            "2. So Noi vu chu tri, phoi hop voi Cong an tinh kiem tra (hang nam).",
        ]
    )
    data = draft_of(cli, tmp_path, tuyen_quang, "plan.pdf", pdf)
    tasks = by_id(data)
    assert tasks["I.1"]["lead"] == ["cong-an-tinh"]  # matched without diacritics
    assert tasks["I.2"]["lead"] == ["so-noi-vu"] and tasks["I.2"]["support"] == ["cong-an-tinh"]
    assert tasks["I.2"]["schedule"] == [{"kind": "yearly"}]


# -- refusals and bad input ---------------------------------------------------------


def test_an_existing_plan_file_is_not_overwritten(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.toml"
    out.write_text("# reviewed by hand\n", encoding="utf-8")
    document = str(EXAMPLES / "documents" / "lao-cai-2026-bmnn-plan.txt")
    assert "--force" in cli.fail("extract", document, "-o", str(out), code=6)
    assert out.read_text(encoding="utf-8") == "# reviewed by hand\n"
    cli("extract", document, "-o", str(out), "--force")
    assert "[plan]" in out.read_text(encoding="utf-8")


@pytest.mark.no_database
def test_bad_documents(cli: Cli, tmp_path: Path) -> None:
    assert "no such file" in cli.fail("extract", str(tmp_path / "none.txt"), code=3)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    broken = cli.fail("extract", str(tmp_path / "old.doc"), code=3)  # read by antiword
    name = tmp_path / "old.doc"
    assert broken == f"bmnn: {name}: cannot read the .doc file: not a Word Document\n"
    (tmp_path / "latin.txt").write_bytes("Kế hoạch".encode("utf-16-le"))
    assert "UTF-8" in cli.fail("extract", str(tmp_path / "latin.txt"), code=3)
    (tmp_path / "secret.txt").write_text("MẬT\n\nKẾ HOẠCH\nI. NHIỆM VỤ\n", encoding="utf-8")
    assert "--allow-classified" in cli.fail("extract", str(tmp_path / "secret.txt"), code=6)


@pytest.mark.no_database
def test_domain_api_needs_no_database_or_clock() -> None:
    document = read_document(EXAMPLES / "documents" / "cao-bang-law-implementation-plan-2026.txt")
    result = extract(document)
    assert result.year == 2026 and not result.matched
    assert [t.code for t in result.tasks] == [t.code for t in to_spec(result, "x").tasks]


@pytest.mark.no_database
def test_domain_reviews_follow_the_language_and_nothing_else_does() -> None:
    document = read_document(EXAMPLES / "documents" / "cao-bang-law-implementation-plan-2026.txt")
    vi = extract(document)
    i18n.set_language("en")
    en = extract(document)
    assert (
        "no agency registry: every agency is kept as written; give --registry or "
        "import the province's registry, then extract again" in en.reviews
    )
    assert any(r.startswith("chưa có danh mục cơ quan: ") for r in vi.reviews)
    assert [s.reason for s in en.skipped][-1] == "names no answerable agency"
    assert [s.reason for s in vi.skipped][-1] == "không nêu cơ quan chịu trách nhiệm thực hiện"
    assert [(s.code, s.line) for s in vi.skipped] == [(s.code, s.line) for s in en.skipped]
    assert len(vi.reviews) == len(en.reviews) and vi.review_count() == en.review_count()
    assert to_spec(vi, "x").tasks == [
        replace(task, note=vi_task.note)
        for task, vi_task in zip(to_spec(en, "x").tasks, to_spec(vi, "x").tasks, strict=True)
    ]


# -- the grammar, piece by piece ------------------------------------------------------


def _matcher(province: str = "lao-cai") -> Matcher:
    registry = load(EXAMPLES / province / "agencies.toml").registry
    return Matcher(registry, "Lào Cai" if province == "lao-cai" else "Cao Bằng")


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở KH&CN", "so-khcn"),
        ("Sở Khoa học & Công nghệ", "so-khcn"),
        ("Bộ CHQS tỉnh", "bo-chqs-tinh"),
        ("VP UBND tỉnh", "vp-ubnd-tinh"),
        ("UBND các xã, phường", "ubnd-xa-phuong"),
        ("CONG AN TINH", "cong-an-tinh"),
        ("Công an tỉnh Lào Cai", "cong-an-tinh"),
        ("Sở Thông tin và Truyền thông", "so-tttt"),  # merged: import follows its successor
    ],
)
def test_names_match_without_case_diacritics_or_abbreviations(text: str, expected: str) -> None:
    [mention] = _matcher().find(text)
    assert (mention.entry.code, mention.text) == (expected, text)


@pytest.mark.no_database
def test_abbreviations_expand_only_in_capitals() -> None:
    assert _matcher().find("cả tỉnh") == []
    assert _matcher("cao-bang").find("Sở VHTTDL")[0].entry.code == "so-vhttdl"
    [mention] = _matcher().find("HĐND tỉnh")  # a standard name the registry lacks
    assert mention.entry.code is None and mention.entry.name == "Hội đồng nhân dân tỉnh"


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("Sở Tư pháp chủ trì, phối hợp với Công an tỉnh, Sở Nội vụ tổ chức tuyên truyền",
         ["so-tu-phap"], ["cong-an-tinh", "so-noi-vu"]),
        ("Giao Công an tỉnh chủ trì, phối hợp với các cơ quan liên quan giúp UBND tỉnh theo dõi",
         ["cong-an-tinh"], []),
        ("Căn cứ Kế hoạch này, Thủ trưởng các sở, ban, ngành; UBND các xã, phường xây dựng "
         "Kế hoạch gửi về Công an tỉnh", ["so-ban-nganh", "ubnd-xa-phuong"], []),
        ("Các sở, ban, ngành, địa phương chủ động triển khai", ["so-ban-nganh",
                                                            "ubnd-xa-phuong"], []),
        ("Thủ trưởng các cơ quan, đơn vị, địa phương quán triệt", [], []),
        ("Nếu có khó khăn, vướng mắc, các sở, ban, ngành phản ánh về Công an tỉnh", [], []),
        ("Phối hợp Công an tỉnh tham mưu Ủy ban nhân dân tỉnh khen thưởng", [], ["cong-an-tinh"]),
    ],
)  # fmt: skip
def test_roles_follow_the_grammar(text: str, lead: list[str], support: list[str]) -> None:
    found = roles(text, _matcher().find(text))
    assert [m.entry.code for m in found.lead] == lead
    assert [m.entry.code for m in found.support] == support
