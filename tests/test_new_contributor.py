"""Tried as a new contributor would: follow CONTRIBUTING.md in a copy of the repository.

The example files are read from the guide itself (the blocks after `<!-- example-file: … -->` and
`<!-- example-append: … -->`), so the guide and this test cannot drift apart: an invented zone,
its own small archived source and article record, and its region file, written with no change to
the code. Then:
- the validator accepts it, the coverage check finds every number of the new source quoted, and
  `new-region` prints what the guide shows;
- the newcomer mistakes the guide shows (value "1200亿", missing quote, quote not in the text,
  unknown metric, misspelled field …) give exactly the messages shown there, naming file:line and
  the fix;
- (slow) `mkdocs build` succeeds, and the region is in the navigation, in the comparisons for its
  metrics, in the cluster matrix, on the timeline, in the search index and in the downloads.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shlex
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import mkdocs_build

from generator.__main__ import main
from generator.coverage import coverage
from generator.pipeline import validate
from generator.searchindex import read_index

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "CONTRIBUTING.md"
REGION = "hubin"
REGION_FILE = f"data/regions/{REGION}.yml"
SOURCE_FILE = "data/sources/002_hubin_example.txt"
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "node_modules", "*.egg-info", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"
)


# ---------------------------------------------------------------------------------------------
# Reading the guide


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _fenced_after(marker: re.Match[str], text: str) -> str:
    """The content of the fenced block that follows a marker, without the list indentation."""
    block = re.compile(r"\n([ \t]*)```[a-z]*\n(.*?)\n\1```", re.S).match(text, marker.end())
    assert block, f"CONTRIBUTING.md: no fenced block right after {marker.group(0)!r}"
    indent = block.group(1)
    lines = block.group(2).split("\n")
    assert all(line.startswith(indent) or not line.strip() for line in lines), marker.group(0)
    return "\n".join(line[len(indent) :] for line in lines)


def guide_examples() -> list[tuple[str, str, str]]:
    """(how, path, content) of every example file in the guide, in order."""
    text = _guide()
    found = [(m.group(1), m.group(2), _fenced_after(m, text)) for m in re.finditer(r"<!-- example-(file|append): (\S+) -->", text)]
    assert {path for _, path, _ in found} >= {SOURCE_FILE, "data/sources/articles.yml", REGION_FILE}, found
    return found


def guide_outputs() -> dict[str, str]:
    text = _guide()
    return {m.group(1): _fenced_after(m, text) for m in re.finditer(r"<!-- output: ([a-z-]+) -->", text)}


def guide_new_region() -> tuple[list[str], str]:
    """The `new-region` command the guide shows, and the output it shows for it."""
    text = _guide()
    match = re.search(r"\n([ \t]*)```console\n\1\$ python -m generator (new-region .*?)\n(.*?)\n\1```", text, re.S)
    assert match, "CONTRIBUTING.md: the new-region console example is missing"
    indent = match.group(1)
    shown = "\n".join(line[len(indent) :] for line in match.group(3).split("\n"))
    return shlex.split(match.group(2)), shown


def follow_guide(root: Path) -> None:
    """Do what the guide says, in the project at `root`."""
    args, shown = guide_new_region()
    region_path = root / REGION_FILE
    if region_path.exists():  # the guide's id must be new; if the project has it, this test is moot
        pytest.fail(f"{REGION_FILE} exists in the repository: choose another example id in CONTRIBUTING.md")
    out = io.StringIO()
    with _stdout(out):
        code = main(["--root", str(root), *args])
    assert code == 0, out.getvalue()
    assert out.getvalue().rstrip("\n") == shown, "CONTRIBUTING.md shows outdated new-region output:\n" + out.getvalue()
    for how, rel, content in guide_examples():
        path = root / rel
        if how == "file":
            path.write_text(content + "\n", encoding="utf-8")  # the skeleton is replaced by the finished file
        else:
            existing = path.read_text(encoding="utf-8")
            path.write_text(existing + ("" if existing.endswith("\n") else "\n") + content + "\n", encoding="utf-8")


class _stdout:
    def __init__(self, target: io.StringIO) -> None:
        self.target = target

    def __enter__(self) -> None:
        self.saved, sys.stdout = sys.stdout, self.target

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self.saved


def copy_repository(dest: Path) -> Path:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    return dest


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository (no .git, .venv, site) with the guide's example added."""
    root = copy_repository(tmp_path_factory.mktemp("newcomer") / "project")
    follow_guide(root)
    return root


# ---------------------------------------------------------------------------------------------
# The validator half


