"""`trialbot ask`: one lay question answered from the trial documents, with its sources."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trialbot.domain.turn import Reply, Turn

CONVERSATION_ID = "cli:ask"
QUOTE_CHARS = 240


def register(subparsers: Any) -> None:
    """Add the `ask` command."""
    parser = subparsers.add_parser(
        "ask", help="answer one question from the registered trial documents"
    )
    parser.add_argument("question", metavar="QUESTION", help="the question, in plain words")
    parser.add_argument(
        "--trial",
        dest="trials",
        action="append",
        default=[],
        metavar="ID",
        help="limit the answer to this trial (repeatable; default: every registered trial)",
    )
    parser.add_argument("--json", action="store_true", help="print the reply as a Turn (JSON)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Answer the question; exit status 1 when a named trial is not registered."""
    from trialbot.bootstrap import open_answerer, open_catalog
    from trialbot.settings import load_settings

    settings = load_settings()
    catalog = open_catalog(settings)
    unknown = [t for t in args.trials if catalog.get_trial(t) is None]
    if unknown:
        print(
            f"No trial {', '.join(map(repr, unknown))} is registered (see: trialbot trials list).",
            file=sys.stderr,
        )
        return 1
    answerer = open_answerer(settings, catalog)
    check = getattr(answerer, "check_store", None)
    if callable(check):
        check()  # a store of another embedding function: one line, exit status 2
    reply = answerer.answer(args.question, args.trials)
    if args.json:
        turn = Turn(conversation_id=CONVERSATION_ID, replies=[reply], verdicts={})
        print(json.dumps(turn.model_dump(mode="json"), ensure_ascii=False))
    else:
        print(render(reply))
    return 0


def render(reply: Reply) -> str:
    """The reply as readable text: the answer, then where it comes from."""
    lines = [reply.text]
    if reply.citations:
        lines += ["", "Sources:"]
        for citation in reply.citations:
            quote = citation.text
            if len(quote) > QUOTE_CHARS:
                quote = quote[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
            lines.append(f"  [{citation.trial_id} · {citation.section}] {quote}")
    return "\n".join(lines)
