"""`photos list|attach|caption|remove|save`: a session's evidence photos, and `questionnaire` for its paper.

Sessions are named by their number (编号), which `photos list` prints.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...domain.errors import AppError, UsageError
from ...storage.database import Database
from ..table import LEFT, RIGHT, format_table
from .registry import SUMMARIES


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("photos", help=SUMMARIES["photos"])
    actions = parser.add_subparsers(dest="photos_action", metavar="ACTION", required=True, parser_class=type(parser))
    listing = actions.add_parser("list", help="列出已开展的活动及其图片数；加 --session 列出一场活动的图片")
    listing.add_argument("--district", metavar="NAME", help="县区名称，如 柳南")
    listing.add_argument("--year", type=int, metavar="YYYY", help="活动年度，默认为最近的年度")
    listing.add_argument("--session", type=int, metavar="ID", help="活动编号")
    listing.set_defaults(run=run_list)
    attach = actions.add_parser("attach", help="给一场活动添加照片（JPG、PNG、HEIC），保存在数据库中")
    attach.add_argument("session", type=int, metavar="ID", help="活动编号（photos list 中的编号）")
    attach.add_argument("files", nargs="+", type=Path, metavar="FILE", help="照片文件")
    attach.add_argument("--caption", action="append", default=[], metavar="TEXT",
                        help="图片说明，按顺序对应各照片，可重复")
    attach.set_defaults(run=run_attach, reads=("files",))
    caption = actions.add_parser("caption", help="修改图片说明")
    caption.add_argument("photo", type=int, metavar="PHOTO_ID")
    caption.add_argument("text", metavar="TEXT")
    caption.set_defaults(run=run_caption)
    remove = actions.add_parser("remove", help="删除一张图片")
    remove.add_argument("photo", type=int, metavar="PHOTO_ID")
    remove.set_defaults(run=run_remove)
    save = actions.add_parser("save", help="把一张图片另存为 JPG 文件")
    save.add_argument("photo", type=int, metavar="PHOTO_ID")
    save.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.jpg")
    save.set_defaults(run=run_save, writes=("output",))

    paper = commands.add_parser("questionnaire", help=SUMMARIES["questionnaire"])
    paper.add_argument("session", type=int, metavar="ID", help="活动编号（photos list 中的编号）")
    paper.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    paper.set_defaults(run=run_questionnaire, writes=("output",))


def run_list(args: argparse.Namespace, db: Database) -> int:
    from ...services.photo_listing import held_sessions
    from ...storage.photos import photo_infos

    if args.session is not None:
        with db.session() as session:
            infos = photo_infos(session, args.session)
        if not infos:
            print(f"活动 {args.session} 还没有图片。")
        rows = [[p.id, f"{p.width}×{p.height}", f"{p.size // 1024} KB",
                 f"{p.taken_at:%Y-%m-%d %H:%M}" if p.taken_at else "", p.caption, p.original_name] for p in infos]
        if rows:
            print(format_table(["图片编号", "尺寸", "大小", "拍摄时间", "说明", "原文件名"], rows,
                               align=[RIGHT, LEFT, RIGHT, LEFT, LEFT, LEFT]))
        return 0
    rows = [[s.id, f"{s.held_on:%Y-%m-%d}", s.district, s.topic, s.place, s.photos] for s in held_sessions(
        db, args.district, args.year)]
    if not rows:
        print("没有已开展的活动。")
        return 0
    print(format_table(["编号", "日期", "县区", "主题", "地点", "图片"], rows,
                       align=[RIGHT, LEFT, LEFT, LEFT, LEFT, RIGHT]))
    return 0


def run_attach(args: argparse.Namespace, db: Database) -> int:
    from ...services.photos import attach_photos

    if len(args.caption) > len(args.files):
        raise UsageError("--caption 的个数多于照片的个数。")
    captions = args.caption + [""] * (len(args.files) - len(args.caption))
    result = attach_photos(db, args.session, args.files, captions)
    print(f"已添加 {len(result.photo_ids)} 张图片（编号 {'、'.join(map(str, result.photo_ids))}）。")
    for warning in result.warnings:
        print(f"提醒：{warning}")
    return 0


def run_caption(args: argparse.Namespace, db: Database) -> int:
    from ...storage.photos import set_caption

    with db.transaction() as session:
        set_caption(session, args.photo, args.text)
    print("已修改图片说明。")
    return 0


def run_remove(args: argparse.Namespace, db: Database) -> int:
    from ...storage.photos import remove_photo

    with db.transaction() as session:
        remove_photo(session, args.photo)
    print("已删除图片。")
    return 0


def run_save(args: argparse.Namespace, db: Database) -> int:
    from ...services.files import write_atomically
    from ...storage.photos import photo_data

    with db.session() as session:
        data = photo_data(session, args.photo)
    write_atomically(args.output, lambda path: path.write_bytes(data), "图片")
    print(f"已保存：{args.output}")
    return 0


def run_questionnaire(args: argparse.Namespace, db: Database) -> int:
    from ...services.files import write_atomically
    from ...services.reports.questionnaire import questionnaire_pdf

    if args.output.suffix.lower() != ".pdf":
        raise UsageError("问卷保存为 PDF 文件，请让输出文件以 .pdf 结尾。")
    if args.output.is_dir():
        raise AppError(f"“{args.output}”是文件夹，请写文件名。")
    with db.session() as session:
        data = questionnaire_pdf(session, args.session)
    write_atomically(args.output, lambda path: path.write_bytes(data), "问卷")
    print(f"已生成问卷：{args.output}")
    return 0
