"""The GitHub Actions workflows: zizmor and the workflow JSON Schema find nothing, and the rules of
issue 4 hold (pull_request only, read-only token, actions pinned by SHA, no persisted credentials,
pinned dependencies, Pages deploys only from main)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def tool(name: str) -> str:
    """The tool from PATH or from this Python's venv; skip the test if it is not installed."""
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -r requirements-lock.txt)")
    return found


def run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([tool(name), *args], capture_output=True, text=True, check=False, timeout=300)


def load(path: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def test_there_are_the_two_workflows() -> None:
    assert {p.name for p in FILES} == {"pr.yml", "deploy.yml"}


def test_zizmor_finds_nothing() -> None:
    result = run("zizmor", "--offline", "--no-progress", str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_zizmor_pedantic_finds_nothing() -> None:
    result = run("zizmor", "--offline", "--no-progress", "--persona", "pedantic", str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path: Path) -> None:
    result = run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_rules(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert not any("pull_request_target" in line.split("#")[0] for line in text.splitlines())
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        extra = job.get("permissions", {})
        assert set(extra) <= {"pages", "id-token"}, (name, extra)
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses is None:
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{uses}: pin to a full commit SHA"
            if uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
    # every `uses:` line carries the version it pins, as a comment
    for line in text.splitlines():
        if re.match(r"\s*(- )?uses: ", line):
            assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*$", line), line
    # dependencies from the pinned file, never a bare `pip install package`
    for line in text.splitlines():
        if "pip install" in line:
            assert "-r requirements-lock.txt" in line or "--no-deps" in line, line


def test_pr_workflow() -> None:
    workflow = load(WORKFLOWS / "pr.yml")
    assert set(workflow["on"]) == {"pull_request"}
    steps = workflow["jobs"]["check"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "python -m generator check" in runs
    assert "pytest" in runs
    assert "python -m generator build site" in runs  # both editions, --strict (generator/build.py)
    assert 'generator diff "origin/${BASE_REF}"' in runs and "$GITHUB_STEP_SUMMARY" in runs
    diff_step = next(s for s in steps if "generator diff" in s.get("run", ""))
    assert diff_step["env"]["BASE_REF"] == "${{ github.base_ref }}"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there to diff against
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_pr_workflow_runs_the_browser_tests_and_cannot_skip_them() -> None:
    job = load(WORKFLOWS / "pr.yml")["jobs"]["browser"]
    step = next(s for s in job["steps"] if "pytest" in s.get("run", ""))
    assert "-m browser" in step["run"]
    assert step["env"]["REQUIRE_BROWSER_TESTS"] == "1" and step["env"]["CHROMIUM"]
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "fonts-noto-cjk" in runs and "npm ci" in runs


def test_deploy_workflow_publishes_only_from_main() -> None:
    workflow = load(WORKFLOWS / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert set(workflow["on"]) <= {"push", "workflow_dispatch"}
    for job in workflow["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "permissions" not in workflow["jobs"]["build"]
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_requirements_lock_pins_every_dependency() -> None:
    lines = [
        line for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+!-]+", line) for line in lines), lines
    names = {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower() for line in lines}
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    import tomllib

    project = tomllib.loads(pyproject)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]).lower()
        assert name in names, f"{name} (pyproject.toml) is not pinned in requirements-lock.txt"
