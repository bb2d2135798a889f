"""``python -m mojolint`` runs the command line."""

from mojolint.cli import main

main()
