"""The words of deadline phrases: the schedule part type, text folding, and the word patterns.

Every rule of the grammar matches over a folded copy of the phrase (lower case, no
diacritics, "đ" as "d", same length as the original so spans map back); this module holds
that folding and the shared pattern fragments (connectors, "hằng năm", "quý", dates), so the
rule modules agree on what a word, a boundary and a date look like.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Part"]

Part = dict[str, object]
"""One ``[[tasks.schedule]]`` table: ``kind`` plus that kind's keys; absent keys mean default."""


_PAIRS = {"(": ")", "[": "]", '"': '"', "“": "”", "'": "'"}
_MAX_WRAPPING = 8  # layers of "(…)" / quotes / bullets peeled off; real phrases have two
_FOLD_EXTRA = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}  # NFD leaves these whole


def _clean(phrase: str) -> str:
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


def _fold(text: str) -> str:
    """Case- and diacritic-free copy of ``text``, character for character."""
    return "".join(map(_fold_char, text))


# --- grammar (over folded text) ----------------------------------------------------------

_END = r"(?![a-z0-9]|[/.-][0-9])"  # a rule must end at a word (and not inside a date)
_CONNECT = (  # a dash only between spaces: "10/12/2025 - 95 ngày trước bầu cử"
    r"[,;()]|/(?![0-9])|\.(?![0-9])|(?<= )[-–](?= )|(?<![a-z0-9])(?:va|hoac|hay)(?![a-z0-9])"
)
_CONNECTOR = re.compile(_CONNECT)
_GAP = re.compile(rf"(?: |{_CONNECT})+")
_TOKEN_END = re.compile(rf" |{_CONNECT}")
_BOUNDARY = rf"(?= ?(?:{_CONNECT}|$))"
_ONCE = r"(?:mot|1) lan"
# "quý" (quarter) folds like "quy" in "quy định", "quy trình": refuse those compounds
_QUY = (  # "Quí" too; never "quy định", "quy mô" …
    r"qu[yi](?! (?:dinh|trinh|che|pham|mo|hoach|tac|chuan|luat|uoc|doi|trach)(?![a-z]))"
)
_EVERY = r"(?:hang|moi|tung)"
_PER_TIME = rf"(?: {_ONCE}| ?/ ?lan)"  # "6 tháng một lần", "6 tháng/lần"

