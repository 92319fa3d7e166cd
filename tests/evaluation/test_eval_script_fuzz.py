"""Any text given as a script is either a script or a ScriptError with a line: never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from trialbot.evaluation.scripts import ScriptError, parse_script

FRAGMENTS = st.sampled_from(
    [
        "name: x\n",
        "turns:\n",
        "  - user: hi\n",
        "  - button: yes\n",
        "    expect:\n",
        "      asks: null\n",
        "      verdict: {A: ineligible}\n",
        "      says: [a, 1, null]\n",
        "patient:\n",
        "  answers:\n",
        "    - {when: '(', say: x}\n",
        "final: []\n",
        "- a\n",
        "{",
        "]",
        ": :",
        "&a [*a]\n",
        "!!python/object:os.system x\n",
        "\t",
        "---\n",
        "%YAML 9\n",
    ]
)


def check(text: str) -> None:
    """Parse, accepting only a result or a ScriptError that names a line >= 1."""
    try:
        parse_script(text, Path("fuzz.yaml"))
    except ScriptError as exc:
        assert exc.line >= 1 and str(exc).startswith("fuzz.yaml:")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_handled(text: str) -> None:
    """Arbitrary unicode never raises anything but ScriptError."""
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, max_size=12))
def test_yaml_like_fragments_are_handled(parts: list[str]) -> None:
    """Script-shaped fragments in any order never raise anything but ScriptError."""
    check("".join(parts))
