"""``mojolint server`` end to end: a real LSP client (pytest-lsp) talks to the real server.

Each test starts ``python -m mojolint server`` as a subprocess whose working directory is a
temporary project (outside the checkout, so the installed package with its compiled parser
is what runs), initializes it with the capabilities a real editor sends, and drives it over
stdio as an editor would: open a document, read the published diagnostics, ask for code
actions and apply their edits, send changes, hover.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from conftest import run_subprocess, write_tree
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp.client import (
    DEFAULT_CLIENT_FEATURES,
    LanguageClient,
    client_capabilities,
    register_lsp_features,
)

pytestmark = pytest.mark.asyncio

TIMEOUT = 30.0

# Line 3 has non-ASCII text before the flagged call: "ï" is one UTF-16 unit and two UTF-8
# bytes, "🔥" two UTF-16 units and four bytes, so every position encoding gives another column.
SOURCE = """\
fn greet(shape: List[Int]) raises:
    var weights = full(shape, 2.5, DType.float32)
    print("naïve 🔥", weights._get_float64(0) + 1.0)
    weights._set_float64(3, 0.25)
    print("café")  # noqa: TS001
"""
CONFIG = 'select = ["MJ", "TS001"]\n'


class Client(LanguageClient):
    """pytest-lsp's client, also keeping every publication and registration in order."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.Registration] = []
        self.texts: dict[str, str] = {}
        self.versions: dict[str, int] = {}


def _on_publish(client: Client, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _on_register(client: Client, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> Client:
    client = Client()
    register_lsp_features(client, {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _on_publish,
        types.CLIENT_REGISTER_CAPABILITY: _on_register,
    })
    return client


Start = Callable[..., Awaitable[tuple[Client, types.InitializeResult]]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "project", {"mojolint.toml": CONFIG, "src/main.mojo": SOURCE})


@pytest_asyncio.fixture
async def start(project: Path) -> AsyncIterator[Start]:
    started: list[Client] = []

    async def run(editor: str = "visual-studio-code") -> tuple[Client, types.InitializeResult]:
        client = make_client()
        await client.start_io(sys.executable, "-m", "mojolint", "server", cwd=project)
        started.append(client)
        result = await asyncio.wait_for(client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=project.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=project.as_uri(), name="project")],
        )), TIMEOUT)
        return client, result

    yield run
    for client in started:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        await client.stop()  # type: ignore[no-untyped-call]


@pytest_asyncio.fixture
async def client(start: Start) -> Client:
    client, _ = await start()
    return client


# --- what an editor does -----------------------------------------------------------------


def uri_of(path: Path) -> str:
    return path.as_uri()


def open_document(client: Client, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    text = path.read_text(encoding="utf-8") if text is None else text
    client.texts[uri], client.versions[uri] = text, 1
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="mojo", version=1,
                                             text=text)))
    return uri


def change_document(client: Client, uri: str, text: str) -> int:
    """Replace the whole text (a full-document change); the new version."""
    client.versions[uri] += 1
    client.texts[uri] = text
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri,
                                                            version=client.versions[uri]),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
    ))
    return client.versions[uri]


