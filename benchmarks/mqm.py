#!/usr/bin/env python3
"""Does the fluency score rank MT segments as expert raters do?  WMT23 zh->en MQM.

    python benchmarks/mqm.py MQM_TSV_GZ [--model NAME] [--documents N] [--cache FILE] [--json]

MQM_TSV_GZ is ``shared/data/mqm/wmt23-zhen-mqm-dev.tsv.gz`` (WMT23 general task,
Chinese to English, side-by-side MQM with 3 raters a segment; its ``SOURCE.txt``
gives the columns and weights).  One article per (system, document), one
paragraph a segment, checked by ``mtqa.Checker`` with the reference model.

A segment's MQM penalty is the sum of its weighted errors (Major 5, Minor 1, minor
Fluency/Punctuation 0.1, Non-translation 25) averaged over its raters; "per word"
divides it by the segment's whitespace-separated words; "fluency/style" counts the
Fluency/* and Style/* errors alone.  Three scores of each segment come from the same
run: mtqa's (the lowest calibrated sentence fluency in the segment, 0-100), the naive
mean log-probability per token, and the lowest sentence SLOR.  Against the penalty:
Kendall's tau-b and Pearson's r (scipy; negative is better: a higher score, a lower
penalty) and the pairwise accuracy: over all pairs of systems' translations of the same
segment whose penalties differ, the share where the score prefers the one raters
penalised less (ties of the score count half).  The documents are split in two fixed
halves: sorted by id, those at even positions (a fit, if any, is made there) and
those at odd positions (reported); one table each.

``--cache FILE`` keeps the per-segment scores between runs (JSON), keyed by the
model's signature.

``--ceiling`` asks how far the model's own numbers can go: for each segment,
22 features of the same run (token log-probabilities: mean, sum, minimum, 10th
percentile, counts under -6/-8/-10 nats; SLOR: lowest, mean, whole segment;
calibrated fluency: lowest, mean; the surprisal of words beyond their frequency:
largest, sum, counts over 4 and 6 nats; words, log words, 1/words, unknown words,
tokens per word, sentences), each alone and in least-squares combinations fitted on
the even half (target -log(1 + 10 x penalty per word)), with the figures of both
halves.  ``--with-cache FILE`` adds a combination with another model's features
(the ``--cache`` file of a run with ``--model``).

``--findings`` asks whether mtqa's rule findings add to the fluency score: each
segment's findings of the checks without the model (grammar, idioms, names,
untranslated words ...), weighted as the report's penalty does (error 5, warning 1,
info 0), give two more scores: ``findings`` (minus that penalty) and
``mtqa+findings`` (mtqa's score minus k times it, k fitted on the even half for the
pairwise accuracy, over a fixed grid; the odd half reports it).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402

MARK = re.compile(r"</?v>")
SCORES = ("mtqa", "naive", "min_slor")
TARGETS = ("penalty", "penalty_per_word", "fluency_style_per_word")


def weight(category: str, severity: str) -> float:
    """The MQM weight of one rated error (WMT convention)."""
    severity = severity.lower()
    if category.startswith("Non-translation"):
        return 25.0
    if severity == "major":
        return 5.0
    if severity == "minor":
        return 0.1 if category == "Fluency/Punctuation" else 1.0
    return 0.0  # no-error, neutral, the hidden quality-control rows


def read_segments(path: Path) -> dict[tuple[str, str], dict[int, dict]]:
    """(system, doc) -> segment id -> {"text", "penalty", "fluency_style", "words"}."""
    per_rating: dict[tuple[str, str, int, str], list[tuple[str, float]]] = defaultdict(list)
    texts: dict[tuple[str, str, int], str] = {}
    csv.field_size_limit(1 << 24)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["severity"] == "HOTW-test":
                continue
            key = (row["system"], row["doc"], int(row["docSegId"]))
            texts.setdefault(key, MARK.sub("", row["target"] or ""))
            per_rating[(*key, row["rater"])].append((row["category"], weight(row["category"], row["severity"])))
    by_segment: dict[tuple[str, str, int], list[tuple[float, float]]] = defaultdict(list)
    for (system, doc, seg, _rater), errors in per_rating.items():
        total = sum(w for _, w in errors)
        fluency = sum(w for c, w in errors if c.startswith(("Fluency/", "Style/")))
        by_segment[(system, doc, seg)].append((total, fluency))
    out: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    for (system, doc, seg), ratings in by_segment.items():
        text = " ".join(texts[(system, doc, seg)].split())
        words = max(1, len(text.split()))
        penalty = sum(t for t, _ in ratings) / len(ratings)
        fluency = sum(f for _, f in ratings) / len(ratings)
        out[(system, doc)][seg] = {
            "text": text, "penalty": penalty, "penalty_per_word": penalty / words,
            "fluency_style_per_word": fluency / words,
        }
    return out


def score_articles(articles: dict[tuple[str, str], dict[int, dict]], checker: mtqa.Checker) -> None:
    """Add the three scores to every segment (in place), one mtqa run per article."""
    scorer = checker.load_model()
    items = sorted(articles.items())
    for n, ((system, doc_id), segments) in enumerate(items, 1):
        order = sorted(segments)
        texts = [segments[s]["text"] or "-" for s in order]
        # one paragraph a segment; a first line that is a headline stays a text block
        doc = mtqa.document_from_text("\n\n".join(texts) + "\n", doc_id=f"{system}/{doc_id}")
        scores = scorer.document_scores(doc)
        starts, at = [], 0
        for t in texts:
            starts.append(at)
            at += len(t) + 2
        for seg, start, text in zip(order, starts, texts):
            end = start + len(text)
            inside = [s for s in scores.sentences if start <= s.start < end]
            lps = [lp for (a, _), lp in zip(scores.token_spans, scores.token_logprobs) if start <= a < end]
            fluencies = [s.fluency for s in inside if s.fluency is not None]
            segments[seg]["mtqa"] = min(fluencies) if fluencies else None
            segments[seg]["naive"] = sum(lps) / len(lps) if lps else None
            segments[seg]["min_slor"] = min((s.slor for s in inside), default=None)
            segments[seg]["features"] = segment_features(text, lps, inside)
        if n % 20 == 0:
            print(f"  {n}/{len(items)} articles", file=sys.stderr)


def segment_features(text: str, lps: list[float], sentences: list) -> dict[str, float]:
    """What one run of the model says of a segment, as numbers (for ``--ceiling``)."""
    import numpy as np

    lp = np.array(lps or [0.0])
    words = max(1, len(text.split()))
    slors = [s.slor for s in sentences if s.tokens]
    fluencies = [s.fluency for s in sentences if s.fluency is not None]
    scored = [w for s in sentences for w in s.words]
    excess = [w.excess for w in scored if w.known]
    tokens = sum(s.tokens for s in sentences) or 1
    return {
        "naive": float(lp.mean()), "sum_logprob": float(lp.sum()), "min_logprob": float(lp.min()),
        "p10_logprob": float(np.percentile(lp, 10)),
        "min_slor": min(slors, default=0.0), "mean_slor": float(np.mean(slors)) if slors else 0.0,
        "segment_slor": sum(s.logprob - s.unigram for s in sentences) / tokens,
        "min_fluency": min(fluencies, default=50.0), "mean_fluency": float(np.mean(fluencies)) if fluencies else 50.0,
        "peaks6": float((lp < -6).sum()), "peaks8": float((lp < -8).sum()), "peaks10": float((lp < -10).sum()),
        "excess_sum": float(sum(max(0.0, e) for e in excess)), "excess_max": max(excess, default=0.0),
        "excess_over4": float(sum(e > 4 for e in excess)), "excess_over6": float(sum(e > 6 for e in excess)),
        "words": float(words), "log_words": math.log(words), "inverse_words": 1.0 / words,
        "unknown_words": float(sum(not w.known for w in scored)), "tokens_per_word": len(lps) / words,
        "sentences": float(len(sentences)),
    }


#: The feature sets fitted by ``--ceiling`` (the names of ``segment_features``).
CEILING_SETS = {
    "6 features": ("naive", "mean_fluency", "peaks10", "excess_max", "words", "unknown_words"),
    "12 features": ("naive", "mean_fluency", "peaks10", "excess_max", "words", "unknown_words", "min_logprob",
                    "p10_logprob", "mean_slor", "tokens_per_word", "excess_sum", "log_words"),
}


def _rank_target(rows: list[dict]):
    import numpy as np

    return -np.log1p(10.0 * np.array([r["penalty_per_word"] for r in rows]))


def ceiling(split: dict[str, list[dict]], other: dict | None = None) -> list[tuple[str, dict, dict]]:
    """Each feature alone and least-squares combinations fitted on the even half:
    (name, even-half figures, odd-half figures).  ``other``: a second model's
    features by (system, doc, segment), combined with the first's in one more fit."""
    import numpy as np
    from scipy.stats import kendalltau

    def figures(rows: list[dict], score) -> dict:
        for r, v in zip(rows, score):
            r["_score"] = float(v)
        tau = kendalltau(list(score), [r["penalty_per_word"] for r in rows], variant="b").statistic
        return {"tau_per_word": float(tau), "pairwise_accuracy": pairwise_accuracy(rows, "_score")}

    even, odd = split["even"], split["odd"]
    out = []
    names = list(even[0]["features"])
    for name in names:
        out.append((name, *(figures(rows, [r["features"][name] for r in rows]) for rows in (even, odd))))
    sets = dict(CEILING_SETS)
    if not even or not odd:
        raise SystemExit("--ceiling needs documents in both halves (drop --documents, or give 2 or more)")
    if other is not None:
        for rows in (even, odd):
            for r in rows:
                theirs = other.get((r["system"], r["doc"], r["seg"]))
                if theirs is None:
                    raise SystemExit(f"--with-cache has no segment {r['seg']} of {r['system']}/{r['doc']}: "
                                     "make it from the same file and --documents")
                r["features"].update({f"other:{k}": v for k, v in theirs.items()})
        both = CEILING_SETS["12 features"]
        sets["24 features (12 of each model)"] = (*both, *(f"other:{k}" for k in both))
    for label, keys in sets.items():
        matrix = {h: np.array([[r["features"][k] for k in keys] for r in rows]) for h, rows in (("even", even), ("odd", odd))}
        mu, sd = matrix["even"].mean(0), matrix["even"].std(0) + 1e-9
        design = {h: np.c_[(m - mu) / sd, np.ones(len(m))] for h, m in matrix.items()}
        weights, *_ = np.linalg.lstsq(design["even"], _rank_target(even), rcond=None)
        out.append((f"fitted: {label}", figures(even, design["even"] @ weights), figures(odd, design["odd"] @ weights)))
    return out


