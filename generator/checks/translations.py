"""Translations: every quote a reader is shown has its English translation beside it (`quote_en`),
for the English edition, which shows it under the Chinese original; every article's authors are
named in pinyin too (`authors_en`).

Warnings, not errors: a new record is checked and previewed without one (its English pages show
the Chinese alone), but `mkdocs build --strict` and CI refuse to let it stay that way. Exclusions
are not checked: they quote a bare number for curators and no page shows them.

The rule holds once the data has begun translating: a data set with no `quote_en` anywhere (the
validator's test fixtures, a project that publishes the Chinese edition only) is not asked for
hundreds of them; one translation anywhere and every quote needs its own. The same goes for
`authors_en`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from generator import models as m
from generator.checks.registry import check, printings
from generator.load import Dataset
from generator.problems import Problem, excerpt


@functools.lru_cache(maxsize=1)  # per dataset (compared by identity), asked once per record
def _translating(dataset: Dataset) -> bool:
    """Whether any quote of the data has its translation."""
    return any(isinstance(p, m.Evidence) and p.quote_en for _region, _kind, p in printings(dataset))


@check(scope="record", kinds=("facts", "targets", "events", "clusters"), severity="warning")
def quotes_translated(dataset: Dataset, _region: m.Region, record: m.Evidence) -> Iterator[Problem]:
    """Each printing of the record (its own quote and each further report) has a `quote_en`."""
    if not _translating(dataset):
        return
    for printing in record.printings() if isinstance(record, m.Reported) else [record]:
        if not printing.quote_en:
            yield dataset.problem(
                printing,
                ("quote",),
                f"quote '{excerpt(printing.quote)}' has no English translation: English readers cannot check it",
                "add `quote_en:` under `quote:`, a short faithful translation of exactly the quoted Chinese:"
                " numbers as printed, scale in English (5200亿元 → 520 billion yuan), 近/超 as nearly/over",
                "translation",
            )


@functools.lru_cache(maxsize=1)  # per dataset: asked once per article (10,000 articles: once, not 10⁸ times)
def _naming(dataset: Dataset) -> bool:
    """Whether any article names its authors in pinyin."""
    return any(a.authors_en for a in dataset.articles.values())


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@check(scope="record", kinds=("articles",), severity="warning")
def authors_in_pinyin(dataset: Dataset, _region: None, article: m.Article) -> Iterator[Problem]:
    """An article with authors names each in pinyin too (`authors_en`, one per author, in order),
    once any article does: the English edition shows them so."""
    if not _naming(dataset):
        return
    if len(article.authors_en) != len(article.authors):
        yield dataset.problem(
            article,
            ("authors",),
            f"{len(article.authors)} author(s) but {len(article.authors_en)} name(s) in `authors_en`: the English edition"
            " names each author in pinyin",
            "add `authors_en:` under `authors:`, one name per author in the same order, surname first (涂铭 → Tu Ming)",
            "translation",
        )
        return
    for index, name in enumerate(article.authors_en):
        if _HAN.search(name):
            yield dataset.problem(
                article,
                ("authors_en", index),
                f"'{excerpt(name)}' is written in characters: `authors_en` names each author in pinyin",
                "surname first, each part capitalised (涂铭 → Tu Ming, 欧阳修 → Ouyang Xiu)",
                "translation",
            )
