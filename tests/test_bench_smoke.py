"""The benchmark scripts run end to end on a tiny corpus (nothing here is timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Outside the checkout: the installed package (with its compiled parser) is imported.
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)


# What each mix must hold even in a small corpus: the realistic one mostly plain code among
# the tensor code, the dense one every tensor construct.
MIX_CONSTRUCTS = {
    "realistic": ("comptime ", "._data.bitcast[", "._get_float", "@parameter", "fn count_",
                  "fn describe_", "fn steps_of_"),
    "dense": ("struct ", "comptime ", "._data.bitcast[", "._get_float", "@parameter"),
}


@pytest.mark.parametrize("mix", sorted(MIX_CONSTRUCTS))
def test_synthetic_corpus_is_deterministic_and_sized(tmp_path: Path, mix: str) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = _run([str(BENCH / "synthetic.py"), str(out), "--lines", "3000", "--mix", mix],
                      tmp_path)
        assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*.mojo"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.mojo"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    lines = sum((first / f).read_bytes().count(b"\n") for f in files)
    assert 3000 <= lines < 3700
    text = "".join((first / f).read_text(encoding="utf-8") for f in files)
    for construct in MIX_CONSTRUCTS[mix]:
        assert construct in text


def test_the_realistic_mix_is_mostly_code_the_rules_do_not_target(tmp_path: Path) -> None:
    dense, realistic = tmp_path / "dense", tmp_path / "realistic"
    for out in (dense, realistic):
        result = _run([str(BENCH / "synthetic.py"), str(out), "--lines", "6000",
                       "--mix", out.name], tmp_path)
        assert result.returncode == 0, result.stderr

    def accessor_calls_per_line(folder: Path) -> float:
        text = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.mojo"))
        return text.count("._get_") / text.count("\n")

    assert accessor_calls_per_line(realistic) * 3 < accessor_calls_per_line(dense)


def test_synthetic_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.mojo").write_text("fn keep():\n    pass\n", encoding="utf-8")
    result = _run([str(BENCH / "synthetic.py"), str(tmp_path / "out")], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"synthetic: error: {tmp_path / 'out'}: folder is not empty"]
    assert (tmp_path / "out" / "keep.mojo").read_text(encoding="utf-8") == "fn keep():\n    pass\n"


def test_run_measures_a_tiny_corpus_and_rewrites_only_its_block(tmp_path: Path) -> None:
    markdown = tmp_path / "benchmarks.md"
    markdown.write_text("# Benchmarks\n\nHand-written notes stay.\n", encoding="utf-8")
    args = [str(BENCH / "run.py"), "--synthetic-lines", "1500", "--repeat", "1", "--jobs", "2",
            "--no-mojo", "--no-ast-grep", "--profile", "0", "--markdown", str(markdown)]
    for mix in ("realistic", "dense"):
        result = _run([*args, "--synthetic-mix", mix], tmp_path)
        assert result.returncode == 0, result.stderr
    text = markdown.read_text(encoding="utf-8")
    assert "dense mix" in text and "realistic mix" not in text  # the block was replaced
    assert text.startswith("# Benchmarks\n\nHand-written notes stay.\n")
    assert text.count("<!-- bench:start -->") == 1 and text.count("<!-- bench:end -->") == 1
    assert "| `mojolint check` cold (`--no-cache`) |" in text
    assert "| `mojolint check` warm (cache) |" in text
    assert "| `mojolint check --fix` (copy) |" in text
    assert "| raw parse, 2 cores (floor) |" in text
    assert "Not measured: ast-grep: --no-ast-grep; mojo: --no-mojo." in text
    assert "cold >= 150,000 lines/s" in text
    assert "mojolint check cold" in result.stdout


def test_run_reports_a_missing_corpus_in_one_line(tmp_path: Path) -> None:
    result = _run([str(BENCH / "run.py"), str(tmp_path / "nowhere"), "--no-markdown",
                   "--no-mojo", "--no-ast-grep"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"bench: error: {tmp_path / 'nowhere'}: not a folder")
    assert "Traceback" not in result.stderr


def test_compare_outputs_keeps_a_side_and_compares_against_it_later(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = "fn bump(inout x: Int):\n    x += 1\n"
    (corpus / "a.mojo").write_text(source, encoding="utf-8")
    kept = tmp_path / "kept"
    compare = str(BENCH / "compare_outputs.py")
    result = _run([compare, "--keep", str(kept), sys.executable, sys.executable, str(corpus)],
                  tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "all identical"
    before = kept / "before" / "corpus"
    assert '"code": "UP001"' in (before / "check.stdout").read_text(encoding="utf-8")
    assert (before / "check.exit").read_text(encoding="utf-8") == "1\n"
    fixed = (before / "fixed" / "a.mojo").read_text(encoding="utf-8")
    assert "bump(mut x: Int)" in fixed and "inout" not in fixed
    assert (corpus / "a.mojo").read_text(encoding="utf-8") == source  # the corpus is not fixed

    # A kept side stands in for its interpreter; a change in what its fix wrote is found.
    again = _run([compare, str(kept / "before"), sys.executable, str(corpus)], tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    (before / "fixed" / "a.mojo").write_text("fn bump(x: Int):\n    pass\n", encoding="utf-8")
    changed = _run([compare, str(kept / "before"), sys.executable, str(corpus)], tmp_path)
    assert changed.returncode == 1
    assert "  check: identical" in changed.stdout
    assert "  fixed files: DIFFERENT in 1 files\n    a.mojo\n" in changed.stdout

    # A JSON difference is counted by rule code and kind.
    report = json.loads((before / "check.stdout").read_text(encoding="utf-8"))
    up001 = [d for d in report if d["code"] == "UP001"]
    assert len(up001) == 1
    others = [d for d in report if d["code"] != "UP001"]
    assert others
    others[0]["message"] += " (edited)"
    (before / "check.stdout").write_text(json.dumps(others, indent=2), encoding="utf-8")
    grouped = _run([compare, str(kept / "before"), sys.executable, str(corpus)], tmp_path)
    assert grouped.returncode == 1
    assert "    UP001 added: 1\n" in grouped.stdout
    assert f"    {others[0]['code']} changed: message: 1\n" in grouped.stdout

    # --select replaces ALL on both sides: without UP001 nothing is reported or fixed.
    narrow = _run([compare, "--keep", str(tmp_path / "narrow"), "--select", "UP002",
                   sys.executable, sys.executable, str(corpus)], tmp_path)
    assert narrow.returncode == 0, narrow.stdout + narrow.stderr
    assert not (tmp_path / "narrow" / "after" / "corpus" / "fixed").exists()
    # A kept side is compared only with a run of the same selection.
    mismatched = _run([compare, str(tmp_path / "narrow" / "before"), sys.executable,
                       str(corpus)], tmp_path)
    assert mismatched.returncode == 1
    assert mismatched.stderr.strip().endswith("was run with '--select UP002', not '--select ALL'")
    matched = _run([compare, "--select", "UP002", str(tmp_path / "narrow" / "before"),
                    sys.executable, str(corpus)], tmp_path)
    assert matched.returncode == 0, matched.stdout + matched.stderr


def test_cold_breakdown_times_each_step_in_the_parent_and_each_worker(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):  # above the engine's threshold: two workers lint them
        (corpus / f"m{i:02}.mojo").write_text(
            "from memory import UnsafePointer\n\nfn f(x: Int) -> Int:\n    return x // 0\n")
    result = _run([str(BENCH / "cold_breakdown.py"), str(corpus)], tmp_path)
    assert result.returncode == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if line.startswith("| step |"))
    assert header.count("worker") == 2
    steps = {line.split(" | ")[0].lstrip("| ") for line in result.stdout.splitlines()
             if line.startswith("| ")}
    assert {"parse", "query walk", "rule IM001", "interpreter and imports (parent, before "
            "the run)"} <= steps
    assert "| rule | CPU s | of it on files where it reported nothing |" in result.stdout
    jobs = [int(line.split(":")[1].split()[0]) for line in result.stdout.splitlines()
            if line.startswith("  worker ")]
    assert sum(jobs) == 39  # the parent lints one file before forking
