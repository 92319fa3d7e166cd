"""Recognizers for the disease and the patient's state: diagnosis proof, status, side effects,
abilities, and the table-driven conditions, events and study-team items."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.any_of import spread_beyond_sites
from trialbot.eligibility.atoms import (
    Atom,
    all_of,
    any_of,
    event_atom,
    fact_atom,
    leaf,
    review_atom,
)
from trialbot.eligibility.lexicon import CONDITIONS, EVENTS, REVIEWS
from trialbot.eligibility.measures import Context
from trialbot.eligibility.misreadings import later_mention_reads, misread
from trialbot.eligibility.one_sided import ruled_out_states
from trialbot.eligibility.recovery import from_surgery, recovery_condition, recovery_limits
from trialbot.eligibility.text import Window, nearest_window, windows
from trialbot.eligibility.treatments import list_item_span
from trialbot.eligibility.vocabulary import fact_spec

_HISTOLOGY = re.compile(
    r"histolog|cytolog|patholog|biopsy[- ]proven|proven by biopsy|confirmed by biopsy|"
    r"tissue diagnosis|histopatholog",
)
_CONFIRMED = re.compile(r"confirm|proven|documented|verified|diagnos|established")


# Another proof offered beside the tissue test ("histologically or radiographically confirmed",
# "confirmed by pathology or imaging", "clinically or histologically diagnosed"): a "no" to the
# biopsy question does not fail the criterion, the study team checks the other proof. (Cytology
# is a lab test of cells, which the biopsy question's "lab test" takes in.)
_PROOF_WORDS = r"radiograph|radiolog|clinical|imaging|scans?\b|ct\b|mri\b|pet\b"
# the alternatives listed right after the tissue word ("histologically, cytologically or
# radiographically", "by histology or by imaging")
_LISTED_AFTER = re.compile(
    r"\w*((?:(?:\s*,\s*|\s+(?:or|and/or)\s+|\s*/\s*)(?:by\s+)?(?:(?:a|an|the)\s+)?[\w-]+)*)"
)
_LISTED_BEFORE = re.compile(
    rf"\b(?:{_PROOF_WORDS})\w*\s*(?:,\s*|\s+(?:or|and/or)\s+|\s*/\s*)"
    r"(?:[\w-]+\s*(?:,\s*|\s+(?:or|and/or)\s+|\s*/\s*)){0,2}$"
)
_PROOF = re.compile(rf"\b(?:{_PROOF_WORDS})")


def _other_proof(low: str, match: re.Match[str]) -> bool:
    """True when another proof is listed beside the tissue test (see _LISTED_AFTER/_BEFORE)."""
    after = _LISTED_AFTER.match(low, match.end())
    if after is not None and _PROOF.search(after.group(1)):
        return True
    return bool(_LISTED_BEFORE.search(low[max(0, match.start() - 60) : match.start()]))


def read_histology(ctx: Context) -> list[Atom]:
    """The diagnosis was confirmed by a tissue test (biopsy); with another proof beside it
    (_other_proof) a "no" is for the study team."""
    match = _HISTOLOGY.search(ctx.low)
    if not match or not _CONFIRMED.search(ctx.low) or ctx.kind == "exclusion":
        return []
    atom = fact_atom("histology_confirmed", match.start(), adverse=False)
    if _other_proof(ctx.low, match):
        atom.condition = any_of(leaf("histology_confirmed", "true"), {"op": "review"})
        atom.rule = "histology_confirmed == yes or study team"
    return [atom]


_STATUS_WORDS = (
    ("remission", r"complete (?:remission|response)|"
     # "mg/g.Cr" and "mg/g Cr" are creatinine units, not a complete response.
     r"(?<![./])(?<!mg/g )\bcr\b(?!\s*(?:[<>=]|\d|\(|clearance|cl\b|or\b|and\b))|"
     # "No clinical evidence of disease (complete remission)": the "no" is the remission's own
     r"no (?:(?:clinical|radiographic|radiological|clinical or radiographic) )?evidence of "
     r"(?:active )?disease(?! progr| recur)|"
     r"\bned\b|"
     r"in remission|disease[- ]free"),
    ("stable", r"stable disease|disease (?:is |must be |that is )?stable"),
    ("progressing", r"(?:disease|radiographic|radiological|documented|clinical|objective) "
     r"progression|progressive disease|progressed|progressing|"
     r"progression (?:on|after|during|following|of)"),
)  # fmt: skip
_STATUS_PATTERNS = [(value, Anchored(words)) for value, words in _STATUS_WORDS]
_NOT_A_STATUS = re.compile(r"progression[- ]free|time to progression|risk of progression")
# How the disease answered a treatment ("partial or complete response to first-line
# chemotherapy", "CR or PR"): no remission the question's choices name (a partial response is
# none), though "no progression" beside it is still read.
_RESPONSE = re.compile(
    r"\b(?:partial|objective|overall|major|minor) (?:response|remission)|"
    r"(?<![./])\b(?:cr|pr|vgpr)\s*(?:or|/|and|,)\s*(?:cr|pr|vgpr)\b|"
    r"\b(?:response|responded|responding) to\b"
)


def read_disease_status(ctx: Context) -> list[Atom]:
    """Current disease status: remission, stable, progressing."""
    if _NOT_A_STATUS.search(ctx.low):
        return []
    found = [
        (m.start(), value) for value, words in _STATUS_PATTERNS if (m := words.search(ctx.low))
    ]
    if not found:
        return []
    if _RESPONSE.search(ctx.low):
        found = [(pos, value) for pos, value in found if value != "remission"]
        if not found:
            return []
    values = [value for _, value in sorted(found)]
    position = min(pos for pos, _ in found)
    condition = leaf("disease_status", "in", values=values)
    return [Atom("disease_status", position, condition, f"disease_status in {values}",
                 ["disease_status"])]  # fmt: skip


_MEASURABLE = Anchored(r"measurable(?! residual)|evaluable (?:disease|lesion)")


def read_measurable(ctx: Context) -> list[Atom]:
    """At least one tumor that can be measured on scans (RECIST and similar)."""
    # "measurable residual disease" (MRD) is leftover leukaemia found by a lab test, not a tumour
    match = _MEASURABLE.search(ctx.low)
    if not match or re.search(r"non-?measurable", ctx.low[max(0, match.start() - 4) : match.end()]):
        return []
    return [fact_atom("measurable_disease", match.start(), adverse=False)]


_RECOVERY = Anchored(
    # not "requires long recovery times" (what makes an operation major)
    r"(?<!count )(?<!hematologic )(?<!platelet )(?<!neutrophil )(?<!marrow )(?<!long )"
    r"recover(?!y times?\b)|"
    r"resolved|resolution of|residual toxicit|persistent toxicit|lasting toxicit|"
    r"unresolved|toxicit\w* (?:from|of|due to|related to) (?:prior|previous)|"
    r"(?:adverse events?|side effects?|toxicit\w*) (?:from|of|due to|related to|caused by) "
    r"(?:any )?(?:prior|previous|earlier)|improved to (?:grade|baseline)|returned to baseline"
)


def read_recovery(ctx: Context) -> list[Atom]:
    """Recovered from side effects of earlier treatment (usually "except hair loss")."""
    matches = list(_RECOVERY.finditer(ctx.low))
    match = next((m for m in matches if not from_surgery(ctx.low, m.start())), None)
    if match is None and matches:
        # "not recovered from major surgery": no side effect of treatment; the study team checks
        # it (and no "surgery ever" reading stands in for it)
        atom = fact_atom("recovered_from_side_effects", matches[0].start(), adverse=False)
        atom.review = True
        return [atom]
    if not match:
        return []
    atom = fact_atom("recovered_from_side_effects", match.start(), adverse=False)
    # Exclusions only ever name not having recovered.
    atom.negated = atom.settled = ctx.kind == "exclusion"
    limits = recovery_limits(ctx.low, match.start())
    if limits.asked or limits.study_team:
        # An allowed side effect, one kind of treatment or a looser limit: a "no" to recovery
        # alone does not establish the criterion (rules/recovery.yaml).
        atom.condition, atom.rule = recovery_condition(ctx.kind, limits)
        atom.facts = ["recovered_from_side_effects", *limits.asked]
        atom.negated, atom.settled = False, True
    return [atom]


_UNABLE = re.compile(
    r"unable|unwilling|inability|not able|not willing|cannot|unlikely|difficult|"
    r"impair|problem|limit|interfere|preclude|prevent"
)

_NO = re.compile(r"\b(?:no|not|without|absence of)\b")


def _ability(ctx: Context, concept: str, position: int) -> Atom:
    atom = fact_atom(concept, position, adverse=False)
    # In exclusions an ability is only ever named to exclude those who lack it.
    before = ctx.low[max(0, position - 50) : position]
    unable = _UNABLE.search(before)
    if ctx.kind == "inclusion" and unable and _NO.search(before[: unable.start()]):
        atom.settled = True  # "No current inability to swallow": able, the "no" read too
        atom.explained = [*atom.explained, "_no_inability"]
    elif ctx.kind == "exclusion" or unable:
        atom.negated = atom.settled = True
    return atom


# "able to swallow", and the same said as taking medicine by mouth ("Patients must be able to
# take oral medications", "Inability to take medications orally", "inability to take PO
# medication" in a list of digestive problems): the question asks whether the person can swallow
# tablets or capsules.
_SWALLOW = re.compile(
    r"swallow|\b(?:(?:able|ability|inability|unable|capable|incapable) to|cannot|can not) take "
    r"(?:the )?"
    r"(?:(?:study )?(?:oral|orally administered|po|p\.o\.) (?:study )?"
    r"(?:medications?|medicines?|drugs?|treatment|therapy|tablets?|capsules?|pills?)|"
    r"(?:study )?(?:medications?|medicines?|drugs?|"
    r"tablets?|capsules?|pills?) (?:orally|by mouth))\b"
)


def read_spread_beyond(ctx: Context) -> list[Atom]:
    """Bone or brain named as an example of spread beyond the sites an exclusion allows
    ("Distant metastatic disease not limited to peritoneum, such as ... (liver, lung, bone,
    ...)"): spread there is one way to be excluded (rules/any_of.yaml `spread_beyond`)."""
    if ctx.kind != "exclusion" or ("metasta" not in ctx.low and "spread" not in ctx.low):
        return []
    atoms = []
    for fact, position in spread_beyond_sites(ctx.low):
        atom = fact_atom(fact, position)
        atom.settled = True
        atom.explained = [*atom.explained, "_spread_beyond"]
        atoms.append(atom)
    return atoms


