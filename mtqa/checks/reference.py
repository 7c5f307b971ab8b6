"""Family ``reference``: the translation against a human reference, through sacrebleu.

The translation's sentences are aligned with the reference's (both English;
the same aligner as for the source), each aligned pair is one segment, and
sacrebleu computes BLEU, chrF++ and TER over the segments: the document's
``scores["reference"]``, with sacrebleu's signatures.  ``RF001`` points at
the sentences whose chrF is far below the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from mtqa.checks.base import Check
from mtqa.model import Document, Finding, Severity

#: A sentence is flagged when its chrF is below this ...
RF001_MAX_CHRF = 35.0
#: ... and this far below the document's chrF.
RF001_MARGIN = 20.0


def segments(doc: Document) -> list[tuple[str, str, int, int]]:
    """(hypothesis, reference, start, end) for each aligned sentence group."""
    from mtqa.align import align_units

    reference = doc.reference or ""
    hyp_sents = doc.text_sentences()
    ref_doc = Document(id=f"{doc.id} (reference)", text=reference)
    ref_sents = ref_doc.text_sentences()
    hyps = [doc.text[s.start : s.end] for s in hyp_sents]
    refs = [reference[s.start : s.end] for s in ref_sents]
    out = []
    for r_idx, h_idx, _ in align_units(refs, hyps):
        if not h_idx:
            continue
        start, end = hyp_sents[h_idx[0]].start, hyp_sents[h_idx[-1]].end
        out.append((doc.text[start:end], " ".join(refs[i] for i in r_idx), start, end))
    return out


@cache
def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return BLEU(), CHRF(word_order=2), TER(), CHRF(word_order=2)


def reference_scores(doc: Document) -> dict:
    """BLEU, chrF++ and TER of the document against its reference."""
    pairs = segments(doc)
    if not pairs:
        return {}
    bleu, chrf, ter, _ = _metrics()
    hyps = [h for h, _, _, _ in pairs]
    refs = [[r for _, r, _, _ in pairs]]
    out = {}
    for key, metric in (("bleu", bleu), ("chrf", chrf), ("ter", ter)):
        score = metric.corpus_score(hyps, refs)
        out[key] = round(score.score, 2)
        out[f"{key}_signature"] = str(metric.get_signature())
    return out


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

    def run(self, doc: Document, ctx) -> Iterable[Finding]:
        pairs = segments(doc)
        if len(pairs) < 2:
            return
        _, chrf, _, sentence_chrf = _metrics()
        document = chrf.corpus_score([h for h, _, _, _ in pairs], [[r for _, r, _, _ in pairs]]).score
        for hyp, ref, start, end in pairs:
            score = sentence_chrf.sentence_score(hyp, [ref]).score
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
