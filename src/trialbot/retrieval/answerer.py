"""The question answerer: structured fields, definitions and hybrid retrieval; offline."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from trialbot.domain.ports import TrialCatalog
from trialbot.domain.trial import Intervention, Trial
from trialbot.domain.turn import Citation, Reply
from trialbot.prompts import load_prompts
from trialbot.retrieval import composer, store
from trialbot.retrieval.embeddings import (
    embed_texts,
    load_embedder,
    pair_vectors,
    query_vector,
)
from trialbot.retrieval.glossary import Glossary, load_glossary
from trialbot.retrieval.hybrid import Hit, Query, prepare_query, search
from trialbot.retrieval.intents import (
    DOSE_UNIT,
    answers_count,
    answers_dose,
    answers_timing,
    asks_amount,
    asks_count,
    asks_dose,
    asks_order,
    asks_quantity,
    asks_rule_timing,
    asks_timing,
    definition_term,
    eligibility_cue,
    needs_figure,
    section_boosts,
    structured_intent,
)
from trialbot.retrieval.mirror import Passage, PassageMirror, load_mirror
from trialbot.retrieval.own_numbers import (
    OwnNumbers,
    asks_joining,
    asks_limit,
    check_limits,
    group_ages,
    limits_of,
    only_numbers,
    own_numbers,
    own_sex,
    plain_yes_no,
)
from trialbot.retrieval.personal import (
    PersonalWords,
    asks_candidate,
    load_personal,
    personal_parts,
)
from trialbot.retrieval.plain import compose
from trialbot.retrieval.question_types import (
    QuestionType,
    QuestionTypes,
    is_question,
    is_yes_no,
    load_question_types,
)
from trialbot.retrieval.record import ages_text as record_ages
from trialbot.retrieval.record import contact_text, intervention_text
from trialbot.retrieval.record import route_phrase as record_route
from trialbot.retrieval.record_answers import (
    DOES_NOT_SAY,
    HANDLERS,
    names_known_place,
    other_route,
    route_of,
)
from trialbot.retrieval.structured import Part, answer_part
from trialbot.retrieval.targeting import (
    codes_asked,
    name_pattern,
    named_trials,
    without_drugs,
    without_ids,
)
from trialbot.retrieval.text import terms
from trialbot.retrieval.topic import (
    AMOUNT,
    on_rule_topic,
    on_topic,
    topic_terms,
    trial_words,
    without_own_numbers,
)
from trialbot.retrieval.treatment_span import asks_treatment_span, treatment_span
from trialbot.settings import Settings

_WHY = re.compile(r"^\W*(and |so |but )?why\b", re.I)
# "Why was it stopped?": the registry gives the reason a trial stopped or was withdrawn
_WHY_STOPPED = re.compile(
    r"^\W*(and |so |but )?why\b.{0,40}\b(stop|stopped|end|ended|withdrawn|withdraw|"
    r"terminated|cancel+ed|halted|closed|pulled)\b",
    re.I,
)
_OWN_TEXT = frozenset({"arms", "interventions"})
_CONTRACTED = re.compile(r"\b(what|who|where|when|how|which)(?:['’]s|s)\b", re.I)
_THEYRE = re.compile(r"\b(they|you)(?:['’]re|re)\b", re.I)
_ABOUT_MEASURES = re.compile(
    r"\b(check|checked|checks|measur\w*|test\w*|assess\w*|monitor\w*|follow\w*|result\w*|"
    r"scans?|visits?|outcomes?|questionnaires?|surveys?|blood|samples?|record\w*|track\w*)\b",
    re.I,
)
DEFINITION_SCAN_LIMIT = 3000  # passages scanned for a definition before falling back to hits
ORDER_HITS = 40  # passages searched for a question on the order of the treatment
# Question kinds answered by the record fields the older structured answers read.
FIELD_KINDS = {
    "who_can_join": "eligibility",
    "sites": "sites",
    "contacts": "contacts",
    "status": "status",
    "size": "enrollment",
}
# Words a sentence must hold to answer a question of these kinds (stems, see text.terms).
REFUSE_WORDS = {
    "cost": frozenset(
        [
            "cost",
            "pay",
            "paid",
            "payment",
            "compensat",
            "reimburs",
            "free",
            "charge",
            "expens",
            "insurance",
            "fee",
            "$",
        ]
    ),
    "side_effects": frozenset(["side", "adverse", "toxicity", "tolerability", "risk", "harm"]),
    # whether a person's own results are given back: a sentence saying so, not one about samples
    "own_results": frozenset(
        [
            "return",
            "returned",
            "share",
            "shared",
            "disclos",
            "inform",
            "told",
            "tell",
            "feedback",
            "contacted about the results",
        ]
    ),
    # whether the person is tested for drugs: a sentence about such a test, not "testing the
    # effectiveness" of what the trial gives
    "drug_testing": frozenset(
        [
            "drug screen",
            "drug test",
            "urine drug",
            "toxicolog",
            "urine tox",
            "drug use test",
        ]
    ),
    # how a drug is given, when the record's fields do not say: the sentence must name a route
    "how_given": frozenset(
        [
            "oral",
            "mouth",
            "tablet",
            "capsule",
            "pill",
            "swallow",
            "intraven",
            "infusion",
            "drip",
            "vein",
            "iv",
            "inject",
            "subcutaneous",
            "inhal",
            "topical",
            "cream",
            "patch",
            "spray",
        ]
    ),
}


_NOT_NAMES = frozenset({"", "it", "this", "that", "they", "these", "them"})


def _main_drugs(scope: Sequence[Trial]) -> list[str]:
    """The names of the drugs the trials in scope give (not placebo), first few of each."""
    return [
        i.name.lower()
        for t in scope
        for i in t.interventions[:3]
        if "placebo" not in i.name.lower()
    ]


_TIMING_KINDS = frozenset({"schedule", "duration"})
_GIVEN_KINDS = frozenset({"schedule", "duration", "dose"})  # what the trial gives, how long
# A sentence saying the trial studies the harms ("to find out the best dose and side effects",
# "designed to evaluate the safety, tolerability ...") names none of them.
_AIM_ONLY = re.compile(
    r"\b(to (find out|learn( about)?|evaluate|assess|determine|study|investigate|examine|"
    r"measure|test|see|check|characteri[sz]e|understand|describe|compare|look at)|designed to|"
    r"will (evaluate|assess|determine|study|investigate|examine|measure|monitor|look at|"
    r"compare|describe)|(aims?|purpose|goal|objectives?) (is|are|of)|(evaluat|assess|"
    r"investigat)(e|es|ing))\b[^.;]{0,120}\b(side[- ]effects?|safety|tolerab\w*|adverse|"
    r"toxicit\w*|harms?|risks?)\b",
    re.I,
)
STAMP_EVERY = 2.0  # seconds between looks at the store's change stamp (other processes)


@dataclass(frozen=True)
class _State:
    mirror: PassageMirror
    trials: dict[str, Trial]  # lower-case id -> trial
    generation: int
    stamp: str = ""


class RetrievalAnswerer:
    """Answers lay questions from the trial documents only; safe to share between threads."""

    def __init__(
        self,
        settings: Settings,
        catalog: TrialCatalog,
        *,
        embedder: Any = None,
        glossary: Glossary | None = None,
        rewriter: Any = None,
        sync_on_open: bool = True,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self._embedder = embedder
        self._glossary = glossary
        self._rewriter = rewriter
        self._sync_on_open = sync_on_open
        self._wording: dict[str, Any] = load_prompts("answers", settings.prompts_dir)
        self._kinds: QuestionTypes | None = None
        self._personal: PersonalWords | None = load_personal(self._wording)
        self._state: _State | None = None
        self._checked = 0.0  # monotonic time of the last look at the store's stamp
        self._lock = threading.Lock()

    # -- loading -------------------------------------------------------------------------------
    @property
    def embedder(self) -> Any:
        """The embedder (the shared real model unless one was given)."""
        if self._embedder is None:
            self._embedder = load_embedder()
        return self._embedder

    @property
    def glossary(self) -> Glossary:
        """The plain-words glossary."""
        if self._glossary is None:
            self._glossary = load_glossary(self.settings.prompts_dir)
        return self._glossary

    @property
    def kinds(self) -> QuestionTypes:
        """The question kinds of prompts/question_types.yaml."""
        if self._kinds is None:
            self._kinds = load_question_types(self.settings.prompts_dir)
        return self._kinds

    def _current(self, wanted: Sequence[str] = ()) -> _State:
        """The loaded passages; reloaded when this process changed the store, when another
        process stamped a change (looked at every STAMP_EVERY s) or a wanted trial is missing."""
        state = self._state
        if (
            state is not None
            and state.generation == store.generation()
            and self._fresh(state, wanted)
        ):
            return state
        with self._lock:
            state = self._state
            if (
                state is None
                or state.generation != store.generation()
                or not self._fresh(state, wanted)
            ):
                state = self._load()
                self._state = state
        return state

    def _fresh(self, state: _State, wanted: Sequence[str]) -> bool:
        now = time.monotonic()
        missing = any(str(t).strip().lower() not in state.trials for t in wanted)
        if not missing and now - self._checked < STAMP_EVERY:
            return True
        self._checked = now
        if missing and not any(self.catalog.get_trial(str(t)) for t in wanted):
            return True  # not registered anywhere: nothing to reload
        return not missing and store.read_stamp(self.settings) == state.stamp

    def _load(self) -> _State:
        if self._sync_on_open:
            from trialbot.retrieval.indexer import sync_index

            sync_index(self.settings, self.catalog, embedder=self.embedder)
        generation = store.generation()
        stamp = store.read_stamp(self.settings)
        mirror = load_mirror(store.open_collection(self.settings))
        trials = {t.id.lower(): t for t in self.catalog.list_trials()}
        self._checked = time.monotonic()
        return _State(mirror, trials, generation, stamp)

    def check_store(self) -> None:
        """Raise StoreMismatch now when the store was built with another embedding function."""
        store.open_collection(self.settings)

    def warm_up(self) -> None:
        """Load the model, the store and the lexical index now rather than on the first question."""
        self._current()
        self.glossary.plain("")
        embed_texts(self.embedder, ["warm up"])
        self.kinds.prepare(self.embedder)

    def refresh(self) -> None:
        """Reload the stored passages (after another process changed the index)."""
        with self._lock:
            self._state = None

    # -- answering -----------------------------------------------------------------------------
    def answer(self, question: str, trial_ids: Sequence[str]) -> Reply:
        """A reply of kind `answer` (with citations) or `no_answer`; never text from elsewhere."""
        try:
            state = self._current(trial_ids)
        except store.StoreMismatch:  # said once at start (warm_up); no traceback per question
            return Reply(kind="no_answer", text=str(self._wording["index_broken"]))
        scope = self._scope(state, trial_ids)
        text = (question or "").strip()[:1000]
        if not scope:
            return Reply(kind="no_answer", text=str(self._wording["no_trials"]))
        if not any(ch.isalnum() for ch in text):
            return self._no_answer(scope)
        named = named_trials(text, scope, list(state.trials.values()))
        if named is not None and not named.trials:
            # "how is it given in NCT01234567?" of a trial not here: no other trial answers it
            said = str(self._wording["trial_not_here"]).format(ids=", ".join(named.ids))
            return Reply(kind="no_answer", text=said)
        if named is not None and len(named.trials) < len(scope):
            scope, trial_ids = named.trials, [t.id for t in named.trials]
        if named is None and len(scope) > 1 and self._unknown_code(state, text, scope):
            return self._no_answer(scope)  # "how is BAY 2927088 given?" of trials without it
        text = without_ids(text) or text
        asked = text

        def vector() -> np.ndarray:  # embedded once, and only when the answer needs it
            return np.asarray(query_vector(self.embedder, asked), dtype=np.float32)

        query = prepare_query(text, vector, self.glossary)
        ids = [t.id for t in scope] if trial_ids else []
        parts = self._parts(state, query, scope, ids)
        if not parts or parts == DOES_NOT_SAY:
            return self._no_answer(self._asked_about(text, scope))
        assert not isinstance(parts, str)
        return self._reply(query, parts, several=len(scope) > 1)

    def classify(
        self, question: str, vector: np.ndarray | Callable[[], np.ndarray]
    ) -> QuestionType | None:
        """The kind of a question: its patterns, then the older field patterns, then examples
        ("what's" and "whats" are read as "what is", "theyre" as "they are"). `vector` may be
        a function giving it: it is then embedded only when the examples are asked."""
        question = _CONTRACTED.sub(lambda m: f"{m.group(1)} is", question)
        question = _THEYRE.sub(lambda m: f"{m.group(1)} are", question)  # "theyre", "they're"
        if _WHY_STOPPED.search(question):
            return self.kinds.types.get("status") or QuestionType(name="status", source="field")
        if _WHY.search(question):
            return None  # the record's fields never give reasons (but why a trial stopped)
        rule = eligibility_cue(question)
        kind = self.kinds.by_pattern(question)
        if kind is not None and rule and kind.name != "who_cannot_join":
            kind = None  # "can I join if I can't swallow tablets?" asks about a rule
        if kind is not None:
            return kind
        intent = structured_intent(question)
        if intent == "contacts" and rule:
            intent = None  # "I only have a flip phone, is that ok?" tells of the person's phone
        if intent:
            names = {v: k for k, v in FIELD_KINDS.items()}
            name = names.get(intent, intent)
            return self.kinds.types.get(name) or QuestionType(name=intent, source="field")
        if not is_question(question):
            return None
        if not rule and names_known_place(question, self._wording.get("place_aliases") or {}):
            # "Is it done in College Station?" asks where it runs, whatever else is near
            return self.kinds.types.get("sites") or QuestionType(name="sites", source="field")
        if callable(vector):
            vector = vector()
        kind, _ = self.kinds.nearest(vector, self.embedder, question)
        if kind is not None and rule and kind.name != "who_cannot_join":
            return None  # only the age and sex patterns above answer a rule from the fields
        return kind

    def _parts(
        self, state: _State, query: Query, scope: list[Trial], ids: list[str]
    ) -> list[Part] | str:
        asked_kind = self._drug_kind_asked(query.text)
        if asked_kind is not None:
            # "what kind of drug is SON-DP, is it chemo or immunotherapy?": only a sentence
            # saying what the drug is answers; that the trial gives it does not
            names = [asked_kind] if asked_kind else _main_drugs(scope)
            for name in names:
                parts = self._define(state, name, query, scope, ids, bare=False)
                if parts:
                    return parts
            return DOES_NOT_SAY
        term = definition_term(query.text)
        if term:
            parts = self._define(state, term, query, scope, ids)
            if parts:
                return parts
        neutral = without_drugs(query.text, scope if len(scope) <= composer.MAX_TRIALS else [])
        spare: dict[str, np.ndarray] = {}

        def vector() -> np.ndarray:
            # the question and its drug-less reading both left to the examples: one pass of
            # the model embeds the two ("How is X given? (1)", "How is it given? (1)")
            if callable(query.embedded) and neutral != query.text and self._by_examples(neutral):
                both = pair_vectors(self.embedder, query.text, neutral)
                if both is not None:
                    query.embedded = np.asarray(both[0], dtype=np.float32)
                    spare[neutral] = np.asarray(both[1], dtype=np.float32)
            return query.vector

        kind = self.classify(query.text, vector)
        if kind is None:
            kind = self._classify_without_drugs(neutral, query.text, spare.get(neutral))
        medicine = self._medicine_pattern(query.text)
        # searched only when needed: a question the record's fields answer is never embedded
        hits: list[Hit] | None = None
        if len(scope) <= composer.MAX_TRIALS:
            focus = scope
        else:
            hits = _searched(state, query, ids, medicine)
            focus = self._trials_of(state, hits)
        said = own_numbers(query.text)
        if said.age is not None and not said.age_past:
            grouped = self._group_ages(said.age, focus, query.text)
            if grouped:
                return grouped
        if said and asks_joining(query.text):
            limited = self._own_limits(said, focus, query.text)
            if limited:
                return limited
            if kind is not None and kind.name == "who_can_join":
                kind = None  # within the age limit: "she is 17 and expecting" asks another rule
        if asks_joining(query.text):
            other_sex = self._own_sex(focus, query.text)
            if other_sex:
                return other_sex
        personal = self._personal
        if personal is not None and (
            eligibility_cue(query.text) or asks_candidate(query.text, personal)
        ):
            # "my dad's stroke was from a burst aneurysm, is he eligible?": the rule speaking
            # to the person's situation, found among all the trial's rules
            mine = personal_parts(query, state.mirror, focus, self.glossary, personal)
            if mine:
                return mine
        if kind is not None:
            if kind.name == "results":
                return DOES_NOT_SAY
            found = self._from_record(kind, focus, query.text)
            if found is not None:
                return found
            if kind.fallback == "untyped":
                kind = None  # "is radiation involved?": searched as a question of no kind
        if hits is None:
            hits = _searched(state, query, ids, medicine)
        boosts = dict(kind.boosts) if kind else section_boosts(query.text)
        if kind is not None and kind.name in _TIMING_KINDS and asks_rule_timing(query.text):
            # "how long before my surgery would I start the pills?": a rule's time window
            # answers as well as the schedule does
            boosts["eligibility"] = max(boosts.get("eligibility", 0.0), 0.0)
        required = REFUSE_WORDS.get(kind.name) if kind else None
        known = kind is not None and kind.source == "passages"
        timing = (kind is not None and kind.name in _TIMING_KINDS) or asks_timing(query.text)
        if asks_order(query.text):
            # "before or after the drug?": the plan of the treatment, which no rule for joining
            # tells (searched deeper: the rules naming surgery come first)
            hits = search(state.mirror, query, ids, k=ORDER_HITS)
            hits = [h for h in hits if h.passage.section != "eligibility"][:10]
        if timing and not asks_rule_timing(query.text):
            # a criterion's time window says when one may join ("within 21 days before day 1"),
            # never how long or how often the treatment goes on
            hits = [h for h in hits if not is_window_rule(h.passage)]
        if (
            kind is not None
            and kind.name in _GIVEN_KINDS
            and not eligibility_cue(query.text)
            and not asks_rule_timing(query.text)
        ):
            # "how long would I be on the medicine?", "what dose of X will I get?": a rule says
            # what one must have had or taken to join ("stable on 1500 mg of metformin"), never
            # what the trial gives
            hits = [h for h in hits if h.passage.section != "eligibility"]
        parts = self._retrieved(state, query, hits, boosts, required, known, medicine)
        if not parts and asks_treatment_span(query.text):
            return self._treatment_span(state, query, focus)
        return parts

    @staticmethod
    def _unknown_code(state: _State, question: str, scope: list[Trial]) -> bool:
        """True when the question writes a drug code name that no trial in scope gives and
        none of their passages holds: no other drug's text answers for it."""
        asked = codes_asked(question, scope)
        if not asked:
            return False
        rows = state.mirror.rows_for([t.id for t in scope])
        passages = (
            state.mirror.passages
            if rows is None or len(scope) == len(state.trials)
            else [state.mirror.passages[int(r)] for r in rows]
        )
        patterns = [name_pattern(code) for code in asked]
        return not any(p.search(passage.text) for passage in passages for p in patterns)

    def _classify_without_drugs(
        self, neutral: str, question: str, embedded: np.ndarray | None = None
    ) -> QuestionType | None:
        """The kind of a question naming the trial's drug, read with the drug said as "it"
        (`neutral`: "how do you take APG-115 alrizomadlin?" is "how do you take it?"); None
        when it names no drug of the trials in scope. `embedded`: its vector, when known."""
        if neutral == question:
            return None

        def vector() -> np.ndarray:  # embedded only when the patterns leave it to the examples
            if embedded is not None:
                return embedded
            return np.asarray(query_vector(self.embedder, neutral), dtype=np.float32)

        return self.classify(neutral, vector)

    def _by_examples(self, question: str) -> bool:
        """True when classifying `question` would come to its nearest examples (its patterns
        and the record field patterns decide nothing)."""

        def probe() -> np.ndarray:
            raise _NeedsVector

        try:
            self.classify(question, probe)
        except _NeedsVector:
            return True
        return False

    def _treatment_span(self, state: _State, query: Query, focus: list[Trial]) -> list[Part]:
        """'How long is the treatment?' over records whose best hits are criteria: the
        summary or description sentence giving the span of treatment answers."""
        parts = []
        for trial in focus:
            rows = state.mirror.rows_for([trial.id])
            own = [state.mirror.passages[int(r)] for r in rows] if rows is not None else []
            text, passages = treatment_span(own)
            # "how long is each session?" is not answered by the span of the whole programme
            if text and answers_timing(query.text, text):
                plain = compose(text, query, frozenset(), self._wording, self.glossary, False)
                parts.append(composer.part_from(trial, plain, passages, said=text))
        return parts

    def _medicine_pattern(self, question: str) -> re.Pattern[str] | None:
        """For a rule question naming the person's medicine ("I'm on clarithromycin, can I
        join?"), a pattern of its name and class words (glossary `medicines`); else None."""
        if not eligibility_cue(question):
            return None
        named = self.glossary.medicine_words(question)
        if not named:
            return None
        alternatives = "|".join(re.escape(w) for w in sorted(named, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])({alternatives})", re.I)

    def _own_limits(self, said: OwnNumbers, focus: list[Trial], question: str) -> list[Part]:
        """The person's age or weight against each trial's plain limits: No (with the limit)
        when outside one; when within and the question asks nothing else, that it is within."""
        parts: list[Part] = []
        lead = f"{self._wording['answer_no']} " if plain_yes_no(question) else ""
        for trial in focus:
            check = check_limits(trial, said)
            if check.outside:
                criterion = check.outside[0]
                text, cite = _limit_words(trial, criterion)
                key = (
                    "limit_outside_record"
                    if criterion.id.startswith("record-")
                    else "limit_outside"
                )
                said_text = str(self._wording[key]).format(limit=text)
                parts.append(Part(trial, lead + said_text, [cite]))
            elif check.unsure:
                text, cite = _limit_words(trial, check.unsure[0])
                parts.append(
                    Part(trial, str(self._wording["limit_unsure"]).format(limit=text), [cite])
                )
            elif check.within and (only_numbers(question) or asks_limit(question)):
                criterion = check.within[0]
                text, cite = _limit_words(trial, criterion)
                said_text = str(self._wording["limit_within"]).format(limit=text)
                parts.append(Part(trial, _within_lead(question, self._wording) + said_text, [cite]))
        return parts

    def _group_ages(self, age: float, focus: list[Trial], question: str) -> list[Part]:
        """The person's age against the ages a rule gives the one group the question names
        ("my husband is 72, can he get prostate screening?" of "Prostate cancer: Men aged 55 to
        69 years"): Yes or No, with the rule's item quoted."""
        parts = []
        for trial in focus:
            for group in group_ages(trial, question, age)[:1]:
                key = "group_age_within" if group.within else "group_age_outside"
                lead = ""
                last = re.split(r"(?<=[.!?])\s+", question.strip())[-1]  # "I'm 42. Am I ...?"
                if is_yes_no(last) and plain_yes_no(question):
                    lead = str(self._wording["answer_yes" if group.within else "answer_no"]) + " "
                text = str(self._wording[key]).format(label=group.label.lower(), item=group.item)
                cite = Citation(
                    trial_id=trial.id,
                    section="eligibility",
                    text=f"Who can join: {group.criterion}",
                )
                parts.append(Part(trial, lead + text, [cite]))
        return parts

    def _own_sex(self, focus: list[Trial], question: str) -> list[Part]:
        """ "My husband ... can he take part?" of trials open to women only: No, with the
        trial's sex field; nothing when any trial in focus takes the person's sex."""
        sex = own_sex(question, self._wording.get("person_sex") or {})
        if sex is None or any(t.sex in ("all", sex) for t in focus):
            return []
        lead = f"{self._wording['answer_no']} " if plain_yes_no(question) else ""
        names: dict[str, str] = self._wording["sex_names"]
        parts = []
        for trial in focus:
            text = str(self._wording["sex_outside"]).format(sex=names[trial.sex])
            cite = Citation(trial_id=trial.id, section="eligibility", text=record_ages(trial))
            parts.append(Part(trial, lead + text, [cite]))
        return parts

    def _from_record(
        self, kind: QuestionType, focus: list[Trial], question: str
    ) -> list[Part] | str | None:
        """Parts answered from record fields; DOES_NOT_SAY; None to search the text instead."""
        handler = HANDLERS.get(kind.name)
        intent = FIELD_KINDS.get(kind.name) or (kind.name if kind.source == "field" else None)
        if handler is None and intent is None:
            return None
        parts: list[Part] = []
        silent = 0
        for trial in focus:
            got: Part | str | None = None
            if handler is not None:
                got = handler(trial, question, self._wording)
            if got is None and intent is not None:
                got = answer_part(intent, trial, question, self._wording)
            if isinstance(got, Part):
                parts.append(got)
            elif got == DOES_NOT_SAY:
                silent += 1
        if parts:
            return parts
        if (silent and (kind.yes_no or silent == len(focus))) or kind.fallback == "none":
            return DOES_NOT_SAY
        return None

    def _retrieved(
        self,
        state: _State,
        query: Query,
        hits: list[Hit],
        boosts: dict[str, float],
        required: frozenset[str] | None = None,
        kind_known: bool = False,
        medicine: re.Pattern[str] | None = None,
    ) -> list[Part]:
        parts = []
        hits = [h for h in hits if h.passage.section != "design"]  # read by the record answers
        if required is not None:
            hits = [h for h in hits if h.passage.section != "eligibility"]
        for trial_id, scored in composer.answering_trials(hits, boosts).items():
            trial = state.trials.get(trial_id.lower())
            if trial is None:
                continue
            # a schedule or duration read from a drug's or group's own text needs no topic word
            named = trial_words(trial)
            # a drug's bare name ("Gedatolisib.") names what is given and answers nothing more
            scored = [s for s in scored if not _bare_name(s.hit.passage, named)]
            joining = eligibility_cue(query.text) and asks_joining(query.text)
            if joining and any(_is_rule(s) for s in scored):
                # "can he still take part?" is settled by the rules ("can I keep taking my
                # medicine?" may be answered by the summary)
                scored = [s for s in scored if _is_rule(s)]
                if own_numbers(query.text):
                    # "our 17 year old is expecting": her age was checked against the limits
                    # already, so rules on age or weight alone say nothing more
                    checked = _age_weight_rules(trial)
                    scored = [s for s in scored if s.hit.passage.text not in checked]
            mine = [
                s
                for s in scored
                if _is_rule(s) and medicine and medicine.search(s.hit.passage.text)
            ]
            if mine:
                # the rule naming the person's medicine or its class is what they ask about
                scored = mine
            lenient = kind_known and any(
                s.hit.answer_hint and s.hit.passage.section in _OWN_TEXT for s in scored[:1]
            )
            topic = frozenset() if lenient or mine else topic_terms(query, trial)
            if eligibility_cue(query.text):
                topic = without_own_numbers(topic)
            if not topic and query.hints and not _ABOUT_MEASURES.search(query.text):
                # "how long do I stay on the treatment?": an outcome's time frame says when a
                # result is measured, not how long or how often the treatment goes on
                scored = [s for s in scored if s.hit.passage.section != "outcomes"]
            text, passages = composer.pick_sentences(query, scored, topic, required)
            if not text:
                continue
            if needs_figure(query.text) and not any(ch.isdigit() for ch in text):
                continue
            if asks_count(query.text) and not AMOUNT.search(text):
                continue  # "how many biopsies?" is not answered by a rule naming a biopsy
            if not answers_count(query.text, text):
                continue  # "how many scans?" is not answered by "at week 12"
            if not answers_timing(query.text, text):
                continue  # "how long ...?" is answered by a span of time, not by a topic word
            if asks_dose(query.text) and required is None and not answers_dose(query.text, text):
                # "what dose will I get?" is not answered by "Dose-Escalation Study", "what dose
                # of cyclosporine?" not by "two infusions of rituximab"
                continue
            if asks_quantity(query.text) and required is None and not DOSE_UNIT.search(text):
                continue  # "how much radioactivity in each dose?" is not "one dose"
            if required is REFUSE_WORDS["side_effects"] and _AIM_ONLY.search(text):
                continue  # "to find out the side effects of X" names no side effect
            dense = max((s.hit.dense for s in scored if s.hit.passage in passages), default=0.0)
            rule = eligibility_cue(query.text) and all(p.section == "eligibility" for p in passages)
            if rule and not on_rule_topic(text, query, topic | _drugs_named(query, trial), dense):
                continue
            if not rule and not on_topic(text, query, topic, required, dense):
                continue
            amount = needs_figure(query.text) or asks_amount(query.text)
            plain = compose(text, query, topic, self._wording, self.glossary, amount)
            parts.append(
                composer.part_from(trial, plain, title_cited(trial, text, passages), said=text)
            )
        return parts

    def _drug_kind_asked(self, question: str) -> str | None:
        """For a question asking what kind of drug something is, the name asked about ("" for
        "it" or "the drug"); None for other questions (patterns: `drug_kind` in
        prompts/answers.yaml)."""
        for pattern in self._wording.get("drug_kind") or []:
            found = re.search(str(pattern), question, re.I)
            if found is not None:
                name = (found.groupdict().get("name") or "").strip(" ,.?").lower()
                return "" if name in _NOT_NAMES or name.split()[:1] == ["the"] else name
        return None

    def _define(
        self,
        state: _State,
        term: str,
        query: Query,
        scope: list[Trial],
        ids: list[str],
        *,
        bare: bool = True,
    ) -> list[Part]:
        rows = state.mirror.rows_for(ids)
        if rows is not None and len(rows) <= DEFINITION_SCAN_LIMIT:
            passages = [state.mirror.passages[int(r)] for r in rows]
        else:
            passages = [h.passage for h in search(state.mirror, query, ids, k=20)]
        found = composer.definition_sentences(term, passages)
        parts: list[Part] = []
        for trial in scope:
            # "Trametinib (taken by mouth, oral): Oral" names the drug and its route, no more
            named = trial_words(trial) | _ROUTE_TERMS
            found = [f for f in found if not _bare_name(f[2], named)]
            mine = [(s, p) for score, s, p in found if p.trial_id == trial.id and score >= 2][:2]
            if len(mine) == 2 and mine[1][1].section == "eligibility" != mine[0][1].section:
                mine = mine[:1]  # a rule naming the term adds nothing to what defines it
            drug = _intervention_named(trial, term)
            if not mine and drug is not None:
                opens = re.compile(rf"\W*{re.escape(term)}\w*\s+(is|are)\b", re.I)
                mine = [(s, p) for _, s, p in found if p.trial_id == trial.id and opens.match(s)]
                mine = mine[:1]  # "Psilocybin is substance being studied ..."
            indexed = any(p.trial_id == trial.id for p in passages)
            if not mine and drug is not None and not bare:
                continue  # asked what kind of drug it is: that the trial gives it says nothing
            if not mine and drug is not None and indexed:
                # a rule, a schedule or the title naming the drug does not say what it is
                # (said only once the trial's text is in the index: before, it may well say)
                parts.append(self._drug_part(trial, drug))
                continue
            if not mine:
                # a sentence merely using the term; the title naming it says nothing of what it
                # is ("What are exosomes?" is not answered by "iExosomes in Treating ..."),
                # unless the plain words put into it explain the term ("Metastatic (spread to
                # other parts of the body)")
                titles = {_bare(t) for t in (trial.title, trial.official_title) if t}
                mine = [
                    (s, p)
                    for _, s, p in found
                    if p.trial_id == trial.id
                    and (
                        (_bare(s) not in titles and p.section != "title")
                        or _bare(self.glossary.plain(s)) != _bare(s)
                    )
                ][:1]
            if not bare:
                # what kind of drug it is: a sentence of which it is the subject ("IDE397 is a
                # small molecule inhibitor", "IDE397 (MAT2A inhibitor)"), not "a trial of X is"
                subject = re.compile(
                    rf"(?<!\bof )(?<!\bwith )(?<!\bfor )\b{re.escape(term)}\b\s*"
                    r"(\(|,\s*(a|an|the)\b|(is|are)\s+(a|an)\b)",
                    re.I,
                )
                mine = [(s, p) for s, p in mine if subject.search(s)]
            if mine:
                text = " ".join(s for s, _ in mine)
                used = [p for _, p in mine]
                plain = self.glossary.plain(text)
                parts.append(composer.part_from(trial, plain, used, said=text))
        return parts[: composer.MAX_TRIALS]

    def _drug_part(self, trial: Trial, drug: Intervention) -> Part:
        """What the record says of a drug its text does not define: that the trial gives it,
        and how, from the intervention's fields."""
        route = route_of(drug)
        how = ""
        if route:
            plain = record_route(route).split(",")[0]
            second = other_route(drug, route)  # "Oral/ Intravenous": either way
            if second:
                plain = str(self._wording["route_either"]).format(
                    first=plain, second=record_route(second).split(",")[0]
                )
            how = str(self._wording["drug_route"]).format(route=plain)
        text = str(self._wording["drug_given"]).format(name=drug.name, how=how)
        cite = Citation(trial_id=trial.id, section="interventions", text=intervention_text(drug))
        return Part(trial, text, [cite])

    def search(self, question: str, trial_ids: Sequence[str], k: int = 8) -> list[Hit]:
        """The best passages for a question among the trials in scope (hybrid, fused)."""
        state = self._current()
        vector = np.asarray(query_vector(self.embedder, question), dtype=np.float32)
        query = prepare_query(question, vector, self.glossary)
        return search(state.mirror, query, [str(t) for t in trial_ids], k=k)

    def as_retriever(self, trial_ids: Sequence[str] = (), k: int = 6) -> Any:
        """This index as a LangChain retriever (`HybridRetriever`)."""
        from trialbot.retrieval.retriever import HybridRetriever

        return HybridRetriever(answerer=self, trial_ids=list(trial_ids), k=k)

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _scope(state: _State, trial_ids: Sequence[str]) -> list[Trial]:
        if not trial_ids:
            return list(state.trials.values())
        keys = dict.fromkeys(str(t).strip().lower() for t in trial_ids)
        return [state.trials[key] for key in keys if key in state.trials]

    @staticmethod
    def _trials_of(state: _State, hits: list[Hit]) -> list[Trial]:
        ordered = dict.fromkeys(h.passage.trial_id.lower() for h in hits)
        return [state.trials[t] for t in list(ordered)[:1] if t in state.trials]

    def _label(self, trial: Trial) -> str:
        title = trial.title if len(trial.title) <= 70 else trial.title[:67].rsplit(" ", 1)[0] + "…"
        name = f"{title} ({trial.id})"
        return str(self._wording["trial_label"]).format(name=name, id=trial.id)

    def _reply(self, query: Query, parts: list[Part], several: bool = False) -> Reply:
        if len(parts) == 1 and not several:
            text = parts[0].text  # one trial asked about: no need to name it
        else:
            text = "\n".join(self._label(p.trial) + p.text for p in parts)
        citations: list[Citation] = []
        for part in parts:
            citations.extend(c for c in part.citations if c not in citations)
        if self._rewriter is not None:
            text = self._rewriter.reword(query.text, text, citations) or text
        return Reply(kind="answer", text=text, citations=citations)

    @staticmethod
    def _asked_about(question: str, scope: list[Trial]) -> list[Trial]:
        """The trials a question names (by id, drug, city or country); all of them otherwise."""
        if len(scope) <= 1:
            return scope
        lowered = question.lower()
        named = [t for t in scope if _names_trial(lowered, t)]
        return named or scope

    def _no_answer(self, scope: list[Trial]) -> Reply:
        shown = scope[: composer.MAX_TRIALS] if len(scope) <= composer.MAX_TRIALS else []
        if shown and any(t.contacts for t in shown):
            contacts = "; ".join(
                (self._label(t) if len(shown) > 1 else "")
                + (
                    contact_text(t.contacts[0])
                    if t.contacts
                    else str(self._wording["no_contact_listed"])
                )
                for t in shown
            )
            contact = str(self._wording["no_answer_contact"]).format(contacts=contacts)
        else:
            contact = str(self._wording["no_answer_no_contact"])
        return Reply(kind="no_answer", text=str(self._wording["no_answer"]).format(contact=contact))


