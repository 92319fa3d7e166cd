"""`trialbot bench`: performance figures measured on this machine."""

from trialbot.evaluation.bench.run import BenchOptions, run_bench

__all__ = ["BenchOptions", "run_bench"]
