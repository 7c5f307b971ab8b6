"""The settings of a check run: one table for every place that takes them.

A :class:`Setting` is one key of the configuration file (``mtqa.toml`` or
``[tool.mtqa]``), with what its value may be (the parser and the words of its
error message), its default, the help of its ``mtqa check`` option, the choices
(read from the code that owns them, :mod:`mtqa._owned`), whether the ``%%mtqa``
notebook magic offers it, and the :class:`~mtqa.api.Checker` argument it becomes.

:data:`SETTINGS` feeds ``mtqa.config.KEYS`` (the file's keys and their
validation), the options of ``mtqa check`` (their flags and help, in
``mtqa/cli.py``) and those of the ``%%mtqa`` magic (``mtqa/magic.py``), so a
setting is declared, checked and explained once.  ``tests/test_settings.py``
holds them together.

The module imports nothing of the library at import time: the command line
reads it before it loads any check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mtqa import _owned

#: A parser returns the parsed value, or None for a wrong one.
Parser = Callable[[Any], Any]


# -- parsers: None for a wrong value ------------------------------------------------------


def str_list(value: Any) -> list[str] | None:
    """A list of strings, or one comma-separated string."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    return None


def max_findings(value: Any) -> dict[str, int] | None:
    """An int (the overall limit) or a table ``{total = N, family = N, CODE = N}``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return {"total": value} if value >= 0 else None
    if isinstance(value, dict):
        out = {}
        for key, limit in value.items():
            if not isinstance(key, str) or isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
                return None
            out[key] = limit
        return out
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def non_negative(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number >= 0 else None


def fluency_score(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and 0 <= number <= 100 else None


def positive(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number > 0 else None


def size(value: Any) -> int | None:
    """A size in bytes: a number, or a string such as ``"5MB"``."""
    from mtqa.loaders import parse_size

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        return parse_size(value)
    except ValueError:
        return None


def positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def choice(choices: Callable[[], tuple[str, ...]]) -> Parser:
    """A parser accepting one of ``choices()`` (asked when a value is parsed)."""

    def parse(value: Any) -> str | None:
        return value if isinstance(value, str) and value in choices() else None

    return parse


# -- the table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One setting: a configuration key, its ``mtqa check`` option, and where it goes."""

    #: the configuration file's key (``fail-on``), also the key of ``RunOptions.settings``
    key: str
    #: returns the parsed value, or None for a wrong one
    parse: Parser
    #: the value's default (the configuration's built-in value)
    default: Any
    #: the help of the command-line option (and of the notebook magic's)
    help: str
    #: what a right value is, for the error message ("--KEY must be ...");
    #: for a choice setting, made from its choices when left empty
    expects: str = ""
    #: the option's flags as Typer declares them (``"--fluency/--no-fluency"``); default ``--KEY``
    flags: tuple[str, ...] = ()
    #: the allowed values, from the code that owns them (:mod:`mtqa._owned`)
    choices: Callable[[], tuple[str, ...]] | None = None
    #: the option may be repeated (each value may also be comma-separated)
    multiple: bool = False
    #: the ``%%mtqa`` notebook magic offers it
    magic: bool = False
    #: the :class:`~mtqa.api.Checker` argument it becomes (``read.X``: a field of
    #: its :class:`~mtqa.loaders.ReadOptions`); None: used by the run or the gate
    checker: str | None = None

    @property
    def expected(self) -> str:
        """What a right value is ("one of 'info', 'warning', 'error'")."""
        if self.expects:
            return self.expects
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices())
        raise AssertionError(f"setting {self.key} says neither what it expects nor its choices")

    @property
    def option_flags(self) -> tuple[str, ...]:
        """The Typer declarations of the option (``--fluency/--no-fluency``, ``--jobs``, ``-j``)."""
        return self.flags or (f"--{self.key}",)

    @property
    def option_names(self) -> tuple[str, ...]:
        """Every name the option answers to (``--fluency``, ``--no-fluency``)."""
        return tuple(name for flag in self.option_flags for name in flag.split("/"))

    @property
    def is_flag(self) -> bool:
        """An on/off option (``--fluency/--no-fluency``)."""
        return any("/" in flag for flag in self.option_flags)


_CHECKS = "codes, prefixes, names or families"
_RELATIVE_PATH = "a path (relative to the config file)"

