"""Where every generated page lives, and the anchors and links between them.

One place for paths, so URLs stay stable: facts are cited by URL (`regions/<id>/#fact-<id>`).
Paths are relative to docs/. Links between pages are relative Markdown links between `.md` paths,
so MkDocs checks every one at build time; charts need real directory URLs (`url`).
"""

from __future__ import annotations

import functools
import posixpath

from generator import models as m

HOME = "index.md"
REGIONS = "regions/index.md"
CLUSTERS = "clusters/index.md"
TIMELINE = "timeline/index.md"
COMPARE = "compare/index.md"
SOURCES = "sources/index.md"
DOWNLOADS = "downloads/index.md"
CHANGES = "changes/index.md"
# The Atom feed of new and changed records, one per edition, linked from every page's head. At the
# edition's root: material fetches sitemap.xml beside every <link rel="alternate"> of a page (for its
# language selector), and the edition's own sitemap is there; beside changes/ it was a 404 on every load.
FEED = "feed.xml"
DATAPACKAGE = "downloads/datapackage.json"  # the Frictionless Data Package describing the CSV downloads
METHODOLOGY = "methodology.md"
CHART_KINDS = "assets/javascripts/chart-kinds.js"  # the scripts' words (charts.words_script); named when it held chart specs
# The editions: language → its folder below the site's root. Each is a build of its own (mkdocs.yml,
# mkdocs.en.yml) with the same paths below its folder, so a page's other edition is one folder away.
EDITIONS = {"zh": "", "en": "en/"}
DEFAULT_EDITION = "zh"


def region_path(region_id: str) -> str:
    return f"regions/{region_id}.md"


def cluster_path(cluster_id: str) -> str:
    return f"clusters/{cluster_id.replace('_', '-')}.md"


def group_path(group_id: str) -> str:
    return f"compare/{group_id.replace('_', '-')}.md"


def source_path(article_id: str) -> str:
    return f"sources/{article_id}.md"


def metric_anchor(metric_id: str) -> str:
    return metric_id.replace("_", "-")


def fact_anchor(record: m.Quantity | m.Event) -> str:
    """A fact's, target's or event's row on its region's page: `fact-<id>`, `event-<id>` …"""
    prefix = "event" if isinstance(record, m.Event) else "target" if isinstance(record, m.Target) else "fact"
    return f"{prefix}-{record.id}"


def record_anchor(record: m.Quantity | m.Event | m.RegionCluster) -> str:
    """`fact_anchor`, and `cluster-<id>` for a region's cluster entry: unique within a region, since
    facts and targets share one id namespace and events and clusters have their own prefixes."""
    return f"cluster-{record.cluster}" if isinstance(record, m.RegionCluster) else fact_anchor(record)


# Between a region's id and a record's in an anchor: ids are kebab-case, so "--" never occurs
# inside one, and two different (region, record) pairs can never make the same anchor. With a
# single "-", region `yizhuang-distance` + fact `from-tiananmen` and region `yizhuang` + fact
# `distance-from-tiananmen` both made `q-yizhuang-distance-from-tiananmen`.
JOIN = "--"


def joined(region_id: str, anchor: str) -> str:
    return f"{region_id}{JOIN}{anchor}"


def quote_anchor(region_id: str, anchor: str) -> str:
    """A quote's row on its article's page: the region and the record's `record_anchor`, so a fact
    and an event with one id (separate namespaces) never share it."""
    return "q-" + joined(region_id, anchor)


def printing_anchor(region_id: str, record: m.Quantity | m.Event | m.RegionCluster, index: int) -> str:
    """The quote of a record's `index`-th printing (0: its own quote; 1, 2 …: its reports)."""
    anchor = record_anchor(record)
    return quote_anchor(region_id, anchor if index == 0 else f"{anchor}{JOIN}{index + 1}")


def row_anchor(region_id: str, record: m.Quantity | m.Event, with_region: bool) -> str:
    """`fact-<id>` on the region page (the citable URL); elsewhere prefixed with the region,
    because two regions may use the same fact id and ids must be unique on a page."""
    return joined(region_id, fact_anchor(record)) if with_region else fact_anchor(record)


@functools.lru_cache(maxsize=65536)
def link(page: str, target: str, anchor: str = "") -> str:
    """Relative Markdown link target from one .md page to another (cached: see `_relative`)."""
    path = _relative(posixpath.dirname(page) or ".", target)
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=65536)
def _relative(folder: str, target: str) -> str:
    # cached: a large site asks for the same few (folder, page) pairs tens of thousands of times
    return posixpath.relpath(target, folder)


def edition_url(page_url: str, here: str, there: str) -> str:
    """The relative URL from a page (its URL in edition `here`) to the same page in edition `there`."""
    source = "/" + EDITIONS[here] + page_url
    folder = source if source.endswith("/") else posixpath.dirname(source) + "/"
    rel = posixpath.relpath("/" + EDITIONS[there] + page_url, folder)
    return rel + "/" if page_url.endswith("/") or not page_url else rel


def _directory(md_path: str) -> str:
    """The folder a page is served as (use_directory_urls): regions/x.md → /regions/x/."""
    stem = md_path.removesuffix(".md").removesuffix("index")
    return "/" + (stem if stem.endswith("/") or not stem else stem + "/")


def page_url(md_path: str) -> str:
    """A page's URL below its edition's root, as MkDocs makes it: regions/x.md → regions/x/."""
    return _directory(md_path).lstrip("/")


def shared_url(page: str, here: str, file: str) -> str:
    """The relative URL from a page of edition `here` to a file only the default edition publishes
    (the downloads, which serve every edition)."""
    return posixpath.relpath("/" + file, "/" + EDITIONS[here] + _directory(page).lstrip("/"))


def version_anchor(commit: str) -> str:
    """A data version's section on the "what changed" page: `v-` and its commit's first ten
    hex digits (not git's %h, which grows longer as a repository grows)."""
    return f"v-{commit[:10]}"


def citations_json(region_id: str) -> str:
    """The citations of a region's facts, targets and events in every language (cite.js reads it)."""
    return f"downloads/citations/{region_id}.json"


def url(page: str, target: str, anchor: str = "") -> str:
    """Relative directory URL (use_directory_urls) from one page to another, for charts."""
    rel = _relative(_directory(page), _directory(target))
    rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{anchor}" if anchor else rel
