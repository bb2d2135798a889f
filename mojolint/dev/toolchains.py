"""Install releases of the real Mojo compiler from PyPI into a cache, and run them.

Each release lives in its own virtual environment, ``<cache>/<pypi-version>/`` (for example
``~/.cache/mojo-toolchains/0.26.1.0/bin/mojo``), the layout ``shared/tools/mojo`` uses too, so
both share downloads. The cache is ``$MOJOLINT_TOOLCHAINS``, else ``$MOJO_TOOLCHAINS``, else
``~/.cache/mojo-toolchains``.

Installing is safe when several processes do it at once: a per-release file lock serialises
them, and each install is built in a temporary folder inside the cache and renamed into place
only once ``pip`` has finished, so a folder named after a release is always complete.

    python -m mojolint.dev.toolchains 0.26.1 file.mojo ...     # print the compiler's diagnostics
    python -m mojolint.dev.toolchains 0.26.1 --fixits file.mojo
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

_VERSION = re.compile(r"^[0-9]+(\.[0-9]+){1,3}$")
_TEXT_DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|note): (?P<msg>.*)$"
)
#: Seconds one compiler run may take before it is reported as hung.
TIMEOUT = 600.0
#: Seconds ``pip install`` may take.
INSTALL_TIMEOUT = 1800.0


class ToolchainError(Exception):
    """A release could not be installed or run; the message is one line for the user."""


@dataclass(frozen=True)
class Diagnostic:
    """One message of the compiler. ``line`` and ``column`` are 1-based; 0 when unknown."""

    file: str
    line: int
    column: int
    severity: str  # "error", "warning", "note" or "remark"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        return f"{where}{self.severity}: {self.message}"


@dataclass(frozen=True)
class CompileResult:
    """What the compiler said about one file."""

    file: Path
    returncode: int
    diagnostics: tuple[Diagnostic, ...]
    stderr: str = field(repr=False, default="")

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        """The file type-checks: the compiler succeeded and reported no error."""
        return self.returncode == 0 and not self.errors


@dataclass(frozen=True)
class FixIt:
    """One replacement the compiler proposes: ``length`` bytes at byte ``offset`` of ``file``."""

    file: Path
    offset: int
    length: int
    replacement: str


def normalize_version(version: str) -> str:
    """The PyPI spelling of a release: ``0.26.1`` and ``26.1`` become ``0.26.1.0``, ``1.2``
    becomes ``1.2.0``."""
    v = version.strip()
    if v.startswith("v"):
        v = v[1:]
    if not _VERSION.match(v):
        raise ToolchainError(f"'{version}' is not a Mojo version (e.g. 0.26.1 or 1.2.0)")
    parts = v.split(".")
    if parts[0] != "0" and int(parts[0]) >= 24:  # 26.1 -> 0.26.1
        parts.insert(0, "0")
    width = 4 if parts[0] == "0" else 3
    parts += ["0"] * (width - len(parts))
    return ".".join(parts)


def cache_dir() -> Path:
    """Where releases are installed."""
    for var in ("MOJOLINT_TOOLCHAINS", "MOJO_TOOLCHAINS"):
        value = os.environ.get(var)
        if value:
            return Path(value).expanduser()
    return Path.home() / ".cache" / "mojo-toolchains"


def _is_complete(home: Path) -> bool:
    mojo = home / "bin" / "mojo"
    if not (mojo.is_file() and os.access(mojo, os.X_OK)):
        return False
    # pip installs the `mojo` distribution after its dependencies; its RECORD is the last file.
    return any(home.glob("lib/python*/site-packages/mojo-*.dist-info/RECORD"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _relocate_scripts(bin_dir: Path, old: str, new: str) -> None:
    """Point the venv's scripts (shebangs, activate files) from ``old`` to ``new``."""
    for entry in bin_dir.iterdir():
        if entry.is_symlink() or not entry.is_file() or entry.stat().st_size > 1 << 20:
            continue
        data = entry.read_bytes()
        if b"\0" in data or old.encode() not in data:
            continue
        mode = entry.stat().st_mode
        entry.write_bytes(data.replace(old.encode(), new.encode()))
        entry.chmod(mode)


