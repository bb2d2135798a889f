"""Raw parse throughput of the Mojo grammar: the floor under every lint run.

    python bench/parse_speed.py DIR [DIR ...] [--repeat N] [--markdown docs/parse-speed.md]

Reads every .mojo/.🔥 file under the folders into memory first (so disk speed does not
count), parses each file with mojolint's parser in this one process (one core), repeats
the whole pass N times and reports the best pass: files, lines, seconds, lines per second,
MB per second, and the share of files whose tree has ERROR or MISSING nodes.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import tree_sitter

from mojolint import __version__
from mojolint.parser import parse

SUFFIXES = (".mojo", ".🔥")


def load(roots: list[Path]) -> list[bytes]:
    sources: list[bytes] = []
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        sources.extend(p.read_bytes() for p in files if p.suffix in SUFFIXES and p.is_file())
    return sources


def one_pass(sources: list[bytes]) -> tuple[float, int]:
    """Seconds to parse every source once, and how many trees had errors."""
    bad = 0
    started = time.perf_counter()
    for source in sources:
        if parse(source).root_node.has_error:
            bad += 1
    return time.perf_counter() - started, bad


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    cli.add_argument("dirs", nargs="+", type=Path)
    cli.add_argument("--repeat", type=int, default=3, help="passes; the best one counts")
    cli.add_argument("--markdown", type=Path, help="append a result row to this file")
    args = cli.parse_args(argv)
    sources = load(args.dirs)
    if not sources:
        print("parse_speed: error: no Mojo files found", file=sys.stderr)
        return 2
    lines = sum(s.count(b"\n") for s in sources)
    size = sum(len(s) for s in sources)
    seconds, bad = min(one_pass(sources) for _ in range(max(1, args.repeat)))
    rate = lines / seconds
    label = ", ".join(str(d) for d in args.dirs)
    print(f"corpus: {label}")
    print(f"files: {len(sources)}  lines: {lines:,}  bytes: {size:,}")
    print(f"best of {args.repeat}: {seconds:.3f} s  {rate:,.0f} lines/s  "
          f"{size / seconds / 1e6:.1f} MB/s  (one core)")
    print(f"files with ERROR or MISSING nodes: {bad} ({100 * bad / len(sources):.2f}%)")
    if args.markdown:
        row = (f"| {label} | {len(sources)} | {lines:,} | {seconds:.3f} | {rate:,.0f} | "
               f"{100 * bad / len(sources):.2f}% | mojolint {__version__}, py-tree-sitter "
               f"{tree_sitter.__version__ if hasattr(tree_sitter, '__version__') else '?'}, "
               f"Python {platform.python_version()} |\n")
        with args.markdown.open("a", encoding="utf-8") as out:
            out.write(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
