"""Recognizers for treatments: prior drugs and classes, allergies, therapy windows, other trials."""

from __future__ import annotations

import itertools
import re

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.atoms import Atom, all_of, any_of, event_atom, leaf, review_atom
from trialbot.eligibility.drugs import (
    DRUG_CLASSES,
    DRUGS,
    find_classes,
    find_drugs,
    implying_facts,
    member_dates,
)
from trialbot.eligibility.measures import Context
from trialbot.eligibility.text import Window, nearest_window, windows

_PRIOR_CUE = Anchored(
    r"prior|previous|previously|received|receiving|treated with|treatment with|therapy with|"
    r"exposure|exposed|history of|used|use of|refractory|resistant|progress|naive|na[iï]ve|"
    r"pretreated|after|following|failed|failure|intoleran|taking|administration|including|"
    r"last dose|discontinu",
)
_ALLERGY = re.compile(r"allerg|hypersensitiv|anaphyla")
_STUDY_DRUG = re.compile(
    r"study (?:drug|medicine|medication|treatment|agent|intervention)|investigational "
    r"(?:product|drug|medicinal|agent)|trial (?:drug|medication)|its (?:components|ingredients|"
    r"parts)|any of (?:its|their) (?:components|excipients|ingredients|parts)|excipient|"
    r"formulation|components of",
)


def _window(ctx: Context, position: int) -> tuple[int | None, bool]:
    window = nearest_window(ctx.low, position)
    if window is None:
        return None, False
    return window.days, window.at_least and ctx.kind == "inclusion"


def _recent_required(ctx: Context, position: int) -> bool:
    """An inclusion's window written as an upper bound after the last dose ("enrolled no more
    than 12 weeks after the last dose of chemotherapy"): the treatment must be recent, a
    requirement of the inclusion, never a washout (text.Window.at_most)."""
    window = nearest_window(ctx.low, position)
    if ctx.kind != "inclusion" or window is None or not window.at_most:
        return False
    # a time since the last dose ("... weeks after / since"), not how long it was given
    return bool(_SINCE_LAST.match(ctx.low, window.start + len(window.words)))


_SINCE_LAST = re.compile(r"\s*(?:has |have )?(?:elapsed |passed )?(?:after|since|from)\b")


# "tamoxifen or fulvestrant ... an 8-week or 28-week, respectively, washout period": the windows
# listed after the drugs go with them in order, one each.
_RESPECTIVELY = re.compile(r"\brespectively\b")


def _respective_windows(ctx: Context, positions: list[int]) -> dict[int, Window]:
    """Each drug's own window when the criterion pairs a list of drugs with a list of windows
    "respectively" (as many windows as drugs, all between the last drug and that word)."""
    if len(positions) < 2:
        return {}
    ordered = sorted(positions)
    word = _RESPECTIVELY.search(ctx.low, ordered[-1])
    if word is None:
        return {}
    listed = [w for w in windows(ctx.low) if ordered[-1] < w.start < word.start()]
    if len(listed) != len(ordered) or len({w.days for w in listed}) < 2:
        return {}
    return dict(zip(ordered, listed, strict=True))


def _prior_drug_atom(ctx: Context, position: int, slug: str, window: Window | None = None) -> Atom:
    if window is None:
        days, at_least = _window(ctx, position)
    else:
        days, at_least = window.days, window.at_least and ctx.kind == "inclusion"
    prior = f"prior_{slug}"
    implied = implying_facts(slug)
    base = leaf(prior, "true", implied_by=implied) if implied else leaf(prior, "true")
    if days is None:
        return Atom(prior, position, base, f"{prior} == yes", [prior])
    last = f"last_{slug}"
    dates = member_dates(slug)
    window_leaf = (
        leaf(last, "within", days=days, latest_of=dates)
        if dates
        else leaf(last, "within", days=days)
    )
    condition = all_of(base, window_leaf)
    atom = Atom(prior, position, condition, f"{prior} == yes within {days} days", [prior, last])
    atom.negated = at_least
    if window is not None:
        atom.explained = ["_respectively"]
    return atom


