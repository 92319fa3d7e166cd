"""A cancer of an organ only one sex has, said as the patient's own, gives the sex at birth:
a man whose "prostate cancer came back" is not asked which sex he was born with
(`sex_of_organ_cancers` of prompts/answer_topics.yaml)."""

from __future__ import annotations

import pytest

from trialbot.dialog.volunteered import read_volunteered


@pytest.mark.parametrize(
    ("said", "sex"),
    [
        ("hi I'm 71, my prostate cancer came back after radiation in 2019", "male"),
        ("i have testicular cancer, 2nd relapse", "male"),
        ("she has ovarian cancer", "female"),
        ("i have cervical cancer stage 2", "female"),
        ("endometrial carcinoma, treated with surgery", "female"),
        ("my husband has prostate cancer", "male"),  # the relation says it too
    ],
)
def test_a_one_sex_organ_cancer_gives_the_sex(said: str, sex: str) -> None:
    assert read_volunteered(said).facts.get("sex") == sex


@pytest.mark.parametrize(
    "said",
    [
        "I have breast cancer",  # men have breast cancer too
        "my brother had prostate cancer and I have lung cancer",  # a relative's cancer
        "prostate cancer or ovarian cancer, which trials?",  # both
    ],
)
def test_no_sex_from_other_words(said: str) -> None:
    assert "sex" not in read_volunteered(said, relation_open=False).facts
