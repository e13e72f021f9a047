# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_start.ui'
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
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_FirstStartForm(object):
    def setupUi(self, FirstStartForm):
        if not FirstStartForm.objectName():
            FirstStartForm.setObjectName(u"FirstStartForm")
        FirstStartForm.resize(480, 280)
        self.mainLayout = QVBoxLayout(FirstStartForm)
        self.mainLayout.setObjectName(u"mainLayout")
        self.introLabel = QLabel(FirstStartForm)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.label_bureau = QLabel(FirstStartForm)
        self.label_bureau.setObjectName(u"label_bureau")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.label_bureau)

        self.bureauCombo = QComboBox(FirstStartForm)
        self.bureauCombo.setObjectName(u"bureauCombo")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.bureauCombo)

        self.error_bureau = QLabel(FirstStartForm)
        self.error_bureau.setObjectName(u"error_bureau")
        self.error_bureau.setWordWrap(True)
        self.error_bureau.setVisible(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.error_bureau)

        self.label_reporter = QLabel(FirstStartForm)
        self.label_reporter.setObjectName(u"label_reporter")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_reporter)

        self.reporterEdit = QLineEdit(FirstStartForm)
        self.reporterEdit.setObjectName(u"reporterEdit")
        self.reporterEdit.setMaxLength(30)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.reporterEdit)

        self.error_reporter = QLabel(FirstStartForm)
        self.error_reporter.setObjectName(u"error_reporter")
        self.error_reporter.setWordWrap(True)
        self.error_reporter.setVisible(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.error_reporter)

        self.label_reporter_phone = QLabel(FirstStartForm)
        self.label_reporter_phone.setObjectName(u"label_reporter_phone")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.label_reporter_phone)

        self.phoneEdit = QLineEdit(FirstStartForm)
        self.phoneEdit.setObjectName(u"phoneEdit")
        self.phoneEdit.setMaxLength(30)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.phoneEdit)

        self.error_reporter_phone = QLabel(FirstStartForm)
        self.error_reporter_phone.setObjectName(u"error_reporter_phone")
        self.error_reporter_phone.setWordWrap(True)
        self.error_reporter_phone.setVisible(False)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.error_reporter_phone)


        self.mainLayout.addLayout(self.formLayout)

        self.errorSummary = QLabel(FirstStartForm)
        self.errorSummary.setObjectName(u"errorSummary")
        self.errorSummary.setWordWrap(True)
        self.errorSummary.setVisible(False)

        self.mainLayout.addWidget(self.errorSummary)

        self.buttonBox = QDialogButtonBox(FirstStartForm)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.label_bureau.setBuddy(self.bureauCombo)
        self.label_reporter.setBuddy(self.reporterEdit)
        self.label_reporter_phone.setBuddy(self.phoneEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstStartForm)

        QMetaObject.connectSlotsByName(FirstStartForm)
    # setupUi

    def retranslateUi(self, FirstStartForm):
        FirstStartForm.setWindowTitle(QCoreApplication.translate("FirstStartForm", u"\u9996\u6b21\u4f7f\u7528\u8bbe\u7f6e", None))
        self.introLabel.setText(QCoreApplication.translate("FirstStartForm", u"\u6b22\u8fce\u4f7f\u7528\u67f3\u5dde\u5e02\u201c\u5341\u767e\u5343\u201d\u804c\u4e1a\u5065\u5eb7\u79d1\u666e\u5ba3\u4f20\u6d3b\u52a8\u7ba1\u7406\u8f6f\u4ef6\u3002\u8bf7\u5148\u8bf4\u660e\u672c\u8f6f\u4ef6\u7531\u54ea\u4e2a\u5355\u4f4d\u4f7f\u7528\uff0c\u4ee5\u540e\u53ef\u5728\u201c\u8bbe\u7f6e\u201d\u4e2d\u4fee\u6539\u3002", None))
        self.label_bureau.setText(QCoreApplication.translate("FirstStartForm", u"\u6240\u5c5e\u5355\u4f4d(&B)", None))
        self.error_bureau.setStyleSheet(QCoreApplication.translate("FirstStartForm", u"color: #c62828;", None))
        self.error_bureau.setText("")
        self.label_reporter.setText(QCoreApplication.translate("FirstStartForm", u"\u586b\u62a5\u4eba(&R)", None))
        self.reporterEdit.setPlaceholderText(QCoreApplication.translate("FirstStartForm", u"\u5fc5\u586b", None))
        self.error_reporter.setStyleSheet(QCoreApplication.translate("FirstStartForm", u"color: #c62828;", None))
        self.error_reporter.setText("")
        self.label_reporter_phone.setText(QCoreApplication.translate("FirstStartForm", u"\u8054\u7cfb\u7535\u8bdd(&P)", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("FirstStartForm", u"\u5982 0772-2868517 \u6216 11 \u4f4d\u624b\u673a\u53f7", None))
        self.error_reporter_phone.setStyleSheet(QCoreApplication.translate("FirstStartForm", u"color: #c62828;", None))
        self.error_reporter_phone.setText("")
        self.errorSummary.setStyleSheet(QCoreApplication.translate("FirstStartForm", u"color: #c62828;", None))
        self.errorSummary.setText("")
    # retranslateUi

