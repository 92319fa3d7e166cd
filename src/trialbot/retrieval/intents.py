"""Recognises questions about structured fields of a trial (where, status, phase, contacts, ...)."""

from __future__ import annotations

import re

_BODY_WORDS = re.compile(r"\b(vein|body|spread|bone|skin|injected|cancer|tumou?r|given)\b")
_PLACE_NOUNS = (
    r"cit(y|ies)|countr(y|ies)|hospitals?|clinics?|sites?|places?|cent(er|re)s?|locations?|towns?"
)
# "how many hospital visits" asks about visits, not about places
_NOT_A_PLACE = r"(?!\s+(visits?|stays?|appointments?|trips?|days?|nights?|admissions?))"

# The trial itself as the subject of "when does ... start/end": a pronoun or the trial's own
# name for itself (study, registry, programme), never a treatment ("when does the chemo start").
_STUDY = (
    r"(it|this|they|(the|this|your) (whole )?(trial|study|research|registry|program|programme|"
    r"project|recruitment|enrol+ment|cohort)|this one)"
)

INTENTS: dict[str, re.Pattern[str]] = {
    "contacts": re.compile(
        r"\b(contact|(?<!by )(?<!over the )(?<!on the )(?:tele)?phone(?! interview| call)|"
        r"e-?mail|call(?!ed\b)|ring|get in touch|reach (them|someone|the)|"
        r"(talk|speak) (to|with) (someone|somebody|the|a)|who (do|should|can) i (ask|talk|speak))"
    ),
    "eligibility": re.compile(
        r"\b(how old|ages?|age limit|age range|too (old|young)|years? old|minimum age|"
        r"maximum age|old enough|young enough|gender|only for (men|women|boys|girls)|"
        r"(men|women|boys|girls|males?|females?) (only|allowed)|"
        r"(open|available) to (men|women|boys|girls|children|kids|adults|teenagers)|"
        r"can (men|women|boys|girls|children|kids|adults|teenagers) (join|take part))\b"
    ),
    "sites": re.compile(
        r"\b((is|are) (it|the (trial|study)|they|this|there (a|any) (site|hospital|clinic|"
        r"centre|center)s?) (in|near|available in|running in|open in|being (done|run|held|"
        r"carried out|conducted) in|(done|run|held) in) [a-z]+|"
        r"(any|a) (site|hospital|clinic|centre|center)s? (in|near) [a-z]+|"
        r"\b(anywhere|somewhere|any place|anyplace) (in|near|around) [a-z]+|"
        r"^\W*where\b|\bwhere (is|are|does|do|can|will|would) (it|the|this|they|i|we)\b|"
        rf"(which|what) ({_PLACE_NOUNS})|how many ({_PLACE_NOUNS})\b{_NOT_A_PLACE}|"
        r"locations?|sites?|near me|"
        r"in (which|what) (city|country|town)|what hospital|which hospital)\b"
    ),
    "status": re.compile(
        r"\b(recruit\w*|still (open|running|going|accepting|enrolling)|"
        r"(is|are) (it|the (trial|study)|they) (open|accepting|enrolling|taking)|"
        r"accepting (new )?(people|patients|participants)|taking (new )?(people|patients)|"
        r"^\W*can (i|we|he|she|my \w+) still (sign up|join|enrol+|apply|get in|get into|take part)"
        r"( (for |in |into )?(it|this|the|this one))?( (trial|study))?(?=\W*$)|"
        # "can we sign up now?": whether it is open now, not a rule
        r"^\W*can (i|we|he|she|my \w+) (sign up|join|enrol+|apply|get in)"
        r"( (for |in |into )?(it|this|the|this one))?( (trial|study))? (now|yet|today|"
        r"at the moment|right now)(?=\W*$)|"
        r"start date|status|"
        # "can anyone sign up or do you need to be invited": a trial enrolling by invitation
        r"(be|been|being|get|getting|gets|an|by|only by|on) invit(ed|ation)|invit(e|ation)[- ]only|"
        r"(can|could) (just )?anyone (just )?(sign up|join|apply|"
        r"take part|enrol+|register)|"
        # "when is the study supposed to finish?", "when is it supposed to start", "when does
        # the registry close?", "what is the end date?": the record's start and end dates
        rf"when (is|does|will|did|should|do) {_STUDY} "
        r"((supposed|expected|due|going|meant|planned|set|hoping|hope) to )?(start|begin|open|"
        r"kick off|get going|finish|end|close|stop|wrap up|be (done|over|finished|completed))"
        r"(?!\s+(working|to work|helping|to help|acting|to act|taking effect))|"
        r"(end|finish|finishing|completion|closing|opening) date|"
        # "When do they expect the study to be finished?"
        r"when (do|does|did) (they|you|the (team|researchers?|doctors?)) (expect|plan|hope|"
        rf"think|intend)\w* (for )?{_STUDY} to (be )?(start|begin|open|finish|end|close|stop|"
        r"done|over|finished|completed))\b"
    ),
    "phase": re.compile(r"\bphase\b"),
    "enrollment": re.compile(
        r"\b(how many (people|participants|patients|subjects|children|volunteers|others)|"
        r"number of (people|participants|patients)|enrol+ment|sample size|"
        # "how big is the study?", not "is there a limit on how big my prostate can be"
        r"how big (is|will|would) (it|the (study|trial|research)|this( (study|trial))?)"
        r"( be)?(?=\W*$))\b"
    ),
    "sponsor": re.compile(
        r"\b(sponsor\w*|who (is )?(runs|running|organi[sz]es|conducts|is behind|leads)|"
        r"who (is )?(pays|paying|funds|funding|financ\w+)|funded by|paid for by|"
        r"which (company|organi[sz]ation|university))\b"
    ),
    "conditions": re.compile(
        r"\b((what|which) (kind|type|sort)s? of (cancer|disease|illness|condition|tumou?r)s?"
        r" (is|are|does) (this|the|it)( (trial|study))?( for| about| treat| study)?|"
        r"(what|which) (\w+ )?(cancers?|diseases?|illness(es)?|conditions?|tumou?rs?) "
        r"(is|are|does) "
        r"(this|the|it)( (trial|study))? (for|about|treat|study|studying|treating)|"
        # "What problem is the drug meant to help with?", "what illness is it supposed to treat"
        r"(what|which) (health )?(problems?|conditions?|illness(es)?|diseases?|symptoms?) "
        r"(is|are|does|do) (it|they|(the|this|that) ([\w-]+ )?(drug|medicine|medication|treatment|"
        r"therapy|study|trial|injection|pill|tablet|device)s?) (meant|supposed|designed|trying|"
        r"going|hoping) to (help( with)?|treat|fix|improve|tackle|cure|ease)|"
        # "what is the medicine for?", "what's the injection meant for"
        r"what (is|are) (the|this) (drug|medicine|medication|injection|pill|tablet|treatment)s? "
        r"((meant|supposed|used) )?for(?=\W*$))\b"
    ),
    "interventions": re.compile(
        r"\b((what|which) (drugs?|medicines?|medications?|treatments?|therapies) (are|is|will)"
        r"( they| it| i)? (being |be )?(tested|studied|used|given|compared|get|receive)|"
        r"what (drugs?|medicines?|treatments?) (are|is) (in|part of) (this|the) (trial|study)|"
        r"what (are|is) the (study )?(drugs?|medicines?|treatments?)\b\s*\??\s*$)"
    ),
    "summary": re.compile(
        r"\b(what('s| is) (this|the) (trial|study) (actually |really |all |mainly )?(about|for)|"
        r"what (is|are) (it|they) (about|testing)|"
        r"purpose of (this|the) (trial|study)|what is being (tested|studied)|"
        r"aim of (this|the) (trial|study)|goal of (this|the) (trial|study)|"
        r"what (is|are) the (main |primary |overall )?(goal|aim|purpose|objective)s?(?=\s*\??\s*$)|"
        r"what (does|will) (the|this) (trial|study) (do|test|look at))\b"
    ),
}

