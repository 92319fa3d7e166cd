"""Recognizers for sex, pregnancy, breastfeeding and contraception (with when they apply)."""

from __future__ import annotations

import re

from trialbot.eligibility.anchors import Anchored
from trialbot.eligibility.atoms import (
    Atom,
    any_of,
    is_female,
    is_male,
    leaf,
    negate,
    only_if,
)
from trialbot.eligibility.measures import Context

_PREGNANT = re.compile(r"pregnan")
_NOT_PREGNANCY_STATE = re.compile(
    r"(?:prevent|avoid|avoiding|preventing|prevention of|risk of|cause|causing|harm)\s+(?:a\s+)?"
    r"(?:\w+\s+)?$|(?:can|could|able to|potential to|capable of|possibility of|may)\s+"
    r"(?:become|becoming|get|getting)\s+$|(?:become|becoming)\s+$",
)
_PLANNING = re.compile(
    r"(?:plan|planning|intend|intending|wish|wishing|trying)\w*\s+to\s+(?:become|get)\s+$"
)
# "must have a negative urine or serum pregnancy within 72 hours": a test without the word "test"
_NEGATIVE_TEST = re.compile(
    r"negative[^.;]{0,40}pregnancy test|pregnancy test[^.;]{0,30}negative|"
    r"negative (?:[\w-]+ ){0,4}pregnancy\b"
)
_BREASTFEEDING = re.compile(r"breast-?\s?feed|lactat|nursing|breast milk")
_CONTRACEPTION = re.compile(
    r"contracepti|birth control|barrier method|abstinen|sterili[sz]|intrauterine|condom|"
    r"childbearing potential|child-bearing potential|\bwocbp\b|reproductive potential|"
    r"of reproductive age|father a child|sperm|\bova\b|oocyte|egg donation|"
    # "Willingness to avoid pregnancy or fathering children through 90 days after the last dose"
    r"willing\w* to (?:avoid|prevent) (?:a )?pregnan|fathering (?:a )?child",
)
# Words naming birth control itself (the rest of _CONTRACEPTION names who it is for).
_METHOD = re.compile(
    r"contracepti|birth control|barrier method|abstinen|sterili[sz]|intrauterine|condom|"
    r"methods? (?:of|to prevent)|prevent (?:a )?pregnan|avoid (?:a )?pregnan|father a child|sperm"
)
# an egg donation is a woman's, as a sperm donation is a man's ("refrain from oocyte/sperm
# donation": both)
_FEMALE_WORDS = re.compile(r"\b(?:women|woman|female|females|wocbp|girls?|mothers?|oocytes?)\b")
_MALE_WORDS = re.compile(
    r"\b(?:men|man|male|males|boys?|sperm|father|fathering|(?:cause|causing) (?:a )?pregnancy)\b"
)
# Whom a birth-control rule is for: a partner named is the other person, never whom the rule is
# for ("Male participants with WOCBP partners", "sexual intercourse with a woman of childbearing
# potential"; "vasectomized partner (provided that the male
# vasectomized partner is the sole sexual partner of the WOCBP study participant)" among the
# methods of a rule for women), nor is a definition ("Childbearing potential defined as not
# being surgically sterilized (men and women) ..."); "male of childbearing potential" is a man
# able to father a child.
_NOT_WHOM = re.compile(
    r"\b(?:(?:male|female|wocbp|vasectomi[sz]ed|sexual|sole|their|his|her|a|the|pregnant|"
    r"non-?sterili[sz]ed|pre-?menopausal)\s+)*partner(?:s\b|\(s\)|\b)"
    r"(?:\s+(?:of|who (?:is|are)(?: of)?|with)"
    r"\s+(?:[\w-]+\s+){0,3}?potential\b(?:\s*\(wocbp\))?)?|"
    r"\bwith (?:a |an )?(?:pregnant |non-?sterili[sz]ed )?(?:wom[ae]n|females?|m[ae]n|males?)\b"
    r"(?:\s+(?:of|who)\s+(?:[\w-]+\s+){0,3}?potential)?|"
    r"(?:\b(?:non-?)?(?:childbearing|child-bearing|reproductive) potential (?:is )?)?"
    r"\bdefined as\b[^.;]*"
)
_MALE_OF_POTENTIAL = re.compile(
    r"\b(?:males?|men|man)\s+(?:(?:patients?|participants?|subjects?|study|persons?)\s+){0,2}"
    r"(?:of|with)\s+(?:childbearing|child-bearing|reproductive) potential"
)


