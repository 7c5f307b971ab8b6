"""The fluency scorer: per-token log-probabilities of whole articles, cut into sentences.

An article is scored in as few forward passes as its length allows: its text
blocks (furniture left out) are joined into one string, tokenized once with
offsets, and run through the model in windows of ``window`` tokens that overlap
by ``overlap`` tokens of context, so every token is conditioned on what precedes
it in the article.  Windows of several documents go through the model together
in right-padded batches (with causal attention, padding at the end changes no
real token's log-probability).  The output layer and the log-softmax run in
chunks over the positions that are scored, never over a full
``tokens x vocabulary`` tensor.

Per sentence: the token count, mean negative log-likelihood (nats per token),
perplexity, and SLOR, the syntactic log-odds ratio (Pauls & Klein 2012, Lau et
al. 2017): ``(log P_lm(s) - log P_unigram(s)) / tokens``, with the unigram
log-probabilities of the sentence's words from wordfreq, so rare words and
names do not read as disfluency.  Per word, the same difference ("excess
surprisal") finds garbled spans.  Calibrated 0-100 figures come from
:mod:`mtqa.scoring.calibration`.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from mtqa.model import BlockKind, Document
from mtqa.names.lexicon import english_zipf

#: A word for the unigram model and the word-level surprisal: letters and digits,
#: with inner apostrophes, hyphens and dots ("NATO's", "de-escalate", "U.S").
WORD_RE = re.compile(r"\w+(?:[’'.\-]\w+)*")
#: Blocks are joined with this separator in the text the model reads.
BLOCK_SEPARATOR = "\n\n"

#: Cross-lingual scoring (``AC004``): a sentence pair is read as
#: ``"Norwegian: {nb}\nEnglish: {en}"`` and the English alone as
#: ``"English: {en}"``.  A cross-lingual calibration holds only for these
#: prompts: its statistic names this version.
PAIR_PROMPT = ("Norwegian:", "\nEnglish:")
PLAIN_PROMPT = "English:"
PAIR_STATISTIC = "pmi-per-target-token/v1"
#: The share of a batch of sentence pairs that may be padding (see :meth:`Scorer.pair_scores`).
PAIR_PADDING = 0.25


def unigram_logprob(word: str) -> float | None:
    """Natural-log unigram probability of ``word`` in English (wordfreq); None if unknown."""
    return _unigram_logprob(word.lower())


@lru_cache(maxsize=200_000)
def _unigram_logprob(word: str) -> float | None:
    from wordfreq import word_frequency

    freq = word_frequency(word, "en")
    return math.log(freq) if freq > 0 else None


#: Blocks written in headline style, not judged for fluency.
HEADLINE_KINDS = frozenset({BlockKind.TITLE, BlockKind.HEADING, BlockKind.CAPTION})

#: A capitalised word inside a sentence whose lower-case form is rarer than this
#: (Zipf, English) is read as a name: "Sverdrup", "Mills-Hicks", "Lyngen".
NAME_ZIPF = 4.0


def explained_by_form(word: str, first: bool) -> bool:
    """Whether a word's surprisal is explained by what it is rather than by its
    context: a name (capitalised inside the sentence and not a common word, or
    written in capitals), a number, or a hyphenated compound.  The reference
    model cannot know a name or a new compound, and wordfreq's frequency of one
    says little about it; such a word counts as its own unigram, so it neither
    lowers SLOR nor makes a garbled span.  A common word capitalised in mid-sentence
    ("she has You can read") is still judged: that is a garble."""
    if any(c.isdigit() for c in word) or ("-" in word.strip("-")):
        return True
    letters = [c for c in word if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True
    if first or not word[:1].isupper():
        return False
    return english_zipf(word) < NAME_ZIPF


@dataclass
class WordScore:
    start: int
    end: int
    surprisal: float  # -log P_lm of its tokens, nats
    #: -log P_unigram in nats; None for a word wordfreq does not know (a name, a
    #: rare word), whose surprisal is taken as explained by its rarity.
    unigram: float | None

    @property
    def known(self) -> bool:
        return self.unigram is not None

    @property
    def excess(self) -> float:
        """Surprisal that the word's own rarity does not explain (0 for unknown words)."""
        return 0.0 if self.unigram is None else self.surprisal - self.unigram


