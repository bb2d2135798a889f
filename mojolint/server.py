"""``mojolint server``: a language server over stdio for editors, built on pygls.

What it offers:

* diagnostics when a document is opened or saved, and while it is edited: an edit is
  linted once no change has come for ``DEBOUNCE_SECONDS`` (20 ms) and the server has nothing
  else to read, so a burst of changes (sent together, or come while a lint ran) is linted
  once, for its last text; the document is re-parsed incrementally (the previous tree,
  edited where the text changed), and an edit inside one definition re-runs the rules that
  allow it on the definitions the edit can reach only (:mod:`mojolint.incremental`; the
  others, such as unused imports, still see the whole file);
* a quick fix per fixable diagnostic, and "Disable CODE for this line" (a ``# noqa``);
* source actions ``source.fixAll.mojolint`` (the safe fixes ``mojolint check --fix``
  applies) and ``source.addNoqa.mojolint`` (what ``--add-noqa`` writes);
* hover on a diagnostic, or on a code in a ``# noqa`` comment, shows the rule's page;
* each document is linted with the configuration nearest to it, as the command line does,
  and the configuration is reloaded when a config file changes (through watched-file
  notifications when the client offers them, and by checking the config files' stamps
  before each lint when it does not).

Positions are converted to the encoding negotiated with the client (UTF-16 unless the client
offers UTF-8 or UTF-32), so columns line up on lines with non-ASCII text.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import json
import logging
import os
import re
import stat
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from mojolint import __version__
from mojolint.codes import UNUSED_NOQA
from mojolint.config import ConfigResolver
from mojolint.configfile import CONFIG_FILE_NAMES, ConfigError
from mojolint.diagnostics import Applicability, Diagnostic, Fix, Severity
from mojolint.fixes import FixPolicy, adapt_line_endings, uses_crlf
from mojolint.gcpause import cyclic_gc_paused
from mojolint.incremental import edited_range
from mojolint.lineindex import LineIndex
from mojolint.registry import Registry, get_registry
from mojolint.report import rule_page
from mojolint.settings import Settings

if TYPE_CHECKING:
    from tree_sitter import Tree

    from mojolint.incremental import FileLint

logger = logging.getLogger(__name__)

# Seconds to wait after an edit before linting, counted from the last change; then the lint
# also waits until every message already received has been handled (see _StdinReader). A
# burst of changes sent together is linted once; typing, whose keys come 100 ms or more
# apart, gets each key's diagnostics about this much later than the lint itself takes.
DEBOUNCE_SECONDS = 0.02
# How long a lint waits at most for a message that is arriving (part of it read) to be whole.
INPUT_WAIT_SECONDS = 0.2
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.mojolint"
ADD_NOQA_KIND = f"{types.CodeActionKind.Source.value}.addNoqa.mojolint"
# Config files are TOML; an ``extend`` base may have any name, so watch every one.
CONFIG_GLOB = "**/*.toml"
_CODE = re.compile(rb"[A-Z]+[0-9]+")

_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

Stamp = tuple[int, int] | None


# --- positions ----------------------------------------------------------------------------


class SourceMap:
    """Byte offsets of one document's UTF-8 source ↔ LSP positions in one encoding."""

    def __init__(self, source: bytes, encoding: str) -> None:
        self.source = source
        self.encoding = encoding
        self.line_starts = LineIndex(source).line_starts

    def _units(self, text: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(text.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(text)
        return len(text.encode("utf-16-le")) // 2

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.source)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        prefix = self.source[self.line_starts[line]:offset].decode("utf-8", errors="replace")
        return types.Position(line=line, character=self._units(prefix))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        if position.line >= len(self.line_starts):
            return len(self.source)
        start = self.line_starts[position.line]
        has_next = position.line + 1 < len(self.line_starts)
        end = self.line_starts[position.line + 1] - 1 if has_next else len(self.source)
        text = self.source[start:end].decode("utf-8", errors="replace")
        units = 0
        for index, char in enumerate(text):
            if units >= position.character:
                return start + len(text[:index].encode("utf-8"))
            units += self._units(char)
        return end

    def edit(self, new: bytes) -> types.TextEdit | None:
        """One edit turning this source into ``new``: the changed middle, not the whole file
        (whole characters, and a CRLF line end whole, at both ends)."""
        found = edited_range(self.source, new)
        if found is None:
            return None
        old = self.source
        start, old_end, new_end = found
        while start > 0 and ((start < len(old) and old[start] & 0xC0 == 0x80)
                             or old[start - 1:start + 1] == b"\r\n"):
            start -= 1
        while old_end < len(old) and (old[old_end] & 0xC0 == 0x80
                                      or old[old_end - 1:old_end + 1] == b"\r\n"):
            old_end += 1
            new_end += 1
        inserted = new[start:new_end].decode("utf-8", errors="replace")
        return types.TextEdit(range=self.range(start, old_end), new_text=inserted)


# --- incremental re-parse -----------------------------------------------------------------

def _point(source: bytes, offset: int) -> tuple[int, int]:
    """tree-sitter's (row, byte column) of ``offset``."""
    row = source.count(b"\n", 0, offset)
    return row, offset - (source.rfind(b"\n", 0, offset) + 1)


def reparse(tree: Tree, old: bytes, new: bytes) -> Tree:
    """The parse of ``new``, made from ``tree`` (the parse of ``old``): a copy of the tree is
    told the edit, and the parser re-parses only what the edit touched. ``tree`` itself is
    left as it was."""
    from mojolint import parser as mojo_parser

    edit = edited_range(old, new)
    if edit is None:
        return tree
    start, old_end, new_end = edit
    edited = tree.copy()
    edited.edit(start_byte=start, old_end_byte=old_end, new_end_byte=new_end,
                start_point=_point(old, start), old_end_point=_point(old, old_end),
                new_end_point=_point(new, new_end))
    return mojo_parser.parse(new, edited)


# --- one linted version of a document -----------------------------------------------------


@dataclass
class Linted:
    """The diagnostics of one version of an open document, with what produced them."""

    uri: str
    version: int | None
    source: bytes
    path: Path | None
    settings: Settings | None  # None when its configuration is broken or it is excluded
    diagnostics: list[Diagnostic]
    positions: SourceMap
    # The parse of ``source`` (never edited: the next version's parse edits a copy), or None
    # when the document was not linted.
    tree: Tree | None = None
    # What lets the next version re-lint only what its edit reaches (mojolint.incremental).
    state: FileLint | None = None

    def lsp_diagnostic(self, diagnostic: Diagnostic) -> types.Diagnostic:
        message = "\n".join((diagnostic.message, *diagnostic.notes))
        tags = [types.DiagnosticTag.Unnecessary] if diagnostic.code == UNUSED_NOQA else None
        return types.Diagnostic(
            range=self.positions.range(diagnostic.start.offset, diagnostic.end.offset),
            message=message,
            severity=_SEVERITIES[diagnostic.severity],
            code=diagnostic.code,
            source="mojolint",
            tags=tags,
            data={"fixable": diagnostic.fix is not None},
        )

    def at(self, start: int, end: int) -> list[Diagnostic]:
        """Diagnostics touching the byte range ``[start, end]``."""
        return [d for d in self.diagnostics
                if d.start.offset <= end and start <= d.end.offset]


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a code action of ``kind`` was asked for (kinds are dot-separated prefixes)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


# --- the server ---------------------------------------------------------------------------


# A frame longer than this is a lie (or an attack): its header is dropped, not obeyed.
MAX_FRAME_BYTES = 64 * 1024 * 1024
# A Content-Length header, possibly glued to the tail of a malformed frame before it.
_CONTENT_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d{1,12})[ \t]*\r?\n?$", re.IGNORECASE)


