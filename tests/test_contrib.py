"""Contributor tooling: `new-region`, `diff`, `schema`, the editor/issue/pre-commit configuration,
and CONTRIBUTING.md documenting every command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from generator import factdiff, scaffold, schema
from generator.__main__ import main
from generator.pipeline import validate
from generator.problems import errors
from generator.yamlsafe import Bare, read_yaml

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def run_cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(MINIMAL, root)
    return root


# ---------------------------------------------------------------------------------------------
# new-region


def test_new_region_writes_a_skeleton_that_check_accepts(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    options = ["--name-zh", "苏州工业园区", "--level", "national_zone", "--province", "上海市"]
    code, out, _ = run_cli(capsys, minimal, "new-region", "suzhou-sip", *options)
    assert code == 0, out
    path = minimal / "data" / "regions" / "suzhou-sip.yml"
    text = path.read_text(encoding="utf-8")
    assert "苏州工业园区" in text and "level: national_zone" in text
    assert "TODO" in text  # what to fill is marked
    assert "Next steps" in out and "python -m generator check" in out and "regions/suzhou-sip/" in out
    dataset, problems = validate(minimal)
    assert [p.severity for p in problems] == ["draft"] * 6, [p.format() for p in problems]  # valid, not publishable
    assert "suzhou-sip" in dataset.regions
    code, out, _ = run_cli(capsys, minimal, "check")
    assert code == 0 and out.startswith("✔"), out
    # … and lists what is left to replace, which `mkdocs build` refuses to publish (test_build.py)
    assert "⚠ 6 to finish before the site can be built:" in out  # the name was given
    assert "data/regions/suzhou-sip.yml:10: placeholder 'TODO 简称' is still here" in out


def test_new_region_with_only_a_province_is_valid_too(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, minimal, "new-region", "x1", "--province", "sichuan")[0] == 0
    assert 'province: {zh: "四川省", en: "Sichuan"}' in (minimal / "data" / "regions" / "x1.yml").read_text(encoding="utf-8")
    assert errors(validate(minimal)[1]) == []


def test_new_region_needs_a_province_from_the_registry(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, minimal, "new-region", "x", "--province", "北京")
    assert code == 1 and out.startswith("✖ unknown province '北京'; did you mean '北京市'? valid choices: 上海市, 北京市, 四川省"), out
    assert not (minimal / "data" / "regions" / "x.yml").exists()


def test_new_region_without_a_province_leaves_it_out(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No source states it (issue 22): the line is a comment, never a guess, and the file is valid."""
    assert run_cli(capsys, minimal, "new-region", "x")[0] == 0
    text = (minimal / "data" / "regions" / "x.yml").read_text(encoding="utf-8")
    assert "\n  # province: {zh: 江苏省, en: Jiangsu}\n" in text and "\n  province:" not in text
    assert errors(validate(minimal)[1]) == []
    assert validate(minimal)[0].regions["x"].profile.province is None