def read_ruled_out_states(ctx: Context) -> list[Atom]:
    """An inclusion naming a state that a "yes" to a question rules out ("A competent immune
    system" beside the immune-weakening medicine question): that answer must not hold, and only
    a "yes" decides (rules/one_sided.yaml `ruled_out_by_yes`)."""
    if ctx.kind != "inclusion":
        return []
    atoms = []
    for fact, position in ruled_out_states(ctx.low):
        atom = fact_atom(fact, position)
        atom.negated = atom.settled = atom.never_certain = True
        atom.explained = [*atom.explained, "_ruled_out_by_yes"]
        atoms.append(atom)
    return atoms


def read_abilities(ctx: Context) -> list[Atom]:
    """Able to swallow tablets; able and willing to follow the study plan."""
    atoms: list[Atom] = []
    swallow = _SWALLOW.search(ctx.low)
    if swallow:
        atoms.append(_ability(ctx, "swallow_tablets", swallow.start()))
    comply = _COMPLY.search(ctx.low)
    if comply and not _JUDGED.search(ctx.low):
        atoms.append(_ability(ctx, "able_to_follow_visits", comply.start()))
    return atoms


_COMPLY = Anchored(
    r"comply|complian|adhere|follow-?up (?:visits|schedule)|study (?:visits|schedule|"
    r"procedures|requirements)|"
    r"willing(?:ness)? (?:and able )?to (?:participate|undergo|return|attend)|"
    r"able to (?:attend|complete|return|participate)|questionnaire|diar(?:y|ies)|"
    r"protocol requirements|follow the (?:study )?protocol|follow-?up (?:survey|assessment)|"
    r"surveys?\b"
)
_JUDGED = re.compile(r"investigator|opinion|judg")


