"""An Atom feed (RFC 4287) from plain text, written by feedgen.

feedgen rather than a hand-written template: it refuses a feed or entry without the elements Atom
requires (id, title, updated), writes RFC 3339 dates from timezone-aware datetimes, and escapes
every text through lxml — the titles and summaries here are data (a record's name, its quote), and
they go into the feed as text (`type="text"`), never as HTML a feed reader would run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator


@dataclass(frozen=True)
class Item:
    id: str  # an IRI that never changes for this entry
    title: str  # plain text
    link: str  # absolute URL
    updated: str  # ISO 8601 with an offset
    summary: str  # plain text


@dataclass(frozen=True)
class Channel:
    id: str  # the feed's IRI: its page's URL
    title: str
    page: str  # absolute URL of the page it follows
    self_url: str  # absolute URL of the feed itself
    updated: str  # ISO 8601 with an offset
    author: str
    lang: str  # xml:lang of the feed
    rights: str


def atom(channel: Channel, items: list[Item]) -> str:
    """The feed, entries in the order given (newest first)."""
    feed = FeedGenerator()
    feed.id(channel.id)
    feed.title(channel.title)
    feed.updated(_time(channel.updated))
    feed.link(href=channel.page, rel="alternate", type="text/html")
    feed.link(href=channel.self_url, rel="self", type="application/atom+xml")
    feed.author({"name": channel.author})
    feed.language(channel.lang)
    feed.rights(channel.rights)
    for item in items:
        entry = feed.add_entry(order="append")  # feedgen prepends by default
        entry.id(item.id)
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate", type="text/html")
        entry.updated(_time(item.updated))
        entry.summary(item.summary)
    text: bytes = feed.atom_str(pretty=True, encoding="UTF-8")
    return text.decode("utf-8")


def _time(iso: str) -> dt.datetime:
    """A date ("2024-03-01", the build date without history) is taken as midnight UTC."""
    when = dt.datetime.fromisoformat(iso)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