_DEFINITION = re.compile(
    r"^\s*(?:what|wat)\s+(?:does|do|is|are)\s+(?:the\s+(?:word|term)\s+)?[\"“']?"
    r"(?P<a>[\w /'\-]+?)[\"”']?\s+(?:mean|means|stand for)\b"
    r"|^\s*what(?:'s| is| are)\s+(?:an?\s+)?(?P<b>[\w\-]+(?:\s[\w\-]+)?)\s*\??\s*$"
    r"|^\s*what\s+(?:kind|type|sort)\s+of\s+(?:medicine|drug|treatment|thing|illness|disease)\s+"
    r"(?:is|are)\s+(?P<d>[\w\-]+(?:\s[\w\-]+)?)\s*\??\s*$"
    r"|^\s*(?:define|meaning of|explain)\s+(?:the\s+(?:word|term)\s+)?[\"“']?"
    r"(?P<c>[\w /\-]+?)[\"”']?\s*\??\s*$",
    re.I,
)
_NOT_TERMS = {"it", "this", "that", "the trial", "the study", "this trial", "this study", "they"}


_ELIGIBILITY_CUE = re.compile(
    r"\b((can|could|may) (i|he|she|we|they|my \w+) (still |also )?(join|take part|participate|"
    r"be in|enrol|enroll|sign up|get in|go in|do (it|this|the (trial|study))|qualify)|"
    r"(am|is|are) (i|he|she|we|they|my \w+) (still )?(ok|okay|alright|able|fine) to "
    r"(join|take part|participate|do it|be in|sign up)|is (that|this) (ok|okay|alright|fine)\b|"
    r"(do|does|would|will) (i|he|she|we|they|my \w+) (still )?qualify|(is|am) (it|i) too late|"
    r"allowed|eligible|rule[sd]? (me|him|her|them|us)? ?out|stop (me|him|her|them)|exclude|"
    r"a problem|(does|will|would) (that|it|this) matter|disqualif|reason i can|"
    # "Does the breast cancer matter?", "do they take that one", "is that one of the genes they
    # take", "would they accept someone like him": the person's situation against a rule
    r"(does|will|would) (the|my|his|her|their|our) [\w' -]{2,40} (still )?matter\b|"
    r"(do|will|would) (they|you) (take|accept|allow|include|want) (that|this one|those|"
    r"people|someone|anyone|patients|men|women|him|her|me|us)\b(?! to\b)|"
    r"(is|are) (that|this|it|mine|those) (one|some) of the [\w-]+( \w+)? (they|you) "
    r"(take|accept|allow|include|want|look for|need)\b|"
    r"can (\w+ ){0,2}(people|women|men|patients|children|kids|someone|anyone|smokers) "
    r"(\w+ )?(join|take part|participate|be in|sign up|enrol|enroll)|"
    # "is it only for children? I'm 24", "could he be part of it", "can I go straight into
    # this?": whom the trial takes, against the person
    r"(is|are) (it|this|the (trial|study)) (only|just) for\b|"
    r"(can|could|may) (i|he|she|we|they|my \w+) (\w+ )?be (a )?part of (it|this|the (trial|study))|"
    r"(can|could|may) (i|he|she|we|they|my \w+) (go|get|come) (straight |right )?into "
    r"(it|this|the (trial|study))\b|"
    r"how long (must|do|should|would) (i|he|she|we) wait|\bwait (after|since)|"
    r"can (i|he|she|we) (keep|continue|still) |(have|need) to (stop|come off|give up) |"
    # "am i eligable", "is that too recent", "can I start the study now?", "can she have it
    # done?", "is this study for people like me?", "would that stop me"
    r"eligable|elegible|eligble|too (recent|soon|early|many|advanced)\b|"
    r"(can|could|may) (i|he|she|we) (start|begin) (the |this )?(study|trial)\b|"
    r"(have|get) (it|this) done|(can|could|may) (i|he|she|we) (have|get|start) (it|this|the "
    r"[\w-]+) (now|yet|already|straight away)\b|"
    r"(study|trial|it|this|part of the \w+) for (me|him|her|people like me)\b|"
    r"(would|does|will|could) (that|it|this) (stop|rule|count against|keep) |"
    # "I take lisinopril. Is that an issue?", "would my flip phone be a concern?", "I haven't
    # had any treatment yet, could this be my first one?": the person's situation against a rule
    r"(is|would|will|could) (that|this|it|(my|his|her|their|our)( \w+){1,2}) (going to )?"
    r"(be )?(an? )?(issue|concern|worry|obstacle|barrier|deal ?breaker)\b|"
    r"(could|can|would|will|might) (this|it|the (trial|study)) be (my|his|her|their|our) "
    r"(first|1st)\b)",
)
_HOW_GIVEN = re.compile(
    r"\b(how (is|are|do i|does one|will i|would i) (it |they |the \w+ |\w+ ){0,3}"
    r"(given|take|taken|get|receive|administered)|injection|pill|tablet|drip)\b"
)


