"""Where the heavy work runs: `local` (this process and its worker processes) or `ray` (a Ray
cluster: `RAY_ADDRESS` joins one, otherwise a local Ray with 2 CPUs is started).

Both engines call the same per-file processing (`corpus.process`) and the same dedup steps
(`corpus.dedup.index`), so the lake's tables do not depend on which one ran. Ray is an optional
dependency (`pip install corpus-lake[ray]`), imported only when the `ray` engine is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from corpus.stream import StagedBatch

Engine = Literal["local", "ray"]
ENGINES: tuple[str, ...] = get_args(Engine)
ENGINE_ENV = "CORPUS_ENGINE"
RAY_ADDRESS_ENV = "RAY_ADDRESS"


class EngineError(RuntimeError):
    """The engine cannot be used as configured: one line naming the setting to fix."""


def check_engine(name: str) -> Engine:
    """`name` as an engine, or an `EngineError` naming the setting."""
    if name not in ENGINES:
        raise EngineError(f"unknown engine {name!r} ({ENGINE_ENV}); known: {', '.join(ENGINES)}")
    return name  # type: ignore[return-value]


def stager(engine: str) -> Callable[..., StagedBatch]:
    """The engine's `stage_batch`: a batch's files processed and written as Parquet parts (same
    signature as `corpus.stream.stage_batch`; the driver commits the parts)."""
    if check_engine(engine) == "ray":
        from corpus.engine.ray_ingest import stage_batch_ray

        return stage_batch_ray
    from corpus.stream import stage_batch

    return stage_batch
