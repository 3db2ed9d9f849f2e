"""What each edition's configuration gets from the generator: its site URL (the site's root plus
its folder) and the theme's `extra` entries the overrides read — the editions for the language
selector and the sitemap's hreflang links, the 404 page's words, the data version for the footer,
the Atom feed for each page's head.

The MkDocs plugin puts these into the configuration it is given; `stage.py` writes them into the
staged configuration files, so a build without the plugin shows the same.
"""

from __future__ import annotations

from typing import Any

from generator.history import History
from generator.paths import EDITIONS, FEED, edition_url
from generator.text import Lang, data_version


def site_url(root_url: str, lang: str) -> str:
    """The edition's address: the site's root, plus en/ for the English edition; "" when the site
    has no address (a build without SITE_URL: README "Publishing")."""
    folder = EDITIONS[lang]
    if not root_url:
        return ""
    return root_url if not folder or root_url.endswith("/" + folder) else root_url.rstrip("/") + "/" + folder


SEARCH_WORKER = "assets/javascripts/search-worker.js"  # answers material's search box (searchindex.py)


def extras(root_url: str, lang: str, dates: History) -> dict[str, Any]:
    """The `extra` entries of an edition's configuration (the overrides/ templates read them)."""
    words = Lang(lang)
    return {
        # every edition's home: material links them in each page's head and reads their sitemaps;
        # overrides/sitemap.xml maps each page to its other editions; the header's selector
        # (overrides/partials/alternate.html) links to this same page in each, or here to the home;
        # without an address, "url" is the edition's path from the host's root: the 404 page, served
        # at any depth, links home by it (material's own links there assume that root too)
        "alternate": [
            {
                "name": Lang(other).t("language_name"),
                "lang": other,
                "link": edition_url("", lang, other),
                "url": site_url(root_url, other) or "/" + EDITIONS[other],
            }
            for other in EDITIONS
        ],
        "not_found": {key: words.t(f"not_found_{key}") for key in ("title", "text", "home")},
        # the search box's worker and its count of results (overrides/main.html): search in pieces
        "search": {"worker": SEARCH_WORKER, "one": words.t("search_result_one"), "other": words.t("search_result_other")},
        "data_version": data_version(dates, words),
        # the edition's Atom feed of new and changed records, linked from every page's head
        # (overrides/main.html); none without an address: a feed names its entries by absolute URLs
        "feed": {"url": site_url(root_url, lang) + FEED, "title": words.t("changes_feed_title", site=words.t("site_name"))}
        if root_url
        else None,
    }


def root_of(edition_url_: str, lang: str) -> str:
    """The site's root from an edition's address."""
    return edition_url_.removesuffix(EDITIONS[lang])
