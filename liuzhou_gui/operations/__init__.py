"""What a user can do, one function per action (Anki's operations, without Qt).

Each function does the whole action against the database and returns an `Outcome`: its value
and the `Changes` it made, so the window can refresh exactly the pages that show them. Long
ones take a `Job` for progress and 取消. The GUI runs them through `ui.runner`; the command line
and the tests call them directly. See docs/architecture.md.
"""

from .core import NO_JOB, Changes, Job, Outcome

__all__ = ["NO_JOB", "Changes", "Job", "Outcome"]
