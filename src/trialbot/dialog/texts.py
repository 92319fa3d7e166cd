"""The dialog's wording, loaded from prompts/dialog.yaml, and the patterns it recognizes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from trialbot.domain.facts import FactSpec
from trialbot.domain.turn import Button
from trialbot.prompts import load_prompts

_CLAUSE_BREAK = re.compile(r"[,.;:!?]|\b(?:but|though|although|so)\b")


class _Blank(dict[str, Any]):
    """Format mapping that leaves unknown placeholders empty instead of raising."""

    def __missing__(self, key: str) -> str:
        return ""


class Texts:
    """Every sentence of the dialog that is not trial text."""

    def __init__(self, prompts_dir: Path | None = None) -> None:
        self._data: dict[str, Any] = dict(load_prompts("dialog", prompts_dir))

    def say(self, key: str, **values: object) -> str:
        """The sentence `key` with its placeholders filled in."""
        template = self._data.get(key, "")
        if not isinstance(template, str):
            return ""
        return template.format_map(_Blank(values)).strip()

    def answer_buttons(self, spec: FactSpec) -> list[Button]:
        """The buttons offered with a question about `spec`: Yes/No, its choices, or "Never" for a
        date, then always "Not sure" (value `unknown`)."""
        buttons: list[Button] = []
        if spec.answer_type == "yes_no":
            buttons = [
                Button(label=self.say("yes_label"), value="yes"),
                Button(label=self.say("no_label"), value="no"),
            ]
        elif spec.answer_type == "choice":
            buttons = [Button(label=c.label, value=c.value) for c in spec.choices]
        elif spec.answer_type == "date":
            buttons = [Button(label=self.say("never_label"), value="never")]
        return [*buttons, Button(label=self.say("not_sure_label"), value="unknown")]

    def section(self, key: str) -> dict[str, str]:
        """A mapping of sentences, e.g. the re-ask hints per answer type."""
        value = self._data.get(key) or {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def value(self, key: str) -> Any:
        """The raw value of an entry (lists and mappings of rules), or None."""
        return self._data.get(key)

    def choice_synonyms(self) -> dict[str, dict[str, list[str]]]:
        """fact id -> choice value -> extra words that mean that choice."""
        raw = self._data.get("choice_synonyms") or {}
        return {
            str(fact): {str(value): [str(w) for w in words] for value, words in values.items()}
            for fact, values in raw.items()
        }

    def ruled_out_choices(self, fact_id: str, said: str) -> set[str]:
        """The choice values of `fact_id` that free text `said` rules out ("I dress and wash
        myself" rules out ECOG 3 and 4), from `choice_ruled_out_by` (a key may list several
        values: "2,3,4")."""
        raw = (self._data.get("choice_ruled_out_by") or {}).get(fact_id) or {}
        text = said.lower()
        found = {
            value.strip()
            for values, patterns in raw.items()
            if any(re.search(str(p), text) for p in patterns or [])
            for value in str(values).split(",")  # "2,3,4": one list for several values
        }
        unless = (self._data.get("choice_ruled_out_unless_negated") or {}).get(fact_id) or {}
        return found | {
            value.strip()
            for values, patterns in unless.items()
            if any(self._said_not_negated(str(p), text) for p in patterns or [])
            for value in str(values).split(",")
        }

    def _said_not_negated(self, pattern: str, text: str) -> bool:
        """True when `pattern` is found in `text` in a part (up to a comma, "but", "and"...)
        with no negating word before it ("I do the garden", not "I can't do the garden")."""
        for match in re.finditer(pattern, text):
            part = _CLAUSE_BREAK.split(text[: match.start()])[-1]
            if not self.clause_negator.search(part):
                return True
        return False

    @cached_property
    def clause_negator(self) -> re.Pattern[str]:
        """Words that negate what follows them in the same part of an answer."""
        words = [str(w) for w in self._data.get("clause_negators") or []]
        if not words:
            return re.compile(r"(?!x)x")
        return re.compile(r"\b(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)

    def activity_answer_levels(self, fact_id: str, can: bool) -> list[str]:
        """The choices a plain yes (`can`) or no to the activity question leaves."""
        entry = (self._data.get("choice_not_from_job_remark") or {}).get(fact_id) or {}
        return [str(v) for v in entry.get("if_yes" if can else "if_no") or []]

    def job_remark_only(self, fact_id: str, said: str, value: object | None = None) -> bool:
        """True when `said` speaks of a job (retired, stopped working, on disability) and of no
        limit of activity, and `value` (when given) is a choice such a remark may not pick
        (`choice_not_from_job_remark`: "I'm retired so I don't work" is no ECOG 2)."""
        entry = (self._data.get("choice_not_from_job_remark") or {}).get(fact_id) or {}
        if not entry:
            return False
        if value is not None and str(value) not in [str(v) for v in entry.get("values") or []]:
            return False
        text = said.lower()
        job = any(re.search(str(p), text) for p in entry.get("job") or [])
        limit = any(re.search(str(p), text) for p in entry.get("limits") or [])
        return job and not limit

    def reads_back_typed(self, fact_id: str) -> bool:
        """True when a typed choice answer for `fact_id` is read back before it counts."""
        return fact_id in (self._data.get("read_back_typed_choices") or [])

    def with_synonyms(self, specs: Mapping[str, FactSpec]) -> dict[str, FactSpec]:
        """The fact specs with this file's extra choice words added to their choices."""
        extra = self.choice_synonyms()
        # the children's wording of a choice ("Plays, but less or with less energy; tires more
        # easily") names it as its adult label does
        for fact_id, labels in (self._data.get("child_choices") or {}).items():
            for value, label in labels.items():
                extra.setdefault(str(fact_id), {}).setdefault(str(value), []).append(str(label))
        merged = dict(specs)
        for fact_id, words in extra.items():
            spec = merged.get(fact_id)
            if spec is None or not spec.choices:
                continue
            choices = [
                c.model_copy(update={"synonyms": [*c.synonyms, *words.get(c.value, [])]})
                for c in spec.choices
            ]
            merged[fact_id] = spec.model_copy(update={"choices": choices})
        return merged

    def _compile(self, key: str) -> re.Pattern[str]:
        patterns = [str(p) for p in self._data.get(key) or []]
        if not patterns:
            return re.compile(r"(?!x)x")
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    @cached_property
    def emergency(self) -> re.Pattern[str]:
        """Words that call for the urgent-help notice."""
        return self._compile("emergency_patterns")

    @cached_property
    def emergency_past(self) -> re.Pattern[str]:
        """Words that put an emergency word in the past ("had", "3 weeks ago", "in 2024")."""
        return self._compile("emergency_past_patterns")

    @cached_property
    def emergency_recent(self) -> re.Pattern[str]:
        """Words that keep a past emergency word urgent ("an hour ago", "this morning")."""
        return self._compile("emergency_recent_patterns")

    @cached_property
    def stop(self) -> re.Pattern[str]:
        """Wanting to stop ("stop", "quit", "I want to stop"): no answer to anything."""
        return self._compile("stop_patterns")

    @cached_property
    def manipulation(self) -> re.Pattern[str]:
        """Attempts to talk the bot into a verdict or out of its rules."""
        return self._compile("manipulation_patterns")

    @cached_property
    def scope_question(self) -> re.Pattern[str]:
        """Asking which studies the questions are about ("which studies did you check?")."""
        return self._compile("scope_question_patterns")

    @cached_property
    def human(self) -> re.Pattern[str]:
        """Requests for a person."""
        return self._compile("human_patterns")

    @cached_property
    def erase(self) -> re.Pattern[str]:
        """Asking in plain words to erase the conversation ("please delete my data")."""
        return self._compile("erase_patterns")

    @cached_property
    def medical_advice(self) -> re.Pattern[str]:
        """Requests for medical advice."""
        return self._compile("medical_advice_patterns")
