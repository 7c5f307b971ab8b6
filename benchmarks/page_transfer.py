#!/usr/bin/env python3
"""Do the lexicon entries learnt from the development pages reach other pages?

    python benchmarks/page_transfer.py [GOLD_DIR DOCS_DIR]   (default: ../shared/realworld)

``accuracy.py`` reports idiom recall twice: with every entry, and without the
entries learnt from the development pages (the figure that predicts unseen
pages).  The unseen pages are checked with every entry, though, and an entry
learnt from one page may meet its expression again on another.  This measures
that, leaving one page out at a time: an idiom item of a page counts as found
when the run without page entries finds it, or when an entry learnt from the
pages finds it and also finds a gold item on some other page (the entry would
have been written from that page had this one been unseen).  Which page an entry
was learnt from is not recorded, so the pages where it finds gold items stand in
for it.  Items are counted as accuracy.py counts them (one per group; a quote
not found in its article is a miss).  Printed: must and all items, page-free and
leave-one-page-out, and each item gained with its entry and pages.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy as A  # noqa: E402

import mtqa  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = A.ROOT.parent / "shared" / "realworld"
    ap.add_argument("gold", nargs="?", type=Path, default=default / "gold")
    ap.add_argument("docs", nargs="?", type=Path, default=default / "clean")
    args = ap.parse_args()
    page_entries = A.page_sourced_entries(())
    loaded = [(doc_id, A.gold_spans(doc.text, items), doc) for doc_id, _, items, doc in A.load_pages(args.gold, args.docs)]
    if not loaded:
        raise SystemExit(f"no gold with its article in {args.gold} and {args.docs}")
    page_free = A.page_free_findings([d for *_, d in loaded], (), page_entries)
    checker = mtqa.Checker(fluency=False)
    must: dict[tuple[str, str], bool] = {}
    found_by: dict[tuple[str, str], set[str]] = {}
    pages_of: dict[str, set[str]] = defaultdict(set)
    free: set[tuple[str, str]] = set()
    for n, (doc_id, spans, doc) in enumerate(loaded):
        findings = [f for f in checker.check(doc).to_dict()["documents"][0]["findings"] if f["family"] == "idiom"]
        without = [f for f in page_free[n] if f["family"] == "idiom"]
        # counted as accuracy.py counts: one unit per group, a quote not in the text a miss
        for unit in A.units([i for i in spans if i["family"] == "idiom"]):
            located = [i for i in unit if i["start"] is not None]
            key = (doc_id, unit[0]["id"])
            must[key] = any(i.get("must") for i in unit)
            entries = {(f.get("extra") or {}).get("lexicon_entry") or f["code"]
                       for i in located for f in findings if A.matches(f, i)}
            found_by[key] = entries
            for entry in entries:
                pages_of[entry].add(doc_id)
            if any(A.matches(f, i) for i in located for f in without):
                free.add(key)
    transfer = {
        key: sorted(e for e in entries if e in page_entries and pages_of[e] - {key[0]})
        for key, entries in found_by.items() if key not in free
    }
    transfer = {key: entries for key, entries in transfer.items() if entries}
    loo = free | set(transfer)
    musts = [k for k, m in must.items() if m]
    print(f"pages: {len(loaded)}; lexicon entries learnt from them: {len(page_entries)}")
    print("| idiom items | page-free | leave one page out |")
    print("|---|---|---|")
    print(f"| must | {len(free & set(musts))}/{len(musts)} | {len(loo & set(musts))}/{len(musts)} |")
    print(f"| all | {len(free)}/{len(must)} | {len(loo)}/{len(must)} |")
    for (doc_id, item_id), entries in sorted(transfer.items()):
        pages = sorted({p for e in entries for p in pages_of[e]} - {doc_id})
        print(f"- {item_id} {'(must) ' if must[(doc_id, item_id)] else ''}via {', '.join(entries)}, also on {', '.join(pages)}")


if __name__ == "__main__":
    main()
