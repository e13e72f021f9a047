"""Importing experts, "五进" units and sessions from Excel workbooks, all or nothing."""
