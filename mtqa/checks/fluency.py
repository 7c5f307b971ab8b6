"""Family ``fluency``: what the reference language model finds hard to read.

Both checks read the scores of :mod:`mtqa.scoring` (one forward pass per
article; ``ctx.scorer``), calibrated on clean human-written news
(``mtqa/data/fluency_calibration.yaml``).  With a model that has no calibration
they make no findings (``mtqa model info`` says so); with ``--no-fluency`` they
are skipped with a note.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable

from mtqa.checks.base import Check, CheckContext, fold_into_idiom_findings
from mtqa.model import Document, Finding, Severity

#: A sentence must score this far (in nats per token) below its article's median
#: sentence as well, when the article has at least MIN_PEERS other sentences.
ARTICLE_MARGIN = 1.0
MIN_PEERS = 4
#: A garbled span's neighbours join it when their own excess is this share of the threshold.
SPAN_SHARE = 0.5


def _scores(doc: Document, ctx: CheckContext):
    scores = ctx.scorer.document_scores(doc)
    return scores if scores.calibrated else None


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 1 < len(letters) <= 5 and all(c.isupper() for c in letters)


def judged_words(doc: Document, sentence) -> list:
    """The words of a scored sentence that FL002 judges (and its calibration counts)."""
    if not getattr(sentence, "judged", True):
        return []
    block_start = doc.blocks[sentence.block].start
    return [
        w for w in sentence.words
        if w.known and w.start > block_start and not _is_acronym(doc.text[w.start : w.end])
    ]


class LowFluencySentence(Check):
    """A sentence far less fluent than human-written news and than the rest of its article.

    The sentence's score is its SLOR (log-probability under the reference model
    less the unigram log-probability of its words, per token, so that rare words
    do not count against it; a name, a number or a hyphenated compound counts as
    explained by its form) less the unexplained surprisal of its worst word,
    calibrated as a percentile of the sentences of clean human-written news: the
    fluency shown, 0-100, is the share of those sentences this one reads better
    than (50: a typical news sentence; 1: worse than 99 in 100).  Flagged:
    sentences below the calibration's threshold (fluency under 1) that are also
    well below the median sentence of their own article.  Headlines, headings
    and captions are not judged.

    Flags:
    - The minister said that she has You can read the documents on the ministry's website.
    - The council approved the budget after a long debate, Based on two documents released by the ministry on Friday.

    Allows:
    - The minister said that you can read the documents on the ministry's website.
    - The council approved the budget on Tuesday after a long debate about school funding.
    """

    code = "FL001"
    name = "low-fluency-sentence"
    family = "fluency"
    severity = Severity.WARNING
    requires = frozenset({"model"})

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        scores = _scores(doc, ctx)
        if scores is None:
            return
        limit = ctx.scorer.calibration.thresholds.get("fl001_max_fluency", 1.0)
        sentences = scores.sentences
        for sentence in sentences:
            if sentence.fluency is None or sentence.fluency >= limit or not sentence.judged:
                continue
            peers = [s.score for s in sentences if s is not sentence]
            if len(peers) >= MIN_PEERS and sentence.score > statistics.median(peers) - ARTICLE_MARGIN:
                continue
            confidence = 0.6 if sentence.fluency > limit / 2 else 0.75
            yield self.finding(
                doc,
                sentence.start,
                sentence.end,
                f"reads as less fluent than {100 - sentence.fluency:.1f}% of human-written news "
                f"(fluency {sentence.fluency:.1f}/100, {sentence.nll:.2f} nats/token)",
                suggestion="reread it against the source and rewrite it",
                confidence=confidence,
                fluency=round(sentence.fluency, 2),
                slor=round(sentence.slor, 3),
                nll=round(sentence.nll, 3),
            )


class GarbledSpan(Check):
    """Words the reference model finds far more surprising than their rarity explains.

    For each word, its surprisal under the model (in context, over the whole
    article) less its surprisal as a unigram (wordfreq): what is left is what
    the context does not explain.  A run of words whose excess is above the
    calibrated threshold (exceeded by about 1 word in 1,000 of clean human-
    written news) is a garbled span: a pronoun where an adverb belongs, a
    capital in mid-sentence, a word that does not fit.  Names and rare words
    (unknown to wordfreq), acronyms and the first word of a block are not
    judged.  When an idiom check reports the same span, this one's evidence
    goes into that finding (``extra.surprisal``) instead of a second finding.

    Flags:
    - The minister said that she has You can read the documents on the ministry's website.

    Allows:
    - The minister said that you can read the documents on the ministry's website.
    - Foreign Minister Anniken Huitfeldt met Antony Blinken in Washington on Friday.
    """

    code = "FL002"
    name = "garbled-span"
    family = "fluency"
    severity = Severity.WARNING
    requires = frozenset({"model"})

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        scores = _scores(doc, ctx)
        if scores is None:
            return
        threshold = ctx.scorer.calibration.thresholds.get("fl002_min_excess")
        if threshold is None:
            return
        for sentence in scores.sentences:
            judged = judged_words(doc, sentence)
            spikes = [i for i, w in enumerate(judged) if w.excess >= threshold]
            used: set[int] = set()
            for i in spikes:
                if i in used:
                    continue
                lo = hi = i
                while lo > 0 and judged[lo - 1].excess >= SPAN_SHARE * threshold:
                    lo -= 1
                while hi + 1 < len(judged) and judged[hi + 1].excess >= SPAN_SHARE * threshold:
                    hi += 1
                used.update(range(lo, hi + 1))
                run = judged[lo : hi + 1]
                peak = max(run, key=lambda w: w.excess)
                start, end = run[0].start, run[-1].end
                yield self.finding(
                    doc,
                    start,
                    end,
                    f"the reference model finds {doc.text[start:end]!r} very unlikely here: "
                    f"{peak.excess:.1f} nats more surprising than its frequency explains",
                    suggestion="check this against the source: the wording is probably garbled",
                    confidence=0.6 if peak.excess < 1.5 * threshold else 0.75,
                    surprisal=round(peak.surprisal, 2),
                    excess=round(peak.excess, 2),
                )


def _absorb_surprisal(host: Finding, f: Finding) -> None:
    prior = host.extra.get("surprisal")
    if prior is None or f.extra.get("surprisal", 0) > prior:
        host.extra["surprisal"] = f.extra.get("surprisal")
        host.extra["excess"] = f.extra.get("excess")
        host.extra["model_span"] = [f.start, f.end]


def merge_model_evidence(findings: list[Finding]) -> list[Finding]:
    """One report per span: an FL002 span that an idiom finding covers is folded into it.

    The idiom finding keeps its code and message and gains the model's evidence
    (``extra["surprisal"]``, ``extra["excess"]``); the FL002 finding is dropped.
    """
    return fold_into_idiom_findings(findings, GarbledSpan.code, _absorb_surprisal)


CHECKS = (LowFluencySentence, GarbledSpan)
