"""Checks one expectation against what the bot said in a turn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from trialbot.domain.turn import Reply, Turn
from trialbot.evaluation.scripts import UNSET, Expectation

TEXT_LIMIT = 400
_Fail = Callable[[str, str, str], None]


@dataclass
class Failure:
    """One expectation that did not hold, with what a person needs to fix it."""

    turn: int | str  # scripted/patient turn number (1-based), "final", or "script"
    line: int  # line in the script file
    expected: str
    actual: str
    bot_text: str = ""  # everything the bot said in that turn
    sent: str = ""  # what the script sent in that turn

    def as_json(self) -> dict[str, object]:
        """The JSON form of the report (`turn`, `expected`, `actual` with the bot's text)."""
        actual = self.actual
        if self.bot_text:
            actual = f'{actual}; bot said: "{short(self.bot_text)}"'
        return {"turn": self.turn, "expected": self.expected, "actual": actual}


def turn_text(turn: Turn) -> str:
    """All reply texts of a turn, joined, as the user would read them."""
    return "\n".join(reply.text for reply in turn.replies)


def last_question(turn: Turn) -> Reply | None:
    """The last `question` reply of a turn, or None."""
    questions = [reply for reply in turn.replies if reply.kind == "question"]
    return questions[-1] if questions else None


def offered_buttons(turn: Turn) -> list[str]:
    """The values of every button offered in a turn (without the token of their question)."""
    return [button.value.split("#")[0] for reply in turn.replies for button in reply.buttons]


def short(text: str, limit: int = TEXT_LIMIT) -> str:
    """A text cut to a readable length."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check(
    exp: Expectation, turn: Turn, label: int | str, questions_asked: int | None = None
) -> list[Failure]:
    """Every way this turn falls short of the expectation (empty when it holds)."""
    text = turn_text(turn)
    failures: list[Failure] = []

    def fail(key: str, expected: str, actual: str) -> None:
        failures.append(Failure(label, exp.lines.get(key, exp.line), expected, actual, text))

    lowered = text.casefold()
    for phrase in exp.says:
        if phrase.casefold() not in lowered:
            fail("says", f"says {phrase!r}", "not found")
    for pattern in exp.says_regex:
        if not pattern.search(text):
            fail("says_regex", f"says_regex {pattern.pattern!r}", "no match")
    for phrase in exp.not_says:
        if phrase.casefold() in lowered:
            fail("not_says", f"not_says {phrase!r}", "it was said")
    kinds = [reply.kind for reply in turn.replies]
    if exp.kind is not None and exp.kind not in kinds:
        fail("kind", f"kind {exp.kind}", f"reply kinds: {', '.join(kinds) or 'none'}")
    if exp.asks is not UNSET:
        _check_asks(exp.asks, turn, fail)
    for trial_id, verdict in exp.verdict.items():
        actual = turn.verdicts.get(trial_id, "not in scope")
        if actual != verdict:
            fail("verdict", f"verdict {trial_id}: {verdict}", f"{trial_id}: {actual}")
    for trial_id, verdict in exp.verdict_not.items():
        actual = turn.verdicts.get(trial_id, "not in scope")
        if actual == verdict:
            fail("verdict_not", f"verdict {trial_id}: not {verdict}", f"{trial_id}: {actual}")
    cited = sorted({c.trial_id for reply in turn.replies for c in reply.citations})
    for trial_id in exp.cites:
        if trial_id not in cited:
            fail("cites", f"cites {trial_id}", f"citations of: {', '.join(cited) or 'none'}")
    offered = offered_buttons(turn)
    for value in exp.buttons:
        if value not in offered:
            fail("buttons", f"button {value!r}", f"buttons offered: {_buttons(turn)}")
    limit = exp.max_questions
    if limit is not None and questions_asked is not None and questions_asked > limit:
        fail("max_questions", f"at most {limit} questions", f"{questions_asked} questions asked")
    return sorted(failures, key=lambda f: f.line)


def _check_asks(expected: object, turn: Turn, fail: _Fail) -> None:
    question = last_question(turn)
    if expected is None:
        if question is not None:
            fail("asks", "no question", f"asks {question.asks}: {short(question.text, 160)!r}")
        return
    if question is None:
        fail("asks", f"asks {expected}", "no question was asked")
    elif question.asks != expected:
        fail("asks", f"asks {expected}", f"asks {question.asks}: {short(question.text, 160)!r}")


def _buttons(turn: Turn) -> str:
    """The buttons of a turn as `value (label)`, for messages."""
    parts = [f"{b.value} ({b.label})" for reply in turn.replies for b in reply.buttons]
    return ", ".join(parts) or "none"


@dataclass
class ShortlistsSeen:
    """The `shortlist` replies of a conversation so far; the questions asked before the first."""

    buttons: list[list[str]]  # each shortlist's button values, in order
    questions_before_first: int | None = None

    def note(self, turn: Turn, questions_before: int) -> None:
        """Record the shortlists of one turn; `questions_before` counts questions before it."""
        for reply in turn.replies:
            if reply.kind != "shortlist":
                continue
            if self.questions_before_first is None:
                self.questions_before_first = questions_before
            self.buttons.append([b.value for b in reply.buttons])


def check_shortlists(exp: Expectation, seen: ShortlistsSeen, label: int | str) -> list[Failure]:
    """`shortlist_includes` (among the first 5 buttons of a shortlist so far) and
    `max_questions_before_shortlist`; empty when both hold."""
    failures: list[Failure] = []
    shown = [[value.removeprefix("trial:") for value in values[:5]] for values in seen.buttons]
    for trial_id in exp.shortlist_includes:
        if not any(trial_id in first_five for first_five in shown):
            actual = "; ".join(", ".join(ids) for ids in shown) or "no shortlist"
            line = exp.lines.get("shortlist_includes", exp.line)
            failures.append(Failure(label, line, f"shortlist includes {trial_id}", actual))
    limit = exp.max_questions_before_shortlist
    if limit is not None:
        asked = seen.questions_before_first
        line = exp.lines.get("max_questions_before_shortlist", exp.line)
        if asked is None:
            failures.append(Failure(label, line, f"a shortlist within {limit} questions", "none"))
        elif asked > limit:
            expected = f"a shortlist within {limit} questions"
            failures.append(Failure(label, line, expected, f"after {asked} questions"))
    return failures
