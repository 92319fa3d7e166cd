"""Scores the reader against the hand-labelled criteria and patient profiles in `labelled/`.

Run as a script for the full table: `python tests/eligibility/labelled_set.py`.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from trialbot.domain.checker import assess
from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.facts import NEVER, Profile
from trialbot.domain.trial import CriterionText, Trial
from trialbot.eligibility import read_criteria, read_criterion
from trialbot.eligibility.vocabulary import fact_spec
from trialbot.sources.readers import read_document

HERE = Path(__file__).parent / "labelled"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TODAY = datetime.date(2026, 12, 1)


@cache
def trial_of(corpus: str, trial_id: str) -> Trial:
    """One trial of a shared corpus (ctgov or ctgov_full), parsed once."""
    return read_document(SHARED / corpus / f"{trial_id}.json")[0]


@cache
def readings_of(corpus: str, trial_id: str) -> tuple[StructuredCriterion, ...]:
    """The reader's structured criteria of one trial, read once."""
    return tuple(read_criteria(trial_of(corpus, trial_id)))


def _flat(text: str) -> str:
    return " ".join(text.split())


def is_certain(criterion: StructuredCriterion) -> bool:
    """A reading that may decide a verdict on its own."""
    return (
        not criterion.needs_review
        and criterion.confidence == "certain"
        and criterion.condition is not None
    )


def _atoms_for(row: dict[str, Any]) -> list[StructuredCriterion]:
    if "trial" not in row:
        prefix = "inc-1" if row["kind"] == "inclusion" else "exc-1"
        return read_criterion(CriterionText(id=prefix, kind=row["kind"], text=row["text"]))
    readings = readings_of(row.get("corpus", "ctgov_full"), row["trial"])
    found = [r for r in readings if _flat(r.text) == row["text"] and r.kind == row["kind"]]
    if found:
        return found
    return read_criterion(CriterionText(id=row["id"], kind=row["kind"], text=row["text"]))


@dataclass
class Scored:
    """One labelled criterion with what the reader made of it."""

    row: dict[str, Any]
    atoms: list[StructuredCriterion]
    wrong: list[str] = field(default_factory=list)  # certain atoms that should not be

    @property
    def reader_conf(self) -> str:
        """C when every atom is certain, R when none is read, else P."""
        if self.atoms and all(is_certain(a) for a in self.atoms):
            return "C"
        if all(a.needs_review and a.confidence == "review" for a in self.atoms):
            return "R"
        return "P"

    @property
    def correct(self) -> bool:
        """Same confidence as labelled, no wrong certain atom, the expected concepts found."""
        if self.wrong or self.reader_conf != self.row["conf"]:
            return False
        expected = {_concept(c) for c in self.row.get("concepts") or []}
        return expected <= {a.concept for a in self.atoms}


def _concept(label: str) -> str:
    return label.split("=")[0].rstrip("!")


def _rule(label: str) -> str | None:
    return label.split("=", 1)[1] if "=" in label else None


def _squash(rule: str | None) -> str:
    return re.sub(r"\s+", "", (rule or "").replace("'", ""))


def score(row: dict[str, Any]) -> Scored:
    """Read one labelled criterion and list its wrong certain atoms."""
    scored = Scored(row, _atoms_for(row))
    labels = row.get("concepts") or []
    allowed = {
        _concept(c): _rule(c) for c in labels if row["conf"] == "C" or c.split("=")[0].endswith("!")
    }
    for atom in scored.atoms:
        if not is_certain(atom):
            continue
        if row.get("applies_to") and not atom.applies_to:
            scored.wrong.append(f"{atom.concept}: scope {row['applies_to']!r} ignored")
        elif atom.concept not in allowed:
            scored.wrong.append(f"{atom.concept}: {atom.rule}")
        elif allowed[atom.concept] and _squash(allowed[atom.concept]) != _squash(atom.rule):
            scored.wrong.append(f"{atom.concept}: {atom.rule} (expected {allowed[atom.concept]})")
    return scored


def labelled_rows() -> list[dict[str, Any]]:
    """Every labelled criterion: full records, the issue's kinds, the later held-out parts."""
    rows: list[dict[str, Any]] = []
    for name in (
        "ctgov_full.yaml",
        "issue_kinds.yaml",
        "held_out_2.yaml",
        "held_out_3.yaml",
        "held_out_4.yaml",
        "held_out_5.yaml",
        "held_out_6.yaml",
        "held_out_7.yaml",
        "held_out_8a.yaml",
        "held_out_8b.yaml",
        "held_out_9.yaml",
        "held_out_10a.yaml",
        "held_out_10b.yaml",
        "held_out_11.yaml",
        "held_out_12.yaml",
        "held_out_13.yaml",
        "held_out_14.yaml",
        "held_out_15.yaml",
        "held_out_16.yaml",
        "held_out_17.yaml",
        "held_out_18.yaml",
        "held_out_19.yaml",
        "held_out_20.yaml",
    ):
        for row in yaml.safe_load((HERE / name).read_text(encoding="utf-8")):
            rows.append({**row, "source": name})
    return rows


