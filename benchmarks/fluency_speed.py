#!/usr/bin/env python3
"""Speed of the fluency scorer against a naive per-sentence loop and one bare forward pass.

    python benchmarks/fluency_speed.py NTREX_DIR [--docs 50] [--model smollm2] [--cold]

Side by side, in one run, on the seed article and on the first ``--docs`` NTREX
documents (rebuilt as articles, see fluency_calibration.py), with the same model:

- mtqa: ``Scorer.score_documents`` (whole articles in windows, documents batched
  8 at a time, per-sentence statistics included);
- naive: each sentence scored on its own, one forward pass per sentence, the way
  most users write it (and as HF ``evaluate``'s perplexity does, without batching);
- bare: one forward pass of the model over the same token windows, logits only:
  the limit.

Prints tokens/s and the ratios, the warm load time (a new process, imports
included, and in-process), the cold load time with ``--cold`` (conversion into a
temporary, empty cache), and the peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fluency_calibration import ntrex_documents  # noqa: E402

import mtqa  # noqa: E402
from mtqa.scoring import load_scorer  # noqa: E402
from mtqa.scoring.scorer import model_text  # noqa: E402

SEED = ROOT / "seeds" / "000_b3dce5b5bb70e21c.txt"


def naive(scorer, docs) -> int:
    import torch

    tokens = 0
    for doc in docs:
        for sentence in doc.text_sentences():
            text = doc.text[sentence.start : sentence.end]
            ids = [scorer.prefix_id] + scorer.tokenizer(text, add_special_tokens=False)["input_ids"]
            x = torch.tensor([ids])
            with torch.inference_mode():
                logits = scorer.model(input_ids=x).logits.float()
                lp = torch.log_softmax(logits[0, :-1], -1).gather(1, x[0, 1:, None])
            tokens += len(ids) - 1
            float(lp.sum())
    return tokens


def bare(scorer, docs) -> int:
    import torch

    tokens = 0
    for doc in docs:
        text, _ = model_text(doc)
        ids = [scorer.prefix_id] + scorer.tokenizer(text, add_special_tokens=False)["input_ids"]
        for start, end, first in scorer._windows(len(ids)):
            with torch.inference_mode():
                _ = scorer.model(input_ids=torch.tensor([ids[start:end]]), use_cache=False).logits
            tokens += end - first
    return tokens


def timed(fn, *args) -> tuple[float, int]:
    started = time.perf_counter()
    n = fn(*args)
    return time.perf_counter() - started, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ntrex", type=Path)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--model", default=None)
    ap.add_argument("--cold", action="store_true", help="also time the first conversion (empty cache)")
    args = ap.parse_args()
    import torch

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"torch {torch.__version__} ({torch.get_num_threads()} threads)")
    if args.cold:
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "MTQA_CACHE": cache}
            code = f"import time; t=time.perf_counter(); from mtqa.scoring import prepare; prepare({args.model!r}); print(time.perf_counter()-t)"
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            print(f"cold load (verify + convert GGUF into an empty cache): {float(out.stdout.split()[-1]):.1f}s")
    code = ("import time; t=time.perf_counter(); from mtqa.scoring import load_scorer; "
            f"load_scorer({args.model!r}, device='cpu'); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    print(f"warm load, new process (imports of torch/transformers included): {float(out.stdout.split()[-1]):.2f}s")
    t0 = time.perf_counter()
    scorer = load_scorer(args.model, device="cpu")
    from mtqa import scoring

    scoring._LOADED.clear()
    t1 = time.perf_counter()
    scorer = load_scorer(args.model, device="cpu")
    print(f"warm load, in process (second load): {time.perf_counter() - t1:.2f}s (first {t1 - t0:.2f}s)")
    print(f"model: {scorer.signature}")

    seed = list(mtqa.iter_documents([SEED]))
    ntrex = ntrex_documents(args.ntrex)[: args.docs]
    scorer.score_documents(seed)  # warm-up
    print()
    print("| corpus | tokens | mtqa tokens/s | naive tokens/s | bare tokens/s | mtqa vs naive | mtqa / bare time |")
    print("|---|---|---|---|---|---|---|")
    for label, docs in (("seed article", seed), (f"NTREX, {len(ntrex)} documents", ntrex)):
        # The three run in turn on each slice of 8 documents, so a change in the
        # machine's load during the run falls on all three alike.
        t_ours = t_bare = t_naive = 0.0
        n_ours = n_bare = n_naive = 0
        for i in range(0, len(docs), 8):
            part = docs[i : i + 8]
            t, n = timed(lambda part=part: sum(s.tokens for s in scorer.score_documents(part)))
            t_ours, n_ours = t_ours + t, n_ours + n
            t, n = timed(bare, scorer, part)
            t_bare, n_bare = t_bare + t, n_bare + n
            t, n = timed(naive, scorer, part)
            t_naive, n_naive = t_naive + t, n_naive + n
        print(f"| {label} | {n_ours} | {n_ours / t_ours:.0f} | {n_naive / t_naive:.0f} | {n_bare / t_bare:.0f} "
              f"| {t_naive / t_ours:.2f}x faster | {t_ours / t_bare:.2f}x |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
