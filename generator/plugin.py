"""Thin MkDocs glue: the generator's pages enter the build as generated files.

MkDocs events used, in the order MkDocs calls them:
  on_startup note the command: `mkdocs serve` previews a region still holding placeholders.
  on_config  load + check data/ (a data problem stops the build with file:line messages; so do
             `new-region` placeholders, except under `mkdocs serve`);
             give the search plugin a jieba user dictionary of region and cluster names so
             Chinese search keeps them whole (this plugin is listed before search for that),
             and have jieba remember its segmentations (`_MemoCut`).
  on_files   add every page and download from `generator.site.build_pages` as a generated
             File (nothing is written to docs/), the vendored Vega bundle, and the nav.
  on_env     keep the theme's compiled templates in memory between `mkdocs serve` rebuilds.
  on_post_page  drop the whitespace the theme's templates leave in every page.
  on_serve   look at data/ every 0.05 s instead of MkDocs' 0.5 s (development server only).
`mkdocs serve` rebuilds (and re-runs every event) when data/ changes: mkdocs.yml lists it
under `watch`. Everything else lives in modules that do not import MkDocs.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import charts, preview, site
from generator.__main__ import validate
from generator.checks import placeholders
from generator.display import Lang
from generator.load import Dataset
from generator.problems import Problem, format_report
from generator.urls import url_problem

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"
log = logging.getLogger("mkdocs.plugins.zone-report")  # under "mkdocs": shown like MkDocs' own messages

# jieba (imported by the search plugin, which this plugin precedes) still imports pkg_resources,
# and recent setuptools warns about that on every build: noise a maintainer can do nothing about.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept for the life of the process.

    MkDocs makes a new Jinja environment for every build, so under `mkdocs serve` each rebuild
    compiled material's ~45 templates again: ~0.15 s of a ~0.9 s rebuild of the real data.
    Jinja checks each entry against its template's source, so an edited override is recompiled."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


# module level: one cache for the process, whichever plugin object MkDocs builds with
_COMPILED_TEMPLATES = _MemoryBytecodeCache()
# how often `mkdocs serve` looks at data/ for changes (MkDocs' own polling interval is 0.5 s);
# a stat() of each of data/'s few dozen files, 20 times a second, costs next to nothing
DATA_POLL_SECONDS = 0.05
# how long MkDocs waits for a burst of file events to end before it rebuilds (its default: 0.1 s)
QUIET_SECONDS = 0.02


@contextlib.contextmanager
def _collector_paused() -> Any:
    """Python's cyclic garbage collector off while the dataset and pages are built: they are
    hundreds of thousands of new objects and no garbage, so each collection it started on the
    way only re-scanned them (a quarter of loading 300 regions). Reference counting still frees
    what is dropped; the collector is back on afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Link(config_options.Type[str]):
    """A URL the site links to from every region page: https only (see generator/urls.py)."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        problem = url_problem(url)
        if problem:
            raise ValidationError(f"{url!r} cannot be linked to: {problem}")
        return url


class ZoneReportConfig(Config):  # type: ignore[no-untyped-call]
    data_root = config_options.Optional(config_options.Dir(exists=True))  # default: mkdocs.yml's folder
    lang = config_options.Choice(("zh", "en"), default="zh")
    # Where a reader's "report a problem" link opens a new issue. Not theme.repo_url: with that
    # set, material's JavaScript asks api.github.com for stars — a request to another host.
    issues_url = _Link()


class ZoneReportPlugin(BasePlugin[ZoneReportConfig]):  # type: ignore[no-untyped-call]
    dataset: Dataset | None = None  # the last data that passed `check`
    problems: list[Problem] = []  # noqa: RUF012 - replaced, never mutated: `mkdocs serve`'s banner
    command = "build"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # (defining on_startup also keeps this plugin object across `mkdocs serve` rebuilds)
        self.command = command

    def on_config(self, config: Any) -> Any:
        root = Path(self.config.data_root or Path(config.config_file_path).parent)
        site_url_problem = url_problem(config.site_url or "")
        if site_url_problem:  # downloads cite facts by it; MkDocs accepts any scheme with a host
            raise PluginError(f"site_url {config.site_url!r} cannot be used: {site_url_problem}")
        gc.unfreeze()  # `mkdocs serve`: the previous build's dataset may be collected now
        with _collector_paused():
            dataset, problems = validate(root)
        if problems and self.command != "serve":
            raise PluginError("data/ has problems:\n" + format_report(problems))
        self.problems = problems
        if problems:  # `mkdocs serve`: keep previewing the last good data, with a banner (preview.py)
            log.warning("data/ has problems; the preview shows the last data that passed the check:\n%s", format_report(problems))
        else:
            self._refuse_placeholders(dataset)
            self.dataset = dataset
        # The dataset lives until the build ends. Frozen, the collector stops re-scanning its
        # million objects in each of the build's full collections, MkDocs' own included.
        gc.freeze()
        if self.dataset is not None:
            self._teach_search(self.dataset, config)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        if self.dataset is None:  # `mkdocs serve` and no data has passed `check` yet
            files.append(File.generated(config, "index.md", content=preview.problems_page(self.problems, Lang(self.config.lang))))
            return files
        with _collector_paused():
            pages = site.build_pages(self.dataset, lang=self.config.lang, issues_url=self.config.issues_url, site_url=config.site_url or "")
        for path, content in pages.items():
            files.append(File.generated(config, path, content=content))
        files.append(File.generated(config, VEGA_BUNDLE, content=charts.vendor_bundle()))
        config.nav = site.nav(self.dataset, self.config.lang)
        return files

    def on_env(self, env: jinja2.Environment, *, config: Any, files: Files) -> jinja2.Environment:
        env.bytecode_cache = _COMPILED_TEMPLATES
        return env

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """Notice a saved data file sooner: MkDocs polls every 0.5 s and then waits 0.1 s for quiet,
        so a save waited 0.35 s on average before the rebuild even started.

        data/ (mkdocs.yml's `watch`, which MkDocs schedules right after this event) is polled
        every DATA_POLL_SECONDS; docs/ and the theme, watched already, keep MkDocs' interval. This
        sets watchdog's interval for watches scheduled from now on (`_timeout`: its API only reads
        it) and the server's `build_delay`; if a future MkDocs or watchdog renames them, serve
        still works, at the old speed. Development server only: builds are not affected."""
        observer = getattr(server, "observer", None)
        if observer is not None and isinstance(getattr(observer, "_timeout", None), (int, float)):
            observer._timeout = DATA_POLL_SECONDS
        if isinstance(getattr(server, "build_delay", None), (int, float)):
            server.build_delay = QUIET_SECONDS
        return server

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return preview.with_banner(site.squeeze_html(output), self.problems, Lang(self.config.lang))

    def _refuse_placeholders(self, dataset: Dataset) -> None:
        """A region still holding `new-region` placeholders is previewed by `mkdocs serve` (with
        a note) but never built for publishing."""
        unfinished = placeholders(dataset)
        if not unfinished:
            return
        report = "\n".join("  " + problem.format() for problem in unfinished)
        if self.command == "serve":
            log.info("placeholders to replace before the site can be built (this preview shows them):\n%s", report)
            return
        raise PluginError(f"data/ still holds placeholders from `new-region`; the site is not built with them:\n{report}")

    @staticmethod
    def _teach_search(dataset: Dataset, config: Any) -> None:
        """Hand the search plugin a jieba user dictionary of the data's names (its documented
        `jieba_dict_user` option). Our plugin is listed before search in mkdocs.yml, so search's
        own on_config, which loads the dictionary, runs after this."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or search.config.get("jieba_dict_user"):
            return  # no search, or the site chose its own dictionary
        words = "".join(f"{word} 20000 nz\n" for word in site.search_words(dataset))
        digest = hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]
        # in a folder of our own (mode 0700), not straight in the shared /tmp, where another user
        # could have put a file or a symlink under the name first
        path = _private_dir() / f"jieba-{digest}.txt"
        if not path.exists():
            path.write_text(words, encoding="utf-8")
        search.config.jieba_dict_user = str(path)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its loading chatter is noise
        _remember_segmentations(digest)


