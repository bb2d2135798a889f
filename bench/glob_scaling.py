"""How matching an exclude/.gitignore pattern grows with the file name (issue 19 point 12).

    python bench/glob_scaling.py [--repeat N] [--old]

Runs mojolint's matcher (mojolint/globs.py) on names of 1x, 4x and 16x the 80 characters
of the original report, for patterns a hostile repository could commit, and prints the time
per match and the growth from 1x. Linear growth is at most 4x and 16x (less while the
fixed cost per call dominates); the backtracking matcher it replaced grew like n**k for k
stars. ``--old`` also times pathspec (the previous matcher) on 16/20/24-character names
only: at 80 characters it did not finish in 300 s.
"""

from __future__ import annotations

import argparse
import time

from mojolint.globs import PatternSet

BASE = 80
HOSTILE = {
    "12 stars, no match": "*a" * 12 + "*b",
    "12 stars, match at the end": "*a" * 12 + "*b",
    "** runs across folders": "**/a*/**/a*/**/a*/**/b",
    "classes and ?": "*[a-c]?*[!x]*[a]*b",
}


def name_for(label: str, length: int) -> str:
    if label == "12 stars, match at the end":
        return "a" * length + "b"
    if label == "** runs across folders":
        return "/".join(["a" * 7] * (length // 8)) + "/c"
    return "a" * length


def per_match(patterns: PatternSet, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            patterns.match(name)
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--old", action="store_true", help="also time pathspec on short names")
    args = parser.parse_args()
    print("| pattern | 1x (80 chars) | 4x | 16x | growth 4x | growth 16x |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, pattern in HOSTILE.items():
        compiled = PatternSet([pattern])
        times = [per_match(compiled, name_for(label, BASE * k), args.repeat) for k in (1, 4, 16)]
        cells = " | ".join(f"{t * 1e6:.1f} us" for t in times)
        print(f"| {label} `{pattern}` | {cells} | {times[1] / times[0]:.1f}x | "
              f"{times[2] / times[0]:.1f}x |")
    if args.old:
        import pathspec  # type: ignore[import-not-found, unused-ignore]  # not a dependency

        spec = pathspec.GitIgnoreSpec.from_lines([HOSTILE["12 stars, no match"]])
        for length in (16, 20, 24):
            start = time.perf_counter()
            spec.match_file("a" * length)
            print(f"pathspec, {length} chars: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