_WINDOW = re.compile(
    r"\b(within|prior|before|after|since|past|last|previous|preceding|earlier|ago)\b", re.I
)


_TOO = re.compile(r"\b(too|over|under)[- ](old|young|heavy|light|big|small|fat|thin)\b", re.I)
_ENOUGH = re.compile(r"\b(old|young|heavy|light|big)\s+enough\b", re.I)


def _within_lead(question: str, wording: dict[str, Any]) -> str:
    """'Am I too old?' of a person within the limits is answered No, 'am I old enough?' Yes;
    other questions get no lead."""
    last = [p for p in re.split(r"(?<=[.!?,])\s+", question.strip()) if p.strip()][-1:]
    if not last or not is_yes_no(last[0]):  # "I'm 72 ... Am I too old?" asks the last part
        return ""
    if _TOO.search(question):
        return f"{wording['answer_no']} "  # within the limits: not too old
    if _ENOUGH.search(question) and plain_yes_no(question):
        return f"{wording['answer_yes']} "
    return ""


def _limit_words(trial: Trial, criterion: Any) -> tuple[str, Citation]:
    """A limit in words ('People aged 18 to 65 years can take part.' or the criterion as
    written) with its citation (the record's ages, or the criterion's passage)."""
    if criterion.id.startswith("record-"):
        text = record_ages(trial)
        return text, Citation(trial_id=trial.id, section="eligibility", text=text)
    base = criterion.id.rstrip("abcdefghijklmnopqrstuvwxyz")
    source = next((c for c in trial.criteria if c.id == base), None)
    written = source.text if source is not None else criterion.text
    label = "Who can join" if criterion.kind == "inclusion" else "Who cannot join"
    cite = Citation(trial_id=trial.id, section="eligibility", text=f"{label}: {written}")
    return _lines_as_sentences(written), cite


