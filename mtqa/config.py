"""Configuration: ``[tool.mtqa]`` in ``pyproject.toml``, or ``mtqa.toml``.

The file is found by walking upward from the checked paths (the first of them
that exists; the working directory for stdin): in each folder ``mtqa.toml``
wins over a ``pyproject.toml`` with a ``[tool.mtqa]`` table, and a
``pyproject.toml`` without one is passed by.  Paths inside the file
(``glossary``, ``lexicons``, ``baseline``, override ``paths``) are relative to
the file's folder.

Precedence: built-in defaults < the file < the command line.  Every effective
value remembers where it came from (``mtqa config`` prints it).

An unknown key or a value of the wrong type is a :class:`~mtqa.model.MtqaError`
that names the key and the file.

Example (``mtqa.toml``; in ``pyproject.toml`` the same keys go under ``[tool.mtqa]``)::

    select = ["names", "UT", "BP001"]
    ignore = ["GR"]
    fail-on = "warning"
    max-findings = {total = 20, names = 5, NC001 = 0}
    min-fluency = 30
    max-penalty = 50
    baseline = "mtqa-baseline.json"
    glossary = "names.yaml"
    lexicons = ["extra-idioms.yaml"]
    fluency = true
    model = "smollm2"
    device = "auto"
    dtype = "auto"
    batch-size = 4096
    max-document-size = "5MB"
    document-timeout = 60
    source-lang = "nb"
    target-lang = "en"

    [[overrides]]
    paths = ["drafts/**"]
    ignore = ["FL"]
"""

