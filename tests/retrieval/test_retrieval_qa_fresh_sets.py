"""Answer quality on the fresh question sets, each written from the records alone before the
answerer was run on them (tests/retrieval/qa_fresh<N>a.yaml and qa_fresh<N>b.yaml, or one
qa_fresh<N>.yaml); every question is asked once over an index of only the trials its set asks
about. Floors sit a little under the figures measured on each set; they catch regressions. The
issue's targets (90 % right with citation, 90 % honest refusals, grade 8) are not met on the
held-out fifth set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from trialbot.retrieval.quality import QAReport

HERE = Path(__file__).parent

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class FreshSet:
    """A question set with the floors its figures must stay at or above (grade: at or below)."""

    name: str
    questions: int  # at least this many questions
    unanswerable: int  # of which at least this many not answerable from the record
    right_with_citation: float
    refusals: float
    grade: float

    @property
    def files(self) -> tuple[Path, ...]:
        """qa_<name>.yaml when the set is one file, else its halves qa_<name>a/b.yaml."""
        whole = HERE / f"qa_{self.name}.yaml"
        if whole.exists():
            return (whole,)
        return (HERE / f"qa_{self.name}a.yaml", HERE / f"qa_{self.name}b.yaml")


SETS = (
    # The third fresh held-out set: 330 lay questions over 22 records never tuned on
    # (tests/retrieval/qa_fresh3a.yaml and qa_fresh3b.yaml, written from the records alone before
    # the answerer was run on them; 9 full API v2 records and 13 thin ones, 77 questions not
    # answerable). Floors a little under the figures measured on this set, 2026-12-01: before any
    # change that followed it 56.9 % right with a right citation (a 64.5 %, b 44.7 %), 87.0 % honest
    # refusals, grade about 8.9; after the own-numbers, rule-question and question-kind changes
    # (made without seeing this set) 67.6 % (a 74.8 %, b 58.8 %), 87.0 % (a 85.4 %, b 88.9 %), grade
    # about 8.7. They catch regressions; the targets (90 %, 90 %, grade 8) are not met on
    # this set.
    FreshSet("fresh3", 200, 60, 0.64, 0.83, 9.0),
    # The fourth fresh set: 210 lay questions over 20 records (tests/retrieval/qa_fresh4a.yaml and
    # qa_fresh4b.yaml, written from the records alone before the answerer was run on them; 1 full
    # API v2 record and 19 thin ones, 69 questions not answerable). It was held out at first and is
    # now a development set: its failures were grouped into kinds and each kind was fixed and pinned
    # (test_retrieval_fresh4_kinds.py), so its figures no longer measure unseen trials. Floors a
    # little under the figures measured on this set, 2026-12-01: first run 56.0 % right with a right
    # citation (a 61.6 %, b 50.0 %), 85.5 % honest refusals (a 86.5 %, b 84.4 %), grade 8.1 / 8.3;
    # after the answer changes made on the third set (this one unseen) 59.6 % (a 60.3 %, b 58.8 %),
    # 88.4 % (a 89.2 %, b 87.5 %), grade 8.0 / 8.2; after tuning on it by failure kind (2026-12-02)
    # 78.0 % (a 79.5 %, b 76.5 %), 91.3 % (a 89.2 %, b 93.8 %), grade 8.1 / 8.5. The targets
    # (90 %, 90 %, 8) are met for refusals only.
    FreshSet("fresh4", 200, 60, 0.77, 0.90, 8.6),
    # The fifth fresh held-out set: 182 lay questions over 12 thin records never tuned on
    # (tests/retrieval/qa_fresh5a.yaml and qa_fresh5b.yaml, written from the records alone before
    # the answerer was run on them; 49 questions not answerable). Floors a little under the figures
    # measured on this set: first run, 2026-12-01, 66.9 % right with a right citation (89 of 133: a
    # 43 of 65, b 46 of 68), 89.8 % honest refusals (44 of 49: a 21 of 25, b 23 of 24), grade 7.7 /
    # 8.7; after the changes made on the fourth set (this one unseen) 67.7 % (90 of 133), 89.8 %,
    # grade 7.7 / 8.8; after the changes made on the sixth set (this one unseen), 2026-12-02,
    # 70.7 % (94 of 133: a 45 of 65, b 49 of 68), 91.8 % (45 of 49), grade 7.5 / 8.2. The issue's
    # targets (90 %, 90 %, 8) are met for refusals only.
    FreshSet("fresh5", 180, 45, 0.67, 0.88, 8.8),
    # The sixth fresh held-out set: 183 lay questions over 12 thin records never tuned on
    # (tests/retrieval/qa_fresh6a.yaml and qa_fresh6b.yaml, written from the records alone before
    # the answerer was run on them; 54 questions not answerable). Floors a little under the figures
    # measured on this set: first run, 2026-12-02, 69.0 % right with a right citation (89 of 129:
    # a 47 of 66, b 42 of 63), 92.6 % honest refusals (50 of 54: a 24 of 27, b 26 of 27), grade
    # 8.3 / 8.0. Since tuned on by failure kind (test_retrieval_fresh6_kinds.py), so no longer a
    # measure of unseen trials: 2026-12-02, 91.5 % (118 of 129: a 62 of 66, b 56 of 63), 100 %
    # honest refusals (54 of 54), grade 8.0 / 8.5. The targets are met but for the grade.
    FreshSet("fresh6", 180, 50, 0.85, 0.95, 8.6),
    # The seventh fresh held-out set: 247 lay questions over 12 thin records never tuned on, 8 of
    # them outside cancer (tests/retrieval/qa_fresh7a.yaml and qa_fresh7b.yaml, written from the
    # records alone before the answerer was run on them; 61 questions not answerable). Floors a
    # little under the figures measured on this set: first run, 2026-12-02, 61.3 % right with a
    # right citation (114 of 186: a 50 of 90, b 64 of 96), 78.7 % honest refusals (48 of 61: a 25
    # of 31, b 23 of 30), grade 8.0 / 9.0 (8.5 over both). The targets (90 %, 90 %, 8)
    # are not met. Since tuned on by failure kind: 2026-12-02, 69.9 % (130 of 186: a 60 of 90, b
    # 70 of 96), 85.2 % honest refusals (52 of 61), grade 7.92 / 9.35; after the answer kinds
    # tuned on the ninth set (test_retrieval_fresh9_kinds.py), 2026-12-02, 72.0 % (134 of 186: a
    # 62 of 90, b 72 of 96), 85.2 %, grade 7.65 / 9.04. After the answer kinds of 2026-12-03
    # (tuned on the tenth to twelfth sets): 68.3 % (127 of 186: a 60 of 90, b 67 of 96), 88.5 %
    # refusals (54 of 61), grade 7.81 / 9.06 -- 7 answers fewer, 2 refusals more. Of the 7, 6
    # were right answers quoting the title, cited as the title since the purpose change (the set
    # took only summary citations then); its cases that take a summary citation now take a title
    # one too. With that and the record-fact kinds of the thirteenth and fourteenth sets
    # (test_retrieval_record_fact_kinds.py): 73.1 % (136 of 186: a 64 of 90, b 72 of 96), 88.5 %
    # refusals (54 of 61), grade 7.81 / 9.06.
    # With the leftover personal and drug kinds of issue 13: 2026-12-03, 78.0 % (145 of 186: a
    # 70 of 90, b 75 of 96), 90.2 % refusals (55 of 61).
    FreshSet("fresh7", 240, 60, 0.75, 0.85, 8.7),
    # The eighth fresh held-out set: 275 lay questions over 12 thin records never tuned on, 7 of
    # them outside cancer or drug trials (apps for veterans with PTSD or at risk of suicide, a
    # COVID-19 pregnancy registry, a diet study, protein supplements, a mindfulness app after hip
    # surgery, a care tracker; tests/retrieval/qa_fresh8a.yaml and qa_fresh8b.yaml, written from
    # the records alone before the answerer was run on them; 63 questions not answerable). First
    # run, 2026-12-02: 64.6 % right with a right citation (137 of 212: a 66 of 105, b 71 of 107),
    # 93.7 % honest refusals (59 of 63: a 28 of 31, b 31 of 32), grade 8.35 / 6.57.
    # Since tuned on by failure kind (tests/retrieval/test_retrieval_fresh8_refusal_kinds.py,
    # test_retrieval_fresh8_answer_kinds.py, test_retrieval_round2_kinds.py), so no longer a
    # measure of unseen trials: 2026-12-02, 76.9 % (163 of 212: a 78 of 105, b 85 of 107), 100 %
    # honest refusals, grade 8.41 / 7.28; after the answer kinds tuned on the ninth set
    # (test_retrieval_fresh9_kinds.py), 2026-12-02, 77.8 % (165 of 212: a 80 of 105, b 85 of
    # 107), 100 % honest refusals, grade 7.73 / 7.06.
    FreshSet("fresh8", 270, 60, 0.76, 0.97, 7.7),
    # The ninth fresh held-out set: 244 lay questions over 12 thin records, written after this
    # stop's answer work from the records alone and run once, never tuned on (qa_fresh9a.yaml and
    # qa_fresh9b.yaml; 61 not answerable). First run, 2026-12-02: 65.6 % right with a right
    # citation (120 of 183: a 58 of 92, b 62 of 91), 90.2 % honest refusals (55 of 61: a 29 of
    # 31, b 26 of 30), grade 8.09 / 8.48. The targets (90 %, 90 %, 8) are not met.
    # Since tuned on by failure kind (test_retrieval_fresh9_kinds.py), so no longer a measure of
    # unseen trials: 2026-12-02, 77.6 % (142 of 183: a 67 of 92, b 75 of 91), 100 % honest
    # refusals (61 of 61), grade 8.13 / 8.36.
    FreshSet("fresh9", 240, 60, 0.75, 0.97, 8.5),
    # The tenth fresh set: 256 lay questions over 12 thin records (a prostate active surveillance
    # cohort, sunburn and PD-L1 in skin, stress reduction around ovarian cancer surgery, muscle loss
    # and chemotherapy in older adults, mental health crisis care linked to jail records, polyp
    # removal, a T/B cell depleted transplant, balance training in virtual reality, early drug
    # trials of ABBV-514 and ETX-19477, lung radiotherapy, repeat biopsies in lung cancer;
    # qa_fresh10a.yaml and qa_fresh10b.yaml, written from the records alone before the answerer was
    # run on them; 59 not answerable). First run, 2026-12-02: 67.0 % right with a right citation
    # (132 of 197: a 66 of 96, b 66 of 101), 94.9 % honest refusals (56 of 59: a 28 of 30, b 28 of
    # 29), grade 8.11 / 7.30. Tunable by failure kind after that first run.
    # Measured again after this stop's answer kinds, tuned on the ninth set with this one unseen:
    # 69.0 % (136 of 197: a 68 of 96, b 68 of 101), 94.9 % refusals, grade 8.04 / 7.08.
    # Since tuned on by failure kind (test_retrieval_fresh11_kinds.py and the twelfth set's field
    # kinds), so no longer a measure of unseen trials: 2026-12-03, 76.1 % (150 of 197: a 77 of 96,
    # b 73 of 101), 100 % honest refusals (59 of 59), grade 8.26 / 7.21.
    FreshSet("fresh10", 250, 55, 0.74, 0.97, 8.3),
    # The eleventh fresh set: 256 lay questions over 12 thin records (a lung cancer screening
    # awareness survey, heart CT before atrial fibrillation ablation, a blood DNA cancer-detection
    # study, inherited genes in prostate cancer, CAR-T cells for pancreatic cancer, an early drug
    # trial of ADRX-0405, cryoablation with liver-artery infusion, RP1 in melanoma, heated
    # chemotherapy in the belly, vemurafenib and cobimetinib for thyroid cancer, a CD19 therapy
    # in leukaemia, DCC-3009 in GIST; qa_fresh11a.yaml and qa_fresh11b.yaml, 60 not answerable),
    # written at the start of this stop from the records alone, kept out of the repository during
    # the answer work and run once at its end, never tuned on. 2026-12-02: 70.4 % right with a
    # right citation (138 of 196: a 69 of 99, b 69 of 97), 85.0 % honest refusals (51 of 60: a 28
    # of 30, b 23 of 30), grade 7.46 / 8.08. The targets (90 %, 90 %, 8) are not met.
    # Since tuned on by failure kind (test_retrieval_fresh11_kinds.py and the twelfth set's field
    # kinds), so no longer a measure of unseen trials: 2026-12-03, 79.1 % (155 of 196: a 77 of 99,
    # b 78 of 97), 95.0 % honest refusals (57 of 60: a 29 of 30, b 28 of 30), grade 7.65 / 8.06.
    FreshSet("fresh11", 250, 55, 0.76, 0.93, 8.2),
    # The twelfth fresh set: 132 lay questions over 6 thin records (technology-based supportive
    # cancer care, choosing a PTSD therapy with the therapist, semaglutide for PCOS with obesity in
    # young women, ponsegromab for weight loss in pancreatic cancer, radiosurgery for prostate
    # cancer, proton radiation for kidney cancer; qa_fresh12.yaml, 36 not answerable), written at
    # the start of a stop from the records alone, before the answerer was run on them. First run,
    # 2026-12-03: 69.8 % right with a right citation (67 of 96), 97.2 % honest refusals (35 of 36),
    # grade 7.08. The targets (90 %, 90 %, 8) are not met.
    # Tuned by kind after that run on the questions about the trial (purpose, how given, choice,
    # supporters, routes, title citations): 85.4 % (82 of 96), 100 % refusals (36 of 36), grade
    # 7.67 (more answers quote the summary; the grade ceiling moves up with them, under 8).
    # With the leftover personal and drug kinds of issue 13: 2026-12-03, 88.5 % (85 of 96), 100 %
    # refusals (36 of 36), grade 7.66.
    FreshSet("fresh12", 130, 35, 0.87, 0.97, 7.8),
    # The thirteenth fresh set: 132 lay questions over 6 thin records (cardiac rehabilitation after
    # a stroke, EPA against DHA fish oil, software rating lung nodules, linking people on
    # opioid-use-disorder medication to recovery centres, adaptive radiotherapy for anal cancer,
    # help deciding on breast MRI screening; qa_fresh13.yaml, 30 not answerable), written at the
    # start of this stop from the records alone, kept out of the repository during the answer
    # work and run once at its end, never tuned on. 2026-12-03: 70.6 % right with a right citation
    # (72 of 102), 86.7 % honest refusals (26 of 30), grade 8.02. The targets (90 %, 90 %,
    # 8) are not met. Since tuned on by kind (the questions about the trial, not the personal
    # ones: test_retrieval_record_fact_kinds.py), so no longer a measure of unseen trials:
    # 2026-12-03, 76.5 % (78 of 102), 96.7 % refusals (29 of 30), grade 8.23 (the new answers
    # quote summary sentences). With the personal "can I join if ..." questions answered from the
    # rule speaking to the situation: 2026-12-03, 83.3 % (85 of 102), 96.7 % (29 of 30), grade 7.93.
    # With allowed exceptions, drug-kind and drug-testing questions (issue 13, leftover kinds):
    # 2026-12-03, 83.3 % (85 of 102), 100 % (30 of 30), grade 7.93.
    FreshSet("fresh13", 130, 30, 0.82, 0.97, 8.1),
    # The fourteenth fresh set: 132 lay questions over 6 thin records no test named (a first-in-
    # human dose-escalation study, a dietary supplement before lung surgery, a blood test for
    # bowel cancer screening, pain control after keyhole cancer surgery, a cancer-risk sample bank,
    # a phase 1 MAT2A inhibitor; qa_fresh14.yaml, 30 not answerable), written from the records
    # alone before the answerer was run on them, about half of the answerable ones personal "can I
    # join if ..." questions. First run, 2026-12-03: 73.5 % right with a right citation (75 of
    # 102), 93.3 % honest refusals (28 of 30), grade 8.05. Tuned on by kind (the questions about
    # the trial, not the personal ones): 2026-12-03, 75.5 % (77 of 102), 96.7 % (29 of 30),
    # grade 8.05. With the personal questions answered from the rule speaking to the situation:
    # 2026-12-03, 82.4 % (84 of 102), 96.7 % (29 of 30), grade 7.66. With allowed exceptions,
    # drug-kind and drug-testing questions: 2026-12-03, 85.3 % (87 of 102), 100 % (30 of 30),
    # grade 7.65. With every kind of the stop: 2026-12-03, 86.3 % (88 of 102), 96.7 % (29 of 30),
    # grade 7.72.
    FreshSet("fresh14", 130, 30, 0.85, 0.96, 7.8),
    # The fifteenth fresh set: 132 lay questions over 6 thin records no test named (amino-acid
    # drinks in older adults, CPAP support after a stroke, a phase 1 drug in healthy volunteers,
    # nicotine pouches in rural Appalachia, a first-in-human antibody-drug conjugate, a drug
    # injected into the tumour; qa_fresh15.yaml, 30 not answerable), written at the start of the
    # stop from the records alone, kept out of the repository during the work and run once at its
    # end, 2026-12-03: 71.6 % right with a right citation (73 of 102), 93.3 % honest refusals (28
    # of 30), grade 6.96. Not tuned on. With allowed exceptions, drug-kind and drug-testing
    # questions: 2026-12-03, 72.5 % (74 of 102), 93.3 % (28 of 30), grade 6.98.
    FreshSet("fresh15", 130, 30, 0.71, 0.90, 7.2),
    # The sixteenth fresh set: 132 lay questions over 6 thin records no test named (a RAS(ON)
    # inhibitor platform, MR-guided radiotherapy for anal cancer, a phase 1/2a drug, embolization
    # before kidney-tumour cryoablation, a tumour-sequencing navigator, an exercise pilot;
    # qa_fresh16.yaml, 32 not answerable, 48 of the answerable ones personal "can I join if ..."
    # questions), written from the records alone at the start of the stop. First run, 2026-12-03:
    # 81.0 % right with a right citation (81 of 100), 93.8 % honest refusals (30 of 32), grade
    # 7.48. Since tuned on by kind (the questions about the trial, not the personal ones:
    # test_retrieval_fresh16_kinds.py), so no longer a measure of unseen trials: 2026-12-03,
    # 86.0 % (86 of 100), 96.9 % refusals (31 of 32), grade 7.76 (the new answers quote summary
    # sentences).
    FreshSet("fresh16", 130, 32, 0.83, 0.96, 7.9),
    # The seventeenth fresh set: 132 lay questions over 6 thin records no test named (a pan-KRAS
    # inhibitor first in humans, prostate MRI screening for men at high genetic risk, a KRAS G12D
    # drug first in humans, virus-linked and HIV-related tumours, blue-light ureteroscopy, community
    # cancer screening outreach; qa_fresh17.yaml, 31 not answerable, 50 of the answerable ones
    # personal), written at the start of the stop from the records alone, kept out of the
    # repository during the work and run once at its end, 2026-12-03: 78.2 % right with a right
    # citation (79 of 101), 100 % honest refusals (31 of 31), grade 7.28. Tuned on by kind this
    # stop (test_retrieval_fresh17_kinds.py), so no longer a measure of unseen trials: 2026-12-03,
    # 91.1 % (92 of 101), 100 %, grade 7.51.
    FreshSet("fresh17", 130, 31, 0.90, 0.96, 7.8),
    # The eighteenth fresh set: 132 lay questions over 6 thin records no test named (a
    # first-in-human antibody alone or with cemiplimab, an mHealth programme for bowel cancer
    # survivors and their caregivers, tamoxifen or letrozole for egg freezing before
    # chemotherapy, a RAS inhibitor, a pancreatic cancer early-detection cohort, single-port
    # robotic bowel surgery; qa_fresh18.yaml, 31 not answerable, 50 of the answerable ones
    # personal), written from the records alone at the start of the stop. First run,
    # 2026-12-03: 79.2 % right with a right citation (80 of 101), 96.8 % honest refusals (30 of
    # 31), grade 8.58; with its kinds fixed, 2026-12-03: 88.1 % (89 of 101), 96.8 %, grade 8.09;
    # with fresh19's kinds fixed too: 90.1 % (91 of 101), 96.8 %, grade 8.08.
    FreshSet("fresh18", 130, 31, 0.90, 0.96, 8.3),
    # The nineteenth fresh set: 132 lay questions over 6 thin records no test named (binimetinib
    # with imatinib in GIST, proton therapy for Wilms tumour, polygenic risk with prostate MRI,
    # niraparib with irinotecan, the gut microbiome under checkpoint inhibitors, a phase 1a drug;
    # qa_fresh19.yaml, 31 not answerable, about 52 of the answerable ones personal), written at
    # the start of the stop from the records alone, kept out of the repository during the work and
    # run once at its end, 2026-12-03: 77.2 % right with a right citation (78 of 101), 93.5 %
    # honest refusals (29 of 31), grade 6.94; with its personal-rule, sex, age and acronym kinds
    # fixed (test_retrieval_fresh19_kinds.py), 2026-12-03: 83.2 % (84 of 101), 93.5 %, grade 6.75.
    FreshSet("fresh19", 130, 31, 0.83, 0.93, 7.2),
    # The twentieth fresh set: 132 lay questions over 6 thin records no test named (HIFU for
    # prostate cancer, the gut microbiome at a meditation retreat, atezolizumab with
    # doxorubicin and radiation in soft tissue sarcoma, a prostate cancer registry, brodalumab
    # safety in psoriasis, PREFACE in bowel cancer;
    # qa_fresh20.yaml, 31 not answerable, about 51 of the answerable ones personal), written
    # from the records alone at the start of the stop. First run, 2026-12-03, before any
    # tuning: 65.3 % right with a right citation (66 of 101), 90.3 % honest refusals (28 of 31),
    # grade 6.56.
    FreshSet("fresh20", 130, 31, 0.65, 0.90, 6.8),
)


@pytest.fixture(scope="module", params=SETS, ids=lambda s: s.name)
def scored(
    request: pytest.FixtureRequest, qa_report_of: Callable[[Sequence[Path], str], QAReport]
) -> tuple[FreshSet, QAReport]:
    """One set and its report."""
    fresh: FreshSet = request.param
    return fresh, qa_report_of(fresh.files, fresh.name)


def test_the_set_is_held_out_and_big_enough(scored: tuple[FreshSet, QAReport]) -> None:
    """Enough questions, enough of them not answerable from the record."""
    fresh, report = scored
    assert report.answerable + report.unanswerable >= fresh.questions
    assert report.unanswerable >= fresh.unanswerable


def test_right_answers_with_right_citations(scored: tuple[FreshSet, QAReport]) -> None:
    """Answerable questions get the expected fact with a citation from the right section."""
    fresh, report = scored
    assert report.right_with_citation >= fresh.right_with_citation, report.failures


def test_honest_refusals(scored: tuple[FreshSet, QAReport]) -> None:
    """Questions the record does not answer get no_answer."""
    fresh, report = scored
    assert report.no_answer_rate >= fresh.refusals, report.failures


def test_answers_read_at_a_plain_grade(scored: tuple[FreshSet, QAReport]) -> None:
    """The answers' own words (not the quote under them) stay near Flesch-Kincaid grade 8."""
    fresh, report = scored
    assert report.mean_grade <= fresh.grade
