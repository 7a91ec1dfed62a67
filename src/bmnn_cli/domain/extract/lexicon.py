"""Words of the genre: folding, tokens, abbreviations, standard agency names.

Agency names are matched on a *canonical* word sequence: folded (no case,
no diacritics, "đ" as "d"), without punctuation, with "&" read as "và" and
the usual upper-case abbreviations expanded ("UBND" -> "uy ban nhan dan",
"Sở KH&CN" -> "so khoa hoc va cong nghe"). Abbreviations are expanded only
when written in capitals, so "cả tỉnh" (the whole province) never reads as
"CA tỉnh" (the provincial police). Every canonical word remembers the span
of the token it came from, so a match maps back to the words as written.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_FOLD_EXTRA = {"đ": "d", "Đ": "d"}


@functools.cache  # a document has a few hundred distinct characters
def fold_char(char: str) -> str:
    """One character folded to one, so folded text lines up with the original."""
    if char in _FOLD_EXTRA:
        return _FOLD_EXTRA[char]
    base = "".join(
        c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
    ).lower()
    return base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char


class _FoldTable(dict[int, str]):
    """`str.translate`'s table for `fold_char`, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@functools.lru_cache(maxsize=256)  # the structure reader folds the same lines again and again
def fold_text(text: str) -> str:
    """Case- and diacritic-free copy of ``text``, character for character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "vp": "van phong",
    "ca": "cong an",
    "bchqs": "bo chi huy quan su",
    "chqs": "chi huy quan su",
    "bdbp": "bo doi bien phong",
    "khcn": "khoa hoc va cong nghe",
    "vhttdl": "van hoa the thao va du lich",
    "gddt": "giao duc va dao tao",
    "nnmt": "nong nghiep va moi truong",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "tnmt": "tai nguyen va moi truong",
    "tttt": "thong tin va truyen thong",
    "khdt": "ke hoach va dau tu",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "gtvt": "giao thong van tai",
    "dttg": "dan toc va ton giao",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "bhxh": "bao hiem xa hoi",
    "ttdt": "thong tin dien tu",
    "ptth": "phat thanh truyen hinh",
    "bmnn": "bi mat nha nuoc",
    "bcd": "ban chi dao",
    "dbqh": "dai bieu quoc hoi",
    "lhpn": "lien hiep phu nu",
    "ccb": "cuu chien binh",
    "ldld": "lien doan lao dong",
    "vksnd": "vien kiem sat nhan dan",
    "tand": "toa an nhan dan",
    "bql": "ban quan ly",
    "kcn": "khu cong nghiep",
    "kkt": "khu kinh te",
}

_TOKEN = re.compile(r"[^\W_]+(?:[&-][^\W_]+)*|&")


@dataclass(frozen=True)
class Word:
    """One canonical word and the span of the token it came from."""

    text: str
    start: int
    end: int
    first: bool  # first canonical word of its token
    last: bool  # last canonical word of its token


def _is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=16384)
def _canon_token(token: str) -> tuple[str, ...]:
    """The canonical words one token stands for."""
    if token == "&":
        return ("va",)
    folded = fold_text(token)
    key = folded.replace("&", "").replace("-", "")
    if _is_abbreviation(token) and key in ABBREVIATIONS:
        return tuple(ABBREVIATIONS[key].split())
    words: list[str] = []
    for piece in re.split(r"(&)|-", folded):
        if piece == "&":
            words.append("va")
        elif piece:
            words.append(piece)
    return tuple(words)


def canon_words(text: str) -> list[Word]:
    """The canonical word sequence of ``text``, each word with its source span."""
    out: list[Word] = []
    for match in _TOKEN.finditer(text):
        words = _canon_token(match.group())
        for index, word in enumerate(words):
            out.append(Word(word, match.start(), match.end(), index == 0, index == len(words) - 1))
    return out


@functools.lru_cache(maxsize=8192)
def canon(text: str) -> tuple[str, ...]:
    """The canonical words of a name, as a matching key."""
    return tuple(word.text for word in canon_words(text))


# Standard names of provincial agencies (after the 2025 reorganisation, and the
# older ones documents still use), with their registry kind. Used to recognise an
# agency the registry does not list, which is then kept verbatim and flagged.
STANDARD_AGENCIES: tuple[tuple[str, str], ...] = (
    ("Ủy ban nhân dân tỉnh", "committee"),
    ("Hội đồng nhân dân tỉnh", "committee"),
    ("Công an tỉnh", "police"),
    ("Bộ Chỉ huy Quân sự tỉnh", "army"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "army"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "office"),
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "office"),
    ("Thanh tra tỉnh", "department"),
    ("Sở Nội vụ", "department"),
    ("Sở Tư pháp", "department"),
    ("Sở Tài chính", "department"),
    ("Sở Công Thương", "department"),
    ("Sở Nông nghiệp và Môi trường", "department"),
    ("Sở Xây dựng", "department"),
    ("Sở Khoa học và Công nghệ", "department"),
    ("Sở Giáo dục và Đào tạo", "department"),
    ("Sở Y tế", "department"),
    ("Sở Văn hóa, Thể thao và Du lịch", "department"),
    ("Sở Văn hóa và Thể thao", "department"),
    ("Sở Du lịch", "department"),
    ("Sở Ngoại vụ", "department"),
    ("Sở Dân tộc và Tôn giáo", "department"),
    ("Sở Thông tin và Truyền thông", "department"),
    ("Sở Kế hoạch và Đầu tư", "department"),
    ("Sở Lao động - Thương binh và Xã hội", "department"),
    ("Sở Giao thông vận tải", "department"),
    ("Sở Tài nguyên và Môi trường", "department"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "department"),
    ("Ban Dân tộc tỉnh", "department"),
    ("Ban Quản lý Khu kinh tế tỉnh", "department"),
    ("Ban Quản lý các khu công nghiệp tỉnh", "department"),
    ("Ban Chỉ đạo công tác bảo vệ bí mật nhà nước tỉnh", "committee"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "union"),
    ("Tỉnh đoàn", "union"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "union"),
    ("Hội Nông dân tỉnh", "union"),
    ("Hội Cựu chiến binh tỉnh", "union"),
    ("Liên đoàn Lao động tỉnh", "union"),
    ("Báo và Phát thanh, Truyền hình tỉnh", "media"),
    ("Đài Phát thanh và Truyền hình tỉnh", "media"),
    ("Cổng thông tin điện tử tỉnh", "media"),
    ("Bảo hiểm xã hội tỉnh", "other"),
    ("Kho bạc Nhà nước tỉnh", "other"),
    ("Cục Thuế tỉnh", "other"),
    ("Bưu điện tỉnh", "other"),
    ("Tòa án nhân dân tỉnh", "other"),
    ("Viện Kiểm sát nhân dân tỉnh", "other"),
    ("Trường Chính trị tỉnh", "other"),
    ("Tỉnh ủy", "other"),
    ("Văn phòng Tỉnh ủy", "other"),
    ("Ban Tổ chức Tỉnh ủy", "other"),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "other"),
    ("Ban Nội chính Tỉnh ủy", "other"),
    ("Bộ Công an", "other"),
    ("Chính phủ", "other"),
    ("Thủ tướng Chính phủ", "other"),
)

# Standard names of the usual groups of agencies; "communes" marks the group
# that "địa phương" stands for after "các sở, ban, ngành".
STANDARD_GROUPS: tuple[tuple[str, bool], ...] = (
    ("Các sở, ban, ngành, đoàn thể cấp tỉnh", False),
    ("Các sở, ban, ngành, đoàn thể tỉnh", False),
    ("Các sở, ban, ngành, đoàn thể", False),
    ("Các sở, ban, ngành", False),
    ("Ủy ban nhân dân các xã, phường", True),
    ("Ủy ban nhân dân các xã, phường, đặc khu", True),
    ("Ủy ban nhân dân các xã, phường, thị trấn", True),
    ("Ủy ban nhân dân cấp xã", True),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", True),
    ("Ủy ban nhân dân các huyện, thành phố", True),
)

# First words of an agency's name: a name the registry and the standard list do
# not know is recognised by these (in headings and in "Cơ quan …:" fields only).
AGENCY_HEADS = (
    "Sở", "Ban", "Ủy ban", "Uỷ ban", "UBND", "Công an", "Bộ Chỉ huy", "Bộ CHQS", "Văn phòng",
    "Thanh tra", "Cục", "Chi cục", "Đài", "Báo", "Cổng", "Trung tâm", "Bưu điện", "Kho bạc",
    "Ngân hàng", "Viện", "Tòa án", "Toà án", "Bảo hiểm", "Trường", "Bệnh viện", "Phòng", "Bộ",
    "Đảng ủy", "Đảng uỷ", "Tỉnh ủy", "Tỉnh uỷ", "Tỉnh đoàn", "Hội", "Hội đồng", "Liên đoàn",
    "Mặt trận", "Học viện", "Đoàn", "Viễn thông", "Viettel", "VNPT", "Công ty", "Tổng công ty",
    "Vụ", "Tổng cục", "Tạp chí", "Thông tấn xã", "Hiệp hội", "Liên minh", "Thuế", "Hải quan",
    "Thống kê", "Bộ Tư lệnh", "Tổng Liên đoàn", "Quỹ", "Chủ tịch", "Phó Chủ tịch", "Giám đốc",
    "Thủ trưởng", "Bí thư", "Chi nhánh", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Cán bộ",
    "Chuyên viên", "Đồng chí",
)  # fmt: skip
_PERSON_HEADS = {
    fold_text(h)
    for h in ("Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Thủ trưởng", "Bí thư", "Cán bộ",
              "Chuyên viên", "Đồng chí")
}  # fmt: skip
_HEADS_FOLDED = sorted({fold_text(h) for h in AGENCY_HEADS}, key=len, reverse=True)

# Verbs and words that end an agency's name when it is read by shape alone. They
# are matched with their diacritics: folded, "làm" (to do) would also stop at
# "lâm" (forest) in "Cục Lâm nghiệp", and "tại" (at) at "Tài" in "Tài chính".
_NAME_STOP = re.compile(
    r"(?<!\w)(?:chủ trì|phối hợp|thực hiện|tham mưu|triển khai|tổ chức|theo|trong|có trách nhiệm"
    r"|chịu trách nhiệm|chủ động|hướng dẫn|xây dựng|báo cáo|gửi|để|nhằm|tại|làm đầu mối|kiểm tra"
    r"|rà soát|căn cứ|tiếp tục|tăng cường|quản lý|đảm bảo|bảo đảm|các tỉnh|các địa phương"
    r"|có liên quan|liên quan|và các|thuộc|các đơn vị|các cơ quan|hoàn thiện|thiết lập"
    r"|nghiên cứu|ứng dụng|đánh giá|cung cấp|tuyên truyền|theo dõi|đôn đốc|trình|ban hành"
    r"|phổ biến|vận hành|tổng hợp|thu thập|trong việc|về việc|cập nhật|hỗ trợ|thẩm định"
    r"|giám sát|sử dụng|khai thác|chỉ đạo|định kỳ|thường xuyên|hằng năm|hàng năm|tham gia"
    r"|tham dự)(?!\w)"
)


def starts_with_head(text: str) -> bool:
    """True when ``text`` opens with an agency's head word, written with a capital."""
    stripped = text.lstrip()
    if not stripped[:1].isupper():
        return False
    folded = fold_text(stripped)
    return any(
        folded.startswith(head) and not folded[len(head) : len(head) + 1].isalnum()
        for head in _HEADS_FOLDED
    )


