"""A complete, valid project whose every reader-visible field carries an attack.

Each field gets `payload(key)`: script tags, event handlers, `javascript:` links (HTML and
Markdown), an attribute breakout with either quote, `\\u003c` escapes written as text (a YAML or
JSON layer that decodes them would make a live tag), pre-escaped entities (a layer that unescapes
twice would), a `</title>` breakout, an attr_list block and template syntax; handlers unquoted,
in double quotes and in single quotes, and two with no Markdown special character at all (which
Markdown escaping alone would leave live). Every payload calls `pwn("<key>")` (the two plain ones
call `pwn` itself), so a test that sees a call (browser) or a live handler (static scan) knows
which field leaked. The data is otherwise valid: `check` passes and `mkdocs build --strict` builds it.

Every field a rendered record uses carries one: the labels of the units its facts are in (with and
without a scale word), a number's `written` form and so the slice of the quote printed around it,
a range, notes, subjects, scopes, titles, quotes and their English translations (`quote_en`, shown
under the quote and in its tooltip in English), authors and their names in pinyin, in both editions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from conftest import site_project

MARK = "pwn"  # the function every payload calls


def payload(key: str) -> str:
    """Text a contributor could write, carrying every kind of markup that must stay text."""
    call = f"{MARK}('{key}')"
    return (
        f'{key}<script>{call}</script><img src=x onerror="{call}"><img src=x onerror={call}>'
        f"<img src=x onerror='{call}'><img src=x onerror=pwn><details open ontoggle=pwn>"
        f"\"><svg onload={call}>'><svg onload={call}>"
        f"\\u003cimg src=x onerror={call}\\u003e&lt;img src=x onerror={call}&gt;"
        f"</title><script>{call}</script>"
        f'[md](javascript:{call}) <a href="javascript:{call}">a</a>'
        f'{{: onclick="{call}" }}{{{{7*7}}}}{{% raw %}}|x|'
    )


def bi(key: str) -> dict[str, str]:
    """A bilingual field with a payload in each language."""
    return {"zh": payload(f"{key}-zh") + "中文", "en": payload(f"{key}-en") + " English"}


def _article(key: str, lines: tuple[int, int], title: dict[str, str]) -> dict[str, Any]:
    return {
        "id": key,
        "file": "hostile.txt",
        "lines": [list(lines)],
        "kind": "report",
        "title": title,
        "outlet": bi(f"{key}-outlet"),
        "published": "2024-02",
        "inferred": True,
        "published_basis": payload(f"{key}-basis"),
        "authors": [payload(f"{key}-author")],
        "authors_en": [payload(f"{key}-author-en")],  # the authors in pinyin, shown in English
    }


# quotes, in the order they appear in the source text: (article, text)
QUOTES = {
    "alpha-firms": f"{payload('q-alpha-firms')}甲区高新技术企业突破2100家",
    "alpha-output": f"{payload('q-alpha-output')}甲区工业总产值达2000亿元",
    "alpha-share": f"{payload('q-alpha-share')}甲区战略性新兴产业占比达到44%",
    "alpha-event": f"{payload('q-alpha-event')}2月3日甲区政策发布",
    "alpha-target": f"{payload('q-alpha-target')}到2025年甲区工业总产值突破3000亿元",
    "alpha-cluster": f"{payload('q-alpha-cluster')}甲区发展商业航天产业",
    # a number in characters, the payload inside its written form: the page prints that slice
    "alpha-written": f"{payload('q-alpha-written')}甲区高端产业规模突破千亿{payload('written')}元",
    "alpha-count": f"{payload('q-alpha-count')}甲区建成12个{payload('unit-hostile-zh')}平台",
    # markup right beside the number, inside the window a link's tooltip shows: a "|" there cut
    # the table cell the link sits in, and the rest was read as Markdown
    "beta-firms": f"{payload('q-beta-firms')}乙市企业|[a](javascript:pwn)超1800家|`x`**x**{{: onclick=pwn }}",
    "beta-output": f"{payload('q-beta-output')}乙市工业总产值约1500亿至2000亿元",
    "beta-share": f"{payload('q-beta-share')}乙市战略性新兴产业产值占工业总产值比重43.9%",  # names the whole
    "beta-event": f"{payload('q-beta-event')}1月乙市会议召开",
    "beta-cluster": f"{payload('q-beta-cluster')}乙市把商业航天作为新兴产业",
}


WRITTEN = f"千亿{payload('written')}"  # a number in characters, as the quote prints it


def _fact(rid: str, key: str, metric: str, value: float, unit: str, **more: Any) -> dict[str, Any]:
    fact = {
        "id": key,
        "metric": metric,
        "value": value,
        "unit": unit,
        "period": "2023",
        "source": f"{rid}-article",
        "quote": QUOTES[f"{rid}-{key}"],
        "quote_en": payload(f"q-{rid}-{key}-en"),  # the quote's translation, shown under it in English
        "note": bi(f"{rid}-{key}-note"),
        **more,
    }
    if fact.pop("with_subject", False):
        fact["subject"] = bi(f"{rid}-{key}-subject")
    return fact


def _metric(metric_id: str, unit: str, measures: dict[str, str], group: str = "economy", **more: Any) -> dict[str, Any]:
    key = f"metric-{metric_id}"
    return {"id": metric_id, "label": bi(key), "unit": unit, "group": group, "definition": bi(f"{key}-def"), "measures": measures, **more}


def _region(rid: str, province: dict[str, str], **facts: dict[str, Any]) -> dict[str, Any]:
    return {
        "profile": {
            "name": bi(f"{rid}-name"),
            "short_name": bi(f"{rid}-short"),
            "aliases": [payload(f"{rid}-alias")],
            "level": "national_zone" if rid == "alpha" else "prefecture_city",
            "province": province,
            "parent": bi(f"{rid}-parent"),
            "coordinates": [39.8, 116.5],
            # alone on a line in the page: Markdown would make a list or a details block of them
            "summary": {"zh": "- " + payload(f"{rid}-summary-zh"), "en": "??? note " + payload(f"{rid}-summary-en")},
            "scopes": [{"id": "sub-area", "name": bi(f"{rid}-scope"), "note": bi(f"{rid}-scope-note")}],
        },
        "facts": list(facts.values()),
        "clusters": [
            {
                "cluster": "space",
                "role": "leading" if rid == "alpha" else "emerging",
                "source": f"{rid}-article",
                "quote": QUOTES[f"{rid}-cluster"],
                "quote_en": payload(f"q-{rid}-cluster-en"),
            }
        ],
        "events": [
            {
                "id": "event",
                "date": "2024-02-03" if rid == "alpha" else "2024-01",
                "inferred": True,
                "type": "policy" if rid == "alpha" else "meeting",
                "title": bi(f"{rid}-event-title"),
                "cluster": "space",
                "source": f"{rid}-article",
                "quote": QUOTES[f"{rid}-event"],
                "quote_en": payload(f"q-{rid}-event-en"),
            }
        ],
    }


def write_project(dest: Path, issues_url: str = "https://example.org/report/issues/new") -> Path:
    """The hostile project under `dest` (the real mkdocs.yml, docs/ and overrides/); returns dest."""
    site_project(dest)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):  # each edition lists the plugin with its options
        config = (dest / name).read_text(encoding="utf-8")
        setting = re.search(r"issues_url: .*", config)
        assert setting, f"{name} no longer sets issues_url"
        (dest / name).write_text(config.replace(setting[0], f"issues_url: {json.dumps(issues_url)}"), encoding="utf-8")
    data = dest / "data"
    (data / "regions").mkdir(parents=True, exist_ok=True)
    (data / "sources").mkdir(exist_ok=True)

    alpha_lines = [q for k, q in QUOTES.items() if k.startswith("alpha")]
    beta_lines = [q for k, q in QUOTES.items() if k.startswith("beta")]
    (data / "sources" / "hostile.txt").write_text("\n".join([*alpha_lines, *beta_lines]) + "\n", encoding="utf-8")
    a = len(alpha_lines)
    articles = [
        _article("alpha-article", (1, a), bi("alpha-title")),
        # a short title: the navigation shortens long ones, which must never cut an escape in half
        _article("beta-article", (a + 1, a + len(beta_lines)), {"zh": "<b>短</b>&<i>题</i>", "en": "<b>Short</b> & <i>title</i>"}),
    ]
    _dump(data / "sources" / "articles.yml", {"articles": articles})

    # every unit a fact is in has an attack in its label: printed after a value with a scale
    # word (亿元), without one (家, %), and as a page's unit beside a metric's definition
    units = [
        {"id": "firms", "label": {"zh": "家" + payload("unit-firms-zh"), "en": "firms" + payload("unit-firms-en")}},
        {"id": "yuan", "label": {"zh": "元" + payload("unit-yuan-zh"), "en": "yuan" + payload("unit-yuan-en")}},
        {"id": "percent", "label": {"zh": "%" + payload("unit-percent-zh"), "en": "%" + payload("unit-percent-en")}},
        {"id": "hostile_unit", "label": {"zh": payload("unit-hostile-zh"), "en": payload("unit-hostile-en")}},
    ]
    metrics = [
        # a hand-written reason (a pair the dimensions cannot tell apart: different units) …
        _metric(
            "high_tech_enterprises",
            "firms",
            {"concept": "firms", "kind": "stock"},
            group="hostile_group",
            not_comparable_with=[{"metric": "hostile_count", "reason": bi("reason")}],
        ),
        # … and reasons written from the dimensions, naming the concepts (labels with payloads)
        _metric("industrial_output", "yuan", {"concept": "gross_output", "kind": "level", "basis": "not_stated"}, display_scale="亿"),
        _metric("high_end_output", "yuan", {"concept": "scale", "kind": "level", "about": "industry"}, display_scale="亿"),
        _metric("sei_share_zone", "percent", {"concept": "sei", "kind": "share"}),
        _metric("sei_share_industrial", "percent", {"concept": "sei", "kind": "share", "of": "gross_output"}),
        _metric("hostile_count", "hostile_unit", {"concept": "things", "kind": "stock"}),
    ]
    concepts = [
        {"id": "firms", "label": bi("concept-firms")},
        {"id": "gross_output", "label": bi("concept-output"), "family": "economic_scale", "words": ["总产值"]},
        {"id": "scale", "label": bi("concept-scale"), "family": "economic_scale"},
        {"id": "sei", "label": bi("concept-sei")},
        {"id": "things", "label": bi("concept-things")},
    ]
    groups = [{"id": "economy", "label": {"zh": "经济规模", "en": "Economic scale"}}, {"id": "hostile_group", "label": bi("group")}]
    _dump(data / "metrics.yml", {"units": units, "groups": groups, "concepts": concepts, "metrics": metrics})
    description = {"zh": "1. " + payload("cluster-desc-zh"), "en": "= " + payload("cluster-desc-en")}
    _dump(data / "clusters.yml", {"clusters": [{"id": "space", "name": bi("cluster"), "description": description}]})
    east = bi("province-east")
    west = bi("province-west")
    _dump(
        data / "provinces.yml",
        {
            "areas": [
                {"id": "east", "name": bi("area-east"), "provinces": [{**east, "abbr": bi("abbr-east"), "tile": [1, 2]}]},
                {"id": "west", "name": bi("area-west"), "provinces": [{**west, "abbr": bi("abbr-west"), "tile": [1, 1]}]},
            ]
        },
    )

    alpha = _region(
        "alpha",
        east,
        firms=_fact("alpha", "firms", "high_tech_enterprises", 2100, "firms", qualifier="突破"),
        output=_fact("alpha", "output", "industrial_output", 2000, "yuan", scale="亿", qualifier="达", scope="sub-area"),
        share=_fact("alpha", "share", "sei_share_zone", 44, "percent", qualifier="达到", with_subject=True),
        # an industry's figure names its industry (checks/measures.py)
        written=_fact("alpha", "written", "high_end_output", 1000, "yuan", scale="亿", qualifier="突破", written=WRITTEN, cluster="space"),
        count=_fact("alpha", "count", "hostile_count", 12, "hostile_unit"),
    )
    alpha["targets"] = [
        {
            "id": "target",
            "metric": "industrial_output",
            "value": 3000,
            "scale": "亿",
            "unit": "yuan",
            "qualifier": "突破",
            "deadline": "2025",
            "status": "planned",
            "baseline": "output",
            "title": bi("alpha-target-title"),
            "source": "alpha-article",
            "quote": QUOTES["alpha-target"],
            "quote_en": payload("q-alpha-target-en"),
            "note": bi("alpha-target-note"),
        }
    ]
    beta = _region(
        "beta",
        west,
        firms=_fact("beta", "firms", "high_tech_enterprises", 1800, "firms", qualifier="超"),
        output=_fact("beta", "output", "industrial_output", 1500, "yuan", scale="亿", qualifier="约", value_max=2000),
        share=_fact("beta", "share", "sei_share_industrial", 43.9, "percent"),
    )
    _dump(data / "regions" / "alpha.yml", alpha)
    _dump(data / "regions" / "beta.yml", beta)
    return dest


def _dump(path: Path, value: Any) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
