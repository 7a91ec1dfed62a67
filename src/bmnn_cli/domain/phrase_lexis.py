"""The words of deadline phrases: the schedule part type, text folding, and the word patterns.

Every rule of the grammar matches over a folded copy of the phrase (lower case, no
diacritics, "đ" as "d", same length as the original so spans map back); this module holds
that folding and the shared pattern fragments (connectors, "hằng năm", "quý", dates), so the
rule modules agree on what a word, a boundary and a date look like.
"""

from __future__ import annotations

import re
import unicodedata

Part = dict[str, object]
"""One ``[[tasks.schedule]]`` table: ``kind`` plus that kind's keys; absent keys mean default."""


_PAIRS = {"(": ")", "[": "]", '"': '"', "“": "”", "'": "'"}
_MAX_WRAPPING = 8  # layers of "(…)" / quotes / bullets peeled off; real phrases have two
_FOLD_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}  # NFD leaves these whole


def clean(phrase: str) -> str:
    """NFC text without markdown stars, extra spaces, bullets, end punctuation or wrapping."""
    text = " ".join(unicodedata.normalize("NFC", phrase).replace("*", " ").split())
    for _ in range(_MAX_WRAPPING):
        trimmed = text.lstrip("-–—• ").rstrip(" .,;:")
        if _enclosed(trimmed):
            trimmed = trimmed[1:-1].strip()
        if trimmed == text:
            break
        text = trimmed
    return text


def _enclosed(text: str) -> bool:
    """True when the opening bracket or quote closes only at the very end."""
    if len(text) < 2 or _PAIRS.get(text[0]) != text[-1]:
        return False
    opener, closer = text[0], text[-1]
    if opener == closer:
        return True
    depth = 0
    for char in text[:-1]:
        depth += (char == opener) - (char == closer)
        if depth == 0:
            return False
    return True


