"""`make run` serves where told: HOST/PORT on the command line, else TRIALBOT_HOST/PORT in .env."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _run_line(folder: Path, *args: str) -> str:
    """The command `make run` would start (dry run), in a copy of the Makefile in `folder`."""
    shutil.copy(REPO / "Makefile", folder / "Makefile")
    (folder / "pyproject.toml").touch()
    # Under `make test` the parent make's MAKELEVEL/MAKEFLAGS would add "Leaving directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_host_and_port_from_command_line_then_env_file(tmp_path: Path) -> None:
    """Defaults to 127.0.0.1:8000; `.env` settings move it; command-line values win over both."""
    assert _run_line(tmp_path).endswith("serve --host '127.0.0.1' --port '8000'")
    assert _run_line(tmp_path, "HOST=0.0.0.0", "PORT=9123").endswith(
        "serve --host '0.0.0.0' --port '9123'"
    )
    (tmp_path / ".env").write_text("TRIALBOT_HOST=10.0.0.5\nTRIALBOT_PORT=8088\n")
    assert _run_line(tmp_path).endswith("serve --host '10.0.0.5' --port '8088'")
    assert _run_line(tmp_path, "PORT=1").endswith("serve --host '10.0.0.5' --port '1'")
