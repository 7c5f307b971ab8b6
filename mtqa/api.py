"""The library API; the CLI and the notebook are its clients.

>>> import mtqa
>>> report = mtqa.check("seeds/000_b3dce5b5bb70e21c.txt")   # doctest: +SKIP
>>> report.exit_code()                                        # doctest: +SKIP
1
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from mtqa.checks import Check, all_checks, get_check, select_checks
from mtqa.checks.base import CheckContext
from mtqa.checks.fluency import merge_model_evidence
from mtqa.checks.particles import merge_particle_evidence
from mtqa.gate import apply_suppressions
from mtqa.loaders import DEFAULT_READ, DocumentError, Inputs, ReadOptions
from mtqa.loaders.bilingual import NOTES_KEY
from mtqa.model import Document, Finding, MtqaError, Severity
from mtqa.report import DocumentResult, Report
from mtqa.results import Partial

_MISSING_WORDS = {
    "source": "no Norwegian source given",
    "reference": "no reference translation given",
    "model": "fluency not scored: the reference language model is off (--no-fluency)",
    "crosslingual": "the reference model is not calibrated for Norwegian-English (use --model gemma3-270m)",
    "time": "they took longer than --document-timeout: what they would find is not known",
}


def _internal_error(doc: Document, what: str, exc: BaseException) -> str:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return (
        f"{doc.id}: internal error in check {what} ({type(exc).__name__}: {exc}{at}); "
        "the other checks ran. Please report this with the article."
    )


def _corpus_error(code: str, exc: BaseException) -> DocumentError:
    return DocumentError(
        "<corpus>",
        f"internal error in the corpus-level pass of {code} "
        f"({type(exc).__name__}: {exc}); the documents' own findings stand",
    )


#: What checks share during a run (frozen): :class:`mtqa.checks.base.CheckContext`.
Context = CheckContext


class Checker:
    """Configuration and loaded resources, kept for repeated calls.

    ``select`` and ``ignore`` take codes (``BP001``), code prefixes (``BP``),
    check names or families; ``checks`` adds check instances of your own.
    """

    def __init__(
        self,
        *,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        checks: Iterable[Check] = (),
        input_format: str = "auto",
        glossary: str | os.PathLike | None = None,
        lexicons: str | os.PathLike | Iterable[str | os.PathLike] = (),
        fluency: bool = True,
        model: str | None = None,
        device: str = "auto",
        dtype: str | None = None,
        batch_size: int | None = None,
        batch_documents: int = 8,
        read: ReadOptions = DEFAULT_READ,
        suppressions: bool = True,
    ) -> None:
        self.checks: list[Check] = select_checks(select, ignore) + list(checks)
        if not self.checks:
            raise MtqaError("no check to run: --select and --ignore leave none; run 'mtqa checks' to list them")
        if not fluency and not self.rule_checks:
            raise MtqaError(
                f"no check to run: the selected checks ({', '.join(c.code for c in self.checks)}) need the "
                "reference model, which --no-fluency turns off; select other checks or drop --no-fluency"
            )
        self.input_format = input_format
        #: Whether inline markers (``<!-- mtqa: ignore UT -->``, ``# mtqa: ignore-line``)
        #: and a JSONL record's ``"mtqa": {"ignore": [...]}`` drop findings, as in the CLI.
        self.suppressions = suppressions
        #: the size limit and the TMX languages (``--max-document-size``, ``--source-lang``, ``--target-lang``)
        self.read = read
        self.context = Context(
            glossary=Path(glossary) if glossary is not None else None,
            lexicons=_paths(lexicons),
        )
        if self.context.glossary is not None and not self.context.glossary.is_file():
            raise MtqaError(f"glossary {glossary}: no such file")
        if self.context.lexicons:
            from mtqa.checks.idioms import lexicon_for

            lexicon_for(self.context)  # a broken lexicon file is an error now
        #: The reference language model: on by default, loaded on first need.
        self.fluency = fluency
        self.model, self.device, self.dtype = model, device, dtype
        if batch_size is not None and batch_size < 1:
            raise MtqaError(f"batch size {batch_size}: must be a whole number >= 1 (tokens per forward pass)")
        #: tokens per forward pass of the model (None: the scorer's default, 4096)
        self.batch_size = batch_size
        self.batch_documents = max(1, batch_documents)
        #: Called before each check of a document, ``on_check(doc, code, index, total)``:
        #: the CLI shows a long document's progress with it.  Not sent to worker processes.
        self.on_check: Callable[[Document, str, int, int], None] | None = None
        if fluency and model is not None:
            from mtqa.scoring.models import resolve

            resolve(model)  # a bad --model is an error now, not at the first document

    # -- the reference model ----------------------------------------------------
    @property
    def needs_model(self) -> bool:
        return self.fluency and any("model" in c.requires for c in self.checks)

    def load_model(self, progress=None):
        """Load the reference model's scorer if a check needs it (idempotent).

        Raises :class:`MtqaError` (how to fix it, or ``--no-fluency``) when it
        cannot be loaded; returns the scorer or None.
        """
        if self.context.scorer is None and self.needs_model:
            from mtqa.scoring import load_scorer

            # the context is frozen: a new one, with the scorer
            self.context = replace(
                self.context,
                scorer=load_scorer(self.model, device=self.device, dtype=self.dtype, progress=progress),
            )
        if self.context.scorer is not None and self.batch_size is not None:
            # never below one window: a window must fit one pass
            self.context.scorer.batch_tokens = max(self.batch_size, self.context.scorer.window)
        return self.context.scorer

    # -- reproducibility ------------------------------------------------------
    @property
    def signature(self) -> str:
        from mtqa._version import __version__
        from mtqa.checks.idioms import lexicon_for
        from mtqa.checks.untranslated import data_sha256 as untranslated_data_sha256
        from mtqa.furniture import load_rules
        from mtqa.names.lexicon import data_sha256 as names_data_sha256

        codes = ",".join(sorted(c.code for c in self.checks))
        digest = hashlib.sha256(codes.encode()).hexdigest()[:8]
        parts = [
            f"mtqa:{__version__}",
            f"checks:{len(self.checks)}@{digest}",
            f"furniture:{load_rules().sha256[:8]}",
            f"lexicon:{lexicon_for(self.context).sha256[:8]}",
            f"names:{names_data_sha256()[:8]}",
            f"words:{untranslated_data_sha256()[:8]}",
            "model:none" if self.context.scorer is None else f"model:{self.context.scorer.signature}",
        ]
        return "|".join(parts)

    # -- running --------------------------------------------------------------
    @property
    def rule_checks(self) -> list[Check]:
        """The checks that do not need the reference model (a corpus run's worker processes run these)."""
        return [c for c in self.checks if "model" not in c.requires]

    @property
    def model_checks(self) -> list[Check]:
        return [c for c in self.checks if "model" in c.requires]

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "on_check": None}  # a callback stays in its process

    def _run_checks(self, doc: Document, checks: list[Check], part: Partial) -> None:
        for index, check in enumerate(checks):
            if self.on_check is not None:
                self.on_check(doc, check.code, index, len(checks))
            lacking = check.missing(doc, self.context)
            if lacking:
                part.skipped.setdefault(" and ".join(lacking), []).append(check.code)
                continue
            try:
                part.findings.extend(check.run(doc, self.context))
            except Exception as exc:  # one broken check must not stop the run
                part.errors.append(_internal_error(doc, check.code, exc))

    def check_rules(self, doc: Document) -> Partial:
        """The checks without the model, the reference metrics and the corpus-level states."""
        part = Partial()
        if doc.reference:
            from mtqa.checks.reference import reference_scores, reference_stats

            try:
                part.scores["reference"] = reference_scores(doc)
                # summable sacrebleu statistics: corpus totals without keeping the documents
                part.scores["reference_stats"] = reference_stats(doc)
            except Exception as exc:
                part.errors.append(_internal_error(doc, "reference metrics", exc))
        self._run_checks(doc, self.rule_checks, part)
        self._collect(doc, part)
        return part

    def _collect(self, doc: Document, part: Partial) -> None:
        """What the corpus-level checks keep of ``doc`` (``part.states``); a failing
        ``collect`` is an error of that document, not of the run."""
        for check in self.checks:
            if check.corpus_level:
                try:
                    part.states[check.code] = check.collect(doc, self.context)
                except Exception as exc:
                    part.errors.append(_internal_error(doc, f"{check.code} (corpus pass)", exc))

    def check_model(self, doc: Document) -> Partial:
        """The reference model's scores and the checks that need them."""
        part = Partial()
        self.load_model()
        part.scores["fluency"] = None
        if self.context.scorer is not None:
            scores = self.context.scorer.document_scores(doc)
            part.scores["fluency"] = None if scores.fluency is None else round(scores.fluency, 1)
            part.scores["sentences"] = scores.sentence_dicts()
        self._run_checks(doc, self.model_checks, part)
        return part

    def combine(self, doc: Document, *parts: Partial) -> tuple[DocumentResult, list[DocumentError]]:
        """One document's result from its parts (rules, model), as :meth:`check_document` gives it."""
        result = DocumentResult(doc)
        skipped: dict[str, list[str]] = {}
        errors: list[DocumentError] = []
        for part in parts:
            result.findings.extend(part.findings)
            result.scores.update(part.scores)
            for lacking, codes in part.skipped.items():
                skipped.setdefault(lacking, []).extend(codes)
            errors.extend(
                DocumentError(doc.id, message, path=doc.path, line=doc.record_line) for message in part.errors
            )
        order = {c.code: i for i, c in enumerate(self.checks)}
        for lacking, codes in sorted(skipped.items()):
            codes.sort(key=lambda c: order.get(c, len(order)))
            why = "; ".join(_MISSING_WORDS.get(w, f"no {w}") for w in lacking.split(" and "))
            result.notes.append(f"skipped {', '.join(codes)}: {why}")
            result.skipped.update(dict.fromkeys(codes, why))
        result.notes.extend(doc.meta.get(NOTES_KEY, ()))  # what reading the input found
        ran = [c for c in self.checks if c.code not in result.skipped]
        result.findings, unbacked = corroborate(doc, result.findings, ran)
        result.notes.extend(unbacked)
        result.findings = merge_model_evidence(result.findings)
        result.findings = merge_particle_evidence(result.findings)
        result.findings = _one_a_span(result.findings, order)
        result.findings.sort(key=Finding.sort_key)
        return result, errors

    def check_document(self, doc: Document) -> tuple[DocumentResult, list[DocumentError]]:
        """Run every check on one document; a failing check is an error, not a crash."""
        model = self.check_model(doc)
        return self.combine(doc, self.check_rules(doc), model)

    def corpus_findings(
        self, states: Any, results: list[DocumentResult] | None = None, documents: int | None = None
    ) -> tuple[list[tuple[int, Finding]], list[DocumentError]]:
        """The corpus pass: findings across documents, as ``(document index, finding)``.

        ``states`` are those :meth:`check_rules` collected per document (a
        :class:`~mtqa.corpus.CorpusStates` or a dict of lists); a check reads
        them in :meth:`~mtqa.checks.base.Check.finish_collected`.  A check that
        overrides :meth:`~mtqa.checks.base.Check.finish` needs the results
        themselves: ``results``, in document order, where the run kept them.  A
        streaming run keeps none: such a check then runs on its states if it
        collects any, and is otherwise a corpus error that says why (when the
        run had two documents or more: ``documents``).
        """
        found: list[tuple[int, Finding]] = []
        errors: list[DocumentError] = []
        unstorable = getattr(states, "unstorable", {})
        for check in self.checks:
            try:
                if check.code in unstorable:
                    errors.append(DocumentError("<corpus>", _UNSTORABLE.format(code=check.code, why=unstorable[check.code])))
                elif _needs_results(check) and results is not None:
                    if len(results) >= 2:
                        index = {id(r): i for i, r in enumerate(results)}
                        found.extend((index[id(r)], f) for r, f in check.finish(results, self.context))
                elif check.corpus_level:
                    if len(states.get(check.code, ())) >= 2:
                        found.extend(check.finish_collected(states[check.code], self.context))
                elif _needs_results(check) and (documents is None or documents >= 2):
                    errors.append(DocumentError("<corpus>", _STREAMED_FINISH.format(code=check.code)))
            except Exception as exc:
                errors.append(_corpus_error(check.code, exc))
        return found, errors

    def _engine(self):
        from mtqa.corpus import CorpusRun

        # the in-process case of the corpus engine: one path for the library, the CLI and the
        # server; a document the caller holds keeps its derived data (checked again: no cost)
        return CorpusRun(self, jobs=1, keep_memos=True)

    def iter_check(self, inputs: Inputs) -> Iterator[DocumentResult | DocumentError]:
        """Results one document at a time, in input order (streaming), each with
        its suppressions applied (unless ``suppressions=False``).

        With the reference model on, documents are read ahead ``batch_documents``
        at a time and scored together (one batched pass), then checked in order.
        Corpus-level findings need every document: :meth:`check` adds them.
        """
        from mtqa.corpus import iter_inputs

        run = self._engine()
        try:
            for outcome in run.run(iter_inputs(self, inputs)):
                if outcome.result is not None:
                    if self.suppressions:
                        apply_suppressions(Report(results=[outcome.result]))
                    yield outcome.result
                yield from outcome.errors
        finally:
            run.states.close()

    def finish(self, report: Report, collect_errors: bool = True) -> Report:
        """Add the corpus-level findings (across documents) to ``report``, whose
        results were checked by this checker (the corpus pass of :meth:`check`).
        ``collect_errors=False``: what the documents' collection says wrong is not
        added again (``report`` has it from their own pass)."""
        from mtqa.corpus import CorpusStates
        from mtqa.results import Outcome

        states = CorpusStates()
        try:
            for index, result in enumerate(report.results):
                part = Partial()
                self._collect(result.document, part)  # as check_rules does in a run
                doc = result.document
                if collect_errors:
                    report.errors.extend(
                        DocumentError(doc.id, message, path=doc.path, line=doc.record_line) for message in part.errors
                    )
                states.add(Outcome(result, index=index, states=part.states))
            self._add_corpus_findings(report, states)
        finally:
            states.close()
        return report

    def _add_corpus_findings(self, report: Report, states: Any) -> None:
        found, errors = self.corpus_findings(states, report.results)
        report.errors.extend(errors)
        for index, finding in found:
            report.results[index].findings.append(finding)
        for result in report.results:
            result.findings.sort(key=Finding.sort_key)

    def check(self, inputs: Inputs) -> Report:
        """Check paths, article text, Documents, or an iterable of them.

        A string is a path when a file or folder of that name exists, and also,
        when none does (then reported as ``no such file or directory``, as the
        CLI does), when it is one line that ends with ``/`` or ``\\``, or one
        word (no whitespace) that has a file ending the loaders read
        (``.txt``, ``.md``, ``.html``, ``.jsonl``...), a ``\\``, glob characters,
        an explicit start (``/``, ``./``, ``../``, ``~``) or a folder that
        exists before its last ``/``.  Any other string is article text:
        "Hello world.", "Oslo/Bergen" and a single word such as "Hello"; a single
        word that names no file is checked as text with a note saying so.

        As ``mtqa check --isolated`` does: no configuration file is read, and
        the inline suppression markers and JSONL ``"mtqa": {"ignore"}`` of the
        articles apply (``suppressions=False`` keeps every finding);
        ``report.suppressed`` says how many findings they dropped and
        ``report.suppressed_findings`` lists them.  The run is
        the CLI's (:class:`~mtqa.corpus.CorpusRun`, in this process), then its
        corpus pass."""
        from mtqa.corpus import iter_inputs

        self.load_model()  # before the signature, which names the model
        report = Report(signature=self.signature)
        run = self._engine()
        try:
            for outcome in run.run(iter_inputs(self, inputs)):
                report.errors.extend(outcome.errors)
                if outcome.result is not None:
                    report.results.append(outcome.result)
            self._add_corpus_findings(report, run.states)
        finally:
            run.states.close()
        if self.suppressions:
            report.suppressed, _ = apply_suppressions(report)
        return report


