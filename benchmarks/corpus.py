#!/usr/bin/env python3
"""Corpus scale: a synthetic corpus from NTREX, then mtqa runs over it, timed.

    python benchmarks/corpus.py build NTREX_DIR OUT.jsonl [--docs 10000] [--seed 11]
    python benchmarks/corpus.py run CORPUS.jsonl [--docs N] [--jobs 1] [--engine local|ray] [--model] [--results R]
    python benchmarks/corpus.py resume CORPUS.jsonl [--docs N] [--jobs 2] [--kill-at 0.5]

``build`` writes a JSONL corpus of ``--docs`` articles made from the 123 NTREX
English documents, reproducibly from ``--seed``: each article is a document's
paragraphs from a random start, a random length (at least three), and a
title; half of them get one to three injected errors of the kinds mtqa
checks (a doubled word, a Bokmål word from the document's translation, two
letters of a capitalised name swapped, a "Read also:" link line, a garbled
idiom from the lexicon's flag examples).  Records keep the Norwegian side as
``source`` for none of them: the corpus is English alone, as most monitoring is.

``run`` times one ``mtqa check`` of the first ``--docs`` articles (a
subprocess, as a user runs it: ``-f jsonl -o`` to a file, ``--no-fluency``
unless ``--model``) and prints documents/s and the peak resident memory of the
main process and of its largest worker, read apart from /proc.  ``resume`` kills a run with SIGKILL
when ``--kill-at`` of the documents are stored, resumes it, and prints the time
lost against an uninterrupted run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from ntrex import documents as ntrex_documents  # noqa: E402


def _idiom_examples() -> list[str]:
    import yaml

    data = yaml.safe_load((ROOT / "mtqa" / "lexicons" / "nb_en.yaml").read_text("utf-8"))
    out = []
    for entry in data.get("entries", []):
        for ex in entry.get("examples", {}).get("flag", []) if isinstance(entry.get("examples"), dict) else []:
            if isinstance(ex, str) and 20 < len(ex) < 200:
                out.append(ex)
    return out


def inject(rng: random.Random, paragraphs: list[str], nb_lines: list[str], idioms: list[str]) -> list[str]:
    """One to three errors of the kinds mtqa checks, in place."""
    paragraphs = list(paragraphs)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["double", "bokmal", "name", "furniture", "idiom"])
        i = rng.randrange(len(paragraphs))
        words = paragraphs[i].split(" ")
        if kind == "double" and len(words) > 4:
            j = rng.randrange(1, len(words) - 1)
            if words[j].isalpha():
                words.insert(j, words[j])
        elif kind == "bokmal":
            nb_words = [w for line in nb_lines for w in re.findall(r"[a-zæøå]{6,}", line)]
            if nb_words and len(words) > 3:
                words.insert(rng.randrange(1, len(words)), rng.choice(nb_words))
        elif kind == "name":
            caps = [k for k, w in enumerate(words) if k > 0 and re.fullmatch(r"[A-Z][a-z]{4,}", w)]
            if caps:
                k = rng.choice(caps)
                w = words[k]
                p = rng.randrange(1, len(w) - 1)
                words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
        elif kind == "furniture":
            paragraphs.insert(i, "Read also: " + rng.choice(paragraphs)[:60].rstrip() + " (+)")
            continue
        elif kind == "idiom" and idioms:
            paragraphs.insert(i + 1, rng.choice(idioms))
            continue
        paragraphs[i] = " ".join(words)
    return paragraphs


def build(ntrex: Path, out: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    docs = list(ntrex_documents(ntrex).items())
    idioms = _idiom_examples()
    with open(out, "w", encoding="utf-8") as fh:
        for k in range(n):
            doc_id, pairs = docs[rng.randrange(len(docs))]
            en = [e for e, _ in pairs]
            start = rng.randrange(0, max(1, len(en) - 3))
            length = rng.randint(3, max(3, len(en) - start))
            paragraphs = en[start : start + length]
            errors = rng.random() < 0.5
            if errors:
                paragraphs = inject(rng, paragraphs, [nb for _, nb in pairs], idioms)
            title = " ".join(paragraphs[0].split()[:8]).rstrip(",.;:")
            record = {"id": f"syn-{k:05d}", "target": title + "\n\n" + "\n\n".join(paragraphs),
                      "meta": {"ntrex": doc_id, "injected": errors}}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {n} articles from {len(docs)} NTREX documents (seed {seed}), half with injected errors")


def head(corpus: Path, n: int | None, folder: Path) -> Path:
    """The first n records of the corpus, as a file of their own."""
    if n is None:
        return corpus
    path = folder / f"first-{n}.jsonl"
    with open(corpus, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return path


def command(corpus: Path, args, results: Path | None, out: Path) -> list[str]:
    cmd = [sys.executable, "-m", "mtqa", "check", str(corpus), "-q", "-f", "jsonl", "-o", str(out),
           "--jobs", str(args.jobs), "--engine", args.engine]
    if not args.model:
        cmd.append("--no-fluency")
    if results is not None:
        cmd += ["--results", str(results)]
    return cmd


def _hwm(pid: int) -> int:
    """Peak resident memory (VmHWM) of one process in KiB, 0 if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def timed_run(cmd: list[str]) -> tuple[float, int, float, float]:
    """(seconds, exit code, peak RSS of the main process in MiB, of its largest child in MiB).

    The peaks are read from /proc while the run goes (every 0.1 s), so the
    main process and its workers are measured apart."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_peak = child_peak = 0
    while proc.poll() is None:
        main_peak = max(main_peak, _hwm(proc.pid))
        for child in _children(proc.pid):
            child_peak = max(child_peak, _hwm(child))
        time.sleep(0.1)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mtqa failed ({proc.returncode}): {err[-2000:]}")
    return elapsed, proc.returncode, main_peak / 1024, child_peak / 1024


def count_docs(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(1 for line in fh if line.strip())


def run(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = head(args.corpus, args.docs, Path(tmp))
        n = count_docs(corpus)
        out = Path(tmp) / "out.jsonl"
        seconds, code, rss, child = timed_run(command(corpus, args, args.results, out))
        done = sum(1 for line in open(out, encoding="utf-8") if '"type": "document"' in line[:30])
        print(f"{n} documents, engine {args.engine}, --jobs {args.jobs}, model {'on' if args.model else 'off'}: "
              f"{seconds:.1f} s, {done / seconds:.2f} documents/s, peak memory: main process {rss:.0f} MiB, "
              f"largest worker {child:.0f} MiB")


def resume(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = head(args.corpus, args.docs, Path(tmp))
        n = count_docs(corpus)
        out = Path(tmp) / "out.jsonl"
        whole = timed_run(command(corpus, args, None, out))[0]
        results = Path(tmp) / "results.jsonl"
        cmd = command(corpus, args, results, out)
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        target = int(n * args.kill_at)
        while child.poll() is None:
            stored = results.read_bytes().count(b'"type": "document"') if results.exists() else 0
            if stored >= target:
                os.kill(child.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        child.wait()
        first = time.perf_counter() - started
        stored = results.read_bytes().count(b'"type": "document"')
        second = timed_run(cmd + ["--resume"])[0]
        lost = first + second - whole
        print(f"{n} documents, --jobs {args.jobs}: uninterrupted {whole:.1f} s; killed (SIGKILL) after {first:.1f} s "
              f"with {stored} stored, resumed in {second:.1f} s; time lost {lost:.1f} s "
              f"({100 * lost / whole:.1f}% of the uninterrupted run)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    b = sub.add_parser("build")
    b.add_argument("ntrex", type=Path)
    b.add_argument("out", type=Path)
    b.add_argument("--docs", type=int, default=10000)
    b.add_argument("--seed", type=int, default=11)
    for name in ("run", "resume"):
        r = sub.add_parser(name)
        r.add_argument("corpus", type=Path)
        r.add_argument("--docs", type=int, default=None)
        r.add_argument("--jobs", type=int, default=2)
        r.add_argument("--engine", default="local", choices=["local", "ray"])
        r.add_argument("--model", action="store_true", help="fluency on (the default model)")
        if name == "run":
            r.add_argument("--results", type=Path, default=None)
        else:
            r.add_argument("--kill-at", type=float, default=0.5)
    args = ap.parse_args()
    if args.what == "build":
        build(args.ntrex, args.out, args.docs, args.seed)
    elif args.what == "run":
        run(args)
    else:
        resume(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
