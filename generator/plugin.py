"""Thin MkDocs glue: the generator's pages enter the build as generated files.

MkDocs events used, in the order MkDocs calls them:
  on_startup    note the command: `mkdocs serve` previews drafts and keeps the last good data.
  on_config     read and check data/ (`pipeline.validated`: once per build of both editions, again after an
                edit; a focused preview: one region), and when it changed (`history.read`,
                for the pages' dates and the footer's data version). A problem stops `mkdocs build`
                with file:line messages; under `mkdocs serve` the last good data stays up and every
                page carries the problems (`preview.py`). Hand the search plugin a jieba dictionary
                of the data's names (its `jieba_dict_user` option; this plugin is listed before search).
  on_files      add every page and download of `site.iter_pages` as a generated File (nothing is
                written to docs/), each written out as it is made — a page to a temporary folder
                MkDocs reads it back from, a download where MkDocs would copy it (`spool.py`) —
                and the navigation (`site.nav`).
  on_page_markdown, on_page_content
                hand Python-Markdown a placeholder for each block the generator made as finished
                HTML, and put the block back into the page's HTML (`htmlblocks.py`) — a data
                page's blocks only once its HTML is written (on_post_page): until then they wait
                on disk, not in the HTML MkDocs keeps of every page.
  on_post_page  drop the whitespace the theme's templates leave; the preview's problem banner, and
                a focused preview's note.
  on_shutdown   remove the temporary folder.
  on_post_build (after the search plugin's) add the data pages' entries to the search index the
                search plugin wrote, and in an edition other than Chinese the other forms of each
                page's words (`search.py`); write it in pieces (`searchindex.py`), which the
                site's search worker fetches query by query.
`mkdocs serve` rebuilds (and re-runs every event) when data/ changes: mkdocs.yml lists it under
`watch`. Everything else lives in modules that do not import MkDocs.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator import editions, history, htmlblocks, pipeline, preview, searchindex, site
from generator.load import Dataset
from generator.paths import DEFAULT_EDITION, EDITIONS, edition_url
from generator.problems import Problem, drafts, errors, format_report, warnings
from generator.search import jieba_dictionary, with_documents, with_word_forms
from generator.spool import Spool
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
    # An edition other than the default one: the default edition's docs folder, whose assets/
    # (styles, scripts) this edition serves too.
    shared_docs = config_options.Optional(config_options.Dir(exists=True))
    # A focused preview (scripts/serve --region ID): only this region, the registries and the
    # articles it cites are read and built. Never for a published build (on_config refuses).
    focus = config_options.Type(str, default="")


class ZoneReportPlugin(BasePlugin[ZoneReportConfig]):  # type: ignore[no-untyped-call]
    dataset: Dataset | None = None  # the last data that passed the checks
    dates: history.History | None = None  # when the data changed (git)
    problems: list[Problem] = []  # noqa: RUF012 - replaced, never changed in place
    _blocks: list[str] = []  # noqa: RUF012 - the page being built's HTML blocks; replaced per page
    serving = False
    note = ""  # a focused preview's note on every page
    _spool: Spool | None = None  # this build's generated files and parked blocks (spool.py)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # (defining on_startup also keeps this plugin object across `mkdocs serve` rebuilds)
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        if problem := url_problem(config.site_url or ""):  # downloads cite facts by it; MkDocs takes any scheme
            raise PluginError(f"site_url {config.site_url!r} cannot be used: {problem}")
        # the site's root → this edition's; None without one: links stay relative, no page names an
        # address it was not given (README "Publishing"). `mkdocs serve` always sets its own.
        config.site_url = editions.site_url(config.site_url or "", self.config.lang) or None
        if not config.site_url and self.config.lang == DEFAULT_EDITION:  # one line per site: both editions share the address
            log.info(
                "no site address (SITE_URL): links are relative and citations name each page's path from the site's root; "
                "set SITE_URL=https://… to the address the site is published at for canonical links, the sitemap and the feed"
            )
        root = Path(self.config.data_root or Path(config.config_file_path).parent)
        self.dates = history.read(root)
        config.extra.update(editions.extras(editions.root_of(config.site_url or "", self.config.lang), self.config.lang, self.dates))
        if self.config.focus and not self.serving:
            raise PluginError("focus (ZONE_REPORT_FOCUS) builds one region: it is for `mkdocs serve`; unset it to build the site")
        dataset, problems = pipeline.validated(root, self.config.focus or None)
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
            self.note = self._focus_note(root, self.dataset)
        return config

    def _focus_note(self, root: Path, dataset: Dataset) -> str:
        region = dataset.regions.get(self.config.focus)
        if region is None:
            return ""
        others = sum(1 for _ in (root / "data" / "regions").glob("*.yml")) - 1
        lang = Lang(self.config.lang)
        return preview.focus_note(lang.pick(region.profile.short_name), others, lang)

    def on_files(self, files: Files, *, config: Any) -> Files:
        if self.dataset is None:  # `mkdocs serve`, and no data has passed the checks yet
            files.append(File.generated(config, "index.md", content=preview.problems_page(self.problems, Lang(self.config.lang))))
            return files
        if self._spool:
            self._spool.close()  # the previous build's (`mkdocs serve`)
        self._spool = spool = Spool()
        made = site.iter_pages(
            self.dataset, lang=self.config.lang, issues_url=self.config.issues_url, site_url=config.site_url or "", history=self.dates
        )
        for path, content in made:  # each written out as it is made: the site is never in memory whole (spool.py)
            source = str(spool.path(path))
            file = File.generated(config, path, abs_src_path=source)  # a page: MkDocs reads it from there
            if not file.is_documentation_page():  # a download: written where MkDocs copies it to (it then copies nothing)
                file.abs_src_path = source = file.abs_dest_path
            spool.write(Path(source), content)
            files.append(file)
        if self.config.shared_docs:  # this edition serves the default edition's assets too
            shared = Path(self.config.shared_docs)
            for asset in sorted(shared.glob("assets/**/*")):
                rel = asset.relative_to(shared).as_posix()
                if asset.is_file() and files.get_file_from_path(rel) is None:
                    files.append(File(rel, str(shared), config.site_dir, config.use_directory_urls))
        config.nav = site.nav(self.dataset, self.config.lang)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        """Python-Markdown gets a placeholder for each finished block of HTML (htmlblocks.py): it
        would only parse the block, tag by tag, to hand it back unchanged."""
        markdown, self._blocks = htmlblocks.stash(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """The blocks back in place: the page as converting all of it would have made it. A data
        page's blocks wait on disk until its HTML is written (`on_post_page`): MkDocs keeps every
        page's HTML until it writes them all, and the blocks are most of it. Nothing reads a data
        page's HTML before: the search plugin skips it (`search: exclude`, search.py)."""
        if self._spool and self._blocks and page.meta.get("search", {}).get("exclude"):
            self._spool.park(page.file.src_uri, self._blocks)
            return html
        return htmlblocks.unstash(html, self._blocks)

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        """The page in every edition, for the language selector and the hreflang links (overrides/)."""
        root = (config.site_url or "").removesuffix(EDITIONS[self.config.lang])
        context["editions"] = [
            {
                "lang": lang,
                "name": Lang(lang).t("language_name"),
                "href": edition_url(page.url, self.config.lang, lang),
                "url": root + folder + page.url,
            }
            for lang, folder in EDITIONS.items()
        ]
        return context

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if self._spool and (blocks := self._spool.take(page.file.src_uri)) is not None:
            output = htmlblocks.unstash(output, blocks)  # the page as on_page_content would have made it
        return preview.with_banner(site.squeeze_html(output), self.problems, Lang(self.config.lang), self.note)

    def on_shutdown(self) -> None:
        if self._spool:
            self._spool.close()
            self._spool = None

    @event_priority(-100)  # after the search plugin (priority 0) has written its index
    def on_post_build(self, *, config: Any) -> None:
        """The data pages' entries into the index the search plugin wrote (it did not read those
        pages: search.py), and in English the other forms of each word; then the index in pieces
        (searchindex.py), search_index.json left with no documents."""
        index_file = Path(config.site_dir) / "search" / "search_index.json"
        if not index_file.exists() or self.dataset is None:
            return
        cut = None
        with contextlib.suppress(ImportError):  # segmented as the search plugin does, when it can
            import jieba

            cut = jieba.cut
        docs = site.search_documents(self.dataset, lang=self.config.lang, cut=cut, site_url=config.site_url or "")
        index = with_documents(json.loads(index_file.read_text(encoding="utf-8")), docs)
        if self.config.lang != "zh":  # Chinese has jieba's segmentation instead
            index = with_word_forms(index)
        written = searchindex.write(index, index_file.parent)  # in pieces: a search fetches what its words need
        log.debug("search index: %s", written)

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
