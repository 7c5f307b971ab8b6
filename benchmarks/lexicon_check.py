"""Check lexicon files before they join the built-in lexicon.

    python benchmarks/lexicon_check.py FILE.yaml [FILE.yaml ...] [--data ../shared/data]

For each file: it parses in the schema (``mtqa.lexicons.parse``), its ids do not
clash with the built-in lexicon's, every entry fires on its ``flag`` examples and
stays silent on its ``allow`` examples and on its own ``english`` (a suggestion the
entry itself would report), and every rendering is run over clean
human-written English (NTREX newstest2019 English, the clean-norway texts and
the FLORES human English references in DEMETR; a news sentence read in its article,
where the entry's article cues are looked for), where every match is a false
alarm, and over DEMETR's English MT outputs (mostly fluent; a match there is
worth a look).  Also counted, not failed: the flag examples whose sentence, with
the entry's suggestion taken, is word for word one of its allow examples (the
correction its own examples show).  Prints one line per problem and
the false-alarm matches with their sentence; exits 1 when a file has a schema
error, an id clash, a failing example or a match on the clean controls.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from mtqa import lexicons
from mtqa.checks.idioms import _fit_article
from mtqa.structure import segment


def _sentences(text: str) -> list[tuple[str, str]]:
    blocks, sentences = segment(text)
    out = []
    for s in sentences:
        kind = blocks[s.block].kind
        out.append((text[s.start : s.end], getattr(kind, "value", str(kind))))
    return out


def articles(data: Path) -> dict[str, str]:
    """The article each sentence of the clean news controls stands in (NTREX by its
    document ids, clean-norway by its files), where an entry's article cues are
    looked for; a sentence not here (FLORES, DEMETR) is read as an article alone."""
    out: dict[str, str] = {}
    ntrex = data / "ntrex" / "newstest2019-src.eng.txt"
    ids = data / "ntrex" / "DOCUMENT_IDS.tsv"
    if ntrex.exists() and ids.exists():
        docs: dict[str, list[str]] = {}
        for doc, line in zip(ids.read_text().splitlines(), ntrex.read_text().splitlines(), strict=False):
            if line.strip():
                docs.setdefault(doc, []).append(line.strip())
        for lines in docs.values():
            out.update(dict.fromkeys(lines, "\n".join(lines)))
    clean = data / "clean-norway"
    if clean.is_dir():
        for f in sorted(clean.glob("*.txt")):
            sents = [s for s, _ in _sentences(f.read_text())]
            out.update(dict.fromkeys(sents, "\n".join(sents)))
    return out


def controls(data: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    ntrex = data / "ntrex" / "newstest2019-src.eng.txt"
    if ntrex.exists():
        out["ntrex"] = [(line.strip(), "body") for line in ntrex.read_text().splitlines() if line.strip()]
    clean = data / "clean-norway"
    if clean.is_dir():
        sents: list[tuple[str, str]] = []
        for f in sorted(clean.glob("*.txt")):
            sents.extend(_sentences(f.read_text()))
        out["clean-norway"] = sents
    demetr = data / "demetr"
    if demetr.is_dir():
        import json

        human: set[str] = set()
        machine: set[str] = set()
        for f in sorted(demetr.glob("*.json")):
            for row in json.loads(f.read_text()):
                human.add(row.get("eng_sent") or "")
                machine.add(row.get("mt_sent") or "")
        out["flores-human"] = [(s, "body") for s in sorted(human) if s]
        out["demetr-mt (review)"] = [(s, "body") for s in sorted(machine) if s]
    return out


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", text.lower().replace("’", "'")).split())


def corrections(entry: lexicons.Entry) -> tuple[int, int]:
    """(flag examples whose suggestion the entry makes, how many of them become, with
    the suggestion taken, word for word one of its allow examples): how often the
    suggestion is the correction the entry's own examples show.  Composed matches
    and suggestions with a placeholder left to the user are not counted."""
    allows = {_words(a) for a in entry.allow_examples}
    made = right = 0
    for flag in entry.flag_examples:
        match = next(entry.iter_matches(flag), None)
        if match is None or entry.is_composed(match):
            continue
        start, suggestion = _fit_article(flag, match.start(), entry.suggestion_for(match))  # as the check does
        if "<" in suggestion:
            continue
        made += 1
        right += _words(flag[:start] + suggestion + flag[match.end() :]) in allows
    return made, right


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = ap.parse_args(argv)
    builtin_ids = {e.id for e in lexicons.builtin().entries}
    texts = controls(args.data)
    article_of = articles(args.data)
    print("controls: " + ", ".join(f"{k} {len(v)} sentences" for k, v in texts.items()))
    failed = False
    for path in args.files:
        try:
            lex = lexicons.parse(path.read_bytes(), str(path))
        except lexicons.LexiconError as exc:
            print(f"{path}: SCHEMA {exc}")
            failed = True
            continue
        problems = made = right = 0
        in_builtin = path.resolve().parent == Path(lexicons.__file__).resolve().parent
        for e in lex.entries:
            if e.id in builtin_ids and not in_builtin:
                print(f"{path}: {e.id}: id already in the built-in lexicon")
                problems += 1
            if e.renderings and not (e.flag_examples and e.allow_examples):
                print(f"{path}: {e.id}: needs at least one flag and one allow example")
                problems += 1
            kind = sorted(e.blocks)[0] if e.blocks else "body"
            for text in e.flag_examples:
                if not list(e.matches(text, kind)):
                    print(f"{path}: {e.id}: flag example not matched: {text!r}")
                    problems += 1
            for text in e.allow_examples:
                if list(e.matches(text, "body")):
                    print(f"{path}: {e.id}: allow example matched: {text!r}")
                    problems += 1
            made, right = (x + y for x, y in zip((made, right), corrections(e), strict=True))
            for english in e.reports_its_english():
                print(f"{path}: {e.id}: reports its own English: {english!r}")
                problems += 1
        hits = 0
        for name, sents in texts.items():
            for e in lex.entries:
                for text, kind in sents:
                    for m in e.iter_matches(text, kind, document=article_of.get(text)):
                        print(f"{path}: {e.id}: matches {name}: {m.group()!r} in {text[:160]!r}")
                        if "review" not in name:
                            hits += 1
        print(f"{path}: {len(lex)} entries, {problems} example/schema problems, {hits} matches on clean controls; "
              f"suggestion word for word a corrected example: {right} of {made} flag examples")
        failed = failed or problems > 0 or hits > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
