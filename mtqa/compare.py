"""Compare two MT systems on the same articles against a human reference.

Both systems' translations are aligned sentence by sentence with the reference,
so that each reference sentence is one segment with the same reference for
both systems; sacrebleu then computes BLEU, chrF++ and TER over the corpus and
tests the difference with paired bootstrap resampling, as ``sacrebleu
--paired-bs`` does.  mtqa's own findings are counted per system beside them.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa.loaders import DocumentError, iter_documents
from mtqa.model import Document, MtqaError

if TYPE_CHECKING:
    from sacrebleu.significance import Result


@dataclass
class Comparison:
    systems: tuple[str, str]
    documents: list[str]
    scores: dict[str, list[dict[str, Any]]]
    signatures: dict[str, str]
    findings: dict[str, dict[str, int]]
    errors: list[str] = field(default_factory=list)
    #: One entry per reference sentence: the document, the reference, and each
    #: system's aligned text with its sentence-level BLEU and chrF2++.
    segments: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "systems": list(self.systems),
            "documents": self.documents,
            "scores": self.scores,
            "signatures": self.signatures,
            "findings": self.findings,
            "segments": self.segments,
            "errors": self.errors,
        }


def _key(doc: Document, root: str) -> str:
    if doc.record_line is not None:
        return doc.id
    path = Path(doc.path or doc.id)
    name = path.name
    for tag in (".en", ".mt", ".hyp"):
        name = name.replace(tag + path.suffix, path.suffix)
    return str(Path(os.path.relpath(path.parent, root)) / name) if Path(root).is_dir() else "<doc>"


def _load(path: str, errors: list[str]) -> dict[str, Document]:
    out = {}
    for item in iter_documents([path]):
        if isinstance(item, DocumentError):
            errors.append(item.message)
        else:
            out[_key(item, path)] = item
    return out


def segments_by_reference(hypothesis: str, reference: str) -> tuple[list[str], list[str]]:
    """One segment per reference sentence, with the hypothesis text aligned to it."""
    from mtqa.align import align_units

    hyp_doc = Document(id="hyp", text=hypothesis)
    ref_doc = Document(id="ref", text=reference)
    hyps = [hypothesis[s.start : s.end] for s in hyp_doc.text_sentences()]
    refs = [reference[s.start : s.end] for s in ref_doc.text_sentences()]
    out_h: list[str] = []
    out_r: list[str] = []
    for r_idx, h_idx, _ in align_units(refs, hyps):
        if not r_idx:
            if out_h:  # text the reference does not have: it counts against its neighbour
                out_h[-1] += " " + " ".join(hyps[j] for j in h_idx)
            continue
        for n, i in enumerate(r_idx):
            out_r.append(refs[i])
            out_h.append(" ".join(hyps[j] for j in h_idx) if n == 0 else "")
    return out_h, out_r


def _score_row(system: str | Result, r: str | Result) -> dict[str, Any]:
    """One system's scores of one metric (a metric's column holds Results, the "System" column the names)."""
    # the paired bootstrap gives every system a mean and a CI (sacrebleu resamples n_samples > 0 times)
    assert not isinstance(r, str) and r.mean is not None and r.ci is not None
    return {"system": system, "score": round(r.score, 2), "mean": round(float(r.mean), 2),
            "ci": round(float(r.ci), 2), "p_value": None if r.p_value is None else round(r.p_value, 4)}


def compare(
    system_a: str,
    system_b: str,
    reference: str,
    *,
    checker=None,
    n_samples: int = 1000,
) -> Comparison:
    """Corpus BLEU/chrF++/TER of two systems, paired bootstrap, and mtqa findings per system."""
    from sacrebleu.metrics import BLEU, CHRF, TER
    from sacrebleu.significance import PairedTest

    for name, path in (("system A", system_a), ("system B", system_b), ("reference", reference)):
        if path != "-" and not any(c in path for c in "*?[") and not Path(path).exists():
            raise MtqaError(f"{name} {path}: no such file or folder")
    errors: list[str] = []
    a, b, refs = _load(system_a, errors), _load(system_b, errors), _load(reference, errors)
    keys = sorted(set(a) & set(b) & set(refs))
    for name, side in (("system A", a), ("system B", b), ("reference", refs)):
        for missing in sorted(set().union(a, b, refs) - set(side)):
            errors.append(f"{missing}: no {name} document")
    if not keys:
        raise MtqaError(
            "no article is in both systems and the reference: pair them by file name "
            "(directories) or by record id (JSONL)"
        )
    hyps_a, hyps_b, references = [], [], []
    where: list[tuple[str, int]] = []
    for key in keys:
        ref_text = refs[key].text
        seg_a, seg_ref = segments_by_reference(a[key].text, ref_text)
        seg_b, seg_ref_b = segments_by_reference(b[key].text, ref_text)
        assert seg_ref == seg_ref_b
        hyps_a += seg_a
        hyps_b += seg_b
        references += seg_ref
        where += [(key, i) for i in range(len(seg_ref))]
    names = (Path(system_a).name or system_a, Path(system_b).name or system_b)
    if names[0] == names[1]:
        names = (f"A:{names[0]}", f"B:{names[1]}")
    test = PairedTest(
        [(names[0], hyps_a), (names[1], hyps_b)],
        {"BLEU": BLEU(), "chrF2++": CHRF(word_order=2), "TER": TER()},
        references=[references],
        test_type="bs",
        n_samples=n_samples,
    )
    signatures, results = test()
    scores = {
        metric: [_score_row(system, r) for system, r in zip(results["System"], values)]
        for metric, values in results.items()
        if metric != "System"
    }
    findings: dict[str, dict[str, int]] = {}
    if checker is not None:
        for name, docs in zip(names, (a, b)):
            counts: Counter[str] = Counter()
            for key in keys:
                doc = docs[key]
                doc.reference = refs[key].text
                result, _ = checker.check_document(doc)
                counts.update(f.family for f in result.findings)
            findings[name] = dict(sorted(counts.items()))
    bleu, chrf = BLEU(effective_order=True), CHRF(word_order=2)
    segments = [
        {
            "document": key,
            "index": index,
            "reference": ref,
            **{
                side: {"text": hyp, "BLEU": round(bleu.sentence_score(hyp, [ref]).score, 2),
                       "chrF2++": round(chrf.sentence_score(hyp, [ref]).score, 2)}
                for side, hyp in (("a", hyp_a), ("b", hyp_b))
            },
        }
        for (key, index), ref, hyp_a, hyp_b in zip(where, references, hyps_a, hyps_b)
    ]
    return Comparison(names, keys, scores, {k: str(v) for k, v in signatures.items()}, findings, errors, segments)