_EXCEPTED = re.compile(
    r"(?:excluding|except(?: for)?|other than|apart from|not including)\s+[^.;]{0,40}$"
)


def _excepted(ctx: Context, position: int) -> bool:
    """The words at `position` are named as an exception ("excluding tobacco")."""
    return bool(_EXCEPTED.search(ctx.low[max(0, position - 60) : position]))


# A medicine named as one the patient must be able to take ("contraindication to treatment with
# corticosteroids", "unwilling to take prophylactic treatments such as corticosteroids") is not
# one the patient takes.
_MUST_TAKE = re.compile(
    r"(?:contraindications? to|(?:inability|unable|unwilling\w*)(?: or (?:unwilling\w*|"
    r"unable|inability))? to (?:take|receive|tolerate)|intoleran\w* (?:of|to)|"
    r"(?:allerg\w*|hypersensitivit\w*) to)\s+[^.;]{0,60}$"
)
_TAKEN_MEDICINES = {"immunosuppressive_medicine"}


def _must_take(ctx: Context, concept: str, position: int) -> bool:
    """The medicine at `position` is one the patient must tolerate, not one they take."""
    before = ctx.low[max(0, position - 90) : position]
    return concept in _TAKEN_MEDICINES and bool(_MUST_TAKE.search(before))


