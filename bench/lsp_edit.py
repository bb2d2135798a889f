"""How long the language server takes to publish diagnostics after a one-character edit.

    python bench/lsp_edit.py [--lines 5000] [--edits 50] [--python PYTHON] [--file F] [--breakdown]

Starts the real server (``PYTHON -m mojolint server``, from a temporary folder outside the
checkout, so the installed package runs) and talks JSON-RPC to it over stdio as an editor
does: ``initialize``, ``didOpen`` of one generated Mojo file of about ``--lines`` lines
(``bench/synthetic.py``'s realistic mix, all default rules; or ``--file``'s text, linted
alone), then ``--edits`` edits of one
character each, sent as incremental changes (a range and its new text): a letter typed
after a random identifier, then taken out again, at another place each time. Each measured
edit is sent ``--pause`` seconds (0.1) after the publication before it, as a person's next
key comes: the server runs its garbage collector right after publishing, and an edit sent
in the same instant would be timed waiting for it. For each edit
it measures the wall time from sending ``didChange`` to receiving the
``publishDiagnostics`` of that version, in two ways:

- ``didChange``: ``didChange`` alone, as while typing. The server lints once nothing more
  has come for its debounce delay (``DEBOUNCE_SECONDS``) and every message already
  received has been handled, so this includes that delay.
- ``codeAction``: ``didChange`` followed at once by a ``codeAction`` request for the edited
  line, as editors send when the cursor moves; the server then lints the document as it
  is, without waiting.

It prints the median (the figure of the issue: at most 100 ms), the 90th percentile and the
extremes of each by wall time, and the server's CPU time over the same span (its threads'
run time from ``/proc``, on Linux; on a loaded machine the wall time also holds the time the
server waited for a core). It checks that the last publication equals what a fresh
``didOpen`` of the final text publishes (the incremental path must not change a diagnostic).

On a machine shared with other work the wall time also holds the time the server waited
for a core. ``chrt -f 10 python bench/lsp_edit.py`` (Linux, as root) runs the bench and its
server ahead of every ordinary process, as on a machine where the editor's server has a
core when it needs one; ``--edits 100`` gives the issue's 50 edits of each kind.

``--breakdown`` then times, in this process (CPU time, median over ``--edits`` edits of the
same kind), the parts of one edit's work: the incremental re-parse (and a fresh parse, for
comparison), the whole engine, the per-edit lint the server runs instead
(``mojolint.incremental``: the definition-local rules on the definitions the edit reaches,
the others on the whole file when the edit can change what they report; it must publish
what the whole engine gives) with the cost of those whole-file rules when they run, how
many edits re-ran them, and how many edits it linted whole and why; then the
whole engine's parts: the shared query walk, the semantic model, each rule, the noqa
directives; and the conversion to LSP diagnostics.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import synthetic  # noqa: E402  (a sibling script, not a package)

TIMEOUT = 60.0


class Server:
    """A ``mojolint server`` subprocess and a thread that reads its messages."""

    def __init__(self, python: str, cwd: Path) -> None:
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        self.proc = subprocess.Popen([python, "-m", "mojolint", "server"], cwd=cwd, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
                elif line in (b"\r\n", b"\n"):
                    break
            if length is None:
                continue
            body = stream.read(length)
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        sent = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return sent

    def notify(self, method: str, params: Any) -> float:
        return self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def wait(self, want: Any) -> tuple[float, dict[str, Any]]:
        """The first message for which ``want(message)`` holds (answering the server's own
        requests on the way)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the server did not answer in time")
            received, message = self.messages.get(timeout=left)
            if "method" in message and "id" in message:  # a request from the server
                self.send({"id": message["id"], "result": None})
            if want(message):
                return received, message

    def cpu(self) -> float | None:
        """Seconds the server's threads have run so far (Linux), or None."""
        try:
            tasks = Path(f"/proc/{self.proc.pid}/task")
            return sum(int((task / "schedstat").read_text().split()[0])
                       for task in tasks.iterdir()) / 1e9
        except (OSError, ValueError, IndexError):
            return None

    def published(self, uri: str, version: int | None) -> tuple[float, dict[str, Any]]:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a server that is gone is stopped below
            ident = self.request("shutdown", None)
            self.wait(lambda m: m.get("id") == ident and "method" not in m)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def identifier_ends(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """(line, column) just after ``count`` identifiers at random lines of code."""
    lines = text.split("\n")
    candidates = []
    for number, line in enumerate(lines):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(("#", '"')):
            continue
        column = len(line) - len(stripped)
        word = 0
        while column + word < len(line) and (line[column + word].isalnum()
                                              or line[column + word] == "_"):
            word += 1
        if word:
            candidates.append((number, column + word))
    return rng.sample(candidates, count)


def change(uri: str, version: int, line: int, column: int, end: int, text: str
           ) -> dict[str, Any]:
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{
        "range": {"start": {"line": line, "character": column},
                  "end": {"line": line, "character": end}},
        "text": text}]}


