"""One module per command; each exposes `register(subparsers)` and sets `run` on its parser.

A command that takes file paths names them in its parser defaults: `writes=(dest, …)` for files it
writes and `reads=(dest, …)` for files it reads. The entry point checks every written path with
services.output_guard before the command runs (never over the database, its backups or an input).
"""

from . import (
    audit,
    backup,
    campaign,
    check,
    demo,
    directive,
    district,
    export,
    import_,
    keys,
    package,
    photos,
    restore,
    stats,
    submissions,
    submit,
    summary,
    template,
    verify,
)

COMMAND_MODULES = (
    demo, stats, check, campaign, district, export, import_, template, package, submit, submissions, directive,
    keys, verify, photos, summary, backup, restore, audit,
)