from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mtqa.loaders import FORMATS
from mtqa.model import MtqaError, Severity
from mtqa.scoring import DEVICE_CHOICES, DTYPE_CHOICES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_NAMES = ("mtqa.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"

# The choices come from the code that owns them, so that the configuration file,
# the command line (mtqa/cli.py builds its choices from the same tuples) and the
# code that acts on them cannot drift apart.
_SEVERITIES = tuple(str(s) for s in Severity)
_DEVICES = DEVICE_CHOICES
_DTYPES = DTYPE_CHOICES
_INPUT_FORMATS = FORMATS


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    return None


def _max_findings(value: Any) -> dict[str, int] | None:
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


def _non_negative(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number >= 0 else None


def _fluency_score(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and 0 <= number <= 100 else None


def _positive(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and number > 0 else None


def _size(value: Any) -> int | None:
    from mtqa.loaders import parse_size

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return None
    try:
        return parse_size(value)
    except ValueError:
        return None


def _choice(choices: tuple[str, ...]):
    def parse(value: Any) -> str | None:
        return value if isinstance(value, str) and value in choices else None

    parse.expected = "one of " + ", ".join(repr(c) for c in choices)  # type: ignore[attr-defined]
    return parse


def _positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


#: key -> (parser returning None for a wrong value, what is expected, default).
KEYS: dict[str, tuple[Any, str, Any]] = {
    "select": (_str_list, "a list of codes, prefixes, names or families", None),
    "ignore": (_str_list, "a list of codes, prefixes, names or families", None),
    "fail-on": (_choice(_SEVERITIES), "one of " + ", ".join(map(repr, _SEVERITIES)), "error"),
    "max-findings": (_max_findings, "a whole number >= 0, or a table {total = N, FAMILY = N, CODE = N}", None),
    "min-fluency": (_fluency_score, "a number from 0 to 100", None),
    "max-penalty": (_non_negative, "a number >= 0 (penalty points per 1,000 words)", None),
    "baseline": (_string, "a path (relative to the config file)", None),
    "glossary": (_string, "a path (relative to the config file)", None),
    "lexicons": (_str_list, "a list of paths (relative to the config file)", []),
    "fluency": (_boolean, "true or false", True),
    "model": (_string, "a model name, folder or file", None),
    "device": (_choice(_DEVICES), "one of " + ", ".join(map(repr, _DEVICES)), "auto"),
    "dtype": (_choice(_DTYPES), "one of " + ", ".join(map(repr, _DTYPES)), "auto"),
    "batch-size": (_positive_int, "a whole number >= 1 (tokens per forward pass of the model)", None),
    "input-format": (_choice(_INPUT_FORMATS), "one of " + ", ".join(map(repr, _INPUT_FORMATS)), "auto"),
    "jobs": (_positive_int, "a whole number >= 1 (worker processes)", None),
    "max-document-size": (_size, "a size such as \"5MB\", \"500KB\" or a number of bytes", 5_000_000),
    "document-timeout": (_positive, "a number of seconds > 0", None),
    "source-lang": (_string, "a language code (xml:lang of the TMX source variants)", None),
    "target-lang": (_string, "a language code (xml:lang of the TMX target variants)", None),
}
_PATH_KEYS = ("baseline", "glossary")
_OVERRIDE_KEYS = ("paths", "select", "ignore")


@dataclass(frozen=True)
class Override:
    """Per-path ``select``/``ignore``: findings of other checks are dropped for these files."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    root: Path
    source: str

    def matches(self, path: str | None) -> bool:
        if not path or path == "-":
            return False
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        return any(_glob_match(rel, pattern) for pattern in self.paths)


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatchcase(rel, pattern) or PurePosixPath(rel).match(pattern):
        return True
    # "drafts" or "drafts/**" covers everything below drafts/
    prefix = pattern[:-3] if pattern.endswith("/**") else pattern
    return rel.startswith(prefix.rstrip("/") + "/")


@dataclass
class Config:
    """The effective configuration and where each value came from."""

    values: dict[str, Any] = field(default_factory=lambda: {k: v[2] for k, v in KEYS.items()})
    sources: dict[str, str] = field(default_factory=lambda: {k: DEFAULT for k in KEYS})
    file: Path | None = None
    overrides: list[Override] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, source: str = COMMAND_LINE) -> None:
        """Set ``key`` from the command line (``None`` leaves it as it is), checked as the file's values are."""
        if value is None:
            return
        if key not in KEYS:
            raise KeyError(key)
        parse, expected, _ = KEYS[key]
        parsed = parse(value)
        if parsed is None:
            raise MtqaError(f"--{key} must be {expected}, not {value!r}")
        self.values[key] = parsed
        self.sources[key] = source

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file) if self.file else None,
            "values": {
                k: {"value": self.values[k], "source": self.sources[k]} for k in sorted(KEYS)
            },
            "overrides": [
                {
                    "paths": list(o.paths),
                    "select": list(o.select) if o.select is not None else None,
                    "ignore": list(o.ignore),
                    "source": o.source,
                }
                for o in self.overrides
            ],
        }

    def validate_selectors(self) -> None:
        """Unknown check selectors in the file are errors naming the key and file."""
        from mtqa.checks import known_selector

        for key in ("select", "ignore"):
            for selector in self.values[key] or ():
                if not known_selector(selector):
                    raise MtqaError(
                        f"{self.sources[key]}: {key}: unknown check {selector!r} "
                        "(run 'mtqa checks' to list codes, names and families)"
                    )
        for o in self.overrides:
            for key, selectors in (("select", o.select or ()), ("ignore", o.ignore)):
                for selector in selectors:
                    if not known_selector(selector):
                        raise MtqaError(
                            f"{o.source}: overrides.{key}: unknown check {selector!r} "
                            "(run 'mtqa checks' to list codes, names and families)"
                        )


def find_config(paths: list[str] | tuple[str, ...] = ()) -> Path | None:
    """The config file that governs ``paths``: walk upward from the first one that exists."""
    start = Path.cwd()
    for p in paths:
        if p != "-" and os.path.exists(p):
            start = Path(p).resolve()
            break
    folder = start if start.is_dir() else start.parent
    for directory in (folder, *folder.parents):
        candidate = directory / "mtqa.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and "mtqa" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise MtqaError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise MtqaError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _table(path: Path) -> tuple[dict[str, Any], str]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("mtqa", {})
        if not isinstance(table, dict):
            raise MtqaError(f"{path}: [tool.mtqa] must be a table")
        return table, "tool.mtqa."
    return data, ""


def load_config(
    paths: list[str] | tuple[str, ...] = (), config_file: str | os.PathLike | None = None
) -> Config:
    """The configuration for checking ``paths`` (or from ``config_file`` when given)."""
    config = Config()
    path = Path(config_file) if config_file is not None else find_config(paths)
    if path is None:
        return config
    if not path.is_file():
        raise MtqaError(f"config {path}: no such file")
    config.file = path
    table, prefix = _table(path)
    root = path.resolve().parent
    source = str(path)
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key == "overrides":
            config.overrides = _overrides(value, root, source, prefix)
            continue
        if key not in KEYS:
            raise MtqaError(
                f"{source}: unknown key {prefix}{raw_key!r} (known: {', '.join(sorted(KEYS))}, overrides)"
            )
        parse, expected, _ = KEYS[key]
        parsed = parse(value)
        if parsed is None:
            raise MtqaError(f"{source}: {prefix}{raw_key} must be {expected}, not {value!r}")
        if key in _PATH_KEYS:
            parsed = str(root / parsed)
        elif key == "lexicons":
            parsed = [str(root / p) for p in parsed]
        config.values[key] = parsed
        config.sources[key] = source
    config.validate_selectors()
    return config


def _overrides(value: Any, root: Path, source: str, prefix: str) -> list[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise MtqaError(f"{source}: {prefix}overrides must be an array of tables ([[overrides]])")
    out = []
    for i, table in enumerate(value):
        where = f"{prefix}overrides[{i}]"
        for key in table:
            if key not in _OVERRIDE_KEYS:
                raise MtqaError(
                    f"{source}: unknown key {where}.{key!r} (known: {', '.join(_OVERRIDE_KEYS)})"
                )
        paths = _str_list(table.get("paths"))
        if not paths:
            raise MtqaError(f"{source}: {where}.paths must be a non-empty list of globs")
        parsed: dict[str, list[str]] = {}
        for key in ("select", "ignore"):
            if key in table:
                values = _str_list(table[key])
                if values is None:
                    raise MtqaError(f"{source}: {where}.{key} must be a list of codes, prefixes, names or families")
                parsed[key] = values
        out.append(
            Override(
                paths=tuple(paths),
                select=tuple(parsed["select"]) if parsed.get("select") is not None else None,
                ignore=tuple(parsed.get("ignore") or ()),
                root=root,
                source=source,
            )
        )
    return out


def severity(config: Config) -> Severity:
    return Severity.parse(config["fail-on"])
