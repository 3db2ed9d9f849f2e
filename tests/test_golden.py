"""Golden tests for the validator's messages.

Each folder in tests/golden/check/ is a minimal project root with one kind of mistake, and its
`expected.txt` is the exact output of `python -m generator --root <case> check`. A case may hold
a `case.py` with `setup(root, monkeypatch)`: it runs on a copy of the case, to generate inputs
too big to commit (a 512 KiB file, 100,000 levels of nesting) or to break a check on purpose.

A case with only warnings (editor leftovers, stray files) passes: its output starts with the
"✔ data is valid" line, whose timing is written as "(… s)".

`pytest --update-golden` rewrites every expected.txt with the current output: read the diff.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from generator.__main__ import main

GOLDEN = Path(__file__).parent / "golden" / "check"
CASES = sorted(path for path in GOLDEN.iterdir() if path.is_dir())
REPO = Path(__file__).parent.parent


def _hook(case: Path) -> ModuleType | None:
    path = case / "case.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"golden_case_{case.name.replace('-', '_')}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The root to check: the case itself, or a copy that its case.py has set up."""
    hook = _hook(case)
    if hook is None:
        return case
    root = tmp_path / case.name
    shutil.copytree(case, root, ignore=shutil.ignore_patterns("case.py", "expected.txt", "__pycache__"))
    hook.setup(root, monkeypatch)
    return root


def compare(case: Path, output: str, request: pytest.FixtureRequest) -> None:
    expected = case / "expected.txt"
    if request.config.getoption("--update-golden"):
        expected.write_text(output, encoding="utf-8")
    assert expected.exists(), f"no {expected}; run pytest --update-golden and read what it wrote"
    assert output == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_output(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    root = prepare(case, tmp_path, monkeypatch)
    code = main(["--root", str(root), "check"])
    output = capsys.readouterr()
    assert output.err == ""
    out = untimed(output.out)
    lines = out.splitlines()
    assert code == (1 if any(line.startswith("✖ ") for line in lines) else 0)  # warnings alone pass
    assert lines[-1].startswith(("✖ ", "⚠ ")) and len(lines) >= 2  # problems, then the count
    # relative to the case root, each with file:line; warnings marked ⚠
    problems = [line.removeprefix("⚠ ") for line in lines if not _COUNT.match(line) and not line.startswith("✔ ")]
    assert all(re.match(r"data/.*?:[0-9]+: ", line) for line in problems)
    compare(case, out, request)


_COUNT = re.compile(r"[✖⚠] [0-9]+ (problem|warning)s? in [0-9]+ files?\Z")


def untimed(output: str) -> str:
    """The output without the time `check` took (the only part that changes from run to run)."""
    return re.sub(r"\(\d+\.\d+ s\)", "(… s)", output)


# the FIFO: reading it used to hang the command; the unprintable name: printing it could crash
SUBPROCESS_CASES = ["nesting-too-deep", "file-too-big", "non-utf8", "duplicate-key", "fifo-in-data", "unprintable-file-name"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_check_output_in_a_real_process(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line as a contributor runs it: no crash (a segfault would show here), no traceback."""
    case = GOLDEN / name
    hook = _hook(case)
    assert not getattr(hook, "IN_PROCESS_ONLY", False)
    root = prepare(case, tmp_path, monkeypatch)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "check"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert untimed(result.stdout) == (case / "expected.txt").read_text(encoding="utf-8")


def test_every_case_has_its_expected_output() -> None:
    assert [case.name for case in CASES if not (case / "expected.txt").exists()] == []
