"""`trialbot criteria review ID --export FILE | --import FILE`: staff review in a YAML file.

The export lists every criterion with its text, the automatic reading, its confidence and the
current review; a coordinator fills in `status` (confirmed / corrected / study_team, or empty for
not reviewed) and, for corrected, `rule` in the words `criteria show` prints. The import applies
the whole file or nothing: every bad entry is reported with its line number.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from trialbot.domain.criteria import StructuredCriterion
from trialbot.domain.trial import Trial

HEADER = (
    "# Criteria review of {trial_id}. For each criterion set status to confirmed (the reading is\n"
    "# right), corrected (give rule, in the words `trialbot criteria show` prints, e.g.\n"
    "# 'age_years >= 18 and ecog_level <= 1'; for an exclusion the rule says who is excluded),\n"
    "# study_team (only the study team can judge it), or leave it empty (not reviewed).\n"
    "# Then: trialbot criteria review {trial_id} --import FILE\n"
)


def register_review(actions: Any) -> None:
    """Add the `review` action to the `criteria` command."""
    review = actions.add_parser("review", help="export or import staff reviews of the readings")
    review.add_argument("trial_id", metavar="ID")
    group = review.add_mutually_exclusive_group(required=True)
    group.add_argument("--export", metavar="FILE", help="write a YAML a coordinator can edit")
    group.add_argument("--import", dest="import_file", metavar="FILE", help="apply an edited YAML")
    review.add_argument("--by", metavar="NAME", help="who reviewed (kept with each review)")
    review.add_argument("--json", action="store_true", help="the result as one JSON document")
    review.set_defaults(handler=run_review)


def export_entries(criteria: list[StructuredCriterion]) -> list[dict[str, Any]]:
    """One editable entry per criterion (automatic reading, confidence and current review)."""
    entries = []
    for criterion in criteria:
        review = criterion.review
        reading = criterion.rule if not criterion.needs_review else "study team checks"
        entries.append(
            {
                "id": criterion.id,
                "kind": criterion.kind,
                "text": criterion.text,
                "reading": reading,
                "confidence": criterion.confidence,
                "status": review.status if review is not None and not review.stale else None,
                "rule": criterion.rule if review is not None and review.status == "corrected"
                else None,
                **({"stale": True} if review is not None and review.stale else {}),
            }
        )  # fmt: skip
    return entries


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that keeps the line (1-based) of every mapping as `__line__`."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def parse_import(
    text: str, trial: Trial, automatic: list[StructuredCriterion], by: str | None
) -> tuple[dict[str, Any], list[str]]:
    """The review changes a YAML asks for ({criterion id: StoredReview, or None to clear}), or
    no changes and the errors, each "line N: ..." naming the criterion and what is wrong."""
    from trialbot.sources.reviews import ReviewError, new_review, text_hash

    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        return {}, [f"{where}not valid YAML"]
    entries = data.get("criteria") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return {}, ["the file needs a 'criteria:' list (see --export)"]
    by_id = {c.id: c for c in automatic}
    changes: dict[str, Any] = {}
    errors: list[str] = []
    for entry in entries:
        line = entry.get("__line__", "?") if isinstance(entry, dict) else "?"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            errors.append(f"line {line}: each entry needs an id")
            continue
        criterion = by_id.get(entry["id"])
        if criterion is None:
            errors.append(f"line {line}: no criterion {entry['id']!r} in trial {trial.id}")
            continue
        written = entry.get("text")
        if isinstance(written, str) and text_hash(written) != text_hash(criterion.text):
            errors.append(f"line {line}: the text of {criterion.id} changed since the export;"
                          " export again")  # fmt: skip
            continue
        status = entry.get("status")
        if status in (None, "") and entry.get("stale"):
            continue  # a stale review left as it was: staff have not looked again yet
        if status in (None, ""):
            changes[criterion.id] = None
            continue
        rule = entry.get("rule")
        try:
            changes[criterion.id] = new_review(
                criterion, str(status), None if rule is None else str(rule), by
            )
        except ReviewError as error:
            reason = str(error).removeprefix(criterion.id + ": ")
            errors.append(f"line {line}: {criterion.id}: {reason}")
    return ({}, errors) if errors else (changes, [])


def run_review(args: argparse.Namespace) -> int:
    """Export or import one trial's reviews; 1 when the trial is unknown or the import fails."""
    from trialbot.bootstrap import open_catalog
    from trialbot.eligibility import read_criteria
    from trialbot.settings import load_settings
    from trialbot.sources.reviews import ReviewError, open_review_book, progress_of

    settings = load_settings()
    trial = open_catalog(settings).get_trial(args.trial_id)
    if trial is None:
        print(f"No trial {args.trial_id!r} is registered (see: trialbot trials list).",
              file=sys.stderr)  # fmt: skip
        return 1
    book = open_review_book(settings.index_dir)
    automatic = read_criteria(trial)
    if args.export:
        entries = export_entries(book.apply(trial, automatic))
        body = yaml.safe_dump({"trial": trial.id, "criteria": entries}, sort_keys=False,
                              allow_unicode=True, width=100)  # fmt: skip
        Path(args.export).write_text(HEADER.format(trial_id=trial.id) + body, encoding="utf-8")
        result: dict[str, Any] = {"trial": trial.id, "exported": len(entries), "file": args.export}
        return _report(args, result, f"{len(entries)} criteria written to {args.export}")
    try:
        text = Path(args.import_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as unreadable:
        print(f"cannot read {args.import_file}: {type(unreadable).__name__}", file=sys.stderr)
        return 1
    changes, errors = parse_import(text, trial, automatic, args.by)
    if not errors:
        try:
            book.record(trial.id, automatic, changes)
        except ReviewError as failed:
            errors = [str(failed)]
    progress = progress_of(book.apply(trial, automatic))
    result = {
        "trial": trial.id,
        "imported": 0 if errors else sum(1 for r in changes.values() if r is not None),
        "errors": errors,
        "reviewed": progress.reviewed,
        "total": progress.total,
        "stale": progress.stale,
    }
    if errors:
        for error in errors:
            print(f"{args.import_file}: {error}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
        return 1
    kept = sum(1 for review in changes.values() if review is not None)
    return _report(args, result, f"{kept} reviews imported; {progress.words()}")


def _report(args: argparse.Namespace, result: dict[str, Any], words: str) -> int:
    print(json.dumps(result, ensure_ascii=False) if args.json else words)
    return 0
