"""`python -m generator stage OUT`: the whole site's sources as plain files, for any engine that
reads mkdocs.yml (plain MkDocs; Zensical) — the proof that page generation does not need MkDocs.

For each edition, OUT/<lang>/ holds:
  mkdocs.yml   the edition's configuration without the zone-report plugin: the navigation written
               out, site_url, the theme's extra entries (editions.py), the search plugin's jieba
               dictionary (Chinese)
  docs/        the hand-written pages and assets, every generated page and download, and the
               scripts' words (chart-kinds.js)
  overrides/   the theme overrides
  search-entries.json
               the search index entries of the data pages (regions, comparisons, articles, the
               timeline), in material's search_index.json form: the pages' front matter keeps the
               search plugin from reading them, and the zone-report plugin adds these instead
OUT/.zone-report-stage lists the editions stage wrote there: only those are replaced by the next
stage. An OUT that holds anything else (not empty and without that file), a link, or a folder of
the project's own sources is refused, and nothing is written or deleted: `stage docs` used to
delete docs/en/ (issue 25).
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
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import editions, history, htmlblocks, site
from generator.files import special_file
from generator.load import Dataset
from generator.paths import EDITIONS
from generator.pipeline import validate
from generator.problems import errors, format_report
from generator.search import jieba_dictionary

HELP = "write every page, download and the navigation as files, with a configuration per edition that plain MkDocs builds"
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
PLUGIN = "zone-report"
SEARCH_ENTRIES = "search-entries.json"
MARKER = ".zone-report-stage"  # in OUT: the editions stage wrote there, one a line
SOURCES = ("docs", "overrides", "data")  # the project's own folders, which OUT must not be in


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
    claim(root, out, [lang])
    folder = out / lang
    if folder.exists():  # an edition this stage wrote before (`claim`): a link or anything else is refused
        shutil.rmtree(folder)
    _copy_sources(root, folder, config, options, lang)
    dates = history.read(root)
    url = editions.site_url(config.get("site_url") or "", lang)  # "": no address (README "Publishing")
    made = site.build_pages(dataset, lang=lang, issues_url=options.get("issues_url", ""), site_url=url, history=dates)
    for rel, content in made.items():
        _write(folder / "docs" / rel, htmlblocks.unmark(content) if rel.endswith(".md") else content)
    # the data pages' search entries (search.py), unsegmented: an engine's search tokenizes them
    entries = site.search_documents(dataset, lang=lang, site_url=url)
    _write(folder / SEARCH_ENTRIES, json.dumps(entries, ensure_ascii=False, indent=0))
    config.update(
        docs_dir="docs",
        site_url=url or None,
        plugins=_staged_plugins(config, folder, dataset, lang),
        nav=site.nav(dataset, lang),
        # without "search": a staged build's index is material's own, whole, for material's own worker
        extra={**config.get("extra", {}), **_without_search(editions.extras(editions.root_of(url, lang), lang, dates))},
    )
    config["theme"]["custom_dir"] = "overrides"
    for key in ("site_dir", "exclude_docs", "watch"):  # the repository's layout, not the staged one
        config.pop(key, None)
    staged = folder / "mkdocs.yml"
    header = "# staged by `python -m generator stage`: build with plain MkDocs\n"
    _write(staged, header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return staged


class Refused(Exception):
    """OUT holds what stage did not write, or leads out of itself: nothing was written."""


def claim(root: Path, out: Path, langs: list[str]) -> None:
    """Make `out` stage's own for the editions `langs` (its marker lists them), or raise Refused."""
    refusal = refused(root, out, langs)
    if refusal:
        raise Refused(refusal)
    editions = sorted({*_staged(out), *langs})
    header = "# written by `python -m generator stage`: the editions it wrote here, which the next stage replaces\n"
    _write(out / MARKER, header + "".join(f"{lang}\n" for lang in editions))


def refused(root: Path, out: Path, langs: list[str]) -> str:
    """Why stage must not write the editions `langs` into `out` (one line: the path, what to do), or ""."""
    where = _inside_sources(root, out)
    if where:
        return f"{out} would put the staged files among the project's own {where}/: stage into a folder outside docs/, overrides/ and data/"
    odd = _odd(out, "folder")
    if odd:
        return f"{out} is {odd}: stage writes only into a real folder; give another path"
    if not out.exists():
        return ""
    odd = _odd(out / MARKER, "file")
    if odd:
        return f"{out / MARKER} is {odd}: remove it, or stage into a new or empty folder"
    staged = _staged(out)
    if not staged and any(out.iterdir()):
        return f"{out} is not empty and no stage wrote it (it has no {MARKER}): stage into a new or empty folder; nothing was changed"
    for lang in langs:
        odd = _odd(out / lang, "folder")
        if odd:  # a link would be deleted through, or written through into its target
            return f"{out / lang} is {odd}: stage never writes through a link or over a file; remove it, or stage into another folder"
        if (out / lang).exists() and lang not in staged:
            return f"{out / lang} was not written by stage (its {MARKER} does not list it): move it away, or stage into another folder"
    return ""


def _odd(path: Path, expected: str) -> str:
    """What `path` is when it exists and is not a real `expected` ("folder" or "file"), else ""."""
    try:
        odd = special_file(path)  # a link, a FIFO …; never followed
    except FileNotFoundError:
        return ""
    except OSError as err:
        return f"not readable ({err.strerror or err})"
    if odd:
        return odd
    if path.is_dir() != (expected == "folder"):
        return "a file" if expected == "folder" else "a folder"
    return ""


def _staged(out: Path) -> list[str]:
    """The editions the marker in `out` lists; [] when there is none."""
    try:
        text = (out / MARKER).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip() in EDITIONS]


def _inside_sources(root: Path, out: Path) -> str:
    """The folder of the project's own sources (docs, overrides, data) `out` is in or is, else ""."""
    target = out.resolve()
    return next((name for name in SOURCES if target.is_relative_to((root / name).resolve())), "")


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
    langs = args.lang or list(EDITIONS)
    refusal = refused(args.root, args.out, langs)  # before anything is read or written
    if refusal:
        print(f"✖ stage: {refusal}", file=sys.stderr)
        return 2
    dataset, problems = validate(args.root)
    if errors(problems):
        print(format_report(problems))
        return 1
    try:
        for lang in langs:
            print(f"staged {lang}: {stage(args.root, args.out, dataset, lang)}")
    except Refused as err:  # changed while the data was read
        print(f"✖ stage: {err}", file=sys.stderr)
        return 2
    return 0


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="folder to write into (one subfolder per edition)")
    parser.add_argument("--lang", action="append", choices=list(EDITIONS), help="an edition (default: all)")
    parser.set_defaults(run=run)


def _without_search(extras: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in extras.items() if key != "search"}
