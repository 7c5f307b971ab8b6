"""Deal a round's list to its slices: line i to slice i mod N, ``<stem>_1.tsv`` .. ``<stem>_N.tsv``."""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def parse_args(doc: str) -> argparse.Namespace:
    """The list scripts' shared options: --zmin, --slices, --out."""
    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("--zmin", type=float, default=2.0)
    ap.add_argument("--slices", type=int, default=8)
    ap.add_argument("--out", type=Path, default=ROOT / "drafts/r37")
    return ap.parse_args()


def deal(lines: list[str], out: Path, stem: str, slices: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    files: list[list[str]] = [[] for _ in range(slices)]
    for i, line in enumerate(lines):
        files[i % slices].append(line)
    for k, part in enumerate(files, 1):
        (out / f"{stem}_{k}.tsv").write_text("\n".join(part) + "\n", encoding="utf-8")
