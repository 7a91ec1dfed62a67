"""The layout of a plan: its numbered outline, its markers and its tables.

Vietnamese administrative plans share one grammar (Nghị định 30/2020/NĐ-CP on
the form of documents): a header with the number ("Số: 198/KH-UBND"), the
place and date ("Lào Cai, ngày 20 tháng 02 năm 2026"), the kind of document
("KẾ HOẠCH") and its title; then an outline. Provinces number the outline
differently — Roman sections and Arabic items, "Phần/Chương/Mục/Điều",
decimal "1.1.", letters "a)", dashes and "+" bullets, or a table with
"Nội dung | Cơ quan chủ trì | Thời gian" columns — so markers are read by
their kind, and nesting follows the order in which each kind appears (a
kind seen before closes everything opened after it), with a default rank
(section > item > letter > bullet) for kinds not seen yet. The header above the
outline is read by ``header``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bmnn_cli.domain.extract.lexicon import fold_text
from bmnn_cli.domain.extract.reader import Document

_RANK = {
    "appendix": -1, "phan": 0, "chuong": 1, "roman": 2, "upper": 2, "muc": 3, "dieu": 4,
    "dec1": 5, "dec2": 6, "dec3": 7, "dec4": 8, "letter": 9, "dash": 10, "row": 10, "para": 10,
    "plus": 11,
}  # fmt: skip
_TABLE = "table:"  # prefix of the kinds of table rows: they nest under the table's heading
SECTION_KINDS = ("phan", "chuong", "roman", "upper", "muc", "dieu")

_NAMED = re.compile(r"(phan|chuong|muc|dieu)\s+(thu\s+\w+|[ivx]+|\d{1,2})\b\s*[.:)-]?\s*")
_ROMAN = re.compile(r"([IVX]{1,6})\s*[.):/-]\s+")
_UPPER = re.compile(r"([A-HK-UWYZ])\s*[.)]\s+")
_DECIMAL = re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+")
_ARABIC = re.compile(r"(\d{1,2})\s*[.)/]\s+")
_LETTER = re.compile(r"([a-zđ])\s*[).]\s+")
_DASH = re.compile(r"[-–—•·▪●○◦]\s*(?=\S)")
_PLUS = re.compile(r"\+\s*(?=\S)")
_VALID_ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")
_END = re.compile(r"(noi nhan|tm\.? uy ban|kt\.? chu tich|tm\.? ubnd|kt\.? bo truong)\b")
_APPENDIX = re.compile(r"phu luc\b")
_SIGNATORY = re.compile(r"(?:bo truong|thu tuong|chu tich|uy ban nhan dan|giam doc)\b")
_SECTION_ADVERB = re.compile(r"(?:hang|hang|dinh ky) (?:nam|quy|thang)?,|dinh ky,")
_CLOSING = re.compile(r"tren day la\b|.*\byeu cau\b.*\bthuc hien\b.*/\.\s*$")


_KINDS = ("ke hoach", "quyet dinh", "chi thi", "chuong trinh", "huong dan", "phuong an")


COLUMNS = {
    "no": re.compile(r"^(stt|tt|so tt|so thu tu)$"),
    "content": re.compile(r"^(noi dung|nhiem vu|cong viec|ten nhiem vu|hoat dong)"),
    "support": re.compile(r"^((co quan|don vi)(,? (co quan|don vi))? phoi hop|phoi hop)"),
    "lead": re.compile(
        r"^((co quan|don vi)(,? (co quan|don vi))? (chu tri|thuc hien|chiu trach nhiem)"
        r"|chu tri|trach nhiem)"
    ),
    "deadline": re.compile(r"^(thoi gian|thoi han|tien do|thoi diem)"),
    "product": re.compile(r"^(san pham|ket qua|hinh thuc)"),
    "note": re.compile(r"^ghi chu"),
}


@dataclass
class Node:
    """One numbered paragraph with the paragraphs and items under it."""

    kind: str
    label: str
    line: int
    text: str
    children: list[Node] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # table rows: column -> text
    code: str = ""

    def walk(self) -> list[Node]:
        """This node and every node under it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


