"""Dtypes across a project's files: found through imports, cached, and invalidated when a
file they came from changes (only that file and its importers are linted again)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, concise_lines, run_cli, write_tree

MAKE_WIDE = """\
fn make(shape: List[Int]) raises -> ExTensor:
    return zeros(shape, DType.{dtype})
"""
USER = """\
from helpers import make


fn read(shape: List[Int]) raises -> Float32:
    var t = make(shape)
    return t._get_float32(0)
"""
PROJECT = {
    "pixi.toml": "[workspace]\nname = \"p\"\n",
    "helpers.mojo": MAKE_WIDE.format(dtype="float64"),
    "user.mojo": USER,
    "other.mojo": "fn other() -> Int:\n    return 1\n",
}


def check(root: Path, *args: str) -> Run:
    return run_cli(["check", "--output-format", "concise", "--select", "TS001", *args], root)


def test_a_dtype_crosses_a_return_into_another_file(tmp_path: Path) -> None:
    write_tree(tmp_path, PROJECT)
    lines = concise_lines(check(tmp_path, "--no-cache").stdout)
    assert len(lines) == 1 and lines[0].startswith("user.mojo:6:")
    assert "t is float64" in lines[0] and "helpers.mojo:2" in lines[0]


def test_a_file_linted_without_its_project_reports_nothing_false(tmp_path: Path) -> None:
    # No project file above it: the import resolves to nothing and the dtype is unknown.
    alone = tmp_path / "alone"
    write_tree(alone, {"user.mojo": USER})
    result = check(alone, "--no-cache")
    assert result.exit_code == 0 and concise_lines(result.stdout) == []


def test_editing_a_file_relints_it_and_its_importers_only(tmp_path: Path,
                                                          parses: list[bytes]) -> None:
    write_tree(tmp_path, PROJECT)
    cold = concise_lines(check(tmp_path).stdout)
    assert len(cold) == 1
    parses.clear()
    assert concise_lines(check(tmp_path).stdout) == cold
    assert parses == []  # warm: nothing is parsed
    helper = tmp_path / "helpers.mojo"
    helper.write_text(MAKE_WIDE.format(dtype="float32"))
    info = helper.stat()  # the same size, a later time: the edit must still be seen
    os.utime(helper, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    after = concise_lines(check(tmp_path).stdout)
    assert after == []  # user.mojo's diagnostic came from helpers.mojo: gone with it
    linted = {source for source in parses}
    # helpers.mojo is linted and read again for user.mojo's summary; user.mojo is linted
    # again; other.mojo is not touched.
    assert linted == {helper.read_bytes(), USER.encode()}
    assert len(parses) <= 3


def test_a_file_read_for_an_importer_is_not_parsed_again_when_it_is_linted(
        tmp_path: Path, parses: list[bytes]) -> None:
    # a_user.mojo is linted first and reads helpers.mojo (parsed and modelled for it); when
    # helpers.mojo's turn comes, that parse and model are reused: each file parsed once.
    write_tree(tmp_path, {**{k: v for k, v in PROJECT.items() if k != "user.mojo"},
                          "a_user.mojo": USER})
    lines = concise_lines(check(tmp_path, "--no-cache").stdout)
    assert len(lines) == 1 and lines[0].startswith("a_user.mojo:6:")
    assert sorted(parses) == sorted(path.read_bytes() for path in tmp_path.glob("*.mojo"))


def test_a_file_whose_import_did_not_resolve_is_linted_again_when_the_file_appears(
        tmp_path: Path, parses: list[bytes]) -> None:
    missing = {name: text for name, text in PROJECT.items() if name != "helpers.mojo"}
    write_tree(tmp_path, missing)
    assert concise_lines(check(tmp_path).stdout) == []  # `make` comes from nowhere yet
    parses.clear()
    assert concise_lines(check(tmp_path).stdout) == []
    assert parses == []  # warm: nothing is parsed
    (tmp_path / "helpers.mojo").write_text(MAKE_WIDE.format(dtype="float64"))
    after = concise_lines(check(tmp_path).stdout)
    assert len(after) == 1 and after[0].startswith("user.mojo:6:")
    assert "helpers.mojo:2" in after[0]
    # user.mojo is linted again (it looked for helpers.mojo); other.mojo is not.
    assert USER.encode() in parses and b"fn other" not in b"".join(parses)


def test_a_package_file_appearing_where_an_import_looked_relints_the_importer(
        tmp_path: Path) -> None:
    # `from helpers import make` first resolves to nothing; a package helpers/__init__.mojo
    # is one of the places it looked.
    missing = {name: text for name, text in PROJECT.items() if name != "helpers.mojo"}
    write_tree(tmp_path, missing)
    assert concise_lines(check(tmp_path).stdout) == []
    write_tree(tmp_path, {"helpers/__init__.mojo": MAKE_WIDE.format(dtype="float64")})
    after = concise_lines(check(tmp_path).stdout)
    assert len(after) == 1 and "helpers/__init__.mojo:2" in after[0]


def test_a_project_file_outside_the_linted_paths_is_read_not_linted(tmp_path: Path) -> None:
    # helpers.mojo reads a float64 tensor as float32 itself; only user.mojo is linted.
    broken = MAKE_WIDE.format(dtype="float64") + (
        "\n\nfn own(shape: List[Int]) raises -> Float32:\n"
        "    var t = zeros(shape, DType.float64)\n    return t._get_float32(0)\n")
    write_tree(tmp_path, {**PROJECT, "helpers.mojo": broken})
    lines = concise_lines(check(tmp_path, "--no-cache", "user.mojo").stdout)
    assert len(lines) == 1 and lines[0].startswith("user.mojo:6:")
    assert "helpers.mojo:2" in lines[0]
    everything = concise_lines(check(tmp_path, "--no-cache").stdout)
    assert any(line.startswith("helpers.mojo:") for line in everything)


def test_a_run_with_worker_processes_reads_imports_and_leaves_the_collector_as_it_was(
        tmp_path: Path) -> None:
    # Enough files for worker processes (where the machine has two cores): each worker
    # reads helpers.mojo for its users with the queries the parent compiled before forking,
    # and the parent's objects, frozen for the workers' collectors, are unfrozen after.
    import gc

    from mojolint.engine import PARALLEL_THRESHOLD

    users = {f"user{i:02}.mojo": USER for i in range(PARALLEL_THRESHOLD + 6)}
    write_tree(tmp_path, {**PROJECT, **users})
    before = gc.get_freeze_count()
    lines = concise_lines(check(tmp_path, "--no-cache").stdout)
    assert gc.get_freeze_count() == before == 0
    assert len(lines) == len(users) + 1  # every user, and user.mojo
    assert all("t is float64" in line and "helpers.mojo:2" in line for line in lines)


def test_a_module_many_files_import_is_loaded_once_for_the_run(tmp_path: Path,
                                                                parses: list[bytes]) -> None:
    # What the parent does before forking workers: helpers.mojo, which five files import,
    # is parsed and modelled once; a lookup into it and the lint of helpers.mojo itself
    # reuse that parse, the lookup still records helpers.mojo as a dependency, and
    # other.mojo, which four files import, is left to be parsed when needed.
    from mojolint.dependencies import one_run, take_reads
    from mojolint.semantics.project import index_for, load_most_imported, loaded_module

    importers = {f"user{i}.mojo": USER + ("from other import other\n" if i < 4 else "")
                 for i in range(5)}
    write_tree(tmp_path, {**PROJECT, **importers})
    files = [(path, path.read_bytes()) for path in sorted(tmp_path.glob("*.mojo"))]
    helpers, other = tmp_path / "helpers.mojo", tmp_path / "other.mojo"
    with one_run():
        assert load_most_imported(files, 5) == 1
        assert parses == [helpers.read_bytes()]
        assert take_reads() == {}  # resolving the import lines is no linted file's read
        index = index_for(helpers)
        assert index is not None
        module = index.module(helpers)
        assert module is not None and module.source == helpers.read_bytes()
        assert loaded_module(helpers, helpers.read_bytes()) is module
        assert str(helpers) in take_reads()
        assert parses == [helpers.read_bytes()]
        assert index.module(other) is not None
        assert parses == [helpers.read_bytes(), other.read_bytes()]


def test_a_module_whose_bytes_changed_since_the_run_read_them_is_not_loaded(
        tmp_path: Path) -> None:
    from mojolint.dependencies import one_run
    from mojolint.semantics.project import load_most_imported

    write_tree(tmp_path, {**PROJECT, **{f"user{i}.mojo": USER for i in range(5)}})
    files = [(path, path.read_bytes()) for path in sorted(tmp_path.glob("*.mojo"))]
    (tmp_path / "helpers.mojo").write_text(MAKE_WIDE.format(dtype="float32") + "\n")
    with one_run():
        assert load_most_imported(files, 5) == 0


def test_a_module_rewritten_during_the_run_relints_its_importers_next_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # helpers.mojo, which many files import, is read with the run's files and loaded
    # before the workers start; then, while the run goes on, it is rewritten to bytes of
    # the same size (float64 -> float32) with a newer time. The run reports against what
    # it read, and the next run must not take those results as current: it lints the
    # importers again and finds nothing left to report.
    import mojolint.engine as engine
    import mojolint.semantics.project as project

    users = {f"user{i:02}.mojo": USER for i in range(engine.PARALLEL_THRESHOLD + 2)}
    # Small files that import nothing, so that the file the parent lints before loading
    # (the median by size) does not look helpers.mojo up first.
    fillers = {f"filler{i:02}.mojo": f"fn f{i}() -> Int:\n    return {i}\n" for i in range(40)}
    write_tree(tmp_path, {**PROJECT, **users, **fillers})
    helpers = tmp_path / "helpers.mojo"
    old = helpers.stat()
    load = project.load_modules

    def rewrite_then_load(files: Any) -> int:
        helpers.write_text(MAKE_WIDE.format(dtype="float32"))
        os.utime(helpers, ns=(old.st_atime_ns, old.st_mtime_ns + 10**9))
        assert helpers.stat().st_size == old.st_size
        return load(files)

    monkeypatch.setattr(engine, "_cpu_count", lambda: 2)
    monkeypatch.setattr(project, "load_modules", rewrite_then_load)
    first = concise_lines(check(tmp_path).stdout)
    assert len(first) == len(users) + 1 and all("t is float64" in line for line in first)
    monkeypatch.setattr(project, "load_modules", load)
    assert concise_lines(check(tmp_path).stdout) == []


# Longer than USER: the parent lints a median file first, a user (which imports the
# project module that reads helpers.mojo).
LOCAL_HIT = """\
# A file that reads a float64 tensor as float32 and uses nothing of helpers.mojo.
fn own(shape: List[Int]) raises -> Float32:
    var t = zeros(shape, DType.float64)
    return t._get_float32(0)