def test_the_guide_example_passes_the_validator(newcomer: Path) -> None:
    dataset, problems = validate(newcomer)
    assert problems == [], "\n".join(p.format() for p in problems)
    region = dataset.regions[REGION]
    assert len(region.facts) == 3 and len(region.events) == 1 and len(region.targets) == 1 and len(region.clusters) == 1
    assert "hubin-goes-new" in dataset.articles
    code = main(["--root", str(newcomer), "check"])
    assert code == 0


def test_every_number_of_the_new_source_is_quoted(newcomer: Path) -> None:
    dataset, _ = validate(newcomer)
    _, missing = coverage(dataset)
    left = [item.format() for item in missing if Path(SOURCE_FILE).name in item.format()]
    assert left == []


def test_the_example_needs_no_code_change(newcomer: Path) -> None:
    """Only data/ differs from the repository."""
    changed = []
    for path in newcomer.rglob("*"):
        rel = path.relative_to(newcomer)
        if path.is_file() and rel.parts[0] != "data":
            original = ROOT / rel
            if not original.is_file() or original.read_bytes() != path.read_bytes():
                changed.append(rel.as_posix())
    assert changed == []


# mistake name (as in the guide's `<!-- output: name -->`) → what the newcomer wrote instead
MISTAKES: dict[str, tuple[str, str]] = {
    "value-with-scale": ("    value: 1200\n    scale: 亿\n", "    value: 1200亿\n"),
    "scale-missing": ("    value: 1200\n    scale: 亿\n", "    value: 1200\n"),
    "value-typo": ("    value: 86\n", "    value: 68\n"),
    "misspelled-field": ("  - id: high-tech-firms\n    metric:", "  - id: high-tech-firms\n    metirc:"),
    "unknown-metric": ("metric: high_tech_enterprises", "metric: high_tech_firms"),
    "quote-not-in-text": ("quote: 园区集聚国家级高新技术企业420余家", "quote: 园区聚集国家级高新技术企业420余家"),
    "missing-quote": ("    quote: 园区集聚国家级高新技术企业420余家\n", ""),
    "period-with-text": ('    period: "2023"\n', "    period: 2023年\n"),
    "unknown-source": ("    source: hubin-goes-new\n    quote: 园区集聚", "    source: hubin-go-new\n    quote: 园区集聚"),
}

# what each message must say, besides the file and line: the fix
MUST_SAY: dict[str, list[str]] = {
    "value-with-scale": ["'1200亿' is text", "write value: 1200 and scale: 亿"],
    "scale-missing": ["quote prints 1200 with '亿'", "write the scale word"],
    "value-typo": ["value 68 does not appear in the quote"],
    "misspelled-field": ["unknown field 'metirc'", "did you mean 'metric'?"],
    "unknown-metric": ["unknown metric 'high_tech_firms'", "did you mean 'high_tech_enterprises'?", "python -m generator new-metric"],
    "quote-not-in-text": ["quote not found in article 'hubin-goes-new'", "at line 7", "'聚集", "copy the text exactly"],
    "missing-quote": ["missing required field 'quote'", "exact text from the article"],
    "period-with-text": ["'2023年' is not valid", "expected a period: 2023"],
    "unknown-source": ["unknown source article 'hubin-go-new'", "did you mean 'hubin-goes-new'?"],
}


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _shorten_choices(text: str) -> str:
    """The guide shortens long lists of valid choices (they grow with the data)."""
    return re.sub(r"valid choices: [^(]*\(", "valid choices: … (", text)


def test_the_guide_shows_every_mistake_this_test_makes() -> None:
    assert set(guide_outputs()) == set(MISTAKES)


@pytest.mark.parametrize("name", list(MISTAKES))
def test_newcomer_mistakes_say_exactly_what_to_fix(newcomer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(newcomer / "data", root / "data")
    path = root / REGION_FILE
    text = path.read_text(encoding="utf-8")
    old, new = MISTAKES[name]
    assert text.count(old) == 1, f"the guide's example changed: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")
    capsys.readouterr()
    code = main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith(REGION_FILE + ":")]
    assert problems, out
    # where: the file and the line of the mistake, or of the start of the record it is in
    edited = _line_of(text, old)
    record = max(i for i, line in enumerate(text.splitlines()[:edited], start=1) if line.startswith("  - "))
    lines = {int(line.split(":")[1]) for line in problems}
    assert any(record <= n <= edited + old.count("\n") for n in lines), (record, edited, problems)
    for phrase in MUST_SAY[name]:
        assert phrase in out, (phrase, out)
    # and the guide shows this very output
    assert _shorten_choices(out.rstrip("\n")) == guide_outputs()[name], (
        f"CONTRIBUTING.md shows outdated output for '{name}'; the validator now prints:\n{out}"
    )


