"""One turn's working context: the trials in scope, their assessments, questions and summaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from trialbot.dialog import catalogue
from trialbot.dialog.approximate import hold_back
from trialbot.dialog.assessing import ScopeAssessor
from trialbot.dialog.fitting import about_cancer, fitted_spec
from trialbot.dialog.implications import asked_first, classes_taken, refresh, soft_implied
from trialbot.dialog.kinds import kinds_of
from trialbot.dialog.planner import applies, next_fact
from trialbot.dialog.recruiting import is_recruiting
from trialbot.dialog.rules import EligibilityRules
from trialbot.dialog.state import DialogState
from trialbot.dialog.summary import trial_summary
from trialbot.dialog.texts import Texts
from trialbot.domain.criteria import TrialAssessment
from trialbot.domain.facts import UNKNOWN, FactSpec, FactValue
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Button, Reply, Verdict


class Walk:
    """The eligibility walk over the trials in scope, for one turn of one conversation."""

    def __init__(
        self,
        state: DialogState,
        trials: list[Trial],
        rules: EligibilityRules,
        texts: Texts,
        today: dt.date,
        specs: Mapping[str, FactSpec] | None = None,
        assessor: ScopeAssessor | None = None,
        key: str | None = None,
    ) -> None:
        self.state = state
        self._specs = specs
        self.assessor = assessor or ScopeAssessor(rules)
        self.key = key  # the conversation id, for the assessor's per-conversation snapshot
        self.all_trials = trials
        self.rules = rules
        self.texts = texts
        self.today = today
        self.replies: list[Reply] = []
        self._assessments: dict[str, TrialAssessment] | None = None
        self._open: tuple[list[Trial], list[Trial]] | None = None
        self.preamble = ""  # said before the next question ("You said: your daughter, 9 ...")
        self.erase = False  # the person confirmed erasing the conversation (as /forget)
        self.volunteered: dict[str, FactValue] = {}  # facts stated on the side this turn
        self.aside_parts: list[str] = []  # parts of the message read as measured side facts

    @property
    def specs(self) -> Mapping[str, FactSpec]:
        """Every askable fact."""
        return self._specs if self._specs is not None else self.rules.fact_specs()

    @property
    def trials(self) -> list[Trial]:
        """The trials in scope (all registered ones when no scope is set or none is left)."""
        scope = self.state.scope
        if scope is None:
            return self.open_trials
        wanted = {trial_id.lower() for trial_id in scope}
        chosen = [t for t in self.all_trials if t.id.lower() in wanted]
        return chosen or self.open_trials

    @property
    def open_trials(self) -> list[Trial]:
        """The registered trials that take new people ("check all" leaves the others out)."""
        cached = self._open
        if cached is None or cached[0] is not self.all_trials:
            cached = self._open = (
                self.all_trials,
                [t for t in self.all_trials if is_recruiting(t)],
            )
        return cached[1]

    def assessments(self) -> dict[str, TrialAssessment]:
        """The checker's verdict for each trial in scope, for the current facts."""
        if self._assessments is None:
            facts = dict(self.state.facts)
            in_play = catalogue.trials_in_play(self)  # a catalogue search: its shortlist only
            trials = self.trials if in_play is None else in_play
            self._assessments = self.assessor.assess(trials, facts, self.today, self.key)
        return self._assessments

    def unchecked(self) -> list[str]:
        """The trials in scope the checker did not look at this turn: in a catalogue search,
        every trial not on the shortlist (their verdict is `undetermined`, never a guess)."""
        if catalogue.trials_in_play(self) is None:
            return []
        checked = self.assessments()
        return [t.id for t in self.trials if t.id not in checked]

    def verdicts(self) -> dict[str, Verdict]:
        """trial id -> verdict for every trial in scope (`undetermined` for those a catalogue
        search did not check one by one)."""
        found: dict[str, Verdict] = {t: a.verdict for t, a in self.assessments().items()}
        return {**found, **{t: "undetermined" for t in self.unchecked() if t not in found}}

    def say(self, key: str, kind: str = "notice", **values: object) -> None:
        """Add one reply from the dialog texts."""
        text = self.texts.say(key, **values)
        if text:
            self.replies.append(Reply.model_validate({"kind": kind, "text": text}))

    def set_facts(self, facts: Mapping[str, FactValue], approximate: Collection[str] = ()) -> None:
        """Record facts, drop answers that no longer apply, and re-check everything;
        `approximate`: the ones said as an estimate or from memory (`approximate.hold_back`)."""
        for fact_id in facts:
            self.state.approximate.pop(fact_id, None)
        for fact_id in approximate:
            if fact_id in facts and facts[fact_id] != UNKNOWN:
                self.state.approximate[fact_id] = facts[fact_id]
        answered = {k: v for k, v in facts.items() if k in self.state.implied}
        self.state.implied = [f for f in self.state.implied if f not in answered]
        self.state.facts.update(facts)
        self.state.facts.update(classes_taken(self.state.facts))  # bicalutamide: an AR inhibitor
        self.state.implied = refresh(self.state.facts, self.state.implied)
        self._drop_soft_if_excluding()
        for fact_id in list(self.state.facts):
            spec = self.specs.get(fact_id)
            if spec is not None and applies(spec, self.state.facts) is False:
                del self.state.facts[fact_id]
        hold_back(self)
        self._assessments = None

    def _drop_soft_if_excluding(self) -> None:
        """Withdraw the facts of `soft` implications (no pregnancy questions from 60 on) when they
        would make a trial in scope ineligible: then they are asked instead."""
        facts = self.state.facts
        soft = soft_implied(facts) & set(self.state.implied)
        if not soft:
            return
        without = {k: v for k, v in facts.items() if k not in soft}
        before = self.assessor.assess(self.trials, without, self.today)
        after = self.assessor.assess(self.trials, facts, self.today)
        if any(a.verdict == "ineligible" != before[t].verdict for t, a in after.items()):
            for fact_id in soft:
                del facts[fact_id]
            self.state.implied = [f for f in self.state.implied if f not in soft]

    def set_scope(self, trial_ids: list[str] | None) -> None:
        """Change the trials in scope; the walk goes on over them with the facts known so far."""
        self.state.scope = trial_ids
        self.state.pending = None
        self.state.confirming = None
        self.state.failures = 0
        self.state.finished = False
        self._assessments = None

    def new_token(self) -> str:
        """A new token for the question about to be put; older buttons stop counting."""
        self.state.token_seq += 1
        self.state.token = format(self.state.token_seq, "x")
        return self.state.token

    def buttons_for(self, spec: FactSpec) -> list[Button]:
        """The buttons offered with a question about `spec`."""
        buttons = self.texts.answer_buttons(spec)
        token = self.state.token
        return [Button(label=b.label, value=f"{b.value}#{token}") for b in buttons]

    def question(
        self,
        fact_id: str,
        preface: str = "",
        with_help: bool = False,
        only: Collection[str] | None = None,
    ) -> Reply:
        """The question reply asking for one fact (its choices listed in the text too); `only`:
        the choices offered, when the person's words left just these (and "not sure")."""
        spec = fitted_spec(self._worded(self.specs[fact_id]), self.state, self.texts)
        if only is not None:
            spec = spec.model_copy(update={"choices": [c for c in spec.choices if c.value in only]})
        if self.preamble and not preface:
            preface, self.preamble = self.preamble, ""
        parts = [preface, spec.question]
        if with_help and spec.help:
            parts.append(spec.help)
        if spec.answer_type == "choice":
            parts.append(self.texts.say("choice_options"))
            parts += [f"• {choice.label}" for choice in spec.choices]
        if preface:
            parts.append(self._hint(spec))
        buttons = self.buttons_for(spec)
        if only is not None:
            kept = {*only, UNKNOWN}
            buttons = [b for b in buttons if b.value.rsplit("#", 1)[0] in kept]
        return Reply(
            kind="question", text="\n".join(p for p in parts if p), asks=fact_id, buttons=buttons
        )

    def _worded(self, spec: FactSpec) -> FactSpec:
        """The spec with the question for studies not about cancer when no trial in scope is
        about cancer ("Have you ever had treatment for cancer ...?", not "... for this cancer";
        `questions_without_cancer` of prompts/dialog.yaml)."""
        other = (self.texts.value("questions_without_cancer") or {}).get(spec.id)
        if not other or not self.trials or any(about_cancer(t, self.texts) for t in self.trials):
            return spec
        return spec.model_copy(update={"question": str(other)})

    def _hint(self, spec: FactSpec) -> str:
        hints = self.texts.section("reask_hint")
        template = hints.get(spec.answer_type, "")
        examples = self.texts.section("number_examples")
        # say() strips the sentence, so the space before the unit is put back here.
        unit_hint = " " + self.texts.say("unit_hint", unit=spec.unit) if spec.unit else ""
        example = examples.get(spec.unit or "", examples.get("default", ""))
        return template.format(unit_hint=unit_hint, example=example)

    def advance(self, announce_summary: bool = True) -> None:
        """Ask the next question, or give the summary when nothing more can be asked."""
        if catalogue.advance(self, announce_summary):
            return  # many trials in scope: the catalogue search asks and shortlists
        if not self.trials:
            self.state.pending = None
            self.say("trials_none")
            return
        fact_id = next_fact(list(self.assessments().values()), self.specs, self.state.facts)
        if fact_id is not None:
            fact_id = asked_first(fact_id, self.state.facts, self.specs)
            if fact_id != self.state.pending or not self.state.token:
                self.state.failures = 0
                self.new_token()
            self.state.pending = fact_id
            self.state.questions_asked += 1
            self.replies.append(self.question(fact_id))
            return
        self.state.pending = None
        if self.state.finished and not announce_summary:
            return
        self.state.finished = True
        self.summaries()

    def resume(self) -> None:
        """Ask the pending question (or read-back) again, if the walk is under way."""
        if self.state.confirming:
            from trialbot.dialog.confirming import confirmation

            reply = confirmation(self)
            if reply is not None:
                self.replies.append(reply)
            return
        if self.state.pending is not None:
            self.advance(announce_summary=False)

    def summaries(self) -> None:
        """One summary reply per trial in scope."""
        self.say("summary_intro")
        assessments = self.assessments()
        for trial in self.trials:
            sex = self.state.facts.get("sex")
            summary = trial_summary(
                self.texts, trial, assessments[trial.id], sex if isinstance(sex, str) else None
            )
            self.replies.append(summary)
        self.say("summary_restart_hint")
        restart = Button(label=self.texts.say("restart_label"), value="/restart")
        self.replies[-1].buttons.append(restart)

    def reask(self, problem: str) -> None:
        """Ask the pending question again after an answer that could not be read."""
        pending = self.state.pending
        if pending is None or pending not in self.specs:
            return
        entry = kinds_of(pending) if problem == "other_kind" else None
        # "That is not a live vaccine, ... Apart from it:" for an item outside the asked kind
        preface = entry.outside_note if entry is not None else self.texts.say(f"reask_{problem}")
        if self.state.failures >= 2:
            preface = f"{preface} {self.texts.say('reask_offer_not_sure')}"
        self.replies.append(self.question(pending, preface=preface, with_help=True))