def _one_a_span(findings: list[Finding], order: dict[str, int]) -> list[Finding]:
    """One finding for one span of one family: where two checks of a family report the
    very same words ("'illuminates the police'" as a false friend and as a quotation's
    attribution), the more severe, then the surer, then the earlier check's finding is
    kept, and names the others in ``extra["also"]``."""
    by_span: dict[tuple[int, int, str], list[Finding]] = {}
    for f in findings:
        by_span.setdefault((f.start, f.end, f.family), []).append(f)
    out: list[Finding] = []
    for group in by_span.values():
        if len(group) == 1 or len({f.code for f in group}) == 1:
            out.extend(group)
            continue
        group.sort(key=lambda f: (-int(f.severity), -f.confidence, order.get(f.code, len(order))))
        kept, others = group[0], group[1:]
        also = sorted({f.code for f in others} - {kept.code})
        kept.extra = {**kept.extra, "also": also}
        out.append(kept)
    return out


_UNSTORABLE = (
    "the corpus-level pass of {code} did not run: its collect() returned a value a corpus run "
    "cannot keep ({why}); return JSON-serialisable data (lists, dicts, strings, numbers)"
)

_STREAMED_FINISH = (
    "the corpus-level pass of {code} did not run: the check overrides Check.finish(results, ctx), "
    "which needs every result in memory, and a streaming run keeps none (run without a streamed "
    "output format, or give the check collect() and finish_collected())"
)