# "Patients must be female and age >= 18 years": the sex said as a requirement
_MUST_BE = r"^\W*(?:(?:patients?|participants?|subjects?) (?:must|should|shall) be (?:an? )?)?"


def read_sex(ctx: Context) -> list[Atom]:
    """A criterion that is only a sex limit ("Female", "Male patients", "Women aged ...")."""
    match = re.match(
        _MUST_BE + r"(?:(?:biological|adult|postmenopausal|premenopausal)\s+)?"
        r"(females?|women|woman|males?|men|man)\b"
        r"(?:\s+(?:patients?|participants?|subjects?|sex|gender|only|aged|age|\d|>|<|\(|,|or))?",
        ctx.low,
    )
    if not match or _CONTRACEPTION.search(ctx.low) or _PREGNANT.search(ctx.low):
        return []
    if ctx.kind == "exclusion" or len(ctx.low) > 120:
        return []
    if re.match(
        _MUST_BE + r"(?:females?|women|woman|males?|men|man) (?:and|or|and/or|&) "
        r"(?:females?|women|males?|men)",
        ctx.low,
    ):
        return []
    value = "female" if match.group(1) in ("female", "females", "women", "woman") else "male"
    atoms = [
        Atom("sex", match.start(1), leaf("sex", "eq", value=value), f"sex == {value}", ["sex"])
    ]
    if "postmenopausal" in ctx.low or "post-menopausal" in ctx.low:
        atoms.append(_menopause(ctx, ctx.low.find("menopaus")))
    return atoms


def _menopause(ctx: Context, position: int) -> Atom:
    condition = only_if(is_female(), leaf("postmenopausal", "true"))
    return Atom("postmenopausal", position, condition, "postmenopausal == yes (females)",
                ["sex", "postmenopausal"])  # fmt: skip


_MENOPAUSE = Anchored(r"post-?\s?menopaus|pre-?\s?menopaus|peri-?\s?menopaus")


def read_menopause(ctx: Context) -> list[Atom]:
    """Menopausal status (postmenopausal women)."""
    match = _MENOPAUSE.search(ctx.low)
    if not match:
        return []
    atom = _menopause(ctx, match.start())
    if ctx.kind == "exclusion":
        atom.review = True  # exclusions name menopause only to define who must use birth control
    if match.group(0).startswith(("pre", "peri")):
        atom.negated = True
    return [atom]


def read_pregnancy(ctx: Context) -> list[Atom]:
    """Being pregnant (or planning to be), only for females."""
    for match in _PREGNANT.finditer(ctx.low):
        before = ctx.low[max(0, match.start() - 40) : match.start()]
        if _NOT_PREGNANCY_STATE.search(before) and not _PLANNING.search(before):
            continue
        condition = only_if(is_female(), leaf("pregnant", "true"))
        rule = "pregnant == yes (females)"
        atom = Atom("pregnant", match.start(), condition, rule, ["sex", "pregnant"], adverse=True)
        if ctx.kind == "exclusion":
            atom.settled = True  # an exclusion names pregnancy; its test talk is not a negation
        elif _NEGATIVE_TEST.search(ctx.low):
            atom.negated = atom.settled = True
        return [atom]
    return []


_PARTNER_AFTER = re.compile(r"\w*\s+partners?\b")
_STOP_NURSING = re.compile(
    r"\b(?:willing|agree\w*|able) to (?:discontinue|stop|cease|interrupt|suspend|refrain from)"
    r" (?:\w+ ){0,2}?(?:nursing|breast-?feeding|lactation|chest-?feeding)"
)


def read_breastfeeding(ctx: Context) -> list[Atom]:
    """Breastfeeding, only for females."""
    # "(including breastfeeding partner)": the partner of a man asked to use birth control
    match = next(
        (m for m in _BREASTFEEDING.finditer(ctx.low) if not _PARTNER_AFTER.match(ctx.low, m.end())),
        None,
    )
    if not match:
        return []
    condition = only_if(is_female(), leaf("breastfeeding", "true"))
    rule = "breastfeeding == yes (females)"
    facts = ["sex", "breastfeeding"]
    if ctx.kind == "inclusion" and _STOP_NURSING.search(ctx.low):
        # "Nursing participants must be willing to discontinue nursing": not breastfeeding meets
        # it; one who breastfeeds may still agree to stop (the study team asks)
        either = any_of(negate(condition), {"op": "review"})
        atom = Atom("breastfeeding", match.start(), either, f"not ({rule}) or study team", facts)
        atom.settled, atom.adverse = True, False
        return [atom]
    return [Atom("breastfeeding", match.start(), condition, rule, facts, adverse=True)]