def read_drugs(ctx: Context) -> list[Atom]:
    """Prior treatment with a named drug or class, or an allergy to one (or to the study drugs)."""
    allergy = _ALLERGY.search(ctx.low)
    if allergy:
        return _allergies(ctx, allergy.start())
    if not _PRIOR_CUE.search(ctx.low) and not re.search(r"\bwithin \d", ctx.low):
        return []
    classes = [(p, c) for p, c in find_classes(ctx.low) if _prior_near(ctx, p)]
    members = {m for _, c in classes for m in DRUG_CLASSES[c].members}
    drugs = [(p, s) for p, s in find_drugs(ctx.low) if s not in members and _prior_near(ctx, p)]
    found = classes + drugs
    paired = _respective_windows(ctx, [pos for pos, _ in found])
    return _any_of_list(
        ctx, [_prior_drug_atom(ctx, pos, slug, paired.get(pos)) for pos, slug in found]
    )


# A plan or current use is not a history: "planning to receive enzalutamide", "receiving
# concurrent capecitabine", "candidate for paclitaxel" never become "prior_<drug> == yes".
_PLAN_OR_NOW = re.compile(
    r"(?:plan(?:s|ned|ning)? to (?:receive|start|be treated)|will (?:receive|be treated|start)|"
    r"scheduled (?:to receive|for)|candidates? for|eligible (?:for|to receive)|intend\w* to|"
    r"(?<!previously )(?<!been )receiving|currently (?:on|receiving|taking|treated)|concurrent|"
    r"concomitant|ongoing|maintenance|(?<!dis)continu\w+)"  # "discontinued" is no current use
)


# A drug named as the start of a window is what the window counts back from, not a prior drug.
_WINDOW_ANCHOR = re.compile(
    r"(?:prior to|before|preceding) (?:the )?(?:planned )?(?:start(?:ing)?|initiat\w+|first dose|"
    r"first(?: administration)?|beginning|receiving|administration)(?: of)?"
    r"(?: (?:the )?(?:study )?(?:treatment|drug) with)?[\s\[(]*$"
)


_PAST_CUE = re.compile(
    r"previous|prior|received|history of|progress|refractory|resistant|failed|exposed|pretreated|"
    r"discontinued"
)


# The head of a list of earlier treatments, each item after it one of them: "Prior therapy with:
# second generation anti-androgens ... < 3 months before randomization; CYP17 inhibitors ...;
# ketoconazole ...". The colon cuts the items from their cue, which the head still gives them.
_LIST_HEAD = re.compile(
    r"^\W*(?:(?:has|have|had)\s+(?:received\s+)?)?(?:any\s+)?(?:prior|previous)\s+"
    r"(?:therapy|therapies|treatment|treatments|use|exposure)\s+(?:with|to)"
    r"(?:\s+any\s+of\s+the\s+following)?\s*:\s"
)
# "Treatment with any of the following: Prior treatment with an EGFR-TKI within 8 days ...;
# Radiotherapy ... within 4 weeks ...": a head without "prior" whose items are cut the same way;
# each item names its own time, so the head is no prior-treatment cue of its own (_prior_near)
_ITEMS_HEAD = re.compile(
    r"^\W*(?:(?:has|have|had)\s+(?:received\s+)?)?(?:any\s+)?(?:(?:prior|previous)\s+)?"
    r"(?:therapy|therapies|treatment|treatments|use|exposure)\s+(?:with|to)"
    r"(?:\s+any\s+of\s+the\s+following)\s*:\s"
)


def _items_head(low: str) -> re.Match[str] | None:
    return _LIST_HEAD.match(low) or _ITEMS_HEAD.match(low)


def list_item_span(low: str, position: int) -> tuple[int, int] | None:
    """Where the item holding `position` starts and ends in a list of earlier treatments opened
    by a head (_LIST_HEAD) and cut by semicolons outside brackets; None when the text opens with
    no such head or `position` stands in the head."""
    head = _items_head(low)
    if head is None or position < head.end():
        return None
    depth, cuts = 0, [head.end()]
    for i in range(head.end(), len(low)):
        if low[i] in "([":
            depth += 1
        elif low[i] in ")]":
            depth = max(0, depth - 1)
        elif low[i] == ";" and depth == 0:
            cuts.append(i + 1)
    cuts.append(len(low))
    return next(((a, b) for a, b in itertools.pairwise(cuts) if a <= position < b), None)


def list_head_end(low: str) -> int | None:
    """Where the head of a list of earlier treatments (_LIST_HEAD) ends, or None."""
    head = _items_head(low)
    return None if head is None else head.end()


