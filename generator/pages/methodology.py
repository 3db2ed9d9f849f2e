"""The methodology: a hand-written page (docs/methodology.md), listed in the navigation."""

from __future__ import annotations

from typing import Any

from generator.pages.base import Ctx, Page
from generator.paths import METHODOLOGY


def pages(ctx: Ctx) -> list[Page]:
    return []  # written by hand


def nav(ctx: Ctx) -> dict[str, Any]:
    return {ctx.t("methodology"): METHODOLOGY}
