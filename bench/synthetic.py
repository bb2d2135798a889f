"""A deterministic synthetic corpus of realistic Mojo for benchmarks.

    python bench/synthetic.py OUT_DIR [--lines 200000] [--seed 8] [--mix realistic|dense]

Writes ``OUT_DIR/pkgNN/module_NNNN.mojo`` files of a few hundred lines each until the corpus
holds about ``--lines`` lines. The same arguments always write the same bytes. The files mix
what a Mojo code base holds and what the rules look at: module docstrings, imports,
``comptime``/``alias`` constants, traits, structs with fields, ``__init__``/``__del__``
and methods, tensors created with a dtype and read through accessors (some on the wrong
dtype), raw pointers from ``bitcast`` (some kept alive, some not), ``@parameter`` loops and
branches, lists, literal divisions, tests, comments, strings and ``# noqa`` directives, and
(in the realistic mix) plain functions with no tensor in them.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

# How often a plain function is written, against the realistic mix's tensor pieces (23).
PLAIN_WEIGHT = 20
DTYPES = ("float16", "float32", "float64", "int32", "int64", "uint8")
FLOAT_DTYPES = ("float32", "float64")
ACCESSOR = {"float32": "float32", "float64": "float64", "int32": "int64", "int64": "int64",
            "uint8": "int64", "float16": "float32"}
SCALAR = {"float16": "Float16", "float32": "Float32", "float64": "Float64", "int32": "Int32",
          "int64": "Int64", "uint8": "UInt8"}
CREATORS = ("zeros", "ones", "empty", "randn")
NOUNS = ("weights", "grads", "bias", "scores", "logits", "hidden", "cache", "mask", "probs",
         "values", "keys", "queries", "buffer", "state", "moments", "errors", "targets")
VERBS = ("scale", "shift", "normalize", "accumulate", "reduce", "project", "update", "clip",
         "gather", "scatter", "blend", "fold", "mix", "pack", "unpack", "warm")
STRUCT_NOUNS = ("Layer", "Optimizer", "Batch", "Window", "Pool", "Schedule", "Stage",
                "Block", "Kernel", "Metric", "Loader", "Probe")


class _Writer:
    """Lines of one file, with the current indentation."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def add(self, text: str = "") -> None:
        self.lines.append(("    " * self.depth + text) if text else "")

    def indent(self) -> None:
        self.depth += 1

    def dedent(self) -> None:
        self.depth -= 1


def _name(rng: random.Random, pool: tuple[str, ...]) -> str:
    return f"{rng.choice(pool)}_{rng.randrange(100)}"


def _module_header(w: _Writer, rng: random.Random, index: int) -> None:
    w.add(f'"""Module {index}: {rng.choice(VERBS)} and {rng.choice(VERBS)} helpers for '
          f'{rng.choice(NOUNS)}.')
    w.add("")
    w.add("Calls such as `t._get_float64(0)` in this docstring are prose, not code.")
    w.add('"""')
    w.add("")
    w.add("from collections import List")
    w.add("from memory import UnsafePointer")
    w.add(f"from shared.core.extensor import ExTensor, {', '.join(sorted(CREATORS))}")
    w.add("")
    for _ in range(rng.randrange(2, 5)):
        keyword = rng.choice(("comptime", "alias"))
        w.add(f"{keyword} {rng.choice(NOUNS).upper()}_{rng.randrange(100)} = "
              f"{rng.randrange(1, 4096)}")
    w.add(f"comptime DEFAULT_DTYPE = DType.{rng.choice(FLOAT_DTYPES)}")
    w.add("")


