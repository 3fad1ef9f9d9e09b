"""Object-store lakes (`s3://bucket/prefix`): the storage options every Delta call receives.

Credentials, region and endpoint come from the usual AWS variables (`AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_PROFILE`, `AWS_REGION`, `AWS_ENDPOINT_URL`,
`AWS_ALLOW_HTTP`), read by the caller (the `LakeStore` resource, the CLI) and passed in: nothing
here reads the environment.

Why `aws_conditional_put=etag`: a Delta commit is the creation of `_delta_log/<version>.json`,
and it is atomic only if that creation fails when the file exists. deltalake 1.6 does it with a
put-if-absent (`If-None-Match: *`) when the store is told it supports conditional writes; AWS S3
has since August 2024, and so does SeaweedFS (the test server: concurrent appends from six
processes all land, `tests/lake/test_s3.py`). The alternatives are worse: the DynamoDB locking
provider needs another service, and `AWS_S3_ALLOW_UNSAFE_RENAME` lets two writers overwrite each
other's commit.

Timeouts and retries are short by default so that unreachable or misconfigured storage fails in
seconds with one line, not after object_store's default three minutes of retries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow.fs as pafs

OBJECT_STORE_SCHEMES = ("s3://", "s3a://")
TRUE = {"1", "true", "yes", "on"}

# options that make commits safe and failures fast; a caller's own value wins
S3_DEFAULTS = {
    "aws_conditional_put": "etag",
    "connect_timeout": "5s",
    "timeout": "120s",
    "max_retries": "3",
    "retry_timeout": "20s",
}


def is_object_store(uri: str) -> bool:
    return uri.startswith(OBJECT_STORE_SCHEMES)


@dataclass(frozen=True, slots=True)
class S3Settings:
    """Where an S3-compatible store is and how to talk to it (credentials stay in AWS_*)."""

    endpoint_url: str | None = None  # AWS_ENDPOINT_URL: e.g. http://127.0.0.1:8333
    region: str | None = None  # AWS_REGION (S3-compatible stores accept any, e.g. us-east-1)
    allow_http: bool = False  # AWS_ALLOW_HTTP=true: a plain-http endpoint (test servers)
    path_style: bool = False  # bucket in the path, not the host name (most S3-compatible stores)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> S3Settings:
        """The settings the usual AWS variables describe (`CORPUS_S3_PATH_STYLE` for path style)."""
        return cls(
            endpoint_url=environ.get("AWS_ENDPOINT_URL") or None,
            region=environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or None,
            allow_http=environ.get("AWS_ALLOW_HTTP", "").lower() in TRUE,
            path_style=environ.get("CORPUS_S3_PATH_STYLE", "").lower() in TRUE,
        )

    def storage_options(self) -> dict[str, str]:
        """deltalake / polars storage options: the safe defaults plus these settings."""
        options = dict(S3_DEFAULTS)
        if self.endpoint_url:
            options["aws_endpoint_url"] = self.endpoint_url
        if self.region:
            options["aws_region"] = self.region
        if self.allow_http:
            options["aws_allow_http"] = "true"
        if self.path_style:
            options["aws_virtual_hosted_style_request"] = "false"
        return options

    def describe(self) -> str:
        """The settings a user checks when the store cannot be reached, for one error line."""
        return (
            f"AWS_ENDPOINT_URL={self.endpoint_url or '(AWS default)'}, "
            f"AWS_REGION={self.region or '(unset)'}, AWS_ALLOW_HTTP={str(self.allow_http).lower()}"
        )


def filesystem(uri: str, storage_options: Mapping[str, str] | None = None) -> tuple[pafs.FileSystem, str]:
    """A pyarrow filesystem and the path in it for a local path or an `s3://` URI, configured
    from the same storage options as deltalake (credentials from them, else the AWS variables,
    as the AWS SDK reads them). Used where files are written or read outside a Delta commit:
    Parquet parts, the raw root."""
    if not is_object_store(uri):
        return pafs.LocalFileSystem(), uri
    options = {k.lower(): v for k, v in (storage_options or {}).items()}
    kwargs: dict[str, object] = {}
    endpoint = options.get("aws_endpoint_url") or options.get("endpoint_url")
    if endpoint:
        scheme, _, host = endpoint.partition("://")
        kwargs["endpoint_override"] = host or scheme
        kwargs["scheme"] = scheme if host else "https"
    if options.get("aws_region"):
        kwargs["region"] = options["aws_region"]
    if options.get("aws_access_key_id"):
        kwargs["access_key"] = options["aws_access_key_id"]
        kwargs["secret_key"] = options.get("aws_secret_access_key", "")
        if options.get("aws_session_token"):
            kwargs["session_token"] = options["aws_session_token"]
    if options.get("aws_virtual_hosted_style_request") == "true":
        kwargs["force_virtual_addressing"] = True
    kwargs["connect_timeout"] = _seconds(options.get("connect_timeout", "5s"))
    kwargs["request_timeout"] = _seconds(options.get("timeout", "120s"))
    return pafs.S3FileSystem(**kwargs), uri.split("://", 1)[1].rstrip("/")


def _seconds(text: str) -> float:
    """object_store durations ('5s', '120s', '500ms') as seconds."""
    text = text.strip()
    if text.endswith("ms"):
        return float(text[:-2]) / 1000
    return float(text.rstrip("s"))
