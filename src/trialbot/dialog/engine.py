"""The guided dialog: decides what one incoming message means and what the bot says next."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from trialbot.dialog import catalogue, erasing, intents, readers, scope
from trialbot.dialog.answers import Reading, ongoing_said, read_answer
from trialbot.dialog.approximate import number_hedged
from trialbot.dialog.assessing import ScopeAssessor
from trialbot.dialog.confirming import (
    after_yes_no,
    ask_kind,
    ask_to_confirm,
    confirmed_answer,
    fact_words,
    is_bare,
    is_hedged_reply,
    is_plain,
    starts_with_yes_no,
    would_exclude,
    would_go_against,
)
from trialbot.dialog.corrections import (
    apply_correction,
    correct_last_yes_no,
    named_target,
    shown_value,
    strip_markers,
)
from trialbot.dialog.hypothetical import hypothetical
from trialbot.dialog.interjections import interjection, is_emergency, only_past_emergency
from trialbot.dialog.kinds import kinds_of, named_kind
from trialbot.dialog.meaning import MeaningMatcher
from trialbot.dialog.measured import Measured, read_measured, without_parts
from trialbot.dialog.planner import applies
from trialbot.dialog.pressure import reading_answer
from trialbot.dialog.readers import is_unknown, normalize
from trialbot.dialog.rules import CachedEligibility, EligibilityRules
from trialbot.dialog.situation import situation_words
from trialbot.dialog.state import DialogState
from trialbot.dialog.texts import Texts
from trialbot.dialog.volunteered import RELATIONS, is_self_patient, read_volunteered
from trialbot.dialog.walk import Walk
from trialbot.domain.criteria import TrialAssessment
from trialbot.domain.facts import UNKNOWN, FactSpec, FactValue
from trialbot.domain.ports import QuestionAnswerer, TrialCatalog
from trialbot.domain.trial import Trial
from trialbot.domain.turn import Button, Reply, Verdict
from trialbot.retrieval.targeting import named_trials

log = logging.getLogger(__name__)
MAX_FAILURES = 2  # then "not sure" is recorded and the walk moves on
# A knock-out asked by a typed number (the age) decides most, so it is asked a few more times;
# a typed knock-out date (another cancer) once more; a knock-out with buttons (a choice, yes or
# no) is not: its buttons were shown twice.
MAX_FAILURES_KNOCKOUT = {"number": 5, "date": 3}
CATALOG_TTL_SECONDS = 1.0


@dataclass
class StepResult:
    """What the dialog decided for one message."""

    replies: list[Reply] = field(default_factory=list)
    assessments: dict[str, TrialAssessment] = field(default_factory=dict)
    forget: bool = False
    unchecked: list[str] = field(default_factory=list)  # in scope, not checked this turn

    @property
    def verdicts(self) -> dict[str, Verdict]:
        """A verdict for every trial in scope: the checked ones', then `undetermined` for the
        trials a catalogue search did not check one by one."""
        found: dict[str, Verdict] = {t: a.verdict for t, a in self.assessments.items()}
        return {**found, **{t: "undetermined" for t in self.unchecked if t not in found}}


class DialogEngine:
    """Stateless over conversations: every call gets the conversation's state and updates it."""

    def __init__(
        self,
        catalog: TrialCatalog,
        answerer: QuestionAnswerer,
        rules: EligibilityRules | None = None,
        texts: Texts | None = None,
        today: Callable[[], dt.date] | None = None,
        meaning: MeaningMatcher | None = None,
    ) -> None:
        self.meaning = meaning  # free text by meaning, only where the patterns found nothing
        self.catalog = catalog
        self.answerer = answerer
        self.rules: EligibilityRules = rules or CachedEligibility()
        self.texts = texts or Texts()
        self.today = today or dt.date.today
        self._trials: tuple[float, list[Trial]] | None = None
        self._specs: tuple[object, Mapping[str, FactSpec]] | None = None
        self.assessor = ScopeAssessor(self.rules)
        self._lock = threading.Lock()

    def trials(self) -> list[Trial]:
        """The registered trials, re-read from the catalog at most once a second."""
        cached = self._trials
        now = time.monotonic()
        if cached and now - cached[0] < CATALOG_TTL_SECONDS:
            return cached[1]
        trials = list(self.catalog.list_trials())
        same = cached is not None and len(cached[1]) == len(trials)
        if same and cached and all(a is b for a, b in zip(cached[1], trials, strict=True)):
            trials = cached[1]  # same objects: keep the list, and the indexes built on it
        with self._lock:
            self._trials = (now, trials)
        return trials

    def specs(self) -> Mapping[str, FactSpec]:
        """The engine's fact specs with the dialog's extra choice words (built once)."""
        base = self.rules.fact_specs()
        cached = self._specs
        if cached is not None and cached[0] is base:
            return cached[1]
        merged = self.texts.with_synonyms(base)
        self._specs = (base, merged)
        return merged

    def walk(self, state: DialogState, conversation_id: str | None = None) -> Walk:
        """A fresh working context for one turn of one conversation."""
        return Walk(
            state,
            self.trials(),
            self.rules,
            self.texts,
            self.today(),
            self.specs(),
            assessor=self.assessor,
            key=conversation_id,
        )

    def step(
        self,
        state: DialogState,
        text: str | None,
        button: str | None = None,
        trials: list[str] | None = None,
        conversation_id: str | None = None,
    ) -> StepResult:
        """Handle one message (text or button value) and update `state` in place."""
        walk = self.walk(state, conversation_id)
        if trials is not None and trials != state.requested_scope:
            state.requested_scope = list(trials)
            walk.set_scope(list(trials) or None)
        if button is not None and "#" in button:
            button, token = button.rsplit("#", 1)
            if not token or token != state.token:  # an older question's button, or a second tap
                walk.say("button_stale")
                return _result(walk)
            state.token = ""  # used: a second tap on any button of that question is stale
        message = (button if button is not None else text or "").strip()
        command = intents.parse_command(message)
        emergency = command is None and is_emergency(walk, message)
        past = emergency and only_past_emergency(walk, message)  # "a heart attack 2 years ago"
        if emergency and not past:
            walk.say("emergency")  # before anything else, even the greeting
        if not state.greeted and (command is None or command.name != "start"):
            self._greet(walk, with_hint=False)
        if command is not None:
            state.erasing = False
            forget = self._command(walk, command)
            return _result(walk, forget)
        if button is not None and button.startswith("trial:"):
            scope.pick_button(walk, button.removeprefix("trial:"))
        elif emergency and not past:
            interjection(walk, message, emergency_said=True)
            walk.resume()
        else:  # "I had a heart attack 3 weeks ago": no emergency now; the message is read
            self._message(walk, message, from_button=button is not None, past_emergency=past)
        return _result(walk, walk.erase)

    def too_long(
        self, state: DialogState, limit: int, conversation_id: str | None = None
    ) -> StepResult:
        """A message too long to read: say so kindly and ask the pending question again (or
        read-back); nothing known changes."""
        walk = self.walk(state, conversation_id)
        if not state.greeted:
            self._greet(walk, with_hint=False)
        walk.say("message_too_long", limit=limit)
        if state.pending is not None or state.confirming:
            walk.resume()
        elif not state.finished:
            walk.advance(announce_summary=False)
        return _result(walk)

    def _greet(self, walk: Walk, with_hint: bool = True) -> None:
        walk.state.greeted = True
        walk.say("greeting")
        walk.say("consent")
        scope.say_when_all_closed(walk)
        if with_hint and walk.state.scope is not None:
            scope.say_chosen(walk)  # `chat --trial NCT...`: the chosen trial is named
        elif with_hint:
            walk.say("start_hint")

    def _command(self, walk: Walk, command: intents.Command) -> bool:
        """Run a slash command; True when the conversation must be erased."""
        name = command.name
        if name in ("forget", "restart"):
            catalogue.forget(walk.key)  # the search's in-memory copy of the answers
        if name == "forget":
            return True
        if name == "start":
            self._greet(walk)
            walk.advance(announce_summary=False)
        elif name == "help":
            walk.say("help")
            walk.resume()
        elif name == "trials":
            if command.argument:
                scope.pick_by_text(walk, command.argument, force=True)
            else:
                scope.list_trials(walk)
        elif name == "restart":
            walk.state.reset_dialog()
            walk.set_facts({})
            walk.say("restart_done")
            walk.advance()
        else:
            walk.say("unknown_command", help_hint=self.texts.say("help_hint"))
            walk.resume()
        return False

    def _message(
        self, walk: Walk, message: str, from_button: bool, past_emergency: bool = False
    ) -> None:
        """Free text (or an answer button): safety first, then answers, picks and questions
        (`past_emergency`: the emergency words are all about the past, no notice)."""
        if not message:
            walk.say("empty_message")
            walk.advance(announce_summary=False)
            return
        if walk.state.erasing and self._erase_reply(walk, message, from_button):
            return
        if not from_button and erasing.asks_to_erase(walk, message):
            erasing.ask_to_erase(walk)
            return
        if not from_button and walk.texts.stop.search(normalize(message)):
            walk.say("stop_said")  # "stop", "quit": what stays and how to erase it; no answer
            walk.resume()
            return
        if interjection(walk, message, past_emergency=past_emergency):
            walk.resume()
            return
        if not from_button and walk.state.scope is not None and intents.wants_other_trial(message):
            scope.offer_other(walk)  # "a different study": said back with the list, no switch
            return
        if not from_button and self._hypothetical(walk, message):
            return  # "Can I join if I'm pregnant?": answered from the rules, nothing stored
        if walk.state.confirming and self._confirm(walk, message, from_button):
            return
        shown = len(walk.replies)
        if not from_button and self._volunteered(walk, message):
            if self._tells_situation(walk, message):
                # "Can I join if I had surgery 2 weeks ago?": the rule first, then the read-back
                walk.replies.insert(shown, self._situation_answer(walk, message))
            return
        if catalogue.take_message(walk, message, from_button):
            return  # many trials in scope: the catalogue search reads it
        if not from_button and self._condition_scope(walk, message):
            return  # "my dad has lung cancer, any trials?": the trials for that illness
        if not from_button and self._join_with_situation(walk, message):
            return  # "Can I join if I take warfarin?": the rule that speaks to it, then the check
        if not from_button and scope.pick_first(walk, message):
            return
        if not from_button and correct_last_yes_no(walk, message):
            if not walk.state.confirming:  # "oops, no": the last yes/no, never the one pending
                walk.advance()
            return
        if not from_button and intents.is_correction(message) and apply_correction(walk, message):
            if not walk.state.confirming:
                walk.advance()
            return
        if self._answer(walk, message, from_button):
            return
        self._unmatched(walk, message)

    def _join_with_situation(self, walk: Walk, message: str) -> bool:
        """A request to join that tells a situation of its own ("Can I join if I take
        warfarin?", "they put a stent in my colon, am I eligible?"): the answerer's reply first
        (the criterion that speaks to it, cited, or that the trial information does not say),
        then the check of the trials in scope starts or goes on. True when it was one; a bare
        request ("am I eligible?") or one naming another trial is left to the pick."""
        if not self._tells_situation(walk, message):
            return False
        walk.replies.append(self._situation_answer(walk, message))
        scope.start_check(walk, "personal_then_check")
        return True

    def _hypothetical(self, walk: Walk, message: str) -> bool:
        """A question about a situation in an "if" clause ("Can I join if I'm pregnant?", "what
        if he has HIV?") about the chosen trials: the answerer's reply, a word that nothing was
        noted, and the question (or read-back) pending asked again; the situation is never
        stored as the person's fact, and a read-back waiting is neither confirmed nor dropped.
        What the message tells outside the clause ("My wife is 58, can she join if ...") is
        read as usual. True when it was one."""
        found = hypothetical(message)
        if found is None or walk.state.scope is None or not walk.trials:
            return False
        state = walk.state
        walk.replies.append(self._situation_answer(walk, message))
        walk.say("hypothetical_not_noted")
        if not state.confirming and self._volunteered(walk, found.rest):
            return True  # what it tells outside the clause is read back first
        if state.confirming or state.pending is not None:
            walk.resume()
        elif not state.finished:
            scope.start_check(walk, "personal_then_check")
        return True

    def _tells_situation(self, walk: Walk, message: str) -> bool:
        """True for a question asking to join the trials in scope that tells a situation of its
        own; not when it names a trial (the pick comes first) or tells nothing more."""
        if not intents.is_question(message) or not intents.wants_to_join(message):
            return False
        trials = walk.trials
        if not trials:
            return False
        match = intents.match_trials(message, walk.all_trials)
        if match is not None and (match.exact or set(match.trial_ids) != {t.id for t in trials}):
            return False
        return bool(situation_words(message, trials))

    def _situation_answer(self, walk: Walk, message: str) -> Reply:
        """The answerer's reply to the situation, from the trials in scope."""
        trials = walk.trials
        return name_source(self._ask_answerer(message, [t.id for t in trials]), trials)

    def _condition_scope(self, walk: Walk, message: str) -> bool:
        """With a few trials and none chosen, an illness named before any is known scopes the
        walk to the open trials for it, or says plainly that none here is for it; True when it
        did. Never when the message answers the pending yes/no or choice question ("no, he has
        no lung cancer"); an illness named with the age asked first ("My husband is 63 and has
        lung cancer ..., is there any trial for him?") scopes the walk (the age is kept too)."""
        pending = walk.state.pending
        spec = walk.specs.get(pending) if pending is not None else None
        if (
            spec is not None
            and spec.answer_type != "number"
            and read_answer(spec, message, walk.today, walk.specs).ok
        ):
            return False
        found = catalogue.condition_named(walk, message, pending=pending is not None)
        if found is None:
            return False
        value, label, trials = found
        walk.set_facts({catalogue.CONDITION: value})
        if trials:
            key = "condition_scope_one" if len(trials) == 1 else "condition_scope_many"
            walk.say(key, label=label, count=len(trials))
            scope.set_scope(walk, [t.id for t in trials])
            return True
        walk.state.pending = None
        others = sorted({t.conditions[0] for t in walk.open_trials if t.conditions})
        walk.say("condition_none", label=label, others="; ".join(others) or "other illnesses")
        list_button = Button(label=self.texts.say("scope_list_label"), value="/trials")
        walk.replies[-1].buttons.append(list_button)
        return True

    def _erase_reply(self, walk: Walk, message: str, from_button: bool) -> bool:
        """The reply to "Do you want me to erase everything?": yes erases (as /forget), no keeps
        it and goes on; a hedged yes or no ("I think so") is neither and asks again plainly;
        anything else is read as usual. True when it was the reply."""
        if erasing.is_hedged(message, from_button):
            erasing.ask_to_erase(walk, plainly=True)  # no erase, and no answer to anything else
            return True
        said = erasing.erase_answer(message, from_button)
        walk.state.erasing = False
        if said is None:
            return False
        if said:
            catalogue.forget(walk.key)  # the search's in-memory copy of the answers
            walk.erase = True
            return True
        walk.say("erase_kept")
        walk.resume()
        return True

    def _answer(self, walk: Walk, message: str, from_button: bool) -> bool:
        """Read the message as the answer to the pending question; True when it was one."""
        state = walk.state
        pending = state.pending
        if pending is None or pending not in walk.specs:
            return False
        spec = walk.specs[pending]
        # "four hundred eighty i think?" is an answer, with a doubt
        question = "?" in message and not _short_answer(message)
        if not from_button and question and not _hedged_answer(message, spec):
            return False
        if state.activity_asked and not from_button and self._activity_reply(walk, spec, message):
            return True
        pressure = None if from_button else reading_answer(spec, message, walk.specs)
        if pressure is not None:  # "130 over 80 on my tablets": both numbers, and the answer
            walk.preamble = ""  # the numbers said on the side are in the read-back
            ask_to_confirm(walk, pressure)
            return True
        if walk.aside_parts and not from_button:  # "my blood pressure is 120/80": not the age
            message = without_parts(message, walk.aside_parts)
            if not re.search(r"\w", message):
                walk.replies.append(walk.question(pending))  # "You said: ...", then it again
                return True
        reading = read_answer(spec, message, walk.today, walk.specs)
        if reading.ok and not from_button and self._ruled_out(spec, message, reading.facts):
            if self._only_choice_left(walk, spec, message):
                return True  # "up and about, does her own shopping": 1 is left, read back
            self._failed(walk, "unreadable")  # "I dress and wash myself" is no ECOG 3
            return True
        if reading.ok and not from_button and self._job_only(spec, message, reading.facts):
            self._failed(walk, "job_not_activity")  # "retired, can't work" is no ECOG 2
            return True
        if reading.ok:
            facts = {**_new_facts(walk, reading.also), **reading.facts}
            typed = not from_button and not is_plain(message, spec)
            doubtful = reading.doubtful or self.texts.reads_back_typed(spec.id)
            if walk.volunteered.get(pending) is True and facts.get(pending) is False:
                # "I have hashimotos thyroid, nothing with my lungs": the illness named is a yes
                facts[pending], doubtful = True, True
            unsure = all(v == UNKNOWN for v in facts.values())  # "idk": nothing to read back
            if reading.kind_asked:  # "a jab 2 weeks ago": was it a live vaccine? asked plainly
                ask_kind(walk, facts, spec.id)
                return True
            if reading.hedged_yes and typed and would_exclude(walk, facts):
                # "i think so", "probably yes" where a yes excludes: no yes on a guess, and no
                # read-back of a plain yes either: "not sure", for the study team
                walk.say("hedged_yes_left_to_team")
                self._record(walk, {**facts, pending: UNKNOWN})
                return True
            approximate = list(reading.facts) if reading.approximate else []
            if approximate and not reading.said_as and would_exclude(walk, facts):
                # "480 i think": is it the exact number on a report? (never excludes unless so)
                ask_to_confirm(walk, facts, approximate=approximate, report=True)
                return True
            if typed and not unsure and (doubtful or would_exclude(walk, facts)):
                ask_to_confirm(walk, facts, reading.said_as, approximate=approximate)
                return True
            if reading.note:
                walk.say(reading.note)
            if approximate:  # "about 420 i think": kept, and said back as not certain
                words = [fact_words(walk, k, v) for k, v in reading.facts.items()]
                walk.say("approximate_kept", facts="; ".join(words))
            self._record(walk, facts, approximate)
            return True
        if intents.is_question(message) or intents.is_small_talk(message):
            return False
        if not from_button and self._only_choice_left(walk, spec, message):
            return True
        if not from_button and self._by_meaning(walk, spec, message):
            return True
        if not from_button and self._only_choice_left(walk, spec, message, most=3):
            return True  # "I can't do the garden any more": 2, 3 or 4, and no meaning matched
        if not from_button and scope.pick_by_text(walk, message, loose=True):
            return True  # not an answer, but the name of a study: "the osteosarcoma study"
        if not from_button and self.texts.job_remark_only(spec.id, message):
            self._failed(walk, "job_not_activity")  # "I'm retired": what can you do?
            return True
        if walk.volunteered:  # it answered another question ("I'm 54"): kept, and no failure
            state.failures = 0  # the count for this question starts again
            if pending in state.facts or applies(spec, state.facts) is False:
                walk.advance(announce_summary=False)  # what it said settled the question
            else:
                walk.replies.append(walk.question(pending))  # "You said: ...", then it again
            return True
        self._failed(walk, reading.problem or "unreadable")
        return True

    def _activity_reply(self, walk: Walk, spec: FactSpec, message: str) -> bool:
        """A plain yes or no to the activity question ("Can you do light work, like
        housework...?"): the levels it fits are offered (`activity_answer_levels`); True when
        it was one."""
        walk.state.activity_asked = False
        said = readers.read_yes_no(message)
        if not isinstance(said, bool) or len(message.split()) > 4:
            return False
        levels = self.texts.activity_answer_levels(spec.id, said)
        if not levels:
            return False
        walk.state.failures = 0
        preface = walk.texts.say("choice_two_left" if len(levels) == 2 else "choice_some_left")
        walk.replies.append(walk.question(spec.id, preface=preface, only=levels))
        return True

    def _only_choice_left(self, walk: Walk, spec: FactSpec, message: str, most: int = 2) -> bool:
        """When the words rule out every choice but one ("I work part time but can't do heavy
        stuff": not 0, not 2-4), that one is read back; when they leave at most `most` (and rule
        out at least as many but one), those are offered; True when it was."""
        if spec.answer_type != "choice" or not spec.choices:
            return False
        ruled_out = self.texts.ruled_out_choices(spec.id, message)
        left = [c.value for c in spec.choices if c.value not in ruled_out]
        if not ruled_out or not left:
            return False
        named = [v for v in left if v in readers.named_choices(message, spec.choices)]
        if len(named) == 1 and not self._job_only(spec, message, {spec.id: named[0]}):
            # "plays and goes to school but gets tired more quickly": of the two choices named,
            # "tired" rules out the first; the one left is read back
            ask_to_confirm(walk, {spec.id: named[0]})
            return True
        if len(left) == 1:
            if self._job_only(spec, message, {spec.id: left[0]}):
                return False
            ask_to_confirm(walk, {spec.id: left[0]})
            return True
        if len(left) > most or len(left) > len(ruled_out) + 1:
            return False  # "I'm tired" rules out only 0: the full question again
        # "I can still work part time": not level 2 or below, and 0 or 1 alike; the two offered.
        # "I can't do the garden any more": not 0 or 1; the three levels left are offered. The
        # offer counts as a try: said the same way again, "not sure" is noted and the walk goes on.
        if self._gave_up(walk):
            return True
        preface = walk.texts.say("choice_two_left" if len(left) == 2 else "choice_some_left")
        walk.replies.append(walk.question(spec.id, preface=preface, only=left))
        return True

    def _by_meaning(self, walk: Walk, spec: FactSpec, message: str) -> bool:
        """A choice answer matched by meaning: strong counts (read back if it excludes), weak is
        read back first; True when it was matched."""
        if self.meaning is None or spec.answer_type != "choice" or not spec.choices:
            return False
        labels = {c.value: c.label for c in spec.choices}
        try:
            found = self.meaning.choice(spec.id, labels, message)
        except Exception as error:  # the embedder is an adapter; the dialog must go on
            log.warning("meaning matcher failed: %s", type(error).__name__)
            return False
        if found is None:
            return False
        facts: dict[str, FactValue] = {spec.id: found.label}
        if self._ruled_out(spec, message, facts) or self._job_only(spec, message, facts):
            return False  # the words themselves say otherwise: asked again with the buttons
        if found.strength == "weak" or would_exclude(walk, facts):
            ask_to_confirm(walk, facts)
        else:
            self._record(walk, facts)
        return True

    def _ruled_out(self, spec: FactSpec, message: str, facts: Mapping[str, FactValue]) -> bool:
        """True when the free text rules out the choice read for `spec` (choice_ruled_out_by)."""
        value = facts.get(spec.id)
        if spec.answer_type != "choice" or not isinstance(value, str):
            return False
        return value in self.texts.ruled_out_choices(spec.id, message)

    def _job_only(self, spec: FactSpec, message: str, facts: Mapping[str, FactValue]) -> bool:
        """True when the choice read for `spec` comes only from a remark about a job ("I'm
        retired so I don't work" is no ECOG 2): it is not taken, and an activity is asked."""
        value = facts.get(spec.id)
        if spec.answer_type != "choice" or not isinstance(value, str):
            return False
        return self.texts.job_remark_only(spec.id, message, value)

    def _means_check_me(self, message: str) -> bool:
        """True when a question the patterns did not place means "check me" (strong match)."""
        if self.meaning is None:
            return False
        try:
            found = self.meaning.intent("check_me", message)
        except Exception as error:
            log.warning("meaning matcher failed: %s", type(error).__name__)
            return False
        return found is not None and found.strength == "strong"

    def _record(
        self, walk: Walk, facts: dict[str, FactValue], approximate: Collection[str] = ()
    ) -> None:
        """Record answered facts (`approximate`: the ones said as an estimate) and move on to
        the next question."""
        state = walk.state
        walk.set_facts(facts, approximate)
        state.confirming = None
        state.last_answered = state.pending
        state.failures = 0
        walk.advance()

    def _volunteered(self, walk: Walk, message: str, beside_answer: bool = True) -> bool:
        """Keep what the message states beyond the question ("my daughter is 9"); True when a
        stated fact would exclude and is read back first (nothing else is done then).
        `beside_answer` False: the message is the rest of a yes or no to a read-back, no answer
        to the pending question."""
        state = walk.state
        if intents.is_question(message) and not intents.wants_to_join(message):
            # "how is sorafenib taken?" states nothing; "My daughter is 12. Could it help her?"
            # states what comes before the question (and the question is answered after).
            message = _statements_before_question(message)
            if not message:
                return False
        # whom the questions are about is settled by the first answer: a relative named later
        # ("no, my wife had a hysterectomy") is spoken of, and "I am the patient" undoes it
        relation_open = state.relation is None and state.last_answered is None
        found = read_volunteered(message, state.pending, relation_open)
        if state.relation is not None and is_self_patient(message):
            self._back_to_self(walk)
        if found.relation and state.relation is None:
            state.relation = found.relation
        measured = self._measured(walk, message)
        walk.aside_parts += _drug_parts_aside(walk, found.drug_parts)
        known = {k for k, v in state.facts.items() if v != UNKNOWN}  # "not sure" may be told now
        said = {**measured.facts, **found.facts}
        new = {k: v for k, v in said.items() if k in walk.specs and k not in known}
        plain = normalize(message)  # "his octreotide shot was last week" is no cancer medicine
        new = {k: v for k, v in new.items() if named_kind(k, plain) != "outside"}
        if new.get(str(state.pending)) == UNKNOWN:
            del new[str(state.pending)]  # the answer to the question says it (with its note)
        elif beside_answer and str(state.pending) in new and self._answer_unsure(walk, message):
            # "no, I had latent TB treated years ago": the answer's own "not sure" wins over
            # the illness said on the side
            del new[str(state.pending)]
        if not new and not (found.relation or found.diagnosis):
            return False
        items = [f"your {found.relation}"] if found.relation else []
        items += [_said_words(walk, k, v) for k, v in new.items() if k != "sex" or not items]
        items += [found.diagnosis] if found.diagnosis else []
        # "No, he had radiation pneumonitis once" to another question: the illness said on the
        # side is read back before it counts, never kept silently as a yes of another fact
        side_illness = (
            beside_answer
            and _STARTS_NO.match(normalize(message)) is not None
            and any(
                k in found.illnesses and v is True and k != state.pending for k, v in new.items()
            )
        )
        if new and (
            would_exclude(walk, new)
            or would_go_against(walk, new)  # "he took cobimetinib before": looked at first
            or catalogue.would_drop(walk, new)  # off the catalogue's shortlist
            or measured.doubtful & set(new)
            or (side_illness and state.pending is not None)
        ):
            pending = state.pending
            if beside_answer and pending in walk.specs and pending not in new:
                # "No, but I took sorafenib": both
                rest = without_parts(message, walk.aside_parts) if walk.aside_parts else message
                reading = read_answer(walk.specs[str(pending)], rest, walk.today, walk.specs)
                new = {**(reading.facts if reading.ok else {}), **new}
            ask_to_confirm(walk, new, measured.said_as)
            return True
        if new:
            walk.set_facts(new)
            walk.volunteered.update(new)
        walk.preamble = walk.texts.say("said_before", items=", ".join(items))
        return False

    def _answer_unsure(self, walk: Walk, message: str) -> bool:
        """True when the message, read as the answer to the pending yes/no question, is "not
        sure" for the study team (a "no" that names the topic in another form)."""
        spec = walk.specs.get(str(walk.state.pending))
        if spec is None or spec.answer_type != "yes_no":
            return False
        reading = read_answer(spec, message, walk.today, walk.specs)
        return reading.ok and reading.facts.get(spec.id) == UNKNOWN and reading.note is not None

    def _back_to_self(self, walk: Walk) -> None:
        """The person says they are the patient: the questions speak of "you" again, and the sex
        that came only from the relative's word ("my wife") is forgotten (asked again)."""
        state = walk.state
        relation_sex = RELATIONS.get(str(state.relation))
        if relation_sex is not None and state.facts.get("sex") == relation_sex:
            del state.facts["sex"]
        state.relation = None
        walk.say("back_to_self")

    def _measured(self, walk: Walk, message: str) -> Measured:
        """Measured facts said on the side ("I weigh 60 kg", "my blood pressure is 120/80"),
        without a choice the words themselves rule out; their parts are kept out of the answer
        to the pending question (`Walk.aside_parts`)."""
        state = walk.state
        found = read_measured(message, walk.specs, state.pending, walk.today, state.relation)
        for fact_id in list(found.facts):
            spec = walk.specs[fact_id]
            if self._ruled_out(spec, message, {fact_id: found.facts[fact_id]}):
                del found.facts[fact_id]  # "not fully active" is no level 0
        walk.aside_parts = found.parts
        return found

    def _confirm(self, walk: Walk, message: str, from_button: bool) -> bool:
        """A reply to a read-back: yes records, no asks again, a new answer is read afresh."""
        state = walk.state
        held = dict(state.confirming or {})
        pending = state.pending
        if state.confirming_kind in held:
            return self._kind_reply(walk, message, from_button)
        if state.confirming_report:
            return self._report_reply(walk, message, from_button)
        if not from_button and self._fixed_in_reply(walk, message, held):
            return True  # "that's wrong, it was 2": the read-back's answer, changed
        if (
            not from_button
            and intents.is_question(message)
            and not is_bare(message)
            and not starts_with_yes_no(message)
            and not is_hedged_reply(message)
            and not _short_answer(message)
        ):
            # "how long will I have to take durvalumab?": a question is no yes to the read-back
            # (nor a new answer): the answerer replies, then the read-back is asked again
            return False
        approximate = [f for f in state.confirming_approximate if f in held]
        said = confirmed_answer(message) if from_button or is_bare(message) else None
        corrects = not from_button and intents.is_correction(message)
        hedged = not from_button and is_hedged_reply(message)
        side = "" if from_button or is_bare(message) else after_yes_no(message)
        if said is None and side and not hedged and not corrects:
            said = self._yes_no_beside(walk, message, side)
        if said is None and not from_button:
            spec = walk.specs.get(pending) if pending is not None else None
            # "yes, and I had a blood clot 2 months ago": the "2 months" is no age
            aside = read_measured(message, walk.specs, pending, walk.today, state.relation).parts
            text = without_parts(message, aside) if aside else message
            if aside and not re.search(r"\w", text):  # "I had chemo last month": no reply
                state.confirming = None
                return False
            reading = read_answer(spec, text, walk.today, walk.specs) if spec else None
            same = (
                reading and reading.ok and all(held.get(k) == v for k, v in reading.facts.items())
            )
            new_answer = reading and reading.ok and UNKNOWN not in reading.facts.values()
            if hedged and (same or not new_answer):
                walk.say("confirm_hedged")  # "I think so", "maybe": no yes, asked again plainly
                walk.resume()
                return True
            if same and not self._states_other_facts(walk, message, held):
                said = True  # the same answer again: that is a yes
            elif spec and reading and reading.ok and pending not in held and not corrects:
                self._answer_beside_read_back(walk, spec, message, reading)
                return True
            elif (reading and reading.ok) or corrects:
                state.confirming = None
                return False  # a new answer: read it as one
            else:
                said = confirmed_answer(message)
        if said is None and not from_button and catalogue.answer_during_read_back(walk, message):
            walk.resume()  # "London" instead of yes/no: kept, and the read-back asked again
            return True
        if said is None:
            if intents.is_question(message):
                return False  # the answerer replies, then the read-back is asked again
            walk.say("confirm_unclear")
            walk.resume()
            return True
        state.confirming = None
        state.confirming_approximate = []
        if said:
            if pending in held:
                if side:  # "yes, and I also had a stroke last year": the stroke is kept too
                    walk.set_facts(held, approximate)
                    state.last_answered = pending
                    state.failures = 0
                    if self._volunteered(walk, side, beside_answer=False):
                        return True  # the side fact is read back; the next question after it
                self._record(walk, held, approximate)
                return True
            walk.set_facts(held, approximate)
            state.finished = False
            state.failures = 0  # another question was answered: the count starts again
            if side and self._volunteered(walk, side, beside_answer=False):
                return True
            walk.say("confirm_done")
            walk.advance()
            return True
        walk.say("confirm_fix")
        if side and self._volunteered(walk, side, beside_answer=False):
            return True  # "no, and I had a stroke": the stroke first, the question after it
        if pending not in held:
            walk.advance(announce_summary=False)  # the facts held back are asked one by one
        elif not catalogue.ask_again(walk):  # (the catalogue search asks its own again)
            walk.replies.append(walk.question(pending))
        return True

    def _fixed_in_reply(self, walk: Walk, message: str, held: Mapping[str, FactValue]) -> bool:
        """A reply to a read-back that says it is wrong and gives the right answer ("that's
        wrong, it was 2", "no, I said 3 lines not 2", "that's wrong ... I mean I had 2
        operations"): the answer given is read as the answer to the question read back (and read
        back again when it would exclude), never dropped with the "no"; True when it was."""
        state = walk.state
        pending = state.pending
        spec = walk.specs.get(pending) if pending is not None else None
        if spec is None or pending not in held:
            return False
        if not (intents.is_correction(message) or confirmed_answer(message) is False):
            return False
        rest = strip_markers(message)
        if not re.search(r"\w", rest) or is_bare(rest):
            return False  # "no", "that's wrong": let me fix it, asked again
        reading = read_answer(spec, rest, walk.today, walk.specs)
        if not reading.ok or UNKNOWN in reading.facts.values() or reading.doubtful:
            return False
        if all(held.get(k) == v for k, v in reading.facts.items()):
            return False  # the same answer: not a new one (a plain "that's wrong" stays a no)
        state.confirming = None
        before = len(walk.replies)
        self._answer(walk, rest, from_button=False)
        value = state.facts.get(str(pending))
        if value is not None and not state.confirming and value == reading.facts.get(str(pending)):
            walk.say("correction_done", question=spec.question, value=shown_value(walk, value))
            walk.replies.insert(before, walk.replies.pop())  # before the next question
        return True

    def _yes_no_beside(self, walk: Walk, message: str, side: str) -> bool | None:
        """The yes or no of a reply to a read-back that says more after it ("yes, and I also
        had a stroke last year", "no, and I had a stroke 2 weeks ago": the "no" is no answer
        "no" to the question), when what follows answers nothing of the read-back; None when it
        does ("no, I'm 45": a new answer)."""
        pending = walk.state.pending
        spec = walk.specs.get(pending) if pending is not None else None
        if spec is not None:
            aside = read_measured(side, walk.specs, pending, walk.today, walk.state.relation)
            rest = without_parts(side, aside.parts) if aside.parts else side
            if re.search(r"\w", rest) and read_answer(spec, rest, walk.today, walk.specs).ok:
                return None
        return confirmed_answer(message)

    def _kind_reply(self, walk: Walk, message: str, from_button: bool) -> bool:
        """A reply to "Was it a live vaccine?": yes records the held date, "not sure" records the
        fact as not known (it never excludes), no asks the question again (that item does not
        count); a reply naming the item is read by its kind. False: a new answer, read afresh."""
        state = walk.state
        fact_id = str(state.confirming_kind)
        held = dict(state.confirming or {})
        said = normalize(message)
        kind = None if from_button else named_kind(fact_id, said)
        if said == UNKNOWN or is_unknown(said):
            answer: bool | None = None
        elif kind in ("inside", "outside"):
            answer = kind == "inside"
        else:
            answer = confirmed_answer(message) if from_button or is_bare(message) else None
            if answer is None and not from_button:
                if intents.is_question(message):
                    return False  # the answerer replies, then the kind question again
                walk.say("confirm_unclear")
                walk.resume()
                return True
        state.confirming = None
        state.confirming_kind = None
        if answer is None:  # not sure: not known, which never excludes
            self._record(walk, {**held, fact_id: UNKNOWN})
            return True
        if answer:
            self._record(walk, held)
            return True
        entry = kinds_of(fact_id)
        state.failures = 0
        preface = entry.kind_no if entry is not None and entry.kind_no else ""
        walk.replies.append(walk.question(fact_id, preface=preface))
        return True

    def _report_reply(self, walk: Walk, message: str, from_button: bool) -> bool:
        """A reply to "Is it the exact number written on your report?": yes records the number
        as said; no, not sure or a hedge keeps it as approximate (it then rules no one out, the
        study team checks it); a new number is read afresh. False: read the message afresh."""
        state = walk.state
        held = dict(state.confirming or {})
        said = normalize(message)
        answer: bool | None
        if said == UNKNOWN or is_unknown(said) or (not from_button and is_hedged_reply(message)):
            answer = False
        else:
            answer = confirmed_answer(message) if from_button or is_bare(message) else None
        if answer is None and not from_button:
            spec = walk.specs.get(state.pending or "")
            reading = read_answer(spec, message, walk.today, walk.specs) if spec else None
            values = reading.facts if reading is not None and reading.ok else {}
            if any(v != UNKNOWN and held.get(k) != v for k, v in values.items()):
                state.confirming, state.confirming_report = None, False  # "no, it was 450"
                state.confirming_approximate = []
                return False
            if re.search(r"\b(?:memory|remember|recall|think|guess)\b", said):
                answer = False  # "from memory", "no, I just remember it"
            elif reading is not None and reading.approximate:
                answer = False  # "about 480 i think" again
            else:
                answer = confirmed_answer(message)
        if answer is None:
            if intents.is_question(message):
                return False  # the answerer replies, then the report question again
            walk.say("confirm_unclear")
            walk.resume()
            return True
        state.confirming, state.confirming_report = None, False
        state.confirming_approximate = []
        if answer:
            self._record(walk, held)
            return True
        words = "; ".join(fact_words(walk, k, v) for k, v in held.items())
        walk.say("approximate_held", facts=words)
        self._record(walk, held, list(held))
        return True

    def _states_other_facts(self, walk: Walk, message: str, held: Mapping[str, FactValue]) -> bool:
        """True when a message states facts on the side that a read-back does not hold ("I had
        chemo last month" to "So: hepatitis B: yes?"): it is no "yes" to the read-back."""
        pending = walk.state.pending
        said = {**read_volunteered(message, pending).facts}
        said.update(read_measured(message, walk.specs, pending, walk.today).facts)
        return any(k in walk.specs and k not in held for k in said)

    def _answer_beside_read_back(
        self, walk: Walk, spec: FactSpec, message: str, reading: Reading
    ) -> None:
        """A side fact waits to be confirmed ("So: blood pressure 150/95. Is that right?") and the
        reply answers the pending question instead ("30"): the answer counts as usual and the
        read-back stays, asked again (with the answer in it when that must be read back too)."""
        state = walk.state
        facts = dict(reading.facts)
        doubtful = reading.doubtful or self.texts.reads_back_typed(spec.id)
        if not is_plain(message, spec) and (doubtful or would_exclude(walk, facts)):
            ask_to_confirm(walk, {**(state.confirming or {}), **facts}, reading.said_as)
            return
        walk.set_facts(facts)
        state.last_answered = state.pending
        state.failures = 0
        walk.resume()

    def _failed(self, walk: Walk, problem: str) -> None:
        if self._gave_up(walk):
            return
        walk.state.activity_asked = problem == "job_not_activity"
        walk.reask(problem)

    def _gave_up(self, walk: Walk) -> bool:
        """Count one more answer that did not settle the pending question; after the last try
        "not sure" is recorded and the walk moves on (True), so no question with buttons is
        asked a third time (`MAX_FAILURES_KNOCKOUT` for a typed knock-out number or date)."""
        state = walk.state
        state.failures += 1
        pending = walk.specs.get(state.pending or "")
        limit = MAX_FAILURES
        if pending is not None and pending.knockout:
            limit = MAX_FAILURES_KNOCKOUT.get(pending.answer_type, MAX_FAILURES)
        if state.failures < limit or state.pending is None:
            return False
        walk.say("gave_up")
        walk.set_facts({state.pending: "unknown"})
        state.last_answered = state.pending
        walk.advance()
        return True

    def _unmatched(self, walk: Walk, message: str) -> None:
        """Questions go to the answerer; anything else gets a gentle re-ask."""
        near = catalogue.sites_near(walk, message) if intents.is_question(message) else None
        if near is not None:  # "Is there a site near Lyon?": the nearest sites, by distance
            walk.replies.append(near)
            walk.resume()
            return
        if intents.is_question(message):
            if walk.state.pending is None and self._means_check_me(message):
                walk.say("walk_start")
                walk.advance()
                return
            asked_about = catalogue.trials_asked_about(walk)  # the shortlist or the condition's
            if asked_about is None:
                asked_about = walk.trials
            named = named_trials(message, walk.trials)
            if named is not None:
                # "how is amivantamab given in NCT06116682?": that trial only, in a catalogue
                # search too (an id not registered here is said so by the answerer)
                asked_about = named.trials or walk.trials
            if not asked_about:  # a catalogue search that knows no illness yet: nothing to cite
                walk.say("catalogue_question_first")
                walk.resume()
                return
            reply = self._ask_answerer(message, [t.id for t in asked_about])
            walk.replies.append(name_source(reply, asked_about))
            walk.resume()
            return
        if walk.state.pending is not None:
            if intents.is_small_talk(message):
                walk.advance(announce_summary=False)
            else:
                self._failed(walk, "unreadable")
            return
        if walk.state.finished:
            # "yes we can come to all the visits" after the verdict: taken, and checked again
            target = named_target(walk, message)
            if target is not None and apply_correction(walk, message, target):
                if not walk.state.confirming:
                    walk.advance()
                return
            walk.say("summary_restart_hint")
            return
        shown = len(walk.replies)
        walk.advance()
        self._first_answer(walk, message, shown)

    def _first_answer(self, walk: Walk, message: str, shown: int) -> None:
        """No question was waiting (the first message was answered as a question) and the walk
        just asked its first one: a message that already answers it ("fifty-three" to the age
        question) counts as its answer instead of being asked again. Never a yes or no, which
        may be said to the answer just given ("yes" to "The trial information says ...")."""
        pending = walk.state.pending
        spec = walk.specs.get(pending) if pending is not None else None
        if spec is None or spec.answer_type == "yes_no" or walk.state.confirming:
            return
        if not read_answer(spec, message, walk.today, walk.specs).ok:
            return
        del walk.replies[shown:]  # the question is answered by the message itself
        if not self._answer(walk, message, from_button=False):
            walk.resume()

    def _ask_answerer(self, question: str, trial_ids: list[str]) -> Reply:
        try:
            return self.answerer.answer(question, trial_ids)
        except Exception as error:  # the answerer is an adapter; the dialog must go on
            log.warning("answerer failed: %s", type(error).__name__)
            return Reply(kind="notice", text=self.texts.say("error"))


