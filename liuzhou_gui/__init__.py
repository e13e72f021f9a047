"""liuzhou_gui: the Liuzhou "十百千" occupational-health outreach campaign desktop app."""

__version__ = "0.1.0"
