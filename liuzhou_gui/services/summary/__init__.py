"""The 工作总结 draft: its facts from the database (facts), its chart (chart), the .docx (docx_writer)."""