_YEARLY_W = (  # never "năm 2026": a year number makes it a date
    rf"(?:(?:dinh ky )?{_EVERY} nam(?: {_ONCE})?|dinh ky nam|nam {_ONCE}"
    rf"|{_ONCE}(?: ?/ ?| (?:moi|mot|trong) )nam)(?! ?[0-9])"
)
_QUARTERLY_W = (
    rf"(?:dinh ky )?{_EVERY} {_QUY}(?: {_ONCE})?|dinh ky(?: theo)? {_QUY}|{_QUY} {_ONCE}"
    rf"|(?:ba|0?3) thang(?: {_ONCE}| ?/ ?lan)|(?:dinh ky|moi|{_EVERY}) (?:ba|0?3) thang"
)
_MONTHLY_W = rf"(?:dinh ky )?{_EVERY} thang(?: {_ONCE})?|dinh ky(?: theo)? thang|thang {_ONCE}"
_HALF_W = (
    rf"(?:(?:dinh ky|{_EVERY}) (?:0?6|sau) thang{_PER_TIME}?|(?:0?6|sau) thang{_PER_TIME}?"
    rf"|(?:dinh ky|{_EVERY}) nua nam|nua nam {_ONCE}|(?:hai|2) lan(?: ?/ ?| (?:moi|mot|trong) )nam)"
    r"(?! (?:dau|cuoi) nam| (?:ke tu|tinh tu|sau khi)(?![a-z]))"
)
_PERIODIC = re.compile(
    rf"(?:(?P<half_yearly>{_HALF_W})|(?P<quarterly>{_QUARTERLY_W})|(?P<monthly>{_MONTHLY_W})"
    rf"|(?P<yearly>{_YEARLY_W}|dinh ky{_BOUNDARY})){_END}"
)
_CONTINUOUS = re.compile(
    rf"(?:thuong xuyen(?:,? (?:va )?lien tuc)?|lien tuc(?:,? (?:va )?thuong xuyen)?){_END}"
)
_ASKED = (
    r"(?:khi|theo) (?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao)(?! nhiem vu)"
    r"|khi can(?: thiet)?|khi (?:co )?phat sinh"
)
_ON_REQUEST = re.compile(rf"(?:dot xuat(?:,? (?:{_ASKED}))?|(?:{_ASKED})(?:,? dot xuat)?){_END}")
_WITHIN = r"(?:trong(?: thoi han| thoi gian| vong)?|cham nhat(?: la)?|khong qua)"
_DAYS = re.compile(rf"{_WITHIN} (?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?{_END}")
_ISSUED = r"(?:ban hanh|co hieu luc|phe duyet|thong qua|cong bo)"
_EVENT_START = re.compile(
    rf"(?:{_WITHIN} )?(?P<days>[0-9]{{1,3}}) ngay(?P<working> lam viec)?"
    r" (?:ke tu(?: khi)?|tinh tu(?: khi)?|sau khi) |(?:ngay )?sau khi "
    # a condition that waits for texts: "khi Chính phủ … ban hành các văn bản hướng dẫn"
    rf"|khi (?!(?:co |duoc |nhan duoc )?(?:yeu cau|de nghi|chi dao|can|phat sinh))"
    rf"(?=[^;.()]{{0,120}}?(?<![a-z]){_ISSUED}(?![a-z]))"
)
_OPEN_TAIL = (
    rf"(?: ?,? (?:va |den |cho den )?(?:nhung|cac) nam (?:tiep theo|sau)| tro (?:di|ve sau)){_END}"
)
_OPEN_YEARLY = re.compile(  # "Năm 2026 và các năm tiếp theo", "Giai đoạn 2026-2030 và …"
    r"(?:(?:trong|tu) )?(?:giai doan (?:tu )?)?(?:nam )?(?P<y>[0-9]{4})"
    r"(?: ?(?:-|–|den) ?(?:nam )?[0-9]{4})?" + _OPEN_TAIL
)
_OPEN_TAIL_RE = re.compile(_OPEN_TAIL)
_RANGE = re.compile(
    r"(?:tu nam (?P<a>[0-9]{4})(?: ?(?:-|–|(?:den|toi)(?: het)?) ?(?:nam )?(?P<b>[0-9]{4}))?"
    r"|(?:den|toi)(?: het)? nam (?P<c>[0-9]{4})"
    r"|(?:trong )?giai doan (?:tu )?(?:nam )?(?P<d>[0-9]{4})"
    r" ?(?:-|–|den) ?(?:nam )?(?P<e>[0-9]{4}))" + _END
)
_POSITION_EVERY = re.compile(
    rf"(?:vao )?(?P<pos>dau|giua|cuoi) (?:{_EVERY}|cac) (?P<unit>nam|{_QUY}|thang){_END}"
)
_PREFIX = (  # bounded: no quadratic scans
    r"(?:(?:truoc|cham nhat(?: la)?|muon nhat(?: la)?|khong (?:muon|cham|qua)(?: hon)?"
    r"|han chot(?: la)?|trong|vao|(?:den|toi) het|den|toi|tu nay den|xong) ){0,3}"
)
_MONTH_DAY = re.compile(
    rf"(?:{_PREFIX}ngay (?P<d>[0-9]{{1,2}}) ?,? (?:{_MONTHLY_W})"
    rf"|(?:{_MONTHLY_W}) ?,? {_PREFIX}ngay (?P<d2>[0-9]{{1,2}})){_END}"
)
_DATE_PREFIX = re.compile(rf"{_PREFIX}(?:ngay )?")
_RECUR_AFTER = re.compile(rf" ?,? (?:{_YEARLY_W}){_END}")
_RECUR_BEFORE = re.compile(rf"(?:{_YEARLY_W}) ?,? ")
_FILLER = re.compile(
    r"(?:thoi han|thoi gian|thuc hien|hoan thanh|bao cao|gui|nop|dinh ky|tien hanh"
    r"|trien khai|to chuc|dam bao|bao dam|xong|toi thieu|it nhat|ket qua)"
    rf"(?: ?/ ?(?:thuc hien|hoan thanh))?(?: ?:)?{_END} ?"
)
_Y = r"(?P<y>[0-9]{4})"
_Y2 = r"(?P<y2>[0-9]{4})"
_M = r"(?P<m>0 ?[1-9]|1[0-2]|[1-9])"  # "tháng 0 6": a stray space in a written-out date
_DMY = re.compile(
    rf"(?P<d>[0-9]{{1,2}}) ?[/.-] ?(?P<m>[0-9]{{1,2}})(?:(?: ?[/.-] ?|,? nam ){_Y})?{_END}"
)
_D_THANG_M = re.compile(rf"(?P<d>[0-9]{{1,2}}) thang {_M}(?:,? nam {_Y})?{_END}")
_MONTH = re.compile(rf"(?:(?P<pos>dau|giua|cuoi) )?thang {_M}(?: ?[/.-] ?{_Y}|,? nam {_Y2})?{_END}")
_YEAR = re.compile(  # a bare year is a table cell's "2025"; "trong năm" is the plan's year
    rf"(?:(?P<pos>dau|giua|cuoi) nam(?: {_Y})?|nam {_Y2}|(?<![0-9/.-])(?P<y3>[0-9]{{4}})"
    rf"|(?<=trong )nam(?! ?[0-9])){_END}"
)
_HALF = re.compile(rf"(?:(?:6|sau) thang|nua) (?P<half>dau|cuoi) nam(?: {_Y})?{_END}")
_Q = r"(?:iv|iii|ii|i|[1-4])"
_QUARTER = re.compile(rf"(?:cuoi )?{_QUY} (?P<q>{_Q})(?: ?[/-] ?{_Y}|,? nam {_Y2})?{_END}")
_QUARTER_LIST = re.compile(  # "Quý III, IV/2026": the year written once, after the last
    rf"(?:cuoi )?{_QUY} (?P<qs>{_Q}(?: ?(?:,|va) ?{_Q})+)(?: ?[/-] ?|,? nam ){_Y}{_END}"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DAY_AT = {"dau": 1, "giua": 15}  # Civil Code 2015 Art. 146; "cuoi" is the last day
_YEAR_AT = {"dau": (1, 1), "giua": (6, 30)}  # Art. 146(3); otherwise 31/12
_PERIODIC_KINDS = ("yearly", "quarterly", "monthly", "half_yearly")
