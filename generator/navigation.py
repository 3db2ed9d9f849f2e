"""Long lists in the navigation, grouped by place so that no page's sidebar grows with the site.

Material renders every page's sidebar with the sections above it and its own list, so every list
must stay short however many regions and articles there are: up to `FLAT_NAV` entries are one list;
more are grouped by statistical area, then province (data/provinces.yml, in its order), and a
province with more than `CITY_NAV` entries by city (`profile.parent`). Entries no region places (an
article nobody cites, a region whose province is not stated) come last. Titles here are plain text; `site.nav` escapes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from generator import models as m
from generator.load import Dataset

Pick = Callable[[m.Bilingual], str]
Entry = dict[str, str]  # a nav entry: {title: page path}
Placed = tuple[m.Region | None, Entry]  # an entry and the region that puts it on the map
FLAT_NAV = 40  # entries listed as one flat list; more are grouped by area and province
CITY_NAV = 20  # a province with more entries than this lists them by city
R = TypeVar("R", bound="m.Region | None")
T = TypeVar("T")


def by_place(ds: Dataset, pick: Pick, placed: list[Placed]) -> list[Any]:
    """One list while the entries are few, then area → province (→ city) of their regions."""
    if len(placed) <= FLAT_NAV:
        return [entry for _, entry in placed]
    areas: dict[str, dict[str, list[Placed]]] = {}
    loose: list[Entry] = []
    for region, entry in by_province(ds, placed):
        area, province = place(ds, region) if region is not None else (None, None)
        if province is None:  # no region, or a region whose province is not stated
            loose.append(entry)
            continue
        areas.setdefault(pick(area.name) if area is not None else "", {}).setdefault(pick(province), []).append((region, entry))
    out: list[Any] = []
    for name, provinces in areas.items():
        items = [{province: _by_city(members, pick)} for province, members in provinces.items()]
        out += [{name: items}] if name and len(areas) > 1 else items  # one area: no level for it
    return out + loose


def by_province(ds: Dataset, placed: list[tuple[R, T]]) -> list[tuple[R, T]]:
    """The items in the registry's (division-code) order of their regions' provinces; stable, so in
    data order within a province; items of no region, or of a province not in the registry, last."""
    order = {zh: index for index, zh in enumerate(ds.provinces)}

    def position(item: tuple[R, T]) -> int:
        region = item[0]
        province = region.profile.province if region is not None else None
        return order.get(province.zh, len(order)) if province is not None else len(order)

    return sorted(placed, key=position)


def place(ds: Dataset, region: m.Region) -> tuple[m.Area | None, m.Bilingual | None]:
    """The region's statistical area and province (the registry's entry when it lists it); None
    for what the profile does not state."""
    given = region.profile.province
    if given is None:
        return None, None
    return ds.provinces.get(given.zh, (None, given))


def _by_city(placed: list[Placed], pick: Pick) -> list[Any]:
    """A province's entries; many of them are grouped by city, entries without one listed after."""
    if len(placed) <= CITY_NAV:
        return [entry for _, entry in placed]
    cities: dict[str, list[Entry]] = {}
    for region, entry in placed:
        parent = region.profile.parent if region is not None else None
        cities.setdefault(pick(parent) if parent else "", []).append(entry)
    loose = cities.pop("", [])
    if len(cities) <= 1:
        return [entry for _, entry in placed]
    return [*({city: entries} for city, entries in sorted(cities.items())), *loose]


def escaped(entries: list[Any], escape: Callable[[str], str]) -> list[Any]:
    """The nav with every title (a dict key; values are paths or lists) escaped: the theme writes
    navigation titles into every page as HTML, unescaped."""
    out: list[Any] = []
    for entry in entries:
        if isinstance(entry, dict):
            out.append({escape(title): escaped(value, escape) if isinstance(value, list) else value for title, value in entry.items()})
        else:
            out.append(entry)
    return out