def _prior_near(ctx: Context, position: int) -> bool:
    """A prior-treatment cue in the same clause before the drug, or right after it, or a list
    head before it (_LIST_HEAD), and no plan or current use in between."""
    before = re.split(r"[.;:]\s", ctx.low[max(0, position - 90) : position])[-1]
    after = ctx.low[position : position + 40]
    if _WINDOW_ANCHOR.search(before):
        return False  # "grapefruit within 3 days prior to starting venetoclax": the study drug
    plans = list(_PLAN_OR_NOW.finditer(before))
    if plans and not _PAST_CUE.search(before, plans[-1].end()):
        return False
    head = _LIST_HEAD.match(ctx.low)
    return bool(
        (head is not None and head.end() <= position)
        or _PRIOR_CUE.search(before)
        or re.search(r"[- ](?:na[iï]ve|pretreated|exposed|refractory|resistant)", after)
        or re.match(r"^[a-z0-9/ -]{0,25}\bwithin \d", after)
    )


_LIST_GAP = re.compile(r"^[\s,]*(?:(?:and/)?or|,)?[\s,]*(?:or\s+)?$")
_OR = re.compile(r"\s(?:and/)?or\s")  # "X, Y, or Z", "X, Y, and/or Z"


def _any_of_list(ctx: Context, atoms: list[Atom]) -> list[Atom]:
    """In an inclusion, drugs named as "X, Y, or Z" are alternatives: one reading, any of them."""
    if ctx.kind != "inclusion" or len(atoms) < 2:
        return atoms
    ordered = sorted(atoms, key=lambda a: a.position)
    gaps = [ctx.low[a.position : b.position] for a, b in itertools.pairwise(ordered)]
    names = [re.sub(r"^[a-z0-9/-]+(?: [a-z0-9/-]+)?", "", gap, count=1) for gap in gaps]
    joined = " ".join(gaps)
    if not names or not all(_LIST_GAP.match(n) for n in names):
        return atoms
    if any(a.condition is None or a.negated for a in ordered):
        return atoms
    open_join = not _OR.search(joined) and _or_inside_last(ctx.low, ordered[-1])
    if not _OR.search(joined) and not open_join:
        return atoms
    first = ordered[0]
    condition = any_of(*[a.condition for a in ordered if a.condition is not None])
    rule = "any of: " + ", ".join(a.rule or a.concept for a in ordered)
    facts = [f for a in ordered for f in a.facts]
    merged = Atom(first.concept, first.position, condition, rule, facts)
    # "a platinum agent, PD1 or PDL1 agent": the "or" is the last class's own, the comma before
    # it may join the items either way (any one, or platinum with a PD-(L)1 agent): never read
    # whole, but a "no" to every one fails the inclusion both ways (reader.py)
    merged.never_certain = open_join
    return [merged]


def _or_inside_last(low: str, last: Atom) -> bool:
    """Whether the "or" of a list comes inside its last item's own words, up to the end of its
    phrase ("PD1 or PDL1 agent": one class read at "PD1"), with nothing after it."""
    tail = re.split(r"[.;,]", low[last.position :], maxsplit=1)[0]
    if not _OR.search(tail) or not last.concept.startswith("prior_"):
        return False
    slug = last.concept.removeprefix("prior_")
    named = {s for _, s in (*find_drugs(tail), *find_classes(tail))}
    words = re.findall(r"[a-z0-9]+", _OR.sub(" ", tail))
    return (
        named == {slug}
        and len(words) <= 5
        and words[-1] in {"agent", "agents", "inhibitor", "inhibitors", "therapy"}
    )


def _allergies(ctx: Context, position: int) -> list[Atom]:
    slugs = [slug for _, slug in find_drugs(ctx.low)]
    if not slugs and _STUDY_DRUG.search(ctx.low):
        slugs = list(ctx.study_drugs)
        if not slugs:
            return [review_atom("allergy_study_drug", position)]
    if not slugs:
        return [review_atom("allergy", position)]
    facts = [f"allergy_{slug}" for slug in slugs]
    leaves = [leaf(f, "true") for f in facts]
    condition = leaves[0] if len(leaves) == 1 else {"op": "any", "of": leaves}
    names = ", ".join(DRUGS[s].name for s in slugs)
    return [Atom(facts[0], position, condition, f"allergy to any of: {names}", facts, adverse=True)]


