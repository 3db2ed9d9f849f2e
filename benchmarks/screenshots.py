"""Screenshots of every page kind of a built site: both editions, 1280 and 390 px, light and dark.

What a person looks at before saying a page change is done (the project's rule: look at every page
you change at 1280 and 390 px). Serves the built folder on the loopback, opens each page in
Debian's Chromium with the system colour scheme set (the site's palette script follows it), waits
until the fonts are ready and the page's scripts ran, and writes two PNGs a page: its first screen
(`…-top.png`, what a reader sees on arrival) and the page down to `--max-height` px (`…-page.png`).

    .venv/bin/python benchmarks/screenshots.py --site site --out screenshots/all
    .venv/bin/python benchmarks/screenshots.py --site site --out /tmp/shots --kinds region compare --widths 390

The page kinds are found in the built folder (a section's listing and its first page), so a new
section is covered without editing this list: `KINDS` only names the sections with detail pages.
Prints one line per screenshot and, at the end, the pages wider than their viewport (a phone
reader scrolls those sideways) — exit status 2 if there is one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lighthouse import make_server, serving
from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# listing pages: (kind, path); detail pages: the first page in the folder (sorted), E-Town preferred
LISTINGS = {
    "home": "",
    "regions": "regions/",
    "compare": "compare/",
    "clusters": "clusters/",
    "timeline": "timeline/",
    "sources": "sources/",
    "downloads": "downloads/",
    "changes": "changes/",
    "methodology": "methodology/",
}
KINDS = {"region": "regions", "comparison": "compare", "cluster": "clusters", "source": "sources"}
PREFERRED = {"region": "yizhuang"}


def pages(root: Path) -> dict[str, str]:
    """Every page kind the built site has → one path of that kind (edition-relative)."""
    found = {kind: path for kind, path in LISTINGS.items() if (root / path / "index.html").exists()}
    for kind, folder in KINDS.items():
        names = sorted(p.parent.name for p in (root / folder).glob("*/index.html"))
        if names:
            name = PREFERRED.get(kind) if PREFERRED.get(kind) in names else names[0]
            found[kind] = f"{folder}/{name}/"
    found["404"] = "404.html"
    return found


def shoot(page: Page, url: str, out: Path, stem: str, max_height: int) -> int:
    """Both screenshots of one page; returns how much wider than the viewport the page is."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=out / f"{stem}-top.png")
    height = min(int(page.evaluate("document.documentElement.scrollHeight")), max_height)
    width = int(page.viewport_size["width"]) if page.viewport_size else 0
    page.screenshot(path=out / f"{stem}-page.png", full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    return int(page.evaluate("document.documentElement.scrollWidth")) - width


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path("site"), help="a built site (both editions: en/ inside)")
    parser.add_argument("--out", type=Path, default=Path("screenshots/all"))
    parser.add_argument("--kinds", nargs="*", help="only these page kinds (default: all found)")
    parser.add_argument("--widths", nargs="*", type=int, default=[1280, 390])
    parser.add_argument("--schemes", nargs="*", default=["light", "dark"])
    parser.add_argument("--editions", nargs="*", default=["zh", "en"])
    parser.add_argument("--extra", nargs="*", default=[], help="further paths to shoot, e.g. compare/targets/")
    parser.add_argument("--max-height", type=int, default=6000, help="cut the whole-page screenshot here (px)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    wide: list[str] = []
    server = make_server(args.site.resolve(), 0)
    with serving(server) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for edition in args.editions:
            prefix = "" if edition == "zh" else "en/"
            found = pages(args.site / prefix) | {path.strip("/").replace("/", "-"): path for path in args.extra}
            for kind, path in found.items():
                if args.kinds and kind not in args.kinds and kind.split("-")[0] not in args.kinds:
                    continue
                for width in args.widths:
                    for scheme in args.schemes:
                        context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844}, color_scheme=scheme)
                        stem = f"{edition}-{kind}-{width}-{scheme}"
                        over = shoot(context.new_page(), base + prefix + path, args.out, stem, args.max_height)
                        context.close()
                        print(f"{stem}: {prefix}{path}" + (f"  WIDER THAN THE VIEWPORT by {over} px" if over > 0 else ""))
                        if over > 0:
                            wide.append(stem)
        browser.close()
    if wide:
        print(f"{len(wide)} page(s) wider than their viewport: {', '.join(wide)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
