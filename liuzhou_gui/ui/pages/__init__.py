"""The pages of the main window (工作台, the lists, 报表, 数据交换, 报送情况, 操作记录, 设置) and their panels."""