#: The weights tried for ``mtqa+findings`` (fluency points per penalty point).
FINDING_WEIGHTS = (0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)


def finding_penalties(articles: dict[tuple[str, str], dict[int, dict]]) -> None:
    """Each segment's penalty from mtqa's rule findings (in place, as ``findings``: minus it)."""
    from mtqa.model import PENALTY_WEIGHTS

    checker = mtqa.Checker(fluency=False)
    for (system, doc_id), segments in sorted(articles.items()):
        order = sorted(segments)
        texts = [segments[s]["text"] or "-" for s in order]
        doc = mtqa.document_from_text("\n\n".join(texts) + "\n", doc_id=f"{system}/{doc_id}")
        findings = checker.check(doc).findings
        at = 0
        for seg, text in zip(order, texts):
            end = at + len(text)
            penalty = sum(PENALTY_WEIGHTS[f.severity] for f in findings if at <= f.start < end)
            segments[seg]["findings"] = -penalty
            at = end + 2


def combine_findings(split: dict[str, list[dict]]) -> float:
    """Add ``mtqa+findings`` to every segment with k fitted on the even half; return k."""
    def with_k(rows: list[dict], k: float) -> None:
        for r in rows:
            r["mtqa+findings"] = None if r.get("mtqa") is None else r["mtqa"] + k * r["findings"]

    best, best_k = -1.0, 0.0
    for k in FINDING_WEIGHTS:
        with_k(split["even"], k)
        acc = pairwise_accuracy([r for r in split["even"] if r["mtqa+findings"] is not None], "mtqa+findings")
        if acc is not None and acc > best:
            best, best_k = acc, k
    for rows in split.values():
        with_k(rows, best_k)
    return best_k


