"""`python -m generator stage OUT`: the whole site's sources as plain files, for any engine that
reads mkdocs.yml (plain MkDocs; Zensical) — the proof that page generation does not need MkDocs.

For each edition, OUT/<lang>/ holds:
  mkdocs.yml   the edition's configuration without the zone-report plugin: the navigation written
               out, site_url, the theme's extra entries (editions.py), the search plugin's jieba
               dictionary (Chinese)
  docs/        the hand-written pages and assets, every generated page and download, the chart
               kinds and the Vega bundle
  overrides/   the theme overrides
  search-entries.json
               the search index entries of the data pages (regions, comparisons, articles, the
               timeline), in material's search_index.json form: the pages' front matter keeps the
               search plugin from reading them, and the zone-report plugin adds these instead
Build with `mkdocs build -f OUT/zh/mkdocs.yml -d SITE` and `mkdocs build -f OUT/en/mkdocs.yml -d
SITE/en`. What the plugin does at build time and a staged build does not: the language selector
leads to the other edition's home rather than the same page, the search index lacks the data
pages' entries (search-entries.json holds them) and in English each page's other word forms,
the theme's whitespace stays in the HTML.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator import charts, editions, history, htmlblocks, site
from generator.load import Dataset
from generator.paths import EDITIONS, VEGA_BUNDLE
from generator.pipeline import validate
from generator.problems import errors, format_report
from generator.search import jieba_dictionary

HELP = "write every page, the Vega bundle and the navigation as files, with a configuration per edition that plain MkDocs builds"
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
PLUGIN = "zone-report"
SEARCH_ENTRIES = "search-entries.json"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's YAML: `!ENV [NAME, default]` is read as MkDocs reads it."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[str(v)] for v in variables if str(v) in os.environ), default)


_Loader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    """A configuration file with the file it INHERITs merged in (mappings merged, lists replaced,
    as MkDocs does)."""
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # a SafeLoader
    parent = data.pop("INHERIT", None)
    return _merge(read_config(path.parent / parent), data) if parent else data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _plugins(config: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The plugins list as (name, options)."""
    return [(entry, {}) if isinstance(entry, str) else next(iter(entry.items())) for entry in config.get("plugins", [])]


def stage(root: Path, out: Path, dataset: Dataset, lang: str) -> Path:
    """Writes the edition `lang` into out/<lang>/; returns its configuration file."""
    config = read_config(root / CONFIGS[lang])
    options = next((opts or {} for name, opts in _plugins(config) if name == PLUGIN), {})
    folder = out / lang
    shutil.rmtree(folder, ignore_errors=True)
    _copy_sources(root, folder, config, options, lang)
    dates = history.read(root)
    url = editions.site_url(config.get("site_url") or "http://127.0.0.1:8000/", lang)
    made = site.build_pages(dataset, lang=lang, issues_url=options.get("issues_url", ""), site_url=url, history=dates)
    for rel, content in made.items():
        _write(folder / "docs" / rel, htmlblocks.unmark(content) if rel.endswith(".md") else content)
    # the data pages' search entries (search.py), unsegmented: an engine's search tokenizes them
    entries = site.search_documents(dataset, lang=lang, site_url=url)
    _write(folder / SEARCH_ENTRIES, json.dumps(entries, ensure_ascii=False, indent=0))
    _write(folder / "docs" / VEGA_BUNDLE, charts.vendor_bundle())
    config.update(
        docs_dir="docs",
        site_url=url,
        plugins=_staged_plugins(config, folder, dataset, lang),
        nav=site.nav(dataset, lang),
        extra={**config.get("extra", {}), **editions.extras(editions.root_of(url, lang), lang, dates)},
    )
    config["theme"]["custom_dir"] = "overrides"
    for key in ("site_dir", "exclude_docs", "watch"):  # the repository's layout, not the staged one
        config.pop(key, None)
    staged = folder / "mkdocs.yml"
    header = "# staged by `python -m generator stage`: build with plain MkDocs\n"
    _write(staged, header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return staged


def _copy_sources(root: Path, folder: Path, config: dict[str, Any], options: dict[str, Any], lang: str) -> None:
    """The hand-written pages and assets, and the theme overrides."""
    docs = folder / "docs"
    shutil.copytree(root / config.get("docs_dir", "docs"), docs, ignore=shutil.ignore_patterns("en") if lang == "zh" else None)
    if options.get("shared_docs"):  # an edition that serves the default edition's assets
        shutil.copytree(root / options["shared_docs"] / "assets", docs / "assets", dirs_exist_ok=True)
    shutil.copytree(root / config["theme"].get("custom_dir", "overrides"), folder / "overrides")


def _staged_plugins(config: dict[str, Any], folder: Path, dataset: Dataset, lang: str) -> list[Any]:
    """The plugins without zone-report; in Chinese, search with the data's names as its jieba
    dictionary (the plugin hands it over at build time)."""
    kept: list[Any] = []
    for name, opts in _plugins(config):
        if name == PLUGIN:
            continue
        if name == "search" and lang == "zh":
            dictionary = folder / "jieba-userdict.txt"
            _write(dictionary, jieba_dictionary(dataset))
            opts = {**opts, "jieba_dict_user": str(dictionary.resolve())}  # material reads it from the working folder
        kept.append({name: opts} if opts else name)
    return kept


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    dataset, problems = validate(args.root)
    if errors(problems):
        print(format_report(problems))
        return 1
    for lang in args.lang or list(EDITIONS):
        print(f"staged {lang}: {stage(args.root, args.out, dataset, lang)}")
    return 0


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="folder to write into (one subfolder per edition)")
    parser.add_argument("--lang", action="append", choices=list(EDITIONS), help="an edition (default: all)")
    parser.set_defaults(run=run)
