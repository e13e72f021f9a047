"""Dialogs a user opens from the pages: record forms, import, 报送包, first start, 关于, file choices."""