_DURATION = re.compile(
    r"\bhow long (does|will|is|do|would) (the |my |this |it |i )?(treatment|study|trial|therapy|it|"
    r"be treated|take|last|go on|run|continue|be in|be on|stay|need to)|"
    r"\b(duration of|length of) (the )?(treatment|study|trial|therapy)"
)


_NEEDS_FIGURE = re.compile(
    r"\b(success|survival|response|cure|death|failure|side[- ]effect) rates?\b|\bpercent|"
    r"\b(chances?|odds|likelihood)\b|\bhow (effective|successful|well does)|\bdoes it work\b|"
    # "how hot is the chemo they wash through?": a temperature
    r"\bhow (hot|cold|warm)\b|\bwhat temperature\b"
)


def eligibility_cue(question: str) -> bool:
    """True for 'can I join if ...' and other questions about a rule for joining."""
    lowered = question.lower()
    return bool(_ELIGIBILITY_CUE.search(lowered) or _SITUATION_CUE.search(lowered))


# More ways a person asks whether their situation lets them in: "do I have to have had chemo
# first?", "can she be my caregiver for the study?", "can I have this surgery in the study?",
# "I have an early rectal tumour. Is that covered?" (not "is the travel covered?", a cost)
_SITUATION_CUE = re.compile(
    r"\b(do|does|would|will) (i|he|she|we|they|my \w+) (have|need) to have (had|done|tried|been)\b|"
    r"\b(can|could|may) (i|he|she|we|they|my \w+) be (my|his|her|their|our|a|the) "
    r"(\w+ )?(caregiver|carer|partner|companion|helper|support person)\b|"
    r"\b(can|could|may) (i|he|she|we|they) (have|get) (this|the|that) [\w-]+ "
    r"(in|through|as part of|within) (the|this) (study|trial)\b|"
    r"^(?!.*\b(cost|costs|pay|paid|paying|money|fee|fees|travel|parking|insurance|expenses?|"
    r"taxi|bus|train|hotel|petrol|gas|mileage|reimburs\w*|free)\b).*"
    r"\b(is|would) (that|this|mine|my \w+|his \w+|her \w+) (be )?(covered|included|accepted)\W*$"
)