async def diagnostics_for(client: Client, uri: str, version: int, after: int = 0
                          ) -> list[types.Diagnostic]:
    """The first diagnostics published for ``uri`` at ``version`` (after publication
    number ``after``)."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            for params in client.published[after:]:
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.02)

    return await asyncio.wait_for(wait(), TIMEOUT)


def utf16_index(line: str, character: int) -> int:
    """Index into ``line`` (code points) of an LSP character offset in UTF-16 units."""
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions, all relative to ``text``) as VS Code does."""
    lines = text.splitlines(keepends=True)

    def index(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        before = sum(map(len, lines[: position.line]))
        return before + utf16_index(lines[position.line], position.character)

    spans = sorted(((index(e.range.start), index(e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new_text in spans:
        text = text[:start] + new_text + text[end:]
    return text


def apply_action(client: Client, uri: str, action: types.CodeAction) -> str:
    assert action.edit is not None and action.edit.changes is not None
    assert set(action.edit.changes) == {uri}
    return apply_edits(client.texts[uri], list(action.edit.changes[uri]))


async def code_actions(client: Client, uri: str, range_: types.Range,
                       diagnostics: list[types.Diagnostic] | None = None,
                       only: list[str] | None = None) -> list[types.CodeAction]:
    result = await asyncio.wait_for(client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=range_,
            context=types.CodeActionContext(diagnostics=diagnostics or [], only=only),
        )), TIMEOUT)
    actions = [a for a in result or [] if isinstance(a, types.CodeAction)]
    assert len(actions) == len(result or [])
    return actions


def whole(text: str) -> types.Range:
    return types.Range(start=types.Position(line=0, character=0),
                       end=types.Position(line=len(text.splitlines()), character=0))


def codes(diagnostics: list[types.Diagnostic]) -> list[tuple[Any, int]]:
    return [(d.code, d.range.start.line) for d in diagnostics]


def registered_globs(client: Client) -> list[Any]:
    """Glob patterns the server asked the client to watch (options arrive unstructured)."""
    globs = []
    for registration in client.registrations:
        if registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES:
            options: Any = registration.register_options
            for watcher in options["watchers"]:
                globs.append(watcher["globPattern"])
    return globs


def fixed_by_cli(project: Path, tmp_path: Path, text: str) -> str:
    """What `mojolint check --fix` writes for ``text`` in a copy of the project."""
    copy = tmp_path / "cli-copy"
    shutil.copytree(project, copy)
    (copy / "src" / "main.mojo").write_text(text, encoding="utf-8")
    run_subprocess(["check", "--no-cache", "--fix", "src/main.mojo"], copy)
    return (copy / "src" / "main.mojo").read_text(encoding="utf-8")


# --- tests ------------------------------------------------------------------------------


async def test_open_quick_fix_change_and_the_diagnostic_goes(client: Client, project: Path
                                                             ) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    diagnostics = await diagnostics_for(client, uri, 1)
    assert codes(diagnostics) == [("TS001", 2), ("TS001", 3), ("MJ100", 4)]
    assert all(d.source == "mojolint" for d in diagnostics)
    target = diagnostics[0]
    line = SOURCE.splitlines()[2]
    # VS Code counts UTF-16 units: "🔥" is two of them.
    before = line[: line.index("weights._get_float64")]
    assert target.range.start.character == len(before.encode("utf-16-le")) // 2
    assert target.range.start.character != len(before)
    assert target.severity == types.DiagnosticSeverity.Warning

    actions = await code_actions(client, uri, target.range, [target])
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix
             and a.title.startswith("Use `_get_float32`")]
    assert len(fixes) == 1
    [fix] = fixes
    assert fix.is_preferred and fix.diagnostics and fix.diagnostics[0].code == "TS001"
    assert any(a.title == "Disable TS001 for this line" for a in actions)
    # Quick fixes for the other lines' diagnostics are not offered here.
    quick = [a.title for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 2 and not any("_set_float32" in title for title in quick)
    # Without `only`, the file-wide source actions come along, as editors expect.
    assert {a.kind for a in actions} == {types.CodeActionKind.QuickFix,
                                         "source.fixAll.mojolint", "source.addNoqa.mojolint"}

    new_text = apply_action(client, uri, fix)
    assert 'print("naïve 🔥", Float64(weights._get_float32(0)) + 1.0)' in new_text
    version = change_document(client, uri, new_text)
    after = await diagnostics_for(client, uri, version)
    assert codes(after) == [("TS001", 3), ("MJ100", 4)]


async def test_positions_follow_the_negotiated_encoding(start: Start, project: Path) -> None:
    client, result = await start("neovim")  # offers utf-8 first
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = open_document(client, project / "src" / "main.mojo")
    diagnostics = await diagnostics_for(client, uri, 1)
    line = SOURCE.splitlines()[2]
    before = line[: line.index("weights._get_float64")]
    assert diagnostics[0].range.start.character == len(before.encode("utf-8"))


async def test_hover_shows_the_rule_page(client: Client, project: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    diagnostics = await diagnostics_for(client, uri, 1)

    async def hover(line: int, character: int) -> types.Hover | None:
        return await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character))), TIMEOUT)

    on_diagnostic = await hover(diagnostics[0].range.start.line,
                                diagnostics[0].range.start.character + 3)
    assert on_diagnostic is not None
    assert isinstance(on_diagnostic.contents, types.MarkupContent)
    assert on_diagnostic.contents.kind == types.MarkupKind.Markdown
    page = on_diagnostic.contents.value
    assert page.startswith("# mismatched-accessor (TS001)")
    assert "## What it does" in page and "## Why is this bad?" in page
    cli_page = run_subprocess(["rule", "TS001"], project).stdout
    assert page.strip() == cli_page.strip()

    noqa_line = SOURCE.splitlines()[4]
    on_code = await hover(4, noqa_line.index("TS001") + 2)
    assert on_code is not None and isinstance(on_code.contents, types.MarkupContent)
    # The code pointed at comes first; the directive is also flagged (MJ100), so that
    # page follows.
    pages = on_code.contents.value.split("\n\n---\n\n")
    assert [page.splitlines()[0] for page in pages] == [
        "# mismatched-accessor (TS001)", "# unused-noqa (MJ100)"]
    assert on_code.range is not None
    assert on_code.range.start.character == noqa_line.index("TS001")
    assert on_code.range.end.character == noqa_line.index("TS001") + len("TS001")

    assert await hover(0, 1) is None