def is_person(name: str) -> bool:
    """True when a name is a person's title ("Đồng chí Chủ tịch …", "Giám đốc …")."""
    folded = fold_text(name.lstrip())
    return any(folded.startswith(head) for head in _PERSON_HEADS)


def capitalised_after_head(text: str) -> bool:
    """True when a word soon after the head word is capitalised, as in a name ("Cục Biến
    đổi khí hậu", "Ban công tác Mặt trận thôn"), not in "Bộ tiêu chí", "Hội nghị hiệp
    thương", "Báo cáo kết quả". A person's title ("Cán bộ phụ trách …") needs none."""
    stripped = text.lstrip()
    folded = fold_text(stripped)
    for head in _HEADS_FOLDED:
        if folded.startswith(head) and not folded[len(head) : len(head) + 1].isalnum():
            if head in _PERSON_HEADS:
                return True
            rest = stripped[len(head) :].lstrip()
            level = _LEVEL.match(rest)  # "UBND phường Lào Cai", "Ủy ban nhân dân xã Lương Minh"
            words = (rest[level.end() :] if level else rest).split()[:3]
            return any(word[:1].isupper() for word in words)
    return False


_LEVEL = re.compile(r"(?:xã|phường|đặc khu|thị trấn|huyện|thị xã|tỉnh|thành phố)\s+")


def name_by_shape(text: str) -> str | None:
    """An agency name read by its shape ("Sở Giáo dục và Đào tạo"), cut before any verb."""
    if not starts_with_head(text) or not capitalised_after_head(text):
        return None
    lowered = unicodedata.normalize("NFC", text).lower()
    first = re.match(r"\S+(?:\s+\S+)?", lowered)  # "Ban Quản lý", "Vụ Tổ chức": part of the name
    stop = _NAME_STOP.search(lowered, first.end() if first else 0)
    name = (text[: stop.start()] if stop else text).strip(" ,;:.-–")
    words = name.split()
    if len(words) < 2 or len(words) > 14:
        return None
    return name


VAGUE = re.compile(
    r"(?<![a-z0-9])(?:(?:cac|moi|nhung) )?(?:co quan|don vi|dia phuong|to chuc|nganh"
    r"|luc luong|bo|cap uy|chinh quyen)(?:,? (?:va )?(?:co quan|don vi|dia phuong|to chuc"
    r"|nganh|bo|co quan ngang bo|cap))*(?: chuc nang)?(?: (?:co )?lien quan)?(?: cac cap)?"
    r"(?![a-z0-9])"
)
"""Collective phrases that name nobody ("các cơ quan, đơn vị liên quan")."""
