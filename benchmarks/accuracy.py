#!/usr/bin/env python3
"""Score mtqa's findings against hand-made gold annotations.

    python benchmarks/accuracy.py [GOLD_DIR DOCS_DIR ...] [--fluency] [--report FILE]
                                  [--family F] [--list] [--json]

Each GOLD_DIR DOCS_DIR pair is one set: GOLD_DIR holds ``<id>.gold.jsonl`` files in
the format of ``shared/gold/`` and ``shared/realworld/`` (one item a line: ``quote``,
``occurrence``, ``family``, ``must``, ``suggestion``, optional ``group`` and
``category``); DOCS_DIR holds the articles, ``<id>.txt`` (or .md / .html).  With no
pair, the seed (``tests/fixtures/gold`` against ``seeds/``) and, where it is
checked out beside the project, ``../shared/realworld`` are scored, both in one call.

How it counts:

- an item is found when a finding of its family overlaps its span and is at most
  twice the item's length plus 20 characters long (a finding over a whole
  paragraph diagnoses nothing), except furniture, which is found and removed a
  whole block at a time;
- the items of one ``group`` (two spellings of which neither is known to be right)
  count once, found when any of them is;
- items of family ``negative`` look suspicious but are right: a finding on one is
  a false alarm, never recall;
- a suggestion is right when, case and punctuation aside ("6 p.m." is "6 pm"), the finding's suggestion
  equals or contains the item's suggestion (its first alternative, before `` | ``),
  or makes it when put in place of the finding's span inside the item's quote;
- a finding that matches no gold item (of any family) is listed as unmatched.

Idiom recall is printed twice: with every finding, and without the findings of
lexicon entries whose provenance names the development pages (an entry learnt
from a page, or a general one whose expression also occurs on a page: it was
written with the page in view), which is the figure that predicts unseen articles.

mtqa runs without the reference language model unless ``--fluency`` is given: the
fluency checks are no gold family's, but ID010 and ID011 (a particle or a reflexive verb judged by the model)
are idiom checks, so ``--fluency`` adds their findings to the idiom figures;
``--report`` scores a saved JSON report instead.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mtqa  # noqa: E402
from mtqa.loaders import SUFFIXES  # noqa: E402

SEED_SET = ("seed", ROOT / "tests" / "fixtures" / "gold", ROOT / "seeds")
REALWORLD = ROOT.parent / "shared" / "realworld"
REALWORLD_SET = ("realworld", REALWORLD / "gold", REALWORLD / "clean")
#: Lexicon provenance that marks an entry learnt from a development page, or written
#: with one in view (an expression that also occurs on a page: "dev-overlap").
PAGE_PROVENANCE = re.compile(r"realworld|dev(?:elopment)?[ -]page|dev-overlap", re.I)
NEGATIVE = "negative"
COUNTERS = ("must", "must_found", "all", "all_found", "suggested", "suggested_right",
            "findings", "unmatched", "false_alarms")


def gold_spans(text: str, items: list[dict]) -> list[dict]:
    """Each gold item with its ``start``/``end`` in ``text`` (None if not found)."""
    out = []
    for item in items:
        start = -1
        for _ in range(item.get("occurrence", 0) + 1):
            start = text.find(item["quote"], start + 1)
            if start < 0:
                break
        span = (start, start + len(item["quote"])) if start >= 0 else (None, None)
        out.append({**item, "start": span[0], "end": span[1]})
    return out


def overlaps(a: dict, b: dict) -> bool:
    if a["start"] is None or b["start"] is None:
        return False
    if a["start"] == a["end"] or b["start"] == b["end"]:
        return a["start"] == b["start"]
    return a["start"] < b["end"] and b["start"] < a["end"]


def matches(finding: dict, item: dict) -> bool:
    """The finding points at the item: spans overlap and the finding is not much wider."""
    if not overlaps(finding, item):
        return False
    if finding["family"] == "boilerplate":  # furniture is removed block by block
        return True
    width = finding["end"] - finding["start"]
    return width <= 2 * (item["end"] - item["start"]) + 20


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"(?<!\w)(\w)\.(\w)\.(?!\w)", r"\1\2", text)  # "6 p.m." is "6 pm"
    text = "".join(" " if unicodedata.category(c)[0] in "PS" else c for c in text)
    return " ".join(text.split())


def suggestion_right(finding: dict, item: dict) -> bool:
    """The finding's suggestion equals or contains the item's first alternative, or
    makes it when applied: a finding on "his" in "his US counterpart" suggesting "her"."""
    wanted = _normalise(str(item.get("suggestion") or "").split(" | ")[0])
    if not wanted or not finding.get("suggestion"):
        return False
    candidates = [str(finding["suggestion"])]
    quote = item.get("quote")
    if quote and item["start"] <= finding["start"] <= finding["end"] <= item["end"]:
        a, b = finding["start"] - item["start"], finding["end"] - item["start"]
        candidates.append(quote[:a] + str(finding["suggestion"]) + quote[b:])
    return any(wanted == got or f" {wanted} " in f" {got} " for got in map(_normalise, candidates))


def units(gold: list[dict]) -> list[list[dict]]:
    """The counted units: one per group, one per ungrouped item (negatives left out)."""
    grouped: dict[str, list[dict]] = {}
    out: list[list[dict]] = []
    for item in gold:
        if item["family"] == NEGATIVE:
            continue
        if item.get("group"):
            key = f"{item['family']}:{item['group']}"
            if key not in grouped:
                grouped[key] = []
                out.append(grouped[key])
            grouped[key].append(item)
        else:
            out.append([item])
    return out


def score(gold: list[dict], findings: list[dict]) -> dict:
    """Per family: recall of must and all units, suggestions, unmatched findings, false alarms."""
    families: dict[str, dict] = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    missed, hits = [], []
    for unit in units(gold):
        family = unit[0]["family"]
        fam = families[family]
        must = any(i.get("must") for i in unit)
        found = [(f, i) for i in unit for f in findings if f["family"] == family and matches(f, i)]
        fam["all"] += 1
        fam["all_found"] += bool(found)
        if must:
            fam["must"] += 1
            fam["must_found"] += bool(found)
            if not found:
                missed.append(unit[0])
        if found and any(i.get("suggestion") for i in unit):
            right = any(suggestion_right(f, i) for f, i in found)
            fam["suggested"] += 1
            fam["suggested_right"] += right
            hits.append({**unit[0], "must": must, "suggestion_right": right,
                         "finding_suggestions": sorted({str(f.get("suggestion")) for f, _ in found})})
    unmatched, false_alarms = [], []
    positives = [g for g in gold if g["family"] != NEGATIVE]
    negatives = [g for g in gold if g["family"] == NEGATIVE]
    for f in findings:
        fam = families[f["family"]]
        fam["findings"] += 1
        if any(matches(f, g) for g in negatives):
            fam["false_alarms"] += 1
            false_alarms.append(f)
        elif not any(matches(f, g) for g in positives):
            fam["unmatched"] += 1
            unmatched.append(f)
    return {"families": dict(families), "missed_must": missed, "unmatched": unmatched,
            "false_alarms": false_alarms, "hits": hits}


def find_article(docs_dir: Path, doc_id: str) -> Path | None:
    for suffix in SUFFIXES:
        candidate = docs_dir / f"{doc_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


def page_sourced_entries(extra: tuple[Path, ...] = ()) -> set[str]:
    """Ids of lexicon entries (built-in and ``extra`` files) whose provenance is a development page."""
    import yaml

    ids: set[str] = set()
    folder = ROOT / "mtqa" / "lexicons"
    for path in [*sorted(folder.glob("*.yaml")), *extra]:
        data = yaml.load(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for entry in (data or {}).get("entries", []) if isinstance(data, dict) else []:
            fields = {k: v for k, v in entry.items() if k not in ("examples", "renderings", "source")}
            if any(isinstance(v, str) and PAGE_PROVENANCE.search(v) for v in fields.values()):
                ids.add(str(entry.get("id")))
    return ids


def page_free_findings(docs: list, lexicon_files: tuple[Path, ...], page_entries: set[str],
                       fluency: bool = False) -> list[list[dict]]:
    """The idiom findings of each document with the page-sourced entries taken out
    of the lexicon before the run (not filtered out after it: a page entry that
    wins an overlap would otherwise hide a general entry's match of the same span);
    ``fluency``: with the reference model, so ID010 and ID011 run too."""
    from mtqa import lexicons
    from mtqa.checks import idioms

    full = lexicons.builtin()
    kept = tuple(e for e in full.entries if e.id not in page_entries)
    page_free = lexicons.Lexicon(kept, full.sha256 + "-page-free")
    original = lexicons.builtin
    lexicons.builtin = lambda: page_free  # type: ignore[assignment]
    idioms._lexicon.cache_clear()
    try:
        checker = mtqa.Checker(fluency=fluency, select=["idiom"], lexicons=[str(p) for p in lexicon_files])
        out = []
        for doc in docs:
            findings = _findings(checker, doc)
            out.append([f for f in findings if (f.get("extra") or {}).get("lexicon_entry") not in page_entries])
        return out
    finally:
        lexicons.builtin = original  # type: ignore[assignment]
        idioms._lexicon.cache_clear()


def _load_gold(gold_file: Path) -> list[dict]:
    items = []
    for n, line in enumerate(gold_file.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{gold_file}:{n}: not JSON ({exc.msg})") from exc
    return items


def load_pages(gold_dir: Path, docs_dir: Path) -> list[tuple[str, Path, list[dict], mtqa.Document]]:
    """(id, article path, gold items, document) of each gold file with its article."""
    loaded = []
    for gold_file in sorted(gold_dir.glob("*.gold.jsonl")):
        doc_id = gold_file.name[: -len(".gold.jsonl")]
        article = find_article(docs_dir, doc_id)
        if article is None:
            print(f"warning: no article for {gold_file.name} in {docs_dir}", file=sys.stderr)
            continue
        (doc,) = [d for d in mtqa.iter_documents([article]) if isinstance(d, mtqa.Document)]
        loaded.append((doc_id, article, _load_gold(gold_file), doc))
    return loaded


def _findings(checker: mtqa.Checker, doc: mtqa.Document) -> list[dict]:
    """The findings of one document; a check that broke on it is said on stderr (its
    findings are missing from the figures, which would otherwise drop without a word)."""
    report = checker.check(doc).to_dict()
    for error in report.get("errors") or ():
        print(f"warning: {error['message']}", file=sys.stderr)
    return report["documents"][0]["findings"]


def run(gold_dir: Path, docs_dir: Path, report_path: Path | None, fluency: bool = False,
        checker: mtqa.Checker | None = None, family: str | None = None,
        lexicons: tuple[Path, ...] = ()) -> dict:
    report = json.loads(report_path.read_text("utf-8")) if report_path else None
    if report is None and checker is None:
        checker = mtqa.Checker(fluency=fluency, lexicons=list(lexicons))
    page_entries = page_sourced_entries(lexicons)
    totals: dict = {"documents": [], "families": defaultdict(lambda: defaultdict(int))}
    collected: dict[str, list] = {"missed_must": [], "unmatched": [], "false_alarms": [], "hits": []}
    loaded = load_pages(gold_dir, docs_dir)
    # one run of every document without the page entries (the lexicon swapped once)
    page_free = page_free_findings([d for *_, d in loaded], lexicons, page_entries, fluency) if not report else []
    for n, (doc_id, article, items, doc) in enumerate(loaded):
        if report:
            docs = [d for d in report["documents"] if Path(d["path"] or "").name == article.name]
            findings = docs[0]["findings"] if docs else []
        else:
            assert checker is not None
            findings = _findings(checker, doc)
        if family:
            findings = [f for f in findings if f["family"] == family]
            items = [i for i in items if i["family"] in (family, NEGATIVE)]
        spans = gold_spans(doc.text, items)
        for i in spans:
            if i["start"] is None:
                print(f"warning: {doc_id} {i.get('id', '')}: quote not in the article: {i['quote']!r}",
                      file=sys.stderr)
        result = score(spans, findings)
        if report:
            without = [f for f in findings if (f.get("extra") or {}).get("lexicon_entry") not in page_entries]
        else:
            without = [f for f in findings if f["family"] != "idiom"] + page_free[n]
        idiom_without = score(spans, without)["families"].get("idiom")
        for fam, counts in result["families"].items():
            for key, value in counts.items():
                totals["families"][fam][key] += value
        if idiom_without:
            for key, value in idiom_without.items():
                totals["families"]["idiom, no page entries"][key] += value
        for key in collected:
            collected[key] += [{**x, "document": doc_id} for x in result[key]]
        totals["documents"].append(doc_id)
    totals["families"] = {k: dict(v) for k, v in sorted(totals["families"].items())}
    totals.update(collected)
    totals["page_sourced_entries"] = len(page_entries)
    return totals


def _ratio(found: int, total: int) -> str:
    return f"{found}/{total} ({found / total:.0%})" if total else "-"


def format_table(totals: dict, listing: bool = True) -> str:
    lines = [
        f"documents: {len(totals['documents'])}",
        "",
        "| family | must recall | all recall | suggestions right | findings | unmatched | on negatives |",
        "|---|---|---|---|---|---|---|",
    ]
    sums: dict[str, int] = defaultdict(int)
    for fam, c in totals["families"].items():
        lines.append(
            f"| {fam} | {_ratio(c['must_found'], c['must'])} | {_ratio(c['all_found'], c['all'])} "
            f"| {_ratio(c['suggested_right'], c['suggested'])} | {c['findings']} | {c['unmatched']} "
            f"| {c['false_alarms']} |"
        )
        if "," not in fam:
            for k, v in c.items():
                sums[k] += v
    lines.append(
        f"| **all** | {_ratio(sums['must_found'], sums['must'])} | {_ratio(sums['all_found'], sums['all'])} "
        f"| {_ratio(sums['suggested_right'], sums['suggested'])} | {sums['findings']} | {sums['unmatched']} "
        f"| {sums['false_alarms']} |"
    )
    if totals.get("page_sourced_entries") is not None:
        lines.append(f"\n(lexicon entries learnt from development pages: {totals['page_sourced_entries']})")
    if totals["false_alarms"]:
        lines += ["", "findings on negative items (false alarms):"]
        lines += [f"- {u['document']} {u['code']} {u['text'][:60]!r} (line {u['line']})"
                  for u in totals["false_alarms"]]
    if not listing:
        return "\n".join(lines)
    if totals["missed_must"]:
        lines += ["", "missed must items:"]
        lines += [
            f"- {m['document']} {m.get('id', '')} [{m['family']}] {m['quote']!r}: {m.get('why', '')}"
            for m in totals["missed_must"]
        ]
    wrong = [h for h in totals["hits"] if not h["suggestion_right"]]
    if wrong:
        lines += ["", "found with another suggestion:"]
        lines += [f"- {h['document']} {h.get('id', '')} [{h['family']}] {h['quote']!r}: wanted "
                  f"{h['suggestion']!r}, got {', '.join(map(repr, h['finding_suggestions']))}" for h in wrong]
    if totals["unmatched"]:
        lines += ["", "findings that match no gold item:"]
        lines += [f"- {u['document']} {u['code']} {u['text'][:60]!r} (line {u['line']})"
                  for u in totals["unmatched"]]
    return "\n".join(lines)


def _sets(pairs: list[Path]) -> Iterable[tuple[str, Path, Path]]:
    if not pairs:
        yield SEED_SET
        if REALWORLD_SET[1].is_dir():
            yield REALWORLD_SET
        return
    for gold_dir, docs_dir in zip(pairs[::2], pairs[1::2]):
        yield (docs_dir.parent.name if docs_dir.name == "clean" else docs_dir.name), gold_dir, docs_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", type=Path, nargs="*", metavar="GOLD_DIR DOCS_DIR",
                        help="pairs of a gold folder and its articles (default: the seed and ../shared/realworld)")
    parser.add_argument("--report", type=Path, help="score this JSON report instead of running mtqa")
    parser.add_argument("--fluency", action="store_true", help="run the reference language model too (the fluency checks, and ID010 and ID011 among the idiom checks)")
    parser.add_argument("--family", help="only this gold family (and the negatives)")
    parser.add_argument("--lexicon", type=Path, action="append", default=[],
                        help="a lexicon file to use beside the built-in one (repeatable)")
    parser.add_argument("--brief", action="store_true", help="the tables only, no item lists")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if len(args.dirs) % 2:
        parser.error("give folders in pairs: GOLD_DIR DOCS_DIR")
    for d in args.dirs:
        if not d.is_dir():
            parser.error(f"{d}: not a directory")
    sets = list(_sets(args.dirs))
    if args.report and len(sets) > 1:
        parser.error("--report scores one GOLD_DIR DOCS_DIR pair")
    checker = None if args.report else mtqa.Checker(fluency=args.fluency, lexicons=args.lexicon)
    results = {name: run(gold, docs, args.report, fluency=args.fluency, checker=checker, family=args.family,
                         lexicons=tuple(args.lexicon))
               for name, gold, docs in sets}
    if args.json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values())),
                         indent=2, ensure_ascii=False))
        return 0
    blocks = []
    for name, totals in results.items():
        header = f"## {name}\n\n" if len(results) > 1 else ""
        blocks.append(header + format_table(totals, listing=not args.brief))
    print("\n\n".join(blocks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