_LIST_LINE = re.compile(r"\s*\n\s*(?:[-*•]\s*)?")


def _lines_as_sentences(text: str) -> str:
    """A rule written as lines of a list ("Age: 50 or older, plus one of the following:\n-
    Mutation unknown ...") said as sentences, each line ending in a full stop: the same words,
    easier to read than one endless sentence."""
    lines = [line.strip() for line in _LIST_LINE.split(text.strip()) if line.strip()]
    if len(lines) < 2:
        return text
    return " ".join(line if line[-1] in ".!?" else f"{line.rstrip(':;,')}." for line in lines)


# Words of a drug's passage that only say how it is given (see record.route_phrase).
_ROUTE_TERMS = frozenset(
    terms(
        "oral orally intravenous intravenously iv subcutaneous subcutaneously taken by mouth "
        "given through a drip into vein injection under the skin tablet tablets capsule "
        "capsules route"
    )
)


def _age_weight_rules(trial: Trial) -> frozenset[str]:
    """The passages of the trial's rules on age or weight alone, and of its record ages."""
    texts = {record_ages(trial)}
    for criterion in limits_of(trial):
        base = criterion.id.rstrip("abcdefghijklmnopqrstuvwxyz")
        for source in trial.criteria:
            if source.id == base:
                label = "Who can join" if source.kind == "inclusion" else "Who cannot join"
                texts.add(f"{label}: {source.text}")
    return frozenset(texts)


