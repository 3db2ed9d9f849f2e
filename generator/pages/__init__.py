"""The site's page kinds, one module each, and the one list of sections that both the page build
(`site.build_pages`) and the navigation (`site.nav`) read.

Each section module has:
  `pages(ctx) -> list[Page]`   the pages it generates: its listing page (`index=True`) and the
                               pages the listing lists (one per region, per cluster …);
  `nav(ctx) -> dict`           its entry in the navigation, with plain-text titles.
A new page kind is a new module (see `base.Page`) and one line in `SECTIONS`.
"""

from __future__ import annotations

from generator.pages import changes, clusters, compare, downloads, home, methodology, regions, sources, timeline

SECTIONS = [home, regions, compare, clusters, timeline, sources, downloads, changes, methodology]  # in navigation order