def _docstring(w: _Writer, rng: random.Random, summary: str) -> None:
    """A multi-line docstring with an Args section, as documented code has."""
    w.add(f'"""{summary}')
    w.add("")
    w.add("Args:")
    for _ in range(rng.randrange(1, 4)):
        w.add(f"    {rng.choice(NOUNS)}: The {rng.choice(NOUNS)} to {rng.choice(VERBS)}, "
              f"laid out row-major in {rng.choice(DTYPES)}.")
    if rng.random() < 0.5:
        w.add("")
        w.add("Raises:")
        w.add(f"    Error: If the {rng.choice(NOUNS)} cannot be {rng.choice(VERBS)}ed.")
    w.add('"""')


def _comment_block(w: _Writer, rng: random.Random) -> None:
    for _ in range(rng.randrange(1, 4)):
        w.add(f"# {rng.choice(VERBS).capitalize()} the {rng.choice(NOUNS)} before the "
              f"{rng.choice(NOUNS)} are {rng.choice(VERBS)}ed; see the design notes.")


def _accessor_function(w: _Writer, rng: random.Random) -> None:
    dtype = rng.choice(DTYPES)
    # Mostly the right accessor; sometimes the wrong width (what TS001 reports).
    getter = ACCESSOR[dtype] if rng.random() < 0.8 else rng.choice(("float64", "float32"))
    t = _name(rng, NOUNS)
    w.add(f"fn {rng.choice(VERBS)}_{t}(shape: List[Int], factor: Float64) raises -> Float64:")
    w.indent()
    w.add(f'"""Returns the {rng.choice(VERBS)}d sum; `{t}._get_float64(i)` is docs only."""')
    w.add(f"var {t} = {rng.choice(CREATORS)}(shape, DType.{dtype})")
    w.add("var total: Float64 = 0.0")
    w.add(f"for i in range({t}.numel()):")
    w.indent()
    w.add(f"var v = {t}._get_{getter}(i)")
    if rng.random() < 0.5:
        w.add(f"{t}._set_{getter}(i, v * 2)")
    w.add("total += Float64(v) * factor")
    w.dedent()
    w.add(f'var label = "{t}._get_float64(0) is a string"')
    w.add("print(label, total)  # noqa: TS001" if rng.random() < 0.1 else "print(label, total)")
    w.add("return total")
    w.dedent()
    w.add("")


def _pointer_function(w: _Writer, rng: random.Random) -> None:
    dtype = rng.choice(FLOAT_DTYPES)
    t = _name(rng, NOUNS)
    w.add(f"fn {rng.choice(VERBS)}_{t}_raw(n: Int) raises:")
    w.indent()
    _docstring(w, rng, f"Fills {t} through a raw pointer.")
    w.add(f"var {t} = zeros(List[Int](n), DType.{dtype})")
    w.add(f"var ptr = {t}._data.bitcast[{SCALAR[dtype]}]()")
    w.add("for i in range(n):")
    w.indent()
    w.add(f"ptr[i] = {SCALAR[dtype]}(i) * 0.5")
    w.dedent()
    if rng.random() < 0.6:
        w.add(f"_ = {t}^  # keep the owner alive past the last pointer use")
    w.dedent()
    w.add("")


def _runtime_dtype_function(w: _Writer, rng: random.Random) -> None:
    t = _name(rng, NOUNS)
    w.add(f"fn {rng.choice(VERBS)}_{t}_any(src: ExTensor, dtype: DType) raises -> ExTensor:")
    w.indent()
    _docstring(w, rng, f"Builds {t} with the dtype known at run time.")
    w.add(f"var {t} = empty(src.shape(), dtype)")
    if rng.random() < 0.5:
        w.add(f"if {t}._dtype == DType.float32:")
        w.indent()
        w.add(f"var out = {t}._data.bitcast[Float32]()")
        w.add("out[0] = 1.0")
        w.add(f"_ = {t}")
        w.dedent()
    else:
        w.add(f"var out = {t}._data.bitcast[Float64]()")
        w.add("out[0] = 1.0")
        w.add(f"_ = {t}")
    w.add(f"return {t}^")
    w.dedent()
    w.add("")


