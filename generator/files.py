"""What is in data/, and reading its files safely.

Data arrives in pull requests from people we do not know. Only regular files in real folders are
read, never through a link, and never more than a bound; every name in data/ is read, refused or
warned about, none dropped silently. `load.py` reads what `survey` lists, with `read_file`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem, excerpt

# Source text names are shown on pages inside a Markdown code span: no backtick, `<` or space.
SOURCE_FILE_RE = r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.txt$"

# ---------------------------------------------------------------------------------------------
# Reading a file that arrived in a pull request: only a regular file, never through a link, and
# never more than a bound. A symlink to /etc/passwd used to be read and echoed in the message, one
# to /dev/zero read until memory ran out, and a FIFO hung `check`.

# O_NOFOLLOW: a link is refused by the kernel, not by a check before the open that could race
# with a swap; O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: Path, rel: str, limit: int, too_big_hint: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file `path`, at most `limit` of them; else None and the problem."""
    try:
        odd = special_file(path)  # first, for the message: the kernel would only say ELOOP
        if odd:
            return None, [not_regular(rel, odd, "file")]
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP:  # made a link after `special_file` looked: O_NOFOLLOW refused it
            return None, [not_regular(rel, "a symbolic link", "file")]
        return None, [_unreadable(rel, err)]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since `special_file` looked
            return None, [not_regular(rel, _kind_of(info.st_mode), "file")]
        raw = _read_at_most(fd, limit + 1)  # whatever the size says: a file may grow while read
    except OSError as err:  # EIO, EISDIR on odd file systems …
        return None, [_unreadable(rel, err)]
    finally:
        os.close(fd)
    if len(raw) > limit:
        size = max(info.st_size, len(raw))
        return None, [Problem(rel, 1, f"file is {size:,} bytes; the limit is {limit:,}", too_big_hint, kind="file")]
    return raw, []


def _read_at_most(fd: int, count: int) -> bytes:
    chunks: list[bytes] = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        count -= len(chunk)
    return b"".join(chunks)