def apply(text: str, line: int, column: int, end: int, new: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:column] + new + lines[line][end:]
    return "\n".join(lines)


MODES = ("didChange", "codeAction")


def _text(lines: int, seed: int, file: Path | None) -> str:
    """The document the edits go to: ``file``'s text, or a generated one."""
    return file.read_text(encoding="utf-8") if file is not None else synthetic.module(
        0, seed, lines)


def run(python: str, lines: int, edits: int, seed: int, pause: float, file: Path | None = None
        ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    timings: dict[str, list[float]] = {mode: [] for mode in MODES}
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    with tempfile.TemporaryDirectory(prefix="mojolint-lsp-bench-") as tmp:
        folder = Path(tmp)
        text = _text(lines, seed, file)
        path = folder / "big.mojo"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        server = Server(python, folder)
        try:
            ident = server.request("initialize", {
                "processId": os.getpid(), "rootUri": folder.as_uri(),
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}}})
            server.wait(lambda m: m.get("id") == ident)
            server.notify("initialized", {})
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "mojo", "version": 1, "text": text}})
            server.published(uri, 1)
            version = 1
            rng = random.Random(seed)
            places = identifier_ends(text, rng, edits)
            last: dict[str, Any] = {"params": {"diagnostics": None}}
            for number in range(edits):
                mode = MODES[number % 2]
                line, column = places[number]
                # Type a letter, then (next edit, elsewhere) the letter before goes again.
                # The user's next key comes a moment after the last diagnostics, not at once.
                time.sleep(pause)
                version += 1
                params = change(uri, version, line, column, column, "q")
                text = apply(text, line, column, column, "q")
                before = server.cpu()
                sent = server.notify("textDocument/didChange", params)
                if mode == "codeAction":
                    server.request("textDocument/codeAction", {
                        "textDocument": {"uri": uri},
                        "range": {"start": {"line": line, "character": 0},
                                  "end": {"line": line, "character": column + 1}},
                        "context": {"diagnostics": []}})
                received, _ = server.published(uri, version)
                after = server.cpu()
                timings[mode].append(received - sent)
                if before is not None and after is not None:
                    cpu[mode].append(after - before)
                version += 1
                text = apply(text, line, column, column + 1, "")
                server.notify("textDocument/didChange",
                              change(uri, version, line, column, column + 1, ""))
                _, last = server.published(uri, version)
            # The incremental path must publish what linting the final text afresh does.
            fresh = folder / "fresh.mojo"
            fresh.write_text(text, encoding="utf-8")
            server.notify("textDocument/didOpen", {"textDocument": {
                "uri": fresh.as_uri(), "languageId": "mojo", "version": 1, "text": text}})
            _, again = server.published(fresh.as_uri(), 1)
            if last["params"]["diagnostics"] != again["params"]["diagnostics"]:
                raise SystemExit("lsp_edit: the diagnostics after the edits differ from a "
                                 "fresh lint of the same text")
        finally:
            server.close()
    return timings, cpu


def _median(values: list[float]) -> float:
    return statistics.median(values) * 1000


