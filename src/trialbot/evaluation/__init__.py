"""Replays conversation scripts (YAML) through the core or the web API, and benchmarks trialbot."""

from trialbot.evaluation.drivers import BotError, Driver, HttpDriver, InProcessDriver
from trialbot.evaluation.runner import ScriptResult, run_file, run_files, run_script
from trialbot.evaluation.scripts import Script, ScriptError, find_scripts, load_script

__all__ = [
    "BotError",
    "Driver",
    "HttpDriver",
    "InProcessDriver",
    "Script",
    "ScriptError",
    "ScriptResult",
    "find_scripts",
    "load_script",
    "run_file",
    "run_files",
    "run_script",
]
