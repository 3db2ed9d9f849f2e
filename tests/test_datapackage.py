"""downloads/datapackage.json: frictionless validates the package and every CSV it describes
(types, required cells, primary and foreign keys, size and SHA-256) with zero errors, and each
table has one row per record of data/."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import frictionless
import pytest
from conftest import Project

from generator import datapackage, history, site
from generator.paths import DATAPACKAGE
from generator.pipeline import validate

ROOT = Path(__file__).resolve().parents[1]


def downloads(root: Path, out: Path) -> Path:
    """The downloads of the project at `root`, written under `out` as a site would serve them."""
    dataset, _ = validate(root)
    made = site.build_pages(dataset, site_url="https://example.org/site/", history=history.read(root), parallel=False)
    for path, content in made.items():
        if path.startswith("downloads/"):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(content, encoding="utf-8")
    return out / DATAPACKAGE


def counts(root: Path) -> dict[str, int]:
    """What each table must hold: one row per record of data/."""
    ds, _ = validate(root)
    regions = list(ds.regions.values())
    return {
        "facts": sum(len(r.facts) for r in regions),
        "targets": sum(len(r.targets) for r in regions),
        "events": sum(len(r.events) for r in regions),
        "regions": len(regions),
        "metrics": len(ds.metrics),
        "units": len(ds.units),
        "sources": len(ds.articles),
        "clusters": len(ds.clusters),
    }


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return downloads(ROOT, tmp_path_factory.mktemp("downloads"))


def test_frictionless_finds_no_error_and_every_record_is_a_row(package: Path) -> None:
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows == counts(ROOT)
    assert all(task.stats["errors"] == 0 for task in report.tasks)


def test_the_package_says_what_the_footer_says(package: Path) -> None:
    described = json.loads(package.read_text(encoding="utf-8"))
    dates = history.read(ROOT)
    assert described["version"] == (dates.version or dates.today)
    assert described["created"].startswith(dates.today)
    assert described["licenses"][0]["name"] == "CC-BY-4.0"
    assert len(described["sources"]) == counts(ROOT)["sources"]
    facts = next(r for r in described["resources"] if r["name"] == "facts")
    keys = {fk["fields"]: fk["reference"]["resource"] for fk in facts["schema"]["foreignKeys"]}
    assert keys == {"region": "regions", "source": "sources", "metric": "metrics", "unit": "units", "cluster": "clusters"}
    assert facts["schema"]["primaryKey"] == ["id"]
    fields = {f["name"]: f for f in facts["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and fields["inferred"]["type"] == "boolean"
    assert all(f["description"] and f["description_zh"] for f in fields.values())


def test_every_csv_has_the_declared_columns_even_when_empty(project: Project, tmp_path: Path) -> None:
    """A table without rows still has its header: a package of a project without targets is valid."""
    text = project.read("regions/r.yml")
    project.write("regions/r.yml", text[: text.index("targets:")] + "targets: []\n" + text[text.index("excluded:") :])
    kept = "  - source: first-article\n    quote: 到2025年,工业总产值突破3000亿元\n    reason: not a target here\n"
    project.append("regions/r.yml", kept)  # its number stays covered
    package = downloads(project.root, tmp_path)
    header = next(csv.reader(io.StringIO((tmp_path / "downloads" / "targets.csv").read_text(encoding="utf-8-sig"))))
    assert header == datapackage.BY_NAME["targets"].names
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]
    assert {task.name: task.stats.get("rows", 0) for task in report.tasks}["targets"] == 0


def test_a_changed_file_or_a_dangling_reference_is_an_error(package: Path, tmp_path: Path) -> None:
    """The validation is not a formality: a copy that differs from the published file, and a
    fact whose region is not in the regions table, are both found."""
    folder = tmp_path / "copy"
    folder.mkdir()
    for path in package.parent.glob("*.*"):
        (folder / path.name).write_bytes(path.read_bytes())
    facts = folder / "facts.csv"
    region = next(csv.DictReader(io.StringIO(facts.read_text(encoding="utf-8-sig"))))["region"]
    facts.write_text(facts.read_text(encoding="utf-8").replace(f"\n{region},", "\nnowhere,", 1), encoding="utf-8")
    errors = {row[0] for row in frictionless.validate(str(folder / "datapackage.json")).flatten(["type"])}
    assert {"hash-count", "foreign-key"} <= errors, errors
