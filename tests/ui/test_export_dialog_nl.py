"""The weekly report's Export dialog is Dutch all through in a Dutch session (issue 18, item 10).

Without a desktop's file chooser (no portal, no GTK/KDE platform theme: a bare X session, Xvfb,
the offscreen platform) Qt shows its own file dialog. Qt's Dutch catalogue translates its buttons
and columns but not "&Look in:" and "Files of &type:" (Qt 6 added the shortcuts, the catalogue kept
the old texts), so it came up half English; notifyzen's catalogue fills those two in.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QHeaderView, QLabel, QWidget
from pytestqt.qtbot import QtBot

from notifyzen.desktop import i18n
from notifyzen.ui.report import ReportWindow
from tests.ui.test_report_window import W47, strava_week

# Words that are the same in Dutch, and what is no word at all.
SAME_IN_BOTH = {"Type", "Computer", "PDF (*.pdf)", "", "notifyzen-2026-W47.pdf"}


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    i18n.install(qapp, "en")


def words_of(dialog: QWidget) -> set[str]:
    """What a person reads in the dialog: labels, buttons and their tooltips, column headers."""
    found = {w.text() for w in dialog.findChildren(QLabel) if w.isVisible()}
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            found |= {button.text(), button.toolTip()}
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        if header.isVisible() and model is not None:
            found |= {str(model.headerData(i, header.orientation())) for i in range(model.columnCount())}
    return found


def export_dialog_words(qtbot: QtBot, qapp: QApplication, language: str) -> set[str]:
    i18n.install(qapp, language)
    window = ReportWindow(lambda week: strava_week(week), W47)
    qtbot.addWidget(window)
    seen: list[set[str]] = []

    def read_and_cancel() -> None:
        dialog = qapp.activeModalWidget()
        assert isinstance(dialog, QFileDialog), dialog
        seen.append(words_of(dialog))
        dialog.reject()

    QTimer.singleShot(300, read_and_cancel)
    window.export_button.click()  # the real dialog, modal until read_and_cancel answers it
    (words,) = seen
    return words


def test_the_export_dialog_is_dutch_all_through(qtbot: QtBot, english_after: QApplication) -> None:
    english = export_dialog_words(qtbot, english_after, "en")
    dutch = export_dialog_words(qtbot, english_after, "nl")
    assert {"&Look in:", "Files of &type:", "&Save", "Cancel"} <= english
    assert {"&Zoeken in:", "Bestanden van &type:", "Op&slaan", "Annuleren", "Naam", "Grootte"} <= dutch
    assert not (dutch & english) - SAME_IN_BOTH, "still English in the Dutch dialog"
