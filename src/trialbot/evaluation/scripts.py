"""Conversation scripts (YAML) read into checked objects, every part with its line in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trialbot.domain.turn import ReplyKind, Verdict

KINDS: tuple[str, ...] = get_args(ReplyKind)
VERDICTS: tuple[str, ...] = get_args(Verdict)
NULL_TAG = "tag:yaml.org,2002:null"
SCRIPT_KEYS = ("name", "trials", "needs", "turns", "patient", "final")
TURN_KEYS = ("user", "button", "expect")
PATIENT_KEYS = ("answers", "otherwise", "max_questions")
RULE_KEYS = ("when", "say")
EXPECT_KEYS = (
    "says", "says_regex", "not_says", "kind", "asks", "verdict", "verdict_not", "cites", "buttons",
)  # fmt: skip
SHORTLIST_KEYS = ("shortlist_includes",)  # v2: the catalogue's ranked shortlist
FINAL_KEYS = (*EXPECT_KEYS, "max_questions", *SHORTLIST_KEYS, "max_questions_before_shortlist")
UNSET = object()  # `asks` not given (distinct from `asks: null`)


class ScriptError(Exception):
    """A script that cannot be run: names the file and the line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass
class Expectation:
    """What one turn (or the end of the conversation) must show."""

    line: int
    says: list[str] = field(default_factory=list)
    says_regex: list[re.Pattern[str]] = field(default_factory=list)
    not_says: list[str] = field(default_factory=list)
    kind: str | None = None
    asks: object = UNSET  # a fact id, None (no question asked) or UNSET
    verdict: dict[str, str] = field(default_factory=dict)
    verdict_not: dict[str, str] = field(
        default_factory=dict
    )  # trial id -> a verdict it must not have
    cites: list[str] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    max_questions: int | None = None
    shortlist_includes: list[str] = field(default_factory=list)
    max_questions_before_shortlist: int | None = None
    lines: dict[str, int] = field(default_factory=dict)  # line of each key


@dataclass
class ScriptTurn:
    """One scripted message: a text or a button value, and what the reply must show."""

    line: int
    user: str | None = None
    button: str | None = None
    expect: Expectation | None = None


@dataclass
class PatientRule:
    """A simulated patient's reply, chosen when `when` matches the bot's last question."""

    line: int
    when: re.Pattern[str]
    say: str


@dataclass
class Patient:
    """A simulated patient answering the bot's questions after the scripted turns."""

    line: int
    answers: list[PatientRule] = field(default_factory=list)
    otherwise: str = "I'm not sure"
    max_questions: int | None = None

    def reply_to(self, question: str) -> str:
        """The reply of the first rule matching the question, or the fallback."""
        for rule in self.answers:
            if rule.when.search(question):
                return rule.say
        return self.otherwise


@dataclass
class Script:
    """One conversation script."""

    path: Path
    name: str
    trials: list[str] | None = None
    needs: list[str] = field(default_factory=list)  # trials that must be registered to replay it
    needs_line: int = 0
    turns: list[ScriptTurn] = field(default_factory=list)
    patient: Patient | None = None
    final: Expectation | None = None


