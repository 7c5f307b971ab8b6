"""A verb's particle or reflexive pronoun that the sentence reads far better without.

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

The same test judges a reflexive pronoun after a verb (ID011): Norwegian has
many reflexive verbs whose English is intransitive (*samle seg*, gather; *gi
seg*, give up; *spre seg*, spread; *ta seg god tid*, take one's time), and MT
keeps the pronoun: "80 people collected themselves in front of the library",
"we do not give ourselves", "it says itself".  An English reflexive ("killed
himself", "found themselves surrounded") loses its sense without it.  The
emphatic reflexive ("she has herself worked there", "a nurse herself") is not
judged: none after an auxiliary, a noun or a speech verb.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from mtqa.checks.base import Check, CheckContext, fold_into_idiom_findings
from mtqa.model import BlockKind, Document, Finding, Severity

#: Log-probability (nats) the sentence must gain when the particle is taken out.
MIN_GAIN = 11.0
#: ... when the reflexive pronoun is taken out (ID011).
MIN_GAIN_REFLEXIVE = 9.5
#: Candidates scored in one article at most (each costs two short forward passes).
MAX_CANDIDATES = 200
#: Sentences longer than this (in characters) are not judged.
MAX_SENTENCE = 600
#: The share of a batch of these short sentences that may be padding.
BATCH_PADDING = 0.5
PARTICLES = ("in", "out", "up", "on", "against", "over", "down", "off", "away", "back", "forward")
REFLEXIVES = ("himself", "herself", "themselves", "itself", "myself", "ourselves", "yourself", "yourselves", "oneself")
_CANDIDATE = re.compile(r"\b([a-z]+) (" + "|".join(PARTICLES) + r")\b(?![-’'])")
_REFLEXIVE = re.compile(r"\b([a-z]+) (" + "|".join(REFLEXIVES) + r")\b")
_SKIPPED_KINDS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION})
#: A word after these is a noun, not a verb ("two minutes in", "reads that letter out").
_NOUN_AFTER = frozenset(
    "the a an this that these those his her their its our my your two three four five six seven eight nine "
    "ten few several many some any each every no".split()
)
#: An emphatic reflexive follows these ("she has herself worked there"), not a reflexive verb.
_AUXILIARIES = frozenset(
    "be is are was were been being am have has had having do does did will would can could shall should may "
    "might must".split()
)
_BE = frozenset("be is are was were been being am".split())
#: "he says himself that ..." is emphatic ("it says itself" is not: *det sier seg selv*).
_SPEECH = frozenset("say says said saying tell tells told write writes wrote admit admits admitted".split())
#: Words before a verb that is also a noun ("they walk themselves", "to fetch itself").
_VERB_AFTER = frozenset(
    "i we you he she it they who which that to not never also will would can could shall should may might "
    "must do does did has have had don't doesn't didn't won't can't".split()
)

Candidate = tuple[int, int, int, int, str]
"""``(sentence start, sentence end, span start, deleted word's start, deleted word)``."""


@cache
def _is_verb(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word, upos="VERB"))


@cache
def _is_noun(word: str) -> bool:
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(word, upos="NOUN"))


def _judged_sentences(doc: Document):
    for sentence in doc.text_sentences():
        if doc.blocks[sentence.block].kind in _SKIPPED_KINDS or sentence.end - sentence.start > MAX_SENTENCE:
            continue
        yield sentence.start, sentence.end, doc.text[sentence.start : sentence.end]


def _previous_word(text: str) -> str:
    words = text.split()
    return words[-1].lower().strip(",;:\"“”‘’'(") if words else ""


def _after_determiner(prev: str) -> bool:
    """Whether a word after ``prev`` is a noun, not a verb ("two minutes in", "a nurse herself")."""
    return prev in _NOUN_AFTER or prev[:1].isdigit()


def _particle_verb(text: str, m: re.Match) -> bool:
    """Whether ``m`` (a word and a particle) reads as a verb and its particle."""
    return _is_verb(m.group(1)) and not _after_determiner(_previous_word(text[: m.start(1)]))


def _reflexive_verb(text: str, m: re.Match) -> bool:
    """Whether ``m`` (a word and a reflexive pronoun) reads as a verb and its object,
    not an emphatic reflexive ("has herself worked", "a nurse herself", "was moved himself")."""
    verb = m.group(1)
    if not _is_verb(verb) or verb in _AUXILIARIES:
        return False
    before = text[: m.start(1)]
    prev = _previous_word(before)
    if _after_determiner(prev):
        return False
    if verb in _SPEECH and m.group(2) != "itself":
        return False
    words = [w for w in before.lower().split() if not w.endswith("ly")]
    if verb.endswith(("ed", "en")) and words and words[-1] in _BE:
        return False  # a participle after "be": "was visibly moved himself"
    return not (_is_noun(verb) and prev not in _VERB_AFTER and not verb.endswith("ed"))


