"""A site of hundreds of regions: tables made HTML by the generator (htmlblocks.py) read exactly
as Python-Markdown and MkDocs would have made them, every link still lands, the search index
holds every region, metric, cluster, article and fact while staying small, and a focused preview
builds one region and says so."""

from __future__ import annotations

import html
import json
import posixpath
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import mkdocs_build, site_project
from hostile import write_project

from generator import htmlblocks, search, site
from generator import text as tx
from generator.load import Dataset
from generator.pages import SECTIONS
from generator.paths import fact_anchor, group_path, metric_anchor, page_url, region_path, source_path
from generator.pipeline import validate
from generator.searchindex import read_index

ROOT = Path(__file__).resolve().parents[1]
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences", "toc"]  # mkdocs.yml's
SYNTHETIC_REGIONS = 24


def synthetic(dest: Path, regions: int = SYNTHETIC_REGIONS) -> Path:
    """The benchmark's synthetic project (benchmarks/bench_build.py) at `dest`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_build

    dest.mkdir(parents=True, exist_ok=True)
    bench_build.make_project(dest, regions=regions, facts_per_region=20)
    return dest


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic project built as a reader's build is: both editions, --strict."""
    project = synthetic(tmp_path_factory.mktemp("synthetic") / "project")
    out = project.parent / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _datasets() -> list[tuple[str, Dataset]]:
    return [("real", validate(ROOT)[0])]


# ---------------------------------------------------------------------------------------------
# the tables as Python-Markdown makes them


def _python_markdown(text: str) -> str:
    return markdown.markdown(text.split("\n---\n", 1)[1], extensions=EXTENSIONS)


_HREF = re.compile(r'href="([^"]*)"')


def _site_paths(page: str, made: str) -> str:
    """Each link as the site path it leads to: a Markdown link's `.md` target resolved from the
    page's file (as MkDocs does), a URL (the converter's) from the page's URL (as a browser does)."""

    def resolve(found: re.Match[str]) -> str:
        target = html.unescape(found[1])
        if target.startswith("#") or re.match(r"^[a-z]+:", target):
            return found[0]
        path, _, anchor = target.partition("#")
        if path.endswith(".md"):
            at = "/" + page_url(posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))
        else:
            at = posixpath.normpath(posixpath.join("/" + page_url(page), path)) + "/"
        return f'href="{at}#{anchor}"'

    return _HREF.sub(resolve, made)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("which", ["real", "synthetic", "hostile"])
def test_every_table_reads_as_python_markdown_makes_it(which: str, lang: str, tmp_path: Path) -> None:
    """For every page of the real, the synthetic and the hostile data: the page converted by
    Python-Markdown with the tables the generator made HTML is the page Python-Markdown makes of
    the Markdown tables — links compared by where they lead — and no table was left to
    Python-Markdown (the hostile data's quotes put "|", "`" and markup into links' titles)."""
    roots = {"real": lambda: ROOT, "synthetic": lambda: synthetic(tmp_path), "hostile": lambda: write_project(tmp_path / "hostile")}
    dataset = validate(roots[which]())[0]
    ctx = site.context(dataset, lang=lang)
    tables = 0
    for page in (page for section in SECTIONS for page in section.pages(ctx)):
        written = page.markdown(ctx.lang)
        finished = htmlblocks.finish(written, page.path)
        tables += finished.count("<table>")
        assert not re.search(r"^ *\|---", finished, re.MULTILINE), f"{page.path}: a table was left as Markdown"
        expected = _site_paths(page.path, _python_markdown(written))
        made = _site_paths(page.path, _python_markdown(htmlblocks.unmark(finished)))
        # (Python-Markdown gives a table without rows one empty row; ours has none)
        assert _no_empty_rows(made) == _no_empty_rows(expected), page.path
    assert tables > 20


def _no_empty_rows(made: str) -> str:
    """(and no blank lines: whitespace between blocks is not what is compared)"""
    return re.sub(r"<tr>\n(?:<td></td>\n)+</tr>\n", "", re.sub(r"\n\s*\n", "\n", made))


