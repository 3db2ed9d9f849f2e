"""scripts/setup runs once: it installs when requirements-lock.txt or pyproject.toml changed (their
hash in .venv/zr-setup), is silent when nothing did, and shows pip's output when pip fails. Run on
a copy of the script with a stand-in for .venv/bin/python that records how it was called, so no
package is installed. And CI still runs the README's test command."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# a stand-in for the venv's python: logs its arguments; fails when asked to (FAIL beside it)
PYTHON = """#!/usr/bin/env bash
echo "$@" >> "$(dirname "$0")/calls"
if [ -f "$(dirname "$0")/FAIL" ]; then echo "ERROR: pip could not install" >&2; exit 1; fi
echo "WARNING: Location 'file:///opt/pypi-more/simple/x/' is ignored"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "setup", tmp_path / "scripts" / "setup")
    for name in ("requirements-lock.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(PYTHON, encoding="utf-8")
    python.chmod(0o755)
    return tmp_path


def _setup(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(project / "scripts" / "setup")], capture_output=True, text=True, env=os.environ, timeout=60)


def _calls(project: Path) -> list[str]:
    calls = project / ".venv" / "bin" / "calls"
    return calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def test_setup_installs_once_and_again_after_a_change(project: Path) -> None:
    first = _setup(project)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("\n") == 1 and "installing" in first.stdout, "one line, not pip's output"
    assert "WARNING" not in first.stdout + first.stderr
    assert [call.split()[-1] for call in _calls(project)] == ["pip", "requirements-lock.txt", "."]

    again = _setup(project)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", ""), "nothing changed: nothing to do, nothing said"
    assert len(_calls(project)) == 3

    with (project / "pyproject.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n# changed\n")
    assert _setup(project).returncode == 0
    assert len(_calls(project)) == 6, "a changed pyproject.toml installs again"


def test_a_failing_install_shows_pip_s_output_and_is_tried_again(project: Path) -> None:
    (project / ".venv" / "bin" / "FAIL").touch()
    failed = _setup(project)
    assert failed.returncode == 1
    assert "ERROR: pip could not install" in failed.stderr and "setup: pip install --upgrade pip failed" in failed.stderr
    assert not (project / ".venv" / "zr-setup").exists()
    (project / ".venv" / "bin" / "FAIL").unlink()
    assert _setup(project).returncode == 0 and (project / ".venv" / "zr-setup").exists()


def test_ci_runs_the_readme_s_test_command() -> None:
    assert "scripts/test" in (ROOT / "README.md").read_text(encoding="utf-8")
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert "exec scripts/test" in ci
    assert "scripts/setup --browser" in (ROOT / "scripts" / "test").read_text(encoding="utf-8")
