"""Widgets the pages and dialogs are built from: entry fields, pickers, photo strip, progress bars, PDF preview."""
