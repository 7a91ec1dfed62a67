"""Text as Vietnamese officers type it: with or without diacritics, any case."""

from __future__ import annotations

import re
import unicodedata

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
    """NFC-normalise, drop zero-width characters and collapse whitespace."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """A matching key: no diacritics, no case, single spaces.

    Decomposition leaves "đ" alone, so it is mapped by hand.
    """
    text = clean(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def slug(text: str) -> str:
    """An ASCII id made from a name: "Sở Tư pháp" -> "so-tu-phap"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
