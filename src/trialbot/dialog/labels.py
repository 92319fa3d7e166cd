"""How a trial is named on a button, and which protocol codes are distinctive enough to be read
as a pick when someone types them."""

from __future__ import annotations

import re

from trialbot.domain.trial import Trial

LABEL_LIMIT = 40
_WORD_CODE = re.compile(r"^[A-Za-z][A-Za-z-]{4,19}$")  # "DRAGONFLY", "iSMART"
_TITLE_HEAD = re.compile(r"^([^:]{4,40}):\s")  # "HEM iSMART-D: Trametinib + ..."


def short_label(trial: Trial) -> str:
    """A short readable name for a button: a word-like protocol code ("DRAGONFLY"), else the
    title's name before a colon ("HEM iSMART-D"), else the title cut at a word to 40 characters.
    Sponsor codes such as "18/SW/0021 CCR 4779" or "PBC011" are never shown."""
    code = (trial.protocol_code or "").strip()
    if _WORD_CODE.match(code):
        return code
    title = " ".join(trial.title.split()) or trial.id
    head = _TITLE_HEAD.match(title)
    if head:
        return head[1].strip()
    if len(title) <= LABEL_LIMIT:
        return title
    cut = title[: LABEL_LIMIT - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:-–(") + "…"


def distinctive_code(code: str) -> bool:
    """True when a protocol code would not turn up in ordinary text: a word-like code of five or
    more letters ("DRAGONFLY"), or five or more characters mixing digits with letters or
    separators ("2021-003398-79", "PBC011"). Not "18", "00002", "ABP" or "I242"."""
    code = code.strip()
    if len(code) < 5:
        return False
    if _WORD_CODE.match(code):
        return True
    has_digit = any(c.isdigit() for c in code)
    return has_digit and not code.isdigit()
