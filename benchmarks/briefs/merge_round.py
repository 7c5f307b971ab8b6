"""Merge a blind round's helper files into one tentative lexicon file.

    .venv/bin/python benchmarks/briefs/merge_round.py ROUND [FILES ...] [--head FILE] [--drop FILE]

Every entry is set to severity info, confidence 0.4 (the tentative tier: drafted blind, not
reviewed), and its provenance says so. The ids listed in the drop file (one a line, a reason after
it; ``drafts/r<ROUND>/drop.txt`` by default) are left out, and an id met twice is taken once. With no
FILES it takes every ``drafts/r<ROUND>/s<ROUND>*.yaml``; a round's README names the finished files its
shipped tier was made from. The file's header comment is read from ``--head`` (by default
``drafts/r<ROUND>/head.txt``). Writes ``mtqa/lexicons/news_gk_r<ROUND>_tentative.yaml``, or ``$OUT``.
Rounds 36 on were merged with it (``round36/merge36.py`` calls it); round 35's ``merge35.py`` also
marks dev-overlap ids and stays as it was.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import yaml

SUFFIX = " (blind to every page and every synthetic set); tentative: not reviewed"


def merge(files: list[Path], drop: set[str]) -> list[dict]:
    out, seen = [], set()
    for path in files:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
        provenance = (data.get("defaults") or {}).get("provenance", "")
        for entry in data.get("entries") or []:
            if entry["id"] in drop or entry["id"] in seen:
                continue
            seen.add(entry["id"])
            entry = dict(entry)
            entry["severity"] = "info"
            entry["confidence"] = 0.4
            entry["provenance"] = (entry.get("provenance") or provenance) + SUFFIX
            out.append(entry)
    return out


def read_drop(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text("utf-8").splitlines()
    return {ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("round", type=int)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--head", type=Path)
    ap.add_argument("--drop", type=Path)
    args = ap.parse_args(argv)
    folder = Path(f"drafts/r{args.round}")
    drop = read_drop(args.drop or folder / "drop.txt")
    files = args.files or sorted(folder.glob(f"s{args.round}*.yaml"))
    out = merge(files, drop)
    text = yaml.dump(
        {"version": 1, "defaults": {"confidence": 0.4, "severity": "info"}, "entries": out},
        Dumper=yaml.SafeDumper,
        sort_keys=False,
        allow_unicode=True,
        width=120,
    )
    header = (args.head or folder / "head.txt").read_text("utf-8")
    target = Path(os.environ.get("OUT", f"mtqa/lexicons/news_gk_r{args.round}_tentative.yaml"))
    target.write_text(header + text, "utf-8")
    print(len(out), "entries;", len(drop), "dropped ids listed")


if __name__ == "__main__":
    main()
