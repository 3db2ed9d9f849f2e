"""Which URLs the site may link to from configuration (an allow-list, not a block-list).

A link's scheme decides what a click does: `javascript:` runs code in the reader's browser,
`data:` can carry a page of its own. Only `https://` is accepted, and `http://` for a server on
this machine (the local preview). Anything else stops the build with a message naming the option.

The characters are an allow-list too, RFC 3986's: the site's address is printed into every page
(canonical and hreflang links, the 404 page's script and its link, the sitemap), much of it by
material's templates, which escape nothing. A quote, `<` or a backtick has no place in an address as
it is (it is written percent-encoded), so refusing them here keeps them out of every one of those.
"""

from __future__ import annotations

import re
import string
import urllib.parse

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
ALLOWED = "https://HOST/…, or http://localhost/… (also 127.0.0.1 or [::1]) for a local preview"
# RFC 3986 §2: unreserved, reserved (gen-delims and sub-delims) and "%" of a percent-encoding
URL_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~" + ":/?#[]@" + "!$&'()*+,;=" + "%")
CHARACTERS = (
    "a URL holds only the letters A–Z a–z, the digits 0–9 and - . _ ~ : / ? # [ ] @ ! $ & ' ( ) * + , ; = ; "
    'anything else is written percent-encoded (%22 for ", %3C for <, %E4%B8%AD for 中; a host in its xn-- form)'
)
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # "%" that does not start a percent-encoding


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
    return _character_problem(url)  # after the scheme: `data:…<script>` is told what to write instead


def _character_problem(url: str) -> str | None:
    """The first character that a URL cannot hold as it is, said with what it may hold."""
    odd = next((ch for ch in url if ch not in URL_CHARACTERS), None)
    if odd is not None:
        return f"it contains {odd!r}, which a URL cannot hold as it is: {CHARACTERS}"
    if BAD_PERCENT.search(url):
        return f"it contains '%' not followed by two hexadecimal digits: {CHARACTERS}"
    return None
