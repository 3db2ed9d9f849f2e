"""Thin MkDocs glue: the generator's pages enter the build as generated files.

MkDocs events used, in the order MkDocs calls them:
  on_config  load + check data/ (a data problem stops the build with file:line messages);
             give the search plugin a jieba user dictionary of region and cluster names so
             Chinese search keeps them whole (this plugin is listed before search for that).
  on_files   add every page and download from `generator.site.build_pages` as a generated
             File (nothing is written to docs/), the vendored Vega bundle, and the nav.
  on_post_page  drop the whitespace the theme's templates leave in every page.
`mkdocs serve` rebuilds (and re-runs both events) when data/ changes: mkdocs.yml lists it
under `watch`. Everything else lives in modules that do not import MkDocs.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import warnings
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator import charts, site
from generator.__main__ import validate
from generator.load import Dataset
from generator.problems import format_report

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"

# jieba (imported by the search plugin, which this plugin precedes) still imports pkg_resources,
# and recent setuptools warns about that on every build: noise a maintainer can do nothing about.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)


class ZoneReportConfig(Config):  # type: ignore[no-untyped-call]
    data_root = config_options.Optional(config_options.Dir(exists=True))  # default: mkdocs.yml's folder
    lang = config_options.Choice(("zh", "en"), default="zh")
    # Where a reader's "report a problem" link opens a new issue. Not theme.repo_url: with that
    # set, material's JavaScript asks api.github.com for stars — a request to another host.
    issues_url = config_options.Type(str, default="")


class ZoneReportPlugin(BasePlugin[ZoneReportConfig]):  # type: ignore[no-untyped-call]
    dataset: Dataset | None = None

    def on_config(self, config: Any) -> Any:
        root = Path(self.config.data_root or Path(config.config_file_path).parent)
        dataset, problems = validate(root)
        if problems:
            raise PluginError("data/ has problems:\n" + format_report(problems))
        self.dataset = dataset
        self._teach_search(dataset, config)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.dataset is not None
        pages = site.build_pages(self.dataset, lang=self.config.lang, issues_url=self.config.issues_url, site_url=config.site_url or "")
        for path, content in pages.items():
            files.append(File.generated(config, path, content=content))
        files.append(File.generated(config, VEGA_BUNDLE, content=charts.vendor_bundle()))
        config.nav = site.nav(self.dataset, self.config.lang)
        return files

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        return site.squeeze_html(output)

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
        path = Path(tempfile.gettempdir()) / f"zone-report-jieba-{digest}.txt"
        if not path.exists():
            path.write_text(words, encoding="utf-8")
        search.config.jieba_dict_user = str(path)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its loading chatter is noise
