"""The colours of mtqa's output, in one place: per family, per severity, and the fluency bands.

Every renderer (terminal, HTML, the notebook view) and the plots read them from
here; nothing else in the package names a family's colour or a band's limit.
Plain data: terminal colours are Rich style names, the others CSS hex colours
(matplotlib reads them as they are).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from mtqa.model import FAMILIES, Severity


class FamilyColors(NamedTuple):
    #: Rich style of the family's name and of its span in the terminal.
    terminal: str
    #: HTML: the highlight behind a span (light).
    background: str
    #: HTML: the span's underline and outline, the swatch's border; the plots' bar (dark).
    accent: str


#: Per family (:data:`mtqa.model.FAMILIES`), in that order: the HTML style sheet follows it.
FAMILY_COLORS: dict[str, FamilyColors] = {
    "names": FamilyColors("magenta", "#f3d1f4", "#8e24aa"),
    "pronoun": FamilyColors("magenta", "#e1d5fb", "#5e35b1"),
    "idiom": FamilyColors("bright_red", "#ffd3cc", "#d84315"),
    "untranslated": FamilyColors("bright_yellow", "#fff1a8", "#a68a00"),
    "grammar": FamilyColors("yellow", "#ffe0b2", "#ef6c00"),
    "boilerplate": FamilyColors("blue", "#cfe3ff", "#1565c0"),
    "fluency": FamilyColors("green", "#d4f0d0", "#2e7d32"),
    "encoding": FamilyColors("bright_magenta", "#f8cde0", "#ad1457"),
    "accuracy": FamilyColors("red", "#ffcdd2", "#c62828"),
    "reference": FamilyColors("cyan", "#c8f0f0", "#00838f"),
    "input": FamilyColors("white", "#e0e0e0", "#424242"),
}
#: A family mtqa does not know (a plugin's): no terminal colour, grey elsewhere.
OTHER_FAMILY = FamilyColors("", "#e8e8e8", "#555")

assert tuple(FAMILY_COLORS) == FAMILIES, "a family without colours, or out of order"


def family_colors(family: str) -> FamilyColors:
    return FAMILY_COLORS.get(family, OTHER_FAMILY)


class SeverityColors(NamedTuple):
    #: Rich style in the terminal.
    terminal: str
    #: Text colour in HTML; the plots' marks and limit lines.
    color: str


SEVERITY_COLORS: dict[Severity, SeverityColors] = {
    Severity.ERROR: SeverityColors("bold red", "#c62828"),
    Severity.WARNING: SeverityColors("yellow", "#b26a00"),
    Severity.INFO: SeverityColors("cyan", "#0277bd"),
}


class FluencyBand(NamedTuple):
    #: ``bad``, ``weak`` or ``good``; the HTML class of a sentence is ``flu-<name>``.
    name: str
    #: The band holds the scores (0-100) below this and at or above the band before it.
    below: float
    #: Rich style of a score in the terminal.
    terminal: str
    #: A sentence's cell in the HTML fluency band and its bar in the plot.
    fill: str
    #: The mark before a sentence in the HTML text (None: no mark).
    mark: str | None
    #: The plot's dashed line at the band's upper limit (None: no line).
    line: str | None


BAND_BAD = FluencyBand("bad", 5.0, "red", "#e53935", "#455a64", SEVERITY_COLORS[Severity.ERROR].color)
BAND_WEAK = FluencyBand("weak", 25.0, "yellow", "#ffb74d", "#b0bec5", SEVERITY_COLORS[Severity.WARNING].color)
BAND_GOOD = FluencyBand("good", math.inf, "green", "#81c784", None, None)
#: Lowest first; the last one has no upper limit.
FLUENCY_BANDS = (BAND_BAD, BAND_WEAK, BAND_GOOD)
#: A sentence without a score (reference model off) in the HTML band and the plot.
FLUENCY_UNSCORED = "#e0e0e0"
#: The plot's bars when fluency was not scored (findings per sentence).
NEUTRAL = "#90a4ae"


def fluency_band(score: float) -> FluencyBand:
    """The band of a 0-100 fluency score (NaN: the top one, as ``score < limit`` is false)."""
    for band in FLUENCY_BANDS:
        if score < band.below:
            return band
    return FLUENCY_BANDS[-1]