async def test_fix_all_source_action_matches_check_fix(client: Client, project: Path,
                                                       tmp_path: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    actions = await code_actions(client, uri, whole(SOURCE), only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.mojolint"]
    # VS Code resolves an action's edit when it is picked: the fixes are not run before.
    assert actions[0].edit is None
    resolved = await asyncio.wait_for(client.code_action_resolve_async(actions[0]), TIMEOUT)
    assert resolved.title == "Fix all auto-fixable problems (3 fixes)"
    new_text = apply_action(client, uri, resolved)
    assert new_text == fixed_by_cli(project, tmp_path, SOURCE)
    assert new_text != SOURCE
    version = change_document(client, uri, new_text)
    assert await diagnostics_for(client, uri, version) == []
    # Nothing left to fix: no action.
    assert await code_actions(client, uri, whole(new_text), only=["source.fixAll"]) == []


async def test_fix_all_comes_with_its_edit_for_a_client_that_cannot_resolve(
        start: Start, project: Path) -> None:
    client, _ = await start("emacs")
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    actions = await code_actions(client, uri, whole(SOURCE), only=["source.fixAll"])
    assert [a.title for a in actions] == ["Fix all auto-fixable problems (3 fixes)"]
    # (Emacs counts columns in code points, not UTF-16 units: the edit's text is checked.)
    edit = actions[0].edit
    assert edit is not None and edit.changes is not None
    [change] = edit.changes[uri]
    assert "Float64(weights._get_float32(0))" in change.new_text
    assert "_set_float32(3, 0.25)" in change.new_text


async def test_add_noqa_source_action(client: Client, project: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    actions = await code_actions(client, uri, whole(SOURCE), only=["source.addNoqa"])
    assert [a.kind for a in actions] == ["source.addNoqa.mojolint"]
    new_text = apply_action(client, uri, actions[0])
    lines = new_text.splitlines()
    assert lines[2].endswith("  # noqa: TS001") and lines[3].endswith("  # noqa: TS001")
    version = change_document(client, uri, new_text)
    # Only the stale directive on the last line remains (a noqa cannot silence MJ100).
    assert codes(await diagnostics_for(client, uri, version)) == [("MJ100", 4)]


async def test_source_actions_are_not_offered_as_quick_fixes(client: Client, project: Path
                                                             ) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    diagnostics = await diagnostics_for(client, uri, 1)
    actions = await code_actions(client, uri, diagnostics[2].range, [diagnostics[2]],
                                 only=[types.CodeActionKind.QuickFix])
    assert {a.kind for a in actions} == {types.CodeActionKind.QuickFix}
    [fix] = actions  # MJ100's fix; a noqa is never added for MJ100 itself
    new_text = apply_action(client, uri, fix)
    assert new_text.splitlines()[4] == '    print("café")'


async def test_edits_are_debounced(client: Client, project: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    seen = len(client.published)
    text = SOURCE
    versions = []
    for index in range(5):  # a burst of keystrokes, faster than the debounce delay
        text = text.replace("_set_float64(3", f"_set_float64({index + 4}")
        versions.append(change_document(client, uri, text))
    final = await diagnostics_for(client, uri, versions[-1], after=seen)
    assert codes(final) == [("TS001", 2), ("TS001", 3), ("MJ100", 4)]
    await asyncio.sleep(0.5)
    published = [p.version for p in client.published[seen:] if p.uri == uri]
    assert published == [versions[-1]]


def change_range(client: Client, uri: str, start: tuple[int, int], end: tuple[int, int],
                 new_text: str) -> int:
    """Replace a range (UTF-16 line/character positions) as an editor with incremental sync
    does; the new version."""
    lines = client.texts[uri].splitlines(keepends=True)

    def index(line: int, character: int) -> int:
        if line >= len(lines):
            return len(client.texts[uri])
        return sum(map(len, lines[:line])) + utf16_index(lines[line], character)

    text = client.texts[uri]
    client.texts[uri] = text[:index(*start)] + new_text + text[index(*end):]
    client.versions[uri] += 1
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri,
                                                            version=client.versions[uri]),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=start[0], character=start[1]),
                              end=types.Position(line=end[0], character=end[1])),
            text=new_text)],
    ))
    return client.versions[uri]