# A list item asked of one group only ("- For patients with brain tumors (intracranial masses),
# use of anticoagulants within 7 days prior to enrollment. ... - Patients taking anticoagulants
# or have a pre-existing bleeding disorder"): a later item that names the condition for everyone
# is the one to read.
_BRANCH_ITEM = re.compile(
    r"^\W*(?:for|in) (?:patients|participants|subjects|those) (?:with|who|on|receiving)\b|^\W*if\b"
)


def _item_start(low: str, position: int) -> int:
    return max(low.rfind(" - ", 0, position), low.rfind(". ", 0, position)) + 1


def _aside(low: str, concept: str, position: int) -> bool:
    """The mention at `position` stands in a one-group list item, or its words show it is not
    the patient's condition ("known risk factors for retinal vein occlusion")."""
    in_branch = " - " in low and _BRANCH_ITEM.search(low[_item_start(low, position) :])
    return bool(in_branch) or (later_mention_reads(concept) and misread(low, concept, position))


def _outside_branch_item(low: str, concept: str, first: re.Match[str]) -> re.Match[str]:
    """`first`, or the first later match of `concept` that is no aside when `first` is one
    ("... risk factors for retinal vein occlusion are not eligible. Specifically, patients with
    a history of retinal vein occlusion (RVO) ...": the history is the patient's)."""
    if not _aside(low, concept, first.start()):
        return first
    pattern = next(p for name, p, _ in CONDITIONS.rows if name == concept)
    # a later mention in the aside's own sentence continues it ("risk factors for RVO or CSR")
    sentence_end = low.find(". ", first.end())
    for later in pattern.finditer(low, first.end()):
        if " - " not in low and (sentence_end < 0 or later.start() < sentence_end):
            continue
        if not _aside(low, concept, later.start()):
            return later
    return first


def read_conditions(ctx: Context) -> list[Atom]:
    """Health conditions from the lexicon (hepatitis, HIV, heart failure, ...)."""
    atoms = []
    for concept, first in CONDITIONS.matches(ctx.low):
        match = _outside_branch_item(ctx.low, concept, first)
        if _must_take(ctx, concept, match.start()):
            continue
        if not _excepted(ctx, match.start()):
            atoms.append(_with_prerequisite(fact_atom(concept, match.start())))
    return atoms


def _with_prerequisite(atom: Atom) -> Atom:
    """A fact asked only after a yes to another (spread to the brain's lining, asked after a
    yes to spread to the brain or spinal cord) holds only with that yes: a "no" to the first
    settles it, and the second is never left open."""
    spec = fact_spec(atom.concept)
    first = [f for f, v in (spec.asked_only_if if spec else {}).items() if v is True]
    if not first or atom.condition is None:
        return atom
    atom.condition = all_of(*(leaf(f, "true") for f in first), atom.condition)
    atom.rule = " and ".join([*(f"{f} == yes" for f in first), str(atom.rule)])
    atom.facts = [*first, *atom.facts]
    return atom


# Events read only with a time window: without one the criterion means now, or a need
# ("transfusion-dependent"), not "ever".
_WINDOW_ONLY = ("last_iv_antibiotics", "last_transfusion")


# A lead that ends with a window before a numbered list ("Clinically significant cardiovascular
# disease <= 6 months before first dose 1. Myocardial infarction ... 5. Thromboembolic events"):
# the window is every item's; "1." is no sentence end.
_LEAD_THEN_LIST = re.compile(r"^(?P<lead>[^.;]{3,250}?)\s*:?\s+1[.)]\s")


def _lead_window(low: str, position: int) -> Window | None:
    """The window a list's lead gives every item of the list at `position`, or None."""
    lead = _LEAD_THEN_LIST.match(low)
    if lead is None or position < lead.end():
        return None
    found = [w for w in windows(low) if w.start + len(w.words) <= lead.end("lead")]
    return found[-1] if len(found) == 1 else None


@cache
def _event_rules() -> dict[str, tuple[frozenset[str], re.Pattern[str]]]:
    data = yaml.safe_load((Path(__file__).parent / "rules" / "events.yaml").read_text("utf-8"))
    return {
        "ever": (frozenset(data["ever_only_when_said"]), re.compile("|".join(data["ever_words"]))),
        "never": (frozenset(data["settled_by_never"]), re.compile("|".join(data["past_words"]))),
        "terms": (frozenset(), re.compile(data["settled_terms"])),
        "unread": (frozenset(), re.compile(data["unread_window"])),
        "site": (frozenset(), re.compile(data["site_words"])),
    }


