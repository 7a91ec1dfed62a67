"""E-mail addresses and display names that can safely become header fields.

An address from the registry or the configuration is put into a message
header: it must be one plain `local@domain` address (dot-atom, RFC 5322
3.4.1), or a "Name <local@domain>" mailbox for the sender, with no control
character anywhere. A display name that holds an encoded word ("=?utf-8?q?
…?=") or a line break is not a name: decoded by a mail program it could
become more header lines.
"""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")
_MAILBOX = re.compile(r"(?P<name>[^<>]*)<(?P<address>[^<>]*)>")
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?", re.ASCII)
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def is_address(text: str) -> bool:
    """Whether `text` is one plain address that any SMTP server and mail program accepts."""
    return len(text) <= 254 and _ADDRESS.fullmatch(text) is not None


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a display name ("encoded word", "control"), or None."""
    if _BREAKS.search(name):
        return "control"
    if _ENCODED_WORD.search(name):
        return "encoded word"
    return None


def split_mailbox(text: str) -> tuple[str, str] | None:
    """("Name", "addr") of "Name <addr>" or of a bare address; None when it is neither."""
    text = text.strip()
    if _BREAKS.search(text):
        return None
    if is_address(text):
        return "", text
    match = _MAILBOX.fullmatch(text)
    if match is None or not is_address(match["address"].strip()):
        return None
    name = match["name"].strip().strip('"').strip()
    if name_problem(name):
        return None
    return name, match["address"].strip()
