"""The lake on a real S3 server (SeaweedFS on loopback): same tables as on a local folder.

Marked `s3`: `pytest -m s3` runs just these; `make test` (and so `.ci/run`) runs them with the rest.
"""

from __future__ import annotations

import multiprocessing as mp
import subprocess
import sys
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import dagster as dg
import polars as pl
import pyarrow as pa
import pytest
from deltalake import CommitProperties, DeltaTable, write_deltalake

from assets.resources import LakeStore
from corpus.lake import Lake
from corpus.lake.maintain import maintain
from corpus.lake.registry import register
from corpus.lake.verify import verify
from corpus.status import lake_status
from pipelines.definitions import build_definitions
from pipelines.runner import ingest
from tests import s3server
from tests.e2e.conftest import EXPECTED_ARTICLES, FILES, write_tree
from tests.lake.helpers import content, corpus, start_corpus

pytestmark = pytest.mark.s3
TABLES = ("articles", "paragraphs", "signatures", "rejects", "duplicates", "paragraph_stats")


@pytest.fixture
def aws(server: s3server.S3Server, monkeypatch: pytest.MonkeyPatch) -> s3server.S3Server:
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    return server


def s3_lake(server: s3server.S3Server) -> Lake:
    return LakeStore(root=server.uri(f"lake-{uuid.uuid4().hex[:8]}")).lake()


def run_ingest(raw: Path, lake_uri: str) -> None:
    with dg.instance_for_test() as instance:
        assert ingest(build_definitions(str(raw), lake_uri), instance).success


def test_ingest_on_s3_equals_local(tmp_path: Path, aws: s3server.S3Server) -> None:
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    local = Lake(tmp_path / "lake")
    remote = s3_lake(aws)
    run_ingest(raw, local.uri)
    run_ingest(raw, remote.uri)
    assert remote.read("articles").height == EXPECTED_ARTICLES
    for name in TABLES:
        assert content(remote, name).equals(content(local, name)), name
    assert verify(remote) == []
    assert lake_status(remote).render()
    run_ingest(raw, remote.uri)  # nothing new: nothing registered
    assert len(remote.batch_states()) == len(local.batch_states())
    report = maintain(remote, retention_hours=0)
    assert report.compacted
    for name in TABLES:
        assert content(remote, name).equals(content(local, name)), name


def test_cli_on_s3(tmp_path: Path, server: s3server.S3Server) -> None:
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    uri = server.uri(f"cli-{uuid.uuid4().hex[:8]}")
    home = tmp_path / "dagster"
    done = corpus("ingest", "--quiet", "--raw", str(raw), "--lake", uri, home=home, env=server.env)
    assert done.returncode == 0, done.stderr
    status = corpus("status", "--lake", uri, "--raw", str(raw), env=server.env)
    assert status.returncode == 0, status.stderr
    assert "articles" in status.stdout
    checked = corpus("verify", "--lake", uri, env=server.env)
    assert checked.returncode == 0, checked.stdout
    # the DuckDB catalog over S3 (httpfs), kept in a local folder under $HOME
    cache = {**server.env, "HOME": str(tmp_path / "home")}
    sql = "select count(*) as n, count(distinct source) as s from unique_articles"
    query = corpus("query", sql, "--format", "csv", "--lake", uri, env=cache)
    assert query.returncode == 0, query.stderr
    local = tmp_path / "lake"
    assert corpus("ingest", "--quiet", "--raw", str(raw), "--lake", str(local)).returncode == 0
    expected = corpus("query", sql, "--format", "csv", "--lake", str(local))
    assert query.stdout == expected.stdout
    assert int(query.stdout.splitlines()[1].split(",")[0]) > 0
    assert list((tmp_path / "home" / ".cache" / "corpus-lake").glob("catalog-*/catalog.duckdb"))


def test_s3_lake_without_dagster_home_fails_in_one_line(
    tmp_path: Path, aws: s3server.S3Server
) -> None:
    server = aws
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    uri = server.uri(f"nohome-{uuid.uuid4().hex[:8]}")
    done = corpus("ingest", "--quiet", "--raw", str(raw), "--lake", uri, env=server.env)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "DAGSTER_HOME" in done.stderr
    assert not LakeStore(root=uri).lake().exists()  # nothing written


@pytest.mark.parametrize(
    "override",
    [
        {"AWS_ENDPOINT_URL": "http://127.0.0.1:9"},  # nothing listens there
        {"AWS_SECRET_ACCESS_KEY": "wrong"},
    ],
    ids=["unreachable", "bad-credentials"],
)
def test_misconfigured_storage_fails_fast(
    tmp_path: Path, aws: s3server.S3Server, override: dict[str, str]
) -> None:
    server = aws
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    uri = server.uri(f"bad-{uuid.uuid4().hex[:8]}")
    env = {**server.env, **override}
    done = corpus(
        "ingest", "--quiet", "--raw", str(raw), "--lake", uri, home=tmp_path / "h", env=env
    )
    assert done.returncode == 1, done.stdout
    assert done.stderr.count("\n") == 1, done.stderr
    assert "AWS_ENDPOINT_URL" in done.stderr
    assert not LakeStore(root=uri).lake().exists()  # nothing written


def _append(args: tuple[str, dict[str, str], int]) -> None:
    uri, options, worker = args
    for j in range(5):
        write_deltalake(
            uri,
            pa.table({"worker": [worker], "j": [j]}),
            mode="append",
            storage_options=options,
            commit_properties=CommitProperties(max_commit_retries=100),
        )


