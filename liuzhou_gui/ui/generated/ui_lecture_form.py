# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'lecture_form.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy,
    QTimeEdit, QVBoxLayout, QWidget)

from liuzhou_gui.ui.widgets.entry_widgets import (CountSpin, DateEntry, PercentSpin)
from liuzhou_gui.ui.widgets.multi_pick import MultiPick

class Ui_LectureForm(object):
    def setupUi(self, LectureForm):
        if not LectureForm.objectName():
            LectureForm.setObjectName(u"LectureForm")
        LectureForm.resize(1000, 680)
        self.mainLayout = QVBoxLayout(LectureForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.columnsLayout.setContentsMargins(0, 0, 0, 0)
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.label_held_on = QLabel(LectureForm)
        self.label_held_on.setObjectName(u"label_held_on")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_held_on)

        self.heldOnEdit = DateEntry(LectureForm)
        self.heldOnEdit.setObjectName(u"heldOnEdit")
        self.heldOnEdit.setCalendarPopup(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.heldOnEdit)

        self.error_held_on = QLabel(LectureForm)
        self.error_held_on.setObjectName(u"error_held_on")
        self.error_held_on.setWordWrap(True)
        self.error_held_on.setVisible(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.error_held_on)

        self.label_end_time = QLabel(LectureForm)
        self.label_end_time.setObjectName(u"label_end_time")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_end_time)

        self.timesBox = QWidget(LectureForm)
        self.timesBox.setObjectName(u"timesBox")
        self.timesLayout = QHBoxLayout(self.timesBox)
        self.timesLayout.setObjectName(u"timesLayout")
        self.timesLayout.setContentsMargins(0, 0, 0, 0)
        self.timesCheck = QCheckBox(self.timesBox)
        self.timesCheck.setObjectName(u"timesCheck")

        self.timesLayout.addWidget(self.timesCheck)

        self.startTimeEdit = QTimeEdit(self.timesBox)
        self.startTimeEdit.setObjectName(u"startTimeEdit")

        self.timesLayout.addWidget(self.startTimeEdit)

        self.label_to = QLabel(self.timesBox)
        self.label_to.setObjectName(u"label_to")

        self.timesLayout.addWidget(self.label_to)

        self.endTimeEdit = QTimeEdit(self.timesBox)
        self.endTimeEdit.setObjectName(u"endTimeEdit")

        self.timesLayout.addWidget(self.endTimeEdit)


        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.timesBox)

        self.error_end_time = QLabel(LectureForm)
        self.error_end_time.setObjectName(u"error_end_time")
        self.error_end_time.setWordWrap(True)
        self.error_end_time.setVisible(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.error_end_time)

        self.label_district = QLabel(LectureForm)
        self.label_district.setObjectName(u"label_district")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_district)

        self.districtCombo = QComboBox(LectureForm)
        self.districtCombo.setObjectName(u"districtCombo")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.districtCombo)

        self.error_district = QLabel(LectureForm)
        self.error_district.setObjectName(u"error_district")
        self.error_district.setWordWrap(True)
        self.error_district.setVisible(False)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.error_district)

        self.label_place = QLabel(LectureForm)
        self.label_place.setObjectName(u"label_place")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_place)

        self.placeEdit = QLineEdit(LectureForm)
        self.placeEdit.setObjectName(u"placeEdit")
        self.placeEdit.setMaxLength(200)

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.placeEdit)

        self.error_place = QLabel(LectureForm)
        self.error_place.setObjectName(u"error_place")
        self.error_place.setWordWrap(True)
        self.error_place.setVisible(False)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.error_place)

        self.label_categories = QLabel(LectureForm)
        self.label_categories.setObjectName(u"label_categories")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_categories)

        self.categoriesBox = QWidget(LectureForm)
        self.categoriesBox.setObjectName(u"categoriesBox")
        self.categoriesLayout = QHBoxLayout(self.categoriesBox)
        self.categoriesLayout.setObjectName(u"categoriesLayout")
        self.categoriesLayout.setContentsMargins(0, 0, 0, 0)
        self.categoryOccupational = QCheckBox(self.categoriesBox)
        self.categoryOccupational.setObjectName(u"categoryOccupational")

        self.categoriesLayout.addWidget(self.categoryOccupational)

        self.categoryMental = QCheckBox(self.categoriesBox)
        self.categoryMental.setObjectName(u"categoryMental")

        self.categoriesLayout.addWidget(self.categoryMental)

        self.categoryChronic = QCheckBox(self.categoriesBox)
        self.categoryChronic.setObjectName(u"categoryChronic")

        self.categoriesLayout.addWidget(self.categoryChronic)

        self.categoryOther = QCheckBox(self.categoriesBox)
        self.categoryOther.setObjectName(u"categoryOther")

        self.categoriesLayout.addWidget(self.categoryOther)


        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.categoriesBox)

        self.error_categories = QLabel(LectureForm)
        self.error_categories.setObjectName(u"error_categories")
        self.error_categories.setWordWrap(True)
        self.error_categories.setVisible(False)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.error_categories)

        self.label_topic = QLabel(LectureForm)
        self.label_topic.setObjectName(u"label_topic")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_topic)

        self.topicEdit = QLineEdit(LectureForm)
        self.topicEdit.setObjectName(u"topicEdit")
        self.topicEdit.setMaxLength(200)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.topicEdit)

        self.error_topic = QLabel(LectureForm)
        self.error_topic.setObjectName(u"error_topic")
        self.error_topic.setWordWrap(True)
        self.error_topic.setVisible(False)

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.error_topic)

        self.label_organiser = QLabel(LectureForm)
        self.label_organiser.setObjectName(u"label_organiser")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_organiser)

        self.organiserEdit = QLineEdit(LectureForm)
        self.organiserEdit.setObjectName(u"organiserEdit")
        self.organiserEdit.setMaxLength(100)

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.organiserEdit)

        self.error_organiser = QLabel(LectureForm)
        self.error_organiser.setObjectName(u"error_organiser")
        self.error_organiser.setWordWrap(True)
        self.error_organiser.setVisible(False)

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.error_organiser)

        self.label_status = QLabel(LectureForm)
        self.label_status.setObjectName(u"label_status")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_status)

        self.statusCombo = QComboBox(LectureForm)
        self.statusCombo.setObjectName(u"statusCombo")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.error_status = QLabel(LectureForm)
        self.error_status.setObjectName(u"error_status")
        self.error_status.setWordWrap(True)
        self.error_status.setVisible(False)

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.error_status)

        self.label_attendance = QLabel(LectureForm)
        self.label_attendance.setObjectName(u"label_attendance")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.LabelRole, self.label_attendance)

        self.attendanceSpin = CountSpin(LectureForm)
        self.attendanceSpin.setObjectName(u"attendanceSpin")
        self.attendanceSpin.setMaximum(100000)

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.attendanceSpin)

        self.error_attendance = QLabel(LectureForm)
        self.error_attendance.setObjectName(u"error_attendance")
        self.error_attendance.setWordWrap(True)
        self.error_attendance.setVisible(False)

        self.formLayout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.error_attendance)

        self.label_questionnaires = QLabel(LectureForm)
        self.label_questionnaires.setObjectName(u"label_questionnaires")

        self.formLayout.setWidget(18, QFormLayout.ItemRole.LabelRole, self.label_questionnaires)

        self.questionnairesSpin = CountSpin(LectureForm)
        self.questionnairesSpin.setObjectName(u"questionnairesSpin")
        self.questionnairesSpin.setMaximum(100000)

        self.formLayout.setWidget(18, QFormLayout.ItemRole.FieldRole, self.questionnairesSpin)

        self.error_questionnaires = QLabel(LectureForm)
        self.error_questionnaires.setObjectName(u"error_questionnaires")
        self.error_questionnaires.setWordWrap(True)
        self.error_questionnaires.setVisible(False)

        self.formLayout.setWidget(19, QFormLayout.ItemRole.FieldRole, self.error_questionnaires)

        self.label_satisfaction = QLabel(LectureForm)
        self.label_satisfaction.setObjectName(u"label_satisfaction")

        self.formLayout.setWidget(20, QFormLayout.ItemRole.LabelRole, self.label_satisfaction)

        self.satisfactionSpin = PercentSpin(LectureForm)
        self.satisfactionSpin.setObjectName(u"satisfactionSpin")
        self.satisfactionSpin.setMaximum(100.000000000000000)
        self.satisfactionSpin.setDecimals(1)
        self.satisfactionSpin.setMinimum(-1.000000000000000)
        self.satisfactionSpin.setValue(-1.000000000000000)

        self.formLayout.setWidget(20, QFormLayout.ItemRole.FieldRole, self.satisfactionSpin)

        self.error_satisfaction = QLabel(LectureForm)
        self.error_satisfaction.setObjectName(u"error_satisfaction")
        self.error_satisfaction.setWordWrap(True)
        self.error_satisfaction.setVisible(False)

        self.formLayout.setWidget(21, QFormLayout.ItemRole.FieldRole, self.error_satisfaction)

        self.label_subsidised = QLabel(LectureForm)
        self.label_subsidised.setObjectName(u"label_subsidised")

        self.formLayout.setWidget(22, QFormLayout.ItemRole.LabelRole, self.label_subsidised)

        self.subsidisedCheck = QCheckBox(LectureForm)
        self.subsidisedCheck.setObjectName(u"subsidisedCheck")

        self.formLayout.setWidget(22, QFormLayout.ItemRole.FieldRole, self.subsidisedCheck)

        self.error_subsidised = QLabel(LectureForm)
        self.error_subsidised.setObjectName(u"error_subsidised")
        self.error_subsidised.setWordWrap(True)
        self.error_subsidised.setVisible(False)

        self.formLayout.setWidget(23, QFormLayout.ItemRole.FieldRole, self.error_subsidised)

        self.label_note = QLabel(LectureForm)
        self.label_note.setObjectName(u"label_note")

        self.formLayout.setWidget(24, QFormLayout.ItemRole.LabelRole, self.label_note)

        self.noteEdit = QLineEdit(LectureForm)
        self.noteEdit.setObjectName(u"noteEdit")

        self.formLayout.setWidget(24, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.error_note = QLabel(LectureForm)
        self.error_note.setObjectName(u"error_note")
        self.error_note.setWordWrap(True)
        self.error_note.setVisible(False)

        self.formLayout.setWidget(25, QFormLayout.ItemRole.FieldRole, self.error_note)


        self.columnsLayout.addLayout(self.formLayout)

        self.pickLayout = QVBoxLayout()
        self.pickLayout.setObjectName(u"pickLayout")
        self.unitsHeader = QHBoxLayout()
        self.unitsHeader.setObjectName(u"unitsHeader")
        self.unitsHeader.setContentsMargins(0, 0, 0, 0)
        self.label_units = QLabel(LectureForm)
        self.label_units.setObjectName(u"label_units")

        self.unitsHeader.addWidget(self.label_units)

        self.newUnitButton = QPushButton(LectureForm)
        self.newUnitButton.setObjectName(u"newUnitButton")
        self.newUnitButton.setAutoDefault(False)

        self.unitsHeader.addWidget(self.newUnitButton)


        self.pickLayout.addLayout(self.unitsHeader)

        self.unitsPicker = MultiPick(LectureForm)
        self.unitsPicker.setObjectName(u"unitsPicker")

        self.pickLayout.addWidget(self.unitsPicker)

        self.error_unit_ids = QLabel(LectureForm)
        self.error_unit_ids.setObjectName(u"error_unit_ids")
        self.error_unit_ids.setWordWrap(True)
        self.error_unit_ids.setVisible(False)

        self.pickLayout.addWidget(self.error_unit_ids)

        self.label_experts = QLabel(LectureForm)
        self.label_experts.setObjectName(u"label_experts")

        self.pickLayout.addWidget(self.label_experts)

        self.expertsPicker = MultiPick(LectureForm)
        self.expertsPicker.setObjectName(u"expertsPicker")

        self.pickLayout.addWidget(self.expertsPicker)

        self.error_expert_ids = QLabel(LectureForm)
        self.error_expert_ids.setObjectName(u"error_expert_ids")
        self.error_expert_ids.setWordWrap(True)
        self.error_expert_ids.setVisible(False)

        self.pickLayout.addWidget(self.error_expert_ids)


        self.columnsLayout.addLayout(self.pickLayout)


        self.mainLayout.addLayout(self.columnsLayout)

        self.errorSummary = QLabel(LectureForm)
        self.errorSummary.setObjectName(u"errorSummary")
        self.errorSummary.setWordWrap(True)
        self.errorSummary.setVisible(False)

        self.mainLayout.addWidget(self.errorSummary)

        self.buttonBox = QDialogButtonBox(LectureForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_held_on.setBuddy(self.heldOnEdit)
        self.label_district.setBuddy(self.districtCombo)
        self.label_place.setBuddy(self.placeEdit)
        self.label_topic.setBuddy(self.topicEdit)
        self.label_organiser.setBuddy(self.organiserEdit)
        self.label_status.setBuddy(self.statusCombo)
        self.label_attendance.setBuddy(self.attendanceSpin)
        self.label_questionnaires.setBuddy(self.questionnairesSpin)
        self.label_satisfaction.setBuddy(self.satisfactionSpin)
        self.label_note.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LectureForm)

        QMetaObject.connectSlotsByName(LectureForm)
    # setupUi

    def retranslateUi(self, LectureForm):
        LectureForm.setWindowTitle(QCoreApplication.translate("LectureForm", u"\u79d1\u666e\u6d3b\u52a8", None))
        self.label_held_on.setText(QCoreApplication.translate("LectureForm", u"\u65e5\u671f(&D)", None))
        self.heldOnEdit.setDisplayFormat(QCoreApplication.translate("LectureForm", u"yyyy-MM-dd", None))
        self.error_held_on.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_held_on.setText("")
        self.label_end_time.setText(QCoreApplication.translate("LectureForm", u"\u65f6\u95f4", None))
        self.timesCheck.setText(QCoreApplication.translate("LectureForm", u"\u586b\u5199\u65f6\u95f4", None))
        self.startTimeEdit.setDisplayFormat(QCoreApplication.translate("LectureForm", u"HH:mm", None))
        self.label_to.setText(QCoreApplication.translate("LectureForm", u"\u81f3", None))
        self.endTimeEdit.setDisplayFormat(QCoreApplication.translate("LectureForm", u"HH:mm", None))
        self.error_end_time.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_end_time.setText("")
        self.label_district.setText(QCoreApplication.translate("LectureForm", u"\u53bf\u533a", None))
        self.error_district.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_district.setText("")
        self.label_place.setText(QCoreApplication.translate("LectureForm", u"\u5730\u70b9(&P)", None))
        self.placeEdit.setPlaceholderText(QCoreApplication.translate("LectureForm", u"\u5fc5\u586b", None))
        self.error_place.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_place.setText("")
        self.label_categories.setText(QCoreApplication.translate("LectureForm", u"\u6d3b\u52a8\u5206\u7c7b", None))
        self.categoryOccupational.setText(QCoreApplication.translate("LectureForm", u"\u804c\u4e1a\u5065\u5eb7", None))
        self.categoryMental.setText(QCoreApplication.translate("LectureForm", u"\u5fc3\u7406\u5065\u5eb7", None))
        self.categoryChronic.setText(QCoreApplication.translate("LectureForm", u"\u6162\u6027\u75c5\u7ba1\u7406", None))
        self.categoryOther.setText(QCoreApplication.translate("LectureForm", u"\u5176\u4ed6\u5185\u5bb9", None))
        self.error_categories.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_categories.setText("")
        self.label_topic.setText(QCoreApplication.translate("LectureForm", u"\u4e3b\u9898(&T)", None))
        self.error_topic.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_topic.setText("")
        self.label_organiser.setText(QCoreApplication.translate("LectureForm", u"\u7ec4\u7ec7\u5355\u4f4d(&O)", None))
        self.error_organiser.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_organiser.setText("")
        self.label_status.setText(QCoreApplication.translate("LectureForm", u"\u72b6\u6001(&S)", None))
        self.error_status.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_status.setText("")
        self.label_attendance.setText(QCoreApplication.translate("LectureForm", u"\u8986\u76d6\u4eba\u6570(&A)", None))
        self.attendanceSpin.setSpecialValueText(QCoreApplication.translate("LectureForm", u"\u672a\u586b", None))
        self.attendanceSpin.setSuffix(QCoreApplication.translate("LectureForm", u" \u4eba", None))
        self.error_attendance.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_attendance.setText("")
        self.label_questionnaires.setText(QCoreApplication.translate("LectureForm", u"\u56de\u6536\u95ee\u5377\u6570(&Q)", None))
        self.questionnairesSpin.setSpecialValueText(QCoreApplication.translate("LectureForm", u"\u672a\u586b", None))
        self.questionnairesSpin.setSuffix(QCoreApplication.translate("LectureForm", u" \u4efd", None))
        self.error_questionnaires.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_questionnaires.setText("")
        self.label_satisfaction.setText(QCoreApplication.translate("LectureForm", u"\u6ee1\u610f\u5ea6(&M)", None))
        self.satisfactionSpin.setSpecialValueText(QCoreApplication.translate("LectureForm", u"\u672a\u586b", None))
        self.satisfactionSpin.setSuffix(QCoreApplication.translate("LectureForm", u" %", None))
        self.error_satisfaction.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_satisfaction.setText("")
        self.label_subsidised.setText(QCoreApplication.translate("LectureForm", u"\u8865\u52a9", None))
        self.subsidisedCheck.setText(QCoreApplication.translate("LectureForm", u"\u8ba1\u5165\u81ea\u6cbb\u533a\u7ea7\u4e13\u5bb6\u6388\u8bfe\u8865\u52a9\u540d\u989d", None))
        self.error_subsidised.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_subsidised.setText("")
        self.label_note.setText(QCoreApplication.translate("LectureForm", u"\u5907\u6ce8(&R)", None))
        self.error_note.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_note.setText("")
        self.label_units.setText(QCoreApplication.translate("LectureForm", u"\u8986\u76d6\u5355\u4f4d\uff08\u672c\u53bf\u533a\uff09", None))
        self.newUnitButton.setText(QCoreApplication.translate("LectureForm", u"\u65b0\u5efa\u5355\u4f4d(&U)\u2026", None))
        self.error_unit_ids.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_unit_ids.setText("")
        self.label_experts.setText(QCoreApplication.translate("LectureForm", u"\u6388\u8bfe\u4e13\u5bb6", None))
        self.error_expert_ids.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.error_expert_ids.setText("")
        self.errorSummary.setStyleSheet(QCoreApplication.translate("LectureForm", u"color: #c62828;", None))
        self.errorSummary.setText("")
    # retranslateUi

