"""Calibrating raw scores to 0-100 against clean, human-written news.

The statistics are data (``mtqa/data/fluency_calibration.yaml``), one entry per
model file hash, made by ``benchmarks/fluency_calibration.py`` from the 123
NTREX-128 English news documents (each scored as a whole article, in context).
A model folder of your own may carry its own ``mtqa-calibration.yaml``.

- A sentence's ``fluency`` is the percentile of its statistic (SLOR less the
  unexplained surprisal of its worst word, ``SentenceScore.score``) among the
  clean news sentences: 50 is a typical sentence of human-written news, 2 is
  less fluent than 98% of them.
- A document's ``fluency`` is the token-weighted mean of its sentences'
  fluency: a typical human-written article scores about 50.  (The mean and
  standard deviation of the clean documents' statistic are stored for
  reference, not used.)
- Thresholds for FL001 and FL002 are stored beside them (with the false-alarm
  rate they give on the calibration set).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mtqa.model import MtqaError

DATA = Path(__file__).resolve().parent.parent / "data" / "fluency_calibration.yaml"
CROSSLINGUAL_DATA = DATA.with_name("crosslingual_calibration.yaml")
MODEL_DIR_FILE = "mtqa-calibration.yaml"
_REMAKE = (
    "make it again (benchmarks/fluency_calibration.py or benchmarks/crosslingual_calibration.py "
    "NTREX_DIR --model DIR --write) or delete it"
)
#: The statistic's name and version: a calibration holds only for the statistic it
#: was made with (v2: names, numbers and hyphenated compounds explained by their form,
#: headlines and captions not calibrated on; see :func:`mtqa.scoring.scorer.explained_by_form`).
STATISTIC = "slor-minus-worst-word-excess/v2"

#: Sentences shorter than this many tokens are not used to fit the calibration.
MIN_TOKENS = 3


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def sentence_statistic(sentence) -> float:
    """The raw sentence statistic that is calibrated (see ``SentenceScore.score``)."""
    return sentence.score


def document_statistic(sentences) -> float | None:
    """The token-weighted mean of the sentence statistic."""
    tokens = sum(s.tokens for s in sentences)
    if not tokens:
        return None
    return sum(s.score * s.tokens for s in sentences) / tokens


@dataclass
class Calibration:
    model: str
    sha256: str
    levels: list[float]  # percent
    values: list[float]  # sentence statistic at each level
    doc_mean: float
    doc_sd: float
    thresholds: dict[str, float] = field(default_factory=dict)
    made_with: str = ""
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        blob = json.dumps(
            [self.levels, self.values, self.doc_mean, self.doc_sd, sorted(self.thresholds.items())]
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def sentence_fluency(self, statistic: float) -> float:
        """Percentile of ``statistic`` among the calibration sentences (0-100)."""
        return _percentile(self.values, self.levels, statistic)

    def document_fluency(self, statistic: float) -> float:
        return 100.0 * _phi((statistic - self.doc_mean) / max(self.doc_sd, 1e-6))

    def apply(self, scores) -> None:
        for sentence in scores.sentences:
            sentence.fluency = self.sentence_fluency(sentence_statistic(sentence))
        tokens = sum(s.tokens for s in scores.sentences)
        scores.fluency = (
            sum(s.fluency * s.tokens for s in scores.sentences) / tokens if tokens else None
        )
        scores.calibrated = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "sha256": self.sha256,
            "made_with": self.made_with,
            "stats": self.stats,
            "sentence": {
                "statistic": STATISTIC,
                "levels": self.levels,
                "values": [round(v, 5) for v in self.values],
            },
            "document": {"statistic": STATISTIC, "mean": round(self.doc_mean, 5), "sd": round(self.doc_sd, 5)},
            "thresholds": self.thresholds,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibration:
        return cls(
            model=d["model"],
            sha256=d["sha256"],
            levels=[float(x) for x in d["sentence"]["levels"]],
            values=[float(x) for x in d["sentence"]["values"]],
            doc_mean=float(d["document"]["mean"]),
            doc_sd=float(d["document"]["sd"]),
            thresholds={k: float(v) for k, v in (d.get("thresholds") or {}).items()},
            made_with=d.get("made_with", ""),
            stats=d.get("stats") or {},
        )


def _percentile(values: list[float], levels: list[float], statistic: float) -> float:
    """Where ``statistic`` falls among calibration values given at ``levels`` percent (0-100)."""
    if statistic <= values[0]:
        return 0.0 if statistic < values[0] else levels[0]
    if statistic >= values[-1]:
        return 100.0
    i = bisect.bisect_right(values, statistic)
    v0, v1, l0, l1 = values[i - 1], values[i], levels[i - 1], levels[i]
    return l0 + (l1 - l0) * ((statistic - v0) / (v1 - v0) if v1 > v0 else 0.0)


@dataclass
class CrosslingualCalibration:
    """How much their Norwegian source explains clean human translations (``AC004``).

    The statistic is :attr:`~mtqa.scoring.scorer.PairScore.pmi_per_token` of
    the aligned sentence pairs of clean nb -> en news (made by
    ``benchmarks/crosslingual_calibration.py``, in float32); ``thresholds``
    holds the ``AC004`` warning and error levels, in nats per English token.
    """

    model: str
    sha256: str
    statistic: str
    levels: list[float]
    values: list[float]
    thresholds: dict[str, float] = field(default_factory=dict)
    made_with: str = ""
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        blob = json.dumps([self.statistic, self.levels, self.values, sorted(self.thresholds.items())])
        return hashlib.sha256(blob.encode()).hexdigest()

    def percentile(self, statistic: float) -> float:
        """Percentile of a pair's statistic among the clean pairs (0-100)."""
        return _percentile(self.values, self.levels, statistic)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "sha256": self.sha256,
            "made_with": self.made_with,
            "stats": self.stats,
            "statistic": self.statistic,
            "levels": self.levels,
            "values": [round(v, 5) for v in self.values],
            "thresholds": self.thresholds,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CrosslingualCalibration:
        return cls(
            model=d["model"],
            sha256=d["sha256"],
            statistic=d["statistic"],
            levels=[float(x) for x in d["levels"]],
            values=[float(x) for x in d["values"]],
            thresholds={k: float(v) for k, v in (d.get("thresholds") or {}).items()},
            made_with=d.get("made_with", ""),
            stats=d.get("stats") or {},
        )