async def read_frames(stop_event: threading.Event, reader: Any, protocol: Any,
                      error_handler: Any = None) -> None:
    """pygls' message loop, made to survive malformed input.

    A frame without a Content-Length, with one that is not a number or is absurd, or whose
    body is not JSON is dropped, and reading resumes at the next Content-Length header, even
    one glued to the garbage before it (pygls' own loop stops answering for good)."""
    length: int | None = None
    while not stop_event.is_set():
        header = await reader.readline()
        if not header:
            break
        match = _CONTENT_LENGTH.search(header)
        if match:
            value = int(match.group(1))
            length = value if 0 < value <= MAX_FRAME_BYTES else None
            if length is None:
                logger.warning("dropped a frame with Content-Length %s", value)
            continue
        if header.strip() or length is None:
            continue  # another header (Content-Type), or a blank line with no usable length
        body = await reader.readexactly(length)
        length = None
        if not body:
            break
        try:
            message = json.loads(body, object_hook=protocol.structure_message)
            protocol.handle_message(message)
        except Exception as error:  # a malformed body must not end the session
            logger.warning("dropped a malformed message: %s", error)
            if error_handler is not None:
                with contextlib.suppress(Exception):
                    error_handler(error, JsonRpcException)


class _StdinReader:
    """Standard input read by a thread of its own into a buffer that the message loop reads
    frames from (pygls' reader asks a thread pool for every line instead).

    What it adds is :meth:`waiting`: whether bytes have come that no message was made of yet.
    The server lints an edited document only when nothing is waiting, so the changes that
    came while a lint ran, or together in one burst, are all applied first and linted once,
    for the last text."""

    def __init__(self, stream: BinaryIO, loop: asyncio.AbstractEventLoop) -> None:
        self._fd = stream.fileno()
        self._loop = loop
        self._buffer = bytearray()
        self._ended = False
        self._lock = threading.Lock()
        self._arrived = asyncio.Event()
        threading.Thread(target=self._pump, name="mojolint-stdin", daemon=True).start()

    def _pump(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 1 << 16)
            except OSError:
                chunk = b""
            with self._lock:
                if chunk:
                    self._buffer += chunk
                else:
                    self._ended = True
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody reads
                self._loop.call_soon_threadsafe(self._arrived.set)
            if not chunk:
                return

    def waiting(self) -> bool:
        with self._lock:
            return bool(self._buffer)

    async def _take(self, size: Any) -> bytes:
        """The first ``size(buffer)`` bytes once it is not None (or what is left at the
        end of the input)."""
        while True:
            with self._lock:
                end = size(self._buffer)
                if end is None and self._ended:
                    end = len(self._buffer)
                if end is not None:
                    taken = bytes(self._buffer[:end])
                    del self._buffer[:end]
                    return taken
                self._arrived.clear()
            await self._arrived.wait()

    async def readline(self) -> bytes:
        return await self._take(lambda buffer: None if (end := buffer.find(b"\n")) == -1
                                else end + 1)

    async def readexactly(self, n: int) -> bytes:
        return await self._take(lambda buffer: n if len(buffer) >= n else None)


