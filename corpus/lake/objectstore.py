"""Object-store lakes (`s3://bucket/prefix`): the storage options every Delta call receives.

Credentials come from the usual AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
`AWS_SESSION_TOKEN`, `AWS_PROFILE`), read by the object-store clients themselves. The four settings
of `S3Settings` (endpoint, region, plain http, path style) are resolved in one place,
`S3Settings.resolve`: each from its AWS variable (`S3_VARIABLES`), else the `[lake]` section of
`corpus.toml` (same key as the field), else the field's default; a value that cannot work fails
there in one line naming the setting. The lake (`LakeStore`'s field defaults) and the raw root on
object storage (`corpus.rawobjects`) take these same settings.

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

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

import pyarrow.fs as pafs

from corpus.config import ConfigError, load_config

OBJECT_STORE_SCHEMES = ("s3://", "s3a://")
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}
LAKE_SECTION = "lake"  # the corpus.toml section whose keys are `S3Settings`' field names
# each setting's environment variables, the first one set wins (AWS_DEFAULT_REGION: older SDKs')
S3_VARIABLES: dict[str, tuple[str, ...]] = {
    "endpoint_url": ("AWS_ENDPOINT_URL",),
    "region": ("AWS_REGION", "AWS_DEFAULT_REGION"),
    "allow_http": ("AWS_ALLOW_HTTP",),
    "path_style": ("CORPUS_S3_PATH_STYLE",),
}

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

    def check(self) -> None:
        """Settings that cannot work for an object store fail here, naming where each is set
        (not at construction: a local lake does not care about a stray AWS variable)."""
        endpoint = self.endpoint_url
        if endpoint is not None and not endpoint.startswith(("http://", "https://")):
            raise S3SettingError(
                f"S3 endpoint {endpoint!r} ({_where('endpoint_url')}) must start with http:// "
                "or https://"
            )
        if endpoint is not None and endpoint.startswith("http://") and not self.allow_http:
            raise S3SettingError(
                f"S3 endpoint {endpoint!r} is plain http: set {_where('allow_http')} to true"
            )

    @classmethod
    def resolve(cls, environ: Mapping[str, str], section: Mapping[str, object]) -> S3Settings:
        """Each setting from its environment variable, else the config section's key of the
        same name, else the field's default."""
        values: dict[str, object] = {}
        for field in fields(cls):
            named = [(v, environ[v]) for v in S3_VARIABLES[field.name] if environ.get(v)]
            source, value = named[0] if named else (f"[lake] {field.name}", section.get(field.name))
            if value is None:
                continue
            if field.type == "bool":
                value = _switch(source, value)
            elif not isinstance(value, str):
                raise S3SettingError(f"S3 setting {source} = {value!r} must be a string")
            values[field.name] = value or None
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> S3Settings:
        """The settings the usual AWS variables describe (no config file)."""
        return cls.resolve(environ, {})

    @classmethod
    def configured(cls) -> S3Settings:
        """The settings of this process: the environment, then `corpus.toml`'s `[lake]`."""
        return cls.resolve(os.environ, load_config().get(LAKE_SECTION, {}))

    def storage_options(self) -> dict[str, str]:
        """deltalake / polars storage options: the safe defaults plus these settings."""
        self.check()
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


class S3SettingError(ConfigError):
    """An S3 setting that cannot work: one line naming it."""


def _where(name: str) -> str:
    """Where a setting is set, for an error line: `AWS_REGION / [lake] region`."""
    return f"{' or '.join(S3_VARIABLES[name])} / [{LAKE_SECTION}] {name}"


def _switch(source: str, value: object) -> bool:
    """A switch from the config file (a bool) or the environment (a string)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in TRUE | FALSE:
        raise S3SettingError(f"S3 setting {source} = {value!r} is not true or false")
    return text in TRUE


def describe_options(options: Mapping[str, str]) -> str:
    """The S3 settings in `options`, under their variables' names, for one error line."""
    return (
        f"AWS_ENDPOINT_URL={options.get('aws_endpoint_url') or '(AWS default)'}, "
        f"AWS_REGION={options.get('aws_region') or '(unset)'}, "
        f"AWS_ALLOW_HTTP={options.get('aws_allow_http', 'false')}"
    )


def filesystem(
    uri: str, storage_options: Mapping[str, str] | None = None
) -> tuple[pafs.FileSystem, str]:
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
