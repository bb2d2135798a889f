"""A run the cache serves whole replays the report the last such run printed (issue 18's
warm path): the same bytes and exit status, and anything that could change them a miss."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Run, run_cli, write_tree

from mojolint.output import FORMATS

FILES = {
    "a.mojo": "fn main(:\n    pass\n",
    "b.mojo": "fn f():\n    pass  # noqa\n",
    "c.mojo": "fn g():\n    pass\n",
    "sub/d.mojo": "fn h():\n\tpass  # noqa\n",  # a tab: this line goes through rich
}

pytestmark = pytest.mark.usefixtures("no_racy_window")


@pytest.fixture
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old enough to be trusted by their stamp."""
    import mojolint.cache

    monkeypatch.setattr(mojolint.cache, "RACY_NANOSECONDS", 0)


@pytest.fixture
def lint_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """One item per run that went to the engine (a replayed run does not)."""
    import mojolint.engine

    calls: list[int] = []
    real = mojolint.engine.fix_paths

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mojolint.engine, "fix_paths", counting)
    yield calls


def check(tmp_path: Path, *args: str) -> Run:
    return run_cli(["check", *args], tmp_path)


def forget_replays(tmp_path: Path) -> None:
    for record in (tmp_path / ".mojolint_cache").rglob("replay/*.bin"):
        record.unlink()


def records(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / ".mojolint_cache").rglob("replay/*.bin"))


@pytest.mark.parametrize("extra", [(), ("--statistics",), ("--quiet",), ("--color", "always"),
                                   ("--unsafe-fixes",), ("--exit-zero",)],
                         ids=["plain", "statistics", "quiet", "color", "unsafe", "exit-zero"])
@pytest.mark.parametrize("output_format", FORMATS)
def test_the_replayed_report_is_the_one_the_index_path_prints(
        tmp_path: Path, lint_runs: list[int], output_format: str, extra: tuple[str, ...]
        ) -> None:
    write_tree(tmp_path, FILES)
    args = ("--output-format", output_format, *extra)
    cold = check(tmp_path, *args)
    forget_replays(tmp_path)
    warm = check(tmp_path, *args)  # served by the index's stamps, rendered again
    assert len(lint_runs) == 2
    replayed = check(tmp_path, *args)
    assert len(lint_runs) == 2  # the engine was not asked
    assert (replayed.stdout, replayed.stderr, replayed.exit_code) == (
        warm.stdout, warm.stderr, warm.exit_code)
    assert (warm.stdout, warm.exit_code) == (cold.stdout, cold.exit_code)
    assert replayed.exit_code == (0 if "--exit-zero" in extra else 1)


def test_the_output_file_is_written_again(tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    out = tmp_path / "report" / "out.json"
    check(tmp_path, "--output-format", "json", "-o", str(out))
    cold = out.read_bytes()
    out.unlink()
    result = check(tmp_path, "--output-format", "json", "-o", str(out))
    assert len(lint_runs) == 1
    assert result.stdout == ""
    assert out.read_bytes() == cold


def test_a_rewrite_that_keeps_size_and_mtime_is_not_replayed(tmp_path: Path,
                                                              lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path, "--output-format", "concise")
    target = tmp_path / "c.mojo"
    before = target.stat()
    target.write_text("fn g((:\n    pass\n")  # same length, now a syntax error
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = check(tmp_path, "--output-format", "concise")
    assert len(lint_runs) == 2
    assert "c.mojo:1:" in result.stdout


def test_a_new_file_is_not_missed(tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path, "--output-format", "concise")
    (tmp_path / "sub" / "e.mojo").write_text("fn k(:\n")
    result = check(tmp_path, "--output-format", "concise")
    assert len(lint_runs) == 2
    assert "sub/e.mojo:1:" in result.stdout
    (tmp_path / "sub" / "e.mojo").unlink()
    assert "e.mojo" not in check(tmp_path, "--output-format", "concise").stdout


def test_a_fix_setting_in_config_changes_the_markers(tmp_path: Path) -> None:
    # `unfixable` changes no diagnostic (it is not in the cache key) but does change the
    # report: the `[*]` marker and the fixable count.
    write_tree(tmp_path, FILES)
    first = check(tmp_path, "--output-format", "concise")
    assert "[*]" in first.stdout
    check(tmp_path, "--output-format", "concise")
    (tmp_path / "mojolint.toml").write_text('unfixable = ["ALL"]\n')
    after = check(tmp_path, "--output-format", "concise")
    assert "[*]" not in after.stdout and "fixable" not in after.stdout
    forget_replays(tmp_path)
    assert after.stdout == check(tmp_path, "--output-format", "concise").stdout


def test_each_format_keeps_its_own_record(tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    concise = check(tmp_path, "--output-format", "concise").stdout
    json_text = check(tmp_path, "--output-format", "json").stdout
    assert len(records(tmp_path)) == 2
    assert check(tmp_path, "--output-format", "concise").stdout == concise
    assert check(tmp_path, "--output-format", "json").stdout == json_text
    assert len(lint_runs) == 2


def test_a_changed_dependency_is_not_replayed(tmp_path: Path, lint_runs: list[int]) -> None:
    # IM001 reads the package's __init__.mojo (not linted here): layers.mojo's result
    # depends on it.
    write_tree(tmp_path, {
        "pkg/__init__.mojo": "",
        "pkg/dense.mojo": "struct Dense:\n    pass\n",
        "pkg/layers.mojo": "from .dense import Dense\n\n\nfn f():\n    pass\n",
    })
    args = ("--select", "IM001", "--output-format", "concise", "--extend-exclude",
            "__init__.mojo")
    assert "pkg/layers.mojo:1:20: IM001" in check(tmp_path, *args).stdout
    assert "pkg/layers.mojo:1:20: IM001" in check(tmp_path, *args).stdout
    assert len(lint_runs) == 1
    (tmp_path / "pkg/__init__.mojo").write_text("from .layers import Dense\n")
    after = check(tmp_path, *args)
    assert "IM001" not in after.stdout
    assert after.exit_code == 0


def test_a_forged_record_is_a_miss(tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    cold = check(tmp_path, "--output-format", "concise")
    [record] = records(tmp_path)
    record.write_bytes(record.read_bytes().replace(b"a.mojo", b"z.mojo"))
    assert check(tmp_path, "--output-format", "concise").stdout == cold.stdout
    assert len(lint_runs) == 2


def test_fixing_and_no_cache_runs_are_neither_recorded_nor_replayed(
        tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, FILES)
    check(tmp_path, "--no-cache")
    check(tmp_path, "--diff")
    assert records(tmp_path) == []
    check(tmp_path)
    check(tmp_path, "--diff")
    assert len(lint_runs) == 4


def test_an_unreadable_file_is_never_replayed(tmp_path: Path, lint_runs: list[int]) -> None:
    write_tree(tmp_path, {**FILES, "bin.mojo": b"\xff\xfe\x00binary"})
    first = check(tmp_path, "--output-format", "concise")
    assert "bin.mojo" in first.stdout
    assert records(tmp_path) == []
    assert check(tmp_path, "--output-format", "concise").stdout == first.stdout
    assert len(lint_runs) == 2


def test_only_the_records_used_last_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    import mojolint.replay

    monkeypatch.setattr(mojolint.replay, "MAX_RECORDS", 2)
    write_tree(tmp_path, FILES)
    for name in ("a.mojo", "b.mojo", "c.mojo"):  # pre-commit names other files each time
        check(tmp_path, name)
    assert len(records(tmp_path)) == 2
