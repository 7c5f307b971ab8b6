#!/usr/bin/env python3
"""Fuzz the loaders and the checks: any bytes in, a report or a one-line error out.

    python benchmarks/fuzz.py [--cases 10000] [--seconds 600] [--timeout 10] [--seed 0] [--ntrex DIR]

Cases, in turn: random bytes (as .txt, .html, .jsonl, .xlf, .tmx, .tsv), and
valid XLIFF 1.2, TMX, HTML and JSONL files (built from NTREX-128's English and
Bokmål when ``--ntrex`` is given) cut short, with bytes flipped, inserted or
deleted, or with markup repeated.  Each case is written to a file and checked
as ``mtqa.check(path, fluency=False)`` does, in a worker process.  Counted:

- tracebacks: an exception out of ``mtqa.check``, an "internal error" of a
  check, or an error message that is not one line;
- hangs: a case that takes longer than ``--timeout`` seconds (its worker is
  ended and a new one started);

and the cases that gave a report and those that gave an input error.  The run
stops after ``--cases`` cases or ``--seconds`` seconds, whichever comes first.
The first few failures are printed with the case saved for replay under
``--save`` (default: fuzz-failures/).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

PAIRS = [
    ("Regjeringen la fram budsjettet tirsdag.", "The government presented the budget on Tuesday."),
    ("Statsminister Jonas Gahr Støre svarte i Tromsø.", "Prime Minister Jonas Gahr Støre replied in Tromsø."),
    ("Opposisjonen reagerte kraftig.", "The opposition reacted strongly."),
]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def samples(pairs: list[tuple[str, str]]) -> dict[str, bytes]:
    """Valid files of each format, to be damaged."""
    units = "\n".join(
        f'<trans-unit id="{i}"><source>{_esc(nb)}</source><target state="final">{_esc(en)}</target></trans-unit>'
        for i, (nb, en) in enumerate(pairs)
    )
    xliff = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="a" source-language="nb" target-language="en" datatype="plaintext"><body>\n'
        f"{units}\n</body></file></xliff>\n"
    )
    tus = "\n".join(
        f'<tu><tuv xml:lang="nb"><seg>{_esc(nb)}</seg></tuv><tuv xml:lang="en"><seg>{_esc(en)}</seg></tuv></tu>'
        for nb, en in pairs
    )
    tmx = f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="nb"/><body>\n{tus}\n</body></tmx>\n'
    paras = "\n".join(f"<p>{_esc(en)}</p>" for _, en in pairs)
    html = (
        '<html><head><meta charset="utf-8"><title>Budget day</title></head>\n'
        f"<body><article><h1>Budget day</h1>\n{paras}\n</article></body></html>\n"
    )
    jsonl = "".join(json.dumps({"id": str(i), "target": en, "source": nb}) + "\n" for i, (nb, en) in enumerate(pairs))
    tsv = "".join(f"{nb}\t{en}\n" for nb, en in pairs)
    text = "Budget day\n\n" + "\n\n".join(en for _, en in pairs) + "\n"
    return {
        ".xlf": xliff.encode(), ".tmx": tmx.encode(), ".html": html.encode(), ".jsonl": jsonl.encode(),
        ".tsv": tsv.encode(), ".txt": text.encode(),
    }


def damage(rng: random.Random, data: bytes) -> bytes:
    """``data`` cut short, bytes flipped, inserted or deleted, or a stretch repeated."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(max(1, len(out)))
        kind = rng.choice(("cut", "flip", "insert", "delete", "repeat"))
        if kind == "cut":
            del out[at:]
        elif kind == "flip" and out:
            out[at] = rng.randrange(256)
        elif kind == "insert":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == "delete":
            del out[at : at + rng.randint(1, 32)]
        elif out:
            stretch = bytes(out[at : at + rng.randint(1, 40)])
            out[at:at] = stretch * rng.randint(2, 200)  # deep nesting, long runs
    return bytes(out)


def make_case(rng: random.Random, files: dict[str, bytes], index: int) -> tuple[str, bytes]:
    suffix = rng.choice(sorted(files))
    if index % 4 == 0:
        return suffix, bytes(rng.randrange(256) for _ in range(rng.randint(0, 3000)))
    return suffix, damage(rng, files[suffix])


def _worker(conn) -> None:
    """Check each case sent; answer ("report" | "input-error" | "traceback", detail)."""
    from mtqa.api import Checker

    checker = Checker(fluency=False)
    folder = Path(tempfile.mkdtemp(prefix="mtqa-fuzz-"))
    while True:
        case = conn.recv()
        if case is None:
            return
        suffix, data = case
        path = folder / f"case{suffix}"
        path.write_bytes(data)
        try:
            report = checker.check(str(path))
        except Exception:
            conn.send(("traceback", traceback.format_exc(limit=-3)))
            continue
        bad = [e.message for e in report.errors if "internal error" in e.message or "\n" in e.message]
        if bad:
            conn.send(("traceback", bad[0]))
        else:
            conn.send(("report" if report.results else "input-error", ""))


class Worker:
    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()

    def run(self, case: tuple[str, bytes], timeout: float) -> tuple[str, str] | None:
        """The case's answer; None when it took longer than ``timeout`` (the worker is then ended)."""
        self.conn.send(case)
        if self.conn.poll(timeout):
            return self.conn.recv()
        self.process.kill()
        self.process.join()
        return None

    def close(self) -> None:
        if self.process.is_alive():
            self.conn.send(None)
            self.process.join(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=600, help="stop after this long (default 600)")
    parser.add_argument("--timeout", type=float, default=10, help="a case taking longer is a hang (default 10)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ntrex", type=Path, help="build the sample files from NTREX-128 (shared/data/ntrex)")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"), help="where failing cases are saved")
    args = parser.parse_args()

    pairs = PAIRS
    if args.ntrex:
        from ntrex import documents

        first = next(iter(documents(args.ntrex).values()))
        pairs = [(nb, en) for en, nb in first[:12]]
    files = samples(pairs)
    rng = random.Random(args.seed)
    counts = {"report": 0, "input-error": 0, "traceback": 0, "hang": 0}
    shown = 0
    worker = Worker()
    warm = worker.run((".txt", files[".txt"]), timeout=300)  # the checks' data loaded before the clock
    assert warm is not None and warm[0] == "report", warm
    started = time.monotonic()
    done = 0
    while done < args.cases and time.monotonic() - started < args.seconds:
        case = make_case(rng, files, done)
        answer = worker.run(case, args.timeout)
        done += 1
        if answer is None:
            counts["hang"] += 1
            worker = Worker()
            worker.run((".txt", files[".txt"]), timeout=300)
            answer = ("hang", f"over {args.timeout:g} s")
        else:
            counts[answer[0]] += 1
        if answer[0] in ("traceback", "hang") and shown < 5:
            shown += 1
            args.save.mkdir(parents=True, exist_ok=True)
            saved = args.save / f"case{done}{case[0]}"
            saved.write_bytes(case[1])
            print(f"{answer[0]}: {saved}\n{answer[1]}", file=sys.stderr)
    worker.close()
    elapsed = time.monotonic() - started
    print(
        f"{done} cases in {elapsed:.0f} s (seed {args.seed}, timeout {args.timeout:g} s): "
        f"{counts['report']} reports, {counts['input-error']} input errors, "
        f"{counts['traceback']} tracebacks, {counts['hang']} hangs"
    )
    sys.exit(1 if counts["traceback"] or counts["hang"] else 0)


if __name__ == "__main__":
    main()
