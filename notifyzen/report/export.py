"""Export a weekly report as PNG, PDF or a single self-contained HTML file.

All three draw the very widgets the window shows (a ReportView laid out off screen), so an export
never disagrees with the window. The caller hands in how to make that view (`render`, e.g.
notifyzen.ui.report.export_view): the window imports this module to export, so this module does
not import the window back. PDF and HTML are for sharing and printing, so they use a light
"paper" palette whatever the desktop's; PNG follows the palette, like a screenshot. The HTML file
carries its charts as PNG data URIs and forbids loading anything (Content-Security-Policy), so it
opens the same offline, and names from notifications are escaped, never trusted as markup.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPalette, QPdfWriter
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from notifyzen.core.report import Tally, WeeklyReport
from notifyzen.desktop.i18n import active_language, translate
from notifyzen.report.words import (
    day_and_date,
    document_title,
    duration,
    figures,
    fill,
    not_running,
    of,
    suggestion_text,
    suggestions_heading,
    top_apps_title,
    top_people_title,
    week_title,
)

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView

FORMATS = (".png", ".pdf", ".html")
WIDTH = 1240  # logical pixels the view is laid out at, as in the window


@runtime_checkable
class ReportParts(Protocol):
    """What the export reads of the view `render` makes (ui.report.ReportView): its sections, for
    page breaks, and its charts as laid out, for the HTML's pictures."""

    sections: list[QWidget]
    chart_rows: list[list[QChartView]]


# (report, palette or None for the desktop's) -> the window's view of it, not yet shown
Render = Callable[[WeeklyReport, QPalette | None], QWidget]


def export(report: WeeklyReport, path: str | Path, *, render: Render) -> Path:
    """Write `report` in the format the file name asks for, drawn by the view `render` makes."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        message = translate("Report", "cannot export to %1: the name must end in .png, .pdf or .html")
        raise ValueError(fill(message, repr(target.name)))
    try:  # Qt's writers only say "could not": ask the system why, before drawing anything
        target.open("ab").close()
    except OSError as exc:
        raise OSError(exc.strerror or str(exc)) from None
    {".png": write_png, ".pdf": write_pdf, ".html": write_html}[suffix](report, target, render)
    return target


def paper_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette() if style else QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#1f1f1f"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f1f1f"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#5f5f5f"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#d0d0d0"))
    return palette


def laid_out(report: WeeklyReport, render: Render, palette: QPalette | None = None) -> QWidget:
    """The report's view at its natural height for WIDTH, realised off screen so it can be painted."""
    view = render(report, palette)
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    view.resize(WIDTH, 100)
    view.show()
    view.resize(WIDTH, view.sizeHint().height())
    QApplication.processEvents()
    return view


def _image(widget: QWidget, scale: float = 2.0) -> QImage:
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        QWidget.render(widget, painter, QPoint(0, 0))  # the widget's render, not QGraphicsView's
    finally:
        painter.end()
    return image


def _parts(view: QWidget) -> ReportParts:
    if not isinstance(view, ReportParts):
        raise TypeError(f"{type(view).__name__} has no sections and chart_rows to export")
    return view


def write_png(report: WeeklyReport, path: Path, render: Render) -> None:
    view = laid_out(report, render)
    try:
        if not _image(view).save(str(path)):  # format from the .png suffix
            raise OSError(fill(translate("Report", "could not write %1"), path))
    finally:
        view.close()
        view.deleteLater()


def write_pdf(report: WeeklyReport, path: Path, render: Render) -> None:
    """A4 portrait, vector charts; a page breaks between sections, never through a chart."""
    view = laid_out(report, render, paper_palette())
    writer = QPdfWriter(str(path))
    writer.setTitle(document_title(report.week))
    writer.setCreator("notifyzen")
    writer.setResolution(150)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(10, 10, 10, 10)
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(fill(translate("Report", "could not write %1"), path))
    try:
        page_w, page_h = writer.width(), writer.height()
        scale = page_w / WIDTH
        y = 0.0
        for section in _parts(view).sections:
            height = section.height() * scale
            if y > 0 and y + height > page_h:
                writer.newPage()
                y = 0.0
            painter.save()
            painter.translate(0, y)
            painter.scale(scale, scale)
            section.render(painter, QPoint(0, 0))
            painter.restore()
            y += height + 12 * scale
    finally:
        painter.end()
        view.close()
        view.deleteLater()


def _data_uri(image: QImage) -> str:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes, PySide wants str
    return "data:image/png;base64," + base64.b64encode(bytes(buffer.data().data())).decode("ascii")


