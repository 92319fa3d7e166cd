"""`trialbot ingest`: register trial documents (and live registry records), then sync the index."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from trialbot.settings import Settings, load_settings
from trialbot.sources.catalog import FileTrialCatalog
from trialbot.sources.ctgov_client import CtgovClient, StudyNotFound
from trialbot.sources.errors import RegistryUnavailable
from trialbot.sources.ingest import IngestReport, ingest_paths, merge_reports, register_records

_NCT_ID = re.compile(r"^NCT\d{8}$", re.IGNORECASE)


def register(subparsers: Any) -> None:
    """Add the `ingest` command."""
    parser = subparsers.add_parser(
        "ingest",
        help="register trial documents (files or folders) and rebuild the index",
        description="Register ClinicalTrials.gov v2 JSON, viewer text exports and EU CTIS pages.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="print one JSON report on stdout")
    parser.add_argument("--ctgov-query", metavar="Q", help="import a ClinicalTrials.gov search")
    parser.add_argument("--status", metavar="S", help="only this overall status (e.g. RECRUITING)")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N studies from the search")
    parser.add_argument(
        "--ctgov-id",
        nargs="+",
        action="extend",
        default=[],
        metavar="NCT",
        help="import studies by NCT id",
    )
    parser.add_argument("--no-index", action="store_true", help="do not sync the search index")
    parser.set_defaults(handler=run)


def _usage_error(message: str) -> int:
    """Say what is wrong with the command line; exit status 2."""
    print(f"trialbot ingest: {message}", file=sys.stderr)
    return 2


def _split_ids_from_paths(args: argparse.Namespace) -> str | None:
    """Paths typed after --ctgov-id go back to the paths; anything else must be an NCT id."""
    ids: list[str] = []
    for value in args.ctgov_id:
        if _NCT_ID.match(value):
            ids.append(value.upper())
        elif Path(value).exists():
            args.paths.append(Path(value))
        else:
            return f"{value!r} is not an NCT id (like NCT01234567) nor an existing path"
    args.ctgov_id = ids
    return None


def _live_import(
    settings: Settings, catalog: FileTrialCatalog, args: argparse.Namespace
) -> IngestReport:
    """Pull the requested records from ClinicalTrials.gov and register them."""
    reports: list[IngestReport] = []
    with CtgovClient(settings.ctgov_base_url) as client:
        if args.ctgov_query:
            origin = f"ctgov:query={args.ctgov_query}"
            try:
                records = client.search(args.ctgov_query, args.status, args.limit)
                reports.append(register_records(catalog, records, origin))
            except RegistryUnavailable as exc:
                reports.append(_failed(origin, str(exc)))
        for nct_id in args.ctgov_id:
            origin = f"ctgov:{nct_id}"
            try:
                reports.append(register_records(catalog, [client.fetch(nct_id)], origin))
            except (RegistryUnavailable, StudyNotFound) as exc:
                reports.append(_failed(origin, str(exc)))
    return merge_reports(*reports)


def _failed(origin: str, error: str) -> IngestReport:
    """A report holding one error."""
    report = IngestReport()
    report.fail(origin, error)
    return report


def _sync_index(settings: Settings, catalog: FileTrialCatalog, quiet: bool) -> tuple[Any, bool]:
    """Sync the search index; (result for the report, ok)."""
    try:
        from trialbot.bootstrap import sync_search_index

        result = sync_search_index(settings, catalog, progress=not quiet)
    except ImportError as exc:
        return {"error": f"search index builder not available: {exc}"}, False
    except Exception as exc:  # the report must still come out
        return {"error": f"index sync failed: {exc}"}, False
    dump = getattr(result, "model_dump", None)
    return (dump() if callable(dump) else result), True


def run(args: argparse.Namespace) -> int:
    """Register the documents, optionally sync the index, report; 0 all read, 1 some rejected."""
    if not args.paths and not args.ctgov_query and not args.ctgov_id:
        return _usage_error("give at least one PATH, --ctgov-query or --ctgov-id")
    if args.limit is not None and args.limit < 1:
        return _usage_error("--limit must be at least 1")
    if (args.status or args.limit) and not args.ctgov_query:
        return _usage_error("--status and --limit only apply to --ctgov-query")
    problem = _split_ids_from_paths(args)
    if problem:
        return _usage_error(problem)
    settings = load_settings()
    catalog = FileTrialCatalog(settings.index_dir)
    report = ingest_paths(catalog, args.paths, progress=not args.json)
    if args.ctgov_query or args.ctgov_id:
        report = merge_reports(report, _live_import(settings, catalog, args))
    index_result: Any = None
    index_ok = True
    if not args.no_index:
        index_result, index_ok = _sync_index(settings, catalog, args.json)
    _print(report, index_result, args.json)
    return 0 if not report.errors and index_ok else 1


def _print(report: IngestReport, index_result: Any, as_json: bool) -> None:
    """The report as JSON on stdout, or as a readable summary table."""
    if as_json:
        payload = report.model_dump()
        payload["index"] = index_result
        print(json.dumps(payload, ensure_ascii=False, default=str))
        return
    print(
        f"{report.trials} trial(s) read: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged; {len(report.errors)} document(s) rejected."
    )
    for error in report.errors:
        print(f"  rejected {error.path}: {error.error}", file=sys.stderr)
    if isinstance(index_result, dict) and "error" in index_result:
        print(f"  index: {index_result['error']}", file=sys.stderr)
    elif index_result is not None:
        _print_index_table(index_result)


# Rows of the index summary: (field of the index report, label, unit).
_INDEX_ROWS = (
    ("trials", "trials in the index", ""),
    ("changed_trials", "trials (re-)embedded", ""),
    ("unchanged_trials", "trials unchanged", ""),
    ("removed_trials", "trials removed", ""),
    ("chunks", "passages", ""),
    ("embedded_chunks", "passages embedded now", ""),
    ("deleted_chunks", "passages deleted", ""),
    ("seconds", "time", " s"),
    ("embed_seconds", "of which embedding", " s"),
    ("chunks_per_second", "speed", " passages/s"),
    ("store", "store", ""),
)


def _print_index_table(index_result: Any) -> None:
    """The index sync's figures as a two-column table (fields it lacks are left out)."""
    from rich.console import Console
    from rich.table import Table

    values = index_result if isinstance(index_result, dict) else vars(index_result)
    table = Table(title="search index", show_header=False, title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for field, label, unit in _INDEX_ROWS:
        if values.get(field) is not None:
            table.add_row(label, f"{values[field]}{unit}")
    Console(file=sys.stdout, highlight=False, soft_wrap=True).print(table)
