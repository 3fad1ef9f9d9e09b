"""What `corpus ingest` is measured against, each run as its own process by `benchmarks/ingest.py`.

    python benchmarks/ingest_peers.py floor RAW OUT
    python benchmarks/ingest_peers.py datatrove RAW OUT [--workers 2]

- floor: the least any ingest must do, with no parsing: read every file, split on blank lines,
  NFC-normalize, write one Parquet file; its seconds per stage go to `OUT.stages.json`.
- datatrove: Hugging Face's pipeline on the same files: a reader (datatrove has none for plain
  files, so a `BaseDiskReader` subclass that makes each file one document, as its JSONL reader
  does each line), its Parquet writer and its MinHash signature stage (default `MinhashConfig`,
  words as runs of word characters: its default NLTK tokenizer needs data downloaded at run time),
  on `--workers` local processes; its steps' seconds are in `OUT/logs/stats.json`. It does no
  HTML extraction (that would be trafilatura, measured apart), which favours it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

SUFFIXES = {".txt", ".html"}
WORD = re.compile(r"\w+")


def floor(raw: Path, out: Path) -> dict[str, float]:
    """The floor's work, and its seconds per stage (list, read, normalize, write)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    clock = time.perf_counter
    seconds = dict.fromkeys(("list", "read", "normalize", "write"), 0.0)
    started = clock()
    files = [path for path in sorted(raw.rglob("*")) if path.suffix in SUFFIXES]
    seconds["list"] = clock() - started
    paths, texts = [], []
    for path in files:
        started = clock()
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        read = clock()
        paragraphs = (unicodedata.normalize("NFC", p.strip()) for p in text.split("\n\n"))
        paths.append(str(path.relative_to(raw)))
        texts.append("\n\n".join(p for p in paragraphs if p))
        seconds["read"] += read - started
        seconds["normalize"] += clock() - read
    started = clock()
    pq.write_table(pa.table({"path": paths, "text": texts}), out)
    seconds["write"] = clock() - started
    return seconds


def xxhash64(text: str) -> int:
    import xxhash

    return xxhash.xxh64_intdigest(text.encode("utf-8"))


def datatrove(raw: Path, out: Path, workers: int) -> None:
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupSignature
    from datatrove.pipeline.readers.base import BaseDiskReader
    from datatrove.pipeline.writers.parquet import ParquetWriter
    from datatrove.utils.word_tokenizers import WordTokenizer

    class Words(WordTokenizer):
        """Words as runs of word characters: NLTK's English tokenizer, datatrove's default,
        needs punkt data fetched at run time, which this machine cannot do."""

        def word_tokenize(self, text: str) -> list[str]:
            return WORD.findall(text)

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [(0, len(text))]

    class FileReader(BaseDiskReader):
        """One document per file."""

        name = "file reader"

        def read_file(self, filepath: str):
            # opening the file counts as reading, as in ours
            with (
                self.track_time(),
                self.data_folder.open(filepath, "r", encoding="utf-8", errors="replace") as f,
            ):
                document = Document(text=f.read(), id=filepath, metadata={})
            yield document

    signatures = MinhashDedupSignature(
        output_folder=str(out / "signatures"), config=MinhashConfig(), language=Words("en")
    )
    signatures._hash_func = xxhash64  # its own default, fed bytes: xxhash 4 refuses str
    pipeline = [
        FileReader(str(raw), glob_pattern="**/*.[th][xt]*"),
        ParquetWriter(str(out / "docs")),
        signatures,
    ]
    LocalPipelineExecutor(
        pipeline,
        tasks=workers,
        workers=workers,
        logging_dir=str(out / "logs"),
        skip_completed=False,
    ).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("peer", choices=["floor", "datatrove"])
    parser.add_argument("raw", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.peer == "floor":
        seconds = floor(args.raw, args.out)
        Path(f"{args.out}.stages.json").write_text(json.dumps(seconds))
    else:  # its executor keeps its steps' seconds in `logs/stats.json`
        datatrove(args.raw, args.out, args.workers)


if __name__ == "__main__":
    sys.exit(main())
