"""The real-project proof of the upgrade rules (issue 15): compiler diagnostics before/after.

    python bench/upgrade_proof.py [--release 1.2.0] [--target-version 1.2] [--work DIR]
                                  [--project NAME ...] [--markdown FILE] [--json FILE]

For each project (modularml/mojo's 2024 standard library, NuMojo and basalt, read from the
corpora under ``/work/corpora``; ``--corpora`` changes the folder), the project is copied to a
work folder (never the corpus itself; nothing of it is committed), and its package is
compiled with the real compiler of ``--release`` (``mojo precompile PACKAGE
--diagnostic-format json``; installed from PyPI into the toolchain cache on first use):

1. **before**: the copy as it is;
2. **fix**: ``mojolint check --isolated --no-cache --select UP --target-version T --fix
   --unsafe-fixes PACKAGE`` on the copy;
3. **after**: the fixed copy compiled again.

Every error and warning is put in a category by its message (and, where the message is
generic, the source line the compiler quotes): the form a UP rule migrates (``UP008 fn``) or
what is left for a person: an API that no longer exists, a semantic change, a dependency
(a module the package imports that the compiler cannot find), a cascade (a name of the
project's own modules that did not compile), or a doc-string warning. The report gives the
counts per category before and after; the run fails (exit 1) when a category that a UP rule
claims to migrate still has diagnostics after the fix.

The compiler stops reading a file at its first parse error, so the *before* counts are a
floor: fixing the first layer of errors uncovers the next. What a fixed file still reports
is therefore the honest figure, and it is the one the check is about.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mojolint.dev.toolchains import (
    MAX_LIBS,
    ensure_max_library,
    ensure_toolchain,
    normalize_version,
)
from mojolint.moved_modules import MODULES

CORPORA = Path("/work/corpora")
# name: (corpus folder, package folder inside it)
PROJECTS: dict[str, tuple[str, str]] = {
    "modularml-stdlib": ("modularml+mojo", "stdlib/src"),
    "numojo": ("Mojo-Numerics-and-Algorithms-group+NuMojo", "numojo"),
    "basalt": ("basalt-org+basalt", "basalt"),
}
STD_MODULES = frozenset({
    "algorithm", "base64", "benchmark", "bit", "buffer", "builtin", "collections", "compile",
    "complex", "documentation", "gpu", "hashlib", "io", "iter", "itertools", "logger", "math",
    "memory", "os", "pathlib", "prelude", "pwd", "python", "random", "runtime", "stat",
    "subprocess", "sys", "tempfile", "testing", "time", "utils", "layout", "reflection",
    "format", "ffi",
})

# (category, UP rule that migrates it or None, message regex, optional regex on the line).
# The first match wins; more specific entries come first.
Category = tuple[str, str | None, re.Pattern[str], re.Pattern[str] | None]


def _c(name: str, rule: str | None, message: str, line: str | None = None) -> Category:
    return (name, rule, re.compile(message), re.compile(line) if line else None)


CATEGORIES: tuple[Category, ...] = (
    _c("`fn` keyword", "UP008", r"^'fn' has been removed"),
    _c("`sizeof` / `bitwidthof` / `simdwidthof` / `alignof`", "UP035",
       r"^package 'sys(\.info)?' does not contain '(sizeof|bitwidthof|simdwidthof|alignof)'|"
       r"^Use `sys\.(size_of|bit_width_of|simd_width_of|align_of)\(\)` instead"),
    _c("`alias` keyword", "UP005", r"", r"^\s*alias\b"),
    _c("`alias` keyword", "UP005", r"'alias' (is deprecated|has been removed)"),
    _c("`inout` / `borrowed` / `owned` conventions", "UP001-UP003",
       r"", r"\b(inout|borrowed|owned)\s+\w+\s*:"),
    _c("`@value`", "UP006", r"^use of unknown declaration 'value'"),
    _c("`@value`", "UP006", r"", r"^\s*@value\b"),
    _c("`@parameter if/for`", "UP009", r"'@parameter' (on|for) .*(if|for)|use 'comptime"),
    _c("implicit `std` imports", "UP010", r"Implicit standard library imports"),
    _c("renamed standard-library module", "UP031",
       r"^unable to locate module '(ffi|atomic|arc|hashlib)'",
       r"\bstd\.(sys\.ffi|os\.atomic|memory\.arc\b|hashlib)"),
    # `gpu` left the standard library (1.0 in part, 1.1 in full): MAX's `max.gpu` (UP032).
    _c("`gpu` moved to MAX's `max.gpu`", "UP032",
       r"^unable to locate module 'gpu'|^package 'gpu' does not contain|"
       r"^unable to locate module '\w+'|^package '\w+' does not contain",
       r"^\s*(from|import)\s+(std\.)?gpu\b"),
    _c("dependency: MAX's `max` package (pass its `max.mojoc` with `-I`)", None,
       r"^unable to locate module 'max'"),
    _c("removed API: standard-library module moved or dropped", None,
       r"^unable to locate module|does not contain|does not refer to a nested package",
       r"\bstd\.|\bstdlib\."),
    _c("implicit `std` imports", "UP010", r"^unable to locate module '(?P<module>[\w.]+)'"),
    _c("`__copyinit__` / `__moveinit__`", "UP011", r"__copyinit__|__moveinit__"),
    _c("`__del__`", "UP012", r"'__del__' is deprecated"),
    _c("`read` convention", "UP013", r"'read' is deprecated"),
    _c("implicitly raising `def`", "UP014",
       r"cannot raise error in this context|'raise' requires a surrounding 'try'"),
    _c("`@doc_private`", "UP015", r"doc_private"),
    _c("`@parameter` closures", "UP016", r"'@parameter' is deprecated; use '@__parameter'"),
    _c("`__origin_of`", "UP017", r"'__origin_of'"),
    _c("`__type_of`", "UP033", r"'__type_of'"),
    _c("`constrained`", "UP034",
       r"^use of unknown declaration 'constrained'|^Use `comptime assert` instead"),
    _c("implicit declarations", "UP018", r"^implicit declaration of"),
    _c("`UnsafePointer`", "UP019", r"^'UnsafePointer' is deprecated"),
    # UP020/UP021 fix receivers the file's semantic model types: a name, a call, `self.f` /
    # `x.f` of a struct in the file. A pointer reached through a field of a field
    # (`self._buf.ptr.load()`, the field's struct defined in another module) is not seen.
    _c("pointer op through a field of a field (UP020/UP021 type one level of fields)", None,
       r"^'(load|store|bitcast|free)' is deprecated, use 'unsafe_|positional `__getitem__`",
       r"\b\w+\.\w+\.\w+(\.(load|store|free|bitcast)\b|\[)"),
    _c("pointer `load`/`store`/`bitcast`/`free`", "UP020",
       r"^'(load|store|bitcast|free)' is deprecated, use 'unsafe_"),
    _c("pointer `+`/`-`/`p[i]`", "UP021",
       r"^'__(add|sub|iadd|isub)__' is deprecated, use 'unsafe_offset'|positional `__getitem__`"),
    _c("`alloc` without a `Layout`", "UP022", r"^`alloc` without a `Layout`"),
    _c("`AnyOrigin` struct fields", "UP023", r"struct fields cannot expose AnyOrigin"),
    # What no rule migrates yet (left for a person).
    _c("`inout self` / `mut self` in constructors", "UP007",
       r"^__init__ method must return Self type with 'out' argument"),
    _c("`@register_passable`", "UP026", r"@register_passable"),
    _c("`CollectionElement`", "UP027", r"^use of unknown declaration 'CollectionElement'"),
    _c("`InlineArray`", "UP028", r"'InlineArray'"),
    _c("`Stringable` next to `Writable`", "UP029", r"Stringable is being deprecated"),
    _c("`len(String)` on a value whose type mojolint does not see (UP030 fixes known strings)",
       None, r"^`len\(String/StringSlice\)`"),
    _c("removed API: renamed or dropped declaration", None, r"has been removed; use"),
    _c("`*_` / `**_` unbinding", "UP024", r"'\*\*?_' not supported on parameter list"),
    _c("removed API: a name the standard library no longer has", None,
       r"^package '[\w.]+' (does not contain|has no declaration)"),
    _c("removed API: a method or attribute that no longer exists", None,
       r"value has no attribute|has no attributes"),
    _c("removed API: unknown standard-library name", None,
       r"^use of unknown declaration '(Stringable|Representable|"
       r"StringSlice|Writer|Formattable|StaticTuple|Variant|Dict|Optional|"
       r"ImmutableOrigin|MutableOrigin|ImmutableAnyOrigin|MutableAnyOrigin|Origin|"
       r"LegacyUnsafePointer|OpaquePointer|AnyTrivialRegType|UnsafeMaybeUninitialized)'"),
    _c("cascade: the project's own module did not compile", None,
       r"^module '[\w.]+' does not contain|^'\w+' does not refer to a nested package"),
    _c("semantic change: struct parameters need `Self.`", None,
       r"^unqualified access to struct parameter"),
    _c("semantic change: parameter inference / unbinding", None, r"failed to infer parameter"),
    _c("semantic change: overloads and redefinitions", None,
       r"redefinition of function|invalid redefinition"),
    _c("semantic change: conversions and calls", None,
       r"cannot implicitly convert|no matching function|no matching method|invalid call|"
       r"cannot be converted|lacking evidence|unexpected parameter|trait method with a return "
       r"type"),
    _c("doc-string warnings", None, r"^doc string|in doc string"),
    _c("unknown name (project or removed API)", None, r"^use of unknown declaration"),
    # What the compiler says after an earlier error (checked with 1.2: a `while` condition
    # that does not compile makes every statement of its body "indentation must match").
    _c("cascade: a `while` body after its condition failed to compile", None,
       r"^statement indentation must match the rest of the block"),
    # The 2024 stdlib's `rand` signature gets this after the fix, but the same signature
    # compiles alone under 1.2: a follow-on of another error in the module.
    _c("cascade: a `/` marker error on a signature that compiles alone", None,
       r"^'/' marker cannot be used at the start of the argument list"),
    # The standard library's own code: MLIR attributes, types and ops no project writes.
    _c("standard-library internals: MLIR attributes, types and ops", None,
       r"invalid MLIR|MLIR verification error"),
    _c("standard-library internals: MLIR attributes, types and ops", None,
       r"'__mlir_type\.|member method closures are not supported", r"__mlir_|\bkgen\b"),
    _c("`is` against a `DType` member", "UP036",
       r"^'DType' does not implement the '__is__' method",
       r"\bis\s+(not\s+)?(\w+\.)*DType\.\w+|\bDType\.\w+\s+is\b"),
    _c("semantic change: `is` between two dtypes held in names (write `==`)", None,
       r"^'DType' does not implement the '__is__' method"),
    _c("semantic change: literal types need their parameters (`IntLiteral[_]`)", None,
       r"^'\w+Literal\[_\]' is not concrete|parametric type: '\w+Literal\[_\]'|"
       r"value has type 'AnyStruct\[\w+Literal"),
    _c("semantic change: strings are not indexed or sliced by position (`s[i]`, `s[a:b]`)",
       None, r"^String does not support direct positional"),
    _c("semantic change: tuple types are written `Tuple[A, B]`, not `(A, B)`", None,
       r"^expected a type, found a tuple value"),
    _c("semantic change: copies and moves are explicit (`ImplicitlyCopyable`, `Movable`, "
       "`Deinitable`)", None,
       r"cannot be implicitly copied|non-'Deinitable' type|cannot synthesize (copy|move) "
       r"constructor|doesn't conform to 'Movable'|cannot materialize comptime value"),
    _c("semantic change: parameter types and keywords (range elements, `...`, "
       "`hint_trivial_type`, `Atomic`, iterator origins)", None,
       r"parameter '\w+' has '[^']+' type, but value has type|parameter after `...` must be "
       r"passed by keyword|^unexpected keyword parameter"),
    _c("removed API: a trait the module no longer declares (`Stringable`, "
       "`EqualityComparable`, `Representable`, ...)", None, r"^module '\w+' has no declaration"),
    _c("removed syntax: `__disable_del self` and brace initializers `T {field: value}`", None,
       r"^statements must start at the beginning of a line", r"__disable_del|\w\s*\{"),
    _c("semantic change: a module docstring after code at file scope", None,
       r"^expressions must not appear at file scope"),
    _c("semantic change: traits, decorators and `self` types (`Writer` requirements, "
       "`@fieldwise_init` beside an `__init__`, `@explicit_destroy(\"...\")`, subscripts and "
       "operators a type no longer has)", None,
       r"does not implement all requirements|'self' argument must have type 'Self'|"
       r"explicitly declared fieldwise initializer|@explicit_destroy requires an argument|"
       r"expression must be mutable in assignment|is not subscriptable|"
       r"does not implement the '__\w+__' method|member method closures are not supported"),
    _c("semantic change: `^` on a borrowed value has no effect", None,
       r"^this value is borrowed here, so the transfer has no effect"),
    _c("deprecated: `String.unsafe_ptr()`, written `ptr()` (no rule: needs the receiver's type)",
       None, r"^'unsafe_ptr' is deprecated, use 'ptr' instead"),
    _c("redundant trait composition (`Copyable & Movable`)", None,
       r"^redundant trait composition"),
    _c("other", None, r""),
)


@dataclass
class Diagnostic:
    kind: str  # error / warning
    file: str
    line: int
    message: str
    text: str  # the source line the compiler quotes


@dataclass
class Run:
    diagnostics: list[Diagnostic]
    seconds: float
    exit_code: int
    files_with_errors: int = 0


@dataclass
class ProjectResult:
    name: str
    files: int
    before: Run
    after: Run
    fixed: str  # mojolint's summary line
    lint_seconds: float
    counts: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)


_UNKNOWN_NAME = re.compile(r"^use of unknown declaration '(\w+)'")
UNKNOWN_OWN = ("cascade: a name the project defines in another module (not imported there, "
               "or its module did not compile)")
UNKNOWN_GONE = ("removed API: a name 1.2 does not define (builtins such as `int` / `str`, "
                "traits such as `CollectionElementNew`, `os`)")


def categorise(diagnostic: Diagnostic, own_modules: frozenset[str],
               own_names: frozenset[str] = frozenset()) -> tuple[str, str | None]:
    name, rule = _first_category(diagnostic, own_modules)
    unknown = _UNKNOWN_NAME.match(diagnostic.message)
    if name == "unknown name (project or removed API)" and unknown is not None:
        return (UNKNOWN_OWN if unknown[1] in own_names else UNKNOWN_GONE), None
    return name, rule


_TOP_LEVEL = re.compile(r"^(?:struct|trait|fn|def|alias|comptime)\s+(\w+)", re.M)


def own_names(package: Path) -> frozenset[str]:
    """The names the package declares at the top level of its modules. Empty for the
    standard library itself: its files use `int`, `str`, `constrained` through the prelude,
    which under the new compiler is the new standard library's, so an unknown name there
    is a removed API even though the old copy defines it."""
    if (package / "builtin").is_dir() and (package / "collections").is_dir():
        return frozenset()
    names: set[str] = set()
    for path in package.rglob("*.mojo"):
        names.update(_TOP_LEVEL.findall(path.read_text(encoding="utf-8", errors="replace")))
    return frozenset(names)


def _first_category(diagnostic: Diagnostic,
                    own_modules: frozenset[str]) -> tuple[str, str | None]:
    for name, rule, message, line in CATEGORIES:
        found = message.search(diagnostic.message)
        if not found or (line is not None and not line.search(diagnostic.text)):
            continue
        if rule == "UP010":
            module = found.groupdict().get("module")
            if module is not None:
                root = module.split(".")[0]
                if root in own_modules:
                    return "cascade: the project's own module did not compile", None
                if root not in STD_MODULES:
                    return "dependency: a module the package imports is missing", None
            if _imports_dissolved_module(diagnostic.text):
                # No `std.` path exists for it: UP031 reports it for a person, UP010 (which
                # reads the same table) leaves it unqualified rather than write a dead path.
                return "removed API: standard-library module moved or dropped", None
        return name, rule
    return "other", None


_IMPORTED = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))")


def _imports_dissolved_module(line: str) -> bool:
    """Whether ``line`` imports a module that left the standard library with no new path
    (mojolint.moved_modules.MODULES, e.g. `builtin.math`)."""
    found = _IMPORTED.match(line)
    if found is None:
        return False
    parts = (found[1] or found[2]).split(".")
    if parts[0] == "std":
        parts = parts[1:]
    return any(".".join(parts[:len(key.split("."))]) == key and gone.replacement is None
               for key, gone in MODULES.items())


def compile_package(mojo: Path, package: Path, include: Path | None = None) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MODULAR_")}
    extra = ["-I", str(include)] if include is not None else []
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        done = subprocess.run(
            [str(mojo), "precompile", str(package), "-o", str(Path(out) / "pkg.mojoc"),
             "--diagnostic-format", "json", *extra],
            cwd=package.parent, capture_output=True, text=True, env=env, check=False)
        seconds = time.perf_counter() - start
    diagnostics = []
    for raw in (done.stdout + "\n" + done.stderr).splitlines():
        raw = raw.strip()
        if not raw.startswith("{"):
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if item.get("kind") not in ("error", "warning"):
            continue
        where = item.get("diagnostic") or {}
        message = item.get("message", "")
        if message == "failed to parse the provided Mojo source module":
            continue
        file = where.get("file", "")
        if file and not os.path.isabs(file):
            file = str(package.parent / file)  # the compiler ran there
        diagnostics.append(Diagnostic(item["kind"], file,
                                      (where.get("location") or {}).get("line", 0), message,
                                      where.get("text", "")))
    files = {d.file for d in diagnostics if d.kind == "error"}
    return Run(diagnostics, seconds, done.returncode, len(files))


def run_mojolint(package: Path, target: str) -> tuple[str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mojolint", "check", "--isolated", "--no-cache", "--select", "UP",
         "--target-version", target, "--fix", "--unsafe-fixes", "--statistics", "."],
        cwd=package, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    problems = [line for line in done.stderr.splitlines()
                if "internal error" in line or "rolled back" in line or "did not settle" in line]
    summary = next((line for line in reversed(done.stdout.splitlines())
                    if line.startswith("Found")), done.stdout.strip()[-200:])
    if problems:
        summary += f" ({len(problems)} fix problems: {problems[0]})"
    return summary, seconds


def own_modules(package: Path) -> frozenset[str]:
    names = {package.name}
    for path in package.rglob("*"):
        if path.suffix in (".mojo", ".🔥") or (path.is_dir() and (path / "__init__.mojo").exists()):
            names.add(path.stem)
    return frozenset(names)


def prove(name: str, corpora: Path, work: Path, mojo: Path, target: str,
          include: Path | None = None) -> ProjectResult:
    corpus, package_dir = PROJECTS[name]
    source = corpora / corpus / package_dir
    if not source.is_dir():
        raise SystemExit(f"upgrade_proof: {source}: not found (extract the corpus first)")
    copy = work / name / Path(package_dir).name
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(source, copy, symlinks=True)
    files = sum(1 for _ in copy.rglob("*.mojo"))
    before = compile_package(mojo, copy, include)
    fixed, lint_seconds = run_mojolint(copy, target)
    after = compile_package(mojo, copy, include)
    result = ProjectResult(name, files, before, after, fixed, lint_seconds)
    modules = own_modules(copy)
    declared = own_names(copy)
    for label, run in (("before", before), ("after", after)):
        counts: dict[str, Counter[str]] = {"error": Counter(), "warning": Counter()}
        for diagnostic in run.diagnostics:
            category, rule = categorise(diagnostic, modules, declared)
            key = f"{rule} {category}" if rule else category
            counts[diagnostic.kind][key] += 1
        result.counts[label] = counts
    return result


def claimed_left(result: ProjectResult) -> dict[str, int]:
    """Diagnostics after the fix in a category a UP rule claims."""
    left: Counter[str] = Counter()
    for kind in ("error", "warning"):
        for key, count in result.counts["after"][kind].items():
            if key.startswith("UP"):
                left[f"{kind}: {key}"] += count
    return dict(left)


def markdown(results: Sequence[ProjectResult], release: str, target: str,
             include: Path | None = None) -> str:
    with_max = f" -I {include.name}/max.mojoc" if include is not None else ""
    lines = [f"Compiler: Mojo {release} (`mojo precompile PACKAGE{with_max}`); fix: "
             f"`mojolint check --isolated --no-cache --select UP --target-version {target} "
             "--fix --unsafe-fixes PACKAGE`.", ""]
    lines += ["| Project | .mojo files | errors before | errors after | warnings before | "
              "warnings after | files with errors before / after | mojolint |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        eb = sum(r.counts["before"]["error"].values())
        ea = sum(r.counts["after"]["error"].values())
        wb = sum(r.counts["before"]["warning"].values())
        wa = sum(r.counts["after"]["warning"].values())
        lines.append(f"| {r.name} | {r.files} | {eb} | {ea} | {wb} | {wa} | "
                     f"{r.before.files_with_errors} / {r.after.files_with_errors} | "
                     f"{r.fixed} ({r.lint_seconds:.1f} s) |")
    for r in results:
        lines += ["", f"### {r.name}", "",
                  "| Category (UP rule that migrates it, if any) | kind | before | after |",
                  "| --- | --- | --- | --- |"]
        for kind in ("error", "warning"):
            keys = set(r.counts["before"][kind]) | set(r.counts["after"][kind])
            for key in sorted(keys, key=lambda k: (not k.startswith("UP"), k)):
                lines.append(f"| {key} | {kind} | {r.counts['before'][kind][key]} | "
                             f"{r.counts['after'][kind][key]} |")
        left = claimed_left(r)
        lines += ["", "Left after the fix in a category a UP rule claims: "
                  + (", ".join(f"{k} {v}" for k, v in left.items()) if left else "**none**")
                  + "."]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--release", default="1.2.0", help="PyPI release of Mojo to compile with")
    parser.add_argument("--target-version", default="1.2")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the copies (default: a new temporary folder)")
    parser.add_argument("--project", action="append", choices=sorted(PROJECTS))
    parser.add_argument("--markdown", type=Path, help="write the tables here")
    parser.add_argument("--json", type=Path, help="write every count here")
    parser.add_argument("--no-max", action="store_true",
                        help="compile without MAX's `max.mojoc` (default: with the "
                             "max-mojo-libs release paired with --release, where there is one)")
    args = parser.parse_args(argv)
    mojo = ensure_toolchain(args.release)
    include = None
    if not args.no_max and normalize_version(args.release) in MAX_LIBS:
        include = ensure_max_library(args.release)
    work = args.work or Path(tempfile.mkdtemp(prefix="upgrade-proof-"))
    results = []
    for name in args.project or list(PROJECTS):
        print(f"{name}: copying, compiling, fixing, compiling again ...", file=sys.stderr)
        results.append(prove(name, args.corpora, work, mojo, args.target_version, include))
    text = markdown(results, args.release, args.target_version, include)
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(
            {r.name: {"files": r.files, "fixed": r.fixed, "counts": {
                label: {kind: dict(c) for kind, c in counts.items()}
                for label, counts in r.counts.items()}} for r in results}, indent=1),
            encoding="utf-8")
    left = {r.name: claimed_left(r) for r in results if claimed_left(r)}
    for name, counts in left.items():
        print(f"upgrade_proof: {name}: left in categories a UP rule claims: {counts}",
              file=sys.stderr)
    return 1 if left else 0


if __name__ == "__main__":
    raise SystemExit(main())