class MojolintServer(LanguageServer):
    def __init__(self, registry: Registry, debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__("mojolint", __version__)
        self.registry = registry
        self.debounce = debounce
        self.resolver = ConfigResolver(registry)
        # Every config-file candidate consulted since the last reload, with its stamp.
        self.config_stamps: dict[Path, Stamp] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.shown_errors: set[str] = set()
        self.reader: _StdinReader | None = None

    def _start_io_async(self, stdin: Any = None, stdout: Any = None) -> None:
        """pygls' stdio server with :func:`read_frames` as its message loop."""
        from pygls.io_ import StdinAsyncReader, StdoutWriter

        stop = self._stop_event = threading.Event()
        stream = stdin or sys.stdin.buffer
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

        async def loop() -> None:
            reader: Any
            try:
                reader = self.reader = _StdinReader(stream, asyncio.get_running_loop())
            except (AttributeError, OSError, ValueError):  # no file descriptor to read
                reader = StdinAsyncReader(stream, self.thread_pool)
            await read_frames(stop, reader, self.protocol,
                              self.report_server_error)

        try:
            asyncio.run(loop())
        except BrokenPipeError:
            logger.error("the connection to the client is lost; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]

    # configuration

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def reload_config(self) -> None:
        logger.info("configuration changed; reloading")
        self.resolver = ConfigResolver(self.registry)
        self.config_stamps.clear()
        self.shown_errors.clear()

    def config_changed(self) -> bool:
        return any(_stamp(path) != stamp for path, stamp in self.config_stamps.items())

    def settings_for(self, path: Path) -> Settings:
        if self.config_changed():
            self.reload_config()
        directory = Path(os.path.abspath(path)).parent
        for folder in (directory, *directory.parents):
            for name in CONFIG_FILE_NAMES:
                candidate = folder / name
                if candidate not in self.config_stamps:
                    self.config_stamps[candidate] = _stamp(candidate)
        return self.resolver.settings_for_file(path)

    def config_problem(self, message: str) -> None:
        """Tell the user once per distinct problem; the log gets every occurrence."""
        logger.error(message)
        if message not in self.shown_errors:
            self.shown_errors.add(message)
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"mojolint: {message}"))

    # linting

    def path_of(self, uri: str) -> Path | None:
        if not uri.startswith("file:"):
            return None
        fs_path = to_fs_path(uri)
        return Path(fs_path) if fs_path else None

    def document_source(self, uri: str) -> tuple[int | None, str]:
        """A document's version and text. One the client has not opened is read from disk
        only when it is a regular file (pygls would read a FIFO or a device forever), and
        is empty otherwise."""
        opened = self.workspace.text_documents.get(uri)
        if opened is not None:
            return opened.version, opened.source
        path = self.path_of(uri)
        if path is None:
            return None, ""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except (OSError, ValueError):
            return None, ""
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None, ""
            return None, handle.read().decode("utf-8", "replace")

    def lint(self, uri: str) -> Linted:
        from mojolint.discovery import is_excluded
        from mojolint.engine import lint_source
        from mojolint.incremental import lint as lint_incrementally
        from mojolint.paths import display_path

        version, text = self.document_source(uri)
        source = text.encode("utf-8")
        path = self.path_of(uri)
        settings: Settings | None
        diagnostics: list[Diagnostic] = []
        tree = None
        state = None
        try:
            settings = self.settings_for(path or self._untitled_path())
        except ConfigError as error:
            self.config_problem(str(error))
            settings = None
        if settings is not None and path is not None and is_excluded(path, settings, False):
            settings = None  # excluded by the project's config: not linted, as by `check`
        if settings is not None:
            shown = display_path(path) if path is not None else uri
            tree = self.parse(uri, source)
            if tree is None:  # the engine parses, and reports the parser's failure
                diagnostics = lint_source(source, path, settings, display_path=shown,
                                          registry=self.registry)
            else:
                previous = self.linted.get(uri)
                state = lint_incrementally(source, tree, path, settings, self.registry, shown,
                                           previous.state if previous is not None else None)
                diagnostics = state.diagnostics
        linted = Linted(uri, version, source, path, settings, diagnostics,
                        SourceMap(source, self.encoding), tree, state)
        self.linted[uri] = linted
        return linted

    def parse(self, uri: str, source: bytes) -> Tree | None:
        """The tree of a document's new ``source``: the last linted version's tree re-parsed
        where the text changed, or a fresh parse. None when the parser fails (the engine
        then parses, and reports the failure as any run does)."""
        from mojolint import parser as mojo_parser

        previous = self.linted.get(uri)
        try:
            if previous is not None and previous.tree is not None:
                return reparse(previous.tree, previous.source, source)
            return mojo_parser.parse(source)
        except Exception as error:  # a parser crash must not take the server down
            logger.warning("could not parse %s: %s", uri, error)
            return None

    def _untitled_path(self) -> Path:
        root = self.workspace.root_path
        return Path(root or os.getcwd()) / "untitled.mojo"

    def publish(self, linted: Linted) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=linted.uri,
            version=linted.version,
            diagnostics=[linted.lsp_diagnostic(d) for d in linted.diagnostics],
        ))

    def lint_now(self, uri: str) -> Linted:
        self.cancel_pending(uri)
        with _collect_after():
            linted = self.lint(uri)
            self.publish(linted)
        return linted

    def cancel_pending(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def lint_later(self, uri: str) -> None:
        self.cancel_pending(uri)
        self.pending[uri] = asyncio.get_running_loop().create_task(self._debounced(uri))

    async def _debounced(self, uri: str) -> None:
        await asyncio.sleep(self.debounce)
        # Messages already (partly) received go first: a later change to this document
        # cancels this lint and schedules its own. Bounded, in case the input stops
        # half-way through a message.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + INPUT_WAIT_SECONDS
        while self.reader is not None and self.reader.waiting() and loop.time() < deadline:
            await asyncio.sleep(0.001)
        self.pending.pop(uri, None)
        if uri in self.linted:  # still open
            self.lint_now(uri)

    def current(self, uri: str) -> Linted:
        """The diagnostics of the document as it is now (linting it if an edit is pending)."""
        linted = self.linted.get(uri)
        version, text = self.document_source(uri)
        if (linted is None or linted.version != version
                or linted.source != text.encode("utf-8")):
            linted = self.lint_now(uri)
        return linted

    def relint_all(self) -> None:
        for uri in list(self.linted):
            self.lint_now(uri)

    # code actions

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        linted = self.current(params.text_document.uri)
        if linted.settings is None:
            return []
        only = params.context.only
        positions = linted.positions
        actions: list[types.CodeAction] = []
        if _wants(only, types.CodeActionKind.QuickFix):
            start = positions.offset(params.range.start)
            end = positions.offset(params.range.end)
            policy = FixPolicy.from_settings(linted.settings, unsafe=True)
            for diagnostic in linted.at(start, end):
                if diagnostic.fix is not None and policy.is_fixable(diagnostic.code):
                    actions.append(self.quick_fix(linted, diagnostic, diagnostic.fix))
            for diagnostic in linted.at(start, end):
                action = self.disable_for_line(linted, diagnostic)
                if action is not None:
                    actions.append(action)
        if _wants(only, FIX_ALL_KIND):
            action = self.fix_all_later(linted) if self.resolves_edits() else self.fix_all(
                linted)
            if action is not None:
                actions.append(action)
        if _wants(only, ADD_NOQA_KIND):
            action = self.add_noqa(linted, linted.diagnostics, "Add `# noqa` for every "
                                   "violation in this file", ADD_NOQA_KIND)
            if action is not None:
                actions.append(action)
        return actions

    def _workspace_edit(self, linted: Linted, edits: list[types.TextEdit]
                        ) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(changes={linted.uri: edits})

    def quick_fix(self, linted: Linted, diagnostic: Diagnostic, fix: Fix) -> types.CodeAction:
        crlf = uses_crlf(linted.source)
        edits = [
            types.TextEdit(range=linted.positions.range(edit.start, edit.end),
                           new_text=adapt_line_endings(edit.content, crlf))
            for edit in sorted(fix.edits)
        ]
        applicability = fix.applicability
        note = "" if applicability is Applicability.SAFE else f", {applicability.value}"
        return types.CodeAction(
            title=f"{fix.title} ({diagnostic.code}{note})",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[linted.lsp_diagnostic(diagnostic)],
            is_preferred=applicability is Applicability.SAFE,
            edit=self._workspace_edit(linted, edits),
        )

    def disable_for_line(self, linted: Linted, diagnostic: Diagnostic
                         ) -> types.CodeAction | None:
        action = self.add_noqa(linted, [diagnostic],
                               f"Disable {diagnostic.code} for this line",
                               types.CodeActionKind.QuickFix)
        if action is not None:
            action.diagnostics = [linted.lsp_diagnostic(diagnostic)]
        return action

    def add_noqa(self, linted: Linted, diagnostics: Sequence[Diagnostic], title: str,
                 kind: str) -> types.CodeAction | None:
        from mojolint import parser as mojo_parser
        from mojolint.noqa import add_noqa

        tree = linted.tree if linted.tree is not None else mojo_parser.parse(linted.source)
        updated, count = add_noqa(linted.source, tree, diagnostics,
                                  self.registry.codes_where(lambda rule: not rule.noqa_addable))
        edit = linted.positions.edit(updated) if count else None
        if edit is None:
            return None
        return types.CodeAction(title=title, kind=kind,
                                edit=self._workspace_edit(linted, [edit]))

    def resolves_edits(self) -> bool:
        """Whether the client fills a code action's edit in later (``codeAction/resolve``)."""
        text = self.client_capabilities.text_document
        code_action = text.code_action if text is not None else None
        support = code_action.resolve_support if code_action is not None else None
        return support is not None and "edit" in support.properties

    def fix_all_later(self, linted: Linted) -> types.CodeAction | None:
        """The fix-all action without its edit, which ``codeAction/resolve`` computes when
        the user picks it: fixing runs the rules again after each round, several lints'
        worth of work, and editors ask for code actions whenever the cursor moves."""
        settings = linted.settings
        if settings is None:
            return None
        policy = FixPolicy.from_settings(settings, unsafe=False)
        if not any(d.fix is not None and policy.applicable(d) for d in linted.diagnostics):
            return None
        return types.CodeAction(title="Fix all auto-fixable problems", kind=FIX_ALL_KIND,
                                data={"uri": linted.uri})

    def resolve(self, action: types.CodeAction) -> types.CodeAction:
        """Fill in the edit of an action offered by :meth:`fix_all_later`, for the document
        as it is now (an action whose fixes no longer change anything gets an empty edit)."""
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        if action.kind != FIX_ALL_KIND or not isinstance(uri, str) or action.edit is not None:
            return action
        linted = self.current(uri)
        built = self.fix_all(linted)
        if built is None:
            action.edit = self._workspace_edit(linted, [])
        else:
            action.edit, action.title = built.edit, built.title
        return action

    def fix_all(self, linted: Linted) -> types.CodeAction | None:
        from mojolint.engine import fix_job

        settings = linted.settings
        if settings is None or not any(d.fix is not None for d in linted.diagnostics):
            return None
        policy = FixPolicy.from_settings(settings, unsafe=False)
        shown = str(linted.path) if linted.path is not None else linted.uri
        result = fix_job(linted.source, linted.diagnostics, linted.path, settings, shown,
                         policy)
        edit = linted.positions.edit(result.fixed)
        if edit is None:
            return None
        count = result.fix_count
        return types.CodeAction(
            title=f"Fix all auto-fixable problems ({count} {'fix' if count == 1 else 'fixes'})",
            kind=FIX_ALL_KIND,
            edit=self._workspace_edit(linted, [edit]),
        )

    # hover

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        linted = self.current(params.text_document.uri)
        offset = linted.positions.offset(params.position)
        # A rule code in a suppression comment is what the user points at: its page first.
        found = _noqa_code_at(linted.source, offset)
        pointed = [found[0]] if found is not None else []
        span = found[1] if found is not None else None
        codes = list(dict.fromkeys([*pointed, *(d.code for d in linted.at(offset, offset))]))
        docs = self.registry.docs(linted.settings) if codes else {}
        pages = [rule_page(docs[code]) for code in codes if code in docs]
        if not pages:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value="\n\n---\n\n".join(pages)),
            range=linted.positions.range(*span) if span else None,
        )


