"""Runs many awkward answers through the core dialog (no network) and reports what went wrong.

For every awkward message and every question it is typed at (the age, the sex at birth, a yes/no
question, the cancer's course, a date, a number in a unit, daily life), a conversation over both
seed trials is walked to that question, the message is sent, and these are checked:

- never a crash (the service answers every message);
- never a lost fact (every fact known before is still known, with the same value);
- never a fact from nothing (a message that states nothing stores nothing but "not sure");
- a clear message (at least one reply, each with text, none echoing markup or a huge input);
- the conversation goes on (the question is answered by a button right after);
- health data is never logged (no message text and no fact value in any log record);
- "delete my data" then "yes" removes everything (no stored conversation, no view).

Run: `PYTHONPATH=src:tests/dialog python tests/dialog/awkward_driver.py` (prints every finding and
the facts each message stored, for reading); `test_dialog_awkward_driver.py` asserts no findings.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dialog_fakes import (
    APATINIB,
    DRAGONFLY,
    TODAY,
    FakeAnswerer,
    ListCatalog,
    MemoryStore,
    SeedRules,
    seed_trials,
)
from dialog_fakes import asks_of as _asks

from trialbot.domain.trial import Trial
from trialbot.domain.turn import Incoming, Turn
from trialbot.service import ConversationService

# Messages that state nothing about the patient: they may store "not sure" at most.
NOTHING = [
    "", "   ", "😀", "🤷‍♀️", "🙂🙂🙂", "x" * 5000, "blah " * 1000, "?", "...", "null",
    "undefined", "NaN", "\x00\x01\x02", "Robert'); DROP TABLE patients;--",
    "' OR 1=1 --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}",
    "${jndi:ldap://example.org/a}", "../../etc/passwd", "%s%s%s%n",
    "I don't know", "prefer not to say", "I'd rather not say", "none of your business",
    "asdf qwerty", "lol", "hmm", "stop", "STOP", "quit", "cancel", "pause", "I want to stop",
    "private", "skip",
]  # fmt: skip
# Messages that may state something (units, dates, other languages): their facts are printed.
SAYS_SOMETHING = [
    "5 ft 4", "5'4\"", "70kg", "1m70", "170 cm", "70 kilos, 1m70", "last spring", "3 weeks ago",
    "2024", "in march", "a long time ago", "None", "Ich bin 45 Jahre alt", "tengo 45 años",
    "je suis une femme", "45 岁", "мне 45", "I'm 45 ans", "４５", "-1", "1e9",
    "99999999999999999999", "45.5.5", "yes no", "y", "true", "0", "forty-five", "45 or so",
    "femal", "mail", "ecog one", "\u202e54 ma", "sorry I meant yes", "oops, no", "<b>45</b>",
    "45; DROP TABLE x",
]  # fmt: skip
ERASE = ["delete my data", "please erase everything", "forget me"]
# Messages that state nothing at one question (a height, a time, malformed digits to the age).
NOTHING_AT = {
    "age_years": ["5 ft 4", "5'4\"", "1m70", "170 cm", "3 weeks ago", "last spring", "1e9",
                  "45.5.5", "99999999999999999999", "-1", "2024"],
}  # fmt: skip

ANSWERS = {  # a plain answer to reach each question (button words, so no read-back)
    "age_years": "20", "sex": "female", "disease_status": "stable", "ecog_level": "0",
    "histology_confirmed": "yes", "swallow_tablets": "yes", "qtc_ms": "not sure",
    "measurable_disease": "yes", "last_blood_clot": "never", "other_cancer": "never",
}  # fmt: skip
TARGETS = [
    "age_years", "sex", "pregnant", "disease_status", "ecog_level", "last_blood_clot", "qtc_ms",
]  # fmt: skip
ALL_SEEDS = [DRAGONFLY, APATINIB]
MAX_REPLY = 4000  # characters: a reply longer than this echoes the input or is not clear


@dataclass
class Finding:
    """One thing that went wrong: the message, where it was typed, and what."""

    message: str
    target: str
    problem: str

    def __str__(self) -> str:
        return f"[{self.target}] {self.message[:40]!r}: {self.problem}"


@dataclass
class Report:
    """Findings, and the facts each message stored (for reading)."""

    findings: list[Finding] = field(default_factory=list)
    stored: dict[tuple[str, str], dict[str, object]] = field(default_factory=dict)
    runs: int = 0


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors += 1  # the service caught a crash ("dialog step failed: ...")
        try:
            self.lines.append(record.getMessage())
        except Exception:  # a record that cannot be formatted says nothing
            self.lines.append(str(record.msg))


def _reads_back(turn: Turn) -> bool:
    return any(
        r.kind == "question" and any(b.value.startswith("no#") for b in r.buttons)
        and not any(b.value.startswith("unknown#") for b in r.buttons)
        for r in turn.replies
    )  # fmt: skip


def _button(turn: Turn, wanted: str) -> str | None:
    for reply in reversed(turn.replies):
        for button in reply.buttons:
            if button.value.split("#")[0] == wanted:
                return button.value
    return None


class _Talk:
    def __init__(self, trials: list[Trial]) -> None:
        self.store = MemoryStore()
        self.service = ConversationService(
            ListCatalog(trials), self.store, FakeAnswerer(), today=lambda: TODAY, rules=SeedRules()
        )
        self.last: Turn | None = None
        self.failed = False  # the service answered with its error reply (a crash it caught)

    def say(self, text: str | None = None, button: str | None = None) -> Turn:
        incoming = Incoming(conversation_id="d", text=text, button=button, trials=ALL_SEEDS)
        self.last = self.service.handle(incoming)
        if any("went wrong" in r.text for r in self.last.replies):
            self.failed = True
        return self.last

    def facts(self) -> dict[str, object]:
        view = self.service.view("d")
        return dict(view.facts) if view is not None else {}


def _walk_to(talk: _Talk, target: str) -> bool:
    """Answer plainly until `target` is asked; False when it never is."""
    turn = talk.say("/start")
    for _ in range(30):
        asks = _asks(turn)
        if asks == target and not _reads_back(turn):
            return True
        if asks is None:
            return False
        turn = talk.say(ANSWERS.get(asks, "no"))
    return False


def _goes_on(talk: _Talk, target: str) -> bool:
    """True when the question can still be answered: a read-back is said no to, then the
    question (or whatever comes next) is answered with its "not sure" button."""
    turn = talk.last
    for _ in range(4):
        if turn is None:
            return False
        if target in talk.facts() or (_asks(turn) is None and talk.facts()):
            return True
        if _reads_back(turn):
            pressed = _button(turn, "no")
        else:
            pressed = _button(turn, "unknown") or _button(turn, "no")
        if pressed is None:
            asks = _asks(turn)
            turn = talk.say(ANSWERS.get(asks or "", "not sure"))
        else:
            turn = talk.say(button=pressed)
    return target in talk.facts()


def _clear(turn: Turn, message: str) -> str | None:
    """What is unclear about the replies, or None."""
    if not turn.replies:
        return "no reply at all"
    for reply in turn.replies:
        if not reply.text.strip():
            return "an empty reply"
        if len(reply.text) > MAX_REPLY:
            return f"a reply of {len(reply.text)} characters"
        if "<script" in reply.text.lower() or "onerror=" in reply.text.lower():
            return "markup echoed back"
        if "Traceback" in reply.text or "Exception" in reply.text:
            return "an error shown"
    if len(message) > 200 and any(message[:200] in r.text for r in turn.replies):
        return "a long message echoed back"
    return None


def _logged_health_data(lines: Iterable[str], message: str, facts: dict[str, object]) -> bool:
    said = message.strip()
    values = [str(v) for v in facts.values() if len(str(v)) >= 3 and str(v) not in ("True",)]
    for line in lines:
        if len(said) >= 4 and said in line:
            return True
        if any(f"={v}" in line or f": {v}" in line for v in values):
            return True
    return False


def check_one(message: str, target: str, report: Report, nothing: bool) -> None:
    """Type `message` at `target` and record what went wrong."""
    talk = _Talk(SEEDS)
    if not _walk_to(talk, target):
        report.findings.append(Finding(message, target, "the question was never reached"))
        return
    before = talk.facts()
    records = _Records()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    try:
        turn = talk.say(message)
    except Exception as error:  # the finding is the crash
        report.findings.append(Finding(message, target, f"crash: {type(error).__name__}"))
        return
    finally:
        root.removeHandler(records)
        root.setLevel(old_level)
    report.runs += 1
    if records.errors or talk.failed:
        report.findings.append(Finding(message, target, "crash caught by the service"))
    after = talk.facts()
    lost = {k: v for k, v in before.items() if after.get(k) != v}
    if lost and not message.lower().startswith(("sorry", "oops")):
        report.findings.append(Finding(message, target, f"lost facts {sorted(lost)}"))
    new = {k: v for k, v in after.items() if k not in before}
    report.stored[(message, target)] = new
    if nothing and any(v != "unknown" for v in new.values()):
        report.findings.append(Finding(message, target, f"a fact from nothing: {new}"))
    if nothing and _reads_back(turn):
        report.findings.append(Finding(message, target, "a read-back of nothing"))
    unclear = _clear(turn, message)
    if unclear:
        report.findings.append(Finding(message, target, unclear))
    if _logged_health_data(records.lines, message, after):
        report.findings.append(Finding(message, target, "health data logged"))
    try:
        goes_on = _goes_on(talk, target)
    except Exception as error:
        report.findings.append(Finding(message, target, f"crash after: {type(error).__name__}"))
        return
    if not goes_on:
        report.findings.append(Finding(message, target, "the conversation does not go on"))
    if talk.failed and not records.errors:
        report.findings.append(Finding(message, target, "crash caught by the service after"))


def check_erase(message: str, target: str, report: Report) -> None:
    """ "delete my data" asks first; "yes" removes everything; nothing is left to view."""
    talk = _Talk(SEEDS)
    if not _walk_to(talk, target):
        report.findings.append(Finding(message, target, "the question was never reached"))
        return
    before = talk.facts()
    turn = talk.say(message)
    if "erase" not in " ".join(r.text.lower() for r in turn.replies):
        report.findings.append(Finding(message, target, "no erase question"))
        return
    if talk.facts() != before:
        report.findings.append(Finding(message, target, "facts changed before the yes"))
    talk.say("yes")
    if talk.service.view("d") is not None or talk.store.data:
        report.findings.append(Finding(message, target, "data left after erase"))
    again = talk.say("hello")  # a new conversation starts: greeted, nothing known
    if not again.replies or talk.facts():
        report.findings.append(Finding(message, target, "no fresh start after erase"))
    if talk.failed:
        report.findings.append(Finding(message, target, "crash caught by the service"))
    report.runs += 1


SEEDS: list[Trial] = []


def run(
    seeds: list[Trial], messages: list[str] | None = None, targets: list[str] | None = None
) -> Report:
    """Every awkward message at every target question (or the ones given)."""
    SEEDS[:] = seeds
    report = Report()
    for target in targets or TARGETS:
        for message in messages if messages is not None else NOTHING + SAYS_SOMETHING:
            nothing = message in NOTHING or message in NOTHING_AT.get(target, [])
            check_one(message, target, report, nothing=nothing)
        for message in ERASE:
            check_erase(message, target, report)
    return report


def main() -> int:
    """Print the findings and the facts each message stored."""
    import os

    shared = Path(os.environ.get("TRIALBOT_SHARED_DIR", "/work/shared"))
    report = run(seed_trials(shared / "seeds"))
    for (message, target), new in report.stored.items():
        if new:
            print(f"stored [{target}] {message[:40]!r}: {new}")
    for finding in report.findings:
        print("FINDING", finding)
    print(f"{report.runs} runs, {len(report.findings)} findings")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
