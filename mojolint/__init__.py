"""mojolint: a static analyzer for Mojo."""

# The package version; pyproject.toml reads it from here (tool.setuptools.dynamic).
__version__ = "0.1.0"

__all__ = ["__version__"]
