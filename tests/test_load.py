"""Structure: YAML traps and pydantic errors become file:line problems; valid records know their place."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import Project

from generator import files
from generator import load as load_module
from generator import models as m
from generator.__main__ import main
from generator.load import load
from generator.pipeline import validate


def problems(project: Project) -> list[str]:
    return [p.format() for p in project.load()[1]]


def test_the_minimal_project_loads_whole(project: Project) -> None:
    dataset, found = project.load()
    assert found == []
    assert set(dataset.articles) == {"first-article", "second-article"}
    assert set(dataset.metrics) == {"high_tech_enterprises", "industrial_output", "planned_area"}
    assert set(dataset.units) == {"firms", "yuan", "km2"} and set(dataset.groups) == {"economy"}
    assert set(dataset.clusters) == {"commercial_space"}
    region = dataset.regions["r"]
    assert region.id == "r"
    assert [f.id for f in region.facts] == ["high-tech-firms", "output-2023", "new-town-area"]
    assert region.targets[0].normalized == 3000 * 10**8
    assert dataset.texts["x.txt"].line_count == 7


def test_records_remember_file_and_line(project: Project) -> None:
    dataset = project.dataset()
    fact = dataset.regions["r"].facts[1]
    assert dataset.where(fact) == ("data/regions/r.yml", 22)  # the `- id:` line
    assert dataset.where(fact, "value") == ("data/regions/r.yml", 24)
    assert dataset.where(dataset.articles["second-article"], "lines", 0) == ("data/sources/articles.yml", 14)
    assert dataset.where(dataset.metrics["planned_area"].label, "en") == ("data/metrics.yml", 42)


def test_a_missing_file_is_named(project: Project) -> None:
    project.path("clusters.yml").unlink()
    assert problems(project) == ["data/clusters.yml:1: required file is missing (see data/README.md for its format)"]


def test_an_empty_file(project: Project) -> None:
    project.write("clusters.yml", "")
    assert problems(project) == ["data/clusters.yml:1: the file is empty (see data/README.md for its format)"]


def test_a_file_of_the_wrong_shape(project: Project) -> None:
    project.write("clusters.yml", "- commercial_space\n")
    assert problems(project) == ["data/clusters.yml:1: file: expected a mapping of fields, got a list (write it as {clusters: …})"]


def test_unknown_field_suggests_the_right_one(project: Project) -> None:
    project.replace("regions/r.yml", "    quote: 亦庄的国家级", "    qoute: 亦庄的国家级")
    assert problems(project) == [
        "data/regions/r.yml:14: missing required field 'quote' in facts.0 (exact text from the article; "
        "whitespace is ignored when matching)",
        "data/regions/r.yml:21: unknown field 'qoute' in facts.0 (did you mean 'quote'? valid fields here: source, quote, draft, "
        "quote_en, reports, id, metric, value, value_max, scale, unit, qualifier, written, scope, cluster, subject, inferred, note, "
        "period, key)",
    ]


def test_missing_field_points_at_its_record(project: Project) -> None:
    project.replace("metrics.yml", "    group: economy\n    definition: {zh: 规划面积。, en: Planned area.}\n", "    group: economy\n")
    assert problems(project) == [
        "data/metrics.yml:41: missing required field 'definition' in metrics.2 (see data/README.md for the fields of this record)"
    ]


@pytest.mark.parametrize(
    ("value", "scale", "hint"),
    [
        # `scale: 亿` is already there: the word is only to be removed (it used to say "put it in scale")
        ("2000亿", "亿", "remove 亿 from the value, since `scale: 亿` already says it: value: 2000"),
        ("2000亿", "", "write value: 2000 and scale: 亿"),
        ("2000亿", "万", "write value: 2000, and in `scale` the word printed after the number (亿, not 万)"),
        (
            "达2,000 亿元",
            "亿",
            "remove 亿 from the value, since `scale: 亿` already says it: value: 2000, qualifier: 达; the unit goes in `unit`",
        ),
        ("2000元", "亿", "write value: 2000; the unit goes in `unit`"),
        ("两千", "亿", "write the number alone in digits (e.g. 5200), the scale word (万, 亿…) in `scale` and the unit in `unit`"),
    ],
)
def test_a_value_written_with_its_scale_word(project: Project, value: str, scale: str, hint: str) -> None:
    written = f"    value: {value}\n" + (f"    scale: {scale}\n" if scale else "")
    project.replace("regions/r.yml", "    value: 2000\n    scale: 亿\n", written)
    assert problems(project) == [f"data/regions/r.yml:24: facts.1.value: '{value}' is text, not a number ({hint})"]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "  aliases: [亦庄]",
            "  aliases: ［亦庄，北京亦庄］",
            "data/regions/r.yml:4: profile.aliases: expected a list, got '［亦庄，北京亦庄］' "
            "(［ ］ are full-width brackets: write [亦庄, 北京亦庄] with ASCII ones)",
        ),
        (
            "    metric: planned_area",
            "    metric: “planned_area”",
            "data/regions/r.yml:32: facts.2.metric: '“planned_area”' is not valid (“ ” are full-width quotes: write planned_area "
            "without them; expected a snake_case id: lowercase letters, digits and _)",
        ),
        (
            "  level: national_zone",
            "  level: ‘national_zone’",
            "data/regions/r.yml:5: profile.level: '‘national_zone’' is not allowed (‘ ’ are full-width quotes: write national_zone "
            "without them; did you mean 'national_zone'? valid choices: 'country', 'municipality', 'prefecture_city', "
            "'county_city', 'district' or 'national_zone')",
        ),
    ],
)
def test_full_width_quotes_and_brackets_around_a_value_are_named(project: Project, old: str, new: str, problem: str) -> None:
    project.replace("regions/r.yml", old, new)
    assert problems(project) == [problem]


def test_full_width_quotes_in_text_are_text(project: Project) -> None:
    project.replace("regions/r.yml", "summary: {zh: 北京的国家级经开区。", "summary: {zh: “人才十条”2.0政策")
    project.replace("regions/r.yml", "short_name: {zh: 亦庄,", "short_name: {zh: “亦庄”,")
    assert problems(project) == []


def test_a_quoted_whole_number(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[6, '7']]")
    assert problems(project) == [
        "data/sources/articles.yml:14: articles.1.lines.0.1: expected a whole number, got '7' (remove "
        "the quotes around 7: a quoted number is text)"
    ]


def test_a_fraction_where_a_whole_number_is_expected(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: [[6, 7.5]]")
    assert problems(project) == ["data/sources/articles.yml:14: articles.1.lines.0.1: expected a whole number, got 7.5"]


def test_a_number_where_text_is_expected(project: Project) -> None:
    project.replace("regions/r.yml", "    quote: 亦庄的国家级高新技术企业突破2100家", "    quote: 2100")
    assert problems(project) == [
        'data/regions/r.yml:21: facts.0.quote: unquoted 2100 is read by YAML as the number 2100; quote it ("2100") to keep it as text'
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1.10", 'unquoted 1.10 is read by YAML as the number 1.1; quote it ("1.10") to keep it as text'),
        ("2024-03-01", 'unquoted 2024-03-01 is read by YAML as a date; quote it ("2024-03-01") to keep it as text'),
    ],
)
def test_yaml11_numbers_and_dates_in_text(project: Project, written: str, message: str) -> None:
    project.replace("sources/articles.yml", "published_basis: Printed in the page header.", f"published_basis: {written}")
    assert problems(project) == [f"data/sources/articles.yml:18: articles.1.published_basis: {message}"]


def test_bare_dates_and_years_are_fine_in_date_fields(project: Project) -> None:
    project.replace("regions/r.yml", 'date: "2024-02-03"', "date: 2024-02-03")
    project.replace("regions/r.yml", 'deadline: "2025"', "deadline: 2025")
    dataset = project.dataset()
    assert dataset.regions["r"].events[0].date == "2024-02-03"
    assert dataset.regions["r"].targets[0].deadline == "2025"


def test_text_where_a_mapping_is_expected(project: Project) -> None:
    project.replace("clusters.yml", "name: {zh: 商业航天, en: Commercial space}", "name: 商业航天")
    assert problems(project) == [
        "data/clusters.yml:3: clusters.0.name: expected a mapping of fields, got '商业航天' (write it as {zh: …, en: …})"
    ]


def test_text_where_a_list_is_expected(project: Project) -> None:
    project.replace("sources/articles.yml", "authors: [张三]", "authors: 张三")
    assert problems(project) == ["data/sources/articles.yml:11: articles.0.authors: expected a list, got '张三'"]


def test_a_choice_not_in_the_list_suggests_the_closest(project: Project) -> None:
    project.replace("sources/articles.yml", "    kind: report\n    title: {zh: 第二篇", "    kind: reprot\n    title: {zh: 第二篇")
    assert problems(project) == [
        "data/sources/articles.yml:15: articles.1.kind: 'reprot' is not allowed "
        "(did you mean 'report'? valid choices: 'report', 'column', 'commentary', 'photo-report' or 'caption')"
    ]


def test_an_optional_choice_not_in_the_list(project: Project) -> None:
    project.replace("regions/r.yml", "    qualifier: 约\n", "    qualifier: 大约\n")
    assert problems(project)[0].startswith(
        "data/regions/r.yml:35: facts.2.qualifier: '大约' is not allowed (did you mean '约'? valid choices: '超',"
    )


def test_an_empty_list_where_one_item_is_needed(project: Project) -> None:
    project.replace("sources/articles.yml", "lines: [[6, 7]]", "lines: []")
    assert problems(project) == [
        "data/sources/articles.yml:14: articles.1.lines: expected at least 1 item, got 0 (1-based inclusive line ranges)"
    ]


@pytest.mark.parametrize(
    ("coordinates", "message"),
    [
        ("[39.79]", "profile.coordinates: item 2 is missing"),
        ("[39.79, 116.51, 0]", "profile.coordinates: expected at most 2 items, got 3"),
        ("[北纬39.79, 116.51]", "profile.coordinates.0: '北纬39.79' is text; write the number alone in digits"),
        ("[139.79, 16.51]", "profile.coordinates.0: latitude 139.79 is outside -90 to 90 (coordinates are [latitude, longitude]"),
        ("[39.79, 216.51]", "profile.coordinates.1: longitude 216.51 is outside -180 to 180"),
        ("[-90.5, 116.51]", "profile.coordinates.0: latitude -90.5 is outside -90 to 90"),
    ],
)
def test_coordinates(project: Project, coordinates: str, message: str) -> None:
    project.replace("regions/r.yml", "[39.79, 116.51]", coordinates)
    assert problems(project)[0].startswith(f"data/regions/r.yml:7: {message}")


def test_ids_must_have_their_form(project: Project) -> None:
    project.replace("regions/r.yml", "- id: new-town-area", "- id: New_Town_Area")
    project.replace("metrics.yml", "- id: planned_area", "- id: planned-area")
    assert problems(project) == [
        "data/metrics.yml:41: metrics.2.id: 'planned-area' is not valid (expected a snake_case id: lowercase letters, digits and _)",
        "data/regions/r.yml:31: facts.2.id: 'New_Town_Area' is not valid (expected a kebab-case id: lowercase letters, digits and -)",
    ]


@pytest.mark.parametrize("coordinates", ["[90, 180]", "[-90, -180]", "[0.0, 0.0]"])
def test_coordinates_at_the_bounds(project: Project, coordinates: str) -> None:
    project.replace("regions/r.yml", "[39.79, 116.51]", coordinates)
    assert problems(project) == []


@pytest.mark.parametrize("value", ["1.0e+300", "-2.0e+15", "10000000000000000"])
def test_a_value_as_printed_has_a_bound(project: Project, value: str) -> None:
    # 1.0e+300 was accepted, shown with 300 digits, and became inf once multiplied by its scale
    project.replace("regions/r.yml", "    value: 225\n", f"    value: {value}\n")
    (problem,) = problems(project)
    assert problem.startswith("data/regions/r.yml:33: facts.2.value: value ") and "is outside -1e+15 to 1e+15" in problem


def test_an_id_has_a_bound(project: Project) -> None:
    project.replace("regions/r.yml", "- id: new-town-area", "- id: " + "a" * 81)
    assert problems(project) == [
        "data/regions/r.yml:31: facts.2.id: an id of 81 characters is too long; the limit is 80 (use a shorter id)"
    ]
    project.replace("regions/r.yml", "- id: " + "a" * 81, "- id: " + "a" * 80)
    assert problems(project) == []


@pytest.mark.parametrize("name", ["x`.txt", "<b>.txt", "../x.txt", "x.md", "x y.txt"])
def test_an_articles_file_must_be_a_safe_name(project: Project, name: str) -> None:
    # shown on pages in a Markdown code span: a backtick or `<` would break out of it
    project.replace("sources/articles.yml", "file: x.txt\n    lines: [[6, 7]]", f"file: '{name}'\n    lines: [[6, 7]]")
    assert problems(project) == [
        f"data/sources/articles.yml:13: articles.1.file: '{name}' is not valid "
        "(expected the name of a file in data/sources/: letters, digits, '_', '.' and '-', ending in .txt)"
    ]


def test_units_and_metrics_may_say_signed(project: Project) -> None:
    firms = "  - id: firms\n    label: {zh: 家, en: firms}\n"
    project.replace("metrics.yml", firms, firms + "    signed: true\n")
    project.replace("metrics.yml", "    unit: km2\n", "    unit: km2\n    signed: false\n")
    dataset = project.dataset()
    assert dataset.units["firms"].signed and not dataset.units["yuan"].signed
    assert dataset.metrics["planned_area"].signed is False and dataset.metrics["industrial_output"].signed is None
    project.replace("metrics.yml", "    signed: false\n", "    signed: no\n")
    assert problems(project)[0].startswith("data/metrics.yml:")


def test_periods_and_dates_must_have_their_form(project: Project) -> None:
    project.replace("regions/r.yml", 'period: "2023"', "period: 2023年")
    project.replace("sources/articles.yml", 'published: "2024-02"', "published: 2024.02")
    assert problems(project) == [
        "data/sources/articles.yml:17: articles.1.published: '2024.02' is not valid (expected a date written YYYY, YYYY-MM or YYYY-MM-DD)",
        "data/regions/r.yml:28: facts.1.period: '2023年' is not valid (expected a period: 2023, 2024-02, "
        "2024-02-03, 2021/2023 or ../2024-03)",
    ]


def test_a_file_with_problems_is_left_out_but_others_load(project: Project) -> None:
    project.append("regions/r.yml", "facts: []\n")  # a duplicate key
    dataset, found = project.load()
    assert [p.kind for p in found] == ["yaml"]
    assert dataset.regions == {} and set(dataset.metrics) == {"high_tech_enterprises", "industrial_output", "planned_area"}


def test_a_region_saved_as_yaml_is_not_silently_ignored(project: Project) -> None:
    project.path("regions/r.yml").rename(project.path("regions/r.yaml"))
    assert problems(project) == ["data/regions/r.yaml:1: region file ends in '.yaml', not '.yml', and is not read (rename it to r.yml)"]


# ---------------------------------------------------------------------------------------------
# what is in data/: every name is read, refused, or warned about


def found(project: Project) -> list[tuple[str, str, str]]:
    return [(p.severity, p.file, p.message) for p in project.load()[1]]


@pytest.mark.parametrize(
    ("name", "proper"),
    [
        ("regions/x.YML", "x.yml"),
        ("regions/x.Yml", "x.yml"),
        ("regions/x.yaml", "x.yml"),
        ("regions/x.YAML", "x.yml"),
        ("Clusters.yml", "clusters.yml"),
        ("metrics.yaml", "metrics.yml"),
        ("sources/Articles.yml", "articles.yml"),
        ("sources/page.TXT", "page.txt"),
    ],
)
def test_a_data_file_with_the_wrong_extension_or_case_is_an_error(project: Project, name: str, proper: str) -> None:
    project.write(name, "x: 1\n")
    (severity, _file, message), *_ = [p for p in found(project) if p[1] == f"data/{name}"]
    assert severity == "error" and "and is not read" in message
    assert [p.hint for p in project.load()[1] if p.file == f"data/{name}"] == [f"rename it to {proper}"]


@pytest.mark.parametrize(
    "name",
    [
        "regions/.#r.yml",
        "regions/#r.yml#",
        "regions/r.yml~",
        "regions/.r.yml.swp",
        "regions/.r.yml.swo",
        "regions/r.yml.orig",
        "regions/r.yml.rej",
        "regions/r.yml.bak",
        "regions/4913",
        "regions/r.yml___jb_tmp___",
        "regions/._r.yml",
        "sources/.~lock.x.txt#",
        ".DS_Store",
        "metrics.yml~",
    ],
)
def test_editor_leftovers_are_warnings(project: Project, name: str) -> None:
    project.write(name, "profile: {}\n")
    assert found(project) == [("warning", f"data/{name}", "looks like an editor's or a merge's leftover; it is not read")]


def test_an_emacs_lock_is_a_dangling_link_and_only_a_warning(project: Project) -> None:
    project.path("regions/.#r.yml").symlink_to("user@host.123:1700000000")
    assert found(project) == [("warning", "data/regions/.#r.yml", "looks like an editor's or a merge's leftover; it is not read")]


@pytest.mark.parametrize("name", ["notes.txt", "regions/notes.md", "sources/page.pdf", "sources/old.yml"])
def test_stray_files_are_warnings(project: Project, name: str) -> None:
    project.write(name, "x\n")
    ((severity, file, message),) = found(project)
    assert (severity, file) == ("warning", f"data/{name}") and message.startswith("not read: data/")


def test_readme_and_git_files_are_not_data_and_not_worth_a_word(project: Project) -> None:
    for name in ("README.md", ".gitignore", "regions/README.md", "sources/.gitkeep"):
        project.write(name, "x\n")
    assert found(project) == []


def test_data_itself_a_link_is_refused_and_nothing_read(project: Project) -> None:
    project.path("").rename(project.root / "elsewhere")
    project.path("").symlink_to("elsewhere")
    dataset, problems = project.load()
    assert [p.format() for p in problems] == [
        "data/:1: a symbolic link (to 'elsewhere') where a folder must be; nothing in it is read "
        "(replace the link with the folder itself; links are never followed)"
    ]
    assert dataset.regions == {} and dataset.metrics == {}


def test_sources_a_link_is_refused_and_its_files_not_called_missing(project: Project) -> None:
    project.path("sources").rename(project.root / "elsewhere")
    project.path("sources").symlink_to("../elsewhere")
    assert found(project) == [
        ("error", "data/sources/", "a symbolic link (to '../elsewhere') where a folder must be; nothing in it is read")
    ]


def test_regions_a_file_is_refused(project: Project) -> None:
    shutil.rmtree(project.path("regions"))
    project.write("regions", "profile: {}\n")
    assert found(project) == [("error", "data/regions/", "a file where a folder must be; nothing in it is read")]


def test_a_missing_regions_folder_is_an_empty_site(project: Project) -> None:
    shutil.rmtree(project.path("regions"))
    assert found(project) == []


def test_a_folder_that_cannot_be_listed(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "listdir", refuse)
    assert found(project)[0] == ("error", "data/", "cannot list the folder: Permission denied")


@pytest.mark.parametrize(
    "link",
    ["regions/r.yml", "metrics.yml", "sources/articles.yml", "sources/x.txt"],
)
def test_a_link_where_any_data_file_must_be_is_refused(project: Project, link: str) -> None:
    target = project.root / "outside"
    target.write_bytes(project.path(link).read_bytes())
    project.path(link).unlink()
    project.path(link).symlink_to(target)
    assert (f"data/{link}", "error") in [(p.file, p.severity) for p in project.load()[1]]
    assert all("where a file must be" in message for _s, file, message in found(project) if file == f"data/{link}")


@pytest.mark.parametrize("name", ["x`y.txt", "x<b>.txt", "x y.txt", "-x.txt", ".x.txt"])
def test_source_file_names_are_restricted(project: Project, name: str) -> None:
    project.write(f"sources/{name}", "text\n")
    assert found(project) == [("error", f"data/sources/{name}", f"source file name '{name}' is not allowed; it is not read")]


def test_a_name_with_a_line_break_or_a_bad_byte_is_shown_escaped_and_not_read(project: Project) -> None:
    regions = os.fsencode(project.path("regions"))
    os.rename(regions + b"/r.yml", regions + b"/r\n\xff" + "\u202e".encode() + b".yml")
    dataset, problems = project.load()
    assert dataset.regions == {}
    assert [p.file for p in problems] == ["data/regions/r\\n\\xff\\u202e.yml"]
    assert all("\n" not in p.format() for p in problems)


def test_a_source_text_over_its_bound(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_module, "MAX_TEXT_BYTES", 100)
    project.write("sources/x.txt", "亦庄" * 100)
    assert found(project) == [("error", "data/sources/x.txt", "file is 600 bytes; the limit is 100")]


def test_long_values_are_shown_as_an_excerpt(project: Project) -> None:
    project.replace("regions/r.yml", "level: national_zone", "level: " + "亦庄" * 30_000)
    (message,) = problems(project)
    assert len(message) < 400 and "亦…' is not allowed" in message


def test_a_source_text_that_is_not_utf8_is_a_problem_not_a_crash(project: Project) -> None:
    project.path("sources/x.txt").write_bytes("第一行\n亦庄\n".encode("gb18030"))
    assert problems(project) == [
        "data/sources/x.txt:1: the source text is not valid UTF-8 (byte 0xB5 on this line) "
        "(archive sources as UTF-8; convert GBK or GB18030 text with iconv)"
    ]


def test_source_texts_with_windows_line_ends_count_lines_like_an_editor(project: Project) -> None:
    project.path("sources/x.txt").write_bytes(project.path("sources/x.txt").read_bytes().replace(b"\n", b"\r\n"))
    assert project.dataset().texts["x.txt"].line_count == 7


def test_the_loader_knows_where_every_nested_record_is(project: Project) -> None:
    dataset = project.dataset()
    region = dataset.regions["r"]
    scope = region.profile.scopes[0]
    assert dataset.locations[id(scope)] == ("data/regions/r.yml", ("profile", "scopes", 0))
    assert isinstance(scope.name, m.Bilingual) and dataset.locations[id(scope.name)][1] == ("profile", "scopes", 0, "name")
    assert dataset.where(scope, "name") == ("data/regions/r.yml", 11)
    assert dataset.where(region) == ("data/regions/r.yml", 1) and region.id == "r"
    assert not any(name.startswith("_") for name in type(scope).__private_attributes__), "no location inside a record"


def test_a_region_file_holds_no_id(project: Project) -> None:
    """The file name is the id; the schema editors use has no `id` for region files."""
    project.replace("regions/r.yml", "profile:\n", "id: other\nprofile:\n")
    assert any("unknown field 'id'" in p.message for p in project.load()[1])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("value: 2100", "value: true", "facts.0.value: expected a number, got true"),
        ("inferred: true", 'inferred: "yes"', "events.0.inferred: expected true or false"),
        ('period: "2023"', 'period: "../2021/2023"', "period: '../2021/2023' is not valid"),
    ],
)
def test_strict_values_in_models(project: Project, old: str, new: str, message: str) -> None:
    project.replace("regions/r.yml", old, new)
    found = problems(project)
    assert any(message in line for line in found), found


def test_region_files_parsed_in_two_processes_load_the_same(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large datasets are parsed by two processes (generator.parallel); forced here on a small
    one: the same regions, lines and problems, in the same order, as parsed by one."""
    text = project.path("regions/r.yml").read_text(encoding="utf-8")
    for name in ("a", "b", "c"):
        project.write(f"regions/{name}.yml", text)
    project.write("regions/d.yml", "profile: [\n")  # a syntax error in the copy's share (4th file)
    project.write("regions/e.yml", text.replace("value: 2100", "value: 2100家"))  # one in this process's
    one, one_problems = load(project.root)
    monkeypatch.setattr(load_module, "worth_forking", lambda items, minimum: True)
    two, two_problems = load(project.root)
    assert [p.format() for p in two_problems] == [p.format() for p in one_problems] and len(one_problems) == 2
    assert list(two.regions) == list(one.regions) == ["a", "b", "c", "r"]
    assert all(two.regions[r] == one.regions[r] for r in one.regions)
    assert two.where(two.regions["b"].facts[1], "value") == one.where(one.regions["b"].facts[1], "value")