MEDICINE_COVERAGE = 1.0  # a rule naming the person's medicine covers the question's topic


class _NeedsVector(Exception):
    """Raised by a probe vector: the classification came to the nearest examples."""


def _searched(
    state: _State, query: Query, ids: list[str], medicine: re.Pattern[str] | None
) -> list[Hit]:
    """The 10 best passages, with the rules naming the person's medicine lifted."""
    hits = search(state.mirror, query, ids, k=10)
    return lifted_rules(hits, medicine) if medicine is not None else hits


def lifted_rules(hits: list[Hit], medicine: re.Pattern[str]) -> list[Hit]:
    """The hits with each criterion naming the person's medicine (or its class) counted as
    covering the question's topic: "I take a baby aspirin for my heart" is about the aspirin."""
    return [
        replace(h, coverage=max(h.coverage, MEDICINE_COVERAGE))
        if h.passage.section == "eligibility" and medicine.search(h.passage.text)
        else h
        for h in hits
    ]


def title_cited(trial: Trial, text: str, passages: Sequence[Passage]) -> list[Passage]:
    """The passages an answer cites, with its trial's title cited as the title, ahead of the
    summary passage it opens, when the answer quotes it."""
    title = trial.title.strip().rstrip(".")
    if not title or title not in text:
        return list(passages)
    head = Passage(f"{trial.id}::title", trial.id, "title", "", f"{title}.")
    cited: list[Passage] = []
    for passage in passages:
        if passage.section == "summary" and passage.text.startswith(title):
            cited.append(head)
        cited.append(passage)
    return cited


