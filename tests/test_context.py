"""The check context (issue 18): typed and frozen, replaced rather than changed;
and a document's names data computed once, kept on the document."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import mtqa
from mtqa.checks.base import CheckContext
from mtqa.corpus import forget_rules_only, worker_copy
from mtqa.names import mentions, people, variants

TEXT = (
    "Foreign Minister Anniken Heitfeldt met her Swedish counterpart on Friday. "
    "Huitfeldt said the talks had gone well. She will travel to Stockholm in May."
)


class FakeScorer:
    signature = "fake"
    window = 512
    batch_tokens = 4096


def test_the_context_is_frozen_and_typed():
    ctx = CheckContext(glossary="names.yaml", lexicons=[Path("a.yaml")])  # type: ignore[arg-type]
    assert ctx.glossary == Path("names.yaml") and ctx.lexicons == ("a.yaml",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.scorer = FakeScorer()  # type: ignore[misc]
    assert mtqa.Context is CheckContext


def test_a_checker_replaces_its_context_with_the_scorer_set():
    checker = mtqa.Checker(fluency=False)
    before = checker.context
    assert before.scorer is None and before.lexicons == ()
    assert checker.load_model() is None and checker.context is before  # fluency off: nothing to load
    # the pattern load_model follows: a new context, the old one untouched
    checker.context = dataclasses.replace(checker.context, scorer=FakeScorer())
    assert checker.context is not before and before.scorer is None
    assert isinstance(checker.context.scorer, FakeScorer)
    assert checker.context.glossary == before.glossary


def test_load_model_makes_a_new_context(monkeypatch):
    import mtqa.scoring

    scorer = FakeScorer()
    monkeypatch.setattr(mtqa.scoring, "load_scorer", lambda *a, **k: scorer)
    checker = mtqa.Checker(select=["FL001"])  # fluency on; the model loads on first need
    before = checker.context
    assert checker.load_model() is scorer
    assert checker.context is not before and before.scorer is None
    assert checker.context.scorer is scorer
    assert checker.load_model() is scorer  # idempotent


def test_the_worker_copy_leaves_the_checker_its_model():
    import pickle

    checker = mtqa.Checker(fluency=False)
    checker.context = dataclasses.replace(checker.context, scorer="a model")
    copy = pickle.loads(worker_copy(checker))
    assert copy.context.scorer is None
    assert checker.context.scorer == "a model"


def _count(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_documents_clusters_are_computed_once(monkeypatch, tmp_path):
    analysed = _count(monkeypatch, mentions, "_analyse")
    clustered = _count(monkeypatch, variants, "clusters")
    linked = _count(monkeypatch, people, "_link")
    doc = mtqa.document_from_text(TEXT, "one")
    # NC001 (run and its corpus state), NC002 and PR001 all ask for the clusters
    checker = mtqa.Checker(select=["NC001", "NC002", "NC003", "NC005", "PR001"], fluency=False)
    report = checker.check(doc)
    assert not report.errors
    assert [f.text for f in report.findings if f.code == "NC001"] == ["Heitfeldt"]
    assert (len(analysed), len(clustered), len(linked)) == (1, 1, 1)
    # checked again: nothing is computed again
    checker.check(doc)
    assert (len(analysed), len(clustered), len(linked)) == (1, 1, 1)
    # another glossary: the clusters and people again, the analysis (English text alone) not
    glossary = tmp_path / "names.yaml"
    glossary.write_text("names:\n  - Anniken Huitfeldt\n", "utf-8")
    found = mtqa.Checker(select=["NC001", "PR001"], fluency=False, glossary=glossary).check(doc)
    assert [f.suggestion for f in found.findings if f.code == "NC001"] == ["Huitfeldt"]
    assert (len(analysed), len(clustered), len(linked)) == (1, 2, 2)


def test_the_model_choosing_spellings_is_asked_each_time(monkeypatch):
    clustered = _count(monkeypatch, variants, "clusters")

    class Choosing(FakeScorer):
        def prefer_spelling(self, spellings, contexts):
            return None

    doc = mtqa.document_from_text(TEXT, "one")
    ctx = CheckContext(scorer=Choosing())
    variants.document_clusters(doc, None, ctx)
    variants.document_clusters(doc, None, ctx)
    assert len(clustered) == 2
    variants.document_clusters(doc, None, CheckContext())
    variants.document_clusters(doc, None, None)
    assert len(clustered) == 3


def test_a_new_source_is_new_clusters(monkeypatch):
    clustered = _count(monkeypatch, variants, "clusters")
    doc = mtqa.document_from_text(TEXT, "one")
    variants.document_clusters(doc)
    doc.source = "Utenriksminister Anniken Heitfeldt møtte sin svenske kollega fredag."
    (cluster,) = variants.document_clusters(doc)
    assert len(clustered) == 2
    assert cluster.choice.step == "source"


def test_what_the_rule_checks_share_does_not_leave_the_run():
    doc = mtqa.document_from_text(TEXT, "one", source="Utenriksminister Anniken Heitfeldt møtte kollegaen.")
    doc.memo("alignment", lambda d: "kept")
    mtqa.Checker(select=["NC001", "PR001", "ID001"], fluency=False).check(doc)
    keys = set(vars(doc)["_derived"])
    assert {"names.analysis", "alignment"} <= keys
    assert any(k.startswith("names.clusters:") for k in keys)
    assert any(k.startswith("idioms.matches:") for k in keys)
    forget_rules_only(doc)
    assert set(vars(doc)["_derived"]) == {"alignment"}