# "Women of childbearing potential or their male partner must agree to use ...": the man of a
# couple is named as one who must agree, as the woman is, not as the other person of the rule
_OR_THEIR_MALE_PARTNER = re.compile(
    r"\b(?:wom[ae]n|females?|wocbp)(?: \(wocbp\))?"
    r"(?: of (?:childbearing|child-bearing|reproductive) potential)?(?: \(wocbp\))?"
    r" or (?:their|her) male partners?"
    r"(?= (?:must |should |shall |will )?(?:agree|use|practi[cs]e|employ)\b)"
)


def _who(ctx: Context) -> tuple[dict[str, object], str]:
    low = _OR_THEIR_MALE_PARTNER.sub(lambda m: m.group(0).rsplit(" or ", 1)[0] + " or men", ctx.low)
    text = _MALE_OF_POTENTIAL.sub("male", _NOT_WHOM.sub(" ", low))
    female = bool(_FEMALE_WORDS.search(text) or re.search(r"child-?\s?bearing", text))
    male = bool(_MALE_WORDS.search(text))
    including = re.search(r"\bincluding (?:\w+ )?(?:men|women|males?|females?)\b", text)
    if including and not (
        _FEMALE_WORDS.search(text, 0, including.start())
        or _MALE_WORDS.search(text, 0, including.start())
    ):
        female = male = True  # "The patient must agree ..., including men with vasectomies"
    if re.search(r"\b(?:of any|of either|regardless of|irrespective of) (?:gender|sex)\b", text):
        female = male = True  # "subjects of reproductive potential of any gender who ..."
    can_pregnant = leaf("can_become_pregnant", "true")
    if female and not male:
        return {"op": "all", "of": [is_female(), can_pregnant]}, "females who can become pregnant"
    if male and not female:
        return is_male(), "males"
    return any_of(is_male(), can_pregnant), "males and those who can become pregnant"


# "must have a negative urine or serum pregnancy within 72 hours": a test, with or without "test"
_PREGNANCY_TEST = re.compile(r"pregnancy test|negative (?:[\w-]+ ){0,4}pregnancy")
# "Oral contraceptives" listed as an allowed medicine ("anticancer drugs ... (Exceptions: hormone-
# replacement therapy, testosterone or oral contraceptives)") says nothing about birth control.
_ALLOWED_PILL = re.compile(r"(?:except\w*|other than|excluding|apart from)\b[^.;()]{0,80}\boral $")


def read_contraception(ctx: Context) -> list[Atom]:
    """Agreeing to use birth control, only for those who can become pregnant or father a child."""
    match = next(
        (
            m
            for m in _CONTRACEPTION.finditer(ctx.low)
            if not _ALLOWED_PILL.search(ctx.low[max(0, m.start() - 100) : m.start()])
        ),
        None,
    )
    if not match:
        return []
    if _PREGNANCY_TEST.search(ctx.low) and not _METHOD.search(ctx.low):
        return []  # "Women of childbearing potential with a negative pregnancy test": a test only
    when, who = _who(ctx)
    condition = only_if(when, leaf("agrees_to_contraception", "true"))
    refusing = re.search(
        r"(?:unwilling|not willing|refuse|do not agree|does not agree|not agree|unable|not using|"
        r"not use|without (?:using|use)|who are not|no (?:effective|adequate))", ctx.low
    )  # fmt: skip
    if ctx.kind == "exclusion" and not refusing:
        # "Women of childbearing potential" alone in exclusions: the study team decides.
        return [Atom("agrees_to_contraception", match.start(), {"op": "review"}, review=True)]
    if ctx.kind == "exclusion":
        condition = negate(condition)
    facts = ["sex", "can_become_pregnant", "agrees_to_contraception"]
    if who == "males":
        facts = ["sex", "agrees_to_contraception"]
    rule = f"agrees_to_contraception == yes (applies to {who})"
    if ctx.kind == "exclusion":
        rule = f"agrees_to_contraception == no (applies to {who})"
    atom = Atom("agrees_to_contraception", match.start(), condition, rule, facts)
    atom.settled = True
    return [atom]