"""


def test_files_that_import_no_shared_module_are_linted_while_it_is_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # helpers.mojo, which every user imports, is loaded before the pool's workers fork;
    # meanwhile one worker is offered the files without an import line (alone*.mojo,
    # other.mojo, helpers.mojo), then, once the import lines are read, those that import
    # no loaded module and are none (alone*, near*.mojo, which import other.mojo only, and
    # other.mojo), less those it took. Every file is reported once, as a run without
    # worker processes reports it.
    from mojolint import engine, forked

    users = {f"user{i:02}.mojo": USER for i in range(engine.PARALLEL_THRESHOLD + 6)}
    alone = {f"alone{i}.mojo": LOCAL_HIT for i in range(4)}
    near = {f"near{i}.mojo": "from other import other\n\n\n" + LOCAL_HIT for i in range(3)}
    write_tree(tmp_path, {**PROJECT, **users, **alone, **near})
    forks: list[tuple[list[engine._Job], list[forked.Offers]]] = []
    offers: list[tuple[forked.Offers, list[int]]] = []
    real_fork, real_offer = forked.fork, forked.Offers.offer

    def fork(jobs: Any, do: Any, pipes: Any, **options: Any) -> forked.Worker:
        forks.append((list(jobs), list(pipes)))
        return real_fork(jobs, do, pipes, **options)

    def offer(pipe: forked.Offers, places: Iterable[int]) -> None:
        chosen = list(places)
        offers.append((pipe, chosen))
        real_offer(pipe, chosen)

    monkeypatch.setattr(forked, "fork", fork)
    monkeypatch.setattr(forked.Offers, "offer", offer)
    monkeypatch.setattr(engine, "_cpu_count", lambda: 2)
    parallel = concise_lines(check(tmp_path, "--no-cache").stdout)
    (ordered, rounds), *pool = forks
    assert len(pool) == 2 and all(len(pipes) == 1 for _, pipes in pool)
    names = [{ordered[i].path.name for pipe, places in offers if pipe is rounds[n]
              for i in places} for n in (0, 1)]
    assert names[0] == {*alone, "other.mojo", "helpers.mojo"}
    assert {*alone, *near} <= names[0] | names[1] <= {*alone, *near, "other.mojo"} | names[0]
    assert "helpers.mojo" not in names[1]
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 10_000)
    serial = concise_lines(check(tmp_path, "--no-cache").stdout)
    assert parallel == serial
    assert len(serial) == len(users) + 1 + len(alone) + len(near)


def test_a_worker_that_dies_ends_the_run_with_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # alone0.mojo kills the worker process that lints it (the early one or the pool's).
    from mojolint import engine

    users = {f"user{i:02}.mojo": USER for i in range(engine.PARALLEL_THRESHOLD + 6)}
    write_tree(tmp_path, {**PROJECT, **users, "alone0.mojo": LOCAL_HIT,
                          "alone1.mojo": LOCAL_HIT})
    parent, real_job = os.getpid(), engine._lint_job

    def dying(job: engine._Job) -> Any:
        if job.path.name == "alone0.mojo" and os.getpid() != parent:
            os._exit(3)
        return real_job(job)

    monkeypatch.setattr(engine, "_lint_job", dying)
    monkeypatch.setattr(engine, "_cpu_count", lambda: 2)
    result = check(tmp_path, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == ("mojolint: error: internal error: WorkerDied: a worker process "
                             "ended abruptly\n")


def test_an_error_in_a_worker_ends_the_run_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug outside the rules (which are each caught) is raised in the parent, as it was.
    from mojolint import engine

    users = {f"user{i:02}.mojo": USER for i in range(engine.PARALLEL_THRESHOLD + 6)}
    write_tree(tmp_path, {**PROJECT, **users})
    parent, real_job = os.getpid(), engine._lint_job

    def failing(job: engine._Job) -> Any:
        if job.path.name == "user00.mojo" and os.getpid() != parent:
            raise ValueError("no such thing")
        return real_job(job)

    monkeypatch.setattr(engine, "_lint_job", failing)
    monkeypatch.setattr(engine, "_cpu_count", lambda: 2)
    result = check(tmp_path, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr == "mojolint: error: internal error: ValueError: no such thing\n"
