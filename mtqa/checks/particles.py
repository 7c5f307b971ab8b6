"""A verb's particle that the sentence reads far better without: a Norwegian particle verb.

Norwegian builds verbs of a verb and a particle (*leie inn*, hire; *ta imot*,
welcome; *stramme inn*, tighten; *slippe ut*, let out), and a machine
translation that renders them word by word keeps the particle where English has
none: "renting in surgeons", "take against tourists", "tightens in the rules",
"drop out the animals".  No list of such verbs can be complete; the reference
language model can judge each one: the sentence is scored as it stands and
with the particle taken out, and where taking it out makes the sentence far more
likely (by ``MIN_GAIN`` nats, more than the particle's own cost explains), the
verb and its particle are reported.  An English phrasal verb ("took the shot
on", "get off to a fast start") loses its sense without its particle, and the
model says so.

Measured on the gold of the synthetic sets and the real pages against NTREX and
native English news about Norway (``benchmarks/README.md``, session 57): at the
threshold it finds one phrase in NTREX's 42,000 words ("the ball dropped over a
leaping Kepa"), none in clean-norway's and one in native-norway's 69,000 ("the
printer who ran off an underground newspaper").  Runs only with a
calibrated reference model (the built-in one); its threshold is the
calibration's ``id010_min_gain`` where set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from mtqa.checks.base import Check, CheckContext, fold_into_idiom_findings
from mtqa.model import BlockKind, Document, Finding, Severity

#: Log-probability (nats) the sentence must gain when the particle is taken out.
MIN_GAIN = 11.0
#: Candidates scored in one article at most (each costs two short forward passes).
MAX_CANDIDATES = 200
#: Sentences longer than this (in characters) are not judged.
MAX_SENTENCE = 600
#: The share of a batch of these short sentences that may be padding.
BATCH_PADDING = 0.5
PARTICLES = ("in", "out", "up", "on", "against", "over", "down", "off", "away", "back", "forward")
_CANDIDATE = re.compile(r"\b([a-z]+) (" + "|".join(PARTICLES) + r")\b(?![-’'])")
_SKIPPED_KINDS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION})
#: A word after these is a noun, not a verb ("two minutes in", "reads that letter out").
_NOUN_AFTER = frozenset(
    "the a an this that these those his her their its our my your two three four five six seven eight nine "
    "ten few several many some any each every no".split()
)


@cache
def _is_verb(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word, upos="VERB"))


def _candidates(doc: Document) -> list[tuple[int, int, int, int, str]]:
    """``(sentence start, sentence end, verb start, particle start, particle)`` in reading order."""
    out = []
    for sentence in doc.text_sentences():
        if doc.blocks[sentence.block].kind in _SKIPPED_KINDS or sentence.end - sentence.start > MAX_SENTENCE:
            continue
        text = doc.text[sentence.start : sentence.end]
        for m in _CANDIDATE.finditer(text):
            before = text[: m.start(1)].split()
            after_noun_word = bool(before) and (before[-1].lower() in _NOUN_AFTER or before[-1][0].isdigit())
            if _is_verb(m.group(1)) and not after_noun_word:
                out.append((sentence.start, sentence.end, sentence.start + m.start(1),
                            sentence.start + m.start(2), m.group(2)))
            if len(out) >= MAX_CANDIDATES:
                return out
    return out


class ParticleByModel(Check):
    """A verb's particle that makes its sentence far less likely to the reference model.

    The sentence is scored alone as it stands and without the particle; where
    the sentence gains ``MIN_GAIN`` nats (11) or more without it, the verb and
    its particle are reported as a Norwegian particle verb rendered word by word
    (*leie inn* "renting in", *ta imot* "take against", *stramme inn* "tightens
    in").  The model is the judge: no list of verbs is read.  Headlines and
    captions are not judged, nor a noun read as a verb after a determiner or a
    number ("two minutes in").  A span an idiom finding covers is not reported
    twice: the model's figure joins that finding (``extra["particle_gain"]``).

    Flags:
    - Hoveland says that the hospital is now renting in surgeons from Sweden to clear the backlog.
    - We like to take against tourists, but now it is so full that people cannot get to the shop.

    Allows:
    - Hoveland says that the hospital is now hiring surgeons from Sweden to clear the backlog.
    - We set up our line-up accordingly and put the guys out in the fashion that we felt like.
    """

    code = "ID010"
    name = "particle-verb-by-model"
    family = "idiom"
    severity = Severity.WARNING
    requires = frozenset({"model"})

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        scorer = ctx.scorer
        calibration = getattr(scorer, "calibration", None)
        if calibration is None:
            return
        limit = float(calibration.thresholds.get("id010_min_gain", MIN_GAIN))
        candidates = _candidates(doc)
        if not candidates:
            return
        sentences = sorted({(c[0], c[1]) for c in candidates})
        texts = [doc.text[a:b] for a, b in sentences]
        variants = [doc.text[a:p - 1] + doc.text[p + len(word) : b] for a, b, _, p, word in candidates]
        ids = [[scorer.prefix_id, *scorer.encode(t)] for t in texts + variants]
        # short sentences: batched, padding allowed (one call per sentence costs more on a CPU)
        totals = [float(sum(lp)) for lp in scorer.token_logprobs(ids, max_padding=BATCH_PADDING)]
        whole = dict(zip(sentences, totals[: len(texts)]))
        for (a, b, verb, p, word), without in zip(candidates, totals[len(texts) :]):
            gain = without - whole[(a, b)]
            if gain < limit:
                continue
            yield self.finding(
                doc,
                verb,
                p + len(word),
                f"'{doc.text[verb:p + len(word)]}' reads as a Norwegian particle verb rendered word by word: "
                f"the sentence is {gain:.1f} nats likelier to the reference model without '{word}'",
                confidence=0.5 if gain < limit + 3 else 0.6,
                particle_gain=round(gain, 2),
            )


def _absorb_gain(host: Finding, f: Finding) -> None:
    host.extra["particle_gain"] = f.extra.get("particle_gain")


def merge_particle_evidence(findings: list[Finding]) -> list[Finding]:
    """An ID010 span that another idiom finding overlaps is folded into that finding
    (``extra["particle_gain"]``); the ID010 finding is dropped."""
    return fold_into_idiom_findings(findings, ParticleByModel.code, _absorb_gain)


CHECKS = (ParticleByModel,)
