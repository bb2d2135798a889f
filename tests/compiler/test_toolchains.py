"""mojolint.dev.toolchains: version names, parsing the compiler's output, safe concurrent
installs (with a stand-in wheel, offline), and type-checking with the real compiler."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mojolint.dev.toolchains import (
    ToolchainError,
    ensure_toolchain,
    export_fixits,
    normalize_version,
    parse_diagnostics,
    parse_fixits,
    typecheck,
)


@pytest.mark.parametrize(
    ("given", "pin"),
    [("0.26.1", "0.26.1.0"), ("26.1", "0.26.1.0"), ("0.26.1.0", "0.26.1.0"),
     ("1.2", "1.2.0"), ("1.2.0", "1.2.0"), ("v0.25.6", "0.25.6.0")],
)
def test_versions_are_spelled_as_on_pypi(given: str, pin: str) -> None:
    assert normalize_version(given) == pin


@pytest.mark.parametrize("bad", ["", "latest", "0.26.x", "1", "../1.2.0"])
def test_a_bad_version_is_one_clear_error(bad: str) -> None:
    with pytest.raises(ToolchainError, match="is not a Mojo version"):
        normalize_version(bad)


def test_json_and_text_diagnostics_are_read_with_one_based_columns() -> None:
    stderr = "\n".join([
        "Failed to initialize Crashpad.  Crash reporting will not be available.",
        '{"diagnostic":{"file":"/p/a.mojo","fixIts":[],"location":{"column":4,"line":9},'
        '"ranges":[],"text":"    alias N = 3"},"kind":"warning","message":"use comptime"}',
        '{"kind":"error","message":"failed to run the pass manager"}',
        "/p/b.mojo:3:14: error: cannot convert 'Int' to 'String'",
        "    return x",
        "           ^",
    ])
    diags = parse_diagnostics(stderr)
    assert [(d.file, d.line, d.column, d.severity) for d in diags] == [
        ("/p/a.mojo", 9, 5, "warning"),
        ("", 0, 0, "error"),
        ("/p/b.mojo", 3, 14, "error"),
    ]
    assert str(diags[2]) == "/p/b.mojo:3:14: error: cannot convert 'Int' to 'String'"


def test_fixit_exports_are_read_with_quoted_texts() -> None:
    text = "\n".join([
        "---",
        "MainSourceFile:  ''",
        "Replacements:",
        "  - FilePath:        '/p/it''s.mojo'",
        "    Offset:          53",
        "    Length:          5",
        "    ReplacementText: var",
        "  - FilePath:        '/p/a.mojo'",
        "    Offset:          0",
        "    Length:          0",
        '    ReplacementText: "x: \\"y\\"\\n"',
        "...",
    ])
    fixits = parse_fixits(text)
    assert [(str(f.file), f.offset, f.length, f.replacement) for f in fixits] == [
        ("/p/it's.mojo", 53, 5, "var"),
        ("/p/a.mojo", 0, 0, 'x: "y"\n'),
    ]
    assert parse_fixits("---\nMainSourceFile:  ''\nReplacements:    []\n...\n") == []


# --- installs, offline: a stand-in `mojo` wheel served from a local folder -----------------

def _fake_wheel(folder: Path, version: str) -> None:
    files = {
        "mojo/__init__.py": f"def main() -> None:\n    print('fake mojo {version}')\n",
        f"mojo-{version}.dist-info/METADATA":
            f"Metadata-Version: 2.1\nName: mojo\nVersion: {version}\n",
        f"mojo-{version}.dist-info/WHEEL":
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"mojo-{version}.dist-info/entry_points.txt": "[console_scripts]\nmojo = mojo:main\n",
    }
    record = []
    for name, content in files.items():
        digest = hashlib.sha256(content.encode()).digest()
        b64 = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        record.append(f"{name},sha256={b64},{len(content.encode())}")
    record.append(f"mojo-{version}.dist-info/RECORD,,")
    files[f"mojo-{version}.dist-info/RECORD"] = "\n".join(record) + "\n"
    with zipfile.ZipFile(folder / f"mojo-{version}-py3-none-any.whl", "w") as whl:
        for name, content in files.items():
            whl.writestr(name, content)


@pytest.fixture
def offline_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder, and pip pointed at a local folder holding a fake mojo 0.99.1.0."""
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    _fake_wheel(wheels, "0.99.1.0")
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(wheels))
    cache = tmp_path / "cache"
    monkeypatch.setenv("MOJOLINT_TOOLCHAINS", str(cache))
    return cache


def _leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.name != "0.99.1.0"
                  and not p.name.endswith(".lock"))


