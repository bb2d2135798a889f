"""The small commands: ``config``, ``linter``, ``clean`` and ``version``."""

from __future__ import annotations

import os
from collections import Counter

import click

from mojolint import __version__
from mojolint.cache import CACHE_DIR_NAME
from mojolint.commands.common import cwd_settings, fail, registry, warn


@click.command("version")
@click.option("--verbose", "-v", is_flag=True,
              help="Also print the Python, tree-sitter and grammar versions, and which modules "
                   "of the hot path this install runs compiled (mypyc).")
def version_command(verbose: bool) -> None:
    """Print mojolint's version."""
    click.echo(f"mojolint {__version__}")
    if not verbose:
        return
    import platform
    import sys
    from importlib.metadata import version

    from mojolint.compiled import MYPYC_MODULES, compiled_modules, module_name
    from mojolint.parser import LANGUAGE

    click.echo(f"python: {platform.python_version()} ({platform.python_implementation()}, "
               f"{sys.executable})")
    click.echo(f"tree-sitter: {version('tree-sitter')} (language ABI {LANGUAGE.abi_version})")
    grammar = ".".join(map(str, LANGUAGE.semantic_version or ())) or "unknown"
    click.echo(f"grammar: {LANGUAGE.name} {grammar}")
    wanted = [module_name(path) for path in MYPYC_MODULES]
    compiled = compiled_modules()
    if not compiled:
        click.echo(f"hot path: pure Python (none of its {len(wanted)} modules is compiled; "
                   "reinstall without MOJOLINT_NO_MYPYC, not editable, to compile them)")
        return
    click.echo(f"hot path: compiled with mypyc ({len(compiled)} of {len(wanted)} modules)")
    for name in wanted:
        click.echo(f"  {name}: {'compiled' if name in compiled else 'pure Python'}")


@click.command("config")
@click.argument("key", required=False)
def config_command(key: str | None) -> None:
    """List every setting, or print one setting's type, default, doc and example."""
    from mojolint.settings_schema import SETTINGS, setting

    if key is None:
        for item in SETTINGS:
            summary = item.doc.split(". ")[0].rstrip(".")
            click.echo(f"{item.key}: {summary}.\n    type: {item.type}; default: {item.default}")
        return
    found = setting(key.removeprefix("tool.mojolint."))
    if found is None:
        fail(f"unknown setting '{key}'; run `mojolint config` to list them")
    click.echo(f"{found.doc}\n\nType: {found.type}\nDefault value: {found.default}\n"
               f"Example usage:\n```toml\n{found.example}\n```")


@click.command("linter")
def linter_command() -> None:
    """List the rule groups (code prefixes) and how many rules each has."""
    from mojolint.groups import GROUPS, prefix_of

    rules = registry()
    counts = Counter(prefix_of(item.code) for item in rules.all_rules(cwd_settings(rules)))
    prefixes = [*GROUPS, *sorted(set(counts) - set(GROUPS))]
    for prefix in prefixes:
        if counts[prefix]:
            about = GROUPS.get(prefix, "rules from a plugin or a config's pattern-rules")
            click.echo(f"{prefix:<4}{counts[prefix]:>4} rules  {about}")


@click.command("clean")
def clean_command() -> None:
    """Remove every .mojolint_cache folder under the current folder."""
    removed = 0
    for top, dirs, _files in os.walk(".", followlinks=False):
        for name in list(dirs):
            if name != CACHE_DIR_NAME:
                continue
            dirs.remove(name)  # never walk into what is being removed
            path = os.path.join(top, name)
            try:
                if os.path.islink(path):
                    os.unlink(path)  # the link only, never what it points to
                else:
                    import shutil

                    shutil.rmtree(path)
            except OSError as error:
                warn(f"{path}: cannot remove: {error.strerror or error}")
                continue
            removed += 1
            click.echo(f"Removed {os.path.normpath(path)}")
    if not removed:
        click.echo(f"No {CACHE_DIR_NAME} folder found.")
