"""Strict parser for a rule written by staff in the words `criteria show` prints.

Grammar (case-insensitive keywords, fact ids as in docs/FACTS.md):
  rule   := term ("or" term)*
  term   := factor ("and" factor)*
  factor := "not" factor | "(" rule ")" | ("any of" | "all of") ["("] rule ("," rule)* [")"]
            | leaf ["(females)" | "(males)"]
  leaf   := FACT (">=" | ">" | "<=" | "<" | "==") NUMBER [UNIT]    number facts, numeric choices
          | FACT "==" ("yes" | "no") | FACT                          yes/no facts
          | FACT "==" CHOICE | FACT "in" "[" CHOICE ("," CHOICE)* "]"   choice facts
          | FACT "within" NUMBER ("days" | "weeks" | "months" | "years")   date facts
          | FACT "ever"                                              date facts
          | "study team"                           only the study team can tell (a review)
Like `criteria show`, a rule states what the criterion names: for an exclusion, who is excluded.
Every mistake is a `RuleSyntaxError` naming the unknown fact, unit, value or word; nothing is
guessed and nothing silently becomes a study-team item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trialbot.domain.conditions import Condition
from trialbot.domain.facts import FactSpec
from trialbot.eligibility.atoms import all_of, any_of, is_female, is_male, leaf, negate, only_if
from trialbot.eligibility.drugs import DRUG_CLASSES, DRUGS, implying_facts, member_dates
from trialbot.eligibility.units import UnitError, convert, registry
from trialbot.eligibility.vocabulary import fact_spec, fact_specs

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<op>>=|<=|==|=|>|<|≥|≤)
      | (?P<punct>[()\[\],:])
      | (?P<quoted>'[^']*'|"[^"]*")
      | (?P<number>\d+(?:\.\d+)?(?![\w^/.]))
      | (?P<word>[^\s()\[\],:'"<>=≥≤]+)
    )""",
    re.VERBOSE,
)
_OPS = {"=": "==", "≥": ">=", "≤": "<="}
_WINDOW_UNITS = ("day", "days", "week", "weeks", "month", "months", "year", "years")
_YES = {"yes", "true"}
_NO = {"no", "false"}
_SEX_QUALIFIERS = {"females": "female", "female": "female", "males": "male", "male": "male"}


def _who(words: str) -> Condition | None:
    """Who a reading applies to, in the words `criteria show` prints after "applies to"."""
    can_pregnant = leaf("can_become_pregnant", "true")
    return {
        "females": is_female(),
        "males": is_male(),
        "females who can become pregnant": {"op": "all", "of": [is_female(), can_pregnant]},
        "males and those who can become pregnant": any_of(is_male(), can_pregnant),
    }.get(words)


class RuleSyntaxError(ValueError):
    """A rule that cannot be read; the message names the offending word."""


@dataclass
class ParsedRule:
    """A rule read into a condition tree, with the facts it reads (the first is the concept)."""

    text: str
    condition: Condition
    facts: list[str] = field(default_factory=list)


@dataclass
class _Token:
    kind: str
    value: str


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise RuleSyntaxError(f"cannot read {text[position:].strip()[:30]!r}")
        kind = match.lastgroup or "word"
        value = match.group(kind)
        if kind == "op":
            value = _OPS.get(value, value)
        if kind == "quoted":
            kind, value = "word", value[1:-1]
        tokens.append(_Token(kind, value))
        position = match.end()
    return tokens


def _convert(value: float, unit: str, spec: FactSpec) -> float:
    """`value unit` in the fact's own unit; RuleSyntaxError for an unknown or unfit unit."""
    if spec.unit is None:
        raise RuleSyntaxError(f"{spec.id} has no unit, but the rule gives {unit!r}")
    try:
        return convert(value, unit, spec.unit)
    except UnitError:
        if not _known_unit(unit):
            raise RuleSyntaxError(f"unknown unit {unit!r}") from None
        raise RuleSyntaxError(
            f"unit {unit!r} does not fit {spec.id}, which is in {spec.unit}"
        ) from None


