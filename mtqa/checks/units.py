"""Units of a translation file (XLIFF, TMX, TSV) left without a translation.

The loader (:mod:`mtqa.loaders.bilingual`) keeps such a unit out of the
article text and records where it belongs; this check reports each one, so a
file with half its units untranslated cannot pass the gate without a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from mtqa.checks.base import Check, CheckContext
from mtqa.loaders.bilingual import UNTRANSLATED_KEY
from mtqa.model import Document, Finding, Severity

_SHOWN = 80


class UntranslatedUnit(Check):
    """A unit of a translation file whose target is empty or missing: its text is not in the article.

    Reported at the unit's line in the file.  A unit marked not to be
    translated (XLIFF ``translate="no"``) is left alone, and so is one whose
    state says it is not final yet (``new``, ``needs-translation``, XLIFF 2's
    ``initial``): a note on the document counts those.

    Flags:
    - (an XLIFF unit with a source and an empty or missing target)

    Allows:
    - (a unit with translate="no", or with state="new")
    """

    code = "UT005"
    name = "untranslated-unit"
    family = "untranslated"
    severity = Severity.ERROR
    #: The examples above describe translation files: tests/cases/UT005.yml holds them.
    examples_are_text = False

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        for unit in doc.meta.get(UNTRANSLATED_KEY, ()):
            source = " ".join(unit["source"].split())
            shown = source if len(source) <= _SHOWN else source[: _SHOWN - 1] + "…"
            label = f"unit {unit['id']!r}" if unit["id"] else "a unit"
            finding = self.finding(
                doc,
                unit["offset"],
                unit["offset"],
                f"{label} has no translation (its target is empty or missing)"
                + (f": the source {shown!r} is not in the article" if shown else ""),
                suggestion="translate the unit, or mark it translate=\"no\" if it is not to be translated",
                confidence=0.95,
                unit=unit["id"],
            )
            # the unit's own line in the file, not the line of the text before it
            yield replace(finding, line=unit["line"] or finding.line, column=1)


CHECKS = (UntranslatedUnit,)
