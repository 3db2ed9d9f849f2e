"""The MkDocs glue on its own, with a real MkDocs configuration: what it hands MkDocs and the
search plugin, what it keeps under `mkdocs serve`, and that it changes nothing else in the process
(no library patched, no warning filter, no garbage-collector setting). Whole builds: test_build.py."""

from __future__ import annotations

import gc
import stat
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL, site_project
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError

from generator import plugin

pytestmark = pytest.mark.filterwarnings("ignore:pkg_resources is deprecated")  # jieba imports it, not us


def configured(root: Path) -> tuple[Any, plugin.ZoneReportPlugin]:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_url="http://127.0.0.1:8000/")
    instance = config.plugins["zone-report"]
    assert isinstance(instance, plugin.ZoneReportPlugin)
    return config, instance


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://example.org/x", "//example.org/x", "data:text/html,x"])
def test_issues_url_must_be_https(url: str) -> None:
    with pytest.raises(ValidationError, match="https://"):
        plugin._Link().run_validation(url)


def test_a_build_gets_the_data_and_search_gets_the_names(tmp_path: Path) -> None:
    config, zone = configured(site_project(tmp_path / "p", MINIMAL / "data"))
    filters, frozen = list(warnings.filters), gc.get_freeze_count()
    zone.on_startup(command="build", dirty=False)
    zone.on_config(config)
    assert zone.dataset is not None and zone.problems == []
    dictionary = Path(config.plugins["material/search"].config.jieba_dict_user)
    assert "北京经济技术开发区 20000 nz" in dictionary.read_text(encoding="utf-8")
    assert stat.S_IMODE(dictionary.parent.stat().st_mode) == 0o700, "a folder of its own, not the shared /tmp"
    # glue only: nothing in the process changed behind MkDocs' back
    import jieba

    assert jieba.cut.__qualname__ == "Tokenizer.cut", "jieba.cut is jieba's own"
    assert warnings.filters == filters and gc.isenabled() and gc.get_freeze_count() == frozen


def test_serve_keeps_the_last_good_data_and_shows_the_problems(tmp_path: Path) -> None:
    root = site_project(tmp_path / "p", MINIMAL / "data")
    config, zone = configured(root)
    zone.on_startup(command="serve", dirty=False)
    zone.on_config(config)
    good = zone.dataset
    region = root / "data" / "regions" / "r.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("metric: high_tech_enterprises", "metric: high_tech"), encoding="utf-8")
    config, _ = configured(root)
    zone.on_config(config)  # the same plugin object: MkDocs keeps it across serve's rebuilds
    assert zone.dataset is good
    assert [p.format()[:40] for p in zone.problems] == ["data/regions/r.yml:15: unknown metric 'h"]
    page = zone.on_post_page("<html><body><main>x</main></body></html>", page=None, config=config)
    assert "unknown metric" in page and page.index("zr-problems") < page.index("<main")


def test_build_stops_on_a_problem(tmp_path: Path) -> None:
    root = site_project(tmp_path / "p", MINIMAL / "data")
    region = root / "data" / "regions" / "r.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("metric: high_tech_enterprises", "metric: high_tech"), encoding="utf-8")
    config, zone = configured(root)
    zone.on_startup(command="build", dirty=False)
    with pytest.raises(plugin.PluginError, match=r"r\.yml:15: unknown metric"):
        zone.on_config(config)