def _said_before(low: str, position: int, words: re.Pattern[str]) -> bool:
    start = max(low.rfind(". ", 0, position), low.rfind("; ", 0, position)) + 1
    return bool(words.search(low[start:position]))


def _ever_not_said(low: str, fact: str, position: int) -> bool:
    """A windowless event that is "ever" only when its sentence says so (rules/events.yaml)."""
    facts, words = _event_rules()["ever"]
    return fact in facts and not _said_before(low, position, words)


def _settled_by_never(ctx: Context, fact: str, position: int) -> bool:
    """A windowless past event of an exclusion that a "never" settles (rules/events.yaml)."""
    rules = _event_rules()
    facts, words = rules["never"]
    start = max(ctx.low.rfind(". ", 0, position), ctx.low.rfind("; ", 0, position)) + 1
    end = min((i for i in (ctx.low.find(". ", position), ctx.low.find("; ", position)) if i >= 0),
              default=len(ctx.low))  # fmt: skip
    return (
        ctx.kind == "exclusion"
        and fact in facts
        and _said_before(ctx.low, position, words)
        and bool(rules["terms"][1].match(ctx.low, position))
        and not rules["unread"][1].search(ctx.low[start:end])
    )


def read_events(ctx: Context) -> list[Atom]:
    """Dated events (blood clot, stroke, surgery, radiotherapy, vaccines) with time windows."""
    atoms = []
    for fact, first in EVENTS.matches(ctx.low):
        match = _item_opening(ctx.low, fact, first)
        if _excepted(ctx, match.start()):
            continue
        window = nearest_window(ctx.low, match.start()) or _lead_window(ctx.low, match.start())
        if window is None and fact in _WINDOW_ONLY:
            continue  # "active infection requiring IV antibiotics": now, not ever
        if window is None and _ever_not_said(ctx.low, fact, match.start()):
            atoms.append(review_atom(fact, match.start()))  # "major surgery prior to Day 1"
            continue
        specific = fact == "last_vaccine" and re.search(
            r"adenovir|vector|mrna|covid|specific", ctx.low
        )
        if specific or (
            window is None and fact in ("last_radiotherapy", "last_vaccine", "last_live_vaccine")
        ):
            if fact == "last_live_vaccine" and ctx.kind == "exclusion":
                atoms.append(event_atom(fact, match.start(), 30))
            elif not specific and _settled_by_never(ctx, fact, match.start()):
                # "Patients received radiotherapy": ever; "prior pelvic irradiation" is narrowed
                # to one site by rules/misreadings.yaml (a "never" settles it)
                atom = event_atom(fact, match.start(), None)
                atom.never_certain = True  # no window: ever, or a recent one the text leaves out?
                near = ctx.low[max(0, match.start() - 80) : match.start() + 100]
                if atom.condition is not None and _event_rules()["site"][1].search(near):
                    atom.condition = all_of(atom.condition, {"op": "review"})  # one site's
                    atom.rule = f"{atom.rule} and study team"
                atoms.append(atom)
            else:
                atoms.append(review_atom(fact, match.start()))
            continue
        at_least = bool(window and window.at_least and ctx.kind == "inclusion")
        atoms.append(
            event_atom(fact, match.start(), window.days if window else None, at_least=at_least)
        )
    return atoms


def _item_opening(low: str, fact: str, first: re.Match[str]) -> re.Match[str]:
    """In a "Prior therapy with:" list, the event named where an item opens ("...; radiation
    therapy (external beam ...) within 28 days before randomization") rather than one named
    inside another item ("radiopharmaceutical agents ..., PSMA-targeted radioligand therapy"):
    that item, with its own window, is about the event. `first` when no item opens with it."""
    if list_item_span(low, first.start()) is None:
        return first
    pattern = next(p for concept, p, _ in EVENTS.rows if concept == fact)
    for later in pattern.finditer(low, first.start()):
        span = list_item_span(low, later.start())
        if span is not None and not low[span[0] : later.start()].strip():
            return later
    return first


_ALWAYS_REVIEWED = ("organ_function", "life_expectancy")


def read_reviews(ctx: Context) -> list[Atom]:
    """Study-team items that sit next to others (consent, lab values, life expectancy)."""
    atoms = []
    for concept in _ALWAYS_REVIEWED:
        match = REVIEWS.search(concept, ctx.low)
        if match:
            atoms.append(review_atom(concept, match.start()))
    return atoms


def read_fallback_review(ctx: Context) -> list[Atom]:
    """When nothing else was read: the first study-team item the words point to."""
    for concept, match in REVIEWS.matches(ctx.low):
        return [review_atom(concept, match.start())]
    return []