def needs_figure(question: str) -> bool:
    """True for questions only a figure (a rate, a chance) answers."""
    return bool(_NEEDS_FIGURE.search(question.lower()))


_COUNT = re.compile(r"\bhow (many|much|long|often)\b")
_HOW_MANY = re.compile(r"\bhow many\b")


def asks_amount(question: str) -> bool:
    """True for "how many / much / long / often" questions (an amount answers them)."""
    return bool(_COUNT.search(question.lower()))


def asks_count(question: str) -> bool:
    """True for "how many ..." questions: only a sentence holding a number answers them."""
    return bool(_HOW_MANY.search(question.lower()))


_SCHEDULE = re.compile(
    r"\bhow (often|frequently)\b|\b(dose|doses|dosage|schedule)\b|"
    r"\bwhen do (i|we|they) (take|get|receive)\b|\bhow many (times|cycles|days|doses)\b"
)


_HOW_LONG = re.compile(r"\bhow long\b")
_HOW_OFTEN = re.compile(r"\bhow (often|frequently)\b")
_NUMBER = r"(\d+(\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few)"
_SPAN = re.compile(
    rf"(?<![\w-]){_NUMBER}(\s*(-|to|or)\s*\d+)?[\s-]*(minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    r"wks?|months?|years?|yrs?|cycles?|courses?|sessions?|doses?)\b|\buntil\b",
    re.I,
)
_FREQUENCY = re.compile(
    r"\b(every|once|twice|thrice|daily|weekly|monthly|nightly|times|per|each|schedule|"
    r"cycles?|days? \d|q\d+\w*|bid|tid)\b",
    re.I,
)
_RULE_TIMING = re.compile(
    r"\bcan (i|he|she|we|they)\b|\b(wait|start|begin|join|before)\b|"
    r"\b(contracepti\w*|birth control|condoms?)\b|"  # criteria say how long it goes on
    # "how many cycles do I need to have had?", "how recent does my biopsy have to be?"
    r"\bhow recent\b|\b(need|needs|have|has|must|should) (to )?have (had|been|received|"
    r"completed|done|finished)\b"
)


