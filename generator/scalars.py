"""The scalar types of the data files: text, numbers, amounts, ids, coordinates, dates, periods,
scale words and qualifiers — each with the message and hint a contributor needs when a value is not
one (`Refusal` carries the hint).

They refuse the YAML 1.1 surprises that the reader (`yamlsafe.py`) marked as `Bare` (unquoted
numbers and dates) where text is expected.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from generator.files import SOURCE_FILE_RE
from generator.problems import excerpt
from generator.yamlsafe import Bare


def _text(value: Any) -> Any:
    if isinstance(value, Bare):
        what = "a date" if value.kind == "date" else f"the number {value.value!r}"
        raise ValueError(f'unquoted {value.text} is read by YAML as {what}; quote it ("{value.text}") to keep it as text')
    if isinstance(value, str) and not value.strip():
        raise ValueError("empty text")
    return value


class Refusal(ValueError):
    """A value a validator refuses, and the hint that says how to write it (load.py shows both)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _number(value: Any) -> Any:
    if isinstance(value, Bare) and value.kind == "number":
        return value.value
    if isinstance(value, bool):  # a bool is an int in Python: `value: true` must not become 1.0
        raise ValueError(f"expected a number, got {str(value).lower()}")
    if isinstance(value, str):
        raise ValueError(f"'{excerpt(value)}' is text; write the number alone in digits")
    return value


def _amount(value: Any) -> Any:
    """A fact's value: as _number; load.py adds the hint for '5200亿' (`amount_hint`)."""
    if isinstance(value, str):
        raise Refusal(f"'{excerpt(value)}' is text, not a number", amount_hint(value, None))
    return _number(value)


def amount_hint(text: str, scale: str | None) -> str:
    """How to write a value given as text ('5200亿', '超5,200万元'), knowing the record's `scale`:
    the scale word goes in `scale`, or away when `scale` already says it."""
    found = _AMOUNT.fullmatch("".join(text.split()))
    if found is None:
        return "write the number alone in digits (e.g. 5200), the scale word (万, 亿…) in `scale` and the unit in `unit`"
    number, word = found["number"].replace(",", ""), found["scale"] or ""
    if word and word == scale:
        hint = f"remove {word} from the value, since `scale: {word}` already says it: value: {number}"
    elif word and scale:
        hint = f"write value: {number}, and in `scale` the word printed after the number ({word}, not {scale})"
    else:
        hint = f"write value: {number}" + (f" and scale: {word}" if word else "")
    if found["qualifier"]:
        hint += f", qualifier: {found['qualifier']}"
    return hint + ("; the unit goes in `unit`" if found["rest"] else "")


def _whole(value: Any) -> Any:
    if isinstance(value, Bare) and value.kind == "number" and isinstance(value.value, int):
        return value.value
    if isinstance(value, Bare):
        raise ValueError(f"expected a whole number, got {value.text}")
    return value


def _date_text(value: Any) -> Any:
    if isinstance(value, Bare):
        return value.text  # dates may be written bare: we keep them as written
    if isinstance(value, int):
        return str(value)
    return value


def _between(low: float, high: float, what: str, hint: str) -> Any:
    def check(value: float) -> float:
        if not low <= value <= high:
            raise Refusal(f"{what} {value:g} is outside {low:g} to {high:g}", hint)
        return value

    return AfterValidator(check)


