"""The `raw_path` of an input: one name per input, never shared by two.

A `raw_path` names a file under the raw root (`news/2024/a.html`) or a member inside an archive
file (`dump.zip!2024/a.html`, `outer.tar!inner.zip!a.json`): `!` separates a container from its
member. So that a real file named `dump.zip!a.txt` cannot be confused with member `a.txt` of
`dump.zip`, every name component (the file's relative path and each member name) is escaped
with one rule before it is joined:

    ^  ->  ^^        (the escape character itself)
    !  ->  ^!        (the member separator)

Every other character is kept, so ordinary names read as before. After escaping, an unescaped
`!` is always a separator, and the escaping is reversible (`split_raw_path`), so two different
inputs (a path and its chain of member names) can never produce the same `raw_path`. The caret
was chosen over `%` or `\\` because saved web pages often carry `%20` and Windows zips `\\` in
their names, while `^` is rare in file names: few existing raw paths change.
"""

from __future__ import annotations

ESCAPE = "^"
SEPARATOR = "!"


def escape_name(name: str) -> str:
    """One name component with the escape character and the separator escaped."""
    return name.replace(ESCAPE, ESCAPE * 2).replace(SEPARATOR, ESCAPE + SEPARATOR)


def raw_path_of(relative_path: str) -> str:
    """The `raw_path` of a file under the raw root, from its relative POSIX path."""
    return escape_name(relative_path)


def member_raw_path(container_raw_path: str, member_name: str) -> str:
    """The `raw_path` of a member of the container already named `container_raw_path`."""
    return f"{container_raw_path}{SEPARATOR}{escape_name(member_name)}"


def split_raw_path(raw_path: str) -> list[str]:
    """The unescaped components of a `raw_path`: the file's path, then each member name."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(raw_path)
    for char in chars:
        if char == ESCAPE:
            current.append(next(chars, ""))
        elif char == SEPARATOR:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
