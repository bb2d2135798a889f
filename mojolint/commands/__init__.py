"""The commands of the ``mojolint`` command line, one module each.

``mojolint.cli`` declares the click group and adds these commands to it. A command's click
declarations build an arguments object by keyword (:mod:`.arguments`), the command runs,
and :func:`.status.exit_status` turns what happened into the one :class:`.status.ExitStatus`
the process exits with. What the user reads is written by :mod:`.printer`.
"""
