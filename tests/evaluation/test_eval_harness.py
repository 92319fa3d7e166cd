"""The replay harness against a scripted fake service: checks, patient, reports, errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from eval_fakes import TRIAL, FakeService

from trialbot.domain.turn import Incoming
from trialbot.evaluation.drivers import HttpDriver, InProcessDriver
from trialbot.evaluation.reports import as_json, as_text, write_junit
from trialbot.evaluation.runner import run_file, run_script
from trialbot.evaluation.scripts import parse_script


def run(text: str, tmp_path: Path, service: FakeService | None = None):  # type: ignore[no-untyped-def]
    """Write a script and replay it against the fake."""
    path = tmp_path / "s.yaml"
    path.write_text(text)
    return run_file(path, InProcessDriver(service or FakeService()))


GOOD = f"""
name: age limit
trials: ["{TRIAL}"]
turns:
  - user: /start
    expect:
      kind: question
      asks: age_years
      buttons: [unknown]
  - user: "35"
    expect:
      kind: summary
      asks: null
      verdict: {{"{TRIAL}": ineligible}}
      says: ["30"]
      says_regex: ["aged \\\\d+ to"]
      not_says: ["you are eligible"]
"""


def test_passing_script_passes_and_sends_scope_once(tmp_path: Path) -> None:
    """A script whose expectations hold passes; `trials` goes with the first message only."""
    fake = FakeService()
    result = run(GOOD, tmp_path, fake)
    assert result.passed, result.failures
    assert [m.trials for m in fake.seen] == [[TRIAL], None]
    assert result.questions_asked == 1
    assert len(result.latencies_ms) == 2
    assert len({m.conversation_id for m in fake.seen}) == 1


def test_each_expectation_key_reports_expected_and_actual(tmp_path: Path) -> None:
    """Every key that does not hold is one failure with its line, expected, actual, bot text."""
    text = f"""name: all wrong
turns:
  - user: /start
    expect:
      kind: summary
      asks: sex
      buttons: [male]
      cites: ["{TRIAL}"]
  - user: "35"
    expect:
      says: ["forty"]
      says_regex: ["^nope$"]
      not_says: ["aged 5"]
      verdict: {{"{TRIAL}": likely_eligible}}
      asks: age_years
"""
    result = run(text, tmp_path)
    got = {(f.turn, f.line, f.expected.split()[0]) for f in result.failures}
    assert got == {
        (1, 5, "kind"),
        (1, 6, "asks"),
        (1, 7, "button"),
        (1, 8, "cites"),
        (2, 11, "says"),
        (2, 12, "says_regex"),
        (2, 13, "not_says"),
        (2, 14, "verdict"),
        (2, 15, "asks"),
    }
    verdict = next(f for f in result.failures if f.expected.startswith("verdict"))
    assert "ineligible" in verdict.actual and "aged 5 to 30" in verdict.bot_text


def test_asks_null_fails_when_a_question_was_asked(tmp_path: Path) -> None:
    """`asks: null` means no question in that turn."""
    result = run("name: x\nturns:\n  - user: /start\n    expect: {asks: null}\n", tmp_path)
    assert [f.expected for f in result.failures] == ["no question"]
    assert "age_years" in result.failures[0].actual


def test_button_not_offered_is_a_failure_and_stops(tmp_path: Path) -> None:
    """Pressing a button the previous turn did not offer fails and ends the script."""
    text = "name: b\nturns:\n  - user: /start\n  - button: female\n  - user: '20'\n"
    fake = FakeService()
    result = run(text, tmp_path, fake)
    assert len(result.failures) == 1
    failure = result.failures[0]
    assert (failure.turn, failure.line) == (2, 4)
    assert "unknown" in failure.actual
    assert len(fake.seen) == 1


def test_offered_button_is_sent_as_button(tmp_path: Path) -> None:
    """A button value offered in the previous turn is sent as a button press."""
    text = "name: b\nturns:\n  - user: /start\n  - user: '20'\n  - button: female\n"
    fake = FakeService()
    assert run(text, tmp_path, fake).passed
    assert fake.seen[-1].button == "female" and fake.seen[-1].text is None


def test_patient_reaches_final_verdict(tmp_path: Path) -> None:
    """The simulated patient answers by the first matching rule until the bot stops asking."""
    text = f"""name: patient
turns:
  - user: /start
patient:
  answers:
    - when: "old|age"
      say: "12"
    - when: "old"
      say: "99"
  otherwise: "female"
  max_questions: 5
final:
  kind: summary
  verdict: {{"{TRIAL}": likely_eligible}}
  says: ["study team"]
  max_questions: 2
