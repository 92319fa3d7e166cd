"""The hand-labelled criteria and patient profiles (tests/eligibility/labelled/) hold."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from labelled_set import Scored, by_category, part_of, profile_figures, score_all, summary


def _wrong(scored: list[Scored]) -> list[tuple[str, str, str, list[str]]]:
    return [
        (s.row.get("trial", "issue"), s.row.get("id", ""), s.row["text"][:80], s.wrong)
        for s in scored
        if s.wrong
    ]


# Wrong certain readings found by a held-out part's one run at the end of a stop, kept visible
# until fixed (trial, criterion id): any other wrong certain reading fails the test. Part 15's one
# ("Medical history of ILD." read whole by a question that also takes in pneumonitis, found
# 2026-12-03) is fixed: scarring named without pneumonitis is narrower than the question. Part
# 17's one ("a topoisomerase I-containing ADC" read whole) is fixed: a payload class a person may
# not know an earlier medicine had is partial (rules/completeness.yaml `yes_only`).
KNOWN_WRONG: set[tuple[str, str]] = set()


def test_no_wrong_certain_reading() -> None:
    """No criterion is read as certain unless the labelled reading is certain and the same
    (besides the known ones above, which must still be wrong or be removed from the list)."""
    scored = score_all()
    for cat, figures in by_category(scored).items():
        print(f"{cat:<18} {figures}")
    print(summary(scored))
    assert {(trial, criterion) for trial, criterion, _, _ in _wrong(scored)} == KNOWN_WRONG


def test_labelled_set_is_large_enough() -> None:
    """At least 400 labelled criteria from real records."""
    assert summary(score_all())["criteria"] >= 400


def test_eligible_profiles_are_never_excluded() -> None:
    """A patient each trial is for is never judged ineligible."""
    figures = profile_figures()
    assert figures["eligible"] >= 30
    assert figures["eligible_excluded"] == []


def test_excluding_profiles_are_mostly_caught() -> None:
    """Profiles failing one patient-knowable criterion: the share caught by that criterion."""
    figures = profile_figures()
    assert figures["excluding"] >= 30
    print(figures["caught"], "of", figures["excluding"], figures["missed"])
    # 39 of 43 (90.7 %) before the third held-out part; 46 of 56 (82.1 %) with it, 2026-12-01;
    # 51 of 56 (91.1 %) after the narrowed questions (transplant, infection, hepatitis now) and
    # the semicolon clauses of an exclusion list, issue 10 fifth round
    earlier = [profile_figures(part) for part in ("earlier", "held_out_2", "held_out_3")]
    caught = sum(f["caught"] for f in earlier)
    assert caught / sum(f["excluding"] for f in earlier) >= 0.9


def test_excluding_profiles_of_the_fourth_part() -> None:
    """The fourth held-out part, measured before any tuning: at least what it caught then.

    11 of 24 (45.8 %) caught on its first run, 2026-12-01; the misses are criteria read as
    partial or study-team although one answer settles them (see labelled_set.py's MISSED lines).
    21 of 24 after the sixth round, 23 of 24 after the eighth (tuned on). 22 since a QTc limit
    measured as QTcF or at screening/baseline is no longer decided on a patient-recalled value
    (audit12 kind 1): the profile with a baseline QTcF above 460 ms goes to the study team.
    """
    figures = profile_figures("held_out_4")
    assert figures["excluding"] >= 12
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 22


def test_excluding_profiles_of_the_fifth_part() -> None:
    """The fifth held-out part, measured before any tuning: at least what it caught then.

    19 of 35 (54.3 %) caught on its first run, 2026-12-01, with none of its 15 eligible
    profiles excluded and no wrong certain reading among its 191 criteria; 21 after the sixth
    round, 31 of 35 after the eighth (tuned on its misses since); 30 since a QTcF limit is no
    longer decided on a patient-recalled QTc (audit12 kind 1, see the fourth part).
    """
    figures = profile_figures("held_out_5")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 30


def test_excluding_profiles_of_the_sixth_part() -> None:
    """The sixth held-out part, measured before any tuning: at least what it caught then.

    13 of 31 (41.9 %) caught on its first run, 2026-12-01, with none of its 13 eligible
    profiles excluded and no wrong certain reading among its 174 criteria (15 certain).
    """
    figures = profile_figures("held_out_6")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 13


def test_excluding_profiles_of_the_seventh_part() -> None:
    """The seventh held-out part, measured before any tuning: at least what it caught then.

    14 of 51 (27.5 %) caught on its first run, 2026-12-02, with 2 of its 16 eligible profiles
    excluded (both olaparib-maintenance patients of NCT06580314, by inc-8a: "No previous treatment
    with a PARP inhibitor, ..." read as no earlier cancer treatment at all, the one wrong certain
    reading among its 164 criteria, 17 of them certain); three of the 14 caught name that wrong
    reading beside the right one.
    """
    figures = profile_figures("held_out_7")
    assert figures["excluding"] >= 45
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 12


def test_every_part_is_scored() -> None:
    """Each labelled file contributes rows to its part."""
    parts = {part_of(s.row) for s in score_all()}
    assert {
        "tuned",
        "held_out",
        "held_out_2",
        "held_out_3",
        "held_out_4",
        "held_out_5",
        "held_out_6",
        "held_out_7",
        "held_out_8",
        "held_out_9",
        "held_out_10",
        "held_out_11",
        "held_out_12",
        "held_out_13",
        "held_out_14",
        "held_out_15",
        "held_out_16",
        "held_out_17",
        "held_out_18",
        "held_out_19",
        "held_out_20",
    } <= parts


def test_excluding_profiles_of_the_eighth_part() -> None:
    """The eighth part: measured before any tuning, then tuned on by kind.

    First run, 2026-12-02: 14 of 60 (23.3 %) caught, 0 of 24 eligible profiles excluded, 0 wrong
    certain readings among its 177 criteria (15 certain). After this stop's reader kinds (parts
    8a/8b, any-of items, the audit's kinds): 29 of 60.
    """
    figures = profile_figures("held_out_8")
    assert figures["excluding"] >= 55
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 26


def test_excluding_profiles_of_the_ninth_part() -> None:
    """The ninth part, written after this stop's reader work and measured once, never tuned on.

    First run, 2026-12-02: 11 of 37 (29.7 %) caught, 0 of 15 eligible profiles excluded, one wrong
    certain reading among its 157 criteria (15 certain): NCT06548672 exc-5 "... or with a history
    of radiation pneumonitis" read certain as any lung scarring or pneumonitis; one cause of it is
    narrower than the question (fixed as a kind, tests/eligibility/test_reader_part9_kinds.py).
    """
    figures = profile_figures("held_out_9")
    assert figures["excluding"] >= 35
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 10


def test_excluding_profiles_of_the_tenth_part() -> None:
    """The tenth part (held_out_10a/10b.yaml), written before this stop's reader work and measured
    once before any tuning; tunable by kind after that.

    First run, 2026-12-02: 21 of 60 (35.0 %) caught, 0 of 27 eligible profiles excluded, one wrong
    certain reading among its 177 criteria (17 certain): NCT04958239 inc-7 ECOG 0-1 under an "All
    cohorts:" heading that a later "Phase 1b:" list restates, read for everyone (fixed as a kind,
    tests/eligibility/test_reader_everyone_heading_kinds.py; 20 caught with it).
    """
    figures = profile_figures("held_out_10")
    assert figures["excluding"] >= 55
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 18


def test_excluding_profiles_of_the_eleventh_part() -> None:
    """The eleventh part (held_out_11.yaml), written at the start of this stop from six unseen
    records, kept out of the repository during the reader work and measured once at its end.

    First run, 2026-12-02: 19 of 45 (42.2 %) caught, 0 of 18 eligible profiles excluded, one wrong
    certain reading among its 108 criteria (21 certain): NCT06126276 inc-9 "Patients may have
    received up to 5 prior lines of systemic therapy" read as a limit of 5 lines (now the study
    team's, tests/eligibility/test_reader_round11_kinds.py; 18 caught with it).
    """
    figures = profile_figures("held_out_11")
    assert figures["excluding"] >= 40
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 16


def test_excluding_profiles_of_the_twelfth_part() -> None:
    """The twelfth part (held_out_12.yaml), written at the start of a stop from five unseen
    records before the reader was run on them, measured once before any tuning.

    First run, 2026-12-03: 7 of 25 (28.0 %) caught, 0 of 14 eligible profiles excluded, 0 wrong
    certain readings among its 109 criteria (9 certain, 72 read as labelled).
    Tuned by kind (test_reader_part12_kinds.py): named-drug windows paired "respectively" and a
    washout read as a minimum gap, a pregnancy the woman reports, birth control until the
    operation, an exception naming only another item of the list, a named operation scheduled
    (an inclusion narrower than its question, decisive when not met), measurable disease with
    its assessor and the immune-medicine question now: 14 of 25 (56.0 %) caught, 0 of 14
    eligible excluded, 0 wrong certain (14 certain, 78 read as labelled).
    """
    figures = profile_figures("held_out_12")
    assert figures["excluding"] >= 25
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 14


def test_excluding_profiles_of_the_thirteenth_part() -> None:
    """The thirteenth part (held_out_13.yaml), written at the start of this stop from five unseen
    records, kept out of the repository during the reader work and measured once at its end.

    2026-12-03: 6 of 22 (27.3 %) caught, 0 of 10 eligible profiles excluded, 0 wrong certain
    readings among its 61 criteria (5 certain, 28 read as labelled). Tuned on by kind afterwards
    (test_reader_part14_kinds.py): 9 of 22 caught (10 before the next round). Tuned on again
    (test_reader_part15_kinds.py): 12 of 22 caught, 0 eligible excluded, 0 wrong certain (8
    certain, 30 read as labelled).
    """
    figures = profile_figures("held_out_13")
    assert figures["excluding"] >= 22
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 12


def test_excluding_profiles_of_the_fourteenth_part() -> None:
    """The fourteenth part (held_out_14.yaml), labelled from five unseen records before the reader
    was run on them.

    First run, 2026-12-03: 11 of 25 (44.0 %) caught, 0 of 10 eligible profiles excluded, 0 wrong
    certain readings among its 116 criteria (14 certain, 73 read as labelled). Tuned on by kind
    (test_reader_part14_kinds.py): 19 of 25 caught, 0 eligible excluded, 0 wrong certain (19
    certain, 78 read as labelled).
    """
    figures = profile_figures("held_out_14")
    assert figures["excluding"] >= 25
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 18


def test_excluding_profiles_of_the_fifteenth_part() -> None:
    """The fifteenth part (held_out_15.yaml), written at the start of this stop from five unseen
    records, kept out of the repository during the reader work and measured once at its end.

    2026-12-03: 10 of 30 (33.3 %) caught, 0 of 10 eligible profiles excluded, 1 wrong certain
    reading among its 149 criteria (18 certain, 76 read as labelled; see KNOWN_WRONG). Tuned on
    by kind afterwards (test_reader_part15_kinds.py), from 10 of 30 caught with 17 certain and 78
    read as labelled: 15 of 30 caught, 0 eligible excluded, 0 wrong certain (21 certain, 82 read
    as labelled). With a member drug's "yes" meeting its class and "Treatment with any of the
    following:" lists read by item (test_reader_leftover22a_kinds.py): 16 of 30.
    Then (test_reader_part17b_kinds.py: a pregnancy sentence with its reason beside
    a birth-control one): 16 of 30 caught, 0 eligible excluded, 0 wrong certain (23 certain, 85
    read as labelled).
    """
    figures = profile_figures("held_out_15")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 16


def test_excluding_profiles_of_the_sixteenth_part() -> None:
    """The sixteenth part (held_out_16.yaml), labelled from five unseen records before the reader
    was run on them.

    First run, 2026-12-03: 11 of 29 (37.9 %) caught, 0 of 10 eligible profiles excluded, 3 wrong
    certain readings among its 101 criteria (16 certain, 49 read as labelled), all of one kind:
    NCT06360354's "Subprotocol B" / "Subprotocol C" headings did not scope the lists under them
    (test_reader_subprotocol_scope.py). With that kind fixed: 0 wrong certain (13 certain, 51 read
    as labelled).

    Tuned on since (its missed kinds, test_reader_part16_kinds.py): 18 of 29 caught, 0 eligible
    excluded, 0 wrong certain (15 certain, 54 read as labelled). Left missed: a solid organ
    transplant alone, interstitial lung disease alone and a "significantly" altered absorption
    are narrower than their questions (a yes goes to the study team); carcinomatous meningitis
    beside brain metastases whose permission names only them; a multi-sentence lines
    requirement holding "or"; birth control beside an egg or sperm donation; the weight item of
    a scan-safety list; a digestive list whose first item is "inability to take PO medication".
    The carcinomatous meningitis one is caught since (test_reader_leftover22a_kinds.py): 19.
    """
    figures = profile_figures("held_out_16")
    assert figures["excluding"] >= 29
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 19


def test_excluding_profiles_of_the_seventeenth_part() -> None:
    """The seventeenth part (held_out_17.yaml), written at the start of this stop from five unseen
    records, kept out of the repository during the reader work and measured once at its end.

    2026-12-03: 12 of 30 (40.0 %) caught, 0 of 10 eligible profiles excluded, 1 wrong certain
    reading among its 116 criteria (12 certain, 71 read as labelled; see KNOWN_WRONG). Tuned on
    by kind (test_reader_leftover22a_kinds.py): 14 of 30, 0 wrong certain (the topoisomerase-1
    ADC class is partial: a person may not know an earlier ADC's payload; trastuzumab deruxtecan
    taken meets it).

    Tuned on by kind in the categories outside drugs, washouts, lines, other cancers,
    infections, the brain and allergies (test_reader_part17b_kinds.py): 22 of 30 caught, 0
    eligible excluded, the same 1 wrong certain (20 certain, 73 read as labelled: two criteria
    labelled partial for a missing lead-in are now read whole). Left missed here: a major
    operation defined by general anaesthesia with devices that are no major surgery; a lesion
    for which an operation is planned; ovum donation beside birth control; the tumour-type list
    of a basket trial.
    """
    figures = profile_figures("held_out_17")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 22


def test_excluding_profiles_of_the_eighteenth_part() -> None:
    """The eighteenth part (held_out_18.yaml), written at the start of this stop from five unseen
    records (an ATR with a BET inhibitor, bicalutamide with a kidney cancer kinase inhibitor,
    trilaciclib with lurbinectedin, NC410 with FOLFIRINOX and nivolumab, a rectal radiotherapy
    boost) by a labeller who did not read the reader.

    First run, 2026-12-03: 16 of 30 (53.3 %) caught, 0 of 10 eligible profiles excluded, no wrong
    certain reading among its 111 criteria (23 certain, 69 read as labelled).

    Tuned on since (its missed kinds, test_reader_part18_kinds.py): 27 of 30 caught, 0 eligible
    excluded, 0 wrong certain (32 certain, 77 read as labelled). Left missed: a washout list
    under a heading in an inclusion (radiotherapy within 2 weeks, with a note on marrow
    radiation); a pregnancy beside a permission for women who stop breastfeeding
    (test_reader_round6_kinds.py pins that such a permission keeps the pregnancy from deciding);
    an active infection inside the NCI intercurrent-illness list written on one line, whose
    compliance judgement may reach every item (test_reader_round11_conditions.py).
    """
    figures = profile_figures("held_out_18")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 27


def test_excluding_profiles_of_the_nineteenth_part() -> None:
    """The nineteenth part (held_out_19.yaml), written at the start of this stop from five unseen
    records (WTX-124 alone or with pembrolizumab, liver SBRT with checkpoint inhibitors,
    RO7673396 in RAS-mutant tumours, perioperative dostarlimab in colon cancer, MK-1084 in KRAS
    G12C tumours) by a labeller who did not read the reader, kept out of the repository during
    the reader work and measured once at its end.

    2026-12-03: 9 of 30 (30.0 %) caught, 0 of 10 eligible profiles excluded, no wrong certain
    reading among its 84 criteria (11 certain, 43 read as labelled).

    Tuned on since (its missed kinds, test_reader_part19_kinds.py): 18 of 30 caught, 0 eligible
    excluded, 0 wrong certain (16 certain, 50 read as labelled). Left missed: a major operation
    excepting vascular access (an allowed port keeps it partial, test_reader_round6_kinds.py); the
    brain's lining named after "active" brain metastases (test_reader_round9_kinds.py and
    test_reader_part15_kinds.py pin one reading); an infection "other than those permitted per
    protocol"; a serious liver disease question beside end-stage or unstable liver disease; fluid
    needing recurrent drainage; another cancer treated within 3 years; a pregnancy test beside
    birth control; "progressed on standard systemic treatment" (no question on earlier
    treatment is asked of it); a trial of another medicine beside "experimental therapy".
    """
    figures = profile_figures("held_out_19")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 18


def test_excluding_profiles_of_the_twentieth_part() -> None:
    """The twentieth part (held_out_20.yaml), written at the start of this stop from five unseen
    records (HSV-tk gene therapy with valacyclovir for recurrent prostate cancer, interstitial
    brachytherapy for kidney cancer masses, robotic cytoreduction with HIPEC for gastric cancer,
    TRANSCAPE for peritoneal tumours, Ac225-DOTA-M5A in CEA-producing cancers) by a labeller who
    did not read the reader.

    First run, 2026-12-03, before any tuning: 12 of 30 (40.0 %) caught, 0 of 10 eligible
    profiles excluded, no wrong certain reading among its 101 criteria (10 certain, 49 read as
    labelled).

    Tuned on by kind: 25 of 30 (its missed kinds, test_reader_part20_kinds.py), 0 eligible
    excluded, 0 wrong certain (15 certain, 54 read as labelled).
    """
    figures = profile_figures("held_out_20")
    assert figures["excluding"] >= 30
    assert figures["eligible_excluded"] == []
    assert figures["caught"] >= 25