_STARTS_NO = re.compile(r"^(?:no+|nope|nah|not really)\b")


def _result(walk: Walk, forget: bool = False) -> StepResult:
    return StepResult(walk.replies, walk.assessments(), forget, walk.unchecked())


def name_source(reply: Reply, asked_about: list[Trial]) -> Reply:
    """An answer over several trials starts with the trial it comes from ("From “Title”
    (NCT…):"), unless it already names it; one trial in scope needs no name."""
    if reply.kind != "answer" or len(asked_about) < 2 or not reply.citations:
        return reply
    source = {c.trial_id for c in reply.citations}
    named = [t for t in asked_about if t.id in source]
    if not named or all(t.id in reply.text for t in named):
        return reply
    prefix = "; ".join(f"“{t.title}” ({t.id})" for t in named[:2])
    return reply.model_copy(update={"text": f"From {prefix}: {reply.text}"})


def _new_facts(walk: Walk, facts: Mapping[str, FactValue]) -> dict[str, FactValue]:
    """Facts an answer states on the side that are known facts and not recorded yet."""
    return {k: v for k, v in facts.items() if k in walk.specs and k not in walk.state.facts}


def _drug_parts_aside(walk: Walk, parts: Mapping[str, str]) -> list[str]:
    """The parts stating a drug taken ("I'm on tamoxifen") that are no answer to the pending
    question: a number, a date, or another illness ("Do you have hepatitis B?": "I'm" is no
    yes); to a question about treatment such a part may well be the answer."""
    from trialbot.dialog.clauses import other_illnesses

    pending = walk.state.pending
    spec = walk.specs.get(pending) if pending is not None else None
    if spec is None:
        return []
    unrelated = spec.answer_type in ("number", "date") or spec.id in other_illnesses().facts
    if spec.answer_type == "date" and spec.id.startswith("last_"):
        # "he's been on keytruda since march": the answer to when the last one was (now)
        parts = {part: fact for part, fact in parts.items() if ongoing_said(part) is None}
    return [part for part, fact in parts.items() if unrelated and fact != pending]


