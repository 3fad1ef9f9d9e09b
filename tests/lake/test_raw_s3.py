"""The raw root on a real S3 server (SeaweedFS on loopback): the same tables as from the folder.

Marked `s3` (started by the tests, as in `tests/lake/test_s3.py`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.lake import Lake
from corpus.lake.objectstore import S3Settings, filesystem
from corpus.rawobjects import ObjectWalk, raw_location
from corpus.rawscan import walk_raw_root
from tests import s3server
from tests.conftest import SampleLake
from tests.lake.helpers import content, corpus

pytestmark = pytest.mark.s3


def upload(server: s3server.S3Server, folder: Path) -> str:
    """The folder's files copied under a fresh prefix; its URI."""
    uri = server.uri(f"raw-{uuid.uuid4().hex[:8]}")
    options = S3Settings.from_env(server.env).storage_options()
    options |= {
        "aws_access_key_id": server.env["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": server.env["AWS_SECRET_ACCESS_KEY"],
    }
    fs, root = filesystem(uri, options)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        with fs.open_output_stream(f"{root}/{path.relative_to(folder).as_posix()}") as out:
            out.write(path.read_bytes())
    return uri


def test_uri_survives_a_path() -> None:
    assert raw_location(Path("s3://bucket/raw")) == "s3://bucket/raw"
    assert raw_location("s3://bucket/raw/") == "s3://bucket/raw"
    assert raw_location("raw") == Path("raw")


def test_object_walk_lists_the_paths_the_folder_walk_lists(
    sample_env: SampleLake, server: s3server.S3Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    uri = upload(server, sample_env.raw)
    local, _ = walk_raw_root(sample_env.raw)
    remote = list(ObjectWalk(uri).files())
    # sizes may differ: SeaweedFS lists the stored size of `.gz` keys (the bytes are the same)
    assert [e.path for e in remote] == [e.path for e in local]
    assert all(e.mtime_ns > 0 for e in remote)


def test_ingest_from_s3_equals_the_folder(
    sample_env: SampleLake, server: s3server.S3Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    uri = upload(server, sample_env.raw)
    lake = tmp_path / "lake"
    done = corpus("ingest", "--raw", uri, "--lake", str(lake), "--quiet", env=server.env)
    assert done.returncode == 0, done.stderr
    remote, local = Lake(lake), Lake(sample_env.lake)
    for name in ("articles", "paragraphs", "rejects"):
        assert content(remote, name).equals(content(local, name)), name
    again = corpus("ingest", "--raw", uri, "--lake", str(lake), "--quiet", env=server.env)
    assert again.returncode == 0, again.stderr
    assert "no new or changed files" in again.stdout  # unchanged objects: listed, not re-read
    assert len(remote.batch_states()) == len(local.batch_states())


def test_unreachable_raw_bucket_fails_in_one_line_naming_the_setting(tmp_path: Path) -> None:
    closed = s3server.free_ports(1)[0]
    env = {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{closed}",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "y",
        "AWS_REGION": "us-east-1",
        "AWS_ALLOW_HTTP": "true",
        "CORPUS_S3_PATH_STYLE": "true",
    }
    raw = "s3://nowhere/raw"
    done = corpus("ingest", "--raw", raw, "--lake", str(tmp_path / "lake"), "--quiet", env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert raw in lines[0] and "CORPUS_RAW_ROOT" in lines[0] and "AWS_ENDPOINT_URL" in lines[0]
