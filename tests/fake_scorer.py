"""A torch-free stand-in for :class:`mtqa.scoring.scorer.Scorer`, for the fast tests.

It imports neither torch nor transformers (nor wordfreq) and scores any
document deterministically, so the fluency checks (FL001, FL002), the report's
``scores`` and the renderers can be tested without a model.

The rule, per sentence of ``doc.text_sentences()`` (furniture left out, like the
real scorer):

- **Tokens** are the sentence's whitespace-separated pieces.  A piece's
  log-probability is minus the summed surprisal of the words that start in it
  (a piece without a word, such as a dash, costs nothing).
- **Words** are :data:`mtqa.scoring.scorer.WORD_RE` matches, as in the real scorer.
  A word's unigram surprisal is ``UNIGRAM_BASE + UNIGRAM_PER_CHAR * len(word)``
  nats (a longer word is rarer).  A word with a digit, or a capitalised word in
  mid-sentence that is not in :data:`COMMON_WORDS`, is a name or a number: it is
  unknown to the unigram model (``WordScore.unigram is None``), so FL002 does
  not judge it.
- A word's surprisal in context is its unigram surprisal plus an *excess*:
  ``GARBLE_EXCESS`` (12 nats) for a garbled word: one in :data:`GARBLED_WORDS`
  ("yards", "flibbered", ...), or a common word capitalised in mid-sentence
  ("she has You can read"); otherwise a small deterministic term,
  ``0.25 * (len(word) % 3) - 0.25`` (-0.25, 0 or +0.25 nats), so that clean
  sentences do not all score the same.

The calibration (:func:`fake_calibration`) is built directly: the sentence
statistic (``SentenceScore.score``: SLOR less the worst word's excess) runs
linearly from ``-2`` (percentile 0.1) to ``+1`` (percentile 99.9).  A clean
sentence scores between about -0.5 and +0.25, a fluency of about 50 to 75; a
sentence with a garbled word scores below -12, a fluency of 0, which FL001 flags
(threshold 1.0).  FL002's threshold is ``FL002_MIN_EXCESS`` (6 nats): only the
garbled words exceed it, and their neighbours (excess at most 0.25) do not join
the span.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from mtqa.model import Document
from mtqa.scoring.calibration import LEVELS, Calibration
from mtqa.scoring.scorer import (
    HEADLINE_KINDS,
    WORD_RE,
    DocumentScores,
    SentenceScore,
    WordScore,
)

#: Words that the fake model finds garbled wherever they are.
GARBLED_WORDS = frozenset({"yards", "flibbered", "wibble", "zorp"})
#: Common English words: capitalised in mid-sentence, one of these is a garble
#: ("she has You can read"); any other capitalised word there is a name.
COMMON_WORDS = frozenset(
    """a an and are as at based be but by can for from has have he her his i in is it
    its more not of on or our she that the their there they this to was we were what
    which who will with would you your""".split()
)
UNIGRAM_BASE = 4.0
UNIGRAM_PER_CHAR = 0.5
GARBLE_EXCESS = 12.0
FL002_MIN_EXCESS = 6.0
FL001_MAX_FLUENCY = 1.0
#: The sentence statistic at the lowest and the highest calibration level.
STATISTIC_RANGE = (-2.0, 1.0)


def fake_calibration() -> Calibration:
    """The fake model's calibration: the statistic linear in the percentile (see the module)."""
    lo, hi = STATISTIC_RANGE
    n = len(LEVELS)
    return Calibration(
        model="fake",
        sha256=FakeScorer.SHA256,
        levels=list(LEVELS),
        values=[lo + (hi - lo) * i / (n - 1) for i in range(n)],
        doc_mean=0.0,
        doc_sd=0.25,
        thresholds={"fl001_max_fluency": FL001_MAX_FLUENCY, "fl002_min_excess": FL002_MIN_EXCESS},
        made_with="tests/fake_scorer.py (constructed, not fitted)",
        stats={"documents": 0, "sentences": 0, "words": 0},
    )