def special_file(path: Path) -> str:
    """What `path` is when it is not a regular file or a folder ("a symbolic link (to '…')",
    "a named pipe (FIFO)" …), else "". Does not follow links; OSError if it cannot be looked at."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        try:
            return f"a symbolic link (to {excerpt(os.readlink(path))!r})"
        except OSError:  # pragma: no cover - removed between lstat and readlink
            return "a symbolic link"
    return "" if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind_of(mode)


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_regular(rel: str, what: str, expected: str) -> Problem:
    """`rel` is `what` ("a symbolic link (to …)", "a folder", …) where a `expected` ("file" or
    "folder") must be. Nothing is read through it."""
    if what.startswith("a symbolic link"):
        # git commits a link as a link, so one can arrive in a pull request
        hint = f"replace the link with the {expected} itself; links are never followed"
    elif what in ("a folder", "a file"):
        hint = f"rename or move the {what.removeprefix('a ')}; a {expected} must be here"
    else:
        hint = f"remove it and put the {expected} itself here"
    read = "nothing in it is read" if expected == "folder" else "it is not read"
    return Problem(rel, 1, f"{what} where a {expected} must be; {read}", hint, kind="file")


def _unreadable(rel: str, err: OSError) -> Problem:
    if err.errno in (errno.EACCES, errno.EPERM):
        hint = "make it readable with chmod a+r, or restore it with git checkout"
    elif err.errno == errno.ENOENT:
        hint = "it is gone; was it removed while the check ran?"
    else:
        hint = "the disk or file system reported an error; restore the file with git checkout"
    return Problem(rel, 1, f"cannot read the file: {err.strerror or err}", hint, kind="file")


# ---------------------------------------------------------------------------------------------
# What is in data/: every name is read, refused, or warned about; none is dropped silently (a
# region saved as `x.YML` used to vanish from the site without a word).


@dataclass
class Layout:
    """The data files to read, by name: each listed in a real folder (see `survey`)."""

    registries: set[str] = field(default_factory=set)  # METRICS, ARTICLES … that are there
    regions: list[str] = field(default_factory=list)  # file names in data/regions/
    texts: list[str] = field(default_factory=list)  # file names in data/sources/


ARTICLES, METRICS, CLUSTERS, PROVINCES = "sources/articles.yml", "metrics.yml", "clusters.yml", "provinces.yml"
REGIONS, SOURCES = "regions", "sources"


@dataclass(frozen=True)
class _Folder:
    rel: str  # under data/: "" for data/ itself
    label: str  # what its files are, for messages
    holds: str  # what belongs in it, for the warning about anything else
    registries: tuple[str, ...] = ()  # the required files in it, by path under data/

    @property
    def prefix(self) -> str:
        return f"data/{self.rel}/" if self.rel else "data/"

    def wanted(self, name: str) -> bool:
        if self.rel == REGIONS:
            return name.endswith(".yml")
        if self.rel == SOURCES:
            return name.endswith(".txt") or f"{SOURCES}/{name}" in self.registries
        return name in (*self.registries, REGIONS, SOURCES)

    def proper(self, name: str) -> str | None:
        """The name a near miss (`x.YML`, `Metrics.yaml`) must have to be read, else None."""
        stem, dot, suffix = name.rpartition(".")
        suffix = dot + suffix.lower()
        if suffix == ".txt" and self.rel == SOURCES:
            return f"{stem}.txt"
        if suffix not in (".yml", ".yaml") or not stem:
            return None
        if self.rel == REGIONS:
            return f"{stem}.yml"
        proper = f"{stem.lower()}.yml"
        return proper if f"{self.prefix}{proper}".removeprefix("data/") in self.registries else None


_FOLDERS = (
    _Folder("", "registry file", "metrics.yml, clusters.yml, provinces.yml, regions/ and sources/", (METRICS, CLUSTERS, PROVINCES)),
    _Folder(REGIONS, "region file", "one <id>.yml file per region"),
    _Folder(SOURCES, "source file", "articles.yml and the archived texts (*.txt)", (ARTICLES,)),
)
# Not data, never read, and no reason to say so: the folder's documentation and git's own files.
_NOT_DATA = {"README.md", ".gitignore", ".gitkeep", ".gitattributes"}
# Left by editors, merges and file managers. Warnings, never errors: `mkdocs serve` runs while a
# contributor edits, with a lock or swap file beside the region (Emacs' `.#r.yml` lock is even a
# dangling symlink, so it is recognised by its name, before anything looks at the file).
_LEFTOVER = re.compile(
    r"""^\.\#              # Emacs lock
    | ^\#.*\#$              # Emacs auto-save
    | ~$                    # backups (Emacs, nano, gedit), vim's undo file .r.yml.un~
    | ^\..*\.sw[a-p]$       # vim swap files
    | ^4913$                # vim's probe for a writable folder
    | \.(orig|rej|bak|tmp|kate-swp)$  # merges, patches, editors
    | ___jb_(tmp|old)___$   # JetBrains' safe write
    | ^\.~lock\..*\#$       # LibreOffice lock
    | ^\._ | ^\.DS_Store$ | ^Thumbs\.db$ | ^desktop\.ini$  # macOS and Windows file managers
    """,
    re.VERBOSE,
)
MAX_TEXT_BYTES = 2 * 1024 * 1024  # an archived page; the largest today is 18 KB


def survey(root: Path, problems: list[Problem]) -> Layout | None:
    """Sort out every name in data/, data/regions/ and data/sources/ into what to read and the
    problems with the rest. None when data/ itself is refused (a link: nothing is read)."""
    layout = Layout()
    for folder in _FOLDERS:
        names = _listing(root, folder, problems)
        if names is None:  # refused, and reported: its files are neither read nor missing
            if not folder.rel:
                return None
            continue
        for name in names:
            _sort(folder, name, layout, problems)
        for rel in folder.registries:
            if rel not in layout.registries:
                problems.append(Problem(f"data/{rel}", 1, "required file is missing", "see data/README.md for its format", "schema"))
    return layout


def _listing(root: Path, folder: _Folder, problems: list[Problem]) -> list[str] | None:
    """The sorted names in `folder`: [] when it is missing, None when it is refused."""
    path = root / folder.prefix
    rel = folder.prefix  # with its slash: a folder
    try:
        odd = special_file(path) or ("" if path.is_dir() else "a file")
        if odd:
            problems.append(not_regular(rel, odd, "folder"))
            return None
        return sorted(os.listdir(path))
    except FileNotFoundError:
        return []  # its required files are reported missing; no regions is a valid (empty) site
    except OSError as err:
        problems.append(Problem(rel, 1, f"cannot list the folder: {err.strerror or err}", "make it readable with chmod a+rx", "file"))
        return None


def _sort(folder: _Folder, name: str, layout: Layout, problems: list[Problem]) -> None:
    """Put one name of `folder` into `layout`, or say why it is not read."""
    shown = _printable(name)
    rel = folder.prefix + shown
    if shown != name:  # a line break in a name would forge a line of the report
        message = f"file name '{shown}' has characters that are invisible, control or not UTF-8; it is not read"
        problems.append(Problem(rel, 1, message, "rename it with letters, digits, '-', '_' and '.'", "file"))
    elif _LEFTOVER.search(name):
        problems.append(_warning(rel, "looks like an editor's or a merge's leftover; it is not read", "delete it after editing"))
    elif folder.wanted(name):
        _accept(folder, name, layout, problems)
    elif folder.proper(name):
        problems.append(_misnamed(rel, folder, name))
    elif name not in _NOT_DATA:
        problems.append(_warning(rel, f"not read: {folder.prefix} holds only {folder.holds}", "move it out of data/, or delete it"))


def _accept(folder: _Folder, name: str, layout: Layout, problems: list[Problem]) -> None:
    rel = (folder.prefix + name).removeprefix("data/")
    if rel in folder.registries:
        layout.registries.add(rel)
    elif folder.rel == REGIONS:
        layout.regions.append(name)
    elif folder.rel == SOURCES and re.match(SOURCE_FILE_RE, name):
        layout.texts.append(name)
    elif folder.rel == SOURCES:
        message = f"source file name '{name}' is not allowed; it is not read"
        problems.append(Problem(f"data/{rel}", 1, message, _SOURCE_NAME_HINT, "file"))
    # else regions/ or sources/ in data/: listed on their own


_SOURCE_NAME_HINT = "rename it: letters, digits, '_', '.' and '-', starting with a letter or digit, ending in .txt"


def _misnamed(rel: str, folder: _Folder, name: str) -> Problem:
    proper = folder.proper(name) or name
    suffix, wanted = Path(name).suffix, Path(proper).suffix
    said = f"ends in '{suffix}', not '{wanted}'" if suffix != wanted else f"is named '{name}', not '{proper}'"
    return Problem(rel, 1, f"{folder.label} {said}, and is not read", f"rename it to {proper}", "file")


def _warning(rel: str, message: str, hint: str) -> Problem:
    return Problem(rel, 1, message, hint, "file", severity="warning")


def _printable(name: str) -> str:
    """`name` as it may be shown: control and invisible characters and undecodable bytes escaped."""
    return "".join(char if char.isprintable() else _escape(char) for char in name)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.listdir gives it (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return ascii(char)[1:-1]


# ---------------------------------------------------------------------------------------------
# What MkDocs copies into the site as it is: the hand-written pages and assets, the theme
# overrides. It follows links, so docs/assets/leak.txt → /etc/hostname published the machine's
# file (issue 25): git commits a link as a link, and a pull request can carry one.

SITE_SOURCES = ("docs", "overrides")


def site_sources(root: Path) -> list[Problem]:
    """A problem for each name under docs/ and overrides/ that is not a regular file or a real
    folder; linked folders are not entered. Missing folders are not this check's business."""
    problems: list[Problem] = []
    for folder in SITE_SOURCES:
        try:
            odd = special_file(root / folder)
        except FileNotFoundError:
            continue
        except OSError as err:
            problems.append(_unlistable(f"{folder}/", err))
            continue
        if odd:
            problems.append(_published(f"{folder}/", odd))
            continue
        problems += _walk_published(root, folder)
    return problems


