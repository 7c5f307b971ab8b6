#!/usr/bin/env python3
"""Accuracy of the fluency scorer: BLiMP, the seed's fluency labels, DEMETR.

    python benchmarks/fluency_accuracy.py BLIMP_DIR DEMETR_DIR [--per-paradigm 30] [--demetr 50] [--model smollm2]

- BLiMP (``shared/data/blimp``: ``BLiMP.zip`` read in place, ``models_summary.jsonl``):
  the share of minimal pairs where the good sentence has the higher summed
  log-probability, on a stratified sample of ``--per-paradigm`` pairs from each of
  the 67 paradigms (the first N of each file), per paradigm and overall, beside
  the paper's 5-gram and GPT-2 figures for the same paradigms.
- The seed article's sentence labels (``tests/fixtures/gold/*.fluency.jsonl``):
  ROC AUC of the sentence ``fluency`` (the number in the JSON report) separating
  garbled from fluent sentences; the article is scored as mtqa scores it.
- DEMETR (``shared/data/demetr``): for the first ``--demetr`` pairs of each file whose
  perturbation applied, how often the unperturbed MT sentence scores higher, by
  summed log-probability and by the calibrated sentence fluency.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402
from mtqa.scoring import load_scorer  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold"


def blimp(scorer, folder: Path, per_paradigm: int) -> None:
    summary = {}
    for line in (folder / "models_summary.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            summary[row["UID"]] = row
    pairs: dict[str, list[tuple[str, str]]] = {}
    with zipfile.ZipFile(folder / "BLiMP.zip") as zf:
        for name in sorted(n for n in zf.namelist() if n.endswith(".jsonl")):
            rows = [json.loads(x) for x in zf.read(name).decode("utf-8").splitlines() if x.strip()]
            pairs[Path(name).stem] = [(r["sentence_good"], r["sentence_bad"]) for r in rows[:per_paradigm]]
    flat = [(uid, g, b) for uid, items in pairs.items() for g, b in items]
    started = time.perf_counter()
    seqs = []
    for _, good, bad in flat:
        for text in (good, bad):
            ids = [scorer.prefix_id] + scorer.tokenizer(text, add_special_tokens=False)["input_ids"]
            seqs.append(ids)
    lps = []
    for i in range(0, len(seqs), 512):
        lps.extend(scorer.token_logprobs(seqs[i : i + 512]))
    seconds = time.perf_counter() - started
    right: dict[str, int] = defaultdict(int)
    for k, (uid, _, _) in enumerate(flat):
        right[uid] += sum(lps[2 * k]) > sum(lps[2 * k + 1])
    print(f"## BLiMP: {len(flat)} pairs ({per_paradigm} per paradigm x {len(pairs)} paradigms), {seconds:.0f}s\n")
    print("| paradigm | pairs | mtqa | 5-gram | GPT-2 |")
    print("|---|---|---|---|---|")
    ours_all = ngram_all = gpt2_all = 0.0
    for uid, items in pairs.items():
        acc = right[uid] / len(items)
        ref = summary.get(uid, {})
        ours_all += acc
        ngram_all += ref.get("ngram", float("nan"))
        gpt2_all += ref.get("gpt2", float("nan"))
        print(f"| {uid} | {len(items)} | {acc:.0%} | {ref.get('ngram', float('nan')):.0%} | {ref.get('gpt2', float('nan')):.0%} |")
    n = len(pairs)
    total = sum(right.values()) / len(flat)
    print(f"| **all (pairs)** | {len(flat)} | **{total:.1%}** | | |")
    print(f"| **mean of paradigms** | | {ours_all / n:.1%} | {ngram_all / n:.1%} | {gpt2_all / n:.1%} |\n")


def roc_auc(neg: list[float], pos: list[float]) -> float:
    """P(a positive scores above a negative), ties counting half."""
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def seed_auc(model: str | None = None) -> None:
    print("## Seed article: sentence fluency, garbled vs fluent\n")
    for gold in sorted(GOLD.glob("*.fluency.jsonl")):
        doc_path = ROOT / "seeds" / (gold.name.split(".")[0] + ".txt")
        report = mtqa.check(doc_path, select=["FL"], model=model)
        result = report[0]
        sentences = result.scores["sentences"]
        text = result.document.text
        labelled = {"garbled": [], "fluent": []}
        for line in gold.read_text("utf-8").splitlines():
            item = json.loads(line)
            at = text.find(item["quote"])
            hit = [s for s in sentences if s["start"] <= at < s["end"]]
            if at < 0 or not hit:
                print(f"- not found: {item['quote']!r}")
                continue
            labelled[item["label"]].append(hit[0]["fluency"])
        if any(v is None for values in labelled.values() for v in values):
            print(f"{doc_path.name}: the model has no calibration, so no sentence fluency: "
                  "run benchmarks/fluency_calibration.py for it first\n")
            continue
        auc = roc_auc(labelled["garbled"], labelled["fluent"])
        print(f"{doc_path.name}: {len(labelled['garbled'])} garbled, {len(labelled['fluent'])} fluent; "
              f"ROC AUC {auc:.3f}; document fluency {result.scores['fluency']}; "
              f"FL findings: {sorted(f.code + ' ' + repr(f.text[:40]) for f in result.findings)}\n")


def demetr(scorer, folder: Path, per_file: int) -> None:
    print(f"## DEMETR: unperturbed sentence preferred (first {per_file} applied pairs per file)\n")
    print("| perturbation | pairs | summed log-prob | sentence fluency |")
    print("|---|---|---|---|")
    for path in sorted(folder.glob("*.json")):
        rows = [r for r in json.loads(path.read_text("utf-8")) if r.get("pert_check")][:per_file]
        docs = [mtqa.document_from_text(t) for r in rows for t in (r["mt_sent"], r["pert_sent"])]
        scores = []
        for i in range(0, len(docs), 32):
            scores.extend(scorer.score_documents(docs[i : i + 32]))
        lp = flu = 0.0
        for k in range(len(rows)):
            a, b = scores[2 * k], scores[2 * k + 1]
            lp += sum(a.token_logprobs) > sum(b.token_logprobs)
            fa = a.fluency if a.fluency is not None else 0
            fb = b.fluency if b.fluency is not None else 0
            flu += (fa > fb) + 0.5 * (fa == fb)
        print(f"| {path.stem} | {len(rows)} | {lp / len(rows):.0%} | {flu / len(rows):.0%} |", flush=True)
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("blimp", type=Path)
    ap.add_argument("demetr", type=Path)
    ap.add_argument("--per-paradigm", type=int, default=30)
    ap.add_argument("--demetr", type=int, default=50, dest="per_file")
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    scorer = load_scorer(args.model, device="cpu")
    print(f"model: {scorer.signature}\n")
    seed_auc(args.model)
    blimp(scorer, args.blimp, args.per_paradigm)
    demetr(scorer, args.demetr, args.per_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
