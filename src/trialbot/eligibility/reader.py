"""Reads criteria text into structured criteria: recognizers, negation, splitting into atoms."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from trialbot.domain.conditions import Condition
from trialbot.domain.criteria import Confidence, DecisiveWhen, StructuredCriterion
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import (
    biomarkers,
    disease,
    lines,
    measures,
    reproduction,
    residence,
    treatments,
)
from trialbot.eligibility.alternatives import alternatives_merged
from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.any_of import (
    EXAMPLE_FACTS,
    example_items,
    example_span,
    item_starts,
    item_text,
    opening_reaches,
    spread_leads_blanked,
    treatment_members,
)
from trialbot.eligibility.atoms import Atom, all_of, negate, review_atom
from trialbot.eligibility.bullets import bullet_items, only_span
from trialbot.eligibility.by_design import study_fulfilled
from trialbot.eligibility.cohorts import qualifies_one_cohort
from trialbot.eligibility.completeness import (
    asks_nothing_blanked,
    groups_blanked,
    leftover,
    names_blanked,
    names_broader,
    names_catch_all,
    other_time,
    past_taken_in,
    permissions_blanked,
    set_aside,
    whole_only,
    yes_only,
)
from trialbot.eligibility.drugs import find_classes, find_drugs, other_drug_permissions_blanked
from trialbot.eligibility.exceptions import (
    excepts_what_is_asked,
    in_exception,
    medicine_heads,
    outside_blood_thinner_question,
    settled_by_no,
)
from trialbot.eligibility.labs import read_thresholds
from trialbot.eligibility.lexicon import CONDITIONS, META
from trialbot.eligibility.measures import Context
from trialbot.eligibility.misreadings import (
    denied_exclusion,
    distinct,
    flips_when_denied,
    held_against,
    misread,
    narrowed,
    permission_not_reaching,
    population,
)
from trialbot.eligibility.one_sided import (
    named_by_lack,
    narrowing_blanked,
    narrowing_words,
    widening_words,
)
from trialbot.eligibility.own_disease import (
    excludes_own_patients,
    own_condition_facts,
    to_study_team,
)
from trialbot.eligibility.polarity import as_inclusion, stated_exclusion
from trialbot.eligibility.record import record_criteria
from trialbot.eligibility.registry_ages import agree_with_record_ages
from trialbot.eligibility.scope import heading_scope, prefix_scope
from trialbot.eligibility.text import normalize, windows
from trialbot.eligibility.vocabulary import fact_spec

Recognizer = Callable[[Context], list[Atom]]

RECOGNIZERS: tuple[Recognizer, ...] = (
    measures.read_age,
    lines.read_lines,
    lines.read_planned_surgery,
    biomarkers.read_biomarkers,
    reproduction.read_sex,
    reproduction.read_menopause,
    reproduction.read_pregnancy,
    reproduction.read_breastfeeding,
    reproduction.read_contraception,
    measures.read_performance,
    measures.read_heart_numbers,
    measures.read_blood_pressure,
    measures.read_weight,
    treatments.read_drugs,
    treatments.read_therapy,
    treatments.read_response_to_treatment,
    treatments.read_trials,
    treatments.read_other_cancer,
    disease.read_histology,
    disease.read_disease_status,
    disease.read_measurable,
    disease.read_recovery,
    disease.read_abilities,
    disease.read_conditions,
    disease.read_spread_beyond,
    disease.read_ruled_out_states,
    disease.read_events,
    disease.read_reviews,
    residence.read_residence,
)

# When the first concept is read in a criterion, the others are part of it (not separate checks).
SUPPRESSES: dict[str, tuple[str, ...]] = {
    "last_blood_clot": ("last_stroke",),
    # "checkpoint immunotherapy within 365 days": the class's own window, not any cancer therapy
    "prior_checkpoint_inhibitor": ("last_anticancer_therapy",),
    "active_tuberculosis": ("tuberculosis",),
    "last_iv_antibiotics": ("active_infection",),
    "systolic_bp_mmhg": ("high_blood_pressure",),
    "recovered_from_side_effects": (
        "last_major_surgery", "last_radiotherapy", "last_anticancer_therapy",
        "peripheral_neuropathy", "current_anticancer_therapy",
    ),
    "other_cancer": ("disease_status", "brain_metastases", "leptomeningeal_disease", "diagnosis"),
    "brain_metastases": ("disease_status", "last_radiotherapy", "immunosuppressive_medicine",
                         "last_major_surgery", "measurable_disease", "leptomeningeal_disease"),
    "leptomeningeal_disease": ("disease_status", "last_radiotherapy", "immunosuppressive_medicine",
                               "last_major_surgery", "measurable_disease"),
    "autoimmune_disease": (
        "immunosuppressive_medicine", "last_anticancer_therapy", "current_anticancer_therapy",
    ),
    "ecog_level": ("age_years",),
    "home_country": ("residence",),
    "planned_surgery": ("last_major_surgery", "treatment_candidate"),
    "prior_lines_of_therapy": ("prior_cancer_treatment", "disease_status"),
    "lung_disease": ("immunosuppressive_medicine",),
    "interstitial_lung_disease": ("immunosuppressive_medicine",),
    "bleeding_disorder": ("last_serious_bleeding",),
    "pregnant": ("age_years", "able_to_follow_visits"),
    "active_infection": ("last_anticancer_therapy", "current_anticancer_therapy"),
    "prior_cancer_treatment": ("current_anticancer_therapy",),
    "agrees_to_contraception": ("sex", "postmenopausal", "age_years", "able_to_follow_visits"),
    "last_live_vaccine": ("last_vaccine",),
    "histology_confirmed": ("diagnosis",),
    "allergy_study_drug": ("active_infection",),
}  # fmt: skip

# These suppress only readings without a time window ("recovered from surgery" vs "surgery
# within 4 weeks ... or not recovered from it").
_SOFT = {"recovered_from_side_effects"}
_REPRODUCTION = {"pregnant", "breastfeeding", "agrees_to_contraception"}
_CLAUSE_BREAK = re.compile(r"[.;:]\s|\b(?:except|unless|other than|however|but|excluding)\b")
_PARENTHESES = re.compile(r"\([^()]*\)|\([^()]*$")
_NEG_BEFORE = re.compile(
    r"\b(?:no|not|without|never|absence of|free of|negative for|unable|inability|lack of|"
    r"none|neither|nor|cannot)\b[^.;:]*$",
)
# In exclusion lists "No X" / "must not have X" is a double negative meaning "X excludes".
_EXCLUSION_NEG_BEFORE = re.compile(
    r"\b(?:without|absence of|free of|negative for|lack of)\b[^.;:]*$",
)
_NOT_LIMITED = re.compile(
    r"(?:but )?not (?:be )?limited to|whether or not|if not|not only|with or without"
    # a bound, no negation: "no more than 12 weeks after last chemotherapy"
    r"|\b(?:no|not) (?:more|longer|later|greater|less|fewer) than"
)
_NEG_AFTER = re.compile(
    r"^[^.;:,]{0,20}?\b(?:negative|not (?:allowed|permitted|eligible)|(?:are|is|be) (?:excluded|"
    r"prohibited|ineligible|not allowed|not permitted)|will be excluded)",
)
# "one of the following", "one or more of the following", "1 or more of the following", "at least
# one of", "any of the following", "either": the items are alternatives.
_ALTERNATIVES = Anchored(
    r"\b(?:(?:one|1)(?:\s+or\s+(?:more|both))?|any|either)\s+of\s+the\s+following"
    r"|\beither\b|at least (?:one|1) of"
)
# A population branch inside one inclusion ("1. Subjects without actionable genomic alterations
# (AGAs): ... 2. Subjects with AGAs: ...", "Patients with HIV: ...; patients without HIV: ..."):
# what is read after its heading is asked only of that population, never of everyone.
_POPULATION_BRANCH = Anchored(
    r"(?:^|[\n:;.]\s*|\b\d{1,2}[.)]\s+|\(?[a-h][.)]\s+)(?:[-•*]\s*)?(?:for\s+)?(?:subjects|patients|"
    r"participants|people|persons|those|individuals)\s+(?:with|without|who|whose|having|not)\b"
    r"[^:;\n()]{0,100}:(?=\s)"
)


def _branch_start(low: str) -> int | None:
    """Where an inclusion's first population branch starts: two branch headings, or one after
    the criterion's own lead (a heading opening the text is the whole criterion's group, which
    `scope` reads)."""
    found = list(_POPULATION_BRANCH.finditer(low))
    if len(found) >= 2 or (found and low[: found[0].start()].strip(" -*•")):
        return found[0].start()
    return None


_PERMISSIVE = Anchored(
    r"\b(?<!not )(?<!not be )(?<!excluded )(?<!ineligible )(?:eligible|allowed|permitted|"
    r"may (?:be )?(?:enrolled|included|participate|enroll)|can (?:be )?(?:enrolled|included|"
    r"participate)|unless(?! mandated| required| otherwise (?:specified|stated|noted))|"
    # "provided that ...", never "with details provided as a part of the consent process"
    r"provided(?! (?:as|to|by|in|with|for|on|at|via|through)\b)|"
    r"as long as|acceptable|"
    r"are not excluded|if they|if the|who have been treated|controlled|ok if|okay if|"
    # "(sufficiently) recovered and stable" after surgery is how recovered, no permission
    r"(?<!recovered and )(?<!recovered & )(?<!recovery and )(?<!recovered and be )stable)\b",
)
_NEVER_REVIEW = {"agrees_to_contraception", "age_years"}
# "If the patient is a female of childbearing potential, a negative ... pregnancy test is
# required": the "if" names whom a pregnancy rule is for, it permits nothing
_WHO_IF = re.compile(
    r"\bif (?:the )?(?:patient|participant|subject)s? (?:is|are) (?:an? )?"
    r"(?:females?|wom[ae]n|males?|m[ae]n)\b"
)
_OWN_EXCEPTIONS = {"other_cancer"}  # its exceptions are read into other_cancer_low_risk


# In an inclusion, "must not have been previously treated with MET inhibitors such as
# tepotinib, capmatinib, and crizotinib", "No prior treatment with an antibody-drug conjugate
# with a topoisomerase I inhibitor payload": a drug or class named in the object of a
# never-treated phrase is never-treated too, however long the words before it.
_NEVER_TREATED = re.compile(
    r"\b(?:no|not|never|without)\b(?:\s+(?:have|has|had|be|been|being|previously|prior|previous|"
    r"any|received|treated|exposed|exposure|treatment|therapy|with|to))*?\s+(?:received|treated|"
    r"exposed|exposure|treatment|therapy|prior|previous)\b"
    r"(?:(?!\b(?:who|which|that|whose|but|except|unless|other than|excluding|apart from|besides|"
    r"allowed|permitted|eligible|and (?:must|has|have|had|is|are|was|were)|"
    r"or (?:must|has|have|had|is|are))\b)[^.;:])*$"
)


# "..., or history of anthracycline treatment, unless an echocardiogram ... results in a left
# ventricular ejection fraction that is >= 45%": a reading inside an unless-clause names the
# permission, the exclusion's opposite, never the exclusion.
_UNLESS_OPEN = re.compile(
    r"\bunless\b(?! mandated| required| otherwise (?:specified|stated|noted))"
)
# The clause ends at a sentence, an item, a comma ("Female subjects, unless postmenopausal,
# unwilling to practice contraception") or the parenthesis it opened in ("(unless of cardiac
# origin) or transient ischemic attack").
_UNLESS_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.;:,]\s|\s-\s|\)")


def _in_unless_clause(low: str, atom: Atom) -> bool:
    """The reading's term, or its limit ("QTc prolongation unless the QTcF is <= 470 ms"),
    stands in an unless-clause."""
    if _opens_unless(low, atom.position):
        return True
    if atom.condition is None or atom.condition.get("op") != "cmp":
        return False
    number = re.compile(rf"(?<![\d.]){re.escape(str(atom.condition['value']))}(?![\d.])")
    limit = number.search(low, atom.position)
    return (
        limit is not None
        and limit.start() - atom.position < 200
        and (_opens_unless(low, limit.start()))
    )


def _opens_unless(low: str, position: int) -> bool:
    opened = list(_UNLESS_OPEN.finditer(low[max(0, position - 250) : position]))
    if not opened:
        return False
    between = low[max(0, position - 250) + opened[-1].end() : position]
    between = _PARENTHESES.sub(" ", between)  # "(by echo)" inside the clause does not end it
    return not _UNLESS_END.search(between)


# "Histologic confirmation of tumor is not necessary", "Patients are not required to have
# measurable disease", "a biopsy need not be done": what the words name is no requirement, so
# nothing is read from them (the words stay for the study team).
_NOT_NEEDED = r"(?:not|no longer) (?:necessary|required|needed|mandatory|obligatory|compulsory)"
_NOT_NEEDED_AFTER = re.compile(
    r"^(?:(?!\b(?:test|tests|testing|screening|screened|assessment|evaluation)\b)[^.;:()])"
    r"{0,60}?(?:\b(?:is|are|be|was|were)\s+" + _NOT_NEEDED + r"|\bneed(?:s)? not\b|"
    r"\bneedn't\b|\b(?:is|are) optional\b|\bnot a requirement\b)"
)
_NOT_NEEDED_BEFORE = re.compile(
    r"\b" + _NOT_NEEDED + r"(?: to (?:have|be|undergo|show))?[^.;:]{0,30}$"
)


def _not_required(ctx: Context, atom: Atom) -> bool:
    after = ctx.low[atom.position : atom.position + 100]
    before = ctx.low[max(0, atom.position - 60) : atom.position]
    return bool(_NOT_NEEDED_AFTER.search(after) or _NOT_NEEDED_BEFORE.search(before))


# Readings that already read an unless-clause as their permission ("unless these were
# adequately resolved" is recovered_from_side_effects; a cancer's exceptions are low-risk ones;
# "unless postmenopausal or surgically sterile" is whom birth control applies to).
_OWN_PERMISSIONS = {"recovered_from_side_effects", "other_cancer", "agrees_to_contraception"}


def _as_permission(ctx: Context, atom: Atom) -> Atom:
    """A reading inside an unless-clause: in an inclusion the permission is an alternative to the
    requirement (study team); in an exclusion only a "no" to its opposite settles the criterion
    (not excluded), a "yes" is for the study team."""
    if ctx.kind == "inclusion" or atom.condition is None or "'review'" in str(atom.condition):
        atom.review = True
        return atom
    named = negate(atom.condition) if atom.negated else atom.condition
    rule = f"not ({atom.rule})" if atom.negated else atom.rule
    atom.condition = all_of(negate(named), {"op": "review"})
    atom.rule = f"not ({rule}) and study team"
    atom.negated = False
    atom.settled = True
    return atom


# "nonpregnant and non-breastfeeding females", "non-lactating": the prefix of the term itself
_NON_PREFIX = re.compile(r"(?<![a-z])non-?$")
_NON_PREFIXED = frozenset({"pregnant", "breastfeeding"})


_SENTENCE = re.compile(r"[^.;]+(?:[.;]\s*|$)")


def _others_permissions_blanked(low: str, atom: Atom) -> str:
    """`low` without the sentences that grant a permission to another condition and do not name
    the atom's own ("Known HIV infection. Treated hepatitis C is allowed.": the permission is
    hepatitis C's, HIV still excludes; rules/misreadings.yaml `distinct_conditions`)."""
    try:
        CONDITIONS.search(atom.concept, "")
    except KeyError:
        return low  # only conditions of the lexicon are told apart by their own words
    for found in _SENTENCE.finditer(low):
        start, end = found.span()
        sentence = found.group(0)
        if start <= atom.position < end or not _PERMISSIVE.search(sentence):
            continue
        if CONDITIONS.search(atom.concept, sentence) is not None:
            continue
        if any(distinct(atom.concept, concept) for concept, _ in CONDITIONS.matches(sentence)):
            low = low[:start] + " " * (end - start) + low[end:]
    return low


