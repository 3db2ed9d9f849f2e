"""Where the regions are: a tile grid of the province-level divisions, one equal square each,
roughly where it lies (data/provinces.yml: `tile`, labelled with `abbr`), with the number of the
site's regions in it. A square with regions links to them on the regions page. Regions whose
profile states no province are on no square: a line under the grid counts and links them.

It is a diagram, not a map, on purpose: it draws no borders, outlines or shapes. A map of China's
borders must follow an approved standard map (标准地图, with its review number 审图号); a static site
that drew its own outlines would publish an unapproved one. The note under the grid says so.

Plain HTML and CSS grid (site.css, "Tile map"): no script, so it prints and works without
JavaScript, and seven columns fit a 390 px screen. The squares are a list in reading order (north
to south, west to east), each named for screen readers as "Beijing: 1 region"; shown are the
abbreviation and the count, so it stays readable however many regions there are.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from generator import models as m
from generator import text as tx
from generator.load import Dataset
from generator.pages.base import Ctx
from generator.paths import METHODOLOGY, REGIONS, link, url

# Shading steps by number of regions: the lower bound of each (1–2, 3–9, 10–29, 30+). Counts, not
# shares of the largest, so a square keeps its shade when another province gains regions.
STEPS = (1, 3, 10, 30)


def counts(ds: Dataset) -> Counter[str]:
    """Regions per province, by its Chinese name (those whose province is not stated: `unplaced`)."""
    return Counter(region.profile.province.zh for region in ds.regions.values() if region.profile.province is not None)


def unplaced(ds: Dataset) -> list[m.Region]:
    """Regions whose profile does not state their province: no square holds them."""
    return [region for region in ds.regions.values() if region.profile.province is None]


def step(count: int) -> int:
    """The shade of a square: 0 (none) to len(STEPS)."""
    return sum(1 for low in STEPS if count >= low)


def anchors(ds: Dataset) -> dict[str, str]:
    """Each province's anchor on the regions page (`province-beijing`), by its Chinese name: from its
    English name, numbered when two names make one anchor (the tile links and the page must agree)."""
    out: dict[str, str] = {}
    for zh, (_, province) in ds.provinces.items():
        anchor = base = "province-" + (re.sub(r"[^a-z0-9]+", "-", province.en.lower()).strip("-") or "x")
        number = 1
        while anchor in out.values():
            number += 1
            anchor = f"{base}-{number}"
        out[zh] = anchor
    return out


def context(ctx: Ctx, page: str) -> dict[str, str]:
    """What `_tilemap.md.j2` needs on `page`: the grid, and the note that it is not a map (with a
    link to the methodology's section on it)."""
    method = f"[{ctx.t('methodology')}]({link(page, METHODOLOGY, 'tile-map')})"
    return {"tile_map": tile_map(ctx, page), "tile_unplaced": unplaced_line(ctx, page), "tile_note": ctx.t("tile_note", link=method)}


def unplaced_line(ctx: Ctx, page: str) -> str:
    """The regions no square holds, counted and linked, under the grid (empty when there are none):
    counted apart rather than placed in a province nobody stated."""
    regions = unplaced(ctx.ds)
    if not regions:
        return ""
    names = ctx.lang.join(ctx.region_link(page, region) for region in regions)
    return ctx.t("tile_unplaced", n=len(regions), names=names)


def tile_map(ctx: Ctx, page: str) -> str:
    """The grid and its key as one raw HTML block, for `page` (its links are relative to it)."""
    provinces = [province for _, province in ctx.ds.provinces.values()]
    regions, anchor = counts(ctx.ds), anchors(ctx.ds)
    columns = max((p.tile[1] for p in provinces), default=1)
    # a square per line: whitespace between grid items is not laid out, and a diff reads by square
    tiles = "\n".join(_tile(ctx, p, regions[p.zh], url(page, REGIONS, anchor[p.zh])) for p in sorted(provinces, key=lambda p: p.tile))
    return f'<div class="zr-tilemap"><ol class="zr-tiles" style="--zr-cols: {columns}">\n{tiles}\n</ol>{_key(ctx)}</div>'


def _tile(ctx: Ctx, province: m.Province, count: int, href: str) -> str:
    """One square: the abbreviation and the count for the eye, the whole sentence for a screen
    reader and as the tooltip. Only a square with regions is a link."""
    name = ctx.lang.pick(province)
    said = tx.attr(ctx.t("tile_none", name=name) if not count else ctx.t("tile_one" if count == 1 else "tile_many", name=name, n=count))
    shown = f'<span class="zr-tile-abbr">{tx.attr(ctx.lang.pick(province.abbr))}</span>'
    shown += f'<span class="zr-tile-count">{count}</span>' if count else ""
    inner = f'<span aria-hidden="true">{shown}</span><span class="zr-sr">{said}</span>'
    row, col = province.tile
    place = f'class="zr-tile zr-step-{step(count)}" style="grid-area: {row} / {col}"'
    if count:
        return f'<li {place}><a href="{href}" title="{said}">{inner}</a></li>'
    return f'<li {place} title="{said}">{inner}</li>'


def _key(ctx: Ctx) -> str:
    """What the shades mean, as chips shaded like the squares: 0, 1–2, 3–9, 10–29, 30+."""
    bounds = [0, *STEPS]
    labels = [f"{low}–{high - 1}" if high - 1 > low else str(low) for low, high in itertools.pairwise(bounds)]
    labels.append(f"{bounds[-1]}+")
    chips = "".join(f'<span class="zr-chip zr-step-{index}">{label}</span>' for index, label in enumerate(labels))
    return f'<p class="zr-tile-key">{tx.attr(ctx.t("tile_key"))} {chips}</p>'
