# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_form.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_UnitForm(object):
    def setupUi(self, UnitForm):
        if not UnitForm.objectName():
            UnitForm.setObjectName(u"UnitForm")
        UnitForm.resize(560, 560)
        self.mainLayout = QVBoxLayout(UnitForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.label_district = QLabel(UnitForm)
        self.label_district.setObjectName(u"label_district")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_district)

        self.districtCombo = QComboBox(UnitForm)
        self.districtCombo.setObjectName(u"districtCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.districtCombo)

        self.error_district = QLabel(UnitForm)
        self.error_district.setObjectName(u"error_district")
        self.error_district.setWordWrap(True)
        self.error_district.setVisible(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.error_district)

        self.label_name = QLabel(UnitForm)
        self.label_name.setObjectName(u"label_name")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_name)

        self.nameEdit = QLineEdit(UnitForm)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(100)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.error_name = QLabel(UnitForm)
        self.error_name.setObjectName(u"error_name")
        self.error_name.setWordWrap(True)
        self.error_name.setVisible(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.error_name)

        self.label_kind = QLabel(UnitForm)
        self.label_kind.setObjectName(u"label_kind")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_kind)

        self.kindCombo = QComboBox(UnitForm)
        self.kindCombo.setObjectName(u"kindCombo")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.kindCombo)

        self.error_kind = QLabel(UnitForm)
        self.error_kind.setObjectName(u"error_kind")
        self.error_kind.setWordWrap(True)
        self.error_kind.setVisible(False)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.error_kind)

        self.label_categories = QLabel(UnitForm)
        self.label_categories.setObjectName(u"label_categories")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.label_categories)

        self.categoriesBox = QWidget(UnitForm)
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


        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.categoriesBox)

        self.error_categories = QLabel(UnitForm)
        self.error_categories.setObjectName(u"error_categories")
        self.error_categories.setWordWrap(True)
        self.error_categories.setVisible(False)

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.error_categories)

        self.label_credit_code = QLabel(UnitForm)
        self.label_credit_code.setObjectName(u"label_credit_code")

        self.formLayout.setWidget(8, QFormLayout.ItemRole.LabelRole, self.label_credit_code)

        self.creditCodeEdit = QLineEdit(UnitForm)
        self.creditCodeEdit.setObjectName(u"creditCodeEdit")
        self.creditCodeEdit.setMaxLength(18)

        self.formLayout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.creditCodeEdit)

        self.error_credit_code = QLabel(UnitForm)
        self.error_credit_code.setObjectName(u"error_credit_code")
        self.error_credit_code.setWordWrap(True)
        self.error_credit_code.setVisible(False)

        self.formLayout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.error_credit_code)

        self.label_address = QLabel(UnitForm)
        self.label_address.setObjectName(u"label_address")

        self.formLayout.setWidget(10, QFormLayout.ItemRole.LabelRole, self.label_address)

        self.addressEdit = QLineEdit(UnitForm)
        self.addressEdit.setObjectName(u"addressEdit")
        self.addressEdit.setMaxLength(200)

        self.formLayout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.addressEdit)

        self.error_address = QLabel(UnitForm)
        self.error_address.setObjectName(u"error_address")
        self.error_address.setWordWrap(True)
        self.error_address.setVisible(False)

        self.formLayout.setWidget(11, QFormLayout.ItemRole.FieldRole, self.error_address)

        self.label_contact = QLabel(UnitForm)
        self.label_contact.setObjectName(u"label_contact")

        self.formLayout.setWidget(12, QFormLayout.ItemRole.LabelRole, self.label_contact)

        self.contactEdit = QLineEdit(UnitForm)
        self.contactEdit.setObjectName(u"contactEdit")
        self.contactEdit.setMaxLength(30)

        self.formLayout.setWidget(12, QFormLayout.ItemRole.FieldRole, self.contactEdit)

        self.error_contact = QLabel(UnitForm)
        self.error_contact.setObjectName(u"error_contact")
        self.error_contact.setWordWrap(True)
        self.error_contact.setVisible(False)

        self.formLayout.setWidget(13, QFormLayout.ItemRole.FieldRole, self.error_contact)

        self.label_phone = QLabel(UnitForm)
        self.label_phone.setObjectName(u"label_phone")

        self.formLayout.setWidget(14, QFormLayout.ItemRole.LabelRole, self.label_phone)

        self.phoneEdit = QLineEdit(UnitForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.formLayout.setWidget(14, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.error_phone = QLabel(UnitForm)
        self.error_phone.setObjectName(u"error_phone")
        self.error_phone.setWordWrap(True)
        self.error_phone.setVisible(False)

        self.formLayout.setWidget(15, QFormLayout.ItemRole.FieldRole, self.error_phone)

        self.label_industry = QLabel(UnitForm)
        self.label_industry.setObjectName(u"label_industry")

        self.formLayout.setWidget(16, QFormLayout.ItemRole.LabelRole, self.label_industry)

        self.industryEdit = QLineEdit(UnitForm)
        self.industryEdit.setObjectName(u"industryEdit")
        self.industryEdit.setMaxLength(50)

        self.formLayout.setWidget(16, QFormLayout.ItemRole.FieldRole, self.industryEdit)

        self.error_industry = QLabel(UnitForm)
        self.error_industry.setObjectName(u"error_industry")
        self.error_industry.setWordWrap(True)
        self.error_industry.setVisible(False)

        self.formLayout.setWidget(17, QFormLayout.ItemRole.FieldRole, self.error_industry)

        self.label_worker_count = QLabel(UnitForm)
        self.label_worker_count.setObjectName(u"label_worker_count")

        self.formLayout.setWidget(18, QFormLayout.ItemRole.LabelRole, self.label_worker_count)

        self.workerCountEdit = QLineEdit(UnitForm)
        self.workerCountEdit.setObjectName(u"workerCountEdit")
        self.workerCountEdit.setMaxLength(9)

        self.formLayout.setWidget(18, QFormLayout.ItemRole.FieldRole, self.workerCountEdit)

        self.error_worker_count = QLabel(UnitForm)
        self.error_worker_count.setObjectName(u"error_worker_count")
        self.error_worker_count.setWordWrap(True)
        self.error_worker_count.setVisible(False)

        self.formLayout.setWidget(19, QFormLayout.ItemRole.FieldRole, self.error_worker_count)

        self.label_note = QLabel(UnitForm)
        self.label_note.setObjectName(u"label_note")

        self.formLayout.setWidget(20, QFormLayout.ItemRole.LabelRole, self.label_note)

        self.noteEdit = QLineEdit(UnitForm)
        self.noteEdit.setObjectName(u"noteEdit")

        self.formLayout.setWidget(20, QFormLayout.ItemRole.FieldRole, self.noteEdit)

        self.error_note = QLabel(UnitForm)
        self.error_note.setObjectName(u"error_note")
        self.error_note.setWordWrap(True)
        self.error_note.setVisible(False)

        self.formLayout.setWidget(21, QFormLayout.ItemRole.FieldRole, self.error_note)


        self.mainLayout.addLayout(self.formLayout)

        self.errorSummary = QLabel(UnitForm)
        self.errorSummary.setObjectName(u"errorSummary")
        self.errorSummary.setWordWrap(True)
        self.errorSummary.setVisible(False)

        self.mainLayout.addWidget(self.errorSummary)

        self.buttonBox = QDialogButtonBox(UnitForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_district.setBuddy(self.districtCombo)
        self.label_name.setBuddy(self.nameEdit)
        self.label_kind.setBuddy(self.kindCombo)
        self.label_credit_code.setBuddy(self.creditCodeEdit)
        self.label_address.setBuddy(self.addressEdit)
        self.label_contact.setBuddy(self.contactEdit)
        self.label_phone.setBuddy(self.phoneEdit)
        self.label_industry.setBuddy(self.industryEdit)
        self.label_worker_count.setBuddy(self.workerCountEdit)
        self.label_note.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UnitForm)

        QMetaObject.connectSlotsByName(UnitForm)
    # setupUi

    def retranslateUi(self, UnitForm):
        UnitForm.setWindowTitle(QCoreApplication.translate("UnitForm", u"\u4e94\u8fdb\u5355\u4f4d", None))
        self.label_district.setText(QCoreApplication.translate("UnitForm", u"\u53bf\u533a(&D)", None))
        self.error_district.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_district.setText("")
        self.label_name.setText(QCoreApplication.translate("UnitForm", u"\u5355\u4f4d\u540d\u79f0(&N)", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u5fc5\u586b", None))
        self.error_name.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_name.setText("")
        self.label_kind.setText(QCoreApplication.translate("UnitForm", u"\u5355\u4f4d\u6027\u8d28(&K)", None))
        self.error_kind.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_kind.setText("")
        self.label_categories.setText(QCoreApplication.translate("UnitForm", u"\u6d3b\u52a8\u5206\u7c7b", None))
        self.categoryOccupational.setText(QCoreApplication.translate("UnitForm", u"\u804c\u4e1a\u5065\u5eb7", None))
        self.categoryMental.setText(QCoreApplication.translate("UnitForm", u"\u5fc3\u7406\u5065\u5eb7", None))
        self.categoryChronic.setText(QCoreApplication.translate("UnitForm", u"\u6162\u6027\u75c5\u7ba1\u7406", None))
        self.categoryOther.setText(QCoreApplication.translate("UnitForm", u"\u5176\u4ed6\u5185\u5bb9", None))
        self.error_categories.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_categories.setText("")
        self.label_credit_code.setText(QCoreApplication.translate("UnitForm", u"\u7edf\u4e00\u793e\u4f1a\u4fe1\u7528\u4ee3\u7801(&C)", None))
        self.creditCodeEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"18 \u4f4d\uff0c\u53ef\u4e0d\u586b", None))
        self.error_credit_code.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_credit_code.setText("")
        self.label_address.setText(QCoreApplication.translate("UnitForm", u"\u5730\u5740(&A)", None))
        self.error_address.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_address.setText("")
        self.label_contact.setText(QCoreApplication.translate("UnitForm", u"\u8054\u7cfb\u4eba(&O)", None))
        self.error_contact.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_contact.setText("")
        self.label_phone.setText(QCoreApplication.translate("UnitForm", u"\u8054\u7cfb\u7535\u8bdd(&P)", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u5982 0772-2868517 \u6216 11 \u4f4d\u624b\u673a\u53f7", None))
        self.error_phone.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_phone.setText("")
        self.label_industry.setText(QCoreApplication.translate("UnitForm", u"\u884c\u4e1a(&I)", None))
        self.error_industry.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_industry.setText("")
        self.label_worker_count.setText(QCoreApplication.translate("UnitForm", u"\u804c\u5de5\u4eba\u6570(&W)", None))
        self.workerCountEdit.setPlaceholderText(QCoreApplication.translate("UnitForm", u"\u4eba\u6570\uff0c\u53ef\u4e0d\u586b", None))
        self.error_worker_count.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_worker_count.setText("")
        self.label_note.setText(QCoreApplication.translate("UnitForm", u"\u5907\u6ce8(&R)", None))
        self.error_note.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.error_note.setText("")
        self.errorSummary.setStyleSheet(QCoreApplication.translate("UnitForm", u"color: #c62828;", None))
        self.errorSummary.setText("")
    # retranslateUi