def _fold_char(char: str) -> str:
    """Fold one character to one, so the folded text lines up with the original."""
    if char in _FOLD_EXTRA:
        return _FOLD_EXTRA[char]
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Case- and diacritic-free copy of ``text``, character for character."""
    return "".join(map(_fold_char, text))


# --- grammar (over folded text) ----------------------------------------------------------

END = r"(?![a-z0-9]|[/.-][0-9])"  # a rule must end at a word (and not inside a date)
CONNECT = (  # a dash only between spaces: "10/12/2025 - 95 ngày trước bầu cử"
    r"[,;()]|/(?![0-9])|\.(?![0-9])|(?<= )[-–](?= )|(?<![a-z0-9])(?:va|hoac|hay)(?![a-z0-9])"
)
CONNECTOR = re.compile(CONNECT)
GAP = re.compile(rf"(?: |{CONNECT})+")
TOKEN_END = re.compile(rf" |{CONNECT}")
_BOUNDARY = rf"(?= ?(?:{CONNECT}|$))"
_ONCE = r"(?:mot|1) lan"
# "quý" (quarter) folds like "quy" in "quy định", "quy trình": refuse those compounds
QUY = (  # "Quí" too; never "quy định", "quy mô" …
    r"qu[yi](?! (?:dinh|trinh|che|pham|mo|hoach|tac|chuan|luat|uoc|doi|trach)(?![a-z]))"
)
EVERY = r"(?:hang|moi|tung)"
_PER_TIME = rf"(?: {_ONCE}| ?/ ?lan)"  # "6 tháng một lần", "6 tháng/lần"

_YEARLY_W = (  # never "năm 2026": a year number makes it a date
    rf"(?:(?:dinh ky )?{EVERY} nam(?: {_ONCE})?|dinh ky nam|nam {_ONCE}"
    rf"|{_ONCE}(?: ?/ ?| (?:moi|mot|trong) )nam)(?! ?[0-9])"
)
_QUARTERLY_W = (
    rf"(?:dinh ky )?{EVERY} {QUY}(?: {_ONCE})?|dinh ky(?: theo)? {QUY}|{QUY} {_ONCE}"
    rf"|(?:ba|0?3) thang(?: {_ONCE}| ?/ ?lan)|(?:dinh ky|moi|{EVERY}) (?:ba|0?3) thang"
)
_MONTHLY_W = rf"(?:dinh ky )?{EVERY} thang(?: {_ONCE})?|dinh ky(?: theo)? thang|thang {_ONCE}"
_HALF_W = (
    rf"(?:(?:dinh ky|{EVERY}) (?:0?6|sau) thang{_PER_TIME}?|(?:0?6|sau) thang{_PER_TIME}?"
    rf"|(?:dinh ky|{EVERY}) nua nam|nua nam {_ONCE}|(?:hai|2) lan(?: ?/ ?| (?:moi|mot|trong) )nam)"
    r"(?! (?:dau|cuoi) nam| (?:ke tu|tinh tu|sau khi)(?![a-z]))"
)
PERIODIC = re.compile(
    rf"(?:(?P<half_yearly>{_HALF_W})|(?P<quarterly>{_QUARTERLY_W})|(?P<monthly>{_MONTHLY_W})"
    rf"|(?P<yearly>{_YEARLY_W}|dinh ky{_BOUNDARY})){END}"
)
CONTINUOUS = re.compile(
    rf"(?:thuong xuyen(?:,? (?:va )?lien tuc)?|lien tuc(?:,? (?:va )?thuong xuyen)?){END}"
)
_ASKED = (
    r"(?:khi|theo) (?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao)(?! nhiem vu)"
    r"|khi can(?: thiet)?|khi (?:co )?phat sinh"
)
ON_REQUEST = re.compile(rf"(?:dot xuat(?:,? (?:{_ASKED}))?|(?:{_ASKED})(?:,? dot xuat)?){END}")
_WITHIN = r"(?:trong(?: thoi han| thoi gian| vong)?|cham nhat(?: la)?|khong qua)"
DAYS = re.compile(rf"{_WITHIN} (?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?{END}")
_ISSUED = r"(?:ban hanh|co hieu luc|phe duyet|thong qua|cong bo)"
EVENT_START = re.compile(
    rf"(?:{_WITHIN} )?(?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?"
    r" (?:ke tu(?: khi)?|tinh tu(?: khi)?|sau khi) |(?:ngay )?sau khi "
    # a condition that waits for texts: "khi Chính phủ … ban hành các văn bản hướng dẫn"
    rf"|khi (?!(?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao|can|phat sinh))"
    rf"(?=[^;.()]{{0,120}}?(?<![a-z]){_ISSUED}(?![a-z]))"
)
_OPEN_TAIL = (
    rf"(?: ?,? (?:va |den |cho den )?(?:nhung|cac) nam (?:tiep theo|sau)| tro (?:di|ve sau)){END}"
)
OPEN_YEARLY = re.compile(  # "Năm 2026 và các năm tiếp theo", "Giai đoạn 2026-2030 và …"
    r"(?:(?:trong|tu) )?(?:giai doan (?:tu )?)?(?:nam )?(?P<y>[0-9]{4})"
    r"(?: ?(?:-|–|den) ?(?:nam )?[0-9]{4})?" + _OPEN_TAIL
)
OPEN_TAIL_RE = re.compile(_OPEN_TAIL)
RANGE = re.compile(
    r"(?:tu nam (?P<a>[0-9]{4})(?: ?(?:-|–|(?:den|toi)(?: het)?) ?(?:nam )?(?P<b>[0-9]{4}))?"
    r"|(?:den|toi)(?: het)? nam (?P<c>[0-9]{4})"
    r"|(?:trong )?giai doan (?:tu )?(?:nam )?(?P<d>[0-9]{4})"
    r" ?(?:-|–|den) ?(?:nam )?(?P<e>[0-9]{4}))" + END
)
POSITION_EVERY = re.compile(
    rf"(?:vao )?(?P<pos>dau|giua|cuoi) (?:{EVERY}|cac) (?P<unit>nam|{QUY}|thang){END}"
)
PREFIX = (  # bounded: no quadratic scans
    r"(?:(?:truoc|cham nhat(?: la)?|muon nhat(?: la)?|khong (?:muon|cham|qua)(?: hon)?"
    r"|han chot(?: la)?|trong|vao|(?:den|toi) het|den|toi|tu nay den|xong) ){0,3}"
)
MONTH_DAY = re.compile(
    rf"(?:{PREFIX}ngay (?P<d>[0-9]{{1,2}}) ?,? (?:{_MONTHLY_W})"
    rf"|(?:{_MONTHLY_W}) ?,? {PREFIX}ngay (?P<d2>[0-9]{{1,2}})){END}"
)
DATE_PREFIX = re.compile(rf"{PREFIX}(?:ngay )?")
RECUR_AFTER = re.compile(rf" ?,? (?:{_YEARLY_W}){END}")
RECUR_BEFORE = re.compile(rf"(?:{_YEARLY_W}) ?,? ")
FILLER = re.compile(
    r"(?:thoi han|thoi gian|thuc hien|hoan thanh|bao cao|gui|nop|dinh ky|tien hanh"
    r"|trien khai|to chuc|dam bao|bao dam|xong|toi thieu|it nhat|ket qua)"
    rf"(?: ?/ ?(?:thuc hien|hoan thanh))?(?: ?:)?{END} ?"
)
Y = r"(?P<y>[0-9]{4})"
_Y2 = r"(?P<y2>[0-9]{4})"
M = r"(?P<m>0 ?[1-9]|1[0-2]|[1-9])"  # "tháng 0 6": a stray space in a written-out date
DMY = re.compile(
    rf"(?P<d>[0-9]{{1,2}}) ?[/.-] ?(?P<m>[0-9]{{1,2}})(?:(?: ?[/.-] ?|,? nam ){Y})?{END}"
)
D_THANG_M = re.compile(rf"(?P<d>[0-9]{{1,2}}) thang {M}(?:,? nam {Y})?{END}")
MONTH = re.compile(rf"(?:(?P<pos>dau|giua|cuoi) )?thang {M}(?: ?[/.-] ?{Y}|,? nam {_Y2})?{END}")
YEAR = re.compile(  # a bare year is a table cell's "2025"; "trong năm" is the plan's year
    rf"(?:(?P<pos>dau|giua|cuoi) nam(?: {Y})?|nam {_Y2}|(?<![0-9/.-])(?P<y3>[0-9]{{4}})"
    rf"|(?<=trong )nam(?! ?[0-9])){END}"
)
HALF = re.compile(rf"(?:(?:6|sau) thang|nua) (?P<half>dau|cuoi) nam(?: {Y})?{END}")
Q = r"(?:iv|iii|ii|i|[1-4])"
QUARTER = re.compile(rf"(?:cuoi )?{QUY} (?P<q>{Q})(?: ?[/-] ?{Y}|,? nam {_Y2})?{END}")
QUARTER_LIST = re.compile(  # "Quý III, IV/2026": the year written once, after the last
    rf"(?:cuoi )?{QUY} (?P<qs>{Q}(?: ?(?:,|va) ?{Q})+)(?: ?[/-] ?|,? nam ){Y}{END}"
)

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
DAY_AT = {"dau": 1, "giua": 15}  # Civil Code 2015 Art. 146; "cuoi" is the last day
YEAR_AT = {"dau": (1, 1), "giua": (6, 30)}  # Art. 146(3); otherwise 31/12
PERIODIC_KINDS = ("yearly", "quarterly", "monthly", "half_yearly")
