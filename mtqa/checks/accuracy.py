"""Family ``accuracy``: the meaning changed against the Norwegian source.

These checks need the source; they run on the sentence alignment of
:mod:`mtqa.align` and stay silent where the alignment failed (``IN001`` says so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mtqa.align import Span, alignment_of, sentence_pairs
from mtqa.checks.base import Check, CheckContext
from mtqa.model import BlockKind, Document, Finding, Severity
from mtqa.numbers import IMPERIAL_EN, METRIC_NB, english_quantities, norwegian_quantities

_DESCRIBE = {"number": "number", "date": "date", "time": "time"}


def _beads(doc: Document):
    """Every sentence bead, omissions and additions included; none when the
    alignment failed."""
    alignment = alignment_of(doc)
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

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
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

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
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

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
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


def _words(text: str) -> int:
    """Words with a letter in them."""
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def judged_pairs(doc: Document, *, skip_titles: bool = False) -> list[tuple[int, int, str, str]]:
    """The aligned sentence pairs ``(start, end, source, target)`` that AC004 and AC005 judge.

    One pair per bead of the alignment with both sides, except that a bead of
    as many source as target sentences (2:2, 3:3) is split into its pairs, in
    order: the aligner groups sentences when one pair's lengths do not fit, and
    a truncated or replaced sentence is exactly such a pair.  A bead with a
    sentence of fewer than 3 words on either side (a stray closing quote
    segmented as a sentence, a one-word reply) is not split.
    """
    source = doc.source or ""
    out = []
    for bead, _ in sentence_pairs(doc):
        if skip_titles:
            block = doc.block_at(bead.target[0].start)
            if block is not None and block.kind is BlockKind.TITLE:
                continue
        if len(bead.source) == len(bead.target) > 1 and all(
            _words(text[span.start : span.end]) >= 3
            for text, spans in ((doc.text, bead.target), (source, bead.source))
            for span in spans
        ):
            groups: list[tuple[tuple[Span, ...], tuple[Span, ...]]] = [
                ((s,), (t,)) for s, t in zip(bead.source, bead.target)
            ]
        else:
            groups = [(bead.source, bead.target)]
        for src, tgt in groups:
            out.append((
                tgt[0].start,
                tgt[-1].end,
                " ".join(source[s.start : s.end] for s in src),
                " ".join(doc.text[t.start : t.end] for t in tgt),
            ))
    return out


def crosslingual_pairs(doc: Document, min_words: int = 4) -> list[tuple[int, int, str, str]]:
    """The pairs ``AC004`` scores (:func:`judged_pairs`), their target at least
    ``min_words`` words long: a dateline or a one-word answer says too little to
    judge.  The calibration is made from the same pairs of clean news."""
    return [
        (start, end, source, target)
        for start, end, source, target in judged_pairs(doc)
        if _words(target) >= min_words and source.strip() and source.strip() != target.strip()  # a copy is UT002's
    ]


class UnsupportedSentence(Check):
    """A translated sentence that its aligned source sentence does not explain.

    The reference model reads the English sentence twice: after its Norwegian
    source (``Norwegian: ... English: ...``) and alone.  A faithful translation
    becomes far more likely with its source in front of it (about 2 nats per
    token for human news translations); a sentence that says something else, a
    hallucination or another sentence's translation, gains little or nothing.
    The threshold is calibrated on the aligned sentence pairs of clean human
    nb -> en news translations (``mtqa model info`` shows it): a warning below
    what about 1 in 500 of those pairs score, an error where the source does
    not help at all.  It needs a multilingual reference model with a
    cross-lingual calibration (``--model gemma3-270m``); with an English-only
    model (the default) it is skipped with a note.  It finds whole sentences
    that went astray, not a single wrong word (the number, name and omission
    checks do that).

    Flags:
    - (source "Regjeringen la fram budsjettet på tirsdag." / translation "The weather will be cold and windy in the mountains this weekend.")

    Allows:
    - (source "Regjeringen la fram budsjettet på tirsdag." / translation "The government presented the budget on Tuesday.")
    """

    code = "AC004"
    name = "unsupported-sentence"
    family = "accuracy"
    severity = Severity.WARNING
    variable_severity = True  # an error where the source does not help at all
    requires = frozenset({"source", "model"})
    examples_are_text = False
    MIN_WORDS = 4

    def missing(self, doc: Document, ctx: CheckContext) -> list[str]:
        lacking = super().missing(doc, ctx)
        if not lacking and getattr(ctx.scorer, "crosslingual", None) is None:
            lacking.append("crosslingual")
        return lacking

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        calibration = ctx.scorer.crosslingual
        warning = calibration.thresholds.get("ac004_warning")
        error = calibration.thresholds.get("ac004_error", float("-inf"))
        if warning is None:
            return
        pairs = crosslingual_pairs(doc, self.MIN_WORDS)
        scores = ctx.scorer.pair_scores([(source, target) for _, _, source, target in pairs])
        for (start, end, source, _), score in zip(pairs, scores):
            if score is None or score.pmi_per_token >= warning:
                continue
            value = score.pmi_per_token
            percentile = calibration.percentile(value)
            severe = value <= error
            yield self.finding(
                doc,
                start,
                end,
                f"its source does not explain this sentence: the Norwegian makes it "
                f"{'no' if value <= 0 else 'hardly'} more likely ({value:.2f} nats per token; "
                f"{100 - percentile:.1f}% of human translations score higher)",
                severity=Severity.ERROR if severe else Severity.WARNING,
                suggestion=f"check it against the source and translate it again: '{source[:160]}'",
                confidence=0.85 if severe else 0.65,
                source_text=source,
                pmi_per_token=round(value, 3),
                percentile=round(percentile, 2),
            )


class TruncatedSentence(Check):
    """A translated sentence far shorter than its source sentence: part of it is probably missing.

    A dropped clause leaves a sentence that reads well and keeps its names and
    numbers, so only its length gives it away.  Compared: the characters of a
    long source sentence (eight words or more) and of the English aligned with
    it.  Human English and Norwegian versions of a news sentence are about as
    long as each other: in clean NTREX-128 pairs about 1 in 200 has English
    under 0.65 times the Norwegian's length, while a sentence cut in half
    almost always is (``benchmarks/truncation.py``).  A bead the aligner made
    of as many source as target sentences (2:2) is judged pair by pair.
    Titles are left alone: headlines are condensed on purpose.

    Flags:
    - (source "Finansministeren sa at budsjettet er stramt, og at kommunene må spare penger neste år fordi skatteinntektene faller." / translation "The finance minister said the budget is tight.")

    Allows:
    - (source "Finansministeren sa at budsjettet er stramt, og at kommunene må spare penger neste år fordi skatteinntektene faller." / translation "The finance minister said the budget is tight, and that the municipalities must save money next year because tax revenues are falling.")
    """

    code = "AC005"
    name = "truncated-sentence"
    family = "accuracy"
    severity = Severity.WARNING
    requires = frozenset({"source"})
    examples_are_text = False
    #: English shorter than this share of the source's characters is reported.
    MAX_RATIO = 0.65
    MIN_SOURCE_WORDS = 8

    def run(self, doc: Document, ctx: CheckContext | None) -> Iterable[Finding]:  # None: benchmarks/truncation.py
        for start, end, source_text, target in self.judged(doc):
            ratio = len(target) / max(1, len(source_text))
            if ratio >= self.MAX_RATIO:
                continue
            yield self.finding(
                doc,
                start,
                end,
                f"this sentence is {ratio:.0%} of its source's length: part of the source is "
                f"probably missing from it",
                suggestion=f"compare it with the source and translate what is missing: '{source_text[:200]}'",
                confidence=0.7 if ratio < 0.5 else 0.55,
                source_text=source_text,
                length_ratio=round(ratio, 3),
            )

    @classmethod
    def judged(cls, doc: Document) -> list[tuple[int, int, str, str]]:
        """The ``(start, end, source, target)`` pairs whose lengths are compared (:func:`judged_pairs`)."""
        return [p for p in judged_pairs(doc, skip_titles=True) if _words(p[2]) >= cls.MIN_SOURCE_WORDS]


CHECKS = (NumberMismatch, OmittedText, AddedText, UnsupportedSentence, TruncatedSentence)