def test_the_converter_leaves_markdown_it_does_not_know_to_python_markdown() -> None:
    page = "regions/x.md"
    for cell in ["*emphasis*", "``double``", "![image](a.png)", "a & b", "<https://example.org>", "[link](../downloads/facts.csv)"]:
        table = f"\n| a |\n|---|\n| {cell} |\n"
        assert htmlblocks.finish(table, page) == table, cell
    converted = htmlblocks.finish('\n| a |\n|---|\n| [达到\\[1\\]](../sources/s.md#q "“t&amp;”") \\| <small>x</small> |\n', page)
    assert '<td><a href="../../sources/s/#q" title="“t&amp;”">达到[1]</a> | <small>x</small></td>' in converted


def test_stash_hands_markdown_the_ids_and_puts_the_block_back() -> None:
    block = htmlblocks.block('<table>\n<tr><td><span id="q-a--fact-b"></span>1</td></tr>\n</table>')
    page = f"# T\n\n{block}\n\n[x](#q-a--fact-b)\n"
    stashed, blocks = htmlblocks.stash(page)
    assert "<table>" not in stashed and '<span id="q-a--fact-b"></span>' in stashed
    converted = markdown.markdown(stashed, extensions=EXTENSIONS)
    assert htmlblocks.unstash(converted, blocks) == markdown.markdown(htmlblocks.unmark(page), extensions=EXTENSIONS)


# ---------------------------------------------------------------------------------------------
# links