def _parameter_function(w: _Writer, rng: random.Random) -> None:
    width = rng.choice((4, 8, 16))
    w.add(f"fn {rng.choice(VERBS)}_unrolled[dt: DType, width: Int = {width}](")
    w.indent()
    w.add("read values: List[Scalar[dt]], mut out: List[Scalar[dt]]")
    w.dedent()
    w.add("):")
    w.indent()
    w.add("@parameter")
    w.add("for lane in range(width):")
    w.indent()
    w.add("out[lane] = values[lane] * 2")
    w.dedent()
    w.add("@parameter")
    w.add("if dt == DType.float64:")
    w.indent()
    w.add('print("wide")')
    w.dedent()
    w.add("else:")
    w.indent()
    w.add('print("narrow")')
    w.dedent()
    w.dedent()
    w.add("")


def _list_function(w: _Writer, rng: random.Random) -> None:
    n = rng.randrange(2, 6)
    w.add(f"fn make_{_name(rng, NOUNS)}_shape() -> List[Int]:")
    w.indent()
    if rng.random() < 0.3:
        w.add(f"var shape = List[Int]({n})")
        for i in range(n):
            w.add(f"shape[{i}] = {rng.randrange(1, 64)}")
    else:
        w.add("var shape = List[Int]()")
        for _ in range(n):
            w.add(f"shape.append({rng.randrange(1, 64)})")
    w.add("return shape^")
    w.dedent()
    w.add("")


def _math_function(w: _Writer, rng: random.Random) -> None:
    w.add(f"def {rng.choice(VERBS)}_special(x: Float64) -> Float64:")
    w.indent()
    _docstring(w, rng, "Applies a polynomial; NaN when it overflows.")
    if rng.random() < 0.3:
        w.add("var nan = 0.0 / 0.0")
    else:
        w.add("var nan = FloatLiteral.nan")
    w.add("var y = x")
    for _ in range(rng.randrange(3, 9)):
        op = rng.choice(("+", "-", "*"))
        w.add(f"y = y {op} {rng.uniform(0.1, 9.9):.3f}")
    w.add("if y > 1e9:")
    w.indent()
    w.add("return nan")
    w.dedent()
    w.add("return y")
    w.dedent()
    w.add("")


def _struct(w: _Writer, rng: random.Random) -> None:
    name = f"{rng.choice(STRUCT_NOUNS)}{rng.randrange(1000)}"
    w.add(f"struct {name}[dtype: DType = DType.float32](Copyable, Movable):")
    w.indent()
    w.add(f'"""A {name.lower()} holding a tensor and a raw buffer."""')
    w.add("")
    w.add("var data: ExTensor")
    w.add("var scratch: UnsafePointer[Scalar[dtype]]")
    w.add("var size: Int")
    w.add("var _is_view: Bool")
    w.add("")
    w.add("fn __init__(out self, size: Int) raises:")
    w.indent()
    w.add("self.data = zeros(List[Int](size), dtype)")
    w.add("self.scratch = UnsafePointer[Scalar[dtype]].alloc(size)")
    w.add("self.size = size")
    w.add("self._is_view = False")
    w.dedent()
    w.add("")
    w.add("fn __del__(deinit self):")
    w.indent()
    w.add("if not self._is_view:")
    w.indent()
    w.add("self.scratch.free()")
    w.dedent()
    w.dedent()
    for _ in range(rng.randrange(2, 5)):
        w.add("")
        method = f"{rng.choice(VERBS)}_{rng.randrange(100)}"
        w.add(f"fn {method}(mut self, factor: Scalar[dtype]) raises:")
        w.indent()
        _docstring(w, rng, f"Runs {method} over the scratch buffer.")
        w.add("for i in range(self.size):")
        w.indent()
        w.add("self.scratch[i] = self.scratch[i] * factor")
        w.dedent()
        w.add("@parameter")
        w.add("if dtype == DType.float32:")
        w.indent()
        w.add("var first = self.data._get_float32(0)")
        w.add("self.data._set_float32(0, first + 1.0)")
        w.dedent()
        w.dedent()
    w.add("")
    w.add("fn total(self) -> Float64:")
    w.indent()
    w.add("var acc: Float64 = 0.0")
    w.add("for i in range(self.size):")
    w.indent()
    w.add("acc += Float64(self.scratch[i])")
    w.dedent()
    w.add("return acc")
    w.dedent()
    w.dedent()
    w.add("")


