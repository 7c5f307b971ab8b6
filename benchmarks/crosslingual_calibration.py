#!/usr/bin/env python3
"""Make the cross-lingual calibration (AC004) and measure it on held-out documents.

    python benchmarks/crosslingual_calibration.py NTREX_DIR [--model gemma3-270m] [--seed 7]
        [--warning-rate 0.002] [--limit N] [--threads 2] [--cache FILE] [--write] [--list]

NTREX-128 gives 123 English news documents with their human Bokmål translation;
read nb -> en, every aligned sentence pair is a faithful translation.  The
documents are split in two halves, reproducibly from the seed:

- calibration half: each document is rebuilt as an nb/en pair (one paragraph a
  line, as ``source_checks.py`` does), aligned by mtqa, and the pairs ``AC004``
  scores (``mtqa.checks.accuracy.crosslingual_pairs``) are scored: PMI per
  English token, log P(en | "Norwegian: nb / English:") - log P(en | "English:").
  Fitted: the percentiles of the statistic, the warning threshold (the
  ``--warning-rate`` quantile: 0.2%, about 1 sentence in 500 of clean news) and
  the error threshold (0 nats: the source does not make the sentence more
  likely at all; lower if a clean pair scored under it).
- held-out half: ``AC004`` runs with that calibration on the clean pairs (every
  finding is a false alarm) and on corrupted copies, one corruption per
  document and type, on the English side only (``crosslingual.py``'s
  corruptions): mistranslation (a line replaced by another line of the same
  document), foreign (a line replaced by a line of another held-out document),
  number, name, omission (the second half of a sentence dropped) and negation.
  A corruption is found when an AC004 finding overlaps the corrupted line.
  Printed: false alarms per pair and per document, recall per type at warning
  level and at error level, and findings elsewhere in the corrupted documents.

``--cache FILE`` keeps the pair scores in a JSON file between runs (a rerun
after a change to the checks scores only the pairs that changed; delete the
file after changing the prompts or the model).  Without ``--write`` the entry is printed; with it, it replaces the model's
entry (by file hash) in ``mtqa/data/crosslingual_calibration.yaml``, or goes
into the ``crosslingual`` section of ``mtqa-calibration.yaml`` inside a model
folder given with ``--model DIR``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crosslingual import corrupt  # noqa: E402
from ntrex import documents  # noqa: E402

import mtqa  # noqa: E402
from mtqa.checks.accuracy import UnsupportedSentence, crosslingual_pairs  # noqa: E402
from mtqa.model import Severity  # noqa: E402
from mtqa.scoring import calibration, load_scorer, resolve  # noqa: E402
from mtqa.scoring.scorer import PAIR_STATISTIC, PairScore  # noqa: E402

KINDS = ("mistranslation", "foreign", "number", "name", "omission", "negation")
HEADER = (
    "# Cross-lingual calibration (AC004): PMI per English token of the aligned sentence pairs of\n"
    "# clean human nb -> en news, one entry per model file hash.  Made by\n"
    "# benchmarks/crosslingual_calibration.py (see its docstring and each entry's made_with);\n"
    "# do not edit by hand.\n"
)


def as_document(doc_id: str, lines: list[tuple[str, str]]) -> mtqa.Document:
    return mtqa.document_from_text(
        "\n".join(e for e, _ in lines), doc_id=doc_id, source="\n".join(n for _, n in lines)
    )


def load_cache(scorer, path: Path) -> None:
    """Pair scores of an earlier run into the scorer's cache (same model only)."""
    if not path.is_file():
        return
    data = json.loads(path.read_text("utf-8"))
    if [data.get("model"), data.get("statistic"), data.get("dtype")] != [scorer.sha256, PAIR_STATISTIC, scorer.dtype]:
        return
    for nb, en, tokens, conditional, plain in data["pairs"]:
        scorer._remember_pair((nb, en), PairScore(tokens, conditional, plain))