def breakdown(lines: int, edits: int, seed: int, file: Path | None = None
              ) -> dict[str, float]:
    """Median CPU milliseconds of each part of one edit's work, in this process."""
    from mojolint import engine, incremental
    from mojolint import parser as mojo_parser
    from mojolint.config import ConfigResolver
    from mojolint.lineindex import LineIndex
    from mojolint.noqa import parse_directives
    from mojolint.queries import FileQueries, batch_for
    from mojolint.registry import get_registry
    from mojolint.rule import Context
    from mojolint.server import Linted, SourceMap, reparse

    clock = time.process_time
    text = _text(lines, seed, file)
    source = text.encode()
    registry = get_registry()
    with tempfile.TemporaryDirectory(prefix="mojolint-lsp-bench-") as tmp:
        path = Path(tmp) / "big.mojo"
        path.write_bytes(source)
        settings = ConfigResolver(registry).settings_for_file(path)
        rules = [rule for rule in registry.enabled_rules(settings, path)
                 if not rule.engine_driven]
        batch = batch_for(engine.rule_queries(rules))
        tree = mojo_parser.parse(source)
        engine.lint_source(source, path, settings, registry=registry, tree=tree)  # warm up
        state = incremental.lint(source, tree, path, settings, registry, "big.mojo")
        whole_rules = [rule for rule in rules if not rule.definition_local]
        parts: dict[str, list[float]] = {}
        whole: list[str] = []
        rerun: list[int] = []

        def timed(name: str, start: float) -> float:
            now = clock()
            parts.setdefault(name, []).append(now - start)
            return now

        rng = random.Random(seed)
        places = identifier_ends(text, rng, edits)
        for line, column in places:
            new_text = apply(text, line, column, column, "q")
            new = new_text.encode()
            start = clock()
            new_tree = reparse(tree, source, new)
            start = timed("re-parse (incremental)", start)
            mojo_parser.parse(new)
            start = timed("parse (fresh, not done)", start)
            begun = clock()
            diagnostics = engine.lint_source(new, path, settings, registry=registry,
                                             tree=new_tree)
            timed("engine (all but the parse)", begun)
            begun = clock()
            state = incremental.lint(new, new_tree, path, settings, registry, "big.mojo",
                                     state)
            timed("per-edit lint (the server's)", begun)
            if state.relinted is None:
                whole.append(state.whole_because)
            elif state.rerun:
                rerun.append(len(state.rerun))
            assert state.diagnostics == diagnostics, "the per-edit lint differs"
            begun = clock()
            engine.lint_tree(new, new_tree, path, settings, whole_rules,
                             display_path="big.mojo", lines=LineIndex(new))
            timed("  whole-file rules, when re-run", begun)
            start = clock()
            positions = SourceMap(new, "utf-16")
            linted = Linted("file:///big.mojo", 1, new, path, settings, diagnostics,
                            positions, new_tree)
            [linted.lsp_diagnostic(d) for d in diagnostics]
            timed("LSP diagnostics", start)
            # The engine's parts, once more by hand (the first rule to read the model
            # builds it: it is built first here, so that each rule's figure is its own).
            start = clock()
            context = Context(tree=new_tree, source=new, path=path, display_path="big.mojo",
                              settings=settings, lines=LineIndex(new),
                              queries=FileQueries(batch, new_tree.root_node))
            if context.queries is not None:
                context.queries.matches("")  # the shared walk
            start = timed("  shared query walk", start)
            if any(rule.uses_semantic or rule.uses_references for rule in rules):
                context.semantic  # noqa: B018  (built on first read)
            start = timed("  semantic model", start)
            for rule in rules:
                options = settings.options_for(rule.code, rule.options_type)
                list(rule.check(context.for_rule(rule, options)))
                start = timed(f"  rule {rule.code}", start)
            parse_directives(new_tree, new)
            timed("  noqa directives", start)
            context.per_file.clear()
            engine._forget_file_analyses()
            text, source, tree = new_text, new, new_tree
    found = {name: _median(values) for name, values in parts.items()}
    # How many edits the per-edit lint took the whole file for (and why), as a count.
    found["  edits it linted whole"] = float(len(whole))
    found["  edits that re-ran whole-file rules"] = float(len(rerun))
    for reason in sorted(set(whole)):
        found[f"    ({reason})"] = float(whole.count(reason))
    return found


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--lines", type=int, default=5000,
                     help="lines of the generated file the edits go to (default: 5000)")
    cli.add_argument("--edits", type=int, default=50,
                     help="one-character edits measured, alternately timed to the diagnostics "
                          "and to a code action (default: 50)")
    cli.add_argument("--seed", type=int, default=8,
                     help="random seed of the file and the edits (default: 8)")
    cli.add_argument("--python", default=sys.executable,
                     help="interpreter whose installed mojolint serves")
    cli.add_argument("--pause", type=float, default=0.1,
                     help="seconds between the last publication and the next measured edit, "
                     "as between two keys (the server may still be tidying up after a lint)")
    cli.add_argument("--file", type=Path,
                     help="edit this Mojo file's text instead of a generated one (linted "
                          "alone in a temporary folder: its project's other files are not "
                          "there)")
    cli.add_argument("--breakdown", action="store_true",
                     help="also time each part of one edit's work in this process")
    args = cli.parse_args(argv)
    timings, cpu = run(args.python, args.lines, args.edits, args.seed, args.pause, args.file)
    for mode, values in timings.items():
        ms = sorted(v * 1000 for v in values)
        p90 = ms[min(len(ms) - 1, round(0.9 * (len(ms) - 1)))]
        used = f", server CPU median {_median(cpu[mode]):.1f} ms" if cpu[mode] else ""
        print(f"{mode:10s} {len(ms)} edits: wall median {statistics.median(ms):.1f} ms, "
              f"90th percentile {p90:.1f} ms, min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms{used}")
    if args.breakdown:
        print(f"one edit's parts, CPU ms, median of {args.edits} edits (in this process):")
        parts = breakdown(args.lines, args.edits, args.seed, args.file)
        shown = [(name, value) for name, value in parts.items()
                 if not name.startswith("  rule ") or value >= 0.5]
        for name, value in shown:
            counted = name.startswith(("  edits ", "    ("))  # a count
            print(f"  {name:30s} {value:7.0f}" if counted else f"  {name:30s} {value:7.2f}")
        small = [value for name, value in parts.items()
                 if name.startswith("  rule ") and value < 0.5]
        if small:
            print(f"    {len(small)} other rules{'':15s} {sum(small):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