# ---------------------------------------------------------------------------------------------
# docs/ and overrides/: MkDocs copies them into the site following links, so a committed link
# published its target (issue 25: docs/assets/leak.txt → /etc/hostname). `check` refuses them.


def _site_sources(project: Project) -> list[tuple[str, str, str]]:
    _dataset, found = validate(project.root)
    return [(p.severity, p.file, p.message) for p in found]


def test_a_link_under_docs_is_refused_by_check(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / "docs" / "assets").mkdir(parents=True)
    (project.root / "docs" / "index.md").write_text("# home\n", encoding="utf-8")
    (project.root / "docs" / "assets" / "leak.txt").symlink_to("/etc/hostname")
    assert _site_sources(project) == [
        ("error", "docs/assets/leak.txt", "a symbolic link (to '/etc/hostname') in the site's sources; the site is not built with it")
    ]
    assert main(["--root", str(project.root), "check"]) == 1
    assert "docs/assets/leak.txt:1: a symbolic link (to '/etc/hostname') in the site's sources" in capsys.readouterr().out


def test_a_linked_folder_a_pipe_and_a_linked_overrides_are_refused_and_not_entered(project: Project) -> None:
    outside = project.root / "outside"
    (outside / "partials").mkdir(parents=True)
    (outside / "partials" / "x.html").symlink_to("/etc/hostname")  # never reached: the folder is not entered
    (project.root / "docs" / "assets").mkdir(parents=True)
    (project.root / "docs" / "assets" / "javascripts").symlink_to(outside / "partials")
    os.mkfifo(project.root / "docs" / "assets" / "pipe.css")  # read, it would wait for a writer forever
    (project.root / "overrides").symlink_to(outside)
    assert [(severity, file, message.split(" (to ")[0].split(" in the")[0]) for severity, file, message in _site_sources(project)] == [
        ("error", "docs/assets/javascripts", "a symbolic link"),
        ("error", "docs/assets/pipe.css", "a named pipe (FIFO)"),
        ("error", "overrides/", "a symbolic link"),
    ]


def test_an_editors_lock_under_docs_is_only_a_warning(project: Project) -> None:
    (project.root / "docs").mkdir()
    (project.root / "docs" / ".#index.md").symlink_to("user@host.123:1700000000")  # Emacs, while editing
    assert _site_sources(project) == [("warning", "docs/.#index.md", "looks like an editor's leftover; it is not published")]


def test_the_real_sites_sources_hold_no_link() -> None:
    assert files.site_sources(Path(__file__).resolve().parents[1]) == []