def save_cache(scorer, path: Path) -> None:
    pairs = [[nb, en, s.tokens, s.conditional, s.plain] for (nb, en), s in scorer._pair_cache.items() if s]
    path.write_text(json.dumps({"model": scorer.sha256, "statistic": PAIR_STATISTIC, "dtype": scorer.dtype,
                                "pairs": pairs}), "utf-8")


def corrupted(doc_id: str, lines: list[tuple[str, str]], make, rng: random.Random, first: int = 0):
    """The document with one English line replaced by ``make(k)``: the first line,
    in an order drawn from ``rng`` (from line ``first`` on), that ``make`` gives a new
    text for.  Returns ``(document, start, end, k, new)``, the new line's span, or None."""
    order = list(range(first, len(lines)))
    rng.shuffle(order)
    for k in order:
        new = make(k)
        if new and new != lines[k][0]:
            changed = list(lines)
            changed[k] = (new, lines[k][1])
            start = sum(len(e) + 1 for e, _ in changed[:k])
            return as_document(doc_id, changed), start, start + len(new), k, new
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ntrex", type=Path)
    ap.add_argument("--model", default="gemma3-270m")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--warning-rate", type=float, default=0.002)
    ap.add_argument("--limit", type=int, default=None, help="only N documents in all (testing)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=None, help="pair scores kept between runs (JSON)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--list", action="store_true", help="print every held-out finding and every miss")
    args = ap.parse_args(argv)

    import torch

    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    all_docs = documents(args.ntrex)
    ids = list(all_docs)
    rng.shuffle(ids)
    ids = ids[: args.limit]
    half = len(ids) // 2
    calib_ids, held_ids = sorted(ids[:half], key=list(all_docs).index), sorted(ids[half:], key=list(all_docs).index)

    started = time.monotonic()
    scorer = load_scorer(args.model, device="cpu")
    print(f"model: {scorer.name} ({scorer.sha256[:12]}), loaded in {time.monotonic() - started:.1f} s",
          file=sys.stderr)
    if args.cache is not None:
        load_cache(scorer, args.cache)

    # -- the calibration half -------------------------------------------------
    started = time.monotonic()
    statistics, tokens = [], 0
    for n, doc_id in enumerate(calib_ids, 1):
        pairs = crosslingual_pairs(as_document(doc_id, all_docs[doc_id]), UnsupportedSentence.MIN_WORDS)
        for score in scorer.pair_scores([(s, t) for _, _, s, t in pairs]):
            if score is not None:
                statistics.append(score.pmi_per_token)
                tokens += score.tokens
        print(f"\rcalibration: {n}/{len(calib_ids)} documents, {len(statistics)} pairs", end="", file=sys.stderr)
        if args.cache is not None:
            save_cache(scorer, args.cache)
    calib_s = time.monotonic() - started
    print(f"\ncalibration half scored in {calib_s:.0f} s", file=sys.stderr)
    fitted = calibration.fit_crosslingual(
        scorer.name,
        scorer.sha256,
        statistics,
        warning_rate=args.warning_rate,
        error_level=0.0,
        made_with=(
            f"benchmarks/crosslingual_calibration.py on NTREX-128 (newstest2019 eng/nob, {len(calib_ids)} of "
            f"{len(all_docs)} documents, seed {args.seed}; the other {len(held_ids)} held out), "
            f"warning rate {args.warning_rate}, mtqa {mtqa.__version__}, {scorer.dtype} on {scorer.device}"
        ),
        stats={"documents": len(calib_ids)},
    )
    scorer.crosslingual = fitted
    thresholds = fitted.thresholds
    print(f"\ncalibration: {len(calib_ids)} documents, {len(statistics)} pairs; clean PMI/token median "
          f"{fitted.stats['median']:.3f}, min {fitted.stats['min']:.3f}; thresholds: warning < "
          f"{thresholds['ac004_warning']:.3f}, error <= {thresholds['ac004_error']:.3f} nats/token")

    # -- the held-out half ----------------------------------------------------
    check = UnsupportedSentence()
    ctx = SimpleNamespace(scorer=scorer)
    started = time.monotonic()
    clean_pairs = 0
    clean_found = {Severity.WARNING: 0, Severity.ERROR: 0}
    docs_flagged = 0
    for doc_id in held_ids:
        doc = as_document(doc_id, all_docs[doc_id])
        clean_pairs += len(crosslingual_pairs(doc, UnsupportedSentence.MIN_WORDS))
        found = list(check.run(doc, ctx))
        docs_flagged += bool(found)
        for f in found:
            clean_found[f.severity] += 1
            if args.list:
                print(f"  false alarm {doc_id} ({f.severity}, {f.extra['pmi_per_token']}): {f.text[:100]!r}")
    print(f"\nheld-out clean pairs: {len(held_ids)} documents, {clean_pairs} pairs; AC004 findings: "
          f"{clean_found[Severity.WARNING]} warnings, {clean_found[Severity.ERROR]} errors "
          f"({sum(clean_found.values()) / max(1, clean_pairs):.2%} of pairs); documents with a finding: "
          f"{docs_flagged}/{len(held_ids)}")

    print("\n| corruption | documents | found (warning or error) | found as error | findings elsewhere |")
    print("|---|---|---|---|---|")
    for kind in KINDS:
        made = found_any = found_error = elsewhere = 0
        for doc_id in held_ids:
            lines = all_docs[doc_id]

            def make(k: int, kind=kind, doc_id=doc_id, lines=lines) -> str | None:
                if kind == "foreign":
                    pool = [e for other in held_ids if other != doc_id for e, _ in all_docs[other]]
                    return rng.choice(pool) if len(lines[k][0].split()) >= 4 else None
                others = [e for j, (e, _) in enumerate(lines) if j != k]
                return corrupt(kind, lines[k], others, rng)

            made_doc = corrupted(doc_id, lines, make, rng)
            if made_doc is None:
                continue
            doc, start, end, k, new = made_doc
            findings = list(check.run(doc, ctx))
            hits = [f for f in findings if f.start < end and start < f.end]
            made += 1
            found_any += bool(hits)
            found_error += any(f.severity == Severity.ERROR for f in hits)
            elsewhere += len(findings) - len(hits)
            if args.list and not hits:
                print(f"  missed {kind} in {doc_id} line {k + 1}: {new[:100]!r}")
        if made:
            print(f"| {kind} | {made} | {found_any} ({found_any / made:.1%}) | {found_error} ({found_error / made:.1%}) "
                  f"| {elsewhere} |")
    print(f"\ntimes: calibration half {calib_s:.0f} s ({tokens / max(calib_s, 1e-9):.0f} English tokens/s), "
          f"held-out half and corruptions {time.monotonic() - started:.0f} s; threads {args.threads}")
    if args.cache is not None:
        save_cache(scorer, args.cache)
    fitted.stats.update({"held_out_documents": len(held_ids), "held_out_pairs": clean_pairs,
                         "held_out_findings": sum(clean_found.values()),
                         "held_out_errors": clean_found[Severity.ERROR]})

    entry = fitted.to_dict()
    if not args.write:
        print(yaml.safe_dump(entry, sort_keys=False, width=100))
        return 0
    source = resolve(args.model)
    if source.kind == "dir":
        target = source.path / calibration.MODEL_DIR_FILE
        data = (yaml.safe_load(target.read_text("utf-8")) if target.is_file() else None) or {}
        data["crosslingual"] = entry
        target.write_text(yaml.safe_dump(data, sort_keys=False, width=100), "utf-8")
    else:
        target = calibration.CROSSLINGUAL_DATA
        data = (yaml.safe_load(target.read_text("utf-8")) if target.is_file() else None) or {}
        models = [m for m in data.get("models", []) if m["sha256"] != entry["sha256"]]
        models.append(entry)
        target.write_text(HEADER + yaml.safe_dump({"models": models}, sort_keys=False, width=100), "utf-8")
    print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
