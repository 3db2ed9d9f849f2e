"""What `mkdocs serve` shows while data/ has problems: the last good site, with a banner.

A contributor editing a region file looks at the preview, not at the terminal. When a save breaks
the data, the preview keeps serving the pages of the last data that passed `check`, and every page
carries a banner listing the problems as `file:line: message (hint)`; the next good save removes
it. (Before, the rebuild failed and the browser's page waited for a build that never came.)
If the very first build already fails there is no good data to show: the preview is then one page
listing the problems. `mkdocs build` never does any of this: it stops with the problems.

A focused preview (`scripts/serve --region ID`) reads and builds one region, with the pages that
aggregate it: seconds per save instead of a minute at hundreds of regions. Every page says so.
"""

from __future__ import annotations

import html

from generator.problems import Problem
from generator.text import Lang

SHOWN = 20  # problems listed in the banner; the rest are counted (the terminal has them all)


def _items(problems: list[Problem]) -> str:
    ordered = sorted(problems)
    items = "".join(f"<li><code>{html.escape(p.format())}</code></li>" for p in ordered[:SHOWN])
    more = len(ordered) - SHOWN
    return items + (f"<li>… +{more}</li>" if more > 0 else "")


def banner(problems: list[Problem], lang: Lang) -> str:
    """The banner every preview page carries while data/ has problems (HTML)."""
    head = html.escape(lang.t("preview_problems", count=len(problems)))
    return (
        f'<div class="zr-problems" role="alert" data-problems="{len(problems)}">'
        f"<p><strong>{head}</strong></p><ul>{_items(problems)}</ul></div>"
    )


def focus_note(region: str, others: int, lang: Lang) -> str:
    """The note every page of a focused preview (`scripts/serve --region ID`) carries: what it
    leaves out, so nobody takes its comparisons of one region for the site's (HTML)."""
    text = html.escape(lang.t("preview_focus", region=region, n=others))
    return f'<div class="zr-focus" role="note"><p>{text}</p></div>'


def with_banner(page: str, problems: list[Problem], lang: Lang, note: str = "") -> str:
    """`page` (a built HTML page) with the banner (and a focused preview's `note`) at the top of
    its content."""
    if not problems and not note:
        return page
    at = page.find("<main")
    if at < 0:  # not the theme's layout: right after <body …>
        body = page.find("<body")
        at = page.find(">", body) + 1 if body >= 0 else 0
    return page[:at] + note + (banner(problems, lang) if problems else "") + page[at:]


def problems_page(problems: list[Problem], lang: Lang) -> str:
    """The preview's only page when no data has passed `check` yet (Markdown; the banner lists them)."""
    return f"# {lang.t('preview_no_data')}\n"