def _model_dir_file(model_dir: Path) -> dict[str, Any]:
    """A model folder's ``mtqa-calibration.yaml``, or a clear error naming it."""
    path = model_dir / MODEL_DIR_FILE
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MtqaError(f"{path}: not a readable calibration file ({type(exc).__name__}); {_REMAKE}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MtqaError(f"{path}: a calibration file is a mapping, not a {type(data).__name__}; {_REMAKE}")
    return data


def _entry(model_dir: Path, what: str, build, data):
    try:
        return build(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise MtqaError(
            f"{model_dir / MODEL_DIR_FILE}: the {what} calibration is incomplete or malformed "
            f"({type(exc).__name__}: {exc}); {_REMAKE}"
        ) from None


@cache
def _shipped_entries(path: Path) -> dict[str, dict[str, Any]]:
    """The entries of a shipped calibration file, by model file hash."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    return {c["sha256"]: c for c in data.get("models", [])}


def find_crosslingual(sha256: str, model_dir: Path | None = None) -> CrosslingualCalibration | None:
    """The cross-lingual calibration for a model: shipped (by file hash), or the
    ``crosslingual`` section of its folder's ``mtqa-calibration.yaml``; None for a
    model without one (an English-only model: ``AC004`` is skipped).

    A calibration made for other prompts (another statistic version) is not used.
    """
    from mtqa.scoring.scorer import PAIR_STATISTIC

    found = None
    if model_dir is not None and (model_dir / MODEL_DIR_FILE).is_file():
        data = _model_dir_file(model_dir)
        if data.get("crosslingual"):
            found = _entry(model_dir, "crosslingual", CrosslingualCalibration.from_dict, data["crosslingual"])
    else:
        entry = _shipped_entries(CROSSLINGUAL_DATA).get(sha256)
        found = CrosslingualCalibration.from_dict(entry) if entry else None
    return found if found is not None and found.statistic == PAIR_STATISTIC else None


def fit_crosslingual(
    model: str,
    sha256: str,
    statistics: list[float],
    *,
    warning_rate: float,
    error_level: float,
    made_with: str = "",
    stats: dict[str, Any] | None = None,
) -> CrosslingualCalibration:
    """A cross-lingual calibration from the statistic of clean sentence pairs.

    The warning threshold is the ``warning_rate`` quantile of the clean pairs;
    the error threshold is ``error_level`` nats per token, or lower if needed to
    stay below every clean pair.
    """
    from mtqa.scoring.scorer import PAIR_STATISTIC

    ordered = sorted(statistics)
    values = _level_values(ordered)
    warning = _quantile(ordered, warning_rate)
    error = min(error_level, ordered[0] - 0.05, warning)
    return CrosslingualCalibration(
        model=model,
        sha256=sha256,
        statistic=PAIR_STATISTIC,
        levels=list(LEVELS),
        values=values,
        thresholds={"ac004_warning": round(warning, 4), "ac004_error": round(error, 4)},
        made_with=made_with,
        stats={"pairs": len(ordered), "min": round(ordered[0], 4),
               "median": round(_quantile(ordered, 0.5), 4), **(stats or {})},
    )


def find(sha256: str, model_dir: Path | None = None) -> Calibration | None:
    """The calibration for a model: shipped (by file hash), or in its own folder."""
    if model_dir is not None and (model_dir / MODEL_DIR_FILE).is_file():
        data = _model_dir_file(model_dir)
        # the file may hold only a cross-lingual calibration
        # (a calibration made for an earlier statistic is not used: FL checks then say
        # the model has no calibration, and the message says how to make one)
        if "sentence" not in data or _stale(data):
            return None
        return _entry(model_dir, "fluency", Calibration.from_dict, data)
    entry = _shipped_entries(DATA).get(sha256)
    return Calibration.from_dict(entry) if entry and not _stale(entry) else None


def _stale(entry: dict[str, Any]) -> bool:
    """Whether an entry names another statistic (one that names none is malformed, not stale)."""
    sentence = entry.get("sentence")
    named = sentence.get("statistic") if isinstance(sentence, dict) else None
    return isinstance(named, str) and named != STATISTIC


LEVELS = [0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0] + [float(x) for x in range(6, 95)] + [
    95.0, 96.0, 97.0, 98.0, 99.0, 99.5, 99.9,
]


def _level_values(sorted_values: list[float]) -> list[float]:
    """The statistic at each of :data:`LEVELS`, strictly increasing for interpolation."""
    values = [_quantile(sorted_values, level / 100) for level in LEVELS]
    for i in range(1, len(values)):
        values[i] = max(values[i], values[i - 1] + 1e-6)
    return values


def _quantile(sorted_values: list[float], q: float) -> float:
    """Linear-interpolated quantile, ``q`` in [0, 1]."""
    if not sorted_values:
        raise ValueError("no values")
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def fit(
    model: str,
    sha256: str,
    doc_scores: list,
    *,
    made_with: str = "",
    word_excess: list[float] | None = None,
    fl002_rate: float = 0.0001,
    fl001_max_fluency: float = 1.0,
) -> Calibration:
    """A calibration from the scores of clean documents.

    ``word_excess``: the FL002 statistic of every candidate word in the clean
    documents; the FL002 threshold is its ``1 - fl002_rate`` quantile.
    """
    sentence_stats = sorted(
        sentence_statistic(s) for d in doc_scores for s in d.sentences
        if s.tokens >= MIN_TOKENS and getattr(s, "judged", True)
    )
    doc_stats = [x for x in (document_statistic(d.sentences) for d in doc_scores) if x is not None]
    mean = sum(doc_stats) / len(doc_stats)
    sd = math.sqrt(sum((x - mean) ** 2 for x in doc_stats) / max(1, len(doc_stats) - 1))
    values = _level_values(sentence_stats)
    thresholds: dict[str, float] = {"fl001_max_fluency": fl001_max_fluency}
    if word_excess:
        ordered = sorted(word_excess)
        thresholds["fl002_min_excess"] = round(_quantile(ordered, 1 - fl002_rate), 4)
    return Calibration(
        model=model,
        sha256=sha256,
        levels=list(LEVELS),
        values=values,
        doc_mean=mean,
        doc_sd=sd,
        thresholds=thresholds,
        made_with=made_with,
        stats={
            "documents": len(doc_stats),
            "sentences": len(sentence_stats),
            "words": len(word_excess or []),
        },
    )
