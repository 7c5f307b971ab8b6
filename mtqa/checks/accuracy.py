"""Family ``accuracy``: the meaning changed against the Norwegian source.

These checks need the source; they run on the sentence alignment of
:mod:`mtqa.align` and stay silent where the alignment failed (``IN001`` says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.align import sentence_pairs
from mtqa.checks.base import Check
from mtqa.model import Document, Finding, Severity
from mtqa.numbers import IMPERIAL_EN, METRIC_NB, english_quantities, norwegian_quantities

_DESCRIBE = {"number": "number", "date": "date", "time": "time"}


def _beads(doc: Document):
    """Every sentence bead, omissions and additions included; none when the
    alignment failed."""
    alignment = doc.alignment()
    return alignment.sentences if alignment is not None and alignment.ok else []


class NumberMismatch(Check):
    """A number, amount, date or time of the source that the translation changed or lost.

    Norwegian formats are read as Norwegians write them (``100 000``,
    ``2,5 prosent``, ``3 milliarder`` = 3 billion, ``9. desember``,
    ``kl. 21.30``, ``halv ti`` = half past nine) and compared with the
    aligned English sentence, whatever its format.

    Flags:
    - (source "Russland har flyttet over 100 000 soldater." / translation "Russia has moved more than 10,000 soldiers.")

    Allows:
    - (source "Russland har flyttet over 100 000 soldater." / translation "Russia has moved more than 100,000 soldiers.")
    """

    code = "AC001"
    name = "number-mismatch"
    family = "accuracy"
    severity = Severity.ERROR
    requires = frozenset({"source"})
    examples_are_text = False

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        source = doc.source or ""
        for bead, _ in sentence_pairs(doc):
            target_quantities = [
                q.shifted(t.start)
                for t in bead.target
                for q in english_quantities(doc.text[t.start : t.end])
            ]
            groups = [g for t in bead.target for g in re.findall(r"\d+", doc.text[t.start : t.end])]
            # Digits written another way: "WW1", "116 123" as two groups.
            target_digits = set(groups) | {a + b for a, b in zip(groups, groups[1:])}
            target_text = " ".join(doc.text[t.start : t.end] for t in bead.target)
            source_quantities = []
            for s in bead.source:
                text = source[s.start : s.end]
                for q in norwegian_quantities(text):
                    if METRIC_NB.match(text[q.end :]) and IMPERIAL_EN.search(target_text):
                        continue  # converted: 210 km -> 130 miles
                    source_quantities.append(q)
            unmatched_target = list(target_quantities)
            missing = []
            for q in source_quantities:
                twin = next((t for t in unmatched_target if t.key == q.key), None)
                if twin is not None:
                    unmatched_target.remove(twin)
                elif q.kind == "number" and re.sub(r"\D", "", q.text) in target_digits:
                    continue  # written another way ("WW1", "116 123" as two groups)
                else:
                    missing.append(q)
            for q in missing:
                # Only a number written in digits on both sides counts as changed.
                changed = next(
                    (t for t in unmatched_target if t.kind == q.kind and t.written_in_digits), None
                )
                what = _DESCRIBE[q.kind]
                if changed is not None:
                    unmatched_target.remove(changed)
                    yield self.finding(
                        doc,
                        changed.start,
                        changed.end,
                        f"the source has the {what} '{q.text}' where the translation says "
                        f"'{changed.text}'",
                        suggestion=f"check against the source: '{q.text}'",
                        confidence=0.85,
                        source_text=q.text,
                    )
                else:
                    end = bead.target[-1].end
                    yield self.finding(
                        doc,
                        end,
                        end,
                        f"the source's {what} '{q.text}' is missing from the translation",
                        suggestion=f"add '{q.text}' as in the source",
                        confidence=0.75,
                        source_text=q.text,
                    )


class OmittedText(Check):
    """A source sentence with nothing in the translation that corresponds to it.

    The gap comes from the sentence alignment, which repairs its own slips
    first: a sentence that looks omitted only because a long neighbour took
    its translation (the neighbour's extra sentence shares its names or
    numbers, and its length fits) is paired back.  A short omitted sentence
    is a warning (it may be an alignment artefact), a long one an error.

    Flags:
    - (a source paragraph of three sentences translated as two)

    Allows:
    - (every source sentence translated, even when two were merged into one)
    - (a long source sentence translated briefly, beside one whose translation it would otherwise take)
    """

    code = "AC002"
    name = "omitted-text"
    family = "accuracy"
    severity = Severity.ERROR
    variable_severity = True  # a short omission may be an alignment artefact
    requires = frozenset({"source"})
    examples_are_text = False
    MIN_WORDS = 4
    ERROR_WORDS = 8

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        source = doc.source or ""
        beads = _beads(doc)
        position = 0
        for bead in beads:
            if bead.target:
                position = bead.target[-1].end
                continue
            text = " ".join(source[s.start : s.end] for s in bead.source)
            if len(text.split()) < self.MIN_WORDS:
                continue
            words = sum(1 for w in text.split() if any(c.isalpha() for c in w))
            yield self.finding(
                doc,
                position,
                position,
                f"this source sentence has no translation: '{text[:120]}'",
                # A short sentence may be an alignment artefact; a long one is not.
                severity=Severity.ERROR if words >= self.ERROR_WORDS else Severity.WARNING,
                suggestion="translate the omitted sentence",
                confidence=min(0.9, 0.4 + 0.05 * words),
                source_text=text,
            )


class AddedText(Check):
    """A translated sentence with nothing in the source that corresponds to it.

    Flags:
    - (a translation with a sentence the source does not have)

    Allows:
    - (a translation that splits one source sentence into two)
    """

    code = "AC003"
    name = "added-text"
    family = "accuracy"
    severity = Severity.WARNING
    requires = frozenset({"source"})
    examples_are_text = False
    MIN_WORDS = 4

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        beads = _beads(doc)
        for bead in beads:
            if bead.source or not bead.target:
                continue
            start, end = bead.target[0].start, bead.target[-1].end
            if len(doc.text[start:end].split()) < self.MIN_WORDS:
                continue
            yield self.finding(
                doc,
                start,
                end,
                "this sentence has no counterpart in the source",
                suggestion="remove it, or check that the source is complete",
                confidence=0.6,
            )


CHECKS = (NumberMismatch, OmittedText, AddedText)
