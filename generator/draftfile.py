"""`python -m generator draft data/sources/FILE.txt --region ID`: draft an article's records into a
region file (draft.py says how each is drafted).

Nothing is overwritten: the article's entry is appended to articles.yml when it is missing, a new
region gets `new-region`'s skeleton, and drafted records are appended to the end of their sections
as YAML text written here (comments and layout kept). The result is validated; if it does not pass,
every file is restored as it was and the problems are printed. Numbers the region's records
already cover are not drafted again, so running it twice adds nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from generator import models as m
from generator import scaffold
from generator.coverage import find_numbers, quote_spans
from generator.draft import Drafted, draft
from generator.load import Dataset, load
from generator.pipeline import validate
from generator.problems import drafts, errors, format_report
from generator.sources import SourceText

HELP = "draft the records of an archived article into a region file, each marked `draft: true` for review"
SECTIONS = ("facts", "events", "targets", "excluded")
_DATE = re.compile(r"(20[0-9]{2})年([0-9]{1,2})月(?:([0-9]{1,2})日)?")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def record_yaml(item: Drafted) -> str:
    """One list item, in the field order of data/README.md, with the next candidate metrics in a comment."""
    r = item.record
    fields: list[tuple[str, str]] = []
    if isinstance(r, (m.Fact, m.Target, m.Event)):
        fields.append(("id", r.id))
    if isinstance(r, m.Quantity):
        fields += [("metric", r.metric), ("value", _num(r.value))]
        fields += [("value_max", _num(r.value_max))] if r.value_max is not None else []
        fields += [("scale", _q(r.scale)), ("unit", r.unit)]
        fields += [("qualifier", r.qualifier)] if r.qualifier else []
        fields += [("written", _q(r.written))] if r.written else []
    if isinstance(r, m.Fact):
        fields.append(("period", _q(r.period)))
    if isinstance(r, m.Target):
        fields += [("deadline", _q(r.deadline)), ("status", r.status)]
    if isinstance(r, m.Event):
        fields += [("date", _q(r.date)), ("type", r.type)]
    if isinstance(r, (m.Fact, m.Target, m.Event)):
        fields += [("inferred", "true")] if r.inferred else []
        fields += [("scope", r.scope)] if r.scope else []
        fields += [("cluster", r.cluster)] if r.cluster else []
        fields += [("subject", f"{{zh: {_q(r.subject.zh)}, en: {_q(r.subject.en)}}}")] if r.subject else []
    if isinstance(r, (m.Target, m.Event)):
        fields.append(("title", f"{{zh: {_q(r.title.zh)}, en: {_q(r.title.en)}}}"))
    fields += [("source", r.source), ("quote", _q(r.quote))]
    if isinstance(r, m.Exclusion):
        fields.append(("reason", _q(r.reason)))
    fields.append(("draft", "true"))
    lines = [f"    {key}: {value}" for key, value in fields]
    if item.candidates[1:]:
        lines[1] += f"  # also fits: {', '.join(item.candidates[1:3])}"
    if isinstance(r, m.Reported) and r.reports:
        lines.append("    reports:")
        lines += [f"      - {{source: {p.source}, quote: {_q(p.quote)}}}" for p in r.reports]
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def append(text: str, section: str, items: str) -> str:
    """`items` at the end of the top-level list `section` (after its last entry, before the
    comments and blank lines that follow it); `key: []` becomes a block list; a missing key is added."""
    lines = text.splitlines(keepends=True)
    head = next((i for i, line in enumerate(lines) if re.match(rf"{section}:(\s|$)", line)), None)
    if head is None:
        return text + ("" if text.endswith("\n") else "\n") + f"\n{section}:\n" + items
    if re.match(rf"{section}:\s*\[\]\s*(#.*)?$", lines[head]):
        lines[head] = f"{section}:\n"
        return "".join([*lines[: head + 1], items, *lines[head + 1 :]])
    last = head
    for i in range(head + 1, len(lines)):
        if re.match(r"[^\s#]", lines[i]):  # the next top-level key
            break
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            last = i
    return "".join([*lines[: last + 1], items, *lines[last + 1 :]])


# ------------------------------------------------------------------------------------ the article


def draft_article(root: Path, file: str, text: SourceText, region_id: str, published: str | None) -> m.Article:
    """An entry for an article not yet in articles.yml: the whole file, its headline, its byline,
    the latest date it prints (month, inferred)."""
    lines = [line.strip() for line in text.text.splitlines()]
    title = next((line.lstrip("#").strip() for line in lines if line.startswith("#")), next((x for x in lines if x), file))
    byline = next((line for line in lines if line.lstrip("#").strip().startswith(("■", "□"))), "")
    authors = byline.lstrip("#").strip().lstrip("■□").replace("本报记者", "").split()
    dated = sorted((int(y), int(mo)) for y, mo, _ in _DATE.findall(text.stripped) if 1 <= int(mo) <= 12)
    when = published or (f"{dated[-1][0]:04d}-{dated[-1][1]:02d}" if dated else None)
    if when is None:
        raise ValueError(f"data/sources/{file} prints no date (YYYY年M月); give the page's date with --published YYYY-MM")
    basis = "Given with --published." if published else "Drafted: the latest date the text prints; check the page's own date."
    return m.Article(
        id=f"{region_id}-{Path(file).stem.split('_')[0]}-draft",
        file=file,
        lines=[(1, text.line_count)],
        kind="report",
        title=m.Bilingual(zh=title[:200], en="TODO English title"),
        published=when,
        inferred=True,
        published_basis=basis,
        authors=authors,
        draft=True,
    )


def article_yaml(a: m.Article) -> str:
    lines = [
        f"  - id: {a.id}",
        f"    file: {a.file}",
        f"    lines: [[{a.lines[0][0]}, {a.lines[0][1]}]]  # the whole file: split it if it holds several articles",
        f"    kind: {a.kind}",
        f"    title: {{zh: {_q(a.title.zh)}, en: {_q(a.title.en)}}}",
        f"    published: {_q(a.published)}",
        "    inferred: true",
        f"    published_basis: {_q(a.published_basis)}",
        f"    authors: [{', '.join(_q(x) for x in a.authors)}]",
        "    draft: true",
    ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------ the command


def covered(dataset: Dataset, region_id: str, file: str) -> set[int]:
    """Starts of the numbers the region's own records already state in this file."""
    text = dataset.texts[file]
    spans = [s for s in quote_spans(dataset).get(file, []) if s.record.startswith(f"{region_id} ")]
    return {
        start
        for start, end, number in find_numbers(text)
        if any(s.start <= start and end <= s.end and s.stated.states(number) for s in spans)
    }


