"""The fix engine: choosing, applying, re-linting, rolling back, diffing and writing fixes."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fix_rules import linter

from mojolint.commands.printer import fix_summary
from mojolint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from mojolint.diff import unified_diff
from mojolint.fileio import remove_stale_temporaries, write_fixed
from mojolint.fixes import (
    FixPolicy,
    FixResult,
    apply_round,
    count_syntax_errors,
    fix_source,
)
from mojolint.lineindex import LineIndex
from mojolint.rule import make_diagnostic
from mojolint.settings import Settings

SAFE = FixPolicy()
UNSAFE = FixPolicy(unsafe=True)


def fix(source: str, *codes: str, policy: FixPolicy = SAFE, max_rounds: int = 100
        ) -> FixResult:
    return fix_source(source.encode(), linter(*codes), policy, max_rounds)


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --- applying -----------------------------------------------------------------------------


def test_safe_fix_is_applied_and_counted_per_code() -> None:
    result = fix("var foo = 1\nprint(foo)\n", "TFX001")
    assert result.fixed == b"var bar = 1\nprint(bar)\n"
    assert result.applied == {"TFX001": 2}
    assert result.remaining == []
    assert not result.hit_cap and not result.rollbacks


def test_unsafe_fix_needs_the_flag_and_is_counted_as_available_without_it() -> None:
    without = fix("w = risky\n", "TFX002")
    assert without.fixed == b"w = risky\n"
    assert without.unsafe_available == 1
    assert [d.code for d in without.remaining] == ["TFX002"]
    with_flag = fix("w = risky\n", "TFX002", policy=UNSAFE)
    assert with_flag.fixed == b"w = checked\n"
    assert with_flag.unsafe_available == 0


def test_display_only_fix_is_never_applied_nor_offered_as_unsafe() -> None:
    result = fix("v = suggest\n", "TFX008", policy=UNSAFE)
    assert result.fixed == b"v = suggest\n"
    assert result.unsafe_available == 0
    promoted = FixPolicy(unsafe=True, extend_safe=("TFX008",))
    assert fix("v = suggest\n", "TFX008", policy=promoted).fixed == b"v = suggest\n"


def test_two_fixes_on_the_same_span_take_two_rounds() -> None:
    source = b"var snake = 2\n"
    first = apply_round(source, linter("TFX003", "TFX004")(source), SAFE)
    assert first.source == b"var Snake = 2\n"  # the earlier code wins the span ...
    assert first.deferred == 1  # ... the other waits
    result = fix_source(source, linter("TFX003", "TFX004"), SAFE)
    assert result.fixed == b"var my_Snake = 2\n"
    assert result.applied == {"TFX003": 1, "TFX004": 1}


def test_a_fix_nested_in_another_fix_waits_for_the_next_round() -> None:
    source = b"x = twice(foo)\n"
    first = apply_round(source, linter("TFX001", "TFX005")(source), SAFE)
    assert first.source == b"x = foo * 2\n"
    assert [a.code for a in first.applied] == ["TFX005"]
    assert fix_source(source, linter("TFX001", "TFX005"), SAFE).fixed == b"x = bar * 2\n"


def test_fixes_sharing_an_isolation_key_are_applied_one_per_round() -> None:
    source = b"z = iso_a + iso_b\n"
    first = apply_round(source, linter("TFX009")(source), SAFE)
    assert first.source == b"z = iso_a_done + iso_b\n"
    result = fix_source(source, linter("TFX009"), SAFE)
    assert result.fixed == b"z = iso_a_done + iso_b_done\n"
    assert result.rounds == 2


def test_fix_that_reveals_the_next_one_runs_until_nothing_changes() -> None:
    result = fix("y = countdown5\n", "TFX007")
    assert result.fixed == b"y = countdown0\n"
    assert result.applied == {"TFX007": 5}
    assert result.rounds == 5 and not result.hit_cap


def test_round_cap_is_reported_only_when_work_is_left() -> None:
    capped = fix("y = countdown8\n", "TFX007", max_rounds=5)
    assert capped.hit_cap
    assert capped.fixed == b"y = countdown3\n"
    exact = fix("y = countdown5\n", "TFX007", max_rounds=5)
    assert not exact.hit_cap and exact.fixed == b"y = countdown0\n"


def test_the_default_cap_is_one_hundred_rounds() -> None:
    result = fix("y = countdown150\n", "TFX007")
    assert result.hit_cap
    assert result.fixed == b"y = countdown50\n"


def test_syntax_breaking_fix_is_rolled_back_naming_the_rule_and_others_still_apply() -> None:
    source = "fn broken(a: Int) -> Int:\n    return foo\n"
    result = fix(source, "TFX001", "TFX006")
    assert result.fixed == b"fn broken(a: Int) -> Int:\n    return bar\n"
    assert result.rollbacks == [
        "TFX006: fix 'Delete the colon' was rolled back because it introduced a syntax error"
    ]
    assert result.applied == {"TFX001": 1}
    assert count_syntax_errors(result.fixed) == 0
    assert "TFX006" in {d.code for d in result.remaining}


def _diagnostic(source: bytes, code: str, start: int, end: int, content: str) -> Diagnostic:
    edit_fix = Fix(f"{code} fix", (Edit(start, end, content),))
    return make_diagnostic(LineIndex(source), code, code, start, end, Severity.WARNING, edit_fix)


def _paren_lint(source: bytes) -> list[Diagnostic]:
    """ZZ1 deletes the ')' of '(1)' (breaks the parse); ZZ2 turns the '1' inside into '2'."""
    found = []
    at = source.find(b"(1)")
    if at >= 0:
        found.append(_diagnostic(source, "ZZ1", at, at + 3, "(1"))
        found.append(_diagnostic(source, "ZZ2", at + 1, at + 2, "2"))
    return found


def test_a_fix_waiting_behind_a_rolled_back_fix_is_applied_later() -> None:
    result = fix_source(b"x = (1)\n", _paren_lint, SAFE)
    assert result.fixed == b"x = (2)\n"
    assert result.applied == {"ZZ2": 1}
    assert result.rollbacks == [
        "ZZ1: fix 'ZZ1 fix' was rolled back because it introduced a syntax error"
    ]


def test_a_fix_that_leaves_a_missing_node_is_rolled_back() -> None:
    source = b"fn f(a: Int):\n    pass\n"
    close = source.index(b")")

    def lint(current: bytes) -> list[Diagnostic]:
        found = current.find(b"Int)")
        return [] if found < 0 else [_diagnostic(current, "ZZ4", found + 3, found + 4, "")]

    result = fix_source(source, lint, SAFE)
    assert count_syntax_errors(source[:close] + source[close + 1 :]) == 1  # a MISSING ")"
    assert result.fixed == source
    assert [m.split(":")[0] for m in result.rollbacks] == ["ZZ4"]


def test_a_file_that_already_has_errors_may_keep_them_but_not_gain_more() -> None:
    source = "x = (1\nvar foo = 1\n"
    before = count_syntax_errors(source.encode())
    result = fix(source, "TFX001")
    assert count_syntax_errors(result.fixed) <= before


def test_malformed_fix_is_reported_and_skipped() -> None:
    result = fix("q = bad_edit + foo\n", "TFX001", "TFX012")
    assert result.fixed == b"q = bad_edit + bar\n"
    assert result.malformed == ["TFX012: fix 'Break' has invalid edits; not applied"]


# --- policy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (FixPolicy(unfixable=("TFX001",)), b"foo Snake\n"),
        (FixPolicy(fixable=("TFX003",)), b"foo Snake\n"),
        (FixPolicy(fixable=("TFX001",), unfixable=("TFX",)), b"bar snake\n"),
        (FixPolicy(fixable=("TFX",), unfixable=("TFX",)), b"foo snake\n"),  # tie: unfixable
        (FixPolicy(unfixable=("ALL",)), b"foo snake\n"),
    ],
)
def test_fixable_and_unfixable_follow_selector_specificity(
    policy: FixPolicy, expected: bytes
) -> None:
    result = fix_source(b"foo snake\n", linter("TFX001", "TFX003"), policy)
    assert result.fixed == expected


def test_extend_safe_and_unsafe_fixes_move_fixes_between_classes() -> None:
    demoted = FixPolicy(extend_unsafe=("TFX001",))
    result = fix("var foo = 1\n", "TFX001", policy=demoted)
    assert result.fixed == b"var foo = 1\n"
    assert result.unsafe_available == 1
    promoted = FixPolicy(extend_safe=("TFX002",))
    assert fix("w = risky\n", "TFX002", policy=promoted).fixed == b"w = checked\n"
    # Named in both: the more specific selector wins, and a tie is unsafe.
    both = FixPolicy(extend_safe=("TFX002",), extend_unsafe=("TFX",))
    assert fix("w = risky\n", "TFX002", policy=both).fixed == b"w = checked\n"
    tie = FixPolicy(extend_safe=("TFX001",), extend_unsafe=("TFX001",))
    assert fix("var foo = 1\n", "TFX001", policy=tie).fixed == b"var foo = 1\n"


def test_unfixable_unsafe_fixes_are_not_advertised() -> None:
    policy = FixPolicy(unfixable=("TFX002",))
    assert fix("w = risky\n", "TFX002", policy=policy).unsafe_available == 0


def test_policy_reads_fixable_and_unfixable_from_settings(tmp_path: Path) -> None:
    settings = Settings(root=tmp_path, fixable=("TFX00",), unfixable=("TFX001",))
    policy = FixPolicy.from_settings(settings, unsafe=True)
    assert policy == FixPolicy(unsafe=True, fixable=("TFX00",), unfixable=("TFX001",))


# --- text format --------------------------------------------------------------------------


def test_crlf_file_stays_crlf_when_a_fix_inserts_lines() -> None:
    result = fix("var foo = 1\r\nexpand_me()\r\n", "TFX001", "TFX010")
    assert result.fixed == b"var bar = 1\r\nfirst()\r\nsecond()\r\n"


def test_lf_file_keeps_lf() -> None:
    assert fix("expand_me()\n", "TFX010").fixed == b"first()\nsecond()\n"


def test_bom_stays_first_when_a_fix_inserts_at_the_start() -> None:
    source = "\ufeffvar foo = 1\n".encode()
    result = fix_source(source, linter("TFX001", "TFX011"), SAFE)
    assert result.fixed == "\ufeff# header\nvar bar = 1\n".encode()


def test_an_edit_over_the_bom_does_not_remove_it() -> None:
    source = "\ufeffx = 1\n".encode()
    diagnostics = [_diagnostic(source, "ZZ3", 0, 4, "\ufeffy")]
    assert apply_round(source, diagnostics, SAFE).source == "\ufeffy = 1\n".encode()


def test_non_ascii_text_is_edited_by_bytes() -> None:
    result = fix("s = 'é🔥'; var foo = 1\n", "TFX001")
    assert result.fixed == "s = 'é🔥'; var bar = 1\n".encode()


# --- diff ---------------------------------------------------------------------------------


def test_unified_diff_has_git_style_headers_and_changed_lines() -> None:
    diff = unified_diff("src/a.mojo", b"var foo = 1\nx = 2\n", b"var bar = 1\nx = 2\n")
    assert diff.splitlines()[:2] == ["--- a/src/a.mojo", "+++ b/src/a.mojo"]
    assert "-var foo = 1\n+var bar = 1\n x = 2\n" in diff


def test_unified_diff_is_empty_without_changes_and_marks_missing_final_newline() -> None:
    assert unified_diff("a.mojo", b"x\n", b"x\n") == ""
    diff = unified_diff("a.mojo", b"foo", b"bar")
    assert "-foo\n\\ No newline at end of file\n+bar\n\\ No newline at end of file\n" in diff


def test_show_fixes_summary_lists_each_file_and_rule() -> None:
    applied = {
        "b.mojo": fix("var foo = 1\nprint(foo)\nw = snake\n", "TFX001", "TFX003").applied,
        "a.mojo": fix("y = countdown1\n", "TFX007").applied,
        "clean.mojo": fix("pass\n", "TFX001").applied,
    }
    assert fix_summary(applied, {"TFX001": "rename-foo"}) == (
        "Fixed 4 errors:\n"
        "- a.mojo:\n    1 x TFX007\n"
        "- b.mojo:\n    2 x TFX001 (rename-foo)\n    1 x TFX003\n"
    )
    assert fix_summary({"clean.mojo": applied["clean.mojo"]}) == ""


def test_many_fixes_in_one_large_file_apply_in_one_round() -> None:
    source = b"print(foo)\n" * 5000
    result = fix_source(source, linter("TFX001"), SAFE)
    assert result.fixed == b"print(bar)\n" * 5000
    assert result.applied == {"TFX001": 5000} and result.rounds == 1


# --- writing ------------------------------------------------------------------------------


def test_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "run.mojo"
    path.write_bytes(b"old\r\n")
    path.chmod(0o754)
    outcome = write_fixed(path, b"old\r\n", "\ufeffnew\r\n".encode())
    assert outcome.ok and outcome.status == "written" and outcome.message is None
    assert path.read_bytes() == "\ufeffnew\r\n".encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o754
    assert temp_files(tmp_path) == []


def test_unchanged_source_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "a.mojo"
    path.write_bytes(b"x\n")
    os.utime(path, (1_000_000, 1_000_000))
    assert write_fixed(path, b"x\n", b"x\n").status == "unchanged"
    assert path.stat().st_mtime == 1_000_000


def test_file_changed_on_disk_since_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.mojo"
    path.write_bytes(b"edited by someone else\n")
    outcome = write_fixed(path, b"what we read\n", b"our fix\n")
    assert not outcome.ok and outcome.status == "changed-on-disk"
    assert outcome.message == f"{path}: changed on disk since it was read; not overwritten"
    assert path.read_bytes() == b"edited by someone else\n"


def test_read_only_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "ro.mojo"
    path.write_bytes(b"old\n")
    path.chmod(0o444)
    outcome = write_fixed(path, b"old\n", b"new\n")
    assert outcome.status == "read-only"
    assert outcome.message == f"{path}: file is read-only; not fixed"
    assert path.read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


def test_vanished_file_is_reported_not_raised(tmp_path: Path) -> None:
    outcome = write_fixed(tmp_path / "gone.mojo", b"old\n", b"new\n")
    assert outcome.status == "failed"
    assert outcome.message is not None and "gone.mojo: cannot write fixes" in outcome.message


def test_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.mojo"
    path.write_bytes(b"old\n")

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    outcome = write_fixed(path, b"old\n", b"new\n")
    assert outcome.message == f"{path}: cannot write fixes: No space left on device"
    assert path.read_bytes() == b"old\n"
    assert temp_files(tmp_path) == []


def test_a_symlink_stays_a_symlink_and_its_target_is_fixed(tmp_path: Path) -> None:
    target = tmp_path / "real.mojo"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.mojo"
    link.symlink_to(target)
    assert write_fixed(link, b"old\n", b"new\n").ok
    assert link.is_symlink() and target.read_bytes() == b"new\n"


def test_fix_then_write_round_trip_on_a_crlf_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "a.mojo"
    original = "\ufeffvar foo = 1\r\nexpand_me()\r\n".encode()
    path.write_bytes(original)
    lint: Callable[[bytes], list[Diagnostic]] = linter("TFX001", "TFX010")
    result = fix_source(path.read_bytes(), lint, SAFE)
    assert write_fixed(path, original, result.fixed).ok
    assert path.read_bytes() == "\ufeffvar bar = 1\r\nfirst()\r\nsecond()\r\n".encode()


def test_applicability_of_a_diagnostic_without_fix_is_none() -> None:
    source = b"x\n"
    plain = make_diagnostic(LineIndex(source), "ZZ9", "m", 0, 1, Severity.WARNING)
    assert SAFE.effective_applicability(plain) is None
    assert not SAFE.applicable(plain)
    unsafe = _diagnostic(source, "ZZ9", 0, 1, "y")
    assert SAFE.effective_applicability(unsafe) is Applicability.SAFE


def test_temporaries_left_by_a_killed_run_are_removed_once_stale(tmp_path: Path) -> None:
    path = tmp_path / "a.mojo"
    path.write_bytes(b"old\n")
    stale, fresh = tmp_path / ".a.mojo.k1l2e3d4.tmp", tmp_path / ".a.mojo.w0rk1ng5.tmp"
    unrelated = tmp_path / ".b.mojo.k1l2e3d4.tmp"
    for leftover in (stale, fresh, unrelated):
        leftover.write_bytes(b"half")
        os.utime(leftover, (1_000_000, 1_000_000))
    os.utime(fresh, None)  # a writer still at work right now
    assert write_fixed(path, b"old\n", b"new\n").ok
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.mojo", fresh.name, unrelated.name])
    assert remove_stale_temporaries(path, older_than=0) == [fresh]
