"""The plan's attachment tables 附件1–6: one definition each, rendered as PDF and as Excel."""