# -- markers -------------------------------------------------------------------


def marker(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) when ``text`` opens with an outline marker."""
    stripped = text.lstrip(" #>\t")
    folded = fold_text(stripped)
    named = _NAMED.match(folded)
    if named:
        return named[1], stripped[named.start(2) : named.end(2)], stripped[named.end() :]
    for kind, pattern in (("roman", _ROMAN), ("upper", _UPPER)):
        m = pattern.match(stripped)
        if m and (kind == "upper" or _VALID_ROMAN.fullmatch(m[1])):
            return kind, m[1], stripped[m.end() :]
    m = _DECIMAL.match(stripped)
    if m:
        return f"dec{min(m[1].count('.') + 1, 4)}", m[1], stripped[m.end() :]
    for kind, pattern in (("dec1", _ARABIC), ("letter", _LETTER)):
        m = pattern.match(stripped)
        if m:
            return kind, m[1], stripped[m.end() :]
    for kind, pattern in (("dash", _DASH), ("plus", _PLUS)):
        m = pattern.match(stripped)
        if m:
            return kind, "", stripped[m.end() :]
    return None


def cells_of(line: str) -> list[str] | None:
    """The cells of a table row ("a | b | c" or tab-separated), else None."""
    if "|" in line:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    elif line.count("\t") >= 2:
        cells = [c.strip() for c in line.split("\t")]
    else:
        return None
    return cells if sum(1 for c in cells if c) >= 2 else None


def _header_columns(cells: list[str]) -> list[str] | None:
    """Column kinds, when the row is a table's header row."""
    kinds: list[str] = []
    for cell in cells:
        folded = " ".join(fold_text(cell).split())
        kinds.append(next((k for k, p in COLUMNS.items() if p.search(folded)), ""))
    return kinds if sum(1 for k in kinds if k) >= 2 else None


# -- outline -------------------------------------------------------------------


def body_start(lines: list[str], begin: int = 0) -> int:
    """Index of the first line of the outline (the first section or item marker).

    A decision that issues a plan ("QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo …
    Kế hoạch") has the plan's own title ("KẾ HOẠCH") further down: its
    outline starts there, and the decision's articles are not tasks.
    """
    titles = [i for i, line in enumerate(lines) if _kind_title(line)]
    if len(titles) > 1 and _kind_title(lines[titles[0]]) == "quyet dinh":
        plan = next((i for i in titles[1:] if _kind_title(lines[i]) == "ke hoach"), None)
        begin = max(begin, plan + 1) if plan is not None else begin
    for index in range(begin, len(lines)):
        line = lines[index]
        found = marker(line)
        if found and _RANK[found[0]] <= _RANK["dec1"] and found[2].strip():
            return index
        if cells_of(line) and _header_columns(cells_of(line) or []):
            return index
    return begin


def _kind_title(line: str) -> str:
    """The kind ("ke hoach", "quyet dinh" …) when the line is a document's kind title."""
    folded = fold_text(line).strip(" #*").rstrip(".")
    return folded if folded in _KINDS else ""


def body_end(lines: list[str], start: int) -> int:
    """Index just past the outline: the recipients list ("Nơi nhận") or the signature."""
    for index in range(start, len(lines)):
        if _END.match(fold_text(lines[index].strip(" *#"))):
            return index
    return len(lines)