@functools.cache
def _private_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="zone-report-"))


class _MemoCut:
    """`jieba.cut` that remembers each result: material's search segments every run of Chinese
    on every page with it, on every build; most runs recur (a metric's name on many pages) and,
    under `mkdocs serve`, nearly all are the same as in the last rebuild (≈ 0.08 s of a 0.8 s
    rebuild of the real data). A segmentation depends on the text and on jieba's dictionary, so
    the memory is emptied when the user dictionary this plugin hands search changes. Calls it
    does not expect (keywords, other types) go straight to jieba."""

    LIMIT = 200_000  # remembered runs; far more than a site of 1,000 regions has

    def __init__(self, cut: Callable[..., Iterator[str]]) -> None:
        self.cut = cut
        self.dictionary = ""
        self.results: dict[tuple[Any, ...], tuple[str, ...]] = {}

    def use(self, dictionary: str) -> None:
        if dictionary != self.dictionary:
            self.dictionary, self.results = dictionary, {}

    def __call__(self, sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        if kwargs or not isinstance(sentence, (str, bytes)):
            return self.cut(sentence, *args, **kwargs)
        key = (sentence, *args)
        result = self.results.get(key)
        if result is None:
            if len(self.results) >= self.LIMIT:
                self.results.clear()
            result = self.results[key] = tuple(self.cut(sentence, *args))
        return iter(result)


def _remember_segmentations(dictionary: str) -> None:
    try:
        import jieba
    except ImportError:  # pragma: no cover - search then indexes Chinese without segmenting it
        return
    if not isinstance(jieba.cut, _MemoCut):
        jieba.cut = _MemoCut(jieba.cut)
    jieba.cut.use(dictionary)
