"""Splitting long text into pieces Telegram accepts, preferring paragraph and line boundaries."""

from __future__ import annotations

MESSAGE_LIMIT = 4096  # Telegram's limit on a message's text, in UTF-16 code units
_SEPARATORS = ("\n\n", "\n", ". ", " ")


def utf16_len(text: str) -> int:
    """The length of a text as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut `text` into pieces of at most `limit` units, at the widest boundary that fits."""
    pieces: list[str] = []
    rest = text.strip()
    while utf16_len(rest) > limit:
        cut = _cut_point(rest, limit)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if head:
            pieces.append(head)
    if rest:
        pieces.append(rest)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    """Index to cut at: after the last separator inside the limit, else a hard cut."""
    window = _prefix_within(text, limit)
    for separator in _SEPARATORS:
        index = window.rfind(separator)
        if index > len(window) // 4:  # do not make tiny pieces just to honour a separator
            return index + len(separator)
    return max(len(window), 1)


def _prefix_within(text: str, limit: int) -> str:
    """The longest prefix of `text` of at most `limit` UTF-16 units (never splits a character)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text