"""
    fake = FakeService()
    result = run(text, tmp_path, fake)
    assert result.passed, result.failures
    assert [m.text for m in fake.seen] == ["/start", "12", "female"]
    assert result.questions_asked == 2


def test_patient_that_never_finishes_hits_max_questions(tmp_path: Path) -> None:
    """A bot that keeps asking fails the script once max_questions is passed."""
    text = "name: loop\npatient:\n  otherwise: 'no idea'\n  max_questions: 3\n"
    result = run(text, tmp_path)
    assert not result.passed
    failure = result.failures[0]
    assert failure.expected == "at most 3 questions"
    assert "still asking age_years" in failure.actual


def test_bot_exception_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    """An exception in the bot is reported at its turn and the script stops."""
    result = run("name: e\nturns:\n  - user: /start\n  - user: boom\n  - user: x\n", tmp_path)
    assert [(f.turn, f.line) for f in result.failures] == [(2, 4)]
    assert "RuntimeError" in result.failures[0].actual


def test_final_max_questions_counts_every_question(tmp_path: Path) -> None:
    """`final: max_questions` fails when the conversation asked more."""
    text = "name: q\nturns:\n  - user: /start\n  - user: x\nfinal:\n  max_questions: 1\n"
    result = run(text, tmp_path)
    assert [f.expected for f in result.failures] == ["at most 1 questions"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: x\nturns:\n  - user: hi\n    expct: {kind: notice}\n", 4, "unknown key 'expct'"),
        ("name: x\nturns:\n  - user: hi\n    expect:\n      sayz: [a]\n", 5, "unknown key"),
        ("name: x\nturns: [\n  - user: hi\n", 3, "bad YAML"),
        ("turns:\n  - user: hi\n", 1, "no `name`"),
        ("name: x\nturns:\n  - user: hi\n    button: yes\n", 3, "exactly one"),
        ("name: x\nfinal:\n  kind: answr\n", 3, "must be one of"),
        ("name: x\nturns:\n  - user: a\n    expect: {max_questions: 2}\n", 4, "unknown key"),
        ("name: x\nfinal: {verdict: {A: maybe}}\n", 2, "verdict of A"),
        ("name: x\npatient:\n  answers:\n    - when: '('\n      say: a\n", 4, "regular expr"),
        ("name: x\nname: y\n", 2, "twice"),
        ("", 1, "empty"),
    ],
)
def test_broken_scripts_name_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    """A broken script is a failed result naming file and line, never a silent pass."""
    fake = FakeService()
    result = run(text, tmp_path, fake)
    assert not result.passed and result.error is not None
    assert f"s.yaml:{line}:" in result.error and words in result.error
    assert fake.seen == []


def test_plain_words_stay_text() -> None:
    """`user: yes` and `say: no` are sent as the words written, not as YAML booleans."""
    script = parse_script(
        "name: w\nturns:\n  - user: yes\n  - user: 035\npatient:\n  answers:\n"
        "    - {when: x, say: no}\n",
        Path("w.yaml"),
    )
    assert [t.user for t in script.turns] == ["yes", "035"]
    assert script.patient is not None and script.patient.answers[0].say == "no"


def test_reports_have_the_documented_shape(tmp_path: Path) -> None:
    """JSON has exactly the documented keys; JUnit has one test case per script."""
    good = run(GOOD, tmp_path)
    (tmp_path / "b.yaml").write_text("name: b\nbad: 1\n")
    bad = run_file(tmp_path / "b.yaml", InProcessDriver(FakeService()))
    report = as_json([good, bad])
    assert set(report) == {"scripts", "passed", "failed", "results"}
    assert (report["scripts"], report["passed"], report["failed"]) == (2, 1, 1)
    entry = report["results"][1]
    assert set(entry) == {"name", "file", "passed", "failures", "questions_asked", "latency_ms"}
    assert set(entry["failures"][0]) == {"turn", "expected", "actual"}
    assert set(report["results"][0]["latency_ms"]) == {"p50", "p95"}
    json.dumps(report)
    junit = tmp_path / "out" / "junit.xml"
    write_junit([good, bad], junit)
    cases = ET.parse(junit).getroot().findall(".//testcase")
    assert len(cases) == 2 and cases[1].find("error") is not None
    text = as_text([good, bad])
    assert "PASS" in text and "b.yaml:2" in text and "1 failed" in text


def test_http_driver_replays_over_the_web_api(tmp_path: Path) -> None:
    """`--url` mode posts text/button/trials to /api/chat with the Bearer token."""
    fake = FakeService()
    bodies: list[dict[str, object]] = []

    def app(request: httpx.Request) -> httpx.Response:
        if request.headers.get("authorization") != "Bearer s3cret":
            return httpx.Response(401)
        if request.method == "DELETE":
            return httpx.Response(204)
        body = json.loads(request.content)
        bodies.append(body)
        turn = fake.handle(Incoming(**body))
        return httpx.Response(200, json=turn.model_dump())

    driver = HttpDriver("http://bot", token="s3cret", transport=httpx.MockTransport(app))
    script = parse_script(GOOD, tmp_path / "g.yaml")
    result = run_script(script, driver)
    assert result.passed, result.failures
    assert bodies[0]["trials"] == [TRIAL] and "trials" not in bodies[1]
    wrong = HttpDriver("http://bot", token="nope", transport=httpx.MockTransport(app))
    failed = run_script(script, wrong)
    assert "401" in failed.failures[0].actual