def _said_words(walk: Walk, fact_id: str, value: FactValue) -> str:
    """A stated fact as said back; an illness in the past is "hepatitis B in the past"."""
    if value != UNKNOWN:
        return fact_words(walk, fact_id, value)
    from trialbot.eligibility.vocabulary import fact_labels

    label = fact_labels().get(fact_id, fact_id.replace("_", " "))
    return walk.texts.say("said_in_the_past", label=label)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|,\s+")  # sentences, and clauses cut by commas


def _statements_before_question(message: str) -> str:
    """The sentences (or comma clauses) before the first question of a message ("My daughter
    is 12 and has leukaemia." of "My daughter is 12 and has leukaemia. Could the VR thing help
    her?"; "my son has osteosarcoma" of "hi, my son has osteosarcoma, any trials?")."""
    kept: list[str] = []
    for sentence in _SENTENCE_END.split(message.strip()):
        if intents.is_question(sentence):
            break
        kept.append(sentence)
    return " ".join(kept)


_CHUNKS = re.compile(r"[^.!?]*\?")


def _hedged_answer(message: str, spec: FactSpec) -> bool:
    """True, for a number or date question, when every part of the message that ends in "?"
    asks nothing without it and says a doubt ("four hundred eighty i think?", "about 480? it
    was on the printout", "5 wks ago i guess?"): the "?" is a doubt, not a question."""
    if spec.answer_type not in ("number", "date"):
        return False
    chunks = [c.strip(" ?,") for c in _CHUNKS.findall(message)]
    return bool(chunks) and all(
        c and not intents.is_question(c) and number_hedged(c) for c in chunks
    )


def _short_answer(message: str) -> bool:
    """ "yes?", "35?": an answer with a stray question mark."""
    return len(message.split()) <= 2 and message.rstrip("?").strip() != ""
