"""A build's bulk on disk instead of in memory: what keeps a build of thousands of regions from
holding the whole site at once.

MkDocs reads every page and converts it before it writes any (so that every page knows every
other); a plugin that hands it each page as a string keeps them all in memory, and their HTML
too. The plugin instead writes each generated page here as it is made (`write`), for MkDocs to
read back when it converts the page, and each page's finished HTML blocks (`htmlblocks.stash`)
here while MkDocs holds the page's HTML with only their one-line placeholders (`park`), to put
them back into the written page (`take`). A temporary folder per build, removed by `close`.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


class Spool:
    def __init__(self) -> None:
        # in a folder of our own (mode 0700), not under a guessable name in the shared /tmp
        self.folder = Path(tempfile.mkdtemp(prefix="zone-report-build-"))
        self._parked: dict[str, Path] = {}

    def path(self, name: str) -> Path:
        """Where the generated file `name` (relative to docs/) is written."""
        return self.folder / "docs" / name

    @staticmethod
    def write(path: Path, content: str | bytes | Iterable[str]) -> None:
        """`content` as UTF-8; text in pieces is written piece by piece, as it comes."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str | bytes):
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
            return
        with path.open("wb") as out:
            for piece in content:
                out.write(piece.encode("utf-8"))

    def park(self, key: str, blocks: list[str]) -> None:
        """A page's blocks, until its HTML is written."""
        path = self.folder / "blocks" / f"{len(self._parked)}.json"
        self.write(path, json.dumps(blocks, ensure_ascii=False))
        self._parked[key] = path

    def take(self, key: str) -> list[str] | None:
        """The blocks `park` kept for `key` (once; None for a page without)."""
        path = self._parked.pop(key, None)
        if path is None:
            return None
        blocks: list[str] = json.loads(path.read_text(encoding="utf-8"))
        path.unlink()
        return blocks

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self._parked.clear()