def _trait(w: _Writer, rng: random.Random) -> None:
    w.add(f"trait {rng.choice(STRUCT_NOUNS)}Like{rng.randrange(100)}:")
    w.indent()
    w.add("fn forward(self, x: ExTensor) raises -> ExTensor:")
    w.indent()
    w.add("...")
    w.dedent()
    w.dedent()
    w.add("")


def _test_function(w: _Writer, rng: random.Random) -> None:
    t = _name(rng, NOUNS)
    w.add(f"fn test_{rng.choice(VERBS)}_{t}() raises:")
    w.indent()
    w.add(f"var {t} = ones(List[Int](2, 3), DType.float32)")
    w.add(f"var got = {t}._get_float32(0)")
    w.add("if got != 1.0:")
    w.indent()
    w.add('raise Error("expected 1.0, got " + String(got))')
    w.dedent()
    w.dedent()
    w.add("")


def _plain_function(w: _Writer, rng: random.Random) -> None:
    """Ordinary code with no tensor in it: most of a real code base's functions."""
    noun = _name(rng, NOUNS)
    shape = rng.randrange(3)
    if shape == 0:
        w.add(f"fn count_{noun}(items: List[Int], limit: Int) -> Int:")
        w.indent()
        w.add(f'"""The longest run of {noun} entries at most `limit` (-1 when none)."""')
        w.add("var best = 0")
        w.add("var run = 0")
        w.add("")
        w.add("for i in range(len(items)):")
        w.indent()
        w.add("var item = items[i]")
        w.add("if item <= limit:")
        w.indent()
        w.add("run += 1")
        w.add("best = max(best, run)")
        w.dedent()
        w.add("else:")
        w.indent()
        w.add("run = 0")
        w.dedent()
        w.dedent()
        result = "best"
    elif shape == 1:
        w.add(f"fn describe_{noun}(name: String, sizes: List[Int]) -> String:")
        w.indent()
        w.add(f'"""`name(a, b, ...)` for logs about the {noun}."""')
        w.add('var text = name + "("')
        w.add("")
        w.add("for i in range(len(sizes)):")
        w.indent()
        w.add("if i > 0:")
        w.indent()
        w.add('text += ", "')
        w.dedent()
        w.add("text += String(sizes[i])")
        w.dedent()
        w.add('text += ")"')
        result = "text"
    else:
        w.add(f"fn steps_of_{noun}(start: Int, stop: Int, step: Int) raises -> List[Int]:")
        w.indent()
        _docstring(w, rng, f"The {noun} positions from `start` below `stop`.")
        w.add("if step <= 0:")
        w.indent()
        w.add('raise Error("step must be positive, got " + String(step))')
        w.dedent()
        w.add("var out = List[Int]()")
        w.add("var value = start")
        w.add("while value < stop:")
        w.indent()
        w.add("out.append(value)")
        w.add("value += step")
        w.dedent()
        result = "out^"
    # Bookkeeping of varying length, as real helpers have.
    for block in range(rng.randrange(1, 5)):
        w.add("")
        if rng.random() < 0.4:
            w.add(f"# {rng.choice(VERBS).capitalize()} the {rng.choice(NOUNS)} totals.")
        total = f"{rng.choice(('size', 'count', 'width', 'offset'))}_{block}"
        w.add(f"var {total} = {rng.randrange(100)}")
        for _ in range(rng.randrange(3, 8)):
            k, m = rng.randrange(1, 64), rng.randrange(2, 9)
            w.add(rng.choice((f"{total} += {k} * {m}", f"{total} = max({total}, {k})",
                              f"{total} = min({total} + {k}, {k * m * 10})",
                              f'print("{noun}:", {total}, {k})')))
        if rng.random() < 0.15:
            w.add(f"if {total} > {rng.randrange(100, 900)}:")
            w.indent()
            w.add(f'print("{noun}: large", {total})')
            w.dedent()
    w.add("")
    w.add(f"return {result}")
    w.dedent()
    w.add("")
    w.add("")