def test_two_processes_installing_at_once_share_one_complete_install(
    offline_index: Path, tmp_path: Path
) -> None:
    # left behind by earlier runs: a SIGKILLed install's temporary folder, and a release
    # folder another tool (without the lock) was interrupted filling
    (offline_index / ".0.99.1.0.installing-killed" / "bin").mkdir(parents=True)
    half = offline_index / "0.99.1.0" / "bin"
    half.mkdir(parents=True)
    (half / "mojo").write_text("#!/bin/sh\necho half\n")
    (half / "mojo").chmod(0o755)

    code = "from mojolint.dev.toolchains import ensure_toolchain as e; print(e('0.99.1'))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    mojo = offline_index / "0.99.1.0" / "bin" / "mojo"
    assert [o.strip() for o, _ in outs] == [str(mojo)] * 2
    assert _leftovers(offline_index) == []
    assert (offline_index / "0.99.1.0").stat().st_mode & 0o777 == 0o755  # shareable
    # the scripts were built in a temporary folder, then renamed: they must still run
    ran = subprocess.run([str(mojo)], capture_output=True, text=True, check=False)
    assert ran.stdout.strip() == "fake mojo 0.99.1.0", ran.stderr
    assert ensure_toolchain("0.99.1.0") == mojo  # complete now: found without installing


def test_a_release_pypi_lacks_fails_in_one_line_and_leaves_nothing(offline_index: Path) -> None:
    with pytest.raises(ToolchainError, match=r"could not install mojo==0\.98\.0\.0") as info:
        ensure_toolchain("0.98")
    assert "\n" not in str(info.value)
    assert not (offline_index / "0.98.0.0").exists()
    assert _leftovers(offline_index) == []


# --- the real compiler ----------------------------------------------------------------------

GOOD = """\
fn add(a: Int, b: Int) -> Int:
    return a + b
"""

BAD = """\
fn add(a: Int, b: Int) -> Int:
    return a + b

fn broken() -> Int:
    return no_such_name
"""

MOVED = """\
fn consume(var s: String) -> Int:
    return len(s)

fn reuse() -> Int:
    var s = String("abc")
    var n = consume(s^)
    return n + len(s)
"""


@pytest.mark.compiler
def test_typecheck_reports_errors_per_file_with_positions(mojo_26_1: str, tmp_path: Path) -> None:
    good, bad, moved = tmp_path / "good.mojo", tmp_path / "bad.mojo", tmp_path / "moved.mojo"
    good.write_text(GOOD)
    bad.write_text(BAD)
    moved.write_text(MOVED)
    results = typecheck(mojo_26_1, [good, bad, moved])
    assert results[good.resolve()].ok
    assert results[good.resolve()].diagnostics == ()
    bad_errors = results[bad.resolve()].errors
    assert not results[bad.resolve()].ok
    assert [(d.line, d.column) for d in bad_errors if d.file] == [(5, 12)]
    assert "no_such_name" in bad_errors[0].message
    # ownership errors come from a later pass than parsing: `build` must run it
    moved_errors = [d for d in results[moved.resolve()].errors if d.file]
    assert [(d.line, "uninitialized" in d.message) for d in moved_errors] == [(7, True)]


@pytest.mark.compiler
def test_export_fixits_gives_byte_offsets(mojo_26_1: str, tmp_path: Path) -> None:
    source = "fn k() -> Int:\n    alias N = 3\n    return N\n"
    path = tmp_path / "old.mojo"
    path.write_text(source)
    fixits = export_fixits(mojo_26_1, path)
    assert [(f.file, f.offset, f.length, f.replacement) for f in fixits] == [
        (path.resolve(), source.index("alias"), len("alias"), "comptime")
    ]


@pytest.mark.compiler
def test_the_command_line_prints_diagnostics_and_fails_on_errors(
    mojo_26_1: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.mojo"
    bad.write_text(BAD)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "mojolint.dev.toolchains"]
    run = subprocess.run([*cmd, "0.26.1", str(bad)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert f"{bad.resolve()}:5:12: error: use of unknown declaration 'no_such_name'" in run.stdout
    missing = subprocess.run([*cmd, "0.26.1", str(tmp_path / "nope.mojo")], cwd=tmp_path,
                             env=env, capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"toolchains: error: {(tmp_path / 'nope.mojo').resolve()}: no such file"
    ]


def _fake_venv(root: Path, *, complete: bool) -> None:
    (root / "bin").mkdir(parents=True, exist_ok=True)
    (root / "bin" / "mojo").write_text("#!/bin/sh\necho fake\n")
    (root / "bin" / "mojo").chmod(0o755)
    if complete:
        record = root / "lib" / "python3.11" / "site-packages" / "mojo-0.97.0.0.dist-info"
        record.mkdir(parents=True)
        (record / "RECORD").write_text("")


@pytest.mark.parametrize("other_finished", [True, False])
def test_an_install_racing_a_tool_without_the_lock(
    other_finished: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tool fills the release folder while we install: use its install if complete,
    else fail in one line; either way leave no temporary folder."""
    from mojolint.dev import toolchains

    home = tmp_path / "0.97.0.0"

    def install(venv: Path, pin: str, *, quiet: bool) -> None:
        _fake_venv(venv, complete=True)
        _fake_venv(home, complete=other_finished)

    monkeypatch.setattr(toolchains, "_install", install)
    if other_finished:
        assert ensure_toolchain("0.97", cache=tmp_path) == home / "bin" / "mojo"
    else:
        with pytest.raises(ToolchainError, match=r"cannot install mojo==0\.97\.0\.0 into "):
            ensure_toolchain("0.97", cache=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".0.97.0.0.lock", "0.97.0.0"]