def score_all(rows: Iterable[dict[str, Any]] | None = None) -> list[Scored]:
    """Score every labelled criterion."""
    return [score(row) for row in (labelled_rows() if rows is None else rows)]


def summary(scored: list[Scored]) -> dict[str, Any]:
    """Counts: criteria, certain share, wrong certain, accuracy."""
    n = max(len(scored), 1)
    return {
        "criteria": len(scored),
        "certain": sum(s.reader_conf == "C" for s in scored),
        "certain_share": round(sum(s.reader_conf == "C" for s in scored) / n, 3),
        "wrong_certain": sum(bool(s.wrong) for s in scored),
        "correct": sum(s.correct for s in scored),
        "accuracy": round(sum(s.correct for s in scored) / n, 3),
        "labelled_certain": sum(s.row["conf"] == "C" for s in scored),
    }


def by_category(scored: list[Scored]) -> dict[str, dict[str, Any]]:
    """The summary per labelled category."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups[s.row["cat"]].append(s)
    return {cat: summary(items) for cat, items in sorted(groups.items())}


# --- patient profiles -------------------------------------------------------------------------


# Profiles kept in their own file, with the part they belong to.
PROFILE_PARTS = {
    "profiles_held_out_4.yaml": 4,
    "profiles_held_out_5.yaml": 5,
    "profiles_held_out_6.yaml": 6,
    "profiles_held_out_7.yaml": 7,
    "profiles_held_out_8a.yaml": 8,
    "profiles_held_out_8b.yaml": 8,
    "profiles_held_out_9.yaml": 9,
    "profiles_held_out_10a.yaml": 10,
    "profiles_held_out_10b.yaml": 10,
    "profiles_held_out_11.yaml": 11,
    "profiles_held_out_12.yaml": 12,
    "profiles_held_out_13.yaml": 13,
    "profiles_held_out_14.yaml": 14,
    "profiles_held_out_15.yaml": 15,
    "profiles_held_out_16.yaml": 16,
    "profiles_held_out_17.yaml": 17,
    "profiles_held_out_18.yaml": 18,
    "profiles_held_out_19.yaml": 19,
    "profiles_held_out_20.yaml": 20,
}


def profiles() -> dict[str, Any]:
    """The eligible and singly-excluded patient profiles of every file, over one base.

    Raises ValueError when a part's file has a base other than profiles.yaml's.
    """
    data: dict[str, Any] = yaml.safe_load((HERE / "profiles.yaml").read_text(encoding="utf-8"))
    for name, held_out in PROFILE_PARTS.items():
        part: dict[str, Any] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        if part["base"] != data["base"]:
            raise ValueError(f"{name}: base differs from profiles.yaml")
        for key in ("eligible", "excluded"):
            data[key] = data[key] + [{**e, "held_out": held_out} for e in part[key]]
    return data


def _answers(profile: Profile, criteria: Iterable[StructuredCriterion]) -> Profile:
    """What the patient would answer to every other question the trial asks: no / never."""
    full = dict(profile)
    for criterion in criteria:
        for fact in criterion.facts:
            spec = fact_spec(fact)
            if fact in full or spec is None:
                continue
            if spec.answer_type == "yes_no":
                full[fact] = False
            elif spec.answer_type == "date":
                full[fact] = NEVER
    return full


def patient(entry: dict[str, Any], base: Profile) -> Profile:
    """The entry's facts over the base profile (female facts dropped for males)."""
    facts = {**base, **(entry.get("facts") or {})}
    if facts.get("sex") == "male":
        for key in ("pregnant", "breastfeeding", "can_become_pregnant", "postmenopausal"):
            facts.pop(key, None)
    return facts


def judge(entry: dict[str, Any], base: Profile) -> tuple[str, list[str]]:
    """The verdict for a profile and the ids of the criteria it fails."""
    corpus = entry.get("corpus", "ctgov_full")
    criteria = readings_of(corpus, entry["trial"])
    facts = _answers(patient(entry, base), criteria)
    result = assess(entry["trial"], criteria, facts, TODAY)
    failed = [o.criterion_id for o in result.outcomes if o.status == "not_met"]
    return result.verdict, failed


def part_of(row: dict[str, Any]) -> str:
    """Which part of the set a labelled row or profile belongs to: tuned, held_out, held_out_<n>."""
    held = row.get("held_out")
    if isinstance(held, int) and not isinstance(held, bool) and held >= 2:
        return f"held_out_{held}"
    return "held_out" if held else "tuned"