def _remove(path: Path) -> None:
    """Delete a folder by renaming it aside first, so its name is free at once."""
    aside = path.with_name(f".{path.name}.deleting-{os.getpid()}")
    try:
        path.rename(aside)
    except OSError:
        aside = path
    shutil.rmtree(aside, ignore_errors=True)


def ensure_toolchain(version: str, *, cache: Path | None = None, quiet: bool = True) -> Path:
    """The ``mojo`` executable of a release, installing ``mojo==<version>`` from PyPI first if
    the cache does not hold it (about 700 MB, 15 s on a fast link)."""
    pin = normalize_version(version)
    root = cache if cache is not None else cache_dir()
    home = root / pin
    mojo = home / "bin" / "mojo"
    if _is_complete(home):
        return mojo
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ToolchainError(f"cannot create the toolchain cache {root}: {err.strerror}") from None
    with _locked(root / f".{pin}.lock"):
        if _is_complete(home):  # another process installed it while we waited
            return mojo
        if home.exists():  # an interrupted install by a tool without our lock
            _remove(home)
        # temporary folders of installs that were killed (we hold the lock: none is running)
        for stale in root.glob(f".{pin}.installing-*"):
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{pin}.installing-", dir=root))
        try:
            _install(tmp, pin, quiet=quiet)
            _relocate_scripts(tmp / "bin", str(tmp), str(home))
            if not _is_complete(tmp):
                raise ToolchainError(f"mojo=={pin} installed without a bin/mojo")
            tmp.chmod(0o755)  # mkdtemp made it private; the cache may be shared
            try:
                tmp.rename(home)
            except OSError as err:  # a tool without our lock filled `home` meanwhile
                if not _is_complete(home):
                    raise ToolchainError(
                        f"cannot install mojo=={pin} into {home}: {err.strerror}"
                    ) from None
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return mojo


#: The `max-mojo-libs` release paired with each compiler release (`max-core` of that release
#: requires `mojo-compiler==` it). Its `max.mojoc` holds MAX's Mojo packages, `max.gpu` among
#: them, which a file builds against with `mojo build -I <folder>`.
MAX_LIBS: dict[str, str] = {"1.0.0": "26.5.0", "1.1.0": "26.6.0", "1.2.0": "26.7.0"}


def max_library_dir(version: str, *, cache: Path | None = None) -> Path:
    """The folder that holds (or will hold) ``max.mojoc`` for compiler release ``version``."""
    pin = normalize_version(version)
    if pin not in MAX_LIBS:
        raise ToolchainError(f"no max-mojo-libs release is known for Mojo {pin}")
    return (cache if cache is not None else cache_dir()) / f"max-mojo-libs-{MAX_LIBS[pin]}"


def ensure_max_library(version: str, *, cache: Path | None = None) -> Path:
    """The folder holding ``max.mojoc`` of the max-mojo-libs release paired with compiler
    release ``version``, downloaded once (about 25 MB) with that release's pip."""
    folder = max_library_dir(version, cache=cache)
    if (folder / "max.mojoc").is_file():
        return folder
    pin = normalize_version(version)
    pip = ensure_toolchain(pin, cache=cache).parent / "pip"
    root = folder.parent
    with _locked(root / f".{folder.name}.lock"):
        if (folder / "max.mojoc").is_file():
            return folder
        with tempfile.TemporaryDirectory(prefix=f".{folder.name}.installing-", dir=root) as tmp:
            proc = subprocess.run(
                [str(pip), "download", "--no-deps", "--quiet", "--dest", tmp,
                 f"max-mojo-libs=={MAX_LIBS[pin]}"],
                capture_output=True, text=True, timeout=INSTALL_TIMEOUT, check=False)
            if proc.returncode != 0:
                last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
                raise ToolchainError(f"could not download max-mojo-libs=={MAX_LIBS[pin]}: {last}")
            wheel = next(Path(tmp).glob("max_mojo_libs-*.whl"))
            staged = Path(tmp) / "lib"
            staged.mkdir()
            with zipfile.ZipFile(wheel) as archive:
                name = next(n for n in archive.namelist() if n.endswith("/max.mojoc"))
                (staged / "max.mojoc").write_bytes(archive.read(name))
            staged.chmod(0o755)
            staged.rename(folder)
    return folder