_THERAPY = Anchored(
    # "systemic treatment with CNIs or mTOR inhibitors": what follows names the treatment
    r"chemotherap|\bchemo\b|systemic (?:anti-?cancer |anti-?tumou?r )?(?:therap|treatment)"
    r"(?!(?:y|ies|s)? with\b)|"
    r"anti-?cancer|anti-?tumou?r(?! necrosis)|antineoplastic|anti-neoplastic|immunotherap|"
    r"targeted therap|"
    r"biologic(?:al)? (?:therap|agent)|hormon(?:al|e) therap|endocrine therap|cytotoxic|"
    r"tyrosine kinase|"
    # "prior therapy", never "Prior therapy with: radiation therapy ..." (what follows names it)
    r"monoclonal antibod|small molecule|cancer (?:therapy|treatment)|"
    r"prior therapy(?!\s*(?:with\b|:))|(?:any|last) (?:prior )?(?:therapy|treatment)|"
    r"cancer-directed",
)
_CURRENT = re.compile(
    r"current(?:ly)?|concurrent|ongoing|concomitant|simultaneous|at the same time|while on|"
    r"during (?:the )?(?:study|trial)|other (?:anti-?cancer|anti-?tumou?r)",
)
_NONE_NOW = re.compile(
    r"\s*(?:no|not receiving|not currently receiving|without) (?:other )?"
    r"(?:concurrent|concomitant|current|ongoing)\b"
)
_NAIVE = Anchored(
    r"\bno (?:prior|previous) (?:systemic )?(?:therap|treatment|chemo)|treatment[- ]na[iï]ve|"
    r"therapy[- ]na[iï]ve|previously untreated|not (?:been )?(?:previously )?"
    r"(?:received|treated)|have not received any|has received no prior",
)


# "investigational anticancer therapy", "anti-cancer investigational product", "investigational
# agents ... since last therapy": a study medicine, not any cancer medicine (the last cancer
# medicine date would hold ordinary chemotherapy against it). Read by read_trials.
_NOT_A_LINK = (
    r"(?!(?:or|and|nor|and/or|with|without|but|except|including|includes|include|such|e\.g|like|"
    r"plus|as|to|from|within|before|after|prior)\b)"
)
_INVESTIGATIONAL_BEFORE = re.compile(rf"investigational(?: {_NOT_A_LINK}[\w-]+){{0,2}} $")
_INVESTIGATIONAL_AFTER = re.compile(rf"^[\w-]*(?: {_NOT_A_LINK}[\w-]+){{0,2}}? investigational\b")
_GENERIC_THERAPY = re.compile(r"last (?:prior )?(?:therapy|treatment)$")


def _investigational(low: str, match: re.Match[str]) -> bool:
    """True when a cancer-therapy match names a study medicine (see above)."""
    before = low[max(0, match.start() - 40) : match.start()]
    after = low[match.end() : match.end() + 40]
    if _INVESTIGATIONAL_BEFORE.search(before) or _INVESTIGATIONAL_AFTER.search(after):
        return True
    sentence = low[: match.start()].rsplit(". ", 1)[-1]
    return bool(_GENERIC_THERAPY.match(match.group(0))) and "investigational" in sentence


# What "no prior treatment" / "must not have received" is about: any cancer treatment only when
# the words after it name nothing narrower than the question ("No prior systemic therapy", "No
# prior treatment with any anticancer agent", "No prior chemotherapy" as before). A named drug,
# class or other treatment after it ("No previous treatment with a PARP inhibitor,
# including olaparib", "must not have received prior taxane therapy", "No prior therapy with an
# anti-PD-1 agent", "not been treated with radiotherapy" or "with chemotherapy") is that
# treatment only: a patient treated with anything else is eligible.
_BROAD_OBJECT_WORDS = (
    r"any|all|prior|previous|previously|other|systemic|anti-?cancer|anti-?neoplastic|"
    r"anti-?tumou?r|cancer|(?:[a-z]+[- ])?cancer[- ](?:directed|specific)|oncologic|"
    r"therapy|therapies|treatments?|agents?|drugs?|medications?|medicines?|regimens?|"
    r"forms?|types?|kinds?|a|an|the|with|to|of|or|and|and/or|nor"
)
_BROAD_OBJECT = re.compile(
    rf"^[a-z-]*(?:[\s,]+(?:{_BROAD_OBJECT_WORDS})\b)*[\s,]*"
    r"(?:$|[.;:()]|for\b|in\b|at\b|before\b|prior to\b|since\b|except|unless|other than|"
    r"excluding|apart from|given|received|administered|is\b|are\b|will\b|must\b)"
)
# "previously untreated acute myeloid leukemia", "treatment-naive NSCLC": what follows without a
# preposition is the disease; "treated with surgery", "naive to immunotherapy" name a treatment.
_TREATMENT_AFTER = re.compile(r"^[a-z-]*\s+(?:with|to|by|using|including|such as|e\.g)\b")
_EXAMPLES = re.compile(r"\b(?:including|such as|e\.g|for example|like)\b|\(")
_DISEASE_AFTER = re.compile(r"untreated|na[iï]ve|treated$")


