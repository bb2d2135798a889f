"""``python -m mojolint`` runs the command line.

``python -m`` puts the working directory first on ``sys.path``. In CI that is the checkout
of an untrusted pull request, and a ``*.dist-info`` folder committed in it would declare a
rule plugin that mojolint then imports: the working directory is dropped from the path
before anything else is imported (as ``python -P`` does), just like the ``mojolint`` script,
whose first entry is its own folder.
"""

import os
import sys


def _drop_working_directory(path: list[str]) -> None:
    here = os.getcwd()
    path[:] = [entry for entry in path if entry not in ("", ".") and
               os.path.abspath(entry) != here]


_drop_working_directory(sys.path)

from mojolint.cli import main  # noqa: E402

main()