_BACKING = frozenset({Severity.WARNING, Severity.ERROR})


def corroborate(doc: Document, findings: list[Finding], ran: list[Check]) -> tuple[list[Finding], list[str]]:
    """``findings`` without those of checks whose evidence is weak on its own
    (:attr:`Check.corroborated_by`) and that nothing else in ``doc`` backs up,
    and a note for each check whose findings were held back.

    A check's findings are backed by a warning or error of another check of
    one of the named families, by one of them that backs itself
    (:meth:`Check.backs_itself`), or by the document's Norwegian source (the
    text is then a translation, and a page's link in it was copied with it).  ``ran`` are the
    checks that ran on ``doc``: when none of them could back a check up, its
    findings are kept (nothing was weighed)."""
    if doc.source:
        return findings, []
    held: dict[str, tuple[Check, int]] = {}
    for check in ran:
        own = [f for f in findings if f.code == check.code] if check.corroborated_by else []
        if not own or not any(c.family in check.corroborated_by and c.code != check.code for c in ran):
            continue
        backed = any(
            f.family in check.corroborated_by and f.code != check.code and f.severity in _BACKING for f in findings
        ) or any(_backs_itself(check, f) for f in own)
        if not backed:
            held[check.code] = (check, len(own))
    if not held:
        return findings, []
    notes = [
        f"{code} not reported ({count} finding{'s' if count != 1 else ''}): nothing else in the document "
        f"({', '.join(sorted(check.corroborated_by))}) shows a scraped or machine-translated copy, so it is read "
        "as the publisher's own; give the Norwegian source, or select the check alone, to report it"
        for code, (check, count) in sorted(held.items())
    ]
    return [f for f in findings if f.code not in held], notes


