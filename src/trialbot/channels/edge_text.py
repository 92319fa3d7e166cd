"""Text as it arrives at a channel's edge: lone UTF-16 surrogates become U+FFFD.

JSON may carry a lone surrogate escape (`"\\ud83d"` without its partner); Python decodes it into a
str that cannot be encoded as UTF-8, so saving the conversation state would fail. Channels clean
what they receive here; every other character passes unchanged.
"""

from __future__ import annotations

import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_lone_surrogates(text: str) -> str:
    """`text` with every surrogate code point (never valid in a decoded str) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def clean_payload(value: Any) -> Any:
    """A decoded JSON value (dicts, lists, strings ...) with every string cleaned, keys included."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {clean_payload(key): clean_payload(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_payload(item) for item in value]
    return value
