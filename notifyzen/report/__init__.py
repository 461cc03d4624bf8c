"""The weekly focus report outside the core: reading a week's rows from the history into the
core's WeeklyReport (data), its words in the user's language (words), the report as plain text
for a terminal (text), and as PNG, PDF or HTML drawn from the window's own view, which the
caller hands in (export). What the report says is decided in notifyzen.core.report; how it looks
on screen is notifyzen.ui.report.

May import: notifyzen.core, notifyzen.desktop, notifyzen.history
"""
