"""Penalties: MQM-style penalty points per 1,000 words of a document (the
``max_penalty`` threshold).  The weights live in :mod:`mtqa.model` and are
re-exported here (and from :mod:`mtqa.gate`)."""

from __future__ import annotations

from mtqa.model import (  # noqa: F401 - the weights are re-exported here
    NON_TRANSLATION,
    NON_TRANSLATION_CODES,
    PENALTY_WEIGHTS,
    finding_penalty,
)
from mtqa.report import DocumentResult


def penalty(result: DocumentResult) -> float:
    """MQM-style penalty points per 1,000 words of the document."""
    return result.penalty()
