"""Recognizes what a message is: a command, a question, a trial pick, a correction, a greeting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from trialbot.dialog.labels import distinctive_code
from trialbot.dialog.readers import normalize
from trialbot.domain.trial import Trial

_COMMAND_RE = re.compile(r"^/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.DOTALL)
_QUESTION_START = re.compile(
    r"^(?:how|what|what's|whats|where|when|who|whom|whose|why|which|is|are|was|were|do|does|did|"
    r"can|could|will|would|should|shall|may|might|has|have|tell me|explain|describe|"
    r"i (?:want|would like|'d like) to know)(?=[\s,]|$)"
)
_JOIN_RE = re.compile(
    r"\b(?:join|take part|participate|enrol|enroll|sign up|be in|get into|qualify|eligible|"
    r"suitable|apply|included)\b"
    # "can I do this study?", "could he go on this trial?": asking to take part in it
    r"|\b(?:can|could|may|might)\s+(?:i|he|she|they|we|my \w+)\s+(?:still\s+|also\s+)?"
    r"(?:do|try|get on|go on|be on|be part of|be a part of|enter|start)\s+"
    r"(?:this|the|that|your)\s+(?:study|trial|research)\b"
)
_STUDY_WORDS = re.compile(r"\b(?:study|studies|trial|trials|research|programme|program)\b")
_ALL_RE = re.compile(
    r"\b(?:all|any|every|each|both)\s+(?:of\s+)?(?:the\s+)?(?:trials?|stud(?:y|ies)|of them)\b"
    # "every study visit", "all the trial appointments": a thing of the study, not the studies
    r"(?!\s+(?:visits?|appointments?|days?|tests?|scans?|procedures?|plan|schedule|rules?|"
    r"requirements?|medicines?|drugs?|team|doctors?|nurses?|staff|site|centre|center)\b)"
    r"|^all$|\beverything\b"
)
_CORRECTION_RE = re.compile(
    r"\b(?:actually|sorry|correction|i meant|i mean|my mistake|my bad|i made a mistake|"
    r"i was wrong|wrong answer|oops|typo|let me correct|to correct|not \d+ but|i misread|"
    r"you got (?:that|it|this) wrong|(?:wrote|written|put|noted|got) (?:that |it |this )?(?:down )?"
    r"wrong|that'?s (?:not right|wrong|incorrect)|that is (?:not right|wrong|incorrect)|"
    r"not what i said|you misunderstood|you misread|i said|i told you|i wrote|i typed)\b"
    r"|\b\d+(?:\.\d+)?\s*(?:[a-z]+)?\s*,?\s*not\s+\d+\b"  # "3 lines not 2", "45, not 54"
)
_GREETING_RE = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you|thx|ok|okay|"
    r"cool|great|bye|goodbye|hallo|hola|bonjour|привет|спасибо)\b[\s!.,]*(?:there|again)?[\s!.]*$"
)
_GENERIC_WORDS = {
    "drug",
    "drugs",
    "placebo",
    "liposomal",
    "injection",
    "oral",
    "tablet",
    "tablets",
    "standard",
    "care",
    "treatment",
    "therapy",
    "combined",
    "combination",
    "with",
    "and",
    "arm1",
    "arm2",
    "cancer",
    "cancers",
    "disease",
    "tumor",
    "tumour",
    "tumors",
    "metastatic",
    "refractory",
    "relapsed",
    "advanced",
    "recurrent",
    "neoplasms",
    "high-grade",
    "grade",
    "solid",
    "children",
    "adults",
    "patients",
    "study",
    "trial",
}


@dataclass(frozen=True)
class Command:
    """A slash command and its argument text."""

    name: str
    argument: str


def parse_command(text: str) -> Command | None:
    """ "/start", "/trials@trialbot NCT..." -> Command; anything else -> None."""
    match = _COMMAND_RE.match(text.strip().lower())
    if not match:
        return None
    return Command(match[1], (match[2] or "").strip())


def is_question(text: str) -> bool:
    """True for text that asks something ("how is the drug given?", "what does X mean")."""
    said = normalize(text)
    return "?" in said or bool(_QUESTION_START.match(said))


_WH_START = re.compile(r"^(?:who|whom|whose|what|what's|whats|which|where|when|why|how)\b")


_PERSON = (
    r"(?:me|us|him|her|my (?:son|daughter|child|kid|husband|wife|partner|mother|mum|mom|"
    r"father|dad|brother|sister|boy|girl))"
)
_FOR_ME_RE = re.compile(
    rf"\b(?:be|is|it|trial|study|something|right|good|an option)\s+for\s+{_PERSON}\b"
    rf"|\b(?:suit|suits|check)\s+{_PERSON}\b|\bam i a (?:candidate|match)\b"
)
_WHICH_JOIN_RE = re.compile(
    r"^which (?:of (?:these|the|them) )?(?:trials?|stud(?:y|ies)|ones?)?\b.*"
    rf"\b(?:join|qualify|for {_PERSON}|suit|eligible)\b"
)


def wants_to_join(text: str) -> bool:
    """ "can my son join this study?", "am I eligible", "is this study for me?", "which of these
    trials could I join?", "check if I qualify".

    Not "who can join?": that asks about the rules, and goes to the answerer.
    """
    said = normalize(text)
    if _WHICH_JOIN_RE.match(said):
        return True
    if _WH_START.match(said):
        return False
    about_study = bool(_STUDY_WORDS.search(said)) or bool(re.search(r"\b(?:this|it)\b", said))
    return bool(_JOIN_RE.search(said)) or (about_study and bool(_FOR_ME_RE.search(said)))


def mentions_study(text: str) -> bool:
    """True when the text talks about a study or trial."""
    return bool(_STUDY_WORDS.search(normalize(text)))


def wants_all(text: str) -> bool:
    """ "all trials", "any study", "both of them"."""
    return bool(_ALL_RE.search(normalize(text)))


def is_correction(text: str) -> bool:
    """True when the message says an earlier answer was wrong."""
    return bool(_CORRECTION_RE.search(normalize(text)))


def is_small_talk(text: str) -> bool:
    """ "hi", "thanks", "ok": nothing to act on."""
    return bool(_GREETING_RE.match(normalize(text)))


_NAME_WORDS: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}


def _name_words(trial: Trial) -> frozenset[str]:
    """Drug and condition names that identify a trial in a lay sentence (cached per trial)."""
    names = [i.name for i in trial.interventions] + list(trial.conditions)
    names += [c.term for c in trial.condition_explanations]
    key = (trial.id, tuple(names))
    cached = _NAME_WORDS.get(key)
    if cached is None:
        if len(_NAME_WORDS) > 10_000:
            _NAME_WORDS.clear()
        cached = _NAME_WORDS[key] = _words_of(names)
    return cached


def _words_of(names: list[str]) -> frozenset[str]:
    words: set[str] = set()
    for name in names:
        for word in re.findall(r"[a-z][a-z0-9-]+", name.lower()):
            if len(word) >= 5 and word not in _GENERIC_WORDS:
                words.add(word)
    return frozenset(words)


@dataclass(frozen=True)
class TrialMatch:
    """The trials a message names, and whether it named them exactly (id or protocol code)."""

    trial_ids: list[str]
    exact: bool


def match_trials(text: str, trials: Sequence[Trial]) -> TrialMatch | None:
    """The trials a message refers to by id, protocol code, drug or condition, or None."""
    said = normalize(text)
    exact = [t.id for t in trials if _names_code(said, t)]
    if exact:
        return TrialMatch(exact, True)
    words = set(re.findall(r"[a-z][a-z0-9-]+", said))
    index = _word_index(trials)
    hits = {trial_id for word in words for trial_id in index.get(word, ())}
    named = [t.id for t in trials if t.id in hits]
    return TrialMatch(named, False) if named else None


_INDEX: list[tuple[Sequence[Trial], dict[str, list[str]]]] = []


def _word_index(trials: Sequence[Trial]) -> dict[str, list[str]]:
    """name word -> trial ids, rebuilt only when another trial list object comes in."""
    if _INDEX and _INDEX[0][0] is trials:
        return _INDEX[0][1]
    index: dict[str, list[str]] = {}
    for trial in trials:
        for word in _name_words(trial):
            index.setdefault(word, []).append(trial.id)
    _INDEX[:] = [(trials, index)]
    return index


def _names_code(said: str, trial: Trial) -> bool:
    """True when the text names the trial's id or protocol code as a whole word."""
    own = trial.protocol_code or ""
    for code in (trial.id.lower(), own.lower() if distinctive_code(own) else ""):
        if not code or code not in said:  # cheap test first: most trials are not named
            continue
        if re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", said):
            return True
    return False