def _pages(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*.html")}


def _dead_links(root: Path) -> list[str]:
    """Every link between the site's pages that leads to no page, or to no such anchor on it."""
    pages = _pages(root)
    ids = {path: set(re.findall(r'\sid="([^"]+)"', text)) for path, text in pages.items()}
    dead = []
    for path, text in pages.items():
        if path.endswith("404.html"):
            continue  # served at any address: its links start at the site's root (tests/test_editions.py)
        for href in set(re.findall(r'\shref="([^"]+)"', text)):
            parts = urllib.parse.urlsplit(html.unescape(href))
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, or an anchor on this page (material's own)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), urllib.parse.unquote(parts.path)))
            target = target + "/index.html" if parts.path.endswith("/") or target.endswith((".", "..")) else target
            target = posixpath.normpath(target)
            if not (root / target).exists():
                dead.append(f"{path}: {href}")
            elif parts.fragment and target in ids and parts.fragment not in ids[target]:
                dead.append(f"{path}: {href} (no such anchor)")
    return dead


def test_every_link_of_the_real_site_lands(built: Path) -> None:
    """MkDocs checks the links of the Markdown it converts; those in the generator's HTML blocks
    (most of a page's) are checked here."""
    assert _dead_links(built) == []


def test_every_link_of_the_synthetic_site_lands(synthetic_site: Path) -> None:
    assert _dead_links(synthetic_site) == []


# ---------------------------------------------------------------------------------------------
# search


def _index(root: Path, folder: str = "") -> list[dict[str, Any]]:
    return list(read_index(root / folder / "search")["docs"])


def _plain(doc: dict[str, Any], key: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", str(doc.get(key, "")))).replace("\u200b", "")


def _findable(root: Path, dataset: Dataset, lang: str, folder: str) -> None:
    """Each region, metric, cluster and article has an entry titled with its name, at its page;
    each fact's metric and value are in its region's facts entry."""
    docs = {doc["location"]: doc for doc in _index(root, folder)}
    ctx = site.context(dataset, lang=lang)
    pick = ctx.lang.pick
    for region in dataset.regions.values():
        page = page_url(region_path(region.id))
        assert _plain(docs[page], "title") == pick(region.profile.short_name), region.id
        first: dict[str, str] = {}  # metric → its first fact's row: the entry of all its facts
        for fact in region.facts:  # titled with the metric, then each value
            title = _plain(docs[f"{page}#{first.setdefault(fact.metric, fact_anchor(fact))}"], "title")
            assert title.startswith(pick(dataset.metrics[fact.metric].label) + " "), (region.id, title)
            assert tx.unmarked(ctx.value(fact)) in title, (region.id, title)
    for group_id, metrics in ctx.index.groups.items():
        for metric in metrics:
            at = page_url(group_path(group_id)) + "#" + metric_anchor(metric.id)
            assert _plain(docs[at], "title") == pick(metric.label), at
    titles = {_plain(doc, "title") for doc in docs.values()}
    for cluster in dataset.clusters.values():
        assert pick(cluster.name) in titles, cluster.id
    for article in dataset.articles.values():
        assert _plain(docs[page_url(source_path(article.id))], "title") == pick(article.title), article.id


@pytest.mark.parametrize(("lang", "folder"), [("zh", ""), ("en", "en")])
def test_search_finds_every_region_metric_cluster_article_and_fact(built: Path, lang: str, folder: str) -> None:
    _findable(built, validate(ROOT)[0], lang, folder)


@pytest.mark.parametrize(("lang", "folder"), [("zh", ""), ("en", "en")])
def test_synthetic_search_finds_them_too(synthetic_site: Path, lang: str, folder: str) -> None:
    project = synthetic_site.parent / "project"
    _findable(synthetic_site, validate(project)[0], lang, folder)


def test_the_index_holds_each_region_once_and_little_per_region(synthetic_site: Path) -> None:
    """The data pages are read by search.py, not the search plugin: no chart, quote or citation
    text in the index, and a region costs a few kilobytes of it."""
    docs = _index(synthetic_site)
    assert not [d["location"] for d in docs if "引用本页" in d["text"] or "data-chart" in d["text"]]
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))
    # a region's entries: its page's (names, summary, 20 facts, targets, events, clusters) and its article's
    per_region = [d for d in docs if d["location"].startswith(("regions/zone-", "sources/zone-"))]
    size = len(json.dumps(per_region, ensure_ascii=False, separators=(",", ":")).encode()) / SYNTHETIC_REGIONS
    assert size < 5_500, f"{size:.0f} bytes per region"  # with 40 facts each, 300 regions stay under 3 MB


def test_segmentation_is_the_search_plugins() -> None:
    """search.py cuts Chinese as material's search plugin does: each run of Han characters into
    jieba's words, zero-width spaces between them; the rest as it is, escaped."""
    import jieba

    segment = search.segmenter(jieba.cut)
    assert segment("工业总产值 5200亿元 <5%") == "工业\u200b总产值\u200b 5200\u200b亿元\u200b &lt;5%"
    assert search.segmenter(None)("A&B") == "A&amp;B"


# ---------------------------------------------------------------------------------------------
# the focused preview


def test_a_focused_preview_reads_one_region_and_what_it_cites() -> None:
    dataset, problems = validate(ROOT, only="huaying")
    assert problems == [] and list(dataset.regions) == ["huaying"]
    cited = {f.source for f in dataset.regions["huaying"].facts}
    assert cited <= set(dataset.articles) and len(dataset.articles) < len(validate(ROOT)[0].articles)
    _, problems = validate(ROOT, only="nowhere")
    assert [p.message for p in problems] == ["no region 'nowhere' to focus the preview on"]
    assert "huaying" in problems[0].hint


def test_a_focused_build_is_refused(tmp_path: Path) -> None:
    """A focused preview leaves regions out: `mkdocs build` never publishes one."""
    project = site_project(tmp_path / "project", ROOT / "data")
    result = mkdocs_build(project, tmp_path / "site", editions=("zh",), ZONE_REPORT_FOCUS="huaying")
    assert result.returncode != 0
    assert "focus (ZONE_REPORT_FOCUS) builds one region" in result.stdout + result.stderr


def test_scripts_serve_region_starts_a_focused_preview() -> None:
    script = (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    assert 'export ZONE_REPORT_FOCUS="$2"' in script
    done = subprocess.run(["bash", "-n", str(ROOT / "scripts" / "serve")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_look_alikes_warning_lists_its_first_figures_and_counts_the_rest(tmp_path: Path) -> None:
    """With hundreds of regions every figure of a look-alike in each warning was most of a comparison
    page; the warning shows a few and says how many there are (its own section lists them all)."""
    from generator.pages.compare import LOOK_ALIKE_FIGURES

    pages = site.build_pages(validate(synthetic(tmp_path))[0], parallel=False)
    warnings = [w for path, page in pages.items() if path.startswith("compare/") for w in page.split("!!! warning")[1:]]
    counted = [w for w in warnings if "全部见该指标" in w.split("\n\n")[2]]
    assert counted, "no look-alike with more figures than a warning shows: the test tests nothing"
    for warning in counted:
        figures = warning.split("\n\n")[2]
        assert figures.count("](../sources/") == LOOK_ALIKE_FIGURES
        assert re.search(r"共(\d+)项", figures) and int(re.search(r"共(\d+)项", figures)[1]) > LOOK_ALIKE_FIGURES  # type: ignore[index]