def run(root: Path, source: str, region_id: str, province: str | None, name_zh: str | None, published: str | None) -> tuple[int, str]:
    """Draft, write, validate; (exit code, what to print). Restores every file on failure."""
    file = Path(source).name
    dataset, problems = load(root)
    if file not in dataset.texts:
        return 1, f"✖ data/sources/{file} is not an archived source text (save it there first: CONTRIBUTING.md)"
    saved: dict[Path, str | None] = {}
    try:
        article = next((a for a in dataset.articles.values() if a.file == file), None)
        if article is None:
            article = draft_article(root, file, dataset.texts[file], region_id, published)
            _write(saved, root / "data/sources/articles.yml", lambda t: t + ("" if t.endswith("\n") else "\n") + article_yaml(article))
        region_path = root / "data/regions" / f"{region_id}.yml"
        if region_id not in dataset.regions:
            saved.setdefault(region_path, None)
            scaffold.new_region(
                root,
                region_id,
                province or _province(dataset, dataset.texts[file].stripped),
                name_zh or _name(dataset.texts[file].stripped),
                coordinates=False,  # an article rarely says them: left out, not invented
            )
            dataset, _ = load(root)
        started = time.perf_counter()
        drafted = draft(dataset, article, region_id, covered(dataset, region_id, file))
        took = time.perf_counter() - started
        for section in SECTIONS:
            items = "".join(record_yaml(d) for d in drafted if d.kind == section)
            if items:
                _write(saved, region_path, lambda t, s=section, i=items: append(t, s, i))
    except ValueError as err:
        _restore(saved)
        return 1, f"✖ {err}"
    _, problems = validate(root)
    if errors(problems):
        _restore(saved)
        return 1, "The draft did not validate; every file is as it was. The problems:\n" + format_report(errors(problems))
    counts = {s: sum(d.kind == s for d in drafted) for s in SECTIONS}
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    return 0, (
        f"✔ drafted {summary} from {file} into data/regions/{region_id}.yml ({took * 1000:.0f} ms); each is marked `draft: true`.\n"
        f"Review each against the source, fix what is wrong, delete its `draft: true`, then `python -m generator check`:\n"
        f"{len(drafts(problems))} drafted or placeholder values are left; `mkdocs build` refuses them, `mkdocs serve` previews them."
    )


def _write(saved: dict[Path, str | None], path: Path, change: object) -> None:
    old = path.read_text(encoding="utf-8")
    saved.setdefault(path, old)
    path.write_text(change(old), encoding="utf-8")  # type: ignore[operator]


def _restore(saved: dict[Path, str | None]) -> None:
    for path, old in saved.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(old, encoding="utf-8")


def _province(dataset: Dataset, text: str) -> str | None:
    """The province the article names (江苏省), the first the text prints; None when it names
    none: the profile then leaves it out (shown as not stated) rather than guess one."""
    named = [(text.find(p.zh), p.zh) for _, p in dataset.provinces.values() if p.zh in text]
    return min(named)[1] if named else None


def _name(text: str) -> str | None:
    """The zone's name as the article prints it most often (…高新区, …经济技术开发区)."""
    names = re.findall(r"[\u4e00-\u9fff]{2,8}?(?:高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|新区)", text)
    return max(set(names), key=lambda n: (names.count(n), len(n))) if names else None


def cmd_draft(args: argparse.Namespace) -> int:
    code, message = run(args.root, args.source, args.region, args.province, args.name_zh, args.published)
    print(message)
    return code


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="FILE", help="the archived text, e.g. data/sources/002_hubin_example.txt")
    parser.add_argument("--region", required=True, help="region id (kebab-case); a new one gets a skeleton profile")
    parser.add_argument(
        "--province", help="for a new region: a name from data/provinces.yml (default: the first the article names; none: left out)"
    )
    parser.add_argument("--name-zh", help="for a new region: its full Chinese name (default: the name the article prints most)")
    parser.add_argument("--published", help="the page's date (YYYY-MM) when the text prints none")
    parser.set_defaults(run=cmd_draft)