Text = Annotated[str, BeforeValidator(_text)]
Number = Annotated[float, BeforeValidator(_number)]
# A value as printed, before its scale word, is never near 10¹⁵ (that is 1000万亿 yuan with no scale
# word); 1.0e+300 was accepted, printed with 300 digits in messages, and normalized to inf.
MAX_AMOUNT = 1e15
Amount = Annotated[
    float,
    BeforeValidator(_amount),
    _between(-MAX_AMOUNT, MAX_AMOUNT, "value", "write the number as printed, its scale word in `scale`: 5200 with scale: 亿 for 5200亿"),
]
Flag = Annotated[bool, Field(strict=True)]  # only true/false: a quoted "yes" is not a yes
Int = Annotated[int, BeforeValidator(_whole), Field(strict=True)]
# An id becomes a file name, a URL and an anchor: a bound keeps each of them workable (the longest
# id in the data is 47 characters; a 255-byte file name is the usual file system limit).
MAX_ID = 80
KebabId = Annotated[str, BeforeValidator(_text), Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=MAX_ID)]
SnakeId = Annotated[str, BeforeValidator(_text), Field(pattern=r"^[a-z0-9]+(_[a-z0-9]+)*$", max_length=MAX_ID)]
SourceFile = Annotated[str, BeforeValidator(_text), Field(pattern=SOURCE_FILE_RE)]
_SWAPPED = "coordinates are [latitude, longitude], e.g. [39.79, 116.51]; are the two swapped?"
# the bounds in the JSON Schema for editors, and checked by `_between` for a message that says which
Latitude = Annotated[
    float, BeforeValidator(_number), _between(-90, 90, "latitude", _SWAPPED), Field(json_schema_extra={"minimum": -90, "maximum": 90})
]
Longitude = Annotated[
    float, BeforeValidator(_number), _between(-180, 180, "longitude", _SWAPPED), Field(json_schema_extra={"minimum": -180, "maximum": 180})
]

# A tile map's row or column (generator/pages/tilemap.py): China's provinces fit in 8 × 8; the bound
# keeps a typo (row 100) from drawing a page of empty grid.
MAX_TILE = 12
TileIndex = Annotated[
    int,
    BeforeValidator(_whole),
    Field(strict=True, json_schema_extra={"minimum": 1, "maximum": MAX_TILE}),
    _between(1, MAX_TILE, "tile row or column", f"rows and columns count from 1, at the north-west, up to {MAX_TILE}"),
]

DATE_RE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DateText = Annotated[str, BeforeValidator(_date_text), Field(pattern=DATE_RE)]
_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
PERIOD_RE = rf"^(\.\./{_DATE}|{_DATE}(/{_DATE})?)$"  # a date, start/end, or ../end
PeriodText = Annotated[str, BeforeValidator(_date_text), Field(pattern=PERIOD_RE)]

SCALES: dict[str, int] = {
    "": 1,
    "十": 10,
    "百": 100,
    "千": 1_000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
    "十亿": 1_000_000_000,
    "百亿": 10_000_000_000,
    "千亿": 100_000_000_000,
    "万亿": 1_000_000_000_000,
}
Scale = Literal["", "十", "百", "千", "万", "十万", "百万", "千万", "亿", "十亿", "百亿", "千亿", "万亿"]

# The qualifier as printed, and what it means (shown to readers via the message catalog).
QUALIFIERS: dict[str, str] = {
    "超": "over",
    "超过": "over",
    "突破": "over",
    "首次突破": "over",
    "逾": "over",
    "余": "more_than",
    "多": "more_than",
    "以上": "at_least",
    "至少": "at_least",
    "近": "nearly",
    "约": "about",
    "左右": "about",
    "达": "exact",
    "达到": "exact",
    "高达": "exact",
    "最高": "up_to",
}
_SCALE_WORD = "|".join(sorted((w for w in SCALES if w), key=len, reverse=True))  # longest first: 万亿 before 万
_QUALIFIER_WORD = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
# a value written with what belongs in other fields: 超5,200多亿元 → qualifier, number, scale, unit
_AMOUNT = re.compile(
    rf"(?P<qualifier>{_QUALIFIER_WORD})?(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)(?:多|余)?(?P<scale>{_SCALE_WORD})?(?P<rest>.*)"
)
Qualifier = Literal["超", "超过", "突破", "首次突破", "逾", "余", "多", "以上", "至少", "近", "约", "左右", "达", "达到", "高达", "最高"]