def test_new_region_refuses_to_overwrite(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (minimal / "data" / "regions" / "r.yml").read_bytes()
    code, out, _ = run_cli(capsys, minimal, "new-region", "r", "--province", "北京市")
    assert code == 1
    assert "data/regions/r.yml already exists" in out and "nothing was written" in out
    assert (minimal / "data" / "regions" / "r.yml").read_bytes() == before
    (minimal / "data" / "regions" / "old.yaml").write_text("profile: {}\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, minimal, "new-region", "old", "--province", "北京市")
    assert code == 1 and "old.yaml already exists" in out
    assert not (minimal / "data" / "regions" / "old.yml").exists()


@pytest.mark.parametrize(
    ("bad", "suggestion"),
    [("Suzhou_SIP", "suzhou-sip"), ("suzhou sip", "suzhou-sip"), ("-x", "x"), ("a--b", "a-b"), ("苏州", ""), ("x.yml", "x-yml")],
)
def test_new_region_refuses_ids_that_are_not_kebab_case(
    minimal: Path, capsys: pytest.CaptureFixture[str], bad: str, suggestion: str
) -> None:
    before = sorted(p.name for p in (minimal / "data" / "regions").iterdir())
    code, out, _ = run_cli(capsys, minimal, "new-region", "--province", "北京市", "--", bad)
    assert code == 1
    assert f"'{bad}' is not a kebab-case id" in out
    if suggestion:
        assert f"try '{suggestion}'" in out
    assert sorted(p.name for p in (minimal / "data" / "regions").iterdir()) == before


def test_new_region_refuses_an_unknown_level(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, minimal, "new-region", "x", "--level", "city", "--province", "北京市")
    assert code == 1 and "unknown level 'city'" in out and "prefecture_city" in out


@pytest.mark.parametrize(("region_id", "said"), [("index", "'index' is reserved: its page would overwrite"), ("a" * 81, "is too long")])
def test_new_region_refuses_reserved_and_long_ids(minimal: Path, capsys: pytest.CaptureFixture[str], region_id: str, said: str) -> None:
    code, out, _ = run_cli(capsys, minimal, "new-region", region_id, "--province", "北京市")
    assert code == 1 and said in out
    assert not (minimal / "data" / "regions" / f"{region_id}.yml").exists()


@pytest.mark.parametrize("existing", ["x.YML", "X.yml", "x.Yaml"])
def test_new_region_sees_a_region_of_another_case_or_extension(minimal: Path, capsys: pytest.CaptureFixture[str], existing: str) -> None:
    (minimal / "data" / "regions" / existing).write_text("profile: {}\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, minimal, "new-region", "x", "--province", "北京市")
    assert code == 1 and f"data/regions/{existing} already exists" in out


def test_new_region_never_writes_through_a_link(minimal: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (minimal / "data" / "regions" / "x.yml").symlink_to(tmp_path / "outside.yml")  # dangling: open("x") refuses it
    code, out, _ = run_cli(capsys, minimal, "new-region", "x", "--province", "北京市")
    assert code == 1 and "data/regions/x.yml already exists" in out and not (tmp_path / "outside.yml").exists()
    regions = minimal / "data" / "regions"
    regions.rename(tmp_path / "elsewhere")
    regions.symlink_to(tmp_path / "elsewhere")
    code, out, _ = run_cli(capsys, minimal, "new-region", "y", "--province", "北京市")
    assert code == 1 and "data/regions/ is a symbolic link" in out and not (tmp_path / "elsewhere" / "y.yml").exists()


def test_new_region_outside_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, tmp_path, "new-region", "x", "--province", "北京市")
    assert code == 1 and "no data/regions/ folder" in out


# ---------------------------------------------------------------------------------------------
# diff

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return result.stdout


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(minimal: Path) -> Path:
    """The minimal project as a git repository, with a second region at HEAD that the working
    tree then removes, and a sample change to the first region."""
    git(minimal, "init", "-q", "-b", "main")
    shutil.copy(minimal / "data" / "regions" / "r.yml", minimal / "data" / "regions" / "gone.yml")
    commit_all(minimal, "base")
    (minimal / "data" / "regions" / "gone.yml").unlink()
    region = minimal / "data" / "regions" / "r.yml"
    # changed: the value (and its quote) of output-2023
    edit(region, "    value: 2000\n    scale: 亿", "    value: 3000\n    scale: 亿")
    edit(region, "quote: 工业总产值 达 2000 亿元", "quote: 到2025年,工业总产值突破3000亿元")
    edit(region, '    qualifier: 达\n    period: "2023"', '    qualifier: 突破\n    period: "2023"')
    # removed: new-town-area; added: a new fact
    text = region.read_text(encoding="utf-8")
    start, end = text.index("  - id: new-town-area"), text.index("clusters:")
    added = (
        '  - id: share-43\n    metric: planned_area\n    value: 43.9\n    unit: km2\n    period: "2024"\n'
        "    source: second-article\n    quote: 占比43.9%\n\n"
    )
    region.write_text(text[:start] + added + text[end:], encoding="utf-8")
    # an event changed (inferred date no longer), a new region (from the skeleton)
    edit(region, "    inferred: true\n    type: launch", "    type: launch")
    scaffold.new_region(minimal, "newzone", "北京市", name_zh="新区", name_en="New Zone")
    return minimal


@needs_git
def test_diff_reports_added_changed_and_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, repo, "diff", "HEAD", "--site-url", "https://example.org/zones")
    assert code == 0, err
    assert err == ""
    assert "**1 added, 2 changed, 6 removed** (facts, targets and events) in 3 regions" in out
    # changed: old → new value with scale and unit, and the quote
    assert "changed fact [`output-2023`](https://example.org/zones/regions/r/#fact-output-2023)" in out
    assert "value: 达2000亿元 → **突破3000亿元**" in out
    assert "quote was: 工业总产值 达 2000 亿元" in out
    assert "> 到2025年,工业总产值突破3000亿元" in out
    # removed: no link to a fact that is gone, but its old value and quote
    assert "removed fact `new-town-area` — 规划面积 Planned area: **约225平方公里**" in out
    assert "> 亦庄新城规划面积约225平方公里" in out
    # added
    assert "added fact [`share-43`](https://example.org/zones/regions/r/#fact-share-43)" in out and "**43.9平方公里**" in out
    assert "changed event [`eleven-satellites`](https://example.org/zones/regions/r/#event-eleven-satellites)" in out
    assert "inferred: true → false" in out
    # a region added and a region removed
    assert "(`newzone`, new region)" in out and "https://example.org/zones/regions/newzone/" in out
    assert "(`gone`, region removed)" in out
    gone = out[out.index("(`gone`, region removed)") :]
    assert "removed fact `output-2023`" in gone and "removed target `output-2025`" in gone and "removed event `eleven-satellites`" in gone


@needs_git
def test_diff_compares_by_id_in_the_api(repo: Path) -> None:
    old_dir = repo.parent / "old"
    _, old = factdiff.load_revision(repo, "HEAD", old_dir)
    new = factdiff.load_strict(repo, "in the working tree")
    changes = set(factdiff.changed_ids(factdiff.compare(old, new)))
    assert ("r", "facts", "output-2023", "changed") in changes
    assert ("r", "facts", "new-town-area", "removed") in changes
    assert ("r", "facts", "share-43", "added") in changes
    assert ("r", "events", "eleven-satellites", "changed") in changes
    assert ("r", "targets", "output-2025", "changed") not in changes  # untouched
    assert {c for c in changes if c[0] == "gone"} == {
        ("gone", "facts", "output-2023", "removed"),
        ("gone", "facts", "high-tech-firms", "removed"),
        ("gone", "facts", "new-town-area", "removed"),
        ("gone", "targets", "output-2025", "removed"),
        ("gone", "events", "eleven-satellites", "removed"),
    }


@needs_git
def test_diff_without_changes_and_with_relative_links(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commit_all(repo, "the change")
    code, out, _ = run_cli(capsys, repo, "diff", "HEAD")
    assert code == 0 and "No changes" in out
    code, out, _ = run_cli(capsys, repo, "diff", "HEAD~1")
    assert code == 0 and "](regions/r/#fact-output-2023)" in out


@needs_git
def test_diff_reports_registry_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo / "data" / "metrics.yml", "label: {zh: 规划面积, en: Planned area}", "label: {zh: 规划面积, en: Planned land area}")
    code, out, _ = run_cli(capsys, repo, "diff", "HEAD")
    assert code == 0 and "- **metrics**: changed `planned_area`" in out


@needs_git
@pytest.mark.parametrize("rev", ["no-such-branch", "origin/main", "HEAD~5", "--output=x"])
def test_diff_unknown_revision_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str], rev: str) -> None:
    code, out, err = run_cli(capsys, repo, "diff", "--", rev)
    assert code == 2 and out == ""
    assert err.startswith("✖ diff: ") and rev in err and "Traceback" not in err
    assert not (repo / "x").exists()


