"""The gzip server of benchmarks/lighthouse.py: what a browser gets from it is what a static host
would send. (Lighthouse itself is a benchmark and never runs in the test suite.)"""

from __future__ import annotations

import gzip
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import lighthouse  # benchmarks/ is not a package: found through the path above

PAGE = "<!doctype html><title>页面</title>" + "<p>开发区 development zone</p>" * 200
STYLE = "body { color: #333 }\n" * 100
PIXEL = bytes(range(256)) * 4  # stands in for an image: already compressed, never gzipped


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("site")
    (site / "compare").mkdir()
    (site / "compare" / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "style.css").write_text(STYLE, encoding="utf-8")
    (site / "image.png").write_bytes(PIXEL)
    with lighthouse.serving(lighthouse.make_server(site)) as url:
        yield url


def get(url: str, accept_encoding: str | None) -> tuple[bytes, Message]:
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
        return bytes(response.read()), response.headers


def test_a_page_asked_for_with_gzip_comes_gzipped_and_decodes_to_the_file(base: str) -> None:
    body, headers = get(base + "compare/", "gzip, deflate, br, zstd")
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body) < len(PAGE.encode())
    assert gzip.decompress(body).decode("utf-8") == PAGE


def test_without_gzip_in_accept_encoding_the_plain_file(base: str) -> None:
    for accept in (None, "identity", "br, gzip;q=0"):
        body, headers = get(base + "style.css", accept)
        assert headers["Content-Encoding"] is None, accept
        assert headers["Vary"] == "Accept-Encoding", accept  # a cache must keep the two apart
        assert headers["Content-Type"] == "text/css; charset=utf-8"
        assert body.decode("utf-8") == STYLE


def test_images_are_sent_as_they_are(base: str) -> None:
    body, headers = get(base + "image.png", "gzip")
    assert (body, headers["Content-Type"], headers["Content-Encoding"]) == (PIXEL, "image/png", None)


def test_a_folder_without_its_slash_is_redirected_and_a_missing_file_is_404(base: str) -> None:
    body, _ = get(base + "compare", "gzip")  # urllib follows the redirect
    assert gzip.decompress(body).decode("utf-8") == PAGE
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(base + "nowhere/", "gzip")
    assert missing.value.code == 404


def test_the_server_listens_on_loopback_only(base: str) -> None:
    assert base.startswith("http://127.0.0.1:")


def test_a_request_to_any_other_host_is_caught() -> None:
    urls = ["http://127.0.0.1:8123/", "data:image/svg+xml,<svg/>", "https://fonts.googleapis.com/css", "http://localhost:8123/x.js"]
    report = {"audits": {"network-requests": {"details": {"items": [{"url": url} for url in urls]}}}}
    assert lighthouse.foreign_requests(report) == ["https://fonts.googleapis.com/css", "http://localhost:8123/x.js"]