def body_lines(lines: list[str], start: int) -> list[tuple[int, bool]]:
    """(index, in an appendix) of every line of the plan's outline, from ``start``.

    The recipients list and the signature ("Nơi nhận", "TM. ỦY BAN NHÂN
    DÂN") close the body, but a table of tasks may follow in an appendix
    ("PHỤ LỤC … TT | Nhiệm vụ | Cơ quan chủ trì …"), and a decision's
    signature may be followed by the plan it issues: both are read. An
    appendix with no table of tasks (blank forms, lists) ends the outline.
    """
    out: list[tuple[int, bool]] = []
    index, closed, appendix = start, False, False
    while index < len(lines):
        folded = fold_text(lines[index].strip(" *#"))
        if _APPENDIX.match(folded) and len(folded) < 40:
            table = _table_after(lines, index)
            if table is None:
                break
            index, closed, appendix = table, False, True
            continue
        if _END.match(folded):
            closed = True
        elif closed and _kind_title(lines[index]) == "ke hoach":
            index, closed = body_start(lines, index + 1), False
            continue
        elif not closed and _CLOSING.match(folded) and not marker(lines[index]):
            closed = True  # "Trên đây là Kế hoạch …", "Ủy ban nhân dân tỉnh yêu cầu …/."
        if not closed:
            out.append((index, appendix))
            closed = lines[index].rstrip().endswith("/.") and not appendix
        index += 1
    return out


def _table_after(lines: list[str], index: int) -> int | None:
    """The header row of a table of tasks within a few lines after ``index``."""
    for ahead in range(index + 1, min(index + 8, len(lines))):
        cells = cells_of(lines[ahead])
        if cells and _header_columns(cells):
            return ahead
    return None


def outline(document: Document) -> Node:
    """The numbered outline of the document, with each node's id (``code``)."""
    lines = document.lines
    start = body_start(lines)
    root = Node("root", "", 0, "")
    stack: list[Node] = [root]
    columns: list[str] | None = None
    appendix_root: Node | None = None
    blank = False
    for index, appendix in body_lines(lines, start):
        line = lines[index]
        if not line.strip() or re.fullmatch(r"\s*\|?[\s:|-]*-{3,}[\s:|-]*", line):
            blank = blank or not line.strip()
            continue
        if blank and stack[-1].kind == "para" and not marker(line) and not cells_of(line):
            stack.pop()  # a blank line ends a paragraph of its own (.doc lists lose their numbers)
        blank = False
        if appendix and appendix_root is None:
            appendix_root = Node("appendix", "PL", index + 1, "", code="PL")
            root.children.append(appendix_root)
            stack = [root, appendix_root]
        cells = cells_of(line)
        if cells is None and columns and "\t" in line:
            cells = [c.strip() for c in line.split("\t")]  # a short row of a tab table
        if cells is not None:
            header = _header_columns(cells)
            if header:
                columns = header
                continue
            if columns:
                _add(stack, _row_node(cells, columns, index + 1, _last_row(stack)))
                continue
            line = " ".join(c for c in cells if c)
        elif columns and _group_row(line):
            _add(stack, _group_node(line, index + 1))
            continue
        columns = None
        _add_line(stack, line, index + 1)
    _assign_codes(root)
    return root


def _group_row(line: str) -> bool:
    """A heading inside a table written as a line of its own ("I. NÂNG CAO NHẬN THỨC")."""
    found = marker(line)
    return found is not None and found[0] in ("roman", "upper") and bool(found[2].strip())


def _group_node(line: str, number: int) -> Node:
    found = marker(line)
    assert found is not None
    return Node(_TABLE + found[0], found[1], number, " ".join(found[2].split()))


def _last_row(stack: list[Node]) -> Node | None:
    """The open table row that has an agency, which a row with merged cells continues."""
    for node in reversed(stack):
        if node.kind.startswith(_TABLE) and ("lead" in node.cells or "support" in node.cells):
            return node
        if not node.kind.startswith(_TABLE):
            return None
    return None


def _add_line(stack: list[Node], line: str, number: int) -> None:
    """A marked line opens a node; an unmarked one continues the open node.

    Under a heading ("IV. TỔ CHỨC THỰC HIỆN", a section) an unmarked
    paragraph is an item of its own, numbered by its position.
    """
    text = " ".join(line.split())
    found = marker(line)
    if found:
        kind, label, rest = found
        _add(stack, Node(kind, label, number, " ".join(rest.split())))
    elif len(stack) > 1 and is_heading(stack[-1]):
        _add(stack, Node("para", "", number, text))
    elif len(stack) > 2 and _SECTION_ADVERB.match(fold_text(text)):
        # "Hàng năm, các bộ, ngành … báo cáo …" after the last item: the section's own task
        while len(stack) > 2 and not is_heading(stack[-1]):
            stack.pop()
        _add(stack, Node("para", "", number, text))
    elif len(stack) > 1:
        stack[-1].text = _continued(stack[-1].text, text)


