"""Family ``input``: what mtqa could not do with the input it was given."""

from __future__ import annotations

from collections.abc import Iterable

from mtqa.align import alignment_of
from mtqa.checks.base import Check, CheckContext
from mtqa.model import Document, Finding, Severity


class AlignmentFailed(Check):
    """The Norwegian source and the translation could not be aligned.

    The source-aware checks (AC, UT003) need to know which sentence translates
    which; when the two texts do not line up (the wrong source, a different
    version of the article), they stay silent and this says why, rather than
    guessing.

    Flags:
    - (a source about the budget given with a translation about a ferry)

    Allows:
    - (a source and its translation, paragraphs split or merged)
    """

    code = "IN001"
    name = "alignment-failed"
    family = "input"
    severity = Severity.WARNING
    requires = frozenset({"source"})
    examples_are_text = False

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        alignment = alignment_of(doc)
        if alignment is not None and not alignment.ok:
            yield self.finding(
                doc,
                0,
                0,
                f"source-aware checks skipped: {alignment.reason}",
                suggestion="give the Norwegian source of this very article",
                confidence=0.9,
            )


CHECKS = (AlignmentFailed,)