def load_script(path: Path) -> Script:
    """Read and check one script file; raises ScriptError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(path, 1, f"cannot read the file: {exc}") from exc
    return parse_script(text, path)


def parse_script(text: str, path: Path) -> Script:
    """Check a script's text; raises ScriptError naming the file and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ScriptError(path, line, f"bad YAML: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise ScriptError(path, 1, f"bad YAML: {exc}") from exc
    if root is None:
        raise ScriptError(path, 1, "the file is empty")
    return _Reader(path).script(root)


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    """Walks the composed YAML nodes so every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Node, message: str) -> ScriptError:
        """An error at this node's line."""
        return ScriptError(self.path, _line(node), message)

    def mapping(self, node: Node, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
        """A mapping's values by key; unknown or repeated keys are errors."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{what} must be a mapping of keys to values")
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.string(key_node, "a key")
            if key not in allowed:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what} (allowed: {', '.join(allowed)})"
                )
            if key in found:
                raise self.fail(key_node, f"key {key!r} appears twice in {what}")
            found[key] = value_node
        return found

    def string(self, node: Node, what: str) -> str:
        """A scalar's text exactly as written (so `yes` stays "yes")."""
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            raise self.fail(node, f"{what} must be a text value")
        return str(node.value)

    def strings(self, node: Node, what: str) -> list[str]:
        """A list of texts (a single text is taken as a list of one)."""
        if isinstance(node, ScalarNode):
            return [self.string(node, what)]
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list of texts")
        return [self.string(item, f"each item of {what}") for item in node.value]

    def integer(self, node: Node, what: str) -> int:
        """A whole number >= 0."""
        text = self.string(node, what)
        if not text.isdigit():
            raise self.fail(node, f"{what} must be a whole number, not {text!r}")
        return int(text)

    def regex(self, node: Node, what: str) -> re.Pattern[str]:
        """A compiled case-insensitive regular expression."""
        text = self.string(node, what)
        try:
            return re.compile(text, re.IGNORECASE)
        except re.error as exc:
            raise self.fail(node, f"{what} is not a valid regular expression: {exc}") from exc

    def script(self, root: Node) -> Script:
        """The whole script."""
        keys = self.mapping(root, SCRIPT_KEYS, "the script")
        if "name" not in keys:
            raise self.fail(root, "the script has no `name`")
        script = Script(path=self.path, name=self.string(keys["name"], "`name`"))
        if "trials" in keys:
            script.trials = self.strings(keys["trials"], "`trials`")
        if "needs" in keys:
            script.needs = self.strings(keys["needs"], "`needs`")
            script.needs_line = _line(keys["needs"])
        if "turns" in keys:
            script.turns = self.turns(keys["turns"])
        if "patient" in keys:
            script.patient = self.patient(keys["patient"])
        if "final" in keys:
            script.final = self.expectation(keys["final"], FINAL_KEYS, "`final`")
        return script

    def turns(self, node: Node) -> list[ScriptTurn]:
        """The scripted turns, in order."""
        if not isinstance(node, SequenceNode):
            raise self.fail(node, "`turns` must be a list")
        return [self.turn(item) for item in node.value]

    def turn(self, node: Node) -> ScriptTurn:
        """One scripted turn: exactly one of `user` and `button`."""
        keys = self.mapping(node, TURN_KEYS, "a turn")
        if ("user" in keys) == ("button" in keys):
            raise self.fail(node, "a turn needs exactly one of `user` and `button`")
        turn = ScriptTurn(line=_line(node))
        if "user" in keys:
            turn.user = self.string(keys["user"], "`user`")
        if "button" in keys:
            turn.button = self.string(keys["button"], "`button`")
        if "expect" in keys:
            turn.expect = self.expectation(
                keys["expect"], (*EXPECT_KEYS, *SHORTLIST_KEYS), "`expect`"
            )
        return turn

    def patient(self, node: Node) -> Patient:
        """The simulated patient."""
        keys = self.mapping(node, PATIENT_KEYS, "`patient`")
        patient = Patient(line=_line(node))
        if "answers" in keys:
            answers = keys["answers"]
            if not isinstance(answers, SequenceNode):
                raise self.fail(answers, "`answers` must be a list of {when, say}")
            patient.answers = [self.rule(item) for item in answers.value]
        if "otherwise" in keys:
            patient.otherwise = self.string(keys["otherwise"], "`otherwise`")
        if "max_questions" in keys:
            patient.max_questions = self.integer(keys["max_questions"], "`max_questions`")
        return patient

    def rule(self, node: Node) -> PatientRule:
        """One `{when, say}` rule."""
        keys = self.mapping(node, RULE_KEYS, "an answer rule")
        for needed in RULE_KEYS:
            if needed not in keys:
                raise self.fail(node, f"an answer rule needs `{needed}`")
        return PatientRule(
            line=_line(node),
            when=self.regex(keys["when"], "`when`"),
            say=self.string(keys["say"], "`say`"),
        )

    def expectation(self, node: Node, allowed: tuple[str, ...], what: str) -> Expectation:
        """An `expect:` or `final:` block."""
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return Expectation(line=_line(node))
        keys = self.mapping(node, allowed, what)
        exp = Expectation(line=_line(node), lines={k: _line(v) for k, v in keys.items()})
        for key in ("says", "not_says", "cites", "buttons"):
            if key in keys:
                setattr(exp, key, self.strings(keys[key], f"`{key}`"))
        if "says_regex" in keys:
            node_re = keys["says_regex"]
            items = node_re.value if isinstance(node_re, SequenceNode) else [node_re]
            exp.says_regex = [self.regex(item, "`says_regex`") for item in items]
        if "kind" in keys:
            exp.kind = self.choice(keys["kind"], KINDS, "`kind`")
        if "asks" in keys:
            asks = keys["asks"]
            is_null = isinstance(asks, ScalarNode) and asks.tag == NULL_TAG
            exp.asks = None if is_null else self.string(asks, "`asks`")
        if "verdict" in keys:
            exp.verdict = self.verdicts(keys["verdict"])
        if "verdict_not" in keys:
            exp.verdict_not = self.verdicts(keys["verdict_not"])
        if "max_questions" in keys:
            exp.max_questions = self.integer(keys["max_questions"], "`max_questions`")
        if "shortlist_includes" in keys:
            exp.shortlist_includes = self.strings(
                keys["shortlist_includes"], "`shortlist_includes`"
            )
        if "max_questions_before_shortlist" in keys:
            limit = self.integer(keys["max_questions_before_shortlist"], "a question count")
            exp.max_questions_before_shortlist = limit
        return exp

    def choice(self, node: Node, allowed: tuple[str, ...], what: str) -> str:
        """One of a fixed set of words."""
        value = self.string(node, what)
        if value not in allowed:
            raise self.fail(node, f"{what} must be one of {', '.join(allowed)}, not {value!r}")
        return value

    def verdicts(self, node: Node) -> dict[str, str]:
        """A mapping trial id -> expected verdict."""
        if not isinstance(node, MappingNode):
            raise self.fail(node, "`verdict` must map trial ids to verdicts")
        result: dict[str, str] = {}
        for key_node, value_node in node.value:
            trial = self.string(key_node, "a trial id")
            if trial in result:
                raise self.fail(key_node, f"trial {trial!r} appears twice in `verdict`")
            result[trial] = self.choice(value_node, VERDICTS, f"the verdict of {trial}")
        return result


def find_scripts(paths: list[Path]) -> list[Path]:
    """The script files named or found (recursively, sorted) in the given folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            )
        else:
            found.append(path)
    return found
