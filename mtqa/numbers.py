"""Numbers, amounts, dates and times, read the Norwegian way and the English way,
normalised to comparable values.

Norwegian writes ``100 000`` or ``100.000`` for a hundred thousand, ``2,5`` for
two and a half, ``3 milliarder`` for 3 billion, ``9. desember`` for December 9,
``kl. 21.30`` for 9.30 pm and ``halv ti`` for half past nine.  Each mention
becomes a :class:`Quantity` with a kind (number, date, time) and a value, so the
two sides can be compared whatever their format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

MONTHS_NB = {
    "januar": 1, "februar": 2, "mars": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "des": 12,
}
MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
SCALE_NB = {
    "tusen": 1e3, "million": 1e6, "millioner": 1e6, "mill": 1e6, "mill.": 1e6, "mln": 1e6,
    "milliard": 1e9, "milliarder": 1e9, "mrd": 1e9, "mrd.": 1e9, "billion": 1e12, "billioner": 1e12,
}
SCALE_EN = {"thousand": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "bn": 1e9,
            "billion": 1e9, "billions": 1e9, "trillion": 1e12}
WORDS_NB = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8,
            "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tjue": 20, "hundre": 100}
WORDS_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100,
            "dozen": 12, "one": 1}
TENS_EN = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90}
UNITS_EN = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9}
ORDINALS_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
               "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
               "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
               "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
               "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50}
#: Units a translator converts: a metric amount in the source may be an
#: imperial one in the English.
METRIC_NB = re.compile(
    r"^(?:\s*(?:[–-]|til|og)\s*[\d,]+)?\s*(?:km|kilomet\w*|m|met(?:er|re)\w*|cm|centimet\w*|mm|kg|kilo\w*|"
    r"gram\w*|g|tonn\w*|liter\w*|l|°\s*c|grad\w*|mil|kvadratmet\w*|km2|m2)(?!\w)",
    re.I,
)
IMPERIAL_EN = re.compile(r"\b(?:miles?|mph|feet|foot|ft|inch(?:es)?|yards?|pounds?|lbs?|ounces?|oz|gallons?|degrees?|°\s*F|fahrenheit|tons?)\b", re.I)
HOURS_NB = {"ett": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7,
            "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12}
HOURS_EN = {w: v for w, v in WORDS_EN.items() if v <= 12}


@dataclass(frozen=True)
class Quantity:
    kind: str  # number, date, time
    value: float | tuple[int, ...]
    start: int
    end: int
    text: str

    @property
    def written_in_digits(self) -> bool:
        return any(c.isdigit() for c in self.text)

    def shifted(self, offset: int) -> Quantity:
        return Quantity(self.kind, self.value, self.start + offset, self.end + offset, self.text)

    @property
    def key(self) -> tuple:
        if self.kind == "number":
            return ("number", round(float(cast(float, self.value)), 6))  # a number's value is never a tuple
        if self.kind == "time":
            hour, minute = self.value  # type: ignore[misc]
            return ("time", hour % 12, minute)  # 21.30 and 9.30 pm are the same
        return (self.kind, self.value)


_NB_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_EN_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def _nb_value(text: str) -> float:
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return float(text.replace(".", "").replace(",", ".")) if "," in text else float(text)


def _en_value(text: str) -> float:
    return float(text.replace(",", ""))


def _taken(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _scan(text: str, patterns, out: list[Quantity]) -> None:
    taken = [(q.start, q.end) for q in out]
    for regex, build in patterns:
        for m in regex.finditer(text):
            if _taken(taken, m.start(), m.end()):
                continue
            q = build(m)
            if q is not None:
                out.append(q)
                taken.append((q.start, q.end))


def _q(kind, value, m) -> Quantity:
    return Quantity(kind, value, m.start(), m.end(), m.group(0))


_NB_PATTERNS = [
    # 1800-tallet = the 19th century
    (re.compile(r"\b(\d{2})00-tall\w*", re.I),
     lambda m: _q("number", float(int(m.group(1)) + 1), m)),
    # kl. 21.30 / klokken 9 / kl 07:15
    (re.compile(r"\b(?:kl\.?|klokka|klokken)\s*(\d{1,2})(?:[.:](\d{2}))?\b", re.I),
     lambda m: _q("time", (int(m.group(1)), int(m.group(2) or 0)), m)),
    # 12:00, 3:35 (clock times and game clocks alike)
    (re.compile(r"(?<![\w:.,])(\d{1,2}):(\d{2})\b"),
     lambda m: _q("time", (int(m.group(1)), int(m.group(2))), m)),
    # halv ti = 9.30
    (re.compile(r"\bhalv\s+(" + "|".join(HOURS_NB) + r")\b", re.I),
     lambda m: _q("time", ((HOURS_NB[m.group(1).lower()] - 1) % 12, 30), m)),
    # 9. desember (2021)
    (re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(sorted(MONTHS_NB, key=len, reverse=True)) + r")\b", re.I),
     lambda m: _q("date", (MONTHS_NB[m.group(2).lower()], int(m.group(1))), m)),
    # 3 milliarder, kr 200 millioner, 2,5 mill.
    (re.compile(r"(" + _NB_NUMBER + r")\s*(" + "|".join(re.escape(k) for k in sorted(SCALE_NB, key=len, reverse=True)) + r")(?!\w)", re.I),
     lambda m: _q("number", _nb_value(m.group(1)) * SCALE_NB[m.group(2).lower()], m)),
    (re.compile(r"(?<![\w,.])(" + _NB_NUMBER + r")(?![\w]|,\d|\.\d)"),
     lambda m: _q("number", _nb_value(m.group(1)), m)),
]

_EN_PATTERNS = [
    # 9:30 pm, 21:30, 9.30pm, 9 pm
    (re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?(?!\w)", re.I),
     lambda m: _q("time", (int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0), int(m.group(2) or 0)), m)),
    (re.compile(r"\b(\d{1,2}):(\d{2})\b"),
     lambda m: _q("time", (int(m.group(1)), int(m.group(2))), m)),
    (re.compile(r"\bhalf\s+past\s+(" + "|".join(HOURS_EN) + r")\b", re.I),
     lambda m: _q("time", (HOURS_EN[m.group(1).lower()], 30), m)),
    # December 9, 9 December, 9th of December
    (re.compile(r"\b(" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I),
     lambda m: _q("date", (MONTHS_EN[m.group(1).lower()], int(m.group(2))), m)),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + "|".join(sorted(MONTHS_EN, key=len, reverse=True)) + r")\b\.?", re.I),
     lambda m: _q("date", (MONTHS_EN[m.group(2).lower()], int(m.group(1))), m)),
    # fifty-eight, twenty one
    (re.compile(r"\b(" + "|".join(TENS_EN) + r")[\s-](" + "|".join(UNITS_EN) + r")\b", re.I),
     lambda m: _q("number", float(TENS_EN[m.group(1).lower()] + UNITS_EN[m.group(2).lower()]), m)),
    # 17th, 1st
    (re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)\b", re.I),
     lambda m: _q("number", float(m.group(1)), m)),
    (re.compile(r"(" + _EN_NUMBER + r")\s*(" + "|".join(sorted(SCALE_EN, key=len, reverse=True)) + r")\b", re.I),
     lambda m: _q("number", _en_value(m.group(1)) * SCALE_EN[m.group(2).lower()], m)),
    (re.compile(r"(?<![\w.,])(" + _EN_NUMBER + r")(?![\w]|\.\d|,\d)"),
     lambda m: _q("number", _en_value(m.group(1)), m)),
]

_NB_WORD = re.compile(r"\b(" + "|".join(WORDS_NB) + r")\b", re.I)
_EN_WORDS = WORDS_EN | TENS_EN | ORDINALS_EN
_EN_WORD = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.I)


def norwegian_quantities(text: str, words: bool = False) -> list[Quantity]:
    out: list[Quantity] = []
    _scan(text, _NB_PATTERNS, out)
    if words:
        _scan(text, [(_NB_WORD, lambda m: _q("number", WORDS_NB[m.group(1).lower()], m))], out)
    return sorted(out, key=lambda q: q.start)


def english_quantities(text: str, words: bool = True) -> list[Quantity]:
    out: list[Quantity] = []
    _scan(text, _EN_PATTERNS, out)
    if words:
        _scan(text, [(_EN_WORD, lambda m: _q("number", _EN_WORDS[m.group(1).lower()], m))], out)
    return sorted(out, key=lambda q: q.start)
