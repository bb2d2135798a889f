"""What a rule reports: diagnostics, their fixes, and the edits a fix is made of.

These are plain value objects shared by the engine, the fix engine, every output format,
the cache and the language server, so they stay small and serialisable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    """How serious a diagnostic is; maps onto SARIF levels and LSP severities."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    """How safe it is to apply a fix without a human looking (ruff's model)."""

    SAFE = "safe"  # keeps behaviour: applied by --fix
    UNSAFE = "unsafe"  # may change behaviour or types: needs --unsafe-fixes
    DISPLAY_ONLY = "display-only"  # shown as a suggestion, never applied


@dataclass(frozen=True, order=True)
class Edit:
    """Replace source bytes ``[start, end)`` with ``content`` (UTF-8 text)."""

    start: int
    end: int
    content: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "content": self.content}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Edit:
        return cls(int(data["start"]), int(data["end"]), str(data["content"]))


@dataclass(frozen=True)
class Fix:
    """A set of edits applied together, or not at all."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    # Fixes that share an isolation key are never applied in the same round.
    isolation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "applicability": self.applicability.value,
            "isolation": self.isolation,
            "edits": [edit.to_dict() for edit in self.edits],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fix:
        return cls(
            title=str(data["title"]),
            edits=tuple(Edit.from_dict(e) for e in data["edits"]),
            applicability=Applicability(data["applicability"]),
            isolation=data.get("isolation"),
        )


@dataclass(frozen=True)
class Position:
    """A place in a file: 1-based line, 1-based column counted in characters, 0-based byte."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True)
class Diagnostic:
    """One finding of one rule in one file."""

    code: str
    message: str
    start: Position
    end: Position
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    # Extra facts a rule wants to show (e.g. where an inferred dtype came from).
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "severity": self.severity.value,
            "start": {"line": self.start.line, "column": self.start.column,
                      "offset": self.start.offset},
            "end": {"line": self.end.line, "column": self.end.column, "offset": self.end.offset},
            "fix": self.fix.to_dict() if self.fix else None,
            "notes": list(self.notes),
        }

    def to_row(self) -> list[Any]:
        """The diagnostic as a flat list (the cache's form: about half the bytes of
        ``to_dict``'s, and quicker to read back with :meth:`from_row`)."""
        start, end, fix = self.start, self.end, self.fix
        return [self.code, self.message, self.severity.value, start.line, start.column,
                start.offset, end.line, end.column, end.offset,
                None if fix is None else [fix.title, fix.applicability.value, fix.isolation,
                                          [[e.start, e.end, e.content] for e in fix.edits]],
                list(self.notes)]

    @classmethod
    def from_row(cls, row: list[Any]) -> Diagnostic:
        """The inverse of :meth:`to_row`; raises ValueError, TypeError or KeyError on a row
        of another shape."""
        code, message, severity, line, column, offset, end_line, end_column, end_offset, \
            fix, notes = row
        # Positional arguments and the enums' members by value: a warm run makes thousands.
        if fix is not None:
            title, applicability, isolation, edits = fix
            fix = Fix(str(title), tuple([Edit(int(start), int(end), str(content))
                                         for start, end, content in edits]),
                      _APPLICABILITY[applicability], isolation)
        return cls(str(code), str(message), Position(int(line), int(column), int(offset)),
                   Position(int(end_line), int(end_column), int(end_offset)),
                   _SEVERITY[severity], fix, tuple(notes))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diagnostic:
        def pos(p: dict[str, Any]) -> Position:
            return Position(int(p["line"]), int(p["column"]), int(p["offset"]))

        return cls(
            code=str(data["code"]),
            message=str(data["message"]),
            start=pos(data["start"]),
            end=pos(data["end"]),
            severity=Severity(data["severity"]),
            fix=Fix.from_dict(data["fix"]) if data.get("fix") else None,
            notes=tuple(data.get("notes", ())),
        )


_SEVERITY: dict[Any, Severity] = {member.value: member for member in Severity}
_APPLICABILITY: dict[Any, Applicability] = {member.value: member for member in Applicability}
