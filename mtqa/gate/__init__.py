"""The CI quality gate: suppressions, per-path overrides, a baseline, thresholds.

:func:`run_gate` takes a finished :class:`~mtqa.report.Report` and, in this order:

1. drops findings of checks that a per-path override (config ``[[overrides]]``)
   switches off for a document (:mod:`mtqa.gate.overrides`);
2. drops *suppressed* findings: a JSONL record's ``"mtqa": {"ignore": [...]}``
   and inline ``<!-- mtqa: ignore NC001 -->`` markers; a suppression that
   suppressed nothing is reported, without failing the gate
   (:mod:`mtqa.gate.suppressions`);
3. drops findings recorded in the *baseline*, and reports its stale entries
   (:mod:`mtqa.gate.baseline`);
4. evaluates the thresholds on what is left: ``fail_on``, ``max_findings``,
   ``min_fluency`` and ``max_penalty`` (:mod:`mtqa.gate.thresholds`, with the
   penalties of :mod:`mtqa.gate.penalties`).

:class:`StreamingGate` does the same one document at a time, as a corpus run
produces them (:mod:`mtqa.gate.stream`).

Exit codes: 0 pass, 1 a threshold failed, 2 a document could not be checked
(2 wins).  A threshold on something not measured is a usage error
(:class:`~mtqa.model.MtqaError`, exit 2).

Every name that ``mtqa.gate`` offered as a single module is re-exported here.
"""

from __future__ import annotations

# re-exported: the names mtqa.gate held when it was one module
from mtqa.gate._common import SHOWN, _matches, _where  # noqa: F401
from mtqa.gate.baseline import (  # noqa: F401
    BASELINE_VERSION,
    Baseline,
    _BaselineMatcher,
    _BaselineWriter,
    _norm,
    apply_baseline,
    document_key,
    fingerprint,
)
from mtqa.gate.overrides import apply_overrides  # noqa: F401
from mtqa.gate.penalties import (  # noqa: F401
    NON_TRANSLATION,
    NON_TRANSLATION_CODES,
    PENALTY_WEIGHTS,
    finding_penalty,
    penalty,
)
from mtqa.gate.stream import StreamingGate, run_gate  # noqa: F401
from mtqa.gate.suppressions import (  # noqa: F401
    _MARKER_LINE,
    _NEXT_LINE,
    _TRAILING,
    MARKER_RE,
    Marker,
    apply_suppressions,
    inline_markers,
    parse_selectors,
    record_ignores,
)
from mtqa.gate.thresholds import (  # noqa: F401
    GateResult,
    Thresholds,
    _ThresholdCounter,
    evaluate,
    parse_max_findings,
)
from mtqa.model import Document, Finding, MtqaError, Severity  # noqa: F401
from mtqa.report import DocumentResult, Report  # noqa: F401
