"""`corpus duplicates`: one article's duplicate cluster and why its kept member was kept."""

from __future__ import annotations

import argparse

from pipelines.cli.common import UsageError, add_lake_argument, lake_of

DESCRIPTION = "Show the duplicate cluster of an article: members, similarities and the keep rule."
EXAMPLE = "corpus duplicates 1965ea4969fc970c"


def add_parser(sub: argparse._SubParsersAction) -> None:
    duplicates = sub.add_parser("duplicates", help="show the duplicate cluster of an article")
    duplicates.add_argument("article_id")
    add_lake_argument(duplicates)
    duplicates.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from corpus.explain import UnknownArticle, explain_article

    try:
        view = explain_article(lake_of(args).require(), args.article_id)
    except UnknownArticle:
        raise UsageError(f"no article {args.article_id!r} in the lake at {args.lake!r}") from None
    print(view.render())
    return 0
