"""Replays one script through a driver: scripted turns, then the simulated patient, then `final`."""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from trialbot.domain.turn import Turn
from trialbot.evaluation.checks import (
    Failure,
    ShortlistsSeen,
    check,
    check_shortlists,
    last_question,
    offered_buttons,
)
from trialbot.evaluation.drivers import BotError, Driver
from trialbot.evaluation.scripts import Script, ScriptError, load_script

OPENING = "/start"  # sent first when a script has a patient but no scripted turns
DEFAULT_MAX_QUESTIONS = 100  # a patient conversation never runs longer than this
MAX_PATIENT_TURNS = 200


@dataclass
class ScriptResult:
    """The outcome of one script."""

    name: str
    file: str
    failures: list[Failure] = field(default_factory=list)
    questions_asked: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error: str | None = None  # the script could not be read (bad YAML, unknown key...)
    unmet: str | None = None  # a trial it `needs` is not registered (the one line to act on)

    @property
    def passed(self) -> bool:
        """True when the script ran and every expectation held."""
        return self.error is None and self.unmet is None and not self.failures

    def latency(self) -> dict[str, float | None]:
        """p50 and p95 of the turn latencies, in milliseconds."""
        return {"p50": percentile(self.latencies_ms, 50), "p95": percentile(self.latencies_ms, 95)}


def percentile(values: list[float], pct: float) -> float | None:
    """The pct-th percentile (nearest-rank interpolation), rounded to 0.01; None when empty."""
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 2)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return round(cuts[int(pct) - 1], 2) if pct < 100 else round(max(values), 2)


class _Run:
    """The state of one script being replayed."""

    def __init__(self, script: Script, driver: Driver) -> None:
        self.script = script
        self.driver = driver
        self.result = ScriptResult(name=script.name, file=str(script.path))
        self.conversation = driver.new_conversation()
        self.last: Turn | None = None
        self.sent = 0
        self.last_sent = ""  # the last message sent, as shown in failures
        self.shortlists = ShortlistsSeen(buttons=[])

    def send(self, label: int, line: int, text: str | None, button: str | None) -> bool:
        """Send one message; False (and a failure) when the bot broke."""
        trials = self.script.trials if self.sent == 0 else None
        self.last_sent = f"button {button!r}" if button is not None else repr(text)
        started = time.perf_counter()
        try:
            turn = self.driver.send(self.conversation, text=text, button=button, trials=trials)
        except BotError as exc:
            self.last = None
            self.fail(label, line, "a reply", f"the bot failed: {exc}")
            return False
        self.result.latencies_ms.append((time.perf_counter() - started) * 1000)
        self.sent += 1
        self.last = turn
        self.shortlists.note(turn, self.result.questions_asked)
        self.result.questions_asked += sum(1 for r in turn.replies if r.kind == "question")
        return True

    def fail(self, label: int | str, line: int, expected: str, actual: str) -> None:
        """Record a failure that is not an expectation check."""
        text = "\n".join(r.text for r in self.last.replies) if self.last else ""
        self.result.failures.append(Failure(label, line, expected, actual, text, self.last_sent))

    def record(self, failures: list[Failure]) -> None:
        """Keep expectation failures, each with the message that was sent."""
        for failure in failures:
            failure.sent = self.last_sent
        self.result.failures.extend(failures)

    def scripted(self) -> bool:
        """Play the scripted turns; False when the conversation cannot go on."""
        for number, step in enumerate(self.script.turns, start=1):
            if step.button is not None:
                offered = offered_buttons(self.last) if self.last else []
                if step.button not in offered:
                    shown = ", ".join(offered) or "none"
                    self.last_sent = ""
                    expected = f"button {step.button!r} offered by the previous turn"
                    self.fail(number, step.line, expected, f"offered: {shown}")
                    return False
            if not self.send(number, step.line, step.user, step.button):
                return False
            if step.expect is not None and self.last is not None:
                self.record(check(step.expect, self.last, number))
                self.record(check_shortlists(step.expect, self.shortlists, number))
        return True

    def simulated(self) -> bool:
        """Let the simulated patient answer until the bot stops asking."""
        patient = self.script.patient
        if patient is None:
            return True
        number = len(self.script.turns)
        if self.last is None:
            number += 1
            if not self.send(number, patient.line, OPENING, None):
                return False
        limit = patient.max_questions
        cap = limit if limit is not None else DEFAULT_MAX_QUESTIONS
        first = number
        while self.last is not None and (question := last_question(self.last)) is not None:
            if self.result.questions_asked > cap or number - first >= MAX_PATIENT_TURNS:
                break
            number += 1
            if not self.send(number, patient.line, patient.reply_to(question.text), None):
                return False
        question = last_question(self.last) if self.last is not None else None
        if self.result.questions_asked > cap or question is not None:
            what = f"at most {cap} questions" if limit is not None else "the questions to end"
            still = f"; still asking {question.asks}: {question.text!r}" if question else ""
            self.fail(number, patient.line, what, f"{self.result.questions_asked} asked{still}")
            return False
        return True

    def finish(self) -> None:
        """Check `final` on the last turn."""
        final = self.script.final
        if final is None:
            return
        if self.last is None:
            self.fail("final", final.line, "a conversation to check", "no message was sent")
            return
        asked = self.result.questions_asked
        self.record(check(final, self.last, "final", questions_asked=asked))
        self.record(check_shortlists(final, self.shortlists, "final"))


def run_script(script: Script, driver: Driver) -> ScriptResult:
    """Replay one script and report every expectation that failed."""
    run = _Run(script, driver)
    try:
        if run.scripted() and run.simulated():
            run.finish()
    finally:
        driver.end(run.conversation)
    return run.result


def unmet_needs(script: Script, missing: Mapping[str, str]) -> ScriptResult | None:
    """A failed result naming the first trial the script needs that is not registered, or None."""
    for trial_id in script.needs:
        reason = missing.get(trial_id.upper())
        if reason is not None:
            result = ScriptResult(name=script.name, file=str(script.path), unmet=reason)
            expected = f"trial {trial_id.upper()} registered"
            result.failures.append(Failure("script", script.needs_line, expected, reason))
            return result
    return None


def run_file(path: Path, driver: Driver, missing: Mapping[str, str] | None = None) -> ScriptResult:
    """Read and replay one script file; a broken file is a failed result naming file and line, and
    a script needing a trial of `missing` (id -> instruction) is failed without being replayed."""
    try:
        script = load_script(path)
    except ScriptError as exc:
        result = ScriptResult(name=path.stem, file=str(path), error=str(exc))
        result.failures.append(Failure("script", exc.line, "a valid script", exc.message))
        return result
    unmet = unmet_needs(script, missing or {})
    return unmet if unmet is not None else run_script(script, driver)


def run_files(
    paths: list[Path], driver: Driver, missing: Mapping[str, str] | None = None
) -> list[ScriptResult]:
    """Replay every script file, in order."""
    return [run_file(path, driver, missing) for path in paths]