# (no number inside a word: "one-on-one sessions" is no span of sessions)
# "How long is each session?" asks the length of one unit: a text naming that unit must say the
# span of it ("28-day cycles", "sessions last 60 minutes"), not of the whole programme ("a 5-day
# format ... individual treatment sessions").
_UNITS = {
    "session": ("session",),
    "visit": ("visit", "appointment"),
    "appointment": ("appointment", "visit"),
    "round": ("round", "cycle", "course"),
    "cycle": ("cycle", "round", "course"),
    "course": ("course", "cycle", "round"),
    "infusion": ("infusion", "drip", "intraven", "iv"),
    "drip": ("drip", "infusion", "intraven", "iv"),
    "call": ("call",),
    "class": ("class", "session"),
    "meeting": ("meeting", "session"),
    "scan": ("scan",),
    "survey": ("survey", "questionnaire"),
    "questionnaire": ("questionnaire", "survey"),
    "interview": ("interview",),
}
_ONE_UNIT = re.compile(
    r"\bhow long (is|are|does|do|will|would|should) (each|one|a|an|every|the|one single) "
    r"(\w+ ){0,2}?(?P<unit>" + "|".join(_UNITS) + r")s?\b"
)
UNIT_NEAR = 4  # words between the unit and its span
# a length of time ("60 minutes", "90-minute"): "12 sessions" counts sessions, it is no length
_TIME_SPAN = re.compile(
    rf"\b{_NUMBER}(\s*(-|to|or)\s*\d+)?[\s-]*(minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|"
    r"wks?|months?|years?|yrs?)\b",
    re.I,
)
_COUNT_WORD = re.compile(r"\d+(-\d+)?,?|one|two|three|four|five|six|seven|eight|nine|ten|twelve")
# after a count of units, a span after these words is the period they are spread over
_OVER_PERIOD = re.compile(
    r"\b(over|across|during|within|throughout|spanning|spread over|a period of|in total of|"
    r"over the course of|followed( up)? for|follow-up of)\s+"
    r"(a |an |the |about |approximately |up to |at least )?$",
    re.I,
)


# units one of which lasts minutes or hours (a round or course of treatment may last weeks)
_SHORT_UNITS = frozenset(
    [
        "session",
        "visit",
        "appointment",
        "infusion",
        "drip",
        "call",
        "class",
        "meeting",
        "scan",
        "survey",
        "questionnaire",
        "interview",
    ]
)
_SHORT_SPAN = re.compile(r"(minute|min|hour|hr)s?\b", re.I)
# "2 weeks apart", "3 days later": the time between two of them, not the length of one
_GAP_AFTER = re.compile(r"\s*(apart|later|between|in between)\b", re.I)


