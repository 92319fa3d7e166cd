"""`trialbot trials list|show`: the registered trials."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trialbot.cli.usage import show_usage
from trialbot.domain.ages import say_limit, say_range
from trialbot.domain.trial import Trial
from trialbot.settings import load_settings
from trialbot.sources.catalog import FileTrialCatalog


def register(subparsers: Any) -> None:
    """Add the `trials` command with its `list` and `show` actions."""
    parser = subparsers.add_parser("trials", help="list or show the registered trials")
    actions = parser.add_subparsers(dest="trials_action", metavar="ACTION")
    listing = actions.add_parser("list", help="the registered trials")
    listing.add_argument("--json", action="store_true", help="JSON list of {id, title, status}")
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="one normalized trial")
    show.add_argument("trial_id", metavar="ID")
    show.add_argument("--json", action="store_true", help="the normalized record as JSON")
    show.set_defaults(handler=run_show)
    parser.set_defaults(handler=lambda args: show_usage(parser))


def _catalog() -> FileTrialCatalog:
    """The catalog in the configured index dir."""
    return FileTrialCatalog(load_settings().index_dir)


def run_list(args: argparse.Namespace) -> int:
    """Print the registered trials."""
    trials = _catalog().list_trials()
    if args.json:
        rows = [{"id": t.id, "title": t.title, "status": t.status} for t in trials]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    progress = _review_progress(trials)
    if not trials:
        print("No trials registered yet. Add some with: trialbot ingest PATH")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("ID", "Status", "Reviewed", "Title", title=f"{len(trials)} registered trial(s)")
    for trial in trials:
        done = progress[trial.id]
        words = "-" if done is None else f"{done['reviewed']}/{done['total']}"
        words += f", {done['stale']} stale" if done and done["stale"] else ""
        table.add_row(trial.id, trial.status or "-", words, trial.title)
    Console().print(table)
    return 0


def _review_progress(trials: list[Trial]) -> dict[str, dict[str, int] | None]:
    """Staff review progress per trial ({"reviewed", "total", "stale"}), None when not started."""
    from trialbot.sources.reviews import open_review_book, trial_progress

    book = open_review_book(load_settings().index_dir)
    found: dict[str, dict[str, int] | None] = {}
    for trial in trials:
        done = trial_progress(book, trial)
        found[trial.id] = None if done is None else {
            "reviewed": done.reviewed, "total": done.total, "stale": done.stale
        }  # fmt: skip
    return found


def run_show(args: argparse.Namespace) -> int:
    """Print one normalized trial; exit status 1 when the id is unknown."""
    trial = _catalog().get_trial(args.trial_id)
    if trial is None:
        print(
            f"No trial {args.trial_id!r} is registered (see: trialbot trials list).",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(json.dumps(trial.model_dump(mode="json"), ensure_ascii=False))
        return 0
    print(describe(trial))
    return 0


def _age_range(trial: Trial) -> str:
    """'5 to 30 years', 'from 18 years', 'any age'."""
    low_limit = (trial.min_age.value, trial.min_age.unit) if trial.min_age else None
    high_limit = (trial.max_age.value, trial.max_age.unit) if trial.max_age else None
    low, high = say_range(
        say_limit(low_limit, trial.min_age_years), say_limit(high_limit, trial.max_age_years)
    )
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"from {low}"
    if high:
        return f"up to {high}"
    return "no age limit given"


def describe(trial: Trial) -> str:
    """A readable text view of one trial."""
    lines = [f"{trial.id} — {trial.title}", ""]
    lines.append(
        f"Registry: {trial.registry}   Status: {trial.status or '-'}   Phase: {trial.phase or '-'}"
    )
    lines.append(f"Ages: {_age_range(trial)}   Sex: {trial.sex}")
    if trial.conditions:
        lines.append("Conditions: " + "; ".join(trial.conditions))
    for item in trial.interventions:
        lines.append(f"Treatment: {item.name} ({item.route or 'route not stated'})")
    for site in trial.sites:
        parts = [p for p in (site.name, site.city, site.country) if p]
        lines.append(f"Site: {', '.join(parts)}" + (f" [{site.status}]" if site.status else ""))
    for contact in trial.contacts:
        parts = [p for p in (contact.name, contact.phone, contact.email) if p]
        lines.append("Contact: " + ", ".join(parts))
    if trial.summary:
        lines += ["", trial.summary]
    for kind, label in (("inclusion", "Who can join"), ("exclusion", "Who cannot join")):
        items = [c for c in trial.criteria if c.kind == kind]
        if items:
            lines += ["", f"{label}:"]
            lines += [f"  [{c.id}] {c.text}" for c in items]
    return "\n".join(lines)
