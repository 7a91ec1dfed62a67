"""What `bmnn extract` says about plans of any layout and issuer, and its draft registry.

Kept apart from messages/extract.py (the seeds' reading) so that each part
of the extractor's wording can be read in one place.
"""

from __future__ import annotations

from typing import Final

# key: (Vietnamese, English)
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "extract.registry_preamble": (
        "Bản nháp danh mục cơ quan do `bmnn extract` lập: mọi cơ quan và nhóm cơ quan\n"
        "mà bản nháp kế hoạch nêu tên, với loại (kind) được đoán từ tên. Nhập bằng\n"
        "`bmnn import` trước bản nháp kế hoạch; soát lại tên, loại, và thêm thành viên\n"
        "cho từng nhóm (định dạng tệp: docs/plan-format.md).",
        "Draft agency registry written by `bmnn extract`: every agency and group the\n"
        "draft plan names, with a kind guessed from the name. Import it with\n"
        "`bmnn import` before the draft plan; check names and kinds, and add each\n"
        "group's members (file format: docs/plan-format.md).",
    ),
    "review.draft_registry": (
        "chưa có danh mục cơ quan: bản nháp danh mục (…-agencies.toml) được lập bên cạnh, "
        "mọi tên cơ quan trong đó cần soát lại; nhập nó trước bản nháp này",
        "no agency registry: a draft registry (…-agencies.toml) is written beside this file, "
        "every name in it to check; import it before this draft",
    ),
    "review.registry_agency": (
        "kiểm tra tên {name!r} và loại {kind!r} (được đoán từ tên)",
        "check the name {name!r} and the kind {kind!r} (guessed from the name)",
    ),
    "review.registry_group": (
        "nhóm {name!r}: thêm các cơ quan thành viên (groups = [...] ở từng cơ quan)",
        "group {name!r}: add its member agencies (groups = [...] on each agency)",
    ),
    "msg.registry_written": (
        "{path}: bản nháp danh mục {agencies} cơ quan, {groups} nhóm; nhập trước bản nháp "
        "kế hoạch.",
        "{path}: draft registry of agencies ({agencies}) and groups ({groups}); import it "
        "before the draft plan.",
    ),
    "review.shape_name": (
        "{name!r}: tên được nhận ra theo dạng tên cơ quan; kiểm tra chỗ tách danh sách",
        "{name!r}: read as an agency by the shape of its name; check where the list was split",
    ),
    "err.input.doc_converter_missing": (
        "tệp .doc (Word 97–2003) cần chương trình antiword để đọc (Debian: apt-get install "
        "antiword), hoặc lưu lại thành .docx",
        "a .doc file (Word 97–2003) needs the antiword program to be read (Debian: apt-get "
        "install antiword), or save it again as .docx",
    ),
    "err.input.doc_unreadable": (
        "không đọc được tệp .doc: {error}",
        "cannot read the .doc file: {error}",
    ),
}