_TABLE = (
    Setting(
        "select", str_list, None, magic=True, multiple=True, checker="select",
        expects=f"a list of {_CHECKS}",
        help=f"Run only these checks: {_CHECKS} (comma-separated).",
    ),
    Setting(
        "ignore", str_list, None, magic=True, multiple=True, checker="ignore",
        expects=f"a list of {_CHECKS}",
        help=f"Skip these checks: {_CHECKS} (comma-separated).",
    ),
    Setting(
        "fail-on", choice(_owned.severities), "error", choices=_owned.severities,
        help="Exit 1 when a finding is at or above this severity (default: error).",
    ),
    Setting(
        "max-findings", max_findings, None, multiple=True,
        expects="a whole number >= 0, or a table {total = N, FAMILY = N, CODE = N}",
        help="Exit 1 above this many findings: N overall, FAMILY=N or CODE=N (repeatable, comma-separated).",
    ),
    Setting(
        "min-fluency", fluency_score, None,
        expects="a number from 0 to 100",
        help="Exit 1 when a document's fluency score (0-100) is below this.",
    ),
    Setting(
        "max-penalty", non_negative, None,
        expects="a number >= 0 (penalty points per 1,000 words)",
        help="Exit 1 when a document's MQM-style penalty per 1,000 words is above this "
        "(warning 1, error 5, untranslated sentence 25).",
    ),
    Setting(
        "baseline", string, None,
        expects=_RELATIVE_PATH,
        help="Known findings (from --write-baseline): only new findings count.",
    ),
    Setting(
        "glossary", string, None, magic=True, checker="glossary",
        expects=_RELATIVE_PATH,
        help="A YAML or TSV glossary of canonical names (see README).",
    ),
    Setting(
        "lexicons", str_list, [], flags=("--lexicon",), multiple=True, checker="lexicons",
        expects="a list of paths (relative to the config file)",
        help="An extra lexicon file (YAML, the format of mtqa/lexicons/nb_en.yaml); repeatable.",
    ),
    Setting(
        "fluency", boolean, True, flags=("--fluency/--no-fluency",), magic=True, checker="fluency",
        expects="true or false",
        help="Use the reference language model (default); --no-fluency: no fluency scores, FL checks skipped.",
    ),
    Setting(
        "model", string, None, magic=True, checker="model",
        expects="a model name, folder or file",
        help="Reference model: smollm2 (default), gemma3-270m, a model folder, a .gguf file, or a hub id "
        "(with MTQA_ALLOW_NETWORK=1). Default: $MTQA_MODEL or smollm2.",
    ),
    Setting(
        "device", choice(_owned.devices), "auto", choices=_owned.devices, checker="device",
        help="Where the reference model runs.",
    ),
    Setting(
        "dtype", choice(_owned.dtypes), "auto", choices=_owned.dtypes, checker="dtype",
        help="The model's float type (auto: float32 for a calibrated model on any device; otherwise bfloat16 on CUDA, float16 on MPS).",
    ),
    Setting(
        "batch-size", positive_int, None, checker="batch_size",
        expects="a whole number >= 1 (tokens per forward pass of the model)",
        help="Tokens per forward pass of the reference model (default 4096; "
        "lower it when memory is short, raise it on a GPU).",
    ),
    Setting(
        "input-format", choice(_owned.input_formats), "auto", choices=_owned.input_formats,
        checker="input_format",
        help="How to read the inputs (auto: by file ending).",
    ),
    Setting(
        "jobs", positive_int, None, flags=("--jobs", "-j"),
        expects="a whole number >= 1 (worker processes)",
        help="Worker processes for the rule checks (default: as many as the CPUs and the free memory "
        "allow, fewer for a few documents; 1: none).",
    ),
    Setting(
        "max-document-size", size, 5_000_000, checker="read.max_size",
        expects='a size such as "5MB", "500KB" or a number of bytes',
        help="The largest document checked (a file, a JSONL record), e.g. 5MB (default), 500KB, 20MB; "
        "a larger one is an error of its own and the others are still checked.",
    ),
    Setting(
        "document-timeout", positive, None,
        expects="a number of seconds > 0",
        help="Seconds the rule checks may take on one document; it then runs in a worker process and "
        "one that takes longer is recorded as failed, the run goes on (default: no limit).",
    ),
    Setting(
        "source-lang", string, None, checker="read.source_lang",
        expects="a language code (xml:lang of the TMX source variants)",
        help="TMX: the xml:lang of the source variants (default: nb, no or nn).",
    ),
    Setting(
        "target-lang", string, None, checker="read.target_lang",
        expects="a language code (xml:lang of the TMX target variants)",
        help="TMX: the xml:lang of the translation's variants (default: en).",
    ),
)

#: Every setting, by its configuration key.
SETTINGS: dict[str, Setting] = {s.key: s for s in _TABLE}


def magic_settings() -> list[Setting]:
    """The settings that the ``%%mtqa`` notebook magic offers."""
    return [s for s in SETTINGS.values() if s.magic]