def _span_of_unit(unit: str, text: str) -> bool:
    """True when a span of time stands within UNIT_NEAR words of the unit (or a synonym), or,
    in a text that never names the unit, anywhere ('dance for 60 minutes' answers 'how long
    is each session?'). A span the units are spread over ('12 sessions over 3 months') is the
    length of the whole, not of one."""
    tokens = re.findall(r"[\w.-]+", text.lower())
    units = [i for i, t in enumerate(tokens) if any(t.startswith(u) for u in _UNITS[unit])]
    spans = [m for m in _TIME_SPAN.finditer(text) if not _GAP_AFTER.match(text, m.end())]
    if unit in _SHORT_UNITS:
        # one session, visit or infusion lasts minutes or hours: "at 1-, 3-, and 6-months
        # following the intervention" or "given 2 weeks apart" says when, not how long
        spans = [m for m in spans if _SHORT_SPAN.search(m.group(0))]
    if not units:
        return bool(spans)
    counted = any(
        any(_COUNT_WORD.fullmatch(t) for t in tokens[max(0, i - 3) : i]) for i in units
    )  # "12 one-on-one sessions": a number of units, not one
    for match in spans:
        if counted and _OVER_PERIOD.search(text[: match.start()]):
            continue  # "12 sessions over 3 months": the whole programme, not one session
        at = len(re.findall(r"[\w.-]+", text[: match.start()].lower()))
        if any(abs(at - i) <= UNIT_NEAR for i in units):
            return True
    return False


def answers_timing(question: str, text: str) -> bool:
    """False when a 'how long' answer holds no span of time ('3 weeks', 'until ...') or a 'how
    often' answer no frequency ('weekly', 'every', 'twice'); 'how long is each session?' needs
    the span said of a session; True for other questions."""
    lowered = question.lower()
    if _HOW_LONG.search(lowered):
        unit = _ONE_UNIT.search(lowered)
        if unit is not None:
            return _span_of_unit(unit.group("unit"), text)
        spans = [m for m in _SPAN.finditer(text) if not _is_age(text, m)]
        if _TASK_TIME.search(lowered):
            # "how long does the decision aid take to go through?": a task lasts minutes or
            # hours, not the months over which the study runs
            return any(_SHORT_SPAN.search(m.group(0)) for m in spans)
        return bool(spans)
    if _TIMES_A_DAY.search(lowered):
        return bool(_DAILY.search(text))  # "how many times a day?" is not "28-day cycles"
    asked = _HOW_MANY_UNITS.search(lowered)
    if asked is not None:
        # "How many hours does the operation take?" is not "7-21 days in the hospital"
        named = asked.group(1).rstrip("s")
        return bool(
            re.search(rf"(?<![\w-]){_NUMBER}(\s*(-|to|or)\s*\d+)?[\s-]*{named}s?\b", text, re.I)
        )
    if _HOW_OFTEN.search(lowered):
        return bool(_FREQUENCY.search(text))
    return True


# "how long does it take to fill in?", "how long does the decision aid take to go through"
_TASK_TIME = re.compile(
    r"\btake (me |you |us |people )?to (complete|go through|fill( in| out)?|finish|do|read|"
    r"watch|answer|get through|collect|provide|give)\b"
)
# "aged 35-89 years", "18 years or older", "ages 5 to 30 years": an age, no span of time
_AGE_BEFORE = re.compile(r"\b(aged?|ages)\s*(of\s*)?$", re.I)
_AGE_AFTER = re.compile(r"\s*(old|of age|or (older|over|above|younger))\b", re.I)


def _is_age(text: str, match: re.Match[str]) -> bool:
    """True when a span of years is an age or age range."""
    if not re.search(r"\b(years?|yrs?)\b", match.group(0), re.I):
        return False
    return bool(
        _AGE_BEFORE.search(text[: match.start()][-12:]) or _AGE_AFTER.match(text, match.end())
    )


_TIMES_A_DAY = re.compile(r"\bhow (many times|often) (a|per|each|every) day\b")
_DAILY = re.compile(
    r"\b(once|twice|thrice|one|two|three|four|\d+)( times?)?[\s-]+(a|per|each|every) day\b|"
    r"\b(daily|nightly|bid|tid|qd|qid)\b|\bevery \d+ hours\b",
    re.I,
)
# "how many hours does it take?": only a span in those units answers (not "how many days a week")
_HOW_MANY_UNITS = re.compile(
    r"\bhow many (minutes|hours|days|nights|weeks|months|years)\b(?! (a|per|each|every) )"
)