def _candidates(doc: Document, pattern: re.Pattern, keep: Callable[[str, re.Match], bool]) -> list[Candidate]:
    """The matches of ``pattern`` (a word, then the word to take out) in the judged
    sentences that ``keep`` accepts, in reading order, :data:`MAX_CANDIDATES` at most."""
    out: list[Candidate] = []
    for start, end, text in _judged_sentences(doc):
        for m in pattern.finditer(text):
            if keep(text, m):
                out.append((start, end, start + m.start(1), start + m.start(2), m.group(2)))
            if len(out) >= MAX_CANDIDATES:
                return out
    return out


class _WordDeletedByModel(Check):
    """A word the reference model finds the sentence far likelier without (the shared
    machinery of ID010 and ID011): each candidate's sentence is scored alone as it
    stands and with the word taken out; a gain of ``min_gain`` nats or more is reported."""

    family = "idiom"
    severity = Severity.WARNING
    requires = frozenset({"model"})
    #: the calibration's threshold key, the default threshold, the ``extra`` key of the gain
    threshold_key = ""
    min_gain = 0.0
    gain_key = ""
    #: what the span reads as ("a Norwegian particle verb rendered word by word")
    reads_as = ""

    def candidates(self, doc: Document) -> list[Candidate]:
        raise NotImplementedError

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        scorer = ctx.scorer
        calibration = getattr(scorer, "calibration", None)
        if calibration is None:
            return
        limit = float(calibration.thresholds.get(self.threshold_key, self.min_gain))
        candidates = self.candidates(doc)
        if not candidates:
            return
        sentences = sorted({(c[0], c[1]) for c in candidates})
        texts = [doc.text[a:b] for a, b in sentences]
        variants = [doc.text[a:p - 1] + doc.text[p + len(word) : b] for a, b, _, p, word in candidates]
        ids = [[scorer.prefix_id, *scorer.encode(t)] for t in texts + variants]
        # short sentences: batched, padding allowed (one call per sentence costs more on a CPU)
        totals = [float(sum(lp)) for lp in scorer.token_logprobs(ids, max_padding=BATCH_PADDING)]
        whole = dict(zip(sentences, totals[: len(texts)]))
        for (a, b, span, p, word), without in zip(candidates, totals[len(texts) :]):
            gain = without - whole[(a, b)]
            if gain < limit:
                continue
            found = self.finding(
                doc,
                span,
                p + len(word),
                f"'{doc.text[span:p + len(word)]}' reads as {self.reads_as}: "
                f"the sentence is {gain:.1f} nats likelier to the reference model without '{word}'",
                confidence=0.5 if gain < limit + 3 else 0.6,
            )
            found.extra[self.gain_key] = round(gain, 2)
            yield found


class ParticleByModel(_WordDeletedByModel):
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
    threshold_key = "id010_min_gain"
    min_gain = MIN_GAIN
    gain_key = "particle_gain"
    reads_as = "a Norwegian particle verb rendered word by word"

    def candidates(self, doc: Document) -> list[Candidate]:
        return _candidates(doc, _CANDIDATE, _particle_verb)


class ReflexiveByModel(_WordDeletedByModel):
    """A verb's reflexive pronoun that makes its sentence far less likely to the reference model.

    Norwegian reflexive verbs rendered word by word keep a pronoun English does
    not take: *samle seg* "collected themselves in front of the library", *gi
    seg* "we do not give ourselves", *det sier seg selv* "it says itself", *ta
    seg god tid* "she took herself good time".  The sentence is scored alone as
    it stands and without the pronoun; a gain of ``MIN_GAIN_REFLEXIVE`` nats (9.5)
    or more is reported.  An English reflexive verb ("killed himself", "found
    themselves") loses its sense without the pronoun and is kept; an emphatic
    reflexive is not judged (after an auxiliary, "has herself worked"; after a
    noun, "a nurse herself"; after a speech verb, "he says himself that").
    Headlines and captions are not judged.  The gain is ``extra["reflexive_gain"]``.

    Flags:
    - On Saturday, around 80 people collected themselves in front of the library in protest.
    - The regional airline requested itself surrender in the district court on Tuesday.

    Allows:
    - On Saturday, around 80 people gathered in front of the library in protest.
    - He had managed to dig himself partly out of the snow and had sheltered behind a boulder.
    """

    code = "ID011"
    name = "reflexive-verb-by-model"
    threshold_key = "id011_min_gain"
    min_gain = MIN_GAIN_REFLEXIVE
    gain_key = "reflexive_gain"
    reads_as = "a Norwegian reflexive verb rendered word by word"

    def candidates(self, doc: Document) -> list[Candidate]:
        return _candidates(doc, _REFLEXIVE, _reflexive_verb)


def _absorb_gain(host: Finding, f: Finding) -> None:
    host.extra.update({k: v for k, v in f.extra.items() if k.endswith("_gain")})


def merge_particle_evidence(findings: list[Finding]) -> list[Finding]:
    """An ID010 or ID011 span that another idiom finding overlaps is folded into that
    finding (``extra["particle_gain"]``, ``extra["reflexive_gain"]``); the model's
    finding is dropped."""
    for code in (ParticleByModel.code, ReflexiveByModel.code):
        findings = fold_into_idiom_findings(findings, code, _absorb_gain)
    return findings


CHECKS = (ParticleByModel, ReflexiveByModel)
