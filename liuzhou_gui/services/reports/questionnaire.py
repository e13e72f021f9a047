"""The one-page 满意度调查问卷 of a session, its topic, date and place filled in, handed out on the day.

Its questions are the session form's evaluation fields, in the same order and words (the four ratings
of domain.evaluation, the opinions, the optional knowledge scores), so the clerk counts the papers
straight into the form.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from ... import __version__
from ...domain.evaluation import RATINGS
from ...storage import trash
from ...storage.models import Lecture
from .fonts import main_font, markup

TITLE = "“十百千”职业健康科普宣传活动满意度调查问卷"
FORM_VERSION = "问卷格式 1"  # printed small at the foot: a paper from an older layout can be told apart
OPINION_LINES = 7


@dataclass(frozen=True)
class QuestionnaireFacts:
    topic: str
    held_on: date
    place: str
    bureau: str
    organiser: str
    units: list[str]


def facts_of(session: Session, lecture_id: int) -> QuestionnaireFacts:
    lecture = trash.get_live(session, Lecture, lecture_id)
    return QuestionnaireFacts(
        topic=lecture.topic or "（未填写主题）", held_on=lecture.held_on, place=lecture.place,
        bureau=lecture.district.bureau_name, organiser=lecture.organiser,
        units=[u.name for u in lecture.units if u.deleted_at is None],
    )


class _WritingLines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, gap: float = 9 * mm) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, available_width: float, _height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        self.canv.setLineWidth(0.5)
        for i in range(self.count):
            y = self.count * self.gap - (i + 1) * self.gap + 1
            self.canv.line(0, y, self.width, y)


def _styles() -> dict[str, ParagraphStyle]:
    font = main_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER),
        "body": ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK"),
        "question": ParagraphStyle("question", fontName=font, fontSize=13, leading=22, wordWrap="CJK",
                                   spaceBefore=8),
        "option": ParagraphStyle("option", fontName=font, fontSize=13, leading=22),
        "small": ParagraphStyle("small", fontName=font, fontSize=9, leading=13, wordWrap="CJK"),
        "end": ParagraphStyle("end", fontName=font, fontSize=12, leading=20, alignment=TA_CENTER),
    }


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def render_questionnaire(facts: QuestionnaireFacts) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=15 * mm,
        title=TITLE, author=facts.bureau, creator=f"liuzhou_gui {__version__}", initialFontName=main_font(),
    )
    width = A4[0] - 40 * mm
    p = styles["body"]
    info = Table(
        [[Paragraph(markup(f"活动主题：{facts.topic}"), p)],
         [Paragraph(markup(f"活动日期：{_day(facts.held_on)}"), p)],
         [Paragraph(markup(f"活动地点：{facts.place}"), p)],
         [Paragraph(markup(f"主办单位：{facts.organiser or facts.bureau}"), p)]],
        colWidths=[width],
    )
    info.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, "black"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    options = Table([[Paragraph(markup(f"□ {label}"), styles["option"]) for _, label in RATINGS]],
                    colWidths=[width / len(RATINGS)] * len(RATINGS))
    scores = Table([[Paragraph("活动前得分：__________ 分", styles["option"]),
                     Paragraph("活动后得分：__________ 分", styles["option"])]], colWidths=[width / 2] * 2)
    story = [
        Paragraph(markup(TITLE), styles["title"]), Spacer(1, 5 * mm), info, Spacer(1, 4 * mm),
        Paragraph("尊敬的参会人员：为了解本次职业健康科普宣传活动的效果，不断改进科普内容和方式，请您如实填写本问卷。"
                  "问卷不记名，请在所选项前的“□”内打“√”。", p),
        Paragraph("一、您对本次活动的总体评价（单选）：", styles["question"]), options,
        Paragraph("二、您对本次活动的主要意见和建议：", styles["question"]), _WritingLines(OPINION_LINES),
        Paragraph("三、知识测试（选填，由工作人员组织测试并填写）：", styles["question"]), scores,
        Spacer(1, 8 * mm), Paragraph("感谢您的参与和支持！", styles["end"]),
        Paragraph(markup(facts.bureau), styles["end"]), Spacer(1, 10 * mm),
        Paragraph(markup(
            f"工作人员：问卷回收后，请清点发放份数、回收份数和各选项份数，连同意见和建议录入软件“科普活动”中本场活动的"
            f"效果评估。{FORM_VERSION}"), styles["small"]),
    ]
    doc.build(story)
    return buffer.getvalue()


def questionnaire_pdf(session: Session, lecture_id: int) -> bytes:
    return render_questionnaire(facts_of(session, lecture_id))
