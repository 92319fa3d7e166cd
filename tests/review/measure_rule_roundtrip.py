"""How many rules `criteria show` prints for a corpus read back through the staff rule parser
to the same check (labels aside): `python tests/review/measure_rule_roundtrip.py [DIR]`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from trialbot.eligibility import read_criteria
from trialbot.eligibility.rule_syntax import RuleSyntaxError, parse_rule
from trialbot.sources.readers import read_document

WORDING_KEYS = {"label", "unit", "choices"}


def bare(node: Any) -> Any:
    """A condition without the wording keys the checker only uses for reasons."""
    if isinstance(node, dict):
        return {k: bare(v) for k, v in node.items() if k not in WORDING_KEYS}
    if isinstance(node, list):
        return [bare(v) for v in node]
    return node


def measure(folder: Path) -> dict[str, Any]:
    """Counts of printed rules: parsed to the same check, parsed differently, refused."""
    counts: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    for path in sorted(folder.iterdir()):
        for trial in read_document(path):
            for criterion in read_criteria(trial):
                if criterion.rule is None or criterion.needs_review:
                    continue
                counts["rules"] += 1
                try:
                    parsed = parse_rule(criterion.rule)
                except RuleSyntaxError as error:
                    counts["refused"] += 1
                    refused[str(error).split(" (")[0][:60]] += 1
                    continue
                same = bare(parsed.condition) == bare(criterion.condition)
                counts["same" if same else "different"] += 1
    return {**counts, "top_refusals": refused.most_common(8)}


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "ctgov"
    print(json.dumps(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else default), indent=1))