def is_garbled(word: str, first: bool) -> bool:
    """Whether the fake model finds ``word`` garbled (``first``: the sentence's first word)."""
    lower = word.lower()
    if lower in GARBLED_WORDS:
        return True
    return not first and word[:1].isupper() and word[1:].islower() and lower in COMMON_WORDS


def is_name(word: str, first: bool) -> bool:
    """A number, or a capitalised word in mid-sentence that is not a common word."""
    if any(c.isdigit() for c in word):
        return True
    return not first and word[:1].isupper() and word.lower() not in COMMON_WORDS


def unigram_surprisal(word: str) -> float:
    return UNIGRAM_BASE + UNIGRAM_PER_CHAR * len(word)


def excess(word: str, first: bool) -> float:
    """The surprisal that the word's rarity does not explain, under the fake model."""
    if is_garbled(word, first):
        return GARBLE_EXCESS
    return 0.25 * (len(word) % 3) - 0.25


class FakeScorer:
    """Scores documents by the rule of this module; the attributes of a real scorer."""

    SHA256 = hashlib.sha256(b"mtqa-fake-scorer/v1").hexdigest()

    def __init__(self, *, calibrated: bool = True, name: str = "fake") -> None:
        self.model = None
        self.tokenizer = None
        self.name = name
        self.sha256 = self.SHA256
        self.device = "cpu"
        self.dtype = "float32"
        self.calibration: Calibration | None = fake_calibration() if calibrated else None
        #: No cross-lingual calibration: AC004 is skipped, as with an English-only model.
        self.crosslingual = None
        self.window = 1024
        self.overlap = 256
        self.batch_tokens = 4096
        self.max_padding = 0.0
        self.files: dict[str, str] = {}
        self._cache: OrderedDict[tuple[str, str], DocumentScores] = OrderedDict()
        #: How many documents were scored (not taken from the cache).
        self.scored = 0

    @property
    def signature(self) -> str:
        calib = self.calibration.digest[:8] if self.calibration is not None else "none"
        return f"{self.name}@{self.sha256[:12]}/{self.dtype}/calib:{calib}"

    def _key(self, doc: Document) -> tuple[str, str]:
        return (doc.id, doc.content_hash)

    def prefetch(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            self.document_scores(doc)

    def document_scores(self, doc: Document) -> DocumentScores:
        key = self._key(doc)
        if key not in self._cache:
            self._cache[key] = self._score(doc)
            self.scored += 1
        return self._cache[key]

    def score_documents(self, docs: Sequence[Document]) -> list[DocumentScores]:
        return [self._score(doc) for doc in docs]

    def _score(self, doc: Document) -> DocumentScores:
        sentences: list[SentenceScore] = []
        spans: list[tuple[int, int]] = []
        logprobs: list[float] = []
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            words: list[WordScore] = []
            unigram = 0.0
            for m in WORD_RE.finditer(text):
                word, first = m.group(0), not words
                uni = unigram_surprisal(word)
                surprisal = uni + excess(word, first)
                known = not is_name(word, first)
                # an unknown word counts its own log-probability as its unigram one
                unigram += -uni if known else -surprisal
                words.append(
                    WordScore(sentence.start + m.start(), sentence.start + m.end(), surprisal, uni if known else None)
                )
            tokens = 0
            at = 0
            for piece in text.split():
                at = text.index(piece, at)
                start, end = sentence.start + at, sentence.start + at + len(piece)
                at += len(piece)
                spans.append((start, end))
                logprobs.append(-sum(w.surprisal for w in words if start <= w.start < end))
                tokens += 1
            if not tokens:
                continue
            sentences.append(
                SentenceScore(
                    start=sentence.start,
                    end=sentence.end,
                    text=text,
                    block=sentence.block,
                    tokens=tokens,
                    logprob=sum(logprobs[-tokens:]),
                    unigram=unigram,
                    words=words,
                    judged=doc.blocks[sentence.block].kind not in HEADLINE_KINDS,
                )
            )
        scores = DocumentScores(doc_id=doc.id, sentences=sentences, token_spans=spans, token_logprobs=logprobs)
        if self.calibration is not None:
            self.calibration.apply(scores)
        return scores
