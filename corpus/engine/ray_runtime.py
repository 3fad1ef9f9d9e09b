"""Joining (or starting) the Ray cluster that the `ray` engine runs on.

`RAY_ADDRESS` (or the resource's `ray_address`) names a cluster to join; without one a local Ray
is started with `LOCAL_CPUS` CPUs. The address is probed with a plain TCP connect first: `ray.init`
against a dead address retries for a minute or more, and a user should instead get one line
naming the setting within seconds.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from corpus.engine import RAY_ADDRESS_ENV, EngineError

LOCAL_CPUS = 2  # the local Ray of a laptop or CI: the machine's cores are shared with the driver
PROBE_SECONDS = 5.0
# The raylet waits for its dashboard agent (a Python process) to start; 15 s was too short on a
# loaded 2-core machine (the agent took 17 s to import under a load average of 11)
LOCAL_SYSTEM_CONFIG = {"agent_register_timeout_ms": 120_000}


def _probe(address: str) -> None:
    """Fail fast unless something listens at the address's host:port."""
    if address == "auto":
        return  # ray finds the local cluster itself and fails fast when there is none
    parts = urlsplit(address if "://" in address else f"ray://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise EngineError(f"{RAY_ADDRESS_ENV}={address!r} is not host:port or ray://host:port")
    try:
        with socket.create_connection((host, port), timeout=PROBE_SECONDS):
            pass
    except OSError as exc:
        raise EngineError(
            f"cannot reach the Ray cluster at {RAY_ADDRESS_ENV}={address!r}: {exc}"
        ) from None


def connect(address: str | None = None) -> None:
    """Make sure this process is connected to Ray; a no-op when it already is."""
    import ray

    if ray.is_initialized():
        return
    address = address or os.environ.get(RAY_ADDRESS_ENV) or None
    options = {"include_dashboard": False, "log_to_driver": False, "configure_logging": False}
    if address is None:
        local = {"num_cpus": LOCAL_CPUS, "_system_config": LOCAL_SYSTEM_CONFIG, **options}
        try:
            ray.init(**local)
        except Exception:  # a loaded machine can miss Ray's fixed 30 s start-up wait: once more
            ray.shutdown()
            ray.init(**local)
        return
    _probe(address)
    try:
        ray.init(address=address, **options)
    except Exception as exc:  # ray raises ConnectionError, RuntimeError, ... by version
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EngineError(
            f"cannot join the Ray cluster at {RAY_ADDRESS_ENV}={address!r}: {first}"
        ) from None


def get(refs):  # type: ignore[no-untyped-def]
    """`ray.get`, re-raising a task's own exception (its message names the cause; Ray's wrapper
    starts with the task's name and pid)."""
    import ray

    try:
        return ray.get(refs)
    except ray.exceptions.RayTaskError as exc:
        cause = exc.cause if isinstance(exc.cause, BaseException) else None
        if cause is None:
            raise
        raise cause from exc


def cluster_cpus() -> int:
    """The CPUs of the cluster this process is connected to (at least 1): the parallelism that
    the Ray ingest's chunks and the Ray dedup's partitions are sized by."""
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))
