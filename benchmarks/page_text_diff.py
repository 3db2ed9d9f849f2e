"""What a reader reads that changed between two built sites: each page's article text, compared.

    .venv/bin/python benchmarks/page_text_diff.py SITE_BEFORE SITE_AFTER [--lines 6]

Build each checkout into its own folder first (`scripts/build DIR`, or `mkdocs build` of both
editions with the same SITE_URL). Scripts, styles and tags are dropped, and so are the lines that
change with every data commit (the data version, the dates in "cite this page"), so what is left
is what a change to the data or the pages did to the text a reader sees. `same_site.py` compares
bytes; this compares reading.
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
from pathlib import Path

ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.DOTALL)
DATED = re.compile(r"(引用本页|Cite this page)[^\n]*|数据版本：[^\n]*|Data version[^\n]*|数据更新于\S+|updated \d+ \w+ \d{4}")


def reading(page: Path) -> list[str]:
    """The article's text, line by line, without what every data commit changes."""
    match = ARTICLE.search(page.read_text(encoding="utf-8"))
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", match.group(1) if match else "", flags=re.DOTALL)
    text = DATED.sub("", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return [line for line in (" ".join(raw.split()) for raw in text.split("\n")) if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--lines", type=int, default=6, help="changed lines shown per page")
    args = parser.parse_args()
    before = {p.relative_to(args.before) for p in args.before.rglob("index.html")}
    after = {p.relative_to(args.after) for p in args.after.rglob("index.html")}
    changed = 0
    for rel in sorted(before | after):
        if rel not in after or rel not in before:
            print(f"{'gone' if rel not in after else 'new'}: {rel}")
            continue
        lines = [
            line
            for line in difflib.unified_diff(reading(args.before / rel), reading(args.after / rel), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))
        ]
        if lines:
            changed += 1
            print(f"== {rel}: {len(lines)} lines")
            print("\n".join("   " + line[:200] for line in lines[: args.lines]))
    print(f"{changed} of {len(before & after)} pages read differently")


if __name__ == "__main__":
    main()
