"""docker-compose.yml, Dockerfile and .env.example are structurally sound (no Docker here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from trialbot.cli import build_parser
from trialbot.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
COMPOSE_ONLY_VARIABLES = {"TRIALBOT_WEB_PORT"}
MAKE_ONLY_VARIABLES = {"TRIALBOT_HOST", "TRIALBOT_PORT"}  # read by `make run`


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The parsed compose file (YAML anchors and merge keys resolved)."""
    loaded = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _parses_as_trialbot_command(command: list[str]) -> str:
    """The trialbot subcommand a container command runs, checked by the real argument parser."""
    assert command[0] == "trialbot"
    args = build_parser().parse_args(command[1:])
    assert getattr(args, "handler", None) is not None
    return str(args.command)


def test_compose_has_web_and_telegram_services(compose: dict[str, Any]) -> None:
    """The web chat runs `trialbot serve` without Telegram; the bot runs `trialbot telegram`."""
    services = compose["services"]
    assert _parses_as_trialbot_command(services["web"]["command"]) == "serve"
    assert "--no-telegram" in services["web"]["command"]
    assert _parses_as_trialbot_command(services["telegram"]["command"]) == "telegram"
    assert services["telegram"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_services_share_settings_and_volumes(compose: dict[str, Any]) -> None:
    """Both app services read .env and mount the named index and database volumes."""
    declared = set(compose["volumes"])
    for name in ("web", "telegram"):
        service = compose["services"][name]
        assert service["build"] == "." and service["image"]
        env_files = [
            entry["path"] if isinstance(entry, dict) else entry for entry in service["env_file"]
        ]
        assert ".env" in env_files
        mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in service["volumes"]}
        assert mounts == {"index": "/app/index", "db": "/app/var"}
        assert set(mounts) <= declared
        assert service["environment"]["TRIALBOT_INDEX_DIR"] == "/app/index"
        assert "/app/var/" in service["environment"]["TRIALBOT_DATABASE_URL"]


def test_compose_healthchecks(compose: dict[str, Any]) -> None:
    """Every app service has a healthcheck; the web one asks /healthz on the served port."""
    for name in ("web", "telegram"):
        test = compose["services"][name]["healthcheck"]["test"]
        assert test[0] == "CMD" and test[1] == "python"
        compile(test[3], f"{name} healthcheck", "exec")
    web = compose["services"]["web"]
    assert "http://127.0.0.1:8000/healthz" in web["healthcheck"]["test"][3]
    assert "8000" in web["command"]
    assert web["ports"][0].startswith("127.0.0.1:") and web["ports"][0].endswith(":8000")


def test_compose_optional_chroma_server(compose: dict[str, Any]) -> None:
    """The Chroma server is opt-in (a profile) and keeps its data in a named volume."""
    chroma = compose["services"]["chroma"]
    assert chroma["profiles"] == ["chroma"]
    assert chroma["image"].startswith("chromadb/chroma:")
    assert chroma["volumes"][0].split(":")[0] in compose["volumes"]


def test_dockerfile_structure() -> None:
    """python:3.11-slim, one pip install pinning torch 2.13.0, a non-root user, `trialbot serve`."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.MULTILINE)
    installs = re.findall(r"pip install[^\n]*", text)
    assert len(installs) == 1 and "torch==2.13.0" in installs[0]
    assert re.search(r"^USER trialbot$", text, re.MULTILINE)
    cmd = re.search(r"^CMD (\[.*\])$", text, re.MULTILINE)
    assert cmd is not None
    assert _parses_as_trialbot_command(yaml.safe_load(cmd.group(1))) == "serve"
    for source in ("src", "prompts", "index"):
        assert f"COPY {source} ./{source}" in text


def test_dockerignore_keeps_secrets_and_venv_out() -> None:
    """The build context never includes .env, the venv or built index artefacts."""
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".env", ".venv", ".git", "index/*", "!index/trials"} <= set(lines)


def test_env_example_names_only_real_settings() -> None:
    """Every variable in .env.example is one trialbot reads (or a compose or make knob)."""
    known = {field.alias for field in Settings.model_fields.values()}
    known |= COMPOSE_ONLY_VARIABLES | MAKE_ONLY_VARIABLES
    names = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(encoding="utf-8"), re.M)
    assert "TRIALBOT_STAFF_TOKEN" in names and "TELEGRAM_BOT_TOKEN" in names
    assert set(names) <= known, set(names) - known
