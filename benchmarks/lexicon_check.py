"""Check lexicon files before they join the built-in lexicon.

    python benchmarks/lexicon_check.py FILE.yaml [FILE.yaml ...] [--data ../shared/data]

For each file: it parses in the schema (``mtqa.lexicons.parse``), its ids do not
clash with the built-in lexicon's, every entry fires on its ``flag`` examples and
stays silent on its ``allow`` examples and on its own ``english`` (a suggestion the
entry itself would report), and every rendering is run over clean
human-written English (NTREX newstest2019 English, the clean-norway texts and
the FLORES human English references in DEMETR; a news sentence read as mtqa reads
it, in its article, where the entry's article cues are looked for, and among the
title and the two sentences either side of it, where a topic cue may be), where every match is a false
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
from mtqa.lexicons import vet

#: A control sentence as mtqa reads it: its text, its block kind, the article its
#: article cues are looked for in (None: a sentence alone) and the text around it in
#: the same article where a topic cue may be (:meth:`mtqa.model.Document.topic_window`:
#: the title and the two text sentences either side; "" for none).
Reading = tuple[str, str, str | None, str]


def readings(data: Path) -> dict[str, list[Reading]]:
    """Every control sentence with what mtqa reads it with: NTREX line by line in its
    document (by its document ids), clean-norway sentence by sentence in its file (the
    article without its furniture, as :meth:`mtqa.model.Document.article_text`), and
    FLORES and DEMETR sentence by sentence, each an article alone."""
    import mtqa

    out: dict[str, list[Reading]] = {}
    ntrex = data / "ntrex" / "newstest2019-src.eng.txt"
    ids = data / "ntrex" / "DOCUMENT_IDS.tsv"
    if ntrex.exists():
        lines = ntrex.read_text().splitlines()
        doc_ids = ids.read_text().splitlines() if ids.exists() else []
        docs: dict[str, list[str]] = {}
        for n, line in enumerate(lines):
            if line.strip():
                docs.setdefault(doc_ids[n] if n < len(doc_ids) else f"line {n}", []).append(line.strip())
        rows: list[Reading] = []
        for doc in docs.values():
            article = "\n".join(doc)
            rows.extend(
                (line, "body", article, "\n".join(doc[max(0, n - 2) : n] + doc[n + 1 : n + 3]))
                for n, line in enumerate(doc)
            )
        out["ntrex"] = rows
    clean = data / "clean-norway"
    if clean.is_dir():
        rows = []
        for f in sorted(clean.glob("*.txt")):
            document = mtqa.document_from_text(f.read_text())
            article = document.article_text()
            text_sentences = document.text_sentences()
            at = {s.start: n for n, s in enumerate(text_sentences)}
            for sentence in document.sentences:
                block = document.blocks[sentence.block]
                text = document.text[sentence.start : sentence.end]
                around = document.topic_window(text_sentences, at[sentence.start]) if block.is_text else ""
                rows.append((text, block.kind.value, article, around))
        out["clean-norway"] = rows
    demetr = data / "demetr"
    if demetr.is_dir():
        import json

        human: set[str] = set()
        machine: set[str] = set()
        for f in sorted(demetr.glob("*.json")):
            for row in json.loads(f.read_text()):
                human.add(row.get("eng_sent") or "")
                machine.add(row.get("mt_sent") or "")
        out["flores-human"] = [(s, "body", None, "") for s in sorted(human) if s]
        out["demetr-mt (review)"] = [(s, "body", None, "") for s in sorted(machine) if s]
    return out


def controls(data: Path) -> dict[str, list[tuple[str, str]]]:
    """The control sentences with their block kind (:func:`readings` without the context)."""
    return {name: [(text, kind) for text, kind, _, _ in rows] for name, rows in readings(data).items()}


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
    texts = readings(args.data)
    print("controls: " + ", ".join(f"{k} {len(v)} sentences" for k, v in texts.items()))
    failed = False
    for path in args.files:
        try:
            lex = lexicons.parse(path.read_bytes(), str(path))
        except lexicons.LexiconError as exc:
            print(f"{path}: SCHEMA {exc}")
            failed = True
            continue
        found = vet.problems(lex, builtin_file=vet.is_builtin_file(path))  # what `mtqa lexicon check` reports
        for problem in found:
            print(f"{path}: {problem.entry}: {problem.message}")
        problems = len(found)
        made = right = 0
        for e in lex.entries:
            made, right = (x + y for x, y in zip((made, right), corrections(e), strict=True))
        hits = 0
        for name, sents in texts.items():
            for e in lex.entries:
                for text, kind, article, around in sents:
                    for m in e.iter_matches(text, kind, around or None, document=article):
                        print(f"{path}: {e.id}: matches {name}: {m.group()!r} in {text[:160]!r}")
                        if "review" not in name:
                            hits += 1
        print(f"{path}: {len(lex)} entries, {problems} example/schema problems, {hits} matches on clean controls; "
              f"suggestion word for word a corrected example: {right} of {made} flag examples")
        failed = failed or problems > 0 or hits > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
