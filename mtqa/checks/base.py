"""The check protocol every check implements.

A check has a code (``BP001``), a readable name (``related-article-link``), a
family and a default severity.  Its documentation is its docstring: a one-line
summary, then ``Flags:`` and ``Allows:`` examples, which ``mtqa explain`` prints
and the test-suite runs.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from mtqa.model import Document, Finding, Severity

if TYPE_CHECKING:
    from mtqa.report import DocumentResult

#: What a check may need beyond the English text.
REQUIREMENTS = ("source", "reference", "model")


def position(doc: Document, start: int) -> tuple[int, int]:
    """The line and column a finding at ``start`` is reported at: in the file it came
    from (a JSONL corpus: the record's line, the column counting code points from the
    start of the record's target; an HTML page or a format with source lines: the
    block's line), else in the document's text."""
    if doc.record_line is not None:
        return doc.record_line, start + 1
    line, column = doc.line_col(start)
    block = doc.block_at(start)
    if block is not None and block.source_line is not None:
        line, column = block.source_line, start - block.start + 1
    return line, column


@dataclass(frozen=True)
class CheckContext:
    """What checks share during a run: loaded resources, not per-document state.

    Frozen: what changes during a run (the model, once loaded) makes a new
    context, ``dataclasses.replace(ctx, scorer=...)``.  ``mtqa.Context`` is this
    class.  Data derived from one document is kept on the document
    (:meth:`mtqa.Document.memo`), not here.
    """

    #: The reference language model's scorer (:class:`mtqa.scoring.scorer.Scorer`),
    #: when fluency is on and the model is loaded; None otherwise.  ``Any``: the
    #: scorer's module imports torch, which ``import mtqa`` must not.
    scorer: Any = None
    #: A user glossary of canonical names (YAML or TSV path), for the names and pronoun checks.
    glossary: Path | None = None
    #: Lexicon files of the user (``--lexicon``), read with the built-in lexicon by the idiom checks.
    lexicons: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # strings or a list given by hand: the same context as the Checker's
        if self.glossary is not None and not isinstance(self.glossary, Path):
            object.__setattr__(self, "glossary", Path(self.glossary))
        object.__setattr__(self, "lexicons", tuple(str(p) for p in self.lexicons))


@dataclass(frozen=True)
class CheckDoc:
    summary: str
    body: str
    flags: tuple[str, ...] = ()
    allows: tuple[str, ...] = ()


def parse_doc(doc: str) -> CheckDoc:
    """Split a check docstring into summary, body and Flags/Allows examples."""
    text = inspect.cleandoc(doc or "")
    summary, _, rest = text.partition("\n")
    sections: dict[str, list[str]] = {"body": [], "flags": [], "allows": []}
    current = "body"
    for line in rest.splitlines():
        m = re.match(r"^(Flags|Allows):\s*$", line.strip())
        if m:
            current = m.group(1).lower()
            continue
        sections[current].append(line)

    def examples(lines: list[str]) -> tuple[str, ...]:
        return tuple(
            ln.strip()[2:].strip() for ln in lines if ln.strip().startswith("- ")
        )

    return CheckDoc(
        summary=summary.strip(),
        body="\n".join(sections["body"]).strip(),
        flags=examples(sections["flags"]),
        allows=examples(sections["allows"]),
    )


@dataclass
class Check:
    """Base class: subclasses set the class attributes and implement ``run``."""

    code: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    severity: ClassVar[Severity]
    requires: ClassVar[frozenset[str]] = frozenset()
    #: Whether the docstring's Flags/Allows examples are article text that the
    #: test-suite can run as they stand.
    examples_are_text: ClassVar[bool] = True
    #: ``severity`` is the default; True when a finding may carry another one
    #: (a lexicon entry's own severity, a short omission as a warning).
    variable_severity: ClassVar[bool] = False
    #: Families whose findings must back this check's findings up: when set, a
    #: document's findings of this check are reported only if another check of
    #: one of these families found something there (a warning or an error), or
    #: the document has a Norwegian source (it is a translation).  For evidence
    #: that is weak on its own: a "Read also" line is a scraped link in a copied
    #: page and the publisher's own link in a native article.  When no check of
    #: these families ran (``--select`` left them out), nothing is weighed and
    #: the findings are reported.  See :func:`mtqa.api.corroborate`.
    corroborated_by: ClassVar[frozenset[str]] = frozenset()
    _doc: CheckDoc | None = field(default=None, init=False, repr=False)

    @property
    def doc(self) -> CheckDoc:
        if self._doc is None:
            self._doc = parse_doc(type(self).__doc__ or "")
        return self._doc

    def missing(self, doc: Document, ctx: CheckContext) -> list[str]:
        """What this check needs that ``doc`` (or the run) lacks."""
        lacking = []
        if "source" in self.requires and not doc.source:
            lacking.append("source")
        if "reference" in self.requires and not doc.reference:
            lacking.append("reference")
        if "model" in self.requires and ctx.scorer is None:
            lacking.append("model")
        return lacking

    def run(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def backs_itself(self, finding: Finding) -> bool:
        """Whether ``finding`` needs no backing (see :attr:`corroborated_by`):
        its own form shows what it is."""
        return False

    #: Whether the check has a corpus-level pass (:meth:`collect` / :meth:`finish_collected`).
    corpus_level: ClassVar[bool] = False

    def collect(self, doc: Document, ctx: CheckContext) -> Any:
        """What the corpus-level pass needs of one document (optional).

        Small and JSON-serialisable: a corpus run keeps it, not the document,
        and a results file stores it so a resumed run can redo the pass.
        """
        return None

    def finish_collected(
        self, states: list[tuple[int, Any]], ctx: CheckContext
    ) -> Iterable[tuple[int, Finding]]:
        """Corpus-level findings from ``(document index, collect(...))`` pairs.

        Yields ``(document index, finding)`` pairs."""
        return ()

    def finish(
        self, results: list[DocumentResult], ctx: CheckContext
    ) -> Iterable[tuple[DocumentResult, Finding]]:
        """Corpus-level findings, once every document is checked (optional).

        Yields ``(result, finding)`` pairs: the finding belongs to that
        document.  Called by :meth:`mtqa.Checker.finish`.
        """
        if not self.corpus_level:
            return
        states = [(i, self.collect(r.document, ctx)) for i, r in enumerate(results)]
        for index, finding in self.finish_collected(states, ctx):
            yield results[index], finding

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        suggestion: str | None = None,
        confidence: float = 1.0,
        severity: Severity | None = None,
        **extra: object,
    ) -> Finding:
        """A finding of this check, with text, line, column and sentence filled in."""
        if not 0 <= start <= end <= len(doc.text):
            raise ValueError(f"{self.code}: span {start}:{end} outside the document")
        sentence = doc.sentence_at(start)
        line, column = position(doc, start)
        return Finding(
            code=self.code,
            name=self.name,
            family=self.family,
            severity=severity or self.severity,
            message=message,
            start=start,
            end=end,
            text=doc.text[start:end],
            suggestion=suggestion,
            confidence=confidence,
            line=line,
            column=column,
            sentence=doc.text[sentence.start : sentence.end] if sentence else None,
            extra=dict(extra),
        )


#: Prefixes of the :meth:`Document.memo` keys of what the rule checks share while
#: they check one document (the names analysis, clusters and people; the idiom
#: matches; the untranslated words): large, of no use once the rule checks ran, and the analysis points
#: to its document, so a worker would send the document back twice.  Dropped then.
RULES_ONLY_MEMOS = ("names.", "idioms.", "untranslated.")


def fold_into_idiom_findings(
    findings: list[Finding], code: str, absorb: Callable[[Finding, Finding], None]
) -> list[Finding]:
    """One report per span: each finding of ``code`` that an idiom finding of another
    check overlaps is folded into the first such finding, ``absorb(host, finding)``
    moving its evidence into the host's ``extra``, and dropped.  The model's checks
    (FL002, ID010) use it so that a span an idiom entry names is reported once."""
    hosts = [f for f in findings if f.family == "idiom" and f.code != code]
    if not hosts:
        return findings
    out = []
    for f in findings:
        if f.code == code:
            host = next((h for h in hosts if h.start < f.end and f.start < h.end), None)
            if host is not None:
                absorb(host, f)
                continue
        out.append(f)
    return out


def forget_rules_only(doc: Document) -> Document:
    """``doc`` without what the rule checks kept on it for one another (:data:`RULES_ONLY_MEMOS`)."""
    derived = vars(doc).get("_derived") or {}
    doc.forget(*[key for key in derived if key.startswith(RULES_ONLY_MEMOS)])
    return doc
