"""Reports of a replay: for people, as JSON, and as JUnit XML for CI dashboards."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from trialbot.evaluation.checks import Failure, short
from trialbot.evaluation.runner import ScriptResult


def as_json(results: list[ScriptResult]) -> dict[str, Any]:
    """The `--json` document."""
    passed = sum(1 for r in results if r.passed)
    return {
        "scripts": len(results),
        "passed": passed,
        "failed": len(results) - passed,
        "results": [
            {
                "name": r.name,
                "file": r.file,
                "passed": r.passed,
                "failures": [f.as_json() for f in r.failures],
                "questions_asked": r.questions_asked,
                "latency_ms": r.latency(),
            }
            for r in results
        ],
    }


def where(result: ScriptResult, failure: Failure) -> str:
    """`file:line turn N` for one failure."""
    turn = failure.turn if isinstance(failure.turn, str) else f"turn {failure.turn}"
    return f"{result.file}:{failure.line} {turn}"


def as_text(results: list[ScriptResult]) -> str:
    """A report a person can act on: file:line, turn, expected, actual and the bot's text."""
    lines: list[str] = []
    for result in results:
        if result.passed:
            lines.append(f"PASS {result.file}  {result.name}")
            continue
        lines.append(f"FAIL {result.file}  {result.name}")
        if result.unmet is not None:
            lines.append(f"  {result.file}:{result.failures[0].line} {result.unmet}")
            continue
        shown: set[tuple[object, str]] = set()
        for failure in result.failures:
            heading = f"  {where(result, failure)}"
            lines.append(f"{heading} (sent {failure.sent})" if failure.sent else heading)
            lines.append(f"      expected: {failure.expected}")
            lines.append(f"      actual:   {failure.actual}")
            if failure.bot_text and (failure.turn, failure.bot_text) not in shown:
                shown.add((failure.turn, failure.bot_text))
                lines.append(f'      bot said: "{short(failure.bot_text)}"')
    passed = sum(1 for r in results if r.passed)
    lines.append(f"{len(results)} scripts: {passed} passed, {len(results) - passed} failed")
    return "\n".join(lines)


def write_junit(results: list[ScriptResult], path: Path) -> None:
    """JUnit XML with one test case per script."""
    errors = sum(1 for r in results if r.error is not None)
    failures = sum(1 for r in results if r.error is None and r.failures)
    total_s = sum(sum(r.latencies_ms) for r in results) / 1000
    suite = ET.Element(
        "testsuite",
        name="trialbot-conversations",
        tests=str(len(results)),
        failures=str(failures),
        errors=str(errors),
        time=f"{total_s:.3f}",
    )
    for result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"conversations.{Path(result.file).stem}",
            name=result.name,
            file=result.file,
            time=f"{sum(result.latencies_ms) / 1000:.3f}",
        )
        if result.passed:
            continue
        tag = "error" if result.error is not None else "failure"
        first = result.failures[0]
        detail = "\n".join(
            f"{where(result, f)}: expected {f.expected}; actual {f.as_json()['actual']}"
            for f in result.failures
        )
        node = ET.SubElement(case, tag, message=f"{where(result, first)}: {first.expected}")
        node.text = detail
    root = ET.Element("testsuites")
    root.append(suite)
    tree = ET.ElementTree(root)
    ET.indent(tree)
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
