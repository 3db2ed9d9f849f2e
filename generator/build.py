"""`python -m generator build [OUT]`: the whole site, every edition, in one process — what
`scripts/build` runs. Glue: each edition is MkDocs' own build of its configuration (mkdocs.yml,
mkdocs.en.yml) through MkDocs' public API, as `mkdocs build --strict -f CONFIG -d FOLDER` would
run it; the default edition first, into OUT (its build empties OUT), then each other edition into
its folder of OUT.

What one process saves: data/ is read and checked once, not once per edition (the plugin calls
`pipeline.validated`, which gives the second edition the first's result while data/ is unchanged),
and Python, MkDocs, the theme and jieba's dictionary start once. Each edition's MkDocs
configuration, pages and search index are dropped before the next edition is built.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator.paths import DEFAULT_EDITION, EDITIONS

HELP = "build the whole site, every edition (--strict): the default one into OUT (default: site/), the others into their folders of it"
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}  # each edition's configuration, in the project's root


def editions(root: Path, out: Path) -> list[tuple[str, Path, Path]]:
    """(lang, configuration, output folder) of each edition, the default one first."""
    langs = [DEFAULT_EDITION] + [lang for lang in EDITIONS if lang != DEFAULT_EDITION]
    return [(lang, root / CONFIGS[lang], out / EDITIONS[lang]) for lang in langs if (root / CONFIGS[lang]).exists()]


def build_edition(config_file: Path, site_dir: Path) -> None:
    """One edition, as `mkdocs build --strict -f config_file -d site_dir` builds it."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


@contextlib.contextmanager
def _logging_like_mkdocs() -> Iterator[None]:
    """MkDocs' messages as its command line prints them when not on a terminal (INFO and up,
    `WARNING -  message`, on stderr); never above WARNING: --strict counts the warnings emitted.
    The logger is as it was afterwards (a test runs this in its own process)."""
    logger = logging.getLogger("mkdocs")
    before = (logger.level, logger.propagate)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(before[0])
        logger.propagate = before[1]


def run(args: argparse.Namespace) -> int:
    with _logging_like_mkdocs():
        for _lang, config_file, site_dir in editions(args.root.resolve(), args.out.resolve()):
            try:
                build_edition(config_file, site_dir)
            except MkDocsException as err:  # a configuration error, a plugin's refusal, --strict's warnings
                err.show()
                return 1
            gc.collect()  # the edition's pages and index are garbage now: freed before the next edition grows
    return 0


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, nargs="?", default=Path("site"), help="the site's folder (default: site/)")
    parser.set_defaults(run=run)