# ---------------------------------------------------------------------------------------------
# The site half: a real build (slow)


@pytest.fixture(scope="module")
def built(newcomer: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("newcomer-site")
    result = mkdocs_build(newcomer, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def _page(built: Path, url: str) -> str:
    return html.unescape((built / url / "index.html").read_text(encoding="utf-8"))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nav: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "md-nav__link" in (values.get("class") or "") and values.get("href"):
            self.nav.add(values["href"] or "")


@pytest.mark.slow
def test_region_page_and_navigation(built: Path) -> None:
    page = _page(built, f"regions/{REGION}")
    assert "湖滨高新区" in page and "湖滨高新技术产业开发区" in page
    for anchor in ("fact-planned-area", "fact-industrial-output-2023", "fact-high-tech-firms", "target-biomed-industry-2026"):
        assert f'id="{anchor}"' in page, anchor
    links = _Links()
    links.feed((built / "regions" / "index.html").read_text(encoding="utf-8"))
    assert f"{REGION}/" in links.nav, sorted(links.nav)


@pytest.mark.slow
def test_region_in_the_comparisons_of_its_metrics(newcomer: Path, built: Path) -> None:
    from generator import paths

    dataset, _ = validate(newcomer)
    region = dataset.regions[REGION]
    facts = [f for f in region.facts if f.subject is None]
    assert facts
    for fact in facts:
        group = dataset.metrics[fact.metric].group
        url = paths.group_path(group).removesuffix(".md")
        page = _page(built, url)
        # its row in the metric's section (and, when another region reports the measure, its bar)
        assert f'id="{REGION}--fact-{fact.id}"' in page, (fact.id, url)
        assert "湖滨高新区" in page, url


@pytest.mark.slow
def test_region_in_the_cluster_matrix(built: Path) -> None:
    page = _page(built, "clusters")
    start = page.index('id="matrix"')
    end = page.find("<h2", start)
    matrix = page[start : end if end > 0 else None]
    assert "湖滨高新区" in matrix and "生物医药" in matrix
    cluster_page = _page(built, "clusters/biotech-health")
    assert f"regions/{REGION}/" in cluster_page


@pytest.mark.slow
def test_region_on_the_timeline(built: Path) -> None:
    page = _page(built, "timeline")
    assert f"regions/{REGION}/#event-future-industries-plan" in page
    assert f"regions/{REGION}/#target-biomed-industry-2026" in page


@pytest.mark.slow
def test_region_in_the_search_index(built: Path) -> None:
    index = read_index(built / "search")
    docs = [d for d in index["docs"] if d["location"].split("#")[0] == f"regions/{REGION}/"]
    assert docs
    text = " ".join(d["title"] + " " + d["text"] for d in docs).replace("\u200b", "")
    assert "湖滨高新区" in text and "1200" in text
    everywhere = " ".join(d["title"] + " " + d["text"] for d in index["docs"]).replace("\u200b", "")
    assert "未来产业发展行动计划" in everywhere


def _csv(built: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((built / "downloads" / name).read_text(encoding="utf-8-sig"))))


@pytest.mark.slow
def test_region_in_the_downloads(built: Path) -> None:
    facts = {r["id"]: r for r in _csv(built, "facts.csv") if r["region"] == REGION}
    assert set(facts) == {f"{REGION}/planned-area", f"{REGION}/industrial-output-2023", f"{REGION}/high-tech-firms"}
    output = facts[f"{REGION}/industrial-output-2023"]
    assert float(output["value"]) == 1200 and output["scale"] == "亿" and float(output["normalized"]) == 1200e8
    assert output["quote"] == "2023年，湖滨高新区工业总产值突破1200亿元"
    assert {r["id"] for r in _csv(built, "events.csv") if r["region"] == REGION} == {f"{REGION}/future-industries-plan"}
    assert {r["id"] for r in _csv(built, "targets.csv") if r["region"] == REGION} == {f"{REGION}/biomed-industry-2026"}
    for name in ("facts.json", "events.json", "targets.json"):
        records = json.loads((built / "downloads" / name).read_text(encoding="utf-8"))
        assert any(r["region"] == REGION for r in records), name


@pytest.mark.slow
def test_a_newcomer_mistake_stops_the_build_with_file_and_line(newcomer: Path, tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "project")
    shutil.rmtree(root / "data")
    shutil.copytree(newcomer / "data", root / "data")
    path = root / REGION_FILE
    old, new = MISTAKES["value-with-scale"]
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "out")
    assert result.returncode != 0
    assert f"{REGION_FILE}:28: facts.1.value: '1200亿' is text" in result.stdout + result.stderr
