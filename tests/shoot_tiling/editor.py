"""Stands in for the user's editor: logs every key it receives."""
import sys
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv[:1]); app.setDesktopFileName("editor")
log = open(sys.argv[1], "a", buffering=1)
class Ed(QPlainTextEdit):
    def keyPressEvent(self, e):
        log.write(e.text()); log.flush(); super().keyPressEvent(e)
w = Ed(); w.setWindowTitle("editor"); w.setPlainText(""); w.show()
app.exec()