def _row(cells: list[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>"


def _table(caption: str, tallies: tuple[Tally, ...], *, opened: bool) -> str:
    last = translate("Report", "Opened") if opened else translate("Report", "Broke through")
    head = _row(
        [
            translate("Report", "Name"),
            translate("Report", "Sent"),
            translate("Report", "Desktop"),
            translate("Report", "Phone"),
            last,
        ],
        "th",
    )
    lines = [
        f"<tr><td>{html.escape(t.name)}</td><td>{t.sent}</td><td>{t.desktop}</td><td>{t.phone}</td>"
        f"<td>{t.opened if opened else t.broke_through}</td></tr>"
        for t in tallies
    ]
    return f"<table><caption>{html.escape(caption)}</caption>{head}{''.join(lines)}</table>"


def _days_table(report: WeeklyReport) -> str:
    head = _row(
        [
            translate("Report", "Day"),
            translate("Report", "Delivered now"),
            translate("Report", "Held"),
            translate("Report", "Muted"),
            translate("Report", "Avoided in focus"),
            translate("Report", "Broke through"),
            translate("Report", "Longest focus"),
            translate("Report", "Check-ins kept"),
        ],
        "th",
    )
    lines = [
        _row(
            [
                day_and_date(d.day),
                *(str(n) for n in (d.delivered, d.held, d.muted, d.avoided, d.broke_through)),
                duration(d.longest_focus),
                of(d.checkins_kept, d.checkins_planned),
            ]
        )
        for d in report.days
    ]
    caption = html.escape(translate("Report", "Per day"))
    return f"<table><caption>{caption}</caption>{head}{''.join(lines)}</table>"


def _lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1240px;color:#1f1f1f;background:#fff}
.figures{display:grid;grid-template-columns:repeat(3,1fr);gap:12px}
.figure{border:1px solid #d0d0d0;border-radius:6px;padding:8px 12px}
.figure b{display:block;font-size:1.9em}.figure small{color:#5f5f5f}
.row{display:flex;gap:12px;margin:12px 0}.row img{flex:1 1 0;min-width:0;max-width:100%;height:auto}
table{border-collapse:collapse;margin:12px 0;min-width:50%}caption{text-align:left;font-weight:bold}
td,th{border:1px solid #d0d0d0;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
"""


def write_html(report: WeeklyReport, path: Path, render: Render) -> None:
    view = laid_out(report, render, paper_palette())
    try:
        charts = [
            "<div class='row'>"
            + "".join(
                f'<img alt="{html.escape(v.chart().title())}" width="{v.width()}" height="{v.height()}" '
                f'src="{_data_uri(_image(v))}">'
                for v in row
            )
            + "</div>"
            for row in _parts(view).chart_rows
        ]
    finally:
        view.close()
        view.deleteLater()
    cards = "".join(
        f'<div class="figure">{html.escape(c)}<b>{html.escape(v)}</b><small>{_lines(n)}</small></div>'
        for c, v, n in figures(report)
    )
    suggestions = "".join(
        f"<li>{html.escape(suggestion_text(s))}"
        + (f" ({html.escape(s.what_if)})" if s.what_if else "")
        + (f" <q>{html.escape(s.example)}</q>" if s.example is not None else "")
        + "</li>"
        for s in report.suggestions
    )
    nothing = html.escape(translate("Report", "Nothing to suggest."))
    made_by = translate("Report", "Made by notifyzen on this computer.")
    bodies = (
        translate("Report", "Includes notification texts.")
        if report.show_bodies
        else translate("Report", "No notification texts are included.")
    )
    title = html.escape(document_title(report.week))
    gaps = f"<p>{html.escape(not_running(report))}</p>" if report.not_running else ""
    page = (
        f"<!DOCTYPE html>\n<html lang=\"{active_language()}\"><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">"
        f"<meta name='viewport' content='width=device-width'><title>{title}</title>"
        f"<style>{STYLE}</style></head>"
        f"<body><h1>{html.escape(week_title(report))}</h1>{gaps}<div class='figures'>{cards}</div>"
        f"{''.join(charts)}{_days_table(report)}"
        f"{_table(top_apps_title(), report.top_apps, opened=True)}"
        f"{_table(top_people_title(), report.top_people, opened=False)}"
        f"<h2>{html.escape(suggestions_heading())}</h2><ul>{suggestions or f'<li>{nothing}</li>'}</ul>"
        f"<p><small>{html.escape(made_by)} {html.escape(bodies)}</small></p></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
