"""What ``mojolint check`` prints: the report with or without its summary, the progress
bar, diffs, and the fix summaries (``--show-fixes``, "Fixed 3 errors.").

The report's format writes the diagnostics; whether the human formats end with their
summary ("Found 3 errors.", "All checks passed!") is decided here, as a flag.
"""

from __future__ import annotations

import io
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from mojolint.commands.common import fail
from mojolint.escape import one_line
from mojolint.fileio import write_atomic

if TYPE_CHECKING:
    from mojolint.commands.arguments import CheckArguments
    from mojolint.report import Report

# Runs with at least this many files show a progress bar (on a terminal only).
PROGRESS_THRESHOLD = 50


def use_color(choice: str, *, to_terminal: bool) -> bool:
    """--color: always, never, or auto (a terminal, and NO_COLOR unset)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return to_terminal and "NO_COLOR" not in os.environ


def quiet_broken_pipe() -> NoReturn:
    """The reader of our output went away (``mojolint check | head -1``): stop quietly, as
    ruff does, and keep Python from complaining when it flushes stdout at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass
    raise SystemExit(0)


def errors(count: int) -> str:
    return f"{count} {'error' if count == 1 else 'errors'}"


def fix_summary(applied: Mapping[str, Counter[str]], names: Mapping[str, str] | None = None
                ) -> str:
    """The ``--show-fixes`` block: per file, how many fixes of each rule were applied.

    ``applied`` maps a display path to ``FixResult.applied``; ``names`` maps codes to rule
    names. Empty when nothing was fixed.
    """
    total = sum(sum(counts.values()) for counts in applied.values())
    if total == 0:
        return ""
    lines = [f"Fixed {errors(total)}:"]
    for path, counts in sorted(applied.items()):
        if not counts:
            continue
        lines.append(f"- {one_line(path)}:")
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name = f" ({names[code]})" if names and code in names else ""
            lines.append(f"    {count} x {code}{name}")
    return "\n".join(lines) + "\n"


def rule_names(report: Report) -> dict[str, str]:
    """Each code's rule name, for the fix summary (rules of the report first)."""
    from mojolint.registry import get_registry

    names = {code: doc.name for code, doc in report.rules.items()}
    for code, rule_cls in get_registry().classes.items():
        names.setdefault(code, rule_cls.name)
    return names


