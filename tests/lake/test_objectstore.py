"""S3 settings become storage options; the safe-commit option is always there."""

from __future__ import annotations

import pytest

from assets.resources import LakeStore
from corpus.lake import Lake
from corpus.lake.objectstore import S3Settings


def test_settings_from_the_usual_aws_variables() -> None:
    settings = S3Settings.from_env(
        {
            "AWS_ENDPOINT_URL": "http://127.0.0.1:8333",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_ALLOW_HTTP": "TRUE",
            "CORPUS_S3_PATH_STYLE": "1",
        }
    )
    options = settings.storage_options()
    assert options["aws_endpoint_url"] == "http://127.0.0.1:8333"
    assert options["aws_region"] == "eu-west-1"
    assert options["aws_allow_http"] == "true"
    assert options["aws_virtual_hosted_style_request"] == "false"
    assert options["aws_conditional_put"] == "etag"
    assert S3Settings.from_env({}).storage_options().keys() >= {"aws_conditional_put"}
    assert "aws_allow_http" not in S3Settings.from_env({}).storage_options()


def test_lake_store_builds_an_s3_lake_with_safe_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("AWS_ALLOW_HTTP", "true")
    lake = LakeStore(root="s3://bucket/prefix/").lake()
    assert lake.uri == "s3://bucket/prefix"
    assert not lake.is_local
    assert lake.store.storage_options["aws_conditional_put"] == "etag"
    assert lake.store.storage_options["aws_endpoint_url"] == "http://127.0.0.1:1"
    assert "max_retries" not in lake.store.scan_options()  # polars parses retries itself
    # a caller's own value wins over the defaults
    assert Lake("s3://b/p", {"max_retries": "0"}).store.storage_options["max_retries"] == "0"
    local = LakeStore(root="lake").lake()
    assert local.is_local and local.store.storage_options == {}