def _install(venv: Path, pin: str, *, quiet: bool) -> None:
    out = subprocess.DEVNULL if quiet else None
    steps = (
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "--no-cache-dir", f"mojo=={pin}"],
    )
    for step in steps:
        try:
            proc = subprocess.run(
                step, stdout=out, stderr=subprocess.PIPE, text=True, timeout=INSTALL_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ToolchainError(f"could not install mojo=={pin}: {err}") from None
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
            raise ToolchainError(f"could not install mojo=={pin}: {last}")


def _env() -> dict[str, str]:
    # The wrapper lets MODULAR_* variables of the caller override its own paths; drop them so
    # each release finds its own standard library.
    return {k: v for k, v in os.environ.items() if not k.startswith("MODULAR_")}


@cache
def _build_flags(mojo: Path) -> frozenset[str]:
    """The long options ``mojo build`` of this release accepts."""
    proc = subprocess.run(
        [str(mojo), "build", "--help"], capture_output=True, text=True, env=_env(),
        timeout=TIMEOUT, check=False,
    )
    return frozenset(re.findall(r"(--[a-z][a-z0-9-]*)", proc.stdout + proc.stderr))


def parse_diagnostics(stderr: str) -> tuple[Diagnostic, ...]:
    """Diagnostics from the compiler's stderr, in JSON lines or in text form."""
    found: list[Diagnostic] = []
    for raw in stderr.splitlines():
        line = raw.strip()
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if not isinstance(obj, dict):
                continue
            diag = obj.get("diagnostic") or {}
            loc = diag.get("location") or {}
            found.append(
                Diagnostic(
                    file=str(diag.get("file", "")),
                    line=int(loc.get("line", 0)),
                    # JSON columns are 0-based; text ones (and ours) are 1-based
                    column=int(loc["column"]) + 1 if "column" in loc else 0,
                    severity=str(obj.get("kind", "error")),
                    message=str(obj.get("message", "")),
                )
            )
            continue
        m = _TEXT_DIAGNOSTIC.match(line)
        if m:
            found.append(
                Diagnostic(m["file"], int(m["line"]), int(m["col"]), m["sev"], m["msg"])
            )
    return tuple(found)


def _compile(
    mojo: Path, file: Path, out: Path, extra: Sequence[str], include: Sequence[Path]
) -> CompileResult:
    cmd = [str(mojo), "build", "--emit", "object", str(file), "-o", str(out), *extra]
    for folder in include:
        cmd += ["-I", str(folder)]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=_env(), timeout=TIMEOUT,
            cwd=file.parent, check=False,
        )
    except subprocess.TimeoutExpired:
        raise ToolchainError(f"{file}: the compiler took more than {TIMEOUT:.0f} s") from None
    except OSError as err:
        raise ToolchainError(f"cannot run {mojo}: {err.strerror}") from None
    text = proc.stderr + proc.stdout
    return CompileResult(file, proc.returncode, parse_diagnostics(text), text)


