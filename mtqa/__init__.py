"""mtqa: a quality checker for machine-translated news (Norwegian to English).

>>> import mtqa
>>> report = mtqa.check("article.txt")        # doctest: +SKIP
>>> for finding in report.findings: ...       # doctest: +SKIP

``import mtqa`` is light: torch and transformers load only when the reference
model is used.
"""

from mtqa import structure as _structure  # noqa: F401 - registers the segmenter Documents use
from mtqa._version import __version__
from mtqa.api import Checker, Context, check, explain, list_checks, prepare
from mtqa.loaders import DocumentError, document_from_text, iter_documents
from mtqa.model import (
    Block,
    BlockKind,
    Document,
    Finding,
    InputError,
    MtqaError,
    Sentence,
    Severity,
)
from mtqa.report import DocumentResult, Report

__all__ = [
    "__version__",
    "Block",
    "BlockKind",
    "Checker",
    "Context",
    "Document",
    "DocumentError",
    "DocumentResult",
    "Finding",
    "InputError",
    "MtqaError",
    "Report",
    "Sentence",
    "Severity",
    "check",
    "document_from_text",
    "explain",
    "iter_documents",
    "list_checks",
    "prepare",
]


def load_ipython_extension(ipython) -> None:
    """``%load_ext mtqa`` in Jupyter: adds the ``%%mtqa`` cell magic (see :mod:`mtqa.magic`)."""
    from mtqa.magic import load_ipython_extension as load

    load(ipython)
