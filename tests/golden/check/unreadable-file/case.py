"""data/metrics.yml cannot be read (permission denied). Tests may run as root, whom file
permissions do not stop, so the refusal is simulated where the file is opened."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from generator import files

IN_PROCESS_ONLY = True  # the patch cannot reach a subprocess


def setup(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("metrics.yml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", refusing_open)
