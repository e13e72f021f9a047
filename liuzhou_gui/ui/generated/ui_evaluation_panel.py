# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'evaluation_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QDoubleSpinBox, QGridLayout, QGroupBox,
    QHBoxLayout, QLabel, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpinBox, QVBoxLayout,
    QWidget)

from liuzhou_gui.ui.widgets.photo_strip import PhotoStrip

class Ui_EvaluationPanel(object):
    def setupUi(self, EvaluationPanel):
        if not EvaluationPanel.objectName():
            EvaluationPanel.setObjectName(u"EvaluationPanel")
        EvaluationPanel.resize(360, 640)
        self.panelLayout = QVBoxLayout(EvaluationPanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.panelLayout.setContentsMargins(0, 0, 0, 0)
        self.evaluationBox = QGroupBox(EvaluationPanel)
        self.evaluationBox.setObjectName(u"evaluationBox")
        self.evaluationLayout = QVBoxLayout(self.evaluationBox)
        self.evaluationLayout.setObjectName(u"evaluationLayout")
        self.row_questionnairesOutSpin = QHBoxLayout()
        self.row_questionnairesOutSpin.setObjectName(u"row_questionnairesOutSpin")
        self.label_questionnairesOutSpin = QLabel(self.evaluationBox)
        self.label_questionnairesOutSpin.setObjectName(u"label_questionnairesOutSpin")
        self.label_questionnairesOutSpin.setMinimumSize(QSize(90, 0))

        self.row_questionnairesOutSpin.addWidget(self.label_questionnairesOutSpin)

        self.questionnairesOutSpin = QSpinBox(self.evaluationBox)
        self.questionnairesOutSpin.setObjectName(u"questionnairesOutSpin")
        self.questionnairesOutSpin.setMinimum(-1)
        self.questionnairesOutSpin.setMaximum(100000)
        self.questionnairesOutSpin.setValue(-1)

        self.row_questionnairesOutSpin.addWidget(self.questionnairesOutSpin)


        self.evaluationLayout.addLayout(self.row_questionnairesOutSpin)

        self.error_questionnaires_out = QLabel(self.evaluationBox)
        self.error_questionnaires_out.setObjectName(u"error_questionnaires_out")
        self.error_questionnaires_out.setWordWrap(True)
        self.error_questionnaires_out.setVisible(False)

        self.evaluationLayout.addWidget(self.error_questionnaires_out)

        self.label_ratings = QLabel(self.evaluationBox)
        self.label_ratings.setObjectName(u"label_ratings")

        self.evaluationLayout.addWidget(self.label_ratings)

        self.ratingsGrid = QGridLayout()
        self.ratingsGrid.setObjectName(u"ratingsGrid")
        self.label_verySatisfiedSpin = QLabel(self.evaluationBox)
        self.label_verySatisfiedSpin.setObjectName(u"label_verySatisfiedSpin")

        self.ratingsGrid.addWidget(self.label_verySatisfiedSpin, 0, 0, 1, 1)

        self.verySatisfiedSpin = QSpinBox(self.evaluationBox)
        self.verySatisfiedSpin.setObjectName(u"verySatisfiedSpin")
        self.verySatisfiedSpin.setMinimum(-1)
        self.verySatisfiedSpin.setMaximum(100000)
        self.verySatisfiedSpin.setValue(-1)

        self.ratingsGrid.addWidget(self.verySatisfiedSpin, 0, 1, 1, 1)

        self.label_satisfiedSpin = QLabel(self.evaluationBox)
        self.label_satisfiedSpin.setObjectName(u"label_satisfiedSpin")

        self.ratingsGrid.addWidget(self.label_satisfiedSpin, 0, 2, 1, 1)

        self.satisfiedSpin = QSpinBox(self.evaluationBox)
        self.satisfiedSpin.setObjectName(u"satisfiedSpin")
        self.satisfiedSpin.setMinimum(-1)
        self.satisfiedSpin.setMaximum(100000)
        self.satisfiedSpin.setValue(-1)

        self.ratingsGrid.addWidget(self.satisfiedSpin, 0, 3, 1, 1)

        self.label_neutralSpin = QLabel(self.evaluationBox)
        self.label_neutralSpin.setObjectName(u"label_neutralSpin")

        self.ratingsGrid.addWidget(self.label_neutralSpin, 1, 0, 1, 1)

        self.neutralSpin = QSpinBox(self.evaluationBox)
        self.neutralSpin.setObjectName(u"neutralSpin")
        self.neutralSpin.setMinimum(-1)
        self.neutralSpin.setMaximum(100000)
        self.neutralSpin.setValue(-1)

        self.ratingsGrid.addWidget(self.neutralSpin, 1, 1, 1, 1)

        self.label_dissatisfiedSpin = QLabel(self.evaluationBox)
        self.label_dissatisfiedSpin.setObjectName(u"label_dissatisfiedSpin")

        self.ratingsGrid.addWidget(self.label_dissatisfiedSpin, 1, 2, 1, 1)

        self.dissatisfiedSpin = QSpinBox(self.evaluationBox)
        self.dissatisfiedSpin.setObjectName(u"dissatisfiedSpin")
        self.dissatisfiedSpin.setMinimum(-1)
        self.dissatisfiedSpin.setMaximum(100000)
        self.dissatisfiedSpin.setValue(-1)

        self.ratingsGrid.addWidget(self.dissatisfiedSpin, 1, 3, 1, 1)


        self.evaluationLayout.addLayout(self.ratingsGrid)

        self.error_very_satisfied = QLabel(self.evaluationBox)
        self.error_very_satisfied.setObjectName(u"error_very_satisfied")
        self.error_very_satisfied.setWordWrap(True)
        self.error_very_satisfied.setVisible(False)

        self.evaluationLayout.addWidget(self.error_very_satisfied)

        self.error_satisfied = QLabel(self.evaluationBox)
        self.error_satisfied.setObjectName(u"error_satisfied")
        self.error_satisfied.setWordWrap(True)
        self.error_satisfied.setVisible(False)

        self.evaluationLayout.addWidget(self.error_satisfied)

        self.error_neutral = QLabel(self.evaluationBox)
        self.error_neutral.setObjectName(u"error_neutral")
        self.error_neutral.setWordWrap(True)
        self.error_neutral.setVisible(False)

        self.evaluationLayout.addWidget(self.error_neutral)

        self.error_dissatisfied = QLabel(self.evaluationBox)
        self.error_dissatisfied.setObjectName(u"error_dissatisfied")
        self.error_dissatisfied.setWordWrap(True)
        self.error_dissatisfied.setVisible(False)

        self.evaluationLayout.addWidget(self.error_dissatisfied)

        self.rateLabel = QLabel(self.evaluationBox)
        self.rateLabel.setObjectName(u"rateLabel")

        self.evaluationLayout.addWidget(self.rateLabel)

        self.row_scoreBeforeSpin = QHBoxLayout()
        self.row_scoreBeforeSpin.setObjectName(u"row_scoreBeforeSpin")
        self.label_scoreBeforeSpin = QLabel(self.evaluationBox)
        self.label_scoreBeforeSpin.setObjectName(u"label_scoreBeforeSpin")
        self.label_scoreBeforeSpin.setMinimumSize(QSize(90, 0))

        self.row_scoreBeforeSpin.addWidget(self.label_scoreBeforeSpin)

        self.scoreBeforeSpin = QDoubleSpinBox(self.evaluationBox)
        self.scoreBeforeSpin.setObjectName(u"scoreBeforeSpin")
        self.scoreBeforeSpin.setMinimum(-1.000000000000000)
        self.scoreBeforeSpin.setMaximum(100.000000000000000)
        self.scoreBeforeSpin.setDecimals(1)
        self.scoreBeforeSpin.setValue(-1.000000000000000)

        self.row_scoreBeforeSpin.addWidget(self.scoreBeforeSpin)


        self.evaluationLayout.addLayout(self.row_scoreBeforeSpin)

        self.error_score_before = QLabel(self.evaluationBox)
        self.error_score_before.setObjectName(u"error_score_before")
        self.error_score_before.setWordWrap(True)
        self.error_score_before.setVisible(False)

        self.evaluationLayout.addWidget(self.error_score_before)

        self.row_scoreAfterSpin = QHBoxLayout()
        self.row_scoreAfterSpin.setObjectName(u"row_scoreAfterSpin")
        self.label_scoreAfterSpin = QLabel(self.evaluationBox)
        self.label_scoreAfterSpin.setObjectName(u"label_scoreAfterSpin")
        self.label_scoreAfterSpin.setMinimumSize(QSize(90, 0))

        self.row_scoreAfterSpin.addWidget(self.label_scoreAfterSpin)

        self.scoreAfterSpin = QDoubleSpinBox(self.evaluationBox)
        self.scoreAfterSpin.setObjectName(u"scoreAfterSpin")
        self.scoreAfterSpin.setMinimum(-1.000000000000000)
        self.scoreAfterSpin.setMaximum(100.000000000000000)
        self.scoreAfterSpin.setDecimals(1)
        self.scoreAfterSpin.setValue(-1.000000000000000)

        self.row_scoreAfterSpin.addWidget(self.scoreAfterSpin)


        self.evaluationLayout.addLayout(self.row_scoreAfterSpin)

        self.error_score_after = QLabel(self.evaluationBox)
        self.error_score_after.setObjectName(u"error_score_after")
        self.error_score_after.setWordWrap(True)
        self.error_score_after.setVisible(False)

        self.evaluationLayout.addWidget(self.error_score_after)

        self.label_opinions = QLabel(self.evaluationBox)
        self.label_opinions.setObjectName(u"label_opinions")

        self.evaluationLayout.addWidget(self.label_opinions)

        self.opinionsEdit = QPlainTextEdit(self.evaluationBox)
        self.opinionsEdit.setObjectName(u"opinionsEdit")
        self.opinionsEdit.setMaximumSize(QSize(16777215, 90))

        self.evaluationLayout.addWidget(self.opinionsEdit)

        self.error_opinions = QLabel(self.evaluationBox)
        self.error_opinions.setObjectName(u"error_opinions")
        self.error_opinions.setWordWrap(True)
        self.error_opinions.setVisible(False)

        self.evaluationLayout.addWidget(self.error_opinions)

        self.questionnaireButton = QPushButton(self.evaluationBox)
        self.questionnaireButton.setObjectName(u"questionnaireButton")
        self.questionnaireButton.setAutoDefault(False)

        self.evaluationLayout.addWidget(self.questionnaireButton)


        self.panelLayout.addWidget(self.evaluationBox)

        self.photosBox = QGroupBox(EvaluationPanel)
        self.photosBox.setObjectName(u"photosBox")
        self.photosLayout = QVBoxLayout(self.photosBox)
        self.photosLayout.setObjectName(u"photosLayout")
        self.photoStrip = PhotoStrip(self.photosBox)
        self.photoStrip.setObjectName(u"photoStrip")

        self.photosLayout.addWidget(self.photoStrip)

        self.photoButtons = QHBoxLayout()
        self.photoButtons.setObjectName(u"photoButtons")
        self.addPhotoButton = QPushButton(self.photosBox)
        self.addPhotoButton.setObjectName(u"addPhotoButton")
        self.addPhotoButton.setAutoDefault(False)

        self.photoButtons.addWidget(self.addPhotoButton)

        self.captionButton = QPushButton(self.photosBox)
        self.captionButton.setObjectName(u"captionButton")
        self.captionButton.setAutoDefault(False)

        self.photoButtons.addWidget(self.captionButton)

        self.removePhotoButton = QPushButton(self.photosBox)
        self.removePhotoButton.setObjectName(u"removePhotoButton")
        self.removePhotoButton.setAutoDefault(False)

        self.photoButtons.addWidget(self.removePhotoButton)


        self.photosLayout.addLayout(self.photoButtons)

        self.photoHint = QLabel(self.photosBox)
        self.photoHint.setObjectName(u"photoHint")
        self.photoHint.setWordWrap(True)

        self.photosLayout.addWidget(self.photoHint)


        self.panelLayout.addWidget(self.photosBox)

#if QT_CONFIG(shortcut)
        self.label_questionnairesOutSpin.setBuddy(self.questionnairesOutSpin)
        self.label_verySatisfiedSpin.setBuddy(self.verySatisfiedSpin)
        self.label_satisfiedSpin.setBuddy(self.satisfiedSpin)
        self.label_neutralSpin.setBuddy(self.neutralSpin)
        self.label_dissatisfiedSpin.setBuddy(self.dissatisfiedSpin)
        self.label_scoreBeforeSpin.setBuddy(self.scoreBeforeSpin)
        self.label_scoreAfterSpin.setBuddy(self.scoreAfterSpin)
        self.label_opinions.setBuddy(self.opinionsEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(EvaluationPanel)

        QMetaObject.connectSlotsByName(EvaluationPanel)
    # setupUi

    def retranslateUi(self, EvaluationPanel):
        self.evaluationBox.setTitle(QCoreApplication.translate("EvaluationPanel", u"\u6548\u679c\u8bc4\u4f30\uff08\u5df2\u5f00\u5c55\u7684\u6d3b\u52a8\uff09", None))
        self.label_questionnairesOutSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u53d1\u653e\u95ee\u5377\u6570(&F)", None))
        self.questionnairesOutSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.questionnairesOutSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u4efd", None))
        self.error_questionnaires_out.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_questionnaires_out.setText("")
        self.label_ratings.setText(QCoreApplication.translate("EvaluationPanel", u"\u6ee1\u610f\u5ea6\uff08\u5404\u9879\u4efd\u6570\u4e4b\u548c\u4e3a\u56de\u6536\u95ee\u5377\u6570\uff09", None))
        self.label_verySatisfiedSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u975e\u5e38\u6ee1\u610f", None))
        self.verySatisfiedSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.verySatisfiedSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u4efd", None))
        self.label_satisfiedSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u6ee1\u610f", None))
        self.satisfiedSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.satisfiedSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u4efd", None))
        self.label_neutralSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u4e00\u822c", None))
        self.neutralSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.neutralSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u4efd", None))
        self.label_dissatisfiedSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u4e0d\u6ee1\u610f", None))
        self.dissatisfiedSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.dissatisfiedSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u4efd", None))
        self.error_very_satisfied.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_very_satisfied.setText("")
        self.error_satisfied.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_satisfied.setText("")
        self.error_neutral.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_neutral.setText("")
        self.error_dissatisfied.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_dissatisfied.setText("")
        self.rateLabel.setText(QCoreApplication.translate("EvaluationPanel", u"\u6ee1\u610f\u7387\uff1a\u2014", None))
        self.label_scoreBeforeSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u6d3b\u52a8\u524d\u5f97\u5206", None))
        self.scoreBeforeSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.scoreBeforeSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u5206", None))
        self.error_score_before.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_score_before.setText("")
        self.label_scoreAfterSpin.setText(QCoreApplication.translate("EvaluationPanel", u"\u6d3b\u52a8\u540e\u5f97\u5206", None))
        self.scoreAfterSpin.setSpecialValueText(QCoreApplication.translate("EvaluationPanel", u"\u672a\u586b", None))
        self.scoreAfterSpin.setSuffix(QCoreApplication.translate("EvaluationPanel", u" \u5206", None))
        self.error_score_after.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_score_after.setText("")
        self.label_opinions.setText(QCoreApplication.translate("EvaluationPanel", u"\u4e3b\u8981\u610f\u89c1\u548c\u5efa\u8bae(&Y)", None))
        self.opinionsEdit.setPlaceholderText(QCoreApplication.translate("EvaluationPanel", u"\u95ee\u5377\u548c\u73b0\u573a\u53cd\u9988\u4e2d\u7684\u610f\u89c1\u548c\u5efa\u8bae", None))
        self.error_opinions.setStyleSheet(QCoreApplication.translate("EvaluationPanel", u"color: #c62828;", None))
        self.error_opinions.setText("")
        self.questionnaireButton.setText(QCoreApplication.translate("EvaluationPanel", u"\u6253\u5370\u6ee1\u610f\u5ea6\u8c03\u67e5\u95ee\u5377(&W)\u2026", None))
        self.photosBox.setTitle(QCoreApplication.translate("EvaluationPanel", u"\u6d3b\u52a8\u56fe\u7247\uff08\u4f50\u8bc1\u6750\u6599\uff09", None))
        self.addPhotoButton.setText(QCoreApplication.translate("EvaluationPanel", u"\u6dfb\u52a0\u56fe\u7247(&I)\u2026", None))
        self.captionButton.setText(QCoreApplication.translate("EvaluationPanel", u"\u56fe\u7247\u8bf4\u660e\u2026", None))
        self.removePhotoButton.setText(QCoreApplication.translate("EvaluationPanel", u"\u5220\u9664\u56fe\u7247", None))
        self.photoHint.setText("")
        pass
    # retranslateUi