def _continued(text: str, line: str) -> str:
    """A paragraph added to an item: a title line with no full stop ends its sentence
    ("3. Xây dựng các văn bản …" then "Sở, ban, ngành … có trách nhiệm …")."""
    if text and line[:1].isupper() and text[-1:].isalnum():
        return f"{text}. {line}"
    return f"{text} {line}".strip()


def is_heading(node: Node) -> bool:
    """A section, or a title in capitals ("IV. TỔ CHỨC THỰC HIỆN", "2. NHIỆM VỤ")."""
    letters = [c for c in node.text if c.isalpha()]
    return node.kind in SECTION_KINDS or (bool(letters) and all(c.isupper() for c in letters))


def _row_node(cells: list[str], columns: list[str], line: int, above: Node | None) -> Node:
    """A table row; one with fewer cells than the header continues the row ``above``.

    A cell merged down over several rows (the number, the deadline, the
    result) is written on the first of them only: the later rows start at
    the content column and take the merged cells from the row above.
    """
    merged = (
        above is not None
        and len(cells) < len(columns)
        and columns[:1] == ["no"]
        and not _is_number(cells[0])
    )
    if merged:
        cells = ["", *cells]
    values: dict[str, str] = {}
    for kind, cell in zip(columns, cells, strict=False):
        if cell and kind:
            values[kind] = f"{values[kind]} {cell}".strip() if kind in values else cell
    if merged and above is not None:
        for kind in ("deadline", "product"):
            if kind not in values and kind in above.cells:
                values[kind] = above.cells[kind]
        text = values.pop("content", "")
        return Node(above.kind, above.label, line, " ".join(text.split()), cells=values)
    number = values.pop("no", "").strip(" .)")
    found = marker(number + ". x") if number else None
    kind = _TABLE + (found[0] if found and found[0] not in ("dash", "plus") else "row")
    text = values.pop("content", "") or " ".join(
        c for c, k in zip(cells, columns, strict=False) if not k and c
    )
    return Node(kind, found[1] if found else "", line, " ".join(text.split()), cells=values)


def _is_number(cell: str) -> bool:
    """A cell of the number column: "1", "1.", "a)", "II", "2.3"."""
    return (
        re.fullmatch(r"\s*(?:\d{1,3}(?:\.\d{1,2})*|[a-zđ]|[IVX]{1,5})\s*[.)]?\s*", cell) is not None
    )


def _add(stack: list[Node], node: Node) -> None:
    """Put ``node`` under the right parent: a kind seen before closes what came after it."""
    kinds = [n.kind for n in stack]
    if node.kind in kinds:
        del stack[kinds.index(node.kind) :]
    else:
        while len(stack) > 1 and _rank(stack[-1].kind) > _rank(node.kind):
            stack.pop()
    stack[-1].children.append(node)
    stack.append(node)


def _rank(kind: str) -> int:
    """Default nesting rank; table rows rank below everything outside their table."""
    if kind.startswith(_TABLE):
        return 20 + _RANK[kind.removeprefix(_TABLE)]
    return _RANK[kind]


def _assign_codes(node: Node) -> None:
    seen: dict[str, int] = {}
    for child in node.children:
        label = child.label
        kind, parent = child.kind.removeprefix(_TABLE), node.kind.removeprefix(_TABLE)
        if kind.startswith("dec") and parent.startswith("dec") and "." in label:
            label = label.rsplit(".", 1)[1]
        if not label and child.kind == "para" and len(node.children) > 1:
            label = str(node.children.index(child) + 1)  # after numbered items: its place
        elif not label:
            seen[child.kind] = seen.get(child.kind, 0) + 1
            label = str(seen[child.kind])
        child.code = f"{node.code}.{label}" if node.code else label
        _assign_codes(child)