def pairwise_accuracy(segments: list[dict], score: str) -> float | None:
    """Share of same-segment pairs (two systems) where the score prefers the less penalised."""
    groups: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for s in segments:
        groups[(s["doc"], s["seg"])].append(s)
    right = total = 0.0
    for group in groups.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a["penalty"] == b["penalty"] or a[score] is None or b[score] is None:
                    continue
                total += 1
                better, worse = (a, b) if a["penalty"] < b["penalty"] else (b, a)
                if better[score] > worse[score]:
                    right += 1
                elif better[score] == worse[score]:
                    right += 0.5
    return right / total if total else None


def correlations(segments: list[dict], scores: tuple[str, ...] = SCORES) -> dict:
    from scipy.stats import kendalltau, pearsonr

    out: dict = {}
    for score in scores:
        rows = [s for s in segments if s.get(score) is not None]
        out[score] = {"segments": len(rows), "pairwise_accuracy": pairwise_accuracy(rows, score)}
        for target in TARGETS:
            x = [s[score] for s in rows]
            y = [s[target] for s in rows]
            out[score][f"tau_{target}"] = float(kendalltau(x, y, variant="b").statistic)
            out[score][f"r_{target}"] = float(pearsonr(x, y).statistic)
    return out


def halves(articles: dict[tuple[str, str], dict[int, dict]]) -> dict[str, list[dict]]:
    docs = sorted({doc for _, doc in articles})
    even = set(docs[0::2])
    out: dict[str, list[dict]] = {"even": [], "odd": []}
    for (system, doc), segments in articles.items():
        for seg, s in segments.items():
            out["even" if doc in even else "odd"].append({**s, "system": system, "doc": doc, "seg": seg})
    return out