def _broad_object(low: str, naive: re.Match[str]) -> bool:
    """True when the words after a never-treated phrase name no drug, class or treatment
    narrower than any cancer treatment (see _BROAD_OBJECT)."""
    rest = low[naive.end() :]
    # examples of a broad object ("No prior therapy for metastatic ALK+ NSCLC including therapy
    # with ALK inhibitors") do not narrow it
    head = _EXAMPLES.split(re.split(r"[.;:]\s", rest, maxsplit=1)[0], maxsplit=1)[0]
    if find_drugs(head) or find_classes(head):
        return False
    if _DISEASE_AFTER.search(naive.group(0)) and not _TREATMENT_AFTER.match(rest):
        return True  # "previously untreated AML": the disease, not a treatment, follows
    return bool(_BROAD_OBJECT.match(rest))


# An exclusion of any earlier treatment for the trial's own cancer, named by the cancer or as
# "their disease": "Has received any systemic anticancer therapy for CLL/SLL", "Prior treatment
# for multiple myeloma". A setting ("for metastatic disease") or a named drug narrows it (not
# matched). The question asks about any treatment for this cancer: a "systemic" criterion is
# narrower (surgery or radiation alone is a "yes"), so a "no" settles it and a "yes" is for the
# study team.
_OWN_CANCER = (
    r"(?:(?:the|their|his|her|this|its) (?:cancer|disease|malignancy)|cll(?:/sll)?|sll|aml|"
    r"mds|cml|mantle cell lymphoma|mcl|multiple myeloma|waldenstr\w+ macroglobulinemia)"
)
# A setting after a never-treated phrase ("for stage IV disease", "for metastatic disease", "in
# the metastatic setting") narrows it to that stage: a "yes" to any earlier treatment (surgery
# for an early stage) is no proof of it, a "no" still settles it.
_SETTING = (
    r"(?:(?:for|in)\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:(?:locally\s+advanced|advanced|"
    r"metastatic|recurrent|unresectable|relapsed|refractory|castration[- ]resistant|"
    r"stage\s+(?:iv|iii|3|4)[a-c]?|first[- ]line)(?:\s*(?:,|/|or|and|and/or)\s*|\s+))+"
    r"(?:[\w+/-]+\s+){0,3}?(?:disease|cancer|carcinoma|setting|malignancy|tumou?rs?|nsclc|crpc|"
    r"breast cancer|prostate cancer)\b)"
)
_SETTING_RE = re.compile(r"\b" + _SETTING)
_TREATED_OWN = re.compile(
    r"^(?:(?:has|have|had|patients?|participants?|subjects?)\s+)*(?:(?:has|have|had)\s+)?"
    r"(?:received\s+|had\s+)?(?:any\s+)?(?:prior\s+|previous\s+)?(?P<systemic>systemic\s+)?"
    r"(?:anti-?cancer\s+|anti-?neoplastic\s+|anti-?leuka?emic\s+|cancer\s+)?"
    r"(?:therapy|therapies|treatment|treatments)\s+(?:for|of)\s+" + _OWN_CANCER + r"\s*\.?$"
)


# "Subjects who have been previously treated for rectal cancer are excluded": the trial's own
# cancer, named (as rules/completeness.yaml reads "for the treatment of rectal cancer")
_NAMED_OWN = (
    r"(?:(?:non-?small[- ]cell|small[- ]cell) lung (?:cancer|carcinoma)|nsclc|sclc|lung cancer|"
    r"breast cancer|(?:colo)?rectal (?:cancer|(?:adeno)?carcinoma)|colon cancer|prostate cancer|"
    r"pancreatic cancer|pancreatic (?:ductal )?adenocarcinoma|gastric cancer|ovarian cancer|pdac|"
    r"hcc|rcc|crc)"
)
_TREATED_OWN_PASSIVE = re.compile(
    r"^(?:(?:patients?|participants?|subjects?)\s+(?:who\s+)?)?(?:(?:has|have)\s+been\s+)?"
    r"(?:previously|prior)\s+treated\s+for\s+(?:" + _OWN_CANCER + "|" + _NAMED_OWN + r")"
    r"(?:\s+(?:are|is|will be)\s+(?:excluded|ineligible|not eligible))?\s*\.?$"
)