@dataclass
class SentenceScore:
    start: int
    end: int
    text: str
    block: int
    tokens: int
    logprob: float  # summed, nats
    #: Summed unigram log-probability of its words, nats (an unknown word counts
    #: its own model log-probability, so it neither raises nor lowers SLOR).
    unigram: float
    words: list[WordScore] = field(default_factory=list)
    fluency: float | None = None
    #: False for a headline, heading or caption: written in headline style, so
    #: FL001/FL002 do not judge it and the calibration leaves it out.
    judged: bool = True

    @property
    def nll(self) -> float:
        return -self.logprob / self.tokens if self.tokens else 0.0

    @property
    def perplexity(self) -> float:
        return math.exp(min(self.nll, 50.0))

    @property
    def slor(self) -> float:
        return (self.logprob - self.unigram) / self.tokens if self.tokens else 0.0

    @property
    def worst(self) -> WordScore | None:
        """The word with the most unexplained surprisal, if any is above zero."""
        best = max(self.words, key=lambda w: w.excess, default=None)
        return best if best is not None and best.excess > 0 else None

    @property
    def score(self) -> float:
        """The calibrated statistic: SLOR less the worst word's unexplained surprisal.

        SLOR measures the sentence as a whole; a garble is often one word or two
        in an otherwise ordinary sentence, which the average dilutes.
        """
        worst = self.worst
        return self.slor - (worst.excess if worst is not None else 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "tokens": self.tokens,
            "nll": round(self.nll, 4),
            "slor": round(self.slor, 4),
            "fluency": None if self.fluency is None else round(self.fluency, 1),
        }


@dataclass
class DocumentScores:
    """A document's token log-probabilities and its sentences' scores."""

    doc_id: str
    sentences: list[SentenceScore]
    #: Per token: start, end (code points in doc.text; -1 for separator tokens) and log-probability.
    token_spans: list[tuple[int, int]]
    token_logprobs: list[float]
    fluency: float | None = None
    calibrated: bool = False

    @property
    def tokens(self) -> int:
        return len(self.token_logprobs)

    def sentence_dicts(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.sentences]


@dataclass
class PairScore:
    """How much a sentence's source explains it: log P(en | nb) against log P(en).

    ``pmi_per_token`` is the pointwise mutual information per English token.
    A faithful translation is far more likely after its source than alone (about
    2 nats a token for human news translations with Gemma 3 270M); a sentence
    that says something else gains nothing from it.
    """

    tokens: int  # English tokens scored
    conditional: float  # log P(en | nb), nats
    plain: float  # log P(en), nats

    @property
    def pmi(self) -> float:
        return self.conditional - self.plain

    @property
    def pmi_per_token(self) -> float:
        return self.pmi / self.tokens if self.tokens else 0.0


@dataclass
class _Prepared:
    text: str  # what the model reads
    ids: list[int]  # prefix token first
    spans: list[tuple[int, int]]  # per id (prefix: (-1, -1)), doc offsets of the token's text
    anchors: list[int]  # per id: doc offset of its first non-space character, -1 for none


def model_text(doc: Document) -> tuple[str, list[tuple[int, int, int]]]:
    """The text the model reads: the document's text blocks joined by blank lines.

    Returns the text and its segments ``(model_start, doc_start, length)``.
    """
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    at = 0
    for block in doc.text_blocks():
        piece = doc.text[block.start : block.end]
        if not piece.strip():
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            at += len(BLOCK_SEPARATOR)
        parts.append(piece)
        segments.append((at, block.start, len(piece)))
        at += len(piece)
    return "".join(parts), segments