@needs_git
def test_diff_revision_whose_data_does_not_load(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = (repo / "data" / "regions" / "r.yml").read_text(encoding="utf-8")
    edit(repo / "data" / "regions" / "r.yml", "    metric: high_tech_enterprises", "    metirc: high_tech_enterprises")
    commit_all(repo, "broken")
    (repo / "data" / "regions" / "r.yml").write_text(good, encoding="utf-8")
    code, out, err = run_cli(capsys, repo, "diff", "HEAD")
    assert code == 2 and out == ""
    assert "the data at HEAD" in err and "does not load" in err
    assert "data/regions/r.yml:" in err and "unknown field 'metirc'" in err and "Traceback" not in err


@needs_git
def test_diff_revision_without_data(tmp_path: Path, minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(minimal, "init", "-q", "-b", "main")
    (minimal / "README.md").write_text("x\n", encoding="utf-8")
    git(minimal, "add", "README.md")
    git(minimal, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "readme only")
    code, _, err = run_cli(capsys, minimal, "diff", "HEAD")
    assert code == 2 and "has no data/ folder" in err


def test_diff_outside_a_git_repository(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if shutil.which("git") is not None and subprocess.run(["git", "-C", str(minimal), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    code, _, err = run_cli(capsys, minimal, "diff", "HEAD")
    assert code == 2 and "Traceback" not in err and err.startswith("✖ diff: ")


@needs_git
def test_diff_in_a_project_below_the_repository_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = tmp_path / "repo"
    shutil.copytree(MINIMAL, top / "site-project")
    git(top, "init", "-q", "-b", "main")
    commit_all(top, "base")
    edit(top / "site-project" / "data" / "regions" / "r.yml", "value: 225", "value: 226")
    edit(top / "site-project" / "data" / "sources" / "x.txt", "约225平方公里", "约226平方公里")
    code, out, err = run_cli(capsys, top / "site-project", "diff", "HEAD")
    assert code == 0, err
    assert "value: 约225平方公里 → **约226平方公里**" in out


# ---------------------------------------------------------------------------------------------
# JSON Schemas


def test_committed_schemas_are_fresh() -> None:
    stale = [p.relative_to(ROOT).as_posix() for p in schema.stale(ROOT)]
    assert stale == [], f"{stale} are out of date with generator/models.py: run `python -m generator schema` and commit"


def test_schema_check_command(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, minimal, "schema", "--check")
    assert code == 1 and "schemas/region.schema.json: out of date" in out
    code, out, _ = run_cli(capsys, minimal, "schema")
    assert code == 0 and (minimal / "schemas" / "region.schema.json").is_file()
    code, out, _ = run_cli(capsys, minimal, "schema", "--check")
    assert code == 0, out
    path = minimal / "schemas" / "metrics.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"units"', '"unit"', 1), encoding="utf-8")
    code, out, _ = run_cli(capsys, minimal, "schema", "--check")
    assert code == 1 and "schemas/metrics.schema.json" in out and "region.schema.json" not in out


def _as_editor_reads(value: Any) -> Any:
    """What a YAML 1.2 reader (the editor's) makes of our reader's values."""
    if isinstance(value, Bare):
        return value.value if value.kind == "number" else value.text
    if isinstance(value, dict):
        return {k: _as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_reads(v) for v in value]
    return value


def _data_files(root: Path) -> list[tuple[str, Path]]:
    return [
        *(("region", p) for p in sorted((root / "data" / "regions").glob("*.yml"))),
        ("articles", root / "data" / "sources" / "articles.yml"),
        ("metrics", root / "data" / "metrics.yml"),
        ("clusters", root / "data" / "clusters.yml"),
    ]


@pytest.mark.parametrize("root", [ROOT, MINIMAL], ids=["real data", "minimal fixture"])
def test_valid_data_files_pass_their_schema(root: Path) -> None:
    """No false alarms in the editor: every file the validator accepts passes its schema."""
    jsonschema = pytest.importorskip("jsonschema")
    _, problems = validate(root)
    broken = {p.file for p in problems}
    for kind, path in _data_files(root):
        rel = path.relative_to(root).as_posix()
        if rel in broken:
            continue  # being edited; the validator reports it
        doc, _ = read_yaml(path, rel)
        assert doc is not None
        validator = jsonschema.Draft202012Validator(schema.schema_for(kind))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_as_editor_reads(doc.data))]
        assert errors == [], (rel, errors[:5])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    value: 2000\n", "    value: 2000亿\n", "is not of type 'number'"),
        ("    metric: industrial_output\n    value: 2000", "    metirc: industrial_output\n    value: 2000", "'metirc' was unexpected"),
        ("    unit: yuan\n    qualifier: 达", "    unit: yuan\n    qualifier: 超出", "'超出' is not valid under any of the given schemas"),
        ('    period: "2023"', '    period: "2023年"', "'2023年' is not valid under any of the given schemas"),
        ("    role: leading", "    role: main", "'main' is not one of"),
        ("  - id: output-2023", "  - id: Output_2023", "does not match"),
        (
            "    source: first-article\n    quote: 亦庄的国家级",
            "    source: first-article\n    quotes: 亦庄的国家级",
            "'quote' is a required property",
        ),
    ],
)
def test_schema_catches_newcomer_mistakes(minimal: Path, old: str, new: str, expected: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = minimal / "data" / "regions" / "r.yml"
    edit(path, old, new)
    doc, _ = read_yaml(path, "r.yml")
    assert doc is not None
    messages = [e.message for e in jsonschema.Draft202012Validator(schema.schema_for("region")).iter_errors(_as_editor_reads(doc.data))]
    assert any(expected in m for m in messages), messages


def test_bare_years_are_accepted_where_dates_are(minimal: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = minimal / "data" / "regions" / "r.yml"
    edit(path, '    period: "2023"', "    period: 2023")
    edit(path, '    deadline: "2025"', "    deadline: 2025")
    assert errors(validate(minimal)[1]) == []
    doc, _ = read_yaml(path, "r.yml")
    assert doc is not None
    assert list(jsonschema.Draft202012Validator(schema.schema_for("region")).iter_errors(_as_editor_reads(doc.data))) == []


def test_editor_settings_map_every_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    expected = {f"./{schema.SCHEMA_DIR}/{kind}.schema.json": [files] for kind, (_, files, _) in schema.KINDS.items()}
    assert mapping == expected
    for target in mapping:
        assert (ROOT / target).is_file(), target


# ---------------------------------------------------------------------------------------------
# issue templates, pre-commit


def _form_ids(name: str) -> set[str]:
    import yaml

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    return {item["id"] for item in form["body"] if "id" in item}


def test_wrong_fact_form_has_the_fields_the_site_prefills() -> None:
    assert {"fact-id", "file", "current-value", "what-is-wrong", "source"} <= _form_ids("wrong-fact.yml")
    # the site's "report a problem" link fills fields of this form by id: they must exist
    from generator import site

    dataset, problems = validate(MINIMAL)
    assert problems == []
    region = dataset.regions["r"]
    ctx = site.context(dataset, issues_url="https://github.com/o/r")
    link = ctx.report_base(region)
    href = re.search(r'href="([^"]+)"', link)
    assert href is not None
    query = urllib.parse.parse_qs(urllib.parse.urlparse(href.group(1).replace("&amp;", "&")).query)
    assert query["template"] == ["wrong-fact.yml"]
    assert query["fact-id"] == ["r/"]
    # report.js fills in the rest in the browser (the browser test checks the completed links)
    script = (ROOT / "docs" / "assets" / "javascripts" / "report.js").read_text(encoding="utf-8")
    added = set(re.findall(r'searchParams\.set\("([\w-]+)"', script))
    assert added == {"fact-id", "file", "current-value"}
    fields = set(query) - {"template", "title", "labels", "assignees"}
    assert fields | added <= _form_ids("wrong-fact.yml"), fields | added


def test_new_source_form_exists() -> None:
    assert {"title", "outlet", "regions", "facts"} <= _form_ids("new-source.yml")


@pytest.mark.parametrize("name", ["wrong-fact.yml", "new-source.yml"])
def test_issue_forms_are_valid(name: str) -> None:
    tool = shutil.which("check-jsonschema") or shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    if tool is None:
        pytest.skip("check-jsonschema is not installed")
    path = ROOT / ".github" / "ISSUE_TEMPLATE" / name
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-issue-forms", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_config_runs_the_validator_and_ruff() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["validate-data"]["entry"] == "python -m generator check"
    assert hooks["validate-data"]["language"] == "system" and hooks["validate-data"]["pass_filenames"] is False
    assert hooks["ruff"]["entry"].startswith("ruff check")
    tool = shutil.which("pre-commit") or shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if tool is not None:
        result = subprocess.run(
            [tool, "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------------------------
# CONTRIBUTING.md


def _cli_commands(capsys: pytest.CaptureFixture[str]) -> list[str]:
    with pytest.raises(SystemExit):
        main(["--help"])
    usage = capsys.readouterr().out
    match = re.search(r"\{([a-z,-]+)\}", usage)
    assert match, usage
    return match.group(1).split(",")


def test_every_cli_subcommand_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    commands = _cli_commands(capsys)
    assert {"check", "coverage", "new-region", "diff", "schema"} <= set(commands)
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [c for c in commands if f"python -m generator {c}" not in guide]
    assert missing == [], f"document these subcommands in CONTRIBUTING.md: {missing}"


def test_contributing_links_resolve() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", guide):
        if "://" in target:
            continue
        assert (ROOT / target).exists(), f"CONTRIBUTING.md links to {target}, which does not exist"


# ---------------------------------------------------------------------------------------------
# metrics: choosing the measure


def test_metrics_lists_the_matching_metrics_with_what_a_contributor_needs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, ROOT, "metrics", "专利")
    assert code == 0
    assert "invention_patents_per_10k — 每万人发明专利数" in out
    assert "definition: 每万人拥有的发明专利数" in out
    assert "look-alike high_value_patents_per_10k: differs in concept" in out  # derived from the dimensions
    assert "measures: concept invention_patents, kind per_population" in out
    assert re.search(r"used by 1 fact, 0 targets in yizhuang", out)
    assert "metrics match '专利'" in out


def test_metrics_says_how_a_metric_may_be_compared(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, ROOT, "metrics", "industry_scale")
    assert code == 0 and "only the order of magnitude" in out and "one industry at a time" in out


def test_metrics_with_no_match_says_what_to_try(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, ROOT, "metrics", "xyzzy")
    assert code == 1 and "0 of" in out and "try a shorter word" in out


def test_the_skeleton_s_examples_use_ids_that_exist() -> None:
    """A contributor copies the commented examples: each metric, unit and cluster id must exist."""
    from generator.scaffold import TEMPLATE

    dataset, _ = validate(ROOT)
    used = {key: set(re.findall(rf"#\s+(?:- )?{key}: ([a-z_]+)", TEMPLATE)) for key in ("metric", "unit", "cluster")}
    assert used["metric"] and used["unit"] and used["cluster"]
    assert used["metric"] <= set(dataset.metrics) and used["unit"] <= set(dataset.units) and used["cluster"] <= set(dataset.clusters)


def test_diff_shows_a_new_metric_s_definition_and_comparability(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = repo / "data" / "metrics.yml"
    metrics.write_text(
        metrics.read_text(encoding="utf-8")
        + "  - id: patents_total\n    label: {zh: 专利总数, en: Patents}\n    unit: firms\n    group: economy\n"
        + "    definition: {zh: 全部专利数。, en: All patents.}\n    measures: {concept: invention_patents, kind: stock}\n"
        + "    comparison: magnitude\n"
        + "    not_comparable_with:\n      - metric: high_tech_enterprises\n"
        + "        reason: {zh: 专利不是企业。, en: Patents are not firms.}\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, repo, "diff", "HEAD")
    assert code == 0
    assert "added metric `patents_total`: 专利总数 / Patents" in out
    assert "definition: 全部专利数。 / All patents." in out
    assert "compared only by order of magnitude" in out
    assert "not comparable with `high_tech_enterprises`: 专利不是企业。" in out


# ---------------------------------------------------------------------------------------------
# new-metric: a metric from what it measures

ABOVE_SCALE = [
    "--label-zh", "规模以上工业总产值", "--label-en", "Gross industrial output above designated size", "--unit", "yuan",
    "--display-scale", "亿", "--group", "economy", "--concept", "gross_output", "--kind", "level", "--basis", "above_scale",
    "--definition-zh", "规模以上工业企业的总产值。", "--definition-en", "Gross output of industrial enterprises above designated size.",
]  # fmt: skip


def test_new_metric_writes_a_valid_entry_and_names_its_look_alikes(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, minimal, "new-metric", "--no-input", *ABOVE_SCALE)
    assert code == 0, out
    assert "✔ added `gross_industrial_output_above_designated_size`" in out  # the id proposed from the English label
    assert "look-alike `industrial_output` (工业总产值): differs in basis" in out
    dataset, problems = validate(minimal)
    assert problems == [] and dataset.metrics["gross_industrial_output_above_designated_size"].measures.basis == "above_scale"


def test_new_metric_refuses_a_measure_that_exists(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (minimal / "data" / "metrics.yml").read_bytes()
    options = [o if o != "above_scale" else "not_stated" for o in ABOVE_SCALE]
    code, out, _ = run_cli(capsys, minimal, "new-metric", "--no-input", *options)
    assert code == 1 and "`industrial_output` (工业总产值) measures the same" in out
    assert (minimal / "data" / "metrics.yml").read_bytes() == before


def test_new_metric_names_what_is_unknown_and_leaves_the_file(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (minimal / "data" / "metrics.yml").read_bytes()
    options = [{"gross_output": "gros_output", "level": "levl"}.get(o, o) for o in ABOVE_SCALE]
    code, out, _ = run_cli(capsys, minimal, "new-metric", "--no-input", *options)
    assert code == 1
    assert "--concept 'gros_output' is not in data/metrics.yml (did you mean 'gross_output'?" in out
    assert "--kind 'levl' is not one of: level, stock" in out
    assert (minimal / "data" / "metrics.yml").read_bytes() == before