def _treated_own_cancer(ctx: Context) -> list[Atom]:
    """Exclusion "Has received any systemic anticancer therapy for CLL/SLL" or "Subjects who have
    been previously treated for rectal cancer are excluded" as the question about earlier
    treatment for this cancer (see _TREATED_OWN); [] for any other text."""
    low = ctx.low.strip()
    found = (
        _TREATED_OWN.match(low) or _TREATED_OWN_PASSIVE.match(low)
        if ctx.kind == "exclusion"
        else None
    )
    if found is None:
        return []
    base = leaf("prior_cancer_treatment", "true")
    if found.groupdict().get("systemic"):
        condition = all_of(base, {"op": "review"})
        rule = "prior_cancer_treatment == yes and study team"
    else:
        condition, rule = base, "prior_cancer_treatment == yes"
    atom = Atom("prior_cancer_treatment", 0, condition, rule, ["prior_cancer_treatment"])
    atom.settled = True
    return [atom]


def _narrower_than_any_treatment(low: str, naive: re.Match[str]) -> bool:
    """True when a never-treated phrase names a setting ("No previous systemic therapy for stage
    IV disease"): narrower than the question about any earlier treatment (surgery or radiation
    for an early stage is a "yes"), so a "yes" is the study team's."""
    sentence = re.split(r"[.;]\s", low[naive.start() :], maxsplit=1)[0]
    return bool(_SETTING_RE.search(sentence))


# "Response to systemic chemotherapy defined as at least one of the following: ...": an inclusion
# asking for a response to an earlier treatment asks for that treatment first, so whoever never
# had a cancer treatment fails it (reader.py _response_decisive); never beside a treatment-naive
# alternative.
_RESPONSE_TO = re.compile(
    r"\b(?:response|responded|responding|responsive) to (?:the |their |his |her )?"
    r"(?:(?:prior|previous|preoperative|neoadjuvant|induction|first[- ]line|systemic|"
    r"platinum[- ]based|cytotoxic) )*(?:chemotherapy|chemo|therapy|treatment)\b"
)
_RESPONSE_OPENING = re.compile(
    r"\s*(?:[-*•]\s*)?(?:(?:patients?|participants?|subjects?) (?:must )?(?:have|with) )?(?:an? )?"
    r"(?:(?:documented|confirmed|objective|radiographic|radiologic|clinical|partial or complete|"
    r"complete or partial|prior|previous) )*(?:(?:disease|tumou?rs?|cancer) (?:that|which) )?"
)
_NAIVE_ALTERNATIVE = re.compile(r"na[iï]ve|untreated|no prior|without prior|not (?:been )?treated")


def read_response_to_treatment(ctx: Context) -> list[Atom]:
    """An inclusion asking for a response to earlier treatment, as that treatment (above)."""
    if ctx.kind != "inclusion":
        return []
    found = _RESPONSE_TO.search(ctx.low)
    if found is None or _NAIVE_ALTERNATIVE.search(ctx.low):
        return []
    # the response is what the criterion opens on ("Documented response to ..."), never one
    # named inside a definition or an alternative ("Relapsed disease is defined as an initial
    # response to prior treatment ...")
    if not _RESPONSE_OPENING.fullmatch(ctx.low[: found.start()]):
        return []
    base = leaf("prior_cancer_treatment", "true")
    atom = Atom("prior_cancer_treatment", found.start(), base, "prior_cancer_treatment == yes",
                ["prior_cancer_treatment"], explained=["_response_to_treatment"])  # fmt: skip
    atom.settled = atom.never_certain = True
    return [atom]


