"""The content-addressed cache: warm runs do not parse, and nothing stale is ever served."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

from mojolint.cache import Cache, _signed
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position, Severity

FILES = {
    "a.mojo": "fn main(:\n    pass\n",
    "b.mojo": "fn f():\n    pass  # noqa\n",
    "c.mojo": "fn g():\n    pass\n",
}


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", "--output-format", "concise", *args], tmp_path)


def test_warm_run_parses_nothing_and_reports_the_same(tmp_path: Path, parses: list[bytes]
                                                      ) -> None:
    write_tree(tmp_path, FILES)
    cold = check(tmp_path)
    assert len(parses) == 3
    assert (tmp_path / ".mojolint_cache").is_dir()
    parses.clear()
    warm = check(tmp_path)
    assert parses == []
    assert warm.exit_code == cold.exit_code == 1
    assert warm.stdout == cold.stdout
    assert len(concise_lines(warm.stdout)) == 2


def test_changed_file_is_parsed_again_and_only_it(tmp_path: Path, parses: list[bytes]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path)
    parses.clear()
    (tmp_path / "c.mojo").write_text("fn g(:\n")
    result = check(tmp_path)
    assert parses == [b"fn g(:\n"]
    assert {line.split(":")[0] for line in concise_lines(result.stdout)} == {
        "a.mojo", "b.mojo", "c.mojo"}


def test_config_change_invalidates_the_cache(tmp_path: Path, parses: list[bytes]) -> None:
    write_tree(tmp_path, {**FILES, "mojolint.toml": ""})
    check(tmp_path)
    parses.clear()
    (tmp_path / "mojolint.toml").write_text('[rules.MJ100]\nexternal = ["E501"]\n')
    check(tmp_path)
    assert len(parses) == 3
    parses.clear()
    result = check(tmp_path, "--ignore", "MJ100")
    assert len(parses) == 3
    assert [line.split(":")[0] for line in concise_lines(result.stdout)] == ["a.mojo"]


def test_no_cache_parses_every_time_and_writes_nothing(tmp_path: Path, parses: list[bytes]
                                                       ) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path, "--no-cache")
    check(tmp_path, "--no-cache")
    assert len(parses) == 6
    assert not (tmp_path / ".mojolint_cache").exists()


def test_cache_dir_option_puts_the_cache_there_and_wins_over_the_variable(
        tmp_path: Path, parses: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"project/pyproject.toml": '[tool.mojolint]\ncache-dir = "in-config"\n',
                          **{f"project/{name}": text for name, text in FILES.items()}})
    monkeypatch.setenv("MOJOLINT_CACHE_DIR", str(tmp_path / "from-variable"))
    chosen = tmp_path / "elsewhere" / "cache"
    cold = check(tmp_path / "project", "--cache-dir", str(chosen))
    assert chosen.is_dir()
    for unused in ("from-variable", "project/in-config", "project/.mojolint_cache"):
        assert not (tmp_path / unused).exists(), unused
    parses.clear()
    warm = check(tmp_path / "project", "--cache-dir", str(chosen))
    assert parses == []
    assert warm.stdout == cold.stdout


def test_cache_lives_at_the_project_root_and_ignores_itself(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pyproject.toml": "[tool.mojolint]\n", "src/a.mojo": FILES["a.mojo"]})
    run_cli(["check"], tmp_path / "src")
    cache = tmp_path / ".mojolint_cache"
    assert cache.is_dir()
    assert not (tmp_path / "src" / ".mojolint_cache").exists()
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_corrupt_cache_entries_are_misses_not_errors(tmp_path: Path, parses: list[bytes]
                                                     ) -> None:
    write_tree(tmp_path, FILES)
    cold = check(tmp_path)
    for entry in (tmp_path / ".mojolint_cache").rglob("*.json"):
        entry.write_text("{not json")
    parses.clear()
    again = check(tmp_path)
    assert len(parses) == 3
    assert again.stdout == cold.stdout


def test_concurrent_cold_runs_share_the_cache_safely(tmp_path: Path, parses: list[bytes]
                                                     ) -> None:
    write_tree(tmp_path, {f"m{i:02}.mojo": FILES["a.mojo"] if i % 2 else FILES["b.mojo"]
                          for i in range(30)})
    command = [sys.executable, "-m", "mojolint", "check", "--output-format", "concise"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate()[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1]
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(concise_lines(outputs[0])) == 30
    leftovers = [p for p in (tmp_path / ".mojolint_cache").rglob("*") if p.suffix == ".tmp"]
    assert leftovers == []
    warm = check(tmp_path)
    assert parses == []
    assert warm.stdout == outputs[0]


def _delete_entries_keep_index(tmp_path: Path) -> None:
    for entry in (tmp_path / ".mojolint_cache").rglob("*.json"):
        if entry.name != "index.json":
            entry.unlink()


def test_warm_run_is_served_by_the_index_alone(tmp_path: Path, parses: list[bytes]) -> None:
    write_tree(tmp_path, FILES)
    cold = check(tmp_path)
    _delete_entries_keep_index(tmp_path)
    parses.clear()
    warm = check(tmp_path)
    assert parses == []
    assert warm.stdout == cold.stdout


def test_index_keeps_files_of_earlier_runs_over_other_folders(tmp_path: Path,
                                                              parses: list[bytes]) -> None:
    write_tree(tmp_path, {f"{folder}/{name}": text for folder in ("x", "y")
                          for name, text in FILES.items()})
    first = check(tmp_path, "x")
    second = check(tmp_path, "y")
    _delete_entries_keep_index(tmp_path)
    parses.clear()
    assert check(tmp_path, "x").stdout == first.stdout
    assert check(tmp_path, "y").stdout == second.stdout
    assert parses == []


def forget_replays(tmp_path: Path) -> None:
    """Delete the recorded reports (mojolint.replay), so that the next run uses the index."""
    for record in (tmp_path / ".mojolint_cache").rglob("replay/*.bin"):
        record.unlink()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Names of the files whose bytes the engine reads during the test."""
    import mojolint.engine

    calls: list[str] = []
    real_read = mojolint.engine._read

    def counting_read(path: Path) -> tuple[str | None, bytes | None]:
        calls.append(Path(path).name)
        return real_read(path)

    monkeypatch.setattr(mojolint.engine, "_read", counting_read)
    yield calls


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old enough to be trusted by their stamp."""
    import mojolint.cache

    monkeypatch.setattr(mojolint.cache, "RACY_NANOSECONDS", 0)


@pytest.mark.usefixtures("no_racy_window")
def test_unchanged_files_are_not_even_read(tmp_path: Path, parses: list[bytes],
                                           reads: list[str]) -> None:
    write_tree(tmp_path, FILES)
    cold = check(tmp_path, "--output-format", "full")
    forget_replays(tmp_path)  # the replayed report would serve it without the index
    reads.clear()
    parses.clear()
    warm = check(tmp_path, "--output-format", "full")
    assert parses == []
    # a.mojo (syntax error) and b.mojo (unused noqa) are read only for their excerpts.
    assert sorted(reads) == ["a.mojo", "b.mojo"]
    assert warm.stdout == cold.stdout
    assert "fn main(:" in warm.stdout
    reads.clear()
    # Now the report is replayed: not even the excerpts' files are read.
    assert check(tmp_path, "--output-format", "full").stdout == cold.stdout
    assert reads == []


@pytest.mark.usefixtures("no_racy_window")
def test_a_rewrite_that_keeps_size_and_mtime_is_still_seen(tmp_path: Path,
                                                           parses: list[bytes]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path)
    target = tmp_path / "c.mojo"
    before = target.stat()
    target.write_text("fn g((:\n    pass\n")  # same length, now a syntax error
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (before.st_size,
                                                                  before.st_mtime_ns)
    parses.clear()
    result = check(tmp_path)
    assert parses == [b"fn g((:\n    pass\n"]
    assert any(line.startswith("c.mojo:") for line in concise_lines(result.stdout))


def test_files_written_moments_ago_are_not_trusted_by_their_stamp(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path)
    signed = next((tmp_path / ".mojolint_cache").rglob("index.json")).read_text()
    index = json.loads(signed.partition("\n")[2])  # after the line holding its HMAC
    # [key, diagnostics] without a stamp: the next run reads and hashes them again.
    assert {len(entry) for entry in index["files"].values()} == {2}


@pytest.mark.usefixtures("no_racy_window")
def test_settings_change_is_seen_without_touching_the_files(tmp_path: Path,
                                                            parses: list[bytes]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path)
    parses.clear()
    result = check(tmp_path, "--ignore", "MJ002")
    assert len(parses) == 3
    assert not any(line.startswith("a.mojo:") for line in concise_lines(result.stdout))


def _sample_diagnostics() -> list[Diagnostic]:
    fix = Fix("Replace it", (Edit(3, 5, "ab"), Edit(9, 9, "\n")), Applicability.UNSAFE, "iso")
    return [
        Diagnostic("TS001", "a message", Position(1, 4, 3), Position(1, 6, 5),
                   Severity.ERROR, fix, ("a note", "another")),
        Diagnostic("MJ100", "unused", Position(2, 1, 7), Position(3, 1, 12)),
    ]


def test_diagnostics_round_trip_through_the_cache(tmp_path: Path) -> None:
    diagnostics = _sample_diagnostics()
    assert [Diagnostic.from_row(d.to_row()) for d in diagnostics] == diagnostics
    cache = Cache(tmp_path / "cache", secret=b"k" * 64)
    cache.put("ab" * 32, diagnostics, "/p/a.mojo", [1, 2, 3, 4, "x"], {"/p/b.mojo": []})
    cache.flush()
    again = Cache(tmp_path / "cache", secret=b"k" * 64)
    assert again.get_by_stamp("/p/a.mojo", [1, 2, 3, 4, "x"]) == diagnostics
    assert Cache(tmp_path / "cache", secret=b"k" * 64).get("ab" * 32) == diagnostics


def test_an_entry_in_the_earlier_dictionary_form_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", secret=b"k" * 64)
    cache.put("cd" * 32, _sample_diagnostics(), "/p/a.mojo", [1, 2, 3, 4, "x"])
    cache.flush()
    # What mojolint wrote before rows: each diagnostic as its to_dict().
    old = [d.to_dict() for d in _sample_diagnostics()]
    index = {"files": {"/p/a.mojo": ["cd" * 32, old, [1, 2, 3, 4, "x"]]}}
    payload = json.dumps(index).encode()
    (cache.entries / "index.json").write_bytes(_signed(b"k" * 64, "index.json", payload))
    entry = next(cache.entries.rglob("cd*.json"))
    entry.write_bytes(_signed(b"k" * 64, "cd" * 32, json.dumps({"diagnostics": old}).encode()))
    stale = Cache(tmp_path / "cache", secret=b"k" * 64)
    assert stale.get_by_stamp("/p/a.mojo", [1, 2, 3, 4, "x"]) is None
    assert stale.get("cd" * 32, "/p/a.mojo") is None


@pytest.mark.parametrize("damage", ["severity", "applicability", "edit", "short", "line"])
def test_a_row_of_another_shape_is_a_miss_not_an_error(tmp_path: Path, damage: str) -> None:
    row = _sample_diagnostics()[0].to_row()
    if damage == "severity":
        row[2] = "fatal"
    elif damage == "applicability":
        row[9][1] = "maybe"
    elif damage == "edit":
        row[9][3][0] = [3, 5]
    elif damage == "short":
        row = row[:-1]
    else:
        row[3] = "three"
    index = {"files": {"/p/a.mojo": ["ef" * 32, [row], [1, 2, 3, 4, "x"]]}}
    cache = Cache(tmp_path / "cache", secret=b"k" * 64)
    cache.entries.mkdir(parents=True)
    (cache.entries / "index.json").write_bytes(
        _signed(b"k" * 64, "index.json", json.dumps(index).encode()))
    assert cache.get_by_stamp("/p/a.mojo", [1, 2, 3, 4, "x"]) is None
    assert cache.get("ef" * 32, "/p/a.mojo") is None


def test_a_package_init_that_starts_re_exporting_an_import_makes_the_cached_result_stale(
        tmp_path: Path) -> None:
    # IM001 leaves alone an import the package's __init__.mojo re-exports from the module;
    # the module's cached diagnostics depend on that file, not only on the module itself.
    write_tree(tmp_path, {
        "pkg/__init__.mojo": "",
        "pkg/dense.mojo": "struct Dense:\n    pass\n",
        "pkg/layers.mojo": "from .dense import Dense\n\n\nfn f():\n    pass\n",
    })
    before = check(tmp_path, "--select", "IM001")
    assert "pkg/layers.mojo:1:20: IM001" in before.stdout
    (tmp_path / "pkg/__init__.mojo").write_text("from .layers import Dense\n")
    after = check(tmp_path, "--select", "IM001")
    assert "IM001" not in after.stdout
    assert after.exit_code == 0
    (tmp_path / "pkg/__init__.mojo").unlink()
    again = check(tmp_path, "--select", "IM001")
    assert "pkg/layers.mojo:1:20: IM001" in again.stdout