def _bare(text: str) -> str:
    """A sentence compared without case, spacing or the closing full stop."""
    return " ".join(text.split()).strip().rstrip(".").lower()


def _is_rule(scored: composer.Scored) -> bool:
    return scored.hit.passage.section == "eligibility"


def _drugs_named(query: Query, trial: Trial) -> frozenset[str]:
    """The trial's own drug names the question uses ("he already had decitabine"): for a rule
    question they are its topic, since rules about the study drug name it."""
    names = frozenset(t for i in trial.interventions for t in terms(i.name))
    return frozenset(t for t in query.terms if t in names)


def _intervention_named(trial: Trial, term: str) -> Intervention | None:
    """The trial's drug or procedure whose name is the term ('trametinib'), or None."""
    wanted = " ".join(terms(term))
    for item in trial.interventions:
        if wanted and " ".join(terms(item.name)) == wanted:
            return item
    return None


def _bare_name(passage: Passage, named: frozenset[str]) -> bool:
    """True for an intervention passage holding nothing but the trial's own names."""
    return passage.section == "interventions" and set(terms(passage.text)) <= named


def is_window_rule(passage: Passage) -> bool:
    """True for a criterion holding a time window ('within 45 days of surgery', 'in the past
    6 months'): it says when one may join, not how long taking part lasts."""
    return passage.section == "eligibility" and bool(_WINDOW.search(passage.text))


def _names_trial(lowered_question: str, trial: Trial) -> bool:
    """True when the question names the trial (its id, a drug, a city or country it runs in)."""
    if trial.id.lower() in lowered_question:
        return True
    names = [i.name for i in trial.interventions]
    names += [p for s in trial.sites for p in (s.city, s.country) if p]
    for name in names:
        for word in name.lower().replace("(", " ").replace(")", " ").split():
            if len(word) >= 5 and f" {word}" in f" {lowered_question}":
                return True
    return False
