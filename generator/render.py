"""Page contexts → Markdown, with Jinja2.

`StrictUndefined` turns a misspelled variable into an error instead of an empty cell. Escaping is
done by the page modules with `text.md` (Markdown, not HTML, is what these templates produce), so
autoescape is off.

A page's front matter (its title, what the theme hides) is written here by a YAML serializer, never
by the templates: a title with a `"` broke the hand-written `title: "…"`, and YAML's own escapes
(`\u003c` in a double-quoted scalar) turned text into a live tag.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
import yaml

from generator.text import Lang, attr


@functools.cache
def environment(primary: str) -> jinja2.Environment:
    lang = Lang(primary)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=lang.t, colon=lang.colon, join=lang.join, paren=lang.paren)
    return env


def render(
    template: str,
    context: dict[str, Any],
    primary: str = "zh",
    *,
    title: str,
    hide: list[str] | None = None,
    names: tuple[str, ...] = (),
    searched: bool = True,
) -> str:
    """The page: front matter with its `title` (plain text), then the template's Markdown."""
    return front_matter(title, hide, names, searched) + environment(primary).get_template(template).render(**context)


def front_matter(title: str, hide: list[str] | None = None, names: tuple[str, ...] = (), searched: bool = True) -> str:
    """YAML front matter. The title is HTML-escaped: the theme writes page titles into <title>,
    the header and the search index as HTML, unescaped, so the escaping is ours to do — and the
    names (material's `tags`, which its search weighs most) go into the index the same way.
    A page not `searched` is left out of the search plugin's reading (its entries are made
    from the data: search.py)."""
    meta: dict[str, Any] = {"title": attr(title)}
    if hide:
        meta["hide"] = hide
    if not searched:
        meta["search"] = {"exclude": True}
    elif names:
        meta["tags"] = [attr(name) for name in names]
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1_000_000) + "---\n\n"
