"""Page contexts → Markdown, with Jinja2.

`StrictUndefined` turns a misspelled variable into an error instead of an empty cell. Escaping is
done in `context.py` (Markdown, not HTML, is what these templates produce), so autoescape is off.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from generator.display import Lang


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
    env.globals.update(t=lang.t, t2=lang.t2, both=lang.both)
    return env


def render(template: str, context: dict[str, Any], primary: str = "zh") -> str:
    return environment(primary).get_template(template).render(**context)