def _fmt(value: float | None) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:+.3f}"


def format_table(name: str, stats: dict, documents: int, scores: tuple[str, ...] = SCORES) -> str:
    lines = [
        f"{name} half: {documents} documents, {stats['mtqa']['segments']} segments",
        "",
        "| score | tau, penalty | tau, per word | tau, fluency/style per word | r, per word | pairwise accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for score in scores:
        c = stats[score]
        acc = c["pairwise_accuracy"]
        lines.append(
            f"| {score} | {_fmt(c['tau_penalty'])} | {_fmt(c['tau_penalty_per_word'])} "
            f"| {_fmt(c['tau_fluency_style_per_word'])} | {_fmt(c['r_penalty_per_word'])} "
            f"| {'-' if acc is None else f'{acc:.3f}'} |"
        )
    return "\n".join(lines)


def _cache_holds(cached: dict, signature: str, articles: dict) -> bool:
    """Whether a ``--cache`` file has every article's scores and features for this model."""
    if cached.get("signature") != signature:
        return False
    for system, doc in articles:
        segments = cached["articles"].get(f"{system}|{doc}")
        if segments is None or any("features" not in v for v in segments.values()):
            return False
    return True


def format_ceiling(rows: list[tuple[str, dict, dict]]) -> str:
    lines = ["| score | even: tau, per word | even: pairwise | odd: tau, per word | odd: pairwise |",
             "|---|---|---|---|---|"]
    for name, even, odd in rows:
        lines.append(f"| {name} | {_fmt(even['tau_per_word'])} | {even['pairwise_accuracy']:.3f} "
                     f"| {_fmt(odd['tau_per_word'])} | {odd['pairwise_accuracy']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tsv", type=Path, help="wmt23-zhen-mqm-dev.tsv.gz")
    parser.add_argument("--model", help="the reference model (default: mtqa's)")
    parser.add_argument("--documents", type=int, help="only the first N documents (by id), for a quick look")
    parser.add_argument("--cache", type=Path, help="keep per-segment scores in this JSON file between runs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--findings", action="store_true", help="also score by mtqa's rule findings (see above)")
    parser.add_argument("--ceiling", action="store_true",
                        help="fit combinations of the model's per-segment features on the even half (see above)")
    parser.add_argument("--with-cache", type=Path,
                        help="with --ceiling: another model's --cache file, its features combined with these")
    args = parser.parse_args(argv)
    if not args.tsv.is_file():
        parser.error(f"{args.tsv}: no such file")
    try:
        import scipy  # noqa: F401
    except ImportError:
        parser.error("needs scipy: .venv/bin/pip install scipy (it is in the dev extra)")
    articles = read_segments(args.tsv)
    if args.documents:
        keep = set(sorted({doc for _, doc in articles})[: args.documents])
        articles = {k: v for k, v in articles.items() if k[1] in keep}
    checker = mtqa.Checker(model=args.model, select=["FL"])
    signature = checker.load_model().signature
    cached = json.loads(args.cache.read_text("utf-8")) if args.cache and args.cache.is_file() else {}
    started = time.perf_counter()
    if _cache_holds(cached, signature, articles):
        for (system, doc), segments in articles.items():
            for seg, values in cached["articles"][f"{system}|{doc}"].items():
                segments[int(seg)].update({k: values[k] for k in (*SCORES, "features")})
    else:
        score_articles(articles, checker)
        if args.cache:
            args.cache.write_text(json.dumps({
                "signature": signature,
                "articles": {f"{s}|{d}": {str(k): {x: v[x] for x in (*SCORES, "features")} for k, v in segs.items()}
                             for (s, d), segs in articles.items()},
            }), "utf-8")
    seconds = time.perf_counter() - started
    scores = SCORES
    if args.findings:
        finding_penalties(articles)
        scores = (*SCORES, "findings", "mtqa+findings")
    split = halves(articles)
    if args.ceiling:
        other = None
        if args.with_cache:
            theirs = json.loads(args.with_cache.read_text("utf-8"))
            try:
                other = {(*key.split("|", 1), int(seg)): values["features"]
                         for key, segs in theirs["articles"].items() for seg, values in segs.items()}
            except (KeyError, TypeError, AttributeError):
                parser.error(f"{args.with_cache}: not a --cache file of a --ceiling run (no features in it)")
            print(f"combined with: {theirs['signature']}")
        print(f"model: {signature}  scoring: {time.perf_counter() - started:.0f} s\n")
        print(format_ceiling(ceiling(split, other)))
        return 0
    k = combine_findings(split) if args.findings and split["even"] else None
    docs = {name: len({s["doc"] for s in rows}) for name, rows in split.items()}
    result = {name: correlations(rows, scores) for name, rows in split.items() if rows}
    if args.json:
        print(json.dumps({"signature": signature, "seconds": round(seconds, 1), "findings_weight": k,
                          "halves": result}, indent=2))
        return 0
    print(f"model: {signature}  scoring: {seconds:.0f} s" + (f"  mtqa+findings: k = {k:g}" if k is not None else "") + "\n")
    print("\n\n".join(format_table(name, stats, docs[name], scores) for name, stats in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
