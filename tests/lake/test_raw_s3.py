"""The raw root on a real S3 server (SeaweedFS on loopback): the same tables as from the folder,
reached with the lake's settings (its storage options, or `corpus.toml`'s `[lake]`), and a bad
setting fails in one line naming it.

Marked `s3` (started by the tests, as in `tests/lake/test_s3.py`).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from assets.resources import LakeStore
from corpus.ingest import ingest_batch
from corpus.lake import Lake
from corpus.lake.batching import ensure_lake, schedule
from corpus.lake.objectstore import S3_VARIABLES, S3Settings, filesystem
from corpus.rawobjects import ObjectRoot, ObjectWalk, RawReader, open_walk, raw_location
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


@pytest.fixture
def sample_uri(
    sample_env: SampleLake, server: s3server.S3Server, monkeypatch: pytest.MonkeyPatch
) -> str:
    """The bundled sample uploaded under a fresh prefix, with the server's settings in the
    environment; its URI."""
    for key, value in server.env.items():
        monkeypatch.setenv(key, value)
    return upload(server, sample_env.raw)


SETTING_VARIABLES = [v for names in S3_VARIABLES.values() for v in names]


def credentials_only(server: s3server.S3Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's keys in the environment, none of its other settings."""
    for name in SETTING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, server.env[name])


def lake_section(server: s3server.S3Server) -> str:
    return (
        f'[lake]\nendpoint_url = "{server.endpoint}"\nregion = "us-east-1"\n'
        "allow_http = true\npath_style = true\n"
    )


def test_uri_survives_a_path() -> None:
    options = {"aws_endpoint_url": "https://s3.example.org"}
    assert raw_location(Path("s3://bucket/raw"), options) == ObjectRoot("s3://bucket/raw")
    located = raw_location("s3://bucket/raw/", options)
    assert isinstance(located, ObjectRoot) and located.uri == "s3://bucket/raw"
    assert located.storage_options == options  # the caller's (the lake's) options, as given
    assert raw_location("raw") == Path("raw")


def test_object_walk_lists_the_paths_the_folder_walk_lists(
    sample_env: SampleLake, sample_uri: str
) -> None:
    local, _ = walk_raw_root(sample_env.raw)
    remote = list(ObjectWalk(raw_location(sample_uri)).files())
    # sizes may differ: SeaweedFS lists the stored size of `.gz` keys (the bytes are the same)
    assert [e.path for e in remote] == [e.path for e in local]
    assert all(e.mtime_ns > 0 for e in remote)


def test_ingest_from_s3_equals_the_folder(
    sample_env: SampleLake, sample_uri: str, server: s3server.S3Server, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    done = corpus("ingest", "--raw", sample_uri, "--lake", str(lake), "--quiet", env=server.env)
    assert done.returncode == 0, done.stderr
    remote, local = Lake(lake), Lake(sample_env.lake)
    for name in ("articles", "paragraphs", "rejects"):
        assert content(remote, name).equals(content(local, name)), name
    again = corpus("ingest", "--raw", sample_uri, "--lake", str(lake), "--quiet", env=server.env)
    assert again.returncode == 0, again.stderr
    assert "no new or changed files" in again.stdout  # unchanged objects: no new batch
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


def test_raw_root_takes_the_lake_settings_from_corpus_toml(
    sample_env: SampleLake,
    sample_uri: str,
    server: s3server.S3Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credentials_only(server, monkeypatch)
    config = tmp_path / "corpus.toml"
    config.write_text(lake_section(server))
    monkeypatch.setenv("CORPUS_CONFIG", str(config))
    local, _ = walk_raw_root(sample_env.raw)
    assert [e.path for e in open_walk(sample_uri).files()] == [e.path for e in local]
    first = local[0].path
    with RawReader(sample_uri) as reader, reader.fetched(first):
        assert (reader.root / first).read_bytes() == (sample_env.raw / first).read_bytes()


def test_raw_root_takes_the_lake_resource_fields(
    sample_env: SampleLake,
    sample_uri: str,
    server: s3server.S3Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An S3 lake built from the resource's fields (no endpoint in the environment or a config
    file): planning and reading the S3 raw root use the lake's storage options."""
    credentials_only(server, monkeypatch)
    (tmp_path / "corpus.toml").write_text("")
    monkeypatch.setenv("CORPUS_CONFIG", str(tmp_path / "corpus.toml"))
    store = LakeStore(
        root=server.uri(f"lake-{uuid.uuid4().hex[:8]}"),
        endpoint_url=server.endpoint,
        region="us-east-1",
        allow_http=True,
        path_style=True,
    )
    lake = store.lake()
    ensure_lake(lake)
    for batch_id in schedule(lake, sample_uri).batch_ids:
        ingest_batch(lake, batch_id, sample_uri, workers=1)
    folder = Lake(sample_env.lake)
    for name in ("articles", "paragraphs", "rejects"):
        assert content(lake, name).equals(content(folder, name)), name


@pytest.mark.parametrize(
    ("env", "config", "named"),
    [
        ({"AWS_ALLOW_HTTP": "maybe"}, "", "AWS_ALLOW_HTTP"),
        ({}, '[lake]\nendpoint_url = "127.0.0.1:8333"\n', "[lake] endpoint_url"),
        ({"AWS_ENDPOINT_URL": "http://127.0.0.1:9"}, "", "AWS_ALLOW_HTTP / [lake] allow_http"),
        ({}, "[lake]\npath_style = 3\n", "[lake] path_style"),
    ],
    ids=["switch-env", "endpoint-toml", "http-not-allowed", "switch-toml"],
)
def test_bad_s3_setting_fails_in_one_line_naming_it(
    tmp_path: Path, env: dict[str, str], config: str, named: str
) -> None:
    (tmp_path / "corpus.toml").write_text(config)
    unset = {name: "" for name in SETTING_VARIABLES}
    full = {**unset, **env, "CORPUS_CONFIG": str(tmp_path / "corpus.toml")}
    lake = str(tmp_path / "lake")
    done = corpus("ingest", "--raw", "s3://bucket/raw", "--lake", lake, "--quiet", env=full)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], done.stderr
