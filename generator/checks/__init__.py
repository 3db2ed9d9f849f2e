"""Checks of meaning on a structurally valid `Dataset`: a registry of small named checks.

Structure (types, fields, YAML traps) was already checked by `load.py`. Each check yields
`Problem`s and nothing else; `registry.py` says how a check declares its scope and severity and how
a crash inside one becomes a reported problem. The checks, by subject:
  ids.py         unique, not reserved for generated pages, region file names
  references.py  every id a record names exists and agrees with it
  dates.py       real dates, plausible years, periods in order
  quotes.py      quotes in their articles; numbers, scale words and qualifiers in their quotes
  measures.py    each quote's markers against its metric's dimensions; comparable = one measure
  values.py      no negative counts or sums; placeholders left by `new-region`, records marked by `draft` (drafts)
  translations.py  every quote a reader is shown has its English translation; authors in pinyin (warnings)
A new check is a function in one of these (or a new module imported below) with `@check(...)`.
"""

from __future__ import annotations

from generator.checks import dates, ids, measures, quotes, references, translations, values
from generator.checks.registry import CHECKS, Check, check, choices, printings, quantities, quoted_records, records, run_checks

__all__ = ["CHECKS", "Check", "check", "choices", "dates", "ids", "measures", "printings", "quantities", "quoted_records", "quotes"]
__all__ += ["records"]
__all__ += ["references", "run_checks", "translations", "values"]