# Tensor pieces are what the rules look at; plain ones are the rest of a code base. The
# "realistic" mix is calibrated so that functions, accessor calls, bitcasts, allocations,
# loops, comments and blank lines per 1,000 lines come near ProjectOdyssey's (an ML library
# full of tensor code; see docs/benchmarks.md). The "dense" mix has no plain code: every
# function is a rule target, a stress test (about 12 times ProjectOdyssey's accessor calls).
_Piece = Callable[[_Writer, random.Random], None]
_TENSOR_PIECES: tuple[tuple[_Piece, int], ...] = (
    (_accessor_function, 5), (_pointer_function, 3), (_runtime_dtype_function, 2),
    (_parameter_function, 2), (_list_function, 2), (_math_function, 3), (_struct, 2),
    (_trait, 1), (_test_function, 3),
)
MIXES: dict[str, tuple[tuple[_Piece, int], ...]] = {
    "realistic": (
        (_accessor_function, 1), (_pointer_function, 8), (_runtime_dtype_function, 4),
        (_parameter_function, 2), (_list_function, 2), (_math_function, 3), (_struct, 1),
        (_trait, 1), (_test_function, 1), (_plain_function, PLAIN_WEIGHT),
    ),
    "dense": _TENSOR_PIECES,
}


def module(index: int, seed: int, target_lines: int, mix: str = "realistic") -> str:
    """The text of module ``index``: about ``target_lines`` lines, always the same."""
    rng = random.Random(f"{seed}:{index}")
    w = _Writer()
    _module_header(w, rng, index)
    makers = [maker for maker, _ in MIXES[mix]]
    weights = [weight for _, weight in MIXES[mix]]
    while len(w.lines) < target_lines:
        _comment_block(w, rng)
        rng.choices(makers, weights)[0](w, rng)
    return "\n".join(w.lines).rstrip("\n") + "\n"


def generate(out: Path, lines: int = 200_000, seed: int = 8, mix: str = "realistic"
             ) -> tuple[int, int]:
    """Write the corpus under ``out``; returns (files, lines) written."""
    out.mkdir(parents=True, exist_ok=True)
    written_files = written_lines = 0
    index = 0
    while written_lines < lines:
        rng = random.Random(f"{seed}:size:{index}")
        text = module(index, seed, rng.randrange(150, 650), mix)
        folder = out / f"pkg{index // 50:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"module_{index:04d}.mojo").write_text(text, encoding="utf-8")
        written_files += 1
        written_lines += text.count("\n")
        index += 1
    return written_files, written_lines


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description="Write a deterministic synthetic Mojo corpus.")
    cli.add_argument("out", type=Path)
    cli.add_argument("--lines", type=int, default=200_000)
    cli.add_argument("--seed", type=int, default=8)
    cli.add_argument("--mix", choices=sorted(MIXES), default="realistic",
                     help="realistic: tensor code among plain code, near ProjectOdyssey's "
                          "densities; dense: tensor code only (a stress test)")
    args = cli.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"synthetic: error: {args.out}: folder is not empty", file=sys.stderr)
        return 2
    files, lines = generate(args.out, args.lines, args.seed, args.mix)
    print(f"wrote {files} files, {lines:,} lines under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