def is_reading_of(criterion_id: str, source_ids: Iterable[str]) -> bool:
    """Whether a structured criterion id ("exc-1", "exc-1b") is read from one of the source ids.

    "exc-10" is not a reading of "exc-1": a plain prefix test took it for one.
    """
    return any(re.fullmatch(rf"{re.escape(source)}[a-z]*", criterion_id) for source in source_ids)


def profile_figures(part: str | None = None) -> dict[str, Any]:
    """Eligible profiles wrongly excluded, and excluding profiles caught by the right criterion.

    `part` limits the figures to profiles of one part ("held_out_2" ... "held_out_20" or
    "earlier"); None is all.
    """
    data = profiles()
    base: Profile = data["base"]
    wrongly, caught, missed = [], [], []

    def wanted(entry: dict[str, Any]) -> bool:
        if part is None:
            return True
        if part == "earlier":
            return part_of(entry) in ("tuned", "held_out")
        return part_of(entry) == part

    data = {
        **data,
        "eligible": [e for e in data["eligible"] if wanted(e)],
        "excluded": [e for e in data["excluded"] if wanted(e)],
    }
    for entry in data["eligible"]:
        verdict, failed = judge(entry, base)
        if verdict == "ineligible":
            wrongly.append((entry["trial"], failed))
    for entry in data["excluded"]:
        verdict, failed = judge(entry, base)
        allowed = entry["by"] if isinstance(entry["by"], list) else [entry["by"]]
        by = allowed[0]
        if verdict == "ineligible" and any(is_reading_of(f, allowed) for f in failed):
            caught.append(entry["trial"])
        else:
            missed.append((entry["trial"], by, verdict, failed))
    return {
        "eligible": len(data["eligible"]),
        "eligible_excluded": wrongly,
        "excluding": len(data["excluded"]),
        "caught": len(caught),
        "missed": missed,
    }


def main() -> None:
    """Print the figures."""
    scored = score_all()
    for name, part in (
        ("all", scored),
        ("held out (old)", [s for s in scored if part_of(s.row) == "held_out"]),
        ("held out 2", [s for s in scored if part_of(s.row) == "held_out_2"]),
        ("held out 3", [s for s in scored if part_of(s.row) == "held_out_3"]),
        ("held out 4", [s for s in scored if part_of(s.row) == "held_out_4"]),
        ("held out 5", [s for s in scored if part_of(s.row) == "held_out_5"]),
        ("held out 6", [s for s in scored if part_of(s.row) == "held_out_6"]),
        ("held out 7", [s for s in scored if part_of(s.row) == "held_out_7"]),
        ("held out 8", [s for s in scored if part_of(s.row) == "held_out_8"]),
        ("held out 9", [s for s in scored if part_of(s.row) == "held_out_9"]),
        ("held out 10", [s for s in scored if part_of(s.row) == "held_out_10"]),
        ("held out 11", [s for s in scored if part_of(s.row) == "held_out_11"]),
        ("held out 12", [s for s in scored if part_of(s.row) == "held_out_12"]),
        ("held out 13", [s for s in scored if part_of(s.row) == "held_out_13"]),
        ("held out 14", [s for s in scored if part_of(s.row) == "held_out_14"]),
        ("held out 15", [s for s in scored if part_of(s.row) == "held_out_15"]),
        ("held out 16", [s for s in scored if part_of(s.row) == "held_out_16"]),
        ("held out 17", [s for s in scored if part_of(s.row) == "held_out_17"]),
        ("held out 18", [s for s in scored if part_of(s.row) == "held_out_18"]),
        ("held out 19", [s for s in scored if part_of(s.row) == "held_out_19"]),
        ("held out 20 (new)", [s for s in scored if part_of(s.row) == "held_out_20"]),
        ("tuned on", [s for s in scored if part_of(s.row) == "tuned"]),
    ):
        print(name, summary(part))
    for cat, figures in by_category(scored).items():
        print(f"  {cat:<18} {figures}")
    for number in (19, 20):
        print(f"held out {number} by category")
        part = [s for s in scored if part_of(s.row) == f"held_out_{number}"]
        for cat, figures in by_category(part).items():
            print(f"  {cat:<18} {figures}")
    for s in scored:
        if s.wrong:
            print("WRONG", s.row.get("trial", "issue"), s.row.get("id", ""), s.row["text"][:90])
            for w in s.wrong:
                print("      ", w)
    for name in (
        "earlier",
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
    ):
        part_figures = profile_figures(name)
        counts = {k: len(v) if isinstance(v, list) else v for k, v in part_figures.items()}
        print("profiles", name, counts)
    figures = profile_figures()
    print({k: v if not isinstance(v, list) else len(v) for k, v in figures.items()})
    for trial, failed in figures["eligible_excluded"]:
        print("ELIGIBLE EXCLUDED", trial, failed)
    for missed in figures["missed"]:
        print("MISSED", missed)


if __name__ == "__main__":
    main()