_TIME_UNIT = r"(minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|wks?|months?|years?|yrs?)"
_ASKED_NOUN = re.compile(r"\bhow many (\w+)")
# "Week 12", "day 1", "3 months", "(Baseline and 6 weeks)": when something happens, not how many
_TIME_POINT = re.compile(
    rf"\b{_TIME_UNIT}\s*[+-]?\d+\b|\b{_NUMBER}(\s*(-|to|or|and)\s*\d+)?[\s-]*{_TIME_UNIT}\b",
    re.I,
)
_COUNTED = re.compile(
    r"\d|\b(once|twice|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b", re.I
)


def answers_count(question: str, text: str) -> bool:
    """False when a 'how many <things>?' answer holds no number but time points or spans
    ('Week 12', '6 months'), unless time is what is counted ('how many weeks?')."""
    match = _ASKED_NOUN.search(question.lower())
    if match is None:
        return True
    if re.fullmatch(_TIME_UNIT, match.group(1)) or match.group(1) in ("times", "time"):
        return bool(_COUNTED.search(text))
    return bool(_COUNTED.search(_CODE.sub(" ", _TIME_POINT.sub(" ", text))))


# Digits that count nothing: a phase ("Phase 2 dose"), a code or version ("RECIST1.1", "RP2D",
# "CD19", "HH2853")
_CODE = re.compile(
    r"\bphase\s*[0-4i]+(\s*/\s*[0-4i]+)?\b|\b[\w.-]*[a-z][\w.-]*\d[\w.-]*|\b\d+[a-z][\w-]*", re.I
)
_ASKS_DOSE = re.compile(
    r"\b(what|which)('s|s|’s)? (is |was )?(the |my |his |her )?([\w-]+ )?(dose|dosage)s?\b|"
    r"\b(dose|dosage) of\b|\bhow (much|many mg|many milligrams)\b|\bhow many doses\b|"
    r"\bstrength\b|\bhow strong\b"
)
# "how much radioactivity is in each dose?", "what strength is the tablet?": an amount with a
# unit answers, a count of doses ("one dose of Pluvicto") does not
_ASKS_QUANTITY = re.compile(
    r"\bhow much ([\w-]+ ){0,2}(is |are )?(in|of) (each|a|the|one|every|my) ([\w-]+ )?(dose|tablet|"
    r"pill|capsule|injection|infusion|shot|jab)s?\b|\bhow much (drug|medicine|radiation|"
    r"radioactivity)\b|\bhow (many mg|many milligrams|strong)\b|\bstrength\b"
)
DOSE_UNIT = re.compile(
    r"\d+(\.\d+)?\s*(mg|g|mcg|µg|ug|ml|units?|iu|gbq|mbq|mci|gy|%)(?![\w-])", re.I
)
DOSE_AMOUNT = re.compile(
    r"\d+(\.\d+)?\s*(mg|g|mcg|µg|ug|ml|units?|iu|gbq|mbq|mci|gy|tablets?|capsules?|"
    r"puffs?|drops?)\b|(?<!phase )\b(\d+|one|two|three|four|five|six|single)\s+(doses?|"
    r"injections?|infusions?|cycles?)(?![\w-])",
    re.I,
)


# "how do they decide how much radiation I get?", "who chooses the dose?": asks how the amount
# is chosen (risk groups, "based on ..."), not for the amount itself
_DECIDES = re.compile(
    r"\b(decide[sd]?|deciding|choose[sn]?|choosing|chosen|chose|pick(s|ed)?|work(s|ed)? out|"
    r"figure[sd]? out|determine[sd]?)\b.{0,30}\b(how (much|many|strong)|"
    r"(the |my |his |her )?(dose|dosage|amount|strength))\b"
)


