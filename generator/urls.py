"""Which URLs the site may link to from configuration (an allow-list, not a block-list).

A link's scheme decides what a click does: `javascript:` runs code in the reader's browser,
`data:` can carry a page of its own. Only `https://` is accepted, and `http://` for a server on
this machine (the local preview). Anything else stops the build with a message naming the option.
"""

from __future__ import annotations

import urllib.parse

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
ALLOWED = "https://HOST/…, or http://localhost/… (also 127.0.0.1 or [::1]) for a local preview"


def url_problem(url: str) -> str | None:
    """Why `url` may not be linked to, or None when it may. An empty string is no link at all."""
    if url == "":
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        return "it contains spaces or control characters"
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return "it cannot be read as a URL"
    if parts.scheme not in ("https", "http"):
        shown = f"the scheme '{parts.scheme}:' is" if parts.scheme else "a URL without a scheme is"
        return f"{shown} not allowed; write {ALLOWED}"
    if not host:
        return f"it names no host; write {ALLOWED}"
    if parts.scheme == "http" and host not in LOCAL_HOSTS:
        return f"plain http:// is allowed only for a local preview; write {ALLOWED}"
    return None
