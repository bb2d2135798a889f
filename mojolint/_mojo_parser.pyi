"""Type stub for the compiled grammar extension (grammar/bindings/python/binding.c)."""

from typing import Any

def language() -> Any:
    """The Mojo tree-sitter language as a PyCapsule named ``tree_sitter.Language``."""