def read_therapy(ctx: Context) -> list[Atom]:
    """Cancer therapy: time since the last dose, current therapy, or never treated before."""
    own = _treated_own_cancer(ctx)
    if own:
        return own
    naive = _NAIVE.search(ctx.low) if ctx.kind == "inclusion" else None
    if naive and not _broad_object(ctx.low, naive):
        naive = None
    if naive and not nearest_window(ctx.low, naive.start()):
        base = leaf("prior_cancer_treatment", "true")
        condition, rule = base, "prior_cancer_treatment == yes"
        if _narrower_than_any_treatment(ctx.low, naive):
            condition = all_of(base, {"op": "review"})
            rule = "prior_cancer_treatment == yes and study team"
        atom = Atom("prior_cancer_treatment", naive.start(), condition, rule,
                    ["prior_cancer_treatment"])  # fmt: skip
        atom.negated = atom.settled = True
        return [atom]
    match = next((m for m in _THERAPY.finditer(ctx.low) if not _investigational(ctx.low, m)), None)
    if not match:
        return []
    days, at_least = _window(ctx, match.start())
    if days is not None:
        atom = event_atom("last_anticancer_therapy", match.start(), days, at_least=at_least)
        if _recent_required(ctx, match.start()):
            atom.adverse = False  # "no more than 12 weeks after the last dose": met when recent
        return [atom]
    if _CURRENT.search(ctx.low) and ctx.kind == "exclusion":
        fact = "current_anticancer_therapy"
        return [Atom(fact, match.start(), leaf(fact, "true"), f"{fact} == yes", [fact])]
    if _CURRENT.search(ctx.low) and _NONE_NOW.match(ctx.low):
        fact = "current_anticancer_therapy"  # inclusion "No concurrent antineoplastic agents"
        atom = Atom(fact, match.start(), leaf(fact, "true"), f"{fact} == yes", [fact])
        atom.negated = atom.settled = True
        return [atom]
    return []


_TRIAL = Anchored(
    r"investigational (?:anti-?cancer |anti-?tumou?r |anti-?neoplastic )?(?:agent|drug|product|"
    r"therap|treatment|device|medicin)|(?:another|other|"
    r"concurrent|any) (?:\w+ )?(?:clinical )?(?:trial|study|studies)"
    # "within 4 weeks of the first dose of any study drug": this study's drug, the window's start
    r"(?! procedures| visits| requirements| assessments| evaluations| schedule|-specific|-related|"
    r"(?<=any study) (?:drug|treatment|medication|intervention|therap|agent|product))|"
    r"clinical trials? (?:of|with|involving) (?:other|another|an? investigational)|"
    r"experimental (?:(?:diagnostic|therapeutic)(?: or (?:diagnostic|therapeutic))? )?"
    r"(?:drug|therap|agent|treatment)|interventional (?:trial|study)",
)


# Earlier participation in a named study ("previously allocated/randomized to study intervention
# in any sub study of protocol MK-3475-U03", "prior enrollment in this protocol"): the study team
# checks its own records; no question about another study now or any study medicine's date.
_NAMED_STUDY = Anchored(
    r"sub-?\s?stud(?:y|ies) of|\bprotocol [a-z]+-?\d|"
    r"(?:previously|prior|already|ever|before)\s+(?:been\s+)?(?:allocated|randomi[sz]ed|"
    r"enrolled|participated|assigned)(?:\s+[\w/-]+){0,5}?\s+(?:in|into|on|to)\s+"
    r"(?:(?:any|this|the|that|a)\s+)?(?:sub-?\s?study|protocol|study|trial)\b|"
    r"(?:prior|previous)\s+(?:randomi[sz]ation|enrol(?:l)?ment|participation|allocation)\s+"
    r"(?:in|into|on|to)\s+(?:this|the present|the current|the same|that)\s+"
    r"(?:study|protocol|trial)\b",
)
_PARTICIPATED = re.compile(r"allocat|randomi[sz]|enrol|participat|assigned|took part|taken part")


def read_trials(ctx: Context) -> list[Atom]:
    """Other studies: a study drug within a window, or taking part in another study now; earlier
    participation in a named study (_NAMED_STUDY) is the study team's."""
    named = _NAMED_STUDY.search(ctx.low) if _PARTICIPATED.search(ctx.low) else None
    if named is None:
        return _other_trials(ctx)
    # "in any sub study of protocol ...": the named study, not another study now
    rest = [
        a for a in _other_trials(ctx) if not named.start() - 20 <= a.position < named.end() + 12
    ]
    return [review_atom("in_other_trial", named.start()), *rest]


