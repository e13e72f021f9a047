"""Every command's name, the module that defines it and its one-line help, without importing any of them.

`liuzhou-gui --help` lists the commands from here, and a run imports only the module of its own
command: the modules import SQLAlchemy, the report writers, cryptography…, which together cost a
second at every start, and `--version` or `stats` need none of the others.
"""

from __future__ import annotations

# name → (module in this package, help shown by `liuzhou-gui --help`), in the order of the help.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo", "在空数据库中填入十个县区的演示数据（同一种子得到相同数据）"),
    "stats": ("stats", "统计开展情况（附件2 口径）与计划完成情况"),
    "check": ("check", "检查数据库完整性、各项规则和计划完成情况（有“错误”时退出码为 1，仅未达标时为 0）"),
    "campaign": ("campaign", "活动年度：列出已有年度，或新增一个年度"),
    "district": ("district", "查看或设置县区的填报人、联系电话和公章图片"),
    "export": ("export", "导出附件1–6或汇总表（PDF 或 Excel）"),
    "import": ("import_", "从 Excel 导入专家、五进单位或科普活动（有错则全部不导入）"),
    "template": ("template", "下载导入模板（含表头、示例行和下拉选项）"),
    "package": ("package", "县区报送包：导出给市里，或由市里导入"),
    "submit": ("submit", "县区报送一个环节：生成该环节的报送包并记录报送"),
    "review": ("submit", "市里受理或退回县区的一次报送"),
    "submissions": ("submissions", "报送情况：各县区各环节按时、逾期、未报、退回、受理"),
    "directive": ("directive", "市卫健委下发包：导出给县区，或由县区导入"),
    "keys": ("keys", "本机签名密钥：查看指纹、导出公钥证书、导入对方的公钥证书"),
    "verify": ("verify", "检查 PDF 表格、报送包或下发包由谁签名、是否被改动（有效时退出码 0）"),
    "photos": ("photos", "科普活动的活动图片（佐证材料）：列出、添加、说明、删除、另存"),
    "questionnaire": ("photos", "打印一场活动的满意度调查问卷（PDF，已填好主题、日期、地点）"),
    "summary": ("summary", "生成工作总结草稿（Word 文档，数据来自软件，需人工填写的地方标有【请填写：…】）"),
    "backup": ("backup", "备份数据库（默认存入数据库旁的 backups 文件夹）"),
    "restore": ("restore", "从备份恢复数据库（恢复前自动备份当前数据）"),
    "db": ("db", "数据库：复制到新文件或服务器上的空数据库（搬迁到共享数据库、搬回本机文件、备份服务器数据）"),
    "audit": ("audit", "查看或导出操作记录（谁在何时改了什么）"),
}

SUMMARIES = {name: summary for name, (_module, summary) in COMMANDS.items()}
