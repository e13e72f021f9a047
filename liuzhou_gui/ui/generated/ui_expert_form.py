# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'expert_form.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QToolButton, QVBoxLayout,
    QWidget)

class Ui_ExpertForm(object):
    def setupUi(self, ExpertForm):
        if not ExpertForm.objectName():
            ExpertForm.setObjectName(u"ExpertForm")
        ExpertForm.resize(520, 560)
        self.mainLayout = QVBoxLayout(ExpertForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.label_name = QLabel(ExpertForm)
        self.label_name.setObjectName(u"label_name")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_name)

        self.nameEdit = QLineEdit(ExpertForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(30)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.error_name = QLabel(ExpertForm)
        self.error_name.setObjectName(u"error_name")
        self.error_name.setWordWrap(True)
        self.error_name.setVisible(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.error_name)

        self.label_level = QLabel(ExpertForm)
        self.label_level.setObjectName(u"label_level")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_level)

        self.levelCombo = QComboBox(ExpertForm)
        self.levelCombo.setObjectName(u"levelCombo")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.levelCombo)

        self.error_level = QLabel(ExpertForm)
        self.error_level.setObjectName(u"error_level")
        self.error_level.setWordWrap(True)
        self.error_level.setVisible(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.error_level)

        self.label_category = QLabel(ExpertForm)
        self.label_category.setObjectName(u"label_category")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_category)

        self.categoryCombo = QComboBox(ExpertForm)
        self.categoryCombo.setObjectName(u"categoryCombo")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.categoryCombo)

        self.error_category = QLabel(ExpertForm)
        self.error_category.setObjectName(u"error_category")
        self.error_category.setWordWrap(True)
        self.error_category.setVisible(False)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.error_category)

        self.label_district = QLabel(ExpertForm)
        self.label_district.setObjectName(u"label_district")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_district)

        self.districtCombo = QComboBox(ExpertForm)
        self.districtCombo.setObjectName(u"districtCombo")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.districtCombo)

        self.error_district = QLabel(ExpertForm)
        self.error_district.setObjectName(u"error_district")
        self.error_district.setWordWrap(True)
        self.error_district.setVisible(False)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.error_district)

        self.label_unit = QLabel(ExpertForm)
        self.label_unit.setObjectName(u"label_unit")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_unit)

        self.unitEdit = QLineEdit(ExpertForm)
        self.unitEdit.setObjectName(u"unitEdit")
        self.unitEdit.setMaxLength(100)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.unitEdit)

        self.error_unit = QLabel(ExpertForm)
        self.error_unit.setObjectName(u"error_unit")
        self.error_unit.setWordWrap(True)
        self.error_unit.setVisible(False)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.error_unit)

        self.label_title = QLabel(ExpertForm)
        self.label_title.setObjectName(u"label_title")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_title)

        self.titleEdit = QLineEdit(ExpertForm)
        self.titleEdit.setObjectName(u"titleEdit")
        self.titleEdit.setMaxLength(50)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.error_title = QLabel(ExpertForm)
        self.error_title.setObjectName(u"error_title")
        self.error_title.setWordWrap(True)
        self.error_title.setVisible(False)

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.error_title)

        self.label_phone = QLabel(ExpertForm)
        self.label_phone.setObjectName(u"label_phone")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_phone)

        self.phoneEdit = QLineEdit(ExpertForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.error_phone = QLabel(ExpertForm)
        self.error_phone.setObjectName(u"error_phone")
        self.error_phone.setWordWrap(True)
        self.error_phone.setVisible(False)

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.error_phone)

        self.label_bank_card = QLabel(ExpertForm)
        self.label_bank_card.setObjectName(u"label_bank_card")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_bank_card)

        self.bankCardBox = QWidget(ExpertForm)
        self.bankCardBox.setObjectName(u"bankCardBox")
        self.bankCardLayout = QHBoxLayout(self.bankCardBox)
        self.bankCardLayout.setObjectName(u"bankCardLayout")
        self.bankCardLayout.setContentsMargins(0, 0, 0, 0)
        self.bankCardEdit = QLineEdit(self.bankCardBox)
        self.bankCardEdit.setObjectName(u"bankCardEdit")
        self.bankCardEdit.setMaxLength(23)

        self.bankCardLayout.addWidget(self.bankCardEdit)

        self.showCardButton = QToolButton(self.bankCardBox)
        self.showCardButton.setObjectName(u"showCardButton")
        self.showCardButton.setCheckable(True)

        self.bankCardLayout.addWidget(self.showCardButton)


        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.bankCardBox)

        self.error_bank_card = QLabel(ExpertForm)
        self.error_bank_card.setObjectName(u"error_bank_card")
        self.error_bank_card.setWordWrap(True)
        self.error_bank_card.setVisible(False)

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.error_bank_card)

        self.label_group = QLabel(ExpertForm)
        self.label_group.setObjectName(u"label_group")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.LabelRole, self.label_group)

        self.groupEdit = QLineEdit(ExpertForm)
        self.groupEdit.setObjectName(u"groupEdit")
        self.groupEdit.setMaxLength(30)

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.groupEdit)

        self.error_group = QLabel(ExpertForm)
        self.error_group.setObjectName(u"error_group")
        self.error_group.setWordWrap(True)
        self.error_group.setVisible(False)

        self.formLayout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.error_group)

        self.label_note = QLabel(ExpertForm)
        self.label_note.setObjectName(u"label_note")

        self.formLayout.setWidget(18, QFormLayout.ItemRole.LabelRole, self.label_note)

        self.noteEdit = QLineEdit(ExpertForm)
        self.noteEdit.setObjectName(u"noteEdit")

        self.formLayout.setWidget(18, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.error_note = QLabel(ExpertForm)
        self.error_note.setObjectName(u"error_note")
        self.error_note.setWordWrap(True)
        self.error_note.setVisible(False)

        self.formLayout.setWidget(19, QFormLayout.ItemRole.FieldRole, self.error_note)


        self.mainLayout.addLayout(self.formLayout)

        self.errorSummary = QLabel(ExpertForm)
        self.errorSummary.setObjectName(u"errorSummary")
        self.errorSummary.setWordWrap(True)
        self.errorSummary.setVisible(False)

        self.mainLayout.addWidget(self.errorSummary)

        self.buttonBox = QDialogButtonBox(ExpertForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_name.setBuddy(self.nameEdit)
        self.label_level.setBuddy(self.levelCombo)
        self.label_category.setBuddy(self.categoryCombo)
        self.label_district.setBuddy(self.districtCombo)
        self.label_unit.setBuddy(self.unitEdit)
        self.label_title.setBuddy(self.titleEdit)
        self.label_phone.setBuddy(self.phoneEdit)
        self.label_bank_card.setBuddy(self.bankCardEdit)
        self.label_group.setBuddy(self.groupEdit)
        self.label_note.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ExpertForm)

        QMetaObject.connectSlotsByName(ExpertForm)
    # setupUi

    def retranslateUi(self, ExpertForm):
        ExpertForm.setWindowTitle(QCoreApplication.translate("ExpertForm", u"\u4e13\u5bb6", None))
        self.label_name.setText(QCoreApplication.translate("ExpertForm", u"\u59d3\u540d(&N)", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("ExpertForm", u"\u5fc5\u586b", None))
        self.error_name.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_name.setText("")
        self.label_level.setText(QCoreApplication.translate("ExpertForm", u"\u4e13\u5bb6\u7ea7\u522b(&L)", None))
        self.error_level.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_level.setText("")
        self.label_category.setText(QCoreApplication.translate("ExpertForm", u"\u6d3b\u52a8\u5206\u7c7b(&C)", None))
        self.error_category.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_category.setText("")
        self.label_district.setText(QCoreApplication.translate("ExpertForm", u"\u53bf\u533a(&D)", None))
        self.error_district.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_district.setText("")
        self.label_unit.setText(QCoreApplication.translate("ExpertForm", u"\u6240\u5728\u5355\u4f4d(&U)", None))
        self.unitEdit.setPlaceholderText(QCoreApplication.translate("ExpertForm", u"\u5fc5\u586b", None))
        self.error_unit.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_unit.setText("")
        self.label_title.setText(QCoreApplication.translate("ExpertForm", u"\u804c\u79f0/\u804c\u52a1(&T)", None))
        self.error_title.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_title.setText("")
        self.label_phone.setText(QCoreApplication.translate("ExpertForm", u"\u8054\u7cfb\u7535\u8bdd(&P)", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("ExpertForm", u"\u5982 0772-2868517 \u6216 11 \u4f4d\u624b\u673a\u53f7", None))
        self.error_phone.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_phone.setText("")
        self.label_bank_card.setText(QCoreApplication.translate("ExpertForm", u"\u4e2a\u4eba\u94f6\u884c\u5361\u53f7(&B)", None))
        self.bankCardEdit.setPlaceholderText(QCoreApplication.translate("ExpertForm", u"\u81ea\u6cbb\u533a\u7ea7\u4e13\u5bb6\u6388\u8bfe\u8865\u52a9\u7528", None))
        self.showCardButton.setText(QCoreApplication.translate("ExpertForm", u"\u663e\u793a", None))
        self.error_bank_card.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_bank_card.setText("")
        self.label_group.setText(QCoreApplication.translate("ExpertForm", u"\u5206\u7ec4(&G)", None))
        self.groupEdit.setPlaceholderText(QCoreApplication.translate("ExpertForm", u"\u5982 \u7b2c\u4e00\u7ec4", None))
        self.error_group.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_group.setText("")
        self.label_note.setText(QCoreApplication.translate("ExpertForm", u"\u5907\u6ce8(&R)", None))
        self.error_note.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.error_note.setText("")
        self.errorSummary.setStyleSheet(QCoreApplication.translate("ExpertForm", u"color: #c62828;", None))
        self.errorSummary.setText("")
    # retranslateUi