def _is_negated(ctx: Context, atom: Atom) -> bool:
    if atom.concept in _NON_PREFIXED and _NON_PREFIX.search(ctx.low, 0, atom.position):
        return True
    if (
        ctx.kind == "inclusion"
        and atom.concept.startswith("prior_")
        and _NEVER_TREATED.search(ctx.low[max(0, atom.position - 200) : atom.position])
    ):
        return True
    if _cue_before(ctx, atom, _NEG_BEFORE if ctx.kind == "inclusion" else _EXCLUSION_NEG_BEFORE):
        return True
    # "X is not allowed" negates X in an inclusion; in an exclusion it only restates it.
    return ctx.kind == "inclusion" and bool(_NEG_AFTER.search(ctx.low[atom.position :][:60]))


def _cue_before(ctx: Context, atom: Atom, cue: re.Pattern[str]) -> bool:
    """A negation word in the atom's own clause, right before its term."""
    before = _PARENTHESES.sub("", ctx.low[max(0, atom.position - 90) : atom.position])[-40:]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return bool(cue.search(_NOT_LIMITED.sub(" ", before)))


# Words that name the thing negated inside an exclusion's clause ("Patients who have no
# measurable disease", "who do not have"); a requirement said with a modal ("Participants must
# not have a transplanted kidney") states the exclusion itself and is blanked first.
_DENIED = re.compile(
    r"\b(?:(?:with|having|has|have|had|who (?:show|shows|showed)|showing)\s+(?:no|never)"
    r"|(?:has|have|had|do|does|did)\s+(?:not|never)|without|absence of|free of|lack of)\b"
    r"[^.;:]*$"
)
_MODAL_NOT = re.compile(
    r"\b(?:must|should|shall|may|will|can|could|would)\s+not\b(?:[^.;:]*\b(?:and|or|nor)\s+not\b)?"
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _denied(ctx: Context, atom: Atom) -> Literal["flip", "review"] | None:
    """An exclusion that names the thing negated ("No measurable disease", "Patients who have
    no measurable disease", "No evidence of brain metastases"): those WITHOUT it are excluded.
    Flipped for a fact of the trial's own population, else the study team's (it may be a
    careless double negative); never read un-negated (rules/misreadings.yaml)."""
    if ctx.kind != "exclusion" or atom.settled or atom.condition is None:
        return None
    denied = denied_exclusion(ctx.low, atom.concept, atom.position)
    if denied is None and _cue_before(
        replace(ctx, low=_MODAL_NOT.sub(_blank, ctx.low)), atom, _DENIED
    ):
        denied = "flip" if flips_when_denied(atom.concept) else "review"
    return denied


def _has_window(atom: Atom) -> bool:
    return atom.condition is not None and "'within'" in str(atom.condition)


# "Males and nonpregnant and non-breastfeeding females, aged >= 18 years": the age is for both
# sexes, not the childbearing age the pregnancy reading takes in.
_BOTH_SEXES = re.compile(r"\b(?:males? (?:and|or)\b|men and women\b|male and female\b)")


# The exceptions of another cancer ("Note: Exceptions include ... cancers in remission receiving
# endocrine therapy", "except tumors not treated with systemic therapy", "other than breast cancer
# on tamoxifen") say which other cancers are allowed; they are read into other_cancer_low_risk
# (or left over), never as a washout or a drug of the patient's own treatment.
_CANCER_EXCEPTION = re.compile(
    r"\b(?:except(?:ions?)?|excluding|other than|apart from|not including|unless)\b"
)
_TREATMENT_PREFIXES = ("prior_", "last_", "current_")


def _in_other_cancer_exceptions(atoms: list[Atom], low: str) -> set[int]:
    """Positions of treatment readings inside the exceptions of an other-cancer reading."""
    cancer = next((a for a in atoms if a.concept == "other_cancer"), None)
    opening = _CANCER_EXCEPTION.search(low, cancer.position) if cancer is not None else None
    if opening is None:
        return set()
    return {
        a.position
        for a in atoms
        if a.position > opening.start() and a.concept.startswith(_TREATMENT_PREFIXES)
    }


def _in_medicine_exceptions(atoms: list[Atom], low: str) -> set[int]:
    """Positions of readings inside the exception of a medicine reading (`medicine_heads` in
    rules/exceptions.yaml): "immunosuppressive medication ..., except steroids for
    hypersensitivity reactions or brain metastases" asks about the medicine, not those."""
    heads = [
        a.position
        for a in atoms
        if a.concept in medicine_heads() and not in_exception(low, a.position)
    ]
    if not heads:
        return set()
    return {
        a.position
        for a in atoms
        if a.concept not in medicine_heads()
        and a.concept not in _OWN_PERMISSIONS
        and a.position > min(heads)
        and in_exception(low, a.position)
    }


# "Brain or leptomeningeal metastases": one phrase naming the brain and its lining, which the
# brain metastasis question takes in whole
_BRAIN_AND_LINING = re.compile(
    r"(?:brain|cns|central nervous system)(?: \(cns\))?"
    r"(?:(?: metasta\w*)?(?: or | and | and/or |/)|, )(?:lepto)?mening"
)


# An exception or a permission that may reach a brain metastasis reading ("Subjects with
# previously treated brain metastases may participate"): without one the brain question takes the
# lining in whole ("Known active CNS metastases and/or carcinomatous meningitis": one reading)
_BRAIN_QUALIFIED = re.compile(r"\b(?:unless|except\w*|eligible|allowed|permitted|provided|may)\b")


def _lining_in_brain_phrase(atoms: list[Atom], low: str) -> bool:
    """True unless the lining is named apart from every brain metastasis phrase (see
    _BRAIN_AND_LINING), or no text was given: then the brain reading takes it in."""
    if not low:
        return True
    brain = [a.position for a in atoms if a.concept == "brain_metastases"]
    return any(_BRAIN_AND_LINING.match(low, position) for position in brain)


# "Major surgical procedure within 28 days prior to initiation of study treatment, ..., or
# anticipation of need for a major surgical procedure during the study": a past operation with
# its own window, closed by a join before the plan, is an alternative of its own (a plan read
# first may own the window: "Major surgery planned within 4 weeks" is no past operation). The
# join is an alternative's "or" (_ALTERNATIVE_JOIN below).
_WINDOW_WORDS = re.compile(r"\bwithin\b[^.;]*\d|\d+\s*(?:days?|weeks?|months?)\b")
_PLAN_WORDS = re.compile(
    r"\b(?:plan\w*|anticipat\w*|expect\w*|schedul\w*|will|need\w*|during|intend\w*|"
    r"foresee\w*|require\w*)\b"
)


def _past_surgery_before_plan(atoms: list[Atom], low: str) -> set[int]:
    """The positions of windowed past-operation readings that are alternatives of their own
    before every planned operation of the criterion (see _ALTERNATIVE_JOIN)."""
    planned = [a.position for a in atoms if a.concept == "planned_surgery"]
    kept: set[int] = set()
    for atom in atoms:
        if atom.concept != "last_major_surgery" or not planned or not _has_window(atom):
            continue
        if min(planned) <= atom.position:
            continue
        segment = low[atom.position : min(planned)]
        join = _ALTERNATIVE_JOIN.search(segment)
        if join is None:
            continue
        before = segment[: join.start()]
        if _WINDOW_WORDS.search(before) and not _PLAN_WORDS.search(before):
            kept.add(atom.position)
    return kept


def _suppress(atoms: list[Atom], low: str = "") -> list[Atom]:
    past_apart = _past_surgery_before_plan(atoms, low)
    excepted = _in_other_cancer_exceptions(atoms, low) | _in_medicine_exceptions(atoms, low)
    atoms = [a for a in atoms if a.position not in excepted]
    concepts = {a.concept for a in atoms}
    dropped = {d for c in concepts - _SOFT for d in SUPPRESSES.get(c, ())}
    if _BRAIN_QUALIFIED.search(low) and not _lining_in_brain_phrase(atoms, low):
        # "Known active CNS metastases and/or carcinomatous meningitis. Subjects with previously
        # treated brain metastases may participate ...": the lining named on its own is a
        # reading of its own, which the permission for brain metastases does not reach
        dropped.discard("leptomeningeal_disease")
    if _BOTH_SEXES.match(low.lstrip()):
        dropped.discard("age_years")
    soft = {d for c in concepts & _SOFT for d in SUPPRESSES.get(c, ())}
    kept: list[Atom] = []
    if concepts & _REPRODUCTION:
        dropped |= {c for c in concepts if c.startswith(("prior_", "last_"))}
    for atom in sorted(atoms, key=lambda a: a.position):
        if atom.concept in dropped and not (
            atom.position in past_apart and "planned_surgery" in concepts
        ):
            continue
        if atom.concept in soft and not _has_window(atom):
            continue
        if atom.concept not in {k.concept for k in kept}:
            kept.append(atom)
    return kept


# "A female participant is eligible to participate if she is not pregnant, not breastfeeding,
# and at least one of the following conditions applies: - Not a WOCBP OR - A WOCBP who agrees
# to ...": what comes before ", and at least one of the following" is required of everyone
# (a conjunct of its own); only what follows are alternatives.
_AND_BEFORE = re.compile(r"(?:,\s*|\s)and\s*$")
# The opening of that template, naming who the requirement is for
_ELIGIBLE_IF = re.compile(
    r"^\W*(?:(?:a |the )?(?:female |male )?(?:participants?|patients?|subjects?|persons?|women|"
    r"woman) (?:is|are) eligible to participate(?: in (?:the|this) (?:study|trial))? if "
    r"(?:she|he|they) (?:is|are)\b)"
)


def _before_alternatives(low: str, position: int) -> bool:
    """True when `position` lies in a conjunct before ", and at least one of the following ..."
    (see _AND_BEFORE): required of everyone, not one of the alternatives."""
    cue = _ALTERNATIVES.search(low)
    return (
        cue is not None
        and position < cue.start()
        and bool(_AND_BEFORE.search(low, 0, cue.start()))
        and not _ALTERNATIVES.search(low[:position])
    )


# "Response to systemic chemotherapy defined as at least one of the following: ...": the
# alternatives are the ways the response is shown, not alternatives to the earlier treatment a
# response needs (treatments.read_response_to_treatment).
_DEFINED_AS = re.compile(r"\b(?:defined|shown|evidenced|documented|demonstrated) (?:as|by)\b")


def _defined_by_alternatives(low: str, atom: Atom) -> bool:
    """True for a response-to-treatment reading whose alternatives define the response."""
    if "_response_to_treatment" not in atom.explained:
        return False
    cue = _ALTERNATIVES.search(low)
    if cue is None or cue.start() < atom.position:
        return False
    return _DEFINED_AS.search(low, atom.position, cue.start()) is not None


def _before_alternatives_certain(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> bool:
    """True when `atom` of an inclusion is read whole from the conjunct before ", and at least one
    of the following" (every word of it, the template's opening aside)."""
    if ctx.kind != "inclusion" or atom.review or atom.condition is None:
        return False
    if not _before_alternatives(ctx.low, atom.position):
        return False
    cue = _ALTERNATIVES.search(ctx.low)
    assert cue is not None
    and_before = _AND_BEFORE.search(ctx.low, 0, cue.start())
    assert and_before is not None
    end = and_before.start()
    head = _ELIGIBLE_IF.match(ctx.low)
    start = head.end() if head else 0
    if start > atom.position or _PERMISSIVE.search(ctx.low[start:end]):
        return False
    mine = [a for a in atoms if a.position < cue.start()]
    if any(a.review or a.condition is None for a in mine):
        return False
    low = " " * start + ctx.low[start:end] + " " * (len(ctx.low) - end)
    return confidence_of(replace(ctx, low=low), mine) == "certain"


# "Participants must not have other known actionable oncogenic alterations, such as (but not
# limited to) EGFR sensitizing mutations, ..., HER2 mutation": an example of what must be absent,
# named too far from the negation for the cue before it; asked as is it would reverse the meaning.
_NEGATED_HEAD = re.compile(
    r"\b(?:must not|should not|may not|cannot|not have|not be|no|without|never|free of|absence of)"
    r"\b[^.;:]*\b(?:such as|including|e\.g|for example|for instance|like)\b"
)


def _negated_examples(low: str, position: int) -> bool:
    """True when `position` lies in an example list whose head, in the same sentence, is negated."""
    start = max((m.end() for m in re.finditer(r"[.;:]\s", low[:position])), default=0)
    head = _NOT_LIMITED.sub(" ", low[start:position])
    return bool(_NEGATED_HEAD.search(head))


# "... as follows: cerebral vascular accident/stroke within 6 months prior to ..., myocardial
# infarction within 6 months prior to ... unless revascularized post infarction": a list after a
# colon whose items each carry their own window; a permission in a later item is that item's.
_OWN_WINDOW = re.compile(r"\bwithin\b|\bin the (?:past|last)\b")


# "Prior ... abiraterone acetate, apalutamide or enzalutamide for the treatment of prostate cancer
# or participation in a clinical trial of an investigational agent ... (unless treatment was
# placebo)": a bracketed permission after a later "or" alternative is that alternative's.
_BRACKETED_PERMISSION = re.compile(r"\((?:unless|except|other than|excluding|provided)\b[^()]*\)")


_NEW_ALTERNATIVE = re.compile(
    r"\bor (?:any |prior |previous )?(?:participation|treatment|therapy|use|receipt|history|"
    r"enrol\w*|exposure|administration)\b"
)


def _later_brackets_blanked(low: str, position: int) -> str:
    """`low` with bracketed permissions blanked that follow an "or" after `position` in the
    same sentence."""
    for found in _BRACKETED_PERMISSION.finditer(low, position):
        between = low[position : found.start()]
        if _NEW_ALTERNATIVE.search(between) and not re.search(r"[.;]\s", between):
            low = low[: found.start()] + " " * (found.end() - found.start()) + low[found.end() :]
    return low


def _other_items_blanked(low: str, position: int) -> str:
    """`low` with the colon-led list items not holding `position` blanked, when every item has a
    window of its own (a term in the list's head, "cerebrovascular disease as follows:", is read
    in the item naming it again); else `low` unchanged."""
    colon = low.find(":")
    if colon == -1:
        return low
    starts = item_starts(low, colon + 1)
    if len(starts) < 2 or starts[0] < colon:
        return low
    spans = list(zip(starts, [*starts[1:], len(low)], strict=True))
    if not all(_OWN_WINDOW.search(low, a, b) for a, b in spans):
        return low
    mine = next(((a, b) for a, b in spans if a <= position < b), None)
    if mine is None:  # in the head: the first item naming its window stands for it
        mine = spans[0]
    kept = [c if mine[0] <= i < mine[1] or i < colon else " " for i, c in enumerate(low)]
    return "".join(kept)


# A term followed by its own bracket ("Radiation therapy (palliative radiation for bone pain <48
# hours; brain irradiation <7 days; all other radiation therapy <14 days)").
_OWN_BRACKET = re.compile(r"[^.;()]{0,40}?\(")


def _kinds_windows(low: str, atom: Atom) -> int | None:
    """The longest window when the term's own bracket gives one window per kind of it (bone
    pain 48 hours, brain 7 days, all other 14 days): which kind the patient had is the study
    team's to tell, so the reading keeps the longest and a "yes" within it is theirs."""
    condition = atom.condition or {}
    if condition.get("op") != "within" or atom.negated:
        return None
    opened = _OWN_BRACKET.match(low, atom.position)
    if opened is None:
        return None
    close = low.find(")", opened.end())
    days = {w.days for w in windows(low[opened.end() : close if close > 0 else len(low)])}
    return max(days) if len(days) > 1 else None


def _finish(ctx: Context, atom: Atom) -> Atom:
    longest = _kinds_windows(ctx.low, atom)
    if longest is not None and atom.condition is not None:
        atom.condition = all_of({**atom.condition, "days": longest}, {"op": "review"})
        atom.rule = f"{atom.concept} within {longest} days and study team"
    if misread(ctx.low, atom.concept, atom.position):
        atom.review = True  # a procedure, relative, example or unasked qualifier: study team
        return atom
    denied = _denied(ctx, atom)
    if denied == "flip":  # "No measurable disease": those without it are excluded
        atom.negated, atom.settled, atom.denied = not atom.negated, True, True
    elif denied == "review":  # "No brain metastases" in an exclusion: a double negative?
        atom.review = True
    if (
        not atom.settled
        and atom.condition is not None
        and not atom.review
        and _is_negated(ctx, atom)
    ):
        atom.negated = not atom.negated
        if ctx.kind == "exclusion":
            atom.review = True  # "without X" in an exclusion list is rare and usually a side note
    if (
        ctx.kind == "inclusion"
        and not atom.negated
        and not atom.review
        and _negated_examples(ctx.low, atom.position)
    ):
        atom.review = True  # "must not have ... alterations, such as ..., HER2 mutation": far cue
    if atom.condition is not None and narrowed(ctx.low, atom.concept, atom.position):
        # "Grade >= 2 neuropathy": a "no" settles it, a "yes" is for the study team
        atom.condition = all_of(atom.condition, {"op": "review"})
        atom.rule = f"{atom.rule} and study team"
    if (
        atom.concept == "anticoagulant_use"
        and atom.condition is not None
        and outside_blood_thinner_question().search(ctx.low)
    ):
        # "anticoagulants or antiplatelet agents": a person on clopidogrel answers the
        # blood-thinner question "no", which settles nothing here
        atom.condition = {"op": "any", "of": [atom.condition, {"op": "review"}]}
        atom.rule = f"{atom.rule} or study team"
    if held_against(atom.concept, ctx.kind, atom.negated):
        atom.review = True  # "must not have anaplastic histology" is not "not biopsy-confirmed"
    # the opening "A participant is eligible to participate if she is ..." grants nothing
    low = _ELIGIBLE_IF.sub(lambda m: " " * len(m.group(0)), ctx.low, count=1)
    low = _others_permissions_blanked(low, atom)
    if ctx.kind == "exclusion":
        low = _other_items_blanked(low, atom.position)
        low = _later_brackets_blanked(low, atom.position)
    item = treatments.list_item_span(ctx.low, atom.position)
    # an item of a "Prior therapy with:" list: a permission in another item is none of its own
    near = (max(0, atom.position - 100), atom.position + 300) if item is None else item
    if atom.concept.startswith("prior_"):  # "Doxorubicin is allowed" is no taxane's permission
        low = other_drug_permissions_blanked(
            low, atom.concept.removeprefix("prior_"), atom.position, _PERMISSIVE
        )
    nearby = permissions_blanked(low[near[0] : near[1]], atom.concept)
    if (
        ctx.kind == "inclusion"
        and _ALTERNATIVES.search(ctx.low)
        and atom.concept != "age_years"
        and not _before_alternatives(ctx.low, atom.position)
        and not _defined_by_alternatives(ctx.low, atom)
    ):
        atom.review = True  # "one of the following": alternatives, not a list of requirements
    branch = _branch_start(ctx.low) if ctx.kind == "inclusion" else None
    if branch is not None and atom.position >= branch:
        atom.review = True  # asked of one population branch only: the study team checks it
    if atom.concept not in _OWN_PERMISSIONS and in_exception(ctx.low, atom.position):
        atom.review = True  # "except for LHRH agonists": what the exception allows
    if excepts_what_is_asked(ctx.low, atom.concept):
        atom.review = True  # "(other than GnRH agonist therapy)": the question takes it in
    if ctx.kind == "inclusion" and qualifies_one_cohort(ctx.low, atom.concept, atom.position):
        atom.review = True  # "..., TNBC, HR+/HER2- breast cancer, or ...": one cohort's marker
    if atom.concept.startswith("prior_") and _PERMISSIVE.search(nearby):
        atom.review = True
    if (
        not atom.review
        and atom.condition is not None
        and not atom.adverse  # an adverse reading near "unless" goes to the study team below
        and atom.concept not in _OWN_PERMISSIONS
        and _in_unless_clause(ctx.low, atom)
    ):
        return _as_permission(ctx, atom)
    if atom.review or atom.concept in _NEVER_REVIEW or not atom.adverse:
        return atom
    unsafe = ctx.kind == "inclusion" and not atom.negated
    if unsafe and atom.condition is not None and population(ctx.low, atom.concept, atom.position):
        # "must be kidney transplant recipients": required; a "yes" is the study team's
        atom.condition = all_of(atom.condition, {"op": "review"})
        atom.rule = f"{atom.rule} and study team"
        unsafe = False
    if atom.concept in _REPRODUCTION:
        nearby = _WHO_IF.sub(" ", nearby)  # "If the patient is a female of childbearing ..."
    permissive = atom.concept not in _OWN_EXCEPTIONS and _PERMISSIVE.search(nearby)
    if permissive and not unsafe and _settled_by_no(ctx, atom):
        # "Untreated or symptomatic brain metastases; treated, stable ones are eligible": the
        # permission only narrows who is excluded, so a "no" settles it; a "yes" is the team's
        if atom.condition is not None and atom.condition.get("op") != "all":
            atom.condition = all_of(atom.condition, {"op": "review"})
            atom.rule = f"{atom.rule} and study team"
        return atom
    if unsafe or permissive:
        atom.review = True
    return atom


def _settled_by_no(ctx: Context, atom: Atom) -> bool:
    """True for a yes/no reading of a finding whose permissions are kinds of that finding
    (`settled_by_no` in rules/exceptions.yaml), read as the excluded state: not having it at
    all settles the criterion whatever the permission allows."""
    excluded_state = ctx.kind == "exclusion" and not atom.negated
    avoided_state = ctx.kind == "inclusion" and atom.negated
    named = settled_by_no().get(atom.concept)
    return (
        named is not None
        and named.match(ctx.low, atom.position) is not None
        and (excluded_state or avoided_state)
        and atom.condition is not None
        and all(_plain_finding(part, atom.concept) for part in _conjuncts(atom.condition))
    )


def _conjuncts(condition: Condition) -> list[Condition]:
    """The parts of an "all" condition, or the condition itself."""
    return list(condition["of"]) if condition.get("op") == "all" else [condition]


def _plain_finding(part: Condition, concept: str) -> bool:
    """A yes leaf of the reading's own fact, or a study-team part."""
    return part.get("op") == "review" or (part.get("op") == "true" and part["fact"] == concept)


def _item_context(ctx: Context, span: tuple[int, int]) -> Context:
    """The context with everything outside one item blanked to spaces (same positions)."""
    low = only_span(ctx.low, span)
    text = only_span(ctx.text, span) if len(ctx.text) == len(ctx.low) else ctx.text
    return replace(ctx, low=low, text=text)


def _read_item(ctx: Context) -> list[Atom]:
    atoms: list[Atom] = []
    for recognizer in RECOGNIZERS:
        atoms.extend(recognizer(ctx))
    kept = _suppress(atoms, ctx.low)
    return [_finish(ctx, atom) for atom in kept if not _not_required(ctx, atom)]


def read_atoms(ctx: Context) -> list[Atom]:
    """Every structured reading of one criterion's text, in reading order; each bullet item of
    an exclusion made of several (bullets.py) read by itself, as the exclusion it is."""
    items = bullet_items(ctx.low, ctx.kind)
    if items is None:
        atoms = _read_item(ctx)
    else:
        atoms = []
        for span in items:
            for atom in _read_item(_item_context(ctx, span)):
                if atom.concept not in {a.concept for a in atoms}:
                    atoms.append(atom)
    platelets = outside_blood_thinner_question().search(ctx.low)
    if not atoms and platelets:
        # "platelet inhibitors that cannot be stopped": no question asks it, the study team does
        atoms = [review_atom("anticoagulant_use", platelets.start())]
    if not atoms:
        atoms = disease.read_fallback_review(ctx)
    return atoms


def _structured(
    criterion: CriterionText, atom: Atom, atom_id: str, confidence: Confidence = "certain"
) -> StructuredCriterion:
    spec = fact_spec(atom.concept)
    base = {"id": atom_id, "kind": criterion.kind, "text": criterion.text, "concept": atom.concept}
    if atom.review or atom.condition is None or spec is None:
        return StructuredCriterion(**base, needs_review=True, condition={"op": "review"})
    condition = negate(atom.condition) if atom.negated else atom.condition
    rule = f"not ({atom.rule})" if atom.negated else atom.rule
    return StructuredCriterion(
        **base,
        question=spec.question,
        answer_type=spec.answer_type,
        rule=rule,
        condition=condition,
        facts=list(dict.fromkeys(atom.facts)),
        confidence=confidence,
    )


# Alternatives in an inclusion ("A or B") and joint conditions in an exclusion ("A and B") are
# not a list of separate requirements: read one by one, each atom is only part of the criterion.
_OR = re.compile(r"\bor\b(?!\s+(?:equal|greater|less|more|older|younger|above|below|higher|lower))")
_AND = re.compile(r"\band\b(?!/)")
_SAMPLES_OR = re.compile(
    r"\b(?:serum|urine|urinary|blood)(?: and/or | or |/)(?:serum|urine|urinary|blood)\b"
)
_PAIRS_OK = {frozenset({"pregnant", "breastfeeding"})}
_OWN_WORDS_REVIEWED = {"life_expectancy"}  # study-team items whose words completeness.yaml lists


# Readings whose own parser accounts for the numbers near them (levels, durations of birth control,
# lesion counts, toxicity grades, test windows that ask nothing of the patient).
_OWN_NUMBERS = {
    "ecog_level", "agrees_to_contraception", "measurable_disease", "recovered_from_side_effects",
    "pregnant", "breastfeeding",
}  # fmt: skip
_TEXT_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?!\w|\.\d)")
_CONDITION_NUMBER = re.compile(r"'(?:value|days)': '?(\d+(?:\.\d+)?)")


# A time span saying how long a treatment was given ("receiving >4 weeks of prior ADT", "more
# than 6 months of androgen deprivation"), which no window of a last dose reads.
_TREATMENT_LENGTH = re.compile(
    r"(?:>|≥|>=|more than|longer than|greater than|at least|over|for|a total of)\s*"
    r"\d+(?:\.\d+)?\s*(?:days?|weeks?|months?|years?)\s+(?:of|on)\s+"
    r"(?!(?:the\s+)?(?:first|start|starting|initiation|enrol|registration|randomi|screening|"
    r"study|day|cycle|consent|signing|treatment start|dosing))"
)
_TRAILING_OR = re.compile(r"\b(?:or|and/or|either)\W*$")


def _numbers_read(ctx: Context, read: Sequence[Atom]) -> bool:
    """Every number in the text is one a reading uses (a limit, or the words of its window)."""
    if any(a.concept in _OWN_NUMBERS for a in read):
        return True
    conditions = " ".join(str(a.condition) for a in read)
    used = {float(n) for n in _CONDITION_NUMBER.findall(conditions)}
    spans = [(w.start, w.start + len(w.words)) for w in windows(ctx.low) if float(w.days) in used]
    for number in _TEXT_NUMBER.finditer(names_blanked(ctx.low)):
        inside = any(start <= number.start() < end for start, end in spans)
        if not inside and float(number.group(0)) not in used:
            return False
    return True


def confidence_of(ctx: Context, atoms: Sequence[Atom]) -> Confidence:
    """certain when the read atoms account for every word of the criterion, else partial."""
    read = [a for a in atoms if not a.review and a.condition is not None]
    if not read:
        return "certain"  # only study-team items: their confidence is "review" anyway
    ctx = replace(ctx, low=set_aside(ctx.low, (a.concept for a in read)))
    if not _numbers_read(ctx, read):
        return "partial"
    if any(_has_window(a) for a in read) and _TREATMENT_LENGTH.search(ctx.low):
        return "partial"  # "> 4 weeks of prior ADT": how long it was given, not how recently
    if ctx.kind == "inclusion" and _TRAILING_OR.search(ctx.low):
        return "partial"  # "..., OR": one alternative, the next criterion is another
    facts = [f for a in read for f in (a.concept, *a.facts, *a.explained)]
    # A study-team item with its own words in the completeness list ("life expectancy of at least
    # 3 months") accounts for them: the study team checks that part, the rest is read whole.
    checked = [a.concept for a in atoms if a.review and a.concept in _OWN_WORDS_REVIEWED]
    if leftover(ctx.low, [*facts, *checked], negated=any(a.negated for a in read)):
        return "partial"
    if other_time(ctx.low, facts):
        return "partial"
    if any(
        a.concept == "ecog_level" and '"in"' in str(a.condition).replace("'", '"') for a in read
    ):
        return "partial"  # levels with a gap ("0 or 2") are more likely a typo than meant
    concepts = frozenset([*(a.concept for a in read), *checked])
    markers = {c for c in concepts if c.endswith("_status") and c != "disease_status"}
    if markers and markers != concepts:
        return "partial"  # a tumour marker beside another reading qualifies it ("ADC (HER2+)")
    if len(concepts) > 1 and concepts not in _PAIRS_OK:
        # "serum and/or urine" joins no two rules
        alternatives = _SAMPLES_OR.sub(" ", ctx.low)
        negated = all(a.negated for a in read)
        if ctx.kind == "inclusion" and _OR.search(alternatives) and not negated:
            return "partial"
        explained = [e for a in read for e in a.explained]
        if ctx.kind == "exclusion" and _AND.search(groups_blanked(ctx.low, explained)):
            return "partial"
    return "certain"


def decisive_when(ctx: Context, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "met" when the only reading of an exclusion is partial just because the criterion is
    broader than its question ("Invasive surgery within 4 weeks" read as a major operation in
    the last 28 days; words in rules/one_sided.yaml): a "yes" then establishes the exclusion."""
    if ctx.kind != "exclusion" or len(atoms) != 1:
        return None
    atom = atoms[0]
    widening = widening_words(atom.concept)
    negated = atom.negated and not (atom.settled and named_by_lack(atom.concept))
    if atom.review or atom.condition is None or negated or not widening:
        return None
    low = set_aside(ctx.low, [atom.concept])
    if not _numbers_read(replace(ctx, low=low), [atom]):
        return None
    # Phrases naming a group broader than the question ("any stem cell or organ transplant"
    # beside the donor-transplant question) count as read for a one-sided reading only.
    broader = [atom.concept, *atom.facts, f"_broader_{atom.concept}"]
    if set(leftover(low, broader, negated=False)) <= widening:
        return "met"
    return "met" if _included_group_read(low, broader, widening) else None


def _narrower_inclusion(ctx: Context, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "not_met" when the only reading of an inclusion is partial just because the criterion is
    narrower than its question ("Radical prostatectomy has been scheduled" read as a planned
    operation; words in rules/one_sided.yaml): a "no" then fails the inclusion."""
    read = [a for a in atoms if not a.review]
    if ctx.kind != "inclusion" or len(read) != 1:
        return None
    atom = read[0]
    narrowing = narrowing_words(atom.concept)
    # phrases that only narrow it ("resectable (T1-3, N0-2, M0)"), their numbers with them
    low = narrowing_blanked(ctx.low, atom.concept)
    # a study-team item read inside such a phrase ("irradiated" of "a measurable lesion that has
    # not been previously irradiated") is no requirement of its own
    if any(low[a.position : a.position + 1].strip() for a in atoms if a.review):
        return None
    phrases = low != ctx.low
    if atom.review or atom.condition is None or atom.negated or not (narrowing or phrases):
        return None
    ctx = replace(ctx, low=low)
    if not _numbers_read(ctx, [atom]):
        return None
    left = set(leftover(ctx.low, [atom.concept, *atom.facts], negated=False))
    if not left:
        return "not_met" if phrases else None
    return "not_met" if left <= narrowing else None


def _broadened(atoms: Sequence[Atom]) -> list[Atom]:
    """The atoms with the phrases naming a group broader than each question counted as read
    (`_broader_<fact>` in rules/completeness.yaml)."""
    return [replace(a, explained=[*a.explained, f"_broader_{a.concept}"]) for a in atoms]


def _broader_decisive(ctx: Context, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "met" for every reading of an exclusion that would be read whole if the phrases naming a
    group broader than each question were its own words ("Pregnant, possibly pregnant, or
    lactating patients"; "Inability to swallow and retain study treatment"): each reading then
    catches only patients the criterion excludes, so a "yes" to any one excludes."""
    # a study-team item beside them ("or a man who plans to father a child" as birth control)
    # reads nothing: its words still count as left over
    read = [a for a in atoms if not a.review]
    if ctx.kind != "exclusion" or not read or any(a.condition is None for a in read):
        return None
    if not any(names_broader(a.concept) for a in read):
        return None
    return "met" if confidence_of(ctx, _broadened(atoms)) == "certain" else None


# "X, including participants who are on antimicrobial agents for an active infection": the
# group after "including" is part of the excluded one, so a question catching only that group
# excludes on a "yes" whatever X says. Never with an exception or a permission in the text.
_INCLUDING = re.compile(r"\bincluding(?:,? but not limited to)?[,:]?\s+((?!but not)[^.;:]+)")
_NOT_INCLUDED = re.compile(
    r"\b(?:except|excluding|unless|other than|provided|eligible|allowed|permitted)\b"
)


def _included_group_read(low: str, facts: list[str], widening: frozenset[str]) -> bool:
    """True when the clause after "including" names a group the reading's question asks
    about, or a broader one (every word left over in it is a widening word of the fact)."""
    found = list(_INCLUDING.finditer(low))
    if len(found) != 1 or _NOT_INCLUDED.search(low):
        return False
    start, end = found[0].span(1)
    clause = " " * start + low[start:end] + " " * (len(low) - end)
    if re.search(r"\d", low[start:end]) or not leftover(clause, [], negated=False):
        return False  # a number nobody read, or nothing but filler words
    return set(leftover(clause, facts, negated=False)) <= widening


def _context(criterion: CriterionText, study_drugs: Sequence[str]) -> Context:
    text = normalize(criterion.text)
    return Context(text=text, low=text.lower(), kind=criterion.kind, study_drugs=tuple(study_drugs))


# A sentence that explains a rule ("Because no dosing data are available ... in patients < 18
# years of age, children are excluded") is not read for rules of its own (its "< 18 years" is no
# drug window), nor counted for completeness: it never asks anything of the patient. A reason
# given after a comma ("Known brain metastases, because they are often associated with ...")
# runs to the end of its sentence or to a colon that opens a list ("Any of the following, because
# ...: - Pregnant persons ...") or to a sub-item of its own under the limit it explains ("Age >= 18
# years\n- Because no dosing data ..."); "because of" names a cause, which narrows, and is kept.
# A "because" sentence that asks something ("..., breastfeeding should be discontinued", "...,
# men must agree to use contraception", "..., patients will be excluded unless ...") is read as
# usual; "children are excluded" only repeats the age limit.
_REASON = (
    r"(?:^|(?<=[.;] )|(?<=, )|(?<=this study )|(?<=the study )|(?<=this trial )|(?<=excluded )|"
    r"(?<=\n)|(?<=\n- )|(?<=\n\* )|(?<= - )|(?<= \u2013 ))"
    r"because\b(?! of)"
    r"(?![^.;]*\b(?:must|should|shall|required|need to|agree|"
    r"(?<!children )(?<!minors )(?<!younger patients )(?<!younger participants )"
    r"(?:will be|are|is) (?:excluded|ineligible|not eligible)))"
    r"(?:[^.;:]*(?:[.;]|$)|[^.;:]*(?=:))"
)
_REASON_SENTENCE = Anchored(_REASON)


# "Age >= 18 and <= 75. - Pediatric participants were excluded as PMP is a disease that affects
# adults. Participants > 75 years of age are excluded as they are beyond the commonly accepted
# transplantability criteria.": a later sentence of an inclusion saying which ages are excluded,
# and why, only restates the age limit before it. Set aside only when every number in it is one
# of the limit's own.
_RESTATED_AGE = re.compile(
    r"(?:(?<=[.;] )|(?<=\n))(?:- )?[^.;\n]*?\b(?:pa?ediatric|children|minors|adolescents|"
    r"(?:participants|patients|subjects|people|persons) (?:aged? )?(?:[<>≤≥]=?|older than|"
    r"younger than|over|under|above|below) ?\d+ (?:years|yrs))[^.;\n]*?\b(?:are|were|is|will be) "
    r"excluded (?:as|since|because)\b[^.;\n]*[.;]?"
)


def _restated_ages_blanked(low: str, kind: str) -> str:
    """The lowercased inclusion with the sentences restating its age limit blanked (above)."""
    if kind != "inclusion" or "excluded" not in low:
        return low
    out = low
    for match in _RESTATED_AGE.finditer(low):
        rest = low[: match.start()] + low[match.end() :]
        if set(re.findall(r"\d+", match.group(0))) <= set(re.findall(r"\d+", rest)):
            out = out[: match.start()] + " " * len(match.group(0)) + out[match.end() :]
    return out


def _reasons_removed(criterion: CriterionText) -> CriterionText:
    """The criterion without its explaining sentences (they never state an exclusion)."""
    low = criterion.text.lower()
    blanked = _restated_ages_blanked(low, criterion.kind)
    if blanked != low and len(low) == len(criterion.text):
        pairs = zip(criterion.text, blanked, strict=True)
        kept = "".join(" " if b == " " else c for c, b in pairs)
        criterion = criterion.model_copy(update={"text": kept})
    if "because" not in criterion.text.casefold():  # every reason says it (any letter case)
        return criterion
    text = re.sub(_REASON, "", criterion.text, flags=re.I)
    return criterion if text == criterion.text else criterion.model_copy(update={"text": text})


def _without_reasons(ctx: Context) -> Context:
    """The context with explaining sentences blanked to spaces (same length)."""
    # sentences that ask nothing first: a reason blanked before them takes their full stop
    blank = _REASON_SENTENCE.sub(
        lambda m: " " * len(m.group(0)),
        _restated_ages_blanked(asks_nothing_blanked(ctx.low, ctx.kind), ctx.kind),
    )
    if blank == ctx.low:
        return ctx
    if len(ctx.text) != len(ctx.low):
        return replace(ctx, low=blank)
    pairs = zip(ctx.text, blank, strict=True)
    return replace(ctx, text="".join(kept if kept_low != " " else " " for kept, kept_low in pairs),
                   low=blank)  # fmt: skip


def _read(criterion: CriterionText, study_drugs: Sequence[str]) -> list[StructuredCriterion]:
    ctx = _context(criterion, study_drugs)
    if META.search(ctx.low):
        # Recognized, never asked: it only sums up the other criteria (the checker says so).
        return [StructuredCriterion(id=criterion.id, kind=criterion.kind, text=criterion.text,
                                    concept="meta", rule="sums up the other requirements",
                                    needs_review=True, condition={"op": "meta"})]  # fmt: skip
    ctx, thresholds = _without_reasons(ctx), read_thresholds(ctx.low)
    atoms = read_atoms(ctx)
    if not atoms:
        return [StructuredCriterion(id=criterion.id, kind=criterion.kind, text=criterion.text,
                                    needs_review=True, condition={"op": "review"},
                                    thresholds=thresholds)]  # fmt: skip
    confidence = confidence_of(ctx, atoms)
    one_sided = (
        decisive_when(ctx, atoms)
        or _broader_decisive(ctx, atoms)
        or _narrower_inclusion(ctx, atoms)
        if confidence == "partial"
        else None
    )
    ids = (
        [criterion.id]
        if len(atoms) == 1
        else [f"{criterion.id}{_suffix(i)}" for i in range(len(atoms))]
    )
    read = []
    for atom, atom_id in zip(atoms, ids, strict=True):
        own, decisive = _atom_confidence(ctx, atom, confidence)
        if own == "certain" and (atom.denied or atom.never_certain):
            own = "partial"  # "No measurable disease" (an exclusion): a "no" is flagged only
        if own == "certain" and narrowed(ctx.low, atom.concept, atom.position):
            own = "partial"  # "radiation pneumonitis": a "yes" is for the study team
        if own == "partial" and (
            _own_sentence_certain(ctx, atom, atoms)
            or _before_alternatives_certain(ctx, atom, atoms)
            or _own_conjunct_certain(ctx, atom, atoms)
        ):
            own = "certain"
        if own != "certain" and whole_only(atom.concept) and one_sided != "met":
            atom.review = True  # "able to follow the plan" is no answer to the rest of the words
        item = _structured(criterion, atom, atom_id, own)
        if item.confidence == "partial" and not (
            _has_window(atom) and _TREATMENT_LENGTH.search(ctx.low)
        ):  # "> 4 weeks of prior ADT" is how long, never how recently: no window decides
            decisive = (
                decisive
                or one_sided
                or _own_clause_decisive(ctx, atom, atoms)
                or _catch_all_decisive(ctx, atom)
                or _item_decisive(ctx, atom, atoms)
                or _first_alternative_decisive(ctx, atom, atoms)
                or _closed_alternative_decisive(ctx, atom, atoms)
                or _list_item_decisive(ctx, atom)
                or _example_decisive(ctx, atom)
                or _exception_elsewhere_decisive(ctx, atom, atoms)
                or _other_drug_permission_decisive(ctx, atom, atoms)
                or ("met" if _item_past_others_permission(ctx, atom, atoms) else None)
                or _bullet_item_decisive(ctx, atom, atoms)
                or _open_join_decisive(ctx, atom, atoms)
                or _listed_washout_decisive(ctx, atom)
                or _spread_beyond_decisive(ctx, atom)
                or _response_decisive(ctx, atom)
                or _who_alternative_decisive(ctx, atom, atoms)
                or _ruled_out_decisive(ctx, atom)
            )
        else:
            decisive = None
        read.append(item.model_copy(update={"thresholds": thresholds, "decisive_when": decisive}))
    return read


# An exclusion list of clauses joined by semicolons ("Pregnant females; breastfeeding females;
# males ... not using contraception ..."): each clause is one way to be excluded. A reading that
# accounts for every word of its own clause is decisive when met even if another clause is only
# partly read. Not when a clause could qualify the others: a colon (a heading or a shared
# condition), a time window in another clause ("MI; stroke within 6 months"), an exception or
# a permission anywhere.
# The same for the last alternative after ", or" when it starts a fresh phrase of its own ("Active
# hepatitis B or C, or known HIV-positivity or AIDS-related illness": "active" is no word of the
# HIV clause); without such a start a leading qualifier may reach it ("Active hepatitis B, or HIV").
_CLAUSE_SEP = re.compile(r";")
_LAST_ALTERNATIVE = re.compile(
    r",\s+(?:or|and/or)\s+(?=(?:a |any )?(?:known|history of|prior|previous|documented|"
    r"diagnosed|positive)\b)"
)
# "such as" opens examples of its own clause ("cardiovascular disease, such as uncontrolled
# arrhythmia ...; or a history of myocardial infarction ... within 6 months"): it qualifies no
# other clause (the clause it stands in is still checked with it).
_SUCH_AS = re.compile(r"\bsuch as\b")
_SHARED_QUALIFIER = re.compile(
    r"\b(?:except|excluding|unless|other than|however|provided|eligible|allowed|permitted|"
    r"following|above|these|such)\b|:"
)


def _own_clause_decisive(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "met" when `atom` is read whole from its own semicolon clause of an exclusion list, from
    a last ", or" alternative that starts a fresh phrase, or (pregnancy, breastfeeding) from its
    own sentence."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    cuts = _clause_cuts(ctx, atom, atoms)
    if cuts is None:
        return None
    clauses = list(itertools.pairwise(cuts))
    start, end = next((a, b) for a, b in clauses if a <= atom.position < b)
    if _SHARED_QUALIFIER.search(ctx.low[start:end]):
        return None
    for a, b in clauses:
        # A time span in another clause may qualify this one, unless a reading of that clause
        # whose own parser reads its spans claims it (birth control "for 5 months after").
        owners = {x.concept for x in atoms if a <= x.position < b}
        if (a, b) != (start, end) and windows(ctx.low[a:b]) and not owners & _OWN_NUMBERS:
            return None
    low = " " * start + ctx.low[start:end] + " " * (len(ctx.low) - end)
    mine = [a for a in atoms if start <= a.position < end]
    own = replace(ctx, low=low)
    here = {float(n) for n in _TEXT_NUMBER.findall(low)} | {float(w.days) for w in windows(low)}
    # "...; or a history of myocardial infarction, unstable angina, or acute coronary syndrome
    # within 6 months": one item of the clause's own any-of list, read whole
    used = {float(n) for n in _CONDITION_NUMBER.findall(str(atom.condition))}
    item = _item_decisive(own, atom, mine) if used <= here else None
    if any(a.review or a.condition is None for a in mine):
        return item
    used = {float(n) for n in _CONDITION_NUMBER.findall(" ".join(str(a.condition) for a in mine))}
    if not used <= here:
        return item
    if any(names_broader(a.concept) for a in mine):
        mine = _broadened(mine)
    return "met" if confidence_of(own, mine) == "certain" else item


def _bullet_item_decisive(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "met" when `atom` is read whole, with the other readings of its item, from its own bullet
    item of an exclusion made of several (bullets.py); never with an exception or a permission
    anywhere in the text, which may reach across the items."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    items = bullet_items(ctx.low, ctx.kind)
    if items is None or _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    span = next(s for s in items if s[0] <= atom.position < s[1])
    mine = [a for a in atoms if span[0] <= a.position < span[1]]
    if any(a.review or a.condition is None or a.negated for a in mine):
        return None
    if any(names_broader(a.concept) for a in mine):
        mine = _broadened(mine)
    own = replace(ctx, low=only_span(ctx.low, span))
    return "met" if confidence_of(own, mine) == "certain" else None


def _open_join_decisive(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "not_met" for the any-of of earlier treatments an inclusion lists with an open join ("a
    platinum agent, PD1 or PDL1 agent": any one, or one with the other; treatments.py), read
    whole but for that join: a "no" to every one fails it either way."""
    if ctx.kind != "inclusion" or not atom.never_certain or atom.negated or atom.review:
        return None
    condition = atom.condition or {}
    leaves = condition.get("of") or []
    if condition.get("op") != "any" or not all(
        leaf.get("op") == "true" and str(leaf.get("fact", "")).startswith("prior_")
        for leaf in leaves
    ):
        return None
    return "not_met" if confidence_of(ctx, atoms) == "certain" else None


def _catch_all_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "met" when an exclusion has an alternative naming the whole group the atom's question asks
    about ("..., or any other condition that might affect the absorption of palbociclib"), with
    no exception or permission anywhere in the text."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    return "met" if names_catch_all(ctx.low, atom.concept) else None


_OTHER_ITEM = re.compile(r"(?:any |all )?other\b")


def _item_decisive(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> DecisiveWhen | None:
    """ "met" when `atom` reads one item of an any-of exclusion whole, with the words the list
    shares ("Myocardial infarction, stroke, or uncontrolled arrhythmia within 6 months": a heart
    attack in the last 182 days excludes though the arrhythmia is read only in part; any_of.py).
    Never for a reading in an unless-clause, a negated or study-team one."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if _PERMISSIVE.search(ctx.low) or "'review'" in str(atom.condition):
        return None
    # an item given as an example of the group before it ("Serious infection, including HIV or
    # tuberculosis") is an instance of that group, qualifiers and all: it decides only as an
    # example does (_example_decisive), so "ever had TB" never excludes for a TB now
    if atom.concept not in EXAMPLE_FACTS and _in_example_list(ctx.low, atom.position):
        return None
    first = min(atoms, key=lambda a: a.position)

    def first_left(text: str) -> list[str]:
        return leftover(text, [first.concept, *first.facts, *first.explained])

    mine = _broadened([atom]) if names_broader(atom.concept) else [atom]
    positions = [a.position for a in atoms]
    # The reading's own item first, then the others: "major surgery, chemotherapy, radiotherapy
    # or other anti-cancer therapy within 21 days" reads the any-cancer-medicine question at
    # "chemotherapy" (narrower than the question), but its last item is that question whole.
    # Another item is tried only when it is an "other ..." catch-all no reading starts in.
    starts = item_starts(ctx.low, atom.position)
    ends = [*starts[1:], len(ctx.low)][: len(starts)]
    unread = [
        a
        for a, b in zip(starts, ends, strict=True)
        if _OTHER_ITEM.match(ctx.low, a) and not any(a <= p < b for p in positions)
    ]
    for start in [atom.position, *unread]:
        low = item_text(ctx.low, start, positions, first_left)
        if low is None:
            return None
        if confidence_of(replace(ctx, low=low), mine) == "certain":
            return "met"
    return None


# "Major surgery within 4 weeks of the start of study therapy or postoperative complications
# preventing the participant from adhering to protocol assessments and procedures": the first
# alternative of a one-sentence exclusion, closed by its own time window and followed by "or" and
# words of their own, is one way to be excluded. A reading that accounts for every word before
# the "or" excludes on a "yes" though what follows is only partly read. Never when words after
# the "or" may reach back over the window (a relative clause, a judgement, an exception, a
# second window bound "or 5 half-lives", a phrase after a comma), nor with a permission.
_ALTERNATIVE_JOIN = re.compile(
    r",?\s+(?:or|and/or)\s+(?![<>≤≥=\d]|(?:one|two|three|four|five|six|eight|ten|twelve|equal|"
    r"greater|less|more|longer|fewer|after|during)\b)"
)
_REACHES_BACK = re.compile(
    r"\b(?:that|which|who|whom|whose|opinion|investigators?|judg\w*|deemed|considered|if|unless|"
    r"except|excluding|other than|provided|whichever|half[- ]li\w*|both|all of|combined|"
    r"combination|together|respectively|these|those|such|above|either)\b|[;:]"
    # a phrase after a comma may close the whole list ("..., or radiation-related toxicities,
    # requiring corticosteroids"); only another alternative may follow one
    r"|,(?!\s*(?:or|and/or)\b)"
)


def _first_alternative_decisive(
    ctx: Context, atom: Atom, atoms: Sequence[Atom]
) -> DecisiveWhen | None:
    """ "met" when `atom` reads the whole first alternative of an exclusion, closed by its own
    window and an "or" (see _ALTERNATIVE_JOIN, _REACHES_BACK)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if not _has_window(atom) or "'review'" in str(atom.condition):
        return None
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    if _SENTENCE_END.search(ctx.low.rstrip(" .")):
        return None  # one sentence: another may qualify this one
    found = windows(ctx.low)
    own = next((w for w in found if w.start >= atom.position), None)
    if own is None or any(w.start < atom.position for w in found):
        return None
    join = _ALTERNATIVE_JOIN.search(ctx.low, own.start + len(own.words))
    if join is None or _REACHES_BACK.search(ctx.low, join.end()):
        return None
    before = ctx.low[: join.start()]
    if before.count("(") != before.count(")") or before.count("[") != before.count("]"):
        return None  # the "or" stands inside brackets
    mine = [a for a in atoms if a.position < join.start()]
    if any(a.review or a.condition is None or a.negated for a in mine):
        return None
    low = before + " " * (len(ctx.low) - join.start())
    return "met" if confidence_of(replace(ctx, low=low), mine) == "certain" else None


# "Subjects must not have unstable angina (anginal symptoms at rest) or new-onset angina within
# the last 3 months or myocardial infarction within the past 6 months or a history of
# myocarditis": a later alternative of an exclusion, opened by an "or" right after the window that
# closes the alternative before it, and closed by its own window and an "or" (or the end of its
# sentence), is one way to be excluded too. A reading that accounts for every word of it excludes
# on a "yes". The same limits as for the first alternative (_first_alternative_decisive): never
# when words after it may reach back, nor with a permission or an exception anywhere.
def _closed_alternative_decisive(
    ctx: Context, atom: Atom, atoms: Sequence[Atom]
) -> DecisiveWhen | None:
    """ "met" when `atom` reads a whole alternative between two windows' "or"s (see above)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if not _has_window(atom) or "'review'" in str(atom.condition):
        return None
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(ctx.low)), len(ctx.low)]
    start, end = next((a, b) for a, b in itertools.pairwise(cuts) if a <= atom.position < b)
    found = [w for w in windows(ctx.low) if start <= w.start < end]
    opening = [
        j for j in _ALTERNATIVE_JOIN.finditer(ctx.low, start, atom.position + 1)
        if j.end() <= atom.position
    ]  # fmt: skip
    if not opening:
        return None
    join = opening[-1]
    if leftover(ctx.low[join.end() : atom.position], []):
        return None  # words of another alternative between the "or" and the reading
    before = next((w for w in reversed(found) if w.start < join.start()), None)
    if before is None or ctx.low[before.start + len(before.words) : join.start()].strip(" ,"):
        return None  # the alternative before is not closed by its own window
    own = next((w for w in found if w.start >= atom.position), None)
    if own is None:
        return None
    close = own.start + len(own.words)
    after = _ALTERNATIVE_JOIN.search(ctx.low, close, end)
    if after is not None:
        if _REACHES_BACK.search(ctx.low, after.end(), end):
            return None
        stop = after.start()
    elif ctx.low[close:end].strip(" .;"):
        return None
    else:
        stop = end
    segment = ctx.low[join.end() : stop]
    if segment.count("(") != segment.count(")") or segment.count("[") != segment.count("]"):
        return None
    mine = [a for a in atoms if join.end() <= a.position < stop]
    if any(a.review or a.condition is None or a.negated for a in mine):
        return None
    low = " " * join.end() + segment + " " * (len(ctx.low) - stop)
    return "met" if confidence_of(replace(ctx, low=low), mine) == "certain" else None


# "Prior therapy with: second generation anti-androgens (e.g., enzalutamide, apalutamide and
# darolutamide) < 3 months before randomization; CYP17 inhibitors (e.g., abiraterone acetate,
# ...) < 3 months before randomization; ketoconazole (short duration ... (<28 days) is
# permitted); ...": each item after the head is one way to be excluded, with its own window and
# its own permissions. A drug reading that accounts for every word of its item with the head
# (a class the drug is an example of counts as read: rules/completeness.yaml `_example_class`)
# excludes on a "yes". Never for an item with an exception, a permission or an "and" outside
# brackets (a combination), nor when another item's permission or exception names the drug.
_LIST_EVENTS = {"last_radiotherapy"}  # an item naming radiotherapy with its own window
_JOINT = re.compile(r"\b(?:and|both|plus|combined|combination|together|followed by)\b")


def _list_item_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "met" when `atom` reads one item of a "Prior therapy with:" list whole (see above)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    listed = atom.concept.startswith("prior_") or atom.concept in _LIST_EVENTS
    if not listed or "'review'" in str(atom.condition):
        return None
    span = treatments.list_item_span(ctx.low, atom.position)
    head = treatments.list_head_end(ctx.low)
    if span is None or head is None:
        return None
    start, end = span
    item = ctx.low[start:end]
    if _qualified(item) or _JOINT.search(_PARENTHESES.sub(" ", item)):
        return None
    slug = atom.concept.removeprefix("prior_")
    for a, b in _list_items(ctx.low, head):
        other = ctx.low[a:b]
        named = {s for _, s in (*find_drugs(other), *find_classes(other))}
        if (a, b) != span and _qualified(other) and slug in named:
            return None
    low = ctx.low[:head] + " " * (start - head) + item + " " * (len(ctx.low) - end)
    mine = [replace(atom, explained=[*atom.explained, "_example_class"])]
    own = replace(ctx, low=low)
    if confidence_of(own, mine) == "certain":
        return "met"
    # an item broader than its question alone ("an EGFR-TKI within 8 days or approximately 5 x
    # t1/2 ..., whichever is longer"): a "yes" within the window establishes it all the same
    return decisive_when(own, mine)


# "Known prior or current history of HIV and/or hepatitis B/C, with the exception of patients who
# have been successfully treated for hepatitis B/C": the one exception closes the criterion and
# names another item of the list (what the recognizers read in it), never this reading's own;
# the reading's item, cut before the next item, is read whole, and every word before the
# exception left unread is one the exception names too (its item's words, "b/c"). Then a "yes"
# to this item excludes whatever the exception says of the other.
_EXCEPTION_OPEN = re.compile(r",?\s*\b(?:with the exception of|except(?: for)?|excluding)\b")


def _exception_elsewhere_decisive(
    ctx: Context, atom: Atom, atoms: Sequence[Atom]
) -> DecisiveWhen | None:
    """ "met" when the criterion's only exception is about another item of its list (above)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    cues = list(_EXCEPTION_OPEN.finditer(ctx.low))
    if len(cues) != 1 or atom.position > cues[0].start():
        return None
    cue = cues[0]
    head, clause = ctx.low[: cue.start()], ctx.low[cue.end() :]
    if _PERMISSIVE.search(head):
        return None
    later = [a.position for a in atoms if atom.position < a.position < cue.start()]
    others = [a for a in atoms if a is not atom and not a.review and a.position < cue.start()]
    if not later or not others or any(a.position > cue.start() for a in atoms):
        return None
    named = {a.concept for a in read_atoms(replace(ctx, text=clause, low=clause))}
    if atom.concept in named or not named & {a.concept for a in others}:
        return None
    facts = [f for a in [atom, *others] for f in (a.concept, *a.facts, *a.explained)]
    if not set(leftover(head, facts)) <= set(leftover(clause, [])):
        return None
    own = ctx.low[: min(later)] + " " * (len(ctx.low) - min(later))
    return "met" if confidence_of(replace(ctx, low=own), [atom]) == "certain" else None


# "Prior therapy with taxanes, vinca alkaloids, eribulin, ixabepilone, or platinum. Doxorubicin
# is allowed (>= 2 week washout period required).": a permission sentence naming only medicines
# none of which is a listed one grants nothing to the list. The list read whole without it
# excludes on a "yes" to any listed medicine; a "no" still leaves the other medicine's note to
# the study team (its washout is not read).
def _other_drug_permission_decisive(
    ctx: Context, atom: Atom, atoms: Sequence[Atom]
) -> DecisiveWhen | None:
    """ "met" when the exclusion's only permissions are other medicines' (above)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if not atom.concept.startswith("prior_") or "'review'" in str(atom.condition):
        return None
    slug = atom.concept.removeprefix("prior_")
    low = other_drug_permissions_blanked(ctx.low, slug, atom.position, _PERMISSIVE)
    if low == ctx.low or _qualified(low):
        return None
    kept = [a for a in atoms if low[a.position] != " "]
    if any(a.review or a.condition is None or a.negated for a in kept):
        return None
    return "met" if confidence_of(replace(ctx, low=low), kept) == "certain" else None


# "Has known active CNS metastases and/or carcinomatous meningitis. Participants with previously
# treated brain metastases may participate provided they are clinically stable ...": the
# permission says which brain metastases count as not active, and it reaches brain metastases
# only (rules/misreadings.yaml `permission_not_reaching`). The lining, named as the last item
# after the brain item with its own term, then excludes on a "yes" whatever qualifies the brain
# item. Left partial (earlier labels read such a criterion as the brain question's alone): a
# "yes" to the lining establishes the exclusion, a "no" leaves it to the study team.
_ITEM_JOIN = re.compile(r"(?:,\s*(?:(?:and/)?or\s+)?|\s+(?:and/or|or)\s+)")


def _item_past_others_permission(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> bool:
    """True when the exclusion's only permissions name a condition that grants `atom`'s
    nothing, and `atom` reads its own last item of the list after that condition whole."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return False
    low = _others_permissions_blanked(ctx.low, atom)
    if low == ctx.low or _qualified(low):
        return False
    if not permission_not_reaching(atom.concept) & {a.concept for a in atoms}:
        return False
    sentence = next(
        (m.span() for m in _SENTENCE.finditer(low) if m.start() <= atom.position < m.end()), None
    )
    if sentence is None:
        return False
    # the item right before the lining's own term: the words between are only a join
    joins = [
        j for j in _ITEM_JOIN.finditer(low, sentence[0], atom.position) if j.end() == atom.position
    ]
    if not joins or not leftover(low[sentence[0] : joins[-1].start()], []):
        return False
    own = " " * joins[-1].end() + low[joins[-1].end() :]
    return confidence_of(replace(ctx, low=own), [atom]) == "certain"


def _qualified(text: str) -> bool:
    """A permission or an exception in the text."""
    return bool(_PERMISSIVE.search(text) or _EXCEPTION.search(text))


def _list_items(low: str, head: int) -> list[tuple[int, int]]:
    """Every item span of a "Prior therapy with:" list whose head ends at `head`."""
    spans: list[tuple[int, int]] = []
    position = head
    while position < len(low):
        span = treatments.list_item_span(low, position)
        if span is None:
            break
        spans.append(span)
        position = span[1]
    return spans


# "Significant cardiovascular disease, such as myocardial infarction, unstable angina, arterial
# thrombosis, cerebrovascular accident within 6 months prior to C1D1, ...": every item after
# "such as" / "including" is an instance of what excludes, whatever qualifies the group before
# it. An item read whole (or with only the words that widen it beside its question) excludes on
# a "yes". An item with no window of its own followed by a window later in its sentence
# ("myocardial infarction, ..., cerebrovascular accident within 6 months") excludes within that
# window either way: the window is the whole list's or only a later item's (then any time
# excludes). Only for the illnesses listed in rules/any_of.yaml `example_facts`; never with an
# exception, a permission or a judgement ("that would limit compliance") in the list.
_GIVEN_EXAMPLE = re.compile(r"\b(?:e\.g\.|eg\.|for example)[,:]?\s+$")
_EXAMPLES = re.compile(
    r"\b(?:including(?:,? but not limited to)?|such as|e\.g\.|eg\.|for example)[,:]?\s+(?!but not)"
)


def _in_example_list(low: str, position: int) -> bool:
    """True when `position` of the criterion's text lies in an example list (see _EXAMPLES)."""
    spans = (example_span(low, m.end()) for m in _EXAMPLES.finditer(low))
    return any(start <= position < end for start, end in spans)


def _example_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "met" when `atom` reads one item of an example list of an exclusion whole (see
    _EXAMPLES), with the first window after it when the item has none of its own."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None or atom.negated:
        return None
    if atom.concept not in EXAMPLE_FACTS:
        return None
    if _NOT_INCLUDED.search(ctx.low) or _PERMISSIVE.search(ctx.low):
        return None
    span = next(
        (s for s in (example_span(ctx.low, m.end()) for m in _EXAMPLES.finditer(ctx.low))
         if s[0] <= atom.position < s[1]),
        None,
    )  # fmt: skip
    if span is None:
        return None
    start, end = span
    # "Active infection (e.g., HIV) requiring treatment": words after the bracket qualify every
    # example; only a bracket that closes its sentence names plain instances
    given = _GIVEN_EXAMPLE.search(ctx.low, max(0, start - 16), start)
    tail = ctx.low[end + 1 :].split(". ", 1)[0]
    if given and ctx.low[end : end + 1] == ")" and re.search(r"[a-z0-9]", tail):
        return None
    items = example_items(ctx.low, start, end)
    index = next((i for i, (a, b) in enumerate(items) if a <= atom.position < b), None)
    if index is None or opening_reaches(ctx.low, items, index):
        return None
    a, b = items[index]
    low = " " * a + ctx.low[a:b] + " " * (len(ctx.low) - b)
    used = {float(n) for n in _CONDITION_NUMBER.findall(str(atom.condition))}
    if not {float(n) for n in _TEXT_NUMBER.findall(names_blanked(low))}:
        # a window before the list may be the item's ("significant cardiac disease within 6
        # months prior to starting treatment such as ... congestive heart failure")
        head = max(ctx.low.rfind(mark, 0, a) for mark in (". ", ";", "\n"))
        if any(w.start >= head for w in windows(ctx.low[:a])):
            return None
        sentence = _SENTENCE_END.search(ctx.low, b)
        stop = sentence.start() if sentence else len(ctx.low)
        later = [w for w in windows(ctx.low[:stop]) if w.start >= b]
        if later and (later[0].at_least or {float(later[0].days)} != used):
            return None
        if not later and used:
            return None
    elif not _numbers_read(replace(ctx, low=low), [atom]):
        return None
    # the item's words: the reading's own, or words that only widen it beside its question
    # ("ongoing or active infection" beside the infection-needing-medicine question)
    broader = [atom.concept, *atom.facts, *atom.explained, f"_broader_{atom.concept}"]
    if other_time(low, broader):
        return None
    left = set(leftover(set_aside(low, [atom.concept]), broader))
    return "met" if left <= widening_words(atom.concept) else None


# A sentence that names pregnancy or breastfeeding excludes on its own: the sentences after it
# add who must use birth control or how pregnancy is tested ("Pregnant or lactating women. Women
# of childbearing potential must have a negative serum pregnancy test ..."), never narrow it,
# unless an exception or permission is anywhere in the text.
_SENTENCE_END = re.compile(r"(?<!e\.g)(?<!i\.e)\.\s+")
_OWN_SENTENCE = {"pregnant", "breastfeeding"}
_EXCEPTION = re.compile(r"\b(?:except|excluding|unless|other than|however|provided|only)\b")


def _clause_cuts(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> list[int] | None:
    """Where the clauses of an exclusion start and end, or None when `atom` has no clause of
    its own (see _own_clause_decisive)."""
    if _PERMISSIVE.search(ctx.low):
        return None
    if len(atoms) > 1 and not _SHARED_QUALIFIER.search(_SUCH_AS.sub(" ", ctx.low)):
        if ";" in ctx.low:
            return [0, *(m.end() for m in _CLAUSE_SEP.finditer(ctx.low)), len(ctx.low)]
        last = [m.end() for m in _LAST_ALTERNATIVE.finditer(ctx.low)][-1:]
        if last and atom.position >= last[0]:
            return [0, last[0], len(ctx.low)]
    ends = [m.end() for m in _SENTENCE_END.finditer(ctx.low)]
    if atom.concept in _OWN_SENTENCE and ends and not _EXCEPTION.search(ctx.low):
        return [0, *ends, len(ctx.low)]
    return None


# An inclusion of sentences each a requirement of its own ("Children between 4 and 18 years of
# age at first diagnosis ... Children must have a body weight >= 20 kg."): a reading that
# accounts for every word of its own sentence may fail the inclusion though another sentence is
# only partly read, when the sentence states the requirement ("must") and no sentence can widen
# or qualify another (an exception, a permission, an alternative, a note, a colon).
_REQUIREMENT = re.compile(r"\b(?:must|should|required|requires?)\b")
# "If woman of childbearing potential (WOCBP), must utilize highly effective contraception": an
# "if" naming who its own sentence is for widens no other sentence.
_WIDENS = re.compile(
    r"\b(?:or|either|except|excluding|unless|other than|however|provided|only|note|these|"
    r"this|such|those|above|below|otherwise|alternatively|instead|may|can)\b|:"
    r"|\bif\b(?! (?:a |the )?(?:wom[ae]n|females?|wocbp|fcbp|males?|m[ae]n)\b)"
)


# Alternatives inside parentheses name a detail of their own phrase ("negative pregnancy test
# (serum or urine)"); an exception there still counts.
_LOCAL_ALTERNATIVE = re.compile(r"\b(?:or|either)\b")


def _widens(low: str) -> bool:
    """Whether a word of `low` may widen or qualify another sentence (see _WIDENS)."""
    inside = "".join(m.group(0) for m in _PARENTHESES.finditer(low))
    return bool(_WIDENS.search(_PARENTHESES.sub(" ", low))) or bool(
        _WIDENS.search(_LOCAL_ALTERNATIVE.sub(" ", inside))
    )


_OPENS_REQUIREMENT = re.compile(
    r"\s*(?:(?:the )?(?:patients?|participants?|subjects?) )?(?:must|should)\b"
)


def _local_alternatives_blanked(low: str, cuts: Sequence[int]) -> str:
    """`low` with the alternatives inside a later sentence opening on its requirement blanked:
    "Must have a documented failure to achieve a partial response ... or documented progressive
    disease" offers a choice within its own requirement, never one to another sentence. A
    sentence naming something else first ("The measurable disease must be outside the radiation
    portal or ...") may still qualify another."""
    out = list(low)
    for start, end in itertools.pairwise(cuts):
        if not start or not _OPENS_REQUIREMENT.match(low, start, end):
            continue
        for found in _LOCAL_ALTERNATIVE.finditer(low, start, end):
            out[found.start() : found.end()] = " " * (found.end() - found.start())
    return "".join(out)


def _own_sentence_certain(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> bool:
    """True when `atom` of an inclusion is read whole from its own requirement sentence (see
    _REQUIREMENT, _WIDENS)."""
    # "Female patients must be non-pregnant and not breastfeeding." is a requirement
    # sentence of its own too
    negated = atom.negated and atom.concept not in _OWN_SENTENCE
    if ctx.kind != "inclusion" or atom.review or atom.condition is None or negated:
        return False
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(ctx.low)), len(ctx.low)]
    if len(cuts) < 3:
        return False
    if _PERMISSIVE.search(ctx.low) or _widens(_local_alternatives_blanked(ctx.low, cuts)):
        return False
    start, end = next((a, b) for a, b in itertools.pairwise(cuts) if a <= atom.position < b)
    # the opening sentence of an inclusion is its requirement, with or without a "must"
    # ("Previously treated with >= 1 line of systemic therapy including anti-CD20 agent.")
    if start and not _REQUIREMENT.search(ctx.low, start, end):
        return False
    mine = [a for a in atoms if start <= a.position < end]
    if any(a.review or a.condition is None for a in mine):
        return False
    low = " " * start + ctx.low[start:end] + " " * (len(ctx.low) - end)
    return confidence_of(replace(ctx, low=low), mine) == "certain"


# "Prior radiotherapy, immunotherapy, or chemotherapy must have been completed at least 4 weeks
# prior to patient entry on this study (6 weeks if treated with mitomycin-c or nitrosoureas) and
# patients must have recovered from any expected side effects of prior therapy": an inclusion
# clause opened by "and patients must" is a requirement of its own, joined to the one before (both
# must hold). A reading accounting for every word of it, to the end of its sentence, is read
# whole; never with a permission or an exception anywhere in the text.
_OWN_CONJUNCT = re.compile(
    r"(?:,? and|;)\s+(?=(?:the )?(?:patients?|participants?|subjects?) must\b)"
)


def _own_conjunct_certain(ctx: Context, atom: Atom, atoms: Sequence[Atom]) -> bool:
    """True when `atom` of an inclusion is read whole from its own "and patients must" clause."""
    if ctx.kind != "inclusion" or atom.review or atom.condition is None or atom.negated:
        return False
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return False
    cuts = [m.end() for m in _OWN_CONJUNCT.finditer(ctx.low) if m.end() <= atom.position]
    if not cuts:
        return False
    start = cuts[-1]
    following = _OWN_CONJUNCT.search(ctx.low, atom.position)
    sentence = _SENTENCE_END.search(ctx.low, atom.position)
    end = min(
        following.start() if following else len(ctx.low),
        sentence.start() if sentence else len(ctx.low),
    )
    mine = [a for a in atoms if start <= a.position < end]
    if any(a.review or a.condition is None for a in mine):
        return False
    low = " " * start + ctx.low[start:end] + " " * (len(ctx.low) - end)
    return confidence_of(replace(ctx, low=low), mine) == "certain"


# "Prior radiotherapy, immunotherapy, or chemotherapy must have been completed at least 4 weeks
# prior to patient entry on this study (6 weeks if treated with mitomycin-c or nitrosoureas)": in
# an inclusion every kind of cancer treatment listed must be that long ago, so a reading of one of
# them, read whole with the list's window, fails on an answer inside that window; a longer window
# in brackets for some medicines only adds to it. The clause runs to its sentence end or to an
# "and patients must" requirement of its own. Never with a permission or an exception anywhere.
def _listed_washout_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "not_met" when `atom` reads one listed treatment of an inclusion's washout (above)."""
    if ctx.kind != "inclusion" or atom.review or atom.condition is None or not atom.negated:
        return None
    if not _has_window(atom) or _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    days = {float(n) for n in _CONDITION_NUMBER.findall(str(atom.condition))}
    if len(days) != 1:
        return None
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(ctx.low))]
    cuts += [m.start() for m in _OWN_CONJUNCT.finditer(ctx.low)]
    cuts += [m.end() for m in _OWN_CONJUNCT.finditer(ctx.low)]
    start = max(c for c in cuts if c <= atom.position)
    end = min([c for c in cuts if c > atom.position] or [len(ctx.low)])
    out = list(" " * start + ctx.low[start:end] + " " * (len(ctx.low) - end))
    members = treatment_members(ctx.low, start, end)
    if not any(a <= atom.position < b for a, b in members) or len(members) < 2:
        return None
    for a, b in members:
        if not a <= atom.position < b:
            out[a:b] = " " * (b - a)
    for bracket in _PARENTHESES.finditer(ctx.low, start, end):
        inside = windows(bracket.group(0))
        if inside and all(float(w.days) > min(days) for w in inside):
            out[bracket.start() : bracket.end()] = " " * (bracket.end() - bracket.start())
    low = "".join(out)
    if any(float(w.days) not in days for w in windows(low)):
        return None
    return "not_met" if confidence_of(replace(ctx, low=low), [atom]) == "certain" else None


def _spread_beyond_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "met" for bone or brain named as an example of spread beyond the sites an exclusion
    allows (disease.read_spread_beyond): a "yes" establishes it; never with a permission or an
    exception anywhere in the text."""
    if ctx.kind != "exclusion" or "_spread_beyond" not in atom.explained or atom.negated:
        return None
    if atom.review or atom.condition is None:
        return None
    low = spread_leads_blanked(ctx.low)
    if _PERMISSIVE.search(low) or _EXCEPTION.search(low):
        return None
    return "met"


def _response_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "not_met" for an inclusion asking for a response to earlier treatment, read as that
    treatment (treatments.read_response_to_treatment): a "no" to any earlier cancer treatment
    fails it; never with a permission or an exception anywhere in the text."""
    if ctx.kind != "inclusion" or "_response_to_treatment" not in atom.explained:
        return None
    if atom.review or atom.condition is None or atom.negated:
        return None
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    return "not_met"


# "Patients with history of allergies to valacyclovir, acyclovier or who cannot take oral pills":
# an exclusion naming only "patients with ..." and then "or who ..." names two groups of patients;
# the last, read whole, excludes on its own answer (a lack named by it, "cannot take oral pills",
# on a "no"). Never with a permission or an exception anywhere, nor with anything before "with"
# that may qualify both groups ("Patients over 70 with ...").
_WHO_HEAD = re.compile(r"(?:patients|participants|subjects|individuals|persons) (?:with|who)\b")
_OR_WHO = re.compile(r"\bor who\b")


def _who_alternative_decisive(
    ctx: Context, atom: Atom, atoms: Sequence[Atom]
) -> DecisiveWhen | None:
    """ "met" when `atom` reads the whole last "or who ..." group of an exclusion (above)."""
    if ctx.kind != "exclusion" or atom.review or atom.condition is None:
        return None
    if atom.negated and not (atom.settled and named_by_lack(atom.concept)):
        return None
    if not _WHO_HEAD.match(ctx.low.lstrip()) or _PERMISSIVE.search(ctx.low):
        return None
    if _EXCEPTION.search(ctx.low) or _SENTENCE_END.search(ctx.low.rstrip(" .")):
        return None
    joins = list(_OR_WHO.finditer(ctx.low))
    if len(joins) != 1 or joins[0].end() > atom.position:
        return None
    start = joins[0].end()
    mine = [a for a in atoms if a.position >= start]
    if any(a.review or a.condition is None for a in mine):
        return None
    low = " " * start + ctx.low[start:]
    return "met" if confidence_of(replace(ctx, low=low), mine) == "certain" else None


def _ruled_out_decisive(ctx: Context, atom: Atom) -> DecisiveWhen | None:
    """ "not_met" for an inclusion's state that a "yes" rules out (disease.read_ruled_out_states),
    never with a permission or an exception anywhere in the text."""
    if ctx.kind != "inclusion" or "_ruled_out_by_yes" not in atom.explained:
        return None
    if atom.review or atom.condition is None or not atom.negated:
        return None
    if _PERMISSIVE.search(ctx.low) or _EXCEPTION.search(ctx.low):
        return None
    return "not_met"


def _atom_confidence(
    ctx: Context, atom: Atom, confidence: Confidence
) -> tuple[Confidence, DecisiveWhen | None]:
    """The criterion's confidence, but partial for a fact asked about now when the criterion
    also takes in an illness that is over ("History of hepatitis C", "HCV antibody positive"):
    then a "yes" (an infection now) still establishes an exclusion ("met")."""
    if confidence == "certain" and past_taken_in(ctx.low, [atom.concept]):
        broader = ctx.kind == "exclusion" and not atom.negated and not atom.review
        return "partial", ("met" if broader else None)
    if confidence == "certain" and yes_only(atom.concept):
        # "Prior topoisomerase I-containing ADC": a "no" may not know the payload, a "yes" does
        if atom.review or atom.condition is None:
            return "partial", None
        if ctx.kind == "exclusion" and not atom.negated:
            return "partial", "met"
        return "partial", ("not_met" if ctx.kind == "inclusion" and atom.negated else None)
    return confidence, None


def _suffix(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else f"_{index}"


def _safe_read(criterion: CriterionText, study_drugs: Sequence[str]) -> list[StructuredCriterion]:
    try:
        stated = stated_exclusion(_reasons_removed(criterion))
        if stated is not None:  # inclusion "Known HIV-positive patients are not eligible"
            return [as_inclusion(criterion, item) for item in _read(stated, study_drugs)]
        return _read(criterion, study_drugs)
    except Exception:  # a reader bug must never lose the criterion: the study team reads it
        return [StructuredCriterion(id=criterion.id, kind=criterion.kind, text=criterion.text,
                                    needs_review=True, condition={"op": "review"})]  # fmt: skip


def read_criterion(criterion: CriterionText) -> list[StructuredCriterion]:
    """One criterion read into one or more structured atoms (never raises)."""
    read = _safe_read(criterion, ())
    applies_to = prefix_scope(criterion.text)
    return [_scoped(item, applies_to) for item in read] if applies_to else read


def study_drugs_of(trial: Trial) -> list[str]:
    """Lexicon drugs named by the trial's interventions (for "allergy to the study drug")."""
    names = " ; ".join(i.name for i in trial.interventions)
    return [slug for _, slug in find_drugs(names)]


def read_criteria(trial: Trial) -> list[StructuredCriterion]:
    """Every criterion of a trial read into structured atoms, plus the record's age and sex."""
    try:
        drugs = study_drugs_of(trial)
        structured = record_criteria(trial)
    except Exception:  # odd record fields never stop the criteria from being read
        drugs, structured = [], []
    scope: str | None = None
    kind = None
    headings = [heading_scope(criterion.text) for criterion in trial.criteria]
    doubtful = _doubtful_everyone_headings(trial.criteria, headings)
    for criterion, heading in zip(trial.criteria, headings, strict=True):
        if kind != criterion.kind and scope and scope.startswith("Alternative"):
            scope = None  # alternative groups of inclusions end with the section
        kind = criterion.kind
        if heading is not None:
            scope = heading or None
            if criterion.id in doubtful:
                scope = doubtful[criterion.id]
            structured.append(_group_heading(criterion))
            continue
        read = _safe_read(criterion, drugs)
        applies_to = prefix_scope(criterion.text) or scope
        if applies_to:
            read = [_scoped(item, applies_to) for item in read]
        structured.extend(agree_with_record_ages(item, trial) for item in read)
    structured = study_fulfilled(alternatives_merged(structured))
    own = own_condition_facts(trial)
    required = _required_of_everyone(structured)
    return [
        to_study_team(i) if excludes_own_patients(i, own) or _excludes_required(i, required) else i
        for i in structured
    ]


def _excludes_required(item: StructuredCriterion, required: frozenset[str]) -> bool:
    """An exclusion read as "<fact> == yes" where an inclusion for everyone requires the fact."""
    return (
        item.kind == "exclusion"
        and item.concept in required
        and not item.needs_review
        and bool(item.rule and item.rule.startswith(f"{item.concept} == yes"))
    )


def _required_of_everyone(structured: Sequence[StructuredCriterion]) -> frozenset[str]:
    """Yes/no facts an inclusion for everyone requires ("must be kidney transplant recipients"
    -> organ_transplant): an exclusion on the same fact would hold every patient the trial is
    for against it ("a liver, lung, heart, or pancreas transplant" asked as "an organ
    transplant?"), so it is the study team's."""
    return frozenset(
        item.concept
        for item in structured
        if item.kind == "inclusion"
        and item.concept
        and not item.needs_review
        and not item.applies_to
        and item.rule
        and item.rule.startswith(f"{item.concept} == yes")
        and item.answer_type == "yes_no"
    )


def _doubtful_everyone_headings(
    criteria: Sequence[CriterionText], headings: Sequence[str | None]
) -> dict[str, str]:
    """Headings naming everyone ("All cohorts:") whose items a later group heading of the same
    section lists again word for word, by id, with the scope their items get: NCT04958239 lists
    age under "All cohorts:" and again under "Phase 1b:", so "All cohorts" there means the cohorts
    listed before phase 1b; its items are scoped "All cohorts (as listed before Phase 1b)" (never
    certain) instead of read for everyone. `headings` holds `heading_scope` of each criterion.
    """
    doubtful: dict[str, str] = {}
    under: dict[str, tuple[str, set[str]]] = {}  # everyone-heading id -> its words, item texts
    repeats: dict[tuple[str, str], int] = {}  # (everyone-heading id, group) -> items repeated
    names: dict[str, str] = {}  # everyone-heading id -> its words
    current: str | None = None
    group: str | None = None
    kind: str | None = None
    for criterion, heading in zip(criteria, headings, strict=True):
        if criterion.kind != kind:
            current, group, kind, under = None, None, criterion.kind, {}
        flat = " ".join(criterion.text.split())
        if heading is not None:
            current, group = (criterion.id, None) if heading == "" else (None, heading)
            if current is not None:
                under[current] = (flat.rstrip(" :"), set())
            continue
        if current is not None:
            under[current][1].add(flat)
            continue
        for head, (words, texts) in under.items():
            if group and flat in texts:
                repeats[(head, group)] = repeats.get((head, group), 0) + 1
                names[head] = words
    # The group restating most of the heading's items names the scope (the first on a tie).
    for (head, group), _count in sorted(repeats.items(), key=lambda item: -item[1]):
        doubtful.setdefault(head, f"{names[head]} (as listed before {group})")
    return doubtful


def _group_heading(criterion: CriterionText) -> StructuredCriterion:
    """A sub-heading naming a group ("Cohort 1"): not a check of its own."""
    return StructuredCriterion(
        id=criterion.id, kind=criterion.kind, text=criterion.text, concept="meta",
        rule="names the group the criteria after it are for", needs_review=True,
        condition={"op": "meta"},
    )  # fmt: skip


def _scoped(criterion: StructuredCriterion, applies_to: str) -> StructuredCriterion:
    """A reading limited to one group: never certain (which group is the study team's call)."""
    confidence = criterion.confidence if criterion.confidence != "certain" else "partial"
    update = {"applies_to": applies_to, "confidence": confidence, "decisive_when": None}
    return criterion.model_copy(update=update)