def _walk_published(root: Path, folder: str) -> list[Problem]:
    problems: list[Problem] = []

    def refused(err: OSError) -> None:
        rel = Path(err.filename).relative_to(root).as_posix() if err.filename else folder
        problems.append(_unlistable(f"{_printable(rel)}/", err))

    for path, folders, names in os.walk(root / folder, onerror=refused):  # followlinks=False: a linked folder is listed, not entered
        for name in sorted(folders + names):
            rel = _printable((Path(path) / name).relative_to(root).as_posix())
            try:
                odd = special_file(Path(path) / name)
            except OSError as err:  # removed or made unreadable while walked
                problems.append(_unlistable(rel, err))
                continue
            if odd and _LEFTOVER.search(name) and name.startswith("."):
                # an editor's lock (Emacs' `.#page.md` is a dangling link): MkDocs never publishes a dot-name
                problems.append(_warning(rel, "looks like an editor's leftover; it is not published", "delete it after editing"))
            elif odd:
                problems.append(_published(rel, odd))
    return problems


def _published(rel: str, what: str) -> Problem:
    if what.startswith("a symbolic link"):
        # MkDocs would copy what the link points to, from anywhere on the building machine
        hint = "replace the link with the file or folder itself; docs/ and overrides/ are published as they are"
    else:
        hint = "remove it: docs/ and overrides/ hold only files and folders"
    return Problem(rel, 1, f"{what} in the site's sources; the site is not built with it", hint, kind="file")


def _unlistable(rel: str, err: OSError) -> Problem:
    return Problem(rel, 1, f"cannot look at it: {err.strerror or err}", "make it readable with chmod a+rX", "file")
