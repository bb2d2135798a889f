"""Parse every Mojo file under a folder and report how well the grammar reads it.

    python -m mojolint.dev.parse_corpus DIR [DIR ...] [--quiet] [--limit N]

Prints the number of files and lines, the throughput, the share of files with any ERROR or
MISSING node, and for each such file the line and text of its first bad node. This is the
fastest way to find what the grammar still lacks.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from mojolint.parser import Node, parse

MOJO_SUFFIXES = (".mojo", ".🔥")


@dataclass(frozen=True)
class BadFile:
    path: Path
    line: int  # 1-based
    kind: str  # "ERROR" or "MISSING"
    text: str


@dataclass
class CorpusStats:
    files: int = 0
    lines: int = 0
    bytes: int = 0
    parse_seconds: float = 0.0

    def lines_per_second(self) -> float:
        return self.lines / self.parse_seconds if self.parse_seconds else 0.0


def mojo_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.suffix in MOJO_SUFFIXES and p.is_file())


def first_bad_node(root: Node) -> Node | None:
    """The first ERROR or MISSING node in document order, found without recursion."""
    if not root.has_error:
        return None
    pending: deque[Node] = deque([root])
    while pending:
        node = pending.popleft()
        if node.is_error or node.is_missing:
            return node
        # Only subtrees that contain an error are worth descending into.
        bad_children = [child for child in node.children if child.has_error or child.is_missing]
        pending.extendleft(reversed(bad_children))
    return None


def describe(path: Path, source: bytes, node: Node) -> BadFile:
    row = node.start_point[0]
    lines = source.splitlines()
    text = lines[row].decode("utf-8", "replace").strip() if row < len(lines) else ""
    kind = "MISSING" if node.is_missing else "ERROR"
    return BadFile(path, row + 1, kind, text[:160])


def parse_corpus(roots: list[Path]) -> tuple[CorpusStats, list[BadFile]]:
    stats = CorpusStats()
    bad: list[BadFile] = []
    for root in roots:
        for path in mojo_files(root):
            source = path.read_bytes()
            started = time.perf_counter()
            tree = parse(source)
            stats.parse_seconds += time.perf_counter() - started
            stats.files += 1
            stats.lines += source.count(b"\n") + (0 if source.endswith(b"\n") else 1)
            stats.bytes += len(source)
            node = first_bad_node(tree.root_node)
            if node is not None:
                bad.append(describe(path, source, node))
    return stats, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mojolint.dev.parse_corpus",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dirs", nargs="+", type=Path, help="folders or files to parse")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--limit", type=int, default=0, help="list at most N bad files")
    args = parser.parse_args(argv)
    missing = [d for d in args.dirs if not d.exists()]
    if missing:
        print(f"parse_corpus: error: {missing[0]}: No such file or directory", file=sys.stderr)
        return 2
    stats, bad = parse_corpus(args.dirs)
    if not args.quiet:
        shown = bad[: args.limit] if args.limit else bad
        for item in shown:
            print(f"{item.path}:{item.line}: {item.kind}: {item.text}")
    share = 100.0 * len(bad) / stats.files if stats.files else 0.0
    print(f"files: {stats.files}  lines: {stats.lines}  bytes: {stats.bytes}")
    print(f"parse time: {stats.parse_seconds:.3f} s  "
          f"throughput: {stats.lines_per_second():,.0f} lines/s")
    print(f"files with ERROR or MISSING nodes: {len(bad)} ({share:.2f}%); "
          f"clean: {100.0 - share:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
