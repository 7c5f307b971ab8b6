#!/usr/bin/env python3
"""Cross-lingual scoring: does log P(English | Norwegian) tell corrupted pairs from clean ones?

    python benchmarks/crosslingual.py NTREX_DIR [--model gemma3-270m] [--docs 10] [--per-type 40] [--seed 5] [--reverse]

NTREX-128 is aligned line by line: each English line and its Bokmål line are a
clean sentence pair (nb -> en, a human translation).  From ``--docs`` documents
drawn with the seed, every line pair is scored; then up to ``--per-type`` pairs
of those documents are corrupted once per type, on the English side only:

- mistranslation: the English replaced by another sentence of the same document
- number: a number changed (x10, or +1 for years and small numbers; as source_checks.py)
- name: two inner letters of a name shared by both sides swapped (as source_checks.py)
- omission: the second half of the sentence dropped (cut at a comma near the
  middle, else at the middle word)
- negation: a negation removed ("did not" -> "did", "isn't" -> "is") or, where
  there is none, "not" inserted after the first auxiliary verb

For each pair the model reads ``"Norwegian: {nb}\nEnglish: {en}"`` and
``"English: {en}"`` (``Scorer.pair_scores``, the readings AC004 uses); the
English tokens (tokenized once, the same ids in both) are summed:
log P(en | nb) and log P(en).  The cross-lingual statistic is their
difference, the pointwise mutual information PMI = log P(en | nb) - log P(en):
whole, per English token, and per Norwegian token (the share of the source the
English accounts for).  ``--reverse`` also scores the other direction,
log P(nb | en) - log P(nb) per Norwegian token (two more sequences a pair).
Printed per corruption type: the ROC AUC of each statistic (clean pairs against
corrupted pairs; 0.5 is chance, 1 means every clean pair scores above every
corrupted one, under 0.5 the other way round), with the plain log P(en)
(fluency alone) and the English/Norwegian length ratio (no model) beside them;
the share of corrupted pairs whose PMI fell below their own clean version's;
and the recall of each statistic at thresholds that 1% and 5% of the clean pairs
fall under.  SmolLM2 (``--model smollm2``) is English-only: it is the control.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ntrex import documents  # noqa: E402
from source_checks import corrupt as doc_corrupt  # noqa: E402

KINDS = ("mistranslation", "number", "name", "omission", "negation")

AUX = ("is", "are", "was", "were", "will", "would", "can", "could", "has", "have", "had",
       "should", "must", "may", "might", "does", "did", "do")
CONTRACTED = {"isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "won't": "will",
              "wouldn't": "would", "can't": "can", "couldn't": "could", "hasn't": "has",
              "haven't": "have", "hadn't": "had", "shouldn't": "should", "mustn't": "must",
              "doesn't": "does", "didn't": "did", "don't": "do"}
NOT_AFTER = {"a", "an", "the", "to", "no", "not", "some", "any", "also", "been", "being"}


def negate(en: str, rng: random.Random) -> str | None:
    """``en`` with its negation flipped: one removed if it has any, else "not" inserted."""
    found = []
    for m in re.finditer(r"\b(\w+)n['’]t\b", en):
        word = m.group(0).replace("’", "'")
        if word.lower() in CONTRACTED:
            new = CONTRACTED[word.lower()]
            found.append((m.start(), m.end(), new.capitalize() if word[0].isupper() else new))
    for m in re.finditer(r"\b(" + "|".join(AUX) + r") not\b", en, flags=re.IGNORECASE):
        found.append((m.start(), m.end(), m.group(1)))
    for m in re.finditer(r"\bcannot\b", en):
        found.append((m.start(), m.end(), "can"))
    if found:
        s, e, new = rng.choice(found)
        return en[:s] + new + en[e:]
    for m in re.finditer(r"\b(" + "|".join(AUX) + r") (\w+)", en):
        if m.group(2).lower() not in NOT_AFTER:
            return en[: m.end(1)] + " not" + en[m.end(1) :]
    return None


def omit(en: str) -> str | None:
    """The first half of ``en``: cut at a comma near the middle, else at the middle word."""
    words = en.split()
    n = len(words)
    if n < 8:
        return None
    commas = [i + 1 for i, w in enumerate(words[:-1]) if w.endswith((",", ";")) and 0.3 * n <= i + 1 <= 0.7 * n]
    cut = min(commas, key=lambda c: abs(c - n / 2)) if commas else n // 2
    head = " ".join(words[:cut]).rstrip(",;:–-— ")
    end = en.rstrip()[-1]
    return head + (end if end in ".!?" else "")


def corrupt(kind: str, pair: tuple[str, str], others: list[str], rng: random.Random) -> str | None:
    en, nb = pair
    if kind == "mistranslation":
        pool = [o for o in others if o != en and len(o.split()) >= 4]
        return rng.choice(pool) if pool and len(en.split()) >= 4 else None
    if kind in ("number", "name"):
        for _ in range(3):  # the name swap skips a doubled letter: try another place
            made = doc_corrupt(kind, [pair], rng)
            if made is not None:
                return made[0][0]
        return None
    if kind == "omission":
        return omit(en)
    if kind == "negation":
        return negate(en, rng)
    raise ValueError(kind)


def roc_auc(neg: list[float], pos: list[float]) -> float:
    """P(a positive scores above a negative), ties counting one half (rank statistic)."""
    ranked = sorted([(v, 0) for v in neg] + [(v, 1) for v in pos])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # mean of ranks i+1 .. j
        rank_sum += mid * sum(1 for _, y in ranked[i:j] if y)
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def target_logprobs(scorer, items: list[tuple[list[int], int]], max_padding: float = 0.15) -> list[float]:
    """Summed log-probability of the last ``n`` ids of each ``(ids, n)``.

    Only the target positions go through the output layer (Gemma's 262k-word
    head costs more than its body), in batches of near-equal length.
    """
    logprobs = scorer.token_logprobs([ids for ids, _ in items], [len(ids) - n for ids, n in items],
                                     max_padding=max_padding)
    return [sum(lps[len(lps) - n:]) for lps, (_, n) in zip(logprobs, items)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ntrex", type=Path)
    parser.add_argument("--model", default="gemma3-270m", help="gemma3-270m (default) or smollm2 (the control)")
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--per-type", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--reverse", action="store_true",
                        help="also score the Norwegian given the English (log P(nb | en) - log P(nb))")
    parser.add_argument("--examples", action="store_true", help="print one corrupted pair of each type")
    args = parser.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    from mtqa.scoring import load_scorer

    rng = random.Random(args.seed)
    all_docs = documents(args.ntrex)
    chosen = sorted(rng.sample(list(all_docs), min(args.docs, len(all_docs))), key=list(all_docs).index)
    clean = [(doc_id, k, pair) for doc_id in chosen for k, pair in enumerate(all_docs[doc_id])]

    corrupted: dict[str, list[tuple[int, str]]] = {}
    for kind in KINDS:
        order = list(range(len(clean)))
        rng.shuffle(order)
        made = []
        for c in order:
            doc_id, k, pair = clean[c]
            others = [e for j, (e, _) in enumerate(all_docs[doc_id]) if j != k]
            new = corrupt(kind, pair, others, rng)
            if new is not None and new != pair[0]:
                made.append((c, new))
                if len(made) == args.per_type:
                    break
        corrupted[kind] = made
        if args.examples and made:
            c, new = made[0]
            print(f"{kind}: {clean[c][2][0]!r}\n  -> {new!r}")

    started = time.perf_counter()
    scorer = load_scorer(None if args.model in ("smollm2", "default") else args.model, device="cpu")
    load_s = time.perf_counter() - started

    # (nb, en): each read by the scorer as AC004 reads it (Scorer.pair_scores)
    pairs = [(pair[1], pair[0]) for _, _, pair in clean]
    for kind in KINDS:
        pairs += [(clean[c][2][1], new) for c, new in corrupted[kind]]
    started = time.perf_counter()
    scores = scorer.pair_scores(pairs)
    reverse = []
    if args.reverse:  # log P(nb | en) - log P(nb): the same readings the other way round
        en_head, nb_head = scorer.encode("English:"), scorer.encode("Norwegian:")
        nb_mid = scorer.encode("\nNorwegian:")
        items = []
        for nb, en in pairs:
            en_ids, nb_ids = scorer.encode(" " + en), scorer.encode(" " + nb)
            items += [([scorer.prefix_id] + en_head + en_ids + nb_mid + nb_ids, len(nb_ids)),
                      ([scorer.prefix_id] + nb_head + nb_ids, len(nb_ids))]
        sums = target_logprobs(scorer, items)
        reverse = [((sums[2 * i] - sums[2 * i + 1]), n) for i, (_, n) in enumerate(items[::2])]
    score_s = time.perf_counter() - started
    tokens = sum(s.tokens for s in scores)

    stats = []  # per pair: dict of statistics, higher = more like a clean pair
    for k, ((nb, en), score) in enumerate(zip(pairs, scores)):
        cond, plain, n = score.conditional, score.plain, score.tokens
        nb_tokens = len(scorer.encode(" " + nb))
        stat = {"PMI": cond - plain, "PMI/token": (cond - plain) / n, "PMI/source token": (cond - plain) / nb_tokens,
                "log P(en|nb)/token": cond / n, "log P(en)": plain, "log P(en)/token": plain / n,
                "length ratio": len(en) / max(1, len(nb))}
        if args.reverse:
            stat["reverse PMI/source token"] = reverse[k][0] / reverse[k][1]
        stats.append(stat)
    names = list(stats[0])
    clean_stats = stats[: len(clean)]
    n_kinds = {kind: len(corrupted[kind]) for kind in KINDS}

    print(f"model: {scorer.name} ({scorer.signature}); threads: {args.threads}")
    print(f"documents: {len(chosen)} of {len(all_docs)} (seed {args.seed}); clean pairs: {len(clean)}; "
          f"corrupted: {', '.join(f'{k} {n}' for k, n in n_kinds.items())}")
    print(f"pairs: {len(pairs)}, English tokens: {tokens}; load {load_s:.1f} s, scoring {score_s:.1f} s "
          f"({tokens / score_s:.0f} English tokens/s)\n")
    by_kind = {}
    at = len(clean)
    for kind in KINDS:
        by_kind[kind] = (stats[at : at + n_kinds[kind]], [c for c, _ in corrupted[kind]])
        at += n_kinds[kind]
    kinds = [k for k in KINDS if n_kinds[k]]
    header = "| statistic | " + " | ".join(f"{k} ({n_kinds[k]})" for k in kinds) + " |"
    rule = "|---|" + "---|" * len(kinds)
    print("ROC AUC, clean pairs vs corrupted pairs (0.5 = chance):\n")
    print(header)
    print(rule)
    for s in names:
        aucs = [roc_auc([r[s] for r in by_kind[k][0]], [c[s] for c in clean_stats]) for k in kinds]
        print(f"| {s} | " + " | ".join(f"{a:.3f}" for a in aucs) + " |")
    print("\nRecall at a threshold that 1% / 5% of the clean pairs fall under (the low side):\n")
    print(header)
    print(rule)
    for s in names:
        ranked = sorted(c[s] for c in clean_stats)
        cells = []
        for k in kinds:
            rows = by_kind[k][0]
            cells.append(" / ".join(f"{sum(r[s] < ranked[int(q * len(ranked))] for r in rows) / len(rows):.0%}"
                                    for q in (0.01, 0.05)))
        print(f"| {s} | " + " | ".join(cells) + " |")
    print("\ncorrupted pairs whose PMI is below their own clean version's: " + ", ".join(
        f"{k} {sum(r['PMI'] < clean_stats[c]['PMI'] for r, c in zip(*by_kind[k])) / n_kinds[k]:.0%}" for k in kinds))
    for s in ("PMI/token", "PMI/source token"):
        v = sorted(c[s] for c in clean_stats)
        worst = {k: max(r[s] for r in by_kind[k][0]) for k in kinds}
        print(f"clean {s}: min {v[0]:.3f}, 1st percentile {v[int(0.01 * len(v))]:.3f}, "
              f"5th {v[int(0.05 * len(v))]:.3f}, median {v[len(v) // 2]:.3f} nats; highest corrupted: "
              + ", ".join(f"{k} {x:.3f}" for k, x in worst.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
