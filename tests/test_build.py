"""A real `mkdocs build --strict` of the real data into a temporary folder."""

from __future__ import annotations

import json
import logging
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, mkdocs_build, site_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator import models as m
from generator.__main__ import main
from generator.pipeline import validate
from generator.problems import errors
from generator.searchindex import read_index

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def test_every_region_page_and_fact_anchor_exists(built: Path) -> None:
    dataset, _ = validate(ROOT)
    for region in dataset.regions.values():
        html = (built / "regions" / region.id / "index.html").read_text(encoding="utf-8")
        for fact in region.facts:
            assert f'id="fact-{fact.id}"' in html, (region.id, fact.id)
        for target in region.targets:
            assert f'id="target-{target.id}"' in html, (region.id, target.id)
        for event in region.events:
            assert f'id="event-{event.id}"' in html, (region.id, event.id)


def test_charts_are_drawn_at_build_time_without_a_chart_library(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert '<table class="zr-matrix">' in (built / "clusters" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="zr-tl"' in (built / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/charts.js" in home
    scripts = built / "assets" / "javascripts"
    assert not (scripts / "vega-bundle.js").exists() and not (built / "en" / "assets" / "javascripts" / "vega-bundle.js").exists()
    assert "vega" not in (scripts / "charts.js").read_text(encoding="utf-8").lower()
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text, page


def test_downloads_are_published_at_stable_urls(built: Path) -> None:
    for name in ("facts.csv", "facts.json", "events.csv", "events.json", "targets.csv", "targets.json"):
        assert (built / "downloads" / name).stat().st_size > 0, name


def test_search_index_segments_chinese(built: Path) -> None:
    index = read_index(built / "search")
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    assert "\u200b" in text  # jieba segmentation marker
    for word in ("防城港", "火箭", "集成电路"):
        assert word in text, word


def test_bad_data_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "node_modules", "tests", "*.egg-info"))
    region = project / "data" / "regions" / "shanghai.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("metric:", "metirc:", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "data/regions/shanghai.yml:" in result.stderr + result.stdout
    assert "unknown field 'metirc'" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_skeleton_region_is_previewed_but_never_built(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """`new-region` writes TODO placeholders that `check` accepts (the region is filled in step by
    step, with `mkdocs serve` showing it); `mkdocs build` refuses to publish them."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "node_modules", "tests", "*.egg-info"))
    assert main(["--root", str(project), "new-region", "draft", "--province", "北京市"]) == 0
    result = mkdocs_build(project, tmp_path / "out")
    out = result.stderr + result.stdout
    assert result.returncode != 0 and "Traceback" not in out
    assert "the site is not built with them" in out and "to finish before the site can be built" in out
    assert "data/regions/draft.yml:10: placeholder 'TODO 简称' is still here" in out
    assert "data/regions/draft.yml:20: coordinates are still the placeholder [0.0, 0.0]" in out
    _, problems = validate(project)
    assert errors(problems) == [] and {p.severity for p in problems} == {"draft"}  # `check` passes
    config = load_config(config_file=str(project / "mkdocs.yml"), site_url="http://127.0.0.1:8000/")
    serving = config.plugins["zone-report"]
    serving.on_startup(command="serve", dirty=False)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.zone-report"):
        serving.on_config(config)  # no error: the preview shows the draft …
    assert serving.dataset is not None
    assert "placeholder 'TODO 简称' is still here" in caplog.text  # … and says what to replace
    building = load_config(config_file=str(project / "mkdocs.yml")).plugins["zone-report"]
    building.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError):
        building.on_config(load_config(config_file=str(project / "mkdocs.yml")))


def test_no_scoped_or_subject_figure_is_shown_without_its_scope_or_subject(built: Path) -> None:
    """Wherever a figure appears — a table row, a key-figure card, a chart's data table, a
    look-alike box, a headline — the block it sits in names its scope (亦庄新城) or its subject
    (a firm, a programme): a number for a part of a region must never read as the region's."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from scan_html import link_blocks

    dataset, _ = validate(ROOT)
    about: dict[tuple[str, str, str], list[str]] = {}  # (edition, region, anchor) → its scope's or subject's names
    for region in dataset.regions.values():
        records: list[Any] = [*region.facts, *region.targets, *region.events]
        for record in records:
            kind = "event" if isinstance(record, m.Event) else "target" if isinstance(record, m.Target) else "fact"
            for lang in ("zh", "en"):
                scopes = {s.id: getattr(s.name, lang) for s in region.profile.scopes}
                names = ([scopes[record.scope]] if record.scope else []) + ([getattr(record.subject, lang)] if record.subject else [])
                if names:
                    about[(lang, region.id, f"{kind}-{record.id}")] = [name.split("（")[0].split(" (")[0] for name in names]
    assert len(about) > 20, "the real data has scoped and subject figures: the test must see them"
    seen = 0
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lang = "en" if page.relative_to(built).as_posix().startswith("en/") else "zh"
        for hit, block in link_blocks(text, r"(?:#q-([a-z0-9-]+)--|regions/([a-z0-9-]+)/#)((?:fact|target|event)-[a-z0-9-]+)"):
            match = re.search(r"(?:#q-([a-z0-9-]+)--|regions/([a-z0-9-]+)/#)((?:fact|target|event)-[a-z0-9-]+?)(?:--\d+)?$", hit)
            assert match, hit
            key = (lang, match[1] or match[2], match[3])
            if key in about:
                seen += 1
                assert any(name in block for name in about[key]), (page.relative_to(built).as_posix(), key, block[:200])
    assert seen > len(about)


def test_downloads_cite_scope_and_subject_in_both_languages(built: Path) -> None:
    for name in ("facts", "targets", "events"):
        for row in json.loads((built / "downloads" / f"{name}.json").read_text(encoding="utf-8")):
            for lang in ("zh", "en"):
                for key in (f"scope_{lang}", f"subject_{lang}"):
                    if row[key]:
                        assert row[key] in row[f"citation_{lang}"], (row["id"], key, row[f"citation_{lang}"])
                assert row[f"url_{lang}" if lang == "en" else "url"] in row[f"citation_{lang}"]


def test_no_page_shows_markdown_table_syntax(built: Path) -> None:
    """A table that Markdown did not take for one shows as | a | b | text (the clusters matrix did)."""
    for page in built.rglob("*.html"):
        text = re.sub(r"<(pre|code|script|textarea)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", "\n", text)
        raw = [line for line in text.splitlines() if re.search(r"\|\s*-{3,}\s*\||^\s*\|.*\|\s*$", line)]
        assert raw == [], (page.relative_to(built).as_posix(), raw[:2])


def test_a_link_under_docs_stops_the_build_and_its_target_is_published_nowhere(tmp_path: Path) -> None:
    """MkDocs copies docs/ following links: a committed docs/assets/leak.txt → /etc/hostname was
    published (issue 25). Each edition's build stops, naming the link; the English one takes
    docs/assets/ through the plugin's shared_docs."""
    secret = "zone-report-leak-7f3a9c"  # found nowhere in the project
    (tmp_path / "secret.txt").write_text(secret + "\n", encoding="utf-8")
    project = site_project(tmp_path / "project", MINIMAL / "data")
    (project / "docs" / "assets" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    for lang in ("zh", "en"):
        out = tmp_path / f"out-{lang}"
        result = mkdocs_build(project, out, editions=(lang,))
        said = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in said, lang
        assert "docs/assets/leak.txt:1: a symbolic link" in said and "replace the link with the file" in said, lang
        published = [p for p in out.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()] if out.exists() else []
        assert published == [], lang