def _noqa_code_at(source: bytes, offset: int) -> tuple[str, tuple[int, int]] | None:
    """The rule code under ``offset`` when it sits in a ``noqa`` directive on its line."""
    line_start = source.rfind(b"\n", 0, offset) + 1
    line_end = source.find(b"\n", offset)
    line = source[line_start:line_end if line_end != -1 else len(source)]
    directive = line.find(b"noqa")
    if directive == -1 or b"#" not in line[:directive]:
        return None
    for match in _CODE.finditer(line, directive):
        start, end = line_start + match.start(), line_start + match.end()
        if start <= offset <= end:
            return match.group().decode("ascii"), (start, end)
    return None


@contextlib.contextmanager
def _collect_after() -> Iterator[None]:
    """Python's cyclic garbage collector paused until the diagnostics are published, then
    run at once.

    The engine pauses it while the rules run and would let it free their cyclic garbage (the
    semantic model, the analyses) as soon as it is done: about 8 ms of a 5,000-line file's
    lint, better spent after the publication than before it. Left to itself the collector
    would run at the next allocation, which is when the next message is read: the next
    edit's diagnostics would wait for it (they did, 12-24 ms)."""
    with cyclic_gc_paused(collect_after=True):
        yield


def _stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def create_server(registry: Registry | None = None,
                  debounce: float = DEBOUNCE_SECONDS) -> MojolintServer:
    server = MojolintServer(registry or get_registry(), debounce)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: MojolintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        files = watched.did_change_watched_files if watched else None
        if files is None or not files.dynamic_registration:
            return  # config stamps are still checked before each lint
        registration = types.Registration(
            id="mojolint-config-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=CONFIG_GLOB)]),
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration]))
        except Exception as error:  # the client may refuse; stamps still catch changes
            logger.warning("could not watch config files: %s", error)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: MojolintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: MojolintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: MojolintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        if path is not None and path.suffix == ".toml":
            ls.reload_config()
            ls.relint_all()
        elif uri in ls.linted:
            ls.lint_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: MojolintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel_pending(uri)
        if ls.linted.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: MojolintServer,
                                 params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(".toml") for change in params.changes):
            ls.reload_config()
            ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[
            types.CodeActionKind.QuickFix, FIX_ALL_KIND, ADD_NOQA_KIND], resolve_provider=True),
    )
    def code_action(ls: MojolintServer, params: types.CodeActionParams
                    ) -> list[types.CodeAction]:
        return ls.code_actions(params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: MojolintServer, params: types.CodeAction) -> types.CodeAction:
        return ls.resolve(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: MojolintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params)

    return server


def serve(**options: Any) -> None:
    """Run the server on standard input and output until the client says exit."""
    create_server(**options).start_io()