def _other_trials(ctx: Context) -> list[Atom]:
    match = _TRIAL.search(ctx.low)
    if not match or _ALLERGY.search(ctx.low):
        return []
    days, at_least = _window(ctx, match.start())
    if days is not None:
        return [event_atom("last_investigational_drug", match.start(), days, at_least=at_least)]
    if ctx.kind == "exclusion" or re.search(
        r"participat|enrol|taking part|involved|current|concurrent|simultaneous|receiv", ctx.low
    ):
        return [Atom("in_other_trial", match.start(), leaf("in_other_trial", "true"),
                     "in_other_trial == yes", ["in_other_trial"], adverse=True)]  # fmt: skip
    return []


_OTHER_CANCER = Anchored(
    r"(?:other|another|second|prior|additional|previous|concurrent|second primary|secondary|"
    r"history of|coexisting|synchronous|active|known) (?:\w+ )?(?:\w+ )?(?:malignan|"
    r"cancer(?! therap| treatment| drug| medic| care| center| centre| intervention|"
    r" (?:clinical )?(?:study|studies|trial))|"
    r"primary (?:tumou?r|cancer|malignan)|neoplas)|malignanc\w* (?:other than|within|in the)|"
    r"invasive malignan",
)
_EXCEPTIONS = re.compile(
    r"except|excluding|other than|exception|unless|apart from|not including|basal cell|"
    r"squamous cell (?:skin|carcinoma of the skin)|in situ|non-?melanoma|curative|disease[- ]free|"
    r"no evidence of disease|adequately treated|low[- ]risk|allowed|eligible|permitted|"
    r"does not require",
)
# A numbered or bulleted item of a list run into one line ("... 5. History of drug-induced
# hepatitis. 6. History of any primary malignancy. 7. ..."): the other-cancer item's exceptions
# are its own or those of the items that follow it about cancers ("- EXCEPTIONS: Curatively
# treated non-melanotic skin cancer", "The following are exempt: 1. non-melanoma skin cancer"),
# never another item's ("1. History of neutropenia (benign ethnic neutropenia ... permitted)").
_LIST_ITEM = re.compile(r"(?:^|\s)(?:\d{1,2}[.)]|[-•*]|\(?[a-h][.)])\s+(?=[a-z(])")
_ABOUT_CANCER = re.compile(
    r"^\W*(?:exceptions?|except|excluding|exempt|note)\b|malignan|cancer|carcinoma|tumou?r|"
    r"neoplas|melanoma|in situ|lymphoma|leuka?emia|sarcoma"
)


def _own_item(low: str, position: int) -> str:
    """The text of the list item holding `position` with the cancer items after it (the whole
    text when it is no list, or when the item opens a list: "... characteristics:")."""
    starts = [m.start() for m in _LIST_ITEM.finditer(low)]
    if len(starts) < 2:
        return low
    begin = max((s for s in starts if s <= position), default=0)
    ends = [s for s in starts if s > position] + [len(low)]
    end = ends[0]
    if low[begin:end].rstrip().endswith(":"):
        return low[begin:]
    for following, after in itertools.pairwise(ends):
        if not _ABOUT_CANCER.search(low[following:after]):
            break
        end = after
    return low[begin:end]


def read_other_cancer(ctx: Context) -> list[Atom]:
    """Another cancer (ever or within N years), with the usual low-risk exceptions.

    With an exception list ("except basal cell skin cancer or carcinoma in situ") a low-risk
    other cancer (`other_cancer_low_risk`) does not exclude. Without one ("History of another
    primary malignancy.") the registry text is a summary: coordinators routinely allow a skin
    cancer that is not melanoma or an in-situ cancer fully removed, which full protocols list as
    exceptions. So a low-risk other cancer is for the study team (`... and (not
    other_cancer_low_risk or study team)`), never a reason to tell the patient "not eligible";
    any other cancer still excludes when the rest of the criterion is read whole."""
    match = _OTHER_CANCER.search(ctx.low)
    if not match:
        return []
    days, _ = _window(ctx, match.start())
    atom = event_atom("other_cancer", match.start(), days)
    if atom.condition is None:
        return [atom]
    not_low_risk = {"op": "not", "of": leaf("other_cancer_low_risk", "true")}
    if _EXCEPTIONS.search(_own_item(ctx.low, match.start())):
        atom.condition = all_of(atom.condition, not_low_risk)
        atom.rule = f"{atom.rule} and not other_cancer_low_risk"
    else:
        atom.condition = all_of(atom.condition, any_of(not_low_risk, {"op": "review"}))
        atom.rule = f"{atom.rule} and (not other_cancer_low_risk or study team)"
    atom.facts.append("other_cancer_low_risk")
    return [atom]
