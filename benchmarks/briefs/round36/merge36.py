"""Merge the helpers' files of round 36 (drafts/r36/s36*.yaml) into
mtqa/lexicons/news_gk_r36_tentative.yaml, every entry at severity info, confidence 0.4;
the ids listed in drafts/r36/drop.txt (one a line, a reason after it) are left out.
With no argument it takes every s36*.yaml; the shipped file was made from the finished files
named on the command line (the list is in this folder's README)."""

import os
import sys
from pathlib import Path

import yaml

HEADER = Path("drafts/r36/head.txt").read_text("utf-8")
drop_file = Path("drafts/r36/drop.txt")
drop = set()
if drop_file.exists():
    drop = {ln.split()[0] for ln in drop_file.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")}
out, seen = [], set()
files = sys.argv[1:] or sorted(Path("drafts/r36").glob("s36*.yaml"))
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
        entry["provenance"] = (
            entry.get("provenance") or provenance
        ) + " (blind to every page and every synthetic set); tentative: not reviewed"
        out.append(entry)

text = yaml.dump(
    {"version": 1, "defaults": {"confidence": 0.4, "severity": "info"}, "entries": out},
    Dumper=yaml.SafeDumper,
    sort_keys=False,
    allow_unicode=True,
    width=120,
)
Path(os.environ.get("OUT", "mtqa/lexicons/news_gk_r36_tentative.yaml")).write_text(HEADER + text, "utf-8")
print(len(out), "entries;", len(drop), "dropped ids listed")