_OTHER_TRIAL_RE = re.compile(
    r"\b(?:want|wanna|like|look(?:ing)? (?:at|for|into)|see|show me|check|try|switch(?: to)?|"
    r"choose|pick|prefer|rather|instead|find|change to|go to|move to)\b.{0,30}?"
    r"\b(?:another|a different|a new|some other|other)\s+(?:trial|study|one|studies|trials)\b"
    r"|\bchange (?:the |this )?(?:trial|study)\b"
)


def wants_other_trial(text: str) -> bool:
    """ "I'd like to look at a different study", "can we check another trial", "change the
    study". Not "I was in another study last year" nor "no, I don't want to try another study"
    (answers about the patient)."""
    said = normalize(text)
    if re.search(r"\b(?:no|not|don'?t|never|won'?t|nope)\b", said):
        return False
    return bool(_OTHER_TRIAL_RE.search(said))


_FILLER = {"the", "a", "an", "one", "that", "this", "about", "what", "please", "and", "or", "of"}


def only_names(text: str, match: TrialMatch, trials: Sequence[Trial]) -> bool:
    """True when every word of the text is a name word of the matched trials ("mifamurtide",
    "the sorafenib one"); "18 months" or "he has a KRAS mutation" are not just names."""
    names: set[str] = set()
    for trial in trials:
        if trial.id in match.trial_ids:
            names |= _name_words(trial)
    words = [w for w in re.findall(r"[a-z][a-z0-9-]*", normalize(text)) if w not in _FILLER]
    if re.search(r"\d", text) or not words:
        return False
    return all(w in names or w in _GENERIC_WORDS for w in words)