class Printer:
    """Writes what one ``check`` run shows, as its arguments ask."""

    def __init__(self, args: CheckArguments) -> None:
        self.args = args
        # The text of the report as last printed (None: none was), for mojolint.replay.
        self.printed: str | None = None

    # --- the report ------------------------------------------------------------------------

    def report(self, report: Report, *, to_stderr: bool = False, fixes: str = "",
               claim_success: bool = True) -> None:
        """The report in its format, after the ``--show-fixes`` block ``fixes``.

        ``claim_success``: whether "All checks passed!" may be said when nothing was found
        (not when nothing was linted, or a path could not be used).
        """
        from mojolint.output import BY_NAME, write_report

        args = self.args
        fmt = BY_NAME[args.output_format]
        if fixes and not fmt.human:
            import click

            click.echo(fixes, err=True, nl=False)  # keep machine-readable output parseable
            fixes = ""
        if args.output_file is None and args.surface.silent:
            self.printed = ""
            return  # printed nowhere: not even made
        something_found = any(f.diagnostics or f.fixes_applied for f in report.files)
        summary = ((claim_success or something_found)
                   and (not args.quiet or args.statistics))
        buffer = io.StringIO()
        color = self.color()
        write_report(report, args.output_format, buffer, color=color,
                     statistics=args.statistics, summary=summary)
        self.emit(fixes + buffer.getvalue(), to_stderr=to_stderr)

    def color(self) -> bool:
        """Whether the report is coloured (``--color``, a terminal, ``NO_COLOR``)."""
        to_terminal = self.args.output_file is None and sys.stdout.isatty()
        return use_color(self.args.surface.color, to_terminal=to_terminal)

    def emit(self, text: str, *, to_stderr: bool = False) -> None:
        """Write the report's ``text`` where it goes."""
        args = self.args
        self.printed = text
        if args.output_file is None:
            if not to_stderr:
                try:
                    data = text.encode("utf-8")  # strictly: no lone surrogates
                except UnicodeEncodeError:
                    pass
                else:
                    if self._to_stdout(data):
                        return
            # color=True: click would strip the escapes when stdout is not a terminal.
            import click

            click.echo(text, nl=False, err=to_stderr, color=True if self.color() else None)
            return
        self._write_file(text.encode("utf-8"))

    def emit_recorded(self, data: bytes) -> None:
        """Write a replayed report, the UTF-8 of a text :meth:`emit` wrote, as it wrote it."""
        if self.args.output_file is not None:
            self._write_file(data)  # a recorded text encoded to UTF-8 when it was written
            return
        try:
            data.decode("utf-8")  # strictly: no lone surrogates
        except UnicodeDecodeError:
            pass
        else:
            if self._to_stdout(data):
                return
        self.emit(data.decode("utf-8", "surrogatepass"))

    def _to_stdout(self, data: bytes) -> bool:
        """Write ``data``, valid UTF-8, straight to stdout's buffer when that gives the same
        bytes as ``click.echo`` (which importing took a tenth of a cached run, and a
        hundredth of a cold one): a UTF-8 stream without newline translation, and nothing
        for click to strip (no escape, or colour asked); whether it was written."""
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        encoding = str(getattr(stream, "encoding", "")).lower()
        if (data and buffer is not None and os.name == "posix"
                and encoding in ("utf-8", "utf8") and (b"\x1b" not in data or self.color())):
            stream.flush()
            buffer.write(data)
            buffer.flush()
            return True
        return False

    def _write_file(self, data: bytes) -> None:
        path = self.args.output_file
        assert path is not None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except OSError as error:
            fail(f"{path}: cannot write: {error.strerror or error}")

    # --- fixes -----------------------------------------------------------------------------

    def fix_summary(self, applied: Mapping[str, Counter[str]], report: Report) -> str:
        """The ``--show-fixes`` block, with a blank line after it (empty when nothing was
        fixed), to print before the report."""
        shown = fix_summary(applied, rule_names(report))
        return shown + "\n" if shown else ""

    def fix_summary_now(self, applied: Mapping[str, Counter[str]], report: Report) -> None:
        """The ``--show-fixes`` block on stderr (standard input: stdout may carry the
        fixed source)."""
        import click

        click.echo(fix_summary(applied, rule_names(report)), err=True, nl=False)

    def diff(self, path_label: str, old: bytes, new: bytes) -> None:
        import click

        from mojolint.diff import unified_diff  # difflib: only --diff runs need it

        click.echo(unified_diff(path_label, old, new), nl=False)

    def fixed_only(self, fixed: int, applied: Mapping[str, Counter[str]], report: Report
                   ) -> None:
        """--fix-only and --diff say what was (or would be) fixed, not what remains:
        ``fixed`` fixes in all, ``applied`` by file and code."""
        import click

        if self.args.fix.diff:
            if fixed and not self.args.quiet:
                click.echo(f"Would fix {errors(fixed)}.", err=True)
        elif self.args.fix.show_fixes:
            click.echo(fix_summary(applied, rule_names(report)), nl=False)
        elif fixed and not self.args.quiet:
            click.echo(f"Fixed {errors(fixed)}.")

    # --- progress --------------------------------------------------------------------------

    @contextmanager
    def progress(self, total: int) -> Iterator[Any]:
        """A progress bar on stderr for long runs on a terminal; a no-op otherwise.

        The bar starts with the first file the cache cannot serve (the engine says so with
        ``advance(0)``): a run the cache serves whole shows none and never imports rich."""
        enabled = not (self.args.quiet or self.args.surface.silent)
        if not enabled or total < PROGRESS_THRESHOLD or not _may_be_terminal(sys.stderr):
            yield None  # decided before importing rich, which these runs never need
            return
        with ExitStack() as stack:
            served = [0]  # files done before the bar started
            bar: list[Callable[[int], None]] = []

            def advance(n: int) -> None:
                if bar:
                    bar[0](n)
                elif n:
                    served[0] += n
                else:
                    bar.append(stack.enter_context(_progress_bar(total)))
                    bar[0](served[0])

            yield advance


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """rich's progress bar on stderr, when that is a terminal, and its ``advance``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda n: None
        return
    columns = (TextColumn("Linting"), BarColumn(), MofNCompleteColumn())
    # No refresh thread (auto_refresh=False): the engine forks its workers, and forking a
    # process with a running thread can deadlock the children. Redraw at most 10 times a
    # second from the caller's thread instead.
    with Progress(*columns, console=console, transient=True,
                  auto_refresh=False) as progress:
        task = progress.add_task("lint", total=total)
        drawn = [0.0]

        def advance(n: int) -> None:
            progress.advance(task, n)
            now = time.monotonic()
            if now - drawn[0] >= 0.1:
                drawn[0] = now
                progress.refresh()

        yield advance


def _may_be_terminal(stream: TextIO) -> bool:
    """False when rich's ``Console.is_terminal`` is certainly False for ``stream``: only
    ``TTY_COMPATIBLE=1``, a non-empty ``FORCE_COLOR`` or a tty make it True."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False