async def test_incremental_changes_publish_what_a_fresh_open_does(client: Client,
                                                                  project: Path) -> None:
    """Ranged changes to a CRLF file with non-ASCII text, each linted from the tree of the
    version before (re-parsed where it changed), publish after each step what a fresh
    open of the same text publishes."""
    path = project / "src" / "main.mojo"
    path.write_bytes(SOURCE.replace("\n", "\r\n").encode())
    uri = open_document(client, path)
    assert codes(await diagnostics_for(client, uri, 1)) == [
        ("TS001", 2), ("TS001", 3), ("MJ100", 4)]
    steps = [  # UTF-16 (line, character) positions, as VS Code sends them
        ((2, 17), (2, 17), "🔥"),                 # `print("naïve 🔥🔥", ...`
        ((2, 23), (2, 23), "("),                 # `"naïve 🔥🔥"(, weights`: a syntax error
        ((2, 23), (2, 24), ""),                  # mended
        ((3, 4), (3, 4), "var é = 1\r\n    "),   # a new line before line 3
        ((2, 4), (2, 9), ""),                    # `print` deleted
        ((0, 0), (6, 0), SOURCE.replace("\n", "\r\n")),  # all of it replaced
    ]
    seen = []
    for number, (start, end, text) in enumerate(steps):
        version = change_range(client, uri, start, end, text)
        found = await diagnostics_for(client, uri, version)
        fresh = project / "src" / f"fresh{number}.mojo"
        fresh.write_bytes(client.texts[uri].encode())
        again = await diagnostics_for(client, open_document(client, fresh), 1)
        assert found == again, client.texts[uri]
        seen.append(codes(found))
    assert "\r\n" in client.texts[uri]
    assert seen[0] == [("TS001", 2), ("TS001", 3), ("MJ100", 4)]
    assert ("MJ002", 2) in seen[1]
    assert seen[2] == seen[0]
    assert seen[3] == [("TS001", 2), ("TS001", 4), ("MJ100", 5)]
    assert seen[5] == seen[0]


async def test_save_relints_with_the_changed_config(client: Client, project: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    (project / "mojolint.toml").write_text(CONFIG + 'ignore = ["TS001"]\n', encoding="utf-8")
    seen = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert codes(await diagnostics_for(client, uri, 1, after=seen)) == [("MJ100", 4)]


async def test_watched_config_change_relints_open_documents(client: Client, project: Path
                                                            ) -> None:
    globs = registered_globs(client)
    if not globs:  # the registration arrives just after `initialized`
        await asyncio.sleep(0.5)
        globs = registered_globs(client)
    assert globs == ["**/*.toml"]
    uri = open_document(client, project / "src" / "main.mojo")
    await diagnostics_for(client, uri, 1)
    config = project / "mojolint.toml"
    config.write_text(CONFIG + 'ignore = ["MJ100"]\n', encoding="utf-8")
    seen = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    assert codes(await diagnostics_for(client, uri, 1, after=seen)) == [
        ("TS001", 2), ("TS001", 3)]


async def test_each_file_gets_its_nearest_config(client: Client, project: Path) -> None:
    write_tree(project, {"lib/mojolint.toml": 'select = ["MJ"]\n', "lib/other.mojo": SOURCE})
    main = open_document(client, project / "src" / "main.mojo")
    other = open_document(client, project / "lib" / "other.mojo")
    assert [c for c, _ in codes(await diagnostics_for(client, main, 1))] == [
        "TS001", "TS001", "MJ100"]
    # lib/ selects MJ only: TS001 is off there, so the directive is reported as unused.
    assert [c for c, _ in codes(await diagnostics_for(client, other, 1))] == ["MJ100"]


async def test_a_broken_config_is_shown_not_crashed_on(client: Client, project: Path
                                                       ) -> None:
    (project / "mojolint.toml").write_text('selct = ["ALL"]\n', encoding="utf-8")
    uri = open_document(client, project / "src" / "main.mojo")
    assert await diagnostics_for(client, uri, 1) == []
    [message] = client.messages
    assert message.type == types.MessageType.Error
    assert "mojolint.toml" in message.message and "selct" in message.message
    # Fixing the file brings the diagnostics back on the next lint.
    (project / "mojolint.toml").write_text(CONFIG, encoding="utf-8")
    version = change_document(client, uri, SOURCE)
    assert len(await diagnostics_for(client, uri, version)) == 3


async def test_closing_clears_the_diagnostics(client: Client, project: Path) -> None:
    uri = open_document(client, project / "src" / "main.mojo")
    assert await diagnostics_for(client, uri, 1)
    seen = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))

    async def cleared() -> None:
        while not any(p.uri == uri and not p.diagnostics for p in client.published[seen:]):
            await asyncio.sleep(0.02)

    await asyncio.wait_for(cleared(), TIMEOUT)
