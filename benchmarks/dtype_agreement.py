#!/usr/bin/env python3
"""Whether the fluency findings hold in another float type or on another device.

    python benchmarks/dtype_agreement.py [NTREX_DIR] [--pages DIR] [--runs cpu:float32,cpu:bfloat16] [--docs N]

The fluency thresholds are calibrated on float32 scores computed on a CPU
(``fluency_calibration.py``); ``--dtype auto`` picked bfloat16 on CUDA until this
benchmark showed what it changes (now float32 for a calibrated model). This
runs the fluency checks (FL) once per run (a device and a float type) over the
same documents and prints, per corpus and run, against the first run:

- the FL findings, and how many of them the first run does not have (and the
  other way round): what a user of that device or type sees differently;
- the sentence scores (the calibrated statistic, ``SentenceScore.score``): mean and
  largest absolute difference, in nats per token;
- the document fluency (0-100): mean and largest absolute difference;
- the time the scoring took (the first run of each device also loads the model).

Corpora: the seed article, the first ``--docs`` NTREX documents (human English:
each FL finding is a false alarm) and the articles of ``--pages`` (machine
translations). Runs on any machine; a ``cuda:*`` run needs a CUDA device.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fluency_calibration import ntrex_documents  # noqa: E402

import mtqa  # noqa: E402
from mtqa.scoring import load_scorer  # noqa: E402

SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"
DATA = ROOT.parent / "shared" / "data"


def parse_runs(text: str) -> list[tuple[str, str]]:
    runs = []
    for part in text.split(","):
        device, _, dtype = part.strip().partition(":")
        if not device or not dtype:
            raise SystemExit(f"--runs: {part!r} is not DEVICE:DTYPE (cpu:float32, cuda:bfloat16 ...)")
        runs.append((device, dtype))
    return runs


def fl_findings(checker: mtqa.Checker, docs: list[mtqa.Document]) -> set[tuple[str, str, int, int]]:
    """(document, code, start, end) of every FL finding."""
    found = set()
    report = checker.check(docs).to_dict()
    for error in report.get("errors") or ():
        print(f"warning: {error['message']}", file=sys.stderr)
    for doc in report["documents"]:
        for f in doc["findings"]:
            if f["code"].startswith("FL"):
                found.add((doc["id"], f["code"], f["start"], f["end"]))
    return found


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ntrex", type=Path, nargs="?", default=DATA / "ntrex")
    ap.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "realworld" / "clean",
                    help="a folder of machine-translated articles (default: ../shared/realworld/clean)")
    ap.add_argument("--runs", default="cpu:float32,cpu:bfloat16",
                    help="DEVICE:DTYPE,... (DTYPE may be auto); the first is the reference (default: %(default)s)")
    ap.add_argument("--docs", type=int, default=123, help="NTREX documents (default: all 123)")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    runs = parse_runs(args.runs)

    import torch

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}"
          + (f", {torch.cuda.get_device_name()}" if torch.cuda.is_available() else ", no CUDA device"))
    corpora: list[tuple[str, list[mtqa.Document]]] = [("seed article", list(mtqa.iter_documents([SEED])))]
    if (args.ntrex / "newstest2019-src.eng.txt").is_file():
        corpora.append((f"NTREX ({args.docs} documents, human)", ntrex_documents(args.ntrex)[: args.docs]))
    else:
        print(f"note: no NTREX at {args.ntrex}; skipped", file=sys.stderr)
    if args.pages.is_dir():
        pages = [d for d in mtqa.iter_documents(sorted(args.pages.glob("*.txt"))) if isinstance(d, mtqa.Document)]
        corpora.append((f"{args.pages.name} ({len(pages)} MT pages)", pages))
    else:
        print(f"note: no folder {args.pages}; skipped", file=sys.stderr)

    results: dict[tuple[str, str], dict[str, dict]] = {}
    for device, dtype in runs:
        scorer = load_scorer(args.model, device=device, dtype=dtype)
        checker = mtqa.Checker(select=["FL"], model=args.model, device=device, dtype=dtype)
        print(f"run {device}:{dtype}: {scorer.signature} on {scorer.device} in {scorer.dtype}", flush=True)
        per = {}
        for label, docs in corpora:
            started = time.perf_counter()
            scores = scorer.score_documents(docs)
            elapsed = time.perf_counter() - started
            per[label] = {
                "sentences": [s.score for d in scores for s in d.sentences if s.judged and s.tokens],
                "fluency": [d.fluency for d in scores],
                "findings": fl_findings(checker, docs),
                "tokens": sum(d.tokens for d in scores),
                "seconds": elapsed,
            }
        results[(device, dtype)] = per

    ref_key = runs[0]
    ref = results[ref_key]
    print()
    print(f"Against {ref_key[0]}:{ref_key[1]}:")
    print()
    print("| corpus | run | FL findings | not in the reference | reference's not here | sentence score: mean / max abs diff "
          "| document fluency: mean / max abs diff | tokens/s |")
    print("|---|---|---|---|---|---|---|---|")
    for label, _ in corpora:
        for key in runs:
            got = results[key][label]
            want = ref[label]
            ds = [abs(a - b) for a, b in zip(got["sentences"], want["sentences"])]
            df = [abs(a - b) for a, b in zip(got["fluency"], want["fluency"]) if a is not None and b is not None]
            print(f"| {label} | {key[0]}:{key[1]} | {len(got['findings'])} | {len(got['findings'] - want['findings'])} "
                  f"| {len(want['findings'] - got['findings'])} | {mean(ds):.4f} / {max(ds, default=0):.4f} "
                  f"| {mean(df):.2f} / {max(df, default=0):.2f} | {got['tokens'] / got['seconds']:.0f} |", flush=True)
    for key in runs[1:]:
        for label, _ in corpora:
            diff = sorted(results[key][label]["findings"] ^ ref[label]["findings"])
            for doc_id, code, start, end in diff[:20]:
                side = "only here" if (doc_id, code, start, end) in results[key][label]["findings"] else "only in reference"
                print(f"  {key[0]}:{key[1]} {label}: {side}: {doc_id} {code} {start}-{end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
