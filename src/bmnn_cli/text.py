"""Text as Vietnamese officers type it: with or without diacritics, any case."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator

from bmnn_cli.i18n import t

_SPACES = re.compile(r"\s+")
# zero-width characters, soft hyphens and bidirectional controls: invisible in a
# terminal, they would make two equal-looking names differ (or reorder text)
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069",
    )
)


def clean(text: str) -> str:
    """NFC-normalise, drop zero-width and control characters and collapse whitespace."""
    text = without_controls(unicodedata.normalize("NFC", text).translate(_INVISIBLE))
    return _SPACES.sub(" ", text).strip()


# C0 and C1 control characters and DEL, but not the whitespace ones (TAB, LF, CR …),
# which `clean` turns into spaces: ESC starts terminal sequences (clearing the
# screen, OSC 8 links, the window title), BEL rings, and none of them is text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """The first control character in `text` (one a terminal would act on), or None."""
    found = _CONTROLS.search(text)
    return found[0] if found else None


def shown_controls(text: str) -> str:
    """`text` with each control character written as an escape (\\x1b), for a message."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def without_controls(text: str) -> str:
    """`text` with its control characters removed (what is shown, stored or exported)."""
    return _CONTROLS.sub("", text)


def fold(text: str) -> str:
    """A matching key: no diacritics, no case, single spaces.

    Decomposition leaves "đ" alone, so it is mapped by hand. ASCII text (most
    document numbers) only needs its spaces and case folded.
    """
    if text.isascii():
        return " ".join(text.split()).casefold()
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def slug(text: str) -> str:
    """An ASCII id made from a name: "Sở Tư pháp" -> "so-tu-phap"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def did_you_mean(names: Iterable[str]) -> str:
    """The "; did you mean …?" tail of a not-found message ("" when nothing is close)."""
    unique = list(dict.fromkeys(names))
    return t("hint.did_you_mean", names=", ".join(map(repr, unique))) if unique else ""


FIRST_YEAR, LAST_YEAR = 1900, 2200  # the years a plan, a submission or --as-of can name


def parse_date(text: str) -> dt.date:
    """A date typed day-first (27/02/2026, 27-02-2026, 27.02.2026) or ISO (2026-02-27).

    Raises ValueError with a message a person can act on: which part is wrong.
    """
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif day_first:
        year, month, day = int(day_first[3]), int(day_first[2]), int(day_first[1])
    else:
        raise ValueError(t("err.date.format", text=text))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(t("err.date.range", text=text, first=FIRST_YEAR, last=LAST_YEAR))
    if not 1 <= month <= 12:
        raise ValueError(t("err.date.month", text=text))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(t("err.date.day", text=text, month=month, year=year, days=days))
    return dt.date(year, month, day)


def matches(words: str, *texts: str) -> bool:
    """Whether every word typed starts a word of `texts`, case and diacritics aside.

    "tap huan" finds "Tập huấn, bồi dưỡng"; "bao cao" finds "Báo cáo";
    "an" alone does not find every "bản" (a word must start with it).
    """
    known = re.findall(r"\w+", fold(" ".join(texts)))
    wanted = re.findall(r"\w+", fold(words))
    return bool(wanted) and all(any(k.startswith(w) for k in known) for w in wanted)


# Vietnamese alphabetical order: the letters with their own place (ă â đ ê ô ơ ư),
# then, between words spelt alike, the tones in dictionary order: ngang, huyền,
# hỏi, ngã, sắc, nặng (as in Hoàng Phê's Từ điển tiếng Việt).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: 20 + rank for rank, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: part of the letter


def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key putting names in Vietnamese order: "Đông" after "Dương", "Ái" before "Quang".

    First the letters (a < ă < â < b … d < đ …; a space before any letter, so
    a shorter name comes first), then the tones, then the text itself so that
    the order is total. Punctuation is ignored; digits come before letters.
    """
    letters: list[int] = []
    tones: list[int] = []
    for base, marks in _clusters(unicodedata.normalize("NFD", clean(text).casefold())):
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        if letter.isspace():
            if letters and letters[-1] != 0:
                letters.append(0)
        elif letter in _LETTER_RANK:
            letters.append(_LETTER_RANK[letter])
            tones.append(max((_TONE_RANK.get(m, 0) for m in marks), default=0))
        elif letter.isdigit():
            letters.append(1 + int(letter) if letter.isascii() else 11)
        elif letter.isalnum():
            letters.append(100 + ord(letter))
    return tuple(letters), tuple(tones), text


def _clusters(decomposed: str) -> Iterator[tuple[str, list[str]]]:
    """Each base character with the combining marks that follow it."""
    base, marks = "", []
    for ch in decomposed:
        if unicodedata.combining(ch) and base:
            marks.append(ch)
            continue
        if base:
            yield base, marks
        base, marks = ch, []
    if base:
        yield base, marks
