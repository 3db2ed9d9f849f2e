"""data/regions/ cannot be listed (no permission). Tests may run as root, whom permissions do not
stop, so the refusal is simulated where the folder is listed."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from generator import files

IN_PROCESS_ONLY = True  # the patch cannot reach a subprocess


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_listdir = os.listdir

    def refusing_listdir(path: Any) -> list[str]:
        if str(path).rstrip("/").endswith("regions"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(files.os, "listdir", refusing_listdir)
