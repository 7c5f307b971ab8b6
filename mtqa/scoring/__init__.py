"""The reference language model: resolving, caching, loading, scoring.

Nothing here imports torch or transformers at import time:

>>> from mtqa.scoring import load_scorer
>>> scorer = load_scorer()                       # doctest: +SKIP
>>> scorer.document_scores(doc).fluency          # doctest: +SKIP
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mtqa.model import MtqaError
from mtqa.scoring.models import (
    BUILTINS,
    DEFAULT_MODEL,
    NO_FLUENCY,
    ModelSource,
    cache_root,
    cache_state,
    convert_gguf,
    dir_hash,
    resolve,
)

__all__ = [
    "BUILTINS",
    "DEFAULT_MODEL",
    "ModelSource",
    "cache_root",
    "load_scorer",
    "model_info",
    "prepare",
    "resolve",
]

DTYPES = ("float32", "bfloat16", "float16")
#: What ``--device`` and ``--dtype`` accept (``auto``: for the device, the best this
#: machine has; for the type, see :func:`_pick_dtype`).
DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
DTYPE_CHOICES = ("auto", *DTYPES)
_LOADED: dict[tuple[str, str, str], Any] = {}
_LOCK = threading.Lock()


def _pick_device(device: str) -> str:
    import torch

    device = (device or "auto").lower()
    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        if mps is not None and mps.is_available():
            return "mps"
        return "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise MtqaError(f"--device {device}: no CUDA device is available; use --device cpu or auto")
    if device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise MtqaError("--device mps: MPS is not available here; use --device cpu or auto")
    if device not in ("cpu", "mps") and not device.startswith("cuda"):
        raise MtqaError(f"--device {device}: use auto, cpu, cuda, cuda:N or mps")
    return device


def _check_dtype(dtype: str | None) -> None:
    if dtype not in (None, "", "auto") and dtype not in DTYPES:
        raise MtqaError(f"--dtype {dtype}: use one of auto, {', '.join(DTYPES)}")


def _pick_dtype(dtype: str | None, device: str, calibrated: bool = False) -> str:
    """The float type to load the model in.

    ``auto`` is float32 for a model with a fluency calibration, on any device: the
    calibration's thresholds were fitted on float32 scores, and another type moves
    the scores enough to move findings (bfloat16 on CUDA: one FL finding in 28 on
    NTREX, document fluency up to 2.3 points; float32 on CUDA gives the CPU's scores
    and was no slower for SmolLM2 on an H200: ``benchmarks/dtype_agreement.py``).
    A model without one loads in the device's fast type (bfloat16 on CUDA, float16
    on MPS), where memory matters more than agreement with a calibration.
    """
    _check_dtype(dtype)
    if dtype not in (None, "", "auto"):
        return str(dtype)
    if calibrated:
        return "float32"
    if device.startswith("cuda"):
        import torch

        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    return "float16" if device == "mps" else "float32"


def prepare(spec: str | None = None, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Verify and convert the model ahead of use (``mtqa model prepare``)."""
    source = resolve(spec)
    folder, digest = _materialize(source, progress)
    return {"model": source.name, "sha256": digest, "cache": str(folder) if folder else None}


def _materialize(source: ModelSource, progress=None) -> tuple[Path | str, str]:
    """Where transformers loads the model from, and the model's content hash."""
    if source.kind in ("builtin", "gguf"):
        folder = convert_gguf(source, progress=progress)
        return folder, _marker_hash(folder)
    if source.kind == "dir":
        assert source.path is not None
        if not any(source.path.glob("*.safetensors")):
            raise MtqaError(
                f"model folder {source.path} has no .safetensors weights (mtqa never loads "
                f"pickle weights): convert them to safetensors; {NO_FLUENCY}"
            )
        return source.path, dir_hash(source.path)
    return source.spec, "hub:" + source.spec


def _marker_hash(folder: Path) -> str:
    import json

    from mtqa.scoring.models import CACHE_MARKER

    return json.loads((folder / CACHE_MARKER).read_text("utf-8"))["sha256"]


