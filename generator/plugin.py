"""Thin MkDocs glue: the generator's pages enter the build as generated files.

MkDocs events used, in the order MkDocs calls them:
  on_startup    note the command: `mkdocs serve` previews drafts and keeps the last good data.
  on_config     read and check data/ (`pipeline.validate`). A problem stops `mkdocs build` with
                file:line messages; under `mkdocs serve` the last good data stays up and every page
                carries the problems (`preview.py`). Hand the search plugin a jieba dictionary of
                the data's names (its `jieba_dict_user` option; this plugin is listed before search).
  on_files      add every page and download of `site.build_pages` as a generated File (nothing is
                written to docs/), the vendored Vega bundle, and the navigation (`site.nav`).
  on_post_page  drop the whitespace the theme's templates leave; the preview's problem banner.
`mkdocs serve` rebuilds (and re-runs every event) when data/ changes: mkdocs.yml lists it under
`watch`. Everything else lives in modules that do not import MkDocs.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import charts, pipeline, preview, site
from generator.load import Dataset
from generator.paths import VEGA_BUNDLE
from generator.problems import Problem, drafts, errors, format_report, warnings
from generator.search import jieba_dictionary
from generator.text import Lang
from generator.urls import url_problem

log = logging.getLogger("mkdocs.plugins.zone-report")  # under "mkdocs": shown like MkDocs' own messages


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
    dataset: Dataset | None = None  # the last data that passed the checks
    problems: list[Problem] = []  # noqa: RUF012 - replaced, never changed in place
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # (defining on_startup also keeps this plugin object across `mkdocs serve` rebuilds)
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        if problem := url_problem(config.site_url or ""):  # downloads cite facts by it; MkDocs takes any scheme
            raise PluginError(f"site_url {config.site_url!r} cannot be used: {problem}")
        dataset, problems = pipeline.validate(Path(self.config.data_root or Path(config.config_file_path).parent))
        self.problems = errors(problems)
        if not self.serving and (self.problems or drafts(problems)):  # a draft is previewed, never published
            raise PluginError("data/ has problems; the site is not built with them:\n" + format_report(self.problems + drafts(problems)))
        for warning in warnings(problems):  # `mkdocs build --strict` refuses these too
            log.warning("%s", warning.format())
        if drafts(problems):
            log.info("this preview shows data that cannot be published yet:\n%s", format_report(drafts(problems)))
        if self.problems:
            log.warning("data/ has problems; the preview shows the last data that passed the check:\n%s", format_report(self.problems))
        else:
            self.dataset = dataset
        if self.dataset is not None:
            self._teach_search(self.dataset, config)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        if self.dataset is None:  # `mkdocs serve`, and no data has passed the checks yet
            files.append(File.generated(config, "index.md", content=preview.problems_page(self.problems, Lang(self.config.lang))))
            return files
        pages = site.build_pages(self.dataset, lang=self.config.lang, issues_url=self.config.issues_url, site_url=config.site_url or "")
        for path, content in pages.items():
            files.append(File.generated(config, path, content=content))
        files.append(File.generated(config, VEGA_BUNDLE, content=charts.vendor_bundle()))
        config.nav = site.nav(self.dataset, self.config.lang)
        return files

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return preview.with_banner(site.squeeze_html(output), self.problems, Lang(self.config.lang))

    def _teach_search(self, dataset: Dataset, config: Any) -> None:
        """Give the search plugin (listed after this one, so its own on_config runs later) a jieba
        user dictionary of the data's names, unless the site chose its own."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None or search.config.get("jieba_dict_user"):
            return
        words = jieba_dictionary(dataset)
        # in a folder of our own (mode 0700), not under a guessable name in the shared /tmp
        path = self._folder() / f"jieba-{hashlib.sha256(words.encode()).hexdigest()[:16]}.txt"
        if not path.exists():
            path.write_text(words, encoding="utf-8")
        search.config.jieba_dict_user = str(path)
        with contextlib.suppress(ImportError):  # jieba's own switch for its dictionary-loading chatter
            import jieba

            jieba.setLogLevel(logging.WARNING)

    def _folder(self) -> Path:
        if not hasattr(self, "_tmp"):
            self._tmp = Path(tempfile.mkdtemp(prefix="zone-report-"))
        return self._tmp