def test_concurrent_commits_all_land(aws: s3server.S3Server) -> None:
    """Put-if-absent commits (`aws_conditional_put=etag`): no writer overwrites another's."""
    lake = s3_lake(aws)
    uri = f"{lake.uri}/race"
    options = lake.store.storage_options
    write_deltalake(uri, pa.table({"worker": [-1], "j": [-1]}), storage_options=options)
    # spawn: deltalake's runtime is not fork-safe. An executor, not a `Pool`: a worker that dies
    # fails the test (BrokenProcessPool) where `Pool.map` waited for its task forever
    with ProcessPoolExecutor(4, mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(_append, [(uri, options, w) for w in range(4)]))
    table = DeltaTable(uri, storage_options=options)
    assert table.version() == 20
    assert pl.from_arrow(table.to_pyarrow_table()).height == 21


def test_a_second_registration_of_the_same_files_is_abandoned(aws: s3server.S3Server) -> None:
    from corpus.lake.batching import ensure_lake
    from corpus.lake.registry import BatchFile

    lake = s3_lake(aws)
    ensure_lake(lake)
    files = [BatchFile(f"s/{i}.txt", f"s/{i}.txt", f"{i:064x}", 10, 1) for i in range(3)]
    first = register(lake.store, "new", files[:2])
    second = register(lake.store, "new", files)  # as a run that planned before `first` landed
    assert first is not None and second is not None
    assert [f.path for f in second.files] == ["s/2.txt"]
    assert len(lake.batch_states()) == 2
    assert register(lake.store, "new", files) is None


def test_two_ingests_at_once_never_double_a_batch(tmp_path: Path, aws: s3server.S3Server) -> None:
    """No lock file on S3: registration re-checks and replace-by-batch commits keep each file in
    exactly one landed batch, whichever run lands it; a plain re-run then converges."""
    raw = tmp_path / "raw"
    write_tree(raw, FILES)
    uri = aws.uri(f"race-{uuid.uuid4().hex[:8]}")
    runs = [
        start_corpus(
            "ingest",
            "--quiet",
            "--raw",
            str(raw),
            "--lake",
            uri,
            env={**aws.env, "DAGSTER_HOME": str(tmp_path / f"home{i}")},
        )
        for i in range(2)
    ]
    for run in runs:
        run.communicate(timeout=600)
    done = corpus(
        "ingest", "--quiet", "--raw", str(raw), "--lake", uri, home=tmp_path / "home2", env=aws.env
    )
    assert done.returncode == 0, done.stderr
    lake = LakeStore(root=uri).lake()
    held = (
        lake.scan("registrations")
        .join(lake.scan("batches").select("batch_id"), on="batch_id", how="semi")
        .select(pl.col("files").list.eval(pl.element().struct.field("path")))
        .explode("files")
        .collect()["files"]
    )
    assert sorted(held.to_list()) == sorted(FILES)  # each file in exactly one landed batch
    assert lake.read("articles").height == EXPECTED_ARTICLES
    assert verify(lake) == []


def test_a_server_that_never_answers_fails_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`wait_ready` gives up after its budget with one line naming the endpoint and the log."""
    monkeypatch.setattr(s3server, "READY_SECONDS", 1.0)
    endpoint = f"http://127.0.0.1:{s3server.free_ports(1)[0]}"  # nothing listens there
    server = s3server.S3Server(subprocess.Popen(["sleep", "60"]), endpoint, tmp_path / "weed.log")
    try:
        with pytest.raises(RuntimeError) as failed:
            s3server.wait_ready(server)
    finally:
        server.stop()
    message = str(failed.value)
    assert "\n" not in message  # an empty log adds no tail
    assert endpoint in message and "not ready" in message and "weed.log" in message


def test_a_server_that_never_answers_prints_its_log_tail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timeout's line is followed by the log's last lines, not only its path."""
    monkeypatch.setattr(s3server, "READY_SECONDS", 1.0)
    log = tmp_path / "weed.log"
    log.write_text("".join(f"starting step {i}\n" for i in range(1, 31)))
    endpoint = f"http://127.0.0.1:{s3server.free_ports(1)[0]}"
    server = s3server.S3Server(subprocess.Popen(["sleep", "60"]), endpoint, log)
    try:
        with pytest.raises(RuntimeError) as failed:
            s3server.wait_ready(server)
    finally:
        server.stop()
    first, *rest = str(failed.value).splitlines()
    assert endpoint in first and "not ready" in first
    assert rest[-1].endswith("starting step 30")
    assert [line.split()[-1] for line in rest[1:]] == [str(i) for i in range(11, 31)]


def test_a_server_that_exits_prints_its_log_tail(tmp_path: Path) -> None:
    """A server command that dies at start: its exit code, the log path, then the log's tail."""
    log = tmp_path / "weed.log"
    script = "for i in range(1, 41): print(f'volume line {i}')\nprint('fatal: port in use')\n"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", script + "raise SystemExit(7)"], stdout=out
        )
    process.wait(timeout=60)
    server = s3server.S3Server(process, "http://127.0.0.1:9", log)
    with pytest.raises(RuntimeError) as failed:
        s3server.wait_ready(server)
    first, *rest = str(failed.value).splitlines()
    assert "exited (7)" in first and str(log) in first
    assert rest[-1] == "  | fatal: port in use"
    assert rest[-20] == "  | volume line 22"
    assert len(rest) == 21  # a heading and twenty lines