def load_scorer(
    spec: str | None = None,
    *,
    device: str = "auto",
    dtype: str | None = None,
    progress: Callable[[str], None] | None = None,
):
    """The :class:`~mtqa.scoring.scorer.Scorer` for a model, loaded once per process."""
    source = resolve(spec)
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError as exc:
        raise MtqaError(
            f"the fluency checks need torch and transformers ({exc.name} is not installed): "
            f"pip install 'mtqa[model]' (make install does it); {NO_FLUENCY}"
        ) from None
    dev = _pick_device(device)
    _check_dtype(dtype)
    key = (str(source.path or source.spec), dev, dtype or "auto")
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        where, digest = _materialize(source, progress)
        from mtqa.scoring import calibration

        own_dir = source.path if source.kind == "dir" else None
        calib = calibration.find(digest, own_dir)
        crosslingual = calibration.find_crosslingual(digest.removeprefix("hub:"), own_dir)
        dt = _pick_dtype(dtype, dev, calibrated=calib is not None or crosslingual is not None)
        resolved = (key[0], dev, dt)
        if resolved in _LOADED:  # loaded before under the type's own name, or by another "auto"
            _LOADED[key] = _LOADED[resolved]
            return _LOADED[key]
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        # mtqa reports its own progress; no tqdm bars from transformers.
        hf_logging.disable_progress_bar()

        from mtqa.scoring.scorer import Scorer

        hub = source.kind == "hub"
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(where), local_files_only=not hub)
            model = AutoModelForCausalLM.from_pretrained(
                str(where),
                dtype=getattr(torch, dt),
                use_safetensors=True,
                local_files_only=not hub,
                trust_remote_code=False,
            )
        except Exception as exc:
            raise MtqaError(
                f"could not load the reference model {source.spec} from {where} "
                f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
                f"run 'mtqa model prepare' again, choose another --model, {NO_FLUENCY}"
            ) from exc
        if not getattr(tokenizer, "is_fast", False):
            raise MtqaError(
                f"the tokenizer of {source.spec} gives no character offsets (not a fast tokenizer); {NO_FLUENCY}"
            )
        model.eval()
        model.to(dev)  # type: ignore[arg-type]  # transformers' @wraps(Module.to) types `to` as an unbound function
        scorer = Scorer(
            model,
            tokenizer,
            name=source.name,
            sha256=digest.removeprefix("hub:"),
            device=dev,
            dtype=dt,
            calibration=calib,
            crosslingual=crosslingual,
            files={"weights": str(where)},
        )
        # Under the type asked for and the type it resolved to: a later call that
        # names the type "auto" picked shares the model rather than loading it again.
        _LOADED[key] = _LOADED[resolved] = scorer
        return scorer


def model_info(spec: str | None = None) -> dict[str, Any]:
    """What ``mtqa model info`` prints: the model, its files, hash and cache state."""
    source = resolve(spec)
    info = source.describe()
    info["cache_root"] = str(cache_root())
    info["selected_by"] = (
        "--model" if spec else ("$MTQA_MODEL" if os.environ.get("MTQA_MODEL") else "default")
    )
    if source.kind in ("builtin", "gguf"):
        info.update(cache_state(source))
    elif source.kind == "dir":
        assert source.path is not None
        info["sha256"] = dir_hash(source.path)
    from mtqa.scoring import calibration

    digest = info.get("sha256")
    own_dir = source.path if source.kind == "dir" else None
    calib = calibration.find(digest, own_dir) if digest else None
    info["calibration"] = (
        f"{calib.stats.get('documents', '?')} documents, {calib.stats.get('sentences', '?')} sentences "
        f"({calib.made_with})"
        if calib
        else ("none: FL001/FL002 make no findings; see benchmarks/fluency_calibration.py"
              if digest else "unknown until the model is hashed ('mtqa model prepare')")
    )
    xl = calibration.find_crosslingual(digest, own_dir) if digest else None
    info["crosslingual"] = (
        f"{xl.stats.get('pairs', '?')} sentence pairs; AC004 below {xl.thresholds.get('ac004_warning')} "
        f"nats/token ({xl.made_with})"
        if xl
        else ("none: AC004 (a sentence its source does not explain) is skipped; it needs a multilingual "
              "model with a cross-lingual calibration (gemma3-270m ships one; "
              "benchmarks/crosslingual_calibration.py NTREX_DIR --model DIR --write makes one for a model folder)"
              if digest else "unknown until the model is hashed")
    )
    return info