def _backs_itself(check: Check, finding: Finding) -> bool:
    """``check.backs_itself(finding)``; a failing one (a plugin's) holds nothing back."""
    try:
        return check.backs_itself(finding)
    except Exception:
        return True


def _needs_results(check: Check) -> bool:
    """Whether ``check`` has its own :meth:`~mtqa.checks.base.Check.finish` (the pass over results)."""
    return type(check).finish is not Check.finish


def check(inputs: Inputs, **options: Any) -> Report:
    """Check articles: a path, a directory, a glob, article text, a Document, or many.

    Keyword options are those of :class:`Checker`.  A string is a path or
    article text as :meth:`Checker.check` says: one that ends with ``/`` or has
    a file ending such as ``.txt`` is a path (a missing one is an error of the
    report, ``no such file or directory``); "Hello world." or one word is text.
    """
    return Checker(**options).check(inputs)


def list_checks() -> list[Check]:
    """Every registered check, sorted by code."""
    return all_checks()


def explain(code: str) -> Check:
    """The check with this code or name; its ``doc`` is the documentation."""
    try:
        return get_check(code)
    except KeyError:
        raise KeyError(
            f"no check {code!r}: run 'mtqa checks' to list the codes"
        ) from None


#: The article checked once so that every cache and word list a rule check
#: builds or loads on first use is there before the real work (:func:`prepare`,
#: and each ``mtqa serve`` worker at start): a headline, a byline, a name, a
#: Norwegian word, a literal rendering.
WARM_ARTICLE = """Minister meets the press in Tromsø

By Kari Nordmann

Minister Anniken Huitfeldt said on Monday that the talks went well, the police illuminates.
The bompenger will rise before the clock 21, she said to NTB.
"""