def typecheck(
    version: str,
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    include: Sequence[Path] = (),
    json_diagnostics: bool = True,
) -> dict[Path, CompileResult]:
    """Type-check each file with ``mojo build --emit object`` of a release (the object file is
    thrown away). ``mojo build`` takes one file per run, so files run in parallel, ``jobs`` at a
    time (default: the number of cores)."""
    mojo = ensure_toolchain(version)
    paths = [Path(f).resolve() for f in files]
    for path in paths:
        if not path.is_file():
            raise ToolchainError(f"{path}: no such file")
    extra: list[str] = []
    if json_diagnostics and "--diagnostic-format" in _build_flags(mojo):
        extra += ["--diagnostic-format", "json"]
    with tempfile.TemporaryDirectory(prefix="mojolint-typecheck-") as tmp:
        outs = [Path(tmp) / f"{i}.o" for i in range(len(paths))]
        workers = max(1, min(len(paths), jobs or os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(
                pool.map(lambda p, o: _compile(mojo, p, o, extra, include), paths, outs)
            )
    return dict(zip(paths, results, strict=True))


def _yaml_scalar(text: str) -> str:
    """A scalar of the simple YAML that clang-style fix-it exports use."""
    text = text.strip()
    if text.startswith("'") and text.endswith("'") and len(text) >= 2:
        return text[1:-1].replace("''", "'")
    if text.startswith('"') and text.endswith('"') and len(text) >= 2:
        decoded: str = json.loads(text)  # YAML double-quoted escapes are JSON's (\n, \t, \")
        return decoded
    return text


def parse_fixits(yaml_text: str) -> list[FixIt]:
    """The replacements of a ``--experimental-export-fixit`` file."""
    fixits: list[FixIt] = []
    current: dict[str, str] = {}

    def flush() -> None:
        if current:
            fixits.append(
                FixIt(
                    Path(_yaml_scalar(current.get("FilePath", ""))),
                    int(current.get("Offset", "0")),
                    int(current.get("Length", "0")),
                    _yaml_scalar(current.get("ReplacementText", "")),
                )
            )
            current.clear()

    in_replacements = False
    key = ""
    for line in yaml_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("Replacements:"):
            in_replacements = True
            continue
        if not in_replacements or stripped in ("", "...", "---"):
            continue
        if stripped.startswith("- "):
            flush()
            stripped = stripped[2:].strip()
        m = re.match(r"^([A-Za-z]+):\s*(.*)$", stripped)
        if m and m[1] in ("FilePath", "Offset", "Length", "ReplacementText"):
            key = m[1]
            current[key] = m[2]
        elif key:  # a folded continuation line of a quoted scalar
            current[key] += "\n" + stripped if stripped else "\n"
    flush()
    return fixits


def export_fixits(version: str, file: Path, *, include: Sequence[Path] = ()) -> list[FixIt]:
    """The fix-its the compiler proposes for a file (``--experimental-export-fixit``; the
    option exists from 0.26.1 on)."""
    mojo = ensure_toolchain(version)
    if "--experimental-export-fixit" not in _build_flags(mojo):
        raise ToolchainError(
            f"mojo {normalize_version(version)} cannot export fix-its "
            "(no --experimental-export-fixit)"
        )
    path = Path(file).resolve()
    if not path.is_file():
        raise ToolchainError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix="mojolint-fixits-") as tmp:
        yaml_path = Path(tmp) / "fixits.yaml"
        _compile(
            mojo, path, Path(tmp) / "out.o",
            ["--experimental-export-fixit", str(yaml_path)], include,
        )
        if not yaml_path.exists():
            return []
        return parse_fixits(yaml_path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mojolint.dev.toolchains",
        description="Type-check Mojo files with a release of the real compiler "
        "(installed from PyPI into the cache on first use).",
    )
    parser.add_argument("version", help="a release, e.g. 0.26.1 or 1.2.0")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--fixits", action="store_true", help="print the compiler's fix-its")
    parser.add_argument("-I", dest="include", action="append", type=Path, default=[],
                        help="a folder to search for imported modules")
    args = parser.parse_args(argv)
    try:
        if args.fixits:
            for f in args.files:
                for fx in export_fixits(args.version, f, include=args.include):
                    print(f"{fx.file}: offset {fx.offset}, replace {fx.length} bytes "
                          f"with {fx.replacement!r}")
            return 0
        results = typecheck(args.version, args.files, include=args.include)
    except ToolchainError as err:
        print(f"toolchains: error: {err}", file=sys.stderr)
        return 2
    failed = 0
    for path, result in results.items():
        for diag in result.diagnostics:
            print(diag)
        status = "ok" if result.ok else f"FAILED (exit {result.returncode})"
        failed += not result.ok
        print(f"{path}: {status}, {len(result.errors)} errors, {len(result.warnings)} warnings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