class Scorer:
    """A causal language model with its tokenizer, scoring documents.

    Built by :func:`mtqa.scoring.load_scorer`; ``signature`` names the model,
    its hash, dtype and calibration for the report's signature.
    """

    def __init__(
        self,
        model,
        tokenizer,
        *,
        name: str,
        sha256: str,
        device: str = "cpu",
        dtype: str = "float32",
        calibration=None,
        window: int = 1024,
        overlap: int = 256,
        batch_tokens: int = 4096,
        max_padding: float | None = None,
        cache_size: int = 64,
        files: dict[str, Any] | None = None,
        crosslingual=None,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.sha256 = sha256
        self.device = device
        self.dtype = dtype
        self.calibration = calibration
        #: The cross-lingual calibration (:class:`~mtqa.scoring.calibration.CrosslingualCalibration`),
        #: for a multilingual model only: without it ``AC004`` is skipped.
        self.crosslingual = crosslingual
        max_positions = getattr(model.config, "max_position_embeddings", None) or window
        self.window = max(16, min(window, int(max_positions)))
        self.overlap = max(0, min(overlap, self.window // 2))
        self.batch_tokens = max(batch_tokens, self.window)
        #: The share of a batch that may be padding.  On a CPU a padded position
        #: costs as much as a real one and batching gains little, so windows of
        #: unequal length go through one at a time; an accelerator gains from
        #: wide batches and can afford some padding.
        self.max_padding = (0.0 if str(device).startswith("cpu") else 0.35) if max_padding is None else max_padding
        self.files = files or {}
        self._cache: OrderedDict[tuple[str, str], DocumentScores] = OrderedDict()
        self._cache_size = cache_size
        self._pair_cache: OrderedDict[tuple[str, str], PairScore | None] = OrderedDict()
        self.prefix_id = self._prefix_token()

    # -- identity -----------------------------------------------------------
    @property
    def signature(self) -> str:
        calib = self.calibration.digest[:8] if self.calibration is not None else "none"
        signature = f"{self.name}@{self.sha256[:12]}/{self.dtype}/calib:{calib}"
        if self.crosslingual is not None:
            signature += f"/xl:{self.crosslingual.digest[:8]}"
        return signature

    def _prefix_token(self) -> int:
        """The token every text is conditioned on: the model's document boundary."""
        tok = self.tokenizer
        vocab = tok.get_vocab()
        for candidate in ("<|endoftext|>", "<bos>", "<s>"):
            if candidate in vocab:
                return vocab[candidate]
        for attr in ("bos_token_id", "eos_token_id", "pad_token_id"):
            value = getattr(tok, attr, None)
            if value is not None:
                return int(value)
        return 0

    # -- tokens -------------------------------------------------------------
    def _prepare(self, text: str, segments: list[tuple[int, int, int]]) -> _Prepared:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        ids = [self.prefix_id]
        spans = [(-1, -1)]
        anchors = [-1]
        starts = [s[0] for s in segments]
        for tid, (s, e) in zip(enc["input_ids"], enc["offset_mapping"]):
            ids.append(int(tid))
            piece = text[s:e]
            lead = len(piece) - len(piece.lstrip())
            anchor = s + lead if lead < len(piece) else -1
            i = bisect.bisect_right(starts, s if anchor < 0 else anchor) - 1
            if i >= 0:
                m0, d0, n = segments[i]
                ds = d0 + max(0, s - m0)
                de = d0 + min(n, max(0, e - m0))
                spans.append((ds, de) if de > ds else (-1, -1))
                anchors.append(d0 + anchor - m0 if 0 <= anchor - m0 < n else -1)
            else:
                spans.append((-1, -1))
                anchors.append(-1)
        return _Prepared(text, ids, spans, anchors)

    def _windows(self, n: int, scored: int = 1) -> list[tuple[int, int, int]]:
        """(input start, input end, first scored position) covering positions scored..n-1.

        Scoring from a later position (a sentence after its prompt) needs the
        whole sequence in one window.
        """
        if scored > 1:
            if n > self.window:
                raise ValueError(f"{n} tokens do not fit one window of {self.window}")
            return [(0, n, scored)]
        out = []
        while scored < n:
            start = 0 if scored == 1 else scored - self.overlap
            end = min(n, start + self.window)
            out.append((start, end, scored))
            scored = end
        return out

    def token_logprobs(
        self,
        sequences: Sequence[list[int]],
        scored_from: Sequence[int] | None = None,
        max_padding: float | None = None,
    ) -> list[list[float]]:
        """Log-probability of every token after the first, for each id sequence.

        ``scored_from[i]``: the first position of sequence ``i`` that is scored
        (the ones before it stay 0.0 and cost no output layer: Gemma's
        262k-word head costs more than its body); by default 1.
        ``max_padding``: the share of a batch that may be padding (default
        :attr:`max_padding`).
        """
        import torch

        results: list[list[float]] = [[0.0] * max(0, len(ids) - 1) for ids in sequences]
        rows = []
        for si, ids in enumerate(sequences):
            first = 1 if scored_from is None else max(1, scored_from[si])
            for start, end, scored in self._windows(len(ids), first):
                rows.append((si, start, end, scored))
        rows.sort(key=lambda r: r[2] - r[1], reverse=True)
        batch: list[tuple[int, int, int, int]] = []
        longest = 0
        real = 0
        padding = self.max_padding if max_padding is None else max_padding

        def flush() -> None:
            if not batch:
                return
            length = max(r[2] - r[1] for r in batch)
            pad = self.prefix_id
            input_ids = torch.full((len(batch), length), pad, dtype=torch.long)
            for b, (si, start, end, _) in enumerate(batch):
                input_ids[b, : end - start] = torch.tensor(sequences[si][start:end])
            row_idx, pos_idx, targets, where = [], [], [], []
            for b, (si, start, end, scored) in enumerate(batch):
                for p in range(scored, end):
                    row_idx.append(b)
                    pos_idx.append(p - start - 1)
                    targets.append(sequences[si][p])
                    where.append((si, p - 1))
            values = self._forward(input_ids, row_idx, pos_idx, targets)
            for (si, k), v in zip(where, values):
                results[si][k] = v
            batch.clear()

        for row in rows:
            length = row[2] - row[1]
            if batch:
                # rows come longest first: the batch's width is its first row's
                width = longest * (len(batch) + 1)
                if width > self.batch_tokens or (width - real - length) > padding * width:
                    flush()
            if not batch:
                longest, real = length, 0
            batch.append(row)
            real += length
        flush()
        return results

    def _forward(self, input_ids, row_idx, pos_idx, targets) -> list[float]:
        import torch

        model = self.model
        with torch.inference_mode():
            input_ids = input_ids.to(self.device)
            decoder = getattr(model, "model", None)
            head = model.get_output_embeddings()
            if decoder is not None and head is not None:
                hidden = decoder(input_ids=input_ids, use_cache=False).last_hidden_state
            else:  # a model without the usual decoder/head split: full logits
                hidden = None
                logits_all = model(input_ids=input_ids, use_cache=False).logits
            rows = torch.tensor(row_idx, device=hidden.device if hidden is not None else logits_all.device)
            pos = torch.tensor(pos_idx, device=rows.device)
            tgt = torch.tensor(targets, device=rows.device)
            cap = getattr(model.config, "final_logit_softcapping", None)
            out = []
            chunk = 1024
            for i in range(0, len(targets), chunk):
                r, p, t = rows[i : i + chunk], pos[i : i + chunk], tgt[i : i + chunk]
                if hidden is not None:
                    logits = head(hidden[r, p]).float()
                    if cap:
                        logits = torch.tanh(logits / cap) * cap
                else:
                    logits = logits_all[r, p].float()
                lp = logits.gather(1, t[:, None])[:, 0] - torch.logsumexp(logits, dim=-1)
                out.append(lp.cpu())
            return torch.cat(out).tolist() if out else []

    # -- documents ----------------------------------------------------------
    def score_text(self, text: str) -> tuple[list[int], list[float]]:
        """Token ids (prefix first) and the log-probability of each token after it."""
        prepared = self._prepare(text, [(0, 0, len(text))])
        (lps,) = self.token_logprobs([prepared.ids])
        return prepared.ids, lps

    def encode(self, text: str) -> list[int]:
        """The token ids of ``text``, no special tokens."""
        return list(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def pair_scores(self, pairs: Sequence[tuple[str, str]]) -> list[PairScore | None]:
        """Cross-lingual scores of ``(source, target)`` sentence pairs, batched (cached).

        The target's tokens are the same ids in both readings (tokenized once),
        so only the context differs.  A pair too long for one window is None.
        """
        out: list[PairScore | None] = [None] * len(pairs)
        todo: dict[tuple[str, str], list[int]] = {}
        for i, pair in enumerate(pairs):
            key = (pair[0].strip(), pair[1].strip())
            if key in self._pair_cache:
                self._pair_cache.move_to_end(key)
                out[i] = self._pair_cache[key]
            else:
                todo.setdefault(key, []).append(i)
        if not todo:
            return out
        nb_head, en_mid = self.encode(PAIR_PROMPT[0]), self.encode(PAIR_PROMPT[1])
        en_head = self.encode(PLAIN_PROMPT)
        sequences: list[list[int]] = []
        firsts: list[int] = []
        keys: list[tuple[str, str]] = []
        fresh: dict[tuple[str, str], PairScore | None] = {}
        for key in todo:
            nb_ids, en_ids = self.encode(" " + key[0]), self.encode(" " + key[1])
            conditional = [self.prefix_id] + nb_head + nb_ids + en_mid + en_ids
            if not en_ids or len(conditional) > self.window:
                fresh[key] = None
                continue
            plain_ids = [self.prefix_id] + en_head + en_ids
            for ids in (conditional, plain_ids):
                sequences.append(ids)
                firsts.append(len(ids) - len(en_ids))
            keys.append(key)
        # Sentences are short: the cost of a forward pass is mostly its
        # overhead, so some padding pays even on a CPU.
        logprobs = self.token_logprobs(sequences, firsts, max_padding=max(self.max_padding, PAIR_PADDING))
        for k, key in enumerate(keys):
            cond, plain = logprobs[2 * k], logprobs[2 * k + 1]
            n = len(sequences[2 * k]) - firsts[2 * k]
            fresh[key] = PairScore(tokens=n, conditional=sum(cond[-n:]), plain=sum(plain[-n:]))
        for key, where in todo.items():
            self._remember_pair(key, fresh[key])
            for i in where:
                out[i] = fresh[key]
        return out

    def _remember_pair(self, key: tuple[str, str], score: PairScore | None) -> None:
        self._pair_cache[key] = score
        while len(self._pair_cache) > 64 * self._cache_size:
            self._pair_cache.popitem(last=False)

    def substitution_gains(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """For (original, variant) sentences that differ in a word: log P(variant)
        − log P(original) under the model, in nats, counted over the tokens from the
        first that differs (the shared prefix cancels out).  Batched; positive when
        the model prefers the variant."""
        sequences: list[list[int]] = []
        firsts: list[int] = []
        for original, variant in pairs:
            a = [self.prefix_id, *self.encode(original)]
            b = [self.prefix_id, *self.encode(variant)]
            k = 0
            while k < min(len(a), len(b)) and a[k] == b[k]:
                k += 1
            for ids in (a, b):
                sequences.append(ids[: self.window])
                firsts.append(max(1, min(k, len(ids[: self.window]) - 1)))
        logprobs = self.token_logprobs(sequences, firsts, max_padding=max(self.max_padding, PAIR_PADDING))
        return [sum(logprobs[2 * i + 1]) - sum(logprobs[2 * i]) for i in range(len(pairs))]

    def sentence_logprob(self, text: str) -> float:
        """Summed log-probability of ``text`` alone (for minimal pairs such as BLiMP)."""
        return sum(self.score_text(text)[1])

    def _key(self, doc: Document) -> tuple[str, str]:
        return (doc.id, doc.content_hash)

    def prefetch(self, docs: Iterable[Document]) -> None:
        """Score documents together (one batched pass) into the cache."""
        todo = [d for d in docs if self._key(d) not in self._cache]
        if not todo:
            return
        for doc, scores in zip(todo, self.score_documents(todo)):
            self._remember(doc, scores)

    def _remember(self, doc: Document, scores: DocumentScores) -> None:
        self._cache[self._key(doc)] = scores
        self._cache.move_to_end(self._key(doc))
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def document_scores(self, doc: Document) -> DocumentScores:
        """The scores of one document (cached: the checks and the report share them)."""
        key = self._key(doc)
        if key not in self._cache:
            (scores,) = self.score_documents([doc])
            self._remember(doc, scores)
        self._cache.move_to_end(key)
        return self._cache[key]

    def score_documents(self, docs: Sequence[Document]) -> list[DocumentScores]:
        prepared = [self._prepare(*model_text(doc)) for doc in docs]
        logprobs = self.token_logprobs([p.ids for p in prepared])
        return [self._document_scores(d, p, lp) for d, p, lp in zip(docs, prepared, logprobs)]

    def _document_scores(self, doc: Document, prep: _Prepared, lps: list[float]) -> DocumentScores:
        sentences = doc.text_sentences()
        starts = [s.start for s in sentences]
        per_sentence: list[list[tuple[int, float]]] = [[] for _ in sentences]
        for k, lp in enumerate(lps):
            anchor = prep.anchors[k + 1]
            if anchor < 0:
                continue
            i = bisect.bisect_right(starts, anchor) - 1
            if i >= 0 and anchor < sentences[i].end:
                per_sentence[i].append((k + 1, lp))
        out = []
        for sentence, toks in zip(sentences, per_sentence):
            text = doc.text[sentence.start : sentence.end]
            words: list[WordScore] = []
            unigram = 0.0
            tok_anchors = [prep.anchors[k] for k, _ in toks]
            for m in WORD_RE.finditer(text):
                ws, we = sentence.start + m.start(), sentence.start + m.end()
                word = m.group(0)
                uni = None if explained_by_form(word, first=not words) else unigram_logprob(word)
                lo = bisect.bisect_left(tok_anchors, ws)
                hi = bisect.bisect_left(tok_anchors, we)
                surprisal = -sum(lp for _, lp in toks[lo:hi])
                unigram += -surprisal if uni is None else uni
                words.append(WordScore(ws, we, surprisal, None if uni is None else -uni))
            out.append(
                SentenceScore(
                    start=sentence.start,
                    end=sentence.end,
                    text=text,
                    block=sentence.block,
                    tokens=len(toks),
                    logprob=sum(lp for _, lp in toks),
                    unigram=unigram,
                    words=words,
                    judged=doc.blocks[sentence.block].kind not in HEADLINE_KINDS,
                )
            )
        scores = DocumentScores(
            doc_id=doc.id,
            sentences=[s for s in out if s.tokens],
            token_spans=prep.spans[1:],
            token_logprobs=list(lps),
        )
        if self.calibration is not None:
            self.calibration.apply(scores)
        return scores