def asks_quantity(question: str) -> bool:
    """True for "how much / what strength": only an amount with a unit answers it."""
    lowered = question.lower()
    return bool(_ASKS_QUANTITY.search(lowered)) and not _DECIDES.search(lowered)


def asks_dose(question: str) -> bool:
    """True for "what dose will I get?": only a sentence holding an amount (12 mg, 7.4 GBq)
    answers it; a title's "Dose-Escalation" or "the recommended Phase 2 dose" names none; "how
    do they decide how much ...?" asks how it is chosen."""
    lowered = question.lower()
    return bool(_ASKS_DOSE.search(lowered)) and not _DECIDES.search(lowered)


def answers_dose(question: str, text: str) -> bool:
    """False when a dose question is not answered by the text: "what dose of cyclosporine?"
    needs an amount with a unit (not "two infusions of rituximab"), "how many doses?" a count
    of doses or an amount; True for other questions."""
    lowered = question.lower()
    if not _ASKS_DOSE.search(lowered) or _DECIDES.search(lowered):
        return True
    if _COUNTS_DOSES.search(lowered):
        return bool(DOSE_AMOUNT.search(text))
    return bool(DOSE_UNIT.search(text))


_COUNTS_DOSES = re.compile(r"\bhow many (doses|infusions|injections|cycles|rounds)\b")


def answers_shape(question: str, text: str) -> bool:
    """True when a text holds what the question's shape asks for: a number not a time point for
    'how many', a span for 'how long', a frequency for 'how often' (anything for other ones)."""
    if asks_count(question) and not _COUNTED.search(text):
        return False
    return answers_count(question, text) and answers_timing(question, text)


def asks_rule_timing(question: str) -> bool:
    """True when a timing question asks about a rule for joining ('how long after chemo can I
    start?'), not about taking part ('how long will I be on the drug?')."""
    lowered = question.lower()
    return eligibility_cue(lowered) or bool(_RULE_TIMING.search(lowered))


_ORDER = re.compile(r"\b(before or after|after or before)\b")


def asks_order(question: str) -> bool:
    """True for a question about the order of the treatment ("when will the operation happen,
    before or after the drug?"), not about a rule for joining: a criterion ("major surgery
    within 3 weeks before the first dose") never answers it."""
    lowered = question.lower()
    return bool(_ORDER.search(lowered)) and not eligibility_cue(lowered)


def asks_timing(question: str) -> bool:
    """True for how long / how often / schedule questions."""
    lowered = question.lower()
    return bool(_DURATION.search(lowered) or _SCHEDULE.search(lowered) or _HOW_LONG.search(lowered))


def section_boosts(question: str) -> dict[str, float]:
    """Sections a question's wording points to ("can I join if ..." -> eligibility)."""
    lowered = question.lower()
    boosts: dict[str, float] = {}
    if _ELIGIBILITY_CUE.search(lowered):
        boosts["eligibility"] = 0.1
    if _HOW_GIVEN.search(lowered):
        boosts["interventions"] = 0.1
    if _DURATION.search(lowered) or _SCHEDULE.search(lowered):
        # criteria say who may join, never how long taking part lasts
        boosts.update(description=0.1, interventions=0.1, eligibility=-0.3)
    return boosts


def structured_intent(question: str) -> str | None:
    """The structured field a question asks about, or None."""
    lowered = question.lower()
    for name, pattern in INTENTS.items():
        if not pattern.search(lowered):
            continue
        if name == "sites" and _BODY_WORDS.search(lowered) and "where" in lowered:
            continue
        if name == "sites" and re.search(r"\bwhere\b.*\bcomes? from\b", lowered):
            continue  # "where do the cells come from" asks about a source, not a place
        return name
    return None


def definition_term(question: str) -> str | None:
    """The term a 'what does X mean?' question asks about, or None."""
    match = _DEFINITION.search(question.strip())
    if match is None:
        return None
    term = next(g for g in match.groups() if g)
    term = term.strip(" ?\"'“”").lower()
    if not term or term in _NOT_TERMS or term.split()[0] in {"the", "this", "your", "my"}:
        return None
    return term