def _paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> tuple[str, ...]:
    """Paths as strings; one path given as a string is one path, not its characters."""
    if isinstance(paths, (str, os.PathLike)):
        return (os.fspath(paths),)
    return tuple(os.fspath(p) for p in paths)


def prepare(
    *,
    model: str | None = None,
    fluency: bool = True,
    lexicons: str | os.PathLike | Iterable[str | os.PathLike] = (),
    progress: Callable[[str], None] | None = None,
) -> list[tuple[str, float]]:
    """Build every cache the checks read, once, so that the first check starts at once.

    The rule checks build their caches on first use (the word-frequency index of
    eleven languages, the parsed lexicon and its index of rendering words: about
    25 seconds on two cores); with ``fluency``, the reference model's file is also
    verified and converted (:func:`mtqa.scoring.prepare`, about 30 seconds more the
    first time). Run it after installing, or in a CI image's build step with
    ``$MTQA_CACHE`` inside the image. Returns ``(step, seconds)`` for each step, in
    order. Raises :class:`MtqaError` for an unknown model, a lexicon that cannot be
    read, or a cache folder that cannot be written (where the checks would build
    nothing and pay the time again on every run).
    """
    import tempfile
    import time

    from mtqa.cache import cache_root
    from mtqa.checks.idioms import lexicon_for
    from mtqa.loaders import document_from_text
    from mtqa.names.lexicon import zipf_frequency

    say = progress or (lambda _message: None)
    paths = _paths(lexicons)
    if fluency:  # a mistyped model is said before the rule caches take their time
        from mtqa.scoring.models import resolve

        resolve(model)
    root = cache_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".probe-"):
            pass
    except OSError as exc:
        raise MtqaError(
            f"the cache folder {root} cannot be written ({exc.strerror or exc}); "
            "set $MTQA_CACHE to a folder you can write"
        ) from None
    steps: list[tuple[str, float]] = []

    def step(name: str, build: Callable[[], object]) -> None:
        say(f"preparing {name} ...")
        started = time.perf_counter()
        build()
        steps.append((name, time.perf_counter() - started))

    step("the word lists", lambda: zipf_frequency("nyheter", "nb"))
    step("the lexicon", lambda: lexicon_for(CheckContext(lexicons=paths)))
    step(
        "the rule checks",
        lambda: Checker(fluency=False, lexicons=paths, suppressions=False).check(document_from_text(WARM_ARTICLE, "warm-up")),
    )
    if fluency:
        from mtqa.scoring import prepare as prepare_model

        step("the reference model", lambda: prepare_model(model, progress=progress))
    return steps
