"""Family ``reference``: the translation against a human reference, through sacrebleu.

The translation's sentences are aligned with the reference's (both English;
the same aligner as for the source), each aligned pair is one segment, and
sacrebleu computes BLEU, chrF++ and TER over the segments: the document's
``scores["reference"]``, with sacrebleu's signatures.  ``RF001`` points at
the sentences whose chrF is far below the rest.  The reference is aligned and
the segments' statistics are computed once per document.

For a corpus, :func:`reference_stats` gives each document's summable
statistics (small, JSON-serialisable) and :func:`corpus_reference_scores` (or
:class:`ReferenceTotals`, one document at a time) the corpus scores from them,
equal to sacrebleu's ``corpus_score`` over all the segments: a corpus can be
streamed without keeping its documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from mtqa.align import reference_segments_of
from mtqa.checks.base import Check, CheckContext
from mtqa.model import Document, Finding, Severity

#: A sentence is flagged when its chrF is below this ...
RF001_MAX_CHRF = 35.0
#: ... and this far below the document's chrF.
RF001_MARGIN = 20.0
#: The metrics, as keys of :func:`reference_scores` and :func:`reference_stats`.
METRICS = ("bleu", "chrf", "ter")


def segments(doc: Document) -> list[tuple[str, str, int, int]]:
    """(hypothesis, reference, start, end) for each aligned sentence group.

    The reference is aligned once per document
    (:func:`mtqa.align.reference_segments_of`)."""
    return reference_segments_of(doc)


@cache
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return BLEU(), CHRF(word_order=2), TER()


def _segment_stats(doc: Document) -> dict[str, list[list]]:
    """sacrebleu's statistics of each aligned segment, per metric; computed once."""

    def compute(doc: Document) -> dict[str, list[list]]:
        pairs = segments(doc)
        hyps = [h for h, _, _, _ in pairs]
        refs = [[r for _, r, _, _ in pairs]]
        return {
            key: metric._extract_corpus_statistics(hyps, refs) if pairs else []
            for key, metric in zip(METRICS, _metrics())
        }

    return doc.memo("reference_stats", compute)


def _sum(rows: Iterable[list], size: int) -> list:
    total = [0] * size
    for row in rows:
        if len(row) != size:
            raise ValueError(f"statistics of length {len(row)} where {size} are expected")
        total = [a + b for a, b in zip(total, row)]
    return total


def _sizes() -> dict[str, int]:
    """The length of each metric's statistics vector."""
    bleu, chrf, _ = _metrics()
    return {"bleu": 2 + 2 * bleu.max_ngram_order,
            "chrf": 3 * (chrf.char_order + chrf.word_order),
            "ter": 2}


def _scores(totals: dict[str, list], digits: int | None) -> dict:
    out: dict = {}
    for key, metric in zip(METRICS, _metrics()):
        score = metric._compute_score_from_stats(totals[key]).score
        out[key] = round(score, digits) if digits is not None else score
        metric.num_refs = 1  # one reference per segment, always (the signature says so)
        out[f"{key}_signature"] = str(metric.get_signature())
    return out


def reference_stats(doc: Document) -> dict | None:
    """The document's summable sufficient statistics for BLEU, chrF++ and TER.

    ``{"segments": n, "bleu": [...], "chrf": [...], "ter": [...]}``: sacrebleu's
    statistics of the aligned segments, summed (JSON-serialisable).  Summing
    these over documents, with :func:`corpus_reference_scores` or
    :class:`ReferenceTotals`, gives the corpus scores without keeping the
    documents.  None when the document has no reference."""
    if not doc.reference:
        return None
    per_segment = _segment_stats(doc)
    sizes = _sizes()
    out: dict = {"segments": len(segments(doc))}
    for key in METRICS:
        out[key] = _sum(per_segment[key], sizes[key])
    return out


class ReferenceTotals:
    """Running totals of :func:`reference_stats`, for a corpus read as a stream.

    ``add(stats)`` for each document (None is skipped); ``result()`` gives
    what :func:`corpus_reference_scores` gives for the same statistics."""

    def __init__(self) -> None:
        self.documents = 0
        self.segments = 0
        self.totals = {key: [0] * size for key, size in _sizes().items()}

    def add(self, stats: dict | None) -> None:
        if stats is None:
            return
        for key in METRICS:
            self.totals[key] = _sum((self.totals[key], stats[key]), len(self.totals[key]))
        self.documents += 1
        self.segments += int(stats["segments"])

    def result(self, digits: int | None = 2) -> dict:
        """BLEU, chrF++, TER and their signatures over every segment added,
        rounded to ``digits`` (None: unrounded), with the counts of documents and
        segments; only the counts when no segment was added."""
        out = _scores(self.totals, digits) if self.segments else {}
        out["documents"] = self.documents
        out["segments"] = self.segments
        return out


def corpus_reference_scores(stats: Iterable[dict | None], digits: int | None = 2) -> dict:
    """Corpus BLEU, chrF++ and TER from the documents' :func:`reference_stats`.

    The scores are those of sacrebleu's ``corpus_score`` over all the
    documents' segments concatenated: ``{"bleu", "chrf", "ter", "bleu_signature",
    "chrf_signature", "ter_signature", "documents", "segments"}``, the scores
    rounded to ``digits`` as in a document's scores (None: unrounded)."""
    totals = ReferenceTotals()
    for item in stats:
        totals.add(item)
    return totals.result(digits)


def reference_scores(doc: Document) -> dict:
    """BLEU, chrF++ and TER of the document against its reference."""
    stats = reference_stats(doc)
    if not stats or not stats["segments"]:
        return {}
    return _scores(stats, 2)


class LowChrfSentence(Check):
    """A sentence far from its reference translation by chrF, well below the rest of the document.

    Flags:
    - (translation "She has You can read the documents." / reference "Here you can read the documents.")

    Allows:
    - (a translation close to its reference throughout)
    """

    code = "RF001"
    name = "low-chrf-sentence"
    family = "reference"
    severity = Severity.WARNING
    requires = frozenset({"reference"})
    examples_are_text = False

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        pairs = segments(doc)
        if len(pairs) < 2:
            return
        _, chrf, _ = _metrics()
        per_segment = _segment_stats(doc)["chrf"]
        document = chrf._compute_score_from_stats(_sum(per_segment, len(per_segment[0]))).score
        for (_hyp, ref, start, end), stats in zip(pairs, per_segment):
            score = chrf._compute_score_from_stats(stats).score
            if score < RF001_MAX_CHRF and document - score > RF001_MARGIN:
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"far from the reference: chrF++ {score:.1f} against {document:.1f} for the "
                    "document",
                    suggestion=ref,
                    confidence=min(0.9, 0.5 + (document - score) / 100),
                    chrf=round(score, 2),
                )


CHECKS = (LowChrfSentence,)