def _known_unit(unit: str) -> bool:
    try:
        convert(1.0, unit, unit)
    except UnitError:
        return False
    return True


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.facts: list[str] = []

    # Token helpers -------------------------------------------------------------------------
    def _peek(self, offset: int = 0) -> _Token | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def _is(self, value: str, offset: int = 0) -> bool:
        token = self._peek(offset)
        return token is not None and token.kind != "number" and token.value.lower() == value

    def _take(self) -> _Token:
        token = self._peek()
        if token is None:
            raise RuleSyntaxError("the rule ends too early")
        self.at += 1
        return token

    def _expect(self, value: str) -> None:
        token = self._take()
        if token.value.lower() != value:
            raise RuleSyntaxError(f"expected {value!r} but found {token.value!r}")

    # Grammar -------------------------------------------------------------------------------
    def parse(self) -> Condition:
        if not self.tokens:
            raise RuleSyntaxError("the rule is empty")
        node = self._rule()
        if self._peek() is not None:
            raise RuleSyntaxError(f"unexpected {self._take().value!r}")
        return node

    def _rule(self) -> Condition:
        parts = [self._term()]
        while self._is("or"):
            self.at += 1
            parts.append(self._term())
        return any_of(*parts)

    def _term(self) -> Condition:
        parts = [self._factor()]
        while self._is("and"):
            self.at += 1
            parts.append(self._factor())
        return all_of(*parts)

    def _factor(self) -> Condition:
        if self._is("not"):
            self.at += 1
            return negate(self._factor())
        if self._is("("):
            self.at += 1
            node = self._rule()
            self._expect(")")
            return node
        if (self._is("any") or self._is("all")) and self._is("of", 1):
            return self._group()
        node = self._leaf()
        return self._qualified(node)

    def _group(self) -> Condition:
        combine = any_of if self._take().value.lower() == "any" else all_of
        self.at += 1  # "of"
        if self._is(":"):
            self.at += 1
        bracketed = self._is("(")
        if bracketed:
            self.at += 1
        parts = [self._rule()]
        while self._is(","):
            self.at += 1
            parts.append(self._rule())
        if bracketed:
            self._expect(")")
        return combine(*parts)

    def _qualified(self, node: Condition) -> Condition:
        """`... (females)`: the reading applies only to that sex, as `criteria show` writes it."""
        word = self._peek(1)
        if self._is("(") and self._is("applies", 1) and self._is("to", 2):
            self.at += 3
            words: list[str] = []
            while self._peek() is not None and not self._is(")"):
                words.append(self._take().value.lower())
            self._expect(")")
            who = _who(" ".join(words))
            if who is None:
                raise RuleSyntaxError(f"unknown group {' '.join(words)!r} after 'applies to'")
            for fact_id in ("sex", "can_become_pregnant") if "pregnant" in words else ("sex",):
                self._note(fact_id)
            return only_if(who, node)
        if self._is("(") and word is not None and self._is(")", 2):
            sex = _SEX_QUALIFIERS.get(word.value.lower())
            if sex is None:
                raise RuleSyntaxError(f"unknown qualifier {word.value!r}; use (females) or (males)")
            self.at += 3
            self._note("sex")
            return only_if(is_female() if sex == "female" else is_male(), node)
        return node

    def _fact(self) -> FactSpec:
        token = self._take()
        spec = fact_spec(token.value) if token.kind == "word" else None
        if spec is None:
            raise RuleSyntaxError(f"unknown fact {token.value!r}{_did_you_mean(token.value)}")
        self._note(spec.id)
        return spec

    def _note(self, fact_id: str) -> None:
        if fact_id not in self.facts:
            self.facts.append(fact_id)

    def _leaf(self) -> Condition:
        if self._is("allergy") and self._is("to", 1):
            return self._allergy()
        if self._is("study") and self._is("team", 1):
            self.at += 2  # "ecog_level == 2 and study team": only the study team can tell
            return {"op": "review"}
        spec = self._fact()
        token = self._peek()
        if token is None or token.value.lower() in ("and", "or", ")", ",", "("):
            if spec.answer_type != "yes_no":
                raise RuleSyntaxError(f"{spec.id} is a {spec.answer_type} fact: give a test")
            return _yes(spec.id)
        if token.kind == "op":
            self.at += 1
            return self._compare(spec, token.value)
        word = token.value.lower()
        self.at += 1
        if word == "in":
            return self._choices(spec)
        if word == "within":
            return self._window(spec)
        if word == "ever":
            self._require(spec, "date", "ever")
            return leaf(spec.id, "ever")
        raise RuleSyntaxError(f"unknown operator {token.value!r} after {spec.id}")

    def _require(self, spec: FactSpec, answer_type: str, word: str) -> None:
        if spec.answer_type != answer_type:
            raise RuleSyntaxError(f"{word!r} needs a {answer_type} fact; {spec.id} is a"
                                  f" {spec.answer_type} fact")  # fmt: skip

    def _compare(self, spec: FactSpec, op: str) -> Condition:
        value = self._take()
        if spec.answer_type == "yes_no":
            answer = value.value.lower()
            if op != "==" or answer not in _YES | _NO:
                raise RuleSyntaxError(f"{spec.id} is a yes/no fact: write {spec.id} == yes or no")
            node = _yes(spec.id)
            if answer in _YES and self._is("within"):
                return all_of(node, self._since_last(spec))
            return node if answer in _YES else negate(node)
        if spec.answer_type == "choice" and value.kind != "number":
            if op != "==":
                raise RuleSyntaxError(f"{spec.id} is a choice: use == or in [...]")
            return leaf(spec.id, "eq", value=self._choice(spec, value.value))
        if value.kind != "number":
            raise RuleSyntaxError(f"{spec.id} needs a number, not {value.value!r}")
        if spec.answer_type == "choice":
            self._numeric_choices(spec)
            return leaf(spec.id, "cmp", cmp=op, value=_number(float(value.value)))
        if spec.answer_type != "number":
            raise RuleSyntaxError(f"{spec.id} is a {spec.answer_type} fact: it cannot be compared"
                                  " with a number")  # fmt: skip
        number = float(value.value)
        unit = self._peek()
        if unit is not None and unit.kind == "word" and unit.value.lower() not in ("and", "or"):
            self.at += 1
            number = _convert(number, unit.value, spec)
        return leaf(spec.id, "cmp", cmp=op, value=_number(number))

    def _numeric_choices(self, spec: FactSpec) -> None:
        for choice in spec.choices:
            try:
                float(choice.value)
            except ValueError:
                raise RuleSyntaxError(f"{spec.id} has named choices: use == or in [...]") from None

    def _choice(self, spec: FactSpec, value: str) -> str:
        allowed = {c.value.lower(): c.value for c in spec.choices}
        if value.lower() not in allowed:
            names = ", ".join(c.value for c in spec.choices)
            raise RuleSyntaxError(f"unknown value {value!r} for {spec.id} (one of: {names})")
        return allowed[value.lower()]

    def _choices(self, spec: FactSpec) -> Condition:
        self._require(spec, "choice", "in")
        closing = {"[": "]", "(": ")"}.get(self._take().value)
        if closing is None:
            raise RuleSyntaxError(f"write {spec.id} in [value, ...]")
        values = [self._choice(spec, self._take().value)]
        while self._is(","):
            self.at += 1
            values.append(self._choice(spec, self._take().value))
        self._expect(closing)
        return leaf(spec.id, "in", values=values)

    def _allergy(self) -> Condition:
        """`allergy to any of: apatinib, irinotecan` (drug names as printed)."""
        self.at += 2
        if self._is("any") and self._is("of", 1):
            self.at += 2
        if self._is(":"):
            self.at += 1
        names = {drug.name.lower(): slug for slug, drug in DRUGS.items()} | {s: s for s in DRUGS}
        leaves: list[Condition] = []
        while True:
            words: list[str] = []
            while self._peek() is not None and not (self._is(",") or self._is(")")):
                if self._is("and") or self._is("or"):
                    break
                words.append(self._take().value)
            name = " ".join(words)
            slug = names.get(name.lower())
            if slug is None:
                raise RuleSyntaxError(f"unknown drug {name!r} after 'allergy to'")
            self._note(f"allergy_{slug}")
            leaves.append(leaf(f"allergy_{slug}", "true"))
            if not self._is(","):
                return any_of(*leaves)
            self.at += 1

    def _since_last(self, spec: FactSpec) -> Condition:
        """`prior_X == yes within N days`: the last dose of X was within that window."""
        last = spec.id.replace("prior_", "last_", 1)
        last_spec = fact_spec(last)
        if not spec.id.startswith("prior_") or last_spec is None:
            raise RuleSyntaxError(f"'within' needs a date fact; {spec.id} is a yes/no fact")
        self.at += 1
        self._note(last)
        window = self._window(last_spec)
        dates = member_dates(spec.id.removeprefix("prior_"))
        return {**window, "latest_of": dates} if dates else window

    def _window(self, spec: FactSpec) -> Condition:
        self._require(spec, "date", "within")
        count = self._take()
        if count.kind != "number":
            raise RuleSyntaxError(f"'within' needs a number of days, not {count.value!r}")
        unit = self._take().value.lower()
        if unit not in _WINDOW_UNITS:
            raise RuleSyntaxError(f"unknown unit {unit!r} (days, weeks, months or years)")
        days = registry().Quantity(float(count.value), unit).to("day").magnitude
        return leaf(spec.id, "within", days=round(days))


def _yes(fact_id: str) -> Condition:
    """A yes/no leaf; a drug class is also "yes" when any of its member drugs (or narrower
    classes) is."""
    slug = fact_id.removeprefix("prior_")
    if fact_id.startswith("prior_") and slug in DRUG_CLASSES:
        implied = implying_facts(slug)
        if implied:
            return leaf(fact_id, "true", implied_by=implied)
    return leaf(fact_id, "true")


def _number(value: float) -> float | int:
    return int(value) if value == int(value) else round(value, 6)


def _did_you_mean(word: str) -> str:
    from rapidfuzz import process

    match = process.extractOne(word, list(fact_specs()), score_cutoff=80)
    return f" (did you mean {match[0]}?)" if match else ""


def parse_rule(text: str) -> ParsedRule:
    """A staff-written rule ("age_years >= 18 and ecog_level <= 1") read into a condition tree.

    Raises RuleSyntaxError naming the unknown fact, unit, value or word.
    """
    if not isinstance(text, str):
        raise RuleSyntaxError("the rule must be text")
    parser = _Parser(text)
    condition = parser.parse()
    return ParsedRule(text=" ".join(text.split()), condition=condition, facts=parser.facts)
