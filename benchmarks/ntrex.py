"""NTREX-128 as documents: shared by the benchmark scripts."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path


def documents(ntrex: Path) -> OrderedDict[str, list[tuple[str, str]]]:
    """Document id -> its (English, Bokmål) line pairs, in order."""
    en = (ntrex / "newstest2019-src.eng.txt").read_text("utf-8").split("\n")
    nb = (ntrex / "newstest2019-ref.nob.txt").read_text("utf-8").split("\n")
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text("utf-8").split("\n")
    docs: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
    for doc_id, e, n in zip(ids, en, nb):
        if e.strip() and n.strip():
            docs.setdefault(doc_id.split("\t")[0], []).append((e.strip(), n.strip()))
    return docs
