"""Issue 19, points 12 (except globs) and 13: a repository's own config cannot hang or
exhaust a run, and malformed input cannot wedge the language server.

Every run here is a separate process with a timeout (and a memory cap where memory is the
attack), so on commit 285a9fe, where these runs do not end, the tests fail instead of hanging.
Each test is named after the attack."""

from __future__ import annotations

import json
import os
import resource
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_tree


def _mojolint(args: list[str], cwd: Path, *, timeout: float = 120, memory: int | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    def cap_memory() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "mojolint", *args], cwd=cwd,
                          capture_output=True, timeout=timeout, preexec_fn=cap_memory,
                          env={**os.environ, **(env or {})}, check=False)


def _rule(query: str, **extra: str) -> str:
    lines = ["[[pattern-rules]]", 'code = "PRJ001"', 'name = "project-rule"',
             f"query = '''{query}'''", 'message = "matched {match}"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def test_a_backtracking_regex_in_a_pattern_rule_cannot_hang_the_run(tmp_path: Path) -> None:
    config = _rule('((identifier) @match (#match? @match "^(a+)+$"))')
    write_tree(tmp_path, {"mojolint.toml": config,
                          "a.mojo": f"var {'a' * 40}b = 1\nvar aaa = 2\n"})
    result = _mojolint(["check", "--no-cache", "--output-format", "concise"], tmp_path,
                       timeout=60)
    assert b"PRJ001 matched aaa" in result.stdout
    assert result.stdout.count(b"PRJ001") == 1
    # A regex only a backtracking engine can run is refused, naming the file and the key.
    (tmp_path / "mojolint.toml").write_text(_rule(
        '((identifier) @match (#match? @match "^(a)\\\\1$"))'))
    refused = _mojolint(["check", "--no-cache"], tmp_path, timeout=60)
    assert refused.returncode == 2
    assert refused.stderr.startswith(b"mojolint: error: mojolint.toml: regex ")
    assert b"linear time" in refused.stderr


STATEMENTS = "fn main():\n" + "".join(f"    var x{i} = {i}\n" for i in range(400))


def test_a_pattern_rule_query_with_quantified_wildcards_cannot_hang_the_run(
        tmp_path: Path) -> None:
    # Captures on repetitions are quadratic inside tree-sitter's C code, where no budget can
    # stop them (285a9fe: more than 300 s on 100 statements), so config refuses them: one
    # line naming the file, the entry and the key, saying what to write instead.
    write_tree(tmp_path, {"mojolint.toml": _rule("((_)* @a (_)* @b (_)* @match)"),
                          "big.mojo": STATEMENTS, "small.mojo": "var y = 1\n"})
    refused = _mojolint(["check", "--no-cache", "--output-format", "concise"], tmp_path,
                        timeout=60)
    assert refused.returncode == 2
    error = refused.stderr.decode()
    assert error.startswith("mojolint: error: mojolint.toml: the 'query' of "
                            "[pattern-rules][0] captures @a, @b, @match on or inside a "
                            "repetition")
    assert "capture the enclosing node instead" in error
    assert error.count("\n") == 1 and "Traceback" not in error
    # What the message says to write instead runs, and finds the block.
    (tmp_path / "mojolint.toml").write_text(_rule("(block (_)* (_)* (_)*) @match"))
    result = _mojolint(["check", "--no-cache", "--output-format", "concise", "--select",
                        "PRJ001"], tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stdout.decode().count("big.mojo:2:5: PRJ001 matched var x0 = 0") == 1


def test_a_pattern_rule_that_runs_past_the_file_budget_is_reported_and_the_run_goes_on(
        tmp_path: Path) -> None:
    many = "".join(f"var y{i} = {i}\n" for i in range(40_000))
    write_tree(tmp_path, {"mojolint.toml": _rule("(identifier) @match"),
                          "big.mojo": many, "small.mojo": "var y = 1\n"})
    result = _mojolint(["check", "--no-cache", "--output-format", "concise", "--select",
                        "PRJ001,MJ"], tmp_path, timeout=240,
                       env={"MOJOLINT_FILE_BUDGET": "0.05"})
    out = result.stdout.decode()
    # The overrun is a diagnostic naming the rule and the file; the other file is linted.
    assert "big.mojo:1:1: MJ004 rule PRJ001 (project-rule) did not finish on big.mojo" in out
    assert "small.mojo:1:5: PRJ001 matched y" in out
    assert "Traceback" not in result.stderr.decode()


def test_a_pattern_rule_fix_that_doubles_the_file_cannot_exhaust_memory(
        tmp_path: Path) -> None:
    config = _rule("(module) @match", fix="{match}{match}", **{"fix-applicability": "safe"})
    source = "var x = 1\n" * 2_000  # 20 KB
    write_tree(tmp_path, {"mojolint.toml": config, "a.mojo": source})
    result = _mojolint(["check", "--no-cache", "--fix"], tmp_path, timeout=240,
                       memory=1_500_000_000)
    size = (tmp_path / "a.mojo").stat().st_size
    assert size <= 2 * len(source) + 65_536
    assert b"past the bound" in result.stderr
    assert b"Traceback" not in result.stderr and b"MemoryError" not in result.stderr


# --- the language server ------------------------------------------------------------------


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _answer(process: subprocess.Popen[bytes], request_id: int, seconds: float
            ) -> dict[str, object] | None:
    """The server's answer to request ``request_id``, or None if none came in time."""
    assert process.stdout is not None
    buffer = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        if not ready:
            continue
        chunk = os.read(process.stdout.fileno(), 1 << 16)
        if not chunk:
            return None
        buffer += chunk
        while b"\r\n\r\n" in buffer:
            header, rest = buffer.split(b"\r\n\r\n", 1)
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            if len(rest) < length:
                break
            message = json.loads(rest[:length])
            buffer = rest[length:]
            if message.get("id") == request_id:
                return message  # type: ignore[no-any-return]
    return None


INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": None, "capabilities": {}}}


@pytest.mark.parametrize("garbage", [
    b"Content-Length: 5\r\n\r\n{bad}",
    b"Content-Length: nine\r\n\r\n",
    b"X-Header: 1\r\n\r\n{}",
    b"Content-Length: 99999999999999\r\n\r\n",
])
def test_a_malformed_frame_or_a_hover_on_a_fifo_cannot_wedge_the_language_server(
        tmp_path: Path, garbage: bytes) -> None:
    os.mkfifo(tmp_path / "pipe.mojo")
    process = subprocess.Popen([sys.executable, "-m", "mojolint", "server"], cwd=tmp_path,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdin is not None
    try:
        process.stdin.write(garbage + _frame(INITIALIZE))
        process.stdin.flush()
        assert _answer(process, 1, 30) is not None, "no answer after a malformed frame"
        process.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        process.stdin.write(_frame({
            "jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": (tmp_path / "pipe.mojo").as_uri()},
                       "position": {"line": 0, "character": 0}}}))
        process.stdin.flush()
        assert _answer(process, 2, 30) is not None, "no answer to a hover on a FIFO"
    finally:
        process.kill()
        process.wait()
